"""`imcompile init`: start a repository (starter.py writes the files)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import starter, textsafe


def _fail(message: str) -> None:
    click.echo(textsafe.terminal(f"error: {message}"), err=True)
    sys.exit(1)


def _answer(given, prompt: str, check, ask: bool, flag: str):
    """A flag's value, or the answer to a prompt asked again until it passes `check`."""
    if given is not None:
        try:
            return check(given)
        except starter.InitError as exc:
            _fail(f"{flag}: {exc}")
    if not ask:
        _fail(f"{flag} is required with --yes")
    while True:
        try:
            return check(click.prompt(prompt))
        except starter.InitError as exc:
            click.echo(textsafe.terminal(f"  {exc}"), err=True)


@click.command("init")
@click.argument("folder", default=".", type=click.Path(file_okay=False))
@click.option("--company", metavar="NAME", help="The organisation's name, as people read it.")
@click.option("--timezone", metavar="ZONE",
              help="Its main time zone, an IANA name such as Europe/Berlin.")
@click.option("--team", metavar="NAME", help="The first team's name.")
@click.option("--yes", "--no-input", "no_input", is_flag=True,
              help="Ask nothing (for scripts and CI): every value comes from the flags.")
def command(folder: str, company: str | None, timezone: str | None, team: str | None,
            no_input: bool) -> None:
    """Start an incident-management repository in FOLDER (default: here).

    Writes org.yaml (one team, a SEV0-SEV3 ladder and its questions), the JSON Schema
    its first line names (schemas/org.v1.schema.json), runbooks/TEMPLATE.md with the
    sections validate requires, the CI workflows (.github/workflows/org-review.yml and
    org-apply.yml) and .pre-commit-config.yaml. `imcompile build` passes on the result.

    Never overwrites: when any of these files exists, nothing is written.

    Exit status: 0 written, 1 on a bad answer or an existing file, 2 usage error."""
    ask = not no_input
    answers = starter.Answers(
        company=_answer(company, "Company name", lambda v: starter.check_name(v, "company"),
                        ask, "--company"),
        timezone=_answer(timezone, "Time zone (IANA, e.g. Europe/Berlin)",
                         starter.check_timezone, ask, "--timezone"),
        team=_answer(team, "First team", lambda v: starter.check_name(v, "team"),
                     ask, "--team"),
    )
    root = Path(folder)
    try:
        written = starter.write(root, answers)
    except starter.InitError as exc:
        _fail(str(exc))
    for rel in written:
        click.echo(f"wrote {root / rel}")
    click.echo("next: add people, schedules and services to org.yaml, then "
               "`imcompile validate` and `imcompile build`")
