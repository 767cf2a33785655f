"""Strict YAML loading: plain data, the line and column of every node, and
diagnostics for what YAML would otherwise let through silently.

Scalars follow the YAML 1.2 core schema (`no` and `10:00` stay strings, but
are reported because YAML 1.1 tools read them as false and 600).  Codes:

  E001 invalid YAML            E007 duplicate key
  E002 not UTF-8               E008 YAML 1.1 boolean (yes/no/on/off/y/n)
  E003 file too large          E009 YAML 1.1 sexagesimal (10:00)
  E004 top level not a mapping E010 merge key (<<)
  E005 alias expansion         E011 key is not a plain value
  E006 tag not allowed         E014 control character in a string

E001-E005 raise LoadError; the others are collected in Document.diagnostics.
"""

from __future__ import annotations

import gc
import re
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NamedTuple

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from . import control_chars
from . import yamlsafe as ys
from .diagnostics import ERROR, Diagnostic
from .yamlsafe import BOOLS_11, MISSING, NUMBER_START, PLAIN, STR, WORDS

MAX_BYTES = 10 * 1024 * 1024
BOM = b"\xef\xbb\xbf"
TOP_LEVEL = "the top level must be a mapping of keys such as apiVersion, kind, metadata"


class Mark(NamedTuple):
    line: int  # 1-based
    col: int  # 1-based


ROOT_MARK = Mark(1, 1)
_new = tuple.__new__  # Mark(l, c) without NamedTuple's Python-level __new__


@dataclass
class Document:
    """A loaded org file.

    `positions` and `key_positions` map a path (keys and list indices from
    the root; () is the root) to the Mark of the value and of its key.  A
    loaded document builds them on first use, by parsing its bytes again:
    100k marks would be a third of the cost of loading, and a valid file
    never needs them.
    """

    file: str
    data: dict
    positions: dict = field(default_factory=dict)  # path -> Mark of the value
    key_positions: dict = field(default_factory=dict)  # path -> Mark of the key
    diagnostics: list = field(default_factory=list)

    def __getattr__(self, name):
        # Only reached for attributes not yet set: positions and key_positions
        # of a loaded document before their first use.
        index = self.__dict__.pop("_index", None) if name in ("positions", "key_positions") else None
        if index is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        self.positions, self.key_positions = index()
        return self.__dict__[name]

    def mark(self, path) -> Mark:
        """Where the value at `path` starts, or its nearest known ancestor."""
        path = tuple(path)
        if not path:
            return ROOT_MARK
        positions = self.positions
        while path:
            found = positions.get(path)
            if found is not None:
                return found
            path = path[:-1]
        return ROOT_MARK

    def key_mark(self, path) -> Mark:
        """Where the key of the entry at `path` starts, else mark(path)."""
        path = tuple(path)
        return (self.key_positions.get(path) if path else None) or self.mark(path)


class LoadError(Exception):
    """Loading cannot continue; `.diagnostic` says why and where."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.text())
        self.diagnostic = diagnostic


def load_file(path, max_bytes: int = MAX_BYTES) -> Document:
    """Load an org file from disk. OSError (missing file etc.) propagates."""
    name = os.fspath(path)
    with open(name, "rb") as f:
        size = os.fstat(f.fileno()).st_size  # 0 for pipes: the read below still stops
        data = f.read(max_bytes + 1) if size <= max_bytes else b""
        if size > max_bytes or len(data) > max_bytes:
            raise _fatal(str(name), "E003", 1, 1, ys.too_large(max(size, len(data)), max_bytes))
    return load_text(data, file=str(name), max_bytes=max_bytes)


def load_text(text_or_bytes, file: str = "org.yaml", max_bytes: int = MAX_BYTES) -> Document:
    """Load an org file from its text (str) or its raw bytes."""
    if isinstance(text_or_bytes, str):
        if len(text_or_bytes) > max_bytes:  # cheap early exit: each char is a byte or more
            raise _fatal(file, "E003", 1, 1, ys.too_large(len(text_or_bytes.encode("utf-8", "surrogatepass")), max_bytes))
        try:
            data = text_or_bytes.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            data = text_or_bytes.encode("utf-8", "surrogatepass")
    else:
        data = bytes(text_or_bytes)
    if len(data) > max_bytes:
        raise _fatal(file, "E003", 1, 1, ys.too_large(len(data), max_bytes))
    if data.startswith(BOM):
        data = data[3:]
    try:
        ys.check_utf8(data)
        with _gc_paused():
            root = ys.compose(data)
            builder = _Builder(file, data)
            doc = Document(file, builder.build(root), diagnostics=builder.diagnostics)
            del root  # freed now, while no collection can walk it
    except ys.Problem as problem:
        raise _fatal(file, *problem.args) from None
    del doc.positions, doc.key_positions
    doc._index = lambda: _index(file, data)
    if control_chars.may_hold_any(data):
        doc.diagnostics += control_chars.find(doc)
    return doc


def _index(file: str, data: bytes) -> tuple[dict, dict]:
    """positions and key_positions, from a second parse of the same bytes."""
    builder = _Builder(file, data, index=True)
    try:
        with _gc_paused():
            builder.build(ys.compose(data))
    except ys.Problem:  # only if called from a deeper stack than load_text (nesting too deep)
        pass  # what was recorded stands; mark() falls back to ancestors
    return builder.positions, builder.key_positions


@contextmanager
def _gc_paused():
    """Composing allocates ~100k linked objects: collections would double the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _fatal(file, code, line, col, message, hint="") -> LoadError:
    return LoadError(Diagnostic(file, line, col, code, ERROR, message, (), hint))


class _Builder:
    """Walks the composed nodes, building plain values.

    With index=False it also collects findings; with index=True it records
    the marks of every value and key instead (Document builds that lazily).
    """

    def __init__(self, file: str, data: bytes, index: bool = False):
        self.file = file
        self.data = data
        self.index = index
        self.positions: dict = {}
        self.key_positions: dict = {}
        self.diagnostics: list = []
        self._reported: set = set()

    def build(self, root):
        if root is None or (root.tag == PLAIN and root.value == ""):
            raise ys.Problem("E004", 1, 1, "the file is empty")
        if not self.index and b"*" in self.data and b"&" in self.data:
            ys.check_aliases(root, self.data)
        try:
            value = self.value(root, ())
        except RecursionError:
            raise ys.Problem("E001", 1, 1, "invalid YAML: nesting is too deep") from None
        self.positions[()] = ROOT_MARK  # the root stands for the whole file
        if isinstance(value, dict):
            return value
        diagnostics = self.diagnostics
        if diagnostics and diagnostics[-1].code == "E006" and diagnostics[-1].path == ():
            return {}  # a disallowed tag on the root; E006 says so
        what = {list: "a list", str: "a string", bool: "true/false", type(None): "null"}
        sm = root.start_mark
        raise ys.Problem("E004", sm.line + 1, sm.column + 1, f"{TOP_LEVEL}; found {what.get(type(value), 'a number')}")

    def report(self, node, path, code: str, message: str) -> None:
        sm = node.start_mark
        where = (sm.line + 1, sm.column + 1, code)
        if where in self._reported:  # the same node reached again through an alias
            return
        self._reported.add(where)
        self.diagnostics.append(Diagnostic(self.file, where[0], where[1], code, ERROR, message, path))

    def value(self, node, path):
        if self.index:
            sm = node.start_mark
            self.positions[path] = _new(Mark, (sm.line + 1, sm.column + 1))
        tag = node.tag
        kind = type(node)
        if kind is ScalarNode:
            if tag == PLAIN:
                return self.plain(node, path)
            if tag == STR:
                return node.value
        elif tag == ys.MAP and kind is MappingNode:
            return self.mapping(node, path)
        elif tag == ys.SEQ and kind is SequenceNode:
            return self.sequence(node, path)
        value = self.tagged(node, path)
        return None if value is MISSING else value

    def plain(self, node, path):
        value, code, number = ys.plain(node.value)
        if code == "E008":
            self.report(node, path, code, f'"{value}" is a boolean in YAML 1.1 and a string in YAML 1.2; '
                                          f'quote it ("{value}") or write true/false')
        elif code == "E009":
            # "9:00" quoted is still not a time of day (E022): suggest the padded form.
            quoted = f"0{value}" if re.fullmatch(r"[0-9]:[0-9]{2}", value) else value
            self.report(node, path, code, f'{value} must be quoted ("{quoted}"): YAML 1.1 reads it as the number {number}')
        return value

    def tagged(self, node, path):
        """A node with an explicit tag: only the standard plain-data tags pass.

        Returns MISSING after reporting E006 for any other tag.
        """
        tag = node.tag
        shown = ys.show_tag(tag)
        if tag in ys.SCALAR_TAGS or tag in (ys.MAP, ys.SEQ):
            if type(node) is not ScalarNode or tag in (ys.MAP, ys.SEQ):
                self.report(node, path, "E006", f"tag {shown} does not fit {ys.kind_of(node)}")
                return MISSING
            value = ys.explicit(tag, node.value)
            if value is MISSING:
                self.report(node, path, "E006", f'"{node.value}" is not a valid {shown}')
            return value
        self.report(node, path, "E006", f"tag {shown} is not allowed; the org file holds plain data only")
        return MISSING

    def key(self, knode, path):
        """The Python key for a key node, or MISSING (reported) when it cannot be one."""
        if type(knode) is not ScalarNode:
            self.report(knode, path, "E011", "a mapping key must be a plain value")
            return MISSING
        tag = knode.tag
        if tag == PLAIN:
            if knode.value == "<<":
                self.report(knode, path, "E010", "merge keys (<<) are not supported; write the keys out")
                return MISSING
            key = self.plain(knode, path)
        elif tag == STR:
            return knode.value
        else:
            key = self.tagged(knode, path)
        if key is None or type(key) is float:
            shown = "null" if key is None else knode.value
            self.report(knode, path, "E011",
                        f"a mapping key must be a plain value: a string, a whole number or true/false; found {shown}")
            return MISSING
        return key

    def first_line(self, node, key) -> int:
        """Line of the first entry of a mapping node whose key is `key` (for E007)."""
        quiet = _Builder(self.file, self.data)
        for knode, _ in node.value:
            if type(knode) is ScalarNode and quiet.key(knode, ()) == key:
                return knode.start_mark.line + 1
        return 1  # not reached

    # mapping() and sequence() inline the common scalar cases of value() and
    # plain(): they run once per node of a 40k-line file.

    def sequence(self, node, path):
        out = []
        append = out.append
        positions = self.positions if self.index else None
        for i, item in enumerate(node.value):
            if type(item) is ScalarNode:
                if positions is not None:
                    sm = item.start_mark
                    positions[path + (i,)] = _new(Mark, (sm.line + 1, sm.column + 1))
                tag = item.tag
                if tag == PLAIN:
                    text = item.value
                    value = WORDS.get(text, MISSING)
                    if value is MISSING:
                        value = self.plain(item, path + (i,)) if text in BOOLS_11 or text[0] in NUMBER_START else text
                    append(value)
                    continue
                if tag == STR:
                    append(item.value)
                    continue
            append(self.value(item, path + (i,)))
        return out

    def mapping(self, node, path):
        out = {}
        index = self.index
        positions = self.positions
        key_positions = self.key_positions
        for knode, vnode in node.value:
            key = knode.value
            # Fast path for plain and quoted text keys; anything else (a list or mapping
            # as key, even one tagged !!str) goes through the full key check.
            if type(knode) is not ScalarNode or knode.tag != STR and (
                    knode.tag != PLAIN or key in WORDS or key in BOOLS_11
                    or key[0] in NUMBER_START or key == "<<"):
                key = self.key(knode, path)
                if key is MISSING:
                    continue
            if key in out:
                first = self.first_line(node, key)
                self.report(knode, path + (key,), "E007",
                            f'duplicate key "{knode.value}" (first defined at line {first})')
                continue
            sub = None  # path + (key,): built only when needed, most values do not
            if index:
                sub = path + (key,)
                sm = knode.start_mark
                key_positions[sub] = _new(Mark, (sm.line + 1, sm.column + 1))
            if type(vnode) is ScalarNode:
                if index:
                    sm = vnode.start_mark
                    positions[sub] = _new(Mark, (sm.line + 1, sm.column + 1))
                tag = vnode.tag
                if tag == PLAIN:
                    text = vnode.value
                    value = WORDS.get(text, MISSING)
                    if value is MISSING:
                        if text in BOOLS_11 or text[0] in NUMBER_START:
                            value = self.plain(vnode, sub or path + (key,))
                        else:
                            value = text
                    out[key] = value
                    continue
                if tag == STR:
                    out[key] = vnode.value
                    continue
            out[key] = self.value(vnode, sub or path + (key,))
        return out
