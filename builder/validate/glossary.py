"""The multilingual glossary (curriculum/glossary.yml): its own rules, and the terminology of
every translation (a non-preferred variant, or an English term left untranslated, is a warning
at the place it occurs)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from builder.load.loader import Loaded, RawCurriculum
from builder.model import Glossary
from builder.validate.common import check_ids
from builder.validate.known import Known
from builder.validate.sink import Sink, unknown
from builder.validate.text import located_strings

#: Text that is not prose: fenced code is skipped by line; these are blanked on a line.
_NOT_PROSE = re.compile(r"`[^`\n]*`|\]\([^)\n]*\)|https?://\S+|\{#[^}\n]*\}")
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Rule:
    """One thing to look for in a language's text, and what to say when it is found."""

    pattern: re.Pattern[str]
    code: str
    message: str


def check_glossary_file(sink: Sink, f: Loaded, known: Known) -> None:
    """Check entry ids, that every form is in a programme language, and the source form."""
    g: Glossary = f.value
    check_ids(sink, f, "terms", [t.id for t in g.terms])
    source = known.programme.source_language if known.programme else None
    for i, entry in enumerate(g.terms):
        for lang in entry.forms:
            if known.languages is not None and lang not in known.languages:
                loc = ("terms", i, "forms", lang)
                unknown(sink, f, loc, "language.unknown", "language", lang, known.languages)
        if source is not None and source not in entry.forms:
            message = f"glossary term '{entry.id}' has no form in the source language '{source}'"
            sink.at(f, ("terms", i, "forms"), "glossary.invalid", message)


def _term_pattern(text: str, *, exact_case: bool) -> re.Pattern[str]:
    """Return a pattern for a term as a whole phrase (any run of spaces between its words)."""
    words = r"\s+".join(re.escape(w) for w in text.split())
    return re.compile(rf"(?<![\w-]){words}(?![\w-])", 0 if exact_case else re.IGNORECASE)


def language_rules(glossary: Glossary, lang: str, source: str) -> list[Rule]:
    """Return the rules for text in ``lang``: avoided variants, then untranslated source terms."""
    rules: list[Rule] = []
    for entry in glossary.terms:
        form, original = entry.forms.get(lang), entry.forms.get(source)
        if form is None:
            continue
        for variant in form.avoid:
            message = (
                f"'{{found}}' is a non-preferred variant of '{form.term}' (glossary "
                f"'{entry.id}'); use '{form.term}'"
            )
            rules.append(Rule(_term_pattern(variant, exact_case=False), "glossary.variant", message))
        if original is not None:
            rules += _untranslated_rules(entry.id, original.term, original.short, form, lang)
    return rules


def _untranslated_rules(
    entry_id: str, term: str, short: str, form: object, lang: str
) -> list[Rule]:
    """Return rules for the source term and its short form left as they are in ``lang``."""
    from builder.model import GlossaryForm

    assert isinstance(form, GlossaryForm)
    rules: list[Rule] = []
    candidates = [(term, form.term, False), (short, form.short or form.term, True)]
    for english, target, exact in candidates:
        if not english or english.casefold() == target.casefold() or english in form.allow:
            continue
        message = (
            f"the English term '{{found}}' is left untranslated; the glossary term in '{lang}' "
            f"is '{target}' (glossary '{entry_id}')"
        )
        rules.append(Rule(_term_pattern(english, exact_case=exact), "glossary.untranslated", message))
    return rules


def prose_lines(text: str) -> Iterator[tuple[int, str]]:
    """Yield ``(line number, line)`` of the prose in Markdown text: fenced code skipped, inline
    code, link targets, URLs and heading ids blanked (same length, so columns stay true)."""
    in_fence = False
    for n, line in enumerate(text.split("\n"), start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield n, _NOT_PROSE.sub(lambda m: " " * len(m.group(0)), line)


def scan(rules: Sequence[Rule], text: str) -> Iterator[tuple[int, int, str, str]]:
    """Yield ``(line, column, code, message)`` for every rule that matches the prose of ``text``."""
    for n, line in prose_lines(text):
        taken: set[int] = set()
        for rule in rules:
            for m in rule.pattern.finditer(line):
                if m.start() not in taken:
                    taken.add(m.start())
                    yield n, m.start() + 1, rule.code, rule.message.format(found=m.group(0))


def check_terminology(sink: Sink, raw: RawCurriculum, glossary: Glossary, source: str) -> None:
    """Warn about avoided variants and untranslated terms in every translation."""
    cache: dict[str, list[Rule]] = {}
    for lang, f in [*raw.module_translations, *raw.quiz_translations]:
        if f.value is None:
            continue
        rules = cache.setdefault(lang, language_rules(glossary, lang, source))
        if not rules:
            continue
        for line, col, text in located_strings(f):
            for _, _, code, message in scan(rules, text):
                sink.line(f.rel, line, col, code, message)  # at the value (YAML may fold it)
        if f.body:
            for dl, dc, code, message in scan(rules, f.body):
                sink.line(f.rel, f.body_line + dl - 1, dc, code, message)
