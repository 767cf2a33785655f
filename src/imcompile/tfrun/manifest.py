"""generated/terraform/manifest.json: the stacks, their dependencies, removed stacks."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .binary import RunError


@dataclass(frozen=True)
class Entry:
    name: str
    depends_on: tuple[str, ...]
    token_env: str
    removed: bool = False


@dataclass
class Manifest:
    folder: Path
    backend: str
    stacks: list[Entry]
    removed: list[Entry]

    def entry(self, name: str) -> Entry:
        return next(e for e in self.stacks + self.removed if e.name == name)


def read(folder: Path) -> Manifest:
    path = folder / "manifest.json"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RunError(f"{path} does not exist: run `imcompile build` first") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RunError(f"{path} cannot be read: {exc}") from None
    try:
        stacks = [_entry(folder, e, False) for e in doc["stacks"]]
        removed = [_entry(folder, e, True) for e in doc.get("removed", [])]
        backend = doc.get("backend", "local")
    except (KeyError, TypeError, ValueError) as exc:
        raise RunError(f"{path} is not a manifest imcompile wrote ({exc}): "
                       "run `imcompile build` again") from None
    names = {e.name for e in stacks}
    for entry in stacks:
        unknown = set(entry.depends_on) - names
        if unknown:
            raise RunError(f"{path}: stack {entry.name} depends on {sorted(unknown)[0]}, "
                           "which is not in the manifest")
    return Manifest(folder, backend if isinstance(backend, str) else "local", stacks, removed)


def _entry(folder: Path, raw: dict, removed: bool) -> Entry:
    name = raw["name"]
    if not isinstance(name, str) or "/" in name or name in ("", ".", ".."):
        raise ValueError(f"bad stack name {name!r}")
    if not (folder / name / "cdk.tf.json").is_file():
        raise ValueError(f"{name}/cdk.tf.json is missing")
    deps = tuple(str(d) for d in raw.get("depends_on", []))
    return Entry(name, deps, str(raw.get("token_env", "PAGERDUTY_TOKEN")), removed)
