"""The command line: parses arguments, calls the library, prints, sets the exit status."""

from __future__ import annotations

import sys

import click

from . import __version__, textsafe
from .diagnostics import render, summary
from .validate import validate_file

ORG_ARG = click.argument(
    "org", default="org.yaml", type=click.Path(dir_okay=False, exists=True),
)
FORMATS = click.Choice(["text", "json", "github", "sarif"])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="imcompile")
def main() -> None:
    """Incident management as code: validate org.yaml and compile it into
    PagerDuty Terraform, Slack conventions and wiki docs."""


def _report(result, fmt: str, ok_message: str) -> None:
    diagnostics = result.diagnostics
    if fmt in ("json", "sarif"):
        click.echo(render(diagnostics, fmt, result.source))
    else:
        if any(d.active for d in diagnostics):
            click.echo(render(diagnostics, fmt, result.source), err=fmt == "text")
        if fmt == "text":
            line = ok_message if result.ok else "invalid"
            click.echo(f"{line} ({summary(diagnostics)})", err=not result.ok)


@main.command()
@ORG_ARG
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True,
              help="text for people (with the source line), json for tools, github for "
                   "workflow annotations, sarif for code scanning.")
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
@click.option("--out", default="generated", show_default=True,
              help="Folder of the generated files: new, empty or written by imcompile "
                   "before. Files in it that imcompile did not write are kept.")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 with a diff when the folder is not what ORG "
                   "compiles to (missing, extra or changed files).")
@click.option("--format", "fmt", type=FORMATS, default="text", show_default=True,
              help="How validation findings are printed.")
def build(org: str, out: str, check: bool, fmt: str) -> None:
    """Validate ORG and compile it into OUT: Terraform for PagerDuty, one folder per stack.

    Unchanged stacks are reused from OUT, so a change to one team re-synthesises one
    stack. A failed build leaves OUT as it was; builds into one OUT take turns.
    """
    from .build import build as run_build
    from .writer import OutputError
    if not out:
        _fail("--out is empty: give a folder, such as generated")
    try:
        outcome, comparison = run_build(org, out, check=check, on_wait=lambda: click.echo(
            f"waiting for another build into {out}", err=True))
    except OutputError as exc:
        _fail(str(exc))
    result = outcome.validation
    if not result.ok:
        _report(result, fmt, "")
        sys.exit(1)
    if result.diagnostics:
        _report(result, fmt, f"{org} is valid")
    out = out.rstrip("/") or out
    if comparison is None:
        click.echo(f"wrote {len(outcome.files)} files to {out}/")
        return
    missing, extra, changed, diff = comparison
    if not (missing or extra or changed):
        click.echo(f"{out}/ is up to date with {org}")
        return
    # Generated files carry org text: shown through the same layer as every other output.
    if diff:
        click.echo(textsafe.terminal_lines(diff.splitlines()))
    for label, paths in (("missing", missing), ("extra", extra), ("changed", changed)):
        for path in paths:
            click.echo(f"{label}: {out}/{path}", err=True)
    click.echo(f"{out}/ is stale: run `imcompile build {org}`", err=True)
    sys.exit(1)


def _fail(message: str) -> None:
    click.echo(f"imcompile: error: {message}", err=True)
    sys.exit(1)


def _register_commands() -> None:
    import importlib
    import pkgutil

    from . import commands
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        main.add_command(module.command)


_register_commands()

if __name__ == "__main__":  # pragma: no cover
    main()
