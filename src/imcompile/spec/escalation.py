"""Escalation policies, and the org-level matrix that writes one per team."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from .base import DAY, Line, Prose, Slug, Spec, Text
from .bounds import bounded_duration
from .services import TierNumber

# `schedule:payments-primary`, `person:alice`, or a role the team fills:
# `role:primary`, `role:secondary`, `role:team_manager`, `role:parent_manager`.
TARGET_PATTERN = r"^(schedule|person|role):[a-z0-9][a-z0-9_-]*$"
Target = Annotated[str, StringConstraints(pattern=TARGET_PATTERN)]

# PagerDuty states no maximum for `escalation_delay_in_minutes`; a week keeps the
# number of minutes far inside the API's integers, and a step that waits longer
# is not an escalation.  The whole-minute rule is E127's.
EscalationDelay = bounded_duration(1, 7 * DAY, "a step waits at most a week")


class Step(Spec):
    notify: list[Target] = Field(
        min_length=1,
        description="Who is notified: `schedule:ID`, `person:ID` or `role:primary|"
        "secondary|team_manager|parent_manager`.",
    )
    escalate_after: EscalationDelay | None = Field(
        None,
        description="Time without acknowledgement before the next step, in whole "
        "minutes up to 7 days. Omitted: `30m`.",
    )
    round_robin: bool = Field(
        False, description="Notify one target at a time in turn instead of all at once."
    )


class EscalationPolicy(Spec):
    name: Text | None = Field(None, description="Display name. Omitted: from the convention.")
    team: Slug = Field(description="Owning team ID. Every target must be in this team.")
    description: Prose | None = None
    repeat: int = Field(
        0, ge=0, le=9, description="How many times the whole policy repeats (0 to 9)."
    )
    steps: list[Step] = Field(min_length=1)
    pagerduty_id: Line | None = Field(
        None, description="ID of the existing PagerDuty object this entry adopts: the next "
        "apply imports it instead of creating a duplicate (written by `imcompile import`).",
    )
    pagerduty_tier_tags: list[TierNumber] = Field(
        default_factory=list, description="Tier tags (`tier-N`) this policy already carries "
        "in PagerDuty: where the build gives it one of them, the next apply imports the "
        "assignment instead of adding it again (written by `imcompile import`).",
    )


class EscalationMatrix(Spec):
    """The org's escalation matrix: one policy per team, written from roles."""

    teams: list[Slug] | None = Field(
        None,
        description="Team IDs that get a policy. Omitted: every team with a primary "
        "schedule and no policy of its own.",
    )
    repeat: int = Field(0, ge=0, le=9)
    steps: list[Step] = Field(min_length=1)
