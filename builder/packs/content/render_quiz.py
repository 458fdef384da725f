"""Quizzes on paper: the practice quiz of a handbook chapter, the answers appendix, answer keys.

Built as pandoc AST (see :mod:`~builder.packs.content.pdast`): quiz text is plain text,
never Markdown.
"""

from __future__ import annotations

from builder.packs.content import pdast as a
from builder.packs.content.content import LocalQuestion, LocalQuiz
from builder.packs.content.i18n import Labels
from builder.packs.content.render_md import LETTERS, match_key, num
from builder.quiztext import to_plain

Node = a.Node


def _fallback_note(quiz: LocalQuiz, labels: Labels, source_lang: str) -> list[Node]:
    if not quiz.fallback:
        return []
    note = labels(
        "fallback_quiz",
        language=labels.language_name(labels.lang),
        source=labels.language_name(source_lang),
    )
    return [a.div(["notice"], [a.para(a.text(note))])]


def quiz_blocks(quiz: LocalQuiz, labels: Labels, anchor: str, source_lang: str) -> list[Node]:
    """Return a practice quiz for print: questions and what to do, no answers."""
    out = [a.header(2, anchor, a.text(labels("practice_quiz")))]
    out += _fallback_note(quiz, labels, source_lang)
    out.append(a.para(a.emph(a.text(labels("quiz_intro")))))
    questions: list[Node] = []
    for i, q in enumerate(quiz.questions, start=1):
        questions += question_blocks(quiz.id, i, q, labels)
    return out + in_quiz_lang(quiz, labels, questions)


def in_quiz_lang(quiz: LocalQuiz, labels: Labels, blocks: list[Node]) -> list[Node]:
    """Return ``blocks`` in a div marked with the quiz's language when it is not the pack's."""
    if quiz.lang == labels.lang or not blocks:
        return blocks
    return [a.div([f"lang-{quiz.lang}"], blocks)]


def _head(i: int, q: LocalQuestion, labels: Labels) -> list[Node]:
    """Return the question's number, its prompt (Markdown) and its points."""
    first, rest = a.rich(q.prompt)
    points = a.emph(a.text(f"({labels('points', points=num(q.points))})"))
    if not rest:
        return [a.para(a.join(a.strong(a.text(f"{i}.")), first, points))]
    return [a.para(a.join(a.strong(a.text(f"{i}.")), first)), *rest, a.para(points)]


def _hint(text: str) -> Node:
    return a.para(a.emph(a.text(text)))


def question_blocks(quiz_id: str, i: int, q: LocalQuestion, labels: Labels) -> list[Node]:
    """Return one question as the trainee sees it on paper."""
    head = _head(i, q, labels)
    if q.type in ("single", "multiple"):
        hint = labels("choose_one" if q.type == "single" else "choose_all")
        return [*head, _hint(hint), a.ordered(a.rich_item(o.text) for o in q.options)]
    if q.type == "true-false":
        return [
            *head,
            a.para(
                a.join(
                    a.emph(a.text(labels("true_false"))),
                    a.text(f"{labels('true')} / {labels('false')}"),
                )
            ),
        ]
    if q.type in ("short", "numeric"):
        hint = (
            labels("write_answer")
            if q.type == "short"
            else labels("write_number_unit", unit=q.unit)
            if q.unit
            else labels("write_number")
        )
        return [*head, _hint(hint), a.div(["blank"], [a.para(a.text("_"))])]
    if q.type == "match":
        return [*head, _hint(labels("match_intro")), match_table(quiz_id, q)]
    if q.type == "task":
        return [*head, _hint(labels("task_intro")), *answer_space(TASK_LINES)]
    order = q.item_order or tuple(range(len(q.items)))
    return [
        *head,
        _hint(labels("order_intro")),
        a.bullets([a.plain(a.text("____ " + q.items[k]))] for k in order),
    ]


#: Ruled lines left for the answer to a task on a paper.
TASK_LINES = 12


def answer_space(lines: int) -> list[Node]:
    """Return ``lines`` ruled lines to write an answer on."""
    return [a.div(["blank"], [a.para(a.text("_"))]) for _ in range(lines)]


def match_table(quiz_id: str, q: LocalQuestion) -> Node:
    """Return the left items (numbered) beside the right items (lettered, shuffled)."""
    order = q.right_order or tuple(range(len(q.pairs)))
    rows = [
        [a.text(f"{n + 1}. {q.pairs[n][0]}"), a.text(f"{LETTERS[n].upper()}. {q.pairs[k][1]}")]
        for n, k in enumerate(order)
    ]
    return a.table(None, rows, (0.45, 0.55))


def answer_text(quiz_id: str, q: LocalQuestion, labels: Labels, lettered: bool = True) -> str:
    """Return the right answer in words (``lettered``: matches as laid out in the handbook)."""
    if q.type in ("single", "multiple"):
        return "; ".join(
            f"{LETTERS[j]}. {to_plain(o.text)}" for j, o in enumerate(q.options) if o.correct
        )
    if q.type == "true-false":
        return labels("true") if q.answer else labels("false")
    if q.type == "short":
        return " / ".join(q.answers)
    if q.type == "numeric":
        tol = f" ({labels('tolerance', tolerance=num(q.tolerance))})" if q.tolerance else ""
        return f"{num(q.value or 0)} {q.unit}".strip() + tol
    if q.type == "task":
        return q.model_answer
    if q.type == "match":
        if lettered:
            return "; ".join(
                f"{n} → {letter} ({right})" for n, _, letter, right in match_key(quiz_id, q)
            )
        return "; ".join(f"{left} → {right}" for left, right in q.pairs)
    if lettered:  # the number to write beside each item, in the order the paper prints them
        order = q.item_order or tuple(range(len(q.items)))
        items = " → ".join(to_plain(item) for item in q.items)
        return f"{' · '.join(str(k + 1) for k in order)} ({items})"
    return " → ".join(to_plain(item) for item in q.items)


def _labelled(label: list[Node], text: str, block: bool = True) -> list[Node]:
    """Return a label followed by quiz text (Markdown): a paragraph (or a tight block with
    ``block=False``) and any blocks of the text after its first paragraph."""
    first, rest = a.rich(text)
    line = a.join(label, first)
    return [a.para(line) if block else a.plain(line), *rest]


def answers_blocks(quiz: LocalQuiz, labels: Labels) -> list[Node]:
    """Return a practice quiz's part of the "check your answers" appendix (without its heading)."""
    out: list[Node] = []
    for i, q in enumerate(quiz.questions, start=1):
        out += _labelled(a.strong(a.text(f"{i}.")), q.prompt)
        out.append(
            a.para(
                a.join(
                    a.strong(a.text(labels.colon(labels("answer")))),
                    a.text(answer_text(quiz.id, q, labels)),
                )
            )
        )
        out += _labelled(a.emph(a.text(labels.colon(labels("explanation")))), q.explanation)
    return in_quiz_lang(quiz, labels, out)


def key_blocks(quiz: LocalQuiz, labels: Labels, heading: str, anchor: str) -> list[Node]:
    """Return a quiz's full answer key: every answer, its feedback and the explanation."""
    facts = [labels("pass_mark", percent=quiz.pass_mark)] + (
        [labels("time_limit", minutes=quiz.time_limit)] if quiz.time_limit else []
    )
    out = [a.header(2, anchor, a.text(heading)), a.para(a.emph(a.text(" · ".join(facts))))]
    questions: list[Node] = []
    for i, q in enumerate(quiz.questions, start=1):
        questions += [*_head(i, q, labels), a.bullets(_key_items(quiz.id, q, labels))]
    return out + in_quiz_lang(quiz, labels, questions)


def _item(*inlines: list[Node]) -> list[Node]:
    return [a.plain(a.join(*inlines))]


def _key_items(quiz_id: str, q: LocalQuestion, labels: Labels) -> list[list[Node]]:
    items: list[list[Node]] = []
    if q.type in ("single", "multiple"):
        for j, o in enumerate(q.options):
            mark = a.join(a.text("—"), a.strong(a.text(labels("correct")))) if o.correct else []
            fb = a.join(a.text("—"), a.emph(a.rich(o.feedback)[0])) if o.feedback else []
            text, more = a.rich(o.text)
            items.append([*_item(a.text(f"{LETTERS[j]}."), text, mark, fb), *more])
    elif q.type == "task":
        items += _task_items(q, labels)
    else:
        items.append(
            _item(
                a.strong(a.text(labels.colon(labels("answer")))),
                a.text(answer_text(quiz_id, q, labels, lettered=False)),
            )
        )
        items += [
            _labelled(a.emph(a.text(labels.colon(k))), v, block=False)
            for k, v in _feedback(q, labels)
            if v
        ]
    items.append(
        _labelled(a.emph(a.text(labels.colon(labels("explanation")))), q.explanation, False)
    )
    return items


def _task_items(q: LocalQuestion, labels: Labels) -> list[list[Node]]:
    """Return a task's rubric (criterion and points) and model answer, for the marker."""
    items = [
        _item(
            a.strong(a.text(labels.colon(labels("rubric")))),
            a.text(labels("criterion", n=n, points=num(points), criterion=criterion)),
        )
        for n, (criterion, points) in enumerate(q.rubric, start=1)
    ]
    items.append(
        _item(a.strong(a.text(labels.colon(labels("model_answer")))), a.text(q.model_answer))
    )
    return items


def _feedback(q: LocalQuestion, labels: Labels) -> list[tuple[str, str]]:
    if q.type == "true-false":
        return [(labels("if_true"), q.true_feedback), (labels("if_false"), q.false_feedback)]
    return [
        (labels("if_correct"), q.correct_feedback),
        (labels("if_incorrect"), q.incorrect_feedback),
    ]


def exam_blocks(
    quiz: LocalQuiz, labels: Labels, source_lang: str, title: str, extra: list[Node]
) -> list[Node]:
    """Return one exam form's answer key for the instructor guide (``extra``: its coverage)."""
    return (
        key_blocks(quiz, labels, title, f"exam-{quiz.id}")
        + extra
        + _fallback_note(quiz, labels, source_lang)
    )
