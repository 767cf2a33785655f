"""Local runbooks reach the wiki: build copies them under docs/runbooks/, the pages
link them by name, and publish pushes, updates and removes them like the pages."""

import shutil
from pathlib import Path

from click.testing import CliRunner

from imcompile.cli import main
from test_publish import BANNER, git


def build(root: Path, repo: Path) -> Path:
    shutil.copy(root / "org.yaml", repo / "org.yaml")
    shutil.copytree(root / "runbooks", repo / "runbooks", dirs_exist_ok=True)
    done = CliRunner().invoke(main, ["build", str(repo / "org.yaml"), "--out",
                                     str(repo / "generated")])
    assert done.exit_code == 0, done.output
    return repo / "generated" / "docs"


def publish(wiki, docs):
    return CliRunner().invoke(main, ["publish", "--wiki", str(wiki), "--docs", str(docs)])


def files(wiki, tmp_path) -> dict[str, str]:
    clone = tmp_path / f"read-{len(list(tmp_path.glob('read-*')))}"
    git(tmp_path, "clone", "-q", str(wiki), str(clone))
    return {p.relative_to(clone).as_posix(): p.read_text() for p in clone.rglob("*.md")
            if ".git" not in p.parts}


def test_local_runbooks_are_published_and_linked_by_name(root, tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    docs = build(root, repo)
    assert "| [runbook](payments-api) |" in (docs / "Services.md").read_text()
    wiki = tmp_path / "wiki.git"
    git(tmp_path, "init", "-q", "--bare", str(wiki))
    assert publish(wiki, docs).exit_code == 0
    found = files(wiki, tmp_path)
    source = (root / "runbooks" / "payments-api.md").read_text()
    assert found["runbooks/payments-api.md"] == f"{BANNER}\n{source.rstrip()}\n"
    assert "runbooks/postgres-failover.md" in found and "Services.md" in found


def test_a_runbook_no_longer_local_is_removed_from_the_wiki(root, tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    wiki = tmp_path / "wiki.git"
    git(tmp_path, "init", "-q", "--bare", str(wiki))
    assert publish(wiki, build(root, repo)).exit_code == 0
    org = (repo / "org.yaml").read_text().replace(
        "runbook: runbooks/payments-api.md", "runbook: https://wiki.acme.example/rb/pay")
    (repo / "org.yaml").write_text(org)
    done = CliRunner().invoke(main, ["build", str(repo / "org.yaml"), "--out",
                                     str(repo / "generated")])
    assert done.exit_code == 0, done.output
    result = publish(wiki, repo / "generated" / "docs")
    assert result.exit_code == 0, result.output
    assert "runbooks/payments-api.md" not in files(wiki, tmp_path)


def test_a_runbook_named_like_a_generated_page_stays_a_path(root, tmp_path):
    repo = tmp_path / "repo"
    (repo / "runbooks").mkdir(parents=True)
    shutil.copy(root / "runbooks" / "payments-api.md", repo / "runbooks" / "Services.md")
    org = (root / "org.yaml").read_text().replace("runbook: runbooks/payments-api.md",
                                                  "runbook: runbooks/Services.md")
    (repo / "org.yaml").write_text(org)
    shutil.copy(root / "runbooks" / "postgres-failover.md", repo / "runbooks")
    done = CliRunner().invoke(main, ["build", str(repo / "org.yaml"), "--out",
                                     str(repo / "generated")])
    assert done.exit_code == 0, done.output
    docs = repo / "generated" / "docs"
    assert not (docs / "runbooks" / "Services.md").exists()
    assert "| `runbooks/Services.md` |" in (docs / "Services.md").read_text()


def test_a_wiki_folder_that_is_a_link_is_left_alone(root, tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    docs = build(root, repo)
    wiki = tmp_path / "wiki.git"
    git(tmp_path, "init", "-q", "--bare", str(wiki))
    work = tmp_path / "seed"
    git(tmp_path, "clone", "-q", str(wiki), str(work))
    (work / "runbooks").symlink_to("/etc")
    git(work, "add", "runbooks")
    git(work, "commit", "-qm", "seed")
    git(work, "push", "-q", "origin", "HEAD")
    result = publish(wiki, docs)
    assert result.exit_code == 0, result.output
    assert ("warning: left runbooks/payments-api.md alone: in the wiki it is a symbolic "
            "link") in result.output


def test_runbook_link_for_pagerduty_and_slack_opens_in_the_wiki(root):
    from imcompile.generators.docs.runbook_pages import link
    from imcompile.validate import validate_file
    org = validate_file(root / "org.yaml").spec
    assert link(org, "runbooks/payments-api.md") == \
        "https://wiki.acme.example/incident-management/payments-api"
    assert link(org, "https://wiki.acme.example/runbooks/ledger") == \
        "https://wiki.acme.example/runbooks/ledger"
    bare = org.model_copy(update={"metadata": org.metadata.model_copy(
        update={"wiki_url": None})})
    assert link(bare, "runbooks/payments-api.md") == "runbooks/payments-api.md"
