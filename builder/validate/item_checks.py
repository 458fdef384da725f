"""Item-writing checks of quiz banks and exams (warnings; their severity is set in programme.yml).

Each looks for a way to score without knowing the answer, or for an exam that does not measure
what its track teaches: a favourite position of the correct option, a correct option that is
always the longest, true/false answers mostly one way, exam prompts that repeat practice prompts
(whose answers the trainee handbook prints), unpinned "all/none of the above" options, and exam
pools that leave objectives of their track unassessed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from typing import Any

from builder.assess.marking import clean
from builder.load.loader import Loaded
from builder.model import Question, QuizMeta
from builder.validate.exams import target_of
from builder.validate.known import Known
from builder.validate.sink import Sink

#: Fewest single-choice questions in a bank before the position check applies.
MIN_POSITION_BANK = 8
POSITION_SHARE = 0.40
LONGEST_SHARE = 0.50
MIN_LONGEST_BANK = 4
TRUE_FALSE_SHARE = 0.70
MIN_TRUE_FALSE_BANK = 4
SIMILARITY = 0.9
ABOVE = re.compile(r"\b(all|none|both|neither) of (the )?(above|these|them)\b", re.I)


def check_items(
    sink: Sink, quizzes: Sequence[tuple[str, Loaded]], known: Known, run: Runner | None = None
) -> None:
    """Run every item-writing check on the loaded quizzes (each through ``run``, e.g. the
    check cache's :meth:`~builder.validate.memo.Memo.run`; by default, plainly)."""
    call: Runner = run or _plain
    loaded = [(qid, f) for qid, f in quizzes if f.value is not None]
    for _, f in loaded:
        call(sink, check_bank_items, f)
    practice = tuple(
        p for _, f in loaded if f.value.mode == "practice" for p in call(sink, practice_prompts, f)
    )
    for qid, f in loaded:
        if f.value.mode == "exam":
            call(sink, check_exam_items, qid, f, practice, known)


Runner = Callable[..., Any]


def _plain(sink: Sink, check: Callable[..., Any], *args: Any) -> Any:
    return check(sink, *args)


def check_bank_items(sink: Sink, f: Loaded) -> None:
    """The checks of one bank: answer position, longest option, true/false bias, pinning."""
    _bank_checks(sink, f)
    _above_checks(sink, f)


def practice_prompts(sink: Sink, f: Loaded) -> tuple[tuple[str, str, str], ...]:
    """Return ``(file, question id, cleaned prompt)`` of each question of a practice bank."""
    return tuple((f.rel, q.id, clean(q.prompt)) for q in f.value.questions)


def check_exam_items(
    sink: Sink, quiz_id: str, f: Loaded, practice: Sequence[tuple[str, str, str]], known: Known
) -> None:
    """The checks of one exam: prompts that repeat practice prompts, objectives left out."""
    _repeats(sink, f, practice)
    _exam_coverage(sink, quiz_id, f, known)


def _singles(meta: QuizMeta) -> list[tuple[int, Question]]:
    return [(i, q) for i, q in enumerate(meta.questions) if q.type == "single" and q.options]


def _bank_checks(sink: Sink, f: Loaded) -> None:
    meta: QuizMeta = f.value
    singles = _singles(meta)
    positions = Counter(
        next(j for j, o in enumerate(q.options or ()) if o.correct)
        for _, q in singles
        if any(o.correct for o in q.options or ())
    )
    if len(singles) >= MIN_POSITION_BANK and positions:
        pos, n = positions.most_common(1)[0]
        if n / len(singles) > POSITION_SHARE:
            sink.at(
                f,
                ("questions",),
                "item.answer-position",
                (
                    f"the correct option is option {pos + 1} in {n} of {len(singles)} "
                    "single-choice questions; vary its position"
                ),
                key=True,
            )
    longest = sum(1 for _, q in singles if _uniquely_longest_correct(q))
    if len(singles) >= MIN_LONGEST_BANK and longest / len(singles) > LONGEST_SHARE:
        sink.at(
            f,
            ("questions",),
            "item.longest-correct",
            (
                f"the correct option is the longest in {longest} of {len(singles)} "
                "single-choice questions; make wrong options as detailed as the right one"
            ),
            key=True,
        )
    _true_false(sink, f, meta)


def _uniquely_longest_correct(q: Question) -> bool:
    options = q.options or ()
    lengths = sorted((len(o.text.strip()), o.correct) for o in options)
    return len(lengths) > 1 and lengths[-1][1] and lengths[-1][0] > lengths[-2][0]


def _true_false(sink: Sink, f: Loaded, meta: QuizMeta) -> None:
    answers = [q.answer for q in meta.questions if q.type == "true-false" and q.answer is not None]
    if len(answers) < MIN_TRUE_FALSE_BANK:
        return
    true = sum(1 for a in answers if a)
    way, n = ("true", true) if true >= len(answers) - true else ("false", len(answers) - true)
    if n / len(answers) > TRUE_FALSE_SHARE:
        sink.at(
            f,
            ("questions",),
            "item.true-false-bias",
            f"{n} of {len(answers)} true/false answers are {way}; balance them",
            key=True,
        )


def _above_checks(sink: Sink, f: Loaded) -> None:
    for i, q in enumerate(f.value.questions):
        if not q.shuffle:
            continue
        for j, o in enumerate(q.options or ()):
            if ABOVE.search(o.text) and not o.fixed:
                sink.at(
                    f,
                    ("questions", i, "options", j),
                    "item.unpinned-above",
                    (
                        f"option {j + 1} of question '{q.id}' refers to the other options; "
                        "pin it with 'fixed: true' so that shuffling keeps it last"
                    ),
                )


def _repeats(sink: Sink, f: Loaded, practice: Sequence[tuple[str, str, str]]) -> None:
    for i, q in enumerate(f.value.questions):
        mine = clean(q.prompt)
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(mine)
        for their_file, other, theirs in practice:
            shorter, longer = sorted((len(mine), len(theirs)))
            if not longer or 2 * shorter / (shorter + longer) < SIMILARITY:
                continue
            matcher.set_seq1(theirs)
            if (
                matcher.real_quick_ratio() >= SIMILARITY
                and matcher.quick_ratio() >= SIMILARITY
                and matcher.ratio() >= SIMILARITY
            ):
                sink.at(
                    f,
                    ("questions", i, "prompt"),
                    "item.exam-repeats-practice",
                    (
                        f"exam question '{q.id}' repeats practice question '{other}' of "
                        f"{their_file}, whose answer the trainee handbook prints; write a new item"
                    ),
                )
                break


def _exam_coverage(sink: Sink, quiz_id: str, f: Loaded, known: Known) -> None:
    meta: QuizMeta = f.value
    own = known.metas.get(meta.module)
    if own is None:
        return
    assessed = {target_of(meta.module, q.objective) for q in meta.questions}
    if any(m not in known.metas for m, _ in assessed):
        return  # a question names a module that failed or does not exist: reported already
    missing = [
        f"{m.id}/{o.id}"
        for m in sorted(known.metas.values(), key=lambda m: (m.order, m.id))
        if m.track == own.track and m.status == "published"
        for o in m.objectives
        if (m.id, o.id) not in assessed
    ]
    if missing:
        shown = ", ".join(missing[:5]) + (
            f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        )
        sink.at(
            f,
            ("questions",),
            "item.exam-coverage",
            (
                f"exam '{quiz_id}' cannot cover every objective of track '{own.track}': no "
                f"question on {shown}"
            ),
            key=True,
        )
