"""The final schedule: layers rendered, restricted, and stacked by precedence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from . import clock
from .intervals import Tagged, intersect, merge_same, subtract, union


@dataclass(frozen=True)
class Shift:
    start: datetime  # aware, in the schedule's time zone
    end: datetime
    person: str


@dataclass(frozen=True)
class Gap:
    start: datetime
    end: datetime


@dataclass(frozen=True)
class Calendar:
    """A schedule over the window [start, end): who is on call, and where nobody is."""

    schedule: str
    timezone: str
    start: datetime
    end: datetime
    shifts: tuple[Shift, ...]
    gaps: tuple[Gap, ...]


def layer_spans(layer, tz, begin: int, finish: int) -> list[Tagged]:
    """One layer on its own over [begin, finish): its turns, cut to its restrictions.

    A follow-the-sun region is wall-clock in its own zone, not the schedule's `tz`."""
    if layer.timezone:
        tz = clock.zone(layer.timezone)
    if not layer.people:
        return []
    begin = max(begin, clock.seconds_of(layer.virtual_start))
    if layer.end is not None:
        finish = min(finish, clock.seconds_of(layer.end))
    if begin >= finish:
        return []
    spans = clock.turns(layer, tz, begin, finish)
    if layer.windows:
        allowed = union(clock.windows(layer.windows, tz, begin, finish))
        spans = intersect(spans, allowed)
    return spans


def spans(schedule, begin: int, finish: int) -> list[Tagged]:
    """Who is on call over [begin, finish) as sorted (start, end, person) instants.

    The last layer wins: layers are taken from last to first, and each keeps only the
    time no later layer has someone on call.
    """
    tz = clock.zone(schedule.timezone)
    layers = schedule.layers
    if len(layers) == 1:  # the common case: nothing to stack
        return merge_same(layer_spans(layers[0], tz, begin, finish))
    taken: list = []
    out: list[Tagged] = []
    for layer in reversed(layers):
        own = layer_spans(layer, tz, begin, finish)
        out.extend(subtract(own, taken))
        taken = union(taken + own)
    out.sort()
    return merge_same(out)


def gap_spans(on_call: list[Tagged], begin: int, finish: int) -> list[tuple[int, int]]:
    return subtract([(begin, finish)], union(on_call))


def render(schedule, start: datetime, end: datetime) -> Calendar:
    """The final schedule of `schedule` over [start, end) (aware datetimes)."""
    begin, finish = clock.seconds_of(start), clock.seconds_of(end)
    if finish < begin:
        raise ValueError("the window ends before it starts")
    tz = clock.zone(schedule.timezone)
    on_call = spans(schedule, begin, finish)
    seen: dict[int, datetime] = {}

    def aware(ts: int) -> datetime:  # one shift's end is the next one's start
        found = seen.get(ts)
        if found is None:
            found = seen[ts] = clock.aware(ts, tz)
        return found

    return Calendar(
        schedule=schedule.id, timezone=schedule.timezone,
        start=aware(begin), end=aware(finish),
        shifts=tuple(Shift(aware(s), aware(e), p) for s, e, p in on_call),
        gaps=tuple(Gap(aware(s), aware(e)) for s, e in gap_spans(on_call, begin, finish)),
    )


def render_all(model, start: datetime, end: datetime, ids=None) -> dict[str, Calendar]:
    """Every schedule of the model (or those in `ids`), in file order."""
    chosen = model.schedules if ids is None else {i: model.schedules[i] for i in ids}
    return {sid: render(s, start, end) for sid, s in chosen.items()}
