"""Which Terraform to run: `terraform`, else `tofu`, from PATH."""

from __future__ import annotations

import os
import shutil


class RunError(Exception):
    """Running Terraform cannot go on; the message is for the user."""


def find(explicit: str | None = None) -> str:
    """The binary to run: `explicit` (a name or path), $IMCOMPILE_TERRAFORM, or the
    first of terraform and tofu found on PATH."""
    wanted = explicit or os.environ.get("IMCOMPILE_TERRAFORM")
    if wanted:
        found = shutil.which(wanted)
        if found is None:
            raise RunError(f"{wanted!r} is not an executable on PATH")
        return found
    for name in ("terraform", "tofu"):
        found = shutil.which(name)
        if found:
            return found
    raise RunError("neither terraform nor tofu is on PATH: install one "
                   "(https://developer.hashicorp.com/terraform/install or https://opentofu.org)")
