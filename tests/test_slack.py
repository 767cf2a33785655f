"""generated/slack/channels.json: the conventions expanded for every team and service,
names Slack accepts, long names shortened, clashes resolved the same way every time."""

import json

from conftest import BASE
from imcompile.generators import slack
from imcompile.slack_names import problem
from imcompile.validate import validate_file, validate_text


def channels(model) -> dict:
    return json.loads(slack.generate(model)["slack/channels.json"])


def by_owner(doc) -> dict:
    out = {("team", t["team"]): t for t in doc["teams"]}
    out.update({("service", s["service"]): s for s in doc["services"]})
    return out


def test_example_channels_are_valid_unique_and_described(root):
    model = validate_file(root / "org.yaml").model
    doc = channels(model)
    names = [c["channel"] for c in doc["teams"] + doc["services"]]
    assert len(names) == len(set(names)) == len(model.teams) + len(model.services)
    assert all(problem(n) is None for n in names)
    found = by_owner(doc)
    assert found[("team", "support")]["channel"] == "support-escalations"
    assert found[("team", "support")]["source"] == "written"
    assert found[("service", "kafka")]["channel"] == "alerts-kafka"
    assert found[("service", "kafka")]["purpose"] == "Event streaming backbone."
    assert "escalation: Platform escalation" in found[("service", "kafka")]["topic"]
    incident = doc["incident"]
    assert incident["example"] == "inc-20260105-42", "the number, as the workflow opens it"
    assert set(incident["placeholders"]) == {"date", "slug"}
    assert incident["opened_for"] == ["SEV0", "SEV1"]


CLASH = BASE.replace("defaults: {timezone: Europe/Berlin}",
                     "defaults: {timezone: Europe/Berlin}\n"
                     "slack: {conventions: {team: '{team}', service: '{service}'}}") + """\
services:
  payments: {name: Payments, team: payments, tier: 2}
  payments-2: {name: Payments Two, team: payments, tier: 2}
"""


def test_a_clash_gets_a_suffix_and_a_warning():
    result = validate_text(CLASH)
    assert result.ok
    assert [d.code for d in result.diagnostics] == ["W143"]
    assert "it becomes 'payments-3'" in result.diagnostics[0].message
    found = by_owner(channels(result.model))
    # teams claim before services; `payments-2` is taken by the service of that ID
    assert found[("team", "payments")]["channel"] == "payments"
    assert found[("service", "payments-2")]["channel"] == "payments-2"
    assert found[("service", "payments")]["channel"] == "payments-3"
    assert found[("service", "payments")]["clash"] == "payments is the channel of team 'payments'"


def test_a_written_name_claims_before_a_convention():
    text = CLASH.replace("payments-2: {name: Payments Two, team: payments, tier: 2}",
                         "other: {name: Other, team: payments, tier: 2, "
                         "slack: {channel: payments}}")
    found = by_owner(channels(validate_text(text).model))
    assert found[("service", "other")]["channel"] == "payments"
    assert found[("team", "payments")]["channel"] == "payments-2"


def test_two_written_names_that_clash_are_an_error():
    text = CLASH.replace("payments-2: {name: Payments Two, team: payments, tier: 2}",
                         "a: {name: A, team: payments, tier: 2, slack: {channel: same}}\n"
                         "  b: {name: B, team: payments, tier: 2, slack: {channel: same}}")
    result = validate_text(text)
    assert not result.ok
    assert [d.code for d in result.diagnostics if d.is_error] == ["E123"]


def test_long_names_are_shortened_leaving_room_for_a_suffix():
    prefix = "incident-alerts-for-the-service-" + "x" * 40 + "-"
    text = BASE.replace("defaults: {timezone: Europe/Berlin}",
                        "defaults: {timezone: Europe/Berlin}\n"
                        f"slack: {{conventions: {{service: '{prefix}{{service}}'}}}}") + """\
services:
  checkout-api: {name: A, team: payments, tier: 2}
  checkout-app: {name: B, team: payments, tier: 2}
"""
    result = validate_text(text)
    assert result.ok, [d.text() for d in result.diagnostics]
    found = by_owner(channels(result.model))
    api, app = found[("service", "checkout-api")], found[("service", "checkout-app")]
    assert len(api["channel"]) == 77 and api["shortened_from"].endswith("checkout-api")
    assert app["channel"] == api["channel"] + "-2"  # both cut to the same 77 characters
    assert len(app["channel"]) <= 80 and problem(app["channel"]) is None
    assert sorted(d.code for d in result.diagnostics) == ["W143", "W143", "W143"]


def test_channels_do_not_depend_on_the_order_of_the_file():
    reordered = CLASH.replace(
        "  payments: {name: Payments, team: payments, tier: 2}\n"
        "  payments-2: {name: Payments Two, team: payments, tier: 2}\n",
        "  payments-2: {name: Payments Two, team: payments, tier: 2}\n"
        "  payments: {name: Payments, team: payments, tier: 2}\n")
    assert reordered != CLASH
    assert channels(validate_text(reordered).model) == channels(validate_text(CLASH).model)
