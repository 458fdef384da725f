"""The trainee handbook and the instructor guide, as books of fragments.

A module's chapter is two fragments: a small pack-specific head (number, notices, timing,
reasons) and a body that depends only on the module and the pack language, so that packs
share the conversion of the body.
"""

from __future__ import annotations

import functools

from builder.packs.compose.book import Book, Part
from builder.packs.content import pdast
from builder.packs.content import render_exam as rx
from builder.packs.content import render_md as md
from builder.packs.content import render_quiz as rq
from builder.packs.content.content import LocalQuiz, PackContent, PackModule
from builder.packs.content.i18n import Labels
from builder.packs.convert.convert import Piece, ast_piece
from builder.safety import slug

HANDBOOK_TARGETS = ("typst", "html", "docx")
GUIDE_TARGETS = ("typst", "docx")


def _cover(content: PackContent, what: str, notice: str | None, parts: tuple[Part, ...]) -> Book:
    L = content.labels
    return Book(
        kind=L(what),
        title=content.plan.name,
        programme=content.programme.title,
        short=content.programme.short_title or content.programme.title,
        publisher=content.programme.publisher,
        contents=L("contents"),
        lang=content.lang,
        dir="rtl" if L.is_rtl else "ltr",
        facts=tuple(md.cover_facts(content)),
        notice=notice,
        footer=(
            f"{L('programme_version')} {content.programme.version} · {L('issued')} "
            f"{content.source_date.isoformat()}"
        ),
        cover=Piece(md.cover_md(content, what), f"cover-{what}-", ("json",)),
        parts=parts,
        modules=content.module_ids,
    )


# Quiz fragments depend only on the quiz and the language, so packs built in one process share
# them (memoised: building their AST was most of the cost of laying out a pack's books).


@functools.lru_cache(maxsize=2048)
def _quiz_piece(quiz: LocalQuiz, labels: Labels, mid: str, source_lang: str) -> Piece:
    return ast_piece(
        pdast.document(rq.quiz_blocks(quiz, labels, f"quiz-{mid}", source_lang)),
        f"{mid}-q-",
        HANDBOOK_TARGETS,
    )


@functools.lru_cache(maxsize=2048)
def _key_piece(quiz: LocalQuiz, labels: Labels, mid: str) -> Piece:
    return ast_piece(
        pdast.document(rq.key_blocks(quiz, labels, labels("practice_key"), f"key-{mid}")),
        f"{mid}-k-",
        GUIDE_TARGETS,
    )


@functools.lru_cache(maxsize=2048)
def _answers_piece(quiz: LocalQuiz, labels: Labels, mid: str) -> Piece:
    return ast_piece(pdast.document(rq.answers_blocks(quiz, labels)), f"{mid}-a-", HANDBOOK_TARGETS)


@functools.lru_cache(maxsize=2048)
def _exam_piece(quiz: LocalQuiz, labels: Labels, source_lang: str) -> Piece:
    return ast_piece(
        pdast.document(
            rq.exam_blocks(
                quiz,
                labels,
                source_lang,
                rx.form_title(quiz, labels),
                rx.coverage_blocks(quiz, labels),
            )
        ),
        f"{quiz.id}-x-",
        GUIDE_TARGETS,
    )


def _quiz(m: PackModule, labels: Labels, source_lang: str) -> tuple[Piece, ...]:
    return () if m.quiz is None else (_quiz_piece(m.quiz, labels, m.id, source_lang),)


def _key(m: PackModule, labels: Labels) -> tuple[Piece, ...]:
    return () if m.quiz is None else (_key_piece(m.quiz, labels, m.id),)


def handbook(content: PackContent) -> Book:
    """Return the trainee handbook: modules in plan order, answers appendix, standards cited."""
    L, ctx, total, t = (
        content.labels,
        md.make_context(content),
        len(content.modules),
        HANDBOOK_TARGETS,
    )
    parts = [
        Part(
            (
                Piece(md.handbook_head(m, total, ctx), f"{m.id}-h-", t),
                Piece(md.handbook_body(m, ctx), f"{m.id}-", t),
                *_quiz(m, L, content.source_lang),
            ),
            file=f"m{m.number:03d}",
            toc=((f"mod-{m.id}", f"{m.number}. {m.title}"),),
            anchors=(f"mod-{m.id}", f"quiz-{m.id}"),
        )
        for m in content.modules
    ]
    parts += _answers_parts(content)
    parts += _standards_parts(content)
    parts += _glossary_parts(content, HANDBOOK_TARGETS, "gloss-")
    return _cover(content, "handbook", None, tuple(parts))


def _answers_parts(content: PackContent) -> list[Part]:
    """Return the handbook's answers appendix: a heading, then each practice quiz's answers."""
    L, t = content.labels, HANDBOOK_TARGETS
    with_quiz = [m for m in content.modules if m.quiz is not None]
    if not with_quiz:
        return []
    heading = Part(
        (Piece(md.answers_heading(L), "answers-", t),),
        "answers",
        (("answers", L("answers")),),
        ("answers",),
    )
    return [heading] + [
        Part(
            (Piece(md.answers_head(m), f"{m.id}-ah-", t), _answers_piece(m.quiz, L, m.id)),
            "answers",
            (),
            (f"ans-{m.id}",),
        )
        for m in with_quiz
        if m.quiz is not None
    ]


def _glossary_parts(content: PackContent, targets: tuple[str, ...], prefix: str) -> list[Part]:
    """Return the glossary appendix (none when the curriculum has no glossary)."""
    if not content.glossary.terms:
        return []
    piece = Piece(md.glossary_appendix(content), prefix, targets)
    return [Part((piece,), "glossary", (("glossary", content.labels("glossary")),), ("glossary",))]


def _standards_parts(content: PackContent) -> list[Part]:
    """Return the appendix of the SAFE standards the pack cites (none when it cites none)."""
    if not content.standards:
        return []
    anchors = ("standards", *(f"std-{slug(s.id)}" for s in content.standards))
    piece = Piece(md.standards_appendix(content), "std-", HANDBOOK_TARGETS)
    return [Part((piece,), "standards", (("standards", content.labels("standards")),), anchors)]


def guide(content: PackContent) -> Book:
    """Return the instructor guide: gaps, reasons, schedule, notes and keys, exams, mentoring."""
    L, ctx, t = content.labels, md.make_context(content, standards=False), GUIDE_TARGETS
    front = tuple((f"sec-{k}", L(k)) for k in ("gaps", "why", "schedule"))
    parts = [Part((Piece(md.guide_front(content, ctx), "front-", t),), "front", front)]
    parts += [
        Part(
            (
                Piece(md.guide_head(m, ctx), f"{m.id}-gh-", t),
                Piece(md.guide_body(m, ctx), f"{m.id}-g-", t),
                *_key(m, L),
            ),
            f"g{m.number:03d}",
            ((f"mod-{m.id}", f"{m.number}. {m.title}"),),
        )
        for m in content.modules
    ]
    parts.append(
        Part(
            (Piece(md.exams_heading(L, bool(content.exams)), "exams-", t),),
            "exams",
            (("sec-exams", L("exams")),),
        )
    )
    parts += [Part((_exam_piece(q, L, content.source_lang),), "exams") for q in content.exams]
    parts.append(
        Part(
            (Piece(md.guide_back(content), "back-", t),),
            "back",
            (("sec-mentoring", L("mentoring")),),
        )
    )
    parts += _glossary_parts(content, t, "gloss-g-")
    notice = L("sample_data") if content.sample_data else None
    return _cover(content, "guide", notice, tuple(parts))


def exam_papers(content: PackContent) -> list[tuple[str, Book]]:
    """Return, per exam form, its printable paper and its separate key (paths in the pack)."""
    out = []
    for quiz in content.exams:
        out.append((f"instructor/exams/{quiz.id}-paper.pdf", _paper(content, quiz, "exam_paper")))
        out.append((f"instructor/exams/{quiz.id}-key.pdf", _paper(content, quiz, "exam_key")))
    return out


def _paper(content: PackContent, quiz: LocalQuiz, what: str) -> Book:
    L = content.labels
    blocks = rx.paper_blocks(quiz, L) if what == "exam_paper" else rx.key_paper_blocks(quiz, L)
    piece = ast_piece(pdast.document(blocks), f"{quiz.id}-{what}-", ("typst",))
    facts = [
        (L("country"), f"{content.plan.name} ({content.plan.country})"),
        (L("time_limit_label"), f"{quiz.time_limit or '—'} min"),
        (L("pass_mark_label"), f"{quiz.pass_mark}%"),
        (L("questions"), str(len(quiz.questions))),
        (L("grid_points"), md.num(quiz.total_points)),
    ]
    return Book(
        kind=L(what),
        title=rx.form_title(quiz, L),
        programme=content.programme.title,
        short=content.programme.short_title or content.programme.title,
        publisher=content.programme.publisher,
        contents=L("contents"),
        lang=content.lang,
        dir="rtl" if L.is_rtl else "ltr",
        facts=tuple(facts),
        notice=L("confidential") if what == "exam_key" else None,
        footer=f"{L('programme_version')} {content.programme.version}",
        cover=ast_piece(pdast.document([]), f"cover-{quiz.id}-{what}-", ()),
        parts=(Part((piece,), what),),
        modules=content.module_ids,
        outline=False,
    )
