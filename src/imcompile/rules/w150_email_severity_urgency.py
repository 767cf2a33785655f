from . import Rule
from ..diagnostics import WARNING


class EmailSeverityUrgency(Rule):
    code = "W150"
    severity = WARNING
    phase = "model"
    summary = "Severity-based urgency needs an integration that sends a severity"
    help = (
        "With `urgency: severity_based` PagerDuty takes an incident's urgency from the "
        "severity of the alert. An email integration sends no severity, so a service whose "
        "integrations are all email is high urgency for every incident. Say so with "
        "`urgency: high` (or `low`), or add an `events_api_v2` integration."
    )

    def check(self, ctx):
        for svc in ctx.model.services.values():
            integrations = svc.spec.integrations
            if svc.urgency != "severity_based" or not integrations:
                continue
            if any(i.type != "email" for i in integrations.values()):
                continue
            path = svc.path + ("urgency",) if svc.spec.urgency else svc.path + ("integrations",)
            yield ctx.report(self, path, key=not svc.spec.urgency, message=(
                f"service {svc.id!r} takes urgency from alert severity (tier {svc.tier}), "
                "but its only integrations are email, which carries no severity: every "
                "incident is high urgency; write `urgency: high` or add an events_api_v2 "
                "integration"))


RULE = EmailSeverityUrgency()
