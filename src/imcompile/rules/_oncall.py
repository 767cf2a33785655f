"""What the on-call rules share: the window they check and schedules rendered once.

Not a rule (the leading underscore keeps it out of `all_rules()`).
"""

from __future__ import annotations

from ..oncall import clock
from ..oncall.lookahead import check_window, reference_start
from ..oncall.render import spans

_CACHE: dict = {"model": None, "spans": {}, "reference": None}


def _cache(model) -> dict:
    """Per-validation memory: the rules run one after another on the same model."""
    if _CACHE["model"] is not model:
        _CACHE.update(model=model, spans={}, reference=reference_start(model))
    return _CACHE


def reference(model):
    """The latest rotation start of the org (None: no schedules): checks start there."""
    return _cache(model)["reference"]


def rendered(model, schedule, begin: int, finish: int) -> list:
    """spans() of a schedule, computed once per validation for the same window."""
    _cache(model)
    key = (schedule.id, begin, finish)
    found = _CACHE["spans"].get(key)
    if found is None:
        found = _CACHE["spans"][key] = spans(schedule, begin, finish)
    return found


def window(ctx, schedules) -> tuple[int, int] | None:
    """The checked window for these schedules (None: the org has no schedules)."""
    reference = _cache(ctx.model)["reference"]
    if reference is None:
        return None
    return check_window(schedules, reference, ctx.spec.oncall.lookahead_weeks)


def window_words(model, begin: int, finish: int) -> str:
    """`the 4 weeks from 2026-02-02`."""
    day = clock.aware(begin, clock.zone(model.timezone)).date().isoformat()
    weeks = (finish - begin) / clock.WEEK
    count = f"{weeks:g} week{'s' * (weeks != 1)}" if weeks >= 1 else \
        f"{(finish - begin) // clock.DAY} days"
    return f"the {count} from {day}"


def percent(share: float) -> str:
    return f"{share * 100:.0f}%"
