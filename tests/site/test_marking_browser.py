"""The marking rules of docs/marking.md, one by one, in Chromium on a built site.

The site is the minimal curriculum with a practice quiz written for the rules: numbers with a
decimal comma, thousands separators and a trailing word; short answers with accents, curly
apostrophes, punctuation and a ``*`` pattern; partial credit for multiple, match and order;
feedback that shows the trainee's answer against the expected one; true/false feedback that
states the answer; the warning before checking with unanswered questions; shuffling per attempt
with a pinned option.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.site.site_support import BuiltSite, build_and_serve

pytestmark = pytest.mark.browser

MINIMAL = Path(__file__).resolve().parents[1] / "core" / "minimal"

QUIZ = """\
module: intro
questions:
  - id: num-comma
    type: numeric
    objective: explain-safe
    prompt: How many times longer did release take?
    value: 3.5
    explanation: Seven hours against two.
  - id: num-thousands
    type: numeric
    objective: explain-safe
    prompt: How many containers a day?
    value: 1500
    unit: containers
    explanation: Fifteen hundred.
  - id: short-forgiving
    type: short
    objective: explain-safe
    prompt: Who holds the certificate?
    answers: ["l'opérateur économique agréé"]
    explanation: The AEO.
  - id: short-pattern
    type: short
    objective: explain-safe
    prompt: What does the AEO programme aim at?
    answers: ["facilitat*"]
    explanation: Facilitation.
  - id: multi
    type: multiple
    objective: name-pillars
    prompt: Which are pillars?
    options:
      - {text: Customs to Customs, correct: true, feedback: Yes.}
      - {text: Customs to Business, correct: true, feedback: Yes.}
      - {text: Customs to Tourists, feedback: No.}
      - {text: Customs to Weather, feedback: No.}
    explanation: Two of them.
  - id: pairs
    type: match
    objective: name-pillars
    prompt: Match each pillar with its partner.
    pairs:
      - {left: Pillar 1, right: Other customs administrations}
      - {left: Pillar 2, right: Business}
      - {left: Pillar 3, right: Other government agencies}
      - {left: Core element 4, right: Benefits}
    explanation: As the framework says.
  - id: steps
    type: order
    objective: name-pillars
    prompt: Put the steps in order.
    items: [Identify, Analyse, Evaluate, Treat]
    explanation: The risk cycle.
  - id: tf
    type: true-false
    objective: name-pillars
    prompt: SAFE has four pillars.
    answer: false
    explanation: It has three.
  - id: pinned
    type: single
    objective: name-pillars
    prompt: Which edition added the third pillar?
    options:
      - {text: "2005", feedback: No.}
      - {text: "2015", feedback: No.}
      - {text: "2021", correct: true, feedback: Yes.}
      - {text: "2018", feedback: No.}
      - {text: None of the above, fixed: true, feedback: No.}
    explanation: The 2021 edition.
"""

ORDER = [q.split("\n")[0] for q in QUIZ.split("  - id: ")[1:]]


def index(qid: str) -> int:
    return ORDER.index(qid)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = tmp_path_factory.mktemp("marking") / "curriculum"
    shutil.copytree(MINIMAL, root)
    (root / "quizzes" / "intro.yml").write_text(QUIZ, encoding="utf-8")
    (root / "quizzes" / "intro.fr.yml").unlink()
    return build_and_serve(root, root / "build" / "site")


@pytest.fixture
def quiz(page: Page, site: BuiltSite) -> Page:
    page.goto(f"{site.url}modules/intro.html")
    expect(page.locator(".cur-question")).to_have_count(len(ORDER))
    return page


def box(page: Page, qid: str) -> Locator:
    return page.locator(".cur-question").nth(index(qid))


def check(page: Page) -> None:
    """Press Check, and Check anyway when the unanswered-questions warning comes first."""
    page.locator(".cur-check").click()
    if page.locator(".cur-unanswered").is_visible():
        page.locator(".cur-check").click()
    expect(page.locator(".cur-result")).not_to_be_empty()


def retry(page: Page) -> None:
    page.locator(".cur-retry").click()


def verdict(page: Page, qid: str) -> Locator:
    return box(page, qid).locator(".cur-verdict")


def answer_text(page: Page, qid: str, text: str) -> None:
    box(page, qid).locator("input[type=text]").fill(text)


@pytest.mark.parametrize(
    ("qid", "typed", "right"),
    [
        ("num-comma", "3,5", True),
        ("num-comma", "3.5 times", True),
        ("num-comma", " 3,50 ", True),
        ("num-comma", "4", False),
        ("num-thousands", "1 500", True),
        ("num-thousands", "1,500 containers", True),
        ("num-thousands", "1.500", True),
        ("num-thousands", "1'500", True),
        ("num-thousands", "150", False),
    ],
)
def test_numbers_accept_decimal_comma_thousands_and_trailing_words(
    quiz: Page, qid: str, typed: str, right: bool
) -> None:
    answer_text(quiz, qid, typed)
    check(quiz)
    expect(verdict(quiz, qid)).to_have_text("\u2714 Correct" if right else "\u2718 Incorrect")


@pytest.mark.parametrize(
    ("qid", "typed", "right"),
    [
        ("short-forgiving", "L’OPERATEUR economique agree.", True),
        ("short-forgiving", "  l'opérateur   économique agréé ", True),
        ("short-forgiving", "«l’opérateur économique agréé»", True),
        ("short-forgiving", "l'opérateur", False),
        ("short-pattern", "Facilitation", True),
        ("short-pattern", "facilitate!", True),
        ("short-pattern", "Faciliter", False),
    ],
)
def test_short_answers_forgive_case_accents_quotes_punctuation_and_match_patterns(
    quiz: Page, qid: str, typed: str, right: bool
) -> None:
    answer_text(quiz, qid, typed)
    check(quiz)
    expect(verdict(quiz, qid)).to_have_text("\u2714 Correct" if right else "\u2718 Incorrect")


def test_feedback_shows_your_answer_against_the_expected_one(quiz: Page) -> None:
    answer_text(quiz, "short-forgiving", "the shipper")
    answer_text(quiz, "num-comma", "4")
    check(quiz)
    fb = box(quiz, "short-forgiving").locator(".cur-feedback")
    expect(fb.locator(".cur-yours")).to_have_text("Your answer: the shipper")
    expect(fb.locator(".cur-expected")).to_have_text("Expected: l'opérateur économique agréé")
    expect(box(quiz, "num-comma").locator(".cur-yours")).to_have_text("Your answer: 4")
    expect(box(quiz, "num-comma").locator(".cur-expected")).to_have_text("Expected: 3.5")


def test_multiple_earns_a_share_per_option(quiz: Page) -> None:
    box(quiz, "multi").get_by_label("Customs to Customs").check()  # one of the two right ones
    check(quiz)
    expect(verdict(quiz, "multi")).to_contain_text("Partly correct: 0.5 of 1 points")
    retry(quiz)
    for i in range(4):  # every option: the wrong ones take back what the right ones earn
        box(quiz, "multi").locator("input").nth(i).check()
    check(quiz)
    expect(verdict(quiz, "multi")).to_have_text("\u2718 Incorrect")
    retry(quiz)
    box(quiz, "multi").get_by_label("Customs to Customs").check()
    box(quiz, "multi").get_by_label("Customs to Business").check()
    check(quiz)
    expect(verdict(quiz, "multi")).to_have_text("\u2714 Correct")


def test_match_earns_a_share_per_pair(quiz: Page) -> None:
    selects = box(quiz, "pairs").locator("select")
    for i, pick in enumerate((0, 1, 3, 2)):  # two of four pairs right
        selects.nth(i).select_option(str(pick))
    check(quiz)
    expect(verdict(quiz, "pairs")).to_contain_text("Partly correct: 0.5 of 1 points")
    marks = box(quiz, "pairs").locator(".cur-row-mark")
    expect(marks.nth(2)).to_contain_text("Your answer: Benefits")
    expect(marks.nth(2)).to_contain_text("Expected: Other government agencies")
    retry(quiz)
    for i, pick in enumerate((0, 1, 2, 0)):  # three of four
        selects.nth(i).select_option(str(pick))
    check(quiz)
    expect(verdict(quiz, "pairs")).to_contain_text("Partly correct: 0.75 of 1 points")


def _order_items(page: Page) -> list[str]:
    items = box(page, "steps").locator(".cur-order-text")
    return [items.nth(i).text_content() or "" for i in range(items.count())]


def _move_to(page: Page, text: str, target: int) -> None:
    while (pos := _order_items(page).index(text)) != target:
        step = 0 if pos > target else 1  # the up button, or the down one
        box(page, "steps").locator(".cur-order-item").nth(pos).locator("button").nth(step).click()


def test_order_earns_a_share_per_item_in_place(quiz: Page) -> None:
    for target, text in enumerate(["Identify", "Analyse", "Treat", "Evaluate"]):
        _move_to(quiz, text, target)
    check(quiz)
    expect(verdict(quiz, "steps")).to_contain_text("Partly correct: 0.5 of 1 points")
    expect(box(quiz, "steps").locator("ol.cur-expected li")).to_have_text(
        ["Identify", "Analyse", "Evaluate", "Treat"]
    )


def test_true_false_feedback_states_the_right_answer(quiz: Page) -> None:
    box(quiz, "tf").locator("input[value='true']").check()
    check(quiz)
    expect(verdict(quiz, "tf")).to_have_text("\u2718 Incorrect")
    expect(box(quiz, "tf").locator(".cur-tf-answer")).to_have_text("The correct answer is: False.")


def test_warning_before_checking_with_unanswered_questions(quiz: Page) -> None:
    answer_text(quiz, "num-comma", "3.5")
    quiz.locator(".cur-check").click()
    warning = quiz.locator(".cur-unanswered")
    expect(warning).to_be_visible()
    expect(warning).to_have_attribute("role", "alert")
    expect(warning).to_contain_text(f"{len(ORDER) - 1} question(s) not answered yet")
    expect(warning).to_contain_text("(question 2, 3, 4")
    expect(quiz.locator(".cur-result")).to_be_empty()
    expect(quiz.locator(".cur-check")).to_have_text("Check anyway")
    quiz.locator(".cur-check").click()
    expect(quiz.locator(".cur-result")).to_contain_text("Score: 1 of")
    expect(verdict(quiz, "steps")).to_have_text("\u2718 Not answered")


def _options(page: Page) -> list[str]:
    labels = box(page, "pinned").locator(".cur-option label")
    return [labels.nth(i).text_content() or "" for i in range(labels.count())]


def test_options_are_shuffled_per_attempt_and_a_pinned_option_stays(quiz: Page) -> None:
    seen: set[tuple[str, ...]] = set()
    for _ in range(8):
        order = _options(quiz)
        assert order[-1] == "None of the above"
        assert sorted(order[:-1]) == ["2005", "2015", "2018", "2021"]
        seen.add(tuple(order))
        check(quiz)
        retry(quiz)
    assert len(seen) > 1, "the options never changed order between attempts"


def test_score_adds_partial_credit(quiz: Page) -> None:
    box(quiz, "multi").get_by_label("Customs to Business").check()
    check(quiz)
    expect(quiz.locator(".cur-result")).to_contain_text(f"Score: 0.5 of {len(ORDER)} points")
