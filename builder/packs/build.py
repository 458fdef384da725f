"""The one orchestrator of course packs: validate → resolve → convert fragments → build → publish.

1. Country codes and the programme version are validated before any path is made from them.
2. Every pack's content is resolved and its fragments are converted once, for all packs, through
   the content-hash cache (``build/.cache/packs``), in parallel pandoc batches.
3. Packs are assembled in worker processes (``jobs``), each in memory, then written to a
   temporary folder beside the target and swapped into place only when complete, so a failed or
   interrupted build leaves the previous pack as it was.
"""

from __future__ import annotations

import functools
import json
import multiprocessing
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from builder.packs.assemble import Books, pack_files
from builder.packs.assemble import books as pack_books
from builder.packs.cache import Cache
from builder.packs.content.content import PackContent, build_content
from builder.packs.convert.convert import Converter, Piece, clear_work
from builder.packs.errors import PackBuildError, PackError
from builder.packs.formats.manifest import build_inputs, git_commit
from builder.packs.paths import check_code, check_version
from builder.packs.publish import clear_stale, publish, published
from builder.plan.course import Course


@dataclass(frozen=True)
class PackReport:
    """What one pack build wrote."""

    code: str
    language: str
    modules: int
    files: tuple[tuple[str, int], ...]
    zip_name: str
    zip_size: int
    languages: tuple[tuple[str, int], ...]
    fallbacks: tuple[str, ...]
    warnings: tuple[str, ...]
    seconds: float
    kept: bool = False


def cache_root(out: Path) -> Path:
    """Return the conversion cache beside the packs folder (``build/.cache/packs``)."""
    return out.parent / ".cache" / "packs"


def build_one(
    content: PackContent, books: Books, out: Path, cache_dir: Path, commit: str
) -> PackReport:
    """Build and publish one pack (runs in a worker process for ``--all``)."""
    start = time.perf_counter()
    code, version = check_code(content.code), check_version(content.programme.version)
    files, warnings = pack_files(content, books, Cache(cache_dir), commit)
    zip_size = publish(out, code, version, files, content.epoch)
    langs: dict[str, int] = {}
    for m in content.modules:
        langs[m.lang] = langs.get(m.lang, 0) + 1
    return PackReport(
        code=code,
        language=content.lang,
        modules=len(content.modules),
        files=tuple(sorted((k, len(v)) for k, v in files.items())),
        zip_name=f"{code}-{version}.zip",
        zip_size=zip_size,
        languages=tuple(sorted(langs.items())),
        fallbacks=content.fallbacks,
        warnings=tuple(warnings),
        seconds=time.perf_counter() - start,
    )


def _contents(course: Course, codes: Sequence[str]) -> list[PackContent]:
    return [build_content(course.curriculum, course.plan(c)) for c in codes]


def _pieces(books: Sequence[Books]) -> list[Piece]:
    return [piece for pair in books for book in pair for piece in book.pieces]


def build_packs(
    course: Course,
    root: Path,
    codes: Sequence[str],
    out: Path,
    jobs: int = 2,
    progress: bool = False,
) -> str:
    """Build the packs of ``codes`` into ``out``; return a summary of what was written."""
    started = time.perf_counter()
    codes = [check_code(c) for c in codes]
    cur = course.curriculum
    check_version(cur.programme.version)
    missing = [c for c in codes if c not in course.countries]
    if missing:
        raise PackBuildError(f"no plan for {', '.join(missing)}")
    out = out.resolve()
    cache_dir = cache_root(out)
    clear_work(cache_dir)
    for c in codes:
        clear_stale(out, c)
    commit = git_commit(root)
    contents = _contents(course, codes)
    kept = [r for r in (_kept(out, c, commit) for c in contents) if r is not None]
    todo = [c for c in contents if c.code not in {r.code for r in kept}]
    conv = Converter(Cache(cache_dir), jobs)
    with _pool(jobs, len(todo)) as pool:  # workers start while the fragments are converted
        books = [pack_books(c) for c in todo]
        with _status(progress and bool(todo), f"converting the fragments of {len(todo)} pack(s)"):
            conv.ensure(_pieces(books), [f for c in todo for f in c.figures])
        reports, failures = _run(
            list(zip(todo, books, strict=True)),
            out,
            cache_dir,
            commit,
            pool,
            _Bar(progress, len(codes), len(kept)),
        )
    if failures:
        done = ", ".join(r.code for r in reports) or "none"
        raise PackBuildError(
            "; ".join(failures) + f" (packs written: {done}; the others were left as they were)"
        )
    return summary(
        sorted(reports + kept, key=lambda r: r.code),
        out,
        conv.converted,
        time.perf_counter() - started,
    )


def _kept(out: Path, content: PackContent, commit: str) -> PackReport | None:
    """Return a report for a published pack built from the same inputs (nothing to do), or None."""
    version = content.programme.version
    files = published(out, content.code, version, build_inputs(content, commit))
    if files is None:
        return None
    langs: dict[str, int] = {}
    for m in content.modules:
        langs[m.lang] = langs.get(m.lang, 0) + 1
    warnings = json.loads((out / content.code / "manifest.json").read_text(encoding="utf-8")).get(
        "warnings", []
    )
    zip_size = (out / f"{content.code}-{version}.zip").stat().st_size
    return PackReport(
        content.code,
        content.lang,
        len(content.modules),
        tuple(sorted(files.items())),
        f"{content.code}-{version}.zip",
        zip_size,
        tuple(sorted(langs.items())),
        content.fallbacks,
        tuple(warnings),
        0.0,
        kept=True,
    )


@contextmanager
def _pool(jobs: int, packs: int) -> Iterator[ProcessPoolExecutor | None]:
    """Yield a pool of worker processes, already starting, when several packs are to be built
    and ``jobs`` > 1; else None (build in this process)."""
    if jobs <= 1 or packs <= 1:
        yield None
        return
    # Workers come from a fork server (a fresh process), never from a fork of this one: the
    # caller may have threads (a progress bar, a browser driver) whose locks a fork would copy.
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["builder.packs.build"])
    workers = min(jobs, packs)
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        for _ in range(workers):
            pool.submit(_ready)
        yield pool


def _ready() -> None:
    """Do nothing: submitted once per worker so that the workers start at once."""


def _run(
    contents: Sequence[tuple[PackContent, Books]],
    out: Path,
    cache_dir: Path,
    commit: str,
    pool: ProcessPoolExecutor | None,
    bar: _Bar,
) -> tuple[list[PackReport], list[str]]:
    """Build the packs, in the worker processes of ``pool`` if there is one."""
    reports: list[PackReport] = []
    failures: list[str] = []
    if pool is None:
        with bar as advance:
            for c, b in contents:
                job = functools.partial(build_one, c, b, out, cache_dir, commit)
                _collect(job, c.code, reports, failures, advance)
        return reports, failures
    futures: dict[Future[PackReport], str] = {
        pool.submit(build_one, c, b, out, cache_dir, commit): c.code for c, b in contents
    }
    with bar as advance:
        for f in as_completed(futures):
            _collect(f.result, futures[f], reports, failures, advance)
    reports.sort(key=lambda r: r.code)
    return reports, failures


def _collect(
    get: Callable[[], PackReport],
    code: str,
    reports: list[PackReport],
    failures: list[str],
    advance: Callable[[str, int], None],
) -> None:
    try:
        reports.append(get())
    except PackError as exc:
        failures.append(f"{code}: {exc}")
    advance(code, 1)


@contextmanager
def _status(enabled: bool, message: str) -> Iterator[None]:
    """Show a spinner on stderr while the body runs (its thread ends before any fork)."""
    if not enabled:
        yield
        return
    from rich.console import Console

    with Console(stderr=True).status(message):
        yield


class _Bar:
    """A context giving ``advance(label, steps)``; when enabled, a rich progress bar on stderr."""

    def __init__(self, enabled: bool, total: int, done: int) -> None:
        self.enabled, self.total, self.done = enabled, total, done
        self._stack = ExitStack()

    def __enter__(self) -> Callable[[str, int], None]:
        if not self.enabled:
            return lambda label, steps: None
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        columns = (
            TextColumn("packs"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
        )
        bar = self._stack.enter_context(Progress(*columns, console=Console(stderr=True)))
        task = bar.add_task("building", total=self.total, completed=self.done)
        return lambda label, steps: bar.update(task, advance=steps, description=label)

    def __exit__(self, *exc: object) -> None:
        self._stack.close()


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB"):
        if n < 1024 or unit == "MB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n = n / 1024  # type: ignore[assignment]
    return f"{n} B"


def _fallbacks(items: Sequence[str]) -> str:
    """Return the fallbacks grouped: ``11 modules (a, b, …); 15 quizzes (…)``, long lists cut."""
    if not items:
        return "none"
    groups: dict[str, list[str]] = {}
    for item in items:
        kind, _, name = item.partition(" ")
        groups.setdefault(kind, []).append(name)
    return "; ".join(
        (
            f"{len(v)} {k}{'zes' if k == 'quiz' and len(v) > 1 else 's' if len(v) > 1 else ''} "
            f"in the source language ({_some(v)})"
        )
        for k, v in groups.items()
    )


def _some(names: Sequence[str], shown: int = 12) -> str:
    """Return up to ``shown`` names, then how many more (the manifest lists them all)."""
    more = len(names) - shown
    return ", ".join(names[:shown]) + (
        f", and {more} more, listed in manifest.json" if more > 0 else ""
    )


def summary(reports: Sequence[PackReport], out: Path, converted: int, seconds: float) -> str:
    """Return the text report: per pack, the files written, sizes, languages and fallbacks."""
    written = [r for r in reports if not r.kept]
    lines = [
        (
            f"packs: {len(written)} written, {len(reports) - len(written)} unchanged, in {out} "
            f"({seconds:.1f} s; {converted} fragments converted, the rest from the cache)"
        )
    ]
    for r in reports:
        total = sum(n for _, n in r.files)
        langs = ", ".join(f"{lang} ({n} module{'s' if n > 1 else ''})" for lang, n in r.languages)
        state = "unchanged, kept" if r.kept else "written"
        lines += [
            (
                f"{r.code} ({state}): language {r.language}, {r.modules} modules, {len(r.files)} "
                f"files, {_size(total)}; {r.zip_name} {_size(r.zip_size)}"
            ),
            f"  languages used: {langs}",
            f"  fallbacks: {_fallbacks(r.fallbacks)}",
        ]
        site = [(n, s) for n, s in r.files if n.startswith("trainee/site/")]
        lines += [
            f"  {name}  {_size(size)}"
            for name, size in r.files
            if not name.startswith("trainee/site/")
        ]
        lines.append(f"  trainee/site/  {len(site)} files, {_size(sum(s for _, s in site))}")
        lines += [f"  warning: {w}" for w in r.warnings]
    return "\n".join(lines)
