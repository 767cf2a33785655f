"""The one layer between text from the org and the people who read it: terminals and
CI logs, GitHub workflow annotations, Markdown (the pull-request comment and the wiki)
and Mermaid labels.

Every string in org.yaml is hostile, and so is every string read from a PagerDuty
account (import, drift), which never went through `validate`. Each function here takes
such a string and returns one that shows the same text and does nothing else: no
terminal escape sequence, no GitHub Actions workflow command, no Markdown link, image,
mention or heading, no Mermaid directive.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from html import escape as html_escape

# What a terminal, a log viewer or an editor acts on instead of showing: C0 (NUL, ESC,
# CR, LF, TAB, ...), DEL, C1 (0x9b is a CSI on its own), the Unicode line and paragraph
# separators, the bidirectional controls that reorder what is shown ("Trojan Source":
# U+202A-202E, U+2066-2069, and the marks U+200E, U+200F, U+061C) and lone surrogates,
# which cannot even be written as UTF-8. Other format characters (the zero-width joiner
# inside emoji, for one) are left alone: they change no meaning.
_BEYOND_C0 = ("\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
              "\ud800-\udfff")
CONTROL = re.compile(f"[\x00-\x1f{_BEYOND_C0}]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _shown(match: re.Match) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def has_control(value: str) -> bool:
    return CONTROL.search(value) is not None


def controls(value) -> str:
    """Control characters shown as `\\x1b`, `\\n`, `\\u202e`; nothing else changed."""
    return CONTROL.sub(_shown, str(value))


# --- terminals and CI logs ------------------------------------------------------------

# The GitHub Actions runner reads a line as a workflow command when, after leading
# spaces, it starts with `::` (`::error::`, `::add-mask::`, `::stop-commands::`), and,
# in the legacy form, when `##[` is anywhere in it (`##[error]`, `##[stop-commands]`).
# Writing one character of either as its escape leaves a line the runner only prints.
_LEGACY_COMMAND = "##["


def terminal(value) -> str:
    """One line for a terminal or a CI log: control characters shown as `\\x1b`, `\\n`,
    `\\u202e` (so nothing can start a line of its own), and no workflow command: a
    leading `::` is written `\\x3a:`, a `##[` is written `##\\x5b`."""
    s = controls(value)
    if s.lstrip().startswith("::"):
        i = s.index(":")
        s = f"{s[:i]}\\x3a{s[i + 1:]}"
    if _LEGACY_COMMAND in s:
        s = s.replace(_LEGACY_COMMAND, "##\\x5b")
    return s


def terminal_lines(lines) -> str:
    """Lines of a report joined: each is one line, whatever its parts held."""
    return "\n".join(terminal(line) for line in lines)


# JSON escapes C0 itself; with ensure_ascii=False it leaves DEL, C1, the separators,
# the bidi controls and lone surrogates raw, and a terminal showing the JSON acts on them.
_JSON_RAW = re.compile(f"[{_BEYOND_C0}]")


def json_text(data, **options) -> str:
    """`json.dumps` that keeps readable non-ASCII (names in any script) but writes the
    characters above as `\\uXXXX`: the same JSON value, nothing raw for a terminal and
    no legacy workflow command. (A JSON line starts with a quote or a bracket, never
    with `::`.)"""
    out = json.dumps(data, ensure_ascii=False, **options)
    out = _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", out)
    # `##[` can only be inside a string here: `\\u005b` is the same `[` to a JSON reader.
    return out.replace(_LEGACY_COMMAND, "##\\u005b")


# --- GitHub Actions workflow commands ---------------------------------------------------

def github_data(value) -> str:
    """The message of `::error file=…::MESSAGE`: control characters shown escaped,
    then GitHub's own escaping of the message (`%`, CR, LF)."""
    s = terminal(value)
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(value) -> str:
    """A property value (`file=`, `title=`): as a message, and `:` and `,` too, which
    would end the property list or the property (GitHub's escapeProperty)."""
    return github_data(value).replace(":", "%3A").replace(",", "%2C")


# --- Markdown ------------------------------------------------------------------------

_PUNCT = re.compile(r"([\\`*_\[\]|~#])")
_LINE_START = re.compile(r"^([-+=])|^(\d+)([.)])")
_SAFE_CODE = re.compile(r"^[A-Za-z0-9_.:/#{}@+-]+$")
# GitHub links mentions, issue references and bare URLs after rendering, in the text
# a backslash escape leaves behind, so escaping the character does not stop them.
# A zero-width space after `@` (where GitHub would read a mention) or after `#` (before
# a number) breaks its pattern, the way bots that quote release notes avoid pinging
# people: the text reads the same, nobody is notified, no issue is cross-referenced.
# It is written as the entity `&#8203;` so the Markdown files hold no invisible
# characters (GitHub warns about those in a file).
ZWSP = "&#8203;"
_MENTION = re.compile(r"(?<![A-Za-z0-9_])@")
_ISSUE = re.compile(r"\\#(?=\d)")
# A bare `http://…` or `www.…` is linked by GitHub (GFM autolinks): break the scheme's
# `://` with the same zero-width space, and escape the dot after `www` (both CommonMark
# and MkDocs take `\.`).
_SCHEME = re.compile(r"(?<=[A-Za-z0-9]):(?=//)")
_WWW = re.compile(r"(?i)\b(www)\.")


def markdown(value: str) -> str:
    """Text from the org as Markdown that shows exactly that text, on one line: it
    cannot end a table row or a list item (newlines), open HTML (`<`, `&`), start a code
    span, a link or image (`[`), emphasis, a heading or a list item, mention anyone,
    reference an issue or become a bare link; control characters are shown escaped."""
    return _markdown(value, True)


def link_text(value: str) -> str:
    """As `markdown`, for the text of a link, where GitHub links nothing else (a URL
    shown as its own link's text stays as it is written)."""
    return _markdown(value, False)


@lru_cache(maxsize=1 << 16)  # names repeat on every page: escape each once
def _markdown(value: str, autolinks: bool) -> str:
    s = controls(" ".join(value.split()))  # a newline would end a table row or a list item
    if "&" in s or "<" in s or ">" in s:
        s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _PUNCT.sub(r"\\\1", s)
    if s and (s[0] in "-+=" or s[0].isdigit()):
        s = _LINE_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1)
                            else f"{m.group(2)}\\{m.group(3)}", s)
    if "@" in s:
        s = _MENTION.sub("@" + ZWSP, s)
    if "#" in s:
        s = _ISSUE.sub("\\#" + ZWSP, s)
    if autolinks and "://" in s:
        s = _SCHEME.sub(":" + ZWSP, s)
    if autolinks and "." in s:
        s = _WWW.sub(r"\1\\.", s)
    return s


def markdown_code(value) -> str:
    """A code span for values the file format already restricts (IDs, channels, paths);
    anything else is escaped text."""
    s = str(value)
    return f"`{s}`" if _SAFE_CODE.match(s) else markdown(s)


def plain(value) -> str:
    """Text for a fenced block, where nothing is interpreted: one line, control
    characters shown escaped."""
    return controls(" ".join(str(value).split()))


def html(value) -> str:
    """Text for HTML that a tool inserts unescaped (MkDocs' themes put `site_name` and
    nav titles into pages as they are): one line, `&<>"'` as entities."""
    return html_escape(plain(value), quote=True)


# --- Mermaid -------------------------------------------------------------------------

# Mermaid's entity codes (`#34;`, decoded inside labels) for what would end a quoted
# label (`"`), be read as HTML or a Markdown string, or start a directive or comment:
# Mermaid finds `%%{init: …}%%` anywhere in the diagram, not just at a line's start.
_MERMAID = str.maketrans({c: f"#{ord(c)};" for c in "#&\"<>`|%;"})


def mermaid(value) -> str:
    """Text for inside a quoted Mermaid label: one line, control characters shown
    escaped, the characters above as entity codes."""
    return plain(value).translate(_MERMAID)
