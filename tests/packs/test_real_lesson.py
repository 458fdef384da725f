"""A real lesson, converted: figures, code, exercises with solutions, lists that start at 2,
Markdown in quiz text, through ``check``, ``site`` and ``pack``.

The lesson (``tests/lesson``) is two episodes of a shell lesson with PNG, JPEG and SVG figures
(also in a French translation), fenced code, an exercise with a nested solution, another with a
hint and a titled solution, ordered lists starting at 2 and 3, the allow-list of inline HTML, a
link of every kind, and multiple-choice questions with code in prompts, options and feedback.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from builder.figures import collect_figures
from builder.packs.build import build_packs
from builder.site.build import build_site
from builder.validate.orchestrator import CheckResult, check_curriculum

LESSON = Path(__file__).resolve().parents[1] / "lesson"
FIGURES = ("filesystem.png", "logo.jpg", "pipeline.svg", "redirect.png", "seating.png")
INSTRUCTOR_FIGURE = "seating.png"  # only in an instructor block
QUIZ_FIGURE = "help.png"  # only in quiz text
ALTS = (
    "A file system drawn as a tree of folders",
    "The lesson logo, a photograph",
    "A command whose output goes to a file",
    "Two commands joined by a pipe",
)
SOLUTION = "long** listing format"  # in the source
SOLUTION_TEXT = "listing format"  # as rendered
CODE_LINES = ("$ ls -F", "Applications/ Desktop/ data-shell/", "$ wc -l *.pdb > lengths.txt")


@dataclass(frozen=True)
class Lesson:
    """The lesson's check result, site and packs."""

    root: Path
    result: CheckResult
    site: Path
    packs: Path


def _build(root: Path, out: Path) -> Lesson:
    result = check_curriculum(root)
    assert result.course is not None, [d.to_text() for d in result.diagnostics]
    build_site(result.course, root, out / "site")
    build_packs(result.course, root, ["KE", "SN"], out / "packs", jobs=1)
    return Lesson(root, result, out / "site", out / "packs")


@pytest.fixture(scope="module")
def lesson(tmp_path_factory: pytest.TempPathFactory) -> Lesson:
    """The lesson as shipped in tests/lesson, built."""
    return _build(LESSON, tmp_path_factory.mktemp("lesson"))


@pytest.fixture(scope="module")
def instructors_only(tmp_path_factory: pytest.TempPathFactory) -> Lesson:
    """The lesson with ``policies.solutions: instructors``, built."""
    root = tmp_path_factory.mktemp("lesson-instr") / "lesson"
    shutil.copytree(LESSON, root)
    programme = root / "curriculum" / "programme.yml"
    text = programme.read_text(encoding="utf-8")
    programme.write_text(text.replace("policies:\n", "policies:\n  solutions: instructors\n"))
    return _build(root, root.parent / "out")


def _zip_text(path: Path, suffix: str = (".xhtml", ".xml")) -> str:  # type: ignore[assignment]
    with zipfile.ZipFile(path) as z:
        return "\n".join(
            z.read(n).decode("utf-8") for n in sorted(z.namelist()) if n.endswith(suffix)
        )


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() or "" for p in PdfReader(str(path)).pages)


def _pdf_images(path: Path) -> list[tuple[int, int]]:
    from pypdf import PdfReader

    out = []
    for page in PdfReader(str(path)).pages:
        xobjects = page["/Resources"].get("/XObject") or {}
        for ref in xobjects.values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                out.append((int(obj["/Width"]), int(obj["/Height"])))
    return out


def test_the_lesson_checks_clean(lesson: Lesson) -> None:
    assert [d.to_text() for d in lesson.result.diagnostics] == []


def test_six_objectives_pass_strict_when_the_programme_says_so(lesson: Lesson) -> None:
    meta = lesson.result.curriculum.modules["shell-intro"].meta  # type: ignore[union-attr]
    assert len(meta.objectives) == 6
    assert not any(d.code == "objective.count" for d in lesson.result.diagnostics)


# --------------------------------------------------------------------------- figures


def test_figures_are_collected_once_with_hashes() -> None:
    texts = [
        (f"modules/{p.name}", p.read_text()) for p in sorted((LESSON / "modules").glob("*.md"))
    ]
    figures = collect_figures(LESSON, texts)
    assert [f.source.rsplit("/", 1)[-1] for f in figures] == sorted(FIGURES)
    sizes = {f.source.rsplit("/", 1)[-1]: (f.width, f.height) for f in figures}
    assert sizes == {
        "filesystem.png": (120, 80),
        "logo.jpg": (16, 16),
        "pipeline.svg": (200, 60),
        "redirect.png": (60, 40),
        "seating.png": (50, 30),
    }
    for f in figures:
        assert f.sha256 == hashlib.sha256((LESSON / f.source).read_bytes()).hexdigest()
        assert f.name.startswith(f"figures/{f.sha256[:16]}-")


def test_every_figure_is_on_the_site_with_its_alt_text(lesson: Lesson) -> None:
    pages = (lesson.site / "modules" / "shell-intro.html").read_text() + (
        lesson.site / "modules" / "shell-pipes.html"
    ).read_text()
    for alt in ALTS:
        img = re.search(rf'<img alt="{re.escape(alt)}" src="([^"]+)"', pages)
        assert img, alt
        assert (lesson.site / "modules" / img.group(1)).resolve().is_file()
    french = (lesson.site / "fr" / "modules" / "shell-intro.html").read_text()
    assert "Un système de fichiers dessiné comme un arbre de dossiers" in french


def _trainee_figures(pack: Path) -> tuple[set[str], str]:
    """Return the output names of the figures trainees see, and the instructor-only one."""
    figures = json.loads((pack / "manifest.json").read_text())["figures"]
    names = {f["source"].rsplit("/", 1)[-1]: f["name"] for f in figures}
    assert set(names) == {*FIGURES, QUIZ_FIGURE}
    instructor = names.pop(INSTRUCTOR_FIGURE)
    return set(names.values()), instructor


def test_every_figure_is_in_every_pack_format(lesson: Lesson) -> None:
    pack = lesson.packs / "KE"
    trainee, _ = _trainee_figures(pack)
    html = (pack / "trainee" / "handbook.html").read_text()
    assert len(set(re.findall(r'<img src="(data:image/[^"]+)"', html))) == 5
    for alt in (*ALTS, "A help page in a terminal"):
        assert f'alt="{alt}"' in html
    with zipfile.ZipFile(pack / "trainee" / "handbook.epub") as z:
        shown = {n.removeprefix("EPUB/") for n in z.namelist() if n.startswith("EPUB/figures/")}
        opf = z.read("EPUB/package.opf").decode()
    assert shown == trainee
    assert opf.count('media-type="image/') == 5
    with zipfile.ZipFile(pack / "trainee" / "handbook.docx") as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        document = z.read("word/document.xml").decode()
        types = z.read("[Content_Types].xml").decode()
    assert len(media) == 5
    assert all(f'descr="{alt}"' in document for alt in ALTS)
    assert 'Extension="png"' in types and 'Extension="svg"' in types
    site = pack / "trainee" / "site"
    assert {f"figures/{p.name}" for p in (site / "figures").iterdir()} == trainee
    for page in ("shell-intro.html", "shell-pipes.html"):
        for src in re.findall(r'<img alt="[^"]+" src="([^"]+)"', (site / page).read_text()):
            assert (site / src).is_file()


def test_an_instructor_figure_reaches_only_the_guide(lesson: Lesson) -> None:
    pack = lesson.packs / "KE"
    _, instructor = _trainee_figures(pack)
    digest = instructor.split("/")[1].split("-")[0]
    for trainee_file in ("handbook.html", "handbook.epub", "handbook.docx", "handbook.pdf"):
        data = (pack / "trainee" / trainee_file).read_bytes()
        assert digest.encode() not in data and b"Seating plan" not in data, trainee_file
    assert not (pack / "trainee" / "site" / instructor).exists()
    assert not list(lesson.site.rglob(instructor.split("/")[1]))
    assert (50, 30) in _pdf_images(pack / "instructor" / "guide.pdf")
    with zipfile.ZipFile(pack / "instructor" / "guide.docx") as z:
        assert 'descr="Seating plan for the exercise"' in z.read("word/document.xml").decode()


def test_pdf_figures_are_embedded_at_their_pixels_at_most(lesson: Lesson) -> None:
    raster = sorted(_pdf_images(lesson.packs / "KE" / "trainee" / "handbook.pdf"))
    # The SVG is drawn as vectors; the quiz's figure is in the quiz and in the answers.
    assert raster == [(16, 16), (40, 20), (40, 20), (60, 40), (120, 80)]


def test_figure_hashes_in_the_manifest_match_the_files(lesson: Lesson) -> None:
    manifest = json.loads((lesson.packs / "KE" / "manifest.json").read_text())
    for entry in manifest["figures"]:
        data = (lesson.root / entry["source"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["bytes"] == len(data)
        listed = manifest["files"].get(f"trainee/site/{entry['name']}")
        if entry["source"].endswith(INSTRUCTOR_FIGURE):
            assert listed is None  # never in a trainee file
            continue
        assert listed["sha256"] == entry["sha256"]
        site_copy = lesson.packs / "KE" / "trainee" / "site" / entry["name"]
        assert site_copy.read_bytes() == data


def test_the_pack_is_identical_when_built_twice(lesson: Lesson, tmp_path: Path) -> None:
    again = _build(lesson.root, tmp_path)
    first = json.loads((lesson.packs / "KE" / "manifest.json").read_text())["files"]
    second = json.loads((again.packs / "KE" / "manifest.json").read_text())["files"]
    assert first == second


# --------------------------------------------------------------------------- code and lists


def test_every_code_block_survives(lesson: Lesson) -> None:
    pack = lesson.packs / "KE"
    outputs = {
        "site": (lesson.site / "modules" / "shell-intro.html").read_text()
        + (lesson.site / "modules" / "shell-pipes.html").read_text(),
        "html": (pack / "trainee" / "handbook.html").read_text(),
        "epub": _zip_text(pack / "trainee" / "handbook.epub"),
        "docx": _zip_text(pack / "trainee" / "handbook.docx"),
        "pdf": _pdf_text(pack / "trainee" / "handbook.pdf"),
    }
    for name, text in outputs.items():
        plain = re.sub(r"<[^>]+>", "", text).replace("&gt;", ">").replace("&amp;", "&")
        for line in CODE_LINES:
            assert line in plain, (name, line)


def test_ordered_lists_keep_their_first_number(lesson: Lesson) -> None:
    site = (lesson.site / "modules" / "shell-intro.html").read_text()
    assert re.search(r'<ol start="2">\s*<li>Open a terminal', site)
    assert '<ol start="3">' in (lesson.site / "modules" / "shell-pipes.html").read_text()
    handbook = (lesson.packs / "KE" / "trainee" / "handbook.html").read_text()
    assert '<ol start="2"' in handbook and '<ol start="3"' in handbook
    pdf = _pdf_text(lesson.packs / "KE" / "trainee" / "handbook.pdf")
    assert re.search(r"2\.\s*Open a terminal", pdf)
    with zipfile.ZipFile(lesson.packs / "KE" / "trainee" / "handbook.docx") as z:
        numbering = z.read("word/numbering.xml").decode()
    assert '<w:start w:val="2"' in numbering


# --------------------------------------------------------------------------- solutions


def test_solutions_hide_behind_a_disclosure_on_the_site(lesson: Lesson) -> None:
    page = (lesson.site / "modules" / "shell-intro.html").read_text()
    details = re.search(r'<details class="success solution">(.*?)</details>', page, re.S)
    assert details and "<summary>Show solution</summary>" in details.group(1)
    assert SOLUTION_TEXT in details.group(1)
    assert "Spend ten minutes" not in page  # the instructor block


def test_solutions_end_the_handbook_chapter_and_stay_in_place_in_the_guide(lesson: Lesson) -> None:
    pack = lesson.packs / "KE"
    handbook = (pack / "trainee" / "handbook.html").read_text()
    solutions = handbook.index('id="shell-intro-solutions"')
    assert handbook.index(SOLUTION_TEXT) > solutions
    assert handbook.index("Exploring <code>ls</code> flags") < solutions
    guide = (
        (pack / "instructor" / "guide.html").read_text()
        if (pack / "instructor" / "guide.html").exists()
        else _pdf_text(pack / "instructor" / "guide.pdf")
    )
    assert SOLUTION_TEXT in guide
    assert SOLUTION_TEXT in _zip_text(pack / "instructor" / "guide.docx")


def test_solutions_kept_for_instructors_reach_no_trainee_output(instructors_only: Lesson) -> None:
    pack = instructors_only.packs / "KE"
    trainee = {
        "site": "".join(p.read_text() for p in instructors_only.site.rglob("*.html")),
        "mini-site": "".join(p.read_text() for p in (pack / "trainee" / "site").glob("*.html")),
        "html": (pack / "trainee" / "handbook.html").read_text(),
        "epub": _zip_text(pack / "trainee" / "handbook.epub"),
        "docx": _zip_text(pack / "trainee" / "handbook.docx"),
        "pdf": _pdf_text(pack / "trainee" / "handbook.pdf"),
    }
    for name, text in trainee.items():
        assert SOLUTION_TEXT not in text, name
        assert "appends to the file" not in text, name
    assert SOLUTION_TEXT in _pdf_text(pack / "instructor" / "guide.pdf")
    assert SOLUTION_TEXT in _zip_text(pack / "instructor" / "guide.docx")
    assert "Try both twice" in trainee["html"]  # hints stay


# --------------------------------------------------------------------------- inline Markdown


def test_block_titles_and_inline_html_render_in_every_output(lesson: Lesson) -> None:
    site = (lesson.site / "modules" / "shell-intro.html").read_text()
    assert re.search(r"admonition-title\">Exploring <code>ls</code> flags", site)
    for tag in ("<kbd>Ctrl</kbd>", "<sub>2</sub>", "<sup>2</sup>", '<abbr title="Command-line'):
        assert tag in site, tag
    handbook = (lesson.packs / "KE" / "trainee" / "handbook.html").read_text()
    assert "<kbd>Ctrl</kbd>" in handbook and "<sub>2</sub>" in handbook
    assert "CLI (Command-line interface)" in handbook
    assert "&lt;kbd&gt;" not in site + handbook


def test_quiz_text_is_markdown_everywhere(lesson: Lesson) -> None:
    site = (lesson.site / "modules" / "shell-intro.html").read_text()
    data = json.loads(
        re.search(r'<script type="application/json"[^>]*>(.*?)</script>', site, re.S).group(1)
    )
    q1 = data["questions"][0]
    assert ["pre", {}, [["code", {"class": "language-bash"}, ["$ ls -F\ndata/ notes.txt\n"]]]] in (
        q1["rich"]["prompt"]
    ) or any(n[0] == "pre" for n in q1["rich"]["prompt"] if isinstance(n, list))
    # the site shows options in a shuffled order (the assessment engine): find the first one
    assert any(o["textRich"][1] == ["code", {}, ["/"]] for o in q1["options"])
    lms = lesson.packs / "KE" / "instructor" / "lms"
    moodle = (lms / "moodle.xml").read_text()
    assert "&lt;pre&gt;&lt;code" in moodle and "&lt;em&gt;best&lt;/em&gt;" in moodle
    gift = (lms / "quizzes.gift").read_text()
    assert "[markdown]What does this command print?\\n\\n```\\n$ ls -F" in gift
    qti = _zip_text(lms / "qti21.zip")
    assert "<pre><code>$ ls -F" in qti and "<em>best</em>" in qti
    guide = _pdf_text(lesson.packs / "KE" / "instructor" / "guide.pdf")
    assert "$ ls -F\ndata/ notes.txt" in guide
    assert "`" not in re.sub(r"```", "", guide.split("Practice quiz")[-1])[:2000]


def test_a_quiz_figure_shows_on_the_site(lesson: Lesson) -> None:
    page = (lesson.site / "modules" / "shell-intro.html").read_text()
    found = re.search(r'"img",\{"alt":"A help page in a terminal","src":"([^"]+)"\}', page)
    assert found and (lesson.site / "modules" / found.group(1)).resolve().is_file()
    moodle = (lesson.packs / "KE" / "instructor" / "lms" / "moodle.xml").read_text()
    assert "A help page in a terminal" in moodle and "help.png" not in moodle


def test_gift_with_markdown_parses(lesson: Lesson) -> None:
    from pygiftparser import parser

    text = (lesson.packs / "KE" / "instructor" / "lms" / "quizzes.gift").read_text()
    questions = parser.parseFile(io.StringIO(text))
    assert len(questions) >= 8
