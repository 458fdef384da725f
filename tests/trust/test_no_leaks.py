"""Nothing of an exam and nothing instructor-only reaches any file a trainee gets.

The needles (see ``trust_support.secret_needles``): every prompt, option, accepted answer, pair,
item, feedback and explanation of every exam question and every paragraph, list item and sentence
of every instructor block, in every language; those shorter than 40 characters, and those that
trainee material (module trainee blocks, titles, summaries, objectives, practice quizzes) also
holds, are dropped. The haystacks: every text file of the built site, and every file of each
pack's ``trainee/`` folder (mini-site, handbook.html, the EPUB's entries, the DOCX's text and XML
parts, the PDF's extracted text). Both are reduced to letters and digits before searching, so
markup, line breaks, hyphenation and case cannot hide a leak.

The shipped curriculum's site and all its sample packs are built once for this module (the pandoc
fragment cache is kept in pytest's cache folder between runs; the packs themselves are built
fresh every time).
"""

from __future__ import annotations

import re
import shutil
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from trust_support import (
    MIN_KEY,
    ROOT,
    Needles,
    build_packs_cached,
    file_text,
    find_leaks,
    haystacks,
    key,
    pieces,
    secret_needles,
    strip_markdown,
)

from builder.body import parse_body
from builder.packs.content.content import build_content
from builder.site.build import build_site
from builder.validate.orchestrator import CheckResult, check_curriculum


@dataclass(frozen=True)
class Outputs:
    """The shipped curriculum checked, its site and packs built, and its needles."""

    result: CheckResult
    site: Path
    packs: Path
    needles: Needles
    pdf_texts: Path | None  # where the extracted text of each PDF is kept, by the PDF's SHA-256

    @property
    def codes(self) -> list[str]:
        """The countries, whose packs were all built."""
        return list(self.result.course.countries)


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Outputs:
    result = check_curriculum(ROOT)
    assert result.curriculum is not None, [d.to_text() for d in result.diagnostics]
    out = tmp_path_factory.mktemp("trust-shipped")
    build_site(result.course, ROOT, out / "site")
    cache = getattr(request.config, "cache", None)
    store = cache.mkdir("trust-pack-fragments") if cache is not None else None
    build_packs_cached(result, ROOT, list(result.course.countries), out / "packs", store, jobs=2)
    texts = cache.mkdir("trust-pdf-text") if cache is not None else None
    return Outputs(result, out / "site", out / "packs", secret_needles(result.curriculum), texts)


def _group(name: str) -> str:
    """Return the group of a path.

    ``SN/site/m.html`` -> ``SN/site``; ``SN/handbook.pdf`` -> itself; ``site/...`` -> ``site``.
    """
    label, _, rest = name.partition("/")
    if label == "site":
        return "site"
    first = rest.split("/", 1)[0]
    return f"{label}/{first}"


def _probes(blocks: list[tuple[str, str]]) -> dict[str, str]:
    """Return sentences of trainee text, keyed as needles are: the positive control."""
    out: dict[str, str] = {}
    for kind, text in blocks:
        if kind != "text":
            continue
        for para in re.split(r"\n\s*\n", text):
            if para.lstrip().startswith(("|", "#", "!", "-", "*", "1.")):
                continue
            for piece in pieces(" ".join(para.split())):
                k = key(strip_markdown(piece))
                if len(k) >= 3 * MIN_KEY:
                    out[k] = piece
    return dict(list(out.items())[:40])


def test_no_exam_or_instructor_text_in_any_trainee_file(shipped: Outputs) -> None:
    cur = shipped.result.curriculum
    assert cur is not None
    needles = shipped.needles
    print(needles.report())
    assert len(needles.by_key) > 1000, needles.report()
    folders = [("site", shipped.site)] + [(c, shipped.packs / c / "trainee") for c in shipped.codes]
    hay = haystacks(folders, store=shipped.pdf_texts)
    groups = sorted({_group(n) for n in hay})
    for code in shipped.codes:
        for part in ("handbook.pdf", "handbook.epub", "handbook.docx", "handbook.html", "site"):
            assert f"{code}/{part}" in groups, f"{code}: no trainee {part}"

    # Positive control: the same search finds the trainee's own text in every format.
    controls: dict[str, dict[str, str]] = {
        "site": _probes(
            [(b.kind, b.text) for m in cur.modules.values() for b in parse_body(m.body)[0]]
        )
    }
    for code in shipped.codes:
        content = build_content(cur, shipped.result.course.plan(code))
        controls[code] = _probes(
            [(b.kind, b.text) for m in content.modules for b in m.trainee_blocks]
        )
    for group in groups:
        probes = controls[group.split("/")[0]]
        assert len(probes) >= 10, group
        texts = {n: t for n, t in hay.items() if _group(n) == group}
        found = {readable for _, readable in find_leaks(probes, texts)}
        assert len(found) >= 0.8 * len(probes), (
            f"{group}: the search found only {len(found)} of {len(probes)} trainee sentences; "
            f"e.g. missed {sorted(set(probes.values()) - found)[:2]}"
        )

    leaks = find_leaks(needles.by_key, hay)
    assert not leaks, f"{len(leaks)} secret texts in trainee files:\n" + "\n".join(
        f"{name}: {text[:120]}" for name, text in leaks[:20]
    )


# --------------------------------------------------------------------------- the search finds a
# planted leak


def test_the_search_finds_a_planted_leak(shipped: Outputs, tmp_path: Path) -> None:
    needles = shipped.needles.by_key
    # A needle long enough to be distinctive that holds no shorter needle (one of its sentences).
    exam_key = next(
        k for k, v in needles.items() if len(v) > 60 and not any(o != k and o in k for o in needles)
    )
    readable = needles[exam_key]
    trainee = shipped.packs / shipped.codes[0] / "trainee"
    # The readable needle, split by markup and a line break, in upper case, with entities.
    words = readable.split()
    half = len(words) // 2
    planted = (
        f"<p><em>{' '.join(words[:half]).upper()}</em>\n  "
        f"{' '.join(words[half:]).replace('e', '&#101;')}</p>"
    )

    html = tmp_path / "handbook.html"
    source = (trainee / "handbook.html").read_text(encoding="utf-8")
    assert not find_leaks(needles, {"before": key(file_text(trainee / "handbook.html"))})
    html.write_text(source.replace("</body>", planted + "</body>", 1), encoding="utf-8")
    assert find_leaks(needles, {"html": key(file_text(html))}) == [("html", readable)]

    # An EPUB whose last chapter carries the needle.
    epub = tmp_path / "handbook.epub"
    with zipfile.ZipFile(trainee / "handbook.epub") as src, zipfile.ZipFile(epub, "w") as dst:
        chapters = [n for n in src.namelist() if n.endswith(".xhtml")]
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == chapters[-1]:
                data = (
                    data.decode("utf-8").replace("</body>", planted + "</body>", 1).encode("utf-8")
                )
            dst.writestr(info, data)
    assert find_leaks(needles, haystacks([("epub", epub)])) == [("epub/handbook.epub", readable)]

    # The text of the handbook PDF's first pages (pypdf) with the needle inserted, hyphenated across
    # a line break.
    from pypdf import PdfReader

    text = "\n".join(
        p.extract_text() or "" for p in PdfReader(str(trainee / "handbook.pdf")).pages[:6]
    )
    assert len(key(text)) > 1000
    cut = len(readable) // 2
    spliced = (
        text[: len(text) // 2] + readable[:cut] + "-\n" + readable[cut:] + text[len(text) // 2 :]
    )
    assert find_leaks(needles, {"pdf": key(spliced)}) == [("pdf", readable)]

    # A real PDF, typeset by typst in a narrow column so that the needle wraps (and may hyphenate).
    import typst

    source_typ = tmp_path / "leak.typ"
    escaped = re.sub(r"([\\#$*_`<>@\[\]~])", r"\\\1", readable)
    source_typ.write_text(
        (
            "#set page(width: 6cm, height: auto, margin: 5mm)\n#set par(justify: true)\n#set "
            f"text(hyphenate: true)\nTrainee text. {escaped}\n"
        ),
        encoding="utf-8",
    )
    pdf = tmp_path / "leak.pdf"
    typst.compile(str(source_typ), output=str(pdf))
    assert find_leaks(needles, haystacks([("pdf", pdf)])) == [("pdf/leak.pdf", readable)]

    # A DOCX with the needle as a paragraph (python-docx).
    import docx

    doc = docx.Document(str(trainee / "handbook.docx"))
    doc.add_paragraph(readable)
    doc.save(str(tmp_path / "handbook.docx"))
    assert find_leaks(needles, haystacks([("docx", tmp_path / "handbook.docx")])) == [
        ("docx/handbook.docx", readable)
    ]

    # A site folder whose page embeds the needle in JSON quiz data (escaped as the site escapes).
    site = tmp_path / "site"
    shutil.copytree(trainee / "site", site)
    page = next(site.glob("*.html"))
    data = readable.replace("e", "\\u0065")
    page.write_text(
        page.read_text(encoding="utf-8")
        + f'<script type="application/json">{{"x":"{data}"}}</script>',
        encoding="utf-8",
    )
    assert find_leaks(needles, haystacks([("site", site)])) == [(f"site/{page.name}", readable)]
