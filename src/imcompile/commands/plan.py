"""`imcompile plan`: Terraform plans of the generated stacks, summarised in names."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..tfrun import render
from ..tfrun.options import changed_stacks, fail, load, options
from ..tfrun.predict import risks as compare
from ..tfrun.run import Runner


@click.command("plan")
@click.argument("org", default="org.yaml", type=click.Path(dir_okay=False))
@click.option("--changed", "base", metavar="BASE",
              help="Plan only the stacks whose files differ from git ref BASE, and compare "
                   "the plan with the impact predicted from ORG at BASE.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown"]), default="text",
              show_default=True, help="markdown is made for a pull-request comment.")
@options
def command(org: str, base: str | None, fmt: str, folder: str, parallel: int,
            binary: str | None) -> None:
    """Plan every stack of the generated Terraform in dependency order, stacks that do
    not depend on each other at the same time, without taking the state lock. Stacks
    removed from the org are planned for destruction. The plan is shown in names
    ("update schedule Payments Primary (payments-primary)"), never as Terraform's
    output, which can carry secrets.

    Exit status, like `terraform plan -detailed-exitcode`: 0 no changes, 2 changes,
    1 error.
    """
    manifest, tf = load(folder, binary)
    only = changed_stacks(Path(folder), base) if base else None
    outcomes = Runner(manifest, tf, parallel).plan(only)
    risks = _predicted(org, base, outcomes) if base and Path(org).is_file() else []
    click.echo((render.markdown if fmt == "markdown" else render.text)(outcomes, risks),
               nl=False)
    if any(o.status in ("failed", "skipped") for o in outcomes):
        sys.exit(1)
    sys.exit(2 if any(o.changes for o in outcomes) else 0)


def _predicted(org: str, base: str, outcomes) -> list[str]:
    from ..diff.gitbase import BaseError, read_at
    from ..diff.tfimpact import impact
    from ..validate import validate_file, validate_text
    head = validate_file(org)
    try:
        label, _, data = read_at(base, Path(org))
    except BaseError as exc:
        fail(str(exc))
    old = validate_text(data, f"{label}:{Path(org).name}", model_rules=False) if data else None
    for result in (head, old):
        if result is not None and not result.ok:
            first = next(d for d in result.diagnostics if d.is_error)
            return [f"the plan could not be compared with the impact predicted from {org}: "
                    f"{first.text()}"]
    planned = {o.stack: o.changes for o in outcomes if o.status != "failed" and not o.removed}
    return compare(impact(old.model if old else None, head.model), planned)
