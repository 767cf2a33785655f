from . import Rule
from ..generators.terraform.oncall import ended
from ..runbooks import today


class AllLayersEnded(Rule):
    code = "E152"
    phase = "model"
    summary = "A schedule keeps at least one layer that has not ended"
    help = (
        "Ended layers are left out of the generated Terraform (W151), and PagerDuty "
        "needs at least one layer per schedule: a schedule whose every layer has ended "
        "gets a new layer, or is deleted. Which layers have ended depends on the build "
        "date: an IMCOMPILE_TODAY that is not a date is an error when a layer has an `end`."
    )

    def check(self, ctx):
        schedules = ctx.model.schedules.values()
        if not any(layer.end for s in schedules for layer in s.layers):
            return
        try:
            today()
        except ValueError as err:
            yield ctx.report(self, (), f"{err}: cannot tell which schedule layers have ended")
            return
        for s in schedules:
            if s.layers and all(ended(layer) for layer in s.layers):
                yield ctx.report(self, s.path, key=True, message=(
                    f"every layer of schedule {s.id!r} has ended: add a layer or delete "
                    "the schedule"))


RULE = AllLayersEnded()
