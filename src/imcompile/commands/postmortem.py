"""`imcompile postmortem`: a blameless post-mortem draft from a PagerDuty incident."""

from __future__ import annotations

import re
from pathlib import Path

import click

from ..diagnostics import render
from ..pagerduty.client import NotFound
from ..pagerduty.options import api_options, fail, reading, write_atomically
from ..pagerduty.postmortem import draft, incident_id, read_incident
from ..validate import validate_file


@click.command("postmortem")
@click.argument("incident")
@click.argument("org", default="org.yaml", type=click.Path(dir_okay=False, exists=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the draft to this Markdown file (default: standard output).")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
@api_options
def command(incident: str, org: str, output: str | None, force: bool, api_url: str,
            token_env: str) -> None:
    """Draft a blameless post-mortem of INCIDENT (its PagerDuty ID, number or URL), using the
    severities of ORG (default org.yaml): severity from the incident's severity field or
    its priority, duration, time to acknowledge and resolve against the severity's
    targets, the timeline from PagerDuty's log, responders, the due date from the
    severity's post-mortem rule, and the template's sections to fill in.

    Exit status: 0 drafted, 1 error.
    """
    checked = validate_file(org)
    if not checked.ok:
        click.echo(render(checked.diagnostics, "text"), err=True)
        fail(f"{org} does not validate: fix it first")
    if output and Path(output).exists() and not force:
        fail(f"{output} exists: use --force to replace it")
    ident = incident_id(incident)
    # The ID becomes part of the request's path: nothing but letters and digits.
    if not re.fullmatch(r"[A-Za-z0-9]{1,64}", ident):
        fail(f"{incident!r} is not a PagerDuty incident ID, number or URL (e.g. "
             "Q1A2B3C4D5E6F7, 1234 or https://acme.pagerduty.com/incidents/Q1A2B3C4D5E6F7)")
    with reading(api_url, token_env) as reader:
        try:
            found = read_incident(reader, ident)
        except NotFound:
            what = f"#{ident}" if ident.isdigit() else repr(ident)
            fail(f"PagerDuty has no incident {what} (404): give its ID (e.g. Q1A2B3C4D5E6F7), "
                 "number or URL")
    text = draft(checked.spec, found)
    if output:
        write_atomically(Path(output), text)
        click.echo(f"wrote {output}: post-mortem draft of incident "
                   f"#{found.raw.get('incident_number', '?')}", err=True)
    else:
        click.echo(text, nl=False)
