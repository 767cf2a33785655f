"""Times and week counts given on the command line, shared by the commands that take
them: ISO 8601, within years the calendar arithmetic can place a window around, and a
one-line usage error (exit status 2) for anything else, never a traceback.

    @click.option("--from", "start", type=Moment())
    @click.option("--weeks", type=Weeks(1, 52))
"""

from __future__ import annotations

from datetime import datetime

import click

EXAMPLE = "e.g. 2026-03-02T10:00 or 2026-03-02T10:00+01:00"
# Python's datetime ends at 9999-12-31 and a time zone or a window of weeks added to
# the last years overflows it: a thousand years of room on either side is plenty.
YEARS = range(1971, 9000)
# How far ahead `diff` and `oncall` look by default: the same window in both, so a
# reviewer's diff and the on-call calendar show the same weeks.
DEFAULT_WEEKS = 4


class Problem(click.UsageError):
    """A usage error told in one line (exit status 2), without the usage text."""

    def show(self, file=None) -> None:
        click.echo(f"Error: {self.format_message()}", err=True)


def parse_time(option: str, value: str) -> datetime:
    """`value` as an ISO 8601 date or time (an offset is kept when given)."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise Problem(f"{option}: {value!r} is not an ISO 8601 time ({EXAMPLE})") from None
    if moment.year not in YEARS:
        raise Problem(f"{option}: {value!r} is outside the years {YEARS[0]} to {YEARS[-1]}")
    return moment


def parse_weeks(option: str, value: str, low: int, high: int) -> int:
    text = str(value).strip()
    # The length first: int() refuses strings of thousands of digits with a ValueError.
    if not (text.isascii() and text.isdigit() and len(text) < 10 and low <= int(text) <= high):
        raise Problem(f"{option}: {value!r} is not a number of weeks from {low} to {high}")
    return int(text)


def _option(param) -> str:
    return max(param.opts, key=len) if param is not None else "value"


class Moment(click.ParamType):
    """A click option type: a time by parse_time."""

    name = "time"

    def convert(self, value, param, ctx):
        if isinstance(value, datetime):
            return value
        return parse_time(_option(param), value)


class Weeks(click.ParamType):
    """A click option type: a whole number of weeks from `low` to `high`."""

    name = "integer"

    def __init__(self, low: int, high: int):
        self.low, self.high = low, high

    def convert(self, value, param, ctx):
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # a default: checked like a typed value
        return parse_weeks(_option(param), value, self.low, self.high)
