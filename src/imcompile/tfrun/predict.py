"""The real plan against the impact `imcompile diff` predicted from the org change.

A difference means the account drifted from the last apply (someone changed PagerDuty
by hand, or an apply failed half way) or the prediction is wrong: either way a reviewer
must look, so each one is a risk.
"""

from __future__ import annotations

from .summary import Change

ACTIONS = ("create", "update", "replace", "destroy")


def risks(predicted: dict, planned: dict[str, list[Change]]) -> list[str]:
    """predicted: {stack: StackImpact} from diff.tfimpact; planned: {stack: changes}."""
    out = []
    for stack in sorted(planned):
        expected = predicted.get(stack)
        real = {(c.action, c.address) for c in planned[stack] if c.action in ACTIONS}
        guess = {(a, addr) for a in ACTIONS
                 for addr in (getattr(expected, a) if expected else [])}
        for action, address in sorted(real - guess):
            out.append(f"stack {stack}: Terraform would {action} {address}, which the "
                       "change to the org file does not explain: the account drifted "
                       "from the last apply, or the prediction is wrong")
        for action, address in sorted(guess - real):
            out.append(f"stack {stack}: the change to the org file should {action} "
                       f"{address}, but Terraform does not plan to: the account "
                       "drifted from the last apply, or the prediction is wrong")
    return out
