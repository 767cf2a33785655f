from . import WARNING, Rule


class UnusedSchedule(Rule):
    code = "W106"
    severity = WARNING
    phase = "model"
    summary = "Every schedule is used by an escalation policy"
    help = (
        "A schedule that no escalation policy notifies (directly, through a role such as "
        "`role:primary`, or through the escalation matrix) pages nobody: people take "
        "turns on call that no incident can reach. Add it to a policy, or delete it. "
        "Checked for teams that have an escalation policy (their own, or one the matrix "
        "writes)."
    )

    def check(self, ctx):
        model = ctx.model
        used = {t.id for p in model.policies.values() for step in p.steps
                for t in step.targets if t.kind == "schedule"}
        teams = {p.team for p in model.policies.values()}
        for s in model.schedules.values():
            # A team with no policy yet is still being written (E125 names its services).
            if s.id not in used and s.team in teams:
                yield ctx.report(
                    self, s.path, key=True,
                    message=f"schedule {s.id!r} is in no escalation policy, so it pages "
                    "nobody", hint=f"notify schedule:{s.id} in a policy of team "
                    f"{s.team!r}, or delete the schedule")


RULE = UnusedSchedule()
