"""Diagnostics: what every check reports, and how it is printed."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Iterable

from . import textsafe

ERROR = "error"
WARNING = "warning"

Path = tuple  # a YAML path: keys and list indices from the document root


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One finding, located in the org file.

    Ordered by file, line and column so reports read top to bottom.
    """

    file: str
    line: int
    col: int
    code: str
    severity: str
    message: str
    path: Path = field(default=(), compare=False)
    hint: str = field(default="", compare=False)
    # The reason given where the finding is suppressed (suppress.py); None when it is not.
    suppressed: str | None = field(default=None, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def active(self) -> bool:
        """Counts in the exit status and shows in text output: not suppressed."""
        return self.suppressed is None

    def text(self) -> str:
        """One line, whatever the message quotes from the org (textsafe.terminal)."""
        where = f"{self.file}:{self.line}:{self.col}"
        hint = f" ({self.hint})" if self.hint else ""
        return textsafe.terminal(f"{where}: {self.severity} {self.code}: {self.message}{hint}")

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "path": format_path(self.path),
            "message": self.message,
            "hint": self.hint,
            "suppressed": not self.active,
            **({"reason": self.suppressed} if not self.active else {}),
        }

    def github(self) -> str:
        level = "error" if self.is_error else "warning"
        text = textsafe.github_data(self.message + (f" ({self.hint})" if self.hint else ""))
        return (
            f"::{level} file={textsafe.github_property(self.file)},line={self.line},"
            f"col={self.col},title={textsafe.github_property(self.code)}::{text}"
        )


def format_path(path: Path) -> str:
    """`services.payments-api.depends_on[0]`, the way the docs name a node."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.is_error and d.active for d in diagnostics)


def render(diagnostics: list[Diagnostic], fmt: str, source: str | None = None) -> str:
    """The whole report in one of the output formats.

    Suppressed findings are only in JSON and SARIF, marked so. With the file's `source`,
    text output shows each finding's line with a caret under its column."""
    ordered = sorted(diagnostics)
    if fmt == "json":
        active = [d for d in ordered if d.active]
        errors = sum(d.is_error for d in active)
        return json.dumps(
            {
                "valid": errors == 0,
                "errors": errors,
                "warnings": len(active) - errors,
                "suppressed": len(ordered) - len(active),
                "diagnostics": [d.as_dict() for d in ordered],
            },
            indent=2,
        )
    if fmt == "sarif":
        from .sarif import sarif_text
        return sarif_text(ordered)
    shown = [d for d in ordered if d.active]
    if fmt == "github":
        return "\n".join(d.github() for d in shown)
    if source is None:
        return "\n".join(d.text() for d in shown)
    from .snippet import SourceLines
    lines = SourceLines(source)
    return "\n".join("\n".join([d.text(), *lines.excerpt(d.line, d.col)]) for d in shown)


def summary(diagnostics: list[Diagnostic]) -> str:
    active = [d for d in diagnostics if d.active]
    errors = sum(d.is_error for d in active)
    warnings = len(active) - errors
    quiet = len(diagnostics) - len(active)
    return (f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
            + (f", {quiet} suppressed" if quiet else ""))
