"""The incremental preview: after each edit it rewrites only the pages the edit affects, and the
site it leaves is byte for byte the one a full ``build_site`` makes from the same sources; only
the browsers showing a changed page reload."""

from __future__ import annotations

import filecmp
import json
import re
import socketserver
import threading
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.model import Curriculum
from builder.preview import Preview, make_server, rebuild
from builder.site.build import build_site, docs_files, front_end, generate_pages
from builder.site.incremental import affected, pages_after
from builder.site.layout import Page, make_site
from builder.validate.orchestrator import check_curriculum
from tests.site.site_payload import write_minimal


def differences(a: Path, b: Path) -> list[str]:
    """Return the files that differ between two folders (missing on one side, or other bytes)."""
    out: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        out.extend(prefix + n for n in cmp.left_only + cmp.right_only)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        out.extend(prefix + n for n in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(a, b), "")
    return sorted(out)


def _sub(root: Path, rel: str, pattern: str, new: str) -> None:
    path = root / rel
    path.write_text(
        re.sub(pattern, new, path.read_text(encoding="utf-8"), count=1, flags=re.M),
        encoding="utf-8",
    )


def _append(root: Path, rel: str, text: str) -> None:
    with (root / rel).open("a", encoding="utf-8") as f:
        f.write(text)


EDITS: dict[str, Callable[[Path], None]] = {
    "body": lambda r: _append(r, "modules/m-two.md", "\nOne more paragraph.\n"),
    "translation body": lambda r: _append(r, "modules/m-one.fr.md", "\nEncore un paragraphe.\n"),
    "title": lambda r: _sub(r, "modules/m-two.md", r"^title: .*$", "title: Module two, renamed"),
    "prerequisite": lambda r: _sub(
        r, "modules/m-three.md", r"^prerequisites: \[", "prerequisites: [m-one, "
    ),
    "standard": lambda r: _sub(r, "modules/m-three.md", r"^standards: \[S-1\]", "standards: [S-2]"),
    "quiz": lambda r: _sub(r, "quizzes/m-two.yml", r"Multiple choice\.", "Pick the right ones."),
    "break quiz": lambda r: _sub(r, "quizzes/m-two.yml", r"type: single", "type: singel"),
    "fix quiz": lambda r: _sub(r, "quizzes/m-two.yml", r"type: singel", "type: single"),
    "delete translation": lambda r: (r / "modules/m-one.fr.md").unlink(missing_ok=True),
    "heading": lambda r: _append(r, "modules/m-two.md", "\n## A new section\n\nIts text.\n"),
    "anchor link": lambda r: _append(r, "modules/m-three.md", "\nSee [two](module:m-two#two).\n"),
    "break link": lambda r: _append(r, "modules/m-two.md", "\nSee [gone](module:m-gone).\n"),
    "fix link": lambda r: _sub(r, "modules/m-two.md", r"^See \[gone\]\(module:m-gone\)\.$", ""),
    "programme": lambda r: _sub(r, "curriculum/programme.yml", r"^title: .*$", "title: Renamed"),
}


def _full(root: Path, out: Path) -> None:
    result = check_curriculum(root)
    assert result.course is not None
    build_site(result.course, root, out)


@pytest.fixture
def live(fresh_copy: Path, tmp_path: Path) -> tuple[Path, Path, Preview]:
    out = fresh_copy / "build" / ".preview" / "site"
    preview = Preview()
    assert rebuild(fresh_copy, out, preview) and preview.problem == ""
    return fresh_copy, out, preview


def test_hidden_style_edits_leave_the_full_builds_bytes(
    live: tuple[Path, Path, Preview], tmp_path: Path
) -> None:
    root, out, preview = live
    for n, name in enumerate(list(EDITS)):
        EDITS[name](root)
        rebuild(root, out, preview)
        if preview.problem:
            assert (name == "break quiz" and "singel" in preview.problem) or (
                name == "break link" and "m-gone" in preview.problem
            )
            continue
        full = tmp_path / f"full-{n}"
        _full(root, full)
        assert differences(out, full) == [], name


def test_a_body_edit_rewrites_only_that_modules_pages(live: tuple[Path, Path, Preview]) -> None:
    root, out, preview = live
    EDITS["body"](root)
    assert sorted(rebuild(root, out, preview)) == ["fr/modules/m-two.html", "modules/m-two.html"]


def test_a_body_edit_runs_neither_a_full_check_nor_mkdocs_build(
    live: tuple[Path, Path, Preview], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fast lane of a body edit: the check replays the last one (only the edited module's
    own checks run) and the page goes through MkDocs' page steps with the last build's objects;
    the site is still the full build's."""
    import mkdocs.commands.build

    import builder.validate.orchestrator as orchestrator

    root, out, preview = live

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("the fast lane was not taken")

    with monkeypatch.context() as m:
        m.setattr(orchestrator, "check_curriculum", refused)
        m.setattr(mkdocs.commands.build, "build", refused)
        for n in range(2):
            EDITS["body"](root)
            assert sorted(rebuild(root, out, preview)) == [
                "fr/modules/m-two.html",
                "modules/m-two.html",
            ]
            assert preview.problem == ""
            assert (out / "modules/m-two.html").read_text(encoding="utf-8").count(
                "One more paragraph."
            ) == n + 1
    _full(root, tmp_path / "full")
    assert differences(out, tmp_path / "full") == []


def test_a_body_edit_that_changes_anchors_or_links_renders_in_full(
    live: tuple[Path, Path, Preview], tmp_path: Path
) -> None:
    """A new heading (other pages may link to it) and a broken link (an error) leave the fast
    lane; the preview shows the error, and the fix brings back the full build's bytes."""
    root, out, preview = live
    for name in ("heading", "anchor link", "break link"):
        EDITS[name](root)
        rebuild(root, out, preview)
    assert "m-gone" in preview.problem
    page = (out / "modules/m-two.html").read_text(encoding="utf-8")
    assert "A new section" in page and "m-gone" not in page  # the last good build
    EDITS["fix link"](root)
    rebuild(root, out, preview)
    assert preview.problem == ""
    _full(root, tmp_path / "full")
    assert differences(out, tmp_path / "full") == []


def test_an_edit_of_an_override_template_renders_every_page(
    fresh_copy: Path, tmp_path: Path
) -> None:
    """The site's own theme overrides (``site/overrides``) are watched: an edit of a template
    renders every page again."""
    import shutil

    from builder.site.build import PROJECT

    shutil.copytree(PROJECT / "site", fresh_copy / "site")
    out, preview = fresh_copy / "build" / ".preview" / "site", Preview()
    rebuild(fresh_copy, out, preview)
    main = fresh_copy / "site" / "overrides" / "main.html"
    text = main.read_text(encoding="utf-8")
    assert "{% block htmltitle %}" in text
    main.write_text(
        text.replace("{% block htmltitle %}", "{% block htmltitle %}<!-- overridden -->"),
        encoding="utf-8",
    )
    written = rebuild(fresh_copy, out, preview)
    assert preview.problem == ""
    assert {"index.html", "modules/m-one.html", "modules/m-two.html"} <= set(written)
    assert "<!-- overridden -->" in (out / "modules/m-two.html").read_text(encoding="utf-8")
    _full(fresh_copy, tmp_path / "full")
    assert differences(out, tmp_path / "full") == []


def test_a_quiz_edit_rewrites_its_module_and_the_progress_pages(
    live: tuple[Path, Path, Preview],
) -> None:
    root, out, preview = live
    EDITS["quiz"](root)
    written = rebuild(root, out, preview)
    assert "modules/m-two.html" in written and "modules/m-one.html" not in written
    assert all(w.startswith(("modules/m-two", "fr/modules/m-two", "progress")) for w in written)


def test_a_title_edit_changes_the_navigation_of_every_page(
    live: tuple[Path, Path, Preview],
) -> None:
    root, out, preview = live
    EDITS["title"](root)
    written = rebuild(root, out, preview)
    assert {"index.html", "modules/m-one.html", "modules/m-two.html", "map.html"} <= set(written)


def test_deleting_a_translation_removes_its_pages(live: tuple[Path, Path, Preview]) -> None:
    root, out, preview = live
    assert (out / "fr/modules/m-one.html").is_file()
    EDITS["delete translation"](root)
    rebuild(root, out, preview)
    assert preview.problem == ""
    assert not (out / "fr/modules/m-one.html").exists()


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(sorted(EDITS)), min_size=2, max_size=4))
def test_any_edit_sequence_ends_on_the_full_builds_bytes(
    tmp_path_factory: pytest.TempPathFactory, names: list[str]
) -> None:
    root = write_minimal(tmp_path_factory.mktemp("seq") / "curriculum")
    out, preview = root / "build/.preview/site", Preview()
    rebuild(root, out, preview)
    for name in names:
        EDITS[name](root)
        rebuild(root, out, preview)
    if not preview.problem:
        _full(root, root / "build/full")
        assert differences(out, root / "build/full") == []


def test_affected_is_none_for_a_title_and_the_module_for_a_body(fresh_copy: Path) -> None:
    def cur() -> Curriculum:
        result = check_curriculum(fresh_copy)
        assert result.curriculum is not None
        return result.curriculum

    before = cur()
    EDITS["body"](fresh_copy)
    after_body = cur()
    found = affected(before, after_body)
    assert found is not None and found.modules == {"m-two"} and not found.progress
    EDITS["title"](fresh_copy)
    assert affected(after_body, cur()) is None


def _script_id(page: str) -> tuple[int, int]:
    found = re.search(r"livereload\((\d+), (\d+)\);", page)
    assert found is not None
    return int(found[1]), int(found[2])


def test_only_browsers_on_a_changed_page_reload(live: tuple[Path, Path, Preview]) -> None:
    root, out, preview = live
    server = make_server(root, 0, out, preview)
    server.poll_response_timeout = 1
    server.server_bind()
    server.server_activate()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    def get(path: str) -> str:
        return str(urllib.request.urlopen(base + path, timeout=10).read().decode())

    try:
        epoch, two = _script_id(get("/modules/m-two.html"))
        _, one = _script_id(get("/modules/m-one.html"))
        EDITS["body"](root)
        server._wanted_epoch = epoch + 1
        rebuild(root, out, preview, server.building_epoch())
        with server._epoch_cond:
            server._visible_epoch = epoch + 1
            server._epoch_cond.notify_all()
        assert int(get(f"/livereload/{epoch}/{two}")) > epoch
        assert int(get(f"/livereload/{epoch}/{one}")) == epoch
    finally:
        socketserver.BaseServer.shutdown(server)
        server.server_close()


def test_the_previews_full_rebuild_gives_the_incremental_bytes(
    live: tuple[Path, Path, Preview], tmp_path: Path
) -> None:
    import shutil

    root, out, preview = live
    EDITS["body"](root)
    EDITS["quiz"](root)
    rebuild(root, out, preview)
    shutil.copytree(out, tmp_path / "incremental")
    preview.full = True
    written = rebuild(root, out, preview)
    assert {p.relative_to(out).as_posix() for p in out.rglob("*.html")} <= set(written)
    assert differences(out, tmp_path / "incremental") == []


#: Edits that change what other pages count or list, beyond the hidden-style ones above.
MORE_EDITS: dict[str, Callable[[Path], None]] = {
    "add question": lambda r: _sub(
        r,
        "quizzes/m-two.yml",
        r"^questions:\n",
        "questions:\n  - id: q-added\n    type: true-false\n    objective: obj-b\n"
        "    prompt: Added.\n    answer: false\n    explanation: It is false.\n",
    ),
    "translation body again": lambda r: _append(r, "modules/m-one.fr.md", "\nEt encore.\n"),
}


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(sorted({**EDITS, **MORE_EDITS})), min_size=1, max_size=5))
def test_the_pages_regenerated_after_an_edit_are_those_a_full_generation_makes(
    tmp_path_factory: pytest.TempPathFactory, names: list[str]
) -> None:
    """Without rendering: the docs tree the preview keeps after any edits (only the affected
    pages generated again) is byte for byte the one the full build writes."""
    root = write_minimal(tmp_path_factory.mktemp("pages") / "curriculum")
    packs = root / "build" / "packs"
    before: tuple[Curriculum, dict[str, Page]] | None = None
    checked = 0
    for name in ["", *names]:
        if name:
            {**EDITS, **MORE_EDITS}[name](root)
        result = check_curriculum(root)
        if result.course is None or not result.ok():
            continue
        site = make_site(result.course)
        pages = pages_after(before, site, root, packs)
        full = generate_pages(site, root, packs)
        front = front_end(root)
        assert docs_files(pages.values(), front, site) == docs_files(full, front, site), name
        before, checked = (site.cur, pages), checked + 1
    assert checked


def test_background_compression_ends_on_the_full_builds_bytes(
    fresh_copy: Path, tmp_path: Path
) -> None:
    """The live preview precompresses after serving (``background``): edits in quick
    succession cancel and resume that work, and once it settles the site is the full build's,
    precompressed copies included; a copy is never half written."""
    out = fresh_copy / "build" / ".preview" / "site"
    preview = Preview(background=True)
    rebuild(fresh_copy, out, preview)
    for name in ("body", "quiz", "translation body", "body", "body"):
        EDITS[name](fresh_copy)
        rebuild(fresh_copy, out, preview)  # no settling in between: the work is cancelled
    preview.settle()
    _full(fresh_copy, tmp_path / "full")
    assert differences(out, tmp_path / "full") == []
    assert not list(out.rglob(".*.tmp"))


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(
            st.fixed_dictionaries(
                {"location": _TEXT, "title": _TEXT, "text": _TEXT},
                optional={"tags": st.lists(_TEXT, max_size=2), "boost": st.floats()},
            ),
            max_size=3,
        ),
        max_size=5,
    )
)
def test_the_spliced_search_index_is_materials_text(pages: list[list[dict[str, object]]]) -> None:
    """The page-only lane writes the search index from each page's serialised entries: the text
    is the one Material's plugin makes from all entries at once (any text, NaN and infinities
    included)."""
    from material.plugins.search.plugin import SearchIndex

    from builder.site.render import _spliced

    index = SearchIndex(lang=["en"], separator="[\\s]+", pipeline=["stemmer"], fields={})
    index.entries = [e for page in pages for e in page]
    expected = index.generate_search_index(None)
    parts = [
        ",".join(json.dumps(e, separators=(",", ":"), default=str) for e in page) for page in pages
    ]
    assert _spliced(index, [p for p in parts if p])(None) == expected
