"""A blameless post-mortem draft from a PagerDuty incident and the org's severity rules.

What PagerDuty knows is filled in (summary facts, severity, durations against the
severity's targets, the timeline from the log entries, responders, the due date);
what only people know is left as the sections of the post-mortem template
(root causes with five whys, what went well, what could be improved, action items
with owners and due dates).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from .. import textsafe
from ..timeparse import human, seconds
from .client import NotFound, Unavailable

BLAMELESS = ("This review is blameless: it looks for how the system and the process let "
             "this happen, not for who is at fault. Everyone acted in good faith on what "
             "they knew at the time.")


def _at(stamp: str | None) -> datetime | None:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")) if stamp else None


@dataclass
class Incident:
    raw: dict
    entries: list[dict]  # oldest first
    fields: list[dict] = field(default_factory=list)


def incident_id(text: str) -> str:
    """An ID, the incident's number (`1234` or `#1234`), or its URL (…/incidents/Q1ABC…)."""
    text = text.strip().rstrip("/")
    if "/incidents/" in text:
        return text.rsplit("/incidents/", 1)[-1].split("?")[0]
    return text.removeprefix("#")


def read_incident(reader, ident: str) -> Incident:
    """`ident` is an ID, or all digits: a number (PagerDuty's IDs begin with a letter)."""
    if ident.isdigit():
        number = int(ident)
        # Incidents are listed by number; the ones of all time, not the last month's.
        found = reader.first("/incidents", lambda i: i.get("incident_number") == number,
                             date_range="all", sort_by="incident_number:desc")
        if found is None:
            raise NotFound(f"PagerDuty has no incident #{number}")
        ident = found["id"]
    raw = reader.get(f"/incidents/{ident}", "incident")
    entries = reader.list(f"/incidents/{ident}/log_entries", include=("channels",))
    entries.sort(key=lambda e: (e["created_at"], e.get("id", "")))
    try:
        fields = reader.get(f"/incidents/{ident}/custom_fields/values", "custom_fields")
    except (NotFound, Unavailable):  # custom fields are not on every plan
        fields = []
    return Incident(raw, entries, fields or [])


def severity_of(org, incident: Incident) -> tuple[str | None, str]:
    """(severity ID, how it was found)."""
    labels = {s.label.casefold(): sid for sid, s in org.severities.items()}
    labels.update({sid.casefold(): sid for sid in org.severities})
    for f in incident.fields:
        if "severity" in (f.get("name", "").casefold(), f.get("display_name", "").casefold()):
            value = str(f.get("value") or "").casefold()
            if value in labels:
                return labels[value], f"the incident's severity field ({f.get('value')})"
    priority = (incident.raw.get("priority") or {}).get("name") or \
        (incident.raw.get("priority") or {}).get("summary")
    for sid, s in org.severities.items():
        if priority and s.pagerduty_priority == priority:
            return sid, f"priority {priority}, mapped in the org file"
    return None, f"unknown: priority {priority or 'not set'} maps to no severity"


def _first(entries, kind) -> datetime | None:
    return next((_at(e["created_at"]) for e in entries if e["type"] == kind), None)


def _against(taken: timedelta | None, target: str | None, what: str) -> str:
    if taken is None:
        return f"not {what} yet"
    text = human(int(taken.total_seconds()))
    if not target:
        return f"{text} (no target set for this severity)"
    limit = seconds(target)
    over = int(taken.total_seconds()) - limit
    verdict = "met" if over <= 0 else f"missed by {human(over)}"
    return f"{text} (target {target}: {verdict})"


def _who(ref: dict | None, people: dict) -> str | None:
    if not ref or "user" not in ref.get("type", ""):
        return None
    return people.get(ref.get("id")) or ref.get("summary") or ref.get("id")


def _line(entry: dict, people: dict) -> str:
    text = " ".join(str(entry.get("summary") or entry["type"]).split())
    if entry["type"] == "annotate_log_entry":
        note = (entry.get("channel") or {}).get("summary")
        who = _who(entry.get("agent"), people)
        if note:
            text = f"Note{f' by {who}' if who else ''}: {' '.join(note.split())}"
    return textsafe.markdown(text)


def draft(org, incident: Incident) -> str:
    raw, entries = incident.raw, incident.entries
    tz = ZoneInfo(org.defaults.timezone)
    people = {p.pagerduty_id: p.name for p in org.people.values() if p.pagerduty_id}
    sid, source = severity_of(org, incident)
    sev = org.severities.get(sid) if sid else None
    created = _at(raw["created_at"])
    acked = _first(entries, "acknowledge_log_entry") or _at(
        next((a["at"] for a in raw.get("acknowledgements") or []), None))
    resolved = _at(raw.get("resolved_at")) or _first(entries, "resolve_log_entry")
    local = lambda moment: moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")  # noqa: E731
    # The account's text (titles come from alert payloads) is escaped like the wiki's.
    md = textsafe.markdown
    label = md(f"{sev.label} ({sev.name})") if sev else "not classified"
    title = md(str(raw.get("title") or raw.get("summary") or raw["id"]))
    service = md(str((raw.get("service") or {}).get("summary") or "?"))
    out = [f"# Post-mortem: {title}", "",
           f"> Draft from PagerDuty incident #{raw.get('incident_number', '?')} "
           f"({textsafe.link_text(str(raw.get('html_url') or raw['id']))}). {BLAMELESS}", "",
           "| | |", "|---|---|",
           f"| Incident | #{raw.get('incident_number', '?')}, {md(str(raw['id']))} |",
           f"| Service | {service} |",
           f"| Severity | {label}: from {source} |",
           f"| Status | {md(str(raw.get('status', '?')))} |",
           f"| Started | {local(created)} ({org.defaults.timezone}) |",
           f"| Resolved | {local(resolved) if resolved else 'not yet'} |",
           f"| Duration | {human(int((resolved - created).total_seconds())) if resolved else 'ongoing'} |",
           f"| Time to acknowledge | {_against(acked - created if acked else None, sev and sev.response.acknowledge_within, 'acknowledged')} |",
           f"| Time to resolve | {_against(resolved - created if resolved else None, sev and sev.response.resolve_target, 'resolved')} |",
           f"| Post-mortem | {md(_due(sev, resolved, local))} |", ""]
    out += ["## Summary", "", f"_{title}_ on {service}. "
            "What happened, who was affected and how, in plain words: (to write)", "",
            "## Impact", "", "- Customers affected: (to write)", "- Duration of impact: (to write)",
            "- SLA / revenue impact: (to write)", "",
            f"## Timeline ({org.defaults.timezone})", "", "| Time | Event |", "|---|---|"]
    out += [f"| {local(_at(e['created_at']))} | {_line(e, people)} |" for e in entries]
    out += ["", "_Add what happened outside PagerDuty: detection, decisions, mitigations._", ""]
    out += ["## Responders", ""] + [f"- {md(name)}" for name in _responders(raw, entries, people)]
    if sev and sev.roles:
        out += ["", f"Roles for {md(sev.label)}: " + ", ".join(
            f"{md(org.roles[r].name if r in org.roles else r)}: (name)" for r in sev.roles)]
    out += ["", "## Root causes", "", "Primary cause: (to write)", "",
            "Contributing factors: (to write)", "", "Five whys:", ""]
    out += [f"{n}. Why? (to write)" for n in range(1, 6)]
    out += ["", "## What went well", "", "- (to write)", "",
            "## What could be improved", "", "- (to write)", "",
            "## Action items", "", "| Action | Owner | Due date | Status |", "|---|---|---|---|",
            "| (to write) | (name) | (YYYY-MM-DD) | Not started |", "",
            "## Lessons learned", "", "- (to write)", ""]
    return "\n".join(out)


def _due(sev, resolved, local) -> str:
    if sev is None:
        return "severity unknown: check the org's post-mortem rule"
    rule = sev.postmortem
    if not rule.required:
        return f"not required for {sev.label}; worth writing if there is something to learn"
    if not rule.within:
        return f"required for {sev.label}"
    if resolved is None:
        return f"required for {sev.label}: due {rule.within} after resolution"
    due = resolved + timedelta(seconds=seconds(rule.within))
    return f"required for {sev.label}: due {local(due)} ({rule.within} after resolution)"


def _responders(raw, entries, people) -> list[str]:
    refs = [a.get("assignee") for a in raw.get("assignments") or []]
    refs += [a.get("acknowledger") for a in raw.get("acknowledgements") or []]
    for e in entries:
        refs.append(e.get("agent"))
        refs += e.get("assignees") or []
    names = [_who(r, people) for r in refs]
    return list(dict.fromkeys(n for n in names if n)) or ["(nobody recorded in PagerDuty)"]
