"""The diff report and its three renderings: text, Markdown (a PR comment) and JSON.
Names in changes and risks are the org's, so every rendering goes through textsafe:
one line each in the text, escaped like the wiki in the Markdown."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import textsafe
from . import shifts
from .semantic import SECTIONS

MARKER = "<!-- imcompile-diff -->"
GITHUB_LIMIT = 65_536
HEADLINE = 140  # characters: what a chat or mail notification shows of a first line


@dataclass
class Report:
    base: str
    changes: list = field(default_factory=list)
    risks: list = field(default_factory=list)
    terraform: dict = field(default_factory=dict)
    oncall: list = field(default_factory=list)  # rows of on-call impact
    hours: list = field(default_factory=list)  # per person and schedule, ids and names
    weeks: int = 4
    start: str = ""  # where the on-call comparison starts, in words with its zone
    start_iso: str = ""

    @property
    def net(self) -> list:
        return shifts.net(self.hours)

    @property
    def changed(self) -> bool:
        return bool(self.changes or self.terraform)

    def grouped(self) -> dict[str, list]:
        out: dict[str, list] = {}
        for c in self.changes:
            out.setdefault(c.section, []).append(c)
        return {s: out[s] for s in SECTIONS if s in out}

    def tf_totals(self) -> dict[str, int]:
        totals = dict.fromkeys(("create", "update", "replace", "destroy", "move"), 0)
        for st in self.terraform.values():
            for k, v in st.counts().items():
                totals[k] += v
        return totals


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _tf_line(totals: dict) -> str:
    return (f"{totals['create']} to create, {totals['update']} to update, "
            f"{totals['replace']} to replace, {totals['destroy']} to destroy, "
            f"{totals['move']} to move")


def headline(r: Report) -> str:
    """One line for a notification: counts, what Terraform does, the loudest risk."""
    totals = {k: v for k, v in r.tf_totals().items() if v}
    tf = ", ".join(f"{v} to {k}" for k, v in totals.items()) or "nothing"
    line = (f"{_n(len(r.changes), 'change')}, {_n(len(r.risks), 'risk')}; "
            f"Terraform: {tf}")
    if r.risks:
        # The gist of the loudest risk: its details (in brackets, after a colon) wait
        # in the report.
        gist = re.sub(r" \([^()]*\)", "", r.risks[0].text).split(": ")[0]
        line += f" — {'!!' if r.risks[0].level == 'danger' else '!'} {gist}"
    return line if len(line) <= HEADLINE else line[:HEADLINE - 1].rsplit(" ", 1)[0] + "…"


def _window(r: Report) -> str:
    return f"{r.weeks} weeks from {r.start}" if r.start else f"next {r.weeks} weeks"


def _oncall_line(row: dict) -> str:
    where = f" ({row['region_name']})" if row.get("region") else ""
    return (f"  {row['schedule_name']}{where}: {row['when']}: {row['before_name']} → "
            f"{row['after_name']}")


def text(r: Report) -> str:
    if not r.changed:
        return f"No changes against {r.base}.\n"
    lines = [f"Changes against {r.base}: {headline(r)}", ""]
    if r.risks:
        lines += ["RISKS"] + [f"  !! {x.text}" if x.level == "danger" else f"  !  {x.text}"
                              for x in r.risks] + [""]
    for section, items in r.grouped().items():
        lines.append(section)
        lines += [f"  {c.subject}: {c.text}" for c in items]
        lines.append("")
    if r.oncall:
        lines.append(f"On call, {_window(r)} (changed shifts, in each schedule's zone)")
        lines += [_oncall_line(row) for row in r.oncall]
        lines.append("")
    if r.hours:
        lines.append(f"Hours on call gained or lost, {_window(r)}")
        lines += [f"  {h['person_name']} ({h['schedule_name']}): {h['delta']:+.0f}h "
                  f"({h['before']:.0f}h → {h['after']:.0f}h)" for h in r.hours]
        lines.append("  Net per person: " + ", ".join(
            f"{h['person_name']} {h['delta']:+.0f}h" for h in r.net))
        lines.append("")
    for stack, st in r.terraform.items():
        lines.append(f"Terraform stack {stack}: {_tf_line(st.counts())}")
        for kind in ("destroy", "replace", "create", "update", "move"):
            lines += [f"  {kind:8} {addr}" for addr in getattr(st, kind)]
    return textsafe.terminal_lines(lines).rstrip() + "\n"


def as_json(r: Report) -> str:
    return textsafe.json_text({
        "base": r.base,
        "changed": r.changed,
        "headline": headline(r),
        "from": r.start_iso or None,
        "weeks": r.weeks,
        "risks": [{"level": x.level, "text": x.text} for x in r.risks],
        "changes": [{"section": c.section, "subject": c.subject, "text": c.text}
                    for c in r.changes],
        "oncall": r.oncall,
        "hours": r.hours,
        "net_hours": r.net,
        "terraform": {stack: {k: getattr(st, k) for k in ("create", "update", "replace",
                                                          "destroy", "move")}
                      for stack, st in r.terraform.items()},
    }, indent=2) + "\n"


from .report_md import markdown  # noqa: E402  (the Markdown rendering, re-exported)

__all__ = ["Report", "text", "markdown", "as_json", "headline", "MARKER", "GITHUB_LIMIT"]
