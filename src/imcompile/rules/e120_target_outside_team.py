from . import Rule


class TargetOutsideTeam(Rule):
    code = "E120"
    phase = "model"
    summary = "Escalation targets belong to the policy's team"
    help = (
        "The organisation's rule, not PagerDuty's (its API description has none, and "
        "provider issue 427 did not reproduce): a team's own policy pages a manager or "
        "responder of the team, or one of its schedules, so the team owns its escalation. "
        "The escalation matrix's `role:parent_manager` is the exception: the parent "
        "team's managers are paged without joining the child team."
    )

    def check(self, ctx):
        model = ctx.model
        roles = {(m.team, m.person): m.role for m in model.memberships}
        for policy in model.policies.values():
            if policy.from_matrix:
                continue
            team = policy.team
            for step in policy.steps:
                for t in step.targets:
                    where = step.path + ("notify",)
                    if t.kind == "schedule" and model.schedules[t.id].team != team:
                        yield ctx.report(
                            self, where, f"schedule {t.id!r} belongs to team "
                            f"{model.schedules[t.id].team!r}, not {team!r}",
                            f"target a schedule of {team!r}, or move the policy")
                    elif t.kind == "person" and roles.get((team, t.id)) in (None, "observer"):
                        yield ctx.report(
                            self, where, f"{t.id!r} is not a manager or member of team "
                            f"{team!r}", f"add {t.id!r} to teams.{team}.members")


RULE = TargetOutsideTeam()
