"""Services, their integrations, alert grouping, dependencies and business services."""

from __future__ import annotations

from ... import conventions as names
from ...timeparse import seconds
from .oncall import policy_ref
from .people import CORE, team
from .plan import Plan, Ref, team_owner

INTEGRATION_TYPES = {
    "events_api_v2": "events_api_v2_inbound_integration",
    "email": "generic_email_inbound_integration",
}


def service_ref(model, sid: str) -> Ref:
    return Ref(team_owner(model.services[sid].team), "pagerduty_service", sid)


def add_services(plan: Plan, model) -> None:
    for svc in model.services.values():
        owner = team_owner(svc.team)
        spec = svc.spec
        plan.add(owner, "pagerduty_service", svc.id, {
            "name": svc.name,
            "description": description(svc),
            "escalation_policy": policy_ref(model, svc.escalation_policy),
            "acknowledgement_timeout": _timeout(svc.acknowledgement_timeout),
            "auto_resolve_timeout": _timeout(svc.auto_resolve_timeout),
            **urgency(svc),
        }, protect=svc.prevent_destroy,
            moved_from=tuple(f"pagerduty_service.{names.tf_name(old)}"
                             for old in spec.renamed_from),
            import_id=spec.pagerduty_id)
        for iid, integration in spec.integrations.items():
            name = names.logical_id(svc.id, iid)
            ref = plan.add(owner, "pagerduty_service_integration", name, {
                "name": integration.name or names.title_from_id(iid),
                "service": service_ref(model, svc.id),
                "type": INTEGRATION_TYPES.get(integration.type),
                "vendor": integration.vendor,
                "integration_email": integration.email,
            }, moved_from=tuple(f"pagerduty_service_integration."
                                f"{names.tf_name(names.logical_id(old, iid))}"
                                for old in spec.renamed_from),
                import_id=_integration_import(spec, integration))
            plan.sensitive_outputs.setdefault(owner, {})[name] = Ref(
                owner, ref.tf_type, ref.name, "integration_key")
        if spec.alert_grouping:
            plan.add(owner, "pagerduty_alert_grouping_setting", svc.id,
                     _grouping(svc, spec.alert_grouping, service_ref(model, svc.id)))
        for dep in svc.depends_on:
            plan.add(owner, "pagerduty_service_dependency", names.logical_id(svc.id, dep), {
                "dependency": [_dependency(service_ref(model, dep), "service",
                                           service_ref(model, svc.id), "service")],
            }, import_id=_dependency_import(model.services[dep].spec.pagerduty_id, "service",
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


def description(svc) -> str:
    """The org's description, then tier and runbook link, so a responder who opens the
    service in PagerDuty sees both; `imcompile import` reads them back."""
    parts = [svc.description.strip()] if svc.description else []
    parts.append(f"Tier {svc.tier}.")
    if svc.runbook:
        parts.append(f"Runbook: {svc.runbook}")
    return " ".join(parts)


def _timeout(value: int | None) -> str:
    # The provider takes seconds as a string, and the string "null" to disable.
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
            plan.add(owner, "pagerduty_service_dependency", names.logical_id(bid, dep), {
                "dependency": [_dependency(*supporting, ref, "business_service")],
            }, import_id=_dependency_import(
                (model.services[dep].spec if dep in model.services
                 else org.business_services[dep]).pagerduty_id, supporting[1],
                b.pagerduty_dependency_ids.get(dep)))


def _business_ref(org, bid: str) -> Ref:
    b = org.business_services[bid]
    return Ref(team_owner(b.team) if b.team else CORE, "pagerduty_business_service", bid)

