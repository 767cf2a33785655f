"""`imcompile diff`: what a change to the org does, for the reviewer of a pull request."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..diagnostics import render
from ..diff import compare
from ..diff import report as rendering
from ..diff.gitbase import BaseError, read_at
from ..validate import validate_file, validate_text


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


def _base_model(base: str | None, base_file: str | None, org: Path):
    if base_file:
        label, data = base_file, Path(base_file).read_bytes()
    else:
        try:
            label, data = read_at(base, org)
        except BaseError as exc:
            _fail(str(exc))
    if not data:
        return label, None
    # The base only has to resolve: its lint findings are not this change's business.
    result = validate_text(data, f"{label}:{org.name}", model_rules=False)
    if not result.ok:
        first = next(d for d in result.diagnostics if d.is_error)
        _fail(f"the base version is invalid, so it cannot be compared: {first.text()}")
    return label, result.model


@click.command("diff")
@click.argument("org", default="org.yaml", type=click.Path(dir_okay=False, exists=True))
@click.option("--base", "base_ref", metavar="REF",
              help="Git ref to compare with. Default: origin/main, or HEAD without it.")
@click.option("--base-file", type=click.Path(dir_okay=False, exists=True),
              help="Compare with this file instead of a git ref.")
@click.option("--weeks", default=4, show_default=True, type=click.IntRange(1, 52),
              help="How far ahead the on-call impact looks.")
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d", "%Y-%m-%dT%H:%M",
                                                      "%Y-%m-%dT%H:%M:%S"]),
              help="Start of the on-call comparison (UTC). Default: this hour.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]),
              default="text", show_default=True,
              help="markdown is made for a pull-request comment.")
@click.option("--exit-code", is_flag=True,
              help="Exit 0 when nothing changes, 2 when something does (1 on error).")
def command(org: str, base_ref: str | None, base_file: str | None, weeks: int, start,
            fmt: str, exit_code: bool) -> None:
    """Show what changing ORG does: risks first, then the changes in names, who is on
    call before and after, and the Terraform resources created, updated, replaced and
    destroyed in each stack."""
    if base_ref and base_file:
        raise click.UsageError("give --base or --base-file, not both")
    head = validate_file(org)
    if not head.ok:
        click.echo(render(head.diagnostics, "text"), err=True)
        _fail(f"{org} is invalid")
    label, base = _base_model(base_ref, base_file, Path(org))
    report = compare(base, head.model, label, weeks=weeks, start=start)
    out = {"text": rendering.text, "markdown": rendering.markdown,
           "json": rendering.as_json}[fmt](report)
    click.echo(out, nl=False)
    if exit_code:
        sys.exit(2 if report.changed else 0)
