"""The wiki pages as people read them: built by MkDocs with the generated mkdocs.yml
(`mkdocs build --strict`) and rendered as CommonMark with GFM tables (GitHub's kind of
Markdown), then read as HTML."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from imcompile.generators import docs
from imcompile.runbooks import inspect_services
from imcompile.validate import validate_file
from imcompile.writer import write_tree

CASES = Path(__file__).parent / "cases" / "docs"


def site(org: Path, repo: Path, mermaid: str | None = None) -> Path:
    """Write generated/ for `org` into `repo`, build the site, return the site folder."""
    result = validate_file(org)
    assert result.ok, [d.text() for d in result.diagnostics]
    write_tree(repo / "generated", docs.generate(
        result.model, inspect_services(result.model, org.parent), org.parent))
    if mermaid is not None:
        script = repo / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
        script.parent.mkdir(parents=True)
        script.write_text(mermaid)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                           "-f", str(repo / "generated" / "mkdocs.yml")],
                          capture_output=True, text=True, cwd=repo)
    assert done.returncode == 0, done.stdout + done.stderr
    return repo / "site"


@pytest.fixture(scope="module")
def example_site(root, tmp_path_factory):
    return site(root / "org.yaml", tmp_path_factory.mktemp("repo"), mermaid="/* mermaid */")


def html(site_dir: Path, page: str) -> str:
    return (site_dir / f"{page}.html").read_text()


def test_classification_answers_are_nested_under_their_question(example_site):
    page = html(example_site, "Classify-an-Incident")
    questions = re.search(r"<ol>(.*?)</ol>", page, re.S).group(1)
    items = re.findall(r"<li><strong>(.*?)</strong>.*?<ul>\s*<li>Yes: (.*?)</li>\s*"
                       r"<li>No: (.*?)</li>\s*</ul>\s*</li>", questions, re.S)
    assert [q for q, _, _ in items] == [
        "Is production completely down or critical data at risk?",
        "Is major functionality degraded?", "Is there a workaround?",
        "Are customers impacted?"]
    assert items[0][2] == "go to question 2"
    assert '<a href="Severity-SEV1.html">SEV1 High</a>' in items[2][1]


def test_role_lists_are_lists_not_run_on_paragraphs(example_site):
    page = html(example_site, "Roles-and-Communication")
    assert re.search(r"<p><strong>Does:</strong></p>\s*<ul>\s*<li>Owns overall incident "
                     r"response</li>", page)
    assert "Does not:</strong>\n- " not in page


def test_nav_holds_every_page_with_the_severity_pages_under_severity_levels(example_site):
    home = (example_site / "index.html").read_text()
    nav = home[home.index('class="nav navbar-nav"'):]
    assert re.search(r">Severity levels</a>.*?Severity-SEV0\.html", nav, re.S)
    for page in ("Severity-Levels", "Severity-SEV0", "Severity-SEV3", "Classify-an-Incident",
                 "Escalation", "On-Call", "Services", "Runbooks"):
        assert f'href="{page}.html"' in nav, page
    assert "<title>Home - Acme Corp: incident response</title>" in home


def test_wiki_links_become_page_links_in_the_site(example_site):
    page = html(example_site, "Severity-Levels")
    assert '<a href="Severity-SEV0.html">SEV0</a>' in page
    assert "](Severity-" not in page


def test_mermaid_is_a_diagram_with_a_local_script(example_site):
    page = html(example_site, "Escalation")
    assert '<div class="mermaid">flowchart' in page
    assert '<script src="javascripts/mermaid.min.js"></script>' in page
    assert re.findall(r'<(?:script|link)[^>]*(?:src|href)="https?:', page) == [], \
        "the site works offline: nothing from a CDN"
    assert (example_site / "javascripts" / "mermaid.min.js").read_text() == "/* mermaid */"


def test_hostile_names_stay_text_in_titles_and_nav(tmp_path):
    built = site(CASES / "hostile.yaml", tmp_path)
    home = (built / "index.html").read_text()
    assert "<script>alert(1)</script>" not in home
    assert "Evil | Corp &lt;script&gt;alert(1)&lt;/script&gt;" in home
    assert not (built / "javascripts").exists(), "no script without a local Mermaid"


def test_pages_render_as_github_markdown_with_the_same_structure(root):
    result = validate_file(root / "org.yaml")
    files = docs.generate(result.model, inspect_services(result.model, root), root)
    gfm = MarkdownIt("commonmark").enable("table")
    classify = gfm.render(files["docs/Classify-an-Incident.md"])
    assert classify.count("<ol>") == 1 and classify.count("<ul>") == 4
    assert re.search(r"<li><strong>Is there a workaround\?</strong>\s*<ul>", classify)
    roles = gfm.render(files["docs/Roles-and-Communication.md"])
    assert re.search(r"<p><strong>Does:</strong></p>\s*<ul>", roles)
    for name, text in files.items():
        if name.endswith(".md"):
            rendered = gfm.render(text)
            assert "<p>- " not in rendered and "<p>1. " not in rendered, name


def test_policy_links_land_on_the_policy_in_the_site(example_site):
    services = html(example_site, "Services")
    assert 'href="Escalation.html#policy-payments-escalation"' in services
    escalation = html(example_site, "Escalation")
    assert '<a id="policy-payments-escalation"></a>Payments escalation</h2>' in escalation
    assert re.search(r"<li><strong>Engineering</strong>.*?<ul>\s*<li><strong>Data</strong>",
                     escalation, re.S), "the team tree is nested"
