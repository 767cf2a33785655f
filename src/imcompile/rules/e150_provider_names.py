from . import Rule

# The PagerDuty provider's `ValidateIsAllowedString` (util/util.go): escalation-policy
# names may not hold these, service names only no non-printable characters; neither may
# be blank or end with a space.
SPECIAL = "\\/&<>"


def refused(name: str, special: bool) -> str:
    """Why the provider refuses `name`, or ''."""
    if not name.strip():
        return "is blank"
    for ch in name:
        if not ch.isprintable():
            return f"holds the non-printable character U+{ord(ch):04X}"
        if special and ch in SPECIAL:
            return f"holds {ch!r} (PagerDuty refuses \\ / & < > in escalation-policy names)"
    if name.endswith(" "):
        return "ends with a space"
    return ""


class ProviderNames(Rule):
    code = "E150"
    phase = "model"
    summary = "Names PagerDuty's provider accepts"
    help = (
        "The PagerDuty Terraform provider refuses, at `terraform validate`, an "
        "escalation-policy name holding `\\ / & < >`, and an escalation-policy or service "
        "name that is blank, holds a non-printable character or ends with a space. Policies "
        "the escalation matrix writes are named after their team (`<team name> "
        "escalation`), so the team's name must pass too: write `Storefront and Web`, not "
        "`Storefront & Web`."
    )

    def check(self, ctx):
        model, org = ctx.model, ctx.spec
        for p in model.policies.values():
            why = refused(p.name, special=True)
            if not why:
                continue
            if p.from_matrix:
                yield ctx.report(self, ("teams", p.team, "name"),
                                 f"the policy the escalation matrix writes for team "
                                 f"{p.team!r}, {p.name!r}, {why}")
            else:
                named = org.escalation_policies[p.id].name is not None
                yield ctx.report(self, p.path + (("name",) if named else ()), key=not named,
                                 message=f"escalation policy name {p.name!r} {why}")
        for s in model.services.values():
            why = refused(s.name, special=False)
            if why:
                yield ctx.report(self, s.path + ("name",), f"service name {s.name!r} {why}")


RULE = ProviderNames()
