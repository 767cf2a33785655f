"""On-call schedules: rotations, layers, follow-the-sun and primary+secondary."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Date, Day, Duration, Hours, Line, Prose, Slug, Spec, Text, TimeOfDay, Timezone


class Handoff(Spec):
    day: Day | None = Field(
        None, description="Day of the handoff for rotations of whole weeks."
    )
    time: TimeOfDay = Field("09:00", description='Wall-clock time of the handoff, "HH:MM" '
                            'from "00:00" to "23:59".')


class Rotation(Spec):
    every: Duration = Field(
        description="Length of one turn: `1w`, `1d`, `12h`, `2w`… (1 hour to 365 days)."
    )
    handoff: Handoff = Field(default_factory=Handoff)
    start: Date = Field(
        description="Date the rotation starts counting from, in the past (a real day "
        "from 2000 to 2100). The first handoff is the first `handoff.day` on or after it, "
        "at `handoff.time`.",
    )


# A restriction is `business_hours` (the organisation's) or an explicit window.
Restriction = Literal["business_hours"] | Hours


class Layer(Spec):
    name: Text | None = Field(None, description="Display name of the layer.")
    rotation: Rotation
    people: list[Slug] = Field(min_length=1, description="People IDs, in turn order.")
    restrictions: list[Restriction] = Field(
        default_factory=list,
        description="Windows when this layer has anyone on call (in the schedule's "
        "time zone). Omitted: around the clock.",
    )
    end: Date | None = Field(
        None,
        description="Date the layer ends (a real day from 2000 to 2100). Layers cannot be deleted from PagerDuty, only "
        "ended: end a layer instead of removing it.",
    )


class Region(Spec):
    name: Text | None = Field(None, description="Display name, e.g. `Americas`.")
    timezone: Timezone | None = Field(
        None, description="Where the region's people work. Its hours, handoff and "
        "rotation start are wall-clock time there, and PagerDuty gets one schedule per "
        "region in its zone, so the region keeps its local hours all year. Omitted: "
        "the schedule's time zone."
    )
    hours: Hours = Field(
        description="The region's hours, in the region's time zone. Together the "
        "regions must cover every hour of the year without overlapping every week."
    )
    people: list[Slug] = Field(min_length=1, description="People IDs, in turn order.")
    rotation: Rotation | None = Field(
        None, description="Omitted: the schedule's `rotation`."
    )


class Schedule(Spec):
    """One of four forms: `people` + `rotation` (one layer), `layers`,
    `follow_the_sun`, or `secondary_of` (a shifted copy of another schedule)."""

    name: Text | None = Field(None, description="Display name. Omitted: from the convention.")
    team: Slug = Field(description="Owning team ID.")
    description: Prose | None = None
    role: Literal["primary", "secondary", "tier"] | None = Field(
        None,
        description="What the schedule is for the team's escalation matrix: its primary "
        "or secondary on-call. `secondary_of` implies `secondary`.",
    )
    timezone: Timezone | None = Field(
        None, description="Time zone of handoffs and restrictions. Omitted: the default."
    )
    rotation: Rotation | None = None
    people: list[Slug] | None = Field(None, description="People IDs, in turn order.")
    restrictions: list[Restriction] = Field(default_factory=list)
    layers: dict[Slug, Layer] | None = Field(
        None,
        description="Layers by stable ID; a later layer takes precedence over an earlier one.",
    )
    follow_the_sun: dict[Slug, Region] | None = Field(
        None, description="Regions by ID, each a PagerDuty schedule of its own restricted "
        "to its hours in its own time zone; escalation steps that name this schedule "
        "page every region's schedule."
    )
    secondary_of: Slug | None = Field(
        None,
        description="ID of a primary schedule whose rotation and people this schedule "
        "copies, shifted by `shift` turns so that nobody is primary and secondary at once.",
    )
    shift: int = Field(1, ge=1, le=100, description="Turns to shift a `secondary_of` copy by "
                       "(1 to 100).")
    prevent_destroy: bool | None = Field(
        None, description="Override the organisation's `terraform.prevent_destroy`."
    )
    pagerduty_id: Line | None = Field(
        None, description="ID of the existing PagerDuty object this entry adopts: the next "
        "apply imports it instead of creating a duplicate (written by `imcompile import`).",
    )
