"""An account, as read from PagerDuty, written as an org file (format v1).

IDs are slugs of names, unique per kind (services and business services share one
space, since `depends_on` names either). Every object keeps its PagerDuty ID, so the
Terraform generated from the file imports it instead of creating a copy. What the
format cannot say the way PagerDuty has it is written as close as it can be and
reported as a note, both on stderr and as a comment above the object in the file.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import dataclass, field

from ..spec import API_VERSION, KIND
from .account import Account
from .import_schedules import duration, schedule_layers, zone
from .import_services import (PLACEHOLDER_TIER, UNOWNED, business_entries, service_entries,
                              tier_tags)
from .slugs import assign, slugify

LADDER = ("Critical", "High", "Medium", "Low", "Informational")
HEADER = (
    "yaml-language-server: $schema=schemas/org.v1.schema.json",
    "Imported from the PagerDuty account at {url} by `imcompile import`.",
    "Each object keeps its PagerDuty ID in `pagerduty_id`: `imcompile build` writes a",
    "Terraform import block for it, so the first apply adopts it instead of creating a copy.",
    "Before that apply, edit the placeholders (severities, service tiers) and read every",
    "comment marked `import note`.",
)
SEVERITY_NOTE = (
    "PagerDuty has priorities, not a severity ladder: one severity per priority, most",
    "severe first (P1 -> sev0, ...). Names, descriptions and responses are PLACEHOLDERS:",
    "edit them before publishing the docs.",
)
TIER_NOTE = (
    "PagerDuty has no service tiers. A service whose escalation policy carries a tier tag",
    "(`tier-N`, as imcompile builds assign) takes that tier; every other service is tier",
    f"{PLACEHOLDER_TIER} until you set its real tier (1: the most critical, paged around the",
    "clock). Urgency, support hours and timeouts are as PagerDuty has them.",
)


@dataclass
class Imported:
    doc: dict
    comments: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)  # PagerDuty ID -> org ID
    header: tuple = ()

    def note(self, path: tuple, text: str) -> None:
        self.comments.setdefault(path, []).extend(
            textwrap.wrap(f"import note: {text}", 86, subsequent_indent="  "))
        self.notes.append(f"{'.'.join(map(str, path))}: {text}")


def import_org(account: Account, name: str = "imported", display_name: str | None = None,
               url: str = "https://api.pagerduty.com") -> Imported:
    out = Imported({})
    people = assign([(u["id"], u.get("name") or "", (u.get("email") or "").split("@")[0])
                     for u in account.users])
    teams = assign([(t["id"], t.get("name") or "", f"team-{t['id']}") for t in account.teams])
    schedules = assign([(s["id"], s.get("name") or "", f"schedule-{s['id']}")
                        for s in account.schedules])
    policies = assign([(p["id"], p.get("name") or "", f"policy-{p['id']}")
                       for p in account.policies])
    services = assign([(s["id"], s.get("name") or "", f"service-{s['id']}")
                       for s in account.services + account.business_services])
    for found in (people, teams, schedules, policies, services):
        out.ids.update(found)
    zones = Counter(zone(u.get("time_zone")) for u in account.users)
    # The most common zone; a tie goes to the first name, whatever the API's order.
    default_tz = min(zones, key=lambda z: (-zones[z], z)) if zones else "Etc/UTC"
    doc = out.doc
    doc["apiVersion"], doc["kind"] = API_VERSION, KIND
    doc["metadata"] = {"name": slugify(name) or "imported"}
    if display_name:
        doc["metadata"]["display_name"] = display_name
    doc["defaults"] = {"timezone": default_tz}
    doc["severities"] = _severities(account.priorities)
    out.comments[("severities",)] = list(SEVERITY_NOTE)
    doc["pagerduty"] = {"priorities": [p["name"] for p in account.priorities]}
    _severity_field(account, doc, out)
    doc["people"] = _people(account, people, default_tz)
    members = _memberships(account, people, teams, out)
    owner = _Owners(account, teams, members)
    doc["teams"] = _teams(account, teams, members)
    doc["schedules"] = {}
    for s in sorted(account.schedules, key=lambda s: schedules[s["id"]]):
        sid = schedules[s["id"]]
        entry = {"name": s["name"], "team": owner.schedule(s)}
        if s.get("description"):
            entry["description"] = s["description"]
        entry["timezone"] = zone(s.get("time_zone"))
        entry["layers"] = schedule_layers(s, people, lambda t, p=("schedules", sid): out.note(p, t))
        entry["pagerduty_id"] = s["id"]
        doc["schedules"][sid] = entry
    doc["escalation_policies"] = {}
    tagged = tier_tags(account, doc)
    for p in sorted(account.policies, key=lambda p: policies[p["id"]]):
        pid = policies[p["id"]]
        doc["escalation_policies"][pid] = _policy(p, owner.policy(p), out,
                                                  ("escalation_policies", pid))
        if tagged.get(p["id"]):
            doc["escalation_policies"][pid]["pagerduty_tier_tags"] = tagged[p["id"]]
    doc["services"] = service_entries(account, out)
    out.comments[("services",)] = list(TIER_NOTE)
    doc["business_services"] = business_entries(account, out)
    owner.finish(doc, out)
    _targets_in_team(doc, out)
    for section in ("teams", "schedules", "escalation_policies", "services", "business_services"):
        if not doc[section]:
            del doc[section]
    out.header = tuple(line.format(url=url) for line in HEADER)
    return out


def _severity_field(account: Account, doc: dict, out: Imported) -> None:
    """Adopt the account's `severity` incident field rather than make a second one,
    which PagerDuty would refuse."""
    field = next((f for f in account.incident_fields if f.get("name") == "severity"), None)
    if field is None:
        return
    doc["pagerduty"]["severity_field_id"] = field["id"]
    labels = {s["label"] for s in doc["severities"].values()}
    taken = sorted(v for o in field.get("field_options") or []
                   if (v := str((o.get("data") or {}).get("value"))) in labels)
    if taken:
        out.note(("pagerduty",), f"the incident field 'severity' ({field['id']}) is adopted; "
                 f"its options {', '.join(taken)} are not: Terraform adds one option per "
                 "severity, and PagerDuty refuses an option whose value the field has")


def _severities(priorities: list[dict]) -> dict:
    if not priorities:  # the format needs one level; the account has no priorities
        return {"sev0": {"label": "SEV0", "name": "Critical", "description":
                         "Placeholder: the account has no priorities. Describe your levels.",
                         "response": {"page": "always", "urgency": "high"}}}
    out = {}
    for i, p in enumerate(priorities):
        about = f" ({p['description']})" if p.get("description") else ""
        out[f"sev{i}"] = {
            "label": f"SEV{i}", "name": LADDER[i] if i < len(LADDER) else f"Level {i}",
            "pagerduty_priority": p["name"],
            "description": f"Placeholder from PagerDuty priority {p['name']}{about}: "
                           f"describe when an incident is SEV{i}.",
            "response": {"page": "always" if i < 2 else "business_hours" if i == 2 else "never",
                         "urgency": "high" if i < 2 else "low"}}
    return out


def _people(account: Account, people: dict, default_tz: str) -> dict:
    out = {}
    for u in sorted(account.users, key=lambda u: people[u["id"]]):
        entry = {"name": u["name"], "email": u["email"]}
        if zone(u.get("time_zone")) != default_tz:
            entry["timezone"] = zone(u.get("time_zone"))
        if u.get("role", "user") != "user":
            entry["pagerduty_role"] = u["role"]
        if u.get("job_title"):
            entry["job_title"] = u["job_title"]
        entry["pagerduty_id"] = u["id"]
        out[people[u["id"]]] = entry
    return out


def _memberships(account, people, teams, out) -> dict[str, dict[str, str]]:
    """{team ID: {person ID: role}}."""
    found: dict[str, dict[str, str]] = {}
    for team in account.teams:
        tid = teams[team["id"]]
        for m in account.members.get(team["id"], []):
            user = (m.get("user") or {}).get("id")
            if user not in people:
                out.note(("teams", tid), f"member {user} is not among the account's users; "
                         "left out")
                continue
            found.setdefault(tid, {})[people[user]] = m.get("role") or "manager"
    return found


def _teams(account, teams, members) -> dict:
    out = {}
    for t in sorted(account.teams, key=lambda t: teams[t["id"]]):
        tid = teams[t["id"]]
        entry = {"name": t["name"]}
        if t.get("description"):
            entry["description"] = t["description"]
        parent = (t.get("parent") or {}).get("id")
        if parent in teams:
            entry["parent"] = teams[parent]
        roles = members.get(tid, {})
        for key, role in (("managers", "manager"), ("members", "responder"),
                          ("observers", "observer")):
            chosen = sorted(p for p, r in roles.items() if r == role)
            if chosen:
                entry[key] = chosen
        entry["pagerduty_id"] = t["id"]
        out[tid] = entry
    return out


class _Owners:
    """The one team each schedule, policy and service belongs to in the format.

    PagerDuty allows none or several; the format wants one. Several: the team of a
    policy that uses the schedule, else the first by name. None: the team of a policy
    that uses it; failing everything, one team created for the purpose (noted)."""

    def __init__(self, account, teams, members):
        self.teams, self.members, self.used = teams, members, False
        self.names = {t["id"]: t["name"] for t in account.teams}
        self.schedule_teams = {s["id"]: self._candidates(s) for s in account.schedules}
        self.by_schedule: dict[str, list[str]] = {}
        for p in account.policies:
            for team in self._candidates(p):
                for rule in p.get("escalation_rules") or []:
                    for t in rule.get("targets") or []:
                        if "schedule" in t.get("type", ""):
                            self.by_schedule.setdefault(t["id"], []).append(team)
        self.notes: list[tuple[tuple, str]] = []

    def _candidates(self, obj) -> list[str]:
        found = [t["id"] for t in obj.get("teams") or [] if t.get("id") in self.teams]
        return sorted(found, key=lambda t: (self.names[t].casefold(), t))

    def _pick(self, kind, obj, prefer) -> str:
        found = self._candidates(obj)
        chosen = next((t for t in prefer if t in found), None) or (found[0] if found else None)
        if chosen is None and prefer:
            chosen = prefer[0]
            self.notes.append(((kind, obj["id"]), "in no team in PagerDuty; the format needs "
                               f"one: put in {self.names[chosen]!r}, the team of the "
                               "policies or schedules it goes with"))
        if len(found) > 1:
            self.notes.append(((kind, obj["id"]), f"in {len(found)} teams in PagerDuty; the "
                               f"format keeps one, {self.names[chosen]!r}"))
        if chosen is None:
            self.used = True
            self.notes.append(((kind, obj["id"]), "in no team in PagerDuty; the format needs "
                               f"one: put in {UNOWNED!r} (the first apply creates it)"))
            return UNOWNED
        return self.teams[chosen]

    def schedule(self, s) -> str:
        return self._pick("schedules", s, self.by_schedule.get(s["id"], []))

    def policy(self, p) -> str:
        # A policy in no team goes with the schedules it pages, if they have one.
        prefer = [team for rule in p.get("escalation_rules") or []
                  for t in rule.get("targets") or [] if "schedule" in t.get("type", "")
                  for team in self.schedule_teams.get(t["id"], [])[:1]]
        return self._pick("escalation_policies", p, prefer)

    def finish(self, doc, out) -> None:
        ids = {pd: key for section in ("schedules", "escalation_policies")
               for key, e in doc.get(section, {}).items() for pd in [e["pagerduty_id"]]}
        for (kind, pd), text in self.notes:
            out.note((kind, ids.get(pd, pd)), text)
        if any(e["team"] == UNOWNED for section in ("schedules", "escalation_policies",
                                                         "services")
               for e in doc[section].values()):
            doc["teams"][UNOWNED] = {
                "name": "Unowned (imported)",
                "description": "Holds what had no team in PagerDuty: give it a real owner."}


def _policy(p: dict, team: str, out: Imported, path: tuple) -> dict:
    entry = {"name": p["name"], "team": team}
    if p.get("description"):
        entry["description"] = p["description"]
    entry["repeat"] = int(p.get("num_loops") or 0)
    steps = []
    for rule in p.get("escalation_rules") or []:
        notify = []
        for t in rule.get("targets") or []:
            kind = "schedule" if "schedule" in t.get("type", "") else \
                "person" if "user" in t.get("type", "") else None
            if kind and t["id"] in out.ids:
                notify.append(f"{kind}:{out.ids[t['id']]}")
            else:
                out.note(path, f"target {t.get('type')} {t.get('id')} cannot be written; left out")
        if not notify:
            continue
        step = {"notify": notify,
                "escalate_after": duration(60 * int(rule.get("escalation_delay_in_minutes") or 30))}
        strategy = rule.get("escalation_rule_assignment_strategy")
        if (strategy.get("type") if isinstance(strategy, dict) else strategy) == "round_robin":
            step["round_robin"] = True
        steps.append(step)
    entry["steps"] = steps
    entry["pagerduty_id"] = p["id"]
    return entry


def _targets_in_team(doc: dict, out: Imported) -> None:
    """PagerDuty only pages people of the policy's team: a person targeted from outside
    it joins the team as a responder (E120 otherwise)."""
    for pid, p in doc["escalation_policies"].items():
        team = doc["teams"].get(p["team"])
        if team is None:
            continue
        for step in p["steps"]:
            for target in step["notify"]:
                kind, _, who = target.partition(":")
                inside = set(team.get("managers", [])) | set(team.get("members", []))
                if kind == "person" and who not in inside:
                    team.setdefault("members", []).append(who)
                    team["members"].sort()
                    if who in team.get("observers", []):
                        team["observers"].remove(who)
                    out.note(("teams", p["team"]), f"{who!r} is a target of policy {pid!r} but "
                             "not a manager or responder of this team; added as a responder "
                             "(the first apply adds the membership)")
