"""The live preview: a mistake shows the check's diagnostics in the page; the server lives on."""

from __future__ import annotations

import socketserver
import threading
import urllib.request
from pathlib import Path

from builder.preview import Preview, banner, diagnostics_text, make_server, rebuild, watched
from builder.validate.orchestrator import check_curriculum


def test_rebuild_records_diagnostics_and_keeps_the_last_site(
    fresh_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "preview"
    preview = Preview()
    rebuild(fresh_copy, out, preview)
    assert preview.problem == "" and (out / "index.html").is_file()
    before = (out / "index.html").read_bytes()
    quiz = fresh_copy / "quizzes" / "m-two.yml"
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace("type: single", "type: singel", 1),
        encoding="utf-8",
    )
    rebuild(fresh_copy, out, preview)
    expected = diagnostics_text(check_curriculum(fresh_copy))
    assert preview.problem == expected
    assert "quizzes/m-two.yml:5:11: error: questions[0].type: 'singel' is not one of" in expected
    assert "1 error" in expected
    assert (out / "index.html").read_bytes() == before
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace("type: singel", "type: single"), encoding="utf-8"
    )
    rebuild(fresh_copy, out, preview)
    assert preview.problem == ""


def test_banner_escapes_the_diagnostics() -> None:
    html = banner("modules/x.md:1:1: error: <script>alert(1)</script>").decode()
    assert "<script>" not in html and "&lt;script&gt;" in html and 'role="alert"' in html


def test_server_shows_the_problem_on_every_page(fresh_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "preview"
    preview = Preview()
    rebuild(fresh_copy, out, preview)
    server = make_server(fresh_copy, 0, out, preview)
    server.server_bind()
    server.server_activate()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/modules/m-one.html"
        page = urllib.request.urlopen(url, timeout=10).read().decode()
        assert "livereload" in page and "curriculum-preview-problem" not in page
        preview.problem = "quizzes/m-two.yml:5:11: error: something [value.choice]"
        page = urllib.request.urlopen(url, timeout=10).read().decode()
        assert page.index("curriculum-preview-problem") < page.index("md-header")
        assert "quizzes/m-two.yml:5:11: error: something [value.choice]" in page
    finally:
        socketserver.BaseServer.shutdown(server)
        server.server_close()


def test_preview_watches_sources_front_end_and_look(fresh_copy: Path) -> None:
    paths = {p.name for p in watched(fresh_copy)}
    assert {"modules", "quizzes", "curriculum", "site", "mkdocs.yml"} <= paths


def test_reading_a_watched_file_starts_no_rebuild(fresh_copy: Path, tmp_path: Path) -> None:
    """The build reads the files it watches (the kernel reports each open): only a change may
    start a rebuild, or the preview would rebuild after every rebuild, forever."""
    import time

    out = tmp_path / "preview"
    preview = Preview()
    rebuild(fresh_copy, out, preview)
    server = make_server(fresh_copy, 0, out, preview)
    server.observer.start()
    try:
        time.sleep(0.3)
        server._want_rebuild = False
        for path in sorted((fresh_copy / "modules").glob("*.md")):
            path.read_bytes()
        time.sleep(0.5)
        assert not server._want_rebuild
        with (fresh_copy / "modules" / "m-one.md").open("a", encoding="utf-8") as f:
            f.write("\nA change.\n")
        deadline = time.monotonic() + 5
        while not server._want_rebuild and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server._want_rebuild
    finally:
        server.observer.stop()
        server.observer.join()
