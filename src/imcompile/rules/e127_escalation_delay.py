from . import Rule
from ..timeparse import seconds


class EscalationDelay(Rule):
    code = "E127"
    summary = "Escalation delays are whole minutes, at least one"
    help = (
        "PagerDuty counts `escalation_delay_in_minutes` in whole minutes from 1 up: "
        "`30s` or `90s` cannot be expressed and would be rounded at apply time."
    )

    def check(self, ctx):
        org = ctx.spec
        steps = [(("escalation_policies", pid, "steps", i), s)
                 for pid, p in org.escalation_policies.items() for i, s in enumerate(p.steps)]
        if org.escalation_matrix:
            steps += [(("escalation_matrix", "steps", i), s)
                      for i, s in enumerate(org.escalation_matrix.steps)]
        for path, step in steps:
            if step.escalate_after is None:
                continue
            delay = seconds(step.escalate_after)
            if delay < 60 or delay % 60:
                yield ctx.report(self, path + ("escalate_after",),
                                 f"an escalation delay of {step.escalate_after} is not a whole "
                                 "number of minutes of at least 1")


RULE = EscalationDelay()
