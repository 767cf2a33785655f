"""The fake PagerDuty REST API v2: real HTTP on 127.0.0.1, PagerDuty's shapes, switches."""

import json
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from imcompile.pagerduty.fake_data import generate
from imcompile.pagerduty.fake_server import FakePagerDuty

ACCOUNT = generate()
AUTH = {"Authorization": "Token token=fake-token",
        "Accept": "application/vnd.pagerduty+json;version=2"}


def get(fake_or_url, path, headers=AUTH):
    url = getattr(fake_or_url, "url", fake_or_url) + path
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as r:
            return r.status, json.loads(r.read()), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read()), dict(e.headers)


@pytest.fixture
def fake():
    with FakePagerDuty(ACCOUNT) as server:
        yield server


def test_classic_pagination(fake):
    status, body, _ = get(fake, "/users?limit=50&offset=100")
    assert status == 200
    assert (len(body["users"]), body["limit"], body["offset"], body["more"], body["total"]) == \
        (20, 50, 100, False, None)
    _, body, _ = get(fake, "/users?limit=500&total=true")
    assert (len(body["users"]), body["limit"], body["more"], body["total"]) == (100, 100, True, 120)


def test_include_expands_integrations_and_schedules_list_without_layers(fake):
    _, plain, _ = get(fake, "/services?limit=1")
    _, full, _ = get(fake, "/services?limit=1&include[]=integrations")
    assert plain["services"][0]["integrations"][0]["type"].endswith("_reference")
    assert "name" in full["services"][0]["integrations"][0]
    _, listed, _ = get(fake, "/schedules?limit=1")
    assert "schedule_layers" not in listed["schedules"][0]
    sid = listed["schedules"][0]["id"]
    _, one, _ = get(fake, f"/schedules/{sid}")
    assert one["schedule"]["schedule_layers"]


def test_a_wrong_token_gets_401_in_pagerdutys_error_shape(fake):
    status, body, _ = get(fake, "/users", {"Authorization": "Token token=wrong"})
    assert status == 401 and body == {"error": {"message": "Unauthorized", "code": 2006}}
    status, body, _ = get(fake, "/nowhere")
    assert status == 404 and body["error"]["message"] == "Not Found"


def test_rate_limiting_on_demand(fake):
    fake.rate_limit(1, retry_after=3)
    status, body, headers = get(fake, "/teams")
    assert status == 429 and headers["Retry-After"] == "3" and body["error"]["code"] == 2020
    assert get(fake, "/teams")[0] == 200
    assert fake.requests == 2 and fake.count("/teams") == 2


@pytest.mark.parametrize("how", ["close", "500"])
def test_dying_after_some_requests(fake, how):
    fake.die_after(1, how=how)
    assert get(fake, "/priorities")[0] == 200
    if how == "close":
        with pytest.raises((urllib.error.URLError, ConnectionError)):
            get(fake, "/priorities")
    else:
        assert get(fake, "/priorities")[0] == 500


def test_it_listens_on_loopback_only(fake):
    assert fake.url.startswith("http://127.0.0.1:")


def test_started_by_hand_it_prints_its_url_and_stops_when_idle():
    proc = subprocess.Popen([sys.executable, "-m", "imcompile.pagerduty.fake_server", "--port",
                             "0", "--size", "3", "--idle-timeout", "1"],
                            stdout=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline()
        assert first.startswith("fake PagerDuty API at http://127.0.0.1:")
        url = first.split()[4]
        status, body, _ = get(url, "/teams")
        assert status == 200 and len(body["teams"]) == 3
        assert proc.wait(timeout=60) == 0  # stopped by itself once idle
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
