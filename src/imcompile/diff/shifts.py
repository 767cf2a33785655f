"""Who holds each changed schedule's pager before and after the change: the changed
stretches (merged into ranges, named by region), the hours per person, and the pager
handed over the moment the change is applied."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from ..oncall import render
from .risks import Risk
from .when import at, iso, merge


def _who(pieces, moment) -> str | None:
    for start, end, person in pieces:
        if start <= moment < end:
            return person
    return None


def _holder(pieces):
    """`_who` for many moments: pieces are sorted and do not overlap, so bisect."""
    starts = [p[0] for p in pieces]

    def at(moment):
        i = bisect_right(starts, moment) - 1
        return pieces[i][2] if i >= 0 and moment < pieces[i][1] else None
    return at


def _layers(schedule, begin, end) -> list:
    """Each layer's own calendar, to say which region a stretch belongs to."""
    if schedule is None or len(schedule.layers) < 2:
        return []
    return [((layer.id, layer.name), [(s.start, s.end, s.person) for s in
                          render(replace(schedule, layers=(layer,)), begin, end).shifts])
            for layer in schedule.layers]


def _region(layers, moment) -> tuple | None:
    """The last layer with someone on call at `moment` wins, as in the final schedule."""
    found = None
    for name, pieces in layers:
        if _who(pieces, moment) is not None:
            found = name
    return found


def rows(sid, label, zone, old, new, before, after, begin, end, names) -> list[dict]:
    """`old`/`new`: the schedule on either side (or None); `before`/`after`: their
    shifts as (start, end, person). Changed stretches, merged into ranges."""
    cuts = sorted({begin, end} | {t for s, e, _ in before + after for t in (s, e)})
    layers = _layers(new, begin, end) or _layers(old, begin, end)
    items = []
    was, now = _holder(before), _holder(after)
    for a, b in zip(cuts, cuts[1:]):
        x, y = was(a), now(a)
        if x == y:
            continue
        key = (x, y, _region(layers, a))
        if items and items[-1][1] == a and items[-1][2] == key:
            items[-1] = (items[-1][0], b, key)  # one stretch, cut by a handoff elsewhere
        else:
            items.append((a, b, key))
    out = []
    for r in merge(items, zone):
        x, y, region = r["key"]
        out.append({
            "schedule": sid, "schedule_name": label, "region": region and region[0],
            "region_name": region and region[1], "timezone": zone,
            "when": r["when"], "before": x, "before_name": names.person(x) if x else "nobody",
            "after": y, "after_name": names.person(y) if y else "nobody",
            "occurrences": [{"start": iso(a), "end": iso(b)} for a, b in r["occurrences"]]})
    return out


def _totals(pieces) -> dict[str, float]:
    out: dict[str, float] = {}
    for s, e, person in pieces:
        out[person] = out.get(person, 0) + (e - s).total_seconds() / 3600
    return out


def hours(sid, label, before, after, names) -> list[dict]:
    a, b = _totals(before), _totals(after)
    return [{"person": p, "person_name": names.person(p), "schedule": sid,
             "schedule_name": label, "before": a.get(p, 0.0), "after": b.get(p, 0.0),
             "delta": b.get(p, 0.0) - a.get(p, 0.0)}
            for p in sorted(set(a) | set(b))
            if round(a.get(p, 0.0), 2) != round(b.get(p, 0.0), 2)]


def net(rows_: list[dict]) -> list[dict]:
    """Hours per person over every changed schedule: what the change costs each one."""
    out: dict[str, dict] = {}
    for h in rows_:
        row = out.setdefault(h["person"], {"person": h["person"], "person_name":
                                           h["person_name"], "before": 0.0, "after": 0.0})
        row["before"] += h["before"]
        row["after"] += h["after"]
    for row in out.values():
        row["delta"] = row["after"] - row["before"]
    return sorted((r for r in out.values() if round(r["delta"], 2)),
                  key=lambda r: (r["delta"], r["person_name"]))


def handover(label, zone, before, after, moment, names) -> list[Risk]:
    """The pager changing hands at the apply (`--from`, default now) without a handoff."""
    x, y = _who(before, moment), _who(after, moment)
    if x == y:
        return []
    def who(p):
        return names.person(p) if p else "nobody"

    tail = ("nobody is on call from then: make sure someone is" if y is None else
            f"tell {names.person(y)} they are on call from the apply")
    return [Risk("danger" if y is None else "warning",
                 f"schedule {label} changes hands at the apply ({at(moment, zone)}): "
                 f"{who(x)} is on call just before, {who(y)} just after; {tail}")]
