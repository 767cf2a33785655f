"""Who is on call before and after a change, over the next weeks, with the on-call engine."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from ..oncall import render
from .risks import Risk

FORMAT = "%a %Y-%m-%d %H:%M"


def window(start: datetime | None, weeks: int) -> tuple[datetime, datetime]:
    if start is None:
        start = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0)
    elif start.tzinfo is None:
        start = start.replace(tzinfo=timezone.utc)
    return start, start + timedelta(weeks=weeks)


def changed_schedules(base, head) -> list[str]:
    """Schedules whose definition differs: only those are rendered twice."""
    old = {} if base is None else base.schedules
    new = {} if head is None else head.schedules
    return sorted(sid for sid in set(old) | set(new) if old.get(sid) != new.get(sid))


def _calendar(model, sid, start, end):
    if model is None or sid not in model.schedules:
        return None
    return render(model.schedules[sid], start, end)


def _pieces(calendar) -> list[tuple[datetime, datetime, str | None]]:
    return [] if calendar is None else [(s.start, s.end, s.person) for s in calendar.shifts]


def _who(pieces, moment) -> str | None:
    for start, end, person in pieces:
        if start <= moment < end:
            return person
    return None


def compare(base, head, names, start=None, weeks=4):
    """(changed shift rows, hours gained or lost per person, risks)."""
    begin, end = window(start, weeks)
    rows, hours, found = [], [], []
    for sid in changed_schedules(base, head):
        before = _calendar(base, sid, begin, end)
        after = _calendar(head, sid, begin, end)
        label = names.schedules.get(sid, sid)
        zone = (after or before).start.tzinfo
        rows += _rows(label, _pieces(before), _pieces(after), begin, end, zone, names)
        hours += _hours(label, _pieces(before), _pieces(after), names)
        found += _new_gaps(label, before, after, zone)
    found += _removed_on_call(base, head, names, begin)
    return rows, hours, found


def _rows(label, before, after, begin, end, zone, names) -> list[dict]:
    cuts = sorted({begin, end} | {t for s, e, _ in before + after for t in (s, e)})
    segments = []
    for a, b in zip(cuts, cuts[1:]):
        pair = (_who(before, a), _who(after, a))
        if segments and segments[-1][2] == pair and segments[-1][1] == a:
            segments[-1] = (segments[-1][0], b, pair)
        else:
            segments.append((a, b, pair))
    return [{"schedule": label, "start": a.astimezone(zone).strftime(FORMAT),
             "end": b.astimezone(zone).strftime(FORMAT),
             "before": names.person(x) if x else "nobody",
             "after": names.person(y) if y else "nobody"}
            for a, b, (x, y) in segments if x != y]


def _hours(label, before, after, names) -> list[dict]:
    def totals(pieces):
        out: dict[str, float] = {}
        for s, e, person in pieces:
            out[person] = out.get(person, 0) + (e - s).total_seconds() / 3600
        return out
    a, b = totals(before), totals(after)
    return [{"person": names.person(p), "schedule": label, "before": a.get(p, 0.0),
             "after": b.get(p, 0.0), "delta": b.get(p, 0.0) - a.get(p, 0.0)}
            for p in sorted(set(a) | set(b)) if round(a.get(p, 0.0), 2) != round(b.get(p, 0.0), 2)]


def _new_gaps(label, before, after, zone) -> list[Risk]:
    if after is None:
        return []
    old = set() if before is None else {(g.start, g.end) for g in before.gaps}
    fresh = [g for g in after.gaps if (g.start, g.end) not in old]
    if not fresh or (before is not None and len(after.gaps) <= len(before.gaps) and
                     sum((g.end - g.start for g in after.gaps), timedelta()) <=
                     sum((g.end - g.start for g in before.gaps), timedelta())):
        return []
    first = fresh[0]
    return [Risk("danger", f"schedule {label} gets a coverage gap: nobody is on call "
                 f"{first.start.astimezone(zone).strftime(FORMAT)} – "
                 f"{first.end.astimezone(zone).strftime(FORMAT)}"
                 + (f" and {len(fresh) - 1} more times" if len(fresh) > 1 else ""))]


def _removed_on_call(base, head, names, begin) -> list[Risk]:
    """Someone removed or leaving who is on call in the coming week."""
    if base is None or head is None:
        return []
    week = begin + timedelta(days=7)
    gone = {p for p in base.people if p not in head.people or
            (head.people[p].leaving and not base.people[p].leaving)}
    out = []
    for sid, schedule in base.schedules.items():
        if not gone & set(schedule.people):
            continue
        for shift in render(schedule, begin, week).shifts:
            if shift.person in gone:
                out.append(Risk("danger", f"{names.person(shift.person)} is on call for "
                                f"{schedule.name} this week "
                                f"({shift.start.strftime(FORMAT)} – "
                                f"{shift.end.strftime(FORMAT)}) and is being removed: "
                                "make sure someone covers the shift"))
                break
    return out
