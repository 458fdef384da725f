"""The one orchestrator of checking: load → check each file → check across files → assemble.

Nothing is written; the result carries every diagnostic, sorted, and, when there is no error,
the :class:`~builder.plan.course.Course` that the site and the packs are built from.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from builder.diagnostics import Diagnostic, Severity, sort_key
from builder.load.assemble import assemble
from builder.load.loader import RawCurriculum, load_raw
from builder.load.yamlsrc import locate
from builder.model import Curriculum
from builder.plan.course import Course
from builder.validate.countries import check_country
from builder.validate.glossary import check_glossary_file, check_terminology
from builder.validate.known import Known
from builder.validate.links import check_text_refs
from builder.validate.modules import check_duplicate_modules, check_module, check_module_translation
from builder.validate.prerequisites import check_cycles, check_exclusions
from builder.validate.programme import check_programme, check_standards
from builder.validate.quizzes import (
    check_quiz,
    check_quiz_duplicates,
    check_quiz_translation,
    check_unassessed,
)
from builder.validate.sink import Sink
from builder.validate.text import check_text_values


@dataclass(frozen=True)
class CheckResult:
    """What checking a curriculum root found."""

    curriculum: Curriculum | None
    order: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]
    texts: dict[str, str]
    course: Course | None = None
    """The checked course; None when there is an error."""

    @property
    def errors(self) -> int:
        """Return the number of errors."""
        return sum(1 for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        """Return the number of warnings."""
        return len(self.diagnostics) - self.errors

    def ok(self, strict: bool = False) -> bool:
        """Return whether the curriculum passes (with ``strict``, warnings fail too)."""
        return self.errors == 0 and (not strict or self.warnings == 0)


def check_curriculum(root: Path) -> CheckResult:
    """Load and check everything under ``root``."""
    with no_gc():
        return _check(root)


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: loading makes millions of objects and no cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _check(root: Path) -> CheckResult:
    raw = load_raw(root)
    sink = Sink()
    sink.items.extend(raw.diagnostics)
    known = Known(raw)
    _check_files(sink, raw, known)
    cur = assemble(raw)
    order: tuple[str, ...] = ()
    if cur is not None:
        order = check_cycles(sink, raw, cur)
        check_exclusions(sink, raw, cur)
    diags = _dedupe(sink.items)
    if cur is None or any(d.severity is Severity.ERROR for d in diags):
        return CheckResult(None, order, diags, raw.texts)
    return CheckResult(cur, order, diags, raw.texts, Course(cur, order))


def _check_files(sink: Sink, raw: RawCurriculum, known: Known) -> None:
    for f in raw.all_loaded():
        if f.value is not None:
            check_text_values(sink, f)
    if raw.programme and raw.programme.value:
        check_programme(sink, raw.programme)
    if raw.standards and raw.standards.value:
        check_standards(sink, raw.standards)
    check_duplicate_modules(sink, raw.modules)
    for f in raw.modules:
        if f.value is not None:
            check_module(sink, f, known)
    for lang, f in raw.module_translations:
        if f.value is not None:
            check_module_translation(sink, lang, f, known)
    assessed: set[tuple[str, str]] = set()
    for quiz_id, f in raw.quizzes:
        if f.value is not None:
            assessed |= check_quiz(sink, quiz_id, f, known)
    for _, f in [*raw.quizzes, *raw.quiz_translations]:
        if f.value is not None:
            check_text_refs(sink, f, known)
    check_quiz_duplicates(sink, raw.quizzes)
    sources = {qid: f.value for qid, f in raw.quizzes if f.value is not None}
    broken = {qid for qid, f in raw.quizzes if f.value is None} | raw.broken_quizzes
    for base, f in raw.quiz_translations:
        if f.value is not None:
            check_quiz_translation(sink, base, f, sources, known, broken)
    check_unassessed(sink, raw, assessed, broken)
    for stem, f in raw.countries:
        if f.value is not None:
            check_country(sink, stem, f, known)
    _check_glossary(sink, raw, known)


def _check_glossary(sink: Sink, raw: RawCurriculum, known: Known) -> None:
    """Check the glossary file, then the terminology of every translation against it."""
    if raw.glossary is None or raw.glossary.value is None:
        return
    check_glossary_file(sink, raw.glossary, known)
    if known.programme is not None:
        check_terminology(sink, raw, raw.glossary.value, known.programme.source_language)


def _dedupe(items: list[Diagnostic]) -> tuple[Diagnostic, ...]:
    seen: set[tuple[str, int, int, str]] = set()
    out = []
    for d in sorted(items, key=sort_key):
        k = (d.path, d.line, d.col, d.code)
        if k not in seen:
            seen.add(k)
            out.append(d)
    return tuple(out)


__all__ = ["CheckResult", "check_curriculum", "locate"]
