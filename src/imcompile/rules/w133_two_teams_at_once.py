from ..oncall import clock
from ..oncall.text import stretch
from . import WARNING, Rule
from ._oncall import rendered, window, window_words
from .e131_primary_is_secondary import same_person


class TwoTeamsAtOnce(Rule):
    code = "W133"
    severity = WARNING
    phase = "model"
    summary = "Nobody is primary for one team while secondary for another"
    help = (
        "E131 checks a team's own primary and secondary. Across teams, a person who is "
        "primary for one team and secondary for another at the same moment is the first "
        "responder and the backup at once: when both teams have an incident, one of them "
        "waits. Renders both schedules over the lookahead window and reports the first "
        "such stretch."
    )

    def check(self, ctx):
        model = ctx.model
        # Only schedules that share a person can clash: index primaries by person, so a
        # large org is not checked pair by pair.
        primaries_of: dict[str, list] = {}
        for s in model.schedules.values():
            if s.role == "primary":
                for person in s.people:
                    primaries_of.setdefault(person, []).append(s)
        for secondary in (s for s in model.schedules.values() if s.role == "secondary"):
            candidates = {p.id: p for person in secondary.people
                          for p in primaries_of.get(person, ())}
            for primary in (candidates[k] for k in sorted(candidates)):
                if primary.team == secondary.team:
                    continue  # E131's
                span = window(ctx, [primary, secondary])
                if span is None:
                    continue
                clashes = same_person(rendered(model, primary, *span),
                                      rendered(model, secondary, *span))
                if clashes:
                    yield self._report(ctx, primary, secondary, clashes, span)

    def _report(self, ctx, primary, secondary, clashes, span):
        start, end, person = clashes[0]
        tz = clock.zone(secondary.timezone)
        more = f", and {len(clashes) - 1} more time{'s' * (len(clashes) > 2)}" \
            if len(clashes) > 1 else ""
        return ctx.report(
            self, secondary.path, key=True,
            message=f"{person!r} is primary for team {primary.team!r} ({primary.id!r}) and "
            f"secondary for team {secondary.team!r} ({secondary.id!r}) at once, "
            f"{stretch(clock.aware(start, tz), clock.aware(end, tz))}{more} in "
            f"{window_words(ctx.model, *span)}",
            hint="order one of the rotations so that their turns do not meet")


RULE = TwoTeamsAtOnce()
