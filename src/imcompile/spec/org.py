"""The root of the file format: `apiVersion: imcompile/v1`, `kind: Organization`."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .account import Account
from .backend import Backend
from .base import DAY, BusinessHours, Line, Prose, Slug, Spec, Text, Timezone
from .bounds import bounded_duration
from .escalation import EscalationMatrix, EscalationPolicy
from .lint import Lint
from .people import Person, Team
from .schedules import Schedule
from .services import BusinessService, Service, Tier, TierNumber
from .severities import Classification, Communication, Role, Severity

# A runbook may be trusted for a day to ten years.
RunbookAge = bounded_duration(DAY, 3650 * DAY)

API_VERSION = "imcompile/v1"
KIND = "Organization"


class Metadata(Spec):
    name: Slug = Field(description="Short ID of the organisation.")
    display_name: Text | None = None
    description: Prose | None = None
    wiki_url: Line | None = Field(None, description="Where the generated docs are published.")


class Defaults(Spec):
    timezone: Timezone = Field(description="IANA time zone used wherever none is given.")
    business_hours: BusinessHours = Field(default_factory=BusinessHours)


class SlackConventions(Spec):
    team: Text = Field("team-{team}", description="Team channels. Placeholder: `{team}`. "
                       "Nothing else may stand in braces (E129).")
    service: Text = Field(
        "alerts-{service}", description="Service alert channels. Placeholders: "
        "`{service}`, `{team}`. Nothing else may stand in braces (E129)."
    )
    incident: Text = Field(
        "inc-{date}-{slug}",
        description="Incident channels. Placeholders: `{date}` (YYYYMMDD), `{number}`, "
        "`{slug}`, `{severity}`. Nothing else may stand in braces (E129).",
    )


class Slack(Spec):
    workspace_id: Line | None = Field(None, description="Slack workspace (team) ID, `T…`.")
    manage_channels: bool = Field(
        False, description="Also generate Terraform that creates the channels."
    )
    conventions: SlackConventions = Field(default_factory=SlackConventions)


class OnCall(Spec):
    """Limits the on-call checks hold rotations to."""

    lookahead_weeks: int = Field(
        4, ge=1, le=52, description="How far ahead coverage and load are checked, in weeks."
    )
    max_share: float = Field(
        0.5, gt=0, le=1,
        description="Largest share of a schedule's covered time one person may be on call "
        "(0.5: half of the time).",
    )


class Runbooks(Spec):
    max_age: RunbookAge = Field(
        "180d", description="A local runbook whose `Last updated` is older is stale."
    )
    required_sections: list[Text] = Field(
        default_factory=lambda: ["Trigger", "Severity", "Prerequisites", "Steps",
                                 "Rollback", "Owner", "Last updated"],
        description="Sections every local runbook must have (Markdown headings).",
    )


class PagerDuty(Account):
    subdomain: Slug | None = Field(None, description="The account's subdomain (`acme` for acme.pagerduty.com): the wiki links its on-call pages.")  # noqa: E501
    priorities: list[Text] = Field(
        default_factory=lambda: ["P1", "P2", "P3", "P4", "P5"],
        description="Names of the priorities that exist in the PagerDuty account. "
        "Severities map onto these; Terraform can only look them up.",
    )
    severity_field_id: Line | None = Field(
        None, description="ID of an incident custom field `severity` the account already "
        "has: it is adopted (imported) instead of created.",
    )
    tier_tag_ids: dict[TierNumber, Line] = Field(
        default_factory=dict, description="IDs of the tier tags (`tier-N`) the account "
        "already has, by tier: they are adopted (imported) instead of created, since "
        "PagerDuty keeps tag labels unique (written by `imcompile import`).",
    )


class Terraform(Spec):
    stacks: Literal["single", "per-team"] = Field(
        "single",
        description="`per-team` splits the Terraform into one stack per team, planned "
        "and applied in parallel.",
    )
    prevent_destroy: bool = Field(
        True, description="Protect services and schedules from accidental destruction."
    )
    backend: Backend = Field(default_factory=Backend, description="Where stacks keep state.")


class Organization(Spec):
    api_version: Literal["imcompile/v1"] = Field(alias="apiVersion")
    kind: Literal["Organization"]
    metadata: Metadata
    defaults: Defaults
    severities: dict[Slug, Severity] = Field(
        min_length=1, description="Severity levels, most severe first."
    )
    classification: Classification | None = None
    roles: dict[Slug, Role] = Field(default_factory=dict, description="Incident roles.")
    communication: Communication = Field(default_factory=Communication)
    people: dict[Slug, Person] = Field(default_factory=dict)
    teams: dict[Slug, Team] = Field(default_factory=dict)
    schedules: dict[Slug, Schedule] = Field(default_factory=dict)
    escalation_policies: dict[Slug, EscalationPolicy] = Field(default_factory=dict)
    escalation_matrix: EscalationMatrix | None = None
    tiers: dict[TierNumber, Tier] = Field(
        default_factory=dict,
        description="Service tier policies by tier number. Omitted tiers use built-in "
        "defaults: 1 and 2 page at high urgency around the clock, 3 and below only in "
        "business hours.",
    )
    services: dict[Slug, Service] = Field(default_factory=dict)
    business_services: dict[Slug, BusinessService] = Field(default_factory=dict)
    slack: Slack = Field(default_factory=Slack)
    oncall: OnCall = Field(default_factory=OnCall)
    runbooks: Runbooks = Field(default_factory=Runbooks)
    pagerduty: PagerDuty = Field(default_factory=PagerDuty)
    terraform: Terraform = Field(default_factory=Terraform)
    lint: Lint = Field(default_factory=Lint, description="Findings suppressed on purpose.")
