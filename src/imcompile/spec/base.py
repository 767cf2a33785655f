"""Building blocks shared by every section of the file format."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from .bounds import (DURATION_MAX_LENGTH, DURATION_PATTERN, NAME_MAX, PERSON_MAX, PROSE_MAX,
                     bounded_duration, calendar_date)

# Stable IDs are map keys: an entity's identity across renames of its display name.
SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,62}$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]

Duration = Annotated[str, StringConstraints(pattern=DURATION_PATTERN,
                                            max_length=DURATION_MAX_LENGTH)]

DAY, WEEK = 86400, 604800
# A duration with bounds, checked after its shape.  Fields whose bounds a rule
# reports in its own words (a rotation's `every`, E107) use plain Duration.
Interval = bounded_duration(1, 365 * DAY)

# Times of day are quoted "HH:MM", 00:00 to 23:59.  Only the end of a window may
# be "24:00": it closes the window at midnight at the end of the day.
TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
TimeOfDay = Annotated[str, StringConstraints(pattern=TIME_PATTERN)]
END_PATTERN = r"^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$"
EndOfWindow = Annotated[str, StringConstraints(pattern=END_PATTERN)]

DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
Date = Annotated[str, StringConstraints(pattern=DATE_PATTERN), AfterValidator(calendar_date)]

# IANA names are checked by a rule (with a "did you mean"), not by the schema.
Timezone = Annotated[str, StringConstraints(min_length=1, max_length=NAME_MAX)]

Day = Literal[
    "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
]

# One line of text: names, labels, IDs of other systems, e-mail addresses, URLs.
# Control characters are refused for every string by the loader (E014); a line also
# refuses line breaks and tabs, which would break tables, logs and file names.
LINE_PATTERN = r"^[^\t\n\u2028\u2029]*$"
Line = Annotated[str, StringConstraints(max_length=NAME_MAX, pattern=LINE_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=NAME_MAX,
                                        pattern=LINE_PATTERN)]
# PagerDuty's users, teams and e-mail addresses: at most 100 characters.
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=PERSON_MAX,
                                             pattern=LINE_PATTERN)]
# Free text that may run over lines: descriptions, help, notes.  PagerDuty keeps
# 1024 characters of a team's or schedule's description.
Prose = Annotated[str, StringConstraints(max_length=PROSE_MAX)]
Paragraph = Annotated[str, StringConstraints(min_length=1, max_length=PROSE_MAX)]


class Spec(BaseModel):
    """Every section refuses unknown keys: a misspelt key is an error, not a silent no-op."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Hours(Spec):
    """A daily window of time, optionally on some days only."""

    days: list[Day] | None = Field(
        None, description="Days the window applies to. Omitted: every day."
    )
    start: TimeOfDay = Field(description='Start of the window, "HH:MM".')
    end: EndOfWindow = Field(
        description='End of the window, "HH:MM" or "24:00". An end at or before the '
        "start crosses midnight."
    )


class BusinessHours(Spec):
    days: list[Day] = Field(
        default_factory=lambda: ["mon", "tue", "wed", "thu", "fri"],
        description="Working days.",
    )
    start: TimeOfDay = Field("09:00", description='Start of the working day, "HH:MM".')
    end: EndOfWindow = Field("17:00", description='End of the working day, "HH:MM".')
