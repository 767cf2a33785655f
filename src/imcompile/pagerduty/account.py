"""Reading the configuration of a whole account, in as few requests as the API allows.

Lists come 100 a page; services come with their integrations (`include[]`);
escalation policies carry their rules and targets. What the API only gives one
object at a time is read that way: a schedule's layers (GET /schedules/{id}), a
team's members and roles, and each service's dependencies. Tags are read by tag
(the tier tags' policies), workflows with their steps in one list.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..conventions import TIER_TAG
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
    tags: list[dict] = field(default_factory=list)
    tagged: dict[str, list[str]] = field(default_factory=dict)  # tier tag ID -> policy IDs
    workflows: list[dict] = field(default_factory=list)  # incident workflows, with steps
    triggers: list[dict] = field(default_factory=list)  # their triggers
    slack_connections: list[dict] | None = None  # None: not read (see slack_connections)
    unread: list[str] = field(default_factory=list)  # what could not be read, and why

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
    read_tags(reader, account)
    account.workflows = _optional(lambda: reader.list("/incident_workflows", include=("steps",)))
    if account.workflows:
        account.triggers = _optional(lambda: reader.list("/incident_workflows/triggers"))
    return account


def read_tags(reader: Reader, account: Account) -> None:
    """Every tag, and the escalation policies of the tier tags (`tier-N`, the ones
    imcompile assigns): one request per tier, not one per policy."""
    account.tags = _optional(lambda: reader.list("/tags"))
    for tag in account.tags:
        if TIER_TAG.fullmatch(tag.get("label") or ""):
            account.tagged[tag["id"]] = [
                p["id"] for p in reader.list(f"/tags/{tag['id']}/escalation_policies")]


def read_slack_connections(reader: Reader, account: Account, workspace: str) -> None:
    """The Slack connections of one workspace, through the Slack integration API (a
    reader made with `slack=True`). Refused or absent: noted, not fatal."""
    try:
        account.slack_connections = reader.list(f"/workspaces/{workspace}/connections")
    except (NotFound, Unavailable) as exc:
        account.unread.append(f"Slack connections: {exc}")


def _optional(read) -> list[dict]:
    """A feature not every plan has (priorities, custom fields): none, then."""
    try:
        return read() or []
    except (NotFound, Unavailable):
        return []
