"""What a person reads when org text is hostile: terminals and CI logs (`oncall`, `diff`,
`classify`, `validate`), GitHub annotations, the pull-request comment, the wiki and its
Mermaid diagrams. The layer (imcompile.textsafe) is tested directly with a table of
inputs, including control characters `validate` may refuse (data from a PagerDuty
account never goes through it), then end to end with names `validate` accepts."""

import json
import re

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from imcompile import textsafe
from imcompile.cli import main
from imcompile.diff.report import Report, as_json, markdown, text
from imcompile.diff.risks import Risk
from imcompile.diff.semantic import Change
from imcompile.generators import docs
from imcompile.runbooks import inspect_services
from imcompile.validate import validate_file

ESC, BIDI = "\x1b", "\u202e"

# --- the layer, input by input ----------------------------------------------------------

TERMINAL = [
    ("\x1b[31mred\x1b[0m", r"\x1b[31mred\x1b[0m"),
    ("a\n::error::x", r"a\n::error::x"),
    ("\r\n\t\x00\x7f", r"\r\n\t\x00\x7f"),
    ("\x9b2J", r"\x9b2J"),  # C1 CSI: one byte pair in UTF-8, a whole escape to xterm
    ("abc\u202edef\u2066", r"abc\u202edef\u2066"),
    ("line\u2028sep", r"line\u2028sep"),
    ("\ud800", r"\ud800"),  # a lone surrogate cannot be written as UTF-8 at all
    ("::error::pwned", r"\x3a:error::pwned"),
    ("   ::add-mask::x", r"   \x3a:add-mask::x"),
    ("say ##[error]x", r"say ##\x5berror]x"),
    ("a :: b", "a :: b"),
    ("Zoë Ångström 山田 👩‍👩‍👧", "Zoë Ångström 山田 👩‍👩‍👧"),  # the joiner in the emoji stays
]


@pytest.mark.parametrize("raw,shown", TERMINAL)
def test_terminal_shows_control_characters_and_workflow_commands_escaped(raw, shown):
    assert textsafe.terminal(raw) == shown


MARKDOWN = [
    ("[x](http://evil)", r"\[x\](http:&#8203;//evil)"),
    ("![x](http://evil/img)", r"!\[x\](http:&#8203;//evil/img)"),
    ("see https://evil.example", "see https:&#8203;//evil.example"),
    ("www.evil.example", r"www\.evil.example"),
    ("@org/team and @alice", "@&#8203;org/team and @&#8203;alice"),
    ("alice@example.com", "alice@example.com"),  # an address, not a mention: untouched
    ("# heading", r"\# heading"),
    ("closes #123", r"closes \#&#8203;123"),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("&#64;x", r"&amp;\#&#8203;64;x"),
    ("`code` *b* _i_ ~s~ | p", r"\`code\` \*b\* \_i\_ \~s\~ \| p"),
    ("- item", r"\- item"),
    ("1. one", r"1\. one"),
    ("two\nlines\r\nhere", "two lines here"),
    ("\x1b[2J", r"\\x1b\[2J"),  # shown as \x1b[2J
    ("\x00nul", r"\\x00nul"),
    ("rtl\u202eexe.txt", r"rtl\\u202eexe.txt"),
    ("::error::x", "::error::x"),  # no line of Markdown starts with a name
]


@pytest.mark.parametrize("raw,shown", MARKDOWN)
def test_markdown_neutralises_links_mentions_headings_and_html(raw, shown):
    assert textsafe.markdown(raw) == shown


MERMAID = [
    ('%%{init: {"theme":"dark"}}%%', "#37;#37;{init: {#34;theme#34;:#34;dark#34;}}#37;#37;"),
    ('end"] --> x["', "end#34;] --#62; x[#34;"),
    ("a;b #1 <b> `md` |x|", "a#59;b #35;1 #60;b#62; #96;md#96; #124;x#124;"),
    ("two\nlines", "two lines"),
    ("\x1b\u202e", r"\x1b\u202e"),
]


@pytest.mark.parametrize("raw,shown", MERMAID)
def test_mermaid_labels_hold_no_directive_quote_or_line_break(raw, shown):
    assert textsafe.mermaid(raw) == shown


@pytest.mark.parametrize("raw,prop,data", [
    ("org,x.yaml", "org%2Cx.yaml", "org,x.yaml"),
    ("a:b", "a%3Ab", "a:b"),
    ("50%", "50%25", "50%25"),
    ("x\n::error::y", r"x\n%3A%3Aerror%3A%3Ay", r"x\n::error::y"),
    ("\x1b", r"\x1b", r"\x1b"),
])
def test_github_properties_and_messages_are_escaped_by_githubs_rules(raw, prop, data):
    assert textsafe.github_property(raw) == prop
    assert textsafe.github_data(raw) == data


def test_json_keeps_the_value_and_writes_no_raw_control_character():
    value = {"name": f"a{ESC}[31m{BIDI}\x85\x7f\u2028 ##[error]x é"}
    out = textsafe.json_text(value, indent=2)
    assert json.loads(out) == value
    assert not textsafe.has_control(out.replace("\n", ""))
    assert "##[" not in out and "é" in out


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_no_input_leaves_a_control_character_or_a_second_line(value):
    for out in (textsafe.terminal(value), textsafe.markdown(value), textsafe.mermaid(value)):
        assert not textsafe.has_control(out)
    shown = textsafe.terminal(value)
    assert not shown.lstrip().startswith("::") and "##[" not in shown
    assert "%" not in textsafe.mermaid(value) and '"' not in textsafe.mermaid(value)
    assert json.loads(textsafe.json_text(value)) == value


# --- the diff report, fed what validate never saw ------------------------------------------

EVIL = f"Mallory{ESC}]8;;http://evil{ESC}\\\n::error::pwned{BIDI} ##[add-mask]x"


def _report() -> Report:
    return Report("base.yaml", changes=[Change("People", EVIL, f"joins ({EVIL})")],
                  risks=[Risk("danger", f"schedule {EVIL} gets a coverage gap")],
                  oncall=[{"schedule": "s", "schedule_name": EVIL, "region": "r",
                           "region_name": EVIL, "when": "Mon", "before": "p",
                           "before_name": EVIL, "after": None, "after_name": "nobody"}],
                  hours=[{"person": "p", "person_name": EVIL, "schedule": "s",
                          "schedule_name": EVIL, "before": 1.0, "after": 2.0,
                          "delta": 1.0}])


def _no_control_or_command(out: str) -> None:
    assert not textsafe.has_control(out.replace("\n", "")), out
    assert not [line for line in out.splitlines() if line.lstrip().startswith("::")], out
    assert "##[" not in out


def test_diff_text_markdown_and_json_of_names_validate_never_checked():
    report = _report()
    for out in (text(report), markdown(report), as_json(report)):
        _no_control_or_command(out)
    assert r"Mallory\x1b]8;;http://evil\x1b\\n::error::pwned\u202e ##\x5badd-mask]x" \
        in text(report)
    assert json.loads(as_json(report))["changes"][0]["subject"] == EVIL


# --- end to end, with names validate accepts ------------------------------------------------

LINK, IMAGE = "[x](http://evil.example)", "![x](http://evil.example/img.png)"
MENTION, HEADING, HTML = "@acme/oncall-team", "# heading", "<script>alert(1)</script>"
DIRECTIVE, COMMAND, LEGACY = '%%{init: {"theme":"dark"}}%%', "::error::pwned", "##[error]x"
ALL = (LINK, IMAGE, MENTION, HEADING, HTML, DIRECTIVE, COMMAND, LEGACY)
# PagerDuty refuses / & < > in policy names (E150): an image without a slash.
POLICY = "![x](evil.example) " + COMMAND

ORG = f"""\
apiVersion: imcompile/v1
kind: Organization
metadata: {{name: acme}}
defaults: {{timezone: Europe/Berlin}}
severities:
  sev0:
    label: SEV0
    name: {json.dumps(DIRECTIVE + " " + HEADING)}
    description: {json.dumps(LINK + " " + MENTION)}
    response: {{page: always}}
  sev1: {{label: SEV1, name: {json.dumps(IMAGE)}, description: Slow., response: {{page: always}}}}
classification:
  start: q1
  questions:
    q1:
      ask: {json.dumps(COMMAND + " " + DIRECTIVE + " " + LINK)}
      help: {json.dumps(LEGACY + " " + MENTION)}
      if_yes: {{severity: sev0, note: {json.dumps(HTML)}}}
      if_no: {{severity: sev1}}
people:
  alice: {{name: {json.dumps(COMMAND + " Alice")}, email: alice@acme.example}}
  bob: {{name: {json.dumps(MENTION + " " + LINK)}, email: bob@acme.example}}
  carol: {{name: {json.dumps(HEADING + " " + HTML)}, email: carol@acme.example}}
teams:
  payments: {{name: {json.dumps(LEGACY + " " + HEADING)}, managers: [alice], members: [bob, carol]}}
schedules:
  primary:
    name: {json.dumps(COMMAND + " " + DIRECTIVE)}
    team: payments
    role: primary
    rotation: {{every: 1w, handoff: {{day: monday, time: "10:00"}}, start: 2026-01-05}}
    people: [bob, carol]
  solo:
    name: {json.dumps(COMMAND + ", file=x:y " + LEGACY)}
    team: payments
    rotation: {{every: 1w, handoff: {{day: monday, time: "10:00"}}, start: 2026-01-05}}
    people: [carol]
escalation_policies:
  payments:
    name: {json.dumps(POLICY)}
    team: payments
    steps:
      - {{notify: ["schedule:primary"], escalate_after: 15m}}
      - {{notify: ["person:alice"]}}
services:
  api: {{name: {json.dumps(DIRECTIVE + " " + IMAGE)}, team: payments, tier: 1,
         escalation_policy: payments}}
  db: {{name: {json.dumps(COMMAND + ' end"] --> x["')}, team: payments, tier: 2,
        depends_on: [api]}}
business_services:
  shop: {{name: {json.dumps(MENTION + " " + DIRECTIVE)}, depends_on: [api]}}
"""


@pytest.fixture
def org(tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text(ORG, encoding="utf-8")
    return path


def run(*args) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _no_live_markdown(out: str) -> None:
    """Nothing from the org renders as a link, image, mention, heading or HTML."""
    for raw in (LINK, IMAGE, "http://evil", "<script", "@acme/"):
        assert raw not in out, raw
    assert not re.search(r"(?<!\\)# heading", out)  # only `\# heading`: no heading
    assert not re.search(r"(?<![\w`])@[A-Za-z0-9]", out)  # a mention GitHub would link


def test_oncall_text_and_markdown(org):
    for args in (["--at", "2026-01-12T09:30"], ["--from", "2026-01-12", "--weeks", "1"],
                 ["--from", "2026-01-12", "--weeks", "1", "--report"],
                 ["--from", "2026-01-12", "--weeks", "1", "--person", "alice"]):
        out = run("oncall", org, *args)
        _no_control_or_command(out)
        assert r"\x3a:error::pwned" in out or r"##\x5berror]x" in out  # shown, escaped
        md = run("oncall", org, *args, "--format", "markdown")
        _no_live_markdown(md)
        _no_control_or_command(md)
    assert json.loads(run("oncall", org, "--at", "2026-01-12T09:30", "--format", "json"))


def test_diff_text_markdown_and_json(org, tmp_path):
    base = tmp_path / "base.yaml"
    base.write_text(ORG.replace("people: [bob, carol]", "people: [carol, bob]", 1)
                    .replace("  alice: {name", "  dave: {name: Dave, email: d@acme.example}\n"
                             "  alice: {name"), encoding="utf-8")
    args = ["diff", "--base-file", base, org, "--from", "2026-01-12"]
    out = run(*args)
    _no_control_or_command(out)
    assert r"  \x3a:error::pwned" in out  # the changed schedule, named at a line's start
    comment = run(*args, "--format", "markdown")
    _no_live_markdown(comment)
    _no_control_or_command(comment)
    assert r"**\#\# heading** " not in comment
    assert r"@&#8203;acme/oncall-team \[x\](http:&#8203;//evil.example)" in comment
    data = json.loads(run(*args, "--format", "json"))
    assert any(COMMAND in row["schedule_name"] for row in data["oncall"])


def test_classify_prints_one_line_per_line(org):
    out = run("classify", org, "--answers", "yes", "--service", "api")
    _no_control_or_command(out)
    assert "\n  \\x3a:error::pwned %%{init" in out  # the question, on a line of its own
    asked = CliRunner().invoke(main, ["classify", str(org)], input="y\n")
    assert asked.exit_code == 0, asked.output
    _no_control_or_command(asked.output)
    assert "\n   ##\\x5berror]x @acme/oncall-team\n1. ::error::pwned %%{init" in asked.output


def test_validate_github_annotations_carry_the_name_as_data(org):
    org = org.rename(org.with_name("org,x:y.yaml"))  # `,` and `:` end a property
    result = CliRunner().invoke(main, ["validate", "--format", "github", str(org)])
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert any("W102" in line for line in lines), result.output
    for line in lines:
        command, props, data = _runner_reads(line)
        assert command in ("error", "warning")
        assert set(props) == {"file", "line", "col", "title"}
        assert props["file"] == str(org)
        assert "##[" not in line and not textsafe.has_control(line)
    w102 = next(_runner_reads(line)[2] for line in lines if "W102" in line)
    assert COMMAND + ", file=x:y " in w102.replace(r"\x3a:", "::")


def _runner_reads(line: str):
    """What the GitHub Actions runner makes of a line (its TryParseV2): the command,
    its properties and its message, unescaped."""
    line = line.lstrip()
    assert line.startswith("::")
    end = line.index("::", 2)
    name, _, props = line[2:end].partition(" ")

    def unescape(s):
        return (s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
                .replace("%2C", ",").replace("%25", "%"))
    pairs = dict(p.split("=", 1) for p in props.split(",") if p)
    return name, {k: unescape(v) for k, v in pairs.items()}, unescape(line[end + 2:])


def test_wiki_pages_and_diagrams(org):
    result = validate_file(org)
    assert result.ok
    pages = {name: text for name, text in docs.generate(
        result.model, inspect_services(result.model, org.parent)).items()
        if name.endswith(".md")}  # mkdocs.yml: no Markdown (test_docs_mkdocs.py)
    everything = "\n".join(pages.values())
    # Nothing in a fenced block is interpreted, and Mermaid reads no Markdown in a plain
    # label (the diagrams are checked below); the post-mortem template is pasted into a
    # wiki page, where it is.
    outside = re.sub(r"^```(?!markdown).*?^```$", "", everything, flags=re.S | re.M)
    _no_live_markdown(outside)
    assert not textsafe.has_control(everything.replace("\n", ""))
    diagrams = re.findall(r"```mermaid\n(.*?)\n```", everything, re.S)
    assert len(diagrams) >= 3  # classification, escalation, dependencies
    for diagram in diagrams:
        assert "%" not in diagram  # no directive, no comment
        for line in diagram.splitlines()[1:]:
            labels = re.findall(r'"([^"]*)"', line)
            assert line.count('"') == 2 * len(labels)  # every label closed where it began
            for label in labels:  # entity codes (#34;) only, no arrow, no statement end
                assert "-->" not in label and ";" not in re.sub(r"#\d+;", "", label)
    assert "#37;#37;{init: {#34;theme#34;:#34;dark#34;}}#37;#37;" in everything



def test_build_check_shows_stale_generated_text_through_the_layer(tmp_path):
    """`build --check` prints a diff of generated files, which carry org text: a name
    holding a workflow command must not reach the CI log as one."""
    from conftest import BASE
    org = tmp_path / "org.yaml"
    org.write_text(BASE, encoding="utf-8")
    out = tmp_path / "generated"
    assert CliRunner().invoke(main, ["build", str(org), "--out", str(out)]).exit_code == 0
    org.write_text(BASE.replace("name: Payments,", 'name: "##[error]x",'), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--check", str(org), "--out", str(out)])
    assert result.exit_code == 1
    assert "##\\x5berror]x" in result.output
    assert "##[" not in result.output
