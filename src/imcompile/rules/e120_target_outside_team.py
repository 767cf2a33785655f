from . import Rule


class TargetOutsideTeam(Rule):
    code = "E120"
    phase = "model"
    summary = "Escalation targets belong to the policy's team"
    help = (
        "PagerDuty fails at apply time, not at plan, when an escalation policy targets a "
        "person who is not a manager or responder of the policy's team, or a schedule of "
        "another team. The escalation matrix is held to the same test for every team it "
        "writes a policy for: only `role:parent_manager` reaches outside the team (the "
        "parent team's manager is added to the team for that)."
    )

    def check(self, ctx):
        model = ctx.model
        # Memberships the file wrote: the ones added for role:parent_manager do not count.
        roles = {(m.team, m.person): m.role for m in model.memberships if not m.implicit}
        for policy in model.policies.values():
            team = policy.team
            for i, step in enumerate(policy.steps):
                where = step.path + ("notify",)
                for kind, ref in _direct_targets(ctx.spec, policy, i, step):
                    if kind == "schedule" and model.schedules[ref].team != team:
                        yield ctx.report(
                            self, where, f"schedule {ref!r} belongs to team "
                            f"{model.schedules[ref].team!r}, not {team!r}"
                            + _matrix_words(policy),
                            f"target a schedule of {team!r}, or move the policy")
                    elif kind == "person" and roles.get((team, ref)) in (None, "observer"):
                        observer = roles.get((team, ref)) == "observer"
                        yield ctx.report(
                            self, where, f"{ref!r} is "
                            + ("only an observer of" if observer else "not a manager or member of")
                            + f" team {team!r}" + _matrix_words(policy),
                            f"add {ref!r} to teams.{team}.members")


def _direct_targets(spec, policy, i, step):
    """(kind, id) of the targets the file names itself. A team's policy: every resolved
    target. The matrix: its `person:` and `schedule:` targets (roles resolve inside the
    team, or to the parent's manager on purpose)."""
    if not policy.from_matrix:
        return [(t.kind, t.id) for t in step.targets]
    raw = spec.escalation_matrix.steps[i].notify
    found = []
    for target in raw:
        kind, _, ref = target.partition(":")
        if kind in ("person", "schedule") and (kind, ref) in {(t.kind, t.id) for t in step.targets}:
            found.append((kind, ref))
    return found


def _matrix_words(policy) -> str:
    return ", whose policy the escalation matrix writes" if policy.from_matrix else ""


RULE = TargetOutsideTeam()
