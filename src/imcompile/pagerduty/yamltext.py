"""Readable YAML for an org file: block style for entities, flow style for small leaves,
quotes only where YAML (1.1 or 1.2) could read a scalar as something else, and comments.

PyYAML cannot write comments, and its quoting does not know the org format's rules
(times and dates are always quoted), so the org file is written here.
"""

from __future__ import annotations

import json
import re

WIDTH = 100
FLOW_DEPTH = 3  # people.alice is written in block style; services.x.support_hours may flow
_PLAIN = re.compile(r"[^\W\d_][\w .'/()@+-]*|([0-9]+[wdhms])+|(schedule|person|role):[a-z0-9_-]+")
_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}
# What JSON leaves as it is but YAML refuses (non-printable characters) or reads as a
# line break (NEL, the Unicode line and paragraph separators) or a byte order mark.
_UNSAFE = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe"
                     "\uff00-\ufffd\U00010000-\U0010ffff]")


def scalar(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text == text.strip() and text.lower() not in _WORDS:
        return text
    quoted = json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def dump(doc: dict, comments: dict | None = None, header: tuple = ()) -> str:
    """YAML for `doc`. `comments` maps a key path (tuple) to lines written above it."""
    out = [f"# {line}".rstrip() for line in header]
    _mapping(doc, (), 0, out, comments or {})
    return "\n".join(out) + "\n"


def _is_scalar(value) -> bool:
    return not isinstance(value, (dict, list))


def _nesting(value) -> int:
    if isinstance(value, dict):
        return 1 + max((_nesting(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return max((_nesting(v) for v in value), default=0)
    return 0


def _flow(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return scalar(value)


def _inline(value, path: tuple, room: int, comments: dict) -> str | None:
    """The flow form of a collection, when it is small, shallow and fits."""
    if not value:
        return "{}" if isinstance(value, dict) else "[]"
    if any(p[:len(path)] == path and len(p) > len(path) for p in comments):
        return None
    if isinstance(value, list) and all(_is_scalar(v) for v in value):
        text = _flow(value)
    elif len(path) >= FLOW_DEPTH and _nesting(value) <= 2:
        text = _flow(value)
    else:
        return None
    return text if len(text) <= room else None


def _comment(out: list, indent: int, lines) -> None:
    out.extend(" " * indent + (f"# {line}" if line else "#") for line in lines)


def _mapping(value: dict, path: tuple, indent: int, out: list, comments: dict) -> None:
    pad = " " * indent
    for key, item in value.items():
        here = path + (key,)
        if not path and out and isinstance(item, (dict, list)):
            out.append("")  # a blank line between the sections of the file
        _comment(out, indent, comments.get(here, ()))
        head = f"{pad}{scalar(key)}:"
        if _is_scalar(item):
            out.append(f"{head} {scalar(item)}")
            continue
        flow = _inline(item, here, WIDTH - len(head) - 1, comments)
        if flow is not None:
            out.append(f"{head} {flow}")
        elif isinstance(item, dict):
            out.append(head)
            _mapping(item, here, indent + 2, out, comments)
        else:
            out.append(head)
            _sequence(item, here, indent + 2, out, comments)


def _sequence(value: list, path: tuple, indent: int, out: list, comments: dict) -> None:
    pad = " " * indent
    for i, item in enumerate(value):
        here = path + (i,)
        _comment(out, indent, comments.get(here, ()))
        if _is_scalar(item):
            out.append(f"{pad}- {scalar(item)}")
            continue
        flow = _inline(item, here, WIDTH - indent - 2, comments)
        if flow is not None:
            out.append(f"{pad}- {flow}")
        elif isinstance(item, dict):
            # The first key goes on the dash line; the rest align under it.
            start = len(out)
            _mapping(item, here, indent + 2, out, comments)
            out[start] = f"{pad}- " + out[start][indent + 2:]
        else:
            out.append(f"{pad}-")
            _sequence(item, here, indent + 2, out, comments)
