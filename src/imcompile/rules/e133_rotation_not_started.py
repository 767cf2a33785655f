from datetime import datetime

from ..runbooks import today
from ..timeparse import human
from . import Rule


class RotationNotStarted(Rule):
    code = "E133"
    phase = "model"
    summary = "Always-paged services are on call from today, not from a future start"
    help = (
        "A step of a tier-1 service's escalation policy whose schedules all start after "
        "today (the build date; IMCOMPILE_TODAY sets it) reaches no one until then: every "
        "incident waits for the next step (when no step reaches anyone, E130 reports the "
        "time from today). Start the rotation on "
        "or before today, or add a schedule that is on call now to the step."
    )

    def check(self, ctx):
        model = ctx.model
        try:
            now = today()
        except ValueError:
            return  # E152 says so when it matters
        for svc in model.services.values():
            policy = model.policies.get(svc.escalation_policy)
            if not svc.always_paged or policy is None:
                continue
            later = [_first_start(model, step) for step in policy.steps]
            if all(s is not None and s.date() > now for s in later):
                continue  # nobody at all until then: E130 reports the gap from today
            for i, starts in enumerate(later):
                if starts is None or starts.date() <= now:
                    continue
                yield ctx.report(
                    self, svc.path, key=True,
                    message=f"step {i + 1} of escalation policy {policy.id!r} reaches nobody "
                    f"until {starts.date().isoformat()}, when its schedules start (today is "
                    f"{now.isoformat()}): every incident of tier-{svc.tier} service "
                    f"{svc.id!r} waits {human(policy.steps[i].delay_seconds)} for the next "
                    "step until then",
                    hint="start the rotation on or before today, or add a schedule that "
                    "is on call now to the step")
                break


def _first_start(model, step) -> datetime | None:
    """When the first of the step's schedules starts; None when it notifies a person."""
    if not step.targets or any(t.kind != "schedule" for t in step.targets):
        return None
    starts = [layer.virtual_start for t in step.targets
              for layer in model.schedules[t.id].layers if layer.people]
    return min(starts, key=lambda d: d.timestamp(), default=None)


RULE = RotationNotStarted()
