from . import WARNING, Rule


class SchedulePersonOutsideTeam(Rule):
    code = "W103"
    severity = WARNING
    phase = "model"
    summary = "People on a schedule belong to its team"
    help = (
        "Someone on call for a team who is not a member of it does not see the team's "
        "incidents in PagerDuty and is missed when the team is reorganised."
    )

    def check(self, ctx):
        model = ctx.model
        members = {(m.team, m.person) for m in model.memberships if m.role != "observer"}
        for s in model.schedules.values():
            if s.form == "secondary":
                continue
            for layer in s.layers:
                for pid in layer.people:
                    if (s.team, pid) not in members:
                        yield ctx.report(self, layer.path, f"{pid!r} is on schedule {s.id!r} "
                                         f"but not a member of team {s.team!r}")


RULE = SchedulePersonOutsideTeam()
