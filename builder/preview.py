"""Live preview for authors: rebuild on every change, reload the browser, show mistakes in place.

The preview is built into ``build/.preview/site`` with the same builder as ``curriculum site``.
When the curriculum has errors (or the renderer refuses a page), the last good preview stays up
and every page shows the diagnostics, exactly as ``curriculum check`` prints them, in a banner at
the top; the server keeps running and the next save rebuilds.
"""

from __future__ import annotations

import logging
import mimetypes
import posixpath
import sys
import threading
from pathlib import Path
from typing import Any

from builder.site.text import html_text

log = logging.getLogger(__name__)

WATCHED = ("modules", "quizzes", "curriculum", "docs")
PLACEHOLDER = (
    '<!doctype html><html lang="en"><head><meta '
    'charset="utf-8"><title>Preview</title></head><body><h1>No '
    "preview yet</h1></body></html>"
)


class Preview:
    """The state shared by the builder thread and the request threads: the current problem."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._problem = ""

    @property
    def problem(self) -> str:
        """Return the diagnostics of the last build ('' when it succeeded)."""
        with self._lock:
            return self._problem

    @problem.setter
    def problem(self, text: str) -> None:
        with self._lock:
            self._problem = text


def diagnostics_text(result: Any) -> str:
    """Return the diagnostics of a check as ``curriculum check`` prints them."""
    from builder import diagnostics as d

    lines = {k: v.split("\n") for k, v in result.texts.items()}
    items = result.diagnostics
    body = d.format_text(items, lines) if items else ""
    return f"{body}\n{d.summary(items)}".strip()


def banner(problem: str) -> bytes:
    """Return the HTML banner that shows diagnostics on top of a page."""
    return (
        '<div role="alert" id="curriculum-preview-problem" '
        'style="position:fixed;z-index:1000;top:0;left:0;right:0;'
        "max-height:60vh;overflow:auto;background:#fff3f0;color:#5c1208;border-bottom:4px "
        "solid #a1261a;"
        'padding:1rem;font:14px/1.4 monospace">'
        '<p style="font:bold 16px sans-serif;margin:0 0 .5rem">The curriculum has problems; '
        "the preview shows the last good build.</p>"
        f'<pre style="white-space:pre-wrap;margin:0">{html_text(problem)}</pre></div>'
    ).encode()


def error_page(problem: str) -> bytes:
    """Return a page that only shows ``problem`` (for requests the preview cannot answer)."""
    head, tail = PLACEHOLDER.split("</body>")
    return head.encode("utf-8") + banner(problem) + b"</body>" + tail.encode("utf-8")


def rebuild(root: Path, out: Path, preview: Preview) -> None:
    """Check and build the preview; on problems keep the last site and record them."""
    from builder.site.build import SiteBuildError, build_site
    from builder.validate.orchestrator import check_curriculum

    result = check_curriculum(root)
    if not result.ok() or result.course is None:
        preview.problem = diagnostics_text(result)
        log.error("%s", preview.problem)
        return
    try:
        log.info("%s", build_site(result.course, root, out))
    except SiteBuildError as exc:
        preview.problem = exc.message
        log.error("%s", exc.message)
        return
    preview.problem = ""


#: Precompressed copies the build writes beside big files (``builder/site/slim.py``), best first.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


def accepted_encodings(header: str) -> set[str]:
    """Return the content codings an ``Accept-Encoding`` header accepts (``q=0`` refused)."""
    out = set()
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        q = params.strip().removeprefix("q=") if params.strip().startswith("q=") else "1"
        try:
            refused = float(q) == 0
        except ValueError:
            refused = False
        if name.strip() and not refused:
            out.add(name.strip().lower())
    return out


def precompressed(file_path: str, accept: str) -> tuple[str, str | None]:
    """Return the file to send for ``file_path`` and its content coding (None: as it is)."""
    codings = accepted_encodings(accept)
    for coding, suffix in ENCODINGS:
        if coding in codings and Path(file_path + suffix).is_file():
            return file_path + suffix, coding
    return file_path, None


def compressed_body(content: bytes, accept: str) -> tuple[bytes, str | None]:
    """Return a page made on the fly (the preview adds its reload script) gzipped if accepted."""
    import gzip

    if "gzip" in accepted_encodings(accept) and len(content) >= 1024:
        return gzip.compress(content, compresslevel=6, mtime=0), "gzip"
    return content, None


def send_precompressed(folder: str, environ: Any, start_response: Any) -> list[bytes] | None:
    """Answer a WSGI request for a file with a precompressed copy, or return None.

    Pages are left to the live-reload server (it adds its script to each); the assets and the
    search index, most of the bytes, go out as the build compressed them.
    """
    path = str(environ.get("PATH_INFO", ""))
    rel = posixpath.normpath("/" + path).lstrip("/")
    file_path = str(Path(folder) / rel)
    if not rel or rel.endswith(".html") or not Path(file_path).is_file():
        return None
    sent, coding = precompressed(file_path, str(environ.get("HTTP_ACCEPT_ENCODING", "")))
    if coding is None:
        return None
    data = Path(sent).read_bytes()
    kind = mimetypes.guess_type(file_path)[0] or "application/octet-stream"
    start_response(
        "200 OK",
        [
            ("Content-Type", kind),
            ("Content-Encoding", coding),
            ("Content-Length", str(len(data))),
            ("Vary", "Accept-Encoding"),
        ],
    )
    return [data]


def make_server(root: Path, port: int, out: Path, preview: Preview) -> Any:
    """Return a live-reload server on localhost that rebuilds on changes under the root."""
    from mkdocs.livereload import LiveReloadServer

    class PreviewServer(LiveReloadServer):
        def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
            page: bytes = super()._inject_js_into_html(content, epoch)  # type: ignore[no-untyped-call]
            problem = preview.problem
            if not problem:
                return page
            at = page.find(b">", page.find(b"<body")) + 1
            return page[:at] + banner(problem) + page[at:]

        def _serve_request(self, environ: Any, start_response: Any) -> Any:
            sent = send_precompressed(str(out), environ, start_response)
            return sent if sent is not None else super()._serve_request(environ, start_response)

    server = PreviewServer(
        builder=lambda: rebuild(root, out, preview), host="127.0.0.1", port=port, root=str(out)
    )
    server.error_handler = lambda code: error_page(preview.problem or f"{code}: no such page")
    for path in watched(root):
        server.watch(str(path))
    return server


def watched(root: Path) -> list[Path]:
    """Return what the preview watches: the sources, the front end and the look."""
    from builder.site.build import PROJECT, front_end

    paths = [root / name for name in WATCHED if (root / name).exists()]
    paths.append(front_end(root))
    look = root / "mkdocs.yml" if (root / "mkdocs.yml").is_file() else PROJECT / "mkdocs.yml"
    if look.is_file():
        paths.append(look)
    return sorted(set(paths))


def _console_logging() -> None:
    """Show the preview's messages on the terminal (the serve command is interactive)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    for name in ("builder.site", "mkdocs.livereload"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def serve(root: Path, port: int) -> None:
    """Serve a live preview of the site on http://127.0.0.1:PORT/ until interrupted."""
    _console_logging()
    out = root / "build" / ".preview" / "site"
    preview = Preview()
    rebuild(root, out, preview)
    if not out.is_dir():
        out.mkdir(parents=True)
        (out / "index.html").write_text(PLACEHOLDER, encoding="utf-8")
    server = make_server(root, port, out, preview)
    try:
        server.serve()
    except KeyboardInterrupt:
        log.info("Shutting down")
    finally:
        server.shutdown()
