"""The same person on call in two schedules at once, where the change makes it so."""

from __future__ import annotations

from ..oncall import render_all
from ..oncall.intervals import subtract, union
from .risks import Risk
from .when import merge, more_times

SHOWN = 2


def _pairs(model, begin, end) -> dict[tuple, list]:
    """{(person, schedule a, schedule b): [(start, end)]} where both have them on call."""
    if model is None:
        return {}
    mine: dict[str, list] = {}
    for sid, cal in render_all(model, begin, end).items():
        for s in cal.shifts:
            mine.setdefault(s.person, []).append((s.start, s.end, sid))
    out: dict[tuple, list] = {}
    for person, pieces in mine.items():
        pieces.sort()
        for i, (a, b, x) in enumerate(pieces):
            for c, d, y in pieces[i + 1:]:
                if c >= b:
                    break
                if x != y:
                    key = (person,) + tuple(sorted((x, y)))
                    out.setdefault(key, []).append((c, min(b, d)))
    return out


def risks(base, head, names, begin, end, changed) -> list[Risk]:
    if head is None or not changed:
        return []
    old = _pairs(base, begin, end)
    out = []
    for (person, x, y), spans in sorted(_pairs(head, begin, end).items()):
        if x not in changed and y not in changed:
            continue
        new = subtract(union(spans), union(old.get((person, x, y), [])))
        if not new:
            continue
        ranges = merge([(a, b, None) for a, b in new], head.schedules[x].timezone)
        shown = "; ".join(r["when"] for r in ranges[:SHOWN])
        more = len(ranges) - SHOWN
        out.append(Risk("warning", f"{names.person(person)} is on call for "
                        f"{head.schedules[x].name} and {head.schedules[y].name} at the "
                        f"same time: {shown}" + more_times(more)))
    return out
