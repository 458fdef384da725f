"""The one orchestrator of checking: load → check each file → check across files → assemble.

Nothing is written; the result carries every diagnostic, sorted, and, when there is no error,
the :class:`~builder.plan.course.Course` that the site and the packs are built from.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from builder.diagnostics import Diagnostic, Severity, Verdict, final_diagnostics
from builder.load.assemble import assemble
from builder.load.cache import CheckCache
from builder.load.incremental import StaleCacheError, load_cached
from builder.load.loader import RawCurriculum, load_raw
from builder.load.yamlsrc import locate
from builder.model import Curriculum
from builder.plan.course import Course
from builder.validate.countries import check_country
from builder.validate.glossary import check_glossary_file, check_terminology
from builder.validate.item_checks import check_items
from builder.validate.known import Known, check_settings
from builder.validate.links import check_files
from builder.validate.memo import Memo
from builder.validate.modules import check_duplicate_modules
from builder.validate.per_file import (
    Record,
    module_file_checks,
    quiz_file_checks,
    translation_file_checks,
    yaml_text_checks,
)
from builder.validate.prerequisites import check_cycles, check_plan_exclusions
from builder.validate.programme import (
    check_programme,
    check_programme_translation,
    check_standards,
    check_standards_translation,
)
from builder.validate.quick import QuickResult
from builder.validate.quizzes import (
    check_quiz_duplicates,
    check_quiz_translation,
    check_unassessed,
)
from builder.validate.sink import Sink
from builder.validate.text import check_text_values


@dataclass(frozen=True)
class CheckResult(Verdict):
    """What checking a curriculum root found."""

    curriculum: Curriculum | None
    order: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]
    texts: dict[str, str]
    course: Course | None = None
    """The checked course; None when there is an error."""
    assembled: Curriculum | None = field(default=None, compare=False, repr=False)
    """The curriculum as loaded, errors or not (None: no programme or standards), from which
    the next check after a body edit starts (:func:`check_again`)."""


def check_curriculum(root: Path, cache: CheckCache | None = None) -> CheckResult:
    """Load and check everything under ``root``.

    With a ``cache``, unchanged files are not parsed again and per-file checks whose inputs did
    not change are replayed; cross-file checks always run, over the cached models. The result is
    the same as without a cache.
    """
    with no_gc():
        if cache is None:
            return _check(load_raw(root), Memo(None, {}))
        cache.snapshot = None
        try:
            loaded = load_cached(root, cache)
            record = Record()
            result = _check(loaded.raw, Memo(cache, loaded.keys), record)
            from builder.validate.quick import write_snapshot

            write_snapshot(cache, loaded, record)
        except StaleCacheError:
            result = _check(load_raw(root), Memo(None, {}))
        cache.finish()
        return result


def check_again(root: Path, cache: CheckCache, last: CheckResult | None) -> CheckResult:
    """Check ``root`` again after an edit, ``last`` being the result of the previous check
    through ``cache`` (a cache kept in memory, the preview's): when the edit changed only the
    text of module bodies (the quick path of :mod:`builder.validate.quick`), ``last``'s
    curriculum with the new bodies, else a check through the cache. Same result either way."""
    from builder.validate.quick import quick_check

    if last is not None and last.assembled is not None and cache.memory is not None:
        quick = quick_check(root, cache)
        if quick is not None:
            return _with_bodies(last, last.assembled, quick)
    return check_curriculum(root, cache)


def _with_bodies(last: CheckResult, cur: Curriculum, quick: QuickResult) -> CheckResult:
    """Return ``last`` with the module bodies and the diagnostics of a quick check."""
    modules = dict(cur.modules)
    by_path = {m.path: m for m in cur.modules.values()}
    for f in quick.changed:
        old = by_path[f.rel]
        modules[old.id] = replace(old, body=f.body, body_line=f.body_line)
    texts = {**last.texts, **{f.rel: f.text for f in quick.changed}}
    diags, new = quick.diagnostics, replace(cur, modules=modules)
    if quick.errors:
        return CheckResult(None, last.order, diags, texts, assembled=new)
    return CheckResult(new, last.order, diags, texts, Course(new, last.order), new)


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


def _check(raw: RawCurriculum, memo: Memo, record: Record | None = None) -> CheckResult:
    record = Record() if record is None else record
    sink = Sink()
    sink.items.extend(raw.diagnostics)
    known = Known(raw)
    _check_files(sink, raw, known, memo, record)
    cur = assemble(raw)
    order: tuple[str, ...] = ()
    if cur is not None:
        order = check_cycles(sink, raw, cur)
        countries = tuple(f for _, f in raw.countries)
        memo.run(sink, check_plan_exclusions, countries, without_bodies(cur))
    own = {id(d) for parts in record.modules.values() for found in parts for d in found}
    record.known, record.rest = known, tuple(d for d in sink.items if id(d) not in own)
    disk = Sink()
    check_files(disk, [r for _, refs in record.pending for r in refs], known.root)
    diags = final_diagnostics([*sink.items, *disk.items], check_settings(known))
    if cur is None or any(d.severity is Severity.ERROR for d in diags):
        return CheckResult(None, order, diags, raw.texts, assembled=cur)
    return CheckResult(cur, order, diags, raw.texts, Course(cur, order), cur)


def _check_files(sink: Sink, raw: RawCurriculum, known: Known, memo: Memo, record: Record) -> None:
    """Run the checks of each file (through ``memo``: per-file checks), then across files.
    What each module's own checks found, and every file's references to files (looked for on
    disk after all checks), go to ``record``."""
    grouped = {id(f) for f in raw.modules}
    grouped.update(id(f) for _, f in [*raw.module_translations, *raw.quizzes])
    grouped.update(id(f) for _, f in raw.quiz_translations)
    for f in raw.all_loaded():
        if f.value is not None and id(f) not in grouped:
            memo.run(sink, check_text_values, f)
    if raw.programme and raw.programme.value:
        memo.run(sink, check_programme, raw.programme)
    if raw.standards and raw.standards.value:
        memo.run(sink, check_standards, raw.standards)
    _check_curriculum_translations(sink, raw, known)
    check_duplicate_modules(sink, raw.modules)
    # each file's own checks run as one (replayed from the cache when the file and ``known``
    # are unchanged), except that links and images to files are looked for on disk at every
    # check (the disk is not among a check's inputs: a figure added or removed would be missed)
    for f in raw.modules:
        if f.value is not None:
            own = Sink()
            pending, front = memo.run(own, module_file_checks, f, known)
            sink.items.extend(own.items)
            record.modules[f.rel] = (tuple(own.items[:front]), tuple(own.items[front:]))
            record.pending.append((f.rel, pending))
    for lang, f in raw.module_translations:
        if f.value is not None:
            record.pending.append(("", memo.run(sink, translation_file_checks, lang, f, known)))
    assessed: set[tuple[str, str]] = set()
    for quiz_id, f in raw.quizzes:
        if f.value is not None:
            found, pending = memo.run(sink, quiz_file_checks, quiz_id, f, known)
            assessed |= found
            record.pending.append(("", pending))
    for _, f in raw.quiz_translations:
        if f.value is not None:
            record.pending.append(("", memo.run(sink, yaml_text_checks, f, known)))
    check_quiz_duplicates(sink, raw.quizzes)
    check_items(sink, raw.quizzes, known, memo.run)
    sources = {qid: f.value for qid, f in raw.quizzes if f.value is not None}
    broken = {qid for qid, f in raw.quizzes if f.value is None} | raw.broken_quizzes
    for base, f in raw.quiz_translations:
        if f.value is not None:
            memo.run(sink, check_quiz_translation, base, f, sources, known, broken)
    check_unassessed(sink, raw, assessed, broken)
    for stem, f in raw.countries:
        if f.value is not None:
            memo.run(sink, check_country, stem, f, known)
    _check_glossary(sink, raw, known, memo)


def _check_curriculum_translations(sink: Sink, raw: RawCurriculum, known: Known) -> None:
    """Check ``programme.<lang>.yml`` and ``standards.<lang>.yml`` against their sources."""
    for lang, f in raw.programme_translations:
        if f.value is not None:
            check_programme_translation(sink, lang, f, known)
    standards = raw.standards.value if raw.standards else None
    for lang, f in raw.standards_translations:
        if f.value is not None:
            check_standards_translation(sink, lang, f, known, standards)


def _check_glossary(sink: Sink, raw: RawCurriculum, known: Known, memo: Memo) -> None:
    """Check the glossary file, then the terminology of every translation against it."""
    if raw.glossary is None or raw.glossary.value is None:
        return
    memo.run(sink, check_glossary_file, raw.glossary, known)
    if known.programme is not None:
        check_terminology(sink, raw, raw.glossary.value, known.programme.source_language)


def without_bodies(cur: Curriculum) -> Curriculum:
    """Return the curriculum with empty module bodies, for cached checks that read none."""
    modules = {
        mid: replace(
            m, body="", translations={k: replace(t, body="") for k, t in m.translations.items()}
        )
        for mid, m in cur.modules.items()
    }
    return replace(cur, modules=modules)


__all__ = ["CheckResult", "check_curriculum", "locate"]
