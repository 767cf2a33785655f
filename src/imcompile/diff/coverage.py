"""New coverage gaps, as risks only where coverage is promised.

A schedule without restrictions promises 24×7: any new gap in it is a risk. A
restricted schedule (business hours, one region) promises nothing outside its hours,
unless it is in the first step of an escalation policy that a high-urgency service
pages at all hours: then a new gap is a risk where that whole first step has nobody."""

from __future__ import annotations

from ..oncall import render
from ..oncall.intervals import intersect, subtract, union
from .risks import Risk
from .when import merge, more_times

SHOWN = 2  # ranges named in the risk; the rest are counted


def _fresh(before, after) -> list[tuple]:
    old = union([(g.start, g.end) for g in before.gaps]) if before is not None else []
    return subtract([(g.start, g.end) for g in after.gaps], old)


def _always_paged(model, policy_id) -> list[str]:
    return [s.name for s in model.services.values()
            if s.escalation_policy == policy_id and s.urgency == "high"]


def _step_gaps(model, step, begin, end) -> list[tuple]:
    """Where the step has nobody: a person target always answers."""
    if any(t.kind == "person" for t in step.targets):
        return []
    covered = []
    for t in step.targets:
        if t.kind == "schedule" and t.id in model.schedules:
            covered += [(s.start, s.end) for s in
                        render(model.schedules[t.id], begin, end).shifts]
    return subtract([(begin, end)], union(covered))


def _promised(model, sid, begin, end) -> list[tuple[list, str]]:
    """(where coverage is promised, why) for schedule `sid` of `model`."""
    schedule = model.schedules[sid]
    if all(not layer.windows for layer in schedule.layers):
        return [([(begin, end)], "it has no restrictions (24×7)")]
    out = []
    for policy in model.policies.values():
        first = policy.steps[0] if policy.steps else None
        services = _always_paged(model, policy.id)
        if first is None or not services or not any(
                t.kind == "schedule" and t.id == sid for t in first.targets):
            continue
        out.append((_step_gaps(model, first, begin, end),
                    f"it is the first step of {policy.name}, which {services[0]} pages "
                    "at all hours"))
    return out


def risks(model, sid, label, before, after, begin, end) -> list[Risk]:
    if after is None:
        return []
    fresh = _fresh(before, after)
    for where, why in _promised(model, sid, begin, end) if fresh else []:
        risky = intersect(fresh, union(where))
        if risky:
            ranges = merge([(a, b, None) for a, b in risky], after.timezone)
            shown = "; ".join(r["when"] for r in ranges[:SHOWN])
            more = len(ranges) - SHOWN
            return [Risk("danger", f"schedule {label} gets a coverage gap where {why}: "
                         f"nobody is on call {shown}"
                         + more_times(more))]
    return []
