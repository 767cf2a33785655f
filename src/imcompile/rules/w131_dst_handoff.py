from datetime import datetime, timedelta

from ..oncall import clock
from ..oncall.lookahead import reference_start
from . import WARNING, Rule

YEAR = 366 * clock.DAY


class DstHandoff(Rule):
    code = "W131"
    severity = WARNING
    phase = "model"
    summary = "Handoffs do not fall in a daylight-saving change"
    help = (
        "Handoffs happen at wall-clock time in the schedule's time zone. A handoff time "
        "that does not exist on the day clocks go forward (02:30 in Berlin on the last "
        "Sunday of March) happens later by the gap, at 03:30; one that happens twice "
        "when clocks go back is the first of the two. Either way the turn is an hour "
        "off what people expect. Checked over the year after the latest rotation start "
        "in the file, since the changes come once a year; rotations of a few hours "
        "always meet them: hand off outside the change, or use a zone without daylight "
        "saving such as Etc/UTC."
    )

    def check(self, ctx):
        model = ctx.model
        reference = reference_start(model)
        if reference is None:
            return
        begin = clock.seconds_of(reference)
        seen = set()
        for s in model.schedules.values():
            if s.form == "secondary":  # the same handoffs as its primary's
                continue
            for layer in s.layers:
                zone = layer.zone(s.timezone)  # a follow-the-sun region's own
                path = handoff_path(ctx.spec, s, layer) + (zone,)
                if path in seen or not layer.people:
                    continue
                seen.add(path)
                found = clock.transitions(zone, begin, begin + YEAR)
                hits = [hit for t in found if (hit := _handoff_in(layer, t))]
                if hits:
                    yield ctx.report(self, path[:-1], _message(zone, hits),
                                     hint="hand off outside the change, or use a time "
                                     "zone without daylight saving such as Etc/UTC")


def handoff_path(spec, schedule, layer) -> tuple:
    """Where the layer's handoff time is written (a region may use the schedule's)."""
    if schedule.form == "follow_the_sun" and \
            spec.schedules[schedule.id].follow_the_sun[layer.id].rotation is None:
        return schedule.path + ("rotation", "handoff", "time")
    return layer.path + ("rotation", "handoff", "time")


def _handoff_in(layer, transition):
    """The wall-clock handoff inside this change, if any: (handoff, change start, end,
    springs forward)."""
    at, before, after = transition
    utc = datetime.fromtimestamp(at, clock.UTC).replace(tzinfo=None)
    lo = utc + timedelta(seconds=min(before, after))
    hi = utc + timedelta(seconds=max(before, after))
    origin = layer.virtual_start.replace(tzinfo=None)
    step = timedelta(seconds=layer.turn_seconds)
    k = max(0, -((origin - lo) // step))  # the first handoff at or after `lo`
    handoff = origin + k * step
    if handoff >= hi:
        return None
    if layer.end is not None and handoff >= layer.end.replace(tzinfo=None):
        return None
    return handoff, lo, hi, after > before


def _message(zone_name: str, hits: list) -> str:
    handoff, lo, hi, forward = hits[0]
    day = handoff.strftime("%a %Y-%m-%d")
    more = f" (and on {len(hits) - 1} more date{'s' * (len(hits) > 2)} in the year checked)" \
        if len(hits) > 1 else ""
    if forward:
        moved = clock.aware(clock.instant(handoff, clock.zone(zone_name)),
                            clock.zone(zone_name))
        return (f"the handoff at {handoff:%H:%M} ({zone_name}) does not exist on {day}: "
                f"clocks go from {lo:%H:%M} to {hi:%H:%M}, so it happens at "
                f"{moved:%H:%M %Z} ({_offset(moved)}){more}")
    return (f"the handoff at {handoff:%H:%M} ({zone_name}) happens twice on {day}: clocks "
            f"go back from {hi:%H:%M} to {lo:%H:%M}, and it is the first of the two{more}")


def _offset(moment: datetime) -> str:
    """`UTC+01:00`: written beside an abbreviation, which alone can mean two zones
    (IST is Irish summer time and India's time)."""
    z = moment.strftime("%z")
    return f"UTC{z[0]}{z[1:3]}:{z[3:5]}"


RULE = DstHandoff()
