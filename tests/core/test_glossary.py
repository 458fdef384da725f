"""The glossary rules: variants and untranslated terms found in prose only, at the right place."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from builder.model import Glossary, GlossaryEntry, GlossaryForm
from builder.validate.glossary import language_rules, prose_lines, scan

GLOSSARY = Glossary(
    terms=(
        GlossaryEntry(
            id="aeo",
            definition="A validated operator.",
            forms={
                "en": GlossaryForm(term="Authorized Economic Operator", short="AEO"),
                "fr": GlossaryForm(
                    term="opérateur économique agréé", short="OEA", avoid=("opérateur agréé",)
                ),
            },
        ),
        GlossaryEntry(
            id="validation",
            definition="Checking an applicant.",
            forms={"en": GlossaryForm(term="validation"), "fr": GlossaryForm(term="validation")},
        ),
        GlossaryEntry(
            id="sw",
            definition="One place.",
            forms={
                "en": GlossaryForm(term="Single Window"),
                "fr": GlossaryForm(term="guichet unique", allow=("Single Window",)),
            },
        ),
    )
)
RULES = language_rules(GLOSSARY, "fr", "en")


def found(text: str) -> list[tuple[int, int, str]]:
    return [(line, col, code) for line, col, code, _ in scan(RULES, text)]


def test_variant_and_untranslated_terms_are_found_where_they_are() -> None:
    text = "Un opérateur  agréé.\nLe statut d'AEO et l'Authorized Economic Operator."
    assert found(text) == [
        (1, 4, "glossary.variant"),
        (2, 22, "glossary.untranslated"),
        (2, 13, "glossary.untranslated"),
    ]


def test_identifiers_code_links_and_urls_are_not_prose() -> None:
    text = (
        "Sections AEO-A to AEO-M, `AEO` in code, [lien](module:aeo) and https://x.org/AEO.\n"
        "```\nAEO\n```\n## Titre {#aeo-intro}"
    )
    assert found(text) == []


def test_acronyms_match_their_case_only() -> None:
    assert found("le mot aeo ici") == []
    assert found("l'AEO ici") == [(1, 3, "glossary.untranslated")]


def test_same_term_in_both_languages_and_allowed_forms_are_not_flagged() -> None:
    assert found("La validation et le Single Window.") == []


def test_message_names_the_glossary_entry_and_preferred_term() -> None:
    ((_, _, _, message),) = scan(RULES, "un opérateur agréé")
    assert message == (
        "'opérateur agréé' is a non-preferred variant of 'opérateur économique agréé' "
        "(glossary 'aeo'); use 'opérateur économique agréé'"
    )


@given(st.text(alphabet="ab `\n#{}[]()-:/", max_size=80))
def test_prose_lines_keep_columns(text: str) -> None:
    lines = text.split("\n")
    for n, line in prose_lines(text):
        assert len(line) == len(lines[n - 1])
