"""The CI workflows pass actionlint and only call imcompile for the logic."""

import re
import shutil
import subprocess
from pathlib import Path

import yaml

ACTIONLINT = shutil.which("actionlint") or str(Path(__import__("sys").executable).parent
                                               / "actionlint")


def workflows(root):
    return sorted((root / ".github" / "workflows").glob("*.yml"))


def test_workflows_pass_actionlint(root):
    files = [str(p) for p in workflows(root)]
    assert files
    done = subprocess.run([ACTIONLINT, "-no-color", *files], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.nope }}\n")
    done = subprocess.run([ACTIONLINT, "-no-color", str(bad)], capture_output=True, text=True)
    assert done.returncode == 1 and "nope" in done.stdout


def test_review_workflow_runs_the_checks_a_reviewer_needs(root):
    text = (root / ".github" / "workflows" / "org-review.yml").read_text()
    for command in ("imcompile validate --format github", "imcompile build --check",
                    "imcompile diff --base", "--format markdown"):
        assert command in text
    assert "<!-- imcompile-diff -->" in text, "the comment is found again by its marker"


def test_apply_workflow_applies_stacks_in_manifest_order_then_publishes(root):
    text = (root / ".github" / "workflows" / "org-apply.yml").read_text()
    assert text.index("imcompile apply") < text.index("imcompile publish")
    assert "branches: [main]" in text


def test_pre_commit_hooks_call_real_commands(root):
    from click.testing import CliRunner
    from imcompile.cli import main
    hooks = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text())
    assert {h["id"] for h in hooks} == {"imcompile-validate", "imcompile-build-check"}
    for hook in hooks:
        args = hook["entry"].split()[1:] + ["--help"]
        assert CliRunner().invoke(main, args).exit_code == 0, hook["entry"]
