"""Half-open intervals [start, end) on one number line: sorted lists of tuples.

`Span` is (start, end); `Tagged` is (start, end, who). Every function takes lists sorted
by start and returns a sorted list, walking its inputs once, so the cost follows the
number of intervals, never the length of time they cover.
"""

from __future__ import annotations

Span = tuple[int, int]
Tagged = tuple[int, int, str]


def union(spans) -> list[Span]:
    """Overlapping and touching spans joined; empty ones dropped. Input in any order."""
    out: list[list[int]] = []
    for item in sorted(spans):
        start, end = item[0], item[1]
        if end <= start:
            continue
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1][1] = end
        else:
            out.append([start, end])
    return [(s, e) for s, e in out]


def intersect(tagged: list, spans: list[Span]) -> list:
    """The parts of `tagged` (with or without a tag) that lie inside `spans`."""
    out = []
    j = 0
    for item in tagged:
        start, end = item[0], item[1]
        while j < len(spans) and spans[j][1] <= start:
            j += 1
        k = j
        while k < len(spans) and spans[k][0] < end:
            lo, hi = max(start, spans[k][0]), min(end, spans[k][1])
            if lo < hi:
                out.append((lo, hi) + tuple(item[2:]))
            k += 1
    return out


def subtract(tagged: list, spans: list[Span]) -> list:
    """The parts of `tagged` outside `spans` (spans non-overlapping, as union() gives)."""
    out = []
    j = 0
    for item in tagged:
        start, end, rest = item[0], item[1], tuple(item[2:])
        while j < len(spans) and spans[j][1] <= start:
            j += 1
        k = j
        while k < len(spans) and spans[k][0] < end:
            if spans[k][0] > start:
                out.append((start, spans[k][0]) + rest)
            start = max(start, spans[k][1])
            k += 1
        if start < end:
            out.append((start, end) + rest)
    return out


def merge_same(tagged: list[Tagged]) -> list[Tagged]:
    """Adjacent intervals of the same person joined into one."""
    out: list[Tagged] = []
    for start, end, who in tagged:
        if out and out[-1][2] == who and out[-1][1] == start:
            out[-1] = (out[-1][0], end, who)
        else:
            out.append((start, end, who))
    return out


def total(spans) -> int:
    return sum(item[1] - item[0] for item in spans)


def overlap(spans_a: list, spans_b: list[Span]) -> int:
    """Length of the time both lists cover (`spans_b` non-overlapping)."""
    return total(intersect(spans_a, spans_b))
