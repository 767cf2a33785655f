"""Follow-the-sun coverage over a year: which hours no region holds, or two hold, and
whether that is so every week or only while the regions' clocks disagree.

Each region's hours are wall-clock in its own zone (it is a PagerDuty schedule of its
own), so three regions that meet exactly in January can leave an hour uncovered from
the second Sunday of March, when the US changes its clocks, to the last, when Europe
does. Times are put back on the schedule's wall clock to be compared week by week:
what holds in every week of the year is the layout; the rest is seasonal, with dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from . import clock
from .intervals import intersect, subtract, union

WEEKS = 53  # a year and a day or more: both clock changes of every zone are inside
RUN_BREAK = 3  # days without a finding that still belong to one run (a weekend)


@dataclass(frozen=True)
class Finding:
    weekly: list  # minute-of-week spans (schedule wall clock) found in every week
    seasonal: list  # Season runs, in date order


@dataclass(frozen=True)
class Season:
    first: date
    last: date
    days: int
    times: tuple[str, ...]  # `23:00–24:00`, schedule wall clock, each once

    def words(self) -> str:
        shown = ", ".join(self.times[:3]) + \
            (f" and {len(self.times) - 3} more" if len(self.times) > 3 else "")
        span = f"on {self.first:%a %Y-%m-%d}" if self.first == self.last else \
            f"on {self.days} days from {self.first:%a %Y-%m-%d} to {self.last:%a %Y-%m-%d}"
        return f"{shown} {span}"


def week_start(reference: datetime, zone_name: str) -> datetime:
    """Monday 00:00 (naive wall clock in the zone) of the week holding `reference`."""
    local = clock.wall(clock.seconds_of(reference), clock.zone(zone_name))
    monday = local.date() - timedelta(days=local.weekday())
    return datetime(monday.year, monday.month, monday.day)


def region_instants(layer, schedule_zone: str, begin: int, finish: int) -> list:
    """The instants of a region's hours in [begin, finish), in the region's zone."""
    if not layer.windows:
        return [(begin, finish)]
    tz = clock.zone(layer.zone(schedule_zone))
    return intersect(union(clock.windows(layer.windows, tz, begin, finish)),
                     [(begin, finish)])


def analyse(schedule, reference: datetime) -> tuple[Finding, dict]:
    """(the gaps, {(earlier id, later id): overlaps}) of a follow-the-sun schedule over
    the `WEEKS` from the Monday of `reference`."""
    tz = clock.zone(schedule.timezone)
    monday = week_start(reference, schedule.timezone)
    begin = clock.instant(monday, tz)
    finish = clock.instant(monday + timedelta(weeks=WEEKS), tz)
    regions = [(layer, region_instants(layer, schedule.timezone, begin, finish))
               for layer in schedule.layers]
    gaps = subtract([(begin, finish)], union(s for _, spans in regions for s in spans))
    overlaps = {}
    for i, (later, mine) in enumerate(regions):
        for earlier, theirs in regions[:i]:
            both = union(intersect(mine, theirs))
            if both:
                overlaps[(earlier.id, later.id)] = classify(both, monday, tz)
    return classify(gaps, monday, tz), overlaps


def classify(spans: list, monday: datetime, tz) -> Finding:
    """Instant spans sorted into minute-of-week spans found every week and the rest."""
    per_week: list[list] = [[] for _ in range(WEEKS)]
    for start, end in spans:
        for week, lo, hi in _on_wall_clock(start, end, monday, tz):
            if 0 <= week < WEEKS:
                per_week[week].append((lo, hi))
    per_week = [union(w) for w in per_week]
    weekly = per_week[0]
    for spans_of_week in per_week[1:]:
        weekly = union(intersect(weekly, spans_of_week))
    pieces = []
    for week, spans_of_week in enumerate(per_week):
        for lo, hi in subtract(spans_of_week, weekly):
            pieces.append(monday + timedelta(weeks=week, minutes=lo))
            pieces.append(monday + timedelta(weeks=week, minutes=hi))
    return Finding(weekly, _runs(list(zip(pieces[::2], pieces[1::2]))))


def _on_wall_clock(start: int, end: int, monday: datetime, tz):
    """(week, minute, minute) pieces of an instant span on the zone's wall clock."""
    lo, hi = clock.wall(start, tz), clock.wall(end, tz)
    if hi <= lo:  # inside a repeated hour: nothing on the wall clock
        return
    while lo < hi:
        week, rest = divmod(lo - monday, timedelta(weeks=1))
        cut = min(hi, monday + timedelta(weeks=week + 1))
        first = int(rest.total_seconds() // 60)
        yield week, first, first + int((cut - lo).total_seconds() // 60)
        lo = cut


def _runs(pieces: list) -> list[Season]:
    """Wall-clock pieces split day by day, then grouped into runs of days with the
    same times (a few days without any, a weekend, do not break a run)."""
    days: dict[date, set] = {}
    for lo, hi in pieces:
        while lo < hi:
            midnight = datetime.combine(lo.date() + timedelta(days=1), datetime.min.time())
            cut = min(hi, midnight)
            end = "24:00" if cut == midnight else f"{cut:%H:%M}"
            days.setdefault(lo.date(), set()).add((lo.time(), f"{lo:%H:%M}–{end}"))
            lo = cut
    runs: list[tuple[frozenset, list]] = []
    for day in sorted(days):
        key = frozenset(days[day])
        if runs and runs[-1][0] == key and (day - runs[-1][1][-1]).days <= RUN_BREAK:
            runs[-1][1].append(day)
        else:
            runs.append((key, [day]))
    return [Season(run[0], run[-1], len(run), tuple(t for _, t in sorted(key)))
            for key, run in runs]
