from ..oncall import clock
from ..oncall.text import stretch
from . import Rule
from ._oncall import rendered, window, window_words


class PrimaryIsSecondary(Rule):
    code = "E131"
    phase = "model"
    summary = "Nobody is primary and secondary at the same moment"
    help = (
        "Renders each team's `role: primary` and `role: secondary` schedules over the "
        "lookahead window (stretched to whole rotation cycles) and reports a person "
        "on call for both at once: the escalation would page the same person twice and "
        "the backup is nobody. A `secondary_of` copy clashes when its `shift` is a "
        "multiple of the number of people."
    )

    def check(self, ctx):
        model = ctx.model
        by_role: dict = {}
        for s in model.schedules.values():
            by_role.setdefault((s.team, s.role), []).append(s)
        for (team, role), secondaries in by_role.items():
            if role != "secondary":
                continue
            for primary in by_role.get((team, "primary"), []):
                for secondary in secondaries:
                    found = self._clash(ctx, primary, secondary)
                    if found:
                        yield found

    def _clash(self, ctx, primary, secondary):
        model = ctx.model
        span = window(ctx, [primary, secondary])
        if span is None:
            return None
        clashes = same_person(rendered(model, primary, *span),
                              rendered(model, secondary, *span))
        if not clashes:
            return None
        start, end, person = clashes[0]
        tz = clock.zone(secondary.timezone)
        when = stretch(clock.aware(start, tz), clock.aware(end, tz))
        more = f", and {len(clashes) - 1} more time{'s' * (len(clashes) > 2)}" \
            if len(clashes) > 1 else ""
        return ctx.report(
            self, secondary.path, key=True,
            message=f"{person!r} is primary ({primary.id!r}) and secondary "
            f"({secondary.id!r}) at once, {when}{more} in {window_words(model, *span)}",
            hint="order the secondary's people so that nobody follows themselves"
            if secondary.form != "secondary" else
            "use a shift that is not a multiple of the number of people")


def same_person(a: list, b: list) -> list:
    """Where two sorted, non-overlapping (start, end, person) lists have the same
    person on call at once."""
    out, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if lo < hi and a[i][2] == b[j][2]:
            if out and out[-1][1] == lo and out[-1][2] == a[i][2]:
                out[-1] = (out[-1][0], hi, a[i][2])
            else:
                out.append((lo, hi, a[i][2]))
        if a[i][1] <= b[j][1]:
            i += 1
        else:
            j += 1
    return out


RULE = PrimaryIsSecondary()
