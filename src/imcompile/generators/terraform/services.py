"""Services, their integrations, alert grouping, dependencies and business services."""

from __future__ import annotations

from ... import conventions as names
from ...model import tier_policy
from ...runbooks import is_url
from ...timeparse import seconds
from ..docs.runbook_pages import link as runbook_link
from .oncall import policy_ref
from .people import CORE, team
from .plan import Plan, Ref, team_owner

# Service dependencies cross teams: in the per-team layout they live in a stack applied
# after every team stack, so that no two team stacks read each other.
LINKS = "links"

INTEGRATION_TYPES = {
    "events_api_v2": "events_api_v2_inbound_integration",
    "email": "generic_email_inbound_integration",
}


def service_ref(model, sid: str) -> Ref:
    return Ref(team_owner(model.services[sid].team), "pagerduty_service", sid)


def earlier(model, sid: str) -> tuple[str, ...]:
    """A service's earlier IDs (`renamed_from`); none for anything else."""
    svc = model.services.get(sid)
    return tuple(svc.spec.renamed_from) if svc else ()


def moves(tf_type: str, model, *parts: str, services=(0,)) -> tuple[str, ...]:
    """Earlier addresses of the object named `logical_id(*parts)`: every combination of
    current and earlier IDs of the services (the parts at index `services`) in its name,
    so that a renamed service takes its integrations, grouping, dependencies and Slack
    connection along."""
    combos = [()]
    for i, part in enumerate(parts):
        olds = earlier(model, part) if i in services else ()
        combos = [c + (p,) for c in combos for p in (part,) + olds]
    return tuple(f"{tf_type}.{names.tf_name(names.logical_id(*c))}"
                 for c in combos[1:])


def add_services(plan: Plan, model) -> None:
    for svc in model.services.values():
        owner = team_owner(svc.team)
        spec = svc.spec
        plan.add(owner, "pagerduty_service", svc.id, {
            "name": svc.name,
            "description": description(svc, model.spec),
            "escalation_policy": policy_ref(model, svc.escalation_policy),
            "acknowledgement_timeout": _timeout(model, svc, "acknowledgement_timeout"),
            "auto_resolve_timeout": _timeout(model, svc, "auto_resolve_timeout"),
            **urgency(svc),
        }, protect=svc.prevent_destroy,
            moved_from=moves("pagerduty_service", model, svc.id),
            import_id=spec.pagerduty_id)
        for iid, integration in spec.integrations.items():
            name = names.logical_id(svc.id, iid)
            ref = plan.add(owner, "pagerduty_service_integration", name, {
                "name": integration.name or names.title_from_id(iid),
                "service": service_ref(model, svc.id),
                "type": INTEGRATION_TYPES.get(integration.type),
                "vendor": integration.vendor,
                "integration_email": integration.email,
            }, moved_from=moves("pagerduty_service_integration", model, svc.id, iid),
                import_id=_integration_import(spec, integration))
            plan.sensitive_outputs.setdefault(owner, {})[name] = Ref(
                owner, ref.tf_type, ref.name, "integration_key")
        if spec.alert_grouping:
            plan.add(owner, "pagerduty_alert_grouping_setting", svc.id,
                     _grouping(svc, spec.alert_grouping, service_ref(model, svc.id)),
                     moved_from=moves("pagerduty_alert_grouping_setting", model, svc.id))
        for dep in svc.depends_on:
            plan.add(LINKS, "pagerduty_service_dependency", names.logical_id(svc.id, dep), {
                "dependency": [_dependency(service_ref(model, dep), "service",
                                           service_ref(model, svc.id), "service")],
            }, moved_from=moves("pagerduty_service_dependency", model, svc.id, dep,
                                services=(0, 1)),
               import_id=_dependency_import(model.services[dep].spec.pagerduty_id, "service",
                                            spec.pagerduty_dependency_ids.get(dep)))
    _business_services(plan, model)


def _integration_import(spec, integration) -> str | None:
    """An adopted integration is imported as `service_id.integration_id`."""
    if spec.pagerduty_id and integration.pagerduty_id:
        return f"{spec.pagerduty_id}.{integration.pagerduty_id}"
    return None


def _dependency_import(supporting_id, s_type: str, dependency_id) -> str | None:
    """An adopted dependency is imported as `supporting_id.supporting_type.dependency_id`."""
    if supporting_id and dependency_id:
        return f"{supporting_id}.{s_type}.{dependency_id}"
    return None


def description(svc, org) -> str:
    """What PagerDuty stores as the service's description: the org's own text, and the
    runbook where it has a URL (its own, or its page in the published wiki: a path in
    this repository means nothing there), so a responder who opens the service finds it. The tier is not written: PagerDuty has no
    place for it, and text the org did not write would make an adopted account drift.
    An empty description is written as "" (the provider's default text would make an
    adopted service with none drift)."""
    parts = [svc.description.strip()] if svc.description else []
    url = runbook_link(org, svc.runbook) if svc.runbook else None
    if url and is_url(url):
        parts.append(f"Runbook: {url}")
    return " ".join(parts)


def _timeout(model, svc, key: str) -> str | None:
    """Seconds as a string, "null" where the org says `off`. Unsaid (by the service
    and its tier): the acknowledgement timeout is PagerDuty's default (the attribute
    is left out), while auto-resolve stays off, since resolving incidents nobody looked
    at is not a default to inherit silently."""
    said = getattr(svc.spec, key) or tier_policy(model.spec, svc.tier)[key]
    if said is None and key == "acknowledgement_timeout":
        return None
    value = getattr(svc, key)
    return "null" if value is None else str(value)


def urgency(svc) -> dict:
    if svc.urgency != "support_hours":
        return {"incident_urgency_rule": {"type": "constant", "urgency": svc.urgency}}
    hours = svc.support_hours
    return {
        "incident_urgency_rule": {
            "type": "use_support_hours",
            "during_support_hours": {"type": "constant", "urgency": "high"},
            "outside_support_hours": {"type": "constant", "urgency": "low"},
        },
        "support_hours": {
            "type": "fixed_time_per_day",
            "time_zone": hours.timezone,
            "days_of_week": [d + 1 for d in hours.days],
            "start_time": f"{hours.start}:00",
            "end_time": "23:59:59" if hours.end == "24:00" else f"{hours.end}:00",
        },
        # Only valid with high urgency in support hours and low outside them: raise the
        # urgency of open low-urgency incidents when support hours begin.
        "scheduled_actions": [{
            "type": "urgency_change",
            "to_urgency": "high",
            "at": [{"type": "named_time", "name": "support_hours_start"}],
        }],
    }


def _grouping(svc, grouping, service: Ref) -> dict:
    config = {
        "timeout": _seconds(grouping.timeout) if grouping.type == "time" else None,
        "time_window": _seconds(grouping.time_window) if grouping.type != "time" else None,
        "fields": grouping.fields if grouping.type.startswith("content") else None,
        "aggregate": grouping.aggregate if grouping.type.startswith("content") else None,
    }
    return {
        "name": f"{svc.name} alert grouping",
        "type": grouping.type,
        "services": [service],
        "config": {k: v for k, v in config.items() if v is not None},
    }


def _seconds(duration: str | None) -> int | None:
    return None if duration is None else seconds(duration)


def _dependency(supporting: Ref, s_type: str, dependent: Ref, d_type: str) -> dict:
    return {
        "supporting_service": [{"id": supporting, "type": s_type}],
        "dependent_service": [{"id": dependent, "type": d_type}],
    }


def _business_services(plan: Plan, model) -> None:
    org = model.spec
    for bid, b in org.business_services.items():
        owner = team_owner(b.team) if b.team else CORE
        ref = plan.add(owner, "pagerduty_business_service", bid, {
            "name": b.name,
            "description": b.description,
            "point_of_contact": b.point_of_contact,
            "team": team(b.team) if b.team else None,
        }, import_id=b.pagerduty_id)
        for dep in b.depends_on:
            supporting = (service_ref(model, dep), "service") if dep in model.services else (
                _business_ref(org, dep), "business_service")
            plan.add(LINKS, "pagerduty_service_dependency", names.logical_id(bid, dep), {
                "dependency": [_dependency(*supporting, ref, "business_service")],
            }, moved_from=moves("pagerduty_service_dependency", model, bid, dep,
                                services=(1,)),
               import_id=_dependency_import(
                   (model.services[dep].spec if dep in model.services
                    else org.business_services[dep]).pagerduty_id, supporting[1],
                   b.pagerduty_dependency_ids.get(dep)))


def _business_ref(org, bid: str) -> Ref:
    b = org.business_services[bid]
    return Ref(team_owner(b.team) if b.team else CORE, "pagerduty_business_service", bid)

