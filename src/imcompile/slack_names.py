"""Slack's rules for channel names (conversations.create)."""

from __future__ import annotations

import re

MAX_LENGTH = 80
_ALLOWED = re.compile(r"^[a-z0-9_-]+$")


def problem(name: str) -> str | None:
    """Why Slack would refuse `name`, or None when it is fine."""
    if not name:
        return "is empty"
    if len(name) > MAX_LENGTH:
        return f"is {len(name)} characters long; Slack allows {MAX_LENGTH}"
    if not _ALLOWED.match(name):
        bad = sorted(set(re.sub(r"[a-z0-9_-]", "", name)))
        shown = "".join(bad)
        return (f"has characters Slack refuses ({shown!r}); use lowercase letters, "
                "digits, '-' and '_'")
    if not re.search(r"[a-z0-9]", name):
        return "is made of punctuation only"
    return None
