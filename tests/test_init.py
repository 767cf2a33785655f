"""`imcompile init` starts a repository that validates and builds as written."""

import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from imcompile import runbooks, starter
from imcompile.cli import main
from imcompile.jsonschema_out import schema_text
from test_workflows import ACTIONLINT

FLAGS = ["--yes", "--company", "Acme Corp", "--timezone", "Europe/Berlin",
         "--team", "Payments"]
WRITTEN = {"org.yaml", "schemas/org.v1.schema.json", "runbooks/TEMPLATE.md",
           ".pre-commit-config.yaml", ".github/workflows/org-review.yml",
           ".github/workflows/org-apply.yml"}


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def files_in(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("IMCOMPILE_TODAY", "2026-12-01")
    return tmp_path


def test_init_then_validate_and_build_pass_in_an_empty_folder(here):
    done = run("init", *FLAGS)
    assert done.exit_code == 0, done.output
    assert files_in(here) == WRITTEN
    assert "wrote org.yaml" in done.output
    assert run("validate").output == "org.yaml is valid (0 errors, 0 warnings)\n"
    built = run("build")
    assert built.exit_code == 0, built.output
    home = (here / "generated" / "docs" / "Home.md").read_text()
    assert "Acme Corp" in home
    assert "team-payments" in (here / "generated" / "slack" / "channels.json").read_text()


def test_org_file_names_the_schema_file_it_comes_with(here):
    run("init", *FLAGS)
    first = (here / "org.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=schemas/org.v1.schema.json"
    assert (here / "schemas/org.v1.schema.json").read_text() == schema_text()


def test_runbook_template_has_every_section_the_org_requires(here):
    run("init", *FLAGS)
    org = yaml.safe_load((here / "org.yaml").read_text())
    required = org["runbooks"]["required_sections"]
    found = runbooks.inspect("runbooks/TEMPLATE.md", here, required)
    assert found.readable and found.missing == () and found.headings
    assert str(found.last_updated) == "2026-12-01"


@pytest.mark.parametrize("company", [
    'Acme "Quoted" Corp', "O'Brien & Sons", "${{ secrets.X }} ${HOME}", "#1: yes",
    "yes", "10:00", "- [x] *bold*", "Ünïcödé 株式会社", "@here <b>x</b>",
])
def test_hostile_company_names_give_a_valid_file_that_reads_back_exactly(here, company):
    done = run("init", "--yes", "--company", company, "--timezone", "Asia/Tokyo",
               "--team", company)
    assert done.exit_code == 0, done.output
    assert run("validate").exit_code == 0
    org = yaml.safe_load((here / "org.yaml").read_text())
    assert org["metadata"]["display_name"] == company
    assert [t["name"] for t in org["teams"].values()] == [company]


def test_company_name_with_a_line_break_is_refused_and_nothing_written(here):
    done = run("init", "--yes", "--company", "Acme\nkind: Evil", "--timezone",
               "Europe/Berlin", "--team", "Ops")
    assert done.exit_code == 1
    assert done.output == ("error: --company: the company name Acme\\nkind: Evil has a "
                           "line break or a control character; give it on one line\n")
    assert files_in(here) == set()


def test_time_zone_abbreviation_is_refused_with_the_zone_meant(here):
    done = run("init", "--yes", "--company", "Acme", "--timezone", "PST", "--team", "Ops")
    assert done.exit_code == 1
    assert done.output == ("error: --timezone: time zone PST is an abbreviation, not a "
                           "place; use an IANA name such as 'America/Los_Angeles'\n")
    assert files_in(here) == set()


def test_unknown_time_zone_is_refused(here):
    done = run("init", "--yes", "--company", "Acme", "--timezone", "Mars/Olympus",
               "--team", "Ops")
    assert done.exit_code == 1
    assert done.output.startswith("error: --timezone: unknown time zone Mars/Olympus; "
                                  "use an IANA name such as 'Europe/Berlin'")


def test_missing_flag_with_yes_is_an_error(here):
    done = run("init", "--yes", "--company", "Acme", "--timezone", "Europe/Berlin")
    assert (done.exit_code, done.output) == (1, "error: --team is required with --yes\n")


def test_prompts_ask_again_after_a_bad_answer(here):
    done = run("init", input="Acme\nPST\nAmerica/Los_Angeles\nSupport\n")
    assert done.exit_code == 0, done.output
    assert "PST is an abbreviation" in done.output
    assert "timezone: America/Los_Angeles" in (here / "org.yaml").read_text()


def test_never_overwrites_and_writes_nothing_when_one_file_exists(here):
    (here / "runbooks").mkdir()
    (here / "runbooks" / "TEMPLATE.md").write_text("mine\n")
    done = run("init", *FLAGS)
    assert done.exit_code == 1
    assert done.output == ("error: runbooks/TEMPLATE.md already exists; "
                           "nothing was written\n")
    assert files_in(here) == {"runbooks/TEMPLATE.md"}
    assert (here / "runbooks" / "TEMPLATE.md").read_text() == "mine\n"


def test_writes_into_a_given_folder(tmp_path):
    done = run("init", str(tmp_path / "new"), *FLAGS)
    assert done.exit_code == 0, done.output
    assert files_in(tmp_path / "new") == WRITTEN


def test_written_workflows_pass_actionlint_and_install_a_released_imcompile(here):
    run("init", *FLAGS)
    flows = sorted(str(p) for p in (here / ".github" / "workflows").glob("*.yml"))
    done = subprocess.run([ACTIONLINT, "-no-color", *flows], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    for flow in flows:
        text = Path(flow).read_text()
        assert starter.INSTALL_PINNED in text and "pip install .\n" not in text


def test_packaged_workflows_are_the_repository_workflows(root):
    """The copies shipped for init follow the repository's own workflows."""
    from importlib import resources
    for name in starter.WORKFLOWS:
        shipped = resources.files("imcompile").joinpath("templates/init/workflows", name)
        assert shipped.read_text() == (root / ".github/workflows" / name).read_text(), name


def test_pre_commit_config_calls_real_commands(here):
    run("init", *FLAGS)
    config = yaml.safe_load((here / ".pre-commit-config.yaml").read_text())
    hooks = config["repos"][0]["hooks"]
    assert {h["id"] for h in hooks} == {"imcompile-validate", "imcompile-build-check"}
    assert run("build").exit_code == 0
    for hook in hooks:
        assert run(*hook["entry"].split()[1:]).exit_code == 0, hook["entry"]


def test_a_failed_write_takes_back_everything_it_wrote(here):
    (here / ".github").write_text("not a folder\n")  # written last: org.yaml is already out
    done = run("init", *FLAGS)
    assert done.exit_code == 1
    assert done.output == ("error: cannot write .github/workflows: Not a directory; "
                           "nothing was written\n")
    assert files_in(here) == {".github"}
    assert sorted(p.name for p in here.iterdir()) == [".github"], "no empty folders left"
