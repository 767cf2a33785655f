from . import WARNING, Rule
from ._oncall import percent, rendered, window, window_words


class MaxShare(Rule):
    code = "W130"
    severity = WARNING
    phase = "model"
    summary = "Nobody carries more than oncall.max_share of a schedule"
    help = (
        "Renders each schedule over the lookahead window, stretched to whole rotation "
        "cycles so that every turn comes round equally often, and warns about a person "
        "on call for more than `oncall.max_share` of the time the schedule has anyone "
        "on call: a burnout risk, usually a short rotation or a person listed twice. "
        "A `secondary_of` copy has the same shares as its primary and is not checked "
        "again; a schedule of one person is W102's."
    )

    def check(self, ctx):
        model = ctx.model
        limit = ctx.spec.oncall.max_share
        for s in model.schedules.values():
            if s.form == "secondary" or len(s.people) < 2:
                continue
            span = window(ctx, [s])
            found = rendered(model, s, *span)
            covered = sum(e - b for b, e, _ in found)
            per_person: dict = {}
            for b, e, who in found:
                per_person[who] = per_person.get(who, 0) + e - b
            for person, seconds in per_person.items():
                share = seconds / covered
                if share > limit + 1e-9:
                    yield ctx.report(
                        self, s.path, key=True,
                        message=f"{person!r} is on call for {percent(share)} of the time "
                        f"schedule {s.id!r} covers in {window_words(model, *span)} "
                        f"(oncall.max_share is {percent(limit)})",
                        hint="add people to the rotation or raise oncall.max_share")


RULE = MaxShare()
