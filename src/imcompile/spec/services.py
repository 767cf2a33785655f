"""Technical services, service tiers and business services."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Day, Duration, Slug, Spec, Text, TimeOfDay, Timezone

Urgency = Literal["high", "low", "severity_based", "support_hours"]
# Timeouts are durations, or `off` to disable them.
Timeout = Duration | Literal["off"]


class SupportHours(Spec):
    timezone: Timezone | None = Field(None, description="Omitted: the organisation default.")
    days: list[Day] = Field(default_factory=lambda: ["mon", "tue", "wed", "thu", "fri"])
    start: TimeOfDay = "09:00"
    end: TimeOfDay = "17:00"


class Tier(Spec):
    """What a service tier implies for paging, unless the service says otherwise."""

    description: str | None = None
    urgency: Urgency = Field(
        "high",
        description="`high`/`low` at all hours, `severity_based`, or `support_hours`: "
        "high in support hours and low outside them.",
    )
    support_hours: Literal["business_hours"] | SupportHours | None = Field(
        None, description="Support hours for `support_hours` urgency."
    )
    acknowledgement_timeout: Timeout | None = Field(
        None, description="Re-trigger an acknowledged incident after this long."
    )
    auto_resolve_timeout: Timeout | None = Field(
        None, description="Resolve an unattended incident after this long."
    )
    always_paged: bool = Field(
        False,
        description="Services of this tier must reach a person at any hour: a rule checks "
        "that their escalation path pages around the clock.",
    )


class AlertGrouping(Spec):
    type: Literal["time", "intelligent", "content_based", "content_based_intelligent"]
    timeout: Duration | None = Field(
        None, description="`time` grouping: how long alerts keep grouping."
    )
    time_window: Duration | None = Field(
        None, description="Intelligent and content-based grouping window."
    )
    fields: list[Text] = Field(
        default_factory=list, description="Content-based grouping: alert fields to match."
    )
    aggregate: Literal["all", "any"] = "all"


class Integration(Spec):
    type: Literal["events_api_v2", "email", "vendor"] = "events_api_v2"
    name: Text | None = Field(None, description="Display name. Omitted: from the ID.")
    vendor: str | None = Field(None, description="PagerDuty vendor ID, for `vendor`.")
    email: str | None = Field(None, description="Integration email, for `email`.")
    pagerduty_id: str | None = Field(
        None, description="ID of the existing PagerDuty object this entry adopts: the next "
        "apply imports it instead of creating a duplicate (written by `imcompile import`).",
    )


class ServiceSlack(Spec):
    channel: str | None = Field(None, description="Alert channel. Omitted: the convention.")
    channel_id: str | None = Field(
        None, description="Slack channel ID; when set, a Slack connection posts incidents."
    )


class Service(Spec):
    name: Text = Field(description="Display name.")
    team: Slug = Field(description="Owning team ID.")
    tier: int = Field(ge=1, le=9, description="Criticality: 1 is the most critical.")
    description: str | None = None
    runbook: str | None = Field(
        None, description="URL of the runbook, or a path to a Markdown file in the repository."
    )
    escalation_policy: Slug | None = Field(
        None,
        description="Policy ID. Omitted: the team's own policy (written or from the matrix).",
    )
    depends_on: list[Slug] = Field(
        default_factory=list, description="IDs of the services this one depends on."
    )
    urgency: Urgency | None = Field(None, description="Omitted: from the tier.")
    support_hours: Literal["business_hours"] | SupportHours | None = Field(
        None, description="Omitted: from the tier."
    )
    acknowledgement_timeout: Timeout | None = Field(None, description="Omitted: from the tier.")
    auto_resolve_timeout: Timeout | None = Field(None, description="Omitted: from the tier.")
    alert_grouping: AlertGrouping | None = None
    integrations: dict[Slug, Integration] = Field(default_factory=dict)
    slack: ServiceSlack = Field(default_factory=ServiceSlack)
    renamed_from: list[Slug] = Field(
        default_factory=list,
        description="Earlier IDs of this service. Terraform moves the old object instead "
        "of destroying it (which would delete its incident history).",
    )
    prevent_destroy: bool | None = Field(
        None, description="Override the organisation's `terraform.prevent_destroy`."
    )
    pagerduty_id: str | None = Field(
        None, description="ID of the existing PagerDuty object this entry adopts: the next "
        "apply imports it instead of creating a duplicate (written by `imcompile import`).",
    )
    pagerduty_dependency_ids: dict[Slug, str] = Field(
        default_factory=dict, description="IDs of the existing PagerDuty dependencies in "
        "`depends_on`, by the ID depended on: the next apply imports them instead of "
        "creating duplicates (written by `imcompile import`).",
    )


class BusinessService(Spec):
    name: Text
    description: str | None = None
    team: Slug | None = Field(None, description="Owning team ID.")
    point_of_contact: str | None = Field(None, description="Who to ask about it.")
    depends_on: list[Slug] = Field(
        default_factory=list, description="IDs of technical or business services."
    )
    pagerduty_id: str | None = Field(
        None, description="ID of the existing PagerDuty object this entry adopts: the next "
        "apply imports it instead of creating a duplicate (written by `imcompile import`).",
    )
    pagerduty_dependency_ids: dict[Slug, str] = Field(
        default_factory=dict, description="IDs of the existing PagerDuty dependencies in "
        "`depends_on`, by the ID depended on: the next apply imports them instead of "
        "creating duplicates (written by `imcompile import`).",
    )
