"""Schedules and escalation policies."""

from __future__ import annotations

from ... import conventions as names
from ...runbooks import today
from .people import team, user
from .plan import Plan, Ref, team_owner


def ended(layer) -> bool:
    """A layer whose `end` is on or before the build date. The provider drops ended
    layers when it reads a schedule, so a config that keeps one never converges; left
    out of the config, the provider ends it. Judged by date, not clock time, so one
    day's builds agree (IMCOMPILE_TODAY pins the date)."""
    return layer.end is not None and layer.end.date() <= today()


def regional(schedule) -> bool:
    """A follow-the-sun schedule (or a copy of one): PagerDuty reads a schedule's
    restrictions and handoffs in the schedule's one zone, so each region, which keeps
    its own local hours, is a schedule of its own in its own zone."""
    return any(layer.timezone for layer in schedule.layers)


def _zone(name: str) -> str:
    return "Etc/UTC" if name == "UTC" else name


def add_schedules(plan: Plan, model) -> None:
    for s in model.schedules.values():
        if regional(s):
            _add_regions(plan, s)
            continue
        plan.add(team_owner(s.team), "pagerduty_schedule", s.id, {
            "name": s.name,
            "time_zone": _zone(s.timezone),
            "description": s.description or None,
            "teams": [team(s.team)],
            "layer": [_layer(layer) for layer in s.layers if not ended(layer)],
        }, protect=s.prevent_destroy, import_id=model.spec.schedules[s.id].pagerduty_id)


def _add_regions(plan: Plan, s) -> None:
    for layer in s.layers:
        plan.add(team_owner(s.team), "pagerduty_schedule",
                 names.region_schedule_id(s.id, layer.id), {
                     "name": names.region_schedule_name(s.name, layer.name),
                     "time_zone": _zone(layer.zone(s.timezone)),
                     "description": s.description or None,
                     "teams": [team(s.team)],
                     "layer": [_layer(layer)],
                 }, protect=s.prevent_destroy)


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


def schedule_refs(model, sid: str) -> list[Ref]:
    """The PagerDuty schedules of one org schedule: one, or one per region."""
    s = model.schedules[sid]
    owner = team_owner(s.team)
    if regional(s):
        return [Ref(owner, "pagerduty_schedule", names.region_schedule_id(sid, layer.id))
                for layer in s.layers]
    return [Ref(owner, "pagerduty_schedule", sid)]


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
    # The strategy only where it differs from PagerDuty's default: an explicit
    # `assign_to_everyone` is refused (403) on accounts without round robin, and shows a
    # diff on every plan where the API leaves it out.
    return {
        "escalation_delay_in_minutes": max(1, step.delay_seconds // 60),
        "escalation_rule_assignment_strategy": {"type": "round_robin"}
        if step.round_robin else None,
        "target": [target for t in step.targets for target in _targets(model, t)],
    }


def _targets(model, t) -> list[dict]:
    # A follow-the-sun schedule is one target per region: PagerDuty pages the on-call
    # of every target, and a region outside its hours has nobody on call.
    if t.kind == "person":
        return [{"type": "user_reference", "id": user(t.id)}]
    return [{"type": "schedule_reference", "id": ref} for ref in schedule_refs(model, t.id)]


def policy_ref(model, pid: str) -> Ref:
    return Ref(team_owner(model.policies[pid].team), "pagerduty_escalation_policy", pid)
