"""The shared language package: interface strings per language, CLDR locale data, typography,
the translated programme and standards, and the translation report."""

from __future__ import annotations

import datetime as dt
import json
import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.cli import main
from builder.i18n import locale, strings
from builder.model import (
    ProgrammeTranslation,
    StandardsTranslation,
    TrackText,
    translate_programme,
    translate_standards,
)
from builder.plan.translations import percent, report_table, translation_report
from builder.validate.orchestrator import check_curriculum

MINIMAL = Path(__file__).parent / "minimal"


def fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("lang", strings.languages())
def test_every_string_keeps_the_english_placeholders(lang: str) -> None:
    for section in strings.SECTIONS:
        for key, text in strings.table(lang, section).items():
            assert key in strings.table("en", section), f"{lang}: unknown key {section}.{key}"
            assert fields(text) == fields(strings.table("en", section)[key]), (lang, key)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_french_and_arabic_are_complete(lang: str) -> None:
    assert strings.missing(lang) == []
    done, total = strings.coverage(lang)
    assert done == total > 300


def test_a_missing_string_falls_back_to_english() -> None:
    assert strings.text("xx", "site", "progress") == "My progress"
    assert "site.progress" in strings.missing("xx")
    assert strings.text("fr", "pack", "module_n", n=2, total=5) == "Module 2 sur 5"


def test_arabic_has_no_vowel_marks() -> None:
    for section in strings.SECTIONS:
        for text in strings.table("ar", section).values():
            assert not any("\u064b" <= c <= "\u0652" for c in text), text


def test_names_dates_and_numbers_come_from_cldr() -> None:
    day = dt.date(2027, 10, 25)
    assert locale.format_date(day, "fr") == "25 octobre 2027"
    assert locale.format_date(day, "fr", "full") == "lundi 25 octobre 2027"
    assert locale.weekday_name(day, "es") == "lunes"
    assert locale.country_name("SN", "fr") == "Sénégal"
    assert locale.country_name("SN", "ar") == "السنغال"
    assert locale.language_name("en", "fr") == "anglais"
    assert locale.native_name("fr") == "Français"
    assert locale.native_name("ar") == "العربية"
    assert locale.format_number(1234.5, "fr") == "1\u202f234,5"


def test_direction_and_script() -> None:
    assert locale.is_rtl("ar") and locale.direction("ar") == "rtl"
    assert not locale.is_rtl("fr") and locale.direction("fr") == "ltr"
    assert locale.script("ar") == "Arab" and locale.script("fr") == "Latn"
    assert locale.script("ru") == "Cyrl"


def test_french_typography() -> None:
    nn = locale.NNBSP
    assert locale.typography("Durée: 40 min; « oui » ?", "fr") == (
        f"Durée{nn}: 40 min{nn}; «{nn}oui{nn}»{nn}?"
    )
    assert locale.typography("Durée : 40", "fr") == f"Durée{nn}: 40"
    assert locale.typography("https://example.org P1:S4", "fr") == "https://example.org P1:S4"
    assert locale.typography("Duration: 40", "en") == "Duration: 40"


@given(st.text(alphabet=st.sampled_from("ab :;!?«»\u00a0/"), max_size=30))
def test_typography_is_idempotent_and_french_only(text: str) -> None:
    once = locale.typography(text, "fr")
    assert locale.typography(once, "fr") == once
    assert locale.typography(text, "en") == text
    assert once.replace(locale.NNBSP, "").replace(" ", "").replace("\u00a0", "") == (
        text.replace(" ", "").replace("\u00a0", "")
    )


@given(st.text(max_size=40))
def test_one_line_keeps_no_break_spaces(text: str) -> None:
    out = locale.one_line(text)
    assert "\n" not in out and not out.startswith(" ") and not out.endswith(" ")
    assert out.count(locale.NNBSP) == text.count(locale.NNBSP)


def test_join_uses_the_language_punctuation() -> None:
    assert locale.join(["a", "b"], "ar") == "a، b"
    assert locale.join(["a", "b"], "ar", strong=True) == "a؛ b"
    assert locale.join(["a", "b"], "fr", strong=True) == f"a{locale.NNBSP}; b"
    assert locale.join(["a", "b"], "en") == "a, b"


def test_translated_programme_keeps_untranslated_fields() -> None:
    cur = check_curriculum(MINIMAL).curriculum
    assert cur is not None
    tr = ProgrammeTranslation(
        lang="fr",
        translated_from="2.0.0",
        title="Programme minimal",
        tracks=(TrackText(id="basics", title="Bases"),),
    )
    p = translate_programme(cur.programme, tr)
    assert p.title == "Programme minimal"
    assert [t.title for t in p.tracks] == ["Bases", "Advanced"]
    assert p.audiences == cur.programme.audiences
    assert translate_programme(cur.programme, None) is cur.programme
    s = translate_standards(cur.standards, StandardsTranslation(lang="fr", translated_from="2.0.0"))
    assert s == cur.standards


def test_shipped_programme_in_french_and_arabic() -> None:
    cur = check_curriculum(Path(__file__).resolve().parents[2]).curriculum
    if cur is None:
        pytest.skip("the shipped curriculum does not check (see test_shipped_curriculum)")
    assert cur.programme_in("fr").tracks[0].title == "Fondamentaux"
    assert cur.programme_in("ar").tracks[0].title == "الأسس"
    assert cur.standards_in("fr").standards[0].title.startswith("Renseignements")
    assert cur.programme_in("es").title.startswith("Marco Normativo SAFE")
    assert cur.programme_in("pt").title == cur.programme.title  # not translated: the source


def test_translation_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cur = check_curriculum(MINIMAL).curriculum
    assert cur is not None
    (fr,) = translation_report(cur)
    assert fr.lang == "fr" and fr.modules == (1, 3) and fr.missing_modules == ("data", "risk")
    assert percent(1, 3) == 33 and percent(0, 0) == 100
    assert report_table((fr,)).splitlines()[1].startswith("fr")
    with pytest.raises(SystemExit) as done:
        main(["translations", "-C", str(MINIMAL), "--format", "json"])
    assert done.value.code in (0, None)
    data = json.loads(capsys.readouterr().out)
    assert data["languages"][0]["coverage"]["modules"] == 33
    assert data["languages"][0]["stale"] == []
    assert data["languages"][0]["tracks"]["basics"]["complete"] is True


def test_translation_report_per_track() -> None:
    cur = check_curriculum(MINIMAL).curriculum
    assert cur is not None
    (fr,) = translation_report(cur)
    by_track = {t.track: t for t in fr.tracks}
    assert by_track["basics"].modules == (1, 1) and by_track["basics"].quizzes == (1, 1)
    assert by_track["basics"].complete
    # the advanced track: two modules, their two quizzes and its exam, none in French
    assert by_track["advanced"].modules == (0, 2) and by_track["advanced"].quizzes == (0, 3)
    assert not by_track["advanced"].complete
    assert "fr: tracks: basics 100%, advanced 0%" in report_table((fr,))
