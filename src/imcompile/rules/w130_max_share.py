from datetime import timedelta

from ..oncall import clock
from . import WARNING, Rule
from ._oncall import percent, rendered, window, window_words


class MaxShare(Rule):
    code = "W130"
    severity = WARNING
    phase = "model"
    summary = "Nobody carries more than oncall.max_share of a schedule"
    help = (
        "Renders each schedule over the lookahead window, stretched to whole rotation "
        "cycles so that every turn comes round equally often, and warns about a person "
        "on call for more than `oncall.max_share` of the time the schedule has anyone "
        "on call: a burnout risk, usually a short rotation or a person listed twice. "
        "A `secondary_of` copy has the same shares as its primary and is not checked "
        "again; a schedule of one person is W102's. Time is counted on the schedule's "
        "wall clock, so a daylight-saving change in the window does not make a fair "
        "rotation look unfair."
    )

    def check(self, ctx):
        model = ctx.model
        limit = ctx.spec.oncall.max_share
        for s in model.schedules.values():
            if s.form == "secondary" or len(s.people) < 2:
                continue
            span = window(ctx, [s])
            per_person = shares(model, s, span)
            covered = sum(per_person.values())
            for person, seconds in per_person.items():
                share = seconds / covered
                if share > limit + 1e-9:
                    yield ctx.report(
                        self, s.path, key=True,
                        message=f"{person!r} is on call for {exact(share, limit)} of the time "
                        f"schedule {s.id!r} covers in {window_words(model, *span)} "
                        f"(oncall.max_share is {percent(limit)})",
                        hint="add people to the rotation or raise oncall.max_share")


def shares(model, schedule, span) -> dict[str, int]:
    """Seconds on call per person, counted on the wall clock of the schedule's zone: a
    week-long turn is a week whether or not the clocks changed in it, so a fair
    rotation stays at equal shares over a window that holds a daylight-saving change."""
    tz = clock.zone(schedule.timezone)
    # The window is whole weeks of wall-clock time too, not of elapsed seconds.
    last = clock.wall(span[0], tz) + timedelta(seconds=span[1] - span[0])
    per_person: dict[str, int] = {}
    finish = max(span[1], clock.instant(last, tz))
    for b, e, who in rendered(model, schedule, span[0], finish):
        length = (min(clock.wall(e, tz), last) - clock.wall(b, tz)).total_seconds()
        per_person[who] = per_person.get(who, 0) + max(int(length), 0)
    return per_person


def exact(share: float, limit: float) -> str:
    """The share, with a decimal when the rounded one would read as the limit itself."""
    shown = percent(share)
    return f"{share * 100:.1f}%" if shown == percent(limit) else shown


RULE = MaxShare()
