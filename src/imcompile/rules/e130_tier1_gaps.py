from datetime import datetime, time

from ..oncall import clock
from ..oncall.intervals import subtract, total, union
from ..oncall.text import stretch
from ..runbooks import today
from ..timeparse import human
from . import Rule
from ._oncall import rendered, window, window_words
from .e122_always_paged import step_covers


class Tier1Gaps(Rule):
    code = "E130"
    phase = "model"
    summary = "Always-paged services reach someone at every moment of the lookahead window"
    help = (
        "Renders the schedules of an always-paged (tier-1) service's escalation policy "
        "over the next `oncall.lookahead_weeks` weeks from the latest rotation start in "
        "the file, and as long again from today (the build date; from today to the "
        "window's end when a rotation starts later), with handoffs, restrictions, layer "
        "ends and daylight saving applied, and reports the times when no step reaches anyone. E122 checks the weekly "
        "pattern of restrictions; this catches what only shows on the calendar: layers "
        "that end or have not started, schedules in different time zones, and hours "
        "that daylight-saving changes open up."
    )

    def check(self, ctx):
        model = ctx.model
        for svc in model.services.values():
            policy = model.policies.get(svc.escalation_policy)
            if not _applies(model, svc, policy):
                continue
            sids = dict.fromkeys(t.id for step in policy.steps for t in step.targets)
            schedules = [model.schedules[sid] for sid in sids]
            found = window(ctx, schedules)
            if found is None:
                continue
            for begin, finish, words in _windows(model, *found):
                covered = union(item for s in schedules
                                for item in rendered(model, s, begin, finish))
                gaps = subtract([(begin, finish)], covered)
                if gaps:
                    yield self._report(ctx, svc, policy, gaps, words)
                    break

    def _report(self, ctx, svc, policy, gaps, words):
        tz = clock.zone(ctx.model.timezone)
        first = stretch(clock.aware(gaps[0][0], tz), clock.aware(gaps[0][1], tz))
        return ctx.report(
            self, svc.path, key=True,
            message=f"tier-{svc.tier} service {svc.id!r} pages nobody for "
            f"{human(total(gaps))} in {words}: first "
            f"{first} (escalation policy {policy.id!r} reaches no one then)",
            hint="cover that time in one of the policy's schedules, or add a "
            "step that notifies a person")


def _windows(model, begin: int, finish: int):
    """The window from the latest rotation start, then the same length from today when
    today lies after it; from today to its end when a rotation starts after today."""
    start = _today_start(model)
    if start is not None and start < begin:
        yield start, finish, f"the time from {_day(model, start)} to {_day(model, finish)}"
        return
    yield begin, finish, window_words(model, begin, finish)
    if start is not None and start > finish:
        length = finish - begin
        yield start, start + length, window_words(model, start, start + length)


def _today_start(model) -> int | None:
    """Midnight of the build date in the org's zone (None: IMCOMPILE_TODAY is not a date)."""
    try:
        day = today()
    except ValueError:
        return None
    return clock.instant(datetime.combine(day, time()), clock.zone(model.timezone))


def _day(model, moment: int) -> str:
    return clock.aware(moment, clock.zone(model.timezone)).date().isoformat()


def _applies(model, svc, policy) -> bool:
    """Always-paged, and not already reported by E122; a person step is always there."""
    if not svc.always_paged or policy is None or svc.urgency not in ("high", "severity_based"):
        return False
    if not any(step_covers(model, step) for step in policy.steps):
        return False
    return not any(t.kind == "person" for step in policy.steps for t in step.targets)


RULE = Tier1Gaps()
