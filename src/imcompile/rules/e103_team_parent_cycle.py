from . import Rule


class TeamParentCycle(Rule):
    code = "E103"
    summary = "Team parents form a tree"
    help = "A team cannot be its own ancestor through `parent`."

    def check(self, ctx):
        teams = ctx.spec.teams
        reported = set()
        for tid in teams:
            seen, node = [], tid
            while node in teams and node not in seen:
                seen.append(node)
                node = teams[node].parent
            if node == tid and tid not in reported:
                reported.update(seen)
                loop = " -> ".join(seen + [tid])
                yield ctx.report(self, ("teams", tid, "parent"), f"team parents loop: {loop}")


RULE = TeamParentCycle()
