"""What could hurt, said first and loud."""

from __future__ import annotations

from dataclasses import dataclass

from ..generators.terraform.oncall import ended


@dataclass(frozen=True)
class Risk:
    level: str  # danger | warning
    text: str


def risks(base, head, tf, names) -> list[Risk]:
    out: list[Risk] = []
    out += _destroyed(tf, base, names)
    out += _offboarding(base, head, names)
    out += _only_team(base, head, names)
    out += _single_person(base, head)
    out += _layers_removed(base, head)
    return out


def _destroyed(tf, base, names) -> list[Risk]:
    out = []
    services = {} if base is None else base.services
    for stack, st in tf.items():
        gone = [a.split(".", 1) for a in st.destroy]
        created = {a.split(".", 1)[0] for a in st.create}
        for tf_type, name in gone:
            if tf_type == "pagerduty_service":
                label = services[name].name if name in services else name
                out.append(Risk("danger", f"PagerDuty service {label} will be destroyed, and "
                                "its incident history with it (if it was renamed, list the "
                                "old ID in renamed_from)" + _protected(services.get(name))))
            elif tf_type == "pagerduty_schedule":
                verb = "replaced" if "pagerduty_schedule" in created else "destroyed"
                out.append(Risk("danger", f"schedule {names.schedules.get(name, name)} will be "
                                f"{verb}: a schedule used by an escalation policy cannot be "
                                "deleted or replaced in one apply" + _protected(
                                    base.schedules.get(name) if base else None)))
            elif tf_type == "pagerduty_escalation_policy":
                out.append(Risk("warning", f"escalation policy "
                                f"{names.policies.get(name, name)} will be destroyed"))
        for addr in st.replace:
            out.append(Risk("warning", f"{addr} will be replaced (destroyed, then created)"))
    return out


def _protected(entry) -> str:
    """prevent_destroy stops the apply: say so where the loss is announced."""
    if entry is None or not getattr(entry, "prevent_destroy", False):
        return ""
    return ("; it has prevent_destroy, so the apply will stop: set `prevent_destroy: "
            "false` on it and apply first, then remove it")


def _offboarding(base, head, names) -> list[Risk]:
    if base is None or head is None:
        return []
    out = []
    for pid, person in base.people.items():
        if pid in head.people or person.leaving:
            continue
        rostered = any(pid in s.people for s in base.schedules.values()) or any(
            t.kind == "person" and t.id == pid for p in base.policies.values()
            for step in p.steps for t in step.targets)
        if rostered:
            out.append(Risk("danger", f"{person.name} is removed while still on a schedule or "
                            "escalation policy: mark them `leaving: true` first and remove "
                            "them in a later change (PagerDuty needs the staged offboarding)"))
    return out


def _teams_of(model) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in model.memberships:
        out.setdefault(m.person, set()).add(m.team)
    return out


def _only_team(base, head, names) -> list[Risk]:
    if base is None or head is None:
        return []
    before, after = _teams_of(base), _teams_of(head)
    return [Risk("warning", f"{names.person(pid)} loses their only team")
            for pid in sorted(before) if pid in head.people and not after.get(pid)]


def _single_person(base, head) -> list[Risk]:
    if head is None:
        return []
    out = []
    for sid, s in head.schedules.items():
        old = base.schedules.get(sid) if base else None
        for layer in s.layers:
            was = next((len(l.people) for l in old.layers if l.id == layer.id), 0) if old else 0
            if len(layer.people) == 1 and was != 1 and layer.end is None:
                out.append(Risk("warning", f"schedule {s.name} is left with one person"))
    return out


def _layers_removed(base, head) -> list[Risk]:
    if base is None or head is None:
        return []
    out = []
    for sid, s in head.schedules.items():
        if sid in base.schedules:
            # A layer that had already ended is gone from the Terraform anyway.
            gone = {l.id for l in base.schedules[sid].layers if not ended(l)} - {
                l.id for l in s.layers}
            for lid in sorted(gone):
                out.append(Risk("warning", f"layer {lid} of schedule {s.name} is removed: "
                                "PagerDuty ends it when this is applied; set `end` to "
                                "end it on a date instead"))
    return out
