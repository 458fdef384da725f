"""Unit tests of the page generators: escaping, instructor blocks, exams, navigation, config."""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.body import parse_body
from builder.model import Curriculum, Question
from builder.safety import json_for_html
from builder.site import i18n
from builder.site.build import generate_pages, page_source
from builder.site.config import Look, extension_list, generated_config, theme_config
from builder.site.layout import NAV_GROUP, NavEntry, Page, grouped, make_site, module_path
from builder.site.nav import nav_pages, site_nav
from builder.site.pages_module import is_outdated, minutes_text, module_page
from builder.site.quizdata import ExamOnSiteError, quiz_payload
from builder.site.svg import Bar, MapNode, lanes, progress_chart, track_map, wrap
from builder.site.text import body_markdown, html_text, md_inline
from builder.validate.orchestrator import CheckResult, check_curriculum
from tests.site.site_payload import EXAM_PROMPT, INSTRUCTOR_TEXT, PAYLOAD, XSS_IMG, XSS_SCRIPT


@pytest.fixture(scope="module")
def payload_result(tmp_path_factory: pytest.TempPathFactory) -> CheckResult:
    from site_payload import write_minimal

    return check_curriculum(write_minimal(tmp_path_factory.mktemp("mini") / "c"))


@pytest.fixture(scope="module")
def shipped_pages(shipped: CheckResult) -> list[Page]:
    from site_support import ROOT

    return generate_pages(make_site(shipped.course), ROOT)


@pytest.fixture(scope="module")
def payload_pages(payload_result: CheckResult) -> list[Page]:
    return generate_pages(make_site(payload_result.course), Path(payload_result.curriculum.root))  # type: ignore[union-attr]


# ----------------------------------------------------------------------------- escaping


def test_md_inline_leaves_no_markup_character() -> None:
    out = md_inline(PAYLOAD + " [x](javascript:alert(1)) *b* `c` {: onclick=x}")
    assert not set(out) & set('<>[]`*_{}|"')
    assert html_unescape(out) == PAYLOAD + " [x](javascript:alert(1)) *b* `c` {: onclick=x}"


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)


def test_body_markdown_disarms_every_tag() -> None:
    assert "<" not in body_markdown("a <script>x</script> `<b>` ```\n<i>\n```")


def test_json_for_html_cannot_close_its_script() -> None:
    text = json_for_html({"prompt": "</script><script>alert(1)</script> & <!--", "\u2028": 1})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["prompt"].startswith("</script>")


def test_html_text_escapes_quotes() -> None:
    assert html_text('"><img onerror=1>') == "&quot;&gt;&lt;img onerror=1&gt;"


def _render(md_text: str) -> str:
    md = markdown.Markdown(
        extensions=[
            "admonition",
            "attr_list",
            "md_in_html",
            "tables",
            "toc",
            "pymdownx.superfences",
            "builder.site.mdext",
        ]
    )
    return md.convert(md_text)


@pytest.mark.parametrize(
    "source",
    [
        "[a](javascript:alert(1))",
        "[a](JaVaScRiPt:alert(1))",
        "[a](&#106;avascript:alert(1))",
        "[a](java\tscript:alert(1))",
        "[a][r]\n\n[r]: javascript:alert(1)",
        "[a](data:text/html,<script>alert(1)</script>)",
        "![a](javascript:alert(1))",
        "[a](vbscript:msgbox)",
    ],
)
def test_sanitiser_drops_script_links(source: str) -> None:
    html_out = _render(body_markdown(source))
    assert "javascript" not in html_out.lower().replace("&#106;", "j") or "href" not in html_out
    assert 'href="javascript' not in html_out.lower() and 'href="data' not in html_out.lower()
    assert "src=" not in html_out


def test_sanitiser_removes_event_attributes_and_remote_images() -> None:
    out = _render(
        '## Title {onclick="alert(1)" onmouseover=x}\n\n![alt](https://example.com/x.png)\n\n![local](pic.png)'
    )
    assert "onclick" not in out and "onmouseover" not in out
    assert '<a class="cur-remote-image" href="https://example.com/x.png">alt</a>' in out
    assert '<img alt="local" src="pic.png"' in out


def test_code_keeps_its_angle_brackets() -> None:
    out = _render(body_markdown("Use `<Declaration>` here.\n\n```xml\n<Declaration/>\n```"))
    assert "<code>&lt;Declaration&gt;</code>" in out
    assert "&amp;lt;" not in out


def test_payload_module_page_shows_payload_as_text(payload_result: CheckResult) -> None:
    site = make_site(payload_result.course)
    page = module_page(site, "m-one", "en")
    html_out = _render(page.markdown)
    assert "<script>" not in html_out.replace('<script type="application/json"', "")
    assert not re.search(r"<img[^>]*onerror", html_out)
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html_out
    assert 'href="javascript' not in html_out


def test_quiz_json_escapes_payloads(payload_result: CheckResult) -> None:
    site = make_site(payload_result.course)
    page = module_page(site, "m-one", "en")
    data = re.search(
        r'<script type="application/json" id="cur-quiz-m-one">(.*?)</script>', page.markdown, re.S
    )
    assert data is not None
    assert "<" not in data.group(1) and ">" not in data.group(1)
    assert XSS_SCRIPT in json.loads(data.group(1))["questions"][0]["prompt"]


def test_page_title_is_escaped_in_front_matter(payload_pages: list[Page]) -> None:
    page = next(p for p in payload_pages if p.path == "modules/m-one.md")
    front = page_source(page).split("---")[1]
    assert "<" not in front and XSS_IMG not in front


# ----------------------------------------------------------------------------- trainee rules


def test_no_page_holds_an_instructor_passage(
    shipped: CheckResult, shipped_pages: list[Page]
) -> None:
    cur = shipped.curriculum
    assert cur is not None
    everything = "\n".join(p.markdown for p in shipped_pages)
    checked = 0
    for m in cur.modules.values():
        for body in [m.body, *(t.body for t in m.translations.values())]:
            blocks, _ = parse_body(body)
            for b in blocks:
                if b.kind != "instructor":
                    continue
                for para in (p.strip() for p in b.text.split("\n\n") if len(p.strip()) > 40):
                    assert body_markdown(para) not in everything, para[:80]
                    checked += 1
    assert checked > 20


def test_payload_instructor_text_is_dropped(payload_pages: list[Page]) -> None:
    assert not any(INSTRUCTOR_TEXT in p.markdown for p in payload_pages)


def test_exams_never_become_quiz_data(shipped: CheckResult) -> None:
    cur = shipped.curriculum
    assert cur is not None
    exams = [q for q in cur.quizzes.values() if q.is_exam]
    assert exams
    for exam in exams:
        with pytest.raises(ExamOnSiteError):
            quiz_payload(cur, exam, "en")


def test_no_page_holds_an_exam_question(
    shipped: CheckResult, shipped_pages: list[Page], payload_pages: list[Page]
) -> None:
    cur = shipped.curriculum
    assert cur is not None
    everything = "\n".join(p.markdown for p in shipped_pages)
    questions = exam_only_questions(cur)
    assert len(questions) > 20
    for question in questions:
        assert md_inline(question.prompt) not in everything
        assert question.prompt not in everything
        assert json_for_html(question.prompt)[1:-1] not in everything
    assert not any(
        EXAM_PROMPT in p.markdown or md_inline(EXAM_PROMPT) in p.markdown for p in payload_pages
    )


def exam_only_questions(cur: Curriculum) -> list[Question]:
    """Return exam questions whose prompt is not also a practice question (those are public)."""
    practice = {q.prompt for z in cur.quizzes.values() if not z.is_exam for q in z.meta.questions}
    found = [q for z in cur.quizzes.values() if z.is_exam for q in z.meta.questions]
    return [q for q in found if q.prompt not in practice]


def test_exam_is_announced_with_its_facts(payload_pages: list[Page]) -> None:
    page = next(p for p in payload_pages if p.path == "modules/m-two.md")
    assert "An exam follows" in page.markdown
    assert md_inline("1 questions, pass mark 70%, time limit 30 minutes") in page.markdown


# ----------------------------------------------------------------------------- navigation


def test_nav_order_is_course_order(shipped: CheckResult) -> None:
    site = make_site(shipped.course)
    cur = shipped.curriculum
    assert cur is not None
    in_nav = [p for p in nav_pages(site_nav(site)) if p.startswith("modules/")]
    expected = sorted(
        shipped.order,
        key=lambda m: (
            cur.programme.track_index(cur.modules[m].meta.track),
            shipped.order.index(m),
        ),
    )
    assert in_nav == [module_path(m, "en", "en") for m in expected]
    assert expected == list(shipped.order)  # the shipped course order never goes back a track


def test_nav_lists_every_page(shipped_pages: list[Page], shipped: CheckResult) -> None:
    """Every page but the authors' reference, which is published outside the trainees' nav."""
    in_nav = nav_pages(site_nav(make_site(shipped.course)))
    assert sorted(in_nav) == sorted(p.path for p in shipped_pages if p.path != "authoring.md")
    assert "authoring.md" in {p.path for p in shipped_pages} and "authoring.md" not in in_nav


def test_long_tracks_are_grouped() -> None:
    entries = [NavEntry(f"m{i}", f"modules/m{i}.md") for i in range(NAV_GROUP * 2 + 3)]
    groups = grouped(entries, "Modules {a}–{b}")
    assert [g.title for g in groups] == [
        f"Modules 1–{NAV_GROUP}",
        f"Modules {NAV_GROUP + 1}–{2 * NAV_GROUP}",
        f"Modules {2 * NAV_GROUP + 1}–{2 * NAV_GROUP + 3}",
    ]
    assert [c for g in groups for c in g.children] == entries
    assert grouped(entries[:3], "x") == tuple(entries[:3])


def test_next_module_follows_course_order(shipped: CheckResult, shipped_pages: list[Page]) -> None:
    pages = {p.path: p for p in shipped_pages}
    for here, nxt in zip(shipped.order, shipped.order[1:], strict=False):
        assert f"]({nxt}.md)\n" in pages[f"modules/{here}.md"].markdown.split("cur-next")[1]


# ----------------------------------------------------------------------------- languages


def test_language_sections_and_notices(payload_pages: list[Page]) -> None:
    pages = {p.path: p for p in payload_pages}
    assert pages["fr/modules/m-one.md"].lang == "fr"
    assert "Traduction à mettre à jour" in pages["fr/modules/m-one.md"].markdown
    assert "version 1.0.0 du module" in pages["fr/modules/m-one.md"].markdown
    untranslated = pages["fr/modules/m-two.md"]
    assert "Pas encore traduit" in untranslated.markdown
    assert '<div lang="en" markdown>' in untranslated.markdown
    assert not untranslated.searchable
    assert "Second module." in untranslated.markdown


def test_outdated_compares_versions() -> None:
    assert is_outdated("1.0.0", "1.1.0") and is_outdated("1.9.0", "1.10.0")
    assert not is_outdated("1.1.0", "1.1.0") and not is_outdated("2.0.0", "1.9.9")


def test_interface_strings_fall_back_to_english() -> None:
    assert i18n.t("fr", "next") == "Module suivant"
    assert i18n.t("xx", "next") == "Next module"
    assert set(i18n.script_strings("es")) == {*i18n.SCRIPT_KEYS, *i18n.GUIDE_SCRIPT_KEYS}
    for lang in ("fr", "es"):  # every new string is translated, with the same placeholders
        assert set(i18n.GUIDE_STRINGS[lang]) == set(i18n.GUIDE_STRINGS["en"])


def test_minutes_text() -> None:
    assert [minutes_text(m) for m in (45, 60, 105)] == ["45 min", "1 h", "1 h 45 min"]


# ----------------------------------------------------------------------------- config and SVG


def test_config_forces_offline_and_fast_settings(shipped: CheckResult, tmp_path: Path) -> None:
    look = Look(
        {
            "theme": {
                "features": ["navigation.sections", "navigation.instant", "toc.follow"],
                "font": {"text": "Roboto"},
            },
            "markdown_extensions": ["pymdownx.snippets", {"toc": {"permalink": True}}],
        },
        (),
    )
    cfg = generated_config(make_site(shipped.course), look, [], tmp_path, tmp_path, tmp_path)
    assert cfg["theme"]["font"] is False
    assert cfg["use_directory_urls"] is False and cfg["strict"] is True
    assert "navigation.prune" in cfg["theme"]["features"]
    assert not {"navigation.sections", "navigation.instant"} & set(cfg["theme"]["features"])
    assert "pymdownx.snippets" not in cfg["markdown_extensions"]
    assert {"toc": {"permalink": True}} in cfg["markdown_extensions"]
    assert "builder.site.mdext" in cfg["markdown_extensions"]


def test_extension_list_adds_required_once() -> None:
    out = extension_list(["admonition", "admonition"])
    assert out.count("admonition") == 1 and "md_in_html" in out


def test_theme_keeps_the_look(tmp_path: Path) -> None:
    theme = theme_config(
        {"palette": {"primary": "teal"}, "logo": "assets/images/logo.svg"}, tmp_path, "en"
    )
    assert theme["palette"] == {"primary": "teal"} and theme["logo"] == "assets/images/logo.svg"


def test_map_svg_is_accessible() -> None:
    nodes = [
        MapNode(
            "a", "First <module> with a title far longer than one line of the box", "a.html", 0, 0
        ),
        MapNode("b", "Second", "modules/b.html", 0, 1),
        MapNode("c", "Third", "modules/c.html", 0, 2),
    ]
    svg = track_map(nodes, [("a", "b"), ("a", "c"), ("x", "c")], "Track & one", "cur-map-1")
    assert '<title id="cur-map-1">Track &amp; one</title>' in svg and 'role="group"' in svg
    assert svg.count("<a href=") == 3 and "First &lt;module&gt;" in svg
    assert "…" not in svg  # full titles, wrapped, never cut
    assert svg.count('marker-end="url(#cur-arrow)"') == 2  # the edge from another track is listed
    assert svg.count('class="cur-map-status"') == 3


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=40))
def test_arrows_sharing_a_lane_never_overlap(spans: list[tuple[int, int]]) -> None:
    got = lanes(spans)
    for i, a in enumerate(spans):
        for j, b in enumerate(spans[:i]):
            if got[i] == got[j]:
                assert max(a) < min(b) or max(b) < min(a)


def test_progress_chart_has_title_and_values() -> None:
    svg = progress_chart(
        [Bar("S-1", 1, 3, 3)],
        4,
        "Progress",
        "desc",
        {"first": "First", "latest": "Latest", "target": "Target"},
    )
    assert 'role="img"' in svg and "<title" in svg and "1 → 3 / 3" in svg


def test_wrap() -> None:
    assert wrap("short") == ["short"]
    lines = wrap("word " * 40, 20, 2)
    assert len(lines) == 2 and lines[-1].endswith("…")
