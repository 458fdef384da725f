"""The converted lesson's site in a real browser: solutions open without JavaScript, quiz text
with Markdown renders as elements, figures load, and the page has no WCAG 2.1 AA violation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.site.site_support import BuiltSite, build_and_serve

pytestmark = pytest.mark.browser

LESSON = Path(__file__).resolve().parents[1] / "lesson"
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(scope="module")
def lesson_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The lesson's site, built and served."""
    return build_and_serve(LESSON, tmp_path_factory.mktemp("lesson-site") / "site")


def test_a_solution_opens_without_javascript(browser: Browser, lesson_site: BuiltSite) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(lesson_site.url + "modules/shell-intro.html")
    solution = page.locator("details.solution")
    expect(solution.get_by_text("listing format")).to_be_hidden()
    solution.locator("summary").click()
    expect(solution.get_by_text("listing format")).to_be_visible()
    context.close()


def test_a_solution_opens_by_keyboard(page: Page, lesson_site: BuiltSite) -> None:
    page.goto(lesson_site.url + "modules/shell-intro.html")
    page.locator("details.solution summary").focus()
    page.keyboard.press("Enter")
    expect(page.locator("details.solution").get_by_text("listing format")).to_be_visible()


def test_figures_load(page: Page, lesson_site: BuiltSite) -> None:
    page.goto(lesson_site.url + "modules/shell-intro.html")
    sizes: list[Any] = page.evaluate(
        "Array.from(document.querySelectorAll('article img')).map(i => [i.alt, i.naturalWidth])"
    )
    assert ["A file system drawn as a tree of folders", 120] in sizes
    assert ["The lesson logo, a photograph", 16] in sizes


def test_quiz_markdown_renders_as_elements(page: Page, lesson_site: BuiltSite) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(lesson_site.url + "modules/shell-intro.html")
    prompt = page.locator(".cur-prompt").first
    expect(prompt.locator("pre code")).to_contain_text("$ ls -F")
    expect(prompt.locator("em")).to_have_text("best")
    expect(prompt.locator("a[href='https://swcarpentry.github.io/shell-novice/']")).to_have_count(1)
    # options are shuffled per attempt: pick the right one by its rendered code span
    right = page.locator(".cur-option").filter(has=page.locator("label code", has_text="/"))
    expect(right).to_have_count(1)
    right.locator("input").check()
    page.locator(".cur-check").first.click()
    if page.locator(".cur-unanswered").is_visible():  # the other questions are unanswered
        page.locator(".cur-check").first.click()
    expect(page.locator(".cur-option-feedback strong", has_text="classifies")).to_have_count(1)
    expect(page.locator(".cur-prompt kbd")).to_have_text("Enter")
    assert errors == []


def test_no_wcag_violation_on_the_lesson(page: Page, lesson_site: BuiltSite) -> None:
    page.goto(lesson_site.url + "modules/shell-intro.html")
    page.locator("details.solution summary").click()
    result = Axe().run(page, options=WCAG_AA)
    assert result.violations_count == 0, result.generate_report()
