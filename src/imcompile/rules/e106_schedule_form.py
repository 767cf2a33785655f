from . import Rule

FORMS = ("people", "layers", "follow_the_sun", "secondary_of")


class ScheduleForm(Rule):
    code = "E106"
    summary = "A schedule has exactly one form"
    help = (
        "A schedule is written in one of four forms: `people` with a `rotation` (one "
        "layer), `layers`, `follow_the_sun` regions, or `secondary_of` another schedule. "
        "Mixing them, or leaving out the rotation a form needs, is an error."
    )

    def check(self, ctx):
        schedules = ctx.spec.schedules
        for sid, s in schedules.items():
            path = ("schedules", sid)
            used = [f for f in FORMS if getattr(s, f) is not None]
            if not used:
                yield ctx.report(self, path, f"schedule {sid!r} has no people",
                                 "give it people and a rotation, layers, follow_the_sun "
                                 "or secondary_of")
            elif len(used) > 1:
                yield ctx.report(self, path + (used[1],),
                                 f"schedule {sid!r} mixes {used[0]} and {used[1]}",
                                 "use one form per schedule")
            elif used == ["people"] and s.rotation is None:
                yield ctx.report(self, path + ("people",),
                                 f"schedule {sid!r} has people but no rotation")
            elif used == ["follow_the_sun"] and s.rotation is None:
                for rid, region in s.follow_the_sun.items():
                    if region.rotation is None:
                        yield ctx.report(self, path + ("follow_the_sun", rid),
                                         f"region {rid!r} has no rotation",
                                         "give the schedule or the region a rotation")
            elif used == ["secondary_of"]:
                target = schedules.get(s.secondary_of)
                if target is not None and target.secondary_of is not None:
                    yield ctx.report(self, path + ("secondary_of",),
                                     f"{s.secondary_of!r} is itself a secondary schedule",
                                     "point secondary_of at a primary schedule")
            if used and used[0] not in ("people", "follow_the_sun") and s.rotation:
                yield ctx.report(self, path + ("rotation",),
                                 f"schedule {sid!r} does not use a top-level rotation "
                                 f"with {used[0]}")


RULE = ScheduleForm()
