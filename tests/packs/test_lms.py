"""Moodle XML and GIFT parse back into the same questions, with the documented conversions."""

from __future__ import annotations

import html
import io
import logging
import re
import xml.etree.ElementTree as ET

from builder.packs.content.content import LocalQuestion, LocalQuiz, PackContent
from builder.packs.formats.lms_names import question_name
from tests.packs.conftest import Built


def _plain(html_text: str | None) -> str:
    """Return the words of HTML: block tags part words, inline tags (``<em>``) do not."""
    text = re.sub(r"</?(?:p|div|pre|li|ul|ol|br|h\d)\b[^>]*>", " ", html_text or "")
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())


def _md(text: str) -> str:
    """Return the words of quiz text (list markers, emphasis and code marks dropped)."""
    text = re.sub(r"(?m)^\s*(?:[-+]|\d+\.)\s+", "", text)
    return _one_line(re.sub(r"\*\*|\*|`", "", text))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _questions(content: PackContent) -> list[tuple[LocalQuiz, LocalQuestion]]:
    return [(quiz, q) for quiz in content.quizzes for q in quiz.questions]


MOODLE_TYPES = {
    "single": "multichoice",
    "multiple": "multichoice",
    "true-false": "truefalse",
    "short": "shortanswer",
    "numeric": "numerical",
    "match": "matching",
    "order": "matching",
    "task": "essay",
}


def test_moodle_xml_parses_back(built: Built, code: str) -> None:
    content = built.contents[code]
    root = ET.parse(built.pack(code) / "instructor" / "lms" / "moodle.xml").getroot()
    found = [q for q in root.findall("question") if q.get("type") != "category"]
    expected = _questions(content)
    assert len(found) == len(expected)
    for el, (quiz, q) in zip(found, expected, strict=True):
        assert el.get("type") == MOODLE_TYPES[q.type]
        assert el.findtext("idnumber") == f"{content.code}-{content.lang}.{quiz.id}.{q.id}"
        assert el.findtext("name/text") == question_name(q)
        assert _plain(el.findtext("questiontext/text")).startswith(_md(q.prompt))
        assert _plain(el.findtext("generalfeedback/text")) == _md(q.explanation)
        _check_moodle_answers(el, q)
    categories = [c.findtext("category/text") for c in root.findall("question[@type='category']")]
    assert len(categories) == len(content.quizzes)


def _check_moodle_answers(el: ET.Element, q: LocalQuestion) -> None:
    answers = [
        (a.get("fraction"), a.findtext("text") or "", _plain(a.findtext("feedback/text")))
        for a in el.findall("answer")
    ]
    if q.type in ("single", "multiple"):
        assert [_plain(t) for _, t, _ in answers] == [_md(o.text) for o in q.options]
        assert [float(f or 0) > 0 for f, _, _ in answers] == [o.correct for o in q.options]
        assert [fb for _, _, fb in answers] == [_md(o.feedback) for o in q.options]
        assert el.findtext("single") == ("true" if q.type == "single" else "false")
    elif q.type == "true-false":
        right = "true" if q.answer else "false"
        assert [t for f, t, _ in answers if f == "100"] == [right]
    elif q.type in ("short", "numeric"):
        accepted = [t for f, t, _ in answers if f == "100"]
        if q.type == "short":
            assert accepted == [_one_line(a) for a in q.answers]  # `*` is a pattern, as ours
        else:
            assert [float(t) for t in accepted] == [q.value]
            assert float(el.findtext("answer/tolerance") or "nan") == q.tolerance
        if q.incorrect_feedback:
            assert [(t, fb) for f, t, fb in answers if f == "0"] == [
                ("*", _one_line(q.incorrect_feedback))
            ]
    elif q.type == "task":
        info = el.findtext("graderinfo/text") or ""
        assert all(html.escape(c, quote=False) in info for c, _ in q.rubric)
        assert html.escape(" ".join(q.model_answer.split()), quote=False) in info
        assert not answers
    else:
        pairs = [
            (_plain(s.findtext("text")), s.findtext("answer/text"))
            for s in el.findall("subquestion")
        ]
        expected = (
            q.pairs
            if q.type == "match"
            else [(item, str(i)) for i, item in enumerate(q.items, start=1)]
        )
        assert pairs == [(_one_line(a), _one_line(b)) for a, b in expected]


def _gift_unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def test_gift_parses_back(built: Built, code: str) -> None:
    from pygiftparser import parser

    logging.getLogger("pygiftparser").setLevel(logging.ERROR)
    content = built.contents[code]
    text = (built.pack(code) / "instructor" / "lms" / "quizzes.gift").read_text(encoding="utf-8")
    parsed = parser.parseFile(io.StringIO(text))
    expected = _questions(content)
    assert len(parsed) == len(expected)
    for p, (_quiz, q) in zip(parsed, expected, strict=True):
        assert p.valid, p.full
        assert _gift_unescape(p.title) == question_name(q)
        # a question with Markdown keeps its line breaks ([markdown] format): compare words
        assert _one_line(_gift_unescape(p.text)).startswith(_one_line(q.prompt))
        assert _one_line(_gift_unescape(p.generalFeedback)) == _one_line(q.explanation)
        if q.type == "numeric":  # pygiftparser misreads the number when feedback holds "\\="
            found = re.search(r"\{\s*#(-?[\d.]+):([\d.]+)", p.full)
            assert found and (float(found[1]), float(found[2])) == (q.value, q.tolerance)
        else:
            _check_gift_answers(p.answers, q)


def _check_gift_answers(answers: object, q: LocalQuestion) -> None:
    kind = type(answers).__name__
    if q.type == "single":
        assert kind == "SelectSet"
        assert [_gift_unescape(a.answer) for a in answers.answers] == [
            _one_line(o.text) for o in q.options
        ]  # type: ignore[attr-defined]
        assert [a.fraction > 0 for a in answers.answers] == [o.correct for o in q.options]  # type: ignore[attr-defined]
    elif q.type == "multiple":
        assert kind == "MultipleChoicesSet"
        assert [a.fraction > 0 for a in answers.answers] == [o.correct for o in q.options]  # type: ignore[attr-defined]
        assert [_gift_unescape(a.feedback) for a in answers.answers] == [
            _one_line(o.feedback) for o in q.options
        ]  # type: ignore[attr-defined]
    elif q.type == "true-false":
        assert kind == "TrueFalseSet" and answers.answer is q.answer  # type: ignore[attr-defined]
    elif q.type == "short":
        assert kind == "ShortSet"
        assert [_gift_unescape(a.answer) for a in answers.answers] == [
            _one_line(a) for a in q.answers
        ]  # type: ignore[attr-defined]
    elif q.type == "numeric":
        assert kind == "NumericAnswerSet"
        got = answers.answers[0]  # type: ignore[attr-defined]
        assert (got.value, got.tolerance) == (q.value, q.tolerance)
    elif q.type == "task":
        assert kind == "Essay"
    else:
        assert kind == "MatchingSet"
        expected = (
            q.pairs
            if q.type == "match"
            else [(item, str(i)) for i, item in enumerate(q.items, start=1)]
        )
        got = [
            (_gift_unescape(a.question).strip(), _gift_unescape(a.answer).strip())
            for a in answers.answers
        ]  # type: ignore[attr-defined]
        assert got == [(_one_line(a), _one_line(b)) for a, b in expected]


def test_gift_conversions_are_reported(built: Built) -> None:
    assert "GIFT: left out the incorrect feedback of short-answer questions" in built.summary
    manifest = (built.pack("SN") / "manifest.json").read_text(encoding="utf-8")
    assert "GIFT: left out" in manifest


def test_lms_exports_have_exams_and_practice(built: Built, code: str) -> None:
    content = built.contents[code]
    text = (built.pack(code) / "instructor" / "lms" / "moodle.xml").read_text(encoding="utf-8")
    for quiz in content.quizzes:
        assert f"<idnumber>{content.code}-{content.lang}.{quiz.id}</idnumber>" in text
    assert any(q.is_exam for q in content.quizzes)
