"""Bad input to `imcompile diff`: an invalid base version is reported under its own
name, out-of-range times and week counts are one-line usage errors, and with
--exit-code no error ever exits 2 (which means "changes")."""

import os
import subprocess

import pytest
from click.testing import CliRunner

from conftest import BASE
from imcompile.cli import main

ORG = BASE + "services:\n  api: {name: Payments API, team: payments, tier: 2}\n"
BROKEN = ORG.replace("team: payments, tier: 2}", "team: paymnts, tier: 2}")
FINDING = "24:35: error E101: unknown team 'paymnts' (did you mean 'payments'?)"


def git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@x"})


def diff(*args):
    return CliRunner().invoke(main, ["diff", *args])


@pytest.fixture
def files(tmp_path, monkeypatch):
    (tmp_path / "org.yaml").write_text(ORG)
    (tmp_path / "BROKEN.yaml").write_text(BROKEN)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_an_invalid_base_file_is_reported_under_its_own_name(files):
    result = diff("--base-file", "BROKEN.yaml", "org.yaml")
    assert result.exit_code == 1
    assert result.output == (
        "error: the base version BROKEN.yaml is invalid, so it cannot be compared:\n"
        f"BROKEN.yaml:{FINDING}\n")


def test_an_absolute_base_file_keeps_its_path(files):
    result = diff("--base-file", str(files / "BROKEN.yaml"), "org.yaml", "--exit-code")
    assert result.exit_code == 1
    assert result.output.splitlines()[1] == f"{files / 'BROKEN.yaml'}:{FINDING}"


def test_an_invalid_base_revision_is_named_as_git_names_it(tmp_path, monkeypatch):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "org.yaml").write_text(BROKEN)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "org")
    (tmp_path / "config" / "org.yaml").write_text(ORG)
    monkeypatch.chdir(tmp_path)
    result = diff("config/org.yaml")
    assert result.exit_code == 1
    assert result.output == (
        "error: the base version HEAD is invalid, so it cannot be compared:\n"
        f"HEAD:config/org.yaml:{FINDING}\n")


@pytest.mark.parametrize("args,message", [
    (["--from", "9999-12-31"], "--from: '9999-12-31' is outside the years 1971 to 8999"),
    (["--from", "9999-12-25T10:00"],
     "--from: '9999-12-25T10:00' is outside the years 1971 to 8999"),
    (["--from", "0001-01-01"], "--from: '0001-01-01' is outside the years 1971 to 8999"),
    (["--from", "2026-02-30"], "--from: '2026-02-30' is not an ISO 8601 time "
                               "(e.g. 2026-03-02T10:00 or 2026-03-02T10:00+01:00)"),
    (["--from", "2026-13-01"], "--from: '2026-13-01' is not an ISO 8601 time "
                               "(e.g. 2026-03-02T10:00 or 2026-03-02T10:00+01:00)"),
    (["--from", "\x1b[31mred"], "--from: '\\x1b[31mred' is not an ISO 8601 time "
                                "(e.g. 2026-03-02T10:00 or 2026-03-02T10:00+01:00)"),
    (["--weeks", "0"], "--weeks: '0' is not a number of weeks from 1 to 52"),
    (["--weeks", "53"], "--weeks: '53' is not a number of weeks from 1 to 52"),
    (["--weeks", "-1"], "--weeks: '-1' is not a number of weeks from 1 to 52"),
    (["--weeks", "9" * 5000], f"--weeks: '{'9' * 5000}' is not a number of weeks from 1 to 52"),
    (["--weeks", "\u0663"], "--weeks: '\u0663' is not a number of weeks from 1 to 52"),
    (["--base", "main", "--base-file", "BROKEN.yaml"], "give --base or --base-file, not both"),
])
def test_bad_options_are_one_line_usage_errors(files, args, message):
    result = diff("--base-file", "org.yaml", "org.yaml", *args) if "--base" not in args \
        else diff("org.yaml", *args)
    assert (result.exit_code, result.output) == (2, f"Error: {message}\n")
    strict = diff("--base-file", "org.yaml", "org.yaml", "--exit-code", *args) \
        if "--base" not in args else diff("org.yaml", "--exit-code", *args)
    assert (strict.exit_code, strict.output) == (1, f"Error: {message}\n")


def test_an_unknown_option_with_exit_code_exits_one_not_two(files):
    assert diff("--exit-code", "--nope").exit_code == 1
    assert diff("--nope").exit_code == 2


@pytest.mark.parametrize("start", ["2026-03-02", "2026-03-02T10:00", "2026-03-02T10:00:00",
                                   "2026-03-02T10:00+01:00", "8999-06-01"])
def test_times_in_range_are_accepted(files, start):
    changed = files / "new.yaml"
    changed.write_text(ORG.replace("Payments API", "Payments"))
    result = diff("--base-file", "org.yaml", str(changed), "--from", start, "--weeks", "52")
    assert result.exit_code == 0, result.output
    assert "Payments API" in result.output


def test_a_ref_that_looks_like_an_option_is_not_passed_to_git(tmp_path, monkeypatch):
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "org.yaml").write_text(ORG)
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "org")
    monkeypatch.chdir(tmp_path)
    result = diff("--base", f"--output={tmp_path / 'written'}")
    assert result.exit_code == 1
    assert result.output == f"error: git ref '--output={tmp_path / 'written'}' does not exist\n"
    assert not (tmp_path / "written").exists()


def test_without_git_the_base_is_one_line(files, tmp_path):
    empty = tmp_path / "no-git"
    empty.mkdir()
    result = CliRunner().invoke(main, ["diff", "org.yaml"], env={"PATH": str(empty)})
    assert result.exit_code == 1
    assert result.output == ("error: git is not installed or not on PATH; use --base-file "
                             "to compare two files\n")
