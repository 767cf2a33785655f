"""The library entry point for compiling: validate, generate every output, write."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import runbooks
from .generators import docs, slack, terraform
from .validate import Result, validate_file
from .writer import OutputFolder


@dataclass
class BuildResult:
    validation: Result
    files: dict[str, str] = field(default_factory=dict)


def render(model, previous: dict[str, str] | None = None,
           org_folder: Path | None = None, sink=None) -> dict[str, str]:
    """Every generated file, keyed by its path under generated/. `org_folder` is where
    local runbooks are read from for the docs' runbook index (None: not read);
    `sink(path, text)` receives the Terraform stacks' files as soon as they are made."""
    previous = previous or {}
    files = terraform.generate(model, previous, sink)
    files.update(docs.generate(model, runbooks.inspect_services(model, org_folder), org_folder))
    files.update(slack.generate(model))
    return files


def build(org: str | Path, out: str | Path, check: bool = False, on_wait=None):
    """Validate `org`; then write `out` (or, with check, compare it). The folder is
    locked from reading the previous output to the swap, so builds into one folder take
    turns (`on_wait` is called when one has to wait). Raises writer.OutputError."""
    result = validate_file(org)
    if not result.ok:
        return BuildResult(result), None
    with OutputFolder(out, create=not check, on_wait=on_wait) as folder:
        previous, org_folder = folder.previous(), runbooks.org_folder(str(org))
        if check:
            files = render(result.model, previous, org_folder)
            return BuildResult(result, files), folder.compare(files)
        # Stack files go to the staging folder as each is made; the rest after.
        with folder.staging() as stage:
            files = render(result.model, previous, org_folder, sink=stage.put)
            stage.put_all(files)
    return BuildResult(result, files), None
