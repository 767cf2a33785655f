"""IDs for imported objects: slugs of their names, unique, the same for the same account."""

from __future__ import annotations

import re
import unicodedata

MAX = 56  # the format allows 63; room for a "-NN" clash suffix
# Letters NFKD does not take apart into a base letter and an accent.
_LETTERS = str.maketrans({"ß": "ss", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe",
                          "Œ": "oe", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d",
                          "Ð": "d", "þ": "th", "Þ": "th", "ı": "i", "ħ": "h"})


def slugify(text: str) -> str:
    """`Zoë Müller` -> `zoe-muller`; scripts without Latin letters give ''."""
    flat = unicodedata.normalize("NFKD", (text or "").translate(_LETTERS))
    ascii_text = "".join(c for c in flat if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:MAX].rstrip("-")


def assign(items: list[tuple[str, str, str]], taken: set[str] | None = None) -> dict[str, str]:
    """{key: unique slug} for (key, name, fallback) triples.

    The slug is the name's, else the fallback's (an email's local part, a kind and an
    ID). Clashes are settled by sorting on (slug, key): the first keeps the slug, the
    others get -2, -3… in that order, so re-importing the same account gives the same
    IDs whatever order the API listed the objects in.
    """
    taken = set() if taken is None else taken
    wanted = []
    for key, name, fallback in items:
        base = slugify(name) or slugify(fallback) or "x"
        if not base[0].isalnum():
            base = "x" + base
        wanted.append((base, key))
    out: dict[str, str] = {}
    bases = {base for base, _ in wanted}
    for base, key in sorted(wanted):
        slug, n = base, 1
        while slug in taken or (slug != base and slug in bases):
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        out[key] = slug
    return out
