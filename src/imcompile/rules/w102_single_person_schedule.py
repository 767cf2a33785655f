from . import WARNING, Rule


class SinglePersonSchedule(Rule):
    code = "W102"
    severity = WARNING
    phase = "model"
    summary = "A rotation has more than one person"
    help = (
        "A schedule layer of one person puts them on call all the time, with nobody to "
        "hand off to: a burnout risk and a single point of failure."
    )

    def check(self, ctx):
        for s in ctx.model.schedules.values():
            for layer in s.layers:
                if len(layer.people) == 1 and layer.end is None:
                    yield ctx.report(self, layer.path,
                                     f"schedule {s.id!r} ({layer.name}) rotates only "
                                     f"{layer.people[0]!r}")


RULE = SinglePersonSchedule()
