"""Runbooks: a service's `runbook` is a URL or a path to a Markdown file, relative to
the folder of the org file. Local ones are read for their sections (Markdown headings)
and their `Last updated` date; the validate rules E140-E141 and W140-W141 and the
runbook index of the docs use what `inspect` finds.

A local runbook must stay inside the org file's folder: an absolute path, `..` out of
the folder and a symbolic link that resolves out of it are refused before anything is
read, by looking at the path alone, so that the message is the same whether the place
outside exists or not.

"Today", for staleness, comes from `today()`: the environment variable
IMCOMPILE_TODAY=YYYY-MM-DD overrides the system date, so that tests are stable. Nothing
generated depends on it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

TODAY_ENV = "IMCOMPILE_TODAY"
MAX_BYTES = 1024 * 1024  # a runbook is a page, not a data dump
MAX_LINKS = 40  # as Linux's limit on links followed in one path

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_DATE = r"(\d{4}-\d{2}-\d{2})"
_INLINE_DATE = re.compile(r"last[ \t]+updated[^0-9\n]{0,10}?" + _DATE, re.IGNORECASE)
_LEADING_DATE = re.compile(r"^[^0-9A-Za-z]*" + _DATE + r"\b")
LAST_UPDATED = "last updated"
ABSOLUTE = "is an absolute path; write it relative to the org file's folder"
OUTSIDE = "is outside the org file's folder; a local runbook must be a file in it"


def is_url(ref: str) -> bool:
    return bool(_URL.match(ref))


def today() -> date:
    """IMCOMPILE_TODAY when set (ValueError when it is not a date), else the system date."""
    value = os.environ.get(TODAY_ENV)
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{TODAY_ENV}={value!r} is not a date (YYYY-MM-DD)") from None


def section_key(heading: str) -> str:
    """How a heading is compared with a required section: case-insensitive, spaces
    collapsed, anything after a colon ignored (`Last updated: 2026-01-05`)."""
    return " ".join(heading.split(":", 1)[0].replace("*", "").split()).casefold()


@dataclass(frozen=True)
class Runbook:
    ref: str
    local: bool
    problem: str = ""  # why a local runbook cannot be read
    headings: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()  # required sections without a heading
    last_updated: date | None = None
    date_problem: str = ""  # why no date was found

    @property
    def readable(self) -> bool:
        return self.local and not self.problem


def inspect(ref: str, base: Path, required: list[str]) -> Runbook:
    """What a runbook reference points at. `base` is the org file's folder."""
    if is_url(ref):
        return Runbook(ref, local=False)
    text, problem = _read(ref, base)
    if problem:
        return Runbook(ref, local=True, problem=problem)
    headings, lines_after = _headings(text)
    have = {section_key(h) for h in headings}
    missing = tuple(s for s in required if section_key(s) not in have)
    when, date_problem = _last_updated(text, lines_after)
    return Runbook(ref, True, "", tuple(headings), missing, when, date_problem)


def inspect_services(model, base: Path | None) -> dict[str, Runbook]:
    """Service ID -> Runbook for every service with a runbook; local files are read
    only when `base` is given."""
    required = list(model.spec.runbooks.required_sections)
    out = {}
    for sid, svc in model.services.items():
        if not svc.runbook:
            continue
        if base is None and not is_url(svc.runbook):
            out[sid] = Runbook(svc.runbook, local=True, problem="not read")
        else:
            out[sid] = inspect(svc.runbook, base, required)
    return out


def org_folder(file: str) -> Path:
    return Path(file).parent


def _place(ref: str, base: Path) -> tuple[Path | None, str]:
    """(the file a relative runbook path names, its links resolved) or (None, why not).

    The path is walked a part at a time and each link is resolved by hand, and the walk
    stops as soon as it would leave the folder: nothing outside is ever looked at, so
    no answer depends on what exists there."""
    if "\0" in ref:
        return None, "is not a path (it holds a NUL character)"
    if os.path.isabs(ref):
        return None, ABSOLUTE
    folder = os.path.realpath(base)
    here, todo, links = folder, ref.split("/")[::-1], 0
    while todo:
        part = todo.pop()
        if part in ("", "."):
            continue
        here = os.path.dirname(here) if part == ".." else os.path.join(here, part)
        if os.path.commonpath([folder, here]) != folder:
            return None, OUTSIDE
        if part == ".." or not os.path.islink(here):
            continue
        links += 1
        if links > MAX_LINKS:
            return None, "is a loop of symbolic links"
        try:
            target = os.readlink(here)
        except OSError as exc:
            return None, f"cannot be read ({exc.strerror or exc})"
        if os.path.isabs(target):
            # Only a link to a place inside the folder, written as the folder is.
            if os.path.commonpath([folder, os.path.normpath(target)]) != folder:
                return None, OUTSIDE
            here, target = folder, os.path.relpath(os.path.normpath(target), folder)
        else:
            here = os.path.dirname(here)
        todo.extend(target.split("/")[::-1])
    return Path(here), ""


def _read(ref: str, base: Path) -> tuple[str, str]:
    path, problem = _place(ref, base)
    if problem:
        return "", problem
    try:
        if not path.exists():
            return "", "does not exist"
        if not path.is_file():
            return "", "is not a file"
        if path.stat().st_size > MAX_BYTES:
            return "", f"is larger than {MAX_BYTES // 1024} KiB"
        return path.read_bytes().decode("utf-8"), ""
    except UnicodeDecodeError:
        return "", "is not UTF-8 text"
    except OSError as exc:
        return "", f"cannot be read ({exc.strerror or exc})"


def _headings(text: str) -> tuple[list[str], dict[str, list[str]]]:
    """Markdown headings outside code blocks, and the lines under each (by key)."""
    headings: list[str] = []
    under: dict[str, list[str]] = {}
    current: list[str] = []  # lines under the latest heading (before any: discarded)
    fence = ""
    paragraph = ""  # the previous line, when it was plain text a setext line can underline
    for line in text.splitlines():
        if fence:
            if line.lstrip().startswith(fence):
                fence = ""
            continue
        opened = _FENCE.match(line)
        atx = _ATX.match(line)
        found = None
        if opened:
            fence = opened.group(1)
        elif atx:
            found = (atx.group(2) or "").strip()
        elif paragraph and _SETEXT.match(line):
            if current and current[-1] == paragraph:
                current.pop()
            found = paragraph.strip()
        else:
            current.append(line)
        if found is not None:
            headings.append(found)
            current = under.setdefault(section_key(found), [])
        paragraph = line if (found is None and not opened and line.strip()) else ""
    return headings, under


def _last_updated(text: str, under: dict[str, list[str]]) -> tuple[date | None, str]:
    """`Last updated: 2026-01-05` on a line, or a `Last updated` heading whose first
    non-empty line starts with the date (the seeds' runbook template)."""
    found = _INLINE_DATE.search(text)
    raw = found.group(1) if found else None
    if raw is None:
        for line in under.get(LAST_UPDATED, []):
            if line.strip():
                first = _LEADING_DATE.match(line)
                raw = first.group(1) if first else None
                break
    if raw is None:
        return None, "has no 'Last updated: YYYY-MM-DD' date"
    try:
        return date.fromisoformat(raw), ""
    except ValueError:
        return None, f"has a Last updated date {raw!r} that is not a real date"


def local_runbooks(ctx):
    """(service ID, Runbook) for every service whose runbook is a path: what the
    runbook rules check. The path is relative to the folder of the org file."""
    spec = ctx.spec
    if not Path(ctx.doc.file).is_file():
        # Text not read from a file (a git revision, a test string): there is no
        # folder to find the runbooks in, so they are not checked.
        return
    base = org_folder(ctx.doc.file)
    required = list(spec.runbooks.required_sections)
    for sid, svc in spec.services.items():
        if svc.runbook and not is_url(svc.runbook):
            yield sid, inspect(svc.runbook, base, required)
