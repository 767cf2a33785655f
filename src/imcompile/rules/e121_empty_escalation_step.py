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
        from ..model import expand_target, schedule_roles
        model, spec = ctx.model, ctx.spec
        roles = schedule_roles(spec)
        leaving = {pid for pid, p in spec.people.items() if p.leaving}
        for policy in model.policies.values():
            for i, step in enumerate(policy.steps):
                if step.targets:
                    continue
                raw = _raw_step(spec, policy, i)
                gone = sorted({t.id for r in raw for t in expand_target(
                    spec, roles, policy.team, r) if t.kind == "person" and t.id in leaving})
                if gone:
                    why = f"{_names(gone)} {'is' if len(gone) == 1 else 'are'} leaving"
                else:
                    why = (f"{', '.join(raw) or 'its targets'} "
                           f"{'resolves' if len(raw) == 1 else 'resolve'} to no one in team "
                           f"{policy.team!r}")
                yield ctx.report(self, step.path,
                                 f"step {i + 1} of policy {policy.id!r} reaches nobody: {why}",
                                 "add someone who stays to the step" if gone else "")


def _names(ids) -> str:
    quoted = [repr(i) for i in ids]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _raw_step(spec, policy, i):
    source = spec.escalation_matrix if policy.from_matrix else \
        spec.escalation_policies[policy.id]
    return source.steps[i].notify


RULE = EmptyEscalationStep()
