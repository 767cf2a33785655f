"""`imcompile classify`: walk the org's severity decision tree and print what the
severity asks for."""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import click

from .. import textsafe
from ..classifier import (ClassifyError, from_answers, on_call_now, parse_answers,
                          response, walk)
from ..diagnostics import render
from ..generators.docs import facts
from ..rules import did_you_mean
from ..validate import validate_file


def _fail(message: str, status: int) -> None:
    click.echo(textsafe.terminal(f"error: {message}"), err=True)
    sys.exit(status)


def _say(line: str = "") -> None:
    """One line of output: what it quotes from the org cannot start another."""
    click.echo(textsafe.terminal(line))


@click.command("classify")
@click.argument("org", default="org.yaml", type=click.Path(dir_okay=False, exists=True))
@click.option("--answers", metavar="yes,no,…",
              help="Answer the questions in order without prompting (for scripts).")
@click.option("--service", metavar="ID",
              help="The affected service: also print who its escalation policy pages, "
                   "and who is on call for it now.")
@click.option("--at", "at", metavar="TIME",
              help="With --service: who is on call at TIME (ISO 8601; without an offset, "
                   "in the org's time zone) instead of now.")
def command(org: str, answers: str | None, service: str | None, at: str | None) -> None:
    """Classify an incident with ORG's yes/no questions (default org.yaml), then print
    the severity and its response: who to page, roles to assign, update cadence,
    whether a post-mortem is due.

    Exit status: 0 classified, 1 invalid ORG or no questions in it, 2 bad answers."""
    result = validate_file(org)
    if not result.ok:
        click.echo(render(result.diagnostics, "text"), err=True)
        _fail(f"{org} is invalid: run `imcompile validate {org}`", 1)
    model = result.model
    tree = model.spec.classification
    if tree is None:
        _fail(f"{org} has no classification section: add the severity questions "
              "(see docs/format.md)", 1)
    if service is not None and service not in model.services:
        hint = did_you_mean(service, model.services)
        _fail(f"--service: unknown service {service!r}" + (f" ({hint})" if hint else ""), 2)
    moment = _moment(at, model.timezone)
    try:
        if answers is not None:
            outcome = from_answers(tree, parse_answers(answers))
        else:
            _say(facts.when_unsure(model.spec))
            outcome = walk(tree, _ask)
    except ClassifyError as exc:
        _fail(str(exc), 2)
    _print(model, outcome, service, moment)


def now() -> datetime:
    """The current time; tests pin it."""
    return datetime.now(timezone.utc)


def _moment(at: str | None, zone_name: str) -> datetime:
    if at is None:
        return now()
    try:
        moment = datetime.fromisoformat(at.strip())
    except ValueError:
        _fail(f"--at: {at!r} is not an ISO 8601 time (e.g. 2026-03-02T03:00)", 2)
    if not 1971 <= moment.year < 9000:
        _fail(f"--at: {at!r} is outside the years 1971 to 8999", 2)
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(zone_name))


def _ask(number: int, qid: str, q) -> bool:
    _say()
    if q.help:
        _say(f"   {' '.join(q.help.split())}")
    return click.confirm(textsafe.terminal(f"{number}. {q.ask}"), default=None)


def _print(model, outcome, service, moment) -> None:
    org = model.spec
    sev = org.severities[outcome.severity]
    major = " · major incident" if sev.major_incident else ""
    _say()
    _say(f"{sev.label} {sev.name}{major}")
    for qid, yes in outcome.trail:
        _say(f"  {org.classification.questions[qid].ask} {'yes' if yes else 'no'}")
    if outcome.note:
        _say(f"  → {outcome.note}")
    _say()
    for label, text in response(model, outcome.severity, service):
        _say(f"{label + ':' if label else '':<13}{text}")
        if label == "Who" and service is not None:  # the 3 a.m. question, next to it
            for i, line in enumerate(on_call_now(model, service, moment)):
                _say(f"{'On call:' if i == 0 else '':<13}{line}")
