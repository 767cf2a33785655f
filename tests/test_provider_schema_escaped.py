"""Escaped org text is text: the conformance check still checks its type; only a live
Terraform interpolation is exempt."""

from __future__ import annotations

import json

import pytest

from imcompile.generators.terraform.escape import template
from imcompile.provider_schema import check


def _policy(num_loops) -> dict:
    body = {"name": "Payments", "num_loops": num_loops,
            "rule": [{"escalation_delay_in_minutes": 15,
                      "target": [{"id": "PUSER01", "type": "user_reference"}]}]}
    return {"resource": {"pagerduty_escalation_policy": {"payments": body}}}


@pytest.mark.parametrize("text", ["${var.loops}", "$${x}", "a\r${b}", "${", "x$${y}"])
def test_escaped_text_where_a_number_belongs_is_reported(text: str) -> None:
    value = template(text)
    assert check(_policy(value)) == [
        f'pagerduty_escalation_policy.payments: "num_loops" must be a number, '
        f'got {json.dumps(value)}']


@pytest.mark.parametrize("expr", ["${var.loops}", "$${x}${var.loops}",
                                  '${data.terraform_remote_state.core.outputs.n["a"]}'])
def test_live_interpolations_are_exempt(expr: str) -> None:
    assert check(_policy(expr)) == []

