"""The command line: parses arguments, calls the library, prints, sets the exit status."""

from __future__ import annotations

import json
import sys

import click

from . import __version__
from .diagnostics import render, summary
from .validate import validate_file

ORG_ARG = click.argument(
    "org", default="org.yaml", type=click.Path(dir_okay=False, exists=True),
)
FORMATS = click.Choice(["text", "json", "github"])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="imcompile")
def main() -> None:
    """Incident management as code: validate org.yaml and compile it into
    PagerDuty Terraform, Slack conventions and wiki docs."""


def _report(result, fmt: str, ok_message: str) -> None:
    diagnostics = result.diagnostics
    if fmt == "json":
        click.echo(render(diagnostics, "json"))
    else:
        if diagnostics:
            click.echo(render(diagnostics, fmt), err=fmt == "text")
        if fmt == "text":
            line = ok_message if result.ok else "invalid"
            click.echo(f"{line} ({summary(diagnostics)})", err=not result.ok)


@main.command()
@ORG_ARG
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True,
              help="text for people, json for tools, github for workflow annotations.")
def validate(org: str, fmt: str) -> None:
    """Check ORG (default org.yaml): schema and semantic rules, all reported at once.

    Exit status: 0 valid (warnings allowed), 1 invalid, 2 usage error.
    """
    result = validate_file(org)
    _report(result, fmt, f"{org} is valid")
    sys.exit(0 if result.ok else 1)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the org file format (for editors and CI)."""
    from .jsonschema_out import schema_text
    click.echo(schema_text(), nl=False)


@main.command()
@ORG_ARG
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True)
def build(org: str, fmt: str) -> None:
    """Validate ORG and compile it into generated/."""
    result = validate_file(org)
    _report(result, fmt, f"{org} is valid; no generators yet, nothing written")
    sys.exit(0 if result.ok else 1)


if __name__ == "__main__":  # pragma: no cover
    main()
