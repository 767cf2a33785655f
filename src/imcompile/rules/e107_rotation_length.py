from . import Rule
from ..timeparse import seconds

MIN_TURN, MAX_TURN = 3600, 31_536_000  # PagerDuty: 1 hour to 365 days


class RotationLength(Rule):
    code = "E107"
    summary = "Rotations are ones PagerDuty can express"
    help = (
        "A turn lasts from 1 hour to 365 days (PagerDuty's "
        "`rotation_turn_length_seconds`, 3600 to 31536000). A handoff day only makes "
        "sense for turns of whole weeks. A layer's end comes after its start."
    )

    def check(self, ctx):
        for path, rotation in rotations(ctx.spec):
            turn = seconds(rotation.every)
            if not MIN_TURN <= turn <= MAX_TURN:
                yield ctx.report(self, path + ("every",),
                                 f"a turn of {rotation.every} is outside PagerDuty's range "
                                 "of 1h to 365d")
            elif rotation.handoff.day is not None and turn % 604800:
                yield ctx.report(self, path + ("handoff", "day"),
                                 f"a handoff day needs a rotation of whole weeks, not "
                                 f"{rotation.every}", "remove handoff.day")
        for sid, s in ctx.spec.schedules.items():
            for lid, layer in (s.layers or {}).items():
                if layer.end is not None and layer.end <= layer.rotation.start:
                    yield ctx.report(self, ("schedules", sid, "layers", lid, "end"),
                                     f"layer {lid!r} ends on {layer.end}, before it starts "
                                     f"on {layer.rotation.start}")


def rotations(org):
    for sid, s in org.schedules.items():
        base = ("schedules", sid)
        if s.rotation is not None:
            yield base + ("rotation",), s.rotation
        for lid, layer in (s.layers or {}).items():
            yield base + ("layers", lid, "rotation"), layer.rotation
        for rid, region in (s.follow_the_sun or {}).items():
            if region.rotation is not None:
                yield base + ("follow_the_sun", rid, "rotation"), region.rotation


RULE = RotationLength()
