"""The ``curriculum`` command. Imports are lazy so that ``--help`` is instant."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from builder import __version__
from builder.cli_options import root_option

# The CLI owns the process environment (library modules never change it). Before building its
# first validator, pydantic looks for third-party plugins (validation hooks for observability
# tools) in the entry points of every installed distribution: tens of
# milliseconds per run, for plugins the builder does not use. A value already set in the
# environment wins (an empty one turns plugins back on).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

if TYPE_CHECKING:
    from builder.load.cache import CheckCache
    from builder.plan.course import Course
    from builder.validate.orchestrator import CheckResult
    from builder.validate.quick import QuickResult


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="curriculum")
def main() -> None:
    """Check, order, plan and build the SAFE capacity-building curriculum."""


def _load(
    root: Path, fmt: str = "text", strict: bool = False, quiet_ok: bool = True
) -> CheckResult:
    """Check the curriculum; on errors print them and exit 1."""
    from builder.validate.orchestrator import check_curriculum

    if not root.is_dir():
        raise click.UsageError(f"'{root}' is not a folder")
    result = check_curriculum(root.resolve(), _cache(root))
    if not result.ok(strict) or result.course is None:
        _report(result, fmt)
        sys.exit(1)
    return result


def _cache(root: Path) -> CheckCache:
    """Return the check cache of a curriculum root (build/.cache/check)."""
    from builder.load.cache import CheckCache

    return CheckCache.at_root(root.resolve())


def _course(root: Path) -> Course:
    """Check the curriculum and return the checked course (exit 1 on errors)."""
    course = _load(root).course
    assert course is not None  # _load exits otherwise
    return course


def _codes(course: Course, countries: Sequence[str]) -> list[str]:
    """Return the country codes asked for, or stop with a usage error naming the known ones."""
    codes = [c.upper() for c in countries]
    missing = [c for c in codes if c not in course.countries]
    if missing:
        _usage(
            f"no country profile for {', '.join(missing)}; countries: "
            f"{', '.join(course.countries) or 'none'}"
        )
    return codes


def _no_collection_at_exit() -> None:
    """Spare the interpreter its full garbage collections at exit, over objects about to go.

    A build leaves a large heap behind (the checked curriculum, MkDocs' pages and templates);
    the collections Python runs while shutting down traverse all of it, for nothing: about 60 ms
    of the 100-module build. ``gc.freeze()`` as an exit handler moves those objects out of the
    collector's reach (exit handlers, such as logging's flush, still run). It is registered
    rather than called now, so an in-process caller (tests) keeps collecting until its own exit.
    """
    import atexit
    import gc

    atexit.register(gc.freeze)


def _report(result: CheckResult | QuickResult, fmt: str) -> None:
    from builder import diagnostics as d

    items = result.diagnostics
    if fmt == "json":
        click.echo(d.format_json(items))
    elif fmt == "github":
        if items:
            click.echo(d.format_github(items))
        click.echo(d.summary(items), err=True)
    else:
        lines = {k: v.split("\n") for k, v in result.texts.items()}
        if items:
            click.echo(d.format_text(items, lines), err=True)
        click.echo(d.summary(items), err=True)


@main.command()
@click.argument("path", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("--strict", is_flag=True, help="Warnings fail the check too.")
@click.option("--items", is_flag=True, help="Also list the questions the results flag.")
@click.option(
    "--db", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Results database."
)
@click.option(
    "--no-cache", is_flag=True, help="Parse and check every file again (build/.cache/check unused)."
)
def check(path: Path, fmt: str, strict: bool, items: bool, db: Path | None, no_cache: bool) -> None:
    """Report every problem in the curriculum at PATH, compiler style.

    Unchanged files are not parsed again: their results are kept in build/.cache/check.
    Exit status: 0 clean, 1 author errors (or warnings with --strict), 2 usage errors.
    """
    if not path.is_dir():
        raise click.UsageError(f"'{path}' is not a folder")
    root = path.resolve()
    result: CheckResult | QuickResult | None = None
    if not no_cache and not items:
        from builder.validate.quick import quick_check

        result = quick_check(root, _cache(path))
    if result is None:
        from builder.validate.orchestrator import check_curriculum

        result = check_curriculum(root, None if no_cache else _cache(path))
    _report(result, fmt)
    if items and result.course is not None:
        from builder.cli_evidence import report_flagged_items

        report_flagged_items(result.course.curriculum, path, db)
    sys.exit(0 if result.ok(strict) else 1)


@main.command()
@root_option()
@click.option("--track", "-t", help="Only the modules of this track.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def order(root: Path, track: str | None, fmt: str) -> None:
    """Print the course order: every prerequisite before the modules that need it."""
    from builder.plan.text import order_json, order_text

    course = _course(root)
    cur = course.curriculum
    if track is not None and track not in [t.id for t in cur.programme.tracks]:
        _usage(f"unknown track '{track}'; tracks: {', '.join(t.id for t in cur.programme.tracks)}")
    ids = [m for m in course.order if track is None or cur.modules[m].meta.track == track]
    click.echo(order_json(cur, ids) if fmt == "json" else order_text(cur, ids))


@main.command()
@root_option()
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def translations(root: Path, fmt: str) -> None:
    """Report each language: modules, quizzes and interface strings translated (in %), stale
    translations (the source is newer than `translated_from`) and missing strings."""
    import json

    from builder.plan.translations import report_table, translation_report

    reports = translation_report(_course(root).curriculum)
    if fmt == "json":
        data = {"languages": [r.as_json() for r in reports]}
        click.echo(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True))
    else:
        click.echo(report_table(reports), nl=False)


@main.command()
@root_option()
@click.argument("country")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def plan(root: Path, country: str, fmt: str) -> None:
    """Print COUNTRY's plan: gaps, modules and why, schedule, mentoring, progress."""
    from builder.plan.text import plan_json, plan_text

    course = _course(root)
    code = country.upper()
    if code not in course.countries:
        known = ", ".join(course.countries) or "none"
        _usage(f"no country profile '{country}'; countries: {known}")
    p = course.plan(code)
    click.echo(plan_json(p) if fmt == "json" else plan_text(course.curriculum, p))


@main.command()
@root_option()
@click.argument("kind", type=click.Choice(["module", "quiz", "country"]))
@click.argument("ident")
@click.option("--track", default="", help="Track of a new module (default: the first track).")
def new(root: Path, kind: str, ident: str, track: str) -> None:
    """Write a valid skeleton of a module, quiz or country profile for authors to fill in."""
    from builder.scaffold import ScaffoldError, write_skeleton

    try:
        path = write_skeleton(root.resolve(), kind, ident, track)
    except ScaffoldError as exc:
        _usage(str(exc))
    click.echo(f"wrote {path}")


@main.command()
@root_option()
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file instead of standard output.",
)
def reference(root: Path, output: Path | None) -> None:
    """Print the authors' reference: every field and every diagnostic code."""
    from builder.reference import authoring_reference

    text = authoring_reference()
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


@contextmanager
def _output_errors() -> Iterator[None]:
    """Turn a failed build into a message and its exit status (earlier outputs stay in place)."""
    from builder.errors import BuilderError

    try:
        yield
    except BuilderError as exc:
        click.echo(f"curriculum: build failed: {exc.message}", err=True)
        click.echo("the outputs of the previous build are unchanged", err=True)
        sys.exit(exc.exit_code)


def _usage(message: str) -> NoReturn:
    click.echo(f"curriculum: error: {message}", err=True)
    sys.exit(2)


@main.command()
@root_option()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder (default: build/site under the root).",
)
def site(root: Path, out: Path | None) -> None:
    """Build the trainee site (MkDocs Material) into build/site/."""
    from builder.site.build import build_site

    _no_collection_at_exit()
    course = _course(root)
    target = out or root / "build" / "site"
    with _output_errors():
        click.echo(build_site(course, root.resolve(), target.resolve()))


@main.command()
@root_option()
@click.option("--port", default=8000, show_default=True, help="Port on localhost.")
@click.option(
    "--full", is_flag=True, help="Rebuild every page on every save (default: only what changed)."
)
def serve(root: Path, port: int, full: bool) -> None:
    """Preview the site on localhost; after each save it checks again and rebuilds the pages
    the change affects, and reloads the browser tabs showing them."""
    from builder.preview import serve as run_server

    run_server(root.resolve(), port, full)


@main.command()
@root_option()
@click.argument("countries", nargs=-1)
@click.option("--all", "all_", is_flag=True, help="Every country profile.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder (default: build/packs under the root).",
)
@click.option(
    "--jobs", "-j", type=int, default=2, show_default=True, help="Parallel workers for --all."
)
def pack(root: Path, countries: tuple[str, ...], all_: bool, out: Path | None, jobs: int) -> None:
    """Build course packs for COUNTRIES (or --all) into build/packs/."""
    from builder.packs.build import build_packs

    course = _course(root)
    codes = list(course.countries) if all_ else _codes(course, countries)
    if not codes:
        _usage("name at least one country, or use --all")
    target = out or root / "build" / "packs"
    with _output_errors():
        click.echo(
            build_packs(course, root.resolve(), codes, target.resolve(), jobs=jobs, progress=all_)
        )


@main.command()
@root_option()
def build(root: Path) -> None:
    """Check, then build the site and every country's pack (the main job)."""
    from builder.pipeline import build_everything

    course = _course(root)
    with _output_errors():
        click.echo(build_everything(course, root.resolve()))


def _register_evidence() -> None:
    from builder.cli_evidence import assess, results

    main.add_command(assess)
    main.add_command(results)


_register_evidence()


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--code", default=None, help="Check only the certificate with this code.")
@click.option(
    "--root",
    "-C",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Curriculum root: also check that each certificate covers every practice quiz of its "
    "track.",
)
def verify(file: Path, code: str | None, root: Path | None) -> None:
    """Check the certificates in a trainee's exported progress file (exit 1 if one fails)."""
    from builder import certificate as cert

    try:
        data = cert.read_progress(file)
    except cert.ProgressFileError as exc:
        click.echo(f"curriculum: error: {exc}", err=True)
        sys.exit(1)
    found = [c for c in cert.certificates(data) if code is None or c.code == code.upper()]
    if not found:
        what = f"with code {code}" if code else "at all"
        click.echo(f"{file}: no certificate {what} in this progress file", err=True)
        sys.exit(1)
    tracks = _track_modules(root) if root is not None else {}
    verdicts = [cert.check_certificate(data, c, tracks.get(c.track)) for c in found]
    for verdict in verdicts:
        click.echo(cert.describe(verdict))
    click.echo(cert.ATTESTS)
    sys.exit(0 if all(v.valid for v in verdicts) else 1)


def _track_modules(root: Path) -> dict[str, tuple[str, ...]]:
    """Return, per track, the modules with a practice quiz (from the checked curriculum)."""
    cur = _course(root).curriculum
    practice = {q.meta.module for q in cur.quizzes.values() if not q.is_exam}
    return {
        t.id: tuple(
            m
            for m in sorted(practice)
            if m in cur.modules
            and cur.modules[m].meta.track == t.id
            and cur.modules[m].meta.status != "retired"
        )
        for t in cur.programme.tracks
    }
