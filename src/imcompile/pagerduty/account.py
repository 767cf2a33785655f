"""Reading the configuration of a whole account, in as few requests as the API allows.

Lists come 100 a page; services come with their integrations (`include[]`);
escalation policies carry their rules and targets. What the API only gives one
object at a time is read that way: a schedule's layers (GET /schedules/{id}), a
team's members and roles, and each service's dependencies.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .client import NotFound, Reader, Unavailable


@dataclass
class Account:
    users: list[dict] = field(default_factory=list)
    teams: list[dict] = field(default_factory=list)
    members: dict[str, list[dict]] = field(default_factory=dict)  # team ID -> members
    schedules: list[dict] = field(default_factory=list)  # with schedule_layers
    policies: list[dict] = field(default_factory=list)
    services: list[dict] = field(default_factory=list)  # with full integrations
    business_services: list[dict] = field(default_factory=list)
    dependencies: list[dict] = field(default_factory=list)  # relationships, once each
    priorities: list[dict] = field(default_factory=list)
    incident_fields: list[dict] = field(default_factory=list)  # incident custom fields

    def by_id(self) -> dict[str, dict]:
        """Every object by its PagerDuty ID (integrations included)."""
        found: dict[str, dict] = {}
        for group in (self.users, self.teams, self.schedules, self.policies, self.services,
                      self.business_services, self.priorities):
            found.update((o["id"], o) for o in group)
        for s in self.services:
            found.update((i["id"], i) for i in s.get("integrations") or [])
        return found


def read_account(reader: Reader) -> Account:
    """Everything import and drift compare."""
    account = Account()
    account.users = reader.list("/users")
    account.teams = reader.list("/teams")
    for team in account.teams:
        account.members[team["id"]] = reader.list(f"/teams/{team['id']}/members")
    account.schedules = [reader.get(f"/schedules/{s['id']}", "schedule")
                         for s in reader.list("/schedules")]
    account.policies = reader.list("/escalation_policies")
    account.services = reader.list("/services", include=("integrations",))
    account.business_services = reader.list("/business_services")
    seen: dict = {}
    for kind, items in (("technical_services", account.services),
                        ("business_services", account.business_services)):
        for item in items:
            for rel in reader.get(f"/service_dependencies/{kind}/{item['id']}", "relationships"):
                pair = (rel["supporting_service"]["id"], rel["dependent_service"]["id"])
                seen.setdefault(pair, rel)
    account.dependencies = list(seen.values())
    account.priorities = _optional(lambda: reader.list("/priorities"))
    account.incident_fields = _optional(
        lambda: reader.get("/incidents/custom_fields", "fields"))
    return account


def _optional(read) -> list[dict]:
    """A feature not every plan has (priorities, custom fields): none, then."""
    try:
        return read() or []
    except (NotFound, Unavailable):
        return []
