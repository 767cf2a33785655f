"""Helpers for the strict loader: YAML 1.2 scalars, tags, alias bombs, UTF-8.

Nothing here builds Python objects from tags: values are made from the text
of scalar nodes only, so a tag such as ``!!python/object/apply`` can never
run code.
"""

from __future__ import annotations

import re

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

try:  # libyaml, about ten times faster than the pure-Python parser
    from yaml import CSafeLoader as _Base
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Base

YAML_ORG = "tag:yaml.org,2002:"
STR = YAML_ORG + "str"
MAP = YAML_ORG + "map"
SEQ = YAML_ORG + "seq"
PLAIN = ""  # the tag Loader gives untagged plain scalars

SCALAR_TAGS = frozenset(YAML_ORG + t for t in ("str", "int", "float", "bool", "null"))

MISSING = object()

# YAML 1.2 core schema words.  Everything is a str key, so True == 1 cannot clash.
WORDS = {"": None, "~": None, "null": None, "Null": None, "NULL": None}
WORDS.update(dict.fromkeys(("true", "True", "TRUE"), True))
WORDS.update(dict.fromkeys(("false", "False", "FALSE"), False))
NULLS = frozenset(k for k, v in WORDS.items() if v is None)
BOOLS = {k: v for k, v in WORDS.items() if v is not None}


def _cases(word: str) -> set[str]:
    out = {""}
    for ch in word:
        out = {s + c for s in out for c in (ch.lower(), ch.upper())}
    return out


# Plain scalars that YAML 1.1 reads as booleans and YAML 1.2 as strings.
BOOLS_11 = frozenset().union(*(_cases(w) for w in ("yes", "no", "on", "off", "y", "n")))

# A plain scalar can only be a number (or a 1.1 sexagesimal) if it starts so.
NUMBER_START = frozenset("0123456789+-.")

_INT = re.compile(r"[-+]?[0-9]+").fullmatch
_OCT = re.compile(r"0o[0-7]+").fullmatch
_HEX = re.compile(r"0x[0-9a-fA-F]+").fullmatch
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?").fullmatch
_SPECIAL_FLOATS = {
    **{s + ".inf": float("inf") for s in ("", "+")},
    **{s + ".Inf": float("inf") for s in ("", "+")},
    **{s + ".INF": float("inf") for s in ("", "+")},
    "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
    ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan"),
}
_SEXAGESIMAL = re.compile(r"[0-9]+(?::[0-5]?[0-9])+").fullmatch


def core_int(text: str):
    """The int a YAML 1.2 core-schema integer stands for, else MISSING."""
    try:
        if _INT(text):
            return int(text)
        if _OCT(text):
            return int(text[2:], 8)
        if _HEX(text):
            return int(text[2:], 16)
    except ValueError:  # more digits than Python's int() accepts from text
        pass
    return MISSING


def core_float(text: str):
    """The float a YAML 1.2 core-schema float stands for, else MISSING."""
    special = _SPECIAL_FLOATS.get(text)
    if special is not None:
        return special
    if _FLOAT(text):
        return float(text)
    return MISSING


def number(text: str):
    """Resolve a plain scalar that starts like a number.

    Returns (value, sexagesimal): value is an int, a float or the text itself;
    sexagesimal is the number YAML 1.1 would read for `10:00`-like text, else None.
    """
    value = core_int(text)
    if value is MISSING:
        value = core_float(text)
    if value is not MISSING:
        return value, None
    if _SEXAGESIMAL(text):
        total = 0
        for part in text.split(":"):
            total = total * 60 + int(part)
        return text, total
    return text, None


def plain(text: str):
    """Resolve an untagged plain scalar: (value, finding code or None, 1.1 number).

    E008: a YAML 1.1 boolean (kept as the string); E009: a YAML 1.1
    sexagesimal number such as 10:00 (kept as the string; the number is
    what YAML 1.1 would read).
    """
    value = WORDS.get(text, MISSING)
    if value is not MISSING:
        return value, None, None
    if text in BOOLS_11:
        return text, "E008", None
    if text[0] in NUMBER_START:
        value, sexagesimal = number(text)
        if sexagesimal is not None:
            return value, "E009", sexagesimal
        return value, None, None
    return text, None, None


def explicit(tag: str, text: str):
    """Value of a scalar with an explicit standard tag, or MISSING if it does not fit."""
    kind = tag[len(YAML_ORG):]
    if kind == "str":
        return text
    if kind == "int":
        return core_int(text)
    if kind == "float":
        value = core_float(text)
        if value is MISSING:
            value = core_int(text)
            value = MISSING if value is MISSING else float(value)
        return value
    if kind == "bool":
        return BOOLS.get(text, MISSING)
    return None if text in NULLS else MISSING  # null


def show_tag(tag: str) -> str:
    """A tag the way users write it: `!!python/object:x`, `!foo`."""
    if tag.startswith(YAML_ORG):
        return "!!" + tag[len(YAML_ORG):]
    if tag.startswith("!"):
        return tag
    return f"!<{tag}>"


def kind_of(node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return "a plain value"


class Loader(_Base):
    """Composes nodes only, tagging untagged plain scalars PLAIN.

    The stock resolver applies YAML 1.1 rules (yes/no, 10:00, dates); the
    loader resolves plain scalars itself, so the tag only has to tell a plain
    scalar from a quoted or explicitly tagged one.
    """

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode:
            return PLAIN if implicit[0] else STR
        return SEQ if kind is SequenceNode else MAP

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass


class Problem(Exception):
    """A fatal finding: args are (code, line, col, message[, hint]); the loader adds the file."""


# --- parsing ------------------------------------------------------------------

def compose(data: bytes):
    """The node tree of a one-document stream (None when empty), or Problem E001/E004."""
    try:
        return yaml.compose(data, Loader=Loader)
    except yaml.MarkedYAMLError as e:
        if e.context == "expected a single document in the stream":
            raise Problem("E004", e.problem_mark.line + 1, e.problem_mark.column + 1,
                          f"the file holds {count_documents(data)} YAML documents; "
                          "put the organisation in one") from None
        raise syntax_problem(e, data) from None
    except yaml.reader.ReaderError as e:
        line, col = line_col(data, e.position)
        raise Problem("E001", line, col,
                      f"invalid YAML: unacceptable character #x{e.character:04x}: {e.reason}") from None
    except RecursionError:
        raise Problem("E001", 1, 1, "invalid YAML: nesting is too deep") from None


def count_documents(data: bytes) -> int:
    count = 0
    try:
        for event in yaml.parse(data, Loader=Loader):
            count += type(event) is DocumentStartEvent
    except yaml.MarkedYAMLError as e:
        raise syntax_problem(e, data) from None
    return count


def syntax_problem(e: yaml.MarkedYAMLError, data: bytes) -> Problem:
    """E001 with PyYAML's one-line problem; its context goes in the hint."""
    mark = e.problem_mark or e.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (e.problem or e.context or "syntax error").strip()
    hint = ""
    if mark is not None:
        lines = data.decode("utf-8").split("\n")
        rest = lines[mark.line][mark.column:] if mark.line < len(lines) else ""
        if problem == "found undefined alias" and rest.startswith("*"):
            problem += " " + rest.split()[0].rstrip(",]}")
        elif rest.startswith("\t"):
            hint = "indent with spaces; YAML does not allow tabs"
    if not hint and e.context and e.context_mark and e.problem and e.context_mark is not mark:
        hint = f"{e.context} that starts at line {e.context_mark.line + 1}, column {e.context_mark.column + 1}"
    return Problem("E001", line, col, f"invalid YAML: {problem}", hint)


# --- alias expansion (billion laughs) ---------------------------------------

def check_aliases(root, data: bytes) -> None:
    """Problem E005 if aliases expand past max(100_000, 20 x distinct nodes) or into themselves."""
    try:
        size, distinct = expanded_size(root)
        limit = max(100_000, 20 * distinct)
        if size <= limit:
            return
    except AliasCycle:
        limit = 100_000
    except RecursionError:
        raise Problem("E001", 1, 1, "invalid YAML: nesting is too deep") from None
    found = find_alias(data, limit)
    line, col = (found[0].line + 1, found[0].column + 1) if found else (1, 1)
    if found and found[2]:
        message = f"alias *{found[1]} is used inside its own anchor &{found[1]}; write the values out"
    else:
        message = f"anchors and aliases expand to more than {limit} nodes; write the values out"
    raise Problem("E005", line, col, message)


class AliasCycle(Exception):
    """A collection contains an alias to itself."""


def expanded_size(root) -> tuple[int, int]:
    """(nodes after expanding every alias, distinct nodes), without expanding.

    Sizes are memoised per node, so the cost is linear in the distinct nodes
    even when they expand to billions.
    """
    sizes: dict[int, int] = {}  # id(node) -> size; -1 while the node is being sized
    distinct = 1

    def size(node) -> int:
        nonlocal distinct
        key = id(node)
        known = sizes.get(key)
        if known is not None:
            if known < 0:
                raise AliasCycle
            return known
        sizes[key] = -1
        items = node.value
        if type(node) is MappingNode:
            count = 2 * len(items)
            total = 1 + count
            for k, v in items:
                if type(k) is not ScalarNode:
                    total += size(k) - 1
                if type(v) is not ScalarNode:
                    total += size(v) - 1
        else:
            count = len(items)
            total = 1 + count
            for item in items:
                if type(item) is not ScalarNode:
                    total += size(item) - 1
        distinct += count
        sizes[key] = total
        return total

    if type(root) is ScalarNode:
        return 1, 1
    return size(root), distinct


def find_alias(data: bytes, limit: int):
    """The alias that expands past `limit` or into itself: (mark, anchor, is_cycle).

    Walks parser events, so it costs nothing unless the node check failed.
    """
    anchors: dict[str, int] = {}
    open_anchors: set[str] = set()
    stack: list[list] = []
    total = 0
    for event in yaml.parse(data, Loader=_Base):
        kind = type(event)
        if kind is AliasEvent:
            if event.anchor in open_anchors:
                return event.start_mark, event.anchor, True
            grown = anchors.get(event.anchor, 1)
            total += grown
            if total > limit:
                return event.start_mark, event.anchor, False
        elif kind is ScalarEvent:
            grown = 1
            total += 1
            if event.anchor:
                anchors[event.anchor] = 1
        elif kind is SequenceStartEvent or kind is MappingStartEvent:
            total += 1
            stack.append([event.anchor, 1])
            if event.anchor:
                open_anchors.add(event.anchor)
            continue
        elif kind is SequenceEndEvent or kind is MappingEndEvent:
            anchor, grown = stack.pop()
            if anchor:
                anchors[anchor] = grown
                open_anchors.discard(anchor)
        else:
            continue
        if stack:
            stack[-1][1] += grown
    return None


# --- bytes ------------------------------------------------------------------

def check_utf8(data: bytes) -> None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        line, col = line_col(data, e.start)
        raise Problem("E002", line, col,
                      f"file is not valid UTF-8 (byte 0x{data[e.start]:02x} at line {line}, column {col})") from None


def line_col(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and character column of a byte offset into valid UTF-8 data."""
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, len(data[start:offset].decode("utf-8", "replace")) + 1


def too_large(size: int, limit: int) -> str:
    """`file is 12.0 MiB; the limit is 10 MiB` (in bytes for limits under 1 MiB)."""
    if limit < 1 << 20:
        return f"file is {size} bytes; the limit is {limit} bytes"
    # Round up, so a file one byte over 10 MiB does not read "10.0 MiB".
    shown = f"{-(-size * 10 // (1 << 20)) / 10:.1f} MiB"
    if limit % (1 << 20) == 0:
        return f"file is {shown}; the limit is {limit >> 20} MiB"
    return f"file is {shown}; the limit is {limit / (1 << 20):.1f} MiB"
