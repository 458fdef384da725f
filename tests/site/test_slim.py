"""Unit tests of the light site: unused theme files, precompressed copies, serving them, and the
certificate codes behind ``curriculum verify``."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import brotli
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from builder import certificate as cert
from builder.cli import main
from builder.preview import accepted_encodings, precompressed, send_precompressed
from builder.site import slim


def make_theme(root: Path) -> None:
    lunr = root / "assets" / "javascripts" / "lunr"
    (lunr / "min").mkdir(parents=True)
    for name in (
        "lunr.fr.min.js",
        "lunr.de.min.js",
        "lunr.multi.min.js",
        "lunr.stemmer.support.min.js",
    ):
        (lunr / "min" / name).write_text("x", encoding="utf-8")
    (lunr / "wordcut.js").write_text("x" * 10, encoding="utf-8")
    (lunr / "tinyseg.js").write_text("x", encoding="utf-8")
    (root / "assets" / "javascripts" / "bundle.min.js.map").write_text("{}", encoding="utf-8")
    (root / "index.html").write_text("<p>hello</p>" * 400, encoding="utf-8")
    (root / "tiny.css").write_text("a{}", encoding="utf-8")


def test_unused_theme_files_are_dropped(tmp_path: Path) -> None:
    make_theme(tmp_path)
    saved = slim.drop_unused(tmp_path, ["en", "fr"])
    left = {p.name for p in tmp_path.rglob("*.js")}
    assert left == {"lunr.fr.min.js", "lunr.multi.min.js", "lunr.stemmer.support.min.js"}
    assert not list(tmp_path.rglob("*.map")) and saved > 0


def test_precompressed_copies_are_deterministic_and_decompress(tmp_path: Path) -> None:
    make_theme(tmp_path)
    assert slim.precompress(tmp_path) == 1  # the page; tiny files are not worth it
    page = (tmp_path / "index.html").read_bytes()
    gz, br = (tmp_path / "index.html.gz").read_bytes(), (tmp_path / "index.html.br").read_bytes()
    assert gzip.decompress(gz) == page and brotli.decompress(br) == page
    slim.precompress(tmp_path)
    assert (tmp_path / "index.html.gz").read_bytes() == gz
    assert (tmp_path / "index.html.br").read_bytes() == br
    assert not (tmp_path / "tiny.css.gz").exists()


def test_server_sends_the_best_copy_the_browser_accepts(tmp_path: Path) -> None:
    make_theme(tmp_path)
    (tmp_path / "app.js").write_text("var a = 1;\n" * 300, encoding="utf-8")
    slim.precompress(tmp_path)
    js = str(tmp_path / "app.js")
    assert precompressed(js, "gzip, deflate, br") == (js + ".br", "br")
    assert precompressed(js, "gzip;q=1, br;q=0") == (js + ".gz", "gzip")
    assert precompressed(js, "") == (js, None)
    assert accepted_encodings("br;q=0, gzip") == {"gzip"}
    headers: list[Any] = []
    body = send_precompressed(
        str(tmp_path),
        {"PATH_INFO": "/app.js", "HTTP_ACCEPT_ENCODING": "br"},
        lambda status, h: headers.extend(h),
    )
    assert body and brotli.decompress(body[0]) == (tmp_path / "app.js").read_bytes()
    assert ("Content-Encoding", "br") in headers
    # Pages go to the live-reload server (it adds its script), and so do unknown paths.
    assert send_precompressed(str(tmp_path), {"PATH_INFO": "/index.html"}, print) is None
    assert send_precompressed(str(tmp_path), {"PATH_INFO": "/../etc/passwd"}, print) is None


# ----------------------------------------------------------------------------- certificates


def progress_with(name: str, modules: dict[str, int], programme: str = "P") -> dict[str, Any]:
    c = cert.Certificate("t1", name, "2026-12-03", modules, "")
    code = cert.certificate_code(programme, c)
    return {
        "format": "safe-curriculum-progress",
        "version": 1,
        "programme": programme,
        "modules": {m: {"passed": True, "best": b} for m, b in modules.items()},
        "future-key": {"kept": True},
        "certificates": [{**c.__dict__, "code": code}],
    }


@given(
    st.text(min_size=1, max_size=30),
    st.dictionaries(st.from_regex(r"[a-z]{1,8}", fullmatch=True), st.integers(0, 100), min_size=1),
)
def test_a_recorded_certificate_verifies(name: str, modules: dict[str, int]) -> None:
    data = progress_with(name, modules)
    (found,) = cert.certificates(data)
    assert cert.check_certificate(data, found).valid


def test_verify_command(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    data = progress_with("Ana", {"m-a": 90, "m-b": 75})
    path.write_text(json.dumps(data), encoding="utf-8")
    ok = CliRunner().invoke(main, ["verify", str(path)])
    assert ok.exit_code == 0 and ": valid — Ana, track t1, 2026-12-03" in ok.output
    assert "it is not the result of an invigilated exam" in ok.output
    data["certificates"][0]["name"] = "Anna"
    path.write_text(json.dumps(data), encoding="utf-8")
    bad = CliRunner().invoke(main, ["verify", str(path)])
    assert bad.exit_code == 1 and "the code does not match the certificate's content" in bad.output
    data = progress_with("Ana", {"m-a": 90})
    data["modules"]["m-a"]["best"] = 60
    path.write_text(json.dumps(data), encoding="utf-8")
    low = CliRunner().invoke(main, ["verify", str(path)])
    assert "module m-a: the certificate says 90 %, the progress less" in low.output


def test_verify_rejects_what_is_not_a_progress_file(tmp_path: Path) -> None:
    cases = {
        "a.json": ("{", "not a JSON file"),
        "b.json": ('{"format": "other"}', "not a progress file of the trainee site"),
        "c.json": (
            '{"format": "safe-curriculum-progress", "version": 2, "modules": {}}',
            "progress file version 2 is not one this curriculum reads (1)",
        ),
        "d.json": (
            '{"format": "safe-curriculum-progress", "version": 1, "modules": {}}',
            "no certificate at all in this progress file",
        ),
    }
    for name, (text, message) in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        out = CliRunner().invoke(main, ["verify", str(tmp_path / name)])
        assert out.exit_code == 1 and message in out.output and "Traceback" not in out.output
    missing = CliRunner().invoke(main, ["verify", str(tmp_path / "none.json")])
    assert missing.exit_code == 1 and "cannot read the file" in missing.output


def test_the_background_compressor_waits_for_a_pause(tmp_path: Path) -> None:
    """A live preview's compressor starts only after ``idle`` seconds without a new batch (it
    does not compete with the next save's rebuild); ``settle`` does the work at once, and a
    cancelled batch is taken up by the next one."""
    import threading
    import time

    page = tmp_path / "page.html"
    page.write_text("<p>text</p>" * 200, encoding="utf-8")
    other = tmp_path / "other.html"
    other.write_text("<p>more</p>" * 200, encoding="utf-8")
    compressor = slim.Compressor(tmp_path, idle=3600.0)
    compressor.start([page])
    time.sleep(0.2)
    assert not (tmp_path / "page.html.gz").exists()  # still waiting for a pause
    compressor.cancel()
    compressor.start([other])
    settling = threading.Thread(target=compressor.settle)
    settling.start()
    settling.join(timeout=300)  # not the idle hour
    assert not settling.is_alive()
    for path in (page, other):
        for suffix in slim.COPY_SUFFIXES:
            assert path.with_name(path.name + suffix).is_file()
