"""Someone removed or leaving who is on call this week: their whole shift (their turn in
the rotation, every stretch of it), not just the first stretch cut at the look-ahead."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from ..oncall import render
from .risks import Risk
from .when import merge


def _turns(schedule, layer, person, begin, week) -> list[tuple]:
    """The person's turns in `layer` that meet [begin, week): from the first stretch of
    the turn to its last, wherever they fall."""
    reach = timedelta(seconds=layer.turn_seconds)
    pieces = render(replace(schedule, layers=(layer,)), begin - reach, week + reach).shifts
    chains, current = [], None
    for s in pieces:
        if s.person != person:
            current = None
            continue
        if current is None:
            current = [s.start, s.end]
            chains.append(current)
        current[1] = s.end
    return [(a, b) for a, b in chains if a < week and b > begin]


def _shift_text(schedule, person, turns) -> str:
    parts = []
    for a, b in turns:
        mine = [(s.start, s.end, None) for s in render(schedule, a, b).shifts
                if s.person == person]
        parts += [r["when"] for r in merge(mine, schedule.timezone)]
    return "; ".join(parts)


def risks(base, head, names, begin) -> list[Risk]:
    if base is None or head is None:
        return []
    week = begin + timedelta(days=7)
    gone = {p for p in base.people if p not in head.people or
            (head.people[p].leaving and not base.people[p].leaving)}
    out = []
    for schedule in base.schedules.values():
        for person in [p for p in schedule.people if p in gone]:
            turns = sorted({t for layer in schedule.layers if person in layer.people
                            for t in _turns(schedule, layer, person, begin, week)})
            shift = _shift_text(schedule, person, turns) if turns else ""
            if shift:
                out.append(Risk("danger", f"{names.person(person)} is on call for "
                                f"{schedule.name} this week ({shift}) and is being "
                                "removed: make sure someone covers the shift"))
    return out
