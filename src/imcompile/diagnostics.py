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

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

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
    return any(d.is_error for d in diagnostics)


def render(diagnostics: list[Diagnostic], fmt: str) -> str:
    """The whole report in one of the output formats."""
    ordered = sorted(diagnostics)
    if fmt == "json":
        errors = sum(d.is_error for d in ordered)
        return json.dumps(
            {
                "valid": errors == 0,
                "errors": errors,
                "warnings": len(ordered) - errors,
                "diagnostics": [d.as_dict() for d in ordered],
            },
            indent=2,
        )
    if fmt == "github":
        return "\n".join(d.github() for d in ordered)
    return "\n".join(d.text() for d in ordered)


def summary(diagnostics: list[Diagnostic]) -> str:
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
