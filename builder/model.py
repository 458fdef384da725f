"""The curriculum's typed, frozen model: what authors write, after validation.

The docstrings of fields are the authors' reference (``docs/authoring-reference.md`` is generated
from them by ``curriculum reference``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Level = Literal["introductory", "intermediate", "advanced"]
Status = Literal["draft", "published", "retired"]
QuestionType = Literal[
    "single", "multiple", "true-false", "short", "numeric", "match", "order", "task"
]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CHOICE_TYPES = ("single", "multiple")


class Strict(BaseModel):
    """Base of author-facing models: frozen, and unknown keys are errors.

    The field docstrings are read from this file by :mod:`builder.reference` when the reference
    is generated, not by pydantic at import (``use_attribute_docstrings`` re-parses the source of
    every class, which every command would pay for). Validators are built on first use
    (``defer_build``): a model only ever validated inside another one, or not at all in a run
    (translations in a curriculum without any), costs nothing at import.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


# --------------------------------------------------------------------------- programme.yml


class Audience(Strict):
    id: str
    """Slug used in modules' `audience` lists."""
    title: str
    """Name shown to readers."""
    description: str = ""
    """Who they are."""


class ScaleLevel(Strict):
    level: int
    """The number, from 0 upwards without gaps."""
    name: str
    """Short name, e.g. `Established`."""
    description: str
    """One line that instructors can apply consistently."""


class Track(Strict):
    id: str
    """Slug used in modules' `track`."""
    title: str
    """Name shown to readers."""
    summary: str = ""
    """What the track covers."""


class ObjectiveCount(Strict):
    min: int = Field(2, ge=0)
    """Fewest objectives a module should have (`objective.count` warns below)."""
    max: int = Field(5, ge=1)
    """Most objectives a module should have (`objective.count` warns above)."""


class Policies(Strict):
    objectives: ObjectiveCount = Field(default_factory=ObjectiveCount)
    """How many learning objectives a module should have (default 2 to 5)."""
    solutions: Literal["trainees", "instructors"] = "trainees"
    """Who sees the `solution` blocks of exercises: `trainees` (behind a "Show solution"
    disclosure on the site, in a "Solutions" section at the end of each handbook chapter, and in
    place in the instructor guide) or `instructors` (the instructor guide only)."""

    @property
    def trainee_solutions(self) -> bool:
        """Return whether trainee outputs show solutions."""
        return self.solutions == "trainees"


class Programme(Strict):
    title: str
    """Title of the whole programme."""
    short_title: str = ""
    """Short title for narrow places (site header); defaults to `title`."""
    version: str
    """Programme version; names the pack zips (`CC-<version>.zip`)."""
    publisher: str = ""
    """Who publishes the curriculum."""
    description: str = ""
    """What the programme is, shown on the home page."""
    source_language: str = "en"
    """ISO 639-1 code of the language modules are written in."""
    languages: tuple[str, ...]
    """Languages the curriculum offers (the source language first)."""
    pass_mark: int = Field(70, ge=0, le=100)
    """Default quiz pass mark, in percent."""
    audiences: tuple[Audience, ...]
    """The closed list of audiences."""
    maturity_scale: tuple[ScaleLevel, ...]
    """The levels used in country assessments and targets, lowest first."""
    tracks: tuple[Track, ...]
    """Tracks in teaching sequence."""
    policies: Policies = Field(default_factory=Policies)
    """The programme's content policies (limits `check` applies, who sees solutions)."""
    checks: dict[str, Literal["error", "warning", "off"]] = {}
    """Severity of warning checks by code (e.g. `item.answer-position: error`); `off` hides one."""

    @property
    def max_level(self) -> int:
        """Return the highest level of the maturity scale."""
        return max((s.level for s in self.maturity_scale), default=0)

    def track_index(self, track_id: str) -> int:
        """Return a track's position in the sequence (unknown tracks sort last)."""
        for i, t in enumerate(self.tracks):
            if t.id == track_id:
                return i
        return len(self.tracks)


# --------------------------------------------------------------------------- standards.yml


class StandardGroup(Strict):
    id: str
    """Slug named by standards' `group`."""
    title: str
    """Heading for the group."""


class Standard(Strict):
    id: str
    """Identifier such as `P1-S4`, used by modules and assessments."""
    group: str
    """The group id."""
    title: str
    """Short title."""
    description: str
    """What the standard asks, in a sentence."""
    source: str
    """Where the wording comes from."""


class StandardsFile(Strict):
    groups: tuple[StandardGroup, ...]
    """Groups, in display order."""
    standards: tuple[Standard, ...]
    """Every standard, in display order."""


# --------------------------------------------------------------------------- translated programme


class AudienceText(Strict):
    id: str
    """The source audience's id."""
    title: str = ""
    """Translated name."""
    description: str = ""
    """Translated description."""


class LevelText(Strict):
    level: int
    """The source level's number."""
    name: str = ""
    """Translated name."""
    description: str = ""
    """Translated description."""


class TrackText(Strict):
    id: str
    """The source track's id."""
    title: str = ""
    """Translated title."""
    summary: str = ""
    """Translated summary."""


class ProgrammeTranslation(Strict):
    lang: str
    """ISO 639-1 code, one of programme.yml's languages (equals the file name's)."""
    translated_from: str
    """The programme version this translation follows."""
    title: str = ""
    """Translated title."""
    short_title: str = ""
    """Translated short title."""
    publisher: str = ""
    """Translated publisher."""
    description: str = ""
    """Translated description."""
    audiences: tuple[AudienceText, ...] = ()
    """Translated audiences (by id); missing ones stay in the source language."""
    maturity_scale: tuple[LevelText, ...] = ()
    """Translated levels (by number)."""
    tracks: tuple[TrackText, ...] = ()
    """Translated tracks (by id)."""


class GroupText(Strict):
    id: str
    """The source group's id."""
    title: str = ""
    """Translated heading."""


class StandardText(Strict):
    id: str
    """The source standard's id."""
    title: str = ""
    """Translated short title."""
    description: str = ""
    """Translated description."""


class StandardsTranslation(Strict):
    lang: str
    """ISO 639-1 code, one of programme.yml's languages (equals the file name's)."""
    translated_from: str
    """The programme version this translation follows."""
    groups: tuple[GroupText, ...] = ()
    """Translated group headings (by id)."""
    standards: tuple[StandardText, ...] = ()
    """Translated standards (by id); missing ones stay in the source language."""


def _merged(item: BaseModel, text: BaseModel | None, keys: tuple[str, ...]) -> BaseModel:
    """Return ``item`` with the non-empty fields ``keys`` of ``text`` put in."""
    if text is None:
        return item
    update = {k: getattr(text, k) for k in keys if getattr(text, k)}
    return item.model_copy(update=update) if update else item


def translate_programme(p: Programme, tr: ProgrammeTranslation | None) -> Programme:
    """Return the programme with the translated fields of ``tr`` (the source where missing)."""
    if tr is None:
        return p
    auds = {a.id: a for a in tr.audiences}
    levels = {lv.level: lv for lv in tr.maturity_scale}
    tracks = {t.id: t for t in tr.tracks}
    update: dict[str, object] = {
        k: getattr(tr, k)
        for k in ("title", "short_title", "publisher", "description")
        if getattr(tr, k)
    }
    update["audiences"] = tuple(
        _merged(a, auds.get(a.id), ("title", "description")) for a in p.audiences
    )
    update["maturity_scale"] = tuple(
        _merged(s, levels.get(s.level), ("name", "description")) for s in p.maturity_scale
    )
    update["tracks"] = tuple(_merged(t, tracks.get(t.id), ("title", "summary")) for t in p.tracks)
    if "title" in update and not tr.short_title and p.short_title:
        update["short_title"] = tr.title
    return p.model_copy(update=update)


def translate_standards(s: StandardsFile, tr: StandardsTranslation | None) -> StandardsFile:
    """Return the standards with the translated fields of ``tr`` (the source where missing)."""
    if tr is None:
        return s
    groups = {g.id: g for g in tr.groups}
    texts = {x.id: x for x in tr.standards}
    return s.model_copy(
        update={
            "groups": tuple(_merged(g, groups.get(g.id), ("title",)) for g in s.groups),
            "standards": tuple(
                _merged(x, texts.get(x.id), ("title", "description")) for x in s.standards
            ),
        }
    )


# --------------------------------------------------------------------------- modules


class Objective(Strict):
    id: str
    """Slug, unique inside the module; quiz questions point at it."""
    text: str
    """What the trainee will be able to do."""


class Duration(Strict):
    teaching: int = Field(ge=0)
    """Minutes of teaching."""
    practice: int = Field(0, ge=0)
    """Minutes of exercises and quiz."""

    @property
    def total(self) -> int:
        """Return teaching plus practice minutes."""
        return self.teaching + self.practice


class ModuleMeta(Strict):
    id: str
    """Equals the file name; `[a-z0-9]+(-[a-z0-9]+)*`, at most 64 characters."""
    title: str
    """Module title."""
    summary: str
    """One sentence on what the module teaches."""
    track: str
    """A track id from programme.yml."""
    order: int = 0
    """Position hint inside the track; ties are broken by id."""
    prerequisites: tuple[str, ...] = ()
    """Module ids that must be taken first."""
    standards: tuple[str, ...] = ()
    """Standard ids from standards.yml that the module covers."""
    objectives: tuple[Objective, ...]
    """Two to five learning objectives."""
    audience: tuple[str, ...]
    """Audience ids from programme.yml."""
    level: Level
    """`introductory`, `intermediate` or `advanced`."""
    duration: Duration
    """Minutes of teaching and practice."""
    version: str
    """Version of the module; translations name the version they follow."""
    status: Status = "published"
    """`draft`, `published` or `retired`; only published modules are planned from gaps."""
    sources: tuple[str, ...] = ()
    """Documents the module's facts come from."""


class ModuleTranslationMeta(Strict):
    id: str
    """The source module's id."""
    lang: str
    """ISO 639-1 language code, one of programme.yml's languages."""
    translated_from: str
    """The source module version this translation follows."""
    title: str
    """Translated title."""
    summary: str
    """Translated summary."""
    objectives: tuple[Objective, ...] = ()
    """The source's objective ids with translated text."""


# --------------------------------------------------------------------------- quizzes


class Option(Strict):
    text: str
    """The option as shown."""
    correct: bool = False
    """Whether choosing it is right."""
    feedback: str = ""
    """Shown when the learner picks this option."""
    fixed: bool = False
    """Pinned in its written place when options are shuffled (e.g. "None of the above")."""


class Pair(Strict):
    left: str
    """Item to match."""
    right: str
    """Its match."""


class Criterion(Strict):
    criterion: str
    """What the marker looks for."""
    points: float = Field(gt=0)
    """Marks awarded when the answer meets the criterion."""


def _rubric_total(data: object) -> float | None:
    """Return the sum of a raw rubric's points, or None when it is not summable."""
    rubric = data.get("rubric") if isinstance(data, Mapping) else None
    if not isinstance(rubric, list):
        return None
    try:
        return float(sum(float(c["points"]) for c in rubric))
    except (TypeError, KeyError, ValueError):
        return None


class Question(Strict):
    id: str
    """Slug, unique in the quiz and stable across languages."""
    type: QuestionType
    """`single`, `multiple`, `true-false`, `short`, `numeric`, `match`, `order` or `task`."""
    objective: str
    """Objective id of the quiz's module, or `<module-id>/<objective-id>`."""
    prompt: str
    """The question."""
    explanation: str
    """Why the answer is right; shown after answering."""
    points: float = Field(1, gt=0)
    """Weight in the score; a `task` defaults to (and must equal) its rubric's total."""
    shuffle: bool = True
    """Whether options, right-hand sides or items are shuffled; `false` keeps the written order."""
    options: tuple[Option, ...] | None = None
    """`single`/`multiple`: the options."""
    answer: bool | None = None
    """`true-false`: the right answer."""
    true_feedback: str = ""
    """`true-false`: shown when the learner answers true."""
    false_feedback: str = ""
    """`true-false`: shown when the learner answers false."""
    answers: tuple[str, ...] | None = None
    """`short`: accepted answers, compared ignoring case and extra spaces."""
    value: float | None = None
    """`numeric`: the right value."""
    tolerance: float = Field(0, ge=0)
    """`numeric`: accepted distance from `value`."""
    unit: str = ""
    """`numeric`: unit shown after the input."""
    pairs: tuple[Pair, ...] | None = None
    """`match`: the pairs, each left matched to its right."""
    items: tuple[str, ...] | None = None
    """`order`: the items in their correct order."""
    rubric: tuple[Criterion, ...] | None = None
    """`task`: the marking criteria, each with its points (exams only)."""
    model_answer: str | None = None
    """`task`: an answer that earns every point, for the marker."""
    correct_feedback: str = ""
    """Shown on a right answer (non-choice types)."""
    incorrect_feedback: str = ""
    """Shown on a wrong answer (non-choice types)."""

    @model_validator(mode="before")
    @classmethod
    def _task_points(cls, data: object) -> object:
        """Give a `task` without `points` its rubric's total."""
        if isinstance(data, Mapping) and data.get("type") == "task" and "points" not in data:
            total = _rubric_total(data)
            if total is not None and total > 0:
                return {**data, "points": total}
        return data


class BlueprintEntry(Strict):
    objective: str | None = None
    """`<module-id>/<objective-id>` of the exam's track (or `module`, not both)."""
    module: str | None = None
    """A module id of the exam's track (or `objective`, not both)."""
    count: int = Field(ge=1)
    """Questions each form draws for it."""


class QuizMeta(Strict):
    module: str
    """The module the quiz belongs to (an exam: the last module of its track)."""
    mode: Literal["practice", "exam"] = "practice"
    """`practice` (checked in the browser) or `exam` (answers only in instructor outputs)."""
    title: str = ""
    """Title; required for exams."""
    pass_mark: int | None = Field(None, ge=0, le=100)
    """Percent needed to pass; default from programme.yml."""
    time_limit: int | None = Field(None, gt=0)
    """Minutes; required for exams."""
    forms: int = Field(1, ge=1)
    """Exams: number of parallel forms (A, B, …) drawn from the questions."""
    min_questions: int | None = Field(None, ge=1)
    """Exams: fewest questions a country's exam may have; `check` warns when a plan leaves fewer."""
    blueprint: tuple[BlueprintEntry, ...] = ()
    """Exams: how many questions each form draws per objective or module."""
    questions: tuple[Question, ...]
    """The questions, in order (for an exam with a blueprint: the pool)."""


class OptionText(Strict):
    text: str
    """Translated option text."""
    feedback: str = ""
    """Translated feedback."""
    correct: bool | None = None
    """Optional copy of the source's `correct` (it must agree: answers come from the source)."""


class CriterionText(Strict):
    criterion: str
    """Translated criterion."""


class QuestionText(Strict):
    id: str
    """The source question's id."""
    prompt: str = ""
    """Translated prompt."""
    explanation: str = ""
    """Translated explanation."""
    options: tuple[OptionText, ...] | None = None
    """Same count and order as the source."""
    true_feedback: str = ""
    """Translated feedback for true."""
    false_feedback: str = ""
    """Translated feedback for false."""
    answers: tuple[str, ...] | None = None
    """Accepted answers in this language (`short`)."""
    pairs: tuple[Pair, ...] | None = None
    """Translated pairs, same count and order."""
    items: tuple[str, ...] | None = None
    """Translated items, same order."""
    rubric: tuple[CriterionText, ...] | None = None
    """Translated rubric criteria, same count and order (`task`)."""
    model_answer: str = ""
    """Translated model answer (`task`)."""
    unit: str = ""
    """Translated unit."""
    correct_feedback: str = ""
    """Translated feedback on a right answer."""
    incorrect_feedback: str = ""
    """Translated feedback on a wrong answer."""
    type: QuestionType | None = None
    """Optional copy of the source's `type` (it must agree)."""
    answer: bool | None = None
    """Optional copy of the source's `answer` (`true-false`; it must agree)."""
    value: float | None = None
    """Optional copy of the source's `value` (`numeric`; it must agree)."""
    tolerance: float | None = None
    """Optional copy of the source's `tolerance` (`numeric`; it must agree)."""


class QuizTranslationMeta(Strict):
    lang: str
    """ISO 639-1 code."""
    translated_from: str
    """Version of the quiz's module that this follows."""
    title: str = ""
    """Translated title."""
    questions: tuple[QuestionText, ...]
    """Translated questions (same ids)."""


# --------------------------------------------------------------------------- countries


class Assessment(Strict):
    date: dt.date
    """Date of the assessment (YYYY-MM-DD)."""
    kind: Literal["initial", "monitoring"]
    """`initial` for the first, `monitoring` for later ones."""
    levels: dict[str, int]
    """Maturity level per standard id."""
    notes: str = ""
    """What the assessors saw."""
    assessor: str = ""
    """Who assessed (written by `curriculum assess import`)."""
    evidence: dict[str, str] = {}
    """The evidence and notes behind a standard's level, per standard id."""


class Exclusion(Strict):
    module: str
    """Module id to leave out."""
    reason: str
    """Why (shown in the instructor guide)."""


class Delivery(Strict):
    start: dt.date
    """First possible training day."""
    timezone: str
    """IANA time zone, e.g. `Africa/Dakar`."""
    hours_per_day: float = Field(6, gt=0, le=12)
    """Teaching hours per delivery day."""
    days: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri")
    """Weekdays on which training is delivered."""
    holidays: tuple[dt.date, ...] = ()
    """Dates with no delivery."""
    start_time: str = Field("09:00", pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
    """Local time the first session starts (HH:MM)."""
    break_minutes: int = Field(15, ge=0, le=120)
    """Break between two sessions of a day."""


class Mentoring(Strict):
    every_weeks: int = Field(6, ge=1, le=52)
    """Weeks between mentoring visits; the first visit comes this long after training."""
    visits: int = Field(3, ge=0, le=24)
    """Number of mentoring visits; the next monitoring assessment follows the last one."""


class CountryProfile(Strict):
    country: str
    """ISO 3166-1 alpha-2 code; equals the file name."""
    name: str = ""
    """Country name; defaults to the ISO name."""
    administration: str
    """Name of the customs administration."""
    region: str = ""
    """WCO region, for grouping."""
    languages: tuple[str, ...]
    """Language preference for the pack (ISO 639-1); the first the curriculum offers wins."""
    sample_data: bool = False
    """True when the levels are illustrative, not a real assessment."""
    assessments: tuple[Assessment, ...]
    """Oldest first: the initial assessment, then monitoring assessments."""
    targets: dict[str, int]
    """Target level per standard id; `default` applies to the rest."""
    delivery: Delivery
    """When and how training is delivered."""
    include: tuple[str, ...] = ()
    """Modules wanted regardless of gaps."""
    exclude: tuple[Exclusion, ...] = ()
    """Modules to leave out, with the reason."""
    mentoring: Mentoring = Mentoring()
    """Mentoring visits after training."""


# --------------------------------------------------------------------------- glossary.yml


class GlossaryForm(Strict):
    term: str
    """The preferred term in this language."""
    short: str = ""
    """Its short form or acronym in this language, if any (e.g. `OEA`)."""
    definition: str = ""
    """The definition in this language; defaults to the entry's `definition`."""
    avoid: tuple[str, ...] = ()
    """Non-preferred variants: `check` warns when a translation uses one."""
    allow: tuple[str, ...] = ()
    """English forms a translation in this language may keep as they are (e.g. an acronym)."""


class GlossaryEntry(Strict):
    id: str
    """Slug naming the entry."""
    definition: str
    """What the term means, in the source language."""
    forms: dict[str, GlossaryForm]
    """The term per language code (one of the programme's languages), the source language first."""


class Glossary(Strict):
    terms: tuple[GlossaryEntry, ...] = ()
    """The terms, in display order."""


# --------------------------------------------------------------------------- assembled model


@dataclass(frozen=True)
class Translation:
    """A module translated into one language."""

    meta: ModuleTranslationMeta
    body: str
    body_line: int
    path: str


@dataclass(frozen=True)
class Module:
    """A module: its front matter, body and translations."""

    meta: ModuleMeta
    body: str
    body_line: int
    path: str
    translations: Mapping[str, Translation] = field(default_factory=dict)

    @property
    def id(self) -> str:
        """Return the module id."""
        return self.meta.id


@dataclass(frozen=True)
class Quiz:
    """A quiz with its translations."""

    id: str
    meta: QuizMeta
    path: str
    translations: Mapping[str, QuizTranslationMeta] = field(default_factory=dict)

    @property
    def is_exam(self) -> bool:
        """Return whether the quiz is an exam."""
        return self.meta.mode == "exam"


@dataclass(frozen=True)
class Country:
    """A country profile and where it came from."""

    profile: CountryProfile
    path: str

    @property
    def code(self) -> str:
        """Return the ISO code."""
        return self.profile.country


@dataclass(frozen=True)
class Curriculum:
    """Everything loaded and validated, in stable order."""

    root: str
    programme: Programme
    standards: StandardsFile
    modules: Mapping[str, Module]
    quizzes: Mapping[str, Quiz]
    countries: Mapping[str, Country]
    glossary: Glossary = field(default_factory=Glossary)
    programme_translations: Mapping[str, ProgrammeTranslation] = field(default_factory=dict)
    """``curriculum/programme.<lang>.yml`` by language."""
    standards_translations: Mapping[str, StandardsTranslation] = field(default_factory=dict)
    """``curriculum/standards.<lang>.yml`` by language."""

    def programme_in(self, lang: str) -> Programme:
        """Return the programme in ``lang`` (source-language fields where untranslated)."""
        return translate_programme(self.programme, self.programme_translations.get(lang))

    def standards_in(self, lang: str) -> StandardsFile:
        """Return the standards in ``lang`` (source-language fields where untranslated)."""
        return translate_standards(self.standards, self.standards_translations.get(lang))

    def module(self, module_id: str) -> Module | None:
        """Return a module by id, or None."""
        return self.modules.get(module_id)

    def standard(self, standard_id: str) -> Standard | None:
        """Return a standard by id, or None."""
        return next((s for s in self.standards.standards if s.id == standard_id), None)

    def quizzes_for(self, module_id: str) -> Iterator[Quiz]:
        """Yield the quizzes attached to a module, practice first."""
        found = [q for q in self.quizzes.values() if q.meta.module == module_id]
        yield from sorted(found, key=lambda q: (q.is_exam, q.id))

    def practice_quiz(self, module_id: str) -> Quiz | None:
        """Return the module's practice quiz, or None."""
        return next((q for q in self.quizzes_for(module_id) if not q.is_exam), None)

    def exam(self, module_id: str) -> Quiz | None:
        """Return the exam attached to a module, or None."""
        return next((q for q in self.quizzes_for(module_id) if q.is_exam), None)


def version_key(version: str) -> tuple[int, ...]:
    """Turn ``1.2.0`` into ``(1, 2, 0)``; non-numeric parts count as 0."""
    return tuple(int(p) if p.isdigit() else 0 for p in version.split("."))
