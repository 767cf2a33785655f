"""The output folder is imcompile's own: which files in it imcompile wrote (the marker),
the lock that serialises builds into one folder, the atomic swap of a staged folder and
the clean-up after a build that was killed."""

from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import re
import shutil
import stat
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .conventions import GENERATED_BANNER

MARKER = ".imcompile.json"
MARKER_NOTE = ("the files listed here are imcompile's: a build replaces or removes them "
               "and keeps every other file in this folder")


class OutputError(Exception):
    """A problem with the output folder, told in one line that names the path."""


def marker_text(files) -> str:
    doc = {"//": GENERATED_BANNER, "owns": MARKER_NOTE, "files": sorted(files)}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def terraform_working_file(rel: str) -> bool:
    """Terraform's own files (state, .terraform) live beside the generated ones."""
    return any(p.startswith(".terraform") or p.endswith((".tfstate", ".tfstate.backup"))
               for p in rel.split("/"))


@dataclass
class Scan:
    """What an existing output folder holds. Leaves are anything but a folder
    (files, symlinks, fifos); imcompile reads only regular files."""
    owned: set[str] = field(default_factory=set)
    kept: set[str] = field(default_factory=set)
    kept_dirs: set[str] = field(default_factory=set)
    dirs: set[str] = field(default_factory=set)
    marked: bool = False


def scan(root: Path, shown: str) -> Scan:
    """Sort the files in `root` into imcompile's own and everyone else's. A folder that
    holds files and was not written by imcompile is refused."""
    if not os.path.lexists(root):
        return Scan()
    if not root.is_dir():
        raise OutputError(f"{shown} is a file, not a folder")
    leaves, dirs = _walk(root)
    marked = MARKER in leaves and _regular(root / MARKER)
    if marked:
        owned = _listed(root / MARKER, shown) & leaves
    elif not leaves and not dirs:
        owned = set()
    elif _has_banner(root / "terraform" / "manifest.json"):
        # Written by an imcompile from before the marker: its files carry the banner.
        owned = {rel for rel in leaves if not terraform_working_file(rel)
                 and _has_banner(root / rel)}
    else:
        names = sorted(os.listdir(root))
        more = ", ..." if len(names) > 3 else ""
        raise OutputError(
            f"{shown} holds files that are not imcompile's ({', '.join(names[:3])}{more}): "
            "build writes only into a new or empty folder, or one it wrote before")
    kept = leaves - owned - {MARKER}
    above_owned = {"/".join(rel.split("/")[:i]) for rel in owned
                   for i in range(1, rel.count("/") + 1)}
    return Scan(owned, kept, dirs - above_owned, dirs, marked)


def _walk(root: Path) -> tuple[set[str], set[str]]:
    leaves, dirs, todo = set(), set(), [""]
    while todo:
        rel = todo.pop()
        with os.scandir(root / rel if rel else root) as entries:
            for entry in entries:
                path = f"{rel}/{entry.name}" if rel else entry.name
                if entry.is_dir(follow_symlinks=False):
                    dirs.add(path)
                    todo.append(path)
                else:
                    leaves.add(path)
    return leaves, dirs


def _regular(path: Path) -> bool:
    return stat.S_ISREG(os.lstat(path).st_mode)


def _listed(marker: Path, shown: str) -> set[str]:
    try:
        files = json.loads(marker.read_bytes().decode("utf-8"))["files"]
        if not all(isinstance(f, str) for f in files):
            raise TypeError
    except (ValueError, KeyError, TypeError):
        raise OutputError(f"{shown}/{MARKER} is not imcompile's list of its files: "
                          "restore it (from git) or remove the folder") from None
    return set(files)


def _has_banner(path: Path) -> bool:
    try:
        if not _regular(path):
            return False
        with open(path, "rb") as f:
            return GENERATED_BANNER.encode() in f.read(1024)
    except FileNotFoundError:
        return False


def read_owned(root: Path, rels) -> dict[str, str]:
    """The text of imcompile's files; one replaced by a link or a special file reads
    as absent, so a link committed into the folder is never followed."""
    out = {}
    for rel in sorted(rels):
        path = root / rel
        if _regular(path):
            out[rel] = path.read_bytes().decode("utf-8", errors="replace")
    return out


@contextmanager
def locked(root: Path, on_wait=None, required: bool = True):
    """Hold `.<name>.lock` beside `root`. The file is removed on release; a process that
    locked a file someone removed meanwhile tries again on the new one."""
    path = root.with_name(f".{root.name}.lock")
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        except OSError:
            if required:
                raise
            yield  # --check in a folder it may not write: read without the lock
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait()
                on_wait = None
            fcntl.flock(fd, fcntl.LOCK_EX)
        if _same_file(fd, path):
            break
        os.close(fd)
    try:
        yield
    finally:
        try:
            os.unlink(path)
        finally:
            os.close(fd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        now = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (held.st_dev, held.st_ino) == (now.st_dev, now.st_ino)


def staging_pattern(root: Path) -> re.Pattern:
    return re.compile(re.escape(f".{root.name}-staging-") + r"[A-Za-z0-9_]+")


def recover(root: Path) -> None:
    """After a build that was killed: put back the old folder if it was moved aside and
    not replaced, then remove the staging folders. Only called under the lock."""
    old = root.with_name(f".{root.name}-old")
    if not os.path.lexists(root) and old.is_dir() and not old.is_symlink():
        os.rename(old, root)
    pattern = staging_pattern(root)
    for entry in os.scandir(root.parent):
        if (pattern.fullmatch(entry.name) or entry.name == old.name) \
                and entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path)


def swap(staging: Path, root: Path) -> Path | None:
    """Put `staging` in the place of `root` at once; returns where the old folder is."""
    if not os.path.lexists(root):
        os.rename(staging, root)
        return None
    if exchange(staging, root):
        return staging
    # No atomic exchange here: a build killed between the two renames leaves only the
    # old folder, which `recover` puts back.
    old = root.with_name(f".{root.name}-old")
    os.rename(root, old)
    os.rename(staging, root)
    return old


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where that is unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b),
                     _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))
