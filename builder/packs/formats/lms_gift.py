"""GIFT export of the pack's quizzes: ``[plain]`` text, or ``[markdown]`` for a question whose text
has Markdown (the sanitised Markdown of :mod:`builder.quiztext`), so author text is never HTML.

GIFT cannot say everything our questions say; what changes is documented in
docs/lms-exports.md and reported as warnings: an order question becomes a matching of each item
to its position number; the unit of a numeric question is said in the question text;
``incorrect_feedback`` of short and numeric questions and the correct/incorrect feedback of
match and order questions are left out (GIFT has no place for them; the explanation is kept as
general feedback). Text is collapsed to one line and GIFT's special characters are escaped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from builder.i18n.locale import one_line
from builder.packs.content.content import LocalQuestion, LocalQuiz
from builder.packs.content.i18n import Labels
from builder.packs.content.render_md import num
from builder.packs.formats.lms_moodle import FRACTIONS, tf_feedback
from builder.packs.formats.lms_names import question_name, question_tags
from builder.quiztext import is_plain, to_gift

_SPECIAL = re.compile(r"([~=#{}:\\])")


def plain_esc(text: str) -> str:
    """Return text on one line with GIFT's special characters escaped."""
    return _SPECIAL.sub(r"\\\1", one_line(text))


esc = plain_esc


def _percent(k: int) -> str:
    return num(FRACTIONS[k - 1]) if 0 < k <= len(FRACTIONS) else num(round(100 / k, 5))


def uses_markdown(q: LocalQuestion) -> bool:
    """Return whether a question's text has Markdown (then GIFT gets it in ``[markdown]``)."""
    texts = (
        q.prompt,
        q.explanation,
        q.true_feedback,
        q.false_feedback,
        q.correct_feedback,
        *(t for o in q.options for t in (o.text, o.feedback)),
    )
    return not all(is_plain(t) for t in texts)


def _answers(q: LocalQuestion, lost: Counter[str]) -> list[str]:
    esc = to_gift if uses_markdown(q) else plain_esc

    def _fb(text: str) -> str:
        return f"#{esc(text)}" if text.strip() else ""

    if q.type in ("single", "multiple"):
        _lose(
            q.correct_feedback + q.incorrect_feedback,
            f"correct/incorrect feedback of {q.type} questions",
            lost,
        )
    if q.type == "single":
        return [f"{'=' if o.correct else '~'}{esc(o.text)}{_fb(o.feedback)}" for o in q.options]
    if q.type == "multiple":
        k = sum(1 for o in q.options if o.correct)
        n_wrong = len(q.options) - k  # docs/marking.md: +1/right per right one, -1/wrong per wrong
        weights = [_percent(k) if o.correct else "-" + _percent(n_wrong) for o in q.options]
        return [
            f"~%{w}%{esc(o.text)}{_fb(o.feedback)}" for w, o in zip(weights, q.options, strict=True)
        ]
    if q.type == "true-false":
        on_true, on_false = tf_feedback(q)
        wrong, right = (on_false, on_true) if q.answer else (on_true, on_false)
        return [f"{'TRUE' if q.answer else 'FALSE'}#{esc(wrong)}#{esc(right)}"]
    if q.type == "short":
        _lose(q.incorrect_feedback, "incorrect feedback of short-answer questions", lost)
        return [f"={plain_esc(a)}{_fb(q.correct_feedback)}" for a in q.answers]
    if q.type == "numeric":
        _lose(q.incorrect_feedback, "incorrect feedback of numeric questions", lost)
        return [f"#{num(q.value or 0)}:{num(q.tolerance)}{_fb(q.correct_feedback)}"]
    if q.type == "task":
        _lose(q.model_answer, "rubric and model answer of tasks (essay questions)", lost)
        return []
    _lose(
        q.correct_feedback + q.incorrect_feedback,
        f"correct/incorrect feedback of {q.type} questions",
        lost,
    )
    pairs = (
        q.pairs
        if q.type == "match"
        else tuple((item, str(i)) for i, item in enumerate(q.items, start=1))
    )
    return [f"={plain_esc(left)} -> {plain_esc(right)}" for left, right in pairs]


def _lose(text: str, what: str, lost: Counter[str]) -> None:
    if text.strip():
        lost[what] += 1


def _prompt(q: LocalQuestion, labels: Labels) -> str:
    extra = ""
    if q.type == "numeric" and q.unit:
        extra = " " + labels("write_number_unit", unit=q.unit)
    elif q.type == "order":
        extra = " " + labels("order_intro")
    if uses_markdown(q):
        return "[markdown]" + to_gift(q.prompt) + (" " + to_gift(extra) if extra else "")
    return "[plain]" + esc(q.prompt + extra)


def question(
    q: LocalQuestion, quiz: LocalQuiz, labels: Labels, lost: Counter[str], scope: str = ""
) -> str:
    """Return one question in GIFT (one block, no blank line inside). The comment line carries
    Moodle's ``[id:...]`` and ``[tag:...]`` (read by Moodle's GIFT import since 3.9)."""
    answers = _answers(q, lost)
    text = to_gift if uses_markdown(q) else plain_esc
    general = f"####{text(q.explanation)}" if q.explanation.strip() else ""
    body = "\n".join([*answers, general] if general else answers)  # no blank line (essays)
    ident = f"{scope}.{quiz.id}.{q.id}" if scope else f"{quiz.id}.{q.id}"
    tags = " ".join(f"[tag:{t}]" for t in question_tags(quiz, q))
    return (
        f"// {quiz.id}/{q.id} ({q.type}, {num(q.points)} pt) [id:{ident}] {tags}\n"
        f"::{esc(question_name(q))}::{_prompt(q, labels)} "
    ) + (f"{{\n{body}\n}}\n" if body else "{}\n")


def gift(
    quizzes: Sequence[LocalQuiz],
    titles: Mapping[str, str],
    root: str,
    labels: Labels,
    scope: str = "",
) -> tuple[str, list[str]]:
    """Return every quiz in GIFT and the warnings about what GIFT could not carry."""
    lost: Counter[str] = Counter()
    out = [
        (
            f"// {root}: quizzes exported for Moodle (GIFT). See docs/lms-exports.md for "
            "the conversions.\n"
        )
    ]
    for quiz in quizzes:
        out.append(f"$CATEGORY: $course$/top/{root}/{titles[quiz.id].replace('/', '-')}\n")
        out += [question(q, quiz, labels, lost, scope) for q in quiz.questions]
    warnings = [
        (
            f"GIFT: left out the {what} ({n} question{'s' if n > 1 else ''}); GIFT has no place "
            "for it, see docs/lms-exports.md"
        )
        for what, n in sorted(lost.items())
    ]
    return "\n".join(out), warnings
