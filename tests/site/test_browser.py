"""Browser tests against the built sites served on localhost (Playwright, Chromium)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.site.site_payload import XSS_IMG, XSS_SCRIPT
from tests.site.site_support import BuiltSite

pytestmark = pytest.mark.browser

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def quiz_data(page: Page) -> dict[str, Any]:
    """Return the quiz data embedded in the current page."""
    return json.loads(
        page.locator('script[type="application/json"][id^="cur-quiz-"]').first.text_content()
        or "{}"
    )


def track_size(built: BuiltSite, track: str) -> int:
    """Return how many modules of the shipped curriculum belong to a track."""
    cur = built.result.curriculum
    assert cur is not None
    return sum(1 for m in cur.modules.values() if m.meta.track == track)


# ----------------------------------------------------------------------------- navigation


def test_navigation_follows_course_order(page: Page, built: BuiltSite) -> None:
    cur = built.result.curriculum
    assert cur is not None
    seen: list[str] = []
    for track in cur.programme.tracks:
        page.goto(f"{built.url}tracks/{track.id}/index.html")
        links = page.locator(
            "nav.md-nav--primary .md-nav__item--active > nav .md-nav__link[href*='modules/']"
        )
        hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
        seen += [Path(h).stem for h in hrefs]
        listed = page.locator("article ol a[href*='modules/']")
        assert [
            Path(listed.nth(i).get_attribute("href") or "").stem for i in range(listed.count())
        ] == [Path(h).stem for h in hrefs]
    assert seen == list(built.result.order)
    where = {m: i for i, m in enumerate(seen)}
    for m in seen:
        for p in cur.modules[m].meta.prerequisites:
            assert where[p] < where[m], f"{p} must come before {m}"


# ----------------------------------------------------------------------------- quizzes


def answer_quiz_by_mouse(page: Page, data: dict[str, Any], right: bool = True) -> None:
    """Answer every question with the mouse (correctly, or each first option when not ``right``)."""
    for n, q in enumerate(data["questions"]):
        box = page.locator(".cur-question").nth(n)
        if q["type"] in ("single", "multiple"):
            wrong = next(i for i, o in enumerate(q["options"]) if not o["correct"])
            for i, o in enumerate(q["options"]):  # the page shuffles: find options by value
                if o["correct"] if right else i == wrong:
                    box.locator(f"input[value='{i}']").check()
        elif q["type"] == "true-false":
            box.locator("input").nth(0 if (q["answer"] if right else False) else 1).check()
        elif q["type"] == "short":
            box.locator("input").fill(q["answers"][0] if right else "nothing like it")
        elif q["type"] == "numeric":
            box.locator("input").fill(str(q["value"]) if right else "-1")
        elif q["type"] == "match":
            for i in range(len(q["pairs"])):
                box.locator("select").nth(i).select_option(str(i))
        elif q["type"] == "order" and right:
            for target in range(len(q["items"])):
                text = q["items"][target]
                while True:
                    items = box.locator(".cur-order-text")
                    pos = [items.nth(i).text_content() for i in range(items.count())].index(text)
                    if pos == target:
                        break
                    box.locator(".cur-order-item").nth(pos).locator("button").first.click()


def test_quiz_feedback_score_and_progress_survive_reload(page: Page, built: BuiltSite) -> None:
    module = "p1-risk-management"
    page.goto(f"{built.url}modules/{module}.html")
    data = quiz_data(page)
    assert {q["type"] for q in data["questions"]} >= {"single", "multiple", "true-false"}
    answer_quiz_by_mouse(page, data, right=False)
    page.locator(".cur-check").click()
    if page.locator(".cur-unanswered").is_visible():  # order questions left as they were
        expect(page.locator(".cur-check")).to_have_text("Check anyway")
        page.locator(".cur-check").click()
    expect(page.locator(".cur-result")).to_contain_text("Not passed yet")
    expect(page.locator(".cur-feedback").first).to_be_visible()
    expect(page.locator(".cur-verdict--incorrect").first).to_contain_text("Incorrect")
    expect(page.locator(".cur-option-feedback").first).to_be_visible()
    expect(page.locator(".cur-explanation").first).to_contain_text("Explanation")
    page.locator(".cur-retry").click()
    expect(page.locator(".cur-feedback").first).to_be_hidden()
    answer_quiz_by_mouse(page, data, right=True)
    page.locator(".cur-check").click()
    total = int(sum(q["points"] for q in data["questions"]))
    expect(page.locator(".cur-result")).to_contain_text(
        f"Score: {total} of {total} points (100%). Pass mark: {data['passMark']}%."
    )
    expect(page.locator(".cur-result")).to_contain_text("Passed")
    page.reload()
    expect(page.locator(".cur-module-state")).to_contain_text(
        "You have passed this module's quiz (best score 100%)"
    )
    page.goto(f"{built.url}progress.html")
    expect(page.locator(f'.cur-state[data-module="{module}"]')).to_contain_text("Done")
    size = track_size(built, "pillar-1")
    expect(page.locator('.cur-track-count[data-track="pillar-1"]')).to_contain_text(
        f"1 of {size} done, {size - 1} remaining."
    )
    later = [
        m
        for m in built.result.order
        if module in built.result.curriculum.modules[m].meta.prerequisites
    ]  # type: ignore[union-attr]
    page.goto(f"{built.url}modules/{later[0]}.html")
    expect(page.locator(f'.cur-state[data-module="{module}"]')).to_contain_text("Done")


def tab_to(page: Page, script: str, limit: int = 80) -> None:
    """Press Tab until ``script`` (a JS predicate on document.activeElement ``el``) holds."""
    for _ in range(limit):
        if page.evaluate(
            f"(() => {{ const el = document.activeElement; return Boolean({script}); }})()"
        ):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"keyboard focus never reached: {script}")


# Two shipped quizzes that between them use every question type the site renders.
KEYBOARD_MODULES = ("p1-advance-cargo-time-limits", "p1-ecommerce-postal")


def test_keyboard_modules_cover_every_question_type(built: BuiltSite) -> None:
    cur = built.result.curriculum
    assert cur is not None
    used = {
        q.type
        for m in KEYBOARD_MODULES
        for q in (cur.practice_quiz(m) or pytest.fail(f"no quiz on {m}")).meta.questions
    }
    assert used == {"order", "match", "numeric", "short", "multiple", "single", "true-false"}


@pytest.mark.parametrize("module", KEYBOARD_MODULES)
def test_quiz_by_keyboard_alone(page: Page, built: BuiltSite, module: str) -> None:
    page.goto(f"{built.url}modules/{module}.html")
    data = quiz_data(page)
    page.locator("#practice-quiz").scroll_into_view_if_needed()
    page.evaluate("document.querySelector('#practice-quiz a, #practice-quiz').focus()")
    for n, q in enumerate(data["questions"]):
        inside = f"el.closest('.cur-question') === document.querySelectorAll('.cur-question')[{n}]"
        if q["type"] in ("single", "true-false"):
            right = (
                next(i for i, o in enumerate(q["options"]) if o["correct"])
                if q["type"] == "single"
                else (0 if q["answer"] else 1)
            )
            tab_to(page, f"{inside} && el.type === 'radio'")
            values = page.evaluate(  # the page shuffles options: arrow keys follow the page
                f"[...document.querySelectorAll('.cur-question')[{n}]"
                ".querySelectorAll('input')].map(e => e.value)"
            )
            want = str(right) if q["type"] == "single" else ("true" if q["answer"] else "false")
            page.keyboard.press("Space")
            for _ in range(values.index(want)):
                page.keyboard.press("ArrowDown")
        elif q["type"] == "multiple":
            for i, o in enumerate(q["options"]):
                tab_to(page, f"{inside} && el.type === 'checkbox' && el.value === '{i}'")
                if o["correct"]:
                    page.keyboard.press("Space")
        elif q["type"] in ("short", "numeric"):
            tab_to(page, f"{inside} && el.type === 'text'")
            page.keyboard.type(q["answers"][0] if q["type"] == "short" else str(q["value"]))
        elif q["type"] == "match":
            for i in range(len(q["pairs"])):
                tab_to(
                    page,
                    (
                        f"{inside} && el.tagName === 'SELECT' && "
                        "[...el.closest('.cur-match').querySelectorAll('select')].indexOf(el) "
                        f"=== {i}"
                    ),
                )
                values = page.evaluate(  # the right-hand sides are shuffled per attempt
                    f"[...document.querySelectorAll('.cur-question')[{n}]"
                    f".querySelectorAll('select')[{i}].options].map(o => o.value)"
                )
                for _ in range(values.index(str(i))):
                    page.keyboard.press("ArrowDown")
        elif q["type"] == "order":
            for target, text in enumerate(q["items"]):
                label = json.dumps(f"Move up: {text}")
                while True:
                    pos = page.evaluate(
                        f"[...document.querySelectorAll('.cur-question')[{n}]"
                        ".querySelectorAll('.cur-order-text')].map(e "
                        f"=> e.textContent).indexOf({json.dumps(text)})"
                    )
                    if pos == target:
                        break
                    if page.evaluate(
                        f"document.activeElement.getAttribute('aria-label') !== {label}"
                    ):
                        page.keyboard.press("Shift+Tab")
                        tab_to(
                            page,
                            f"{inside} && el.getAttribute('aria-label') === {label}",
                            limit=200,
                        )
                    page.keyboard.press("Enter")
                    page.wait_for_timeout(20)
    tab_to(page, "el.classList.contains('cur-check')")
    page.keyboard.press("Enter")
    total = int(sum(q["points"] for q in data["questions"]))
    expect(page.locator(".cur-result")).to_contain_text(f"Score: {total} of {total} points (100%)")
    assert page.evaluate("document.activeElement.classList.contains('cur-retry')")
    assert page.locator(".cur-live").count() == 1


def test_order_moves_are_announced(page: Page, built: BuiltSite) -> None:
    page.goto(f"{built.url}modules/safe-history-editions.html")
    items = page.locator(".cur-question--order").first.locator(".cur-order-item")
    item = items.nth(1)
    text = item.locator(".cur-order-text").text_content()
    item.locator("button").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".cur-live").first).to_have_text(
        f"{text}: now in position 1 of {items.count()}."
    )
    assert (
        page.evaluate("document.activeElement.getAttribute('aria-label')") == f"Move down: {text}"
    )


def test_progress_export_and_import(page: Page, built: BuiltSite, tmp_path: Path) -> None:
    page.goto(f"{built.url}progress.html")
    saved = {
        "format": "safe-curriculum-progress",
        "version": 1,
        "modules": {
            "supply-chain-security-basics": {"passed": True, "best": 90},
            "bad id!": {"passed": True},
        },
    }
    upload = tmp_path / "progress.json"
    upload.write_text(json.dumps(saved), encoding="utf-8")
    page.locator("#cur-import").set_input_files(str(upload))
    expect(page.locator("#cur-progress-status")).to_contain_text(
        "Imported progress: 1 modules done."
    )
    size = track_size(built, "foundations")
    expect(page.locator('.cur-track-count[data-track="foundations"]')).to_contain_text(
        f"1 of {size} done, {size - 1} remaining."
    )
    with page.expect_download() as info:
        page.locator("#cur-export").click()
    exported = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert exported["modules"] == {"supply-chain-security-basics": {"passed": True, "best": 90}}
    bad = tmp_path / "bad.json"
    bad.write_text('{"not": "progress"}', encoding="utf-8")
    page.locator("#cur-import").set_input_files(str(bad))
    expect(page.locator("#cur-progress-status")).to_contain_text("not a progress file")
    page.on("dialog", lambda d: d.accept())
    page.locator("#cur-clear").click()
    expect(page.locator('.cur-track-count[data-track="foundations"]')).to_contain_text(
        f"0 of {size} done"
    )


def test_print_turns_quiz_into_numbered_questions(page: Page, built: BuiltSite) -> None:
    page.goto(f"{built.url}modules/p1-risk-management.html")
    choices = page.locator(".cur-question--match .cur-print-only").first
    assert choices.evaluate("e => getComputedStyle(e).display") == "none"
    page.emulate_media(media="print")
    assert choices.evaluate("e => getComputedStyle(e).display") == "block"
    assert (
        page.locator(".cur-feedback").first.evaluate("e => getComputedStyle(e).display") == "none"
    )
    assert (
        page.locator(".cur-questions").evaluate("e => getComputedStyle(e).listStyleType")
        == "decimal"
    )
    assert (
        page.locator(".cur-check").evaluate("e => getComputedStyle(e.parentElement).display")
        == "none"
    )
    assert (
        page.locator(".md-sidebar--primary").evaluate("e => getComputedStyle(e).display") == "none"
    )


# ----------------------------------------------------------------------------- safety


def test_payloads_run_nothing(page: Page, payload_site: BuiltSite) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    pages = sorted(str(p.relative_to(payload_site.path)) for p in payload_site.path.rglob("*.html"))
    assert len(pages) >= 15
    for rel in pages:
        page.goto(payload_site.url + rel)
        assert page.evaluate("window.__xss") is None, rel
    page.goto(payload_site.url + "modules/m-one.html")
    expect(page.locator("h1")).to_contain_text(XSS_SCRIPT)
    expect(page.locator(".cur-prompt").first).to_have_text("Single " + XSS_SCRIPT + " " + XSS_IMG)
    # options are shuffled per attempt: find the payload option by its text, not its place
    option = page.locator(".cur-option").filter(has_text=XSS_IMG).first
    expect(option.locator("label")).to_contain_text(XSS_IMG)
    option.locator("input").check()
    page.locator(".cur-check").click()
    if page.locator(".cur-unanswered").is_visible():
        page.locator(".cur-check").click()
    expect(option.locator(".cur-option-feedback")).to_contain_text(XSS_IMG)
    expect(page.locator("text=bad link")).to_have_count(1)
    assert page.locator("a[href^='javascript']").count() == 0
    page.goto(payload_site.url + "countries/SN.html")
    expect(page.locator("article")).to_contain_text("Customs " + XSS_SCRIPT)
    page.locator(".md-search__input").first.click()
    page.locator(".md-search__input").fill("xss")
    page.wait_for_timeout(800)
    page.keyboard.press("Escape")
    assert page.evaluate("window.__xss") is None
    assert page.locator("img[src='x']").count() == 0
    assert not errors


# ----------------------------------------------------------------------------- accessibility


@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        "modules/p1-risk-management.html",
        "map.html",
        "progress.html",
        "fr/modules/safe-history-editions.html",
    ],
)
def test_no_wcag_violation(page: Page, built: BuiltSite, path: str) -> None:
    page.goto(built.url + path)
    axe = Axe()
    results = axe.run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    if page.locator(".cur-check").count():
        page.locator(".cur-check").click()
        page.wait_for_timeout(600)  # let the theme's colour transitions on the focused button end
        results = axe.run(page, options=WCAG_AA)
        assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("path", ["modules/p1-risk-management.html", "progress.html"])
def test_no_wcag_violation_in_dark_mode(page: Page, built: BuiltSite, path: str) -> None:
    page.emulate_media(color_scheme="dark")
    page.goto(built.url + path)
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    axe = Axe()
    results = axe.run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
    if page.locator(".cur-check").count():
        page.locator(".cur-check").click()
        page.wait_for_timeout(600)
        results = axe.run(page, options=WCAG_AA)
        assert results.violations_count == 0, results.generate_report()


def test_search_works_from_the_file_system(page: Page, built: BuiltSite) -> None:
    page.goto((built.path / "index.html").as_uri())
    page.wait_for_load_state("load")
    page.wait_for_timeout(1000)  # the index loads after the page; Material ignores earlier typing
    page.locator(".md-search__input").first.click()
    page.locator(".md-search__input").press_sequentially("Columbus", delay=20)
    expect(page.locator(".md-search-result__list li").first).to_be_visible(timeout=10000)
    page.goto((built.path / "modules" / "p1-risk-management.html").as_uri())
    page.locator(".cur-check").click()
    expect(page.locator(".cur-result")).to_contain_text("Score:")
