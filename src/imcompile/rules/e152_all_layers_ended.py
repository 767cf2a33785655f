from . import Rule
from ..generators.terraform.oncall import ended


class AllLayersEnded(Rule):
    code = "E152"
    phase = "model"
    summary = "A schedule keeps at least one layer that has not ended"
    help = (
        "Ended layers are left out of the generated Terraform (W151), and PagerDuty "
        "needs at least one layer per schedule: a schedule whose every layer has ended "
        "gets a new layer, or is deleted."
    )

    def check(self, ctx):
        for s in ctx.model.schedules.values():
            if s.layers and all(ended(layer) for layer in s.layers):
                yield ctx.report(self, s.path, key=True, message=(
                    f"every layer of schedule {s.id!r} has ended: add a layer or delete "
                    "the schedule"))


RULE = AllLayersEnded()
