"""Semantic changes between two resolved organisations, in names rather than IDs."""

from __future__ import annotations

from dataclasses import dataclass

from ..timeparse import DAY_NAMES, human

SECTIONS = ("People", "Teams", "Schedules", "Escalation", "Services", "Business services",
            "Severities", "Slack")


@dataclass(frozen=True)
class Change:
    section: str
    subject: str  # the entity's name
    text: str


class Names:
    """Display names from either side, so removed things are still named."""

    def __init__(self, *models):
        self.people, self.teams, self.schedules, self.policies = {}, {}, {}, {}
        self.services: dict[str, str] = {}
        for m in models:
            if m is None:
                continue
            self.people.update({k: p.name for k, p in m.people.items()})
            self.teams.update({k: t.name for k, t in m.teams.items()})
            self.schedules.update({k: s.name for k, s in m.schedules.items()})
            self.policies.update({k: p.name for k, p in m.policies.items()})
            self.services.update({k: b.name for k, b in m.spec.business_services.items()})
            self.services.update({k: s.name for k, s in m.services.items()})

    def person(self, pid: str) -> str:
        return self.people.get(pid, pid)

    def target(self, t) -> str:
        return self.person(t.id) if t.kind == "person" else self.schedules.get(t.id, t.id)


def _flat(value, prefix="") -> dict:
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            out.update(_flat(v, f"{prefix}.{k}" if prefix else str(k)))
        return out
    return {prefix: value}


def _fields(old, new) -> list[str]:
    a, b = _flat(old), _flat(new)
    return [f"{k}: {_show(a.get(k))} → {_show(b.get(k))}" for k in sorted(set(a) | set(b))
            if a.get(k) != b.get(k)]


def _show(value) -> str:
    if value is None or value == []:
        return "(none)"
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def _keys(old: dict, new: dict):
    return [k for k in new if k not in old], [k for k in old if k not in new], \
        [k for k in new if k in old]


def changes(base, head) -> list[Change]:
    names = Names(base, head)
    out: list[Change] = []
    for fn in (_people, _teams, _schedules, _policies, _services, _business, _severities,
               _slack):
        out.extend(fn(base, head, names))
    return out


def _empty(model, attr):
    return {} if model is None else getattr(model, attr)


def _people(base, head, names):
    old, new = _empty(base, "people"), _empty(head, "people")
    added, removed, kept = _keys(old, new)
    for pid in added:
        yield Change("People", new[pid].name, f"joins ({new[pid].email})")
    for pid in removed:
        yield Change("People", old[pid].name, "is removed from PagerDuty")
    for pid in kept:
        a, b = old[pid], new[pid]
        if a == b:
            continue
        if b.leaving and not a.leaving:
            yield Change("People", b.name, "is leaving: taken out of every schedule and "
                         "escalation policy; their user stays until a later change")
        for line in _fields(a.model_dump(exclude={"leaving"}), b.model_dump(exclude={"leaving"})):
            yield Change("People", b.name, line)


def _roles(model) -> dict:
    return {} if model is None else {(m.team, m.person): m.role for m in model.memberships}


def _teams(base, head, names):
    old, new = _empty(base, "teams"), _empty(head, "teams")
    added, removed, kept = _keys(old, new)
    for tid in added:
        yield Change("Teams", new[tid].name, "is created")
    for tid in removed:
        yield Change("Teams", old[tid].name, "is deleted")
    for tid in kept:
        if old[tid].name != new[tid].name:
            yield Change("Teams", new[tid].name, f"renamed from {old[tid].name}")
        if old[tid].parent != new[tid].parent:
            yield Change("Teams", new[tid].name, f"parent: {names.teams.get(old[tid].parent)}"
                         f" → {names.teams.get(new[tid].parent)}")
    a, b = _roles(base), _roles(head)
    for key in sorted(set(a) | set(b)):
        team, person = names.teams.get(key[0], key[0]), names.person(key[1])
        if key not in a:
            yield Change("Teams", team, f"{person} joins as {b[key]}")
        elif key not in b:
            yield Change("Teams", team, f"{person} leaves the team (was {a[key]})")
        elif a[key] != b[key]:
            yield Change("Teams", team, f"{person}: {a[key]} → {b[key]}")


def _layer_text(layer) -> dict:
    start = layer.virtual_start
    zone = getattr(start.tzinfo, "key", str(start.tzinfo))  # times of day carry their zone
    windows = [f"{'daily' if w.day is None else DAY_NAMES[w.day]} "
               f"{w.start_minute // 60:02d}:{w.start_minute % 60:02d} for "
               f"{human(w.duration_minutes * 60)}" for w in layer.windows]
    return {
        "turn": human(layer.turn_seconds),
        "handoff": f"{DAY_NAMES[start.weekday()]} {start:%H:%M} {zone}",
        "restrictions": f"{', '.join(windows)} ({zone})" if windows else None,
        "ends": layer.end.date().isoformat() if layer.end else None,
    }


def _schedules(base, head, names):
    old, new = _empty(base, "schedules"), _empty(head, "schedules")
    added, removed, kept = _keys(old, new)
    for sid in added:
        yield Change("Schedules", new[sid].name, "is created: " + ", ".join(
            names.person(p) for p in new[sid].people))
    for sid in removed:
        yield Change("Schedules", old[sid].name, "is deleted")
    for sid in kept:
        a, b = old[sid], new[sid]
        if a.timezone != b.timezone:
            yield Change("Schedules", b.name, f"time zone: {a.timezone} → {b.timezone}")
        la, lb = {l.id: l for l in a.layers}, {l.id: l for l in b.layers}
        for lid in sorted(set(la) | set(lb)):
            # A region or layer by its name, as the wiki shows it, not by its ID.
            named = (lb.get(lid) or la.get(lid)).name
            label = b.name if len(lb) <= 1 and len(la) <= 1 else f"{b.name} / {named}"
            if lid not in la:
                yield Change("Schedules", label, "layer added")
                continue
            if lid not in lb:
                yield Change("Schedules", label, "layer removed")
                continue
            yield from _rotation(label, la[lid], lb[lid], names)


def _rotation(label, a, b, names):
    pa, pb = list(a.people), list(b.people)
    for p in pb:
        if p not in pa:
            yield Change("Schedules", label, f"{names.person(p)} joins the rotation")
    for p in pa:
        if p not in pb:
            yield Change("Schedules", label, f"{names.person(p)} leaves the rotation")
    common_a = [p for p in pa if p in pb]
    common_b = [p for p in pb if p in pa]
    if common_a != common_b:
        yield Change("Schedules", label, "order: " + " → ".join(
            ", ".join(names.person(p) for p in side) for side in (common_a, common_b)))
    for line in _fields(_layer_text(a), _layer_text(b)):
        yield Change("Schedules", label, line)


def _steps_text(policy, names) -> list[str]:
    return [f"{', '.join(names.target(t) for t in s.targets) or 'nobody'} "
            f"{'(round robin) ' if s.round_robin else ''}then {human(s.delay_seconds)}"
            for s in policy.steps]


def _policies(base, head, names):
    old, new = _empty(base, "policies"), _empty(head, "policies")
    added, removed, kept = _keys(old, new)
    for pid in added:
        yield Change("Escalation", new[pid].name, "is created: " +
                     " → ".join(_steps_text(new[pid], names)))
    for pid in removed:
        yield Change("Escalation", old[pid].name, "is deleted")
    for pid in kept:
        a, b = _steps_text(old[pid], names), _steps_text(new[pid], names)
        for i in range(max(len(a), len(b))):
            before = a[i] if i < len(a) else "(no step)"
            after = b[i] if i < len(b) else "(no step)"
            if before != after:
                yield Change("Escalation", new[pid].name, f"step {i + 1}: {before} → {after}")
        if old[pid].repeat != new[pid].repeat:
            yield Change("Escalation", new[pid].name,
                         f"repeats: {old[pid].repeat} → {new[pid].repeat}")


def _service_view(svc, names) -> dict:
    hours = svc.support_hours
    return {
        "name": svc.name, "team": names.teams.get(svc.team, svc.team), "tier": svc.tier,
        "urgency": svc.urgency,
        "support hours": (f"{', '.join(DAY_NAMES[d][:3] for d in hours.days)} "
                          f"{hours.start}-{hours.end} {hours.timezone}") if hours else None,
        "escalation policy": names.policies.get(svc.escalation_policy),
        "depends on": sorted(names.services.get(d, d) for d in svc.depends_on),
        "runbook": svc.runbook,
        "acknowledgement timeout": svc.acknowledgement_timeout,
        "auto-resolve timeout": svc.auto_resolve_timeout,
    }


def _services(base, head, names):
    old, new = _empty(base, "services"), _empty(head, "services")
    added, removed, kept = _keys(old, new)
    moved = {o: sid for sid in added for o in new[sid].spec.renamed_from if o in old}
    for sid in added:
        renamed = [o for o in new[sid].spec.renamed_from if o in old]
        if renamed:
            yield Change("Services", new[sid].name, f"ID renamed from {renamed[0]} (moved, "
                         "history kept)")
        else:
            yield Change("Services", new[sid].name, "is created")
    for sid in removed:
        if sid not in moved:
            yield Change("Services", old[sid].name, "is deleted")
    pairs = [(sid, sid) for sid in kept] + [(o, n) for o, n in moved.items()]
    for o, n in pairs:
        if old[o] == new[n]:
            continue
        for line in _fields(_service_view(old[o], names), _service_view(new[n], names)):
            yield Change("Services", new[n].name, line)


def _business(base, head, names):
    old = {} if base is None else base.spec.business_services
    new = {} if head is None else head.spec.business_services
    added, removed, kept = _keys(old, new)
    for bid in added:
        yield Change("Business services", new[bid].name, "is created")
    for bid in removed:
        yield Change("Business services", old[bid].name, "is deleted")
    for bid in kept:
        for line in _fields(_business_view(old[bid], names), _business_view(new[bid], names)):
            yield Change("Business services", new[bid].name, line)


def _business_view(entry, names) -> dict:
    """Dependencies and the owning team by name, like a service's."""
    view = entry.model_dump()
    view["depends_on"] = sorted(names.services.get(d, d) for d in entry.depends_on)
    view["team"] = names.teams.get(entry.team, entry.team) if entry.team else None
    return view


def _severities(base, head, names):
    old = {} if base is None else base.spec.severities
    new = {} if head is None else head.spec.severities
    added, removed, kept = _keys(old, new)
    for sid in added:
        yield Change("Severities", new[sid].label, f"is added ({new[sid].name})")
    for sid in removed:
        yield Change("Severities", old[sid].label, "is removed")
    for sid in kept:
        if old[sid] == new[sid]:
            continue
        for line in _fields(old[sid].model_dump(), new[sid].model_dump()):
            yield Change("Severities", new[sid].label, line)
    if list(old) != list(new) and set(old) == set(new):
        yield Change("Severities", "order", " > ".join(new[s].label for s in new))


def _slack(base, head, names):
    """Final channel names, clash suffixes included, as channels.json has them."""
    from ..conventions import channels
    old = {} if base is None else {(c.kind, c.id): c.name for c in channels(base)}
    new = {} if head is None else {(c.kind, c.id): c.name for c in channels(head)}
    # A service moved to a new ID (renamed_from) keeps its history: compare its
    # channel under the old ID with the one under the new.
    moved = {} if head is None else {("service", o): ("service", sid)
                                     for sid, svc in head.services.items()
                                     for o in svc.spec.renamed_from
                                     if ("service", o) in old and ("service", sid) not in old}
    pairs = [(k, k) for k in sorted(set(old) & set(new))] + sorted(moved.items())
    for key, now in pairs:
        if old[key] != new[now]:
            kind, ident = now
            if kind == "team":
                yield Change("Slack", names.teams.get(ident, ident),
                             f"team channel #{old[key]} → #{new[now]}")
            else:
                yield Change("Slack", head.services[ident].name,
                             f"alert channel #{old[key]} → #{new[now]}"
                             + (" (the service's ID changes)" if key != now else ""))
