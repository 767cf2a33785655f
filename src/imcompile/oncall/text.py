"""How times and lengths read in messages, calendars and reports."""

from __future__ import annotations

from datetime import datetime

from ..timeparse import DAYS
from . import clock

WEEK_MINUTES = 7 * 1440


def when(moment: datetime) -> str:
    """`Mon 2026-03-02 10:00 CET`: weekday, date, wall-clock time, zone abbreviation."""
    return moment.strftime("%a %Y-%m-%d %H:%M %Z")


def when_ts(ts: int, zone_name: str) -> str:
    return when(clock.aware(ts, clock.zone(zone_name)))


def stretch(start: datetime, end: datetime) -> str:
    """`Mon 2026-03-02 17:00–Tue 09:00 CET`, the second date left out when it is the same."""
    if start.date() == end.date():
        return f"{start.strftime('%a %Y-%m-%d %H:%M')}–{end.strftime('%H:%M %Z')}"
    if end.timestamp() - start.timestamp() < 6 * 86400 and start.tzname() == end.tzname():
        return f"{start.strftime('%a %Y-%m-%d %H:%M')}–{end.strftime('%a %H:%M %Z')}"
    return f"{when(start)}–{when(end)}"


def hours(seconds: int) -> str:
    """`12h`, `7.5h`, `0h`: on-call time as people count it."""
    value = round(seconds / 3600, 1)
    return f"{value:g}h"


def _clock(minute: int, end: bool = False) -> str:
    minute %= 1440
    if end and minute == 0:
        return "24:00"
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _cyclic(spans: list) -> list:
    """Minute-of-week spans with a span across Sunday midnight joined into one."""
    spans = list(spans)
    if len(spans) > 1 and spans[0][0] == 0 and spans[-1][1] == WEEK_MINUTES:
        spans = spans[1:-1] + [(spans[-1][0], WEEK_MINUTES + spans[0][1])]
    return spans


def _is_daily(spans: list) -> bool:
    from .intervals import union
    moved = []
    for s, e in spans:
        s2, e2 = s + 1440, e + 1440
        moved += [(s2, min(e2, WEEK_MINUTES))] if s2 < WEEK_MINUTES else []
        if e2 > WEEK_MINUTES:
            moved.append((max(s2, WEEK_MINUTES) - WEEK_MINUTES, e2 - WEEK_MINUTES))
    return union(moved) == list(spans)


def week_spans(spans: list, limit: int = 3) -> str:
    """Minute-of-week spans (Monday 00:00 = 0, sorted, joined) in words:
    `16:00–17:00 every day`, or `Sat 00:00–Mon 00:00, Wed 12:00–13:00`."""
    if spans == [(0, WEEK_MINUTES)]:
        return "all week"
    if _is_daily(spans):
        daily = [(s, e) for s, e in _cyclic(spans) if 1440 <= s < 2880]
        listed = ", ".join(f"{_clock(s)}–{_clock(e, end=True)}" for s, e in daily)
        return f"{listed} every day"
    parts = [f"{DAYS[s // 1440 % 7].title()} {_clock(s)}–{DAYS[e // 1440 % 7].title()} "
             f"{_clock(e)}" for s, e in _cyclic(spans)]
    more = f" and {len(parts) - limit} more" if len(parts) > limit else ""
    return ", ".join(parts[:limit]) + more
