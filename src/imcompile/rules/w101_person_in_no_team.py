from . import WARNING, Rule


class PersonInNoTeam(Rule):
    code = "W101"
    severity = WARNING
    summary = "Everyone belongs to a team"
    help = (
        "A person in no team cannot be reached through any team's escalation and does not "
        "show up in any team's docs. Add them to a team, or remove them."
    )

    def check(self, ctx):
        placed = set()
        for team in ctx.spec.teams.values():
            placed.update(team.managers, team.members, team.observers)
        for pid in ctx.spec.people:
            if pid not in placed:
                yield ctx.report(self, ("people", pid), f"{pid!r} is in no team", key=True)


RULE = PersonInNoTeam()
