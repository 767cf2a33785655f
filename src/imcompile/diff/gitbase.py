"""Reading the org file as it was at a git ref."""

from __future__ import annotations

import subprocess
from pathlib import Path


class BaseError(Exception):
    """The base version cannot be read; the message is for the user."""


def _git(args: list[str], cwd: Path, text: bool = True) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=text)
    except FileNotFoundError:
        raise BaseError("git is not installed or not on PATH; use --base-file to compare "
                        "two files") from None


def default_ref(cwd: Path) -> str:
    """`origin/main` where it exists (a PR's target), else `HEAD`."""
    if _git(["rev-parse", "--verify", "--quiet", "origin/main^{commit}"], cwd).returncode == 0:
        return "origin/main"
    return "HEAD"


def read_at(ref: str | None, org: Path) -> tuple[str, str, bytes]:
    """(ref used, `ref:path` as git names the file there, its content at that ref). A
    file absent at the ref is an empty org."""
    org = org.resolve()
    cwd = org.parent
    top = _git(["rev-parse", "--show-toplevel"], cwd)
    if top.returncode != 0:
        raise BaseError(f"{org.parent} is not inside a git repository; "
                        "use --base-file to compare two files")
    ref = ref or default_ref(cwd)
    if ref.startswith("-") or "\0" in ref:  # git would read it as an option
        raise BaseError(f"git ref {ref!r} does not exist")
    if _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd).returncode != 0:
        hint = (" (a shallow CI clone may need `git fetch --depth=1 origin main` first)"
                if ref.startswith("origin/") else "")
        raise BaseError(f"git ref {ref!r} does not exist{hint}")
    rel = org.relative_to(Path(top.stdout.strip()).resolve()).as_posix()
    shown = _git(["show", f"{ref}:{rel}"], cwd, text=False)
    return ref, f"{ref}:{rel}", shown.stdout if shown.returncode == 0 else b""
