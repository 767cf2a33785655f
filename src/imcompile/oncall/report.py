"""Load and fairness over a window: per person, per team, per schedule.

A person's figures count time on call for any schedule once (on call for two
schedules at once is one hour, not two); their shifts are the stretches of each
schedule. A team's figures add up its schedules. Off-hours are hours outside the
person's own business hours (theirs, else the org's) in their own time zone, so a
weekend day that is not a working day counts whole; weekend hours are Saturday and
Sunday in their zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..model import Window, _hours_windows  # the model's own reading of business hours
from . import clock
from .intervals import overlap, total, union
from .render import gap_spans, spans

WEEKEND = (Window(0, 1440, 5), Window(0, 1440, 6))


@dataclass(frozen=True)
class Load:
    """Seconds on call, how many of them off-hours and at weekends, and how many shifts."""

    seconds: int = 0
    shifts: int = 0
    off_hours: int = 0
    weekend: int = 0
    longest: int = 0


@dataclass(frozen=True)
class TeamLoad:
    team: str
    schedules: tuple[str, ...]
    load: Load
    per_person: dict  # person -> seconds on the team's schedules (zero included)


@dataclass(frozen=True)
class ScheduleLoad:
    schedule: str
    covered: int  # seconds with someone on call
    window: int
    gaps: int  # number of stretches with nobody
    per_person: dict  # person -> seconds (zero included)

    @property
    def coverage(self) -> float:
        return self.covered / self.window if self.window else 0.0


@dataclass(frozen=True)
class Report:
    start: datetime
    end: datetime
    people: dict[str, Load]
    teams: dict[str, TeamLoad]
    schedules: dict[str, ScheduleLoad]


class _Hours:
    """Business hours and weekends of one time zone as instants over the window."""

    def __init__(self, zone_name: str, windows: tuple, begin: int, finish: int):
        tz = clock.zone(zone_name)
        self.business = union(clock.windows(windows, tz, begin, finish))
        self.weekend = union(clock.windows(WEEKEND, tz, begin, finish))

    def load(self, stretches: list, shifts: int) -> Load:
        return Load(seconds=total(stretches), shifts=shifts,
                    off_hours=total(stretches) - overlap(stretches, self.business),
                    weekend=overlap(stretches, self.weekend),
                    longest=max((e - s for s, e, *_ in stretches), default=0))


def load_report(model, start: datetime, end: datetime, ids=None) -> Report:
    """Load and fairness over [start, end) for every schedule (or those in `ids`)."""
    begin, finish = clock.seconds_of(start), clock.seconds_of(end)
    chosen = [s for sid, s in model.schedules.items() if ids is None or sid in ids]
    rendered = {s.id: spans(s, begin, finish) for s in chosen}
    everyone = dict.fromkeys(p for s in chosen for p in s.people)
    hours = _people_hours(model, everyone, begin, finish)
    mine: dict[str, list] = {p: [] for p in everyone}
    for sid, found in rendered.items():
        for item in found:
            mine[item[2]].append(item)
    people = {p: hours[p].load(union(items), len(items)) for p, items in mine.items()}
    schedules = {s.id: _schedule_load(s, rendered[s.id], begin, finish) for s in chosen}
    by_team: dict[str, list] = {}
    for s in chosen:
        by_team.setdefault(s.team, []).append(s)
    teams = {tid: _team_load(tid, own, rendered, hours) for tid, own in by_team.items()}
    tz = clock.zone(model.timezone)
    return Report(clock.aware(begin, tz), clock.aware(finish, tz), people, teams, schedules)


def _people_hours(model, people, begin: int, finish: int) -> dict:
    """Each person's _Hours; people of one zone and working hours share theirs."""
    shared: dict = {}
    out = {}
    for p in people:
        spec = model.people[p]
        hours = spec.business_hours or model.spec.defaults.business_hours
        key = (spec.timezone or model.timezone, _hours_windows(hours))
        if key not in shared:
            shared[key] = _Hours(*key, begin, finish)
        out[p] = shared[key]
    return out


def _schedule_load(schedule, found: list, begin: int, finish: int) -> ScheduleLoad:
    per_person = dict.fromkeys(schedule.people, 0)
    for s, e, who in found:
        per_person[who] = per_person.get(who, 0) + e - s
    return ScheduleLoad(schedule.id, total(found), finish - begin,
                        len(gap_spans(found, begin, finish)), per_person)


def _team_load(tid: str, own: list, rendered: dict, hours: dict) -> TeamLoad:
    """Added up over the team's schedules: two schedules at once count twice here."""
    items: dict[str, list] = {p: [] for s in own for p in s.people}
    for schedule in own:
        for item in rendered[schedule.id]:
            items[item[2]].append(item)
    loads = {p: hours[p].load(sorted(found), len(found)) for p, found in items.items()}
    return TeamLoad(
        tid, tuple(s.id for s in own),
        Load(*(sum(getattr(x, f) for x in loads.values())
               for f in ("seconds", "shifts", "off_hours", "weekend")),
             longest=max((x.longest for x in loads.values()), default=0)),
        {p: x.seconds for p, x in loads.items()})
