"""Mermaid diagrams of the classification tree, escalation policies and service
dependencies. Node IDs come from positions (q1, s2, n3), never from the org's text;
labels go through markdown.mermaid_label."""

from __future__ import annotations

from markupsafe import Markup

from ...timeparse import human
from . import facts
from .markdown import flowchart

# Past about 20 boxes a dependency graph is too small to read on a page (and Mermaid
# refuses one over 50 000 characters): beyond this many services it is drawn one team
# at a time.
ONE_GRAPH_MAX_SERVICES = 20


def classification(org) -> Markup:
    tree = org.classification
    order = facts.question_order(tree)
    qnode = {qid: f"q{i}" for i, qid in enumerate(order, 1)}
    snode = {sid: f"s{i}" for i, sid in enumerate(org.severities)}
    nodes = [(qnode[q], f"{i}. {tree.questions[q].ask}", "decision")
             for i, q in enumerate(order, 1)]
    edges, used = [], set()
    for qid in order:
        q = tree.questions[qid]
        for word, answer in (("yes", q.if_yes), ("no", q.if_no)):
            if answer.severity in snode:
                edges.append((qnode[qid], snode[answer.severity], word, False))
                used.add(answer.severity)
            elif answer.next in qnode:
                edges.append((qnode[qid], qnode[answer.next], word, False))
    nodes += [(snode[sid], f"{s.label} {s.name}", "round")
              for sid, s in org.severities.items() if sid in used]
    return flowchart("TD", nodes, edges)


def escalation(model, policy) -> Markup:
    steps = facts.policy_steps(model, policy)
    nodes = [(f"s{s['n']}", f"{s['n']}. " + (", ".join(s["who"]) or "nobody"), "box")
             for s in steps]
    edges = [(f"s{i}", f"s{i + 1}", f"{human(step.delay_seconds)} no ack", False)
             for i, step in enumerate(policy.steps[:-1], 1)]
    if policy.repeat and len(steps) > 1:
        delay = human(policy.steps[-1].delay_seconds)
        edges.append((f"s{len(steps)}", "s1", f"{delay}, repeat ×{policy.repeat}", True))
    return flowchart("LR", nodes, edges)


def dependencies(model) -> list[tuple[str, Markup]]:
    """(heading or "", diagram): one for the whole org, or one a team when large."""
    services = sorted(model.services.values(), key=lambda s: (s.name.casefold(), s.id))
    if not any(s.depends_on for s in services):
        return []
    if len(services) <= ONE_GRAPH_MAX_SERVICES:
        return [("", _graph(model, services, with_business=True))]
    by_team: dict[str, list] = {}
    for s in services:
        by_team.setdefault(s.team, []).append(s)
    out = []
    for tid in sorted(by_team, key=lambda t: (model.teams[t].name.casefold(), t)):
        own = by_team[tid]
        if any(s.depends_on for s in own):
            out.append((model.teams[tid].name, _graph(model, own, with_business=False)))
    return out


def _graph(model, services, with_business: bool) -> Markup:
    ids: dict[str, str] = {}
    nodes = []

    def node(sid):
        if sid not in ids:
            ids[sid] = f"n{len(ids) + 1}"
            nodes.append((ids[sid], model.services[sid].name, "box"))
        return ids[sid]

    edges = []
    for s in services:
        node(s.id)
    for s in services:
        for dep in s.depends_on:
            edges.append((node(s.id), node(dep), "", False))
    if with_business:
        business = model.spec.business_services
        for i, bid in enumerate(sorted(business), 1):
            nodes.append((f"b{i}", business[bid].name, "stadium"))
            for dep in business[bid].depends_on:
                if dep in model.services:
                    edges.append((f"b{i}", node(dep), "", True))
    return flowchart("LR", nodes, edges)
