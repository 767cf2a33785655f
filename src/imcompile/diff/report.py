"""The diff report and its three renderings: text, Markdown (a PR comment) and JSON.
Names in changes and risks are the org's, so every rendering goes through textsafe:
one line each in the text, escaped like the wiki in the Markdown."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import textsafe
from .semantic import SECTIONS

MARKER = "<!-- imcompile-diff -->"
GITHUB_LIMIT = 65_536


@dataclass
class Report:
    base: str
    changes: list = field(default_factory=list)
    risks: list = field(default_factory=list)
    terraform: dict = field(default_factory=dict)
    oncall: list = field(default_factory=list)  # rows of on-call impact
    hours: list = field(default_factory=list)  # (person, schedule, hours before, after)
    weeks: int = 4

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


def text(r: Report) -> str:
    if not r.changed:
        return f"No changes against {r.base}.\n"
    lines = [f"Changes against {r.base}: {_n(len(r.changes), 'change')}, "
             f"{_n(len(r.risks), 'risk')}; "
             f"Terraform: {_tf_line(r.tf_totals())}", ""]
    if r.risks:
        lines += ["RISKS"] + [f"  !! {x.text}" if x.level == "danger" else f"  !  {x.text}"
                              for x in r.risks] + [""]
    for section, items in r.grouped().items():
        lines.append(section)
        lines += [f"  {c.subject}: {c.text}" for c in items]
        lines.append("")
    if r.oncall:
        lines.append(f"On call, next {r.weeks} weeks (changed shifts)")
        lines += [f"  {row['schedule']}: {row['start']} – {row['end']}: "
                  f"{row['before']} → {row['after']}" for row in r.oncall]
        lines.append("")
    if r.hours:
        lines.append("Hours on call gained or lost")
        lines += [f"  {h['person']} ({h['schedule']}): {h['delta']:+.0f}h "
                  f"({h['before']:.0f}h → {h['after']:.0f}h)" for h in r.hours]
        lines.append("")
    for stack, st in r.terraform.items():
        lines.append(f"Terraform stack {stack}: {_tf_line(st.counts())}")
        for kind in ("destroy", "replace", "create", "update", "move"):
            lines += [f"  {kind:8} {addr}" for addr in getattr(st, kind)]
    return textsafe.terminal_lines(lines).rstrip() + "\n"


_md = textsafe.markdown


def markdown(r: Report, limit: int = GITHUB_LIMIT) -> str:
    head = [MARKER, "### imcompile: what this change does", ""]
    if not r.changed:
        base = textsafe.markdown_code(r.base)
        return "\n".join(head + [f"No changes against {base}."]) + "\n"
    totals = r.tf_totals()
    head.append(f"**{_n(len(r.changes), 'change')}** · **{_n(len(r.risks), 'risk')}** · "
                "Terraform: "
                f"{_tf_line(totals)} (against {textsafe.markdown_code(r.base)})")
    head.append("")
    if r.risks:
        head += ["#### ⚠️ Risks", ""]
        head += [f"- {'**danger**' if x.level == 'danger' else 'warning'}: {_md(x.text)}"
                 for x in r.risks]
        head.append("")
    body = []
    for section, items in r.grouped().items():
        body += [f"<details><summary>{section} ({len(items)})</summary>", ""]
        body += [f"- **{_md(c.subject)}** {_md(c.text)}" for c in items]
        body += ["", "</details>", ""]
    if r.oncall:
        body += [f"<details open><summary>On call, next {r.weeks} weeks: "
                 f"{len(r.oncall)} changed shifts</summary>", "",
                 "| Schedule | From | Until | Before | After |", "|---|---|---|---|---|"]
        body += [f"| {_md(x['schedule'])} | {x['start']} | {x['end']} | {_md(x['before'])} | "
                 f"{_md(x['after'])} |" for x in r.oncall]
        body += ["", "</details>", ""]
    if r.hours:
        body += [f"**Hours on call, next {r.weeks} weeks**", "",
                 "| Person | Schedule | Before | After | Change |", "|---|---|---|---|---|"]
        body += [f"| {_md(h['person'])} | {_md(h['schedule'])} | {h['before']:.0f}h | "
                 f"{h['after']:.0f}h | {h['delta']:+.0f}h |" for h in r.hours]
        body.append("")
    if r.terraform:
        body += ["| Stack | Create | Update | Replace | Destroy | Move |", "|---|---|---|---|---|---|"]
        for stack, st in r.terraform.items():
            c = st.counts()
            body.append(f"| {stack} | {c['create']} | {c['update']} | {c['replace']} | "
                        f"{c['destroy']} | {c['move']} |")
        body.append("")
        for stack, st in r.terraform.items():
            body += [f"<details><summary>Terraform stack {stack}</summary>", "", "```"]
            for kind in ("destroy", "replace", "create", "update", "move"):
                body += [f"{kind:8} {textsafe.plain(addr)}" for addr in getattr(st, kind)]
            body += ["```", "", "</details>", ""]
    return _fit("\n".join(head), "\n".join(body), limit)


def _fit(head: str, body: str, limit: int) -> str:
    """Keep the comment under GitHub's limit; risks and counts always survive."""
    whole = head + "\n" + body.rstrip() + "\n"
    if len(whole) <= limit:
        return whole
    note = ("\n\n> Truncated: the full report is {n:,} characters, over GitHub's comment "
            "limit. Run `imcompile diff` locally to see all of it.\n")
    room = limit - len(head) - len(note.format(n=len(whole))) - 100
    cut = body[:max(room, 0)]
    cut = cut[:cut.rfind("\n")] if "\n" in cut else ""
    if cut.count("<details") > cut.count("</details>"):
        cut += "\n\n</details>"
    if cut.count("```") % 2:
        cut += "\n```"
    return head + "\n" + cut + note.format(n=len(whole))


def as_json(r: Report) -> str:
    return textsafe.json_text({
        "base": r.base,
        "changed": r.changed,
        "risks": [{"level": x.level, "text": x.text} for x in r.risks],
        "changes": [{"section": c.section, "subject": c.subject, "text": c.text}
                    for c in r.changes],
        "oncall": r.oncall,
        "hours": r.hours,
        "terraform": {stack: {k: getattr(st, k) for k in ("create", "update", "replace",
                                                          "destroy", "move")}
                      for stack, st in r.terraform.items()},
    }, indent=2) + "\n"
