"""From owners to stacks: which resources share a state, and how stacks refer to each other."""

from __future__ import annotations

from dataclasses import dataclass, field
from graphlib import CycleError, TopologicalSorter

from ...conventions import tf_name
from .plan import Plan, Ref, Resource

# Types whose IDs every stack publishes, so that another stack can refer to them.
PUBLISHED = ("pagerduty_user", "pagerduty_team", "pagerduty_schedule",
             "pagerduty_escalation_policy", "pagerduty_service", "pagerduty_business_service",
             "pagerduty_tag", "pagerduty_incident_custom_field")
# Data sources another stack reads through the stack that looks them up.
PUBLISHED_DATA = ("pagerduty_priority",)
TOKEN_ENV = "PAGERDUTY_TOKEN"
USER_TOKEN_ENV = "PAGERDUTY_USER_TOKEN"


@dataclass
class Stack:
    name: str
    resources: list[Resource] = field(default_factory=list)
    depends_on: set[str] = field(default_factory=set)
    outputs: dict[str, dict] = field(default_factory=dict)
    sensitive: dict[str, dict] = field(default_factory=dict)
    state: dict = field(default_factory=dict)  # backend.state(): where its state lives

    @property
    def token_env(self) -> str:
        return {"slack": USER_TOKEN_ENV, "slack-channels": SLACK_TOKEN_ENV}.get(
            self.name, TOKEN_ENV)

    @property
    def env(self) -> list[str]:
        """Every variable the stack needs: the provider refuses to start without the
        account token even where its resources use the user token."""
        return [TOKEN_ENV, USER_TOKEN_ENV] if self.name == "slack" else [self.token_env]

    @property
    def provider(self) -> str:
        return "slack" if self.name == "slack-channels" else "pagerduty"

    def description(self) -> dict:
        """Everything the stack's Terraform is made from, as plain data."""
        return {
            "name": self.name,
            "token_env": self.token_env,
            "depends_on": sorted(self.depends_on),
            "resources": [[r.tf_type, r.name, r.data, r.protect, list(r.moved_from),
                           r.import_id, r.provider, r.attrs]
                          for r in self.resources],
            "outputs": self.outputs,
            "sensitive": self.sensitive,
            "state": self.state,
        }


SLACK_TOKEN_ENV = "SLACK_TOKEN"


def stack_of(owner: str, layout: str) -> str:
    if owner in ("slack", "slack-channels"):
        return owner
    if layout == "single":
        return "pagerduty"
    if owner.startswith("team:"):
        return "team-" + owner.split(":", 1)[1]
    return owner


def split(plan: Plan, layout: str) -> list[Stack]:
    stacks: dict[str, Stack] = {}
    for res in plan.resources:
        name = stack_of(res.owner, layout)
        stack = stacks.setdefault(name, Stack(name))
        stack.resources.append(res)
    for stack in stacks.values():
        for res in stack.resources:
            res.attrs = _resolve(res.attrs, stack, layout)
        stack.resources.sort(key=lambda r: (r.data, r.tf_type, r.name))
        _publish(stack)
    for owner, refs in plan.sensitive_outputs.items():
        stack = stacks[stack_of(owner, layout)]
        keys = stack.sensitive.setdefault("integration_keys", {})
        keys.update({name: _resolve(ref, stack, layout) for name, ref in refs.items()})
    for stack in stacks.values():
        for name, values in stack.sensitive.items():
            stack.sensitive[name] = dict(sorted(values.items()))
    return [stacks[name] for name in apply_order(
        {name: st.depends_on for name, st in stacks.items()})]


def apply_order(graph: dict[str, set[str]]) -> list[str]:
    """Stacks in an order that applies each after every stack it reads; among stacks
    ready together, core first, then teams by name, links, workflows, Slack.
    Raises StackCycle when no such order exists."""
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as err:
        raise StackCycle(err.args[1][:-1]) from None
    order: list[str] = []
    left = {name: set(deps) & set(graph) for name, deps in graph.items()}
    while left:
        # Acyclic, so some stack is always ready; the best-ranked one goes first.
        name = min((n for n, deps in left.items() if not deps), key=_order)
        order.append(name)
        del left[name]
        for deps in left.values():
            deps.discard(name)
    return order


class StackCycle(ValueError):
    def __init__(self, cycle: list[str]):
        super().__init__(" -> ".join(cycle + cycle[:1]))
        self.cycle = cycle


def _order(name: str) -> tuple:
    rank = {"pagerduty": 0, "core": 0, "links": 2, "workflows": 3, "slack": 4,
            "slack-channels": 5}
    return rank.get(name, 1), name


def _resolve(value, stack: Stack, layout: str):
    kind = type(value)
    if kind is Ref:
        return _expression(value, stack, layout)
    if kind is dict:
        return {k: _resolve(v, stack, layout) for k, v in value.items()}
    if kind is list:
        return [_resolve(v, stack, layout) for v in value]
    return value


def _expression(ref: Ref, stack: Stack, layout: str) -> str:
    home = stack_of(ref.owner, layout)
    prefix = "data." if ref.tf_type.startswith("data.") else ""
    tf_type = ref.tf_type.removeprefix("data.")
    name = tf_name(ref.name)
    if home == stack.name:
        return f"${{{prefix}{tf_type}.{name}.{ref.attr}}}"
    stack.depends_on.add(home)
    return f'${{data.terraform_remote_state.{home}.outputs.{tf_type}_ids["{name}"]}}'


def _publish(stack: Stack) -> None:
    for res in stack.resources:
        if res.tf_type in (PUBLISHED_DATA if res.data else PUBLISHED):
            prefix = "data." if res.data else ""
            stack.outputs.setdefault(f"{res.tf_type}_ids", {})[res.name] = \
                f"${{{prefix}{res.tf_type}.{res.name}.id}}"


def manifest(stacks: list[Stack]) -> dict:
    return {
        "stacks": [{
            "name": s.name,
            "path": f"{s.name}/cdk.tf.json",
            "depends_on": sorted(s.depends_on),
            "token_env": s.token_env,
            "env": s.env,
            "resources": sum(not r.data for r in s.resources),
        } for s in stacks],
    }
