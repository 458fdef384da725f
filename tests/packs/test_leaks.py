"""No instructor-only text and nothing of an exam ever reaches a trainee file.

Needles: every paragraph of every instructor block (all languages) and every text of every exam
(prompt, options, feedback, explanations, answers, pairs, items; all languages). A needle that
also appears in trainee material (a module's trainee text, a practice quiz) is left out, since
it may rightly be there. Each haystack is first shown to contain trainee text, so an extraction
that returned nothing could not make the test pass.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from builder.body import parse_body
from builder.model import Curriculum, Question, QuestionText
from tests.packs.conftest import Built
from tests.packs.extract import mirrored_rows, norm, strip_markdown, trainee_texts


def _question_texts(q: Question | QuestionText) -> Iterator[str]:
    yield from (
        q.prompt,
        q.explanation,
        q.true_feedback,
        q.false_feedback,
        q.correct_feedback,
        q.incorrect_feedback,
    )
    yield from (o.text for o in q.options or ())
    yield from (o.feedback for o in q.options or ())
    yield from q.answers or ()
    yield from q.items or ()
    for p in q.pairs or ():
        yield from (p.left, p.right)


def _exam_texts(cur: Curriculum) -> Iterator[str]:
    for quiz in cur.quizzes.values():
        if quiz.is_exam:
            yield quiz.meta.title
            for q in quiz.meta.questions:
                yield from _question_texts(q)
            for tr in quiz.translations.values():
                for qt in tr.questions:
                    yield from _question_texts(qt)


def _bodies(cur: Curriculum) -> Iterator[str]:
    for m in cur.modules.values():
        yield m.body
        yield from (t.body for t in m.translations.values())


def _instructor_texts(cur: Curriculum) -> Iterator[str]:
    for body in _bodies(cur):
        for b in parse_body(body)[0]:
            if b.kind == "instructor":
                yield from b.text.split("\n\n")


def _trainee_corpus(cur: Curriculum) -> str:
    parts: list[str] = []
    for body in _bodies(cur):
        blocks = [b for b in parse_body(body)[0] if b.kind != "instructor"]
        parts += [b.text + " " + b.title for b in blocks]
        # a right-to-left pack's PDF reads table rows from the right: the same trainee text
        parts += [mirrored_rows(b.text) for b in blocks if "|" in b.text]
    for quiz in cur.quizzes.values():
        if not quiz.is_exam:
            parts += [t for q in quiz.meta.questions for t in _question_texts(q)]
            parts += [
                t
                for tr in quiz.translations.values()
                for q in tr.questions
                for t in _question_texts(q)
            ]
    for m in cur.modules.values():
        parts += [m.meta.title, m.meta.summary] + [o.text for o in m.meta.objectives]
    return norm(strip_markdown(" ".join(parts)))


_NEEDLES: dict[int, tuple[str, ...]] = {}


def needles(cur: Curriculum) -> tuple[str, ...]:
    """Return the normalised texts that must never appear in a trainee file (computed once)."""
    if id(cur) not in _NEEDLES:
        _NEEDLES[id(cur)] = _needles(cur)
    return _NEEDLES[id(cur)]


def _needles(cur: Curriculum) -> tuple[str, ...]:
    corpus = _trainee_corpus(cur)
    out = set()
    for text in [*_exam_texts(cur), *_instructor_texts(cur)]:
        n = norm(strip_markdown(text))
        if len(n) >= 30 and len(n.split()) >= 5 and n not in corpus:
            out.add(n)
    return tuple(sorted(out))


def test_there_are_needles(built: Built) -> None:
    cur = built.result.curriculum
    assert cur is not None
    assert len(needles(cur)) > 500


def test_no_exam_or_instructor_text_in_trainee_files(built: Built, code: str) -> None:
    cur = built.result.curriculum
    assert cur is not None
    texts = trainee_texts(built.pack(code))
    first = built.contents[code].modules[0]
    probe = norm(first.objectives[0][1])
    for fmt, hay in texts.items():
        # (stripped: a right-to-left PDF's text may glue the list number to the first word)
        assert probe.strip() in hay, f"{code} {fmt}: extraction lost the trainee text itself"
        leaked = [n for n in needles(cur) if n in hay]
        assert not leaked, f"{code} {fmt}: {len(leaked)} forbidden texts, e.g. {leaked[:3]}"


@pytest.mark.parametrize("fmt", ["pdf", "epub", "docx", "html", "site"])
def test_tiny_markers_stay_out(tiny_built: tuple[object, object], fmt: str) -> None:
    from pathlib import Path

    from tiny import EXAM_MARK, INSTRUCTOR_MARK

    _, out = tiny_built
    texts = trainee_texts(Path(str(out)) / "KE")
    assert norm("Savoir des choses") in texts[fmt]
    for mark in (EXAM_MARK, INSTRUCTOR_MARK, "Quagmirefalcon", "Zanzibarquokka"):
        assert norm(mark) not in texts[fmt]


def test_tiny_markers_reach_the_instructor(tiny_built: tuple[object, object]) -> None:
    from pathlib import Path

    from extract import docx_text, pdf_text
    from tiny import EXAM_MARK, INSTRUCTOR_MARK

    _, out = tiny_built
    guide = Path(str(out)) / "KE" / "instructor"
    for text in (pdf_text(guide / "guide.pdf"), docx_text(guide / "guide.docx")):
        assert norm(EXAM_MARK) in norm(text)
        assert norm(INSTRUCTOR_MARK) in norm(text)
