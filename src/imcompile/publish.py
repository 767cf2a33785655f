"""Publishing generated/docs/ to a wiki that is a git repository (a GitHub wiki is one:
https://github.com/OWNER/REPO.wiki.git). The library side of `imcompile publish`.

A page belongs to imcompile when its first line is the generated banner comment. The
wiki is cloned into a temporary folder with the `git` command; generated pages are
copied in, pages imcompile generated earlier that are no longer generated are removed,
pages anyone else wrote are never touched, and a commit (author "imcompile") is made and
pushed only when something changed.

A symbolic link committed in the wiki is never followed: the clone checks links out as
small plain files (core.symlinks=false), so none exists on disk, and a page whose name
is a link in the wiki is left alone with a warning, like any page imcompile did not
write. Replacing the link would publish the page, but it would overwrite something
someone else committed, and a link where a page belongs is suspect: a person should
look at it.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .conventions import GENERATED_BANNER

BANNER_LINE = f"<!-- {GENERATED_BANNER} -->"
AUTHOR_NAME = "imcompile"
AUTHOR_EMAIL = "imcompile@localhost"
RUNBOOKS = "runbooks"  # local runbooks, copied by build beside the pages
GIT_TIMEOUT = 300  # seconds; a wiki is small, a hung network is not


class PublishError(Exception):
    """Why publishing failed, in one line."""


@dataclass
class Published:
    url: str
    written: list[str] = field(default_factory=list)  # new or changed pages
    removed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # same name, not imcompile's page
    linked: list[str] = field(default_factory=list)  # same name, a symbolic link in the wiki
    commit: str = ""  # empty: nothing changed, nothing pushed


def is_generated(text: str) -> bool:
    return text.split("\n", 1)[0].strip() == BANNER_LINE


def redact(text: str) -> str:
    """Hide credentials written into a URL (https://user:token@host/…)."""
    return re.sub(r"(://)[^/@\s]+@", r"\1***@", text)


def pages_in(docs: Path) -> dict[str, str]:
    """The generated pages to publish: every *.md directly in `docs`, and the local
    runbooks build copied into `docs/runbooks/` (a wiki finds them by name)."""
    if not docs.is_dir():
        raise PublishError(f"{docs} does not exist: run `imcompile build` first")
    pages = {}
    for path in sorted(docs.glob("*.md")) + sorted(docs.glob(f"{RUNBOOKS}/**/*.md")):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise PublishError(f"{path} is not UTF-8 text") from None
        if not is_generated(text):
            raise PublishError(f"{path} does not start with the generated banner: only "
                               "pages imcompile generated are published")
        pages[path.relative_to(docs).as_posix()] = text
    if not pages:
        raise PublishError(f"{docs} has no pages: run `imcompile build` first")
    return pages


def publish(url: str, docs: str | Path, message: str | None = None) -> Published:
    pages = pages_in(Path(docs))
    result = Published(redact(url))
    with tempfile.TemporaryDirectory(prefix="imcompile-wiki-") as tmp:
        work = Path(tmp) / "wiki"
        _git(["clone", "--quiet", "--depth", "1", "--config", "core.symlinks=false", "--",
              url, str(work)], Path(tmp), f"cannot clone {result.url}")
        links = _links(work)
        ours = _generated_pages(work) - links
        for name, text in pages.items():
            target = work / name
            if _through_link(name, links) or target.is_symlink():
                result.linked.append(name)
            elif target.exists() and name not in ours:
                result.skipped.append(name)
            elif not target.exists() or target.read_bytes() != text.encode("utf-8"):
                if not target.parent.is_dir():
                    target.parent.mkdir(parents=True)
                target.write_text(text, encoding="utf-8")
                result.written.append(name)
        result.removed = sorted(rel for rel in ours if rel not in pages)
        for rel in result.removed:
            _git(["rm", "--quiet", "--", rel], work, f"cannot remove {rel}")
        if not result.written and not result.removed:
            return result
        if result.written:
            _git(["add", "--", *result.written], work, "cannot stage the pages")
        summary = f"{len(result.written)} written, {len(result.removed)} removed"
        _git(["-c", f"user.name={AUTHOR_NAME}", "-c", f"user.email={AUTHOR_EMAIL}",
              "commit", "--quiet", "--no-verify",
              f"--author={AUTHOR_NAME} <{AUTHOR_EMAIL}>",
              "-m", message or f"Publish incident docs from org.yaml ({summary})"],
             work, "cannot commit")
        branch = _git(["symbolic-ref", "--short", "HEAD"], work, "cannot find the branch")
        _git(["push", "--quiet", "origin", f"HEAD:refs/heads/{branch}"], work,
             f"push to {result.url} was rejected")
        result.commit = _git(["rev-parse", "--short", "HEAD"], work, "cannot read the commit")
    return result


def _through_link(name: str, links: set[str]) -> bool:
    """The page, or a folder on its way (runbooks/), is a symbolic link in the wiki."""
    parts = name.split("/")
    return any("/".join(parts[:i]) in links for i in range(1, len(parts) + 1))


def _links(work: Path) -> set[str]:
    """Paths that are symbolic links in the wiki (git mode 120000)."""
    listed = _git(["ls-files", "--stage", "-z"], work, "cannot list the wiki's files")
    return {entry.split("\t", 1)[1] for entry in listed.split("\0")
            if entry.startswith("120000 ")}


def _generated_pages(work: Path) -> set[str]:
    """Relative paths of the wiki's pages that imcompile generated earlier. Links
    are neither followed nor read."""
    found = set()
    for folder, subfolders, files in os.walk(work):  # does not descend into links
        here = Path(folder)
        subfolders[:] = [d for d in subfolders if not (here == work and d == ".git")]
        for name in files:
            path = here / name
            if not name.endswith(".md") or path.is_symlink():
                continue
            try:
                with path.open(encoding="utf-8") as handle:
                    head = handle.readline()
            except (OSError, UnicodeDecodeError):
                continue  # not a text page imcompile could have written
            if is_generated(head):
                found.add(path.relative_to(work).as_posix())
    return found


def _git(args: list[str], cwd: Path, failure: str) -> str:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    # Never wait for a password or a host-key question: fail with git's message.
    env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
    try:
        done = subprocess.run(["git", "-c", "protocol.ext.allow=never", *args], cwd=cwd,
                              env=env, capture_output=True, text=True, timeout=GIT_TIMEOUT)
    except FileNotFoundError:
        raise PublishError("git is not installed or not on PATH") from None
    except subprocess.TimeoutExpired:
        raise PublishError(f"{failure}: git gave no answer in {GIT_TIMEOUT} s") from None
    if done.returncode != 0:
        raise PublishError(f"{failure}: {_reason(done.stderr)}")
    return done.stdout.strip()


def _reason(stderr: str) -> str:
    """The line of git's output that says why, without credentials."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for line in lines:
        rejected = re.search(r"\[(?:remote )?rejected\].*\((.+)\)\s*$", line)
        if rejected:
            return rejected.group(1)
    for prefix in ("fatal:", "error:"):
        for line in lines:
            if line.startswith(prefix):
                return redact(line[len(prefix):].strip())
    return redact(lines[-1]) if lines else "git failed without a message"
