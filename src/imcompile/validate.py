"""The library entry point for checking an org file: load, schema, rules, model."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import rules, suppress
from .gcpause import paused
from .diagnostics import Diagnostic, has_errors
from .loader import MAX_BYTES, Document, LoadError, load_file, load_text
from .model import Model, build
from .schema_check import check_header, validate as check_schema
from .spec import Organization


@dataclass
class Result:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    spec: Organization | None = None
    model: Model | None = None
    source: str | None = None  # the file's text, for source lines in the report

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def validate_file(path: str | Path) -> Result:
    name, data = os.fspath(path), b""
    try:
        with paused():
            data = _read(name)
            doc = load_text(data, file=name)
    except LoadError as exc:
        return Result([exc.diagnostic], source=_shown(exc, _decode(data)))
    return validate_document(doc, source=_decode(data))


def _read(name: str) -> bytes:
    """The file's bytes, read once: the text is kept for the report and the suppression
    comments, so that a pipe is read like a file. Too large: load_file says so, unread."""
    with open(name, "rb") as f:
        if os.fstat(f.fileno()).st_size > MAX_BYTES:
            load_file(name)  # raises E003
        return f.read(MAX_BYTES + 1)  # load_text refuses what is over the limit


def validate_text(text: str | bytes, file: str = "org.yaml", model_rules: bool = True) -> Result:
    source = text if isinstance(text, str) else _decode(text)
    try:
        with paused():
            doc = load_text(text, file)
    except LoadError as exc:
        return Result([exc.diagnostic], source=_shown(exc, source))
    return validate_document(doc, model_rules, source)


def validate_document(doc: Document, model_rules: bool = True,
                      source: str | None = None) -> Result:
    """With the file's `source`, `# imcompile: ignore` comments are honoured."""
    with paused():
        result = _validate(doc, model_rules, source or "")
    result.source = source
    return result


def _shown(exc: LoadError, source: str) -> str | None:
    """The source to show under a load error: none for bytes that are not text or a
    file over the size limit."""
    return None if exc.diagnostic.code in ("E002", "E003") else source


def _decode(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _validate(doc: Document, model_rules: bool, source: str) -> Result:
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
    marks = suppress.from_comments(source, doc.file)
    if spec is None:
        return Result(_suppressed(found, marks, False))
    marks += suppress.from_org(spec, doc)
    ctx = rules.Context(doc, spec)
    found = suppress.apply(found + rules.run(ctx, "spec"), marks)
    if has_errors(found):
        return Result(_suppressed(found, marks, False), spec)
    ctx.model = build(spec)
    if model_rules:
        found += rules.run(ctx, "model")
    return Result(_suppressed(found, marks, model_rules), spec, ctx.model)


def _suppressed(found: list[Diagnostic], marks, complete: bool) -> list[Diagnostic]:
    """Findings with suppressions applied, and what is wrong with the suppressions."""
    if not marks:
        return found
    return suppress.apply(found, marks) + suppress.problems(marks, complete)
