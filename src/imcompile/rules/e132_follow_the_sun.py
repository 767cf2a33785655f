from ..oncall.intervals import intersect, subtract, union
from ..oncall.text import WEEK_MINUTES, week_spans
from . import Rule


class FollowTheSun(Rule):
    code = "E132"
    phase = "model"
    summary = "Follow-the-sun regions cover the week once, without gaps or overlaps"
    help = (
        "The regions of a `follow_the_sun` schedule hand the pager round the globe: "
        "their hours (in the schedule's time zone) must together cover every hour of "
        "the week, and no two may overlap, or a later region silently takes hours an "
        "earlier one thinks it has. For coverage that is meant to be partial, use "
        "`layers`."
    )

    def check(self, ctx):
        for s in ctx.model.schedules.values():
            if s.form != "follow_the_sun":
                continue
            regions = [(layer, region_minutes(layer)) for layer in s.layers]
            for i, (later, mine) in enumerate(regions):
                for earlier, theirs in regions[:i]:
                    both = union(intersect(mine, theirs))
                    if both:
                        yield ctx.report(
                            self, later.path, key=True,
                            message=f"regions {earlier.id!r} and {later.id!r} of schedule "
                            f"{s.id!r} overlap {week_spans(both)} ({s.timezone}); "
                            f"{later.id!r} is on call then",
                            hint="make one region's hours end where the next one's start")
            covered = union(span for _, mine in regions for span in mine)
            uncovered = subtract([(0, WEEK_MINUTES)], covered)
            if uncovered:
                yield ctx.report(
                    self, s.path + ("follow_the_sun",), key=True,
                    message=f"follow-the-sun schedule {s.id!r} leaves "
                    f"{week_spans(uncovered)} uncovered ({s.timezone})",
                    hint="extend a region's hours over that time")


def region_minutes(layer) -> list:
    """The minutes of the week (Monday 00:00 = 0, schedule time) a region's hours take
    (a region whose people all left is E124's, not a hole in the layout)."""
    if not layer.windows:
        return [(0, WEEK_MINUTES)]
    spans = []
    for w in layer.windows:
        for day in range(7) if w.day is None else (w.day,):
            start = day * 1440 + w.start_minute
            end = start + w.duration_minutes
            spans.append((start, min(end, WEEK_MINUTES)))
            if end > WEEK_MINUTES:  # Sunday night runs into Monday morning
                spans.append((0, end - WEEK_MINUTES))
    return union(spans)


RULE = FollowTheSun()
