"""`imcompile atlantis`: an atlantis.yaml for the generated stacks."""

from __future__ import annotations

from pathlib import Path

import click

from ..tfrun.atlantis import render
from ..tfrun.binary import RunError
from ..tfrun.manifest import read
from ..tfrun.options import fail


@click.command("atlantis")
@click.option("--dir", "folder", default="generated/terraform", show_default=True,
              type=click.Path(file_okay=False),
              help="The generated Terraform, as a path from the repository's root.")
def command(folder: str) -> None:
    """Print an atlantis.yaml for the stacks of the manifest: one project per stack,
    applied after the stacks it depends on (execution order groups), and stacks removed
    from the org planned with -destroy first. Write it to the repository's root:
    `imcompile atlantis > atlantis.yaml`.
    """
    try:
        manifest = read(Path(folder))
    except RunError as exc:
        fail(str(exc))
    click.echo(render(manifest, Path(folder).as_posix()), nl=False)
