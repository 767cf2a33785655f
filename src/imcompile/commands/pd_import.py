"""`imcompile import`: write an org file from a live PagerDuty account."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import textsafe
from ..diagnostics import render, summary
from ..pagerduty.account import read_account
from ..pagerduty.importer import import_org
from ..pagerduty.options import api_options, fail, reading, write_atomically
from ..pagerduty.yamltext import dump
from ..validate import validate_text


@click.command("import")
@click.option("-o", "--output", default="org.yaml", show_default=True,
              type=click.Path(dir_okay=False), help="The org file to write.")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists (import never merges).")
@click.option("--name", default="imported", show_default=True,
              help="metadata.name of the organisation (a slug).")
@click.option("--display-name", default=None, help="metadata.display_name.")
@api_options
def command(output: str, force: bool, name: str, display_name: str | None, api_url: str,
            token_env: str) -> None:
    """Read users, teams, schedules, escalation policies, services, business services and
    dependencies from a PagerDuty account and write them as an org file.

    Every object keeps its PagerDuty ID, so that the next `imcompile build` writes
    Terraform import blocks and the first apply adopts the objects instead of creating
    copies. Severities are written from the account's priorities as placeholders to
    edit. The file is written only once everything was read, and checked like
    `imcompile validate` does.

    Exit status: 0 written and valid, 1 error (nothing written) or written but invalid.
    """
    path = Path(output)
    if path.exists() and not force:
        fail(f"{output} exists: use --force to replace it, or -o for another file")
    with reading(api_url, token_env, after="; nothing was written") as reader:
        account = read_account(reader)
        requests, client = reader.requests, reader.client
    imported = import_org(account, name=name, display_name=display_name, url=reader.url)
    text = dump(imported.doc, imported.comments, imported.header)
    result = validate_text(text, file=output)
    write_atomically(path, text)

    doc = imported.doc
    counts = [f"{len(doc.get(k, {}))} {label}" for k, label in (
        ("people", "people"), ("teams", "teams"), ("schedules", "schedules"),
        ("escalation_policies", "escalation policies"), ("services", "services"),
        ("business_services", "business services"))]
    integrations = sum(len(s.get("integrations", {})) for s in doc.get("services", {}).values())
    click.echo(f"wrote {output}: {', '.join(counts)}, {integrations} integrations; "
               f"{len(doc['severities'])} placeholder severities from the account's priorities")
    limited = f"; rate-limited {client.rate_limited} times, waited {client.waited:g}s as " \
              "asked" if client.rate_limited else ""
    click.echo(f"read with {requests} requests to {reader.url}{limited}")
    for note in imported.notes:
        click.echo(textsafe.terminal(f"import note: {note}"), err=True)  # the account's text
    if result.diagnostics:
        click.echo(render(result.diagnostics, "text"), err=True)
    if not result.ok:
        click.echo(f"{output} was written but does not validate ({summary(result.diagnostics)}):"
                   " fix the errors above before `imcompile build`", err=True)
        sys.exit(1)
    # Every warning left describes the account as PagerDuty has it (the import adds
    # nothing but what the format needs), e.g. people in no team.
    inherent = ": warnings show the account as PagerDuty has it" if result.diagnostics else ""
    click.echo(f"{output} is valid ({summary(result.diagnostics)}{inherent}); next: edit the "
               f"placeholders, then `imcompile build {output}`")
