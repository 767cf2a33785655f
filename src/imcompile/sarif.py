"""Findings as SARIF 2.1.0, for GitHub code scanning (`validate --format sarif`).

One run; the driver lists every code imcompile can report, so a result's rule is
always described. Suppressed findings are results with a `suppressions` entry that
carries the reason: code scanning shows them as dismissed, not as open alerts.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePath
from urllib.parse import quote

from . import __version__, textsafe
from .codes import LOAD_AND_SCHEMA_CODES
from .diagnostics import ERROR, WARNING, Diagnostic
from .suppress import SUPPRESSION_CODES

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"


def catalogue() -> list[tuple[str, str, str, str]]:
    """(code, severity, summary, help) of every code, in code order."""
    from .rules import all_rules
    found = [(r.code, r.severity, r.summary, r.help) for r in all_rules()]
    found += [(c, ERROR, s, h) for c, (s, h) in LOAD_AND_SCHEMA_CODES.items()]
    found += [(c, WARNING, s, h) for c, (s, h) in SUPPRESSION_CODES.items()]
    return sorted(found)


def _rule(code: str, severity: str, summary: str, help_text: str) -> dict:
    help_text = " ".join(help_text.split())
    return {
        "id": code,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": help_text},
        "help": {"text": f"{help_text}\n\nimcompile explain {code}"},
        "defaultConfiguration": {"level": _level(severity)},
    }


def _level(severity: str) -> str:
    return "error" if severity == ERROR else "warning"


def artifact_uri(file: str) -> tuple[str, bool]:
    """The file as a URI and whether it is relative to the checkout (the working
    directory): code scanning matches results to files by repository-relative paths."""
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            return path.as_uri(), False
    return quote(PurePath(os.path.normpath(path)).as_posix()), True


def _result(d: Diagnostic, index: dict[str, int]) -> dict:
    message = d.message + (f" ({d.hint})" if d.hint else "")
    uri, relative = artifact_uri(d.file)
    location = {"uri": uri, **({"uriBaseId": "%SRCROOT%"} if relative else {})}
    out = {
        "ruleId": d.code,
        "level": _level(d.severity),
        "message": {"text": textsafe.controls(message)},
        "locations": [{"physicalLocation": {
            "artifactLocation": location,
            "region": {"startLine": d.line, "startColumn": d.col},
        }}],
    }
    if d.code in index:
        out["ruleIndex"] = index[d.code]
    if not d.active:
        out["suppressions"] = [{"kind": "inSource",
                                "justification": textsafe.controls(d.suppressed)}]
    return out


def sarif_document(diagnostics: list[Diagnostic]) -> dict:
    rules = [_rule(*entry) for entry in catalogue()]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "imcompile", "version": __version__,
                                "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "results": [_result(d, index) for d in sorted(diagnostics)],
        }],
    }


def sarif_text(diagnostics: list[Diagnostic]) -> str:
    return textsafe.json_text(sarif_document(diagnostics), indent=2)
