"""Author-facing diagnostics: one type, one table of codes, three output formats."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from enum import StrEnum


class Severity(StrEnum):
    """How bad a diagnostic is."""

    ERROR = "error"
    WARNING = "warning"


#: Every diagnostic code, its default severity and a one-line meaning (the reference docs use it).
CODES: dict[str, tuple[Severity, str]] = {
    "file.encoding": (Severity.ERROR, "a file is not valid UTF-8"),
    "file.binary": (Severity.ERROR, "a module or quiz file holds binary data"),
    "file.empty": (Severity.ERROR, "a file is empty"),
    "file.outside-root": (Severity.ERROR, "a file or link leads outside the curriculum root"),
    "file.name": (Severity.ERROR, "a file name is not an id, or not id.lang"),
    "file.missing": (Severity.ERROR, "a required file is missing"),
    "yaml.syntax": (Severity.ERROR, "YAML that does not parse"),
    "yaml.duplicate-key": (Severity.ERROR, "the same key twice in one mapping"),
    "yaml.not-mapping": (Severity.ERROR, "a YAML document that is not a mapping of keys"),
    "yaml.tag": (Severity.ERROR, "a YAML tag that authors must not use"),
    "frontmatter.missing": (Severity.ERROR, "a module that does not start with front matter"),
    "frontmatter.unclosed": (Severity.ERROR, "front matter with no closing ---"),
    "key.unknown": (Severity.ERROR, "a key that the format does not have"),
    "key.missing": (Severity.ERROR, "a required key is missing"),
    "value.type": (Severity.ERROR, "a value of the wrong type"),
    "value.choice": (Severity.ERROR, "a value outside its closed list"),
    "value.range": (Severity.ERROR, "a number outside its allowed range"),
    "date.invalid": (Severity.ERROR, "a malformed or impossible date"),
    "id.mismatch": (Severity.ERROR, "an id that differs from its file name"),
    "id.slug": (Severity.ERROR, "an id that is not a valid slug"),
    "id.duplicate": (Severity.ERROR, "two things with the same id"),
    "objective.duplicate": (Severity.ERROR, "two objectives with the same id in one module"),
    "objective.count": (Severity.WARNING, "a module with fewer than 2 or more than 5 objectives"),
    "objective.unassessed": (Severity.WARNING, "an objective that no question assesses"),
    "question.duplicate": (Severity.ERROR, "two questions with the same id in one quiz"),
    "question.unknown-objective": (Severity.ERROR, "a question that points at no objective"),
    "question.no-correct": (Severity.ERROR, "a choice question with no correct option"),
    "question.several-correct": (Severity.ERROR, "a single-answer question with several"),
    "question.answer-missing": (
        Severity.ERROR,
        "a question without the answer data its type needs",
    ),
    "question.unused-field": (Severity.WARNING, "answer data that the question's type ignores"),
    "question.feedback-missing": (Severity.WARNING, "a choice option with no feedback"),
    "question.points-rubric": (
        Severity.ERROR,
        "a task whose points differ from its rubric's total",
    ),
    "quiz.exam-only": (Severity.ERROR, "an exam-only field or a task in a practice quiz"),
    "item.answer-position": (
        Severity.WARNING,
        "a quiz bank whose correct option sits in one position too often",
    ),
    "item.longest-correct": (
        Severity.WARNING,
        "a quiz bank whose correct option is too often the longest",
    ),
    "item.true-false-bias": (Severity.WARNING, "a quiz bank whose true/false answers lean one way"),
    "item.exam-repeats-practice": (
        Severity.WARNING,
        "an exam prompt that repeats a practice prompt (answers printed in the handbook)",
    ),
    "item.unpinned-above": (Severity.WARNING, "an 'all/none of the above' option not pinned"),
    "item.exam-coverage": (
        Severity.WARNING,
        "an exam whose questions cannot cover every objective of its track",
    ),
    "check.unknown": (Severity.ERROR, "programme.yml sets the severity of an unknown check"),
    "blueprint.entry": (Severity.ERROR, "a blueprint entry naming no or both objective and module"),
    "blueprint.unknown": (Severity.ERROR, "a blueprint entry outside the exam's track"),
    "blueprint.too-many": (Severity.ERROR, "a blueprint asking for more questions than its pool"),
    "prereq.unknown": (Severity.ERROR, "a prerequisite that is not a module"),
    "glossary.invalid": (Severity.ERROR, "a glossary entry without its source-language form"),
    "glossary.variant": (Severity.WARNING, "a translation uses a term the glossary says to avoid"),
    "glossary.untranslated": (
        Severity.WARNING,
        "a translation keeps an English glossary term that its language translates",
    ),
    "prereq.cycle": (Severity.ERROR, "modules that require each other in a circle"),
    "prereq.later-track": (Severity.WARNING, "a prerequisite placed in a later track"),
    "prereq.inactive": (Severity.WARNING, "a prerequisite that is draft or retired"),
    "track.unknown": (Severity.ERROR, "a track that programme.yml does not define"),
    "standard.unknown": (Severity.ERROR, "a standard that standards.yml does not define"),
    "group.unknown": (Severity.ERROR, "a standard group that standards.yml does not define"),
    "language.unknown": (Severity.ERROR, "a language code that is unknown or not offered"),
    "audience.unknown": (Severity.ERROR, "an audience that programme.yml does not define"),
    "link.unknown": (Severity.ERROR, "a module: or standard: link to nothing"),
    "link.anchor": (Severity.ERROR, "a #anchor link to a heading that does not exist"),
    "link.missing": (Severity.ERROR, "a relative link to a file that does not exist"),
    "link.outside": (Severity.ERROR, "a relative link to a path outside the curriculum folder"),
    "image.missing": (Severity.ERROR, "an image file that does not exist"),
    "image.outside": (Severity.ERROR, "an image path outside the curriculum folder"),
    "image.format": (Severity.ERROR, "an image that is not PNG, JPEG or SVG"),
    "image.unsafe": (Severity.ERROR, "an SVG image with a script, event handler or embedded page"),
    "image.alt": (Severity.WARNING, "an image with no alt text (inaccessible)"),
    "body.attributes": (
        Severity.ERROR,
        "a {...} attribute list after a link or image, which not every output understands",
    ),
    "body.raw-html": (
        Severity.WARNING,
        "raw HTML in a module body or a text value (it is shown as text)",
    ),
    "text.bidi-control": (
        Severity.WARNING,
        "an invisible bidirectional control character that can disguise text",
    ),
    "callout.unclosed": (Severity.ERROR, "a ::: block with no closing :::"),
    "callout.kind": (Severity.ERROR, "a ::: block of an unknown kind"),
    "callout.nested": (Severity.ERROR, "a ::: block inside another"),
    "quiz.unknown-module": (Severity.ERROR, "a quiz for a module that does not exist"),
    "quiz.duplicate": (Severity.ERROR, "a module with two practice quizzes or two exams"),
    "quiz.exam-fields": (Severity.ERROR, "an exam without a title or time limit"),
    "translation.orphan": (Severity.ERROR, "a translation whose source does not exist"),
    "translation.stale": (Severity.WARNING, "a translation older than its source"),
    "translation.mismatch": (Severity.ERROR, "a translation whose shape differs from its source"),
    "translation.answer": (
        Severity.ERROR,
        "a translated question whose answer data disagrees with the source",
    ),
    "country.code": (Severity.ERROR, "a country code that is not ISO 3166-1 alpha-2"),
    "country.filename": (Severity.ERROR, "a country code that differs from the file name"),
    "country.module-unknown": (Severity.ERROR, "include or exclude naming no module"),
    "assessment.level": (Severity.ERROR, "a level outside the maturity scale"),
    "assessment.order": (Severity.ERROR, "assessments not in date order"),
    "assessment.kind": (Severity.ERROR, "the first assessment not initial, or a later one initial"),
    "timezone.unknown": (Severity.ERROR, "a time zone that is not an IANA zone"),
    "delivery.invalid": (Severity.ERROR, "a delivery plan that cannot schedule anything"),
    "exclude.breaks-prereq": (Severity.ERROR, "an exclude that removes a needed prerequisite"),
    "programme.invalid": (Severity.ERROR, "a programme definition that contradicts itself"),
}


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One message to an author, pointing at a place in a file."""

    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str

    def to_text(self) -> str:
        """Render as ``path:line:col: severity: message [code]``."""
        return (
            f"{self.path}:{self.line}:{self.col}: {self.severity.value}: {self.message} "
            f"[{self.code}]"
        )


def make(path: str, line: int, col: int, code: str, message: str) -> Diagnostic:
    """Make a diagnostic with the code's default severity."""
    severity = CODES[code][0]
    return Diagnostic(path, max(line, 1), max(col, 1), severity, code, message)


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """Return `` (did you mean 'x'?)`` for the nearest candidate, or an empty string."""
    pool = sorted(set(candidates))
    near = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    return f" (did you mean '{near[0]}'?)" if near else ""


class Verdict:
    """What a check's result says of its ``diagnostics``: counts, and whether it passes."""

    diagnostics: tuple[Diagnostic, ...]

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


def sort_key(d: Diagnostic) -> tuple[str, int, int, str, str]:
    """Order diagnostics by file, position, code and message."""
    return (d.path, d.line, d.col, d.code, d.message)


def summary(diagnostics: Sequence[Diagnostic]) -> str:
    """Return ``N errors, M warnings``."""
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    warnings = len(diagnostics) - errors
    return (
        f"{errors} error{'s' if errors != 1 else ''}, {warnings} "
        f"warning{'s' if warnings != 1 else ''}"
    )


def format_text(diagnostics: Sequence[Diagnostic], sources: Mapping[str, Sequence[str]]) -> str:
    """Render compiler-style lines, each with the offending source line and a caret."""
    out: list[str] = []
    for d in diagnostics:
        out.append(d.to_text())
        lines = sources.get(d.path)
        if lines and 0 < d.line <= len(lines):
            text = lines[d.line - 1].rstrip("\n")
            if len(text) > 200:
                text = text[:200] + "…"
            out.append(f"  {d.line:>4} | {text}")
            out.append("       | " + " " * min(d.col - 1, len(text)) + "^")
    return "\n".join(out)


def format_json(diagnostics: Sequence[Diagnostic]) -> str:
    """Render as a JSON document."""
    items = [{**asdict(d), "severity": d.severity.value} for d in diagnostics]
    return json.dumps({"diagnostics": items, "summary": summary(diagnostics)}, indent=2)


def format_github(diagnostics: Sequence[Diagnostic]) -> str:
    """Render as GitHub Actions workflow annotations."""

    def esc(s: str) -> str:
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    return "\n".join(
        (
            f"::{d.severity.value} "
            f"file={d.path},line={d.line},col={d.col},title={d.code}::{esc(d.message)}"
        )
        for d in diagnostics
    )


def final_diagnostics(
    items: Iterable[Diagnostic], settings: Mapping[str, str]
) -> tuple[Diagnostic, ...]:
    """Return the diagnostics a check reports: sorted, without duplicates, with the settings
    of ``programme.yml`` (``checks``: a warning's code → ``error``, ``warning`` or ``off``)
    applied."""
    out = []
    seen: set[tuple[str, int, int, str]] = set()
    for d in sorted(items, key=sort_key):
        k = (d.path, d.line, d.col, d.code)
        if k in seen:
            continue
        seen.add(k)
        wanted = settings.get(d.code) if CODES[d.code][0] is Severity.WARNING else None
        if wanted == "off":
            continue
        out.append(replace(d, severity=Severity(wanted)) if wanted else d)
    return tuple(out)
