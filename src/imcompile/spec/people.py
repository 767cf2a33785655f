"""People and teams."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import BusinessHours, Line, Prose, ShortText, Slug, Spec, Timezone

PagerDutyRole = Literal[
    "admin", "limited_user", "observer", "owner", "read_only_user",
    "read_only_limited_user", "restricted_access", "user",
]


class Person(Spec):
    name: ShortText = Field(description="Full name, as PagerDuty and the docs show it.")
    email: ShortText = Field(description="Login email; unique across the organisation.")
    timezone: Timezone | None = Field(
        None, description="IANA time zone. Omitted: the organisation default."
    )
    pagerduty_role: PagerDutyRole = Field(
        "user", description="PagerDuty base role. A `limited_user` can only be a responder."
    )
    job_title: ShortText | None = None
    slack_id: Line | None = Field(None, description="Slack member ID, e.g. `U024BE7LH`.")
    business_hours: BusinessHours | None = Field(
        None,
        description="The person's own working hours, in their time zone, for the "
        "on-call load report. Omitted: the organisation default.",
    )
    leaving: bool = Field(
        False,
        description="Offboarding, first stage: the person is taken out of every schedule "
        "and escalation policy while their user and team memberships stay. Delete the "
        "person from the file in a later change.",
    )
    pagerduty_id: Line | None = Field(
        None, description="ID of the existing PagerDuty object this entry adopts: the next "
        "apply imports it instead of creating a duplicate (written by `imcompile import`).",
    )


class TeamSlack(Spec):
    channel: Line | None = Field(
        None, description="Channel name. Omitted: from the naming convention."
    )
    channel_id: Line | None = Field(
        None,
        description="Slack channel ID (e.g. `C0123ABCD`). When set, PagerDuty posts "
        "incidents of this team there (a Slack connection).",
    )


class Team(Spec):
    name: ShortText = Field(description="Display name.")
    description: Prose | None = None
    parent: Slug | None = Field(None, description="ID of the parent team.")
    managers: list[Slug] = Field(default_factory=list, description="People IDs.")
    members: list[Slug] = Field(default_factory=list, description="People IDs (responders).")
    observers: list[Slug] = Field(default_factory=list, description="People IDs.")
    slack: TeamSlack = Field(default_factory=TeamSlack)
    pagerduty_id: Line | None = Field(
        None, description="ID of the existing PagerDuty object this entry adopts: the next "
        "apply imports it instead of creating a duplicate (written by `imcompile import`).",
    )
