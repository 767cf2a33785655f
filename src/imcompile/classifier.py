"""Walking the org's severity decision tree, and what the chosen severity asks of the
people responding. The library side of `imcompile classify`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from . import conventions as names
from .generators.docs import facts
from .timeparse import human

YES = {"y", "yes", "true", "1"}
NO = {"n", "no", "false", "0"}


class ClassifyError(Exception):
    """A problem with the answers given, told in one line."""


@dataclass
class Outcome:
    severity: str  # severity ID
    trail: list[tuple[str, bool]] = field(default_factory=list)  # (question ID, answer)
    note: str = ""


def parse_answers(text: str) -> list[bool]:
    """`yes,no,y,n` -> [True, False, True, False]."""
    out = []
    for i, raw in enumerate(text.split(","), 1):
        word = raw.strip().lower()
        if word in YES:
            out.append(True)
        elif word in NO:
            out.append(False)
        else:
            raise ClassifyError(f"--answers: answer {i}, {raw.strip()!r}, is not yes or no")
    return out


def walk(tree, answer: Callable[[int, str, object], bool]) -> Outcome:
    """Ask `answer(number, question ID, question)` from the start until an answer
    names a severity. The tree is valid (rule E108): it never loops."""
    outcome = Outcome("")
    qid = tree.start
    while True:
        q = tree.questions[qid]
        yes = answer(len(outcome.trail) + 1, qid, q)
        outcome.trail.append((qid, yes))
        chosen = q.if_yes if yes else q.if_no
        if chosen.severity:
            outcome.severity, outcome.note = chosen.severity, chosen.note or ""
            return outcome
        qid = chosen.next


def from_answers(tree, answers: list[bool]) -> Outcome:
    """Walk with answers given up front; too few or too many is a ClassifyError."""
    def take(number, qid, q):
        if number > len(answers):
            raise ClassifyError(f"--answers ran out: question {number}, {q.ask!r}, has no "
                                f"answer ({len(answers)} given)")
        return answers[number - 1]
    outcome = walk(tree, take)
    if len(outcome.trail) < len(answers):
        raise ClassifyError(f"--answers has {len(answers)} answers but the questions reach "
                            f"a severity after {len(outcome.trail)}")
    return outcome


def response(model, sid: str, service: str | None = None) -> list[tuple[str, str]]:
    """(label, text) lines: what the severity asks for, in the order people act."""
    org = model.spec
    sev = org.severities[sid]
    out = [("Page", "; ".join(facts.paging(sev)))]
    out.append(("Who", _who(model, service)))
    out.append(("Roles", ", ".join(facts.role_names(org, sev.roles)) or "none"))
    if sev.slack.incident_channel:
        conv = org.slack.conventions.incident
        level = sev.label.lower()  # as the PagerDuty workflow fills {severity}
        known = conv.replace("{severity}", level.replace("{", "{{").replace("}", "}}"))
        out.append(("Channel", f"open #{names.incident_channel_blank(known)}, e.g. "
                               f"#{names.incident_channel_example(conv, level)}"))
    out.append(("Updates", "; ".join(facts.updates(sev))))
    audiences = org.communication.audiences
    for i, (aid, how) in enumerate(sev.notify.items()):
        who = audiences[aid].name if aid in audiences else aid
        out.append(("Notify" if i == 0 else "", f"{who}: {how}"))
    out.append(("Post-mortem", facts.postmortem(sev)))
    return out


def on_call_now(model, service: str, moment) -> list[str]:
    """Who the service's policy pages at `moment`, step by step, with when each person's
    stretch ends: what a responder at 3 a.m. needs (the on-call engine)."""
    from .oncall import policies_at
    from .oncall.text import when
    policy = model.services[service].escalation_policy
    if policy not in model.policies:
        return []
    out = []
    for step in policies_at(model, moment, ids={policy})[0].steps:
        names = []
        for target, now in step.targets:
            if now is None:
                names.append(model.people[target.id].name)
            elif now.person is None:
                names.append(f"nobody on {model.schedules[target.id].name} "
                             f"until {when(now.until)}")
            else:
                until = (f"no handoff before {when(now.until)}" if now.open_end
                         else f"until {when(now.until)}")
                names.append(f"{model.people[now.person].name} "
                             f"({model.schedules[target.id].name}, {until})")
        start = "at once" if step.after_seconds == 0 else f"after {human(step.after_seconds)}"
        out.append(f"step {step.number}, {start}: " + ("; ".join(names) or "nobody"))
    return out


def _who(model, service: str | None) -> str:
    if service is None:
        return "the on-call of the affected service's escalation policy (--service ID names it)"
    svc = model.services[service]
    policy = model.policies.get(svc.escalation_policy)
    if policy is None:
        return f"{svc.name} has no escalation policy"
    steps = [f"{', '.join(s['who']) or 'nobody'} " + ("first" if s["n"] == 1 else f"at {s['at']}")
             for s in facts.policy_steps(model, policy)]
    return f"{policy.name} for {svc.name}: " + "; ".join(steps)
