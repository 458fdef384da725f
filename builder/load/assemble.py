"""Build the frozen :class:`~builder.model.Curriculum` from the files that loaded."""

from __future__ import annotations

from typing import Any

from builder.load.loader import Loaded, RawCurriculum
from builder.model import (
    Country,
    Curriculum,
    Glossary,
    Module,
    Quiz,
    QuizTranslationMeta,
    Translation,
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
    quiz_tr: dict[str, dict[str, QuizTranslationMeta]] = {}
    for base, f in raw.quiz_translations:
        if f.value is not None:
            quiz_tr.setdefault(base, {})[f.value.lang] = f.value
    quizzes = {
        qid: Quiz(qid, f.value, f.rel, dict(sorted(quiz_tr.get(qid, {}).items())))
        for qid, f in sorted(raw.quizzes, key=lambda x: x[0])
        if f.value is not None and f.value.module in modules
    }
    countries = {
        f.value.country: Country(f.value, f.rel)
        for _, f in sorted(raw.countries, key=lambda x: x[0])
        if f.value is not None
    }
    glossary = raw.glossary.value if raw.glossary and raw.glossary.value else Glossary()
    return Curriculum(
        str(raw.root),
        raw.programme.value,
        raw.standards.value,
        modules,
        quizzes,
        countries,
        glossary,
        _by_lang(raw.programme_translations),
        _by_lang(raw.standards_translations),
    )


def _by_lang(found: list[tuple[str, Loaded]]) -> dict[str, Any]:
    """Return the translations that loaded, by the language of their file name."""
    return {lang: f.value for lang, f in sorted(found, key=lambda x: x[0]) if f.value is not None}
