"""`imcompile oncall`: who is on call now or then, calendars, one person's shifts, and
the load and fairness report, from the org file alone."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone

import click

from .. import textsafe
from ..cli_dates import DEFAULT_WEEKS, Problem, parse_time, parse_weeks
from ..diagnostics import render, summary
from ..oncall import load_report, on_call_at, policies_at, render_all
from ..oncall import clock, output
from ..oncall.report_output import report_json, report_text
from ..oncall.text import when
from ..rules import did_you_mean
from ..validate import validate_file

MAX_WEEKS = 520  # ten years: past that, an hourly rotation is millions of shifts


def now() -> datetime:
    """The current time; tests pin it."""
    return datetime.now(timezone.utc)


def _time(option: str, value: str | None):
    return None if value is None else parse_time(option, value)


def _weeks(value: str | None) -> int | None:
    return None if value is None else parse_weeks("--weeks", value, 1, MAX_WEEKS)


def _placed(moment: datetime | None, zone_name: str) -> datetime | None:
    """A time without an offset is read in the org's default time zone."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=clock.zone(zone_name))


def _known(kind: str, value: str, choices) -> None:
    if value not in choices:
        near = did_you_mean(value, choices)
        raise Problem(f"unknown {kind} {value!r}" + (f" ({near})" if near else ""))


def _window(start, until, weeks):
    if weeks is not None and until is not None:
        raise Problem("give --until or --weeks, not both")
    if start is None:
        start = now().replace(minute=0, second=0, microsecond=0)
    end = until if until is not None else start + timedelta(weeks=weeks or DEFAULT_WEEKS)
    if end <= start:
        raise Problem(f"--until {end.isoformat()} is not after --from {start.isoformat()}")
    if end - start > timedelta(weeks=MAX_WEEKS):
        raise Problem(f"the window is longer than {MAX_WEEKS} weeks: shorten it")
    return start, end


def _emit(fmt: str, data, text) -> None:
    """JSON of `data`, or the text `text()` writes (text or Markdown)."""
    if fmt == "json":
        click.echo(textsafe.json_text(data, indent=2))
    else:
        click.echo(text(), nl=False)


def _valid_model(org: str):
    """The org's model; an invalid org prints its diagnostics and exits 1."""
    result = validate_file(org)
    if not result.ok:
        click.echo(render(result.diagnostics, "text"), err=True)
        click.echo(f"invalid ({summary(result.diagnostics)})", err=True)
        sys.exit(1)
    return result.model


@click.command(name="oncall")
@click.argument("org", default="org.yaml", type=click.Path(dir_okay=False, exists=True))
@click.option("--at", "at", metavar="TIME",
              help="Who is on call at TIME for every escalation policy (ISO 8601; a time "
                   "without an offset is in the org's default zone). Default: now.")
@click.option("--from", "start", metavar="TIME",
              help="Start of the calendar (ISO 8601; a time without an offset is in the "
                   "org's default zone, as `diff --from`). Default: now, rounded down to "
                   "the hour.")
@click.option("--until", metavar="TIME", help="End of the calendar.")
@click.option("--weeks", metavar="N", help="Length of the calendar. Default: 4, as `diff`.")
@click.option("--person", metavar="ID",
              help="This person's shifts, in their zone (with --at: what pages them).")
@click.option("--schedule", "schedules", metavar="ID", multiple=True,
              help="Only this schedule, and with --at the policies using it (repeatable).")
@click.option("--report", is_flag=True, help="The load and fairness report over the window.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]),
              default="text", show_default=True)
def command(org, at, start, until, weeks, person, schedules, report, fmt):
    """Who is on call, when, and how fairly, as ORG (default org.yaml) says.

    With no option, or --at: who is on call now (or then) for every escalation
    policy. With a window (--from/--until/--weeks): a calendar per schedule, with the
    gaps where nobody is on call; --person: that person's shifts; --report: load and
    fairness. Exit status: 0, 1 when ORG is invalid, 2 for a usage error.
    """
    at, start, until = _time("--at", at), _time("--from", start), _time("--until", until)
    weeks = _weeks(weeks)
    windowed = any(x is not None for x in (start, until, weeks)) or report
    if at is not None and windowed:
        raise Problem("--at shows one instant: "
                      "leave out --from, --until, --weeks and --report")
    if report and person is not None:
        raise Problem("--report covers everyone: leave out --person")
    model = _valid_model(org)
    for sid in schedules:
        _known("schedule", sid, model.schedules)
    if person is not None:
        _known("person", person, model.people)
    ids = list(dict.fromkeys(schedules)) or None
    if not windowed and (at is not None or person is None):
        moment = _placed(at, model.timezone) or now()
        _instant(model, moment.astimezone(clock.zone(model.timezone)), ids, person, fmt)
        return
    begin, end = _window(_placed(start, model.timezone), _placed(until, model.timezone),
                         weeks)
    _calendars(model, begin, end, ids, person, report, fmt)


def _calendars(model, begin, end, ids, person, report, fmt) -> None:
    """The calendars of the window, one person's shifts in it, or the report."""
    markdown = fmt == "markdown"
    calendars = render_all(model, begin, end, ids)
    if report:
        found = load_report(model, begin, end, ids)
        _emit(fmt, output.calendars_json(calendars) | {"report": report_json(model, found)},
              lambda: report_text(model, found, markdown))
    elif person is not None:
        shifts = output.person_shifts(calendars, person)
        _emit(fmt, output.person_json(person, shifts),
              lambda: output.person_text(model, person, shifts, begin, end, markdown))
    else:
        _emit(fmt, output.calendars_json(calendars),
              lambda: output.calendars_text(model, calendars, markdown))


def _instant(model, moment, ids, person, fmt) -> None:
    """Each escalation policy's people at `moment`, then each schedule's person."""
    chosen = ids or list(model.schedules)
    on_call = {sid: on_call_at(model.schedules[sid], moment) for sid in chosen}
    policies = policies_at(model, moment)
    if ids is not None:
        policies = [p for p in policies if any(t.kind == "schedule" and t.id in ids
                                               for st in p.steps for t, _ in st.targets)]
    if person is not None:
        policies = [p for p in policies if any(person in st.people for st in p.steps)]
        on_call = {sid: now_ for sid, now_ in on_call.items() if now_.person == person}

    def text() -> str:
        if person is not None and not policies and not on_call:
            name = textsafe.terminal(model.people[person].name)
            if fmt == "markdown":
                name = textsafe.markdown(model.people[person].name)
            return f"{name} is not on call at {when(moment)}\n"
        return output.at_text(model, moment, policies, on_call, fmt == "markdown")

    _emit(fmt, output.at_json(moment, policies, on_call), text)
