"""`imcompile apply`: apply the generated stacks in dependency order."""

from __future__ import annotations

import os
import re
import sys

import click

from ..tfrun import render
from ..tfrun.options import fail, load, options
from ..tfrun.run import Runner

LOCAL_ON_CI = (
    "the stacks keep their Terraform state in local files (terraform.backend is not set "
    "in the org file), and a CI runner forgets them when the job ends: the next run "
    "would create every object again. Set a remote backend, for example\n"
    "  terraform:\n    backend:\n      type: s3\n"
    "      config: {bucket: my-state-bucket, region: eu-west-1, use_lockfile: true}\n"
    "then run `imcompile build` and commit (README, section State). "
    "--allow-local-state runs anyway."
)


def _duration(value: str) -> str:
    if not re.fullmatch(r"[0-9]+(ms|s|m|h)", value):
        raise click.BadParameter(f"{value!r} is not a duration such as 30s, 5m or 1h")
    return value


def on_ci() -> bool:
    return any(os.environ.get(v, "").lower() in ("1", "true") for v in
               ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "TF_BUILD"))


@click.command("apply")
@click.option("--lock-timeout", default="0s", show_default=True, metavar="DURATION",
              callback=lambda _c, _p, v: _duration(v),
              help="How long to wait for another run's state lock (e.g. 5m) before failing.")
@click.option("--allow-local-state", is_flag=True,
              help="Apply with local state even on a CI runner.")
@options
def command(lock_timeout: str, allow_local_state: bool, folder: str, parallel: int,
            binary: str | None) -> None:
    """Apply the generated Terraform: first destroy the stacks removed from the org
    (their dependents first; `prevent_destroy` stops it, and then nothing else is
    applied), then apply every stack in dependency order, independent stacks at the
    same time. Shows what changed in names, never Terraform's output.

    Exit status: 0 applied (or nothing to do), 1 error.
    """
    manifest, tf = load(folder, binary)
    if manifest.backend == "local" and on_ci() and not allow_local_state:
        fail(LOCAL_ON_CI)
    if manifest.backend == "pg" and parallel > 1:
        # Its advisory locks are keyed by row ID, which repeats across schemas: two
        # stacks locked at once collide (hashicorp/terraform#29034).
        click.echo("note: the pg backend cannot lock two stacks at once; applying one "
                   "stack at a time", err=True)
        parallel = 1
    outcomes = Runner(manifest, tf, parallel, lock_timeout).apply()
    click.echo(render.text(outcomes, []), nl=False)
    sys.exit(1 if any(o.status in ("failed", "skipped") for o in outcomes) else 0)
