"""What the docs say, worked out from the model in plain words: durations, who is paged
and when, the answers that lead to a severity, escalation steps and rotations.
Everything here is sorted by something in the file (IDs, names, the severity ladder),
never by dict or set order of a run, so the docs are the same for every run."""

from __future__ import annotations

from ...timeparse import DAY_NAMES, human

WEEK, DAY = 604800, 86400
PAGE_WHEN = {
    "always": "Always, at any hour",
    "business_hours": "In business hours; outside them a ticket or chat alert",
    "never": "Never: a ticket in the owning team's queue",
}
ROLE_TARGETS = {
    "primary": "the team's primary on-call",
    "secondary": "the team's secondary on-call",
    "team_manager": "the team's managers",
    "parent_manager": "the parent team's managers",
}
SCHEDULE_ROLES = {"primary": 0, "secondary": 1, "tier": 2}


def dur(value: str | None) -> str:
    return value or ""  # as the file writes it: "48h" reads better than "2d"


# --- severities ------------------------------------------------------------------

def paging(sev) -> list[str]:
    r = sev.response
    out = [f"{PAGE_WHEN[r.page]}, {r.urgency} urgency" if r.page != "never"
           else PAGE_WHEN[r.page]]
    if r.acknowledge_within:
        out.append(f"acknowledge within {dur(r.acknowledge_within)}")
    if r.resolve_target:
        out.append(f"resolve within {dur(r.resolve_target)}")
    return out


def updates(sev) -> list[str]:
    u = sev.updates
    out = []
    if u.internal_every:
        out.append(f"internal every {dur(u.internal_every)}")
    if u.status_page_every:
        out.append(f"status page every {dur(u.status_page_every)}")
    return out or ["no scheduled updates"]


def postmortem(sev) -> str:
    p = sev.postmortem
    if not p.required:
        return "Not required"
    return f"Required, within {dur(p.within)} of resolution" if p.within else "Required"


def role_names(org, ids) -> list[str]:
    return [org.roles[r].name for r in ids if r in org.roles]


def when_unsure(org) -> str:
    from ...spec.severities import Classification
    if org.classification is not None:
        return org.classification.when_unsure
    return Classification.model_fields["when_unsure"].default


def major_labels(org) -> list[str]:
    return [s.label for s in org.severities.values() if s.major_incident]


# --- classification ----------------------------------------------------------------

def question_order(tree) -> list[str]:
    """Question IDs in reading order: from the start, the yes branch before the no
    branch (depth first), each question once."""
    order: list[str] = []
    todo = [tree.start]
    while todo:
        qid = todo.pop()
        if qid in order or qid not in tree.questions:
            continue
        order.append(qid)
        q = tree.questions[qid]
        for answer in (q.if_no, q.if_yes):  # pushed in reverse: yes is read first
            if answer.next:
                todo.append(answer.next)
    return order


def paths_to(tree) -> dict[str, list[list[tuple[str, str]]]]:
    """Severity ID -> every list of (question, "yes"/"no") that leads to it."""
    found: dict[str, list] = {}

    def walk(qid, trail):
        q = tree.questions.get(qid)
        if q is None or any(qid == t for t, _ in trail):
            return
        for word, answer in (("yes", q.if_yes), ("no", q.if_no)):
            step = trail + [(qid, word)]
            if answer.severity:
                found.setdefault(answer.severity, []).append(
                    [(tree.questions[t].ask, w) for t, w in step])
            elif answer.next:
                walk(answer.next, step)
    walk(tree.start, [])
    return found


# --- escalation ----------------------------------------------------------------------

def target_name(model, target) -> str:
    if target.kind == "person":
        return model.people[target.id].name
    return model.schedules[target.id].name


def spec_target(org, raw: str) -> str:
    """A matrix step target as written (`role:primary`), in words."""
    kind, _, ref = raw.partition(":")
    if kind == "role":
        return ROLE_TARGETS.get(ref, ref)
    if kind == "person" and ref in org.people:
        return org.people[ref].name
    if kind == "schedule" and ref in org.schedules:
        return org.schedules[ref].name or ref
    return ref


def policy_steps(model, policy) -> list[dict]:
    """One dict a step: who, how, when it starts (elapsed) and what follows."""
    out, elapsed = [], 0
    last = len(policy.steps) - 1
    for i, step in enumerate(policy.steps):
        who = [target_name(model, t) for t in step.targets]
        if i < last:
            then = f"after {human(step.delay_seconds)} without acknowledgement"
        elif policy.repeat:
            times = "once more" if policy.repeat == 1 else f"{policy.repeat} more times"
            then = f"after {human(step.delay_seconds)}, back to step 1 ({times})"
        else:
            then = "last step"
        out.append({"n": i + 1, "who": who, "at": human(elapsed), "then": then,
                    "how": "one at a time, in turn" if step.round_robin and len(who) > 1
                    else ("all at once" if len(who) > 1 else "")})
        elapsed += step.delay_seconds
    return out


def team_tree(model) -> list[tuple[int, str]]:
    """(depth, team ID) in reading order: each team under its parent, by name."""
    teams = model.teams
    children: dict[str | None, list[str]] = {}
    for tid, team in teams.items():
        parent = team.parent if team.parent in teams else None
        children.setdefault(parent, []).append(tid)
    out: list[tuple[int, str]] = []

    def visit(parent, depth):
        for tid in sorted(children.get(parent, []),
                          key=lambda t: (teams[t].name.casefold(), t)):
            if all(t != tid for _, t in out):  # a cycle is E-rule territory: never loop
                out.append((depth, tid))
                visit(tid, depth + 1)
    visit(None, 0)
    return out


def policies_sorted(model) -> list:
    return sorted(model.policies.values(),
                  key=lambda p: (model.teams[p.team].name.casefold(), p.name.casefold(), p.id))


# --- on-call ---------------------------------------------------------------------------

def turn_text(turn: int) -> str:
    if turn == WEEK:
        return "weekly"
    if turn == DAY:
        return "daily"
    if turn % WEEK == 0:
        return f"every {turn // WEEK} weeks"
    return f"every {human(turn)}"


def handoff_text(layer) -> str:
    start = layer.virtual_start
    if layer.turn_seconds % WEEK == 0:
        return f"{DAY_NAMES[start.weekday()]} {start:%H:%M}"
    if layer.turn_seconds % DAY == 0:
        return f"{start:%H:%M}"
    return f"{start:%H:%M}, counted from {start:%Y-%m-%d}"


def _hhmm(minute: int) -> str:
    return f"{minute // 60 % 24:02d}:{minute % 60:02d}"


def _days(days: list[int]) -> str:
    """[0, 1, 2, 3, 4] -> `Mon–Fri`; [5, 6] -> `Sat, Sun`."""
    short = [d[:3] for d in DAY_NAMES]
    runs: list[list[int]] = []
    for d in sorted(days):
        if runs and d == runs[-1][-1] + 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    return ", ".join(f"{short[r[0]]}–{short[r[-1]]}" if len(r) > 2 else
                     ", ".join(short[d] for d in r) for r in runs)


def windows_text(windows) -> str:
    """When a layer has someone on call, in the schedule's time zone."""
    if not windows:
        return "around the clock"
    groups: dict[tuple[int, int], list] = {}
    for w in windows:
        groups.setdefault((w.start_minute, w.duration_minutes), []).append(w.day)
    parts = []
    for (start, length), days in sorted(groups.items()):
        end = start + length
        close = "24:00" if end == 1440 else _hhmm(end)
        hours = "all day" if length >= 1440 else \
            f"{_hhmm(start)}–{close}{' (next day)' if end > 1440 else ''}"
        when = "every day" if None in days else _days(days)
        parts.append(f"{when} {hours}")
    return "; ".join(parts)


def service_paging(service) -> str:
    """How a service's incidents reach people: urgency, and support hours if any."""
    if service.urgency == "support_hours" and service.support_hours:
        h = service.support_hours
        return f"high {_days(list(h.days))} {h.start}–{h.end} {h.timezone}, else low"
    # Short: the services table must leave room for channel names, which wrap at "-".
    return {"high": "high, any hour", "low": "low, never wakes anyone",
            "severity_based": "by the alert's severity"}.get(service.urgency, service.urgency)


def schedules_by_team(model) -> dict[str, list]:
    """Team ID -> its schedules, primary first, then secondary, tiers, the rest."""
    out: dict[str, list] = {}
    for s in sorted(model.schedules.values(),
                    key=lambda s: (SCHEDULE_ROLES.get(s.role, 3), s.name.casefold(), s.id)):
        out.setdefault(s.team, []).append(s)
    return out


def people_names(model, ids) -> list[str]:
    return [model.people[p].name for p in ids]
