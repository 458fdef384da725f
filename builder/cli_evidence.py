"""Commands that bring evidence in and reports out: ``assess`` and ``results``.

Kept apart from :mod:`builder.cli` (which registers them) so that the main command stays thin.
Imports are lazy so that ``--help`` is instant.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from builder.cli_options import root_option

if TYPE_CHECKING:
    from builder.plan.course import Course

F = TypeVar("F", bound=Callable[..., Any])

DB_HELP = "Results database (default: results/results.sqlite under the root; never published)."


def _db_option() -> Callable[[F], F]:
    return click.option(
        "--db", type=click.Path(dir_okay=False, path_type=Path), default=None, help=DB_HELP
    )


def db_path(root: Path, db: Path | None) -> Path:
    """Return the results database path: ``--db`` or ``results/results.sqlite`` under the root."""
    return db if db is not None else root / "results" / "results.sqlite"


@contextmanager
def _errors() -> Iterator[None]:
    """Print a builder error (every problem of a file) and exit with its status."""
    from builder.errors import BuilderError

    try:
        yield
    except BuilderError as exc:
        click.echo(exc.message, err=True)
        click.echo("nothing was changed", err=True)
        sys.exit(exc.exit_code)


def _usage(message: str) -> NoReturn:
    click.echo(f"curriculum: error: {message}", err=True)
    sys.exit(2)


def _course(root: Path) -> Course:
    """Check the curriculum and return the checked course (print the errors and exit 1)."""
    from builder import diagnostics as d
    from builder.validate.orchestrator import check_curriculum

    if not root.is_dir():
        _usage(f"'{root}' is not a folder")
    result = check_curriculum(root.resolve())
    if not result.ok(False) or result.course is None:
        lines = {k: v.split("\n") for k, v in result.texts.items()}
        click.echo(d.format_text(result.diagnostics, lines), err=True)
        click.echo(d.summary(result.diagnostics), err=True)
        sys.exit(1)
    return result.course


def _country(root: Path, country: str) -> tuple[Course, str]:
    course = _course(root)
    code = country.upper()
    if code not in course.curriculum.countries:
        known = ", ".join(course.curriculum.countries) or "none"
        _usage(f"no country profile '{country}'; countries: {known}")
    return course, code


# --------------------------------------------------------------------------- assess


@click.group()
def assess() -> None:
    """Assessment questionnaires: write one for a country, import it filled in."""


@assess.command("template")
@root_option()
@click.argument("country")
@click.option("--lang", default=None, help="Language (default: the country's pack language).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None)
def assess_template(root: Path, country: str, lang: str | None, output: Path | None) -> None:
    """Write COUNTRY's assessment questionnaire (XLSX) in its language."""
    from builder.evidence.countryfile import write_bytes_atomic
    from builder.evidence.workbook import template_bytes
    from builder.plan.plan import pack_language

    course, code = _country(root, country)
    cur = course.curriculum
    language = lang or pack_language(cur, cur.countries[code].profile)
    target = output or root / "build" / "assessments" / f"{code}-assessment-{language}.xlsx"
    write_bytes_atomic(target, template_bytes(cur, code, language))
    click.echo(f"wrote {target}")


@assess.command("import")
@root_option()
@click.argument("country")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def assess_import(root: Path, country: str, file: Path) -> None:
    """Check a filled-in questionnaire and append it to COUNTRY's profile."""
    from builder.evidence.countryfile import append_assessment
    from builder.evidence.workbook import read_assessment

    course, code = _country(root, country)
    cur = course.curriculum
    path = Path(cur.root) / cur.countries[code].path
    with _errors():
        found = read_assessment(cur, code, file)
        added = append_assessment(path, found)
    if added:
        click.echo(f"added the {found.kind} assessment of {found.date} to {path}")
    else:
        click.echo(f"the assessment of {found.date} is already in {path}: nothing changed")


# --------------------------------------------------------------------------- results


@click.group()
def results() -> None:
    """Training results: import them, report on items, modules and programme."""


@results.command("import")
@root_option()
@_db_option()
@click.argument("country")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--quiz", default=None, help="The quiz a Moodle export is of.")
@click.option(
    "--form",
    type=click.Choice(["post", "pre"]),
    default="post",
    show_default=True,
    help="pre: the pre-test given before training.",
)
@click.option("--learner", default="", help="Learner of a progress export (default: file name).")
@click.option("--names", is_flag=True, help="Also keep learners' names (default: pseudonyms only).")
def results_import(
    root: Path,
    db: Path | None,
    country: str,
    files: tuple[Path, ...],
    quiz: str | None,
    form: str,
    learner: str,
    names: bool,
) -> None:
    """Import results files (Moodle CSV, site progress JSON, xAPI JSON) for COUNTRY."""
    from builder.evidence.problems import EvidenceError, Problem
    from builder.evidence.sources import Batch, read_file
    from builder.evidence.store import connect, store

    course, code = _country(root, country)
    cur = course.curriculum
    batches: list[Batch] = []
    problems: list[Problem] = []
    for f in files:
        try:
            batches.append(read_file(cur, f, quiz, form, learner))
        except EvidenceError as exc:
            problems += exc.problems
    with _errors():
        if problems:
            raise EvidenceError(problems)
        with connect(db_path(root, db)) as conn:
            click.echo(store(conn, code, batches, names))


Output = tuple[Path, str, object, object, bool]
"""(folder, file stem, document, its data, landscape)."""


def _write_docs(outputs: list[Output]) -> None:
    """Write each output as ``stem``.html, .pdf and .json (PDFs typeset two at a time)."""
    import json
    from concurrent.futures import ThreadPoolExecutor

    from builder.evidence.countryfile import write_bytes_atomic
    from builder.evidence.doc import Document, to_html, to_typst
    from builder.typeset import compile_pdf

    docs = [d for _o, _s, d, _x, _l in outputs if isinstance(d, Document)]
    sources = [to_typst(d, o[4]) for d, o in zip(docs, outputs, strict=True)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        pdfs = list(pool.map(compile_pdf, sources))
    for (out, stem, _doc, data, _land), doc, pdf in zip(outputs, docs, pdfs, strict=True):
        text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        write_bytes_atomic(out / f"{stem}.json", text.encode("utf-8"))
        write_bytes_atomic(out / f"{stem}.html", to_html(doc).encode("utf-8"))
        write_bytes_atomic(out / f"{stem}.pdf", pdf)


@results.command("report")
@root_option()
@_db_option()
@click.argument("countries", nargs=-1)
@click.option("--all", "all_", is_flag=True, help="Every country together (the whole programme).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["files", "json"]),
    default="files",
    show_default=True,
    help="files: HTML, PDF and JSON under build/reports/; json: the data on standard output.",
)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None)
def results_report(
    root: Path, db: Path | None, countries: tuple[str, ...], all_: bool, fmt: str, out: Path | None
) -> None:
    """Item analysis, pass rates and pre/post gains for COUNTRIES (or --all)."""
    import json

    from builder.evidence.analysis import load_cohort, load_cohorts
    from builder.evidence.analysis import results_report as build_report
    from builder.evidence.render import results_doc
    from builder.evidence.store import connect

    course = _course(root)
    cur = course.curriculum
    codes = [c.upper() for c in countries]
    if not codes and not all_:
        _usage("name at least one country, or use --all")
    unknown = [c for c in codes if c not in cur.countries]
    if unknown:
        _usage(f"no country profile for {', '.join(unknown)}")
    with _errors(), connect(db_path(root, db), create=False) as conn:
        loaded = load_cohorts(conn, codes)
        reports = [build_report(cur, loaded[code], code) for code in codes]
        if all_:
            reports.append(build_report(cur, load_cohort(conn, None), "all"))
        if fmt == "json":
            for report in reports:
                click.echo(json.dumps(report, indent=2, ensure_ascii=False, sort_keys=True))
            return
        target = out or root / "build" / "reports"
        outs: list[Output] = [
            (target / r["cohort"], "results", results_doc(r), r, False) for r in reports
        ]
        _write_docs(outs)
    for r in reports:
        click.echo(f"wrote {target / r['cohort']}/results.html, results.pdf, results.json")


@results.command("monitoring")
@root_option()
@_db_option()
@click.option(
    "--today", type=click.DateTime(["%Y-%m-%d"]), default=None, help="Date of the report."
)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None)
def results_monitoring(root: Path, db: Path | None, today: object, out: Path | None) -> None:
    """The programme dashboard and every country's monitoring report, under build/reports/."""
    import datetime as dt
    from contextlib import nullcontext

    from builder.evidence.analysis import Cohort, load_cohorts
    from builder.evidence.monitoring import country_report, dashboard
    from builder.evidence.render import country_doc, dashboard_doc
    from builder.evidence.store import connect

    course = _course(root)
    day = today.date() if isinstance(today, dt.datetime) else dt.date.today()
    target = out or root / "build" / "reports"
    path = db_path(root, db)
    with _errors(), connect(path, create=False) if path.exists() else nullcontext() as conn:
        codes = sorted(course.curriculum.countries)
        cohorts = load_cohorts(conn, codes) if conn is not None else {}
        data = dashboard(course, conn, day, published=False)
        outs: list[Output] = [
            (target, "monitoring", dashboard_doc(data, published=False), data, True)
        ]
        for code in codes:
            report = country_report(course, code, cohorts.get(code) or Cohort(), day)
            outs.append((target / code, "monitoring", country_doc(report), report, False))
        _write_docs(outs)
    click.echo(f"wrote {target}/monitoring.pdf, .html, .json")
    click.echo(f"wrote {target}/CC/monitoring.pdf, .html, .json for {len(codes)} countries")


def report_flagged_items(cur: object, root: Path, db: Path | None) -> None:
    """Print the questions the results flag, at ``path:line`` (for ``check --items``)."""
    from builder.evidence.flagged import flagged
    from builder.evidence.store import connect
    from builder.model import Curriculum

    assert isinstance(cur, Curriculum)
    path = db_path(root, db)
    if not path.exists():
        click.echo(f"no results database at {path}: no item to report", err=True)
        return
    with _errors(), connect(path, create=False) as conn:
        found = flagged(cur, conn)
    for item in found:
        click.echo(str(item), err=True)
    click.echo(f"{len(found)} flagged item{'s' if len(found) != 1 else ''}", err=True)
