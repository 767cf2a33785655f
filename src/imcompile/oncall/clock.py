"""Wall-clock time in a schedule's zone, turned into instants (whole seconds since the
epoch, UTC) by the daylight-saving rule in `imcompile.oncall`'s docstring.

`instant(naive, zone)` is that rule in one line: a wall-clock time that does not exist
(the spring-forward gap) moves forward by the gap, and one that happens twice (fall
back) is the first of the two. zoneinfo does exactly that with fold=0, the default.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

DAY = 86400
WEEK = 7 * DAY
UTC = timezone.utc


@lru_cache(maxsize=None)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def instant(naive: datetime, tz: ZoneInfo) -> int:
    """Seconds since the epoch of wall-clock time `naive` in `tz` (fold=0)."""
    return int(naive.replace(tzinfo=tz).timestamp())


def wall(ts: int, tz: ZoneInfo) -> datetime:
    """The naive wall-clock time in `tz` at instant `ts`."""
    return datetime.fromtimestamp(ts, tz).replace(tzinfo=None)


def seconds_of(moment: datetime) -> int:
    """An aware datetime as whole seconds since the epoch (sub-seconds dropped)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{moment.isoformat()} has no time zone")
    return int(moment.replace(microsecond=0).timestamp())


def aware(ts: int, tz: ZoneInfo) -> datetime:
    return datetime.fromtimestamp(ts, tz)


def turns(layer, tz: ZoneInfo, begin: int, finish: int) -> list[tuple[int, int, str]]:
    """The layer's turns that meet [begin, finish), clipped to it: (start, end, person).

    Turn k starts at wall-clock `virtual_start + k * turn`. The first turn that matters
    is found by division, not by walking from the virtual start.
    """
    people = layer.people
    origin = layer.virtual_start.replace(tzinfo=None)
    step = timedelta(seconds=layer.turn_seconds)
    k = max(0, (wall(begin, tz) - origin) // step)
    # The guess divides wall-clock time, which offsets shift by an hour or two: step
    # back to the turn that starts at or before `begin` (an early guess costs a turn).
    while k > 0 and instant(origin + k * step, tz) > begin:
        k -= 1
    out = []
    start = instant(origin + k * step, tz)
    while start < finish:
        end = instant(origin + (k + 1) * step, tz)
        lo, hi = max(start, begin), min(end, finish)
        if lo < hi:
            out.append((lo, hi, people[k % len(people)]))
        # A turn never starts before the previous one ended, even where two wall-clock
        # handoffs map to instants out of order (a gap longer than the turn).
        start = max(end, start)
        k += 1
    return out


def windows(restrictions, tz: ZoneInfo, begin: int, finish: int) -> list[tuple[int, int]]:
    """Instants of the restriction windows (model.Window, wall-clock in `tz`) that meet
    [begin, finish), one occurrence per day they apply to; unsorted, possibly overlapping."""
    first = wall(begin, tz).date() - timedelta(days=1)  # yesterday's window may run on
    last = wall(finish, tz).date()
    out = []
    day = first
    while day <= last:
        midnight = datetime(day.year, day.month, day.day)
        weekday = day.weekday()
        for w in restrictions:
            if w.day is None or w.day == weekday:
                opens = midnight + timedelta(minutes=w.start_minute)
                start = instant(opens, tz)
                end = instant(opens + timedelta(minutes=w.duration_minutes), tz)
                if start < finish and end > begin:
                    out.append((start, end))
        day += timedelta(days=1)
    return out


@lru_cache(maxsize=256)
def transitions(zone_name: str, begin: int, finish: int) -> tuple[tuple[int, int, int], ...]:
    """Offset changes of a zone in [begin, finish): (instant, offset before, after), in
    seconds. Found day by day, then to the second by bisection."""
    tz = zone(zone_name)
    offset = _offset_at(tz, begin)
    found = []
    day = begin
    while day < finish:
        nxt = min(day + DAY, finish)
        after = _offset_at(tz, nxt)
        if after != offset:
            lo, hi = day, nxt  # offset(lo) == offset, offset(hi) == after
            while hi - lo > 1:
                mid = (lo + hi) // 2
                lo, hi = (mid, hi) if _offset_at(tz, mid) == offset else (lo, mid)
            found.append((hi, offset, after))
            offset = after
        day = nxt
    return tuple(found)


def _offset_at(tz: ZoneInfo, ts: int) -> int:
    return int(datetime.fromtimestamp(ts, tz).utcoffset().total_seconds())
