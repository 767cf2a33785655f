"""The resolved model: references followed, defaults applied, leaving people taken out.

Generators see only this. It is built from a spec whose references all resolve
(the reference rules run first), so lookups here do not guard against dangling IDs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from . import conventions as names
from .spec import Organization
from .spec.base import BusinessHours, Hours
from .timeparse import day_index, minutes_of_day, seconds

DEFAULT_ESCALATE_AFTER = 30 * 60
MEMBERSHIP_RANK = {"manager": 3, "responder": 2, "observer": 1}

DEFAULT_TIERS = {
    1: {"urgency": "high", "always_paged": True},
    2: {"urgency": "high", "always_paged": False},
}
LOW_TIER_DEFAULT = {"urgency": "support_hours", "always_paged": False}


@dataclass(frozen=True)
class Window:
    """A restriction in the schedule's time zone. `day` None: every day."""

    start_minute: int
    duration_minutes: int
    day: int | None = None  # Monday = 0


@dataclass(frozen=True)
class Layer:
    id: str
    name: str
    people: tuple[str, ...]
    virtual_start: datetime  # aware, in the schedule's time zone
    turn_seconds: int
    windows: tuple[Window, ...]
    end: datetime | None
    path: tuple
    # A follow-the-sun region's own zone: its hours, handoffs and virtual start are
    # wall-clock there (None: the schedule's). PagerDuty gets one schedule per region.
    timezone: str | None = None

    def zone(self, schedule_zone: str) -> str:
        return self.timezone or schedule_zone


@dataclass(frozen=True)
class Schedule:
    id: str
    name: str
    team: str
    timezone: str
    role: str | None
    form: str  # rotation | layers | follow_the_sun | secondary
    layers: tuple[Layer, ...]
    description: str
    prevent_destroy: bool
    path: tuple

    @property
    def people(self) -> tuple[str, ...]:
        seen = dict.fromkeys(p for layer in self.layers for p in layer.people)
        return tuple(seen)


@dataclass(frozen=True)
class Target:
    kind: str  # person | schedule
    id: str


@dataclass(frozen=True)
class Step:
    targets: tuple[Target, ...]
    delay_seconds: int
    round_robin: bool
    path: tuple


@dataclass(frozen=True)
class EscalationPolicy:
    id: str
    name: str
    team: str
    repeat: int
    steps: tuple[Step, ...]
    description: str
    from_matrix: bool
    path: tuple


@dataclass(frozen=True)
class Membership:
    team: str
    person: str
    role: str  # manager | responder | observer


@dataclass(frozen=True)
class SupportHours:
    timezone: str
    days: tuple[int, ...]
    start: str
    end: str


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    team: str
    tier: int
    description: str
    runbook: str | None
    escalation_policy: str
    depends_on: tuple[str, ...]
    urgency: str
    support_hours: SupportHours | None
    acknowledgement_timeout: int | None
    auto_resolve_timeout: int | None
    always_paged: bool
    spec: object  # alert grouping, integrations, renamed_from: read-only spec parts
    slack_channel: str
    slack_channel_id: str | None
    prevent_destroy: bool
    path: tuple


@dataclass
class Model:
    spec: Organization
    timezone: str
    people: dict
    teams: dict
    memberships: list[Membership]
    schedules: dict[str, Schedule]
    policies: dict[str, EscalationPolicy]
    services: dict[str, Service]
    team_channels: dict[str, str]
    leaving: frozenset[str] = field(default_factory=frozenset)
    policies_by_team: dict[str, list[str]] = field(default_factory=dict)

    def team_policy(self, team_id: str) -> str | None:
        """The policy a team's services use when they name none: its only one."""
        own = self.policies_by_team.get(team_id, [])
        return own[0] if len(own) == 1 else None


def build(org: Organization) -> Model:
    leaving = frozenset(pid for pid, p in org.people.items() if p.leaving)
    tz = org.defaults.timezone
    schedules = {sid: _schedule(org, sid, leaving) for sid in org.schedules}
    memberships = _memberships(org)
    policies = _policies(org, schedules, leaving)
    team_channels = {
        tid: t.slack.channel or names.team_channel(org.slack.conventions.team, tid)
        for tid, t in org.teams.items()
    }
    model = Model(
        spec=org, timezone=tz, people=org.people, teams=org.teams,
        memberships=memberships, schedules=schedules, policies=policies,
        services={}, team_channels=team_channels, leaving=leaving,
    )
    for p in policies.values():
        model.policies_by_team.setdefault(p.team, []).append(p.id)
    tiers = {t: tier_policy(org, t) for t in {s.tier for s in org.services.values()}}
    model.services = {sid: _service(org, model, sid, tiers[org.services[sid].tier])
                      for sid in org.services}
    return model


# --- schedules -----------------------------------------------------------------

def _hours_windows(hours: Hours | BusinessHours) -> tuple[Window, ...]:
    start = minutes_of_day(hours.start)
    duration = (minutes_of_day(hours.end) - start) % 1440 or 1440
    if hours.days is None:
        return () if duration == 1440 else (Window(start, duration),)
    return tuple(Window(start, duration, day_index(d)) for d in hours.days)


def _windows(org: Organization, restrictions) -> tuple[Window, ...]:
    out: list[Window] = []
    for r in restrictions:
        out.extend(_hours_windows(org.defaults.business_hours if r == "business_hours" else r))
    return tuple(out)


def _virtual_start(rotation, tz: str) -> datetime:
    start = date.fromisoformat(rotation.start)
    if rotation.handoff.day is not None:
        start += timedelta(days=(day_index(rotation.handoff.day) - start.weekday()) % 7)
    hh, mm = rotation.handoff.time.split(":")  # 00:00 to 23:59: the schema says so
    return datetime.combine(start, time(int(hh), int(mm)), tzinfo=ZoneInfo(tz))


def _end(day: str | None, tz: str) -> datetime | None:
    if day is None:
        return None
    return datetime.combine(date.fromisoformat(day), time(0, 0), tzinfo=ZoneInfo(tz))


def _layer(lid, name, rotation, people, windows, end, tz, leaving, path,
           own_zone=None) -> Layer:
    return Layer(
        id=lid, name=name or names.layer_name(lid),
        people=tuple(p for p in people if p not in leaving),
        virtual_start=_virtual_start(rotation, tz),
        turn_seconds=seconds(rotation.every), windows=windows,
        end=_end(end, tz), path=path, timezone=own_zone,
    )


def _schedule(org: Organization, sid: str, leaving: frozenset) -> Schedule:
    spec = org.schedules[sid]
    source, shift, form = spec, 0, "rotation"
    if spec.secondary_of:
        source, shift, form = org.schedules[spec.secondary_of], spec.shift, "secondary"
    tz = spec.timezone or source.timezone or org.defaults.timezone
    path = ("schedules", sid)
    layers: list[Layer] = []
    if source.layers:
        form = "layers" if form == "rotation" else form
        for lid, layer in source.layers.items():
            layers.append(_layer(
                lid, layer.name, layer.rotation, layer.people,
                _windows(org, layer.restrictions), layer.end, tz, leaving,
                path + ("layers", lid)))
    elif source.follow_the_sun:
        form = "follow_the_sun" if form == "rotation" else form
        for rid, region in source.follow_the_sun.items():
            # A region keeps its local hours: all of it is read in its own zone.
            own = region.timezone or tz
            layers.append(_layer(
                rid, region.name, region.rotation or source.rotation, region.people,
                _hours_windows(region.hours), None, own, leaving,
                path + ("follow_the_sun", rid), own_zone=own))
    else:
        layers.append(_layer(
            "main", spec.name or names.schedule_name(sid), source.rotation, source.people,
            _windows(org, source.restrictions), None, tz, leaving, path))
    if shift:
        layers = [_shifted(layer, shift) for layer in layers]
    role = spec.role or ("secondary" if spec.secondary_of else None)
    protect = spec.prevent_destroy
    return Schedule(
        id=sid, name=spec.name or names.schedule_name(sid), team=spec.team, timezone=tz,
        role=role, form=form, layers=tuple(layers), description=spec.description or "",
        prevent_destroy=org.terraform.prevent_destroy if protect is None else protect,
        path=path,
    )


def _shifted(layer: Layer, shift: int) -> Layer:
    """A secondary copy: the same people, `shift` places further along the list."""
    people = layer.people
    k = shift % len(people) if people else 0
    return Layer(layer.id, layer.name, people[k:] + people[:k], layer.virtual_start,
                 layer.turn_seconds, layer.windows, layer.end, layer.path, layer.timezone)


# --- teams and escalation ------------------------------------------------------

def _memberships(org: Organization) -> list[Membership]:
    best: dict[tuple[str, str], str] = {}
    for tid, team in org.teams.items():
        for role, people in (("observer", team.observers), ("responder", team.members),
                             ("manager", team.managers)):
            for pid in people:
                key = (tid, pid)
                if MEMBERSHIP_RANK[role] > MEMBERSHIP_RANK.get(best.get(key, ""), 0):
                    best[key] = role
    return [Membership(t, p, r) for (t, p), r in best.items()]


def schedule_roles(org: Organization) -> dict[tuple[str, str], str]:
    """(team, role) -> the first schedule with that role in that team."""
    found: dict[tuple[str, str], str] = {}
    for sid, s in org.schedules.items():
        role = s.role or ("secondary" if s.secondary_of else None)
        if role is not None:
            found.setdefault((s.team, role), sid)
    return found


def expand_target(org: Organization, roles: dict, team_id: str, target: str) -> list[Target]:
    """`role:team_manager` -> the team's managers, and so on."""
    kind, _, ref = target.partition(":")
    if kind != "role":
        return [Target(kind, ref)]
    if ref in ("primary", "secondary"):
        sid = roles.get((team_id, ref))
        return [Target("schedule", sid)] if sid else []
    team = org.teams[team_id]
    if ref == "team_manager":
        return [Target("person", p) for p in team.managers]
    if ref == "parent_manager" and team.parent:
        return [Target("person", p) for p in org.teams[team.parent].managers]
    return []


def _steps(org, roles, team_id, steps, leaving, path) -> tuple[Step, ...]:
    out = []
    for i, step in enumerate(steps):
        targets: list[Target] = []
        for raw in step.notify:
            for t in expand_target(org, roles, team_id, raw):
                if t not in targets and not (t.kind == "person" and t.id in leaving):
                    targets.append(t)
        delay = seconds(step.escalate_after) if step.escalate_after else DEFAULT_ESCALATE_AFTER
        out.append(Step(tuple(targets), delay, step.round_robin, path + ("steps", i)))
    return tuple(out)


def matrix_teams(org: Organization, roles: dict | None = None) -> list[str]:
    matrix = org.escalation_matrix
    if matrix is None:
        return []
    if matrix.teams is not None:
        return list(matrix.teams)
    roles = schedule_roles(org) if roles is None else roles
    owning = {p.team for p in org.escalation_policies.values()}
    return [t for t in org.teams if t not in owning and (t, "primary") in roles]


def _policies(org, schedules, leaving) -> dict[str, EscalationPolicy]:
    policies = {}
    roles = schedule_roles(org)
    for pid, p in org.escalation_policies.items():
        path = ("escalation_policies", pid)
        policies[pid] = EscalationPolicy(
            pid, p.name or names.policy_name(pid), p.team, p.repeat,
            _steps(org, roles, p.team, p.steps, leaving, path), p.description or "", False,
            path)
    matrix = org.escalation_matrix
    for tid in matrix_teams(org, roles):
        pid = names.matrix_policy_id(tid)
        steps = _steps(org, roles, tid, matrix.steps, leaving, ("escalation_matrix",))
        policies[pid] = EscalationPolicy(
            pid, names.matrix_policy_name(org.teams[tid].name), tid, matrix.repeat, steps,
            "Written from the organisation's escalation matrix.", True,
            ("escalation_matrix",))
        # No membership is added for a parent team's manager the matrix targets:
        # neither PagerDuty's API description nor its provider requires escalation
        # targets to be team members (provider issue 427 did not reproduce), and
        # manager rights over every child team are not the compiler's to hand out.
    return policies


# --- services --------------------------------------------------------------------

def tier_policy(org: Organization, tier: int) -> dict:
    base = dict(DEFAULT_TIERS.get(tier, LOW_TIER_DEFAULT))
    base.update({"support_hours": "business_hours" if base["urgency"] == "support_hours"
                 else None, "acknowledgement_timeout": None, "auto_resolve_timeout": None})
    if tier in org.tiers:
        base.update(org.tiers[tier].model_dump(exclude_unset=True))
    return base


def _support_hours(org: Organization, value) -> SupportHours | None:
    if value is None:
        return None
    if value == "business_hours":
        bh = org.defaults.business_hours
        return SupportHours(org.defaults.timezone, tuple(day_index(d) for d in bh.days),
                            bh.start, bh.end)
    if isinstance(value, dict):  # from a tier's model_dump
        from .spec.services import SupportHours as Spec
        value = Spec(**value)
    return SupportHours(value.timezone or org.defaults.timezone,
                        tuple(day_index(d) for d in value.days), value.start, value.end)


def _timeout(value) -> int | None:
    return None if value in (None, "off") else seconds(value)


def _service(org: Organization, model: Model, sid: str, tier: dict) -> Service:
    s = org.services[sid]
    urgency = s.urgency or tier["urgency"]
    hours = s.support_hours or tier["support_hours"]
    protect = s.prevent_destroy
    return Service(
        id=sid, name=s.name, team=s.team, tier=s.tier, description=s.description or "",
        runbook=s.runbook,
        escalation_policy=s.escalation_policy or model.team_policy(s.team) or "",
        depends_on=tuple(s.depends_on), urgency=urgency,
        support_hours=_support_hours(org, hours) if urgency == "support_hours" else None,
        acknowledgement_timeout=_timeout(s.acknowledgement_timeout
                                         or tier["acknowledgement_timeout"]),
        auto_resolve_timeout=_timeout(s.auto_resolve_timeout or tier["auto_resolve_timeout"]),
        always_paged=bool(tier.get("always_paged")), spec=s,
        slack_channel=s.slack.channel or names.service_channel(
            org.slack.conventions.service, sid, s.team),
        slack_channel_id=s.slack.channel_id,
        prevent_destroy=org.terraform.prevent_destroy if protect is None else protect,
        path=("services", sid),
    )
