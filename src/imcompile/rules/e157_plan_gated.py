from . import Rule
from ..spec.account import PLAN_RANK as RANK

# The lowest plan with each feature, from PagerDuty's public plan pages and its API
# description (openapiv3.json); where the sources disagree, the lower plan, so that
# `validate` never refuses what an account may have.
PLAN_NAME = {"business": "Business", "enterprise": "Enterprise (Digital Operations)"}


class Feature:
    def __init__(self, what: str, plan: str, addon: str | None = None):
        self.what, self.plan, self.addon = what, plan, addon

    def lacking(self, plan: str, addons) -> bool:
        return RANK[plan] < RANK[self.plan] and self.addon not in addons

    def needs(self) -> str:
        needs = f"the {PLAN_NAME[self.plan]} plan or above"
        return needs + (f" or the {self.addon} add-on" if self.addon else "")


OBSERVER_ROLE = Feature("the {role!r} role", "business", "advanced_permissions")
TEAM_OBSERVER = Feature("team observers", "business", "advanced_permissions")
HIERARCHY = Feature("team hierarchy (a team's `parent`)", "business")
PRIORITY = Feature("incident priorities", "business")
WORKFLOW = Feature("a conditional incident workflow (the incident channel)", "business")
ROUND_ROBIN = Feature("round-robin escalation", "business")
GROUPING = {
    "time": Feature("time-based alert grouping", "business"),
    "content_based": Feature("content-based alert grouping", "business"),
    "intelligent": Feature("intelligent alert grouping", "enterprise", "aiops"),
    "content_based_intelligent": Feature("intelligent alert grouping", "enterprise", "aiops"),
}


class PlanGated(Rule):
    code = "E157"
    phase = "model"
    summary = "Features the account's PagerDuty plan has"
    help = (
        "With `pagerduty.plan` set, a feature the plan lacks is an error here instead of a "
        "403 at apply: the observer and restricted_access roles and team observers "
        "(Business, or the advanced_permissions add-on), team hierarchy, priorities, "
        "conditional incident workflows, round robin, time and content-based alert grouping "
        "(Business), intelligent alert grouping (Enterprise, or the aiops add-on). Below "
        "Business the severity custom field is not written. Without `pagerduty.plan` "
        "nothing is checked."
    )

    def check(self, ctx):
        pd = ctx.spec.pagerduty
        if pd.plan is None:
            return
        seen = set()  # matrix policies share their steps' lines
        for path, feature, what in self._uses(ctx):
            if feature.lacking(pd.plan, pd.addons) and path not in seen:
                seen.add(path)
                yield ctx.report(self, path, f"{what}: not in the {pd.plan!r} plan "
                                 f"(pagerduty.plan); it needs {feature.needs()}")

    def _uses(self, ctx):
        org, model = ctx.spec, ctx.model
        for pid, person in org.people.items():
            if person.pagerduty_role in ("observer", "restricted_access"):
                yield (("people", pid, "pagerduty_role"), OBSERVER_ROLE,
                       OBSERVER_ROLE.what.format(role=person.pagerduty_role))
        for tid, team in org.teams.items():
            if team.observers:
                yield ("teams", tid, "observers"), TEAM_OBSERVER, TEAM_OBSERVER.what
            if team.parent:
                yield ("teams", tid, "parent"), HIERARCHY, HIERARCHY.what
        for sid, sev in org.severities.items():
            if sev.pagerduty_priority:
                yield ("severities", sid, "pagerduty_priority"), PRIORITY, PRIORITY.what
                if sev.slack.incident_channel and org.slack.workspace_id:
                    yield (("severities", sid, "slack", "incident_channel"), WORKFLOW,
                           WORKFLOW.what)
        for policy in model.policies.values():
            for step in policy.steps:
                if step.round_robin:
                    yield step.path + ("round_robin",), ROUND_ROBIN, ROUND_ROBIN.what
        for svc in model.services.values():
            grouping = svc.spec.alert_grouping
            if grouping:
                feature = GROUPING[grouping.type]
                yield svc.path + ("alert_grouping", "type"), feature, feature.what


RULE = PlanGated()
