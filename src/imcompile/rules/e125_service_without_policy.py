from . import Rule


class ServiceWithoutPolicy(Rule):
    code = "E125"
    phase = "model"
    summary = "Every service has an escalation policy"
    help = (
        "PagerDuty requires an escalation policy on every service. A service that names "
        "none uses its team's policy (written out, or from the escalation matrix); a team "
        "with none, or with several, needs the service to name one."
    )

    def check(self, ctx):
        model = ctx.model
        for svc in model.services.values():
            if svc.spec.escalation_policy:
                continue
            own = model.policies_by_team.get(svc.team, [])
            if not own:
                yield ctx.report(self, svc.path + ("team",),
                                 f"service {svc.id!r} has no escalation policy and team "
                                 f"{svc.team!r} has none", "set escalation_policy")
            elif len(own) > 1:
                yield ctx.report(self, svc.path,
                                 f"service {svc.id!r} names no escalation policy and team "
                                 f"{svc.team!r} has {len(own)}: {', '.join(own)}",
                                 "set escalation_policy", key=True)


RULE = ServiceWithoutPolicy()
