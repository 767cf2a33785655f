"""The org file `imcompile import` writes reads back as exactly what was written, with no
finding from the strict loader, whatever text the account holds."""

from hypothesis import given, settings
from hypothesis import strategies as st

from imcompile.control_chars import CONTROL
from imcompile.loader import load_text
from imcompile.pagerduty.yamltext import dump

texts = st.text(min_size=1, max_size=40)
keys = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,20}", fullmatch=True)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(keys, st.one_of(texts, st.integers(), st.booleans(),
                                        st.lists(texts, max_size=3),
                                        st.dictionaries(keys, texts, max_size=3)),
                       min_size=1, max_size=5))
def test_any_value_reads_back_unchanged(doc):
    loaded = load_text(dump({"entries": {"x": doc}}), "org.yaml")
    # Text with a control character reads back too, and is then refused (E014).
    held = [s for v in doc.values() for s in _strings(v) if CONTROL.search(s)]
    assert [d.code for d in loaded.diagnostics] == ["E014"] * len(held)
    assert loaded.data == {"entries": {"x": doc}}


def _strings(value):
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return value
    return list(value.values()) if isinstance(value, dict) else []


def test_times_dates_durations_and_yaml_words_are_written_the_formats_way():
    text = dump({"a": {"start": "09:00", "date": "2026-01-05", "every": "1w",
                       "word": "no", "name": "Zoë Müller", "target": "schedule:ops",
                       "note": "a: b # c"}})
    assert text.splitlines()[1:] == [
        '  start: "09:00"', '  date: "2026-01-05"', "  every: 1w", '  word: "no"',
        "  name: Zoë Müller", "  target: schedule:ops", '  note: "a: b # c"']


def test_comments_go_above_their_key():
    text = dump({"people": {"a": {"name": "A"}}}, {("people", "a"): ["import note: x"]},
                header=("first line",))
    assert text == "# first line\n\npeople:\n  # import note: x\n  a:\n    name: A\n"
