"""Severity levels, the classification tree, incident roles and who hears what."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from .base import LINE_PATTERN, Interval, Line, Paragraph, Prose, Slug, Spec, Text
from .bounds import LABEL_MAX

Label = Annotated[str, StringConstraints(min_length=1, max_length=LABEL_MAX,
                                         pattern=LINE_PATTERN)]


class Response(Spec):
    page: Literal["always", "business_hours", "never"] = Field(
        description="When the on-call responder is paged: at any hour, only in "
        "business hours (a ticket or chat alert otherwise), or never."
    )
    urgency: Literal["high", "low"] = Field(
        "high", description="PagerDuty urgency of incidents at this level."
    )
    acknowledge_within: Interval | None = Field(
        None, description="Target time to acknowledge (MTTA target), e.g. `5m`."
    )
    resolve_target: Interval | None = Field(
        None, description="Target time to resolve (MTTR target), e.g. `1h`."
    )


class Updates(Spec):
    internal_every: Interval | None = Field(
        None, description="Cadence of internal status updates in the incident channel."
    )
    status_page_every: Interval | None = Field(
        None, description="Cadence of public status page updates. Omitted: no status page."
    )


class SeveritySlack(Spec):
    incident_channel: bool = Field(
        False, description="Open a dedicated Slack channel for every incident at this level."
    )


class Postmortem(Spec):
    required: bool = Field(False, description="Whether a post-mortem is mandatory.")
    within: Interval | None = Field(
        None, description="How soon after resolution the post-mortem is due, e.g. `48h`."
    )


class Severity(Spec):
    """One level of the ladder. The map is ordered: most severe first."""

    label: Label = Field(description="Short label people say, e.g. `SEV0` (at most 32 "
                         "characters).")
    name: Text = Field(description="Human name, e.g. `Critical`.")
    pagerduty_priority: Text | None = Field(
        None,
        description="Name of an existing priority in the PagerDuty account (e.g. `P1`). "
        "Priorities cannot be created by Terraform, only looked up.",
    )
    major_incident: bool = Field(False, description="Marks a major-incident level.")
    description: Paragraph = Field(description="What this level means, in one or two sentences.")
    impact: list[Text] = Field(default_factory=list, description="Impact criteria.")
    examples: list[Text] = Field(default_factory=list, description="Typical examples.")
    response: Response
    roles: list[Slug] = Field(
        default_factory=list, description="Incident roles to assign (IDs from `roles`)."
    )
    updates: Updates = Field(default_factory=Updates)
    notify: dict[Slug, Text] = Field(
        default_factory=dict,
        description="Communication matrix row: audience ID (from `communication.audiences`) "
        "to how and when that audience hears of the incident.",
    )
    slack: SeveritySlack = Field(default_factory=SeveritySlack)
    postmortem: Postmortem = Field(default_factory=Postmortem)


class Answer(Spec):
    """Where an answer leads: a severity, or the next question."""

    severity: Slug | None = Field(None, description="The severity this answer decides.")
    next: Slug | None = Field(None, description="The ID of the next question.")
    note: Prose | None = Field(None, description="Why, shown beside the answer.")


class Question(Spec):
    ask: Text = Field(description="The yes/no question.")
    help: Prose | None = Field(None, description="What to consider when answering.")
    if_yes: Answer
    if_no: Answer


class Classification(Spec):
    """The severity decision tree, as yes/no questions."""

    start: Slug = Field(description="ID of the first question.")
    questions: dict[Slug, Question] = Field(description="The questions, by ID.")
    when_unsure: Paragraph = Field(
        "When unsure, assume the higher severity: it is easy to downgrade later.",
        description="The rule to apply when an answer is not clear.",
    )


class Role(Spec):
    name: Text = Field(description="Role name, e.g. `Incident Commander`.")
    summary: Text = Field(description="One line on what the role is for.")
    responsibilities: list[Text] = Field(default_factory=list)
    not_responsible_for: list[Text] = Field(
        default_factory=list, description="What the role deliberately does not do."
    )


class Audience(Spec):
    name: Text = Field(description="Who this audience is, e.g. `Executives`.")
    channel: Line | None = Field(None, description="How they are reached, e.g. `email`.")


class Communication(Spec):
    audiences: dict[Slug, Audience] = Field(
        default_factory=dict,
        description="The audiences of the communication matrix; each severity's "
        "`notify` says how each of them hears of an incident.",
    )
    status_page: Line | None = Field(None, description="URL of the public status page.")
    support_email: Line | None = Field(None, description="Contact for customers.")
