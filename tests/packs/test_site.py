"""The offline mini-site and the single-file HTML: safe, self-contained, with working quizzes."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from builder.validate.orchestrator import CheckResult
from tests.packs.conftest import Built

ALLOWED_SCRIPTS = (
    {"type": "application/json", "id": "quiz-data"},
    {"src": "assets/marking.js"},
    {"src": "assets/quiz.js"},
)
_SAFE_HREF = re.compile(
    r"^(https?://|mailto:|#[\w-]*$|[a-z0-9-]+\.html(#[\w-]+)?$|assets/pack\.css$)"
)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(text: str) -> list[tuple[str, dict[str, str | None]]]:
    p = _Tags()
    p.feed(text)
    return p.tags


def _assert_safe_page(text: str, name: str) -> None:
    for tag, attrs in _tags(text):
        assert tag not in ("iframe", "object", "embed", "img", "base"), f"{name}: <{tag}>"
        assert not [a for a in attrs if a.startswith("on")], f"{name}: event handler on <{tag}>"
        if tag == "script":
            assert attrs in ALLOWED_SCRIPTS, f"{name}: unexpected script {attrs}"
        if tag == "link":
            assert attrs.get("href") == "assets/pack.css", f"{name}: external stylesheet {attrs}"
        if tag == "a" and attrs.get("href") is not None:
            assert _SAFE_HREF.match(str(attrs["href"])), f"{name}: unsafe link {attrs['href']}"


def test_site_pages_are_safe_and_offline(built: Built, code: str) -> None:
    site = built.pack(code) / "trainee" / "site"
    pages = sorted(site.glob("*.html"))
    assert {p.stem for p in pages} >= {m.id for m in built.contents[code].modules} | {"index"}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        _assert_safe_page(text, page.name)
        for href in re.findall(r'href="([^"#]+\.html)', text):
            assert (site / href).is_file(), f"{page.name}: broken link {href}"


def test_single_html_is_self_contained(built: Built, code: str) -> None:
    text = (built.pack(code) / "trainee" / "handbook.html").read_text(encoding="utf-8")
    for tag, attrs in _tags(text):
        assert tag not in ("script", "link", "img", "iframe"), (
            f"<{tag}> in the single-file handbook"
        )
        assert not [a for a in attrs if a.startswith("on")]
        if tag == "a":
            href = str(attrs.get("href"))
            assert href.startswith(("#", "https://", "http://", "mailto:")), href
            if href.startswith("#"):
                assert f'id="{href[1:]}"' in text, f"dangling anchor {href}"


def test_module_links_become_anchors_or_text(tiny_built: tuple[CheckResult, Path]) -> None:
    _, out = tiny_built
    pack = out / "KE" / "trainee"
    html = (pack / "handbook.html").read_text(encoding="utf-8")
    assert 'href="#mod-risk"' in html and 'href="#mod-intro"' in html
    assert "module:" not in html and "mod-extra" not in html
    assert 'href="#std-s-1"' in html
    page = (pack / "site" / "risk.html").read_text(encoding="utf-8")
    assert 'href="intro.html"' in page


def test_hostile_text_is_shown_as_text(tiny_built: tuple[CheckResult, Path]) -> None:
    _, out = tiny_built
    pack = out / "KE" / "trainee"
    for page in [pack / "handbook.html", *sorted((pack / "site").glob("*.html"))]:
        text = page.read_text(encoding="utf-8")
        if page.parent.name == "site":
            _assert_safe_page(text, page.name)
        assert (
            'href="javascript' not in text.lower()
            and "<script>alert" not in text
            and "<img" not in text
        )
    intro = (pack / "site" / "intro.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in intro
    data = re.search(
        r'<script type="application/json" id="quiz-data">(.*?)</script>', intro, re.S
    ).group(1)  # type: ignore[union-attr]
    assert "<" not in data and ">" not in data and "&" not in data.replace("\\u0026", "")
    assert json.loads(data)["questions"][0]["prompt"] == "Choisissez <b>une</b> réponse"


def test_no_exam_in_site_quiz_data(built: Built, code: str) -> None:
    exams = {q.id for q in built.contents[code].exams}
    for page in (built.pack(code) / "trainee" / "site").glob("*.html"):
        m = re.search(r'id="quiz-data">(.*?)</script>', page.read_text(encoding="utf-8"), re.S)
        if m:
            assert json.loads(m.group(1))["id"] not in exams


def _answer_all(page: Any, data: dict[str, Any], right: bool) -> None:
    for qi, q in enumerate(data["questions"]):
        box = page.locator("fieldset.question").nth(qi)
        t = q["type"]
        if t in ("single", "multiple"):
            for i, o in enumerate(q["options"]):
                if o["correct"] == right or (
                    t == "single" and not right and i == 0 and o["correct"]
                ):
                    box.locator(f"input[value='{i}']").check()
                    if t == "single":
                        break
        elif t == "true-false":
            box.locator(f"input[value='{'true' if q['answer'] == right else 'false'}']").check()
        elif t in ("short", "numeric"):
            value = (q["answers"][0] if t == "short" else str(q["value"])) if right else "zzz"
            box.locator("input").fill(value)
        elif t == "match":
            for i in range(len(q["pairs"])):
                box.locator(f"select[name='q{qi}-{i}']").select_option(
                    str(i) if right else str((i + 1) % len(q["pairs"]))
                )
        else:
            for k in range(len(q["items"])):
                box.locator(f"select[name='q{qi}-{k}']").select_option(str(k + 1) if right else "1")


@pytest.mark.browser
def test_practice_quiz_works_from_the_file_system(
    tiny_built: tuple[CheckResult, Path], pack_browser: Any
) -> None:
    _, out = tiny_built
    page_path = out / "KE" / "trainee" / "site" / "intro.html"
    text = page_path.read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="quiz-data">(.*?)</script>', text, re.S).group(1))  # type: ignore[union-attr]
    page = pack_browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "request",
        lambda r: errors.append(f"request {r.url}") if not r.url.startswith("file://") else None,
    )
    page.goto(page_path.as_uri())
    assert page.locator("fieldset.question").count() == len(data["questions"]) == 7
    assert page.locator("legend").first.inner_text().endswith("Choisissez <b>une</b> réponse")
    _answer_all(page, data, right=True)
    page.locator("button[type=submit]").click()
    assert "(100 %)" in page.locator(".score").inner_text()
    assert page.locator(".feedback.right").count() == 7
    page.locator("button[type=reset]").click()
    _answer_all(page, data, right=False)
    page.locator("button[type=submit]").click()
    assert page.locator(".feedback.wrong").count() >= 5
    # the same marking rules as the trainee site (docs/marking.md): the order question has its
    # first item in place, one share of three; wrong answers show what was expected
    assert page.locator(".feedback.partial").count() == 1
    assert "Partiellement juste" in page.locator(".feedback.partial").inner_text()
    assert "Attendu" in page.locator("fieldset.question").nth(3).inner_text()
    assert "It is SAFE." in page.locator("fieldset.question").nth(3).inner_text()
    assert page.locator("b").count() == 0
    page.locator("button[type=reset]").click()
    page.locator("button[type=submit]").click()  # nothing answered: a warning first
    assert page.locator(".unanswered").is_visible()
    assert page.locator(".score").inner_text() == ""
    page.locator("button[type=submit]").click()  # "check anyway"
    assert "(0 %)" in page.locator(".score").inner_text()
    assert not errors, errors
    page.close()
