from . import Rule
from ..diagnostics import WARNING
from ..generators.terraform.oncall import ended
from ..runbooks import today


class EndedLayer(Rule):
    code = "W151"
    severity = WARNING
    phase = "model"
    summary = "A layer that has ended can go"
    help = (
        "A layer whose `end` is on or before today (the build date; IMCOMPILE_TODAY sets "
        "it) is left out of the generated Terraform: the PagerDuty provider drops ended "
        "layers when it reads a schedule, so keeping one would show a change on every "
        "plan, and a layer removed from the configuration is ended by the provider. "
        "Delete the layer from the file; its history stays in PagerDuty."
    )

    def check(self, ctx):
        try:
            today()
        except ValueError:
            return  # E152 says so
        seen = set()
        for s in ctx.model.schedules.values():
            for layer in s.layers:
                if not ended(layer) or layer.path in seen:
                    continue
                seen.add(layer.path)
                yield ctx.report(self, layer.path + ("end",), (
                    f"layer {layer.id!r} of schedule {s.id!r} ended on "
                    f"{layer.end.date().isoformat()}: delete it from the file (the "
                    "generated Terraform already leaves it out)"))


RULE = EndedLayer()
