from . import Rule


class ScheduleWithoutPeople(Rule):
    code = "E124"
    phase = "model"
    summary = "Every schedule layer keeps someone after offboarding"
    help = (
        "People marked `leaving` are taken out of every rotation. A layer left with "
        "nobody would page no one: add someone before the person leaves."
    )

    def check(self, ctx):
        for s in ctx.model.schedules.values():
            for layer in s.layers:
                if not layer.people:
                    yield ctx.report(self, layer.path,
                                     f"schedule {s.id!r} ({layer.name}) has nobody left: "
                                     "everyone in it is leaving")


RULE = ScheduleWithoutPeople()
