"""What a change to the org file does, in names: semantic changes, risks, on-call impact
and the Terraform resources that will be created, updated, replaced or destroyed."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from .report import Report
from .risks import risks
from .semantic import Names, changes
from .tfimpact import impact


def compare(base, head, base_label: str, weeks: int = 4, start=None) -> Report:
    """Both sides are resolved models (`None`: the file did not exist). The on-call
    impact covers `weeks` from `start` (default: this hour; a time without an offset is
    in the org's zone)."""
    from ..gcpause import paused
    from .oncall_impact import compare as oncall
    model = head if head is not None else base
    if start is not None and start.tzinfo is None and model is not None:
        start = start.replace(tzinfo=ZoneInfo(model.timezone))
    with paused():
        return _compare(base, head, base_label, weeks, start, oncall)


def _compare(base, head, base_label, weeks, start, oncall) -> Report:
    from .oncall_impact import window
    from .when import at, iso
    names = Names(base, head)
    tf = impact(base, head)
    begin, _ = window(start, weeks)
    rows, hours, oncall_risks = oncall(base, head, names, begin, weeks)
    found = oncall_risks + risks(base, head, tf, names)
    found.sort(key=lambda r: r.level != "danger")
    zone = (head or base).timezone if (head or base) is not None else "Etc/UTC"
    return Report(base_label, changes(base, head), found, tf, rows, hours, weeks,
                  start=at(begin, zone), start_iso=iso(begin.astimezone(ZoneInfo(zone))))
