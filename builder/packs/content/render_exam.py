"""Exam papers, their keys and the exam coverage table, as pandoc AST.

A paper holds the questions only (answer space, an answer grid, a cover with instructions, time
limit and pass mark); its key holds, for the same form and in the same order, every answer with
its marks. Both take the question layout from the form's :class:`LocalQuestion` (options,
right-hand sides and items in the seeded order), so the key always matches the paper.
"""

from __future__ import annotations

import math

from builder.packs.content import pdast as a
from builder.packs.content.content import LocalQuestion, LocalQuiz
from builder.packs.content.i18n import Labels
from builder.packs.content.render_md import num
from builder.packs.content.render_quiz import answer_text, key_blocks, question_blocks

Node = a.Node


def form_title(quiz: LocalQuiz, labels: Labels) -> str:
    """Return an exam form's title (the exam title, with the form when there are several)."""
    title = quiz.title or quiz.exam or quiz.id
    return f"{title} — {labels('form', letter=quiz.form)}" if quiz.forms > 1 else title


def needed_points(quiz: LocalQuiz) -> float:
    """Return the points needed to pass a form."""
    return math.ceil(quiz.total_points * quiz.pass_mark) / 100


def paper_blocks(quiz: LocalQuiz, labels: Labels) -> list[Node]:
    """Return a printable exam paper: instructions, questions, answer grid; no answer."""
    rules = labels(
        "paper_rules",
        minutes=quiz.time_limit or "—",
        count=len(quiz.questions),
        total=num(quiz.total_points),
        percent=quiz.pass_mark,
        needed=num(needed_points(quiz)),
    )
    out: list[Node] = [
        a.header(1, f"paper-{quiz.id}", a.text(labels("instructions"))),
        a.bullets([[a.plain(a.text(rules))], [a.plain(a.text(labels("paper_grid_rule")))]]),
        a.table(
            None,
            [
                [a.text(labels("candidate")), a.text("")],
                [a.text(labels("exam_date")), a.text("")],
            ],
            (0.25, 0.75),
        ),
        a.header(1, f"paper-{quiz.id}-questions", a.text(labels("questions"))),
    ]
    for i, q in enumerate(quiz.questions, start=1):
        out += question_blocks(quiz.id, i, q, labels)
    out.append(a.header(1, f"paper-{quiz.id}-grid", a.text(labels("answer_grid"))))
    rows = [
        [
            a.text(str(i)),
            a.text(labels("written_task") if q.type == "task" else ""),
            a.text(num(q.points)),
        ]
        for i, q in enumerate(quiz.questions, start=1)
    ]
    head = [a.text(labels("grid_no")), a.text(labels("answer")), a.text(labels("grid_points"))]
    out.append(a.table(head, rows, (0.12, 0.7, 0.18)))
    return out


def key_summary(quiz: LocalQuiz, labels: Labels) -> Node:
    """Return the marking grid of a form: number, answer as laid out on the paper, marks."""
    rows = [
        [a.text(str(i)), a.text(_short_answer(quiz, q, labels)), a.text(num(q.points))]
        for i, q in enumerate(quiz.questions, start=1)
    ]
    head = [a.text(labels("grid_no")), a.text(labels("answer")), a.text(labels("marks"))]
    return a.table(head, rows, (0.12, 0.7, 0.18))


def _short_answer(quiz: LocalQuiz, q: LocalQuestion, labels: Labels) -> str:
    if q.type == "task":
        return f"{labels('written_task')} ({labels('rubric')}: {len(q.rubric)})"
    return answer_text(quiz.id, q, labels)


def key_paper_blocks(quiz: LocalQuiz, labels: Labels) -> list[Node]:
    """Return the separate key of a form: the marking grid, then every answer in detail."""
    return [
        a.header(1, f"key-{quiz.id}-grid", a.text(labels("answer_grid"))),
        key_summary(quiz, labels),
        *key_blocks(quiz, labels, labels("exam_key"), f"key-{quiz.id}-detail"),
    ]


def coverage_blocks(quiz: LocalQuiz, labels: Labels) -> list[Node]:
    """Return the exam coverage table of a form (every objective of the track)."""
    if not quiz.coverage:
        return []
    head = [
        a.text(labels("module")),
        a.text(labels("objective")),
        a.text(labels("taught")),
        a.text(labels("questions")),
    ]
    rows = [
        [
            a.text(c.module),
            a.text(c.text),
            a.text(labels("yes") if c.planned else labels("no")),
            a.text(str(c.questions) if c.planned else "—"),
        ]
        for c in quiz.coverage
    ]
    return [
        a.header(3, f"coverage-{quiz.id}", a.text(labels("coverage"))),
        a.para(a.emph(a.text(labels("coverage_intro")))),
        a.table(head, rows, (0.28, 0.48, 0.12, 0.12)),
    ]
