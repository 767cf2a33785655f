"""The account's plan and add-ons, priorities from alert severities, the one incident
channel workflow, and matrix policies that page a parent team's manager."""

import json
import re
from pathlib import Path

from imcompile.build import render
from imcompile.validate import validate_text

CASES = Path(__file__).parent / "cases" / "terraform"
PER_TEAM = (CASES / "per-team.yaml").read_text()
SLACK = "slack:\n  workspace_id"


def with_pagerduty(text: str, settings: str) -> str:
    return text.replace(SLACK, f"pagerduty: {settings}\n{SLACK}")


def found(text: str, *codes: str) -> list[str]:
    return sorted(d.text() for d in validate_text(text).diagnostics
                  if not codes or d.code in codes)


def files_of(text: str) -> dict[str, str]:
    result = validate_text(text)
    assert result.ok, [d.text() for d in result.diagnostics]
    return render(result.model)


def resources(files, stack):
    return json.loads(files[f"terraform/{stack}/cdk.tf.json"]).get("resource", {})


def gated(line: int, col: int, what: str, plan: str, needs: str) -> str:
    return (f"org.yaml:{line}:{col}: error E157: {what}: not in the {plan!r} plan "
            f"(pagerduty.plan); it needs {needs}")


BUSINESS = "the Business plan or above"


# --- plan-gated features --------------------------------------------------------

def test_a_professional_account_is_told_each_feature_it_lacks_with_its_line():
    text = with_pagerduty(PER_TEAM, "{plan: professional}")
    assert found(text, "E157") == sorted([
        gated(6, 79, "incident priorities", "professional", BUSINESS),
        gated(6, 135, "a conditional incident workflow (the incident channel)",
              "professional", BUSINESS),
        gated(7, 79, "incident priorities", "professional", BUSINESS),
        gated(16, 28, "team hierarchy (a team's `parent`)", "professional", BUSINESS),
        gated(17, 32, "team hierarchy (a team's `parent`)", "professional", BUSINESS),
        gated(39, 72, "time-based alert grouping", "professional", BUSINESS),
    ])


def test_intelligent_grouping_needs_enterprise_or_the_aiops_addon():
    text = PER_TEAM.replace("alert_grouping: {type: time, timeout: 5m}",
                            "alert_grouping: {type: intelligent, time_window: 5m}")
    assert found(with_pagerduty(text, "{plan: business}"), "E157") == [gated(
        39, 72, "intelligent alert grouping", "business",
        "the Enterprise (Digital Operations) plan or above or the aiops add-on")]
    assert found(with_pagerduty(text, "{plan: business, addons: [aiops]}"), "E157") == []
    assert found(with_pagerduty(text, "{plan: digital_operations}"), "E157") == []


def test_observers_need_advanced_permissions_below_business():
    text = PER_TEAM.replace("ed: {name: Ed Vance, email: ed@acme.example}",
                            "ed: {name: Ed Vance, email: ed@acme.example, "
                            "pagerduty_role: observer}")
    text = text.replace("db: {name: Database, parent: eng,", "db: {name: Database,")
    text = text.replace("managers: [cy], members: [di]}",
                        "managers: [cy], members: [di], observers: [bo]}")
    lacking = [d for d in found(with_pagerduty(text, "{plan: professional}"), "E157")
               if "observer" in d]
    needs = f"{BUSINESS} or the advanced_permissions add-on"
    assert lacking == [gated(13, 64, "the 'observer' role", "professional", needs),
                       gated(17, 66, "team observers", "professional", needs)]
    unlocked = with_pagerduty(text, "{plan: professional, addons: [advanced_permissions]}")
    assert [d for d in found(unlocked, "E157") if "observer" in d] == []


def test_round_robin_in_the_matrix_is_reported_once_at_its_step():
    text = PER_TEAM.replace('- {notify: ["role:team_manager"], escalate_after: 30m}',
                            '- {notify: ["role:team_manager"], escalate_after: 30m, '
                            'round_robin: true}')
    assert [d for d in found(with_pagerduty(text, "{plan: professional}"), "E157")
            if "round-robin" in d] == [
        gated(35, 73, "round-robin escalation", "professional", BUSINESS)]


def test_an_unknown_plan_or_addon_is_refused():
    assert found(with_pagerduty(PER_TEAM, "{plan: starter}"))
    assert found(with_pagerduty(PER_TEAM, "{plan: business, addons: [magic]}"))


def test_without_a_plan_nothing_is_gated_and_the_severity_field_is_written():
    assert found(PER_TEAM, "E157") == []
    core = resources(files_of(PER_TEAM), "core")
    assert "pagerduty_incident_custom_field" in core


def test_below_business_the_severity_field_is_not_written():
    text = with_pagerduty(PER_TEAM, "{plan: professional}")
    # Only the compiler's own choice goes quietly; what the org asks for is an error.
    text = text.replace(", pagerduty_priority: P1", "").replace(
        ", pagerduty_priority: P2", "").replace(" parent: eng,", "")
    text = text.replace(", alert_grouping: {type: time, timeout: 5m}", "").replace(
        ", slack: {incident_channel: true}", "").replace(
        '    - {notify: ["role:parent_manager"]}\n', "")
    files = files_of(text)
    assert not any("custom_field" in t for r in ("core", "team-api", "team-db")
                   for t in resources(files, r))
    assert "pagerduty_incident_custom_field" in resources(
        files_of(with_pagerduty(PER_TEAM, "{plan: business}")), "core")


# --- severity -> priority -------------------------------------------------------

MAPPED = with_pagerduty(PER_TEAM, "{plan: business, priority_from_alerts: "
                                  "{critical: sev0, error: sev1}}")


def test_alert_severities_set_priority_and_severity_field_on_every_service():
    files = files_of(MAPPED)
    for team, service in (("team-api", "api"), ("team-db", "postgres")):
        orch = resources(files, team)["pagerduty_event_orchestration_service"][service]
        assert orch["service"] == f"${{pagerduty_service.{service}.id}}"
        assert orch["enable_event_orchestration_for_service"] is True
        [start] = orch["set"]
        rules = [(r["condition"][0]["expression"], r["actions"]["priority"],
                  r["actions"]["incident_custom_field_update"][0]["value"])
                 for r in start["rule"]]
        ids = "data.terraform_remote_state.core.outputs"
        assert rules == [
            ("event.severity matches 'critical'", f'${{{ids}.pagerduty_priority_ids["p1"]}}',
             "SEV0"),
            ("event.severity matches 'error'", f'${{{ids}.pagerduty_priority_ids["p2"]}}',
             "SEV1")]
    outputs = json.loads(files["terraform/core/cdk.tf.json"])["output"]
    assert outputs["pagerduty_priority_ids"]["value"]["p1"] == "${data.pagerduty_priority.p1.id}"


def test_without_a_mapping_no_orchestration_is_written():
    files = files_of(PER_TEAM)
    assert not any("pagerduty_event_orchestration_service" in resources(files, t)
                   for t in ("team-api", "team-db"))


def test_a_mapping_to_an_unknown_level_or_one_without_priority_is_an_error():
    text = with_pagerduty(PER_TEAM, "{priority_from_alerts: {critical: sev9}}")
    assert found(text) == [
        "org.yaml:42:46: error E158: unknown severity 'sev9' (did you mean 'sev1'?)"]
    text = with_pagerduty(PER_TEAM.replace(", pagerduty_priority: P2", ""),
                          "{priority_from_alerts: {error: sev1}}")
    assert found(text) == [
        "org.yaml:42:43: error E158: severity 'sev1' has no pagerduty_priority for alerts "
        "to set (give severities.sev1 a pagerduty_priority)"]


def test_a_priority_name_the_condition_cannot_quote_is_an_error():
    text = PER_TEAM.replace("pagerduty_priority: P2", "pagerduty_priority: \"P2'\"")
    assert "org.yaml:7:79: error E158: priority name \"P2'\" holds \"'\", which the " \
           "workflow condition cannot quote" in found(text)


# --- one incident channel workflow ------------------------------------------------

TWO_LEVELS = PER_TEAM.replace("pagerduty_priority: P2, response: {page: always}}",
                              "pagerduty_priority: P2, response: {page: always}, "
                              "slack: {incident_channel: true}}")


def channel_name(files) -> str:
    [workflow] = resources(files, "workflows")["pagerduty_incident_workflow"].values()
    [value] = [i["value"] for i in workflow["step"][0]["input"] if i["name"] == "Channel Name"]
    return value


def render_liquid(template: str, number: str, priority: str) -> str:
    """The Liquid the template uses, evaluated for one incident."""
    def case(m):
        return dict(re.findall(r"\{% when '([^']*)' %\}([^{]*)", m.group(1))).get(priority, "")
    out = re.sub(r"\{% case incident\.priority\.name %\}(.*?)\{% endcase %\}", case, template)
    out = out.replace("{{ incident.number }}", number)
    return out.replace('{{ incident.created_at | date: "%Y%m%d" }}', "20260105")


def test_one_workflow_and_trigger_for_every_channel_level_so_p2_to_p1_keeps_one_channel():
    files = files_of(TWO_LEVELS)
    res = resources(files, "workflows")
    assert list(res["pagerduty_incident_workflow"]) == ["incident-channel"]
    [trigger] = res["pagerduty_incident_workflow_trigger"].values()
    # One condition over both levels: P2 -> P1 keeps it true, so it does not fire again.
    assert trigger["condition"] == (
        "incident.priority matches 'P1' or incident.priority matches 'P2'")
    moved = json.loads(files["terraform/workflows/cdk.tf.json"])["moved"]
    assert {"from": "pagerduty_incident_workflow.sev0__slack-channel",
            "to": "pagerduty_incident_workflow.incident-channel"} in moved


def test_the_channel_name_carries_the_incident_number_never_the_title():
    name = channel_name(files_of(TWO_LEVELS))
    assert "incident.title" not in name
    assert render_liquid(name, "4711", "P1") == "inc-20260105-4711"


def test_the_severity_placeholder_follows_the_priority_and_names_stay_slack_valid():
    text = TWO_LEVELS.replace("manage_channels: true", "manage_channels: true\n"
                              "  conventions: {incident: 'inc-{severity}-{slug}'}")
    text = text.replace("label: SEV1,", "label: \"Sev 1!\",")
    name = channel_name(files_of(text))
    for priority, expected in (("P1", "inc-sev0-12"), ("P2", "inc-sev-1-12")):
        rendered = render_liquid(name, "12", priority)
        assert rendered == expected
        assert re.fullmatch(r"[a-z0-9_-]{1,80}", rendered)


def test_the_slack_step_action_and_inputs_come_from_the_org_file():
    text = with_pagerduty(PER_TEAM, "{incident_channel_step: {action: "
                                    "'pagerduty.com:slack:create-a-channel:5', inputs: "
                                    "{Channel visibility: Public, Pin incident: 'Yes'}}}")
    [workflow] = resources(files_of(text), "workflows")["pagerduty_incident_workflow"].values()
    step = workflow["step"][0]
    assert step["action"] == "pagerduty.com:slack:create-a-channel:5"
    assert [(i["name"], i["value"]) for i in step["input"]][2:] == [
        ("Channel visibility", "Public"), ("Pin incident", "Yes")]


# --- a parent team's manager is paged, not promoted --------------------------------

def test_the_parent_manager_is_paged_without_becoming_a_child_team_manager():
    files = files_of(PER_TEAM)
    memberships = resources(files, "core")["pagerduty_team_membership"]
    assert sorted(memberships) == ["api__ada", "api__bo", "db__cy", "db__di", "eng__ed"]
    policy = resources(files, "team-api")["pagerduty_escalation_policy"]["api-escalation"]
    last = policy["rule"][-1]["target"]
    assert last == [{"type": "user_reference",
                     "id": '${data.terraform_remote_state.core.outputs.pagerduty_user_ids'
                           '["ed"]}'}]


def test_a_convention_with_its_own_number_drops_the_title_slug():
    from imcompile.conventions import incident_channel_liquid
    assert incident_channel_liquid("inc-{number}-{slug}", "SEV1") == "inc-{{ incident.number }}"
    assert incident_channel_liquid("{slug}_{severity}", "Sev 1") == (
        "{{ incident.number }}_sev-1")
