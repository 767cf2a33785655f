"""Times in the diff, as a reviewer reads them: wall-clock time in one named zone per
row (the schedule's), and repeating stretches merged into ranges such as
`weekdays 09:00–17:00 Europe/Dublin, 2 Dec – 29 Dec 2026`."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
PLURAL = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays",
          "Sundays")


def iso(moment: datetime) -> str:
    """ISO 8601 with its offset, to the second: what JSON readers parse."""
    return moment.replace(microsecond=0).isoformat()


def at(moment: datetime, zone: str) -> str:
    """`Mon 2026-11-30 10:00 Europe/Berlin`."""
    return f"{moment.astimezone(ZoneInfo(zone)):%a %Y-%m-%d %H:%M} {zone}"


def stretch(start: datetime, end: datetime, zone: str) -> str:
    """`Mon 2026-11-30 01:00–09:00 Europe/Berlin`, or with both dates when they differ."""
    tz = ZoneInfo(zone)
    a, b = start.astimezone(tz), end.astimezone(tz)
    if a.date() == b.date():
        return f"{a:%a %Y-%m-%d %H:%M}–{b:%H:%M} {zone}"
    return f"{a:%a %Y-%m-%d %H:%M} – {b:%a %Y-%m-%d %H:%M} {zone}"


def more_times(count: int) -> str:
    """The tail of a list cut short: ` and 3 more times`."""
    return "" if count <= 0 else f" and {count} more time{'' if count == 1 else 's'}"


def _day(d) -> str:
    return f"{d.day} {d:%b}"


def _days(weekdays: frozenset) -> str:
    if len(weekdays) == 7:
        return "daily"
    if weekdays == frozenset(range(5)):
        return "weekdays"
    if weekdays == frozenset({5, 6}):
        return "weekends"
    if len(weekdays) == 1:
        return PLURAL[next(iter(weekdays))]
    return ", ".join(DAYS[d] for d in sorted(weekdays))


def _within_a_day(a: datetime, b: datetime) -> bool:
    """A stretch that can repeat day by day: shorter than a day, ending on its start
    date or the next (overnight)."""
    return b - a < timedelta(days=1) and (b.date() - a.date()).days <= 1


def _clock(t0, t1) -> str:
    if t1 == datetime.min.time():
        return f"{t0:%H:%M}–24:00"
    return f"{t0:%H:%M}–{t1:%H:%M}" + (" next day" if t1 <= t0 else "")


def _runs(dates: list, weekdays: frozenset) -> list[list]:
    """Dates split where one of `weekdays` is skipped: each run is every such day."""
    runs = [[dates[0]]]
    for d in dates[1:]:
        nxt = runs[-1][-1] + timedelta(days=1)
        while nxt.weekday() not in weekdays:
            nxt += timedelta(days=1)
        if d == nxt:
            runs[-1].append(d)
        else:
            runs.append([d])
    return runs


def merge(items: list[tuple], zone: str) -> list[dict]:
    """`items` are (start, end, key): stretches with the same key that repeat at the same
    wall-clock times on every one of some weekdays become one range. Each result has
    `when` (the words), `key` and `occurrences` [(start, end), …], ordered by start."""
    tz = ZoneInfo(zone)
    groups: dict[tuple, list] = {}
    single = []
    for start, end, key in items:
        a, b = start.astimezone(tz), end.astimezone(tz)
        if _within_a_day(a, b):
            groups.setdefault((key, a.time(), b.time()), []).append((a, b))
        else:
            single.append((a, b, key))
    out = [{"when": stretch(a, b, zone), "key": key, "occurrences": [(a, b)]}
           for a, b, key in single]
    for (key, t0, t1), found in groups.items():
        by_date = {a.date(): (a, b) for a, b in found}
        weekdays = frozenset(d.weekday() for d in by_date)
        for run in _runs(sorted(by_date), weekdays):
            pieces = [by_date[d] for d in run]
            if len(run) == 1:
                text = stretch(*pieces[0], zone)
            else:
                text = (f"{_days(frozenset(d.weekday() for d in run))} {_clock(t0, t1)} "
                        f"{zone}, {_day(run[0])} – {_day(run[-1])} {run[-1].year}")
            out.append({"when": text, "key": key, "occurrences": pieces})
    out.sort(key=lambda r: r["occurrences"][0][0])
    return out
