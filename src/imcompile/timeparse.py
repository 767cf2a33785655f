"""Durations, days and times of day as the file format writes them."""

from __future__ import annotations

import re

_UNIT_SECONDS = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}
_PART = re.compile(r"([0-9]+)([wdhms])")

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_INDEX = {d: i for i, d in enumerate(DAYS)}
_DAY_INDEX.update(
    {full: i for i, full in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )}
)
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def seconds(duration: str) -> int:
    """`1h30m` -> 5400. The schema has already checked the shape."""
    return sum(int(n) * _UNIT_SECONDS[u] for n, u in _PART.findall(duration))


def day_index(day: str) -> int:
    """Monday = 0 … Sunday = 6 (Python's weekday())."""
    return _DAY_INDEX[day.lower()]


def minutes_of_day(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def human(total_seconds: int) -> str:
    """5400 -> `1h 30m`; the way docs and diffs print a duration."""
    if total_seconds == 0:
        return "0m"
    parts = []
    for unit, size in (("w", 604800), ("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        count, total_seconds = divmod(total_seconds, size)
        if count:
            parts.append(f"{count}{unit}")
    return " ".join(parts)
