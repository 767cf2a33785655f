from . import Rule, did_you_mean


class PriorityFromAlerts(Rule):
    code = "E158"
    phase = "spec"
    summary = "Priorities the generated conditions can name"
    help = (
        "A priority name is quoted in the incident workflow's trigger condition and in "
        "the channel name template, so it may not hold a quote, a backslash or a brace. "
        "`pagerduty.priority_from_alerts` maps an Events API severity (critical, error, "
        "warning, info) to a severity level; the service orchestrations set that level's "
        "`pagerduty_priority`, so the level must exist and have one."
    )

    def check(self, ctx):
        org = ctx.spec
        for sid, sev in org.severities.items():
            name = sev.pagerduty_priority or ""
            bad = sorted(set(name) & set("'\"\\{}%"))
            if bad:
                yield ctx.report(self, ("severities", sid, "pagerduty_priority"),
                                 f"priority name {name!r} holds {bad[0]!r}, which the "
                                 "workflow condition cannot quote")
        for alert, sid in org.pagerduty.priority_from_alerts.items():
            path = ("pagerduty", "priority_from_alerts", alert)
            sev = org.severities.get(sid)
            if sev is None:
                yield ctx.report(self, path, f"unknown severity {sid!r}",
                                 did_you_mean(sid, org.severities))
            elif not sev.pagerduty_priority:
                yield ctx.report(self, path, f"severity {sid!r} has no pagerduty_priority "
                                 "for alerts to set", f"give severities.{sid} a "
                                 "pagerduty_priority")


RULE = PriorityFromAlerts()
