"""A local runbook stays inside the org file's folder: no absolute path, no `..` out of
it, no symbolic link out of it; and the message for a path outside is the same whether
that place exists or not, so validate cannot be used to probe the machine."""

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import BASE
from imcompile.cli import main
from imcompile.runbooks import inspect

RUNBOOK = "# API\n## Trigger\n## Steps\nLast updated: 2026-11-01\n"
OUTSIDE = "is outside the org file's folder; a local runbook must be a file in it"
ABSOLUTE = "is an absolute path; write it relative to the org file's folder"


@pytest.fixture
def layout(tmp_path):
    """tmp/repo/org.yaml with runbooks/, and tmp/secret/ holding a readable file."""
    repo, secret = tmp_path / "repo", tmp_path / "secret"
    (repo / "runbooks").mkdir(parents=True)
    secret.mkdir()
    (secret / "keys.md").write_text(RUNBOOK, encoding="utf-8")
    (repo / "runbooks" / "api.md").write_text(RUNBOOK, encoding="utf-8")
    return repo, secret


def validate(repo: Path, ref: str):
    org = repo / "org.yaml"
    org.write_text(BASE + "services:\n  api: {name: API, team: payments, tier: 2, "
                          f"runbook: '{ref}'}}\nrunbooks: {{required_sections: [Trigger]}}\n",
                   encoding="utf-8")
    return CliRunner().invoke(main, ["validate", str(org)])


def finding(repo, ref, problem):
    """The finding, then the source line as written and a caret under the runbook."""
    return (f"{repo / 'org.yaml'}:24:54: error E140: runbook '{ref}' of service 'api' "
            f"{problem}\n"
            f"  24 |   api: {{name: API, team: payments, tier: 2, runbook: '{ref}'}}\n"
            f"     | {' ' * 53}^\n"
            "invalid (1 error, 0 warnings)\n")


@pytest.mark.parametrize("ref", ["../../../../etc/passwd", "../secret/keys.md",
                                 "../secret/missing.md", "runbooks/../../secret/keys.md",
                                 "../../../../no/such/place.md", "..", "./../repo2/x.md"])
def test_dot_dot_out_of_the_folder_is_refused(layout, ref):
    repo, _ = layout
    result = validate(repo, ref)
    assert result.exit_code == 1
    assert result.output == finding(repo, ref, OUTSIDE)


@pytest.mark.parametrize("ref", ["/etc/passwd", "/no/such/place.md"])
def test_an_absolute_path_is_refused_the_same_way_whether_it_exists(layout, ref):
    repo, _ = layout
    result = validate(repo, ref)
    assert result.exit_code == 1
    assert result.output == finding(repo, ref, ABSOLUTE)


@pytest.mark.parametrize("target", ["/etc/passwd", "/no/such/place.md",
                                    "../../secret/keys.md", "../../secret/missing.md",
                                    "SECRET/keys.md", "SECRET/missing.md"])
def test_a_link_out_of_the_folder_is_refused_whether_its_target_exists(layout, target):
    repo, secret = layout
    target = target.replace("SECRET", str(secret))
    os.symlink(target, repo / "runbooks" / "link.md")
    result = validate(repo, "runbooks/link.md")
    assert result.exit_code == 1
    assert result.output == finding(repo, "runbooks/link.md", OUTSIDE)


@pytest.mark.parametrize("target", ["SECRET", "/no/such/folder"])
def test_a_linked_folder_out_of_the_folder_is_refused(layout, target):
    repo, secret = layout
    os.symlink(target.replace("SECRET", str(secret)), repo / "shared")
    for ref in ("shared/keys.md", "shared/missing.md"):
        assert validate(repo, ref).output == finding(repo, ref, OUTSIDE)


def test_a_link_that_passes_outside_and_comes_back_is_refused(layout):
    # Resolving it would look at tmp/secret: the walk stops at the folder's edge.
    repo, _ = layout
    os.symlink("../../secret/../repo/runbooks/api.md", repo / "runbooks" / "back.md")
    assert validate(repo, "runbooks/back.md").output == \
        finding(repo, "runbooks/back.md", OUTSIDE)


def test_a_loop_of_links_is_an_error(layout):
    repo, _ = layout
    os.symlink("b.md", repo / "runbooks" / "a.md")
    os.symlink("a.md", repo / "runbooks" / "b.md")
    assert validate(repo, "runbooks/a.md").output == \
        finding(repo, "runbooks/a.md", "is a loop of symbolic links")


@pytest.mark.parametrize("ref", ["runbooks/api.md", "./runbooks/../runbooks/api.md",
                                 "runbooks/inside.md", "runbooks/absolute.md",
                                 "linked/api.md"])
def test_paths_and_links_that_stay_inside_are_read(layout, ref):
    repo, _ = layout
    os.symlink("../runbooks/./api.md", repo / "runbooks" / "inside.md")
    os.symlink(os.path.realpath(repo / "runbooks" / "api.md"),
               repo / "runbooks" / "absolute.md")
    os.symlink("runbooks", repo / "linked")
    result = validate(repo, ref)
    assert result.exit_code == 0, result.output
    assert result.output == f"{repo / 'org.yaml'} is valid (0 errors, 0 warnings)\n"


def test_a_missing_file_inside_is_still_reported_as_missing(layout):
    repo, _ = layout
    result = validate(repo, "runbooks/nope.md")
    assert result.output == finding(
        repo, "runbooks/nope.md",
        "does not exist (paths are relative to the org file's folder)")


def test_nothing_outside_is_read_for_the_docs(layout):
    # The runbook index of the wiki shows the sections and date of each runbook.
    repo, secret = layout
    book = inspect("../secret/keys.md", repo, ["Trigger"])
    assert (book.problem, book.headings, book.last_updated) == (OUTSIDE, (), None)
    os.symlink(secret / "keys.md", repo / "runbooks" / "keys.md")
    book = inspect("runbooks/keys.md", repo, ["Trigger"])
    assert (book.problem, book.headings, book.last_updated) == (OUTSIDE, (), None)


def test_a_nul_character_is_refused_before_it_reaches_the_file_system(layout):
    repo, _ = layout
    org = repo / "org.yaml"
    org.write_text(BASE + 'services:\n  api: {name: API, team: payments, tier: 2, '
                          'runbook: "runbooks/api.md\\0x"}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(org)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{org}:24:54: error E014: services.api.runbook holds the control character U+0000 "
        "(NUL); org text may hold none")
