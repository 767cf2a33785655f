"""A generated PagerDuty account that looks like a real one, in REST API v2 shapes.

Deterministic for a given size and seed. Everything in it can be written in the org
file format exactly (layer starts equal their rotation anchors, whole minutes, ended
layers end at local midnight, restrictions of at most a day), so that a round trip
fixtures -> import -> Terraform can be compared value by value.

Shapes follow the REST API v2 reference: objects carry `type` and `summary`, refer to
each other with `*_reference` objects, and a schedule lists its layers the way
PagerDuty does, the layer with the highest precedence first.
"""

from __future__ import annotations

import hashlib
import random
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

HTML = "https://acme.pagerduty.com"
ZONES = ("Europe/Berlin", "America/New_York", "Asia/Tokyo", "America/Los_Angeles",
         "Asia/Kolkata", "Australia/Sydney", "Etc/UTC", "Europe/London", "America/Sao_Paulo")
FIRST = ("Zoë", "Łukasz", "Søren", "Chloé", "José", "Björn", "Aoife", "Đorđe", "Ólafur",
         "Çağla", "Renée", "Jürgen", "Siobhán", "Ana", "Mateus", "Priya", "Kwame", "Yuki",
         "Amara", "Lars", "Inês", "Tomás", "Wei", "Fatima", "Omar", "Hana", "Ravi", "Sofia",
         "Emeka", "Nguyễn Thị", "Alex", "Maja", "Kenji", "Leila", "Mikael", "Noor")
LAST = ("Müller", "Kowalski", "Øster", "Dubois", "García", "Ångström", "O'Brien", "Trần",
        "Petrović", "Sigurðsson", "Yılmaz", "Lefèvre", "Groß", "Ní Bhriain", "Okafor",
        "Kim", "Haddad", "Nakamura", "Rossi", "Novák", "Silva", "Iyer", "Mensah", "Larsen")
NON_LATIN = ("渡辺 健", "李 娜", "김 민준", "Δημήτρης Παπαδόπουλος", "Иван Петров")
TEAM_NAMES = ("Payments", "Plattform Zürich", "Identity", "Search", "Mobile", "Équipe Données",
              "Growth", "Billing", "Messaging", "Infrastructure", "Security", "Customer Support")
COMPONENTS = ("API", "Web", "Worker", "Database", "Queue", "Gateway", "Cache", "Scheduler",
              "Search Index", "Notifications")
BUSINESS = ("Checkout", "Sign-in", "Search", "Mobile App", "Reporting", "Messaging",
            "Partner API", "Billing Portal")
PRIORITIES = (("P1", "Critical: complete outage"), ("P2", "High: major degradation"),
              ("P3", "Medium: minor impairment"), ("P4", "Low: cosmetic"),
              ("P5", "Informational"))
ID_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"


class _Ids:
    """PagerDuty-looking IDs (`P` + 6 characters), the same for the same seed."""

    def __init__(self, seed: int):
        self.seed, self.seen = seed, set()

    def __call__(self, kind: str, n, prefix: str = "P", length: int = 6) -> str:
        salt = 0
        while True:
            digest = hashlib.sha256(f"{self.seed}:{kind}:{n}:{salt}".encode()).digest()
            ident = prefix + "".join(ID_CHARS[b % len(ID_CHARS)] for b in digest[:length])
            if ident not in self.seen:
                self.seen.add(ident)
                return ident
            salt += 1


def plural(kind: str) -> str:
    return kind[:-1] + "ies" if kind.endswith("y") else kind + "s"


def ref(obj: dict) -> dict:
    kind = obj["type"]
    return {"id": obj["id"], "type": f"{kind}_reference", "summary": obj["summary"],
            "html_url": f"{HTML}/{plural(kind)}/{obj['id']}"}


def _stamp(day: date, hhmm: str, zone: str) -> str:
    hh, mm = map(int, hhmm.split(":"))
    return datetime.combine(day, time(hh, mm), tzinfo=ZoneInfo(zone)).isoformat()


def _ascii(text: str) -> str:
    import unicodedata
    flat = unicodedata.normalize("NFKD", text.replace("ß", "ss").replace("ø", "o")
                                 .replace("Ø", "O").replace("ł", "l").replace("Ł", "L")
                                 .replace("đ", "d").replace("Đ", "D").replace("ı", "i")
                                 .replace("ð", "d"))
    return "".join(c for c in flat if c.isascii() and (c.isalnum() or c in " -")).lower()


def generate(teams: int = 12, users: int = 120, services: int = 60, incidents: int = 8,
             seed: int = 7, now: datetime | None = None) -> dict:
    """The whole account as stored by the fake server. `now` places overrides."""
    teams, users = max(teams, 2), max(users, 3 + 2 * (teams - 1))
    g = _Generator(seed, now or datetime.now(timezone.utc))
    g.people(users)
    g.teams(teams)
    g.schedules_and_policies()
    g.services(services)
    g.business_services(max(2, teams // 2))
    g.tier_tags()
    g.incidents(incidents)
    return g.account


class _Generator:
    def __init__(self, seed: int, now: datetime):
        self.id = _Ids(seed)
        self.rng = random.Random(seed)
        self.now = now.astimezone(timezone.utc).replace(second=0, microsecond=0)
        self.account = {key: [] for key in (
            "users", "teams", "schedules", "escalation_policies", "services",
            "business_services", "dependencies", "priorities", "custom_fields", "incidents",
            "tags", "tag_assignments", "incident_workflows", "workflow_triggers",
            "slack_connections")}
        self.account.update(members={}, log_entries={}, custom_field_values={}, overrides={})
        self.team_people: list[list[dict]] = []  # per team: its users, manager first

    def _obj(self, kind: str, n, name: str, **fields) -> dict:
        ident = self.id(kind, n)
        return {"id": ident, "type": kind, "summary": name, "name": name,
                "html_url": f"{HTML}/{plural(kind)}/{ident}", **fields}

    def people(self, count: int) -> None:
        used: dict[str, int] = {}
        for i in range(count):
            if i % 41 == 17:
                name = NON_LATIN[(i // 41) % len(NON_LATIN)]
            elif i in (7, 8):  # two people of the same name: IDs must still be unique
                name = "Alex Kim"
            else:
                name = f"{FIRST[i % len(FIRST)]} {LAST[(i * 7 + i // len(FIRST)) % len(LAST)]}"
            local = ".".join(_ascii(name).split()) or f"user{i}"
            used[local] = used.get(local, 0) + 1
            email = f"{local}{used[local] if used[local] > 1 else ''}@acme.example"
            role = ("owner" if i == 0 else "read_only_user" if i == 1 else
                    "limited_user" if (i + i // 13) % 9 == 4 else "admin" if i % 23 == 2 else "user")
            self.account["users"].append(self._obj(
                "user", i, name, email=email, time_zone=ZONES[(i * 5) % len(ZONES)],
                role=role, job_title=None, description=None, color="purple",
                invitation_sent=False, teams=[]))

    def teams(self, count: int) -> None:
        people = self.account["users"]
        names = [TEAM_NAMES[k % len(TEAM_NAMES)] + (f" {k // len(TEAM_NAMES) + 1}"
                 if k >= len(TEAM_NAMES) else "") for k in range(count - 1)]
        engineering = self._obj("team", 0, "Engineering",
                                description="All product engineering teams.", parent=None,
                                default_role="manager")
        self.account["teams"].append(engineering)
        # 0: account owner, in no team; 1: a stakeholder observing; 2: VP Engineering.
        people[2]["job_title"] = "VP Engineering"
        self._member(engineering, people[2], "manager")
        self._member(engineering, people[1], "observer")
        groups: list[list[dict]] = [[] for _ in names]
        for i, person in enumerate(people[3:]):
            groups[i % len(names)].append(person)
        for k, name in enumerate(names):
            parent = None if name.startswith("Customer Support") else ref(engineering)
            team = self._obj("team", k + 1, name, parent=parent, default_role="manager",
                             description=None if k % 3 == 2 else f"The {name} team.")
            self.account["teams"].append(team)
            group = groups[k]
            # A limited user can only be a responder: never make one the manager.
            group.sort(key=lambda p: p["role"] == "limited_user")
            if group[0]["role"] == "limited_user":
                group[0]["role"] = "user"
            group[0]["job_title"] = f"Engineering Manager, {name}"
            for j, person in enumerate(group):
                self._member(team, person, "manager" if j == 0 else "responder")
            self.team_people.append(group)
        for k, group in enumerate(self.team_people[1:], start=1):  # a few in two teams
            guest = self.team_people[k - 1][-1]
            self._member(self.account["teams"][k + 1], guest, "responder")

    def _member(self, team: dict, person: dict, role: str) -> None:
        self.account["members"].setdefault(team["id"], []).append(
            {"user": ref(person), "role": role})
        person["teams"].append(ref(team))

    def _layer(self, n, name, zone, day, hhmm, turn, people, restrictions=(), end=None):
        start = _stamp(day, hhmm, zone)
        return {"id": self.id("layer", n), "name": name, "start": start,
                "end": _stamp(end, "00:00", zone) if end else None,
                "rotation_virtual_start": start, "rotation_turn_length_seconds": turn,
                "users": [{"user": ref(p)} for p in people],
                "restrictions": list(restrictions), "rendered_schedule_entries": [],
                "rendered_coverage_percentage": None}

    def schedules_and_policies(self) -> None:
        week, teams = 604800, self.account["teams"]
        for k, group in enumerate(self.team_people):
            team, t = teams[k + 1], k + 1
            zone = ZONES[t % len(ZONES)]
            manager, crew = group[0], group[1:] or group
            monday = date(2025, 1, 6) + timedelta(weeks=t % 20)
            layers = [self._layer((t, 1), "Layer 1", zone, monday, "10:00", week, crew)]
            if t % 4 == 1:  # the first rotation ended; a daily one took over
                layers[0]["end"] = _stamp(date(2025, 6, 2), "00:00", zone)
                layers.append(self._layer((t, 2), "Layer 2", zone, date(2025, 6, 2), "09:00",
                                          86400, crew[::-1]))
            elif t % 5 == 2:  # office hours on weekdays, nights and weekends separately
                layers[0]["restrictions"] = [
                    {"type": "weekly_restriction", "start_time_of_day": "09:00:00",
                     "duration_seconds": 8 * 3600, "start_day_of_week": d} for d in range(1, 6)]
                layers.append(self._layer((t, 2), "After Hours", zone, monday, "17:00", week,
                                          crew[1:] + crew[:1], [
                    {"type": "daily_restriction", "start_time_of_day": "17:00:00",
                     "duration_seconds": 16 * 3600, "start_day_of_week": None}]))
            elif t % 3 == 0 and len(crew) > 2:  # weekend daytime cover on top
                layers.append(self._layer((t, 2), "Weekend Daytime", zone, monday, "09:00",
                                          week, crew[:2], [
                    {"type": "weekly_restriction", "start_time_of_day": "09:00:00",
                     "duration_seconds": 12 * 3600, "start_day_of_week": d} for d in (6, 7)]))
            primary = self._schedule(t, f"{team['name']} Primary", zone, team, layers)
            secondary = None
            if t % 2 == 0 and len(crew) > 1:
                secondary = self._schedule((t, "s"), f"{team['name']} Secondary", zone, team, [
                    self._layer((t, 9), "Layer 1", zone, monday, "10:00", week,
                                crew[1:] + crew[:1])])
            rules = [self._rule((t, 1), 15 if t % 2 else 30, [ref(primary)])]
            rules.append(self._rule((t, 2), 15, [ref(secondary or manager)]))
            if secondary:
                rules.append(self._rule((t, 3), 30, [ref(manager)]))
            if t % 6 == 3 and len(crew) > 2:
                rules.insert(1, self._rule((t, 4), 10, [ref(crew[0]), ref(crew[1])],
                                           "round_robin"))
            self._policy(t, f"{team['name']} Escalation" if t % 4 else team["name"], team,
                         rules, t % 3)
        vp = self.account["users"][2]
        self._policy(0, "Engineering Leadership", teams[0],
                     [self._rule((0, 1), 30, [ref(vp)])], 0)

    def _schedule(self, n, name, zone, team, layers) -> dict:
        users = {u["user"]["id"]: u["user"] for layer in layers for u in layer["users"]}
        schedule = self._obj("schedule", n, name, time_zone=zone, teams=[ref(team)],
                             description=None if len(name) % 3 == 0 else f"On call: {name}.",
                             users=list(users.values()), escalation_policies=[],
                             schedule_layers=layers[::-1])  # highest precedence first
        self.account["schedules"].append(schedule)
        return schedule

    def _rule(self, n, delay, targets, strategy="assign_to_everyone") -> dict:
        return {"id": self.id("rule", n), "escalation_delay_in_minutes": delay,
                "targets": targets, "escalation_rule_assignment_strategy": strategy}

    def _policy(self, n, name, team, rules, loops) -> None:
        policy = self._obj("escalation_policy", n, name, teams=[ref(team)], num_loops=loops,
                           escalation_rules=rules, services=[],
                           description=f"Escalation for {team['name']}." if n % 2 else None,
                           on_call_handoff_notifications="if_has_services")
        self.account["escalation_policies"].append(policy)
        for rule in rules:
            for target in rule["targets"]:
                if target["type"] == "schedule_reference":
                    found = next(s for s in self.account["schedules"] if s["id"] == target["id"])
                    found["escalation_policies"].append(ref(policy))

    def services(self, count: int) -> None:
        policies = self.account["escalation_policies"][:-1]  # one per team, in team order
        teams = self.account["teams"][1:]
        for i in range(count):
            k = i % len(teams)
            team, policy = teams[k], policies[k]
            nth = i // len(teams)
            name = f"{team['name']} {COMPONENTS[nth % len(COMPONENTS)]}" + (
                f" {nth // len(COMPONENTS) + 1}" if nth >= len(COMPONENTS) else "")
            zone = ZONES[(k + 1) % len(ZONES)]
            kind = i % 4
            rule = {"type": "constant", "urgency": ("high", "severity_based", None, "low")[kind]}
            hours, actions = None, []
            if kind == 2:
                rule = {"type": "use_support_hours",
                        "during_support_hours": {"type": "constant", "urgency": "high"},
                        "outside_support_hours": {"type": "constant", "urgency": "low"}}
                hours = {"type": "fixed_time_per_day", "time_zone": zone,
                         "days_of_week": [1, 2, 3, 4, 5], "start_time": "09:00:00",
                         "end_time": "17:00:00" if i % 8 == 2 else "18:30:00"}
                actions = [{"type": "urgency_change", "to_urgency": "high",
                            "at": {"type": "named_time", "name": "support_hours_start"}}]
            service = self._obj(
                "service", i, name, status="active", escalation_policy=ref(policy),
                teams=[ref(team)], description=None if i % 5 == 4 else f"{name} in production.",
                acknowledgement_timeout=(None, 1800, 3600, 14400)[i % 4],
                auto_resolve_timeout=(14400, None, 86400, 259200)[(i // 4) % 4],
                incident_urgency_rule=rule, support_hours=hours, scheduled_actions=actions,
                alert_creation="create_alerts_and_incidents", integrations=[])
            service["integrations"] = self._integrations(i, service)
            self.account["services"].append(service)
            policy["services"].append(ref(service))
            first_of_team = i - len(teams)
            if first_of_team >= 0 and i % 5:
                self._depends(self.account["services"][first_of_team], service)
            if i > len(teams) and i % 7 == 0:
                self._depends(self.account["services"][0], service)

    def _integrations(self, i: int, service: dict) -> list[dict]:
        made = [("Prometheus Alertmanager", "events_api_v2_inbound_integration", None)]
        if i % 3 == 0:
            made.append(("Datadog", "generic_events_api_inbound_integration",
                         {"id": "PAM4FGS", "type": "vendor_reference", "summary": "Datadog"}))
        if i % 4 == 1:
            made.append(("Email", "generic_email_inbound_integration", None))
        out = []
        for j, (name, kind, vendor) in enumerate(made):
            integration = {"id": self.id("integration", (i, j)), "type": kind, "name": name,
                           "summary": name, "service": ref(service), "vendor": vendor,
                           "created_at": "2025-01-10T09:00:00Z"}
            if kind == "generic_email_inbound_integration":
                integration["integration_email"] = f"alerts-{service['id'].lower()}@acme.pagerduty.com"
            else:  # a secret: must never end up in a file
                integration["integration_key"] = hashlib.sha256(
                    integration["id"].encode()).hexdigest()[:32]
            out.append(integration)
        return out

    def _depends(self, supporting: dict, dependent: dict) -> None:
        kind = {"service": "technical_service_reference",
                "business_service": "business_service_reference"}
        self.account["dependencies"].append({
            "id": self.id("dependency", (supporting["id"], dependent["id"]), "D"),
            "type": "service_dependency",
            "supporting_service": {"id": supporting["id"], "type": kind[supporting["type"]]},
            "dependent_service": {"id": dependent["id"], "type": kind[dependent["type"]]}})

    def business_services(self, count: int) -> None:
        services, teams = self.account["services"], self.account["teams"]
        made = []
        for b in range(count):
            name = BUSINESS[b % len(BUSINESS)] + (f" {b // len(BUSINESS) + 1}"
                                                  if b >= len(BUSINESS) else "")
            team = teams[1 + b % (len(teams) - 1)] if b % 3 != 2 else None
            owner = self.team_people[(b % (len(teams) - 1))][0]
            bs = self._obj("business_service", b, name, description=f"Customers can use {name}.",
                           point_of_contact=f"{owner['name']} ({owner['email']})",
                           team={"id": team["id"], "type": "team_reference"} if team else None)
            self.account["business_services"].append(bs)
            for s in (services[b % len(services)], services[(b * 3 + 1) % len(services)]):
                self._depends(s, bs)
            if made:
                self._depends(made[0], bs)
            made.append(bs)
        for n, (name, description) in enumerate(PRIORITIES):
            self.account["priorities"].append(
                {**self._obj("priority", n, name), "description": description,
                 "color": "a8171c", "html_url": None})
        field = self._obj("field", 0, "severity", display_name="Severity",
                          data_type="string", field_type="single_value_fixed",
                          description="Severity of the incident")
        field["field_options"] = [{"id": self.id("option", s), "type": "field_option",
                                   "data": {"data_type": "string", "value": f"SEV{s}"}}
                                  for s in range(4)]
        self.account["custom_fields"].append(field)

    def tier_tags(self) -> None:
        """The tier tags imcompile puts on escalation policies, as after a first apply:
        each policy that pages for services carries one (tier 2 or 3, alternately)."""
        used = {s["escalation_policy"]["id"] for s in self.account["services"]}
        tags = {}
        for k, policy in enumerate(self.account["escalation_policies"]):
            if policy["id"] not in used:
                continue
            label = f"tier-{2 + k % 2}"
            if label not in tags:
                tags[label] = {"id": self.id("tag", label), "type": "tag", "summary": label,
                               "label": label, "self": None, "html_url": None}
                self.account["tags"].append(tags[label])
            self.account["tag_assignments"].append(
                {"tag_id": tags[label]["id"], "entity_type": "escalation_policies",
                 "entity_id": policy["id"]})

    def incidents(self, count: int) -> None:
        from .fake_incidents import add_incidents, add_overrides
        add_incidents(self, count)
        add_overrides(self)
