"""The diff report as a pull-request comment: the headline first, risks and counts
always shown, details folded, cut to fit GitHub's comment limit. Org names are escaped
like the wiki's."""

from __future__ import annotations

from .. import textsafe
from .report import GITHUB_LIMIT, MARKER, Report, _n, _tf_line, _window, headline


def _where(row: dict) -> str:
    return f"{row['schedule_name']} / {row['region_name']}" if row.get("region") else \
        row["schedule_name"]


_md = textsafe.markdown


def markdown(r: Report, limit: int = GITHUB_LIMIT) -> str:
    head = [MARKER, f"### imcompile: {_md(headline(r))}", ""]
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
        body += [f"<details open><summary>On call, {_window(r)}: "
                 f"{len(r.oncall)} changed shifts</summary>", "",
                 "| Schedule | When (the schedule's zone) | Before | After |",
                 "|---|---|---|---|"]
        body += [f"| {_md(_where(x))} | {_md(x['when'])} | {_md(x['before_name'])} | "
                 f"{_md(x['after_name'])} |" for x in r.oncall]
        body += ["", "</details>", ""]
    if r.hours:
        body += [f"**Hours on call, {_window(r)}**", "",
                 "| Person | Schedule | Before | After | Change |", "|---|---|---|---|---|"]
        body += [f"| {_md(h['person_name'])} | {_md(h['schedule_name'])} | "
                 f"{h['before']:.0f}h | {h['after']:.0f}h | {h['delta']:+.0f}h |"
                 for h in r.hours]
        body += ["", "| Person | Net change over all schedules |", "|---|---|"]
        body += [f"| {_md(h['person_name'])} | {h['delta']:+.0f}h "
                 f"({h['before']:.0f}h → {h['after']:.0f}h) |" for h in r.net]
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
