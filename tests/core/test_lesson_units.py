"""Units of real-lesson content: nested blocks, references, figures, quiz text as Markdown."""

from __future__ import annotations

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.body import heading_anchors, iter_refs, parse_body, trainee_blocks, word_count
from builder.figures import pixel_size, resolve, with_figures
from builder.quiztext import TAGS, parse, to_gift, to_html, to_json, to_markdown, to_plain
from builder.safety import is_allowed_html, is_safe_url

BODY = """\
Intro.

::: exercise "Try `ls`"
Do it.

```
::: not a block inside code
```

::: solution
Use `ls -l`.
:::

::: hint "Small"
Look.
:::
:::

::: instructor
Secret.
:::
"""


def test_a_solution_nests_in_an_exercise() -> None:
    blocks, problems = parse_body(BODY)
    assert problems == ()
    assert [b.kind for b in blocks] == ["text", "exercise", "instructor"]
    exercise = blocks[1]
    assert exercise.title == "Try `ls`"
    assert "::: not a block inside code" in exercise.text
    assert [(c.kind, c.title, c.text) for c in exercise.children] == [
        ("solution", "", "Use `ls -l`."),
        ("hint", "Small", "Look."),
    ]
    assert exercise.children[0].line == 10


def test_trainee_blocks_drop_solutions_only_when_asked() -> None:
    blocks, _ = parse_body(BODY)
    shown = trainee_blocks(blocks)
    assert [c.kind for c in shown[1].children] == ["solution", "hint"]
    hidden = trainee_blocks(blocks, solutions=False)
    assert [c.kind for c in hidden[1].children] == ["hint"]
    assert all(b.kind != "instructor" for b in hidden)
    assert word_count(shown) > word_count(hidden)


def test_nesting_messages_count_lines_in_the_file() -> None:
    body = '::: exercise "A"\n::: note\nx\n:::\n:::\n'
    _, problems = parse_body(body, first_line=12)
    assert problems[0].line == 2  # body line: the checker adds the offset
    assert "opened on line 12" in problems[0].message


def test_longer_fences_close_like_short_ones() -> None:
    blocks, problems = parse_body("::::: exercise\nQ\n:::: solution\nA\n::::\n:::::\n")
    assert problems == ()
    assert blocks[0].children[0].text == "A"


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["text", "::: exercise", "::: solution", "::: hint", "::: note", ":::", "```", "# H"]
        ),
        max_size=25,
    )
)
def test_any_body_parses_without_crashing(lines: list[str]) -> None:
    body = "\n".join(lines)
    blocks, problems = parse_body(body)
    count = len(lines) or 1
    assert all(1 <= p.line <= count for p in problems)
    assert all(b.line >= 1 for b in blocks)


def test_references_are_found_outside_code_with_their_columns() -> None:
    text = "See [a](x.md) and `[b](y.md)` and ![c](fig/c.png){width=1}\n```\n[d](z.md)\n```\n"
    refs = list(iter_refs(text))
    assert [(r.target, r.image, r.attrs, r.col, r.target_col) for r in refs] == [
        ("x.md", False, "", 5, 9),
        ("fig/c.png", True, "{width=1}", 35, 40),
    ]


def test_heading_anchors_follow_the_site() -> None:
    assert heading_anchors("# Moving `around`\n## Pipes & filters {#pf}\n") == frozenset(
        {"moving-around", "pipes-filters", "pf"}
    )


def test_paths_stay_in_the_tree() -> None:
    assert resolve("modules/a.md", "fig/x.png") == "modules/fig/x.png"
    assert resolve("modules/a.md", "../shared/x.png") == "shared/x.png"
    assert resolve("modules/a.md", "../../x.png") is None
    assert resolve("modules/a.md", "https://e.org/x.png") is None


def test_pixel_sizes() -> None:
    png = (
        b"\x89PNG\r\n\x1a\n"
        + b"\x00\x00\x00\rIHDR"
        + (300).to_bytes(4, "big")
        + (20).to_bytes(4, "big")
    )
    assert pixel_size(png, "a.png") == (300, 20)
    assert pixel_size(b'<svg width="40" height="30">', "a.svg") == (40, 30)
    assert pixel_size(b'<svg viewBox="0 0 64 48">', "a.svg") == (64, 48)
    assert pixel_size(b"nothing", "a.svg") == (0, 0)


def test_with_figures_rewrites_local_images_only(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "modules" / "fig").mkdir(parents=True)
    (tmp_path / "modules" / "fig" / "a.svg").write_text('<svg width="4" height="2"/>')
    text = "![A](fig/a.svg) ![B](https://e.org/b.png) `![C](fig/a.svg)` ![D](fig/none.png)"
    out, figures = with_figures(tmp_path, "modules/m.md", text)
    assert len(figures) == 1 and figures[0].name.endswith("-4x2.svg")
    assert out == (
        f"![A]({figures[0].name}) ![B](https://e.org/b.png) `![C](fig/a.svg)` ![D](fig/none.png)"
    )


def test_the_allow_list_of_inline_html() -> None:
    assert is_allowed_html("<kbd>") and is_allowed_html('<abbr title="x y">')
    assert is_allowed_html("<br/>") and is_allowed_html("</sup>")
    for tag in ("<kbd onclick=x>", '<abbr title="x" onmouseover="y">', "<script>", "<img src=x>"):
        assert not is_allowed_html(tag), tag


PROMPT = "Run:\n\n```bash\n$ ls -F <dir>\n```\n\nThe *best* `x` [site](https://e.org) <kbd>K</kbd>"


def test_quiz_text_renders_the_same_markdown_everywhere() -> None:
    html = to_html(PROMPT)
    assert "<pre><code" in html and "$ ls -F &lt;dir&gt;\n" in html
    assert "<em>best</em> <code>x</code>" in html and '<a href="https://e.org">site</a>' in html
    assert "<kbd>K</kbd>" in html
    assert to_plain(PROMPT).startswith("Run: $ ls -F <dir>")
    assert "```\n$ ls -F <dir>\n```" in to_markdown(PROMPT)
    assert to_gift(PROMPT).startswith("Run\\:\\n\\n```\\n$ ls -F <dir>\\n```")
    assert to_json("`a`") == [["p", {}, [["code", {}, ["a"]]]]]
    assert parse("plain words") == parse("plain   words")


HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[x](javascript:alert(1))",
        "![x](javascript:alert(1))",
        "<kbd onclick=alert(1)>k</kbd>",
        '<abbr title="x" onmouseover="alert(1)">a</abbr>',
        "[x](  JaVaScRiPt:alert(1))",
        "<a href=javascript:alert(1)>a</a>",
        "`<script>`",
        "*",
        "\n\n",
        "text",
        "<br>",
        "[ok](https://e.org)",
    ]
)


def _check_tree(nodes: list[object]) -> None:
    """Text is text (the script makes text nodes of strings); elements are on the allow-list,
    with allowed attributes and safe targets."""
    for node in nodes:
        if isinstance(node, str):
            continue
        assert isinstance(node, list)
        tag, attrs, children = node
        assert tag in TAGS or tag == "span", tag
        assert set(attrs) <= set(TAGS.get(tag, ())), attrs
        for name in ("href", "src"):
            if name in attrs:
                assert is_safe_url(attrs[name]), attrs
        _check_tree(children)
    json.dumps(nodes)


@settings(max_examples=200, deadline=None)
@given(st.lists(HOSTILE, min_size=1, max_size=8))
def test_no_quiz_text_can_make_markup_that_runs(parts: list[str]) -> None:
    text = " ".join(parts)
    _check_tree(to_json(text))
    for out in (to_html(text), to_html(text, xhtml=True)):
        low = out.lower()
        assert "<script" not in low  # (as text it is "&lt;script")
        assert not re.search(r"<[a-z][^<>]*(href|src)\s*=\s*[\"']?\s*javascript", low)
        assert not re.search(r"<[a-z]+[^>]*\son[a-z]+\s*=", low)
    gift = to_gift(text).lower()
    assert not re.search(r"\]\(<?\s*javascript", gift)  # no link to it survives
    prose = re.sub(r"`[^`]*`", "", gift)  # (code shows a < as it is)
    assert not re.search(r"(?<!\\)<script", prose)  # Markdown shows an escaped < as text


def test_a_renderer_message_names_the_authors_file_and_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from builder.site.build import author_message
    from builder.site.layout import Page

    (tmp_path / "modules").mkdir()
    (tmp_path / "modules" / "m.md").write_text("---\nid: m\n---\n\nSee [x](data/x.csv).\n")
    pages = [Page("modules/m.html", "M", "en", "", source="modules/m.md")]
    message = (
        "WARNING: Doc file 'modules/m.html' contains a link 'data/x.csv', but the target is "
        "not found among documentation files."
    )
    assert author_message(message, pages, tmp_path).startswith(
        "modules/m.md:5: WARNING: Doc file 'modules/m.html'"
    )
    assert author_message("error: other", pages, tmp_path) == "error: other"
