"""A table of malformed org files: each gives its exact diagnostic, its exit status,
no traceback, and writes nothing."""

import os

import pytest
from click.testing import CliRunner

from conftest import BASE
from imcompile.cli import main
from malformed_cases import CASES


def org_source(src):
    if isinstance(src, (str, bytes)):
        return src
    text = BASE
    for old, new in src.get("sub", []):
        assert text.count(old) == 1, f"case substitution {old!r} must match BASE once"
        text = text.replace(old, new)
    return text + src.get("add", "")


def run_in(tmp_path, data, *args):
    path = tmp_path / "org.yaml"
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        return CliRunner().invoke(main, list(args) + ["org.yaml"])
    finally:
        os.chdir(cwd)


def test_there_are_at_least_forty_cases():
    assert len(CASES) >= 40
    assert len({name for name, *_ in CASES}) == len(CASES)


@pytest.mark.parametrize("name,src,status,expected", CASES, ids=[c[0] for c in CASES])
def test_malformed_file(tmp_path, name, src, status, expected):
    result = run_in(tmp_path, org_source(src), "validate")
    assert result.exit_code == status, result.output
    assert expected in result.output.splitlines()
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("name,src,status,expected",
                         [c for c in CASES if c[2] == 1], ids=[c[0] for c in CASES if c[2] == 1])
def test_failed_build_writes_nothing(tmp_path, name, src, status, expected):
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run_in(tmp_path, org_source(src), "build")
    assert result.exit_code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(before + ["org.yaml"])
    assert not (tmp_path / "pwned").exists()


def test_every_finding_is_reported_at_once(tmp_path):
    text = org_source({"sub": [("members: [bob, carol]", "members: [bbo, carol]"),
                               ("timezone: Europe/Berlin", "timezone: UTC"),
                               ("carol@acme.example", "Bob@acme.example")]})
    result = run_in(tmp_path, text, "validate")
    codes = [line.split()[2].rstrip(":") for line in result.output.splitlines() if ": error " in line]
    assert sorted(codes) == ["E101", "E104", "E105"]
    assert result.output.splitlines()[-1] == "invalid (3 errors, 1 warning)"
