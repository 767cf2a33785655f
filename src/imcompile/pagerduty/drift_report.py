"""Drift, written for people (text, Markdown) and for tools (JSON); overrides read-only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .. import textsafe
from .compare import CHANGED, KINDS, MISSING, OUTSIDE, UNADOPTED, Drift, Finding
from .import_schedules import local, zone

SECTIONS = (
    (UNADOPTED, "In PagerDuty, and in {org} without a pagerduty_id",
     "the next apply does not adopt these: it creates a second object for each; "
     "`imcompile import` writes the IDs"),
    (CHANGED, "Different in PagerDuty", "the next apply sets what {org} says"),
    (OUTSIDE, "In PagerDuty, not in {org}", "Terraform does not manage these"),
    (MISSING, "In {org}, missing from PagerDuty", ""),
)
ORDER = ("user", "team", "team membership", "schedule", "escalation policy", "service",
         "integration", "business service", "dependency", "tag", "tag assignment",
         "incident workflow", "workflow trigger", "Slack connection")


@dataclass
class Override:
    schedule: str
    person: str
    start: datetime
    end: datetime
    zone: str


def read_overrides(reader, account, schedule_ids: list[str], now: datetime, days: int):
    """Overrides from now to `days` ahead on the given schedules, in their time zones."""
    found = []
    until = now + timedelta(days=days)
    schedules = {s["id"]: s for s in account.schedules}
    for sid in sorted(schedule_ids, key=lambda i: schedules[i]["name"].casefold()):
        s = schedules[sid]
        tz = zone(s.get("time_zone"))
        for o in reader.get(f"/schedules/{sid}/overrides", "overrides",
                            since=now.isoformat(), until=until.isoformat()):
            user = o.get("user") or {}
            found.append(Override(s["name"], user.get("summary") or user.get("name") or
                                  user.get("id", "?"), local(o["start"], tz), local(o["end"], tz), tz))
    return found


def _sorted(findings: list[Finding], kind: str) -> list[Finding]:
    chosen = [f for f in findings if f.kind == kind]
    return sorted(chosen, key=lambda f: (ORDER.index(f.what) if f.what in ORDER else 99,
                                         f.name.casefold()))


def _ids(f: Finding) -> str:
    ids = ", ".join(i for i in (f.org_id, f.pd_id) if i)
    return f" ({ids})" if ids else ""


def _counts(drift: Drift, org: str) -> str:
    parts = []
    for kind, label in ((UNADOPTED, "would be created a second time"),
                        (CHANGED, "different in PagerDuty"), (OUTSIDE, f"not in {org}"),
                        (MISSING, "missing from PagerDuty")):
        n = sum(f.kind == kind for f in drift.findings)
        if n:
            parts.append(f"{n} {label}")
    return ", ".join(parts)


def _when(o: Override) -> str:
    return f"{o.start:%Y-%m-%d %H:%M} → {o.end:%Y-%m-%d %H:%M} ({o.zone})"


def text(drift: Drift, overrides: list[Override], org: str, url: str) -> str:
    if drift.in_sync:
        lines = [f"{org} and PagerDuty ({url}) agree: {drift.compared} objects compared"]
    else:
        lines = [f"{org} and PagerDuty ({url}) differ: {_counts(drift, org)}"]
    for kind, title, why in SECTIONS:
        chosen = _sorted(drift.findings, kind)
        if not chosen:
            continue
        lines += ["", f"{title.format(org=org)}" + (f" ({why.format(org=org)}):" if why else ":")]
        for f in chosen:
            lines.append(f'  {f.what} "{f.name}"{_ids(f)}' + (f": {f.why}" if f.why else ""))
            lines += [f"    {name}: {org} has {mine}; PagerDuty has {theirs}"
                      for name, mine, theirs in f.changes]
    if drift.unread:
        lines += ["", "Not compared:"] + [f"  {why}" for why in drift.unread]
    if overrides:
        lines += ["", "Overrides in PagerDuty (read-only: Terraform does not manage overrides):"]
        lines += [f'  schedule "{o.schedule}": {o.person} on call {_when(o)}' for o in overrides]
    return textsafe.terminal_lines(lines) + "\n"  # the account's text: one line each


def markdown(drift: Drift, overrides: list[Override], org: str, url: str) -> str:
    head = "in sync" if drift.in_sync else _counts(drift, f"`{org}`")
    lines = [f"## PagerDuty drift: {head}", "",
             f"`{org}` compared with the PagerDuty account at {url}: "
             f"{drift.compared} objects found in both."]
    for kind, title, why in SECTIONS:
        chosen = _sorted(drift.findings, kind)
        if not chosen:
            continue
        lines += ["", f"### {title.format(org=f'`{org}`')}", ""]
        if why:
            text = why.format(org=f"`{org}`")
            lines += [f"_{text[0].upper()}{text[1:]}._", ""]
        for f in chosen:
            ids = ", ".join(f"`{i}`" for i in (f.org_id, f.pd_id) if i)
            lines.append(f"- **{f.what} “{_md(f.name)}”**" + (f" ({ids})" if ids else "")
                         + (f": {_md(f.why)}" if f.why else ""))
            lines += [f"  - {name}: `{org}` has {_md(mine)}; PagerDuty has {_md(theirs)}"
                      for name, mine, theirs in f.changes]
    if drift.unread:
        lines += ["", "### Not compared", ""] + [f"- {_md(why)}" for why in drift.unread]
    if overrides:
        lines += ["", "### Overrides (read-only: Terraform does not manage them)", "",
                  "| Schedule | On call | From | To |", "|---|---|---|---|"]
        lines += [f"| {_md(o.schedule)} | {_md(o.person)} | {o.start:%Y-%m-%d %H:%M} | "
                  f"{o.end:%Y-%m-%d %H:%M} ({o.zone}) |" for o in overrides]
    return "\n".join(lines) + "\n"


def _md(value) -> str:
    return textsafe.markdown(str(value))


def as_json(drift: Drift, overrides: list[Override], org: str, url: str) -> str:
    doc = {
        "org": org, "api_url": url, "in_sync": drift.in_sync, "compared": drift.compared,
        "counts": {k: sum(f.kind == k for f in drift.findings) for k in KINDS},
        "findings": [{"kind": f.kind, "type": f.what, "name": f.name, "org_id": f.org_id,
                      "pagerduty_id": f.pd_id, "why": f.why or None,
                      "changes": [{"field": n, "org": a, "pagerduty": b} for n, a, b in f.changes]}
                     for kind, _, _ in SECTIONS for f in _sorted(drift.findings, kind)],
        "not_compared": drift.unread,
        "overrides": [{"schedule": o.schedule, "user": o.person, "start": o.start.isoformat(),
                       "end": o.end.isoformat(), "time_zone": o.zone} for o in overrides],
    }
    return textsafe.json_text(doc, indent=2) + "\n"


RENDER = {"text": text, "markdown": markdown, "json": as_json}
