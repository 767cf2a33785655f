"""What Terraform should describe, as plain data, before any CDK construct exists.

Resources are grouped by owner: `core` (people, teams, severities), `team:<id>` (what a
team owns), `workflows` (incident workflows spanning teams) and `slack` (connections that
need a user-level token). The stack layout decides which owners share a stack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from ...conventions import tf_name


class Ref(NamedTuple):
    """A reference to another resource's attribute, resolved once stacks are known."""

    owner: str
    tf_type: str
    name: str
    attr: str = "id"


@dataclass
class Resource:
    owner: str
    tf_type: str
    name: str
    attrs: dict
    protect: bool = False
    moved_from: tuple[str, ...] = ()
    data: bool = False  # a data source, not a resource
    import_id: str | None = None  # an existing PagerDuty object to adopt
    provider: str = "pagerduty"  # a resource of another provider is written raw


@dataclass
class Plan:
    resources: list[Resource] = field(default_factory=list)
    sensitive_outputs: dict[str, dict[str, Ref]] = field(default_factory=dict)

    def add(self, owner: str, tf_type: str, name: str, attrs: dict, **meta) -> Ref:
        self.resources.append(Resource(owner, tf_type, tf_name(name), _clean(attrs), **meta))
        return Ref(owner, tf_type, name)


def _clean(attrs: dict) -> dict:
    """Drop unset attributes so the output says only what the org says."""
    out = {}
    for key, value in attrs.items():
        if value is None:
            continue
        kind = type(value)
        if kind is list:
            if not value:
                continue
            if type(value[0]) is dict:
                value = [_clean(item) for item in value]
        elif kind is dict:
            value = _clean(value)
        out[key] = value
    return out


def team_owner(team_id: str) -> str:
    return f"team:{team_id}"
