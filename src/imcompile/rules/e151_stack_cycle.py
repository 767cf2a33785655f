from . import Rule


class StackCycle(Rule):
    code = "E151"
    phase = "model"
    summary = "Per-team stacks can be applied in some order"
    help = (
        "With `terraform: {stacks: per-team}` each team's stack reads other stacks' IDs "
        "from their state, so a stack must be applied after every stack it reads. Service "
        "dependencies and business-service links live in a `links` stack applied after "
        "the team stacks; what remains is a team using another team's objects: a service "
        "whose escalation policy belongs to another team, or a policy that targets another "
        "team's schedule. Two teams doing that to each other cannot be applied at all: "
        "no first apply finds the other's state."
    )

    def check(self, ctx):
        if ctx.spec.terraform.stacks != "per-team":
            return
        from ..generators.terraform import plan
        from ..generators.terraform.stacks import StackCycle as Cycle, split
        try:
            split(plan(ctx.model), "per-team")
        except Cycle as cycle:
            yield ctx.report(self, ("terraform", "stacks"), (
                f"stacks {cycle} read each other's state, so none can be applied first: "
                "a team uses another team's escalation policy or schedule and the other "
                "does the same; move one of them to the team that uses it"))


RULE = StackCycle()
