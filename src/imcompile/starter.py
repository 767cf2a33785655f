"""`imcompile init`: the files a new repository starts from. A valid org.yaml with one
team, the JSON Schema its modeline names, a runbook template with the sections the org
requires, the CI workflows and the pre-commit config.

The answers are checked here, before anything is written, so a name that would make
the file invalid is a one-line error rather than a broken org.yaml. The company and
team names reach org.yaml only as YAML double-quoted scalars (PyYAML's emitter), so
quotes, `#`, `: ` or `${…}` in them stay text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from zoneinfo import available_timezones

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined

from . import __version__, runbooks, textsafe
from .jsonschema_out import schema_text
from .spec.org import Runbooks

ORG_FILE = "org.yaml"
SCHEMA_FILE = "schemas/org.v1.schema.json"
RUNBOOK_FILE = "runbooks/TEMPLATE.md"
WORKFLOWS = ("org-review.yml", "org-apply.yml")
PRE_COMMIT_FILE = ".pre-commit-config.yaml"
MAX_NAME = 100

# Abbreviations people type for a zone; each is ambiguous or has no daylight saving.
_ABBREVIATIONS = {
    "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles",
    "MST": "America/Denver", "MDT": "America/Denver",
    "CST": "America/Chicago", "CDT": "America/Chicago",
    "EST": "America/New_York", "EDT": "America/New_York",
    "GMT": "Europe/London", "BST": "Europe/London", "WET": "Europe/Lisbon",
    "CET": "Europe/Berlin", "CEST": "Europe/Berlin", "EET": "Europe/Athens",
    "IST": "Asia/Kolkata", "JST": "Asia/Tokyo", "KST": "Asia/Seoul",
    "AEST": "Australia/Sydney", "AEDT": "Australia/Sydney",
    "UTC": "Etc/UTC", "Z": "Etc/UTC",
}
# The CI installs imcompile itself; the repository's own workflows install the checkout.
_INSTALL_CHECKOUT = "run: python -m pip install .\n"
INSTALL_PINNED = f'run: python -m pip install "imcompile=={__version__}"\n'


class InitError(Exception):
    """A one-line reason why nothing was written."""


@dataclass(frozen=True)
class Answers:
    company: str
    timezone: str
    team: str


def check_name(value: str, what: str) -> str:
    value = value.strip()
    if not value:
        raise InitError(f"the {what} name is empty")
    if textsafe.has_control(value):
        raise InitError(f"the {what} name {textsafe.terminal(value)} has a line break or "
                        "a control character; give it on one line")
    if len(value) > MAX_NAME:
        raise InitError(f"the {what} name is longer than {MAX_NAME} characters")
    return value


def check_timezone(value: str) -> str:
    """An IANA Area/Location name; abbreviations and bare legacy names are refused with
    the zone that was probably meant."""
    value = value.strip()
    shown = textsafe.terminal(value)
    meant = _ABBREVIATIONS.get(value.upper())
    if meant:
        raise InitError(f"time zone {shown} is an abbreviation, not a place; "
                        f"use an IANA name such as '{meant}'")
    if value not in available_timezones() or "/" not in value:
        raise InitError(f"unknown time zone {shown}; use an IANA name such as "
                        "'Europe/Berlin' or 'America/New_York' (list: "
                        "https://en.wikipedia.org/wiki/List_of_tz_database_time_zones)")
    return value


def slug(value: str, fallback: str) -> str:
    """An ID from a display name: ASCII letters and digits joined by dashes."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:63].rstrip("-")
    return out or fallback


def _scalar(value: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly `value`."""
    return yaml.safe_dump(value, default_style='"', allow_unicode=True,
                          width=10_000).strip().removesuffix("...").strip()


def _template(name: str) -> str:
    return resources.files("imcompile").joinpath("templates", "init", name).read_text()


def files(answers: Answers) -> dict[str, str]:
    """{relative path: text} of every file init writes."""
    sections = Runbooks().required_sections
    env = Environment(loader=PackageLoader("imcompile", "templates/init"),
                      autoescape=False, undefined=StrictUndefined, trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=True)
    org = env.get_template("org.yaml.j2").render(
        company=_scalar(answers.company), slug=_scalar(slug(answers.company, "org")),
        timezone=answers.timezone, team=_scalar(answers.team),
        team_slug=_scalar(slug(answers.team, "team")),
        sections=[_scalar(s) for s in sections])
    runbook = env.get_template("runbook.md.j2").render(
        sections=sections, today=runbooks.today().isoformat(),
        last_updated=runbooks.section_key(runbooks.LAST_UPDATED))
    out = {ORG_FILE: org, SCHEMA_FILE: schema_text(), RUNBOOK_FILE: runbook,
           PRE_COMMIT_FILE: _template("pre-commit-config.yaml")}
    for name in WORKFLOWS:
        out[f".github/workflows/{name}"] = workflow(_template(f"workflows/{name}"))
    return out


def workflow(text: str) -> str:
    """A repository workflow as a new repository needs it: imcompile from the package
    index, at the version that wrote it."""
    if _INSTALL_CHECKOUT not in text:
        raise ValueError("the workflow template no longer installs imcompile")
    return text.replace(_INSTALL_CHECKOUT, INSTALL_PINNED)


def write(folder: Path, answers: Answers) -> list[str]:
    """Write every file into `folder`; all or nothing. Refuses to overwrite."""
    planned = files(answers)
    for rel in planned:
        if (folder / rel).exists() or (folder / rel).is_symlink():
            raise InitError(f"{folder / rel} already exists; nothing was written")
    written: list[Path] = []
    made: list[Path] = []  # folders created here, removed again on failure
    try:
        for rel, text in planned.items():
            path = folder / rel
            for parent in reversed(path.parents):
                if not parent.exists():
                    parent.mkdir()
                    made.append(parent)
            with open(path, "x", encoding="utf-8", newline="\n") as handle:
                written.append(path)
                handle.write(text)
    except OSError as err:
        for path in written:
            path.unlink(missing_ok=True)
        for parent in reversed(made):
            parent.rmdir()
        raise InitError(f"cannot write {err.filename}: {err.strerror}; "
                        "nothing was written") from None
    return list(planned)
