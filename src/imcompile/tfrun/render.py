"""Outcomes of plan and apply for people: text for a terminal, Markdown for a PR."""

from __future__ import annotations

from .. import textsafe
from .run import Outcome

STATUS = {
    "no changes": "no changes",
    "changes": "changes planned",
    "applied": "applied",
    "destroyed": "destroyed",
    "failed": "failed",
    "skipped": "not run: a stack it depends on, or a removed stack, failed",
}


def headline(o: Outcome) -> str:
    removed = " (removed from the org: destroyed on apply)" if o.removed else ""
    status = STATUS[o.status]
    if o.status in ("changes", "applied", "destroyed") and o.changes:
        status += f", {len(o.changes)} change{'s' * (len(o.changes) != 1)}"
    return f"stack {o.stack}{removed}: {status}"


def text(outcomes: list[Outcome], risks: list[str]) -> str:
    lines = []
    for o in outcomes:
        lines.append(headline(o))
        lines.extend(f"  {c.text()}" for c in o.changes)
        if o.error:
            lines.append(f"  error: {o.error}")
    if risks:
        lines.append(f"risks ({len(risks)}):")
        lines.extend(f"  ! {r}" for r in risks)
    # Names come from the org (and the plan): shown through the one output layer.
    return textsafe.terminal_lines(lines) + "\n"


def markdown(outcomes: list[Outcome], risks: list[str]) -> str:
    changed = [o for o in outcomes if o.changes or o.error]
    lines = ["### Terraform plan", ""]
    quiet = len(outcomes) - len(changed)
    lines.append(f"{len(changed)} stack{'s' * (len(changed) != 1)} with changes or errors, "
                 f"{quiet} without.")
    if risks:
        lines += ["", f"**Risks ({len(risks)})**", ""] + [f"- :warning: {textsafe.markdown(r)}" for r in risks]
    for o in changed:
        lines += ["", f"<details><summary>{textsafe.markdown(headline(o))}</summary>", ""]
        lines += [f"- {textsafe.markdown(c.text())}" for c in o.changes]
        if o.error:
            lines.append(f"- :x: {textsafe.markdown(o.error)}")
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"
