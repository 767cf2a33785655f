"""Markdown building blocks. `text` is the one escaping helper for text from the org
(textsafe.markdown, the same escaping as the pull-request comment's): the Jinja
environment applies it to every `{{ … }}` (its `finalize`) and it is the `md` filter.
What it returns is `Markup`, which it passes through unchanged, so the helpers below can
return finished Markdown that is not escaped twice.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from ... import textsafe

_SAFE_URL = re.compile(r"^https?://[^\s<>()\[\]|`\"'\\]+$")
_EMPTY = Markup("")


def text(value) -> Markup:
    if isinstance(value, Markup):
        return value
    if value is None:
        return _EMPTY
    return Markup(textsafe.markdown(str(value)))


def code(value) -> Markup:
    """A code span for names Slack or the file format already restricts (channels,
    conventions, paths); anything else is plain escaped text."""
    return Markup(textsafe.markdown_code(value))


def page(label, name: str) -> Markup:
    """A link to a generated page (names come from conventions: always safe)."""
    return Markup(f"[{text(label)}]({name})")


def anchor(kind: str, ident: str) -> Markup:
    """An explicit anchor: GitHub and MkDocs make different IDs from a heading's text,
    so a link to one policy targets this instead. `ident` is an ID from the file (a
    slug), never free text."""
    return Markup(f'<a id="{kind}-{ident}"></a>')


def anchored(label, name: str, kind: str, ident: str) -> Markup:
    """A link to `anchor(kind, ident)` on page `name`."""
    return page(label, f"{name}#{kind}-{ident}")


def url(value, label=None) -> Markup:
    """A link when `value` is a plain http(s) URL; otherwise the escaped text."""
    s = str(value)
    if _SAFE_URL.match(s) and not textsafe.has_control(s):
        shown = text(label) if label is not None else textsafe.link_text(s)
        return Markup(f"[{shown}]({s})")
    return text(s)


def lines(items, empty: str = "—") -> Markup:
    """Several values in one table cell."""
    items = [text(i) for i in items]
    return Markup("<br>".join(items)) if items else text(empty)


def indent(depth: int) -> Markup:
    """A nested list item's indent: four spaces a level, which both GitHub and MkDocs
    (Python-Markdown) read as nesting."""
    return Markup("    " * depth)


def bullets(items) -> Markup:
    return Markup("\n".join(f"- {text(i)}" for i in items))


def table(headers, rows) -> Markup:
    """A GitHub-flavoured table; every row has as many cells as there are headers."""
    out = ["| " + " | ".join(text(h) for h in headers) + " |",
           "|" + "---|" * len(headers)]
    for row in rows:
        if len(row) != len(headers):
            raise ValueError(f"row of {len(row)} cells under {len(headers)} headers")
        out.append("| " + " | ".join(text(c) if c not in ("", None) else "" for c in row)
                   + " |")
    return Markup("\n".join(out))


def fenced(body: str, info: str = "") -> Markup:
    """A fenced block whose fence is longer than any run of backticks in `body`, so
    nothing inside can close it."""
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return Markup(f"{fence}{info}\n{body.rstrip()}\n{fence}")


plain = textsafe.plain  # text for a fenced block: nothing in it is interpreted


# --- Mermaid --------------------------------------------------------------------

def mermaid_label(value) -> str:
    """Text inside a quoted Mermaid label (textsafe.mermaid), quoted."""
    return f'"{textsafe.mermaid(value)}"'


_SHAPES = {"box": "[{}]", "round": "({})", "decision": "{{{}}}", "stadium": "([{}])"}


def flowchart(direction: str, nodes, edges) -> Markup:
    """nodes: (id, label, shape); edges: (from, to, label or "", dotted). IDs are
    made by the caller from positions, never from the org's text."""
    out = [f"flowchart {direction}"]
    for ident, label, shape in nodes:
        out.append(f"  {ident}" + _SHAPES[shape].format(mermaid_label(label)))
    for a, b, label, dotted in edges:
        if dotted:
            arrow = f"-. {mermaid_label(label)} .->" if label else "-.->"
        else:
            arrow = f"-- {mermaid_label(label)} -->" if label else "-->"
        out.append(f"  {a} {arrow} {b}")
    return fenced("\n".join(out), "mermaid")
