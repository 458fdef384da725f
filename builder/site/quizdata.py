"""Practice quizzes as data for the browser, and what a page may say about an exam.

Practice quizzes are checked in the browser, so their answers travel in the page (as escaped
JSON). Exams never do: :func:`exam_facts` returns only a title, a count, a pass mark and a time
limit, and :func:`quiz_payload` refuses an exam.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from builder.assess.shuffle import Orders, display_orders
from builder.model import Curriculum, Question, QuestionText, Quiz
from builder.quiztext import Resolver, no_image, web_only, with_rich


class ExamOnSiteError(ValueError):
    """An exam was about to be turned into browser data."""


@dataclass(frozen=True)
class ExamFacts:
    """What the site may say about an exam: no question, no answer."""

    title: str
    questions: int
    pass_mark: int
    time_limit: int | None


def exam_facts(cur: Curriculum, quiz: Quiz, lang: str) -> ExamFacts:
    """Return the public facts of an exam, with its title in ``lang`` where translated."""
    tr = quiz.translations.get(lang)
    title = (tr.title if tr and tr.title else "") or quiz.meta.title or quiz.id
    pass_mark = quiz.meta.pass_mark if quiz.meta.pass_mark is not None else cur.programme.pass_mark
    size = sum(e.count for e in quiz.meta.blueprint) or len(quiz.meta.questions)
    return ExamFacts(title, size, pass_mark, quiz.meta.time_limit)


def quiz_payload(
    cur: Curriculum,
    quiz: Quiz,
    lang: str,
    link: Resolver | None = None,
    image: Resolver | None = None,
) -> tuple[dict[str, Any], str]:
    """Return a practice quiz as browser data in ``lang`` (source text where untranslated).
    Text with Markdown also comes as a tree (``rich``; see :mod:`builder.quiztext`), with links
    resolved by ``link``."""
    if quiz.is_exam:
        raise ExamOnSiteError(f"quiz '{quiz.id}' is an exam; exams never reach the site")
    tr = quiz.translations.get(lang)
    text_lang = lang if tr else cur.programme.source_language
    texts = {q.id: q for q in tr.questions} if tr else {}
    pass_mark = quiz.meta.pass_mark if quiz.meta.pass_mark is not None else cur.programme.pass_mark
    questions = [
        with_rich(
            question_payload(quiz.id, q, texts.get(q.id)), link or web_only, image or no_image
        )
        for q in quiz.meta.questions
    ]
    data = {
        "quiz": quiz.id,
        "module": quiz.meta.module,
        "passMark": pass_mark,
        "lang": text_lang,
        "questions": questions,
    }
    return data, text_lang


def _pick(own: str, translated: str | None) -> str:
    return translated if translated else own


def question_payload(quiz_id: str, q: Question, tr: QuestionText | None) -> dict[str, Any]:
    """Return one question's data, translated text over source answer data."""
    out: dict[str, Any] = {
        "id": q.id,
        "type": q.type,
        "prompt": _pick(q.prompt, tr.prompt if tr else None),
        "explanation": _pick(q.explanation, tr.explanation if tr else None),
        "points": q.points,
        "shuffle": q.shuffle,
        "correctFeedback": _pick(q.correct_feedback, tr.correct_feedback if tr else None),
        "incorrectFeedback": _pick(q.incorrect_feedback, tr.incorrect_feedback if tr else None),
    }
    out.update(_answer_data(quiz_id, q, tr))
    return out


def _answer_data(quiz_id: str, q: Question, tr: QuestionText | None) -> dict[str, Any]:
    orders = display_orders(quiz_id, q)  # deterministic first layout; the page reshuffles
    if q.type in ("single", "multiple"):
        return {"options": _options(q, tr, orders)}
    if q.type == "true-false":
        return {
            "answer": bool(q.answer),
            "trueFeedback": _pick(q.true_feedback, tr.true_feedback if tr else None),
            "falseFeedback": _pick(q.false_feedback, tr.false_feedback if tr else None),
        }
    if q.type == "short":
        answers = list(q.answers or ())
        if tr and tr.answers:
            answers = [*tr.answers, *(a for a in answers if a not in tr.answers)]
        return {"answers": answers}
    if q.type == "numeric":
        return {
            "value": q.value,
            "tolerance": q.tolerance,
            "unit": _pick(q.unit, tr.unit if tr else None),
        }
    if q.type == "match":
        pairs = (
            tr.pairs if tr and tr.pairs and len(tr.pairs) == len(q.pairs or ()) else q.pairs or ()
        )
        return {
            "pairs": [{"left": p.left, "right": p.right} for p in pairs],
            "choices": list(orders.rights),
        }
    items = tr.items if tr and tr.items and len(tr.items) == len(q.items or ()) else q.items or ()
    return {"items": list(items), "start": list(orders.items)}


def _options(q: Question, tr: QuestionText | None, orders: Orders) -> list[dict[str, Any]]:
    own = q.options or ()
    texts = tr.options if tr and tr.options and len(tr.options) == len(own) else None
    return [
        {
            "text": texts[i].text if texts else own[i].text,
            "feedback": (texts[i].feedback if texts and texts[i].feedback else own[i].feedback),
            "correct": own[i].correct,
            "fixed": own[i].fixed,
        }
        for i in orders.options
    ]
