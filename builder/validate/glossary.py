"""The multilingual glossary (curriculum/glossary.yml): its own rules, and the terminology of
every translation (a non-preferred variant, or an English term left untranslated, is a warning
at the place it occurs)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from builder.load.loader import Loaded, RawCurriculum
from builder.model import Glossary, GlossaryForm
from builder.validate.common import check_ids
from builder.validate.known import Known
from builder.validate.sink import Sink
from builder.validate.text import located_strings
from builder.validate.values import is_language

#: Text that is not prose: fenced code is skipped by line; these are blanked on a line.
_NOT_PROSE = re.compile(r"`[^`\n]*`|\]\([^)\n]*\)|https?://\S+|\{#[^}\n]*\}")
_FENCE = re.compile(r"^\s*(```|~~~)")


#: Keys whose values are not prose: accepted short answers may list the English form on purpose.
NOT_CHECKED = frozenset({"answers", "id", "lang", "translated_from", "type"})


@dataclass(frozen=True)
class Rule:
    """One thing to look for in a language's text: an avoided variant or an untranslated term."""

    pattern: re.Pattern[str]
    untranslated: bool
    entry: str
    term: str
    lang: str

    def describe(self, found: str) -> tuple[str, str]:
        """Return the code and message for a match ``found``."""
        if self.untranslated:
            return "glossary.untranslated", (
                f"the English term '{found}' is left untranslated; the glossary term in "
                f"'{self.lang}' is '{self.term}' (glossary '{self.entry}')"
            )
        return "glossary.variant", (
            f"'{found}' is a non-preferred variant of '{self.term}' (glossary '{self.entry}'); "
            f"use '{self.term}'"
        )


def check_glossary_file(sink: Sink, f: Loaded, known: Known) -> None:
    """Check entry ids, that every form's language is an ISO 639-1 code, and the source form.

    A form may be in a language the programme does not offer yet (a glossary prepared ahead of
    a translation); a code that is no language at all is an error."""
    g: Glossary = f.value
    check_ids(sink, f, "terms", [t.id for t in g.terms])
    source = known.programme.source_language if known.programme else None
    for i, entry in enumerate(g.terms):
        for lang in entry.forms:
            if not is_language(lang):
                message = f"'{lang}' is not an ISO 639-1 language code"
                sink.at(f, ("terms", i, "forms", lang), "language.unknown", message, key=True)
        if source is not None and source not in entry.forms:
            missing = f"glossary term '{entry.id}' has no form in the source language '{source}'"
            sink.at(f, ("terms", i, "forms"), "glossary.invalid", missing)


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
            pattern = _term_pattern(variant, exact_case=False)
            rules.append(Rule(pattern, False, entry.id, form.term, lang))
        if original is not None:
            rules += _untranslated_rules(entry.id, original, form, lang)
    return rules


def _untranslated_rules(
    entry_id: str, original: GlossaryForm, form: GlossaryForm, lang: str
) -> list[Rule]:
    """Return rules for the source term and its short form left as they are in ``lang``."""
    rules: list[Rule] = []
    candidates = [
        (original.term, form.term, False),
        (original.short, form.short or form.term, True),
    ]
    for english, target, exact in candidates:
        if not english or english.casefold() == target.casefold() or english in form.allow:
            continue
        pattern = _term_pattern(english, exact_case=exact)
        rules.append(Rule(pattern, True, entry_id, target, lang))
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
                    yield n, m.start() + 1, *rule.describe(m.group(0))


def check_terminology(sink: Sink, raw: RawCurriculum, glossary: Glossary, source: str) -> None:
    """Warn about avoided variants and untranslated terms in every translation."""
    cache: dict[str, list[Rule]] = {}
    for _, f in [*raw.module_translations, *raw.quiz_translations]:
        if f.value is None:
            continue
        lang = f.value.lang
        if lang not in cache:
            cache[lang] = language_rules(glossary, lang, source)
        rules = cache[lang]
        if not rules:
            continue
        for line, col, text in located_strings(f, NOT_CHECKED):
            for _, _, code, message in scan(rules, text):
                sink.line(f.rel, line, col, code, message)  # at the value (YAML may fold it)
        if f.body:
            for dl, dc, code, message in scan(rules, f.body):
                sink.line(f.rel, f.body_line + dl - 1, dc, code, message)
