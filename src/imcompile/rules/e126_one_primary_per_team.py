from . import Rule


class OnePrimaryPerTeam(Rule):
    code = "E126"
    summary = "A team has at most one primary and one secondary schedule"
    help = (
        "The escalation matrix's `role:primary` and `role:secondary` pick the team's "
        "schedule with that role: two candidates would make the choice arbitrary."
    )

    def check(self, ctx):
        seen: dict[tuple[str, str], str] = {}
        for sid, s in ctx.spec.schedules.items():
            role = s.role or ("secondary" if s.secondary_of else None)
            if role not in ("primary", "secondary"):
                continue
            key = (s.team, role)
            if key in seen:
                yield ctx.report(self, ("schedules", sid), f"team {s.team!r} already has a "
                                 f"{role} schedule, {seen[key]!r}", key=True)
            else:
                seen[key] = sid


RULE = OnePrimaryPerTeam()
