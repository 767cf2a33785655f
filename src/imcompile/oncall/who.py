"""Who is on call at one instant: per schedule, and per escalation policy step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from . import clock
from .render import layer_spans, spans


@dataclass(frozen=True)
class OnCall:
    """The schedule's current stretch: its person (None: nobody), since and until when.

    Handoffs are looked for within a turn plus a week either side of the instant; a
    stretch that runs on past that is cut there, and `open_start`/`open_end` say so.
    """

    schedule: str
    person: str | None
    since: datetime
    until: datetime
    open_start: bool = False
    open_end: bool = False
    # Follow-the-sun: the people of other regions whose hours also hold the instant
    # (each region is its own PagerDuty schedule, so every one of them is paged).
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class StepOnCall:
    number: int  # 1-based, as people say "step 2"
    after_seconds: int  # from the incident's start until this step is paged
    round_robin: bool
    targets: tuple  # (model.Target, OnCall | None): OnCall for schedule targets
    people: tuple[str, ...]  # who this step pages, in order, each once


@dataclass(frozen=True)
class PolicyOnCall:
    policy: str
    name: str
    steps: tuple[StepOnCall, ...]


def _look(schedule) -> int:
    longest = max((layer.turn_seconds for layer in schedule.layers), default=0)
    return longest + clock.WEEK


def on_call_at(schedule, moment: datetime) -> OnCall:
    """Who is on call for `schedule` at `moment`, and the stretch it belongs to."""
    at = clock.seconds_of(moment)
    tz = clock.zone(schedule.timezone)
    look = _look(schedule)
    begin, finish = at - look, at + look
    found = spans(schedule, begin, finish)
    person, since, until = None, begin, finish
    for start, end, who in found:
        if end <= at:
            since = end
        elif start <= at:
            person, since, until = who, start, end
            break
        else:
            until = start
            break
    return OnCall(schedule.id, person, clock.aware(since, tz), clock.aware(until, tz),
                  open_start=since == begin, open_end=until == finish,
                  also=_other_regions(schedule, tz, at, person))


def _other_regions(schedule, tz, at: int, person: str | None) -> tuple[str, ...]:
    if not any(layer.timezone for layer in schedule.layers):  # not follow-the-sun
        return ()
    out: list[str] = []
    for layer in schedule.layers:
        for _, _, who in layer_spans(layer, tz, at, at + 1):
            if who != person and who not in out:
                out.append(who)
    return tuple(out)


def policies_at(model, moment: datetime, ids=None) -> list[PolicyOnCall]:
    """Every escalation policy (or those in `ids`): each step's people at `moment`."""
    cache: dict[str, OnCall] = {}

    def schedule_now(sid: str) -> OnCall:
        if sid not in cache:
            cache[sid] = on_call_at(model.schedules[sid], moment)
        return cache[sid]

    out = []
    for pid, policy in model.policies.items():
        if ids is not None and pid not in ids:
            continue
        steps, elapsed = [], 0
        for number, step in enumerate(policy.steps, 1):
            targets, people = [], []
            for t in step.targets:
                now = schedule_now(t.id) if t.kind == "schedule" else None
                who = [now.person, *now.also] if now else [t.id]
                targets.append((t, now))
                people += [p for p in who if p is not None and p not in people]
            steps.append(StepOnCall(number, elapsed, step.round_robin, tuple(targets),
                                    tuple(people)))
            elapsed += step.delay_seconds
        out.append(PolicyOnCall(pid, policy.name, tuple(steps)))
    return out
