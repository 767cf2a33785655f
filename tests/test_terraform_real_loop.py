"""What the real PagerDuty provider and API refuse or keep changing, caught before apply:
names, stack order, Slack connection priorities, escalation strategies, workflow triggers,
ended layers, tags, timeouts, descriptions, email urgency and renames."""

import json
import re
import shutil
from pathlib import Path

import pytest

from imcompile.build import render
from imcompile.diff.tfimpact import impact
from imcompile.rules.e150_provider_names import refused
from imcompile.validate import validate_file, validate_text

CASES = Path(__file__).parent / "cases" / "terraform"
PER_TEAM = (CASES / "per-team.yaml").read_text()
RENAME = (CASES / "rename.yaml").read_text()


def found(text: str, *codes: str) -> list[str]:
    return [d.text() for d in validate_text(text).diagnostics if not codes or d.code in codes]


def files_of(text: str) -> dict[str, str]:
    result = validate_text(text)
    assert result.ok, [d.text() for d in result.diagnostics]
    return render(result.model)


def stack(files, name="pagerduty"):
    return json.loads(files[f"terraform/{name}/cdk.tf.json"])


def resources(files, name="pagerduty"):
    return stack(files, name)["resource"]


# --- names the provider refuses (its util.ValidateIsAllowedString) ----------------

def test_a_policy_name_with_a_character_the_provider_refuses_is_an_error():
    text = RENAME.replace("core: {team: core, steps:",
                          "core: {name: Core L1 -> L2, team: core, steps:")
    assert found(text) == [
        "org.yaml:19:16: error E150: escalation policy name 'Core L1 -> L2' holds '>' "
        "(PagerDuty refuses \\ / & < > in escalation-policy names)"]


def test_a_matrix_policy_named_after_a_team_with_an_ampersand_is_an_error_at_the_team():
    text = PER_TEAM.replace("db: {name: Database,", "db: {name: Storage & Data,")
    assert found(text, "E150") == [
        "org.yaml:17:14: error E150: the policy the escalation matrix writes for team 'db', "
        "'Storage & Data escalation', holds '&' (PagerDuty refuses \\ / & < > in "
        "escalation-policy names)"]


def test_a_service_name_may_hold_an_ampersand_but_no_trailing_space():
    assert found(RENAME.replace("name: Invoicing", "name: Billing & Invoicing")) == []
    assert found(RENAME.replace("name: Invoicing", 'name: "Invoicing "')) == [
        "org.yaml:23:11: error E150: service name 'Invoicing ' ends with a space"]


@pytest.mark.parametrize("name, special, why", [
    ("Ops", True, ""),
    ("Ops/Web", True, "holds '/' (PagerDuty refuses \\ / & < > in escalation-policy "
                      "names)"),
    ("Ops/Web", False, ""),
    ("Ops\u00a0Web", False, "holds the non-printable character U+00A0"),
    ("Ops\tWeb", False, "holds the non-printable character U+0009"),
    ("Équipe réseau", True, ""),
    ("Ops ", False, "ends with a space"),
    ("  ", False, "is blank"),
])
def test_the_name_rule_matches_the_provider(name, special, why):
    assert refused(name, special) == why


def test_every_name_in_the_example_passes(root):
    result = validate_file(root / "org.yaml")
    assert result.ok
    doc = stack(render(result.model))
    for body in doc["resource"]["pagerduty_escalation_policy"].values():
        assert refused(body["name"], special=True) == "", body["name"]
    for body in doc["resource"]["pagerduty_service"].values():
        assert refused(body["name"], special=False) == "", body["name"]


# --- per-team stacks: an order exists, and every read is an output ----------------

# As written in the JSON file, quotes escaped.
REMOTE = re.compile(r'data\.terraform_remote_state\.([\w-]+)\.outputs\.(\w+)\[\\"([^"\\]+)\\"\]')


@pytest.fixture(scope="module")
def per_team(root, tmp_path_factory):
    """The example with `stacks: per-team`, next to the example's local runbooks."""
    folder = tmp_path_factory.mktemp("per-team")
    shutil.copytree(root / "runbooks", folder / "runbooks")
    text = (root / "org.yaml").read_text(encoding="utf-8")
    (folder / "org.yaml").write_text(text.replace("\n  stacks: single\n",
                                                  "\n  stacks: per-team\n"))
    result = validate_file(folder / "org.yaml")
    assert result.ok, [d.text() for d in result.diagnostics]
    return render(result.model)


def test_the_manifest_applies_every_stack_after_the_stacks_it_reads(per_team):
    manifest = json.loads(per_team["terraform/manifest.json"])["stacks"]
    order = [s["name"] for s in manifest]
    for entry in manifest:
        for dep in entry["depends_on"]:
            assert order.index(dep) < order.index(entry["name"]), (entry["name"], dep)
        reads = set(stack(per_team, entry["name"]).get("data", {}).get(
            "terraform_remote_state", {}))
        assert reads == set(entry["depends_on"]), entry["name"]
    teams = [n for n in order if n.startswith("team-")]
    assert teams and all(
        s["depends_on"] == ["core"] for s in manifest if s["name"] in teams), \
        "team stacks read only core, so they apply in parallel"
    assert order.index("links") > max(order.index(t) for t in teams)


def test_every_remote_state_read_is_an_output_of_the_stack_read(per_team):
    seen = 0
    for rel, text in per_team.items():
        if not rel.endswith("cdk.tf.json"):
            continue
        for home, output, key in REMOTE.findall(text):
            outputs = stack(per_team, home).get("output", {})
            assert output in outputs, f"{rel} reads {home}.{output}"
            assert key in outputs[output]["value"], f"{rel} reads {home}.{output}[{key}]"
            seen += 1
    assert seen > 50


def test_cross_team_dependencies_and_business_services_live_in_links(per_team):
    links = resources(per_team, "links")
    assert set(links) == {"pagerduty_service_dependency"}
    for name in json.loads(per_team["terraform/manifest.json"])["stacks"]:
        if name["name"].startswith("team-"):
            assert "pagerduty_service_dependency" not in resources(per_team, name["name"])


def test_teams_using_each_others_policies_cannot_be_applied():
    text = PER_TEAM.replace("postgres: {name: Postgres, team: db, tier: 1,",
                            "postgres: {name: Postgres, team: db, tier: 1, "
                            "escalation_policy: api-escalation,")
    text = text.replace("api: {name: API, team: api, tier: 1,",
                        "api: {name: API, team: api, tier: 1, escalation_policy: db-escalation,")
    assert found(text, "E151") == [
        "org.yaml:46:11: error E151: stacks team-api -> team-db -> team-api read each "
        "other's state, so none can be applied first: a team uses another team's "
        "escalation policy or schedule and the other does the same; move one of them to "
        "the team that uses it"]
    one_way = text.replace(" escalation_policy: api-escalation,", "")
    files = files_of(one_way)
    deps = {s["name"]: s["depends_on"]
            for s in json.loads(files["terraform/manifest.json"])["stacks"]}
    assert deps["team-api"] == ["core", "team-db"]


# --- Slack connections, escalation strategy, workflow triggers --------------------

def test_slack_connections_post_every_priority(per_team):
    connections = resources(per_team, "slack")["pagerduty_slack_connection"]
    assert connections
    for body in connections.values():
        assert body["config"][0]["priorities"] == ["*"]


def test_the_slack_stack_names_both_tokens(per_team):
    manifest = {s["name"]: s for s in json.loads(per_team["terraform/manifest.json"])["stacks"]}
    assert manifest["slack"]["env"] == ["PAGERDUTY_TOKEN", "PAGERDUTY_USER_TOKEN"]
    assert manifest["core"]["env"] == ["PAGERDUTY_TOKEN"]


def test_the_assignment_strategy_is_written_only_for_round_robin():
    text = RENAME.replace('steps: [{notify: ["schedule:core-primary"]}]',
                          'steps: [{notify: ["person:ada", "person:bo"], round_robin: true, escalate_after: 5m},'
                          ' {notify: ["schedule:core-primary"]}]')
    rules = resources(files_of(text))["pagerduty_escalation_policy"]["core"]["rule"]
    assert rules[0]["escalation_rule_assignment_strategy"] == {"type": "round_robin"}
    assert "escalation_rule_assignment_strategy" not in rules[1]


def test_workflow_triggers_subscribe_to_all_services_not_a_list(per_team):
    triggers = resources(per_team, "workflows")["pagerduty_incident_workflow_trigger"]
    assert triggers
    for body in triggers.values():
        assert body["subscribed_to_all_services"] is True
        assert "services" not in body
    manifest = {s["name"]: s for s in json.loads(per_team["terraform/manifest.json"])["stacks"]}
    assert manifest["workflows"]["depends_on"] == []


# --- ended layers -------------------------------------------------------------------

LAYERED = RENAME.replace("""    rotation: {every: 1w, handoff: {day: monday, time: "10:00"}, start: 2026-01-05}
    people: [ada, bo]
""", """    layers:
      old:
        rotation: {every: 1w, handoff: {day: monday, time: "10:00"}, start: 2026-01-05}
        people: [ada, bo]
        end: 2026-03-02
      new:
        rotation: {every: 1w, handoff: {day: monday, time: "10:00"}, start: 2026-03-02}
        people: [bo, ada]
""")


def layer_names(text):
    return [layer["name"] for layer in
            resources(files_of(text))["pagerduty_schedule"]["core-primary"]["layer"]]


def test_an_ended_layer_is_left_out_and_the_user_told_to_delete_it(monkeypatch):
    monkeypatch.setenv("IMCOMPILE_TODAY", "2026-03-02")
    assert found(LAYERED, "W151", "E152") == [
        "org.yaml:20:14: warning W151: layer 'old' of schedule 'core-primary' ended on "
        "2026-03-02: delete it from the file (the generated Terraform already leaves it "
        "out)"]
    assert layer_names(LAYERED) == ["New"]


def test_a_layer_ending_after_the_build_date_keeps_its_end(monkeypatch):
    monkeypatch.setenv("IMCOMPILE_TODAY", "2026-03-01")
    assert found(LAYERED, "W151", "E152") == []
    layers = resources(files_of(LAYERED))["pagerduty_schedule"]["core-primary"]["layer"]
    assert [(layer["name"], layer.get("end")) for layer in layers] == [
        ("Old", "2026-03-02T00:00:00+01:00"), ("New", None)]


def test_a_schedule_whose_every_layer_ended_is_an_error(monkeypatch):
    monkeypatch.setenv("IMCOMPILE_TODAY", "2026-03-09")
    text = LAYERED.replace("        people: [bo, ada]\n",
                           "        people: [bo, ada]\n        end: 2026-03-09\n")
    assert found(text, "E152") == [
        "org.yaml:14:3: error E152: every layer of schedule 'core-primary' has ended: add a "
        "layer or delete the schedule"]


def test_a_build_date_that_is_not_a_date_is_an_error_when_a_layer_ends(monkeypatch):
    monkeypatch.setenv("IMCOMPILE_TODAY", "next tuesday")
    assert found(LAYERED, "W151", "E152") == [
        "org.yaml:1:1: error E152: IMCOMPILE_TODAY='next tuesday' is not a date "
        "(YYYY-MM-DD): cannot tell which schedule layers have ended"]
    assert found(RENAME, "W151", "E152") == [], "no layer ends: the date is not needed"


def test_deleting_an_ended_layer_is_no_risk_and_removing_a_live_one_ends_it(monkeypatch):
    from imcompile.diff.risks import _layers_removed
    monkeypatch.setenv("IMCOMPILE_TODAY", "2026-03-02")
    without_old = LAYERED.replace(LAYERED[LAYERED.index("      old:"):
                                          LAYERED.index("      new:")], "")
    base, head = validate_text(LAYERED).model, validate_text(without_old).model
    assert _layers_removed(base, head) == []
    terraform = [{k: v for k, v in files_of(text).items() if k.startswith("terraform/")}
                 for text in (LAYERED, without_old)]
    assert terraform[0] == terraform[1], "the ended layer was already left out"
    monkeypatch.setenv("IMCOMPILE_TODAY", "2026-03-01")
    base = validate_text(LAYERED).model
    assert [r.text for r in _layers_removed(base, head)] == [
        "layer old of schedule Core Primary is removed: PagerDuty ends it when this is "
        "applied; set `end` to end it on a date instead"]


# --- smaller findings ---------------------------------------------------------------

def test_each_policy_gets_one_tier_tag_the_most_critical_it_serves():
    text = RENAME + ("  reports: {name: Reports, team: core, tier: 4}\n"
                     "  checkout: {name: Checkout, team: core, tier: 1}\n")
    res = resources(files_of(text))
    assert set(res["pagerduty_tag_assignment"]) == {"tier-1__core"}
    assert set(res["pagerduty_tag"]) == {"tier-1"}


def test_an_unset_acknowledgement_timeout_is_pagerdutys_default():
    service = resources(files_of(RENAME))["pagerduty_service"]["invoicing"]
    assert "acknowledgement_timeout" not in service
    off = RENAME.replace("    tier: 2\n", "    tier: 2\n    acknowledgement_timeout: \"off\"\n")
    assert resources(files_of(off))["pagerduty_service"]["invoicing"][
        "acknowledgement_timeout"] == "null"
    set_ = RENAME.replace("    tier: 2\n", "    tier: 2\n    acknowledgement_timeout: 45m\n")
    assert resources(files_of(set_))["pagerduty_service"]["invoicing"][
        "acknowledgement_timeout"] == "2700"


def test_descriptions_link_runbook_urls_but_not_repository_paths(root):
    doc = stack(render(validate_file(root / "org.yaml").model))
    services = doc["resource"]["pagerduty_service"]
    # A local runbook is named by its page in the published wiki (metadata.wiki_url).
    assert services["payments-api"]["description"].endswith(
        "Runbook: https://wiki.acme.example/incident-management/payments-api")
    assert services["ledger"]["description"].endswith(
        "Runbook: https://wiki.acme.example/runbooks/ledger")


def test_severity_based_urgency_with_only_email_is_a_warning():
    text = RENAME.replace("    integrations: {datadog: {name: Datadog}}",
                          "    urgency: severity_based\n"
                          "    integrations: {inbox: {type: email, email: a@acme.pagerduty.com}}")
    assert found(text) == [
        "org.yaml:27:14: warning W150: service 'invoicing' takes urgency from alert severity "
        "(tier 2), but its only integrations are email, which carries no severity: every "
        "incident is high urgency; write `urgency: high` or add an events_api_v2 "
        "integration"]
    mixed = text.replace("{inbox: {type: email, email: a@acme.pagerduty.com}}",
                         "{inbox: {type: email, email: a@acme.pagerduty.com}, events: {}}")
    assert found(mixed) == []


# --- renames move everything that belongs to the service ----------------------------

# Single stack, no managed channels (their names follow the service ID by convention).
SINGLE = PER_TEAM.replace("terraform:\n  stacks: per-team\n", "").replace(
    "  manage_channels: true\n", "")
RENAMED_ALL = SINGLE
RENAMED_ALL = RENAMED_ALL.replace(
    "  postgres: {name: Postgres, team: db, tier: 1, alert_grouping: {type: time, timeout: 5m}}",
    "  pg: {name: Postgres, team: db, tier: 1, alert_grouping: {type: time, timeout: 5m},"
    " renamed_from: [postgres], slack: {channel_id: C0PG000001}}")
RENAMED_ALL = RENAMED_ALL.replace("depends_on: [postgres]", "depends_on: [pg]")
BEFORE_RENAME = SINGLE.replace(
    "alert_grouping: {type: time, timeout: 5m}}",
    "alert_grouping: {type: time, timeout: 5m}, slack: {channel_id: C0PG000001}}")


def test_a_renamed_service_moves_its_grouping_dependencies_and_slack_connection():
    moved = [m for m in stack(files_of(RENAMED_ALL))["moved"]
             if "incident_workflow" not in m["from"]]  # the one-workflow move
    assert moved == [
        {"from": "pagerduty_alert_grouping_setting.postgres",
         "to": "pagerduty_alert_grouping_setting.pg"},
        {"from": "pagerduty_service.postgres", "to": "pagerduty_service.pg"},
        {"from": "pagerduty_service_dependency.api__postgres",
         "to": "pagerduty_service_dependency.api__pg"},
    ]
    slack = stack(files_of(RENAMED_ALL), "slack")["moved"]
    assert slack == [{"from": "pagerduty_slack_connection.service__postgres",
                      "to": "pagerduty_slack_connection.service__pg"}]


def test_the_predicted_impact_of_a_rename_is_moves_only():
    base, head = validate_text(BEFORE_RENAME).model, validate_text(RENAMED_ALL).model
    predicted = {name: st.counts() for name, st in impact(base, head).items()}
    assert predicted == {
        "pagerduty": {"create": 0, "update": 0, "replace": 0, "destroy": 0, "move": 3},
        "slack": {"create": 0, "update": 0, "replace": 0, "destroy": 0, "move": 1},
    }
