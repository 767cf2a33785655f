from ..oncall.coverage import analyse
from ..oncall.text import week_spans
from . import Rule
from ._oncall import reference


class FollowTheSun(Rule):
    code = "E132"
    phase = "model"
    summary = "Follow-the-sun regions cover every hour of the year, without overlapping every week"
    help = (
        "The regions of a `follow_the_sun` schedule hand the pager round the globe. "
        "Each region's hours are read in its own `timezone` and it becomes a PagerDuty "
        "schedule of its own, so it keeps its local hours when clocks change. Together "
        "the regions must cover every hour of every week of the year checked: a gap that "
        "only opens while the regions' clocks disagree (between the US and the European "
        "clock changes, or all summer beside a zone without daylight saving) is reported "
        "with its dates. Two regions whose hours overlap every week are refused too; an "
        "overlap that only a clock change makes pages both regions then and is not "
        "reported. For coverage that is meant to be partial, use `layers`."
    )

    def check(self, ctx):
        start = reference(ctx.model)
        if start is None:
            return
        for s in ctx.model.schedules.values():
            if s.form != "follow_the_sun" or not s.layers:
                continue
            gaps, overlaps = analyse(s, start)
            for (earlier, later), found in overlaps.items():
                if found.weekly:
                    layer = next(x for x in s.layers if x.id == later)
                    yield ctx.report(
                        self, layer.path, key=True,
                        message=f"regions {earlier!r} and {later!r} of schedule {s.id!r} "
                        f"overlap {week_spans(found.weekly)} ({s.timezone}); both "
                        "are paged then",
                        hint="make one region's hours end where the next one's start")
            if gaps.weekly or gaps.seasonal:
                yield ctx.report(
                    self, s.path + ("follow_the_sun",), key=True,
                    message=f"follow-the-sun schedule {s.id!r} "
                    f"{_gap_words(gaps, s.timezone)}",
                    hint=_gap_hint(gaps))


def _gap_words(gaps, zone: str) -> str:
    seasons = "; ".join(season.words() for season in gaps.seasonal[:3])
    more = len(gaps.seasonal) - 3
    seasons += f"; and {more} more times" if more > 0 else ""
    if not gaps.seasonal:
        return f"leaves {week_spans(gaps.weekly)} uncovered ({zone})"
    if not gaps.weekly:
        return f"leaves hours uncovered while its regions' clocks disagree ({zone}): {seasons}"
    return (f"leaves {week_spans(gaps.weekly)} uncovered ({zone}), and more while its "
            f"regions' clocks disagree: {seasons}")


def _gap_hint(gaps) -> str:
    if gaps.weekly:
        return "extend a region's hours over that time"
    return ("the regions' clocks change on different dates then: extend a region's "
            "hours by the hour, or write one region's hours in another's time zone")


RULE = FollowTheSun()
