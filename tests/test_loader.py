"""The strict loader: what a user reads when their org.yaml is wrong, and
what the rest of the compiler gets when it is right."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from imcompile.loader import MAX_BYTES, Document, LoadError, Mark, load_file, load_text

MiB = 1024 * 1024

LOL_BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def fatal(source, **kwargs):
    with pytest.raises(LoadError) as info:
        load_text(source, **kwargs)
    return info.value.diagnostic


# --- fatal errors: (source, code, line, col, message) -------------------------

FATAL = [
    # E001: syntax errors, at the problem's position, with PyYAML's problem text only
    ("apiVersion: v1\nkind: Org: x\n", "E001", 2, 10,
     "invalid YAML: mapping values are not allowed in this context"),
    ("a: 1\n  b: 2\n", "E001", 2, 4, "invalid YAML: mapping values are not allowed in this context"),
    ("name: 'payments\n", "E001", 2, 1, "invalid YAML: found unexpected end of stream"),
    ("teams:\n  - a\n b: c\n", "E001", 3, 2, "invalid YAML: did not find expected key"),
    ("tags: [a, b\n", "E001", 2, 1, "invalid YAML: did not find expected ',' or ']'"),
    ("hours: *business\n", "E001", 1, 8, "invalid YAML: found undefined alias *business"),
    ("a: 1\n\tb: 2\n", "E001", 2, 1, "invalid YAML: found a tab character that violates indentation"),
    ("a:\n\t- b\n", "E001", 2, 1, "invalid YAML: found character that cannot start any token"),
    ("a: 1\nb: \x07\n", "E001", 2, 4,
     "invalid YAML: unacceptable character #x0007: control characters are not allowed"),
    # E002: not UTF-8, line and column counted in characters
    (b"a: 1\nname: caf\xe9\n", "E002", 2, 10, "file is not valid UTF-8 (byte 0xe9 at line 2, column 10)"),
    ("é: ü\n".encode() + b"b: \xff\n", "E002", 2, 4, "file is not valid UTF-8 (byte 0xff at line 2, column 4)"),
    (b"\xff\xfea\x00:\x00", "E002", 1, 1, "file is not valid UTF-8 (byte 0xff at line 1, column 1)"),  # UTF-16
    # E004: the top level
    ("- a\n- b\n", "E004", 1, 1,
     "the top level must be a mapping of keys such as apiVersion, kind, metadata; found a list"),
    ("# just a comment\n\nhello\n", "E004", 3, 1,
     "the top level must be a mapping of keys such as apiVersion, kind, metadata; found a string"),
    ("42\n", "E004", 1, 1, "the top level must be a mapping of keys such as apiVersion, kind, metadata; found a number"),
    ("", "E004", 1, 1, "the file is empty"),
    ("# nothing here\n", "E004", 1, 1, "the file is empty"),
    ("---\n", "E004", 1, 1, "the file is empty"),
    ("a: 1\n---\nb: 2\n", "E004", 2, 1, "the file holds 2 YAML documents; put the organisation in one"),
    ("---\na: 1\n---\nb: 2\n---\nc: 3\n", "E004", 3, 1, "the file holds 3 YAML documents; put the organisation in one"),
    # E005: alias expansion, at the alias that goes over
    (LOL_BOMB, "E005", 6, 8, "anchors and aliases expand to more than 100000 nodes; write the values out"),
    ("a: &loop\n  b: *loop\n", "E005", 2, 6, "alias *loop is used inside its own anchor &loop; write the values out"),
]


@pytest.mark.parametrize(("source", "code", "line", "col", "message"), FATAL)
def test_fatal_errors(source, code, line, col, message):
    d = fatal(source, file="orgs/acme.yaml")
    assert (d.code, d.line, d.col, d.message) == (code, line, col, message)
    assert d.severity == "error" and d.file == "orgs/acme.yaml"
    assert "\n" not in d.text()


def test_syntax_error_hint_says_where_the_construct_started():
    d = fatal("name: 'payments\n")
    assert d.hint == "while scanning a quoted scalar that starts at line 1, column 7"
    assert d.text() == ("org.yaml:2:1: error E001: invalid YAML: found unexpected end of stream "
                        "(while scanning a quoted scalar that starts at line 1, column 7)")


@pytest.mark.parametrize("source", ["a: 1\n\tb: 2\n", "a:\n\t- b\n"])
def test_tab_indentation_hint(source):
    assert fatal(source).hint == "indent with spaces; YAML does not allow tabs"


def test_error_in_a_later_document_is_a_syntax_error():
    d = fatal("a: 1\n---\nb: [\n")
    assert d.code == "E001"


@pytest.mark.parametrize(("size", "max_bytes", "message"), [
    (MAX_BYTES + 1, MAX_BYTES, "file is 10.1 MiB; the limit is 10 MiB"),
    (12 * MiB, MAX_BYTES, "file is 12.0 MiB; the limit is 10 MiB"),
    (101, 100, "file is 101 bytes; the limit is 100 bytes"),
])
def test_file_too_large(size, max_bytes, message):
    source = b"a: " + b"x" * (size - 3)
    d = fatal(source, max_bytes=max_bytes)
    assert (d.code, d.line, d.col, d.message) == ("E003", 1, 1, message)


def test_file_at_the_limit_loads():
    source = b"a: " + b"x" * 97
    assert load_text(source, max_bytes=100).data == {"a": "x" * 97}


def test_str_input_is_measured_in_utf8_bytes():
    assert fatal("a: " + "é" * 60, max_bytes=100).message == "file is 123 bytes; the limit is 100 bytes"


def test_load_file_size_limit_and_name(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * 2000)
    with pytest.raises(LoadError) as info:
        load_file(path, max_bytes=1000)
    assert info.value.diagnostic.message == "file is 2003 bytes; the limit is 1000 bytes"
    assert info.value.diagnostic.file == str(path)


def test_lol_bomb_fails_without_expanding():
    # The error would take minutes and gigabytes if the loader expanded the aliases.
    d = fatal(LOL_BOMB + "j: &j [*i,*i,*i,*i,*i,*i,*i,*i,*i]\n")
    assert d.code == "E005"


# --- non-fatal findings: (source, [(code, line, col, message)], data) -------------

E008 = '"{0}" is a boolean in YAML 1.1 and a string in YAML 1.2; quote it ("{0}") or write true/false'
PYOBJ = "tag !!python/object/apply:os.system is not allowed; the org file holds plain data only"

FINDINGS = [
    # E006 tags
    ('run: !!python/object/apply:os.system ["echo hi"]\n', [("E006", 1, 6, PYOBJ)], {"run": None}),
    ("x: !!python/object:os.system {}\n", [("E006", 1, 4,
     "tag !!python/object:os.system is not allowed; the org file holds plain data only")], {"x": None}),
    ("x: !vault secret\n", [("E006", 1, 4, "tag !vault is not allowed; the org file holds plain data only")],
     {"x": None}),
    ("x: !!binary aGk=\n", [("E006", 1, 4, "tag !!binary is not allowed; the org file holds plain data only")],
     {"x": None}),
    ("x: !!set {a, b}\n", [("E006", 1, 4, "tag !!set is not allowed; the org file holds plain data only")],
     {"x": None}),
    ("x: !!int twelve\n", [("E006", 1, 4, '"twelve" is not a valid !!int')], {"x": None}),
    ("x: !!map [1]\n", [("E006", 1, 4, "tag !!map does not fit a list")], {"x": None}),
    ("!!python/object:os.system {a: 1}\n", [("E006", 1, 1,
     "tag !!python/object:os.system is not allowed; the org file holds plain data only")], {}),
    # explicit standard tags are fine
    ("a: !!str 10:00\nb: !!int '12'\nc: !!float 1\nd: !!bool true\ne: !!null ~\nf: !!str yes\n", [],
     {"a": "10:00", "b": 12, "c": 1.0, "d": True, "e": None, "f": "yes"}),
    # E007 duplicate keys: the first value is kept
    ("team: a\nname: x\nteam: b\n", [("E007", 3, 1, 'duplicate key "team" (first defined at line 1)')],
     {"team": "a", "name": "x"}),
    ("services:\n  api:\n    tier: 1\n    owner: x\n    tier: 2\n",
     [("E007", 5, 5, 'duplicate key "tier" (first defined at line 3)')],
     {"services": {"api": {"tier": 1, "owner": "x"}}}),
    ("levels: {1: a, 0x1: b}\n", [("E007", 1, 16, 'duplicate key "0x1" (first defined at line 1)')],
     {"levels": {1: "a"}}),
    ("a: 1\nb: 2\na: 3\na: 4\n", [("E007", 3, 1, 'duplicate key "a" (first defined at line 1)'),
                                   ("E007", 4, 1, 'duplicate key "a" (first defined at line 1)')],
     {"a": 1, "b": 2}),
    # E008 YAML 1.1 booleans, as values and keys, any case; kept as strings
    ("notify: no\n", [("E008", 1, 9, E008.format("no"))], {"notify": "no"}),
    ("country: NO\n", [("E008", 1, 10, E008.format("NO"))], {"country": "NO"}),
    ("flags: [Yes, off]\n", [("E008", 1, 9, E008.format("Yes")), ("E008", 1, 14, E008.format("off"))],
     {"flags": ["Yes", "off"]}),
    ("answers:\n  y: 1\n  n: 2\n", [("E008", 2, 3, E008.format("y")), ("E008", 3, 3, E008.format("n"))],
     {"answers": {"y": 1, "n": 2}}),
    ("on: push\n", [("E008", 1, 1, E008.format("on"))], {"on": "push"}),
    # E009 sexagesimal
    ("start: 10:00\n", [("E009", 1, 8, '10:00 must be quoted ("10:00"): YAML 1.1 reads it as the number 600')],
     {"start": "10:00"}),
    ("timeout: 1:30:00\n",
     [("E009", 1, 10, '1:30:00 must be quoted ("1:30:00"): YAML 1.1 reads it as the number 5400')],
     {"timeout": "1:30:00"}),
    ("hours: [09:30, '17:30']\n",
     [("E009", 1, 9, '09:30 must be quoted ("09:30"): YAML 1.1 reads it as the number 570')],
     {"hours": ["09:30", "17:30"]}),
    # E010 merge keys: the entry is dropped
    ("base: &base {tier: 1}\napi:\n  <<: *base\n  name: api\n",
     [("E010", 3, 3, "merge keys (<<) are not supported; write the keys out")],
     {"base": {"tier": 1}, "api": {"name": "api"}}),
    # E011 keys that are not plain values
    ("? [a, b]\n: x\nok: 1\n", [("E011", 1, 3, "a mapping key must be a plain value")], {"ok": 1}),
    ("{a: 1}: x\n", [("E011", 1, 1, "a mapping key must be a plain value")], {}),
    ("~: x\nb: 1\n", [("E011", 1, 1, "a mapping key must be a plain value: "
                       "a string, a whole number or true/false; found null")], {"b": 1}),
    ("1.5: x\n", [("E011", 1, 1, "a mapping key must be a plain value: "
                   "a string, a whole number or true/false; found 1.5")], {}),
]


@pytest.mark.parametrize(("source", "findings", "data"), FINDINGS)
def test_findings(source, findings, data):
    doc = load_text(source, file="org.yaml")
    got = [(d.code, d.line, d.col, d.message) for d in doc.diagnostics]
    assert got == findings
    assert all(d.severity == "error" and d.file == "org.yaml" for d in doc.diagnostics)
    assert doc.data == data


def test_all_findings_reported_at_once():
    doc = load_text("a: yes\nb: 10:00\na: 2\n<<: {}\nc: !foo x\n")
    assert [d.code for d in doc.diagnostics] == ["E008", "E009", "E007", "E010", "E006"]


def test_finding_inside_an_anchor_is_reported_once():
    doc = load_text("bh: &bh {start: 9:00}\napi: *bh\nweb: *bh\n")
    assert [(d.code, d.line, d.col) for d in doc.diagnostics] == [("E009", 1, 17)]
    assert doc.data["web"] == {"start": "9:00"}


def test_diagnostic_path_points_at_the_value():
    doc = load_text("teams:\n  - notify: no\n")
    assert doc.diagnostics[0].path == ("teams", 0, "notify")


def test_tagged_python_object_never_runs(tmp_path):
    marker = tmp_path / "ran"
    source = (f'a: !!python/object/apply:os.system ["touch {marker}"]\n'
              f'b: !!python/object/apply:subprocess.call [["touch", "{marker}"]]\n'
              f'c: !!python/object/new:os.system ["touch {marker}"]\n')
    doc = load_text(source)
    assert not marker.exists()
    assert [d.code for d in doc.diagnostics] == ["E006", "E006", "E006"]
    assert doc.data == {"a": None, "b": None, "c": None}


# --- values: YAML 1.2 core schema ------------------------------------------------

SCALARS = [
    ("~", None), ("null", None), ("Null", None), ("NULL", None), ("", None),
    ("true", True), ("True", True), ("TRUE", True), ("false", False), ("FALSE", False),
    ("0", 0), ("-12", -12), ("+7", 7), ("007", 7), ("0o17", 15), ("0x1F", 31),
    ("1.5", 1.5), ("-0.25", -0.25), (".5", 0.5), ("1e3", 1000.0), ("2.5E-1", 0.25),
    (".inf", math.inf), ("-.Inf", -math.inf),
    ("2026-01-05", "2026-01-05"), ("2026-01-05T10:00:00Z", "2026-01-05T10:00:00Z"),
    ("1_000", "1_000"), ("0b101", "0b101"), ("tRuE", "tRuE"), ("nULL", "nULL"), ("yes please", "yes please"),
    ("'no'", "no"), ('"10:00"', "10:00"), ("'true'", "true"), ("'12'", "12"), ("'~'", "~"),
    ("-x", "-x"), ("-.", "-."), ("1.2.3", "1.2.3"), ("+", "+"), (".", "."), ("12abc", "12abc"), ("0o8", "0o8"),
]


@pytest.mark.parametrize(("text", "value"), SCALARS)
def test_scalar_values(text, value):
    doc = load_text(f"v: {text}\n")
    got = doc.data["v"]
    assert type(got) is type(value) and got == value
    assert doc.diagnostics == []


def test_nan():
    assert math.isnan(load_text("v: .nan\n").data["v"])


def test_quoted_values_raise_no_findings():
    doc = load_text('notify: "no"\nstart: "10:00"\nend: \'17:30\'\nflag: "yes"\n')
    assert doc.diagnostics == []
    assert doc.data == {"notify": "no", "start": "10:00", "end": "17:30", "flag": "yes"}


def test_int_and_bool_keys_are_kept():
    doc = load_text("escalation:\n  1: primary\n  2: secondary\n  3: manager\nflags:\n  true: on-call\n")
    assert doc.data["escalation"] == {1: "primary", 2: "secondary", 3: "manager"}
    assert list(doc.data["flags"]) == [True]
    assert doc.key_mark(("escalation", 2)) == Mark(3, 3)


def test_only_plain_python_types():
    doc = load_text("a: 2026-01-05\nb: [1, 2.0, x, null, true]\nc: {d: 2001-12-14t21:59:43.10-05:00}\n")

    def types(value):
        if isinstance(value, dict):
            return set().union({type(k) for k in value}, *(types(v) for v in value.values()))
        if isinstance(value, list):
            return set().union({list}, *(types(v) for v in value))
        return {type(value)}

    assert types(doc.data) <= {str, int, float, bool, type(None), list, dict}


def test_bom_is_accepted():
    doc = load_text("\ufeffapiVersion: v1\nkind: Org\n".encode())
    assert doc.data == {"apiVersion": "v1", "kind": "Org"}
    assert doc.mark(("apiVersion",)) == Mark(1, 13)


def test_str_input_with_bom():
    assert load_text("\ufeffa: 1\n").data == {"a": 1}


# --- positions -----------------------------------------------------------------

ORG = """\
apiVersion: imcompile/v1
kind: Organisation
metadata:
  name: acme
teams:
  - name: payments
    members:
      - alice@example.com
      - {email: bob@example.com, role: manager}
  - name: search
    escalation:
      1:
        delay: 15
"""


@pytest.mark.parametrize(("path", "value_mark", "key_mark"), [
    (("apiVersion",), (1, 13), (1, 1)),
    (("metadata",), (4, 3), (3, 1)),
    (("metadata", "name"), (4, 9), (4, 3)),
    (("teams",), (6, 3), (5, 1)),
    (("teams", 0), (6, 5), (6, 5)),  # a list item has no key: key_mark falls back to the value
    (("teams", 0, "name"), (6, 11), (6, 5)),
    (("teams", 0, "members", 0), (8, 9), (8, 9)),
    (("teams", 0, "members", 1), (9, 9), (9, 9)),
    (("teams", 0, "members", 1, "role"), (9, 40), (9, 34)),
    (("teams", 1, "escalation", 1), (13, 9), (12, 7)),
    (("teams", 1, "escalation", 1, "delay"), (13, 16), (13, 9)),
])
def test_positions(path, value_mark, key_mark):
    doc = load_text(ORG)
    assert doc.mark(path) == Mark(*value_mark)
    assert doc.positions[path] == Mark(*value_mark)
    assert doc.key_mark(path) == Mark(*key_mark)


def test_unknown_paths_fall_back_to_the_nearest_ancestor():
    doc = load_text(ORG)
    assert doc.mark(("teams", 0, "missing", "deeper")) == Mark(6, 5)
    assert doc.key_mark(("teams", 0, "missing")) == Mark(6, 5)
    assert doc.mark(["metadata", "owner"]) == Mark(4, 3)
    assert doc.mark(()) == Mark(1, 1)
    assert doc.mark(("nothing",)) == Mark(1, 1)


def test_root_is_the_whole_file():
    doc = load_text("# comment\n\nkind: Org\n")
    assert doc.mark(()) == Mark(1, 1)
    assert doc.key_mark(("kind",)) == Mark(3, 1)


def test_alias_reuse_and_positions_of_the_anchor():
    source = """\
defaults:
  hours: &business
    start: "09:00"
    days: [mon, fri]
services:
  api:
    hours: *business
  web:
    hours: *business
"""
    doc = load_text(source)
    assert doc.data["services"]["api"]["hours"] == {"start": "09:00", "days": ["mon", "fri"]}
    assert doc.data["services"]["web"]["hours"] == doc.data["defaults"]["hours"]
    # Expanded values are copies: editing one does not edit the others.
    assert doc.data["services"]["api"]["hours"] is not doc.data["services"]["web"]["hours"]
    assert doc.mark(("services", "web", "hours", "start")) == Mark(3, 12)
    assert doc.mark(("services", "web", "hours", "days", 1)) == Mark(4, 17)
    assert doc.key_mark(("services", "web", "hours")) == Mark(9, 5)
    assert doc.diagnostics == []


def test_load_file(tmp_path):
    path = tmp_path / "org.yaml"
    path.write_text("kind: Org\nteam: a\nteam: b\n")
    doc = load_file(path)
    assert isinstance(doc, Document)
    assert doc.file == str(path)
    assert doc.diagnostics[0].text() == f'{path}:3:1: error E007: duplicate key "team" (first defined at line 2)'


def test_load_file_reports_bad_bytes_with_its_name(tmp_path):
    path = tmp_path / "org.yaml"
    path.write_bytes(b"a: \xff\n")
    with pytest.raises(LoadError) as info:
        load_file(str(path))
    assert info.value.diagnostic.text() == (
        f"{path}:1:4: error E002: file is not valid UTF-8 (byte 0xff at line 1, column 4)")


def test_deep_nesting_is_an_error_not_a_crash():
    d = fatal("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert d.code == "E001"


def test_positions_do_not_depend_on_later_edits_to_data():
    doc = load_text(ORG)
    doc.data["teams"].pop(0)
    doc.data["metadata"].clear()
    assert doc.mark(("teams", 1, "name")) == Mark(10, 11)
    assert doc.key_mark(("metadata", "name")) == Mark(4, 3)


def test_document_built_by_hand():
    doc = Document("org.yaml", {"a": {"b": 1}}, {("a",): Mark(2, 3)}, {("a",): Mark(2, 1)})
    assert doc.mark(("a", "b")) == Mark(2, 3)
    assert doc.key_mark(("a", "b")) == Mark(2, 3)
    assert doc.key_mark(("a",)) == Mark(2, 1)
    assert Document("org.yaml", {}).mark(("x",)) == Mark(1, 1)


# --- any input: a Document or a LoadError, never a traceback ----------------------

YAMLISH = st.lists(st.sampled_from(
    list("ab01:-[]{},&*!?'\"\n \t#|>.~yn%@") + ["&a ", "*a", "!!int ", "!!str ", "!!map ", "!!python/name:x ",
                                               "<<: ", "---\n", "é", "10:00", "? ", "\n  ", "\n- ", "a: ", "1: "]),
    max_size=40).map("".join)


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, path + (i,))


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(YAMLISH, st.binary(max_size=40)))
def test_any_input_loads_or_fails_cleanly(source):
    try:
        doc = load_text(source)
    except LoadError as e:
        assert e.diagnostic.code in {"E001", "E002", "E003", "E004", "E005"}
        assert "\n" not in e.diagnostic.message and e.diagnostic.line >= 1 and e.diagnostic.col >= 1
        return
    assert isinstance(doc.data, dict)
    assert set(_paths(doc.data)) == set(doc.positions)  # every value can be pointed at
    assert all(d.line >= 1 and d.col >= 1 for d in doc.diagnostics)
