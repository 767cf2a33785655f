"""generated/mkdocs.yml and its hooks: the wiki pages as an MkDocs site.

MkDocs refuses a config inside its docs_dir, so the config sits beside docs/, and the
site is built outside generated/ (`../site`), which `build` replaces as a whole.
MkDocs' themes put `site_name` and nav titles into pages unescaped: text from the org
reaches them through textsafe.html, inside a YAML double-quoted scalar.
"""

from __future__ import annotations

from importlib import resources

import yaml

from ... import textsafe
from ...conventions import GENERATED_BANNER

CONFIG = "mkdocs.yml"
HOOKS = "mkdocs_hooks.py"
# Where `npm install mermaid@11` at the repository root puts the script (npm comes
# with imcompile's Node.js dependency); relative to generated/mkdocs.yml.
MERMAID_SCRIPT = "../node_modules/mermaid/dist/mermaid.min.js"


def _quoted(value: str) -> str:
    return yaml.safe_dump(value, default_style='"', allow_unicode=True,
                          width=10_000).strip().removesuffix("...").strip()


def _title(value: str) -> str:
    return _quoted(textsafe.html(value))


def config(org_name: str, nav: list[tuple[str, str]],
           severities: list[tuple[str, str]], folder: str,
           runbooks: list[str] = ()) -> str:
    """nav: (title, page name) in sidebar order; severities: (title, page name) of the
    per-severity pages, listed under the severity overview; runbooks: the published
    runbooks' paths under docs/, listed under the runbook index."""
    lines = [f"# {GENERATED_BANNER}",
             "# Build the site: mkdocs build -f generated/mkdocs.yml (writes site/)",
             f"site_name: {_title(org_name + ': incident response')}",
             f"docs_dir: {folder}",
             "site_dir: ../site",
             "use_directory_urls: false",
             "theme:",
             "  name: mkdocs",
             "  highlightjs: false  # the theme would load it from a CDN",
             "exclude_docs: _Sidebar.md",
             f"hooks: [{HOOKS}]",
             "extra:",
             f"  mermaid_script: {MERMAID_SCRIPT}",
             "extra_javascript: [javascripts/mermaid.min.js]",
             "markdown_extensions:",
             "  - tables",
             "  - pymdownx.superfences:",
             "      custom_fences:",
             "        - name: mermaid",
             "          class: mermaid",
             "          format: !!python/name:pymdownx.superfences.fence_div_format",
             "nav:"]
    for title, page in nav:
        if severities and page == severities[0][1]:
            lines.append(f"  - {_title('Severity levels')}:")
            for sub_title, sub_page in severities:
                lines.append(f"      - {_title(sub_title)}: {page_file(sub_page)}")
            continue
        if any(page == p for _, p in severities):
            continue
        if runbooks and page == "Runbooks":
            lines.append(f"  - {_title('Runbooks')}:")
            lines.append(f"      - {_title('Index')}: {page_file(page)}")
            for path in runbooks:
                stem = path.rsplit("/", 1)[-1][:-3]
                lines.append(f"      - {_title(stem)}: {_quoted(path)}")
            continue
        lines.append(f"  - {_title(title)}: {page_file(page)}")
    return "\n".join(lines) + "\n"


def page_file(name: str) -> str:
    return _quoted(f"{name}.md")


def hooks() -> str:
    return resources.files("imcompile").joinpath("templates", "docs", HOOKS).read_text()
