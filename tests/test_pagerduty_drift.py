"""`imcompile drift`: the account against the org file, by name; exit 0, 2 or 1."""

import copy
import json

import pytest
import yaml
from click.testing import CliRunner

from imcompile.cli import main
from imcompile.pagerduty.fake_data import generate
from imcompile.pagerduty.fake_server import FakePagerDuty
from imcompile.pagerduty.yamltext import dump

TOKEN = "drift-token-5c1d"
ENV = {"PAGERDUTY_TOKEN": TOKEN}


def applied_account() -> dict:
    """The account as it is after a first apply: what the org says, and nothing else
    (the generator writes a service's description as the org has it)."""
    return generate()


APPLIED = applied_account()


@pytest.fixture
def setup(tmp_path):
    """(fake server, org file imported from it)."""
    with FakePagerDuty(copy.deepcopy(APPLIED), token=TOKEN) as fake:
        org = tmp_path / "org.yaml"
        made = CliRunner().invoke(main, ["import", "-o", str(org), "--api-url", fake.url],
                                  env=ENV)
        assert made.exit_code == 0, made.output
        yield fake, org


def drift(fake, org, *extra):
    return CliRunner().invoke(main, ["drift", str(org), "--api-url", fake.url, *extra], env=ENV)


def by_name(account, kind, name):
    return next(o for o in account[kind] if o["name"] == name)


def test_a_freshly_imported_account_is_in_sync(setup):
    fake, org = setup
    result = drift(fake, org)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{org} and PagerDuty ({fake.url}) agree:")


def test_changes_made_in_pagerduty_are_listed_by_name(setup):
    fake, org = setup
    a = fake.account
    by_name(a, "users", "Zoë Müller")["name"] = "Zoë Müller-Schmidt"
    schedule = by_name(a, "schedules", "Payments Primary")
    layer = schedule["schedule_layers"][0]  # the top layer: "Layer 2"
    gone = layer["users"].pop(1)["user"]["summary"]
    by_name(a, "escalation_policies", "Payments Escalation")[
        "escalation_rules"][0]["escalation_delay_in_minutes"] = 45
    by_name(a, "services", "Payments API")["incident_urgency_rule"] = {
        "type": "constant", "urgency": "low"}
    result = drift(fake, org)
    assert result.exit_code == 2, result.output
    out = result.output
    assert "4 different in PagerDuty" in out
    assert 'user "Zoë Müller-Schmidt" (zoe-muller, ' in out
    assert f"name: {org} has Zoë Müller; PagerDuty has Zoë Müller-Schmidt" in out
    assert 'schedule "Payments Primary" (payments-primary, ' in out
    assert f"(without {gone})" in out and "layer 'Layer 2' people:" in out
    assert "step 1 delay: " in out and "has 15; PagerDuty has 45" in out
    assert f"urgency: {org} has high; PagerDuty has low" in out


def test_objects_made_outside_the_file_and_objects_gone_from_pagerduty(setup):
    fake, org = setup
    a = fake.account
    extra = copy.deepcopy(by_name(a, "services", "Payments API"))
    extra.update(id="PSHADOW", name="Shadow Reporting", integrations=[])
    a["services"].append(extra)
    a["business_services"] = [b for b in a["business_services"] if b["name"] != "Search"]
    a["dependencies"] = [d for d in a["dependencies"]
                         if d["dependent_service"]["id"] != by_name(APPLIED, "business_services",
                                                                       "Search")["id"]]
    doc = yaml.safe_load(org.read_text(encoding="utf-8"))
    doc["people"]["new-hire"] = {"name": "Ngozi Eze", "email": "ngozi.eze@acme.example"}
    doc["teams"]["payments"]["members"].append("new-hire")
    org.write_text(dump(doc), encoding="utf-8")
    result = drift(fake, org, "--overrides-days", "0")
    assert result.exit_code == 2, result.output
    out = result.output
    assert f"In PagerDuty, not in {org} (Terraform does not manage these):" in out
    assert 'service "Shadow Reporting" (PSHADOW)' in out
    assert f"In {org}, missing from PagerDuty:" in out
    assert 'business service "Search" (search, ' in out
    assert "not found: deleted in PagerDuty, or a wrong pagerduty_id" in out
    assert 'user "Ngozi Eze" (new-hire): not in PagerDuty: the next apply creates it' in out


def test_entries_without_a_pagerduty_id_are_matched_by_email_or_name(setup):
    fake, org = setup
    doc = yaml.safe_load(org.read_text(encoding="utf-8"))
    for section in ("people", "teams", "schedules", "services"):
        for entry in doc[section].values():
            entry.pop("pagerduty_id", None)
    org.write_text(dump(doc), encoding="utf-8")
    result = drift(fake, org, "--overrides-days", "0")
    # Matched, but not adopted: the next apply would make copies (tests/test_drift_unadopted.py).
    assert result.exit_code == 2, result.output
    assert "different in PagerDuty" not in result.output
    assert "in PagerDuty, not in" not in result.output.lower()


def test_overrides_are_shown_but_are_not_drift(setup):
    fake, org = setup
    result = drift(fake, org)
    assert result.exit_code == 0
    section = result.output.split("Overrides in PagerDuty (read-only: Terraform does not "
                                  "manage overrides):\n", 1)[1].splitlines()
    first = fake.account["schedules"][0]
    names = [o["user"]["summary"] for o in fake.account["overrides"][first["id"]]]
    assert section[0].startswith(f'  schedule "{first["name"]}": {names[0]} on call ')
    assert section[0].endswith(f'({first["time_zone"]})')
    assert any(line.startswith(f'  schedule "{first["name"]}": {names[1]}') for line in section)


def test_json_and_markdown_say_the_same(setup):
    fake, org = setup
    by_name(fake.account, "teams", "Search")["description"] = "Renamed in the UI"
    report = json.loads(drift(fake, org, "--format", "json").output)
    assert report["in_sync"] is False and report["counts"] == {
        "unadopted": 0, "changed": 1, "outside": 0, "missing": 0}
    finding = report["findings"][0]
    assert (finding["type"], finding["name"], finding["org_id"]) == ("team", "Search", "search")
    assert finding["changes"] == [{"field": "description", "org": "The Search team.",
                                   "pagerduty": "Renamed in the UI"}]
    assert report["overrides"] and {"schedule", "user", "start", "end", "time_zone"} <= set(
        report["overrides"][0])
    md = drift(fake, org, "--format", "markdown")
    assert md.exit_code == 2
    assert md.output.startswith("## PagerDuty drift: 1 different in PagerDuty\n")
    assert "- **team “Search”** (`search`, " in md.output
    assert "| Schedule | On call | From | To |" in md.output


def test_an_account_just_imported_has_no_drift(tmp_path):
    """Untouched account, imported: the first apply would change nothing PagerDuty
    stores, so drift is clean (descriptions included: the tier is not written into
    them)."""
    with FakePagerDuty(generate(), token=TOKEN) as fake:
        org = tmp_path / "org.yaml"
        assert CliRunner().invoke(main, ["import", "-o", str(org), "--api-url", fake.url],
                                  env=ENV).exit_code == 0
        result = drift(fake, org, "--format", "json")
    report = json.loads(result.output)
    assert report["counts"]["changed"] == 0, report["findings"][:3]
    assert result.exit_code == 0


def test_a_description_from_an_earlier_build_reads_back_as_tier_and_runbook(tmp_path):
    """Builds before this one appended `Tier N.` and `Runbook: URL`: import reads both
    back, so the org keeps them and only the tier text leaves the description."""
    account = generate()
    account["services"][0]["description"] = "Card payments. Tier 1. Runbook: https://rb.example/p"
    with FakePagerDuty(account, token=TOKEN) as fake:
        org = tmp_path / "org.yaml"
        assert CliRunner().invoke(main, ["import", "-o", str(org), "--api-url", fake.url],
                                  env=ENV).exit_code == 0
    text = org.read_text(encoding="utf-8")
    assert "description: Card payments." in text
    assert 'runbook: "https://rb.example/p"' in text
    assert "tier: 1" in text


def test_errors_exit_1_without_a_traceback(setup, tmp_path):
    fake, org = setup
    bad = CliRunner().invoke(main, ["drift", str(org), "--api-url", fake.url],
                             env={"PAGERDUTY_TOKEN": "nope"})
    assert bad.exit_code == 1
    assert bad.stderr.strip() == "error: PagerDuty refused the token (401): check the REST API " \
        f"key in the token variable, and the account's region ({fake.url})"
    broken = tmp_path / "broken.yaml"
    broken.write_text(org.read_text(encoding="utf-8").replace("kind: Organization", "kind: Org"),
                      encoding="utf-8")
    invalid = drift(fake, broken)
    assert invalid.exit_code == 1 and "does not validate" in invalid.stderr
    assert "Traceback" not in bad.output + invalid.output
