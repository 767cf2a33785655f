"""Drift of the tier tags: each managed escalation policy carries the tag of the most
critical tier it pages for, and no other tier's.

The org file gives tags no pagerduty_id: they are matched by label, which PagerDuty
keeps unique, so a tag made by an earlier apply is simply found again."""

from __future__ import annotations

from ..conventions import TIER_TAG
from .findings import MISSING, OUTSIDE, Finding


def compare_tags(run, policies: set[str]) -> None:
    """`run` is compare._Compare; `policies` the PagerDuty IDs of the managed policies."""
    account = run.account
    by_label = {t.get("label"): t for t in account.tags}
    labels = {}  # plan tag name -> label
    for r in run.resources("pagerduty_tag"):
        label = labels[r.name] = r.attrs["label"]
        tag = by_label.get(label)
        if tag is None:
            run.findings.append(Finding(MISSING, "tag", label, r.name,
                                        why="not in PagerDuty: the next apply creates it"))
        else:
            run.resolved[("pagerduty_tag", r.name)] = tag["id"]
    want = set()
    for r in run.resources("pagerduty_tag_assignment"):
        policy = run.ref(r.attrs["entity_id"])
        if policy in policies:  # a policy missing from PagerDuty is reported itself
            want.add((labels[r.attrs["tag_id"].name], policy))
    label_of = {t["id"]: t.get("label") for t in account.tags}
    have = {(label_of[tag], policy) for tag, found in account.tagged.items()
            for policy in found if policy in policies and TIER_TAG.fullmatch(label_of[tag])}
    for label, policy in sorted(want - have, key=_order(run)):
        run.findings.append(Finding(MISSING, "tag assignment", f"{label} on {run.show(policy)}",
                                    pd_id=policy, why="the next apply assigns it"))
    for label, policy in sorted(have - want, key=_order(run)):
        run.findings.append(Finding(
            OUTSIDE, "tag assignment", f"{label} on {run.show(policy)}", pd_id=policy,
            why="a tier the org file does not give this policy: Terraform leaves it, and "
                "the policy shows under both tiers"))


def _order(run):
    return lambda pair: (run.show(pair[1]).casefold(), pair[0])
