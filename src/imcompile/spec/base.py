"""Building blocks shared by every section of the file format."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# Stable IDs are map keys: an entity's identity across renames of its display name.
SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,62}$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]

# `15m`, `1h`, `1h30m`, `2w`: always with units, so nobody has to guess seconds or minutes.
DURATION_PATTERN = r"^([0-9]+[wdhms])+$"
Duration = Annotated[str, StringConstraints(pattern=DURATION_PATTERN)]

# Times of day are quoted "HH:MM"; "24:00" closes a window at midnight.
TIME_PATTERN = r"^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$"
TimeOfDay = Annotated[str, StringConstraints(pattern=TIME_PATTERN)]

DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
Date = Annotated[str, StringConstraints(pattern=DATE_PATTERN)]

# IANA names are checked by a rule (with a "did you mean"), not by the schema.
Timezone = Annotated[str, StringConstraints(min_length=1)]

Day = Literal[
    "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
]

Text = Annotated[str, StringConstraints(min_length=1)]


class Spec(BaseModel):
    """Every section refuses unknown keys: a misspelt key is an error, not a silent no-op."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Hours(Spec):
    """A daily window of time, optionally on some days only."""

    days: list[Day] | None = Field(
        None, description="Days the window applies to. Omitted: every day."
    )
    start: TimeOfDay = Field(description='Start of the window, "HH:MM".')
    end: TimeOfDay = Field(
        description='End of the window, "HH:MM". An end at or before the start '
        "crosses midnight."
    )


class BusinessHours(Spec):
    days: list[Day] = Field(
        default_factory=lambda: ["mon", "tue", "wed", "thu", "fri"],
        description="Working days.",
    )
    start: TimeOfDay = Field("09:00", description='Start of the working day, "HH:MM".')
    end: TimeOfDay = Field("17:00", description='End of the working day, "HH:MM".')
