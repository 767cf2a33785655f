"""E014: no control characters anywhere in the org file.

A NUL makes git store a wiki page as binary, an ESC sequence rewrites the terminal
of whoever runs `oncall`, and a line that starts `::error` after a line break is a
GitHub Actions workflow command.  YAML refuses these characters written raw; only
the escapes of double-quoted strings ("\\0", "\\e", "\\x9b", "\\u0000") can make them,
so a file without such an escape is not walked at all (a walk of a 1000-team file
takes a fifth of a second).  Tabs and line breaks are left to the schema: free text
(descriptions) may hold them, names may not.
"""

from __future__ import annotations

import re

from .diagnostics import ERROR, Diagnostic, format_path

CODE = "E014"
# C0 except tab and line feed, DEL, C1, and the bidirectional embeddings, overrides
# and isolates, which make a terminal or a review show text in another order than
# it is (names need none of them; the marks LRM and RLM stay allowed).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAMES = {0x00: "NUL", 0x08: "BS", 0x0D: "CR", 0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL",
          0x9B: "CSI", 0x202E: "RIGHT-TO-LEFT OVERRIDE"}
# Every YAML escape that makes a control character: \0 \a \b \v \f \r \e \N, and
# \x, \u and \U with a code from the C0 (but tab and line feed), DEL or C1 ranges,
# or of a bidirectional control; those may also be written raw (UTF-8 e2 80 aa-ae,
# e2 81 a6-a9).
_CODE = rb"(?:[01][0-9a-fA-F]|7[fF]|[89][0-9a-fA-F])"
_BIDI = rb"(?:202[a-eA-E]|206[6-9])"
_ESCAPE = re.compile(rb"\\(?:[0abvfreN]|x" + _CODE + rb"|u00" + _CODE + rb"|U000000" + _CODE
                     + rb"|u" + _BIDI + rb"|U0000" + _BIDI + rb")")
_RAW_BIDI = re.compile(rb"\xe2(?:\x80[\xaa-\xae]|\x81[\xa6-\xa9])")


def may_hold_any(data: bytes) -> bool:
    """False when no string of the file can hold a control character."""
    return (b"\\" in data and _ESCAPE.search(data) is not None
            or _RAW_BIDI.search(data) is not None)


def shown(text: str, limit: int = 40) -> str:
    """`text` quoted, its control characters written as escapes, cut at `limit`."""
    cut = text if len(text) <= limit else text[:limit] + "…"
    return "'" + CONTROL.sub(_escape, cut) + "'"


def _escape(match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def find(doc) -> list[Diagnostic]:
    """An E014 diagnostic for every string, key or value, holding a control character."""
    found: list[Diagnostic] = []
    _walk(doc, doc.data, (), found)
    return found


def _walk(doc, node, path, found) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            sub = path + (key,)
            if isinstance(key, str) and CONTROL.search(key):
                mark = doc.key_mark(sub)
                where = _path(path) or "the top level"
                found.append(_diagnostic(doc, mark, sub, f"the key {shown(key)} in {where}", key))
            _walk(doc, value, sub, found)
    elif isinstance(node, list):
        for i, item in enumerate(node):
            _walk(doc, item, path + (i,), found)
    elif isinstance(node, str) and CONTROL.search(node):
        found.append(_diagnostic(doc, doc.mark(path), path, _path(path), node))


def _path(path) -> str:
    return CONTROL.sub(_escape, format_path(path))


def _diagnostic(doc, mark, path, what: str, text: str) -> Diagnostic:
    code = ord(CONTROL.search(text).group())
    name = f" ({_NAMES[code]})" if code in _NAMES else ""
    message = (f"{what} holds the control character U+{code:04X}{name}; "
               "org text may hold none")
    return Diagnostic(doc.file, mark.line, mark.col, CODE, ERROR, message, path)
