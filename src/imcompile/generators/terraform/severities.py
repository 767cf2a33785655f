"""Severities made real in PagerDuty: priorities, the severity field, Slack workflows, tags."""

from __future__ import annotations

from ... import conventions as names
from .people import CORE
from .plan import Plan, Ref, team_owner
from .services import moves, service_ref

WORKFLOWS = "workflows"
SLACK = "slack"
CONNECTION_EVENTS = [
    "incident.triggered", "incident.acknowledged", "incident.escalated",
    "incident.resolved", "incident.reassigned", "incident.priority_updated",
    "incident.responder.added", "incident.status_update_published",
]


def priority_ref(name: str) -> Ref:
    return Ref(CORE, "data.pagerduty_priority", names.priority_id(name))


def add_severities(plan: Plan, model) -> None:
    org = model.spec
    priorities = sorted({s.pagerduty_priority for s in org.severities.values()
                         if s.pagerduty_priority})
    for name in priorities:
        # Priorities cannot be created by Terraform, only looked up by name.
        plan.add(CORE, "pagerduty_priority", names.priority_id(name), {"name": name}, data=True)
    if org.pagerduty.has_plan("business"):  # custom fields: Business and above
        _severity_field(plan, org)
    _workflow(plan, model)
    _orchestrations(plan, model)


def _severity_field(plan: Plan, org) -> None:
    field = plan.add(CORE, "pagerduty_incident_custom_field", "severity", {
        "name": "severity",
        "display_name": "Severity",
        "description": "Severity level from the organisation's ladder "
                       f"({', '.join(s.label for s in org.severities.values())}).",
        "data_type": "string",
        "field_type": "single_value_fixed",
    }, import_id=org.pagerduty.severity_field_id)
    for sid, sev in org.severities.items():
        plan.add(CORE, "pagerduty_incident_custom_field_option",
                 names.logical_id("severity", sid),
                 {"field": field, "data_type": "string", "value": sev.label})


def channel_levels(org) -> dict[str, str]:
    """Priority name -> severity label, for the levels that open an incident channel."""
    levels = {}
    for sev in org.severities.values():
        if sev.slack.incident_channel and sev.pagerduty_priority:
            levels.setdefault(sev.pagerduty_priority, sev.label)
    return levels


def _workflow(plan: Plan, model) -> None:
    """One workflow for every level that opens a channel, behind one trigger: PagerDuty
    fires a conditional trigger when its condition turns from false to true, so an
    incident moved from P2 to P1 (both opening channels) keeps its first channel
    instead of getting a second one."""
    org = model.spec
    workspace, levels = org.slack.workspace_id, channel_levels(org)
    if not workspace or not levels:
        return
    step = org.pagerduty.incident_channel_step
    labels = ", ".join(levels.values())
    workflow = plan.add(WORKFLOWS, "pagerduty_incident_workflow", "incident-channel", {
        "name": "Open an incident channel",
        "description": f"Opens a Slack channel for every {labels} incident, named by the "
                       "organisation's convention with the incident number.",
        # Inputs in one canonical order: a reordered or defaulted input is a
        # perpetual diff in plans.
        "step": [{
            "name": "Create a Slack channel",
            "action": step.action,
            "input": [
                {"name": step.workspace_input, "value": workspace},
                {"name": step.channel_name_input, "value": names.incident_channel_liquid(
                    org.slack.conventions.incident, "", by_priority=levels)},
                *({"name": k, "value": v} for k, v in step.inputs.items()),
            ],
        }],
    }, moved_from=_old_workflow(org, "pagerduty_incident_workflow"))
    plan.add(WORKFLOWS, "pagerduty_incident_workflow_trigger", "incident-channel", {
        "type": "conditional",
        "workflow": workflow,
        "condition": " or ".join(f"incident.priority matches '{p}'" for p in levels),
        # Not a list of services: the API returns it in its own order, a diff on
        # every plan (provider issues 969, 1024).
        "subscribed_to_all_services": True,
    }, moved_from=_old_workflow(org, "pagerduty_incident_workflow_trigger"))


def _old_workflow(org, tf_type: str) -> tuple[str, ...]:
    """Earlier releases wrote one workflow per level: the most severe one becomes the
    single workflow, the others are destroyed."""
    for sid, sev in org.severities.items():
        if sev.slack.incident_channel and sev.pagerduty_priority:
            return (f"{tf_type}.{names.tf_name(names.logical_id(sid, 'slack-channel'))}",)
    return ()


def _orchestrations(plan: Plan, model) -> None:
    """With `pagerduty.priority_from_alerts`, each service's orchestration sets the
    priority (and the severity field) of an incident from its first alert's severity."""
    org = model.spec
    mapping = org.pagerduty.priority_from_alerts
    if not mapping:
        return
    rules = []
    for alert, sid in mapping.items():
        sev = org.severities[sid]
        actions = {"priority": priority_ref(sev.pagerduty_priority)}
        if org.pagerduty.has_plan("business"):
            actions["incident_custom_field_update"] = [{
                "id": Ref(CORE, "pagerduty_incident_custom_field", "severity"),
                "value": sev.label,
            }]
        rules.append({"label": f"{alert} alerts open {sev.label} ({sev.name}) incidents",
                      "condition": [{"expression": f"event.severity matches '{alert}'"}],
                      "actions": actions})
    for svc in model.services.values():
        plan.add(team_owner(svc.team), "pagerduty_event_orchestration_service", svc.id, {
            "service": service_ref(model, svc.id),
            # Orchestration replaces the service's legacy event rules.
            "enable_event_orchestration_for_service": True,
            "set": [{"id": "start", "rule": rules}],
            "catch_all": {"actions": {}},
        }, moved_from=moves("pagerduty_event_orchestration_service", model, svc.id))


def add_tags(plan: Plan, model) -> None:
    """One tier tag per escalation policy: the most critical tier among the services it
    pages for, so PagerDuty's policy list can be filtered by criticality. (PagerDuty
    tags only users, teams and escalation policies; a policy with several tier tags
    would match every filter.)"""
    tiers: dict[str, int] = {}
    for svc in model.services.values():
        if svc.escalation_policy:
            pid = svc.escalation_policy
            tiers[pid] = min(tiers.get(pid, svc.tier), svc.tier)
    adopted = model.spec.pagerduty.tier_tag_ids
    tags = {tier: plan.add(CORE, "pagerduty_tag", names.tier_tag(tier),
                           {"label": names.tier_tag(tier)}, import_id=adopted.get(tier))
            for tier in sorted(set(tiers.values()))}
    for pid, tier in sorted(tiers.items()):
        owner = team_owner(model.policies[pid].team)
        plan.add(owner, "pagerduty_tag_assignment", names.logical_id(names.tier_tag(tier), pid), {
            "tag_id": tags[tier],
            "entity_type": "escalation_policies",
            "entity_id": Ref(owner, "pagerduty_escalation_policy", pid),
        }, import_id=_assignment_import(model, pid, tier))


def _assignment_import(model, pid: str, tier: int) -> str | None:
    """`escalation_policies.<policy>.<tag>`, for an assignment the account already has."""
    entry = model.spec.escalation_policies.get(pid)
    tag = model.spec.pagerduty.tier_tag_ids.get(tier)
    if entry is None or not entry.pagerduty_id or not tag or \
            tier not in entry.pagerduty_tier_tags:
        return None
    return f"escalation_policies.{entry.pagerduty_id}.{tag}"


SLACK_CHANNELS = "slack-channels"


def add_slack_channels(plan: Plan, model) -> None:
    """With `slack.manage_channels`, the team and service channels themselves, through
    the community Slack provider; existing channels of the same name are adopted."""
    from ..slack import entries
    if not model.spec.slack.manage_channels:
        return
    teams, services = entries(model)
    for kind, items in (("team", teams), ("service", services)):
        for entry in items:
            if not entry["valid"]:
                continue
            plan.add(SLACK_CHANNELS, "slack_conversation",
                     names.logical_id(kind, entry[kind]), {
                         "name": entry["channel"],
                         "topic": entry["topic"],
                         "purpose": entry["purpose"],
                         "is_private": False,
                         "action_on_destroy": "archive",
                         "adopt_existing_channel": True,
                     }, provider="slack")


def add_slack_connections(plan: Plan, model) -> None:
    org = model.spec
    workspace = org.slack.workspace_id
    if not workspace:
        return
    sources = [("team", tid, t.slack.channel_id, Ref(CORE, "pagerduty_team", tid))
               for tid, t in org.teams.items() if t.slack.channel_id]
    sources += [("service", s.id, s.slack_channel_id, service_ref(model, s.id))
                for s in model.services.values() if s.slack_channel_id]
    for kind, ident, channel, ref in sources:
        plan.add(SLACK, "pagerduty_slack_connection", names.logical_id(kind, ident), {
            "source_id": ref,
            "source_type": f"{kind}_reference",
            "workspace_id": workspace,
            "channel_id": channel,
            "notification_type": "responder",
            # Omitted or empty priorities mean "No Priority" only: P1 would never post.
            "config": [{"events": CONNECTION_EVENTS, "priorities": ["*"]}],
        }, moved_from=moves("pagerduty_slack_connection", model, kind, ident,
                            services=(1,) if kind == "service" else ()))
