"""The library entry point for checking an org file: load, schema, rules, model."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import rules
from .gcpause import paused
from .diagnostics import Diagnostic, has_errors
from .loader import Document, LoadError, load_file, load_text
from .model import Model, build
from .schema_check import check_header, validate as check_schema
from .spec import Organization


@dataclass
class Result:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    spec: Organization | None = None
    model: Model | None = None

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def validate_file(path: str | Path) -> Result:
    try:
        with paused():
            doc = load_file(path)
    except LoadError as exc:
        return Result([exc.diagnostic])
    return validate_document(doc)


def validate_text(text: str | bytes, file: str = "org.yaml", model_rules: bool = True) -> Result:
    try:
        with paused():
            doc = load_text(text, file)
    except LoadError as exc:
        return Result([exc.diagnostic])
    return validate_document(doc, model_rules)


def validate_document(doc: Document, model_rules: bool = True) -> Result:
    with paused():
        return _validate(doc, model_rules)


def _validate(doc: Document, model_rules: bool) -> Result:
    """Everything is collected before anything is reported; each stage runs only on
    input the stage before it accepted, so one mistake is reported once.

    Without `model_rules` the resolved model is built but not linted: enough to compare
    against a version that was checked when it was committed."""
    header = check_header(doc)
    if header:
        return Result(header)
    found = list(doc.diagnostics)
    spec, schema_errors = check_schema(doc)
    found += schema_errors
    if spec is None:
        return Result(found)
    ctx = rules.Context(doc, spec)
    found += rules.run(ctx, "spec")
    if has_errors(found):
        return Result(found, spec)
    ctx.model = build(spec)
    if model_rules:
        found += rules.run(ctx, "model")
    return Result(found, spec, ctx.model)
