"""`imcompile explain CODE`: what a diagnostic checks, why, and what a fix looks like."""

from __future__ import annotations

import sys
import textwrap

import click

from ..examples import EXAMPLES
from ..sarif import catalogue
from ..suppress import SUPPRESSIBLE_ERRORS, SUPPRESSION_CODES, did_you_mean_code

# A fix written out, for the codes people meet most; the others show the docs' example
# of the section they are about (SECTION).
FIXES = {
    "E008": "leaving: yes     →  leaving: true",
    "E009": 'time: 9:00       →  time: "09:00"',
    "E020": "tema: payments   →  team: payments",
    "E022": 'escalate_after: 1.5h  →  escalate_after: 1h30m\ntime: 9am             →  time: "09:00"',
    "E101": "notify: [person:bbo]  →  notify: [person:bob]   # an ID that exists under people:",
    "E104": "timezone: PST    →  timezone: America/Los_Angeles\ntimezone: UTC    →  timezone: Etc/UTC",
    "E107": "rotation: {every: 30m, …}  →  rotation: {every: 1h, …}",
    "E127": "escalate_after: 90s  →  escalate_after: 2m",
    "W102": "people: [bob]    →  people: [bob, carol]",
    "W130": "people: [bob, bob, carol]  →  people: [bob, carol, dave]\n"
            "or, when it is meant to be: payments-primary:  "
            "# imcompile: ignore W130 -- two-person team until March",
    "W190": "# imcompile: ignore W130  →  # imcompile: ignore W130 -- two-person team until March",
    "W191": "remove the `# imcompile: ignore` comment or the lint.ignore entry",
    "W192": "fix the finding instead: only warnings and "
            + ", ".join(sorted(SUPPRESSIBLE_ERRORS)) + " can be suppressed",
}

SECTION = {
    "E102": "services", "E103": "teams", "E105": "people", "E106": "schedules",
    "E108": "classification", "E109": "teams", "E110": "services", "E111": "services",
    "E120": "escalation_policies", "E121": "escalation_policies", "E122": "services",
    "E123": "slack", "E124": "schedules", "E125": "services", "E126": "schedules",
    "E128": "slack", "E130": "schedules", "E131": "schedules", "E132": "schedules",
    "E140": "services", "E141": "runbooks", "W101": "teams", "W103": "schedules",
    "W131": "schedules", "W140": "runbooks", "W141": "runbooks", "W143": "slack",
}


def explanation(code: str) -> list[str] | None:
    entry = next((e for e in catalogue() if e[0] == code), None)
    if entry is None:
        return None
    code, severity, summary, help_text = entry
    can = code not in SUPPRESSION_CODES and (severity == "warning" or code in SUPPRESSIBLE_ERRORS)
    out = [f"{code}: {summary}", "",
           f"Severity: {severity}. " + ("Can be suppressed with a reason "
                                        f"(# imcompile: ignore {code} -- why)." if can else
                                        "Cannot be suppressed."), "",
           *textwrap.wrap(" ".join(help_text.split()), 88), ""]
    if code in FIXES:
        out += ["Fix:", *("  " + line for line in FIXES[code].splitlines())]
    elif code in SECTION:
        out += [f"A correct `{SECTION[code]}:` section (docs/format.md):",
                *("  " + line for line in EXAMPLES[SECTION[code]].strip().splitlines())]
    return out


@click.command("explain")
@click.argument("code")
def command(code: str) -> None:
    """Explain the diagnostic CODE (E101, W130…): what it checks, why, and a fix."""
    wanted = code.strip().upper()
    lines = explanation(wanted)
    if lines is None:
        from .. import textsafe
        near = did_you_mean_code(wanted)
        click.echo(f"error: unknown code {textsafe.terminal(repr(code))}"
                   + (f" ({near})" if near else "") + "; docs/rules.md lists them all",
                   err=True)
        sys.exit(2)
    click.echo("\n".join(lines).rstrip())
