"""Hostile author text is shown as text everywhere and breaks nothing.

The curriculum is the minimal payload curriculum of ``tests/site/site_payload.py`` with the harder
corpus of ``trust_support.HOSTILE`` added (script, img/onerror, svg/onload, svg/script, iframe
and anchor with ``javascript:``, details/ontoggle, broken HTML, ``javascript:`` Markdown links
and images, an entity-obfuscated one, autolinks, U+202E, a 20,000-character line) in module
bodies, titles, summaries, objectives, quiz prompts, options, feedback, explanations, pairs,
items, an exam, and the country's administration and notes. Its site and its one pack (SN) are
built once for the module.
"""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.requirements import require

sys.path.insert(0, str(Path(__file__).resolve().parent))

from trust_support import (
    ANGLE_LINK,
    LONG_LINE,
    RLO,
    build_packs_cached,
    find_leaks,
    haystacks,
    secret_needles,
    serve_folder,
    write_hostile,
)

from builder.site.build import build_site
from builder.validate.orchestrator import CheckResult, check_curriculum

CURRICULUM = Path(sys.executable).parent / "curriculum"
EPUBCHECK = Path("/usr/share/java/epubcheck.jar")
#: As in tests/packs/conftest.py (qti_schemas): the QTI 2.1 and IMS CP schemas beside the project.
SCHEMAS = Path(__file__).resolve().parents[2] / ".." / "shared" / "schemas" / "qti-2.1"
JS_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
URL_ATTRS = {
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "background",
    "data",
    "srcdoc",
}


@dataclass(frozen=True)
class Hostile:
    """The hostile curriculum, checked, with its site and SN pack built and served."""

    root: Path
    result: CheckResult
    site: Path
    pack: Path
    site_url: str
    packs_url: str

    def html_files(self) -> list[Path]:
        """Every HTML page a trainee opens: the site, the mini-site, handbook.html."""
        trainee = self.pack / "trainee"
        return (
            sorted(self.site.rglob("*.html"))
            + sorted((trainee / "site").rglob("*.html"))
            + [trainee / "handbook.html"]
        )

    def url(self, path: Path) -> str:
        """The localhost URL of a built page."""
        if path.is_relative_to(self.site):
            return self.site_url + path.relative_to(self.site).as_posix()
        return self.packs_url + path.relative_to(self.pack.parent).as_posix()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Hostile:
    root = write_hostile(tmp_path_factory.mktemp("trust-hostile") / "curriculum")
    result = check_curriculum(root)
    assert result.ok(), [d.to_text() for d in result.diagnostics if ": error:" in d.to_text()]
    site = root / "build" / "site"
    build_site(result.course, root, site)
    cache = getattr(request.config, "cache", None)
    store = cache.mkdir("trust-pack-fragments") if cache is not None else None
    build_packs_cached(result, root, ["SN"], root / "build" / "packs", store, jobs=1)
    packs = root / "build" / "packs"
    return Hostile(
        root, result, site, packs / "SN", serve_folder(str(site)), serve_folder(str(packs))
    )


# --------------------------------------------------------------------------- curriculum check


def test_check_flags_raw_html_and_does_not_crash(hostile: Hostile) -> None:
    run = subprocess.run(
        [str(CURRICULUM), "check", "--format", "json", str(hostile.root)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    found = json.loads(run.stdout)["diagnostics"]
    assert not [d for d in found if d["severity"] == "error"]
    flagged = {d["path"] for d in found if d["code"] == "body.raw-html"}
    # every body that carries raw HTML, and the YAML files whose text values carry it
    assert {"modules/m-one.md", "modules/m-two.md", "modules/m-one.fr.md"} <= flagged
    assert any(p.startswith("quizzes/") for p in flagged)
    assert "curriculum/countries/SN.yml" in flagged
    messages = " ".join(d["message"] for d in found if d["code"] == "body.raw-html")
    for tag in (
        "<script>",
        "<img src=x",
        "<svg onload=",
        "<iframe",
        "<details",
        "<div>",
        "<javascript:",
    ):
        assert tag in messages, tag
    text = subprocess.run(
        [str(CURRICULUM), "check", str(hostile.root)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert text.returncode == 0 and "Traceback" not in text.stderr
    assert "[body.raw-html]" in text.stderr and re.search(r"0 errors, \d+ warnings", text.stderr)


def test_angle_bracket_link_destination_does_not_break_the_site(tmp_path: Path) -> None:
    import site_payload

    root = site_payload.write_minimal(tmp_path / "c")
    module = root / "modules" / "m-two.md"
    module.write_text(
        module.read_text(encoding="utf-8").replace(
            "Second module.", f"Second [benign](<https://example.org/a>) {ANGLE_LINK}."
        ),
        encoding="utf-8",
    )
    result = check_curriculum(root)
    assert result.ok()
    build_site(result.course, root, tmp_path / "site")


# --------------------------------------------------------------------------- the built files


class _Active(HTMLParser):
    """Collect what a browser could run: event handlers, script URLs, executable script text,
    and elements that only author HTML could have made."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("iframe", "object", "embed") or (tag == "img" and ("src", "x") in attrs):
            self.problems.append(f"<{tag}> element {attrs}")
        for name, value in attrs:
            v = value or ""
            if name.startswith("on") and "__xss" in v:
                self.problems.append(f"<{tag} {name}={v[:60]}>")
            if name in URL_ATTRS and re.match(
                r"^\s*(javascript|vbscript|data):", html.unescape(v).replace("\x00", ""), re.I
            ):
                self.problems.append(f"<{tag} {name}={v[:60]}>")
        if tag == "script":
            kind = (dict(attrs).get("type") or "").strip().lower()
            self._script = "" if kind in JS_TYPES else None

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            if "__xss" in self._script:
                self.problems.append(f"executable script: {self._script[:80]}")
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script += data


def _active(markup: str) -> list[str]:
    p = _Active()
    p.feed(markup)
    p.close()
    return p.problems


def test_built_pages_carry_no_active_markup(hostile: Hostile) -> None:
    planted = (
        '<p>x<img src=x onerror="window.__xss=1"><a href=" '
        'jav&#x61;script:x">a</a><script>window.__xss=2</script></p>'
    )
    assert len(_active(planted)) == 4, "the detector itself must see planted markup"
    pages = hostile.html_files()
    assert len(pages) >= 15
    problems = [f"{p}: {x}" for p in pages for x in _active(p.read_text(encoding="utf-8"))]
    with zipfile.ZipFile(hostile.pack / "trainee" / "handbook.epub") as z:
        problems += [
            f"epub {n}: {x}"
            for n in z.namelist()
            if n.endswith(".xhtml")
            for x in _active(z.read(n).decode("utf-8"))
        ]
    assert not problems, "\n".join(problems[:20])
    module = (hostile.site / "modules" / "m-two.html").read_text(encoding="utf-8")
    assert "<script>window.__xss='script'</script>" in html.unescape(module)  # shown, as text
    assert RLO.strip("\u202c") in html.unescape(module)
    handbook = (hostile.pack / "trainee" / "handbook.html").read_text(encoding="utf-8")
    assert LONG_LINE[:200] in handbook


def test_hostile_exam_and_instructor_text_stay_out_of_trainee_files(hostile: Hostile) -> None:
    cur = hostile.result.curriculum
    assert cur is not None
    needles = secret_needles(cur)
    assert len(needles.by_key) >= 3, needles.report()
    hay = haystacks([("site", hostile.site), ("SN", hostile.pack / "trainee")], jobs=1)
    leaks = find_leaks(needles.by_key, hay)
    assert not leaks, leaks[:5]


def test_epub_passes_epubcheck(hostile: Hostile) -> None:
    require(
        shutil.which("java") is not None and EPUBCHECK.is_file(),
        "epubcheck: java and /usr/share/java/epubcheck.jar (Debian package epubcheck)",
    )
    run = subprocess.run(
        ["java", "-jar", str(EPUBCHECK), str(hostile.pack / "trainee" / "handbook.epub")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = run.stdout + run.stderr
    assert run.returncode == 0, report
    assert re.search(r"0 fatals / 0 errors", report), report


def test_lms_exports_are_valid(hostile: Hostile) -> None:
    import xmlschema

    require((SCHEMAS / "qtiv2p1" / "imsqti_v2p1.xsd").is_file(), f"QTI schemas in {SCHEMAS}")
    qti = xmlschema.XMLSchema(str(SCHEMAS / "qtiv2p1" / "imsqti_v2p1.xsd"))
    cp = xmlschema.XMLSchema(str(SCHEMAS / "imscp_v1p1.xsd"))
    lms = hostile.pack / "instructor" / "lms"
    with zipfile.ZipFile(lms / "qti21.zip") as z:
        names = z.namelist()
        cp.validate(io.BytesIO(z.read("imsmanifest.xml")))
        items = [n for n in names if n != "imsmanifest.xml"]
        assert any(n.startswith("items/") for n in items) and any(
            n.startswith("tests/") for n in items
        )
        for name in items:
            qti.validate(io.BytesIO(z.read(name)))
        text = "".join(z.read(n).decode("utf-8") for n in items)
    assert "window.__xss" in text  # the hostile text is there, as text
    ET.parse(lms / "moodle.xml")  # well-formed despite the payloads


# --------------------------------------------------------------------------- in the browser


def _interact(page: Any) -> None:
    """Answer whatever quiz the page has (every option ticked, text typed, selects changed) and
    check it, so that feedback and explanations are rendered too."""
    page.evaluate(
        """() => {
        for (const el of document.querySelectorAll('input[type=radio], input[type=checkbox]')) el.click();
        for (const el of document.querySelectorAll('input[type=text], input:not([type])')) {
            el.value = 'x'; el.dispatchEvent(new Event('input', {bubbles: true}));
        }
        for (const el of document.querySelectorAll('select')) {
            if (el.options.length > 1) { el.selectedIndex = el.options.length - 1; el.dispatchEvent(new Event('change', {bubbles: true})); }
        }
        const checks = [...document.querySelectorAll('.cur-check, button[type=submit]')];
        const before = checks.map(el => el.textContent);
        for (const el of checks) el.click();
        // A quiz with unanswered questions first warns; the same button then reads "Check anyway".
        checks.forEach((el, i) => { if (el.textContent !== before[i]) el.click(); });
        for (const el of document.querySelectorAll('details')) el.open = true;
    }"""
    )
    page.wait_for_timeout(50)


@pytest.mark.browser
def test_no_script_runs_in_any_page(page: Any, hostile: Hostile) -> None:
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_content(
        '<p>control</p><img src=x onerror="window.__xss=1"><script>alert("control")</script>'
    )
    page.wait_for_timeout(100)
    assert page.evaluate("window.__xss") == 1 and dialogs == ["alert: control"], (
        "the browser check itself must see a planted script"
    )
    dialogs.clear()
    pages = hostile.html_files()
    checked = 0
    for path in pages:
        page.goto(hostile.url(path))
        assert page.evaluate("typeof window.__xss") == "undefined", f"script ran on load: {path}"
        _interact(page)
        assert page.evaluate("typeof window.__xss") == "undefined", (
            f"script ran after answering: {path}"
        )
        if path.name == "m-one.html":  # the hostile feedback was rendered, as text
            shown = page.locator(".cur-option-feedback, .cur-explanation, .feedback").filter(
                has_text="window.__xss"
            )
            assert shown.count() > 0, f"no feedback shown on {path}"
            checked += 1
    assert checked == 3, "feedback checked on the site's m-one pages (en, fr) and the mini-site's"
    page.goto(hostile.site_url + "index.html")
    page.locator(".md-search__input").first.click()
    page.locator(".md-search__input").fill("hostile")
    page.wait_for_timeout(800)
    assert page.evaluate("typeof window.__xss") == "undefined", "script ran in search results"
    assert not dialogs, dialogs
    assert not errors, errors
