from . import Rule


class RenamedFrom(Rule):
    code = "E110"
    summary = "An old ID in renamed_from is not in use"
    help = (
        "`renamed_from` lists a service's earlier IDs so Terraform moves the object "
        "instead of destroying it. An old ID still used by a service, or claimed by two "
        "services, would move one object onto two."
    )

    def check(self, ctx):
        services = ctx.spec.services
        claimed: dict[str, str] = {}
        for sid, s in services.items():
            for i, old in enumerate(s.renamed_from):
                path = ("services", sid, "renamed_from", i)
                if old in services:
                    yield ctx.report(self, path, f"{old!r} is still the ID of a service")
                elif old in claimed:
                    yield ctx.report(self, path, f"{old!r} is already claimed by "
                                     f"{claimed[old]!r}")
                else:
                    claimed[old] = sid


RULE = RenamedFrom()
