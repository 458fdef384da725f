"""The translation report: per language, how much is translated, what is stale, what is missing.

Used by ``curriculum translations`` (a table, or JSON) and by the site's page for translators.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.i18n import strings
from builder.model import Curriculum, version_key


@dataclass(frozen=True)
class Stale:
    """A translation that follows an older version of its source."""

    path: str
    translated_from: str
    version: str


@dataclass(frozen=True)
class TrackCoverage:
    """How much of one track (its modules, their quizzes and its exam) one language covers."""

    track: str
    modules: tuple[int, int]
    quizzes: tuple[int, int]

    @property
    def complete(self) -> bool:
        """Return whether every module and quiz of the track is translated."""
        return self.modules[0] == self.modules[1] and self.quizzes[0] == self.quizzes[1]


@dataclass(frozen=True)
class LanguageReport:
    """How far one language is translated."""

    lang: str
    modules: tuple[int, int]
    quizzes: tuple[int, int]
    strings: tuple[int, int]
    programme: bool
    standards: bool
    stale: tuple[Stale, ...]
    missing_modules: tuple[str, ...]
    missing_strings: tuple[str, ...]
    tracks: tuple[TrackCoverage, ...] = ()

    def as_json(self) -> dict[str, object]:
        """Return the report as JSON-ready data."""
        return {
            "lang": self.lang,
            "modules": {"translated": self.modules[0], "total": self.modules[1]},
            "quizzes": {"translated": self.quizzes[0], "total": self.quizzes[1]},
            "strings": {"translated": self.strings[0], "total": self.strings[1]},
            "coverage": {
                "modules": percent(*self.modules),
                "quizzes": percent(*self.quizzes),
                "strings": percent(*self.strings),
            },
            "programme": self.programme,
            "standards": self.standards,
            "stale": [vars(s) for s in self.stale],
            "missing_modules": list(self.missing_modules),
            "missing_strings": list(self.missing_strings),
            "tracks": {
                t.track: {
                    "modules": {"translated": t.modules[0], "total": t.modules[1]},
                    "quizzes": {"translated": t.quizzes[0], "total": t.quizzes[1]},
                    "complete": t.complete,
                }
                for t in self.tracks
            },
        }


def percent(done: int, total: int) -> int:
    """Return ``done`` of ``total`` in whole percent (100 when there is nothing to do)."""
    return 100 if total == 0 else (done * 100) // total


def translation_report(cur: Curriculum) -> tuple[LanguageReport, ...]:
    """Return the report of every language the programme offers besides the source."""
    src = cur.programme.source_language
    return tuple(_report(cur, lang) for lang in cur.programme.languages if lang != src)


def _report(cur: Curriculum, lang: str) -> LanguageReport:
    modules = [m for m in cur.modules.values() if m.meta.status != "retired"]
    quizzes = [q for q in cur.quizzes.values() if q.meta.module in {m.id for m in modules}]
    done_q = sum(1 for q in quizzes if lang in q.translations)
    return LanguageReport(
        lang=lang,
        modules=(sum(1 for m in modules if lang in m.translations), len(modules)),
        quizzes=(done_q, len(quizzes)),
        strings=strings.coverage(lang),
        programme=lang in cur.programme_translations,
        standards=lang in cur.standards_translations,
        stale=_stale(cur, lang),
        missing_modules=tuple(sorted(m.id for m in modules if lang not in m.translations)),
        missing_strings=tuple(strings.missing(lang)),
        tracks=tuple(_track(cur, lang, t.id) for t in cur.programme.tracks),
    )


def _track(cur: Curriculum, lang: str, track: str) -> TrackCoverage:
    """Return the coverage of one track's live modules and their quizzes (exam included)."""
    ids = {
        m.id for m in cur.modules.values() if m.meta.track == track and m.meta.status != "retired"
    }
    quizzes = [q for q in cur.quizzes.values() if q.meta.module in ids]
    return TrackCoverage(
        track,
        (sum(1 for i in ids if lang in cur.modules[i].translations), len(ids)),
        (sum(1 for q in quizzes if lang in q.translations), len(quizzes)),
    )


def _stale(cur: Curriculum, lang: str) -> tuple[Stale, ...]:
    out: list[Stale] = []
    for m in cur.modules.values():
        tr = m.translations.get(lang)
        if tr and version_key(tr.meta.translated_from) < version_key(m.meta.version):
            out.append(Stale(tr.path, tr.meta.translated_from, m.meta.version))
    for q in cur.quizzes.values():
        qt, mod = q.translations.get(lang), cur.modules.get(q.meta.module)
        if qt and mod and version_key(qt.translated_from) < version_key(mod.meta.version):
            out.append(Stale(_quiz_path(q.path, lang), qt.translated_from, mod.meta.version))
    version = cur.programme.version
    for name, tr2 in (
        ("programme", cur.programme_translations.get(lang)),
        ("standards", cur.standards_translations.get(lang)),
    ):
        if tr2 and version_key(tr2.translated_from) < version_key(version):
            out.append(Stale(f"curriculum/{name}.{lang}.yml", tr2.translated_from, version))
    return tuple(sorted(out, key=lambda s: s.path))


def _quiz_path(path: str, lang: str) -> str:
    return f"{path[:-4]}.{lang}.yml" if path.endswith(".yml") else path


def _track_cell(t: TrackCoverage) -> str:
    done, total = t.modules[0] + t.quizzes[0], t.modules[1] + t.quizzes[1]
    return f"{t.track} {percent(done, total)}%"


def report_table(reports: tuple[LanguageReport, ...]) -> str:
    """Return the report as a plain-text table, then the stale and missing items per language."""
    head = f"{'language':<10}{'modules':>14}{'quizzes':>14}{'strings':>14}  programme  standards"
    lines = [head]
    for r in reports:
        cells = [f"{a}/{b} {percent(a, b):>3}%" for a, b in (r.modules, r.quizzes, r.strings)]
        yes = ("yes" if r.programme else "no", "yes" if r.standards else "no")
        lines.append(
            f"{r.lang:<10}" + "".join(f"{c:>14}" for c in cells) + f"  {yes[0]:<9}  {yes[1]}"
        )
    for r in reports:
        if r.tracks:
            lines.append(f"{r.lang}: tracks: " + ", ".join(_track_cell(t) for t in r.tracks))
        for s in r.stale:
            lines.append(
                f"{r.lang}: stale: {s.path} follows {s.translated_from}, source is at {s.version}"
            )
        if r.missing_strings:
            lines.append(
                f"{r.lang}: {len(r.missing_strings)} interface strings missing: "
                + ", ".join(r.missing_strings)
            )
    return "\n".join(lines) + "\n"
