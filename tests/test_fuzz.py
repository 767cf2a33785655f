"""Fuzzing the compiler as an attacker or a careless editor would: mutated versions of
the example org and hostile text in every free-text field. Whatever the input, a person
sees exit 0 or 1 and messages, never a traceback or a raw control character; a failed
build leaves the output folder as it was; a build that succeeds writes no live `${`/`%{`
that came from org text and no page git would store as binary."""

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imcompile.cli import main
from test_terraform_escaping import COMPILER_REF, CARRIAGE_RETURN, hcl_read

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = (ROOT / "org.yaml").read_text(encoding="utf-8")
LINES = EXAMPLE.splitlines()

# Values a careless or hostile edit puts where another value was.
TOKENS = ["", "~", "[]", "{}", "-1", "0", "1e309", "99999999999999999999999h", "1.5h", "-5m",
          "2026-02-30", "0000-01-01", "9999-12-31", '"24:00"', "9:00", '"“10:00”"',
          "yes", "&a", "*a", "!!python/object:os.system", "<<: {}", "'{team:>9}'",
          '"${file(\\"/etc/passwd\\")}"', '"%{ if true }x%{ endif }"', '"\\e[31mred"',
          '"\\0"', '"\\u202e"', '"::error::x"', '"@org/team [x](http://e) # h"',
          '"%%{init: {}}%%"', "PST", "role:backup", "[mon-fri]", "x" * 300]

# Free-text fields: what a person writes in words, not IDs, references or settings.
FREE_TEXT = {"name", "description", "job_title", "impact", "examples", "responsibilities",
             "note", "not_responsible_for", "summary", "ask", "help", "display_name",
             "when_unsure", "engineering", "customers", "executives", "support", "label"}
HOSTILE = ['${file("/etc/passwd")}', "%{ if true }x%{ endif }", "$${x}", "%%{y}",
           '${replace(file("/proc/self/environ"), "\\u0000", " ")}', "[x](http://evil.example)",
           "![i](http://evil.example/i.png)", "@acme/oncall", "# heading", "<script>x</script>",
           "%%{init: {\"theme\":\"dark\"}}%%", "::error::pwned", "##[add-mask]x", "`code`",
           "| a | b |", "*bold* _it_", "{{ x }}", "{% raw %}", "'\"", "\\", "é", "😀", "-->"]
# Validate refuses these (E014, or E022 in one-line fields): a few cases test the refusal.
CONTROL = ["\x1b[2J", "\x00", "\u202e", "\r", "\n", "\x85"]
hostile_text = st.lists(st.sampled_from(HOSTILE) | st.text(
    st.characters(min_codepoint=0x20, max_codepoint=0x24F, blacklist_categories=["Cc"]),
    max_size=6),
    min_size=1, max_size=4).map("".join)
control_text = st.sampled_from(CONTROL).map(lambda c: f"before{c}after")

# Control characters a terminal or CI log must never receive raw (newline aside).
RAW_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SETTINGS = dict(deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow,
                                       HealthCheck.function_scoped_fixture])


def mutate(data) -> str:
    """One to three edits to the example's lines."""
    lines = list(LINES)
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(0, len(lines) - 1))
        kind = data.draw(st.sampled_from(["value", "value", "delete", "duplicate", "indent"]))
        if kind == "value" and ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            lines[i] = f"{key}: {data.draw(st.sampled_from(TOKENS))}"
        elif kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        else:
            lines[i] = " " + lines[i]
    return "\n".join(lines) + "\n"


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    exc = result.exception
    assert exc is None or isinstance(exc, SystemExit), (
        f"{args[0]} crashed: {exc!r}")
    assert result.exit_code in (0, 1), (args, result.exit_code, result.output)
    assert "Traceback" not in result.output
    assert not RAW_CONTROL.search(result.output), repr(result.output[:300])
    return result


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@given(st.data())
@settings(max_examples=120, **SETTINGS)
def test_a_mutated_example_is_reported_never_crashes(tmp_path_factory, data):
    org = tmp_path_factory.mktemp("fuzz") / "org.yaml"
    org.write_text(mutate(data), encoding="utf-8")
    for fmt in ("text", "json", "github"):
        run("validate", org, "--format", fmt)


def with_hostile_text(data) -> str:
    doc = yaml.safe_load(EXAMPLE)
    careless = data.draw(st.integers(0, 5)) == 0

    def text(key, section):
        value = "x" + data.draw(control_text if careless else hostile_text)
        if key == "label":  # it names a wiki page and channels: short by rule
            return value[:20]
        if section in ("escalation_policies", "teams"):  # PagerDuty refuses these (E150)
            value = value.translate(str.maketrans("", "", "\\/&<>"))
        return value[:60]

    def walk(node, key=None, section=None):
        if isinstance(node, dict):
            return {k: walk(v, k, section or k) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, key, section) for v in node]
        if (isinstance(node, str) and key in FREE_TEXT and section != "metadata"
                and data.draw(st.booleans())):
            return text(key, section)
        return node
    # Every string double-quoted: "09:00" must stay a quoted time.
    return yaml.safe_dump(walk(doc), allow_unicode=True, sort_keys=False, width=10_000,
                          default_style='"')


def live_org_text(tf_json: str) -> list[str]:
    """Live `${`/`%{` sequences in a stack file that the compiler did not write."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            rest = CARRIAGE_RETURN.sub("", COMPILER_REF.sub("", node))
            if hcl_read(rest)[1]:
                found.append(node)
    walk(json.loads(tf_json))
    return found


@pytest.fixture(scope="module")
def previous_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("previous")
    org = folder / "org.yaml"
    org.write_text(EXAMPLE, encoding="utf-8")
    CliRunner().invoke(main, ["build", str(org), "--out", str(folder / "generated")])
    return folder / "generated"


@given(st.data())
@settings(max_examples=12, **SETTINGS)
def test_hostile_text_in_every_field_stays_text(tmp_path_factory, previous_build, data):
    folder = tmp_path_factory.mktemp("hostile")
    org = folder / "org.yaml"
    org.write_text(with_hostile_text(data), encoding="utf-8")
    shutil.copytree(ROOT / "runbooks", folder / "runbooks")
    out = folder / "generated"
    out.mkdir()
    before = tree_digest(previous_build)
    for path in previous_build.rglob("*"):
        target = out / path.relative_to(previous_build)
        if path.is_dir():
            target.mkdir(exist_ok=True)
        else:
            target.write_bytes(path.read_bytes())
    result = run("build", org, "--out", out)
    if result.exit_code == 1:
        assert tree_digest(out) == before, "a failed build changed the output folder"
        return
    for path in out.rglob("*"):
        if not path.is_file():
            continue
        body = path.read_bytes()
        # git stores a file with a NUL as binary: pages must stay text.
        assert b"\x00" not in body, path
        if path.name.endswith(".tf.json"):
            assert live_org_text(body.decode()) == [], path
        if path.suffix == ".md":
            assert not RAW_CONTROL.search(body.decode()), path
    for fmt in ("text", "json"):
        run("diff", "--base-file", ROOT / "org.yaml", org, "--format", fmt,
            "--from", "2026-12-07")
    run("oncall", org, "--at", "2026-12-07T09:30")
