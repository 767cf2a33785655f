"""Limits the file format holds values to: what PagerDuty, Slack and file systems
accept, and what makes sense for an on-call organisation.

Errors are pydantic custom errors whose type is in BOUND_ERRORS; the schema check
prints their message as it is, after the field's path (E022).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, StringConstraints
from pydantic_core import PydanticCustomError

# PagerDuty's API documents 255 characters for schedule names and 100 for the name,
# e-mail and job title of a user and the name of a team; its web app holds services
# and escalation policies to 255.  255 is also the longest file name most file
# systems take, and docs pages are named after some of these values.
NAME_MAX = 255
PERSON_MAX = 100
# PagerDuty keeps 1024 characters of a team's or schedule's description.
PROSE_MAX = 1024
# A severity label names a wiki page, a custom-field option (PagerDuty: 100) and,
# lowercased, part of incident channel names (Slack: 80 in all); a label is short.
LABEL_MAX = 32

# Dates: rotations started and layers end within this century.  PagerDuty did not
# exist before 2009, so an earlier date is a typo; the on-call engine adds up to a
# year of lookahead and counts turns from the start, which datetime cannot do near
# year 9999.  2100 leaves every real plan room.
FIRST_YEAR, LAST_YEAR = 2000, 2100

# `15m`, `1h`, `1h30m`, `2w`: always with units, so nobody has to guess seconds or
# minutes.  The length cap keeps every number far below Python's limit for int().
DURATION_PATTERN = r"^([0-9]+[wdhms])+$"
DURATION_MAX_LENGTH = 32

BOUND_ERRORS = ("date_invalid", "date_range", "duration_range")

_UNIT_SECONDS = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}
_PART = re.compile(r"([0-9]+)([wdhms])")


def calendar_date(value: str) -> str:
    """A YYYY-MM-DD string (the pattern has passed) that names a real day in range."""
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError(
            "date_invalid", "{value} is not a day of the calendar", {"value": repr(value)}
        ) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise PydanticCustomError(
            "date_range", "{value} is outside the years {first} to {last}",
            {"value": repr(value), "first": FIRST_YEAR, "last": LAST_YEAR})
    return value


def show_seconds(total: int) -> str:
    """3600 -> `1h`, 604800 -> `7d`: how a bound is written in a message."""
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        if total % size == 0:
            return f"{total // size}{unit}"
    return f"{total}s"  # not reached: every whole number of seconds ends above


def bounded_duration(least: int, most: int, too_long: str = "", too_short: str = ""):
    """A Duration that must last from `least` to `most` seconds; `too_long` and
    `too_short` say why, after the message."""

    def check(value: str) -> str:
        total = sum(int(n) * _UNIT_SECONDS[u] for n, u in _PART.findall(value))
        if total > most:
            raise PydanticCustomError("duration_range", "{value} is longer than {most}{why}",
                                      {"value": value, "most": show_seconds(most),
                                       "why": f" ({too_long})" if too_long else ""})
        if total < least:
            raise PydanticCustomError("duration_range", "{value} is shorter than {least}{why}",
                                      {"value": value, "least": show_seconds(least),
                                       "why": f" ({too_short})" if too_short else ""})
        return value

    return Annotated[str, StringConstraints(pattern=DURATION_PATTERN,
                                            max_length=DURATION_MAX_LENGTH),
                     AfterValidator(check)]
