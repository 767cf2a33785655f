"""Service dependencies `import` read from the account are adopted at the first apply:
the org file keeps their IDs and the Terraform has an import block for each."""

from __future__ import annotations

import copy
import json

import yaml
from click.testing import CliRunner

from conftest import BASE
from imcompile.build import render
from imcompile.cli import main
from imcompile.diagnostics import render as render_findings
from imcompile.pagerduty.fake_data import generate
from imcompile.pagerduty.fake_server import FakePagerDuty
from imcompile.validate import validate_file, validate_text

TOKEN = "dep-import-token-7a2c"


def test_every_dependency_of_the_account_gets_an_import_block(tmp_path):
    account = generate(teams=3, users=12, services=6)
    with FakePagerDuty(copy.deepcopy(account), token=TOKEN) as fake:
        org = tmp_path / "org.yaml"
        made = CliRunner().invoke(main, ["import", "-o", str(org), "--api-url", fake.url],
                                  env={"PAGERDUTY_TOKEN": TOKEN})
    assert made.exit_code == 0, made.output
    doc = yaml.safe_load(org.read_text(encoding="utf-8"))
    org_id = {e["pagerduty_id"]: k for section in ("services", "business_services")
              for k, e in doc[section].items()}
    files = render(validate_file(org).model)
    blocks = [b for name, text in files.items() if name.endswith("cdk.tf.json")
              for b in json.loads(text).get("import", [])
              if b["to"].startswith("pagerduty_service_dependency.")]
    expected = []
    for d in account["dependencies"]:
        supporting, dependent = d["supporting_service"], d["dependent_service"]
        kind = "business_service" if supporting["type"].startswith("business") else "service"
        expected.append({"id": f"{supporting['id']}.{kind}.{d['id']}",
                         "to": f"pagerduty_service_dependency.{org_id[dependent['id']]}__"
                               f"{org_id[supporting['id']]}"})
    assert sorted(blocks, key=str) == sorted(expected, key=str)
    assert len(blocks) == len(account["dependencies"]) > 0


DEPENDENT = BASE + """\
services:
  payments-db: {name: Payments DB, team: payments, tier: 2, pagerduty_id: PDB0001}
  payments-api:
    name: Payments API
    team: payments
    tier: 1
    depends_on: [payments-db]
    pagerduty_id: PAPI001
    pagerduty_dependency_ids: {payments-dbx: D000001}
"""


def test_a_dependency_id_for_no_dependency_is_an_error():
    result = validate_text(DEPENDENT, file="org.yaml")
    assert not result.ok
    assert render_findings(result.diagnostics, "text") == (
        "org.yaml:31:46: error E101: unknown depends_on entry 'payments-dbx' "
        "(did you mean 'payments-db'?)")


def test_without_the_supporting_service_id_there_is_no_import_block():
    text = DEPENDENT.replace("payments-dbx", "payments-db").replace(
        ", pagerduty_id: PDB0001", "")
    files = render(validate_text(text).model)
    doc = json.loads(files["terraform/pagerduty/cdk.tf.json"])
    assert [b["to"] for b in doc.get("import", [])] == ["pagerduty_service.payments-api"]
