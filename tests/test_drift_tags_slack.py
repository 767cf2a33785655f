"""`drift` compares the tier tags, the incident-channel workflow with its trigger, and
the Slack connections (through PagerDuty's Slack API, with a user token); `import`
reads the tier tags back as service tiers."""

from __future__ import annotations

import copy
import json
import re

import pytest
import yaml
from click.testing import CliRunner

from imcompile.cli import main
from imcompile.generators import terraform
from imcompile.pagerduty.fake_data import generate
from imcompile.pagerduty.fake_server import FakePagerDuty
from imcompile.pagerduty.yamltext import dump
from imcompile.validate import validate_file

TOKEN, USER_TOKEN = "drift-tags-41aa", "user-token-9f02"
ENV = {"PAGERDUTY_TOKEN": TOKEN, "PAGERDUTY_USER_TOKEN": USER_TOKEN}
WORKSPACE = "T0SLACK01"


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """(account, org text) as `import` writes it from the generated account."""
    account = generate(teams=4, users=30, services=12)
    path = tmp_path_factory.mktemp("imported") / "org.yaml"
    with FakePagerDuty(copy.deepcopy(account), token=TOKEN) as fake:
        made = CliRunner().invoke(main, ["import", "-o", str(path), "--api-url", fake.url],
                                  env=ENV)
    assert made.exit_code == 0, made.output
    return account, path.read_text(encoding="utf-8")


def drift(account, org, *extra, env=ENV, user_token=USER_TOKEN):
    with FakePagerDuty(account, token=TOKEN, user_token=user_token) as fake:
        result = CliRunner().invoke(main, ["drift", str(org), "--api-url", fake.url,
                                           "--overrides-days", "0", *extra], env=env)
    return result


def named(account, kind, name):
    return next(o for o in account[kind] if o.get("name") == name)


def tag(account, label):
    return next(t for t in account["tags"] if t["label"] == label)


# --- tags ------------------------------------------------------------------------

def test_import_reads_tier_tags_back_as_service_tiers(imported):
    account, text = imported
    doc = yaml.safe_load(text)
    policy_ids = {p["pagerduty_id"]: pid for pid, p in doc["escalation_policies"].items()}
    labels = {t["id"]: t["label"] for t in account["tags"]}
    tier_of = {policy_ids[a["entity_id"]]: int(labels[a["tag_id"]].split("-")[1])
               for a in account["tag_assignments"]}
    assert set(tier_of.values()) == {2, 3}
    for sid, service in doc["services"].items():
        assert service["tier"] == tier_of[service["escalation_policy"]], sid


def test_tags_as_a_build_assigns_them_are_in_sync(imported, tmp_path):
    account, text = imported
    org = tmp_path / "org.yaml"
    org.write_text(text, encoding="utf-8")
    result = drift(copy.deepcopy(account), org)
    assert result.exit_code == 0, result.output


def test_a_removed_tag_a_missing_assignment_and_a_stray_tier_are_drift(imported, tmp_path):
    account, text = imported
    org = tmp_path / "org.yaml"
    org.write_text(text, encoding="utf-8")
    a = copy.deepcopy(account)
    tier3 = tag(a, "tier-3")
    tagged3 = [x["entity_id"] for x in a["tag_assignments"] if x["tag_id"] == tier3["id"]]
    first = next(p for p in a["escalation_policies"] if p["id"] == tagged3[0])
    # One policy loses its tier-3 tag and gets a tier-2 one by hand.
    a["tag_assignments"] = [x for x in a["tag_assignments"]
                            if not (x["entity_id"] == first["id"] and x["tag_id"] == tier3["id"])]
    a["tag_assignments"].append({"tag_id": tag(a, "tier-2")["id"],
                                 "entity_type": "escalation_policies", "entity_id": first["id"]})
    result = drift(a, org)
    assert result.exit_code == 2, result.output
    out = result.output
    assert f'tag assignment "tier-3 on {first["name"]}" ({first["id"]}): the next apply ' \
           "assigns it" in out
    assert f'tag assignment "tier-2 on {first["name"]}" ({first["id"]}): a tier the org ' \
           "file does not give this policy" in out
    # The tag itself deleted in PagerDuty: the next apply creates it again.
    a["tags"] = [t for t in a["tags"] if t["label"] != "tier-3"]
    a["tag_assignments"] = [x for x in a["tag_assignments"] if x["tag_id"] != tier3["id"]]
    out = drift(a, org).output
    assert 'tag "tier-3" (tier-3): not in PagerDuty: the next apply creates it' in out
    assert out.count('tag assignment "tier-3 on ') == len(tagged3)


def test_tags_are_read_per_tier_not_per_policy(imported, tmp_path):
    account, text = imported
    org = tmp_path / "org.yaml"
    org.write_text(text, encoding="utf-8")
    with FakePagerDuty(copy.deepcopy(account), token=TOKEN) as fake:
        CliRunner().invoke(main, ["drift", str(org), "--api-url", fake.url,
                                  "--overrides-days", "0"], env=ENV)
        assert fake.count("/tags/") == len(account["tags"])
        assert fake.count("/escalation_policies/") == 0


# --- the channel workflow and the Slack connections ---------------------------------

def slack_org(text: str, path) -> tuple[str, object]:
    """The imported org with a Slack workspace, channels for the first team and service,
    and incident channels for the two most severe levels."""
    doc = yaml.safe_load(text)
    doc["slack"] = {"workspace_id": WORKSPACE}
    team = sorted(doc["teams"])[0]
    doc["teams"][team]["slack"] = {"channel_id": "C0TEAM001"}
    service = sorted(doc["services"])[0]
    doc["services"][service]["slack"] = {"channel_id": "C0SERV001"}
    for sid in ("sev0", "sev1"):
        doc["severities"][sid]["slack"] = {"incident_channel": True}
    path.write_text(dump(doc), encoding="utf-8")
    checked = validate_file(str(path))
    assert checked.ok, [d.message for d in checked.diagnostics]
    return checked.model


def applied(account: dict, model) -> dict:
    """The account after an apply of `model`'s workflow, trigger and connections, in the
    shapes PagerDuty's APIs answer with (the workflow's action lists a default input too)."""
    a = copy.deepcopy(account)
    ids = {(t["name"]): t["id"] for t in a["teams"]}
    ids.update({s["name"]: s["id"] for s in a["services"]})
    plan = terraform.plan(model)
    for r in plan.resources:
        x = r.attrs
        if r.tf_type == "pagerduty_incident_workflow":
            a["incident_workflows"].append({
                "id": "PWFLOW1", "type": "incident_workflow", "name": x["name"],
                "description": x["description"], "steps": [{
                    "id": f"PSTEP{n}", "type": "step", "name": s["name"],
                    "action_configuration": {"action_id": s["action"], "inputs": [
                        *({"name": i["name"], "parameter_type": "text", "value": i["value"]}
                          for i in s["input"]),
                        {"name": "Private", "parameter_type": "boolean", "value": "false"}]}}
                    for n, s in enumerate(x["step"])]})
        elif r.tf_type == "pagerduty_incident_workflow_trigger":
            a["workflow_triggers"].append({
                "id": "4ad696eb-0000", "type": "workflow_trigger", "trigger_type": x["type"],
                "condition": x["condition"], "workflow": {"id": "PWFLOW1"},
                "is_subscribed_to_all_services": x["subscribed_to_all_services"],
                "services": []})
        elif r.tf_type == "pagerduty_slack_connection":
            source = model.spec.teams.get(x["source_id"].name)
            source_name = source.name if source else model.services[x["source_id"].name].name
            a["slack_connections"].append({
                "id": f"SC{len(a['slack_connections'])}", "workspace_id": WORKSPACE,
                "source_id": ids[source_name], "source_name": source_name,
                "source_type": x["source_type"], "channel_id": x["channel_id"],
                "channel_name": "a-channel", "notification_type": x["notification_type"],
                "config": {"events": list(reversed(x["config"][0]["events"])),
                           "priorities": x["config"][0]["priorities"], "urgency": None}})
    return a


@pytest.fixture
def with_slack(imported, tmp_path):
    account, text = imported
    org = tmp_path / "org.yaml"
    model = slack_org(text, org)
    return applied(account, model), org


def test_the_applied_workflow_trigger_and_connections_are_in_sync(with_slack):
    account, org = with_slack
    assert len(account["slack_connections"]) == 2 and account["incident_workflows"]
    result = drift(account, org, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["in_sync"] and report["not_compared"] == []


def test_workflow_trigger_and_connection_changes_are_drift(with_slack):
    account, org = with_slack
    steps = account["incident_workflows"][0]["steps"][0]["action_configuration"]["inputs"]
    channel_input = steps[1]
    channel_input["value"] = "incident-{{incident.number}}"
    account["workflow_triggers"][0]["condition"] = "incident.priority matches 'P1'"
    team_connection = account["slack_connections"][0]
    team_connection["config"]["priorities"] = []
    account["slack_connections"].pop(1)
    account["incident_workflows"].append({"id": "PWFLOW2", "type": "incident_workflow",
                                          "name": "Page the CEO", "steps": []})
    result = drift(account, org)
    assert result.exit_code == 2, result.output
    out = result.output
    assert 'incident workflow "Open an incident channel" (incident-channel, PWFLOW1)' in out
    assert f"step 1 input {channel_input['name']!r}: {org} has " in out
    assert "PagerDuty has incident-{{incident.number}}" in out
    assert 'workflow trigger "Open an incident channel (conditional)"' in out
    assert f"condition: {org} has incident.priority matches 'P1' or incident.priority " \
           "matches 'P2'; PagerDuty has incident.priority matches 'P1'" in out
    assert f"priorities: {org} has *; PagerDuty has (none) (without *)" in out
    assert 'Slack connection "' in out and "→ C0SERV001" in out \
        and "not in PagerDuty: the next apply creates it" in out
    assert 'incident workflow "Page the CEO" (PWFLOW2)' in out


def test_a_deleted_workflow_is_missing_with_its_trigger_left_unreported(with_slack):
    account, org = with_slack
    account["incident_workflows"].clear()
    account["workflow_triggers"].clear()
    out = drift(account, org).output
    assert 'incident workflow "Open an incident channel" (incident-channel): not in ' \
           "PagerDuty: the next apply creates it" in out
    assert "workflow trigger" not in out


def test_without_a_user_token_the_connections_are_not_compared_and_the_report_says_so(
        with_slack):
    account, org = with_slack
    account["slack_connections"].clear()
    result = drift(account, org, env={"PAGERDUTY_TOKEN": TOKEN})
    assert result.exit_code == 0, result.output
    assert "Not compared:\n  Slack connections: PAGERDUTY_USER_TOKEN is not set " \
           "(PagerDuty's Slack API takes a user API token, not the account key)" in result.output
    md = drift(account, org, "--format", "markdown", env={"PAGERDUTY_TOKEN": TOKEN}).output
    assert "### Not compared" in md


def test_the_slack_api_refuses_the_account_key_in_one_line(with_slack):
    account, org = with_slack
    result = drift(account, org, env={**ENV, "PAGERDUTY_USER_TOKEN": TOKEN})
    assert result.exit_code == 1
    assert re.fullmatch(
        r"error: PagerDuty's Slack API refused the user token \(401\): it needs a user API "
        r"token of an Owner or Global Admin \(http://127\.0\.0\.1:\d+/integration-slack\)\n",
        result.output), result.output
    assert TOKEN not in result.output


def test_slack_api_address_follows_the_region():
    from imcompile.pagerduty.client import slack_url
    assert slack_url("https://api.pagerduty.com") == \
        "https://app.pagerduty.com/integration-slack"
    assert slack_url("https://api.eu.pagerduty.com") == \
        "https://app.eu.pagerduty.com/integration-slack"
    assert slack_url("http://127.0.0.1:8080") == "http://127.0.0.1:8080/integration-slack"


def test_existing_tier_tags_and_assignments_are_adopted_not_created(imported, tmp_path):
    """PagerDuty keeps tag labels unique: the build imports the account's tier tags and
    the assignments it already has, and adds only an assignment that is new."""
    account, text = imported
    doc = yaml.safe_load(text)
    tag_ids = {int(t["label"].split("-")[1]): t["id"] for t in account["tags"]}
    assert doc["pagerduty"]["tier_tag_ids"] == tag_ids
    policies = doc["escalation_policies"]
    tagged = {pid: p["pagerduty_tier_tags"] for pid, p in policies.items()
              if p.get("pagerduty_tier_tags")}
    assert len(tagged) == len(account["tag_assignments"])
    # One policy's services become tier 1: its assignment is new, not adopted.
    moved = sorted(tagged)[0]
    for service in doc["services"].values():
        if service["escalation_policy"] == moved:
            service["tier"] = 1
    org = tmp_path / "org.yaml"
    org.write_text(dump(doc), encoding="utf-8")
    checked = validate_file(str(org))
    imports = {r.name: r.import_id for r in terraform.plan(checked.model).resources
               if r.tf_type in ("pagerduty_tag", "pagerduty_tag_assignment")}
    assert imports["tier-2"] == tag_ids[2] and imports["tier-3"] == tag_ids[3]
    assert imports["tier-1"] is None  # no such tag in the account: created
    for pid, tiers in tagged.items():
        name = f"tier-{tiers[0]}__{pid}"
        if pid == moved:
            assert name not in imports and imports[f"tier-1__{pid}"] is None
        else:
            assert imports[name] == (f"escalation_policies.{policies[pid]['pagerduty_id']}."
                                     f"{tag_ids[tiers[0]]}")


def test_a_missing_trigger_and_a_second_trigger_of_the_workflow_are_drift(with_slack):
    account, org = with_slack
    trigger = account["workflow_triggers"].pop()
    out = drift(copy.deepcopy(account), org).output
    assert 'workflow trigger "Open an incident channel (conditional)" (incident-channel): ' \
           "not in PagerDuty: the next apply creates it" in out
    account["workflow_triggers"] = [trigger, {**trigger, "id": "second-trigger"}]
    out = drift(account, org).output
    assert 'workflow trigger "Open an incident channel (conditional)" (second-trigger): ' \
           "a second trigger of the same workflow" in out
    assert "Different in PagerDuty" not in out


def test_a_user_token_variable_that_cannot_be_one_is_refused_in_one_line(with_slack):
    account, org = with_slack
    result = drift(account, org, "--user-token-env", "USER TOKEN")
    assert result.exit_code == 1
    assert result.output == ("error: --user-token-env: 'USER TOKEN' is not an environment "
                             "variable name\n")
