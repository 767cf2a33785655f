from . import Rule


class SlackWorkspace(Rule):
    code = "E128"
    summary = "Slack features name the workspace"
    help = (
        "Incident channels opened by PagerDuty workflows and Slack connections of teams "
        "and services need `slack.workspace_id` (the `T…` ID of the workspace already "
        "connected to PagerDuty); a severity that wants an incident channel also needs a "
        "`pagerduty_priority` for the workflow to trigger on."
    )

    def check(self, ctx):
        org = ctx.spec
        has_workspace = bool(org.slack.workspace_id)
        for sid, sev in org.severities.items():
            if not sev.slack.incident_channel:
                continue
            path = ("severities", sid, "slack", "incident_channel")
            if not has_workspace:
                yield ctx.report(self, path, f"{sev.label} opens incident channels but "
                                 "slack.workspace_id is not set")
            elif not sev.pagerduty_priority:
                yield ctx.report(self, path, f"{sev.label} opens incident channels but has "
                                 "no pagerduty_priority to trigger on")
        if has_workspace:
            return
        for kind, items in (("teams", org.teams), ("services", org.services)):
            for ident, item in items.items():
                if item.slack.channel_id:
                    yield ctx.report(self, (kind, ident, "slack", "channel_id"),
                                     "a Slack connection needs slack.workspace_id")


RULE = SlackWorkspace()
