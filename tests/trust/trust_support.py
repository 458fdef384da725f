"""Helpers of the trust tests: the secret texts of a curriculum, the text of every trainee file,
the one search that looks for the first in the second, and a hostile curriculum. They put
tests/site and tests/packs on ``sys.path`` and re-export ``strip_markdown`` (tests/packs/extract.py)
and ``serve_folder`` (tests/site/site_support.py).

Matching is done on a *compact key*: NFKC, case-folded, with every character that is not a letter
or digit removed. That makes the search blind to whitespace, line breaks, punctuation, Markdown
marks, tags split inside a sentence, and the hyphenation and odd spacing of PDF text extraction.
A needle is kept only when its key is long (``MIN_KEY`` letters and digits), so a key that turns
up in a trainee file is a real leak, not a coincidence.
"""

from __future__ import annotations

import hashlib
import html
import json
import multiprocessing
import os
import re
import shutil
import sys
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
for _folder in (TESTS / "site", TESTS / "packs"):
    if str(_folder) not in sys.path:
        sys.path.append(str(_folder))

from extract import mirrored_rows, pdf_text, strip_markdown  # noqa: E402  (tests/packs/)
from site_support import serve_folder  # noqa: E402, F401  (re-exported; tests/site/site_support.py)

from builder.body import parse_body  # noqa: E402
from builder.i18n import strings  # noqa: E402
from builder.model import Curriculum, Question, QuestionText  # noqa: E402

MIN_CHARS = 40  # a needle's length, as words separated by single spaces
MIN_KEY = 32  # and as letters and digits only
BLOCK = MIN_KEY // 2  # the block size of find_leaks
BINARY_SUFFIXES = {
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".webp",
    ".ico",
    ".woff",
    ".woff2",
    ".ttf",
    ".otf",
    ".eot",
    ".gz",
    ".zip",
    ".mp4",
    ".mp3",
}

_NOT_ALNUM = re.compile(r"[\W_]+")
_TAG = re.compile(r"<[^>]*>")
_ATTR = re.compile(r"""=\s*(?:"([^"]*)"|'([^']*)')""")
_JSON_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|[nrtbf\"/\\])")
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+")
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*(?:[-*+] |\d+[.)] |\|))")


def key(text: str) -> str:
    """Return the compact key of a text: letters and digits only, NFKC, case-folded."""
    return _NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text).casefold())


def words(text: str) -> str:
    """Return a text as words separated by single spaces (whitespace and case normalised)."""
    return " ".join(_NOT_ALNUM.sub(" ", unicodedata.normalize("NFKC", text).casefold()).split())


# --------------------------------------------------------------------------- the needles


def question_texts(q: Question | QuestionText) -> Iterator[str]:
    """Every author text of a question: prompt, options, accepted answers, pairs, items,
    feedback and explanation (numeric values are left out: numbers are too generic)."""
    yield from (
        q.prompt,
        q.explanation,
        q.true_feedback,
        q.false_feedback,
        q.correct_feedback,
        q.incorrect_feedback,
    )
    for o in q.options or ():
        yield from (o.text, o.feedback)
    yield from q.answers or ()
    yield from q.items or ()
    for p in q.pairs or ():
        yield from (p.left, p.right)


def exam_texts(cur: Curriculum) -> Iterator[str]:
    """Every text of every exam question, in every language."""
    for quiz in cur.quizzes.values():
        if quiz.is_exam:
            for q in quiz.meta.questions:
                yield from question_texts(q)
            for tr in quiz.translations.values():
                for qt in tr.questions:
                    yield from question_texts(qt)


def bodies(cur: Curriculum) -> Iterator[str]:
    """Every module body, source and translations."""
    for m in cur.modules.values():
        yield m.body
        yield from (t.body for t in m.translations.values())


def instructor_texts(cur: Curriculum) -> Iterator[str]:
    """Every paragraph (and list item and table row) of every instructor block, and its title."""
    for body in bodies(cur):
        for b in parse_body(body)[0]:
            if b.kind == "instructor":
                yield b.title
                yield from _PARAGRAPH.split(b.text)


def block_labels(kind: str) -> set[str]:
    """Return the words a block kind is shown under, in every language (pack and site)."""
    return {
        strings.table(lang, section).get(key, kind)
        for lang in strings.languages()
        for section in strings.SECTIONS
        for key in (kind, f"callout.{kind}")
    }


def trainee_corpus(cur: Curriculum) -> str:
    """Return the compact key of everything a trainee may rightly see: the non-instructor blocks
    of every module body, module titles, summaries and objectives, and every practice quiz."""
    parts: list[str] = []
    for body in bodies(cur):
        blocks = [b for b in parse_body(body)[0] if b.kind != "instructor"]
        parts += [b.title + "\n" + b.text for b in blocks]
        # A right-to-left pack lays table cells out from the right: its PDF text reads each row
        # backwards, which is the same trainee text.
        parts += [mirrored_rows(b.text) for b in blocks if "|" in b.text]
        # A titled block is shown under its kind ("Exercise: Sort the ..."), which instructor
        # notes name too ("Exercise "Sort the ...": 10 minutes"): that is not a secret.
        parts += [
            f"{label} {b.title}"
            for b in blocks
            if b.title
            for label in {b.kind, *block_labels(b.kind)}
        ]
    for m in cur.modules.values():
        parts += [m.meta.title, m.meta.summary, *(o.text for o in m.meta.objectives)]
        for t in m.translations.values():
            parts += [t.meta.title, t.meta.summary, *(o.text for o in t.meta.objectives)]
    for quiz in cur.quizzes.values():
        if not quiz.is_exam:
            parts += [t for q in quiz.meta.questions for t in question_texts(q)]
            parts += [
                t
                for tr in quiz.translations.values()
                for q in tr.questions
                for t in question_texts(q)
            ]
    return "\x00".join(key(strip_markdown(p)) for p in parts)


def pieces(text: str) -> Iterator[str]:
    """A text as a whole, and each of its sentences."""
    yield text
    parts = _SENTENCE.split(text)
    if len(parts) > 1:
        yield from parts


@dataclass(frozen=True)
class Needles:
    """Return the secret texts to look for, by compact key (value: readable form), and the drops."""

    by_key: dict[str, str]
    candidates: int
    too_short: int
    trainee_visible: int

    def report(self) -> str:
        """One line on how the needles were chosen."""
        return (
            f"{len(self.by_key)} needles kept from {self.candidates} candidate texts: "
            f"{self.too_short} shorter than {MIN_CHARS} characters, "
            f"{self.trainee_visible} dropped because trainee material holds them too"
        )


def secret_needles(cur: Curriculum) -> Needles:
    """Return the exam and instructor texts, split into paragraphs and sentences, that are long
    enough to be distinctive and that no trainee-visible source holds."""
    corpus = trainee_corpus(cur)
    seen: set[str] = set()
    kept: dict[str, str] = {}
    short = visible = 0
    for text in [*exam_texts(cur), *instructor_texts(cur)]:
        for piece in pieces(text):
            plain = strip_markdown(piece)
            k = key(plain)
            if not k or k in seen:
                continue
            seen.add(k)
            if len(words(plain)) < MIN_CHARS or len(k) < MIN_KEY:
                short += 1
            elif k in corpus:
                visible += 1
            else:
                kept[k] = words(plain)
    return Needles(kept, len(seen), short, visible)


# --------------------------------------------------------------------------- the haystacks


def markup_text(markup: str) -> str:
    """Return what an HTML/XHTML/XML document can show or carry: its text (script and JSON data
    included, entities and JSON escapes decoded) and the values of its attributes."""
    attrs = " ".join(a or b for a, b in _ATTR.findall(markup))
    text = _TAG.sub("", markup) + " " + attrs
    for _ in range(2):  # doubly escaped text (JSON inside an attribute) is decoded too
        text = html.unescape(text)
        text = _JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else " ", text)
    return text


def plain_text(raw: str) -> str:
    """Return a text file's content with JSON escapes and entities decoded."""
    text = html.unescape(raw)
    return _JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else " ", text)


def _decode(name: str, data: bytes) -> str:
    text = data.decode("utf-8", errors="replace")
    if name.endswith((".html", ".htm", ".xhtml", ".xml", ".svg", ".opf", ".ncx", ".rels")):
        return markup_text(text)
    return plain_text(text)


def docx_text(path: Path) -> str:
    """Return a DOCX's paragraphs and table cells (python-docx) and the text of every XML part."""
    import docx

    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts) + "\n" + zip_text(path)


def zip_text(path: Path) -> str:
    """Return the text of every text entry of a zip (EPUB, DOCX, any other)."""
    with zipfile.ZipFile(path) as z:
        return "\n".join(
            _decode(n, z.read(n))
            for n in sorted(z.namelist())
            if Path(n).suffix.lower() not in BINARY_SUFFIXES
        )


def file_text(path: Path) -> str:
    """Return the text of one trainee file, read as its format says."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return pdf_text(path)
    if suffix == ".docx":
        return docx_text(path)
    if suffix in (".epub", ".zip"):
        return zip_text(path)
    return _decode(path.name, path.read_bytes())


def _file_key(path: str, store: Path | None = None) -> tuple[str, str]:
    """Return ``(path, key of its text)``; a PDF's key is kept in ``store`` by the PDF's SHA-256
    (same bytes, same text), since pypdf takes seconds per handbook."""
    if store is None or not path.endswith(".pdf"):
        return path, key(file_text(Path(path)))
    saved = store / (hashlib.sha256(Path(path).read_bytes()).hexdigest() + ".txt")
    if saved.is_file():
        return path, saved.read_text(encoding="utf-8")
    text = key(file_text(Path(path)))
    store.mkdir(parents=True, exist_ok=True)
    tmp = saved.with_name(f".tmp-{os.getpid()}-{saved.name}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, saved)
    return path, text


def haystacks(
    folders: Iterable[tuple[str, Path]], jobs: int = 2, store: Path | None = None
) -> dict[str, str]:
    """Return the compact key of every file under each ``(label, folder)``, by ``label/relpath``
    (binary files such as images and fonts are skipped; PDFs are read in worker processes, and
    their text is kept in ``store`` when given)."""
    files: dict[str, str] = {}
    for label, folder in folders:
        paths = (
            [folder] if folder.is_file() else sorted(p for p in folder.rglob("*") if p.is_file())
        )
        for p in paths:
            if p.suffix.lower() not in BINARY_SUFFIXES:
                files[str(p)] = f"{label}/{p.relative_to(folder) if p != folder else p.name}"
    slow = [p for p in files if p.endswith(".pdf")]
    out = dict(_file_key(p) for p in files if p not in slow)
    if slow and jobs > 1:  # spawned, not forked: the test process may have threads running
        with ProcessPoolExecutor(
            max_workers=jobs, mp_context=multiprocessing.get_context("spawn")
        ) as pool:
            out.update(pool.map(_file_key, slow, [store] * len(slow)))
    else:
        out.update(_file_key(p, store) for p in slow)
    return {files[p]: out[p] for p in files}


def find_leaks(needles: dict[str, str], hay: dict[str, str]) -> list[tuple[str, str]]:
    """Return every ``(file, readable needle)`` where a needle's key occurs in a file's key.

    Exact and fast: an occurrence of a key at least ``2 * BLOCK`` long covers one whole aligned
    block ``hay[BLOCK * j : BLOCK * (j + 1)]``, which is the key's slice at some offset below
    ``BLOCK``; so only the aligned blocks of each file are looked up, then each candidate is
    verified in place.
    """
    assert all(len(k) >= 2 * BLOCK for k in needles), "needle keys must be at least 2 * BLOCK long"
    index: dict[str, list[tuple[str, int]]] = {}
    for k in needles:
        for offset in range(BLOCK):
            index.setdefault(k[offset : offset + BLOCK], []).append((k, offset))
    found: list[tuple[str, str]] = []
    for name, text in hay.items():
        hits: set[str] = set()
        for start in range(0, len(text) - BLOCK + 1, BLOCK):
            for k, offset in index.get(text[start : start + BLOCK], ()):
                if k not in hits and start >= offset and text.startswith(k, start - offset):
                    hits.add(k)
        found += [(name, needles[k]) for k in sorted(hits)]
    return found


# --------------------------------------------------------------------------- hostile curriculum

LONG_LINE = "Longline" + "x" * 19_992  # one 20,000-character line without a break
RLO = "\u202eevil right-to-left override\u202c"
HOSTILE_INLINE = (
    "<script>window.__xss='script'</script>",
    "<img src=x onerror=\"window.__xss='img'\">",
    "<svg onload=\"window.__xss='svg'\"><circle r=1></circle></svg>",
    "<svg><script>window.__xss='svg-script'</script></svg>",
    "<iframe src=\"javascript:window.__xss='iframe'\"></iframe>",
    "<a href=\"javascript:window.__xss='a'\">raw anchor</a>",
    "<details open ontoggle=\"window.__xss='details'\">x</details>",
    "<div><b>broken html",
    "[js link](javascript:window.__xss='md-link')",
    "[entity link](jav&#x61;script:window.__xss='md-entity')",
    "![js image](javascript:window.__xss='md-image')",
    "<javascript:window.__xss='autolink'>",
    "<https://example.org/autolink>",
    "<mailto:someone@example.org>",
    RLO,
)
HOSTILE = " ".join(HOSTILE_INLINE)
#: A CommonMark link with its destination in angle brackets. Kept out of ``HOSTILE``: it passes
#: ``curriculum check`` but makes the strict site build fail (see test_injection.py).
ANGLE_LINK = "[angle link](<javascript:window.__xss='md-angle'>)"
HOSTILE_TEXT = "Hostile " + " ".join(s for s in HOSTILE_INLINE)  # one-line, for YAML fields


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def write_hostile(root: Path) -> Path:
    """Write the minimal payload curriculum of tests/site/site_payload.py under ``root``, then put
    ``HOSTILE`` (and a 20,000-character line) into module bodies, titles, summaries, objectives,
    quiz prompts, options, feedback, explanations, and the country's administration and notes."""
    import site_payload as sp

    sp.write_minimal(root)

    def edit(rel: str, *pairs: tuple[str, str]) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text, (rel, old)
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")

    body = (
        f"\n## Hostile heading {HOSTILE}\n\nA paragraph: {HOSTILE}\n\n- item {HOSTILE}\n- {RLO}\n\n"
        f"| col {HOSTILE_INLINE[1]} | b |\n|---|---|\n| {HOSTILE_INLINE[0]} | {HOSTILE_INLINE[8]} "
        "|\n\n"
        f"{LONG_LINE}\n\n::: note \"Callout <svg onload=window.__xss='callout'> "
        f'<script>window.__xss=1</script>"\n{HOSTILE}\n:::\n\n'
        f"::: instructor\nHostile instructor {HOSTILE}\n:::\n"
    )
    for rel in ("modules/m-one.md", "modules/m-two.md", "modules/m-one.fr.md"):
        path = root / rel
        path.write_text(path.read_text(encoding="utf-8") + body, encoding="utf-8")
    edit(
        "modules/m-two.md",
        ('title: "Module two"', f"title: {_q('Module two ' + HOSTILE_TEXT)}"),
        ('summary: "Summary of m-two ', f"summary: {_q('Summary ' + HOSTILE_TEXT)[:-1]} "),
        ("text: Objective B.", f"text: {_q('Objective B ' + HOSTILE_TEXT)}"),
    )
    plain_quiz = ("prompt: Multiple choice.", f"prompt: {_q('Multiple ' + HOSTILE_TEXT)}")
    for rel in ("quizzes/m-one.yml", "quizzes/m-two.yml"):
        edit(
            rel,
            plain_quiz,
            ("text: A right one,", f"text: {_q('A right one ' + HOSTILE_TEXT)},"),
            ("feedback: No.}", f"feedback: {_q('No ' + HOSTILE_TEXT)}}}"),
            (
                "explanation: Two are right.",
                f"explanation: {_q('Two ' + HOSTILE_TEXT + ' ' + LONG_LINE)}",
            ),
            ("prompt: Name the thing.", f"prompt: {_q('Name ' + HOSTILE_TEXT)}"),
            ("prompt: Put in order.", f"prompt: {_q('Order ' + HOSTILE_TEXT)}"),
            ("items: [", f"items: [{_q('zeroth ' + HOSTILE_INLINE[0])}, "),
            (
                "{left: L2, right: R2}",
                f"{{left: {_q('L2 ' + HOSTILE_INLINE[2])}, right: {_q('R2 ' + RLO)}}}",
            ),
        )
    edit(
        "quizzes/basics-exam.yml",
        (
            "explanation: Zebra exam explanation that is secret.",
            f"explanation: {_q('Zebra exam explanation that is secret ' + HOSTILE_TEXT)}",
        ),
        (
            "feedback: Zebra exam feedback beta.",
            f"feedback: {_q('Zebra exam feedback beta ' + HOSTILE_TEXT)}",
        ),
    )
    edit(
        "curriculum/countries/SN.yml",
        ('administration: "Customs ', f"administration: {_q('Customs ' + HOSTILE_TEXT)[:-1]} "),
        ('notes: "Notes ', f"notes: {_q('Notes ' + HOSTILE_TEXT + ' ' + LONG_LINE)[:-1]} "),
    )
    return root


# --------------------------------------------------------------------------- building


def build_packs_cached(
    result: Any, root: Path, codes: list[str], out: Path, store: Path | None, jobs: int = 2
) -> str:
    """Build packs into a fresh ``out`` as ``curriculum`` does, but seed the pandoc fragment cache
    (content-addressed: keys hash the source, the filter and pandoc's version) from ``store`` and
    save what was converted back there, atomically, so later runs skip the conversions."""
    from builder.packs.build import build_packs, cache_root

    cache = cache_root(out)
    if store is not None and store.is_dir():
        shutil.copytree(
            store, cache, ignore=shutil.ignore_patterns(".work", ".tmp-*"), dirs_exist_ok=True
        )
    summary = build_packs(result.course, root, codes, out, jobs=jobs)
    if store is not None:
        for path in cache.rglob("*"):
            rel = path.relative_to(cache)
            target = store / rel
            if path.is_file() and ".work" not in rel.parts and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                tmp = target.with_name(f".tmp-{os.getpid()}-{target.name}")
                shutil.copyfile(path, tmp)
                os.replace(tmp, target)
    return summary
