"""Live preview for authors: rebuild on every change, reload the browser, show mistakes in place.

The preview is built into ``build/.preview/site`` from the same pages as ``curriculum site``,
incrementally: the check reuses what it cached (in memory, and in ``build/.cache/check``), only
the pages an edit affects are generated and rendered again, in a MkDocs kept warm in the process
(``builder.site.incremental``), and only the browsers showing a page that changed reload.
When the curriculum has errors (or the renderer refuses a page), the last good preview stays up
and every page shows the diagnostics, exactly as ``curriculum check`` prints them, in a banner at
the top; the server keeps running and the next save rebuilds.
"""

from __future__ import annotations

import gc
import logging
import mimetypes
import posixpath
import re
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from builder.site.text import html_text

if TYPE_CHECKING:
    from builder.load.cache import CheckCache
    from builder.site.incremental import LiveSite
    from builder.validate.orchestrator import CheckResult

log = logging.getLogger(__name__)

WATCHED = ("modules", "quizzes", "curriculum", "docs")
PLACEHOLDER = (
    '<!doctype html><html lang="en"><head><meta '
    'charset="utf-8"><title>Preview</title></head><body><h1>No '
    "preview yet</h1></body></html>"
)


class Preview:
    """The state shared by the builder thread and the request threads: the current problem, the
    warm check cache and site, and when each page of the site last changed."""

    def __init__(self, full: bool = False, *, background: bool = False) -> None:
        self._lock = threading.Lock()
        self._problem = ""
        self.full = full
        """Rebuild every page on every save (the slow path, for comparison or doubt)."""
        self.background = background
        """Precompress what a rebuild rewrote after it is served (see ``LiveSite``)."""
        self.epochs: dict[str, int] = {}
        """Site file (``modules/x.html``) → the build epoch that last changed it."""
        self.all_epoch = 0
        """Every page changed at this epoch (the banner came or went)."""
        self._caches: dict[Path, CheckCache] = {}
        self.checked: dict[Path, CheckResult] = {}
        """The last check of each root (the next one starts from it)."""
        self._sites: dict[Path, LiveSite] = {}

    def cache(self, root: Path) -> CheckCache:
        """Return the check cache of ``root``, kept in memory between rebuilds."""
        from builder.load.cache import CheckCache

        return self._caches.setdefault(root, CheckCache.at_root(root, memory=True))

    def site(self, out: Path) -> LiveSite:
        """Return the warm site built into ``out``."""
        from builder.site.incremental import LiveSite

        return self._sites.setdefault(out, LiveSite(out, background=self.background))

    def settle(self) -> None:
        """Wait for the work each site left running in the background."""
        for site in self._sites.values():
            site.settle()

    def mark(self, written: Iterable[str], problem_changed: bool, epoch: int) -> None:
        """Record which pages the build of ``epoch`` changed."""
        with self._lock:
            for name in written:
                self.epochs[name] = epoch
            if problem_changed:
                self.all_epoch = epoch

    def changed_since(self, name: str, epoch: int) -> int:
        """Return the epoch at which page ``name`` last changed if after ``epoch``, else 0."""
        with self._lock:
            last = max(self.epochs.get(name, 0), self.all_epoch)
        return last if last > epoch else 0

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


def rebuild(root: Path, out: Path, preview: Preview, epoch: int = 0) -> list[str]:
    """Check and update the preview; on problems keep the last site and record them.

    Return the site files the build wrote (``[]`` when it stopped on problems).
    """
    from builder.site.build import SiteBuildError
    from builder.validate.orchestrator import check_again

    started, before = time.perf_counter(), preview.problem
    last = None if preview.full else preview.checked.get(root)
    result = preview.checked[root] = check_again(root, preview.cache(root), last)
    written: list[str] = []
    if not result.ok() or result.course is None:
        preview.problem = diagnostics_text(result)
        log.error("%s", preview.problem)
    else:
        try:
            written = preview.site(out).update(result.course, root, full=preview.full)
            preview.problem = ""
            log.info(
                "preview: %d files updated in %.2f s", len(written), time.perf_counter() - started
            )
        except SiteBuildError as exc:
            preview.problem = exc.message
            log.error("%s", exc.message)
    preview.mark(written, preview.problem != before, epoch)
    return written


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

    server = _server_class(LiveReloadServer)(
        preview, builder=lambda: None, host="127.0.0.1", port=port, root=str(out)
    )
    server.builder = lambda: rebuild(root, out, preview, server.building_epoch())
    server.error_handler = lambda code: error_page(preview.problem or f"{code}: no such page")
    server.build_delay = BUILD_DELAY
    _watch(server, watched(root))
    return server


#: Seconds without further changes before a rebuild starts (editors save in several writes).
BUILD_DELAY = 0.02


def _watch(server: Any, paths: list[Path]) -> None:
    """Watch ``paths`` with the kernel's notifications (a save is seen at once), or, where
    they are not available, by MkDocs' polling every half second."""
    import watchdog.observers

    polling = server.observer
    server.observer = _changes_only(watchdog.observers.Observer)()
    try:
        for path in paths:
            server.watch(str(path))
    except OSError:
        server._watched_paths, server._watch_refs = {}, {}
        server.observer = polling
        for path in paths:
            server.watch(str(path))


#: Kernel notifications that a file was read, not changed: the build itself reads the watched
#: files, so passing them on would start a rebuild after every rebuild, forever.
READ_EVENTS = frozenset({"opened", "closed_no_write"})


def _changes_only(observer: Any) -> Any:
    """Return an observer class whose handlers never hear of files being only read."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler

    class Changes(FileSystemEventHandler):
        def __init__(self, inner: FileSystemEventHandler) -> None:
            self.inner = inner

        def dispatch(self, event: FileSystemEvent) -> None:
            if event.event_type not in READ_EVENTS:
                self.inner.dispatch(event)

    class ChangesOnly(observer):  # type: ignore[misc]
        def schedule(self, handler: Any, path: str, *args: Any, **kwargs: Any) -> Any:
            return super().schedule(Changes(handler), path, *args, **kwargs)

    return ChangesOnly


POLL = re.compile(r"/livereload/([0-9]+)/([0-9]+)")


def _server_class(base: Any) -> Any:
    """Return MkDocs' live-reload server, made to reload only the pages a build changed.

    Each served page gets its own id in its reload script, remembered with the page's file; its
    poll answers with a newer epoch (the browser reloads) only when that file changed (or the
    problem banner came or went), instead of on every build.
    """

    class PreviewServer(base):  # type: ignore[misc]
        def __init__(self, preview: Preview, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.preview = preview
            self.pages: dict[int, str] = {}
            self.local = threading.local()
            self.next_id = int(time.time() * 1000)

        def building_epoch(self) -> int:
            return int(self._wanted_epoch)

        def _serve_request(self, environ: Any, start_response: Any) -> Any:
            path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
            poll = POLL.fullmatch(path)
            if poll and int(poll[2]) in self.pages:
                start_response("200 OK", [("Content-Type", "text/plain")])
                return [b"%d" % self._wait(int(poll[1]), self.pages[int(poll[2])])]
            self.local.path = path
            sent = send_precompressed(str(self.root), environ, start_response)
            return sent if sent is not None else super()._serve_request(environ, start_response)

        def _wait(self, epoch: int, name: str) -> int:
            def changed() -> int:
                last = self.preview.changed_since(name, epoch)
                return last if last and self._visible_epoch >= last else 0

            with self._epoch_cond:
                self._epoch_cond.wait_for(changed, timeout=self.poll_response_timeout)
                return changed() or epoch

        def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
            with self._epoch_cond:
                self.next_id += 1
                ident = self.next_id
                self.pages[ident] = _site_file(getattr(self.local, "path", "/"), self.mount_path)
                if len(self.pages) > MAX_PAGES:
                    del self.pages[next(iter(self.pages))]
            return _with_script(content, epoch, ident, self.preview.problem)

    return PreviewServer


#: Served pages whose reload script the server remembers (the oldest are forgotten).
MAX_PAGES = 10_000


def _with_script(content: bytes, epoch: int, ident: int, problem: str) -> bytes:
    """Return a page with its reload script (polling as page ``ident``) and the banner."""
    from mkdocs.livereload import _SCRIPT_TEMPLATE

    script = _SCRIPT_TEMPLATE.substitute(epoch=epoch, request_id=ident).encode()
    end = content.rfind(b"</body>")
    end = len(content) if end < 0 else end
    page = b"%b<script>%b</script>%b" % (content[:end], script, content[end:])
    if not problem:
        return page
    at = page.find(b">", page.find(b"<body")) + 1
    return page[:at] + banner(problem) + page[at:]


def _site_file(path: str, mount: str) -> str:
    """Return the site file a request path serves (``/`` → ``index.html``)."""
    rel = path[len(mount) :] if path.startswith(mount) else path
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    return posixpath.normpath("/" + rel).lstrip("/")


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
    for name in ("builder.preview", "builder.site", "mkdocs.livereload"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def serve(root: Path, port: int, full: bool = False) -> None:
    """Serve a live preview of the site on http://127.0.0.1:PORT/ until interrupted (with
    ``full``, every save rebuilds every page)."""
    _console_logging()
    out = root / "build" / ".preview" / "site"
    preview = Preview(full, background=True)
    rebuild(root, out, preview)
    # What the first build made (models, the warm MkDocs) lives as long as the server: keep the
    # collector from walking it again on every save (a pause of a second at 2,000 modules).
    gc.collect()
    gc.freeze()
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
