"""Each format is valid for the tools that read it: epubcheck, QTI schema, PDF, DOCX, iCalendar."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.packs.conftest import Built
from tests.requirements import require

EPUBCHECK = Path("/usr/share/java/epubcheck.jar")


def _epubcheck(path: Path) -> subprocess.CompletedProcess[str]:
    require(
        shutil.which("java") is not None and EPUBCHECK.is_file(),
        "epubcheck: java and /usr/share/java/epubcheck.jar (Debian package epubcheck)",
    )
    return subprocess.run(
        ["java", "-jar", str(EPUBCHECK), str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="session")
def epubcheck_reports(built: Built) -> dict[str, subprocess.CompletedProcess[str]]:
    """Run epubcheck on every sample handbook, two at a time (each run starts a JVM)."""
    from concurrent.futures import ThreadPoolExecutor

    codes = sorted(built.contents)
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(
            pool.map(lambda c: _epubcheck(built.pack(c) / "trainee" / "handbook.epub"), codes)
        )
    return dict(zip(codes, runs, strict=True))


def test_epubcheck_reports_no_error(
    epubcheck_reports: dict[str, subprocess.CompletedProcess[str]], code: str
) -> None:
    run = epubcheck_reports[code]
    report = run.stdout + run.stderr
    assert run.returncode == 0, report
    assert re.search(r"0 fatals / 0 errors", report), report


def test_epub_is_packaged_as_the_spec_says(built: Built, code: str) -> None:
    with zipfile.ZipFile(built.pack(code) / "trainee" / "handbook.epub") as z:
        first = z.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert z.read("mimetype") == b"application/epub+zip"
        opf = z.read("EPUB/package.opf").decode()
    content = built.contents[code]
    assert f"<dc:language>{content.lang}</dc:language>" in opf
    assert f"{content.source_date.isoformat()}T00:00:00Z" in opf


def test_qti_package_validates(built: Built, code: str, qti_schemas: tuple[Any, Any]) -> None:
    qti, cp = qti_schemas
    with zipfile.ZipFile(built.pack(code) / "instructor" / "lms" / "qti21.zip") as z:
        names = z.namelist()
        assert "imsmanifest.xml" in names
        cp.validate(io.BytesIO(z.read("imsmanifest.xml")))
        manifest = z.read("imsmanifest.xml").decode()
        for name in names:
            if name != "imsmanifest.xml":
                qti.validate(io.BytesIO(z.read(name)))
                assert f'href="{name}"' in manifest, f"{name} is not in the manifest"
    content = built.contents[code]
    items = [n for n in names if n.startswith("items/")]
    assert len(items) == sum(len(q.questions) for q in content.quizzes)
    scope = f"{content.code}-{content.lang}"
    assert {f"tests/T-{scope}-{q.id}.xml" for q in content.quizzes} == {
        n for n in names if n.startswith("tests/")
    }


def test_qti_uses_the_documented_interactions(built: Built, qti_schemas: tuple[Any, Any]) -> None:
    kinds = {"choiceInteraction", "textEntryInteraction", "matchInteraction", "orderInteraction"}
    seen: set[str] = set()
    with zipfile.ZipFile(built.pack("SN") / "instructor" / "lms" / "qti21.zip") as z:
        for name in z.namelist():
            text = z.read(name).decode()
            seen |= {k for k in kinds if f"<{k}" in text}
            if (
                '<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="float"'
                in text
            ):
                assert "<equal" in text
    assert seen == kinds


def test_pdf_fonts_embedded_and_text_extractable(built: Built, code: str) -> None:
    from pypdf import PdfReader

    for path in (
        built.pack(code) / "trainee" / "handbook.pdf",
        built.pack(code) / "instructor" / "guide.pdf",
    ):
        reader = PdfReader(str(path))
        fonts = _fonts(reader)
        assert fonts, f"{path.name}: no font"
        for name, descriptor in fonts.items():
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), (
                f"{path.name}: {name} not embedded"
            )
        page = reader.pages[0]
        assert (
            round(float(page.mediabox.width)) == 595 and round(float(page.mediabox.height)) == 842
        )  # A4
        text = reader.pages[0].extract_text()
        assert built.contents[code].plan.name in text


def _fonts(reader: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            for f in [font, *[d.get_object() for d in font.get("/DescendantFonts", [])]]:
                if "/FontDescriptor" in f:
                    out[str(f.get("/BaseFont"))] = f["/FontDescriptor"].get_object()
    return out


def test_docx_opens_and_has_fixed_core_properties(built: Built, code: str) -> None:
    import docx

    content = built.contents[code]
    for path in (
        built.pack(code) / "trainee" / "handbook.docx",
        built.pack(code) / "instructor" / "guide.docx",
    ):
        d = docx.Document(str(path))
        assert d.core_properties.created is not None
        assert d.core_properties.created.date() == content.source_date
        assert round(d.sections[-1].page_width.cm, 1) == 21.0
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml").decode()
        marks = set(re.findall(r'w:bookmarkStart w:id="\d+" w:name="([^"]+)"', xml))
        dangling = set(re.findall(r'w:anchor="([^"]+)"', xml)) - marks
        assert not dangling, f"{path.name}: links to missing bookmarks {sorted(dangling)}"


def test_ics_events_fall_on_delivery_days(built: Built, code: str) -> None:
    import icalendar

    plan = built.result.course.plan(code)
    data = (built.pack(code) / "schedule.ics").read_bytes()
    cal = icalendar.Calendar.from_ical(data)
    assert cal.walk("VTIMEZONE"), "no VTIMEZONE"
    events = cal.walk("VEVENT")
    sessions = [s for d in plan.days for s in d.sessions]
    assert len(events) == len(sessions)
    days = {d.date for d in plan.days}
    uids = set()
    for ev, s in zip(events, sessions, strict=True):
        start = ev["DTSTART"].dt
        assert isinstance(start, dt.datetime) and start.tzinfo is not None
        assert str(getattr(start.tzinfo, "key", start.tzinfo)) == plan.timezone
        assert start.date() in days
        assert (
            start.replace(tzinfo=None) == s.start and ev["DTEND"].dt.replace(tzinfo=None) == s.end
        )
        uids.add(str(ev["UID"]))
    assert len(uids) == len(events)
    assert f";TZID={plan.timezone}:".encode() in data


def test_schedule_csv_matches_the_plan(built: Built, code: str) -> None:
    plan = built.result.course.plan(code)
    rows = list(
        csv.DictReader(io.StringIO((built.pack(code) / "schedule.csv").read_text(encoding="utf-8")))
    )
    sessions = [s for d in plan.days for s in d.sessions]
    assert [(r["date"], r["start"], r["module"]) for r in rows] == [
        (s.start.date().isoformat(), f"{s.start:%H:%M}", s.module) for s in sessions
    ]


def test_running_header_names_the_chapter_from_its_first_page(built: Built) -> None:
    from pypdf import PdfReader

    content = built.contents["NG"]
    pages = [
        " ".join((p.extract_text() or "").split()).replace("\u2019", "'").replace("\u2018", "'")
        for p in PdfReader(str(built.pack("NG") / "trainee" / "handbook.pdf")).pages
    ]
    assert content.labels("contents") in pages[1]  # the contents page
    for m in content.modules:
        title = f"{m.number}. {m.title}"
        first = next(i for i, text in enumerate(pages) if i > 1 and text.count(title) >= 1)
        # The chapter's own first page: its title in the running header and as its heading.
        assert pages[first].count(title) == 2, f"page {first + 1}: {pages[first][:200]!r}"
