"""Org text never becomes Terraform code: the one escaping layer at the Terraform boundary.

Terraform reads every string value in a `.tf.json` as a template: `${...}` is evaluated
and `%{...}` is a directive, so a description such as `${file("/etc/passwd")}` would be
run by `terraform plan`. The distinction between text and code is made by type, not by
looking at the text:

- In a `Plan`, every `str` is text (names, descriptions, constants) and every `Ref` is a
  reference. `literals()` wraps each `str` as a `Literal` before the stacks are split; the
  split then turns Refs into plain-`str` expressions such as `${pagerduty_team.x.id}`.
- `Shield` hands the CDK a placeholder for each Literal (the CDK would otherwise read
  `${TfToken[...]}` in org text as one of its own tokens) and, in the synthesized JSON,
  puts back the text escaped for Terraform (`template()`).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import replace

from .plan import Plan

# HCL template escapes: `$${` reads as `${` and `%%{` as `%{`; a `$` or `%` not followed
# by `{` is itself, so doubling only the one before `{` is exact (`$${` -> `$$${`).
_OPENER = re.compile(r"([$%])\{")
# Carriage returns, with the `$`s just before them (which would otherwise turn the
# interpolation below into an escape).
_CR = re.compile(r"(\$*)(\r+)")


class Literal(str):
    """Text that must reach the provider exactly as written."""

    __slots__ = ()


def template(text: str) -> str:
    """The Terraform template whose value is `text`."""
    return _CR.sub(_carriage_return, _OPENER.sub(r"\1\1{", text))


def _carriage_return(found: re.Match) -> str:
    # After a carriage return not followed by a line feed, Terraform's scanner stops
    # reading escapes (`\r$${x}` reads as `\r$$${x}`). Written as an interpolation of a
    # quoted string, `${"\r"}`, CR reads as itself. This is the only `${` that escaped
    # text contains, and it holds no name, only `$` and `\r`.
    dollars, returns = found.groups()
    return '${"' + dollars + "\\r" * len(returns) + '"}'


def literals(plan: Plan) -> Plan:
    """The plan with every string attribute marked as text; References stay as they are.
    (Import IDs are always text: synthesis escapes them where it writes import blocks.)"""
    resources = [replace(r, attrs=_mark(r.attrs)) for r in plan.resources]
    return replace(plan, resources=resources)


def _mark(value):
    kind = type(value)
    if kind is str:
        return Literal(value)
    if kind is dict:
        return {k: _mark(v) for k, v in value.items()}
    if kind is list:
        return [_mark(v) for v in value]
    return value


class Shield:
    """Placeholders for Literals on the way into the CDK, escaped text on the way out."""

    def __init__(self) -> None:
        # A fresh nonce per synthesis: nothing the CDK writes can equal a placeholder.
        self._prefix = f"imcompile-literal-{secrets.token_hex(8)}-"
        self._texts: dict[str, str] = {}

    def hide(self, value):
        kind = type(value)
        if kind is Literal:
            placeholder = f"{self._prefix}{len(self._texts)}"
            self._texts[placeholder] = template(value)
            return placeholder
        if kind is dict:
            return {k: self.hide(v) for k, v in value.items()}
        if kind is list:
            return [self.hide(v) for v in value]
        return value

    def reveal(self, value):
        """`value` (synthesized JSON) with each placeholder replaced by its escaped text."""
        kind = type(value)
        if kind is str:
            text = self._texts.get(value)
            if text is not None:
                return text
            if self._prefix in value:
                raise RuntimeError(f"the CDK altered a placeholder: {value[:120]!r}")
            return value
        if kind is dict:
            return {k: self.reveal(v) for k, v in value.items()}
        if kind is list:
            return [self.reveal(v) for v in value]
        return value
