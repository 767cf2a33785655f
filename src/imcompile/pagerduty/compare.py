"""Drift: the account compared with what the org file's Terraform would set.

The org side is the Terraform plan (`generators.terraform.plan`), so drift means "the
next apply would change this". Objects are matched by `pagerduty_id` when the file has
one, else by what PagerDuty keeps unique (a user's email, other objects' names).
Values are compared in a canonical form (instants for times, PagerDuty IDs for
references) and shown with names. Layers that have ended are left out on both sides,
as the Terraform provider does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from ..generators import terraform
from ..generators.terraform.plan import Ref
from .account import Account
from .findings import CHANGED, KINDS, MISSING, OUTSIDE, UNADOPTED, Finding  # noqa: F401
from .compare_slack import compare_slack, compare_workflows
from .compare_tags import compare_tags
from ..timeparse import human
from .import_schedules import DAY_NAMES, duration, zone

def _instant(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


def _blank(value):
    return None if value in ("", [], None) else value


class _Compare:
    def __init__(self, model, account: Account, now: datetime):
        self.plan = terraform.plan(model)
        self.account, self.now = account, now
        self.resolved: dict[tuple, str] = {}  # (tf_type, org name) -> PagerDuty ID
        self.by_name: set[tuple] = set()  # (tf_type, org name) matched without an ID
        self.names = {o["id"]: o.get("name") or o.get("summary") or o["id"]
                      for o in account.by_id().values()}
        self.findings: list[Finding] = []

    def ref(self, value):
        if isinstance(value, Ref):
            return self.resolved.get((value.tf_type, value.name),
                                     f"{value.name} (not in PagerDuty)")
        return value

    def resources(self, tf_type: str):
        return [r for r in self.plan.resources if r.tf_type == tf_type and not r.data]

    def match(self, tf_type, what, objects, plan_key, obj_key, ids=True) -> list[tuple]:
        """Pairs (plan resource, account object). `ids`: the org file can give this kind
        a pagerduty_id, so a match by name alone means it was not adopted."""
        by_id = {o["id"]: o for o in objects}
        by_key = {obj_key(o): o for o in objects}
        pairs, used = [], set()
        for r in self.resources(tf_type):
            # An integration's import ID is `service.integration`.
            adopted = r.import_id.rsplit(".", 1)[-1] if r.import_id else None
            found = by_id.get(adopted) if adopted else by_key.get(plan_key(r.attrs))
            if found is None or found["id"] in used:
                self.findings.append(Finding(
                    MISSING, what, r.attrs.get("name") or r.name, r.name, r.import_id,
                    why="not found: deleted in PagerDuty, or a wrong pagerduty_id"
                    if r.import_id else "not in PagerDuty: the next apply creates it"))
                continue
            used.add(found["id"])
            self.resolved[(tf_type, r.name)] = found["id"]
            if not adopted and ids:
                self.by_name.add((tf_type, r.name))
            pairs.append((r, found))
        for o in objects:
            if o["id"] not in used:
                self.findings.append(Finding(OUTSIDE, what, self.names.get(o["id"], o["id"]),
                                             pd_id=o["id"]))
        return pairs

    def diff(self, what, pairs, canon_plan, canon_obj, extra=None) -> None:
        for r, obj in pairs:
            changes = []
            mine, theirs = canon_plan(r.attrs), canon_obj(obj)
            if extra:  # what another resource of the plan sets on this object
                more_mine, more_theirs = extra(r, obj)
                mine.update(more_mine)
                theirs.update(more_theirs)
            for key in mine:
                changes += self.describe(key, mine[key], theirs.get(key))
            if (r.tf_type, r.name) in self.by_name:
                self.findings.append(Finding(
                    UNADOPTED, what, obj.get("name") or r.name, r.name, obj["id"], changes,
                    why="no pagerduty_id: the next apply creates a second one"))
            elif changes:
                self.findings.append(Finding(CHANGED, what, obj.get("name") or r.name, r.name,
                                             obj["id"], changes))

    def describe(self, key, mine, theirs) -> list[tuple[str, str, str]]:
        if _blank(mine) == _blank(theirs):
            return []
        if key in ("layers", "rules") and isinstance(mine, list) and isinstance(theirs, list) \
                and len(mine) == len(theirs):
            out = []
            for n, (a, b) in enumerate(zip(mine, theirs), start=1):
                label = f"layer {a.get('name')!r}" if key == "layers" else f"step {n}"
                for sub in a:
                    out += [(f"{label} {f}", x, y) for f, x, y in
                            self.describe(sub, a[sub], b.get(sub))]
            return out
        shown = self.show(theirs)
        if isinstance(mine, list) and isinstance(theirs, list) and \
                all(isinstance(v, str) for v in mine + theirs):
            gone = [v for v in mine if v not in theirs]
            added = [v for v in theirs if v not in mine]
            why = "; ".join(filter(None, (gone and f"without {self.show(gone)}",
                                          added and f"with {self.show(added)}"))) \
                or "the same, in another order"
            shown = f"{shown} ({why})"
        return [(key, self.show(mine), shown)]

    def show(self, value) -> str:
        if value is None or value == "":
            return "(none)"
        if isinstance(value, datetime):
            return value.strftime("%Y-%m-%d %H:%M %z")
        if isinstance(value, (list, tuple)):
            return ", ".join(self.show(v) for v in value) or "(none)"
        if isinstance(value, dict):
            if "name" in value and len(value) > 2:  # a layer
                return repr(value["name"])
            return "; ".join(f"{k} {self.show(v)}" for k, v in value.items())
        if isinstance(value, str) and value in self.names:
            return self.names[value]
        return str(value)

    # --- canonical forms: the same shape from the plan and from the account -------------

    def layers_plan(self, layers):
        out = [{"name": x["name"], "start": _instant(x["start"]), "end": _instant(x.get("end")),
                "rotation start": _instant(x["rotation_virtual_start"]),
                "turn length": duration(x["rotation_turn_length_seconds"]),
                "people": [self.ref(u) for u in x.get("users", [])],
                "restrictions": [_restriction(r) for r in x.get("restriction", [])]}
               for x in layers]
        return [x for x in out if x["end"] is None or x["end"] > self.now]

    def layers_obj(self, layers):
        out = [{"name": x.get("name"), "start": _instant(x["start"]), "end": _instant(x.get("end")),
                "rotation start": _instant(x["rotation_virtual_start"]),
                "turn length": duration(x["rotation_turn_length_seconds"]),
                "people": [(u.get("user") or u)["id"] for u in x.get("users") or []],
                "restrictions": [_restriction(r) for r in x.get("restrictions") or []]}
               for x in reversed(layers or [])]
        return [x for x in out if x["end"] is None or x["end"] > self.now]

    def rules_plan(self, rules):
        return [{"delay": r["escalation_delay_in_minutes"],
                 # Unwritten (everything but round robin) is PagerDuty's default.
                 "assignment": r.get("escalation_rule_assignment_strategy", {}).get(
                     "type", "assign_to_everyone"),
                 "targets": [self.ref(t["id"]) for t in r.get("target", [])]} for r in rules]

    @staticmethod
    def rules_obj(rules):
        def strategy(r):
            s = r.get("escalation_rule_assignment_strategy") or "assign_to_everyone"
            return s.get("type") if isinstance(s, dict) else s
        return [{"delay": r["escalation_delay_in_minutes"], "assignment": strategy(r),
                 "targets": [t["id"] for t in r.get("targets") or []]} for r in rules or []]

    def run(self) -> list[Finding]:
        a, ref = self.account, self.ref
        users = self.match("pagerduty_user", "user", a.users,
                           lambda x: x["email"].casefold(), lambda o: o["email"].casefold())
        teams = self.match("pagerduty_team", "team", a.teams, _name, _name)
        schedules = self.match("pagerduty_schedule", "schedule", a.schedules, _name, _name)
        policies = self.match("pagerduty_escalation_policy", "escalation policy", a.policies,
                              _name, _name)
        services = self.match("pagerduty_service", "service", a.services, _name, _name)
        business = self.match("pagerduty_business_service", "business service",
                              a.business_services, _name, _name)
        self.diff("user", users, lambda x: {
            "name": x["name"], "email": x["email"].casefold(), "role": x.get("role"),
            "time zone": x.get("time_zone"), "job title": x.get("job_title")}, lambda o: {
            "name": o["name"], "email": o["email"].casefold(), "role": o.get("role"),
            "time zone": zone(o.get("time_zone")), "job title": o.get("job_title")})
        self.diff("team", teams, lambda x: {
            "name": x["name"], "description": x.get("description"), "parent": ref(x.get("parent"))},
            lambda o: {"name": o["name"], "description": o.get("description"),
                       "parent": (o.get("parent") or {}).get("id")})
        self.diff("schedule", schedules, lambda x: {
            "name": x["name"], "time zone": x["time_zone"], "description": x.get("description"),
            "teams": [ref(t) for t in x.get("teams", [])], "layers": self.layers_plan(x["layer"])},
            lambda o: {"name": o["name"], "time zone": zone(o.get("time_zone")),
                       "description": o.get("description"),
                       "teams": [t["id"] for t in o.get("teams") or []],
                       "layers": self.layers_obj(o.get("schedule_layers"))})
        self.diff("escalation policy", policies, lambda x: {
            "name": x["name"], "description": x.get("description"), "repeat": x["num_loops"],
            "teams": [ref(t) for t in x.get("teams", [])], "rules": self.rules_plan(x["rule"])},
            lambda o: {"name": o["name"], "description": o.get("description"),
                       "repeat": o.get("num_loops") or 0,
                       "teams": [t["id"] for t in o.get("teams") or []],
                       "rules": self.rules_obj(o.get("escalation_rules"))})
        groupings = {svc.name: g.attrs for g in self.resources("pagerduty_alert_grouping_setting")
                     for svc in g.attrs["services"] if isinstance(svc, Ref)}
        self.diff("service", services, lambda x: _service(x, ref), lambda o: _service_obj(o),
                  lambda r, o: _grouping_pair(groupings.get(r.name), o))
        self.diff("business service", business, lambda x: {
            "name": x["name"], "description": x.get("description"),
            "point of contact": x.get("point_of_contact"), "team": ref(x.get("team"))},
            lambda o: {"name": o["name"], "description": o.get("description"),
                       "point of contact": o.get("point_of_contact"),
                       "team": (o.get("team") or {}).get("id")})
        self.memberships({o["id"] for _, o in teams})
        self.integrations({o["id"] for _, o in services})
        self.dependencies({o["id"] for _, o in services + business})
        compare_tags(self, {o["id"] for _, o in policies})
        compare_workflows(self)
        compare_slack(self)
        return self.findings

    def memberships(self, teams: set) -> None:
        have = {(m["user"]["id"], tid): m.get("role") for tid, ms in self.account.members.items()
                if tid in teams for m in ms}
        want = {}
        for r in self.resources("pagerduty_team_membership"):
            key = (self.ref(r.attrs["user_id"]), self.ref(r.attrs["team_id"]))
            want[key] = r.attrs["role"]
        for key in sorted(set(have) | set(want), key=lambda k: (self.show(k[1]), self.show(k[0]))):
            if key[1] not in teams or str(key[0]).endswith("(not in PagerDuty)"):
                continue
            label = f"{self.show(key[0])} in {self.show(key[1])}"
            if key not in have:
                self.findings.append(Finding(MISSING, "team membership", label,
                                             why=f"as {want[key]}: not in PagerDuty"))
            elif key not in want:
                self.findings.append(Finding(OUTSIDE, "team membership", label,
                                             why=f"as {have[key]}"))
            elif have[key] != want[key]:
                self.findings.append(Finding(CHANGED, "team membership", label,
                                             changes=[("role", want[key], have[key])]))

    def integrations(self, services: set) -> None:
        objects = [dict(i, service_id=s["id"]) for s in self.account.services
                   if s["id"] in services for i in s.get("integrations") or [] if "name" in i]
        pairs = self.match("pagerduty_service_integration", "integration", objects,
                           lambda x: (self.ref(x["service"]), x["name"]),
                           lambda o: (o["service_id"], o["name"]))
        self.diff("integration", pairs, lambda x: {
            "service": self.ref(x["service"]), "name": x["name"],
            "vendor": x.get("vendor"), "email": x.get("integration_email")}, lambda o: {
            "service": o["service_id"], "name": o["name"], "vendor": (o.get("vendor") or {}).get("id"),
            "email": o.get("integration_email")})

    def dependencies(self, ours: set) -> None:
        have = {(d["supporting_service"]["id"], d["dependent_service"]["id"])
                for d in self.account.dependencies}
        want = set()
        for r in self.resources("pagerduty_service_dependency"):
            dep = r.attrs["dependency"][0]
            want.add((self.ref(dep["supporting_service"][0]["id"]),
                      self.ref(dep["dependent_service"][0]["id"])))
        for pair in sorted(want - have):
            if not any(str(p).endswith("(not in PagerDuty)") for p in pair):
                self.findings.append(Finding(MISSING, "dependency", self._pair(pair),
                                             why="not in PagerDuty"))
        for pair in sorted(have - want):
            if pair[1] in ours:
                self.findings.append(Finding(OUTSIDE, "dependency", self._pair(pair)))

    def _pair(self, pair) -> str:
        return f"{self.show(pair[1])} depends on {self.show(pair[0])}"


def _name(obj: dict) -> str:
    return obj.get("name") or ""


def _restriction(r: dict) -> str:
    """`Sat 09:00 for 12h`, `daily 17:00 for 16h`: comparable and readable."""
    day = r.get("start_day_of_week")
    when = DAY_NAMES[day - 1][:3].capitalize() if day and "weekly" in r["type"] else "daily"
    return f"{when} {r['start_time_of_day'][:5]} for {human(int(r['duration_seconds']))}"


def _timeout(value):
    return None if value in (None, "null") else int(value)


def _service(x: dict, ref) -> dict:
    rule = x.get("incident_urgency_rule", {})
    return {"name": x["name"], "description": x.get("description"),
            "escalation policy": ref(x.get("escalation_policy")),
            "acknowledgement timeout": _timeout(x.get("acknowledgement_timeout")),
            "auto-resolve timeout": _timeout(x.get("auto_resolve_timeout")),
            "urgency": _urgency(rule), "support hours": _hours(x.get("support_hours")),
            "scheduled actions": [(a["to_urgency"], a["at"][0]["name"])
                                  for a in x.get("scheduled_actions", [])]}


def _service_obj(o: dict) -> dict:
    return {"name": o["name"], "description": o.get("description"),
            "escalation policy": (o.get("escalation_policy") or {}).get("id"),
            "acknowledgement timeout": o.get("acknowledgement_timeout"),
            "auto-resolve timeout": o.get("auto_resolve_timeout"),
            "urgency": _urgency(o.get("incident_urgency_rule") or {}),
            "support hours": _hours(o.get("support_hours")),
            "scheduled actions": [(a.get("to_urgency"), (a.get("at") or {}).get("name"))
                                  for a in o.get("scheduled_actions") or []]}


def _grouping_pair(setting: dict | None, obj: dict) -> tuple[dict, dict]:
    """Alert grouping, compared where the account shows it on the service (a `time`
    timeout in minutes there, in seconds in the plan)."""
    params = obj.get("alert_grouping_parameters")
    if params is None:
        return {}, {}
    mine = _grouping_text(setting["type"], **setting["config"]) if setting else None
    config = dict(params.get("config") or {})
    if config.get("timeout") is not None:
        config["timeout"] = int(config["timeout"]) * 60
    theirs = _grouping_text(params.get("type"), **config)
    return {"alert grouping": mine}, {"alert grouping": theirs}


def _grouping_text(kind, timeout=None, time_window=None, fields=None, aggregate=None,
                   **_) -> str | None:
    if not kind:
        return None
    parts = [kind]
    if kind == "time":
        parts.append(f"timeout {human(int(timeout or 0))}")
    elif time_window:
        parts.append(f"window {human(int(time_window))}")
    if kind.startswith("content"):
        parts.append(f"{aggregate or 'all'} of {', '.join(fields or [])}")
    return ", ".join(parts)


def _urgency(rule: dict) -> str:
    if rule.get("type") == "use_support_hours":
        return (f"{(rule.get('during_support_hours') or {}).get('urgency')} in support hours, "
                f"{(rule.get('outside_support_hours') or {}).get('urgency')} outside")
    return rule.get("urgency") or "high"


def _hours(h: dict | None):
    if not h:
        return None
    days = ",".join(DAY_NAMES[d - 1][:3].capitalize() for d in h.get("days_of_week") or [])
    return (f"{days} {(h.get('start_time') or '')[:5]}-{(h.get('end_time') or '')[:5]} "
            f"{zone(h.get('time_zone'))}")


@dataclass
class Drift:
    findings: list[Finding]
    schedules: list[str]  # PagerDuty IDs of the schedules the file manages
    compared: int  # objects of the file found in PagerDuty
    unread: list[str] = field(default_factory=list)  # what was not compared, and why

    @property
    def in_sync(self) -> bool:
        return not self.findings


def compare(model, account: Account, now: datetime | None = None) -> Drift:
    run = _Compare(model, account, now or datetime.now(timezone.utc))
    findings = run.run()
    schedules = [v for (t, _), v in run.resolved.items() if t == "pagerduty_schedule"]
    return Drift(findings, schedules, len(run.resolved), list(account.unread))
