from . import Rule


class DependencyCycle(Rule):
    code = "E102"
    summary = "Service dependencies form no cycle"
    help = (
        "`depends_on` between services and business services must not loop back: "
        "PagerDuty refuses circular dependencies and the service graph in the docs "
        "would be meaningless."
    )

    def check(self, ctx):
        org = ctx.spec
        graph = {("services", k): v.depends_on for k, v in org.services.items()}
        graph.update({("business_services", k): v.depends_on
                      for k, v in org.business_services.items()})
        section_of = {k: sec for sec, k in graph}
        edges = {key: [(section_of[d], d) for d in deps if d in section_of]
                 for key, deps in graph.items()}
        for cycle in find_cycles(edges):
            first = cycle[0]
            names = " -> ".join(k for _, k in cycle + [first])
            yield ctx.report(self, first + ("depends_on",), f"dependency cycle: {names}")


def find_cycles(edges: dict) -> list[list]:
    """One cycle per strongly connected loop, found by an iterative depth-first search."""
    colour, cycles = {}, []
    for root in sorted(edges):
        if root in colour:
            continue
        stack, trail = [(root, iter(edges[root]))], [root]
        colour[root] = "grey"
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                colour[node] = "black"
                stack.pop()
                trail.pop()
            elif colour.get(child) == "grey":
                cycles.append(trail[trail.index(child):])
            elif child not in colour:
                colour[child] = "grey"
                stack.append((child, iter(edges.get(child, ()))))
                trail.append(child)
    return cycles


RULE = DependencyCycle()
