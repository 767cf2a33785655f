from . import WARNING, Rule


class ListedTwice(Rule):
    code = "W105"
    severity = WARNING
    summary = "Nobody is listed twice in one rotation"
    help = (
        "A person listed twice in a schedule's, layer's or region's `people` takes two "
        "turns in every cycle: usually a copy-and-paste slip that shows only later as an "
        "unfair share (W130). Remove the second entry, or keep it when the extra turns "
        "are meant."
    )

    def check(self, ctx):
        for path, people in rotations(ctx.spec):
            seen: dict[str, int] = {}
            for i, pid in enumerate(people):
                if pid in seen:
                    yield ctx.report(
                        self, path + (i,),
                        f"{pid!r} is listed twice in {_words(path)} (entries "
                        f"{seen[pid] + 1} and {i + 1}), so takes two turns in every cycle",
                        "remove one entry, unless the extra turns are meant")
                else:
                    seen[pid] = i


def rotations(org):
    """(path to a people list, the list) of every rotation in the file."""
    for sid, s in org.schedules.items():
        base = ("schedules", sid)
        if s.people:
            yield base + ("people",), s.people
        for lid, layer in (s.layers or {}).items():
            yield base + ("layers", lid, "people"), layer.people
        for rid, region in (s.follow_the_sun or {}).items():
            yield base + ("follow_the_sun", rid, "people"), region.people


def _words(path) -> str:
    if len(path) == 3:
        return f"the rotation of schedule {path[1]!r}"
    kind = "layer" if path[2] == "layers" else "region"
    return f"{kind} {path[3]!r} of schedule {path[1]!r}"


RULE = ListedTwice()
