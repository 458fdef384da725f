"""Moodle XML export of the pack's quizzes (practice quizzes and exams), with feedback.

Mapping (docs/lms-exports.md): single/multiple → ``multichoice``; true-false → ``truefalse``;
short → ``shortanswer`` (case-insensitive; a ``*`` catch-all carries the incorrect feedback);
numeric → ``numerical`` (tolerance; the unit is said in the question text); match → ``matching``;
order → ``matching`` of each item to its position number. Text fields are HTML-escaped, so author
text is always shown as text.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence

from builder.i18n.locale import direction, one_line
from builder.packs.content.content import LocalQuestion, LocalQuiz
from builder.packs.content.i18n import Labels
from builder.packs.content.render_md import num
from builder.packs.formats.lms_names import question_name, question_tags
from builder.quiztext import is_plain, to_html

FRACTIONS = (100.0, 50.0, 33.33333, 25.0, 20.0, 16.66667, 14.28571, 12.5, 11.11111, 10.0)


def para(text: str) -> str:
    """Return plain text as one HTML paragraph (escaped)."""
    return f"<p>{html.escape(one_line(text), quote=False)}</p>" if text.strip() else ""


def rich(text: str) -> str:
    """Return quiz text (Markdown) as sanitised HTML (see :mod:`builder.quiztext`)."""
    return para(text) if is_plain(text) else to_html(text)


def _text(parent: ET.Element, tag: str, value: str, fmt: str | None = "html") -> ET.Element:
    el = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(el, "text").text = value
    return el


def _simple(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value


def question_text(q: LocalQuestion, labels: Labels) -> str:
    """Return the HTML question text (with the unit or the ordering hint where needed)."""
    extra = ""
    if q.type == "numeric" and q.unit:
        extra = para(labels("write_number_unit", unit=q.unit))
    elif q.type == "order":
        extra = para(labels("order_intro"))
    return rich(q.prompt) + extra


def in_language(markup: str, lang: str) -> str:
    """Return HTML in a div naming its language and writing direction (empty stays empty)."""
    return f'<div lang="{lang}" dir="{direction(lang)}">{markup}</div>' if markup else ""


def _head(q: LocalQuestion, quiz: LocalQuiz, n: int, qtype: str, labels: Labels) -> ET.Element:
    el = ET.Element("question", {"type": qtype})
    _text(el, "name", f"{n:02d} {q.id}", None)
    _text(el, "questiontext", in_language(question_text(q, labels), quiz.lang))
    _text(el, "generalfeedback", in_language(rich(q.explanation), quiz.lang))
    _simple(el, "defaultgrade", num(q.points))
    _simple(el, "penalty", "0")
    _simple(el, "hidden", "0")
    _simple(el, "idnumber", f"{quiz.id}.{q.id}")
    return el


def _answer(
    parent: ET.Element, fraction: str, text: str, feedback: str, fmt: str = "html"
) -> ET.Element:
    ans = ET.SubElement(parent, "answer", {"fraction": fraction, "format": fmt})
    ET.SubElement(ans, "text").text = text
    _text(ans, "feedback", rich(feedback))
    return ans


def _combined(el: ET.Element, correct: str, incorrect: str) -> None:
    _text(el, "correctfeedback", rich(correct))
    _text(el, "partiallycorrectfeedback", rich(incorrect))
    _text(el, "incorrectfeedback", rich(incorrect))


def _fraction(k: int) -> str:
    return num(FRACTIONS[k - 1]) if 0 < k <= len(FRACTIONS) else num(round(100 / k, 5))


def _choice(q: LocalQuestion, quiz: LocalQuiz, n: int, labels: Labels) -> ET.Element:
    el = _head(q, quiz, n, "multichoice", labels)
    _simple(el, "single", "true" if q.type == "single" else "false")
    # A pinned option ("none of the above") must stay put, and Moodle cannot pin one: such a
    # question keeps the seeded order of the paper instead of Moodle's shuffle.
    pinned = any(o.fixed for o in q.options)
    _simple(el, "shuffleanswers", "1" if q.shuffle and not pinned else "0")
    _simple(el, "answernumbering", "abc")
    _simple(el, "showstandardinstruction", "1")
    _combined(el, q.correct_feedback, q.incorrect_feedback)
    right = sum(1 for o in q.options if o.correct)
    wrong = len(q.options) - right
    for o in q.options:
        if q.type == "single":
            fraction = "100" if o.correct else "0"
        else:  # per option: +1/right for each right one, -1/wrong for each wrong one (min 0)
            fraction = _fraction(right) if o.correct else "-" + _fraction(wrong)
        _answer(el, fraction, rich(o.text), o.feedback)
    return el


def tf_feedback(q: LocalQuestion) -> tuple[str, str]:
    """Return the feedback for answering true and for answering false, with any correct or
    incorrect feedback added to the matching one (true-false has no combined feedback)."""
    on_true = q.correct_feedback if q.answer else q.incorrect_feedback
    on_false = q.incorrect_feedback if q.answer else q.correct_feedback
    return " ".join(f for f in (q.true_feedback, on_true) if f), " ".join(
        f for f in (q.false_feedback, on_false) if f
    )


def _truefalse(q: LocalQuestion, quiz: LocalQuiz, n: int, labels: Labels) -> ET.Element:
    el = _head(q, quiz, n, "truefalse", labels)
    on_true, on_false = tf_feedback(q)
    _answer(el, "100" if q.answer else "0", "true", on_true, "moodle_auto_format")
    _answer(el, "0" if q.answer else "100", "false", on_false, "moodle_auto_format")
    return el


def _short(q: LocalQuestion, quiz: LocalQuiz, n: int, labels: Labels) -> ET.Element:
    el = _head(q, quiz, n, "shortanswer", labels)
    _simple(el, "usecase", "0")
    for a in q.answers:
        _answer(
            el,
            "100",
            " ".join(a.split()),
            q.correct_feedback,
            "moodle_auto_format",
        )
    if q.incorrect_feedback:
        _answer(el, "0", "*", q.incorrect_feedback, "moodle_auto_format")
    return el


def _numeric(q: LocalQuestion, quiz: LocalQuiz, n: int, labels: Labels) -> ET.Element:
    el = _head(q, quiz, n, "numerical", labels)
    ans = _answer(el, "100", num(q.value or 0), q.correct_feedback, "moodle_auto_format")
    _simple(ans, "tolerance", num(q.tolerance))
    if q.incorrect_feedback:
        _simple(_answer(el, "0", "*", q.incorrect_feedback, "moodle_auto_format"), "tolerance", "0")
    if q.unit:
        unit = ET.SubElement(ET.SubElement(el, "units"), "unit")
        _simple(unit, "multiplier", "1")
        _simple(unit, "unit_name", q.unit)
    for tag, value in (
        ("unitgradingtype", "0"),
        ("unitpenalty", "0"),
        ("showunits", "3" if not q.unit else "0"),
        ("unitsleft", "0"),
    ):
        _simple(el, tag, value)
    return el


def _matching(q: LocalQuestion, quiz: LocalQuiz, n: int, labels: Labels) -> ET.Element:
    el = _head(q, quiz, n, "matching", labels)
    _simple(el, "shuffleanswers", "true")
    _combined(el, q.correct_feedback, q.incorrect_feedback)
    pairs = (
        q.pairs
        if q.type == "match"
        else tuple((item, str(i)) for i, item in enumerate(q.items, start=1))
    )
    for left, right in pairs:
        sub = _text(el, "subquestion", para(left))
        ET.SubElement(ET.SubElement(sub, "answer"), "text").text = " ".join(right.split())
    return el


def grader_info(q: LocalQuestion, labels: Labels) -> str:
    """Return a task's rubric and model answer as HTML for the marker (never shown to trainees)."""
    criteria = "".join(
        f"<li>{html.escape(labels('criterion', n=n, points=num(p), criterion=c), quote=False)}</li>"
        for n, (c, p) in enumerate(q.rubric, start=1)
    )
    return (
        para(labels("rubric"))
        + f"<ol>{criteria}</ol>"
        + para(labels("model_answer"))
        + para(q.model_answer)
    )


def _essay(q: LocalQuestion, quiz: LocalQuiz, n: int, labels: Labels) -> ET.Element:
    el = _head(q, quiz, n, "essay", labels)
    for tag, value in (
        ("responseformat", "editor"),
        ("responserequired", "1"),
        ("responsefieldlines", "15"),
        ("attachments", "0"),
        ("attachmentsrequired", "0"),
    ):
        _simple(el, tag, value)
    _text(el, "graderinfo", grader_info(q, labels))
    _text(el, "responsetemplate", "")
    return el


BUILDERS = {
    "single": _choice,
    "multiple": _choice,
    "true-false": _truefalse,
    "short": _short,
    "numeric": _numeric,
    "match": _matching,
    "order": _matching,
    "task": _essay,
}


def category_path(*names: str) -> str:
    """Return a Moodle category path (a ``/`` inside a name is doubled, as Moodle expects)."""
    return "/".join(n.replace("/", "//") for n in names)


def _scoped(el: ET.Element, scope: str, quiz: LocalQuiz, q: LocalQuestion) -> ET.Element:
    """Give a question its readable name, its id scoped by country and language, and its tags."""
    name = el.find("name/text")
    if name is not None:
        name.text = question_name(q)
    idnumber = el.find("idnumber")
    if idnumber is not None:
        idnumber.text = f"{scope}.{quiz.id}.{q.id}"
    tags = ET.SubElement(el, "tags")
    for tag in question_tags(quiz, q):
        _simple(ET.SubElement(tags, "tag"), "text", tag)
    return el


def moodle_xml(
    quizzes: Sequence[LocalQuiz],
    titles: Mapping[str, str],
    root: str,
    labels: Labels,
    scope: str,
) -> str:
    """Return every quiz as Moodle XML, one question category per quiz; category and question
    idnumbers are scoped by ``scope`` (country and language)."""
    top = ET.Element("quiz")
    for quiz in quizzes:
        cat = ET.SubElement(top, "question", {"type": "category"})
        _text(cat, "category", category_path("$course$", "top", root, titles[quiz.id]), None)
        _text(cat, "info", para(titles[quiz.id]))
        _simple(cat, "idnumber", f"{scope}.{quiz.id}")
        for n, q in enumerate(quiz.questions, start=1):
            top.append(_scoped(BUILDERS[q.type](q, quiz, n, labels), scope, quiz, q))
    ET.indent(top)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(top, encoding="unicode") + "\n"
