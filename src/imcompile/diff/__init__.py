"""What a change to the org file does, in names: semantic changes, risks, on-call impact
and the Terraform resources that will be created, updated, replaced or destroyed."""

from __future__ import annotations

from .report import Report
from .risks import risks
from .semantic import Names, changes
from .tfimpact import impact


def compare(base, head, base_label: str, weeks: int = 4) -> Report:
    """Both sides are resolved models (`None`: the file did not exist)."""
    names = Names(base, head)
    tf = impact(base, head)
    report = Report(base_label, changes(base, head), risks(base, head, tf, names), tf,
                    weeks=weeks)
    return report
