"""Every file of one pack, in memory: documents, LMS exports, schedule, mini-site, manifest."""

from __future__ import annotations

import base64
import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from builder.packs.cache import Cache, code_salt, sha256
from builder.packs.compose import documents
from builder.packs.compose.book import Book
from builder.packs.content.content import PackContent
from builder.packs.content.render_exam import form_title
from builder.packs.convert.convert import Converter
from builder.packs.formats.lms_gift import gift
from builder.packs.formats.lms_moodle import moodle_xml
from builder.packs.formats.lms_names import lms_scope
from builder.packs.formats.lms_packages import lms_packages
from builder.packs.formats.lms_qti import qti_package
from builder.packs.formats.manifest import manifest
from builder.packs.formats.out_docx import build_docx, meta_inlines, toc_xml
from builder.packs.formats.out_evaluation import evaluation_files
from builder.packs.formats.out_html import epub, single_html
from builder.packs.formats.out_pdf import check_script, compile_pdf, document
from builder.packs.formats.out_schedule import ics, schedule_csv
from builder.packs.formats.out_site import site_files


def pdf(book: Book, conv: Converter, content: PackContent) -> bytes:
    """Return a book as PDF (Typst); refuse a language whose script no font renders."""
    check_script(book.lang)
    head: dict[str, object] = {
        "kind-title": book.kind,
        "title": book.title,
        "programme": book.programme,
        "short": book.short,
        "facts": [list(f) for f in book.facts],
        "notice-text": book.notice,
        "footer-text": book.footer,
        "lang": book.lang,
        "dir": book.dir,
        "contents": book.contents,
        "author": book.publisher,
        "outline-on": "yes" if book.outline else "no",
    }
    source = document(head, [p.text(conv, "typst") for p in book.parts])
    return compile_pdf(source, content.epoch, conv.cache, content.figures)


def docx(book: Book, conv: Converter, content: PackContent) -> bytes:
    """Return a book as DOCX: cached fragments in pandoc's frame of the cover facts, after a
    linked table of contents (links to modules the pack lacks become text)."""
    cover = json.loads(conv.text(book.cover, "json"))["blocks"]
    meta: dict[str, Any] = {
        "title": meta_inlines(book.kind),
        "subtitle": meta_inlines(book.title),
        "author": {"t": "MetaList", "c": [meta_inlines(book.publisher)]}
        if book.publisher
        else {"t": "MetaList", "c": []},
        "date": meta_inlines(book.footer),
        "lang": {"t": "MetaString", "c": book.lang},
        "dir": {"t": "MetaString", "c": book.dir},
        "abstract-title": meta_inlines(book.programme),
        "abstract": {"t": "MetaBlocks", "c": cover},
    }
    parts = [conv.docx_part(piece) for p in book.parts for piece in p.pieces]
    return build_docx(parts, meta, toc_xml(book.contents, book.toc), content.epoch, conv.cache)


def quiz_titles(content: PackContent) -> dict[str, str]:
    """Return the title of every quiz of the pack, as the LMS exports show it."""
    L = content.labels
    out = {
        m.quiz.id: f"{m.number}. {m.title} — {L('practice_quiz')}"
        for m in content.modules
        if m.quiz is not None
    }
    out.update({q.id: form_title(q, L) for q in content.exams})
    return out


Books = tuple[Book, Book]
"""A pack's trainee handbook and instructor guide."""


def books(content: PackContent) -> Books:
    """Return the pack's handbook and guide."""
    return documents.handbook(content), documents.guide(content)


def pack_files(
    content: PackContent, pair: Books, cache: Cache, commit: str
) -> tuple[dict[str, bytes], list[str]]:
    """Return every file of the pack (path inside the pack → bytes) and the build's warnings."""
    hb, gd = pair
    conv = Converter(cache)
    conv.ensure(hb.pieces + gd.pieces, content.figures)
    files: dict[str, bytes] = {}
    with ThreadPoolExecutor(max_workers=4) as pool:
        slow = {
            "trainee/handbook.pdf": pool.submit(pdf, hb, conv, content),
            "instructor/guide.pdf": pool.submit(pdf, gd, conv, content),
            "trainee/handbook.docx": pool.submit(docx, hb, conv, content),
            "instructor/guide.docx": pool.submit(docx, gd, conv, content),
        }
        files["trainee/handbook.html"] = single_html(hb, conv, content.figures).encode("utf-8")
        seed = f"{content.code}/{content.programme.version}/handbook/{content.lang}"
        files["trainee/handbook.epub"] = epub(
            hb, conv, seed, content.source_date.isoformat(), content.epoch, content.figures
        )
        files.update({f"trainee/site/{name}": data for name, data in site_files(content, cache)})
        papers = {
            path: pool.submit(pdf, book, conv, content)
            for path, book in documents.exam_papers(content)
        }
        warnings = _lms(content, files, cache)
        warnings += exam_warnings(content)
        packages, more = lms_packages(content, cache, quiz_titles(content))
        files.update(packages)
        warnings += more
        files["README.txt"] = readme(content)
        files["schedule.ics"] = ics(content)
        files["schedule.csv"] = schedule_csv(content)
        files.update(evaluation_files(content))
        files.update({name: f.result() for name, f in slow.items()})
        files.update({name: f.result() for name, f in papers.items()})
    files["manifest.json"] = manifest(content, files, warnings, commit)
    return files, warnings


def exam_warnings(content: PackContent) -> list[str]:
    """Return a warning per exam form that the plan leaves with fewer than ``min_questions``."""
    return [
        (
            f"exam '{q.exam}' form {q.form} has {len(q.questions)} questions on modules of the "
            f"plan, fewer than its min_questions ({q.min_questions}); add questions on planned "
            "modules or plan more modules of the track"
        )
        for q in content.exams
        if q.min_questions is not None and len(q.questions) < q.min_questions
    ]


def readme(content: PackContent) -> bytes:
    """Return the pack's README, in the pack language: what each folder is for, and who may
    have it."""
    plan, prog, L = content.plan, content.programme, content.labels
    lines = [
        prog.title,
        L(
            "readme_pack",
            country=content.country_name,
            code=plan.country,
            admin=plan.administration,
        ),
        L(
            "readme_version",
            version=prog.version,
            language=L.language_name(content.lang),
            date=L.date(content.source_date),
        ),
        "",
        *_readme_entry("trainee/", L("readme_trainee")),
        *_readme_entry("instructor/", L("readme_instructor")),
        *_readme_entry("", L("readme_scorm")),
        *_readme_entry("", L("readme_exams")),
        *_readme_entry("", L("readme_evaluation")),
        *_readme_entry("schedule.ics", L("readme_schedule")),
        *_readme_entry("manifest.json", L("readme_manifest")),
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _readme_entry(name: str, text: str) -> list[str]:
    """Return a README entry: the name in a 16-character column, the text wrapped beside it."""
    import textwrap

    wrapped = textwrap.wrap(text, 82) or [""]
    return [f"{name:<16}{wrapped[0]}", *(" " * 16 + line for line in wrapped[1:])]


LMS_FILES = ("instructor/lms/moodle.xml", "instructor/lms/quizzes.gift", "instructor/lms/qti21.zip")


def _lms(content: PackContent, files: dict[str, bytes], cache: Cache) -> list[str]:
    """Add the LMS exports to ``files`` and return their warnings. They depend on the pack's
    quizzes, not on module text, so they are cached: editing a module's body does not redo them."""
    titles, L = quiz_titles(content), content.labels
    root = f"{content.programme.short_title or content.programme.title} {content.code} {L.lang}"
    scope = lms_scope(content.code, L.lang)
    quizzes = content.quizzes
    key = sha256(
        "lms-2",
        code_salt(),
        content.code,
        root,
        L.lang,
        str(content.epoch),
        repr(sorted(titles.items())),
        repr(quizzes),
    )
    cached = cache.get(key, "lms")
    if cached is not None:
        entry = json.loads(cached)
        files.update({name: base64.b64decode(entry["files"][name]) for name in LMS_FILES})
        return list(entry["warnings"])
    files["instructor/lms/moodle.xml"] = moodle_xml(quizzes, titles, root, L, scope).encode("utf-8")
    text, warnings = gift(quizzes, titles, root, L, scope)
    files["instructor/lms/quizzes.gift"] = text.encode("utf-8")
    files["instructor/lms/qti21.zip"] = qti_package(scope, quizzes, titles, L, content.epoch)
    entry = {
        "files": {name: base64.b64encode(files[name]).decode("ascii") for name in LMS_FILES},
        "warnings": warnings,
    }
    cache.put(key, "lms", json.dumps(entry).encode("utf-8"))
    return warnings
