"""Writing generated/: staged and swapped in, so a failed build never leaves it half
written; and the up-to-date check that compares without writing."""

from __future__ import annotations

import difflib
import os
import shutil
import tempfile
from pathlib import Path


def read_tree(root: Path) -> dict[str, str]:
    if not root.is_dir():
        return {}
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(root.rglob("*")) if p.is_file() and _ours(p, root)}


def _ours(path: Path, root: Path) -> bool:
    """Terraform's own working files (state, .terraform) live beside ours: not ours."""
    parts = path.relative_to(root).parts
    return not any(p.startswith(".terraform") or p.endswith(".tfstate") or
                   p.endswith(".tfstate.backup") for p in parts)


def write_tree(root: Path, files: dict[str, str]) -> None:
    """Replace the generated files under `root` with `files`, all or nothing."""
    root = Path(root)
    root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{root.name}-staging-", dir=root.parent))
    try:
        for rel, text in sorted(files.items()):
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        _keep_terraform_state(root, staging)
        old = root.with_name(f".{root.name}-old")
        if old.exists():
            shutil.rmtree(old)
        if root.exists():
            os.replace(root, old)
        os.replace(staging, root)
        if old.exists():
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _keep_terraform_state(root: Path, staging: Path) -> None:
    if not root.is_dir():
        return
    for path in root.rglob("*"):
        if path.is_file() and not _ours(path, root):
            target = staging / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)


def compare(root: Path, files: dict[str, str]) -> tuple[list[str], list[str], list[str], str]:
    """(missing, extra, changed, unified diff) of `root` against what should be there."""
    current = read_tree(root)
    missing = sorted(set(files) - set(current))
    extra = sorted(set(current) - set(files))
    changed = sorted(k for k in set(files) & set(current) if files[k] != current[k])
    diff = []
    for rel in missing + changed + extra:
        diff += difflib.unified_diff(
            current.get(rel, "").splitlines(keepends=True),
            files.get(rel, "").splitlines(keepends=True),
            fromfile=f"a/{root.name}/{rel}", tofile=f"b/{root.name}/{rel}")
    return missing, extra, changed, "".join(diff)
