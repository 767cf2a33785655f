"""`lint:`: findings the organisation has decided to live with, each with a reason."""

from __future__ import annotations

from pydantic import Field

from .base import Spec, Text


class Ignore(Spec):
    """One finding suppressed on one entry. Only warnings and the few errors PagerDuty
    would accept can be suppressed (`imcompile explain CODE` says which)."""

    code: Text = Field(description="The diagnostic code, e.g. `W130`.")
    path: Text = Field(
        description="The YAML path of the entry, as findings print it "
        "(`schedules.platform-primary`); findings inside it are suppressed too."
    )
    reason: str = Field("", description="Why: a suppression without a reason is W190.")


class Lint(Spec):
    ignore: list[Ignore] = Field(default_factory=list, description="Suppressed findings.")
