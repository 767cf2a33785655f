"""The load and fairness report as text, Markdown and JSON (hours, to 0.01 h). Names
reach the text only through output.table and output.joined (textsafe)."""

from __future__ import annotations

import textwrap

from .output import joined, table
from .text import hours, when

LEGEND = (
    "hours: on call for any schedule, counted once; off-hours: outside the person's "
    "own business hours in their own time zone (non-working days count whole); "
    "weekend: Saturday and Sunday in their time zone; longest: the longest stretch "
    "without a break. A team adds up its schedules. Shares are fair only over whole "
    "rotation cycles: widen the window with --weeks when they look uneven."
)


def _h(seconds: int) -> float:
    return round(seconds / 3600, 2)


def _load_json(load) -> dict:
    return {"hours": _h(load.seconds), "shifts": load.shifts, "off_hours": _h(load.off_hours),
            "weekend_hours": _h(load.weekend), "longest_hours": _h(load.longest)}


def report_json(model, report) -> dict:
    return {
        "start": report.start.isoformat(), "end": report.end.isoformat(),
        "people": {p: {"name": model.people[p].name} | _load_json(load)
                   for p, load in report.people.items()},
        "teams": {t: {"schedules": list(team.schedules)} | _load_json(team.load)
                  | {"people": {p: _h(s) for p, s in team.per_person.items()}}
                  for t, team in report.teams.items()},
        "schedules": {sid: {"coverage_percent": round(s.coverage * 100, 2), "gaps": s.gaps,
                            "people": {p: _h(x) for p, x in s.per_person.items()}}
                      for sid, s in report.schedules.items()},
    }


def _extremes(model, per_person: dict) -> tuple[str, str]:
    if not per_person:
        return "-", "-"
    ranked = sorted(per_person.items(), key=lambda kv: (-kv[1], kv[0]))
    most, least = ranked[0], ranked[-1]
    return (f"{model.people[most[0]].name} {hours(most[1])}",
            f"{model.people[least[0]].name} {hours(least[1])}")


def _largest_share(model, sched) -> str:
    if not sched.covered:
        return "-"
    person, seconds = max(sched.per_person.items(), key=lambda kv: (kv[1], kv[0]))
    return f"{model.people[person].name} {seconds / sched.covered * 100:.0f}%"


def report_text(model, report, markdown: bool = False) -> str:
    def heading(text):
        return [f"## {text}", ""] if markdown else [text]

    out = [f"On-call load from {when(report.start)} to {when(report.end)}", ""]
    out += heading("People")
    rows = [[model.people[p].name, hours(x.seconds), str(x.shifts), hours(x.off_hours),
             hours(x.weekend), hours(x.longest)]
            for p, x in sorted(report.people.items(), key=lambda kv: -kv[1].seconds)]
    out += table(["person", "hours", "shifts", "off-hours", "weekend", "longest"], rows,
                 markdown) + [""]
    out += heading("Teams")
    rows = []
    for tid, team in report.teams.items():
        busiest, quietest = _extremes(model, team.per_person)
        rows.append([model.teams[tid].name, hours(team.load.seconds), str(team.load.shifts),
                     hours(team.load.off_hours), hours(team.load.weekend),
                     str(len(team.per_person)), busiest, quietest])
    out += table(["team", "hours", "shifts", "off-hours", "weekend", "people", "busiest",
                  "quietest"], rows, markdown) + [""]
    out += heading("Schedules")
    rows = [[sid, f"{s.coverage * 100:.1f}%", str(s.gaps), str(len(s.per_person)),
             _largest_share(model, s)] for sid, s in report.schedules.items()]
    out += table(["schedule", "coverage", "gaps", "people", "largest share"], rows,
                 markdown) + [""] + (
        [LEGEND] if markdown else textwrap.wrap(LEGEND, 88))
    return joined(out) + "\n"
