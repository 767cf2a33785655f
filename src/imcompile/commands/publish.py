"""`imcompile publish`: push generated/docs/ to a wiki git repository."""

from __future__ import annotations

import sys

import click

from ..publish import PublishError, publish


@click.command("publish")
@click.option("--wiki", "url", required=True, metavar="GIT_URL",
              help="The wiki's git URL, e.g. https://github.com/OWNER/REPO.wiki.git.")
@click.option("--docs", default="generated/docs", show_default=True,
              type=click.Path(file_okay=False), help="Folder of the generated pages.")
@click.option("--message", "-m", metavar="TEXT", help="Commit message.")
def command(url: str, docs: str, message: str | None) -> None:
    """Publish the generated pages to a wiki that is a git repository (a GitHub wiki
    is one). Commits and pushes only when a page changed; removes pages imcompile
    generated earlier that are no longer generated; never touches other pages, and
    never writes through a symbolic link in the wiki.

    Exit status: 0 published or already up to date, 1 on any failure."""
    try:
        result = publish(url, docs, message)
    except PublishError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:  # e.g. a page that cannot be read; never a traceback
        click.echo(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), err=True)
        sys.exit(1)
    for name in result.linked:
        click.echo(f"warning: left {name} alone: in the wiki it is a symbolic link, which "
                   "publish never writes through (replace it with a page or delete it in "
                   "the wiki to publish ours)", err=True)
    for name in result.skipped:
        click.echo(f"warning: left {name} alone: that wiki page was not written by "
                   "imcompile (delete or rename it in the wiki to publish ours)", err=True)
    if not result.commit:
        click.echo(f"{result.url} is up to date: nothing to publish")
        return
    click.echo(f"published to {result.url}: {len(result.written)} pages written, "
               f"{len(result.removed)} removed (commit {result.commit})")
