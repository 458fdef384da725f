"""Load every author file of a curriculum root into models, collecting diagnostics."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.diagnostics import Diagnostic, make
from builder.load.files import SourceText, discover, read_text, split_front_matter
from builder.load.validate_schema import load_model
from builder.model import (
    CountryProfile,
    Glossary,
    ModuleMeta,
    ModuleTranslationMeta,
    Programme,
    ProgrammeTranslation,
    QuizMeta,
    QuizTranslationMeta,
    StandardsFile,
    StandardsTranslation,
)

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
LANG = re.compile(r"^[a-z]{2}$")
PROGRAMME = "curriculum/programme.yml"
STANDARDS = "curriculum/standards.yml"
GLOSSARY = "curriculum/glossary.yml"


def is_slug(value: str) -> bool:
    """Return whether ``value`` is a valid id: lowercase words joined by hyphens, ≤ 64 chars."""
    return len(value) <= 64 and SLUG.match(value) is not None


@dataclass(frozen=True)
class Loaded:
    """One author file after loading: its model (None if invalid), located tree and extras."""

    rel: str
    value: Any
    tree: Any
    body: str = ""
    body_line: int = 0


@dataclass
class RawCurriculum:
    """Everything read from disk, before cross-file checks."""

    root: Path
    programme: Loaded | None = None
    standards: Loaded | None = None
    glossary: Loaded | None = None
    programme_translations: list[tuple[str, Loaded]] = field(default_factory=list)
    standards_translations: list[tuple[str, Loaded]] = field(default_factory=list)
    modules: list[Loaded] = field(default_factory=list)
    module_translations: list[tuple[str, Loaded]] = field(default_factory=list)
    quizzes: list[tuple[str, Loaded]] = field(default_factory=list)
    quiz_translations: list[tuple[str, Loaded]] = field(default_factory=list)
    countries: list[tuple[str, Loaded]] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    broken_modules: set[str] = field(default_factory=set)
    broken_quizzes: set[str] = field(default_factory=set)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def all_loaded(self) -> list[Loaded]:
        """Return every loaded file."""
        return _all(self)


def _all(raw: RawCurriculum) -> list[Loaded]:
    singles = [f for f in (raw.programme, raw.standards, raw.glossary) if f is not None]
    pairs = [
        f
        for _, f in (
            *raw.programme_translations,
            *raw.standards_translations,
            *raw.module_translations,
            *raw.quizzes,
            *raw.quiz_translations,
            *raw.countries,
        )
    ]
    return [*singles, *raw.modules, *pairs]


def split_name(name: str, suffix: str) -> tuple[str, str]:
    """Split ``id.lang.md`` into ``(id, lang)``; ``lang`` is empty for a source file."""
    stem = name[: -len(suffix)]
    if "." in stem:
        base, lang = stem.rsplit(".", 1)
        return base, lang
    return stem, ""


#: Reads one author file into a (partial) raw curriculum.
LoadFile = Callable[[RawCurriculum, Path], None]


def load_raw(root: Path) -> RawCurriculum:
    """Read and schema-check every file under ``root``."""
    raw = RawCurriculum(root=root)
    for path, load in file_tasks(root):
        load(raw, path)
    return raw


def file_tasks(root: Path) -> list[tuple[Path, LoadFile]]:
    """Return every author file under ``root`` with the function that loads it, in order."""
    tasks: list[tuple[Path, LoadFile]] = [
        (root / PROGRAMME, _load_programme),
        (root / STANDARDS, _load_standards),
        (root / GLOSSARY, _load_glossary),
    ]
    tasks += _curriculum_translation_tasks(root)
    tasks += [(p, _load_module_file) for p in discover(root, "modules", ".md")]
    tasks += [(p, _load_quiz_file) for p in discover(root, "quizzes", ".yml")]
    tasks += [(p, _load_country) for p in discover(root, "curriculum/countries", ".yml")]
    return tasks


def _load_programme(raw: RawCurriculum, path: Path) -> None:
    raw.programme = _load_yaml(raw, path, Programme, required=True)


def _load_standards(raw: RawCurriculum, path: Path) -> None:
    raw.standards = _load_yaml(raw, path, StandardsFile, required=True)


def _load_glossary(raw: RawCurriculum, path: Path) -> None:
    raw.glossary = _load_yaml(raw, path, Glossary)


def _load_country(raw: RawCurriculum, path: Path) -> None:
    loaded = _load_yaml(raw, path, CountryProfile)
    if loaded is not None:
        raw.countries.append((path.name[:-4], loaded))


def _read(raw: RawCurriculum, path: Path) -> SourceText | None:
    src, diags = read_text(raw.root, path)
    raw.diagnostics.extend(diags)
    if src is not None:
        raw.texts[src.rel] = src.text
    return src


def _load_yaml(
    raw: RawCurriculum, path: Path, model: Any, *, required: bool = False
) -> Loaded | None:
    rel = path.relative_to(raw.root).as_posix()
    if not path.exists() and not path.is_symlink():
        if required:
            raw.diagnostics.append(
                make(rel, 1, 1, "file.missing", f"'{rel}' is required but missing")
            )
        return None
    src = _read(raw, path)
    if src is None:
        return None
    value, tree, diags = load_model(src.rel, src.text, model)
    raw.diagnostics.extend(diags)
    return Loaded(src.rel, value, tree)


def _check_file_name(raw: RawCurriculum, rel: str, base: str, lang: str) -> bool:
    if not is_slug(base) or (lang and not LANG.match(lang)):
        raw.diagnostics.append(
            make(
                rel,
                1,
                1,
                "file.name",
                (
                    f"file name '{rel.rsplit('/', 1)[-1]}' must be '<id>' or '<id>.<lang>' with "
                    "a lowercase slug id and a 2-letter language"
                ),
            )
        )
        return False
    return True


def _load_module_file(raw: RawCurriculum, path: Path) -> None:
    base, lang = split_name(path.name, ".md")
    if not lang:
        raw.broken_modules.add(base)  # until it loads: later checks must not blame its users
    src = _read(raw, path)
    if src is None:
        return
    if not _check_file_name(raw, src.rel, base, lang):
        return
    fm, diags = split_front_matter(src)
    raw.diagnostics.extend(diags)
    if fm is None:
        return
    model: Any = ModuleTranslationMeta if lang else ModuleMeta
    value, tree, diags = load_model(
        src.rel, fm.yaml_text, model, line_offset=fm.yaml_line - 1, what="front matter"
    )
    raw.diagnostics.extend(diags)
    loaded = Loaded(src.rel, value, tree, fm.body, fm.body_line)
    if value is not None and not lang:
        raw.broken_modules.discard(base)
    if lang:
        raw.module_translations.append((lang, loaded))
    else:
        raw.modules.append(loaded)


def _load_quiz_file(raw: RawCurriculum, path: Path) -> None:
    base, lang = split_name(path.name, ".yml")
    if not lang:
        raw.broken_quizzes.add(base)
    src = _read(raw, path)
    if src is None:
        return
    if not _check_file_name(raw, src.rel, base, lang):
        return
    model: Any = QuizTranslationMeta if lang else QuizMeta
    value, tree, diags = load_model(src.rel, src.text, model)
    raw.diagnostics.extend(diags)
    loaded = Loaded(src.rel, value, tree)
    if value is not None and not lang:
        raw.broken_quizzes.discard(base)
    if lang:
        raw.quiz_translations.append((base, loaded))
    else:
        raw.quizzes.append((base, loaded))


def _curriculum_translation_tasks(root: Path) -> list[tuple[Path, LoadFile]]:
    """Return ``curriculum/programme.<lang>.yml`` and ``curriculum/standards.<lang>.yml``."""
    folder = root / "curriculum"
    if not folder.is_dir():
        return []
    tasks: list[tuple[Path, LoadFile]] = []
    for stem, load in (
        ("programme", _load_programme_translation),
        ("standards", _load_standards_translation),
    ):
        tasks += [(p, load) for p in sorted(folder.glob(f"{stem}.*.yml"))]
    return tasks


def _load_programme_translation(raw: RawCurriculum, path: Path) -> None:
    _load_curriculum_translation(raw, path, "programme", ProgrammeTranslation)


def _load_standards_translation(raw: RawCurriculum, path: Path) -> None:
    _load_curriculum_translation(raw, path, "standards", StandardsTranslation)


def _load_curriculum_translation(raw: RawCurriculum, path: Path, stem: str, model: Any) -> None:
    """Load one translation of the programme or the standards (``<stem>.<lang>.yml``)."""
    found = raw.programme_translations if stem == "programme" else raw.standards_translations
    _, lang = split_name(path.name, ".yml")
    rel = path.relative_to(raw.root).as_posix()
    if not _check_file_name(raw, rel, stem, lang):
        return
    loaded = _load_yaml(raw, path, model)
    if loaded is not None:
        found.append((lang, loaded))
