"""The site on a phone, on a slow link, with progress that guides and a certificate at the end.

Browser tests (Playwright, Chromium's mobile emulation) over the built shipped site: no page
scrolls sideways at 360 px, tap targets of 44 px, axe-core finds nothing (every impact) on each
kind of page in each language at 360 and 1366 px and with the search dialog open, the search
index waits until search is opened, the home page says where to continue, the sidebar ticks
done modules, and a certificate made in the browser passes ``curriculum verify``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from click.testing import CliRunner
from playwright.sync_api import Browser, Page, expect

from builder.cli import main
from tests.site.site_support import ROOT, BuiltSite

pytestmark = pytest.mark.browser

PHONE = {
    "viewport": {"width": 360, "height": 740},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A page in Chromium's mobile emulation, 360 px wide."""
    context = browser.new_context(**PHONE)  # type: ignore[arg-type]
    yield context.new_page()
    context.close()


def all_pages(built: BuiltSite) -> list[str]:
    """Return every page of the built site, relative to its root."""
    return sorted(p.relative_to(built.path).as_posix() for p in built.path.rglob("*.html"))


def overflow(page: Page) -> list[str]:
    """Return the elements sticking out of the viewport on the right (empty when none)."""
    return list(
        page.evaluate(
            """() => {
              const w = document.documentElement.clientWidth, out = [];
              if (document.documentElement.scrollWidth <= w) return out;
              document.querySelectorAll('body *').forEach(e => {
                const r = e.getBoundingClientRect();
                if (r.width && r.right > w + 1) out.push(e.tagName + '.' + e.className);
              });
              return out.slice(0, 5);
            }"""
        )
    )


def test_no_page_scrolls_sideways_on_a_phone(phone: Page, built: BuiltSite) -> None:
    wide = {}
    for path in all_pages(built):
        phone.goto(built.url + path)
        if phone.locator(".cur-check").count():  # feedback of a checked quiz fits too
            phone.locator(".cur-check").click()
        found = overflow(phone)
        if found:
            wide[path] = found
    assert not wide, wide


def test_match_rows_stack_and_tap_targets_are_44px(phone: Page, built: BuiltSite) -> None:
    match_pages = [
        p
        for p in all_pages(built)
        if "/modules/" in f"/{p}" and '"type":"match"' in (built.path / p).read_text("utf-8")
    ]
    assert match_pages, "the shipped curriculum has match questions"
    phone.goto(built.url + match_pages[0])
    row = phone.locator(".cur-match-row").first
    label, select = row.locator("label").bounding_box(), row.locator("select").bounding_box()
    assert label and select and select["y"] >= label["y"] + label["height"] - 1  # stacked
    assert select["x"] + select["width"] <= 360
    small = phone.evaluate(
        """() => Array.from(document.querySelectorAll(
              'article button, article select, article input[type=text], article .md-button,'
              + ' .cur-option label'))
            .filter(e => e.offsetParent && e.getBoundingClientRect().height < 44)
            .map(e => e.outerHTML.slice(0, 80))"""
    )
    assert not small


def test_tables_scroll_in_a_keyboard_region(phone: Page, built: BuiltSite) -> None:
    phone.goto(built.url + "standards.html")
    region = phone.locator(".md-typeset__scrollwrap").first
    expect(region).to_have_attribute("tabindex", "0")
    expect(region).to_have_attribute("role", "region")
    labels = phone.locator(".md-typeset__scrollwrap").evaluate_all(
        "els => els.map(e => e.getAttribute('aria-label'))"
    )
    assert len(set(labels)) == len(labels)


def page_kinds(built: BuiltSite) -> list[str]:
    """Return one page of each kind in each language section (and the source's other pages)."""
    langs = ["", *(f"{lg}/" for lg in ("fr", "es", "ar") if (built.path / lg).is_dir())]
    kinds = ["index.html", "map.html", "standards.html", "progress.html", "authoring.html"]
    kinds += ["countries/index.html", "countries/SN.html", "tracks/pillar-1/index.html"]
    for lg in langs:
        kinds += [f"{lg}modules/p1-risk-management.html", f"{lg}certificate.html"]
        kinds += [f"{lg}modules/supply-chain-security-basics.html"]  # translated everywhere
        kinds += [f"{lg}glossary.html"] if (built.path / f"{lg}glossary.html").exists() else []
        kinds += [f"{lg}index.html"] if lg else []
    return [k for k in kinds if (built.path / k).exists()]


@pytest.mark.parametrize("width", [360, 1366])
def test_no_axe_violation_of_any_impact(browser: Browser, built: BuiltSite, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    axe, found = Axe(), {}
    for path in page_kinds(built):
        page.goto(built.url + path)
        page.wait_for_timeout(200)
        result = axe.run(page)
        if result.violations_count:
            found[path] = result.generate_report()
    context.close()
    assert not found, found


def test_search_dialog_is_named_and_clean(page: Page, built: BuiltSite) -> None:
    page.goto(built.url + "modules/p1-risk-management.html")
    page.locator(".md-search__input").first.click()
    page.locator(".md-search__input").press_sequentially("risk", delay=10)
    expect(page.locator(".md-search-result__list li").first).to_be_visible(timeout=10000)
    dialog = page.locator(".md-search[role='dialog']")
    assert dialog.get_attribute("aria-label")
    result = Axe().run(page)
    assert result.violations_count == 0, result.generate_report()


def test_labels_are_escaped_once(built: BuiltSite) -> None:
    for path in all_pages(built):
        text = (built.path / path).read_text(encoding="utf-8")
        assert "&amp;#x27;" not in text and "&amp;amp;" not in text and "&amp;quot;" not in text


# ----------------------------------------------------------------------------- slow links


def test_search_index_waits_until_search_is_opened(page: Page, built: BuiltSite) -> None:
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    page.goto(built.url + "modules/p1-risk-management.html")
    page.wait_for_load_state("load")
    page.wait_for_timeout(1500)
    assert not [u for u in asked if "search_index" in u]
    page.locator(".md-search__input").first.focus()
    page.locator(".md-search__input").press_sequentially("risk", delay=10)
    expect(page.locator(".md-search-result__list li").first).to_be_visible(timeout=10000)
    assert [u for u in asked if u.endswith("search/search_index.json")]


def test_no_source_maps_unused_scripts_or_languages(built: BuiltSite) -> None:
    assert not list(built.path.rglob("*.map"))
    lunr = built.path / "assets" / "javascripts" / "lunr"
    assert not (lunr / "wordcut.js").exists() and not (lunr / "tinyseg.js").exists()
    stemmers = {p.name for p in (lunr / "min").glob("lunr.??.min.js")}
    languages = yaml.safe_load((ROOT / "curriculum" / "programme.yml").read_text())["languages"]
    assert stemmers <= {f"lunr.{lang}.min.js" for lang in languages}  # the programme's only
    bundle = next((built.path / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert Path(f"{bundle}.br").is_file() and Path(f"{bundle}.gz").is_file()


# ----------------------------------------------------------------------------- progress


def store_progress(page: Page, modules: dict[str, Any]) -> None:
    """Put progress into the site's localStorage, as the quiz script keeps it."""
    page.evaluate(
        """(modules) => localStorage.setItem(window.CURRICULUM.key, JSON.stringify(
             {format: 'safe-curriculum-progress', version: 1,
              programme: window.CURRICULUM.programme, modules: modules}))""",
        modules,
    )


def test_home_continues_where_the_trainee_left_off(page: Page, built: BuiltSite) -> None:
    order = list(built.result.order)
    page.goto(built.url + "index.html")
    expect(page.locator("#cur-continue a")).to_have_attribute("href", f"modules/{order[0]}.html")
    store_progress(page, {order[0]: {"passed": True, "best": 90}})
    page.reload()
    box = page.locator("#cur-continue")
    expect(box).to_contain_text("1 of")
    assert order[0] not in (box.locator("a").get_attribute("href") or "")
    expect(page.locator("article")).to_contain_text("The whole course:")
    page.goto(built.url + f"modules/{order[1]}.html")
    tick = page.locator(f".md-nav__link[href$='{order[0]}.html'] .cur-nav-done")
    expect(tick).to_contain_text("done")
    expect(page.locator("a.cur-to-quiz, .cur-to-quiz a")).to_have_attribute("href", "#cur-quiz")
    page.goto(built.url + "map.html")
    expect(page.locator(f".cur-map-status[data-module='{order[0]}']")).to_contain_text("Done")


def test_certificate_made_in_the_browser_passes_verify(
    page: Page, built: BuiltSite, tmp_path: Path
) -> None:
    cur = built.result.curriculum
    assert cur is not None
    page.goto(built.url + "certificate.html")
    data = json.loads(page.locator("#cur-cert-data").text_content() or "{}")
    track = data["tracks"][0]
    page.locator("#cur-cert-name").fill("Amélie  N'Diaye <b>")
    page.locator("#cur-cert-track").select_option(track["id"])
    page.locator("#cur-cert-make").click()
    expect(page.locator("#cur-cert-status")).to_contain_text(str(len(track["modules"])))
    store_progress(
        page, {m["id"]: {"passed": True, "best": 80 + i} for i, m in enumerate(track["modules"])}
    )
    page.reload()
    page.locator("#cur-cert-name").fill("Amélie  N'Diaye <b>")
    page.locator("#cur-cert-track").select_option(track["id"])
    page.locator("#cur-cert-make").click()
    cert = page.locator(".cur-certificate")
    expect(cert).to_contain_text("Amélie N'Diaye <b>")
    expect(cert).to_contain_text("not the result of an invigilated exam")
    progress = page.evaluate("JSON.parse(localStorage.getItem(window.CURRICULUM.key))")
    code = progress["certificates"][0]["code"]
    expect(cert.locator(".cur-cert-code")).to_have_text(code)
    path = tmp_path / "progress.json"
    path.write_text(json.dumps(progress), encoding="utf-8")
    ok = CliRunner().invoke(main, ["verify", str(path), "--root", str(built.root)])
    assert ok.exit_code == 0, ok.output
    assert f"certificate {code}: valid" in ok.output and "invigilated" in ok.output
    progress["modules"][track["modules"][0]["id"]]["passed"] = False
    path.write_text(json.dumps(progress), encoding="utf-8")
    bad = CliRunner().invoke(main, ["verify", str(path)])
    assert bad.exit_code == 1 and "not passed in this progress file" in bad.output


# ----------------------------------------------------------------------------- pack links


def test_pack_links_work_over_http_and_from_files(page: Page, fresh_copy: Path) -> None:
    from tests.site.site_support import build_and_serve

    trainee = fresh_copy / "build" / "packs" / "SN" / "trainee"
    trainee.mkdir(parents=True)
    (trainee / "handbook.html").write_text("<p>handbook</p>", encoding="utf-8")
    (trainee / "handbook.pdf").write_bytes(b"%PDF-1.4 fake")
    (fresh_copy / "build" / "packs" / "SN-1.0.0.zip").write_bytes(b"zip with answer keys")
    built = build_and_serve(fresh_copy, fresh_copy / "build" / "site")
    page.goto(built.url + "countries/SN.html")
    links = page.locator("ul.cur-pack a")
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    assert hrefs == ["../packs/SN/trainee/handbook.html", "../packs/SN/trainee/handbook.pdf"]
    for href in hrefs:  # over http, from inside the site: no ../../ out of the server root
        response = page.request.get(built.url + "countries/" + href)
        assert response.status == 200
    page.goto((built.path / "countries" / "SN.html").as_uri())
    page.locator("ul.cur-pack a").first.click()
    expect(page.locator("body")).to_contain_text("handbook")
    assert not list(built.path.rglob("*.zip"))  # the whole pack (instructor files) stays out


def test_without_a_built_pack_no_dead_link(built: BuiltSite) -> None:
    text = (built.path / "countries" / "SN.html").read_text(encoding="utf-8")
    assert "../../packs/" not in text
