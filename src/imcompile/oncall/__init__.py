"""The on-call engine: who is on call, when, and how fairly, from the model alone.

PagerDuty's semantics (reference/pagerduty-provider.md): a layer hands off every
`turn` from its virtual start, its people in list order, cycling; nothing before the
virtual start (the layer's start) or from its `end` on. Restrictions are windows in
the schedule's time zone; outside them the layer has nobody on call (the turn goes on
counting). Of the layers that have someone on call, the last one wins.

Follow-the-sun: each region is a PagerDuty schedule of its own in the region's zone,
all of them targeted together, so a region's hours, handoffs and start are wall-clock
in its zone and keep their local time when another region's clocks change. Where two
regions' hours meet (a clock change moves one of them), both are on call: the views
show the later region's person, and `who` lists the other too.

Daylight saving: handoffs happen at wall-clock time in the schedule's zone (a
region's: in its own).

- Turn k starts at the local wall-clock time `virtual_start + k * turn`, computed on
  the naive wall clock and only then placed in the zone. A weekly Monday 10:00 handoff
  stays Monday 10:00 all year; the week across a change is 167 or 169 hours long.
- The same holds for turns shorter than a day: a 12h rotation from 09:00 hands off at
  09:00 and 21:00 every day, so the turn across a change lasts 11 or 13 hours. A turn
  length that does not divide a day (5h, say) keeps counting on the wall clock too.
- A handoff time that does not exist (the spring-forward gap: 02:30 on the last
  Sunday of March in Berlin) moves forward by the gap: 03:30.
- A handoff time that happens twice (fall back) is the first of the two (fold=0).
- Restriction windows are wall-clock too: "09:00-17:00" is 09:00 to 17:00 local time
  every day, 8 hours, except a window across a change, which is an hour shorter or
  longer; a window edge inside the gap or the repeated hour follows the two rules above.

All arithmetic is on half-open intervals of whole seconds (sub-seconds of a window's
bounds are dropped): the cost follows the number of shifts, not the window's length.
"""

from .lookahead import check_window, reference_start
from .render import Calendar, Gap, Shift, render, render_all
from .report import Report, load_report
from .who import PolicyOnCall, StepOnCall, on_call_at, policies_at

__all__ = [
    "Calendar", "Gap", "Shift", "render", "render_all",
    "on_call_at", "policies_at", "PolicyOnCall", "StepOnCall",
    "Report", "load_report", "reference_start", "check_window",
]
