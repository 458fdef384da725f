"""Tests of the built site's files: trainee rules, offline use, links, size, strictness, bytes."""

from __future__ import annotations

import hashlib
import html
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from builder.body import parse_body
from builder.model import Curriculum
from builder.site.build import SiteBuildError, build_site
from builder.validate.orchestrator import check_curriculum
from tests.site.site_payload import EXAM_PROMPT, INSTRUCTOR_TEXT
from tests.site.site_support import ROOT, BuiltSite

MAX_MODULE_PAGE = 100 * 1024
TEXT_SUFFIXES = {".html", ".js", ".json", ".css", ".svg", ".xml", ".txt", ".md"}


def _norm(text: str) -> str:
    """Return text as it could appear in any file: entities and JSON escapes decoded, tags and
    Markdown marks removed, whitespace collapsed."""
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    text = html.unescape(html.unescape(re.sub(r"<[^>]+>", " ", text)))
    text = re.sub(r"[*_`\[\]]|\]\([^)]*\)", " ", text)
    return " ".join(text.split())


def _site_text(site: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site)): _norm(p.read_text(encoding="utf-8", errors="replace"))
        for p in site.rglob("*")
        if p.is_file() and p.suffix in TEXT_SUFFIXES
    }


@pytest.fixture(scope="module")
def site_text(built: BuiltSite) -> dict[str, str]:
    return _site_text(built.path)


def test_build_reports_pages(built: BuiltSite) -> None:
    cur = built.result.curriculum
    assert cur is not None
    modules = sum(1 for m in cur.modules.values() if m.meta.status != "retired")
    languages = ", ".join(cur.programme.languages)
    expected = (
        rf"site: \d+ pages \({modules} modules in {len(cur.programme.languages)} "
        rf"language sections: {languages}; {len(cur.countries)} country pages\)"
    )
    assert re.match(expected, built.summary), built.summary


def test_no_file_holds_an_exam_question(built: BuiltSite, site_text: dict[str, str]) -> None:
    cur = built.result.curriculum
    assert cur is not None
    prompts = secret_prompts(cur)
    assert len(prompts) > 20
    for name, text in site_text.items():
        for prompt in prompts:
            assert prompt not in text, f"exam question in {name}: {prompt}"


def secret_prompts(cur: Curriculum) -> list[str]:
    """Return every exam prompt (all languages), normalised."""
    exams = [z for z in cur.quizzes.values() if z.is_exam]
    prompts = [q.prompt for z in exams for q in z.meta.questions]
    prompts += [
        q.prompt for z in exams for t in z.translations.values() for q in t.questions if q.prompt
    ]
    return [_norm(p) for p in prompts]


def _instructor_paragraphs(root: Path) -> list[str]:
    cur = check_curriculum(root).curriculum
    assert cur is not None
    out = []
    for m in cur.modules.values():
        for body in [m.body, *(t.body for t in m.translations.values())]:
            blocks, _ = parse_body(body)
            for b in (b for b in blocks if b.kind == "instructor"):
                for para in re.split(r"\n\s*\n|\n(?=\s*[-*] |\s*\d+\. )", b.text):
                    norm = _norm(para)
                    if len(norm) > 50:
                        out.append(norm)
    return out


def test_no_file_holds_an_instructor_passage(built: BuiltSite, site_text: dict[str, str]) -> None:
    paragraphs = _instructor_paragraphs(ROOT)
    assert len(paragraphs) > 50
    for name, text in site_text.items():
        for para in paragraphs:
            assert para not in text, f"instructor passage in {name}: {para[:80]}"


def test_payload_site_has_no_secret(payload_site: BuiltSite) -> None:
    for name, text in _site_text(payload_site.path).items():
        assert "Zebra exam" not in text and EXAM_PROMPT not in text, name
        assert INSTRUCTOR_TEXT not in text, name


class _Refs(HTMLParser):
    """Collect every URL-bearing attribute and every id of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            if name in ("href", "src", "srcset", "data", "poster", "action"):
                self.refs.append((tag, name, value))


def _parse(path: Path) -> _Refs:
    parser = _Refs()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def parsed(built: BuiltSite) -> dict[Path, _Refs]:
    return {p: _parse(p) for p in built.path.rglob("*.html")}


def test_nothing_is_fetched_from_another_host(built: BuiltSite, parsed: dict[Path, _Refs]) -> None:
    for path, refs in parsed.items():
        for tag, attr, url in refs.refs:
            if tag == "a":
                continue  # a link is followed only when clicked; it fetches nothing at view time
            assert not re.match(r"^(https?:)?//", url), (
                f"{path.relative_to(built.path)}: <{tag} {attr}={url}>"
            )
    for css in built.path.rglob("*.css"):
        assert not re.search(
            r"(@import|url\()\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")
        ), css
    for page in built.path.rglob("*.html"):
        assert "fonts.googleapis" not in page.read_text(encoding="utf-8")


def test_every_internal_link_resolves(built: BuiltSite, parsed: dict[Path, _Refs]) -> None:
    site = built.path.resolve()
    problems = []
    for path, refs in parsed.items():
        for _tag, attr, url in refs.refs:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//") or attr == "srcset":
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not target.is_relative_to(site):
                if not target.is_relative_to(site.parent / "packs"):
                    problems.append(f"{path.relative_to(site)}: {url} leaves the site")
                continue
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{path.relative_to(site)}: {url} is missing")
            elif parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{path.relative_to(site)}: {url} has no #{parts.fragment}")
    assert not problems, "\n".join(problems[:20])


def test_links_work_from_the_file_system(parsed: dict[Path, _Refs]) -> None:
    for path, refs in parsed.items():
        for tag, _, url in refs.refs:
            if tag == "a" and not urlsplit(url).scheme and urlsplit(url).path:
                assert not url.endswith("/") or "packs/" in url, f"{path}: {url} needs a server"
                assert not url.startswith("/"), f"{path}: {url} is absolute"


def test_module_pages_are_small(built: BuiltSite) -> None:
    sizes = {p.name: p.stat().st_size for p in (built.path / "modules").glob("*.html")}
    cur = built.result.curriculum
    assert cur is not None
    assert len(sizes) == sum(1 for m in cur.modules.values() if m.meta.status != "retired")
    assert max(sizes.values()) < MAX_MODULE_PAGE, max(sizes.items(), key=lambda kv: kv[1])


def test_language_pages_declare_their_language(built: BuiltSite) -> None:
    fr = (built.path / "fr" / "modules" / "safe-history-editions.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in fr and "Histoire et éditions" in fr
    fallback = (built.path / "ar" / "modules" / "p1-risk-management.html").read_text(
        encoding="utf-8"
    )  # French and Spanish are complete; Arabic has the Foundations only
    assert '<div lang="en">' in fallback and "هذه الوحدة غير متاحة بعد" in fallback
    assert '<html lang="en"' in (built.path / "index.html").read_text(encoding="utf-8")


def test_search_index_works_offline(built: BuiltSite) -> None:
    index = (built.path / "search" / "search_index.js").read_text(encoding="utf-8")
    assert index.startswith("var __index = ")
    page = (built.path / "index.html").read_text(encoding="utf-8")
    assert "assets/js/iframe-worker-shim.js" in page and "unpkg" not in page


def test_same_sources_same_bytes(built: BuiltSite, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build_site(built.result.course, ROOT, again)

    def digest(folder: Path) -> dict[str, str]:
        return {
            str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*")
            if p.is_file()
        }

    first, second = digest(built.path), digest(again)
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
    assert not any(
        str(ROOT) in (again / k).read_text(encoding="utf-8", errors="ignore")
        for k in second
        if k.endswith(".html")
    )


def test_strict_failure_keeps_the_previous_site(
    payload_site: BuiltSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "c"
    shutil.copytree(payload_site.root, root, ignore=shutil.ignore_patterns("build"))
    out = tmp_path / "site"
    course = check_curriculum(root).course
    build_site(course, root, out)
    before = (out / "index.html").read_bytes()
    module = root / "modules" / "m-two.md"
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace("Second module.", "![missing](no-such-image.png)"), "utf-8")
    # check finds the missing image first, in the author's file, before anything is built
    found = check_curriculum(root)
    assert found.course is None
    assert any(d.code == "image.missing" and d.path.endswith("m-two.md") for d in found.diagnostics)
    # and if the renderer still refuses a page (strict mode), the message names the author's
    # file and line, and the previous site stays as it was
    module.write_text(text, "utf-8")
    from builder.site import render

    def refuse(*_: object, **__: object) -> None:
        raise render.RenderError(["Doc file 'modules/m-two.md' contains a link 'no-such.png'"])

    monkeypatch.setattr(render, "render", refuse)
    with pytest.raises(SiteBuildError, match=r"m-two\.md"):
        build_site(check_curriculum(root).course, root, out)
    assert (out / "index.html").read_bytes() == before
    assert not (tmp_path / ".site-tmp").exists()


def test_next_links_walk_the_course(built: BuiltSite) -> None:
    order = list(built.result.order)
    walked, here = [order[0]], built.path / "modules" / f"{order[0]}.html"
    for _ in range(len(order)):
        box = re.search(
            r'<div class="cur-next">(.*?)</div>', here.read_text(encoding="utf-8"), re.S
        )
        assert box is not None, here
        found = re.search(r'<a href="([^"]+)"', box.group(1))
        if not found:
            break
        here = (here.parent / found.group(1)).resolve()
        walked.append(here.stem)
    assert walked == order


def test_plain_mkdocs_strict_build_of_the_generated_config_has_no_warning(
    built: BuiltSite, tmp_path: Path
) -> None:
    config = built.path.parent / ".site-src" / "mkdocs.yml"
    assert "strict: true" in config.read_text(encoding="utf-8")
    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "mkdocs"),
            "build",
            "--strict",
            "-f",
            str(config),
            "-d",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr and "WARNING" not in done.stdout


def test_large_sites_list_tracks_only(
    payload_site: BuiltSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from builder.site import layout
    from builder.site.nav import nav_pages, site_nav

    monkeypatch.setattr(layout, "LARGE_SITE", 1)
    site = layout.make_site(payload_site.result.course)
    assert site.large
    in_nav = nav_pages(site_nav(site))
    assert not [p for p in in_nav if "modules/" in p]
    assert "tracks/basics/index.md" in in_nav and "tracks/advanced/index.md" in in_nav
    out = tmp_path / "site"
    build_site(payload_site.result.course, payload_site.root, out)
    assert (out / "modules" / "m-three.html").is_file()
    track = (out / "tracks" / "basics" / "index.html").read_text(encoding="utf-8")
    assert track.index("../../modules/m-one.html") < track.index("../../modules/m-two.html")
