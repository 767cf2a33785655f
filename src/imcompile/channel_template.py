"""The small template language of Slack naming conventions: `alerts-{service}`.

Only plain `{name}` placeholders from a convention's own list are filled in, and
any other brace is an error (Slack refuses braces in channel names, and the incident
convention becomes a Liquid template, where braces are code).  There are no format
specs, attributes or indexes: a convention is org text, and Python's str.format would read
`{team.__class__}` or allocate `{team:>3000000000}`.
"""

from __future__ import annotations

import re
from functools import lru_cache

# What each convention may use, and what it stands for (the docs list these).
PLACEHOLDERS = {
    "team": {"team": "the team's ID"},
    "service": {"service": "the service's ID", "team": "the owning team's ID"},
    "incident": {
        "date": "the day the incident was opened, YYYYMMDD",
        "number": "PagerDuty's incident number",
        "slug": "the incident title in lowercase, spaces as '-', at most 40 characters",
        "severity": "the severity label in lowercase, e.g. sev1",
    },
}

_TOKEN = re.compile(r"\{[^{}]*\}|[{}]|[^{}]+")


class TemplateError(ValueError):
    """Why a convention cannot be used; the message names the culprit."""


@lru_cache(maxsize=256)
def parse(pattern: str, kind: str) -> tuple[tuple[bool, str], ...]:
    """The pieces of `pattern`: (True, placeholder) or (False, literal text)."""
    allowed = PLACEHOLDERS[kind]
    pieces = []
    for token in _TOKEN.findall(pattern):
        if token in ("{", "}"):
            raise TemplateError(f"has a {token!r} that is not part of a placeholder; "
                                f"allowed: {allowed_list(kind)}")
        if token.startswith("{"):
            name = token[1:-1]
            if name not in allowed:
                raise TemplateError(f"uses the unknown placeholder {_cut(token)!r}; "
                                    f"allowed: {allowed_list(kind)}")
            pieces.append((True, name))
        else:
            pieces.append((False, token))
    return tuple(pieces)


def allowed_list(kind: str) -> str:
    return ", ".join("{" + name + "}" for name in PLACEHOLDERS[kind])


def problem(pattern: str, kind: str) -> str | None:
    try:
        parse(pattern, kind)
    except TemplateError as exc:
        return str(exc)
    return None


def render(pattern: str, kind: str, **values: str) -> str:
    """`pattern` with its placeholders filled in; TemplateError if it is not valid."""
    return "".join(values[text] if is_field else text for is_field, text in parse(pattern, kind))


def _cut(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
