"""Suppressing a finding on purpose, with a reason, the way linters allow.

In the file, as a YAML comment on the line the finding points at, or on a line of its
own just above it (several such lines may be stacked):

    platform-primary:  # imcompile: ignore W130 -- two-person team until March

In the org file, for findings a comment cannot reach:

    lint:
      ignore:
        - {code: W130, path: schedules.platform-primary, reason: two-person team until March}

Only warnings and the errors in SUPPRESSIBLE_ERRORS can be suppressed: they are the
organisation's own standards. Every other error is something PagerDuty would refuse at
apply time, or a file that would not mean what it says, and stays an error.
A suppression gives a reason or does nothing (W190); one that matches no finding is
reported (W191), and so is one naming a code that cannot be suppressed (W192).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

import yaml

from . import yamlsafe
from .codes import LOAD_AND_SCHEMA_CODES
from .diagnostics import WARNING, Diagnostic, format_path
from .snippet import split_lines

# Policies PagerDuty accepts: a tier-1 service with a gap in the calendar, the same
# person primary and secondary, a runbook without a section the org asks for.
SUPPRESSIBLE_ERRORS = frozenset({"E122", "E130", "E131", "E141"})

# code: (summary, help), like codes.LOAD_AND_SCHEMA_CODES
SUPPRESSION_CODES = {
    "W190": ("A suppression gives a reason",
             "`# imcompile: ignore CODE -- reason`, or `reason:` in `lint.ignore`: a "
             "suppression without a reason suppresses nothing, so the next reader knows "
             "why a finding is accepted and until when."),
    "W191": ("A suppression matches a finding",
             "A suppression whose finding is gone (fixed, or moved to another line) "
             "would silently hide the next finding of that code there: remove it."),
    "W192": ("A suppression names a code that can be suppressed",
             "Warnings can be suppressed, and the errors "
             + ", ".join(sorted(SUPPRESSIBLE_ERRORS)) + ", which are the organisation's "
             "own standards. Other errors are what PagerDuty would refuse at apply time, "
             "or a file that would not mean what it says."),
}

SUPPRESSION_HELP = (
    "A finding can be suppressed on one entry, with a reason: a comment "
    "`# imcompile: ignore W130 -- two-person team until March` on the line the finding "
    "points at (or on a line of its own just above it), or an entry of `lint.ignore` "
    "(`{code: W130, path: schedules.platform-primary, reason: …}`, which also covers "
    "findings inside that entry). Warnings can be suppressed, and the errors "
    + ", ".join(sorted(SUPPRESSIBLE_ERRORS)) + "; every other error is something PagerDuty "
    "would refuse, or a file that would not mean what it says. Suppressed findings leave "
    "text output and the exit status, and are listed in JSON (`\"suppressed\": true` "
    "and the `reason`) and SARIF (a `suppressions` entry)."
)

COMMENT = re.compile(r"#\s*imcompile:\s*ignore\b")


@dataclass
class Suppression:
    codes: tuple[str, ...]
    reason: str
    file: str
    line: int  # where it is written
    col: int
    target: int = 0  # the line a comment applies to; 0 for a lint.ignore entry
    path: str = ""  # the YAML path a lint.ignore entry applies to
    entry: tuple = ()  # the lint.ignore entry's own YAML path
    used: bool = False

    def covers(self, d: Diagnostic) -> bool:
        if d.code not in self.codes:
            return False
        if self.target:
            return d.line == self.target
        where = format_path(d.path)
        return where == self.path or where.startswith((self.path + ".", self.path + "["))

    def place(self) -> str:
        return f"line {self.target}" if self.target else self.path


def suppressible(code: str) -> bool:
    if code in SUPPRESSION_CODES or code not in known_codes():
        return False
    return code in SUPPRESSIBLE_ERRORS or code.startswith("W")


def from_comments(source: str, file: str) -> list[Suppression]:
    if "imcompile:" not in source:  # the usual case, and a 10 MiB file is not split
        return []
    lines = split_lines(source)
    candidates = [(i, m) for i, text in enumerate(lines, 1) for m in COMMENT.finditer(text)]
    if not candidates:
        return []
    inside = _scalar_spans(source)
    found, seen = [], set()
    for number, match in candidates:
        col = match.start() + 1
        if number in seen or any(start <= (number, col) < end for start, end in inside):
            continue  # `# imcompile:` inside a string is text, not a comment
        seen.add(number)
        codes, reason = _parse(lines[number - 1][match.end():])
        own_line = not lines[number - 1][:match.start()].strip()
        target = _next_code_line(lines, number) if own_line else number
        found.append(Suppression(codes, reason, file, number, col, target))
    return found


def from_org(spec, doc) -> list[Suppression]:
    found = []
    for i, entry in enumerate(spec.lint.ignore):
        where = ("lint", "ignore", i)
        mark = doc.mark(where)
        found.append(Suppression((entry.code.strip().upper(),), entry.reason.strip(),
                                 doc.file, mark.line, mark.col, path=entry.path.strip(),
                                 entry=where))
    return found


def apply(found: list[Diagnostic], suppressions: list[Suppression]) -> list[Diagnostic]:
    """`found`, with the findings a valid suppression covers marked suppressed."""
    valid = [s for s in suppressions if s.reason and all(suppressible(c) for c in s.codes)]
    out = []
    for d in found:
        by = next((s for s in valid if s.covers(d)), None) if suppressible(d.code) else None
        if by is not None:
            by.used = True
            d = replace(d, suppressed=by.reason)
        out.append(d)
    return out


def problems(suppressions: list[Suppression], complete: bool) -> list[Diagnostic]:
    """W190-W192 about the suppressions themselves. Unused ones are only reported when
    every rule ran (`complete`): an early stop leaves later rules' findings unmade."""
    out = []
    for s in suppressions:
        bad = [c for c in s.codes if not suppressible(c)]
        if not s.codes:
            out.append(_finding(s, "W192", "a suppression names no code: write "
                                           "`# imcompile: ignore W130 -- reason`"))
        elif bad:
            out.append(_finding(s, "W192", _refusal(bad[0])))
        elif not s.reason:
            how = "add `reason:`" if s.entry else f"write `-- why` after {s.codes[-1]}"
            out.append(_finding(s, "W190", f"suppression of {', '.join(s.codes)} gives no "
                                           f"reason, so it suppresses nothing: {how}"))
        elif complete and not s.used:
            out.append(_finding(s, "W191", f"unused suppression: no {' or '.join(s.codes)} "
                                           f"finding at {s.place()}"))
    return out


def _refusal(code: str) -> str:
    if code not in known_codes():
        near = did_you_mean_code(code)
        return f"unknown code {code!r} in a suppression" + (f" ({near})" if near else "")
    return (f"{code} cannot be suppressed: only warnings and "
            f"{', '.join(sorted(SUPPRESSIBLE_ERRORS))} can (imcompile explain {code})")


def _finding(s: Suppression, code: str, message: str) -> Diagnostic:
    return Diagnostic(s.file, s.line, s.col, code, WARNING, message, s.entry)


def _parse(rest: str) -> tuple[tuple[str, ...], str]:
    codes_part, _, reason = rest.partition("--")
    codes = tuple(c.upper() for c in re.split(r"[\s,]+", codes_part.strip()) if c)
    return codes, reason.strip()


def _next_code_line(lines: list[str], number: int) -> int:
    """The first line after `number` that is not a comment of its own."""
    for i in range(number, len(lines)):
        if not lines[i].lstrip().startswith("#"):
            return i + 1
    return number


def _scalar_spans(source: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(line, col) ranges of every scalar, block scalars included, to tell a comment
    from text that looks like one."""
    spans = []
    try:
        for token in yaml.scan(source, Loader=yamlsafe.Loader):
            if isinstance(token, yaml.ScalarToken):
                s, e = token.start_mark, token.end_mark
                spans.append(((s.line + 1, s.column + 1), (e.line + 1, e.column + 1)))
    except yaml.YAMLError:
        pass  # the loader has reported it; what was scanned stands
    return spans


def did_you_mean_code(code: str) -> str:
    """A code that starts with what was written (W13 → W130), else the closest one."""
    from .rules import did_you_mean
    known = sorted(known_codes())
    started = [k for k in known if code and k.startswith(code)]
    return f"did you mean {started[0]!r}?" if started else did_you_mean(code, known)


@cache
def known_codes() -> frozenset[str]:
    from .rules import all_rules
    return frozenset({r.code for r in all_rules()} | set(LOAD_AND_SCHEMA_CODES)
                     | set(SUPPRESSION_CODES))
