"""`imcompile diff`: what a change to the org does, for the reviewer of a pull request."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..cli_dates import DEFAULT_WEEKS, Moment, Problem, Weeks
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
        # Findings name the file as given, like those of ORG.
        try:
            label, data, name = base_file, Path(base_file).read_bytes(), base_file
        except OSError as exc:
            _fail(f"cannot read the base file {base_file}: {exc.strerror or exc}")
    else:
        try:
            label, name, data = read_at(base, org)
        except BaseError as exc:
            _fail(str(exc))
    if not data:
        return label, None
    # The base only has to resolve: its lint findings are not this change's business.
    result = validate_text(data, name, model_rules=False)
    if not result.ok:
        errors = [d for d in result.diagnostics if d.is_error]
        click.echo(f"error: the base version {label} is invalid, so it cannot be compared:",
                   err=True)
        click.echo(render(errors, "text"), err=True)
        sys.exit(1)
    return label, result.model


class _Command(click.Command):
    """With --exit-code, status 2 means "something changes" (as `terraform plan
    -detailed-exitcode`): a usage error then exits 1 like any other error, so that
    CI never reads a mistyped option as a change."""

    def parse_args(self, ctx, args):
        strict = "--exit-code" in args
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            exc.exit_code = 1 if strict else exc.exit_code
            raise

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            exc.exit_code = 1 if ctx.params.get("exit_code") else exc.exit_code
            raise


@click.command("diff", cls=_Command)
@click.argument("org", default="org.yaml", type=click.Path(dir_okay=False, exists=True))
@click.option("--base", "base_ref", metavar="REF",
              help="Git ref to compare with. Default: origin/main, or HEAD without it.")
@click.option("--base-file", type=click.Path(dir_okay=False, exists=True),
              help="Compare with this file instead of a git ref.")
@click.option("--weeks", default=DEFAULT_WEEKS, show_default=True, type=Weeks(1, 52),
              help="How far ahead the on-call impact looks (1 to 52), as `oncall` does.")
@click.option("--from", "start", type=Moment(), metavar="TIME",
              help="Start of the on-call comparison and the moment the change is taken "
                   "to be applied: an ISO 8601 date or time, in the org's default time "
                   "zone unless it has an offset (as `oncall --from`). Default: this hour.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]),
              default="text", show_default=True,
              help="markdown is made for a pull-request comment.")
@click.option("--exit-code", is_flag=True,
              help="Exit 0 when nothing changes, 2 when something does (1 on error).")
def command(org: str, base_ref: str | None, base_file: str | None, weeks: int, start,
            fmt: str, exit_code: bool) -> None:
    """Show what changing ORG does: risks first, then the changes in names, who is on
    call before and after, and the Terraform resources created, updated, replaced and
    destroyed in each stack.

    Exit status: 0 shown, 1 error, 2 usage error; with --exit-code 0 no change,
    2 changes, 1 any error (usage errors included)."""
    if base_ref and base_file:
        raise Problem("give --base or --base-file, not both")
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
