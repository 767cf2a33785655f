from . import Rule


class ScheduleWithoutPeople(Rule):
    code = "E124"
    phase = "model"
    summary = "Every schedule layer keeps someone after offboarding"
    help = (
        "People marked `leaving` are taken out of every rotation. A layer left with "
        "nobody would page no one: add someone before the person leaves. An empty "
        "`people: []` is refused the same way."
    )

    def check(self, ctx):
        for s in ctx.model.schedules.values():
            source = ctx.spec.schedules[s.id]
            if source.secondary_of and ctx.spec.schedules[source.secondary_of].people == []:
                continue  # the copy of an empty rotation: the rotation is reported
            if source.people == []:  # `people: []`: nobody was ever in it
                yield ctx.report(self, s.path + ("people",),
                                 f"schedule {s.id!r} has nobody in its rotation: "
                                 "its people list is empty", "list the people who take turns")
                continue
            for layer in s.layers:
                if not layer.people:
                    yield ctx.report(self, layer.path,
                                     f"schedule {s.id!r} ({layer.name}) has nobody left: "
                                     "everyone in it is leaving")


RULE = ScheduleWithoutPeople()
