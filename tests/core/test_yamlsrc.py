"""Located YAML: positions, problems, and values equal to PyYAML's."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.load.yamlsrc import LMap, locate, parse


def test_positions_of_keys_and_values_with_offset() -> None:
    tree, problems = parse("a: 1\nlist:\n  - x\n  - {b: y}\n", line_offset=1)
    assert problems == []
    assert isinstance(tree, LMap)
    assert tree.key_pos["list"] == (3, 1)
    assert locate(tree, ("list", 1, "b")) == (5, 9)
    assert locate(tree, ("list", 1, "missing")) == (5, 5)


def test_duplicate_keys_bad_tags_and_impossible_dates_are_problems() -> None:
    _, problems = parse("a: 1\na: 2\nb: !!binary aGk=\nc: 2026-02-30\n")
    assert [(p.line, p.code) for p in problems] == [
        (2, "yaml.duplicate-key"),
        (3, "yaml.tag"),
        (4, "date.invalid"),
    ]


def test_syntax_error_points_at_the_line_in_the_whole_file() -> None:
    tree, problems = parse("a: [1, 2\nb: 3\n", line_offset=4)
    assert tree is None
    assert problems[0].code == "yaml.syntax"
    assert problems[0].line >= 5


def test_tabs_get_advice() -> None:
    _, problems = parse("a:\n\tb: 1\n")
    assert "use spaces, not tabs" in problems[0].message


scalars = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
    st.integers(-1000, 1000),
    st.booleans(),
    st.none(),
    st.sampled_from(
        ["yes", "No", "off", "null", "~", "1.5", ".inf", "0x1F", "2026-01-02", "True", "Text here"]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text("abcdef", min_size=1, max_size=5), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(values)
def test_values_equal_pyyaml_safe_load(value: object) -> None:
    for text in (
        yaml.safe_dump({"k": value}),
        yaml.safe_dump({"k": value}, default_flow_style=True),
    ):
        tree, problems = parse(text)
        assert problems == []
        assert tree == yaml.safe_load(text)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(
        ["yes", "no", "on", "off", "y", "n", "true", "Null", "nope", "Yesterday", "O", "t", "f"]
    )
)
def test_plain_words_resolve_like_pyyaml(word: str) -> None:
    text = f"k: {word}\n"
    assert parse(text)[0] == yaml.safe_load(text)
