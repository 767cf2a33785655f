from . import Rule, did_you_mean


class UnknownReference(Rule):
    code = "E101"
    summary = "Every reference resolves"
    help = (
        "People, teams, schedules, escalation policies, services, severities, roles, "
        "audiences, questions and PagerDuty priorities are referred to by ID, and an "
        "escalation target's role is primary, secondary, team_manager or parent_manager. An ID "
        "that names nothing is an error, with the closest existing ID suggested."
    )

    def check(self, ctx):
        org = ctx.spec
        for path, kind, ref, pool in references(org):
            if ref not in pool:
                hint = did_you_mean(ref, pool)
                if pool is ROLES:  # four words: name them all
                    hint = "use primary, secondary, team_manager or parent_manager"
                yield ctx.report(self, path, f"unknown {kind} {ref!r}", hint)


def references(org):
    """Every (path, kind, id, pool) the file refers to."""
    people, teams = org.people, org.teams
    for tid, t in teams.items():
        if t.parent is not None:
            yield ("teams", tid, "parent"), "team", t.parent, teams
        for field in ("managers", "members", "observers"):
            for i, pid in enumerate(getattr(t, field)):
                yield ("teams", tid, field, i), "person", pid, people
    for sid, s in org.schedules.items():
        base = ("schedules", sid)
        yield base + ("team",), "team", s.team, teams
        if s.secondary_of is not None:
            yield base + ("secondary_of",), "schedule", s.secondary_of, org.schedules
        for i, pid in enumerate(s.people or []):
            yield base + ("people", i), "person", pid, people
        for lid, layer in (s.layers or {}).items():
            for i, pid in enumerate(layer.people):
                yield base + ("layers", lid, "people", i), "person", pid, people
        for rid, region in (s.follow_the_sun or {}).items():
            for i, pid in enumerate(region.people):
                yield base + ("follow_the_sun", rid, "people", i), "person", pid, people
    for pid, p in org.escalation_policies.items():
        base = ("escalation_policies", pid)
        yield base + ("team",), "team", p.team, teams
        yield from _targets(org, base, p.steps)
    if org.escalation_matrix:
        yield from _targets(org, ("escalation_matrix",), org.escalation_matrix.steps)
    if org.escalation_matrix and org.escalation_matrix.teams:
        for i, tid in enumerate(org.escalation_matrix.teams):
            yield ("escalation_matrix", "teams", i), "team", tid, teams
    services = org.services
    policy_ids = _policy_ids(org)
    all_services = {**services, **org.business_services}
    for sid, s in services.items():
        base = ("services", sid)
        yield base + ("team",), "team", s.team, teams
        if s.escalation_policy is not None:
            yield (base + ("escalation_policy",), "escalation policy", s.escalation_policy,
                   policy_ids)
        for i, dep in enumerate(s.depends_on):
            yield base + ("depends_on", i), "service", dep, services
        for dep in s.pagerduty_dependency_ids:
            yield base + ("pagerduty_dependency_ids", dep), "depends_on entry", dep, s.depends_on
    for bid, b in org.business_services.items():
        base = ("business_services", bid)
        if b.team is not None:
            yield base + ("team",), "team", b.team, teams
        for i, dep in enumerate(b.depends_on):
            yield base + ("depends_on", i), "service", dep, all_services
        for dep in b.pagerduty_dependency_ids:
            yield base + ("pagerduty_dependency_ids", dep), "depends_on entry", dep, b.depends_on
    for sev_id, sev in org.severities.items():
        base = ("severities", sev_id)
        for i, role in enumerate(sev.roles):
            yield base + ("roles", i), "incident role", role, org.roles
        for audience in sev.notify:
            yield base + ("notify", audience), "audience", audience, org.communication.audiences
        if sev.pagerduty_priority is not None:
            yield (base + ("pagerduty_priority",), "PagerDuty priority", sev.pagerduty_priority,
                   org.pagerduty.priorities)
    if org.classification:
        c = org.classification
        yield ("classification", "start"), "question", c.start, c.questions
        for qid, q in c.questions.items():
            for side in ("if_yes", "if_no"):
                answer = getattr(q, side)
                base = ("classification", "questions", qid, side)
                if answer.severity is not None:
                    yield base + ("severity",), "severity", answer.severity, org.severities
                if answer.next is not None:
                    yield base + ("next",), "question", answer.next, c.questions


ROLES = {"primary": None, "secondary": None, "team_manager": None, "parent_manager": None}


def _targets(org, base, steps):
    pools = {"schedule": org.schedules, "person": org.people, "role": ROLES}
    for i, step in enumerate(steps):
        for j, target in enumerate(step.notify):
            kind, _, ref = target.partition(":")
            if kind in pools:
                yield base + ("steps", i, "notify", j), kind, ref, pools[kind]


def _policy_ids(org):
    from ..conventions import matrix_policy_id
    from ..model import matrix_teams
    return {**org.escalation_policies, **{matrix_policy_id(t): None for t in matrix_teams(org)
                                          if t in org.teams}}


RULE = UnknownReference()
