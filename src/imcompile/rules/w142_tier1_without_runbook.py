from . import WARNING, Rule


class Tier1WithoutRunbook(Rule):
    code = "W142"
    severity = WARNING
    phase = "model"
    summary = "Always-paged services have a runbook"
    help = (
        "Whoever is paged at night for a tier-1 (always-paged) service needs its runbook "
        "more than anyone: a service of such a tier without `runbook` is warned about."
    )

    def check(self, ctx):
        for svc in ctx.model.services.values():
            if svc.always_paged and not ctx.spec.services[svc.id].runbook:
                yield ctx.report(
                    self, svc.path, key=True,
                    message=f"tier-{svc.tier} service {svc.id!r} is paged at any hour but "
                    "has no runbook",
                    hint=f"add a runbook: a path such as runbooks/{svc.id}.md, or a URL")


RULE = Tier1WithoutRunbook()
