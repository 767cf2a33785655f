"""Writing generated/: imcompile's own folder. A build takes a lock beside it, stages the
new files with every file that is not imcompile's (Terraform state, a README someone
added) and swaps the staged folder in, so a failed or killed build leaves the old or the
new folder, never a mix; and the up-to-date check that compares without writing."""

from __future__ import annotations

import difflib
import os
import secrets
import shutil
from contextlib import contextmanager
from pathlib import Path

from . import outdir
from .outdir import MARKER, OutputError, marker_text, terraform_working_file

__all__ = ["OutputError", "OutputFolder", "compare", "read_tree", "write_tree"]


def read_tree(root: Path) -> dict[str, str]:
    """Every file under `root` but Terraform's working files (for tests and goldens)."""
    root = Path(root)
    if not root.is_dir():
        return {}
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(root.rglob("*"))
            if p.is_file() and not terraform_working_file(p.relative_to(root).as_posix())}


def write_tree(root: Path, files: dict[str, str]) -> None:
    """Replace imcompile's files under `root` with `files`, all or nothing."""
    with OutputFolder(root) as folder:
        folder.write(files)


def compare(root: Path, files: dict[str, str]) -> tuple[list[str], list[str], list[str], str]:
    """(missing, extra, changed, unified diff) of `root` against what should be there."""
    with OutputFolder(root, create=False) as folder:
        return folder.compare(files)


class OutputFolder:
    """`with OutputFolder(out) as folder:` locks the folder, refuses one that is not
    imcompile's and cleans up after a killed build; then `previous()`, `write(files)` or
    `compare(files)`. Every filesystem problem is an OutputError naming the path."""

    def __init__(self, out: str | Path, create: bool = True, on_wait=None):
        self.shown = str(out).rstrip("/") or str(out)
        self.root = Path(os.path.realpath(out))
        self.create = create
        self.on_wait = on_wait
        self._made: list[Path] = []
        self._lock = None
        self.scan = outdir.Scan()

    def __enter__(self) -> OutputFolder:
        try:
            self._open()
        except BaseException as exc:
            self.__exit__(type(exc), exc, None)
            raise _one_line(exc, self) from None
        return self

    def _open(self) -> None:
        self._refuse_unusable()
        if self.create:
            self._make_parents()
        if os.path.isdir(self.root.parent):
            self._lock = outdir.locked(self.root, self.on_wait, required=self.create)
            self._lock.__enter__()
            if self.create:
                outdir.recover(self.root)
        self.scan = outdir.scan(self.root, self.shown)

    def __exit__(self, kind, exc, tb) -> None:
        if self._lock is not None:
            self._lock.__exit__(kind, exc, tb)
            self._lock = None
        if exc is not None:
            for made in reversed(self._made):  # parents this failed build created
                try:
                    made.rmdir()
                except OSError:
                    break

    def _refuse_unusable(self) -> None:
        here = Path(os.path.realpath(os.getcwd()))
        if self.root == here or self.root in here.parents:
            raise OutputError(f"{self.shown} is the current folder or holds it: "
                              "give build a folder of its own, such as generated")
        given = Path(self.shown)
        for above in [given, *given.parents]:
            if os.path.lexists(above):
                if above != given and not above.is_dir():
                    raise OutputError(f"cannot create {self.shown}: {above} is a file")
                break
        try:  # a name too long, a folder that may not be searched: said here, once
            os.lstat(self.root)
        except FileNotFoundError:
            pass

    def _make_parents(self) -> None:
        missing = [p for p in reversed(self.root.parents) if not os.path.lexists(p)]
        for parent in missing:
            parent.mkdir()
            self._made.append(parent)

    def previous(self) -> dict[str, str]:
        """imcompile's files as the last build wrote them."""
        try:
            return outdir.read_owned(self.root, self.scan.owned)
        except OSError as exc:
            raise _one_line(exc, self, verb="read") from None

    def compare(self, files: dict[str, str]):
        current = self.previous()
        if self.scan.marked:
            current.update(outdir.read_owned(self.root, [MARKER]))
        files = {**files, MARKER: marker_text(files)}
        missing = sorted(set(files) - set(current))
        extra = sorted(set(current) - set(files))
        changed = sorted(k for k in set(files) & set(current) if files[k] != current[k])
        diff = []
        for rel in missing + changed + extra:
            diff += difflib.unified_diff(
                current.get(rel, "").splitlines(keepends=True),
                files.get(rel, "").splitlines(keepends=True),
                fromfile=f"a/{self.root.name}/{rel}", tofile=f"b/{self.root.name}/{rel}")
        return missing, extra, changed, "".join(diff)

    def write(self, files: dict[str, str]) -> None:
        """Stage `files`, the marker and everyone else's files; swap the stage in."""
        with self.staging() as stage:
            stage.put_all(files)

    @contextmanager
    def staging(self):
        """A Stage to put files into, in any order; when the block ends without an
        error, the marker and everyone else's files join them and the stage is swapped
        in. On an error the stage is removed and the folder is as it was."""
        staging = self.root.with_name(f".{self.root.name}-staging-{secrets.token_hex(4)}")
        old = None
        try:
            self._writable()
            staging.mkdir()
            stage = Stage(self, staging)
            yield stage
            (staging / MARKER).write_text(marker_text(stage.written), encoding="utf-8")
            self._keep_others(staging)
            old = outdir.swap(staging, self.root)
        except BaseException as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise _one_line(exc, self, staging) from None
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def _inside(self, rel: str) -> None:
        parts = rel.split("/")
        if rel.startswith("/") or "\\" in rel or "\0" in rel or \
                any(p in ("", ".", "..") for p in parts):
            raise OutputError(f"refusing to write {rel!r}: not a path inside {self.shown}")

    def _in_the_way(self, rel: str, below: set[str]) -> None:
        """A file or folder that is not imcompile's where it must write is never
        replaced. `below`: the folders that hold others' files."""
        parts = rel.split("/")
        prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
        blocked = [p for p in prefixes if p in self.scan.kept]
        if blocked or rel in below or rel in self.scan.kept_dirs:
            where = blocked[0] if blocked else rel
            raise OutputError(f"{self.shown}/{where} is not imcompile's and is in the "
                              "way of what it writes: move it and build again")

    def _writable(self) -> None:
        """Refuse before staging if the old folder could not be removed after the swap."""
        for rel in ["", *sorted(self.scan.dirs)]:
            path = self.root / rel if rel else self.root
            if path.exists() and not os.access(path, os.W_OK | os.X_OK):
                raise PermissionError(13, "Permission denied", str(path))
        if not os.access(self.root.parent, os.W_OK | os.X_OK):
            raise PermissionError(13, "Permission denied", str(self.root.parent))

    def _keep_others(self, staging: Path) -> None:
        for rel in sorted(self.scan.kept):
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            try:  # a hard link: no copy of a large .terraform, and the original stays
                os.link(self.root / rel, target, follow_symlinks=False)
            except OSError:
                shutil.copy2(self.root / rel, target, follow_symlinks=False)
        for rel in sorted(self.scan.kept_dirs, key=lambda r: -r.count("/")):
            (staging / rel).mkdir(parents=True, exist_ok=True)
            shutil.copystat(self.root / rel, staging / rel, follow_symlinks=False)


class Stage:
    """The staged copy of the output folder, filled one file at a time."""

    def __init__(self, folder: OutputFolder, root: Path):
        self.folder, self.root = folder, root
        self.written: set[str] = set()
        theirs = folder.scan.kept | folder.scan.kept_dirs
        self.below = {"/".join(rel.split("/")[:i]) for rel in theirs
                      for i in range(1, rel.count("/") + 1)}

    def put(self, rel: str, text: str) -> None:
        if rel in self.written:
            return  # put early by a generator, and again with the rest
        if rel == MARKER:
            raise OutputError(f"refusing to write {rel!r}: the output folder's own record")
        self.folder._inside(rel)
        self.folder._in_the_way(rel, self.below)
        target = self.root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        self.written.add(rel)

    def put_all(self, files: dict[str, str]) -> None:
        for rel, text in sorted(files.items()):
            self.put(rel, text)


def _one_line(exc: BaseException, folder: OutputFolder, staging: Path | None = None,
              verb: str = ""):
    """An OSError as `cannot write PATH: reason`, with staged paths shown as the output's."""
    if not isinstance(exc, OSError):
        return exc
    where = exc.filename or folder.shown
    where = str(where)
    for inner in filter(None, [str(staging) if staging else None, str(folder.root)]):
        if where == inner or where.startswith(inner + "/"):
            where = folder.shown + where[len(inner):]
            break
    verb = verb or ("write" if folder.create else "read")
    return OutputError(f"cannot {verb} {where}: {exc.strerror or exc}")
