"""What drift finds: one object (or setting) that differs, and how."""

from __future__ import annotations

from dataclasses import dataclass, field

CHANGED, OUTSIDE, MISSING = "changed", "outside", "missing"
# In the file without a pagerduty_id and in PagerDuty by name: the next apply has no
# import block for it, so it creates a second object rather than updating this one.
UNADOPTED = "unadopted"
KINDS = (UNADOPTED, CHANGED, OUTSIDE, MISSING)


@dataclass
class Finding:
    kind: str  # unadopted | changed | outside | missing
    what: str  # user, team, schedule, ...
    name: str
    org_id: str | None = None
    pd_id: str | None = None
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # field, file, account
    why: str = ""
