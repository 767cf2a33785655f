"""Where a runbook is named outside the wiki (the PagerDuty service, the Slack channel's
topic), a responder gets a URL that opens: the runbook's own, or its page in the
published wiki; never a path in the org's repository."""

import json

from imcompile.build import render
from imcompile.runbooks import org_folder
from imcompile.validate import validate_file


def test_local_runbooks_are_named_by_their_published_page(root):
    model = validate_file(root / "org.yaml").model
    files = render(model, None, org_folder(str(root / "org.yaml")))
    stack = json.loads(files["terraform/pagerduty/cdk.tf.json"])
    description = stack["resource"]["pagerduty_service"]["payments-api"]["description"]
    page = "https://wiki.acme.example/incident-management/payments-api"
    assert description.endswith(f"Runbook: {page}")
    channels = json.loads(files["slack/channels.json"])
    topic = next(c["topic"] for c in channels["services"] if c["service"] == "payments-api")
    assert topic.endswith(f"runbook: {page}")
    assert "runbooks/payments-api.md" not in description + topic
