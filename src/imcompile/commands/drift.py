"""`imcompile drift`: what differs between the org file and the live PagerDuty account."""

from __future__ import annotations

import os
import sys
from datetime import datetime, timezone

import click

from ..diagnostics import render
from ..pagerduty.account import read_account, read_slack_connections
from ..pagerduty.client import (USER_TOKEN_ENV, Reader, env_name, slack_url,
                                 token_from_env)
from ..pagerduty.compare import compare
from ..pagerduty.drift_report import RENDER, read_overrides
from ..pagerduty.options import api_options, fail, reading
from ..validate import validate_file


@click.command("drift")
@click.argument("org", default="org.yaml", type=click.Path(dir_okay=False, exists=True))
@click.option("--format", "fmt", type=click.Choice(sorted(RENDER)), default="text",
              show_default=True, help="text for people, markdown for a PR or issue, json for tools.")
@click.option("--overrides-days", default=14, show_default=True, type=click.IntRange(0, 90),
              help="Show the account's schedule overrides this many days ahead (0: none).")
@click.option("--user-token-env", default=USER_TOKEN_ENV, show_default=True, metavar="NAME",
              help="Environment variable holding a PagerDuty user API token, for the Slack "
                   "connections (PagerDuty's Slack API takes no account key). Unset: they "
                   "are not compared, and the report says so.")
@api_options
def command(org: str, fmt: str, overrides_days: int, user_token_env: str, api_url: str,
            token_env: str) -> None:
    """Compare the PagerDuty account with ORG (default org.yaml): what was changed in
    PagerDuty, what exists there but not in ORG, and what ORG has that PagerDuty lacks,
    by name. Overrides are listed read-only: Terraform does not manage them.

    Exit status: 0 in sync, 2 drift, 1 error.
    """
    checked = validate_file(org)
    if not checked.ok:
        click.echo(render(checked.diagnostics, "text"), err=True)
        fail(f"{org} does not validate: fix it before comparing")
    now = datetime.now(timezone.utc).replace(microsecond=0)
    with reading(api_url, token_env) as reader:
        account = read_account(reader)
        _read_slack(account, checked.model.spec.slack.workspace_id, api_url, user_token_env)
        drift = compare(checked.model, account, now)
        overrides = read_overrides(reader, account, drift.schedules, now, overrides_days) \
            if overrides_days else []
    click.echo(RENDER[fmt](drift, overrides, org, reader.url), nl=False)
    sys.exit(0 if drift.in_sync else 2)


def _read_slack(account, workspace: str | None, api_url: str, token_env: str) -> None:
    """The workspace's Slack connections, with the user token when there is one."""
    if not workspace:
        return
    if not os.environ.get(env_name(token_env, "--user-token-env"), "").strip():
        account.unread.append(f"Slack connections: {token_env} is not set (PagerDuty's "
                              "Slack API takes a user API token, not the account key)")
        return
    token = token_from_env(token_env, "--user-token-env")
    with Reader(token, slack_url(api_url), slack=True) as slack:
        read_slack_connections(slack, account, workspace)
