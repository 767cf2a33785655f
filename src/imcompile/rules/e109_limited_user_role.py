from . import Rule


class LimitedUserRole(Rule):
    code = "E109"
    summary = "Limited users are only responders"
    help = (
        "PagerDuty only lets a `limited_user` be a responder on a team: list them under "
        "`members`, not `managers` or `observers`."
    )

    def check(self, ctx):
        people = ctx.spec.people
        for tid, team in ctx.spec.teams.items():
            for field in ("managers", "observers"):
                for i, pid in enumerate(getattr(team, field)):
                    if pid in people and people[pid].pagerduty_role == "limited_user":
                        yield ctx.report(self, ("teams", tid, field, i),
                                         f"{pid!r} is a limited_user and can only be a "
                                         f"responder, not one of the {field}",
                                         "move them to members")


RULE = LimitedUserRole()
