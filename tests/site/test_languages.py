"""Every language a first-class site: French and Arabic sections whole, tagged and switchable."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from builder.i18n import strings
from tests.site.site_support import BuiltSite


class _Text(HTMLParser):
    """Collect the visible text of a page with the language of the element it is in."""

    SKIP = frozenset({"script", "style", "svg", "title"})
    VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str]] = []
        self.skip = 0
        self.runs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        lang = dict(attrs).get("lang") or (self.stack[-1][1] if self.stack else "")
        self.stack.append((tag, lang or ""))
        self.skip += tag in self.SKIP

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            t, _ = self.stack.pop()
            self.skip -= t in self.SKIP
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.skip and data.strip():
            self.runs.append((self.stack[-1][1] if self.stack else "", data.strip()))


def runs(path: Path) -> list[tuple[str, str]]:
    """Return ``(language, text)`` of every text run of a page."""
    p = _Text()
    p.feed(path.read_text(encoding="utf-8"))
    return p.runs


def english_interface() -> set[str]:
    """Return the English interface strings that have no placeholder and are words (not ids)."""
    out = set()
    for section in strings.SECTIONS:
        for key, text in strings.table("en", section).items():
            if "{" in text or len(text) < 8 or not re.search(r"[a-z]{3}", text):
                continue
            if strings.table("fr", section).get(key) == text:
                continue  # the same in French (a proper name or a code)
            out.add(text)
    return out


def french_pages(built: BuiltSite) -> list[Path]:
    return sorted((built.path / "fr").rglob("*.html"))


def test_french_section_has_every_page(built: BuiltSite) -> None:
    fr = built.path / "fr"
    for name in ("index", "map", "standards", "progress", "countries/index", "countries/SN"):
        assert (fr / f"{name}.html").is_file(), name
    assert (fr / "tracks" / "foundations" / "index.html").is_file()


def test_no_english_interface_string_on_a_french_page(built: BuiltSite) -> None:
    english = english_interface()
    assert "My progress" in english and "Learning path" in english
    for page in french_pages(built):
        for lang, text in runs(page):
            if lang != "fr":
                continue  # fallback content, tagged with its own language
            assert text not in english, f"{page.relative_to(built.path)}: {text!r}"


def test_french_page_names_dates_and_countries_in_french(built: BuiltSite) -> None:
    html = (built.path / "fr" / "countries" / "SN.html").read_text(encoding="utf-8")
    assert "Sénégal" in html
    assert re.search(
        r"\d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre"
        r"|octobre|novembre|décembre) 20\d\d",
        html,
    )
    assert "Région\u202f:" in html  # French spacing before the colon
    home = (built.path / "fr" / "index.html").read_text(encoding="utf-8")
    assert "Fondamentaux" in home and "Foundations</" not in home


def test_every_page_has_a_switcher_to_the_same_page(built: BuiltSite) -> None:
    page = built.path / "fr" / "modules" / "supply-chain-security-basics.html"
    html = page.read_text(encoding="utf-8")
    switch = re.search(r"cur-lang-switch.*?</ul>", html, re.S)
    assert switch, "no language switcher in the header"
    links = dict(re.findall(r'href="([^"]+)" hreflang="(\w+)"', switch.group(0)))
    targets = {lang: href for href, lang in links.items()}
    assert set(targets) == {"en", "fr", "es", "ar"}
    assert targets["en"] == "../../modules/supply-chain-security-basics.html"
    assert targets["ar"] == "../../ar/modules/supply-chain-security-basics.html"
    for href in targets.values():
        assert (page.parent / href).resolve().is_file()
    for other in ("index.html", "map.html", "countries/SN.html", "progress.html"):
        assert "cur-lang-switch" in (built.path / "fr" / other).read_text(encoding="utf-8")


def test_fallback_content_is_tagged_with_its_language(built: BuiltSite) -> None:
    # French and Spanish are complete; Arabic has the Foundations only
    html = (built.path / "ar" / "modules" / "p1-risk-management.html").read_text(encoding="utf-8")
    assert '<html lang="ar"' in html
    assert re.search(r'<h1[^>]*><span lang="en">Risk-management systems</span>', html)
    assert '<div lang="en">' in html
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', html, re.S)
    assert nav and '<span lang="en">' in nav.group(0)


def test_arabic_pages_are_right_to_left(built: BuiltSite) -> None:
    html = (built.path / "ar" / "modules" / "supply-chain-security-basics.html").read_text(
        encoding="utf-8"
    )
    assert '<html lang="ar"' in html and '<body dir="rtl"' in html
    assert "أمن سلسلة الإمداد وتيسير التجارة" in html
    assert "<title>أمن سلسلة الإمداد وتيسير التجارة - منهج سيف</title>" in html


def test_a_page_shows_only_its_language_navigation(built: BuiltSite) -> None:
    html = (built.path / "ar" / "index.html").read_text(encoding="utf-8")
    text = " ".join(t for _, t in runs_of(html))
    assert "تقدمي" in text and "My progress" not in text and "Ma progression" not in text


def runs_of(markup: str) -> list[tuple[str, str]]:
    p = _Text()
    p.feed(markup)
    return p.runs


def test_translators_page_reports_every_language(built: BuiltSite) -> None:
    html = (built.path / "translations.html").read_text(encoding="utf-8")
    for name in ("Français", "Español", "العربية"):
        assert name in html
    assert "Interface strings" in html


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_search_index_has_the_language_pages(built: BuiltSite, lang: str) -> None:
    index = (built.path / "search" / "search_index.json").read_text(encoding="utf-8")
    assert f'"location":"{lang}/modules/supply-chain-security-basics.html' in index
