"""Calendars, one person's shifts and who is on call at an instant, as text, Markdown
and JSON. JSON is a contract: `{"schedules": {id: [{"start", "end", "person"}]},
"gaps": {id: [{"start", "end"}]}}` with ISO 8601 times in the schedule's zone; the
instant and person views add top-level keys.

Names are the org's: the text goes out one line per line through textsafe.terminal,
and in Markdown every table cell and every name in a heading is textsafe.markdown."""

from __future__ import annotations

from .. import textsafe
from ..timeparse import human
from . import clock
from .text import when


def _iso(moment) -> str:
    return moment.isoformat()


def seconds_between(start, end) -> int:
    """Real seconds: `end - start` of two datetimes in one zone counts wall-clock time."""
    return int(end.timestamp() - start.timestamp())


def _length(start, end) -> str:
    return human(seconds_between(start, end))


def _name(model, person: str | None) -> str:
    if person is None:
        return "nobody on call"
    return model.people[person].name


def _timeline(calendar) -> list:
    """Shifts and gaps of one calendar, in time order: (start, end, person or None)."""
    rows = [(s.start, s.end, s.person) for s in calendar.shifts]
    rows += [(g.start, g.end, None) for g in calendar.gaps]
    return sorted(rows, key=lambda r: r[0])


def heading(name: str, rest: str, markdown: bool) -> list[str]:
    """A title that starts with a name: a `##` heading in Markdown."""
    if markdown:
        return [f"## {textsafe.markdown(name)}{rest}", ""]
    return [f"{name}{rest}"]


def joined(lines: list[str]) -> str:
    return textsafe.terminal_lines(lines)


def table(header: list[str], rows: list[list[str]], markdown: bool) -> list[str]:
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        return lines + ["| " + " | ".join(textsafe.markdown(c) for c in r) + " |"
                        for r in rows]
    rows = [[textsafe.terminal(c) for c in r] for r in rows]  # escaped before measured
    widths = [max(len(x) for x in col) for col in zip(header, *rows)]
    return ["  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
            for r in [header] + rows]


# --- calendars -----------------------------------------------------------------

def calendars_json(calendars: dict) -> dict:
    return {
        "schedules": {sid: [{"start": _iso(s.start), "end": _iso(s.end), "person": s.person}
                            for s in c.shifts] for sid, c in calendars.items()},
        "gaps": {sid: [{"start": _iso(g.start), "end": _iso(g.end)} for g in c.gaps]
                 for sid, c in calendars.items()},
    }


def calendars_text(model, calendars: dict, markdown: bool = False) -> str:
    out = []
    for sid, cal in calendars.items():
        schedule = model.schedules[sid]
        out += heading(schedule.name, f" ({sid}), times in {cal.timezone}", markdown)
        rows = [[when(s), when(e), _length(s, e), _name(model, p)]
                for s, e, p in _timeline(cal)]
        if rows:
            out += table(["from", "until", "length", "on call"], rows, markdown)
        else:
            out.append("  (empty window)")
        out.append("")
    return joined(out).rstrip() + "\n"


# --- one person ------------------------------------------------------------------

def person_shifts(calendars: dict, person: str) -> dict:
    """The calendars cut down to one person's shifts (schedules without any left out)."""
    found = {}
    for sid, cal in calendars.items():
        mine = [s for s in cal.shifts if s.person == person]
        if mine:
            found[sid] = mine
    return found


def person_json(person: str, shifts: dict) -> dict:
    return {
        "person": person,
        "schedules": {sid: [{"start": _iso(s.start), "end": _iso(s.end), "person": s.person}
                            for s in found] for sid, found in shifts.items()},
        "gaps": {},
    }


def person_text(model, person: str, shifts: dict, start, end, markdown=False) -> str:
    spec = model.people[person]
    tz = clock.zone(spec.timezone or model.timezone)
    out = heading(spec.name, f" ({person}), times in {tz.key}", markdown)
    rows = sorted((s.start.astimezone(tz), s.end.astimezone(tz), sid)
                  for sid, found in shifts.items() for s in found)
    if not rows:
        why = " (leaving: taken out of every schedule)" if spec.leaving else ""
        out.append(f"  no shifts from {when(start.astimezone(tz))} to "
                   f"{when(end.astimezone(tz))}{why}")
        return joined(out) + "\n"
    out += table(["from", "until", "length", "schedule"],
                 [[when(s), when(e), _length(s, e), sid] for s, e, sid in rows], markdown)
    seconds = sum(seconds_between(s, e) for s, e, _ in rows)
    out += ["", f"{human(seconds)} on call in {len(rows)} shift{'s' * (len(rows) != 1)}"]
    return joined(out) + "\n"


# --- who is on call at an instant ----------------------------------------------------

def _stretch_json(now) -> dict:
    out = {"person": now.person, "since": _iso(now.since), "until": _iso(now.until)}
    if now.also:  # follow-the-sun regions whose hours meet: every one is paged
        out["also"] = list(now.also)
    return out


def at_json(moment, policies: list, on_call: dict) -> dict:
    return {
        "at": _iso(moment),
        "policies": {p.policy: {"name": p.name, "steps": [
            {"step": st.number, "after_seconds": st.after_seconds,
             "round_robin": st.round_robin, "people": list(st.people),
             "targets": [{"kind": t.kind, "id": t.id} | (_stretch_json(now) if now else {})
                         for t, now in st.targets]}
            for st in p.steps]} for p in policies},
        "schedules": {sid: [{"start": _iso(now.since), "end": _iso(now.until),
                             "person": now.person}] if now.person else []
                      for sid, now in on_call.items()},
        "gaps": {sid: [] if now.person else
                 [{"start": _iso(now.since), "end": _iso(now.until)}]
                 for sid, now in on_call.items()},
    }


def _until(now) -> str:
    if now.open_end:
        return f"no handoff before {when(now.until)}"
    return f"until {when(now.until)}"


def _target_text(model, target, now) -> str:
    if now is None:
        return _name(model, target.id)
    return f"{_name(model, now.person)}{_also(model, now)} ({target.id}, {_until(now)})"


def _also(model, now) -> str:
    """Other follow-the-sun regions on call at the same instant: all are paged."""
    return "".join(f" and {_name(model, p)}" for p in now.also)


def at_text(model, moment, policies: list, on_call: dict, markdown=False) -> str:
    out = [f"On call at {when(moment)}", ""]
    for p in policies:
        out += heading(p.name, f" ({p.policy})", markdown)
        rows = []
        for st in p.steps:
            after = "at once" if st.after_seconds == 0 else f"after {human(st.after_seconds)}"
            who = "; ".join(_target_text(model, t, now) for t, now in st.targets) or "nobody"
            if st.round_robin and len(st.targets) > 1:
                who = "one of, in turn: " + who
            rows.append([f"step {st.number}", after, who])
        out += table(["step", "paged", "who"], rows, markdown) if markdown else \
            ["  " + "  ".join(r) for r in _aligned(rows)]
        out.append("")
    if on_call:
        out += ["## Schedules", ""] if markdown else ["Schedules"]
        rows = [[sid, _name(model, now.person) + _also(model, now), _until(now)]
                for sid, now in on_call.items()]
        out += table(["schedule", "on call", "until"], rows, markdown) if markdown else \
            ["  " + "  ".join(r).rstrip() for r in _aligned(rows)]
    return joined(out).rstrip() + "\n"


def _aligned(rows: list[list[str]]) -> list[list[str]]:
    rows = [[textsafe.terminal(c) for c in r] for r in rows]  # escaped before measured
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)] if rows else []
    return [[c.ljust(w) for c, w in zip(r, widths)] + [r[-1]] for r in rows]
