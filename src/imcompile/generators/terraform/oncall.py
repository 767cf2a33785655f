"""Schedules and escalation policies."""

from __future__ import annotations

from .people import team, user
from .plan import Plan, Ref, team_owner


def add_schedules(plan: Plan, model) -> None:
    for s in model.schedules.values():
        plan.add(team_owner(s.team), "pagerduty_schedule", s.id, {
            "name": s.name,
            "time_zone": "Etc/UTC" if s.timezone == "UTC" else s.timezone,
            "description": s.description or None,
            "teams": [team(s.team)],
            "layer": [_layer(layer) for layer in s.layers],
        }, protect=s.prevent_destroy, import_id=model.spec.schedules[s.id].pagerduty_id)


def _layer(layer) -> dict:
    # `start` is the rotation's own anchor: stable, from the org file, in the past of
    # any compile, with an explicit UTC offset. Never "now".
    start = layer.virtual_start.isoformat()
    return {
        "name": layer.name,
        "start": start,
        "end": layer.end.isoformat() if layer.end else None,
        "rotation_virtual_start": start,
        "rotation_turn_length_seconds": layer.turn_seconds,
        "users": [user(p) for p in layer.people],
        "restriction": [_restriction(w) for w in layer.windows],
    }


def _restriction(window) -> dict:
    hh, mm = divmod(window.start_minute, 60)
    out = {
        "type": "daily_restriction" if window.day is None else "weekly_restriction",
        "start_time_of_day": f"{hh:02d}:{mm:02d}:00",
        "duration_seconds": window.duration_minutes * 60,
    }
    if window.day is not None:
        out["start_day_of_week"] = window.day + 1  # PagerDuty: Monday = 1
    return out


def schedule_ref(model, sid: str) -> Ref:
    return Ref(team_owner(model.schedules[sid].team), "pagerduty_schedule", sid)


def add_policies(plan: Plan, model) -> None:
    for p in model.policies.values():
        plan.add(team_owner(p.team), "pagerduty_escalation_policy", p.id, {
            "name": p.name,
            "description": p.description or None,
            "teams": [team(p.team)],
            "num_loops": p.repeat,
            "rule": [_rule(model, step) for step in p.steps],
        }, import_id=None if p.from_matrix else model.spec.escalation_policies[p.id].pagerduty_id)


def _rule(model, step) -> dict:
    return {
        "escalation_delay_in_minutes": max(1, step.delay_seconds // 60),
        "escalation_rule_assignment_strategy": {
            "type": "round_robin" if step.round_robin else "assign_to_everyone",
        },
        "target": [
            {"type": "user_reference", "id": user(t.id)} if t.kind == "person"
            else {"type": "schedule_reference", "id": schedule_ref(model, t.id)}
            for t in step.targets
        ],
    }


def policy_ref(model, pid: str) -> Ref:
    return Ref(team_owner(model.policies[pid].team), "pagerduty_escalation_policy", pid)
