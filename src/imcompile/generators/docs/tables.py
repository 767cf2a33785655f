"""The tables of the docs, built in Python so that every row has its header's number
of cells and every cell goes through markdown.text. Each takes the page context."""

from __future__ import annotations

from markupsafe import Markup

from ...model import DEFAULT_ESCALATE_AFTER
from ...timeparse import human, seconds
from ...oncall import coverage
from . import facts
from .markdown import anchored, bullets, code, lines, page, table, text, url


def severity_overview(ctx) -> Markup:
    org, pages = ctx["org"], ctx["sev_pages"]
    rows = []
    for sid, s in org.severities.items():
        level = page(s.label, pages[sid])
        if s.major_incident:
            level = Markup(f"{level} (major)")
        described = [s.description] + ([f"Examples: {'; '.join(s.examples)}"]
                                       if s.examples else [])
        rows.append([level, s.name, lines(described), lines(s.impact),
                     lines(facts.paging(s)), lines(facts.role_names(org, s.roles)),
                     lines(facts.updates(s)), facts.postmortem(s)])
    return table(["Level", "Name", "Description and examples", "Impact", "Paged",
                  "Roles", "Updates", "Post-mortem"], rows)


def severity_brief(ctx) -> Markup:
    org, pages = ctx["org"], ctx["sev_pages"]
    rows = [[page(s.label, pages[sid]), s.name, lines(facts.paging(s)),
             lines(facts.updates(s)), facts.postmortem(s)]
            for sid, s in org.severities.items()]
    return table(["Level", "Name", "Paged", "Updates", "Post-mortem"], rows)


def audiences(ctx, sev) -> Markup:
    aud = ctx["org"].communication.audiences
    rows = [[aud[a].name if a in aud else a, how, aud[a].channel if a in aud else ""]
            for a, how in sev.notify.items()]
    return table(["Audience", "How and when", "Channel"], rows)


def roles_by_severity(ctx) -> Markup:
    org = ctx["org"]
    sevs = list(org.severities.values())
    rows = [[role.name] + ["yes" if rid in s.roles else "" for s in sevs]
            for rid, role in org.roles.items()]
    return table(["Role"] + [s.label for s in sevs], rows)


def communication_matrix(ctx) -> Markup:
    org = ctx["org"]
    sevs = list(org.severities.values())
    rows = []
    for aid, a in org.communication.audiences.items():
        who = f"{a.name} ({a.channel})" if a.channel else a.name
        rows.append([who] + [s.notify.get(aid, "—") for s in sevs])
    return table(["Audience"] + [s.label for s in sevs], rows)


def cadence(ctx) -> Markup:
    org, pages = ctx["org"], ctx["sev_pages"]
    rows = []
    for sid, s in org.severities.items():
        u = s.updates
        rows.append([page(s.label, pages[sid]),
                     facts.dur(u.internal_every) or "—", facts.dur(u.status_page_every) or "—",
                     facts.postmortem(s)])
    return table(["Level", "Internal update every", "Status page every", "Post-mortem"], rows)


def policy(ctx, p) -> Markup:
    steps = facts.policy_steps(ctx["model"], p)
    how = any(s["how"] for s in steps)  # a column nobody fills is noise
    rows = [[s["n"], lines(s["who"], empty="nobody")] + ([s["how"] or "—"] if how else [])
            + [s["at"], s["then"]] for s in steps]
    return table(["Step", "Notified"] + (["How"] if how else []) + ["Starts at", "Then"],
                 rows)


def policy_link(ctx, pid: str) -> Markup:
    """A link to one policy's section of the escalation page."""
    return anchored(ctx["model"].policies[pid].name, ctx["pages"]["escalation"], "policy",
                    pid)


def matrix(ctx) -> Markup:
    org = ctx["org"]
    rows, elapsed = [], 0
    steps = org.escalation_matrix.steps
    for i, step in enumerate(steps, 1):
        delay = human(seconds(step.escalate_after) if step.escalate_after
                      else DEFAULT_ESCALATE_AFTER)
        rows.append([i, lines(facts.spec_target(org, t) for t in step.notify), human(elapsed),
                     f"after {delay}" if i < len(steps) else "last step"])
        elapsed += seconds(step.escalate_after) if step.escalate_after else DEFAULT_ESCALATE_AFTER
    return table(["Step", "Notified", "Starts at", "Escalates"], rows)


def layers(ctx, schedule) -> Markup:
    model = ctx["model"]
    ftss = any(layer.timezone for layer in schedule.layers)  # follow-the-sun or a copy
    ends = not ftss and any(layer.end for layer in schedule.layers)
    tz = schedule.timezone
    rows = []
    for layer in schedule.layers:
        who = " → ".join(facts.people_names(model, layer.people))
        row = [layer.name, who or "nobody", facts.turn_text(layer.turn_seconds),
               facts.handoff_text(layer), facts.windows_text(layer.windows)]
        if ftss:
            row.insert(1, layer.zone(schedule.timezone))
        elif ends:
            row.append(f"until {layer.end:%Y-%m-%d}" if layer.end else "")
        rows.append(row)
    if ftss:
        # Each region is wall-clock in its own zone (its own PagerDuty schedule).
        return table(["Region", "Time zone", "Who, in order", "Turn", "Handoff (local)",
                      "Hours (local)"], rows)
    return table(["Layer", "Who, in order", "Turn", f"Handoff ({tz})", f"On call ({tz})"]
                 + (["Ends"] if ends else []), rows)


def clock_changes(ctx, schedule) -> Markup:
    """Follow-the-sun: when the regions' clock changes make two of them meet, with
    dates (both are paged then). Gaps never get here: validate refuses them (E132)."""
    if schedule.form != "follow_the_sun" or ctx["reference"] is None:
        return Markup("")
    _, overlaps = coverage.analyse(schedule, ctx["reference"])
    names = {layer.id: layer.name for layer in schedule.layers}
    items = [f"{names[a]} and {names[b]}: {season.words()}"
             for (a, b), found in overlaps.items() for season in found.seasonal]
    if not items:
        return Markup("")
    since = ctx["reference"].date().isoformat()
    head = (f"In the year from {since}, clock changes move the regions' hours against "
            f"each other; then two regions are on call at once and both are paged "
            f"(times in {schedule.timezone}):")
    return Markup(f"{text(head)}\n\n{bullets(items)}")


def services(ctx) -> Markup:
    model, channel = ctx["model"], ctx["channel"]
    rows = []
    for s in ctx["services_sorted"]:
        p = model.policies.get(s.escalation_policy)
        rows.append([
            s.name, s.tier, model.teams[s.team].name, facts.service_paging(s),
            policy_link(ctx, p.id) if p else "—",
            code("#" + channel[("service", s.id)]),
            runbook_link(ctx, s.runbook) if s.runbook else "none",
        ])
    return table(["Service", "Tier", "Owner", "Paged", "Escalation", "Slack", "Runbook"],
                 rows)


def dependencies(ctx) -> Markup:
    """What each service depends on and what depends on it (the graph, as text)."""
    model = ctx["model"]
    rows = [[s.name, lines((model.services[d].name for d in s.depends_on), empty="—"),
             lines(ctx["used_by"].get(s.id, []), empty="—")]
            for s in ctx["services_sorted"] if s.depends_on or s.id in ctx["used_by"]]
    return table(["Service", "Depends on", "Used by"], rows)


def runbook_link(ctx, ref: str) -> Markup:
    """A link that opens: the URL, or the runbook's page published with the wiki; a
    local runbook that could not be published stays its path."""
    if "://" in ref:
        return url(ref, "runbook")
    name = ctx["runbook_pages"].get(ref)
    return page("runbook", name) if name else code(ref)


def tiers(ctx) -> Markup:
    org, model = ctx["org"], ctx["model"]
    used = sorted({s.tier for s in model.services.values()})
    rows = [[t, org.tiers[t].description if t in org.tiers and org.tiers[t].description
             else "—", sum(1 for s in model.services.values() if s.tier == t)] for t in used]
    return table(["Tier", "Meaning", "Services"], rows)


def business(ctx) -> Markup:
    org, model = ctx["org"], ctx["model"]
    rows = []
    for bid in sorted(org.business_services, key=lambda b: (org.business_services[b].name
                                                            .casefold(), b)):
        b = org.business_services[bid]
        deps = [model.services[d].name if d in model.services else
                org.business_services[d].name for d in b.depends_on]
        rows.append([b.name, b.description or "", model.teams[b.team].name if b.team else "—",
                     b.point_of_contact or "—", lines(deps, empty="")])
    return table(["Business service", "What it means", "Team", "Contact", "Depends on"], rows)


def runbook_index(ctx) -> Markup:
    model, found = ctx["model"], ctx["runbooks"]
    required = len(model.spec.runbooks.required_sections)
    rows = []
    for s in ctx["services_sorted"]:
        book = found.get(s.id)
        if not s.runbook:
            rows.append([s.name, model.teams[s.team].name, "none", "—", "—"])
        elif book is None or not book.local:
            rows.append([s.name, model.teams[s.team].name, runbook_link(ctx, s.runbook),
                         "—", "not checked (a link)"])
        elif book.problem:
            rows.append([s.name, model.teams[s.team].name, code(s.runbook), "—",
                         f"not checked: {book.problem}"])
        else:
            when = book.last_updated.isoformat() if book.last_updated else "no date"
            state = (f"missing: {', '.join(book.missing)}" if book.missing
                     else f"all {required} present")
            shown = runbook_link(ctx, s.runbook)
            if shown != code(s.runbook):
                shown = Markup(f"{shown} ({code(s.runbook)})")
            rows.append([s.name, model.teams[s.team].name, shown, when, state])
    return table(["Service", "Owner", "Runbook", "Last updated", "Required sections"], rows)
