"""Who is on call before and after a change, over the next weeks, with the on-call engine."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from ..oncall import render


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


def compare(base, head, names, start=None, weeks=4):
    """(changed shift rows, hours gained or lost per person, risks)."""
    from . import coverage, leaving, overlap, shifts
    begin, end = window(start, weeks)
    rows, hours, found = [], [], []
    changed = changed_schedules(base, head)
    for sid in changed:
        before = _calendar(base, sid, begin, end)
        after = _calendar(head, sid, begin, end)
        label = names.schedules.get(sid, sid)
        zone = (after or before).timezone
        old = base.schedules.get(sid) if base is not None else None
        new = head.schedules.get(sid) if head is not None else None
        rows += shifts.rows(sid, label, zone, old, new, _pieces(before), _pieces(after),
                            begin, end, names)
        hours += shifts.hours(sid, label, _pieces(before), _pieces(after), names)
        if before is not None and after is not None:
            found += shifts.handover(label, zone, _pieces(before), _pieces(after), begin,
                                     names)
        if head is not None and sid in head.schedules:
            found += coverage.risks(head, sid, label, before, after, begin, end)
    found += leaving.risks(base, head, names, begin)
    found += overlap.risks(base, head, names, begin, end, set(changed))
    return rows, hours, found
