"""Semantic rules: one rule per module, each with a stable code, a summary and help.

A rule's `phase` is `spec` (runs on the validated file, before anything is resolved)
or `model` (runs on the resolved model, only when every spec rule passed).
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
from dataclasses import dataclass
from functools import cache
from typing import Iterable

from ..diagnostics import ERROR, WARNING, Diagnostic


class Rule:
    code: str = ""
    severity: str = ERROR
    phase: str = "spec"
    summary: str = ""
    help: str = ""

    def check(self, ctx: "Context") -> Iterable[Diagnostic]:
        raise NotImplementedError


@dataclass
class Context:
    doc: object  # loader.Document: the file, with positions
    spec: object  # spec.Organization
    model: object = None  # model.Model, in the model phase

    def report(self, rule: Rule, path: tuple, message: str, hint: str = "",
               key: bool = False, severity: str | None = None) -> Diagnostic:
        mark = self.doc.key_mark(path) if key else self.doc.mark(path)
        return Diagnostic(self.doc.file, mark.line, mark.col, rule.code,
                          severity or rule.severity, message, path, hint)


def did_you_mean(value: str, choices) -> str:
    near = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"did you mean {near[0]!r}?" if near else ""


@cache
def all_rules() -> tuple[Rule, ...]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.append(module.RULE)
    return tuple(sorted(found, key=lambda r: r.code))


def run(ctx: Context, phase: str) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for rule in all_rules():
        if rule.phase == phase:
            out.extend(rule.check(ctx))
    return out


__all__ = ["Rule", "Context", "ERROR", "WARNING", "all_rules", "run", "did_you_mean"]
