"""Local runbooks as wiki pages: a service whose `runbook` is a file in the repository
gets a copy of it in generated/docs/runbooks/, published with the other pages, so that
every place that names the runbook can link to a page that opens.

A GitHub wiki addresses a page by its file name whatever folder it is in, so the link
is `[runbook](payments-api)` (MkDocs' hook resolves the same name to the file). A copy
whose name would clash with a generated page or another runbook is not made: that
runbook stays a path, as before. The file is read through runbooks.py, which refuses
paths outside the org's folder; it is the team's own Markdown and is copied as it is,
like any page of a wiki, under the generated banner (edit the file, not the copy).
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from ... import runbooks as books

FOLDER = "runbooks"


def destination(ref: str) -> str:
    """The copy's path under docs/: the file's path, under runbooks/."""
    path = posixpath.normpath(ref)
    return path if path.startswith(f"{FOLDER}/") else f"{FOLDER}/{path}"


def page_name(ref: str) -> str:
    return posixpath.splitext(posixpath.basename(destination(ref)))[0]


def pages(model, found: dict, base: Path | None, taken: set[str],
          banner: str) -> dict[str, str]:
    """{path under docs/: text} of the local runbooks that can be published.
    `found`: service ID -> runbooks.Runbook; `taken`: the generated page names."""
    if base is None:
        return {}
    refs = sorted({b.ref for b in found.values() if b.readable and b.ref.endswith(".md")})
    names: dict[str, list[str]] = {}
    for ref in refs:
        names.setdefault(page_name(ref).casefold(), []).append(ref)
    seen = {t.casefold() for t in taken}
    out = {}
    for key, same in names.items():
        if len(same) > 1 or key in seen:
            continue
        text, problem = books._read(same[0], base)
        if not problem:
            out[destination(same[0])] = f"{banner}\n{text.rstrip()}\n"
    return out


def link(org, ref: str) -> str:
    """What a PagerDuty service description or a Slack topic should carry for a
    runbook: the URL itself, or the runbook's published page under the org's
    `metadata.wiki_url` (a GitHub wiki serves a page at <wiki>/<page name>). A local
    runbook of an org without a wiki URL stays its repository path."""
    if books.is_url(ref):
        return ref
    wiki = (org.metadata.wiki_url or "").rstrip("/")
    if not wiki or not books.is_url(wiki):
        return ref
    return f"{wiki}/{page_name(ref)}"
