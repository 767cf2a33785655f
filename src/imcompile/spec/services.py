"""Technical services, service tiers and business services."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .base import DAY, Day, EndOfWindow, Line, Prose, Slug, Spec, Text, TimeOfDay, Timezone
from ..timeparse import seconds
from .bounds import bounded_duration

Urgency = Literal["high", "low", "severity_based", "support_hours"]
# Timeouts are durations, or `off` to disable them.
# PagerDuty counts them in seconds with no stated maximum; a week is longer than any
# incident should wait unattended.  `0` would silently mean `off`.
Timeout = bounded_duration(60, 7 * DAY, too_short="write off to disable it") | Literal["off"]
# PagerDuty's alert grouping: `time` groups for 1 minute to 24 hours, the other kinds
# over a window of 5 minutes to 24 hours (intelligent grouping: at most 1 hour).
GroupingTimeout = bounded_duration(60, DAY)
GroupingWindow = bounded_duration(300, DAY)


# Tier 1 is the most critical; nine levels are more than any organisation uses.
TierNumber = Annotated[int, Field(ge=1, le=9)]


class SupportHours(Spec):
    timezone: Timezone | None = Field(None, description="Omitted: the organisation default.")
    days: list[Day] = Field(default_factory=lambda: ["mon", "tue", "wed", "thu", "fri"])
    start: TimeOfDay = "09:00"
    end: EndOfWindow = "17:00"


class Tier(Spec):
    """What a service tier implies for paging, unless the service says otherwise."""

    description: Prose | None = None
    urgency: Urgency = Field(
        "high",
        description="`high`/`low` at all hours, `severity_based`, or `support_hours`: "
        "high in support hours and low outside them.",
    )
    support_hours: Literal["business_hours"] | SupportHours | None = Field(
        None, description="Support hours for `support_hours` urgency."
    )
    acknowledgement_timeout: Timeout | None = Field(
        None, description="Re-trigger an acknowledged incident after this long (1m to 7d)."
    )
    auto_resolve_timeout: Timeout | None = Field(
        None, description="Resolve an unattended incident after this long (1m to 7d)."
    )
    always_paged: bool = Field(
        False,
        description="Services of this tier must reach a person at any hour: a rule checks "
        "that their escalation path pages around the clock.",
    )


INTELLIGENT = ("intelligent", "content_based_intelligent")


class AlertGrouping(Spec):
    type: Literal["time", "intelligent", "content_based", "content_based_intelligent"]
    timeout: GroupingTimeout | None = Field(
        None, description="`time` grouping: how long alerts keep grouping."
    )
    time_window: GroupingWindow | None = Field(
        None, description="Intelligent and content-based grouping window."
    )
    fields: list[Text] = Field(
        default_factory=list, description="Content-based grouping: alert fields to match."
    )
    aggregate: Literal["all", "any"] = "all"

    @model_validator(mode="after")
    def _intelligent_window(self):
        # PagerDuty: intelligent grouping looks back at most an hour (300-3600 s).
        if self.type in INTELLIGENT and self.time_window and seconds(self.time_window) > 3600:
            raise PydanticCustomError(
                "duration_range", "time_window {value} is longer than 1h, the most {kind} "
                "grouping takes", {"value": self.time_window, "kind": self.type})
        return self


class Integration(Spec):
    type: Literal["events_api_v2", "email", "vendor"] = "events_api_v2"
    name: Text | None = Field(None, description="Display name. Omitted: from the ID.")
    vendor: Line | None = Field(None, description="PagerDuty vendor ID, for `vendor`.")
    email: Line | None = Field(None, description="Integration email, for `email`.")
    pagerduty_id: Line | None = Field(
        None, description="ID of the existing PagerDuty object this entry adopts: the next "
        "apply imports it instead of creating a duplicate (written by `imcompile import`).",
    )


class ServiceSlack(Spec):
    channel: Line | None = Field(None, description="Alert channel. Omitted: the convention.")
    channel_id: Line | None = Field(
        None, description="Slack channel ID; when set, a Slack connection posts incidents."
    )


class Service(Spec):
    name: Text = Field(description="Display name.")
    team: Slug = Field(description="Owning team ID.")
    tier: TierNumber = Field(description="Criticality: 1 is the most critical.")
    description: Prose | None = None
    runbook: Line | None = Field(
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
    pagerduty_id: Line | None = Field(
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
    description: Prose | None = None
    team: Slug | None = Field(None, description="Owning team ID.")
    point_of_contact: Line | None = Field(None, description="Who to ask about it.")
    depends_on: list[Slug] = Field(
        default_factory=list, description="IDs of technical or business services."
    )
    pagerduty_id: Line | None = Field(
        None, description="ID of the existing PagerDuty object this entry adopts: the next "
        "apply imports it instead of creating a duplicate (written by `imcompile import`).",
    )
    pagerduty_dependency_ids: dict[Slug, str] = Field(
        default_factory=dict, description="IDs of the existing PagerDuty dependencies in "
        "`depends_on`, by the ID depended on: the next apply imports them instead of "
        "creating duplicates (written by `imcompile import`).",
    )
