"""The window the on-call checks look at, fixed by the file rather than the clock.

The checks of `imcompile validate` must give the same answer today and next month, so
their window starts at the reference: the latest rotation start in the org (the
latest first handoff of any layer). From there they look `oncall.lookahead_weeks`
ahead, stretched to a whole number of rotation cycles (at most a year) so that a
clash or an unfair share that comes round once a cycle is always inside it.
"""

from __future__ import annotations

from datetime import datetime
from math import lcm

from . import clock

MAX_CYCLE = 52 * clock.WEEK


def reference_start(model) -> datetime | None:
    """The latest first handoff of any layer in the org (None: no schedules)."""
    starts = [layer.virtual_start for s in model.schedules.values() for layer in s.layers]
    return max(starts, key=clock.seconds_of, default=None)


def layer_cycle(layer) -> int:
    """Seconds after which a layer repeats itself: its people's turns, and the day or
    week of its restrictions."""
    cycle = layer.turn_seconds * max(len(layer.people), 1)
    if layer.windows:
        weekly = any(w.day is not None for w in layer.windows)
        cycle = lcm(cycle, clock.WEEK if weekly else clock.DAY)
    return cycle


def cycle_of(schedules, begin: int) -> int:
    cycle = 1
    for schedule in schedules:
        for layer in schedule.layers:
            if layer.end is None or clock.seconds_of(layer.end) > begin:
                cycle = lcm(cycle, layer_cycle(layer))
    return cycle


def check_window(schedules, reference: datetime, weeks: int) -> tuple[int, int]:
    """[begin, end) in seconds: `weeks` from `reference`, stretched to whole cycles of
    `schedules` when a cycle is a year or less."""
    begin = clock.seconds_of(reference)
    length = weeks * clock.WEEK
    cycle = cycle_of(schedules, begin)
    if cycle <= MAX_CYCLE:
        length = -(-length // cycle) * cycle
    return begin, begin + length
