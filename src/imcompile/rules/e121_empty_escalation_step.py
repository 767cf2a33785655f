from . import Rule


class EmptyEscalationStep(Rule):
    code = "E121"
    phase = "model"
    summary = "Every escalation step reaches someone"
    help = (
        "A step whose targets resolve to nobody — `role:secondary` in a team without a "
        "secondary schedule, `role:parent_manager` in a team without a parent, or only "
        "people who are leaving — would silently skip a level of escalation."
    )

    def check(self, ctx):
        model = ctx.model
        for policy in model.policies.values():
            for i, step in enumerate(policy.steps):
                if step.targets:
                    continue
                raw = _raw_step(ctx.spec, policy, i)
                what = ", ".join(raw) if raw else "its targets"
                yield ctx.report(self, step.path,
                                 f"step {i + 1} of policy {policy.id!r} reaches nobody: "
                                 f"{what} {'resolves' if len(raw) == 1 else 'resolve'} "
                                 f"to no one in team {policy.team!r}")


def _raw_step(spec, policy, i):
    source = spec.escalation_matrix if policy.from_matrix else \
        spec.escalation_policies[policy.id]
    return source.steps[i].notify


RULE = EmptyEscalationStep()
