from ..timeparse import human
from . import Rule

WEEK = 7 * 1440
FULL_WEEK = (1 << WEEK) - 1


class AlwaysPaged(Rule):
    code = "E122"
    phase = "model"
    summary = "Services of an always-paged tier page someone at every hour"
    help = (
        "A service whose tier has `always_paged: true` (tier 1 by default) needs high "
        "urgency and an escalation path with a step that reaches someone at every minute "
        "of the week: a person, or schedules whose restrictions together cover the week, "
        "in its first step (a later step waits for the delays before it). "
        "Steps mixing schedules of several time zones are checked over real dates by E130."
    )

    def check(self, ctx):
        model = ctx.model
        for svc in model.services.values():
            if not svc.always_paged:
                continue
            if svc.urgency not in ("high", "severity_based"):
                yield ctx.report(self, svc.path + ("tier",),
                                 f"tier-{svc.tier} service {svc.id!r} has {svc.urgency} "
                                 "urgency, so it does not page at every hour")
                continue
            policy = model.policies.get(svc.escalation_policy)
            covering = [i for i, s in enumerate(policy.steps) if step_covers(model, s)] \
                if policy else []
            if not covering:
                yield ctx.report(
                    self, svc.path + ("tier",),
                    f"tier-{svc.tier} service {svc.id!r} has no escalation step that pages "
                    "around the clock", "add a schedule without restrictions or a person "
                    "to its escalation policy")
            elif covering[0] > 0:
                first = covering[0]
                wait = sum(s.delay_seconds for s in policy.steps[:first])
                yield ctx.report(
                    self, svc.path + ("tier",),
                    f"tier-{svc.tier} service {svc.id!r} pages nobody for the first "
                    f"{human(wait)} of an incident outside the hours of step 1 of escalation "
                    f"policy {policy.id!r}: the first step that pages around the clock is "
                    f"step {first + 1}", "put a schedule without restrictions or a person "
                    "in step 1")


def step_covers(model, step) -> bool:
    schedules = [model.schedules[t.id] for t in step.targets if t.kind == "schedule"]
    if len(schedules) < len(step.targets):
        return True  # a person is notified at any hour
    if len({layer.zone(s.timezone) for s in schedules for layer in s.layers}) > 1:
        # Windows in different zones (several schedules, or follow-the-sun regions in
        # their own hours) shift against each other with daylight saving: the on-call
        # engine (E130, E132) checks such a step over real dates instead.
        return True
    covered = 0
    for schedule in schedules:
        covered |= schedule_coverage(schedule)
    return covered == FULL_WEEK


def schedule_coverage(schedule) -> int:
    """Minutes of the week (schedule time) in which some layer can have someone on call."""
    covered = 0
    for layer in schedule.layers:
        if layer.end is not None or not layer.people:
            continue
        if not layer.windows:
            return FULL_WEEK
        for w in layer.windows:
            days = range(7) if w.day is None else (w.day,)
            for day in days:
                start = day * 1440 + w.start_minute
                covered |= _span(start, w.duration_minutes)
    return covered


def _span(start: int, length: int) -> int:
    bits = ((1 << length) - 1) << start
    # wrap Sunday night into Monday morning
    return (bits | (bits >> WEEK)) & FULL_WEEK


RULE = AlwaysPaged()
