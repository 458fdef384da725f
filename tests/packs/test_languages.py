"""Packs in the pack language: CLDR names and dates, true language tags, Arabic right to left.

The Arabic pack is built from a copy of the shipped curriculum with one more, hypothetical,
country profile whose pack language is Arabic.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import zipfile
from html import escape
from pathlib import Path

import pytest

from builder.packs.build import build_packs
from builder.packs.content.content import PackModule, build_content
from builder.packs.errors import ConversionError
from builder.packs.formats import out_pdf
from builder.validate.orchestrator import check_curriculum
from tests.packs.conftest import ROOT, Built
from tests.requirements import require

PROFILE = """\
# Hypothetical profile for the tests: no real administration is described.
country: JO
administration: إدارة جمارك افتراضية (مثال)
languages: [ar, en]
sample_data: true
assessments:
  - {date: 2026-05-10, kind: initial, levels: {CE-1: 1, P1-S6: 1}}
targets: {default: 3}
delivery:
  start: 2027-10-24
  timezone: Asia/Amman
  hours_per_day: 6
  days: [sun, mon, tue, wed, thu]
"""
#: Bidi controls pdftotext puts around runs of another direction.
BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"))


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the Arabic pack (JO) of a copy of the shipped curriculum; return its folder."""
    root = tmp_path_factory.mktemp("arabic")
    for name in ("curriculum", "modules", "quizzes", "docs", "site"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, root / name)
    (root / "curriculum" / "countries" / "JO.yml").write_text(PROFILE, encoding="utf-8")
    result = check_curriculum(root)
    assert result.course is not None, [d.to_text() for d in result.diagnostics]
    build_packs(result.course, root, ["JO"], root / "packs", jobs=1)
    return root / "packs" / "JO"


def pdf_text(path: Path) -> str:
    require(shutil.which("pdftotext") is not None, "pdftotext (Debian poppler-utils)")
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8").translate(BIDI)


def words(text: str) -> list[str]:
    return re.findall(
        r"[\u0621-\u064a\u0660-\u0669\u0671-\u06d3]+", unicodedata.normalize("NFC", text)
    )


def test_arabic_pdf_round_trips_to_the_source_words(arabic: Path) -> None:
    text = pdf_text(arabic / "trainee" / "handbook.pdf")
    assert "\ufffd" not in text and "\u25a1" not in text  # no missing-glyph boxes
    summary = words("من ينقل البضائع عبر الحدود، وما الذي قد يحدث لها في الطريق")
    extracted = " ".join(words(text))
    assert " ".join(summary) in extracted, "the Arabic words are not in logical order"
    guide = pdf_text(arabic / "instructor" / "guide.pdf")  # the instructor notes are there
    source = (ROOT / "modules" / "supply-chain-security-basics.ar.md").read_text(encoding="utf-8")
    missing = set(words(source)) - set(words(text + guide))
    assert len(missing) <= len(set(words(source))) // 100, sorted(missing)[:20]


def test_arabic_pdf_embeds_an_arabic_font(arabic: Path) -> None:
    from pypdf import PdfReader

    names = set()
    for page in PdfReader(str(arabic / "trainee" / "handbook.pdf")).pages[:6]:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    assert any("NotoNaskhArabic" in n for n in names), names


def test_mixed_arabic_and_latin_keep_their_order(arabic: Path) -> None:
    text = " ".join(pdf_text(arabic / "trainee" / "handbook.pdf").split())
    # "JO" inside the Arabic line stays one Latin run after the country name (pdftotext puts
    # the neutral brackets where they show, so only the letters are compared).
    assert re.search(r"الأردن \W*JO\W", text), text[:300]


def test_arabic_epub_docx_html_are_right_to_left(arabic: Path) -> None:
    with zipfile.ZipFile(arabic / "trainee" / "handbook.epub") as z:
        chapter = z.read("EPUB/text/m001.xhtml").decode("utf-8")
        opf = z.read("EPUB/package.opf").decode("utf-8")
    assert 'xml:lang="ar"' in chapter and 'dir="rtl"' in chapter
    assert 'page-progression-direction="rtl"' in opf
    with zipfile.ZipFile(arabic / "trainee" / "handbook.docx") as z:
        document = z.read("word/document.xml").decode("utf-8")
    assert "<w:bidi />" in document and "<w:rtl />" in document
    html = (arabic / "trainee" / "handbook.html").read_text(encoding="utf-8")
    assert re.search(r'<html[^>]*lang="ar"[^>]*dir="rtl"|<html[^>]*dir="rtl"[^>]*lang="ar"', html)


def _first_fallback(arabic: Path) -> PackModule:
    """Return the first chapter of the Arabic pack that has no Arabic translation."""
    result = check_curriculum(arabic.parents[1])
    assert result.curriculum is not None and result.course is not None
    content = build_content(result.curriculum, result.course.plan("JO"))
    found = next((m for m in content.modules if m.fallback), None)
    assert found is not None, "the Arabic pack has no untranslated module to test with"
    return found


def test_fallback_chapters_carry_their_real_language(arabic: Path) -> None:
    fallback = _first_fallback(arabic)
    with zipfile.ZipFile(arabic / "trainee" / "handbook.epub") as z:
        chapter = z.read(f"EPUB/text/m{fallback.number:03d}.xhtml").decode("utf-8")
    assert 'lang="en" xml:lang="en" dir="ltr"' in chapter
    with zipfile.ZipFile(arabic / "trainee" / "handbook.docx") as z:
        document = z.read("word/document.xml").decode("utf-8")
    assert '<w:lang w:val="en" />' in document
    html = (arabic / "trainee" / "handbook.html").read_text(encoding="utf-8")
    assert f'<span lang="en" dir="ltr">{escape(fallback.title, quote=False)}</span>' in html


def test_arabic_epub_passes_epubcheck(arabic: Path) -> None:
    jar = Path("/usr/share/java/epubcheck.jar")
    require(jar.is_file() and shutil.which("java") is not None, "epubcheck and java")
    out = subprocess.run(
        ["java", "-jar", str(jar), str(arabic / "trainee" / "handbook.epub")],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_arabic_readme_schedule_and_lms(arabic: Path) -> None:
    readme = (arabic / "README.txt").read_text(encoding="utf-8")
    assert "حزمة الدورة لـ الأردن (JO)" in readme
    csv = (arabic / "schedule.csv").read_text(encoding="utf-8")
    assert ",الأحد," in csv  # 24 October 2027 is a Sunday
    moodle = (arabic / "instructor" / "lms" / "moodle.xml").read_text(encoding="utf-8")
    assert 'lang="ar" dir="rtl"' in moodle and 'lang="en" dir="ltr"' in moodle


def test_no_font_for_the_script_stops_the_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    out_pdf.font_dirs.cache_clear()
    monkeypatch.setattr(out_pdf, "FONT_DIRS", out_pdf.FONT_DIRS[:2])
    try:
        with pytest.raises(ConversionError) as caught:
            out_pdf.check_script("ar")
        assert str(caught.value) == (
            "no installed font can render Arabic (ar, Arab script); the PDF would show empty "
            "boxes, so it was not built: install the Debian package fonts-noto-core "
            "(./dev setup does, as root)"
        )
        with pytest.raises(ConversionError, match=r"Amharic \(am, Ethi script\)"):
            out_pdf.check_script("am")
        out_pdf.check_script("fr")  # Latin needs nothing but Typst's own font
    finally:
        out_pdf.font_dirs.cache_clear()


# ----------------------------------------------------------------------------- French


def test_french_pack_speaks_french(built: Built) -> None:
    pack = built.pack("SN")
    readme = (pack / "README.txt").read_text(encoding="utf-8")
    assert "Dossier de formation pour Sénégal (SN)" in readme
    assert "Cadre de normes SAFE" in readme.splitlines()[0]
    csv = (pack / "schedule.csv").read_text(encoding="utf-8").splitlines()
    assert re.search(r",(lundi|mardi|mercredi|jeudi|vendredi),", csv[1])
    text = pdf_text(pack / "trainee" / "handbook.pdf")
    assert "Sénégal" in text and "Senegal" not in text
    assert re.search(
        r"\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre"
        r"|octobre|novembre|décembre) 20\d\d",
        text,
    )
    assert not re.search(r"(lundi|mardi|mercredi|jeudi|vendredi) 20\d\d-\d\d-\d\d", text)
    assert "Réponse\u202f:" in text or "Réponse :" in text
    assert "Réponse:" not in text and "Durée:" not in text


def test_fallback_chapters_are_tagged_english(built: Built) -> None:
    """In every shipped pack with untranslated chapters, those chapters are tagged English inside
    a book tagged with the pack's language."""
    codes = [c for c, content in built.contents.items() if content.fallbacks]
    assert codes, "no shipped pack has an untranslated module to test with"
    for code in codes:
        _check_fallback_tags(built, code)


def _check_fallback_tags(built: Built, code: str) -> None:
    content = built.contents[code]
    fallback = next(m for m in content.modules if m.fallback)
    with zipfile.ZipFile(built.pack(code) / "trainee" / "handbook.epub") as z:
        chapter = z.read(f"EPUB/text/m{fallback.number:03d}.xhtml").decode("utf-8")
    assert f'xml:lang="{content.lang}"' in chapter.split("<body", 1)[0]
    assert 'lang="en" xml:lang="en"' in chapter
    with zipfile.ZipFile(built.pack(code) / "trainee" / "handbook.docx") as z:
        document = z.read("word/document.xml").decode("utf-8")
    assert '<w:lang w:val="en" />' in document
