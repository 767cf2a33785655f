"""What the commands that talk to PagerDuty share: options, the reader, one-line errors."""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import click

from .client import DEFAULT_URL, TOKEN_ENV, PagerDutyError, Reader, token_from_env


def api_options(func):
    func = click.option(
        "--token-env", default=TOKEN_ENV, show_default=True, metavar="NAME",
        help="Environment variable holding the PagerDuty REST API key. The key is "
             "never read from a file or an option, and never printed.")(func)
    func = click.option(
        "--api-url", default=DEFAULT_URL, show_default=True, metavar="URL",
        help="PagerDuty REST API endpoint (EU accounts: https://api.eu.pagerduty.com).")(func)
    return func


def fail(message: str, status: int = 1):
    click.echo(f"error: {message}", err=True)
    sys.exit(status)


@contextmanager
def reading(api_url: str, token_env: str, after: str = ""):
    """A Reader; any PagerDutyError inside the block becomes a one-line error, exit 1.
    `after` is added to the message (e.g. that nothing was written)."""
    try:
        with Reader(token_from_env(token_env), api_url) as reader:
            yield reader
    except PagerDutyError as exc:
        fail(f"{exc}{after}")


def write_atomically(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder and rename it into place:
    the file is either the old one or the whole new one, never a part. A failure is a
    one-line error naming the file, exit 1."""
    try:
        _write(path, text)
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}")


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file where a folder of the path should be
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR)) from None
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
