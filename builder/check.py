"""The one orchestrator of checking: load → check each file → check across files → assemble.

Nothing is written; the result carries the curriculum (when there is no error), the plans of
every country and every diagnostic, sorted.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from builder.checks import (
    Known,
    Sink,
    check_duplicate_modules,
    check_module,
    check_module_translation,
    check_programme,
    check_standards,
    check_text_values,
)
from builder.checks_country import check_country
from builder.checks_quiz import check_quiz, check_quiz_duplicates, check_quiz_translation
from builder.diagnostics import Diagnostic, Severity, sort_key
from builder.graph import course_order, find_cycles
from builder.load.loader import RawCurriculum, load_raw
from builder.load.yamlsrc import locate
from builder.model import Country, Curriculum, Module, Quiz, Translation
from builder.plan import Plan, build_plan, module_sort_key, prerequisite_map


@dataclass(frozen=True)
class CheckResult:
    """What checking a curriculum root found."""

    curriculum: Curriculum | None
    order: tuple[str, ...]
    plans: dict[str, Plan]
    diagnostics: tuple[Diagnostic, ...]
    texts: dict[str, str]

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
    plans: dict[str, Plan] = {}
    if cur is not None:
        order = _check_graph(sink, raw, cur)
        plans = _check_plans(sink, raw, cur)
    diags = _dedupe(sink.items)
    has_error = any(d.severity is Severity.ERROR for d in diags)
    return CheckResult(None if has_error else cur, order, plans, diags, raw.texts)


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
    check_quiz_duplicates(sink, raw.quizzes)
    sources = {qid: f.value for qid, f in raw.quizzes if f.value is not None}
    broken = {qid for qid, f in raw.quizzes if f.value is None} | raw.broken_quizzes
    for base, f in raw.quiz_translations:
        if f.value is not None:
            check_quiz_translation(sink, base, f, sources, known, broken)
    _check_unassessed(sink, raw, assessed, broken)
    for stem, f in raw.countries:
        if f.value is not None:
            check_country(sink, stem, f, known)


def _check_unassessed(
    sink: Sink, raw: RawCurriculum, assessed: set[tuple[str, str]], broken: set[str]
) -> None:
    for f in raw.modules:
        m = f.value
        if m is None or m.status != "published" or m.id in broken or f.rel != f"modules/{m.id}.md":
            continue  # a module whose quiz failed to load is not blamed again
        for i, o in enumerate(m.objectives):
            if (m.id, o.id) not in assessed:
                sink.at(
                    f,
                    ("objectives", i, "id"),
                    "objective.unassessed",
                    f"objective '{o.id}' is assessed by no quiz question",
                )


def assemble(raw: RawCurriculum) -> Curriculum | None:
    """Build the frozen curriculum from the files that loaded (None without programme/standards)."""
    if not (raw.programme and raw.programme.value and raw.standards and raw.standards.value):
        return None
    translations: dict[str, dict[str, Translation]] = {}
    for lang, f in raw.module_translations:
        if f.value is not None:
            translations.setdefault(f.value.id, {})[lang] = Translation(
                f.value, f.body, f.body_line, f.rel
            )
    modules: dict[str, Module] = {}
    for f in sorted(raw.modules, key=lambda f: f.rel):
        if f.value is not None and f.value.id not in modules:
            modules[f.value.id] = Module(
                f.value,
                f.body,
                f.body_line,
                f.rel,
                dict(sorted(translations.get(f.value.id, {}).items())),
            )
    quiz_tr: dict[str, dict[str, object]] = {}
    for base, f in raw.quiz_translations:
        if f.value is not None:
            quiz_tr.setdefault(base, {})[f.value.lang] = f.value
    quizzes = {
        qid: Quiz(qid, f.value, f.rel, dict(sorted(quiz_tr.get(qid, {}).items())))  # type: ignore[arg-type]
        for qid, f in sorted(raw.quizzes, key=lambda x: x[0])
        if f.value is not None and f.value.module in modules
    }
    countries = {
        f.value.country: Country(f.value, f.rel)
        for _, f in sorted(raw.countries, key=lambda x: x[0])
        if f.value is not None
    }
    return Curriculum(
        str(raw.root), raw.programme.value, raw.standards.value, modules, quizzes, countries
    )


def _check_graph(sink: Sink, raw: RawCurriculum, cur: Curriculum) -> tuple[str, ...]:
    prereqs = prerequisite_map(cur)
    order, left = course_order(prereqs, module_sort_key(cur))  # type: ignore[arg-type]
    if left:
        files = {f.value.id: f for f in raw.modules if f.value is not None}
        for cycle in find_cycles(prereqs):
            f = files[cycle[0]]
            idx = list(f.value.prerequisites).index(cycle[1])
            sink.at(
                f,
                ("prerequisites", idx),
                "prereq.cycle",
                "prerequisite cycle: " + " → ".join(cycle),
            )
    return tuple(order)


def _check_plans(sink: Sink, raw: RawCurriculum, cur: Curriculum) -> dict[str, Plan]:
    files = {f.value.country: f for _, f in raw.countries if f.value is not None}
    plans: dict[str, Plan] = {}
    for code, country in cur.countries.items():
        if not country.profile.delivery.days:
            continue
        plan = build_plan(cur, code)
        for c in plan.conflicts:
            sink.at(
                files[code],
                ("exclude", c.index, "module"),
                "exclude.breaks-prereq",
                (
                    f"excluding '{c.excluded}' removes a prerequisite of selected module "
                    f"'{c.needed_by}'"
                ),
            )
        plans[code] = plan
    return plans


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
