"""What a change to the org file does, in names: semantic changes, risks, on-call impact
and the Terraform resources that will be created, updated, replaced or destroyed."""

from __future__ import annotations

from .report import Report
from .risks import risks
from .semantic import Names, changes
from .tfimpact import impact


def compare(base, head, base_label: str, weeks: int = 4, start=None) -> Report:
    """Both sides are resolved models (`None`: the file did not exist). The on-call
    impact covers `weeks` from `start` (default: this hour)."""
    from ..gcpause import paused
    from .oncall_impact import compare as oncall
    with paused():
        return _compare(base, head, base_label, weeks, start, oncall)


def _compare(base, head, base_label, weeks, start, oncall) -> Report:
    names = Names(base, head)
    tf = impact(base, head)
    rows, hours, oncall_risks = oncall(base, head, names, start, weeks)
    found = oncall_risks + risks(base, head, tf, names)
    found.sort(key=lambda r: r.level != "danger")
    return Report(base_label, changes(base, head), found, tf, rows, hours, weeks)
