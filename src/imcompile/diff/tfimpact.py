"""Terraform impact predicted from the two plans, without running Terraform or CDK."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..generators.terraform import plan as make_plan
from ..generators.terraform.plan import Ref
from ..generators.terraform.services import service_ref
from ..generators.terraform.stacks import stack_of

# Arguments the provider cannot change in place: a change replaces the object.
FORCE_NEW = {
    "pagerduty_team_membership": {"team_id", "user_id"},
    "pagerduty_service_integration": {"service", "type", "vendor"},
    "pagerduty_service_dependency": {"dependency"},
    "pagerduty_tag_assignment": {"tag_id", "entity_id", "entity_type"},
    "pagerduty_incident_custom_field": {"name", "data_type", "field_type"},
    "pagerduty_incident_custom_field_option": {"field", "data_type"},
    "pagerduty_slack_connection": {"source_id", "source_type", "workspace_id"},
}


@dataclass
class StackImpact:
    create: list[str] = field(default_factory=list)
    update: list[str] = field(default_factory=list)
    replace: list[str] = field(default_factory=list)
    destroy: list[str] = field(default_factory=list)
    move: list[str] = field(default_factory=list)

    def empty(self) -> bool:
        return not (self.create or self.update or self.replace or self.destroy or self.move)

    def counts(self) -> dict[str, int]:
        return {k: len(getattr(self, k)) for k in ("create", "update", "replace", "destroy",
                                                     "move")}


def _resources(model) -> dict[str, dict[str, object]]:
    """Resources by stack and address. References stay unresolved: two equal
    references resolve to the same expression, so comparing them is enough."""
    if model is None:
        return {}
    layout = model.spec.terraform.stacks
    out: dict[str, dict[str, object]] = {}
    for r in make_plan(model).resources:
        if not r.data:
            out.setdefault(stack_of(r.owner, layout), {})[f"{r.tf_type}.{r.name}"] = r
    return out


def _renamed(value, renames: dict[str, Ref]):
    """`value` with references to a service's earlier ID pointing at its new one: the
    moved object keeps its PagerDuty ID, so such a reference does not change."""
    kind = type(value)
    if kind is Ref:
        return renames.get(value.name, value) if value.tf_type == "pagerduty_service" \
            else value
    if kind is dict:
        return {k: _renamed(v, renames) for k, v in value.items()}
    if kind is list:
        return [_renamed(v, renames) for v in value]
    return value


def _renames(head) -> dict[str, Ref]:
    if head is None:
        return {}
    return {old: service_ref(head, sid) for sid, svc in head.services.items()
            for old in svc.spec.renamed_from}


def impact(base, head) -> dict[str, StackImpact]:
    old, new = _resources(base), _resources(head)
    renames = _renames(head)
    if renames:
        for resources in old.values():
            for res in resources.values():
                res.attrs = _renamed(res.attrs, renames)
    result: dict[str, StackImpact] = {}
    for name in sorted(set(old) | set(new)):
        a, b = old.get(name, {}), new.get(name, {})
        moved = {src: addr for addr, r in b.items() for src in r.moved_from if src in a}
        st = StackImpact()
        for addr, res in b.items():
            sources = [s for s in res.moved_from if s in a]
            if sources:
                st.move.append(f"{sources[0]} → {addr}")
                if _differs(a[sources[0]], res):
                    st.update.append(addr)
            elif addr not in a:
                st.create.append(addr)
            elif _differs(a[addr], res):
                (st.replace if _forces_new(a[addr], res) else st.update).append(addr)
        st.destroy = [addr for addr in a if addr not in b and addr not in moved]
        if not st.empty():
            result[name] = st
    return result


def _differs(a, b) -> bool:
    return a.attrs != b.attrs or a.protect != b.protect


def _forces_new(a, b) -> bool:
    keys = FORCE_NEW.get(b.tf_type, set())
    return any(a.attrs.get(k) != b.attrs.get(k) for k in keys)
