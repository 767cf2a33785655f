"""Options and helpers `imcompile plan` and `imcompile apply` share."""

from __future__ import annotations

import functools
import subprocess
import sys
from pathlib import Path

import click

from .binary import RunError, find
from .manifest import Manifest, read


def options(fn):
    @click.option("--dir", "folder", default="generated/terraform", show_default=True,
                  type=click.Path(file_okay=False), help="The generated Terraform.")
    @click.option("--parallel", default=4, show_default=True, type=click.IntRange(1, 64),
                  help="Stacks run at the same time at most (independent ones only).")
    @click.option("--terraform", "binary", metavar="PATH",
                  help="Terraform or OpenTofu binary. Default: $IMCOMPILE_TERRAFORM, "
                       "else terraform, else tofu, from PATH.")
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)
    return wrapper


def fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(1)


def load(folder: str, binary: str | None) -> tuple[Manifest, str]:
    try:
        return read(Path(folder)), find(binary)
    except RunError as exc:
        fail(str(exc))


def changed_stacks(folder: Path, base: str) -> set[str]:
    """Stacks with a file that differs from git ref `base` (committed or not)."""
    def git(*args):
        done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True)
        if done.returncode:
            fail(f"git {args[0]} failed in {folder}: "
                 f"{done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ''}")
        return done.stdout.splitlines()
    git("rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    paths = git("diff", "--name-only", "--relative", base, "--", ".") + \
        git("ls-files", "--others", "--exclude-standard", ".")
    return {p.split("/", 1)[0] for p in paths if "/" in p}
