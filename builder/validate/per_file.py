"""The checks of each file, run as one per file (a module, a translation, a quiz), and what
a check records of them for the quick path of the next one (:mod:`builder.validate.quick`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from builder.diagnostics import Diagnostic
from builder.load.loader import Loaded
from builder.validate.body import body_ref_problems, module_body_checks
from builder.validate.known import Known
from builder.validate.links import FileRef, text_ref_problems
from builder.validate.modules import check_module, check_module_translation
from builder.validate.quizzes import check_quiz
from builder.validate.sink import Sink
from builder.validate.text import check_text_values


@dataclass
class Record:
    """What a check found, kept apart for :mod:`builder.validate.quick`."""

    modules: dict[str, tuple[tuple[Diagnostic, ...], tuple[Diagnostic, ...]]] = field(
        default_factory=dict
    )
    """Module source path → what its own checks (:func:`module_file_checks`) found in its
    front matter, and in its body."""
    pending: list[tuple[str, tuple[FileRef, ...]]] = field(default_factory=list)
    """The references to files of each file (its path if a module source, else '')."""
    rest: tuple[Diagnostic, ...] = ()
    """Every other diagnostic but those of the disk."""
    known: Known | None = None


def module_file_checks(sink: Sink, f: Loaded, known: Known) -> tuple[tuple[FileRef, ...], int]:
    """The checks of one module file (text values, front matter, then body and links); return
    its references to files, to look for on disk, and how many of the diagnostics come first,
    from the front matter (the rest, from :func:`module_body_checks`, depend on the body)."""
    start = len(sink.items)
    check_text_values(sink, f)
    check_module(sink, f, known)
    front = len(sink.items) - start
    return module_body_checks(sink, f.rel, f.body, f.body_line, known), front


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
