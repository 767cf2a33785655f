"""generated/docs/: Markdown for a GitHub wiki (and MkDocs) that an incident commander
keeps open on a second screen: severities, the classification questions, roles and
communication, escalation, on-call rotations, services and runbooks.

A pure function of the model and of what runbooks.inspect_services found. Nothing
depends on today's date: rotations are described by their definitions, runbooks by
their `Last updated` date, never by "stale" or "who is on call now".
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined

from ... import conventions as names
from ...conventions import GENERATED_BANNER
from ...oncall.lookahead import reference_start
from . import diagrams, facts, markdown as md, mkdocs, runbook_pages, tables

FOLDER = "docs"
BANNER_LINE = f"<!-- {GENERATED_BANNER} -->"


@cache
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("imcompile", "templates/docs"),
        autoescape=False,
        finalize=md.text,  # every {{ … }} is escaped unless a helper made it Markdown
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters["md"] = md.text
    env.globals.update(
        table=md.table, page=md.page, url=md.url, anchor=md.anchor, indent=md.indent,
        policy_link=tables.policy_link, code=md.code, lines=md.lines,
        bullets=md.bullets, fenced=md.fenced, f=facts, diagrams=diagrams, tables=tables,
    )
    return env


@cache
def _blocks_env() -> Environment:
    """For the copy-and-fill templates shown in fenced blocks, where Markdown is not
    interpreted: values are only kept to one line (markdown.plain)."""
    return Environment(
        loader=PackageLoader("imcompile", "templates/docs/blocks"), autoescape=False,
        finalize=md.plain, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=StrictUndefined,
    )


def _blocks(ctx) -> dict:
    """`block(name)`: a copy-and-fill template with the org's names and cadences."""
    org = ctx["org"]
    sevs = list(org.severities.values())
    due = [f"{s.label} within {facts.dur(s.postmortem.within)} of resolution"
           if s.postmortem.within else s.label for s in sevs if s.postmortem.required]
    values = {
        "org_name": ctx["org_name"],
        "levels": [f"{s.label} {s.name}" for s in sevs],
        "cadences": [f"{facts.dur(s.updates.internal_every)} for {s.label}"
                     for s in sevs if s.updates.internal_every],
        "channel_example": "#" + names.incident_channel_blank(org.slack.conventions.incident)
        if ctx["incident_levels"] else "",
        "support_email": org.communication.support_email or "",
        "status_page": org.communication.status_page or "",
        "due": due,
    }
    info = {"postmortem": "markdown"}  # pasted into a wiki page; the others into Slack or mail

    def block(name: str):
        given = values
        if info.get(name) == "markdown":  # Markdown once pasted: org text escaped for it
            given = {k: [md.text(x) for x in v] if isinstance(v, list) else md.text(v)
                     for k, v in values.items()}
        body = _blocks_env().get_template(f"{name}.txt.j2").render(**given)
        return md.fenced(body, info.get(name, "text"))
    return {"block": block, "postmortem_due": due}


def generate(model, runbooks: dict | None = None, base: Path | None = None) -> dict[str, str]:
    """{"docs/<Page>.md": text}, the copies of local runbooks
    ("docs/runbooks/<file>.md") and mkdocs.yml with its hooks. `runbooks`: service ID
    -> runbooks.Runbook; `base`: the org file's folder, where local runbooks are copied
    from (None: not copied, and they stay paths)."""
    ctx = _context(model, runbooks or {})
    ctx["ctx"] = ctx  # the tables take the whole page context
    ctx.update(_blocks(ctx))
    env = _env()
    pages = _pages(ctx)
    taken = {name for name, _, _ in pages}
    files = {f"{FOLDER}/{rel}": text for rel, text in runbook_pages.pages(
        model, ctx["runbooks"], base, taken, BANNER_LINE).items()}
    ctx["runbook_pages"] = {
        s.runbook: runbook_pages.page_name(s.runbook) for s in model.services.values()
        if s.runbook and f"{FOLDER}/{runbook_pages.destination(s.runbook)}" in files}
    for name, template, extra in pages:
        body = env.get_template(template).render(**ctx, **extra)
        files[f"{FOLDER}/{name}.md"] = f"{BANNER_LINE}\n{body.strip()}\n"
    files.update(_mkdocs(ctx, pages, sorted(rel[len(FOLDER) + 1:] for rel in files
                                            if rel.startswith(f"{FOLDER}/runbooks/"))))
    return files


def _mkdocs(ctx, pages, runbooks: list[str]) -> dict[str, str]:
    """generated/mkdocs.yml and its hooks (generators/docs/mkdocs.py)."""
    nav = [(_title(name, ctx), name) for name, _, _ in pages if name != names.WIKI_SIDEBAR]
    severities = [("Overview", ctx["pages"]["severities"])] + [
        (_title(page, ctx), page) for page in ctx["sev_pages"].values()]
    return {mkdocs.CONFIG: mkdocs.config(ctx["org_name"], nav, severities, FOLDER, runbooks),
            mkdocs.HOOKS: mkdocs.hooks()}


def _context(model, runbooks: dict) -> dict:
    org = model.spec
    sev_pages = names.severity_pages({sid: s.label for sid, s in org.severities.items()})
    channel = {(c.kind, c.id): c.name for c in names.channels(model)}
    incident_levels = [s.label for s in org.severities.values() if s.slack.incident_channel]
    return {
        "org": org, "model": model, "runbooks": runbooks,
        "org_name": org.metadata.display_name or org.metadata.name,
        "pages": names.WIKI_PAGES, "home": names.WIKI_HOME, "sev_pages": sev_pages,
        "channel": channel,
        "incident_levels": incident_levels,
        "incident_example": "#" + names.incident_channel_example(
            org.slack.conventions.incident,
            incident_levels[0].lower() if incident_levels else "sev1"),
        "oncall_url": f"https://{org.pagerduty.subdomain}.pagerduty.com/oncalls"
        if org.pagerduty.subdomain else "",
        "schedule_url": lambda sid: _schedule_url(org, sid),
        "incident_example_for": lambda sev: "#" + names.incident_channel_example(
            org.slack.conventions.incident, sev.label.lower()),
        "when_unsure": facts.when_unsure(org),
        "majors": facts.major_labels(org),
        "services_sorted": sorted(model.services.values(),
                                  key=lambda s: (s.name.casefold(), s.id)),
        "teams_sorted": sorted(model.teams, key=lambda t: (model.teams[t].name.casefold(), t)),
        "policy_of_team": {t: sorted(ps) for t, ps in model.policies_by_team.items()},
        "schedules_by_team": facts.schedules_by_team(model),
        "used_by": _used_by(model),
        "reference": reference_start(model),  # where the on-call checks start
    }


def _schedule_url(org, sid: str) -> str:
    """The schedule's page in PagerDuty, when the account and the schedule's ID are
    known (an adopted schedule); "" otherwise."""
    spec = org.schedules.get(sid)
    if not org.pagerduty.subdomain or spec is None or not spec.pagerduty_id:
        return ""
    return f"https://{org.pagerduty.subdomain}.pagerduty.com/schedules/{spec.pagerduty_id}"


def _used_by(model) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for s in sorted(model.services.values(), key=lambda s: (s.name.casefold(), s.id)):
        for dep in s.depends_on:
            out.setdefault(dep, []).append(s.name)
    return out


def _pages(ctx) -> list[tuple[str, str, dict]]:
    """(page name, template, extra context) in sidebar order."""
    org, pages = ctx["org"], ctx["pages"]
    out = [(names.WIKI_HOME, "home.md.j2", {}),
           (pages["severities"], "severities.md.j2", {})]
    for sid, sev in org.severities.items():
        out.append((ctx["sev_pages"][sid], "severity.md.j2", {"sid": sid, "sev": sev}))
    out += [(pages[key], f"{key}.md.j2", {}) for key in
            ("classify", "roles", "templates", "escalation", "oncall", "services",
             "runbooks")]
    sidebar = [(name, _title(name, ctx)) for name, _, _ in out]
    out.append((names.WIKI_SIDEBAR, "sidebar.md.j2", {"entries": sidebar}))
    return out


def _title(name: str, ctx) -> str:
    for sid, page in ctx["sev_pages"].items():
        if page == name:
            sev = ctx["org"].severities[sid]
            return f"{sev.label} {sev.name}"
    return name.replace("-", " ")
