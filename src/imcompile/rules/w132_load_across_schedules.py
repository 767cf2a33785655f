from ..oncall.intervals import total, union
from . import WARNING, Rule
from ._oncall import percent, rendered, window, window_words


class LoadAcrossSchedules(Rule):
    code = "W132"
    severity = WARNING
    phase = "model"
    summary = "Nobody is on call more than oncall.max_share of the time across schedules"
    help = (
        "W130 looks at one schedule at a time. A person in the rotations of several "
        "schedules (two teams' primaries, a tier schedule and a primary) can be fair in "
        "each and on call most of the time in all of them together. Renders every "
        "schedule that is paged first (in the first step of an escalation policy; later "
        "steps are paged only when nobody answers) over the lookahead window and warns about a "
        "person on call, through two or more of them, for more than `oncall.max_share` "
        "of the window. Being someone's secondary is W133's and E131's concern."
    )

    def check(self, ctx):
        model = ctx.model
        limit = ctx.spec.oncall.max_share
        # Paged first: the schedules of first steps. Later steps, secondaries and
        # escalation tiers are paged only when the first responder does not answer.
        first = {t.id for p in model.policies.values() if p.steps
                 for t in p.steps[0].targets if t.kind == "schedule"}
        by_person: dict[str, list] = {}
        for s in model.schedules.values():
            if s.form == "secondary" or s.id not in first:
                continue
            for person in dict.fromkeys(p for layer in s.layers for p in layer.people):
                by_person.setdefault(person, []).append(s)
        for person, schedules in by_person.items():
            if len(schedules) < 2:
                continue
            span = window(ctx, schedules)
            parts = {s.id: union((b, e) for b, e, who in rendered(model, s, *span)
                                 if who == person) for s in schedules}
            share = total(union(x for found in parts.values() for x in found)) / \
                (span[1] - span[0])
            if share <= limit + 1e-3:  # an hour of daylight saving is not a burden
                continue
            each = ", ".join(f"{sid!r} {percent(total(found) / (span[1] - span[0]))}"
                             for sid, found in parts.items() if found)
            yield ctx.report(
                self, ("people", person), key=True,
                message=f"{person!r} is on call for {percent(share)} of "
                f"{window_words(model, *span)} through {len(schedules)} schedules "
                f"({each}; oncall.max_share is {percent(limit)})",
                hint="take them out of one rotation, or add people to the rotations")


RULE = LoadAcrossSchedules()
