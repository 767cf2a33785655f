"""The source line under a finding, with a caret under its column, the way compilers
show it:

      12 |   escalate_after: 1.5h
         |                   ^

The line is org text, so it is shown through textsafe.terminal like everything else;
the caret is placed by the width of what is shown before the column (an escaped
control character is several columns wide, a CJK character two).
"""

from __future__ import annotations

import re
import unicodedata

from . import textsafe

# libyaml's line breaks, so that line N here is line N of every finding.
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
WIDEST = 120  # longer lines are shown as a window around the column


def split_lines(source: str) -> list[str]:
    return LINE_BREAK.split(source.removeprefix("\ufeff"))


def width(shown: str) -> int:
    """Terminal columns of text already escaped by textsafe (so no control characters)."""
    total = 0
    for char in shown:
        if unicodedata.combining(char):
            continue
        total += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return total


def _window(line: str, col: int) -> tuple[str, int]:
    """At most WIDEST characters around the column of a long line, and the column in it."""
    if len(line) <= WIDEST:
        return line, col
    start = max(0, min(col - 1 - WIDEST // 2, len(line) - WIDEST))
    part = line[start:start + WIDEST]
    lead = "…" if start else ""
    tail = "…" if start + WIDEST < len(line) else ""
    return lead + part + tail, col - start + len(lead)


class SourceLines:
    def __init__(self, source: str):
        self.lines = split_lines(source)

    def excerpt(self, line: int, col: int) -> list[str]:
        """Two lines, the source line and the caret, or none for a line the file lacks."""
        if not 1 <= line <= len(self.lines):
            return []
        text, col = _window(self.lines[line - 1].rstrip(), col)
        gutter = f"{line:>4} | "
        shown = textsafe.terminal(gutter + text)
        before = textsafe.terminal(gutter + text[:max(col - 1, 0)])
        pad = width(before) - len(gutter)
        return [shown, " " * (len(gutter) - 2) + "| " + " " * pad + "^"]
