"""The library entry point for compiling: validate, generate every output, write."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .generators import terraform
from .validate import Result, validate_file
from .writer import compare, read_tree, write_tree


@dataclass
class BuildResult:
    validation: Result
    files: dict[str, str] = field(default_factory=dict)


def render(model, previous: dict[str, str] | None = None) -> dict[str, str]:
    """Every generated file, keyed by its path under generated/."""
    previous = previous or {}
    return terraform.generate(model, previous)


def build(org: str | Path, out: str | Path, check: bool = False):
    """Validate `org`; then write `out` (or, with check, compare it)."""
    result = validate_file(org)
    if not result.ok:
        return BuildResult(result), None
    out = Path(out)
    files = render(result.model, read_tree(out))
    if check:
        return BuildResult(result, files), compare(out, files)
    write_tree(out, files)
    return BuildResult(result, files), None
