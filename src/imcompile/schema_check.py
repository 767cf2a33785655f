"""The first check: the version header, then the pydantic models, as diagnostics."""

from __future__ import annotations

import difflib
import re
import types
import typing

from pydantic import BaseModel, ValidationError

from .diagnostics import ERROR, Diagnostic, format_path
from .spec import API_VERSION, KIND, Organization
from .spec.base import (DATE_PATTERN, DURATION_PATTERN, END_PATTERN, LINE_PATTERN, SLUG_PATTERN,
                        TIME_PATTERN)
from .spec.bounds import BOUND_ERRORS
from .spec.escalation import TARGET_PATTERN
from .timeparse import DAYS, human

PATTERN_HELP = {
    SLUG_PATTERN: "is not a valid ID: use lowercase letters, digits, '-' and '_', "
                  "starting with a letter or digit",
    DURATION_PATTERN: "is not a duration: write it with a unit, e.g. \"15m\", \"1h\", \"1w\"",
    TIME_PATTERN: "is not a time of day: write \"HH:MM\" in quotes, \"00:00\" to \"23:59\", "
                  "e.g. \"09:00\"",
    END_PATTERN: "is not a time of day: write \"HH:MM\" in quotes, \"00:00\" to \"23:59\", "
                 "or \"24:00\" for the end of the day",
    LINE_PATTERN: "must be one line: no line breaks or tabs",
    DATE_PATTERN: "is not a date: write YYYY-MM-DD, e.g. 2026-01-05",
    TARGET_PATTERN: "is not a target: write schedule:ID, person:ID or role:NAME",
}


def check_header(doc) -> list[Diagnostic]:
    """apiVersion and kind come first: nothing else is read under an unknown version."""
    found = []
    for key, expected, code in (("apiVersion", API_VERSION, "E012"), ("kind", KIND, "E013")):
        value = doc.data.get(key)
        if value == expected:
            continue
        if value is None:
            msg = f"missing {key}: the file must say {key}: {expected}"
        else:
            msg = f"unknown {key} {str(value)!r}: this imcompile reads {key}: {expected}"
        found.append(Diagnostic(doc.file, *doc.mark((key,) if value is not None else ()),
                                code, ERROR, msg, (key,)))
    return found


def validate(doc) -> tuple[Organization | None, list[Diagnostic]]:
    """The checked spec, or None and what is wrong.  A file with a control character
    (E014, reported by the loader) gives no spec either: the rules would quote it."""
    controls = {d.path for d in doc.diagnostics if d.code == "E014"}
    try:
        spec = Organization.model_validate(doc.data)
    except ValidationError as exc:
        found = _diagnostics(doc, exc.errors(include_url=False))
        return None, [d for d in found if d.path not in controls]  # reported once
    return (None if controls else spec), []


def _diagnostics(doc, errors) -> list[Diagnostic]:
    by_path: dict[tuple, list[dict]] = {}
    for err in errors:
        path, is_key = _data_path(doc.data, err)
        by_path.setdefault((path, is_key), []).append(err)
    out = []
    for (path, is_key), errs in by_path.items():
        if _deeper_error(path, errs, by_path):
            continue  # a union's "not 'business_hours'" when the mapping itself is wrong
        code, message, hint = _message(path, is_key, errs)
        mark = doc.key_mark(path) if is_key else doc.mark(path)
        out.append(Diagnostic(doc.file, mark.line, mark.col, code, ERROR, message, path, hint))
    return out


def _deeper_error(path, errs, by_path) -> bool:
    """A mapping refused only as a literal, when a finding inside it says more."""
    if not all(e["type"] == "literal_error" and isinstance(e.get("input"), dict) for e in errs):
        return False
    return any(len(other) > len(path) and other[:len(path)] == path for other, _ in by_path)


def _data_path(data, err) -> tuple[tuple, bool]:
    """Pydantic's loc with union tags dropped, following the data itself."""
    loc = list(err["loc"])
    is_key = False
    if loc and loc[-1] == "[key]":
        loc.pop()
        is_key = True
    path, node = [], data
    for i, part in enumerate(loc):
        if isinstance(node, dict) and part not in node and isinstance(part, str):
            # pydantic writes an int key too large for 64 bits as text
            part = next((k for k in node if type(k) is int and str(k) == part), part)
        if isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            path.append(part)
            node = node[part]
        elif i == len(loc) - 1 and err["type"] in ("missing", "extra_forbidden"):
            path.append(part)
        # anything else is a union member's tag, not a place in the file
    if err["type"] == "extra_forbidden":
        is_key = True
    return tuple(path), is_key


def _where(path: tuple) -> str:
    return format_path(path) or "the top level"


def _message(path, is_key, errs) -> tuple[str, str, str]:
    err = errs[0]
    kind = err["type"]
    value = err.get("input")
    if kind == "extra_forbidden":
        key = path[-1]
        allowed = _allowed_keys(path[:-1])
        near = difflib.get_close_matches(str(key), allowed, n=1)
        hint = f"did you mean {near[0]!r}?" if near else ("allowed: " + ", ".join(allowed)
                                                           if allowed else "")
        return "E020", f"unknown key {key!r} in {_where(path[:-1])}", hint
    if kind == "missing":
        return "E021", f"missing required key {path[-1]!r} in {_where(path[:-1])}", ""
    if is_key and kind in _RANGE:
        return ("E022", f"{_where(path[:-1])}: the key {value!r} is out of range: it must be "
                f"{_bound(kind, err.get('ctx', {}))}", "")
    if is_key:
        return "E023", f"{str(path[-1])!r} {PATTERN_HELP[SLUG_PATTERN]}", ""
    bound = [e for e in errs if e["type"] in BOUND_ERRORS]
    if bound:  # a union (a timeout or `off`) whose duration is out of range
        return "E022", f"{_where(path)}: {bound[0]['msg']}", ""
    pattern = _pattern_at(path)
    advice = _advice(value, pattern, kind)
    if advice:
        return "E022", f"{_where(path)}: {_show(value)} {advice}", ""
    # A value of the wrong type is "not a duration" but not "not one line": it is not text.
    wrong_type = kind == "string_type" and pattern != LINE_PATTERN
    if pattern in PATTERN_HELP and (kind == "string_pattern_mismatch" or wrong_type):
        return "E022", f"{_where(path)}: {_show(value)} {PATTERN_HELP[pattern]}", ""
    if len(errs) > 1:
        return "E022", _union_message(path, errs, value), ""
    return "E022", _single_message(path, err, value), ""


_CURLY = "\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb"
_DECIMAL_DURATION = re.compile(r"([+-]?)((?:[0-9]+(?:[.,][0-9]+)?[wdhms])+)")


def _advice(value, pattern, kind) -> str:
    """What to write instead, for mistakes people make often: quotes pasted from a
    document (“10:00”), a range of days (mon-fri), and durations with a sign or a
    decimal point (-5m, 1.5h)."""
    if not isinstance(value, str) or kind not in ("string_pattern_mismatch", "literal_error"):
        return ""
    return _curly(value) or _day_range(value) or \
        (_decimal_duration(value) if pattern == DURATION_PATTERN else "")


def _curly(value: str) -> str:
    if not any(c in _CURLY for c in value):
        return ""
    bare = value.strip(_CURLY + " ")
    example = f'"{bare}"' if len(bare) <= 60 else "it in straight quotes"
    return (f"is written with curly quotes, as documents and chat paste them; YAML "
            f"quotes are straight: write {example}")


def _day_range(value: str) -> str:
    ends = re.fullmatch(r"([a-z]+)\s*[-\u2013]\s*([a-z]+)", value.lower())
    if not ends or ends.group(1)[:3] not in DAYS or ends.group(2)[:3] not in DAYS:
        return ""
    first, last = DAYS.index(ends.group(1)[:3]), DAYS.index(ends.group(2)[:3])
    days = DAYS[first:last + 1] if first <= last else DAYS[first:] + DAYS[:last + 1]
    return f"is not a day: list the days one by one, e.g. [{', '.join(days)}]"


def _decimal_duration(value: str) -> str:
    found = _DECIMAL_DURATION.fullmatch(value)
    if not found:
        return ""
    total = sum(float(n.replace(",", ".")) * _UNITS[u]
                for n, u in re.findall(r"([0-9.,]+)([wdhms])", found.group(2)))
    example = human(round(total)).replace(" ", "") if total >= 60 else "1m"
    return f"is not a duration: write whole positive numbers with units, e.g. \"{example}\""


_UNITS = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}


def _single_message(path, err, value) -> str:
    kind, ctx = err["type"], err.get("ctx", {})
    where = _where(path)
    if kind == "string_pattern_mismatch":
        return f"{where}: {str(value)!r} {PATTERN_HELP.get(ctx.get('pattern'), 'is not valid')}"
    if kind == "literal_error":
        return f"{where}: {value!r} is not one of {ctx.get('expected')}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"{where} must be a mapping of keys, not {_kind_of(value)}"
    if kind == "list_type":
        return f"{where} must be a list, not {_kind_of(value)}"
    if kind in ("too_short", "string_too_short"):
        return f"{where} must not be empty"
    if kind == "string_too_long":
        return (f"{where} is {len(value)} characters long; at most "
                f"{ctx.get('max_length')} are allowed")
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{where} must be a whole number, not {value!r}"
    if kind in ("bool_type", "bool_parsing"):
        return f"{where} must be true or false, not {value!r}"
    if kind in ("string_type",):
        return f"{where} must be text, not {_kind_of(value)}"
    if kind in _RANGE:
        return f"{where}: {value!r} is out of range: it must be {_bound(kind, ctx)}"
    return f"{where}: {err['msg']}"


_RANGE = ("greater_than_equal", "less_than_equal", "greater_than", "less_than")


def _bound(kind: str, ctx: dict) -> str:
    bound = {"greater_than_equal": "at least {ge}", "less_than_equal": "at most {le}",
             "greater_than": "more than {gt}", "less_than": "less than {lt}"}[kind]
    return bound.format(**ctx)


def _union_message(path, errs, value) -> str:
    literals = [e["ctx"]["expected"] for e in errs if e["type"] == "literal_error"]
    accepts_mapping = any(e["type"] in ("model_type", "dict_type") or len(e["loc"]) > len(path)
                          for e in errs)
    options = " or ".join(literals + (["a mapping"] if accepts_mapping else []))
    if isinstance(value, dict):
        inner = [e for e in errs if e["type"] not in ("literal_error",)]
        if inner:
            return _single_message(path, inner[0], inner[0].get("input"))
    return f"{_where(path)}: {value!r} is not valid here; expected {options or 'another value'}"


def _show(value, limit: int = 60) -> str:
    """The value as the message quotes it; a long one is cut."""
    if not isinstance(value, str):
        return str(value)
    return repr(value) if len(value) <= limit else repr(value[:limit]) + "…"


def _pattern_at(path: tuple) -> str | None:
    """The pattern a string at `path` must match, read off the models."""
    node = Organization
    for part in path:
        node = _step(node, part)
        if node is None:
            return None
    for member in _members_annotated(node):
        for meta in typing.get_args(member)[1:]:
            if getattr(meta, "pattern", None):
                return meta.pattern
    return None


def _members_annotated(tp) -> list:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return [m for a in typing.get_args(tp) for m in _members_annotated(a)]
    return [tp] if origin is typing.Annotated else []


def _kind_of(value) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "an empty value"
    return f"{value!r}"


def _allowed_keys(path: tuple) -> list[str]:
    """The keys a mapping at `path` accepts, for "did you mean"."""
    node = Organization
    for part in path:
        node = _step(node, part)
        if node is None:
            return []
    models = [m for m in _members(node) if isinstance(m, type) and issubclass(m, BaseModel)]
    keys: list[str] = []
    for model in models:
        for name, f in model.model_fields.items():
            keys.append(f.alias or name)
    return keys


def _members(tp) -> list:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _members(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        return [m for a in typing.get_args(tp) for m in _members(a)]
    return [tp]


def _step(tp, part):
    for member in _members(tp):
        if isinstance(member, type) and issubclass(member, BaseModel):
            for name, f in member.model_fields.items():
                if part in (name, f.alias):
                    return f.annotation
        origin = typing.get_origin(member)
        if origin is dict:
            return typing.get_args(member)[1]
        if origin is list and isinstance(part, int):
            return typing.get_args(member)[0]
    return None
