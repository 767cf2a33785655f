"""Users, teams and team memberships."""

from __future__ import annotations

from ... import conventions as names
from .plan import Plan, Ref

CORE = "core"


def add_people(plan: Plan, model) -> None:
    org = model.spec
    for pid, person in org.people.items():
        plan.add(CORE, "pagerduty_user", pid, {
            "name": person.name,
            "email": person.email,
            "role": person.pagerduty_role,
            "time_zone": _zone(person.timezone or org.defaults.timezone),
            "job_title": person.job_title,
        }, import_id=person.pagerduty_id)
    for tid, team in org.teams.items():
        plan.add(CORE, "pagerduty_team", tid, {
            "name": team.name,
            "description": team.description,
            "parent": Ref(CORE, "pagerduty_team", team.parent) if team.parent else None,
        }, import_id=team.pagerduty_id)
    for m in sorted(model.memberships, key=lambda m: (m.team, m.person)):
        # PagerDuty defaults a membership to manager: the role is always explicit.
        plan.add(CORE, "pagerduty_team_membership", names.logical_id(m.team, m.person), {
            "team_id": Ref(CORE, "pagerduty_team", m.team),
            "user_id": Ref(CORE, "pagerduty_user", m.person),
            "role": m.role,
        }, import_id=_membership_import(org, m))


def _membership_import(org, m) -> str | None:
    """An adopted membership is imported as `user_id:team_id`."""
    user, team = org.people[m.person].pagerduty_id, org.teams[m.team].pagerduty_id
    return f"{user}:{team}" if user and team else None


def _zone(zone: str) -> str:
    return "Etc/UTC" if zone == "UTC" else zone


def user(pid: str) -> Ref:
    return Ref(CORE, "pagerduty_user", pid)


def team(tid: str) -> Ref:
    return Ref(CORE, "pagerduty_team", tid)
