from . import Rule


class TargetOutsideTeam(Rule):
    code = "E120"
    phase = "model"
    summary = "Escalation targets belong to the policy's team"
    help = (
        "The organisation's rule, not PagerDuty's (its API description has none, and "
        "provider issue 427 did not reproduce): a team's own policy pages a manager or "
        "responder of the team, or one of its schedules, so the team owns its escalation. "
        "The escalation matrix's `role:parent_manager` is the exception: the parent "
        "team's managers are paged without joining the child team. The matrix is held to "
        "the same test for every team it writes a policy for."
    )

    def check(self, ctx):
        model = ctx.model
        roles = {(m.team, m.person): m.role for m in model.memberships}
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
