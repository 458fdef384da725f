"""The checks of each file, run as one per file (a module, a translation, a quiz), and what
becomes of every diagnostic at the end (duplicates dropped, ``programme.yml`` settings applied).

Kept apart from the orchestrator so that the quick path of a warm check
(:mod:`builder.validate.quick`) imports only what it runs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field

from builder.diagnostics import CODES, Diagnostic, Severity, sort_key
from builder.load.loader import Loaded
from builder.validate.body import body_ref_problems
from builder.validate.known import Known
from builder.validate.links import FileRef, text_ref_problems
from builder.validate.modules import check_module, check_module_translation
from builder.validate.quizzes import check_quiz
from builder.validate.sink import Sink
from builder.validate.text import check_text_values


@dataclass
class Record:
    """What a check found, kept apart for :mod:`builder.validate.quick`."""

    modules: dict[str, tuple[Diagnostic, ...]] = field(default_factory=dict)
    """Module source path → what its own checks (:func:`module_file_checks`) found."""
    pending: list[tuple[str, tuple[FileRef, ...]]] = field(default_factory=list)
    """The references to files of each file (its path if a module source, else '')."""
    rest: tuple[Diagnostic, ...] = ()
    """Every other diagnostic but those of the disk."""
    known: Known | None = None


def final_diagnostics(items: Iterable[Diagnostic], known: Known) -> tuple[Diagnostic, ...]:
    """Return the diagnostics a check reports: sorted, without duplicates, with the settings
    of ``programme.yml`` applied."""
    return _apply_settings(_dedupe(items), known)


def module_file_checks(sink: Sink, f: Loaded, known: Known) -> tuple[FileRef, ...]:
    """The checks of one module file (text values, front matter, body, links); return its
    references to files, to look for on disk."""
    check_text_values(sink, f)
    check_module(sink, f, known, False)
    return body_ref_problems(sink, f.rel, f.body, f.body_line, known)


def translation_file_checks(sink: Sink, lang: str, f: Loaded, known: Known) -> tuple[FileRef, ...]:
    """The checks of one module translation; return its references to files."""
    check_text_values(sink, f)
    check_module_translation(sink, lang, f, known, False)
    return body_ref_problems(sink, f.rel, f.body, f.body_line, known)


def quiz_file_checks(
    sink: Sink, quiz_id: str, f: Loaded, known: Known
) -> tuple[set[tuple[str, str]], tuple[FileRef, ...]]:
    """The checks of one quiz file; return what it assesses and its references to files."""
    assessed = check_quiz(sink, quiz_id, f, known)
    return assessed, yaml_text_checks(sink, f, known)


def yaml_text_checks(sink: Sink, f: Loaded, known: Known) -> tuple[FileRef, ...]:
    """The checks of the text values of a YAML file; return its references to files."""
    check_text_values(sink, f)
    return text_ref_problems(sink, f, known)


def _apply_settings(diags: tuple[Diagnostic, ...], known: Known) -> tuple[Diagnostic, ...]:
    """Apply programme.yml's ``checks``: a warning made an error, or turned off."""
    settings = known.programme.checks if known.programme else {}
    if not settings:
        return diags
    out = []
    for d in diags:
        wanted = settings.get(d.code) if CODES[d.code][0] is Severity.WARNING else None
        if wanted == "off":
            continue
        out.append(dataclasses.replace(d, severity=Severity(wanted)) if wanted else d)
    return tuple(out)


def _dedupe(items: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    seen: set[tuple[str, int, int, str]] = set()
    out = []
    for d in sorted(items, key=sort_key):
        k = (d.path, d.line, d.col, d.code)
        if k not in seen:
            seen.add(k)
            out.append(d)
    return tuple(out)
