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
PLAIN = ""  # the tag the loader gives untagged plain scalars (see _Loader)

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


# --- alias expansion (billion laughs) ---------------------------------------

class AliasCycle(Exception):
    """A collection contains an alias to itself."""


def expanded_size(root) -> tuple[int, int]:
    """(nodes after expanding every alias, distinct nodes), without expanding.

    Sizes are memoised per node, so the cost is linear in the distinct nodes
    even when they expand to billions.
    """
    sizes: dict[int, int] = {}
    active: set[int] = set()
    distinct = 1

    def size(node) -> int:
        nonlocal distinct
        key = id(node)
        known = sizes.get(key)
        if known is not None:
            return known
        if key in active:
            raise AliasCycle
        active.add(key)
        total = 1
        if type(node) is MappingNode:
            for k, v in node.value:
                distinct += 2
                total += (1 if type(k) is ScalarNode else size(k))
                total += (1 if type(v) is ScalarNode else size(v))
        else:
            for item in node.value:
                distinct += 1
                total += 1 if type(item) is ScalarNode else size(item)
        active.discard(key)
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
