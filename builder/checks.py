"""Cross-file checks: every reference resolves, every rule of the curriculum holds.

Each ``check_*`` function reads loaded files and adds diagnostics to a :class:`Sink`; none of
them raises or prints. :func:`assemble` then builds the frozen :class:`Curriculum` from the
files that loaded cleanly.
"""

from __future__ import annotations

import json
import os
import re
import zoneinfo
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from typing import Any

import pycountry

from builder.body import HTML_TAG, iter_links, iter_raw_html, parse_body
from builder.diagnostics import Diagnostic, did_you_mean, make
from builder.load.loader import Loaded, RawCurriculum, is_slug
from builder.load.yamlsrc import locate
from builder.model import (
    ModuleMeta,
    ModuleTranslationMeta,
    Programme,
    StandardsFile,
)

#: Characters that reorder text invisibly (Trojan-Source style spoofing).
BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


class Sink:
    """Collects diagnostics, locating them in the loaded file's tree."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def at(
        self, f: Loaded, loc: Sequence[str | int], code: str, message: str, *, key: bool = False
    ) -> None:
        """Add a diagnostic at a location inside a loaded file."""
        line, col = locate(f.tree, loc, key=key) or (1, 1)
        self.items.append(make(f.rel, line, col, code, message))

    def line(self, rel: str, line: int, col: int, code: str, message: str) -> None:
        """Add a diagnostic at an explicit position."""
        self.items.append(make(rel, line, col, code, message))


@cache
def is_language(code: str) -> bool:
    """Return whether ``code`` is an ISO 639-1 language code (any case, as pycountry matches)."""
    return len(code) == 2 and code.lower() in _language_codes()


@cache
def _language_codes() -> frozenset[str]:
    """Return the ISO 639-1 codes of pycountry's language database.

    Read straight from its JSON file: ``pycountry.languages`` indexes all 8,000 ISO 639-3
    entries on first use, ten times the cost of picking out the 184 two-letter codes.
    """
    with open(os.path.join(pycountry.DATABASE_DIR, "iso639-3.json"), encoding="utf-8") as f:
        entries = json.load(f)["639-3"]
    return frozenset(e["alpha_2"].lower() for e in entries if "alpha_2" in e)


@cache
def is_country(code: str) -> bool:
    """Return whether ``code`` is an ISO 3166-1 alpha-2 country code."""
    return len(code) == 2 and code.isupper() and pycountry.countries.get(alpha_2=code) is not None


def version_key(version: str) -> tuple[int, ...]:
    """Turn ``1.2.0`` into ``(1, 2, 0)``; non-numeric parts count as 0."""
    return tuple(int(p) if p.isdigit() else 0 for p in version.split("."))


@cache
def is_timezone(name: str) -> bool:
    """Return whether ``name`` is an IANA time zone."""
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def unknown(
    sink: Sink,
    f: Loaded,
    loc: Sequence[str | int],
    code: str,
    what: str,
    value: str,
    known: Iterable[str],
) -> None:
    """Report a reference to something that does not exist, with a near name if any."""
    sink.at(f, loc, code, f"{what} '{value}' is not defined{did_you_mean(value, known)}")


# --------------------------------------------------------------------------- programme, standards


def check_programme(sink: Sink, f: Loaded) -> None:
    """Check languages, ids and the maturity scale of programme.yml."""
    p: Programme = f.value
    for i, lang in enumerate(p.languages):
        if not is_language(lang):
            sink.at(
                f,
                ("languages", i),
                "language.unknown",
                f"'{lang}' is not an ISO 639-1 language code",
            )
    if p.source_language not in p.languages:
        sink.at(
            f,
            ("source_language",),
            "programme.invalid",
            f"source_language '{p.source_language}' is not in languages",
        )
    for field in ("tracks", "audiences"):
        _check_ids(sink, f, field, [x.id for x in getattr(p, field)])
    levels = [s.level for s in p.maturity_scale]
    if levels != list(range(len(levels))):
        sink.at(
            f,
            ("maturity_scale",),
            "programme.invalid",
            "maturity_scale levels must be 0, 1, 2, ... in order",
        )


def _check_ids(
    sink: Sink,
    f: Loaded,
    field: str,
    ids: Sequence[str],
    *,
    slug: bool = True,
    code: str = "id.duplicate",
) -> None:
    seen: dict[str, int] = {}
    for i, ident in enumerate(ids):
        if slug and not is_slug(ident):
            sink.at(
                f,
                (field, i, "id"),
                "id.slug",
                f"id '{ident}' is not a valid slug (lowercase letters, digits and single hyphens)",
            )
        if ident in seen:
            line = (locate(f.tree, (field, seen[ident], "id")) or (0, 0))[0]
            sink.at(f, (field, i, "id"), code, f"id '{ident}' is already used on line {line}")
        else:
            seen[ident] = i


def check_standards(sink: Sink, f: Loaded) -> None:
    """Check standard and group ids of standards.yml."""
    s: StandardsFile = f.value
    _check_ids(sink, f, "groups", [g.id for g in s.groups])
    _check_ids(sink, f, "standards", [x.id for x in s.standards], slug=False)
    groups = [g.id for g in s.groups]
    for i, st in enumerate(s.standards):
        if st.group not in groups:
            unknown(sink, f, ("standards", i, "group"), "group.unknown", "group", st.group, groups)


# --------------------------------------------------------------------------- modules


class Known:
    """The ids that exist, including those of files that failed to load (to avoid cascades)."""

    def __init__(self, raw: RawCurriculum) -> None:
        p: Programme | None = raw.programme.value if raw.programme else None
        s: StandardsFile | None = raw.standards.value if raw.standards else None
        self.programme = p
        self.tracks = [t.id for t in p.tracks] if p else None
        self.audiences = [a.id for a in p.audiences] if p else None
        self.languages = list(p.languages) if p else None
        self.standards = [x.id for x in s.standards] if s else None
        self.metas: dict[str, ModuleMeta] = {}
        self.module_ids: set[str] = set(raw.broken_modules)
        for m in raw.modules:
            stem = m.rel.rsplit("/", 1)[-1][:-3]
            self.module_ids.add(stem)
            if m.value is not None:
                self.module_ids.add(m.value.id)
                self.metas.setdefault(m.value.id, m.value)
        self.sorted_module_ids = sorted(self.module_ids)
        self.module_set = frozenset(self.module_ids)
        self.broken_modules = set(raw.broken_modules)


def _ref_list(
    sink: Sink,
    f: Loaded,
    field: str,
    values: Sequence[str],
    known: Sequence[str] | frozenset[str] | None,
    code: str,
    what: str,
) -> None:
    if known is None:
        return
    for i, v in enumerate(values):
        if v not in known:
            unknown(sink, f, (field, i), code, what, v, known)


def check_module(sink: Sink, f: Loaded, known: Known) -> None:
    """Check one module's ids, references and body."""
    m: ModuleMeta = f.value
    stem = f.rel.rsplit("/", 1)[-1][:-3]
    if not is_slug(m.id):
        sink.at(
            f,
            ("id",),
            "id.slug",
            (
                f"id '{m.id}' is not a valid slug (lowercase letters, digits and single hyphens, "
                "at most 64 characters)"
            ),
        )
    elif m.id != stem:
        sink.at(f, ("id",), "id.mismatch", f"id '{m.id}' differs from the file name '{stem}.md'")
    if known.tracks is not None and m.track not in known.tracks:
        unknown(sink, f, ("track",), "track.unknown", "track", m.track, known.tracks)
    _ref_list(sink, f, "audience", m.audience, known.audiences, "audience.unknown", "audience")
    _ref_list(sink, f, "standards", m.standards, known.standards, "standard.unknown", "standard")
    _ref_list(
        sink,
        f,
        "prerequisites",
        m.prerequisites,
        known.module_set,
        "prereq.unknown",
        "prerequisite module",
    )
    _check_ids(sink, f, "objectives", [o.id for o in m.objectives], code="objective.duplicate")
    if not 2 <= len(m.objectives) <= 5:
        sink.at(
            f,
            ("objectives",),
            "objective.count",
            f"a module should have 2 to 5 objectives, this one has {len(m.objectives)}",
        )
    _check_prereq_placement(sink, f, m, known)
    check_body(sink, f.rel, f.body, f.body_line, known)


def _check_prereq_placement(sink: Sink, f: Loaded, m: ModuleMeta, known: Known) -> None:
    p = known.programme
    for i, pid in enumerate(m.prerequisites):
        other = known.metas.get(pid)
        if other is None:
            continue
        tracks = known.tracks or []
        if (
            p is not None
            and other.track in tracks
            and m.track in tracks
            and p.track_index(other.track) > p.track_index(m.track)
        ):
            sink.at(
                f,
                ("prerequisites", i),
                "prereq.later-track",
                (
                    f"prerequisite '{pid}' is in track '{other.track}', which comes after this "
                    f"module's track '{m.track}'"
                ),
            )
        if m.status == "published" and other.status != "published":
            sink.at(
                f,
                ("prerequisites", i),
                "prereq.inactive",
                f"prerequisite '{pid}' is {other.status}",
            )


def check_body(sink: Sink, rel: str, body: str, body_line: int, known: Known) -> None:
    """Check callouts, links and raw HTML in a body."""
    offset = body_line - 1
    _, problems = parse_body(body)
    for p in problems:
        sink.line(rel, p.line + offset, p.col, p.code, p.message)
    for line, col, scheme, target in iter_links(body):
        pool: Iterable[str] | None = known.module_set if scheme == "module" else known.standards
        if pool is not None and target not in pool:
            sink.line(
                rel,
                line + offset,
                col,
                "link.unknown",
                f"link to {scheme} '{target}', which is not defined{did_you_mean(target, pool)}",
            )
    for n, text in enumerate(body.split("\n"), start=1):
        bidi = BIDI_CONTROL.search(text)
        if bidi:
            sink.line(
                rel,
                n + offset,
                bidi.start() + 1,
                "text.bidi-control",
                f"invisible bidirectional control U+{ord(bidi.group(0)):04X}; remove it",
            )
    for line, col, tag in iter_raw_html(body):
        sink.line(
            rel,
            line + offset,
            col,
            "body.raw-html",
            f"raw HTML '{tag[:40]}' is shown as text, not interpreted; use Markdown instead",
        )


def check_text_values(sink: Sink, f: Loaded) -> None:
    """Warn about raw HTML in any text value of a YAML file or front matter (shown as text)."""
    texts: list[str] = []
    _all_strings(f.tree, texts)
    # Neither pattern can match across a line break, so one search of all the values joined
    # by newlines clears a file (the usual case) without locating each value.
    joined = "\n".join(texts)
    if not BIDI_CONTROL.search(joined) and not HTML_TAG.search(joined):
        return
    for loc, text in _strings(f.tree, ()):
        bidi = BIDI_CONTROL.search(text)
        if bidi:
            sink.at(
                f,
                loc,
                "text.bidi-control",
                (
                    f"invisible bidirectional control U+{ord(bidi.group(0)):04X} in "
                    f"{'.'.join(str(p) for p in loc)}; "
                    "remove it"
                ),
            )
        m = HTML_TAG.search(text)
        if m:
            sink.at(
                f,
                loc,
                "body.raw-html",
                (
                    f"raw HTML '{m.group(0)[:40]}' in {'.'.join(str(p) for p in loc)} is shown "
                    "as text, not interpreted"
                ),
            )


def _all_strings(node: Any, out: list[str]) -> None:
    if isinstance(node, str):
        out.append(node)
    elif isinstance(node, dict):
        for v in node.values():
            _all_strings(v, out)
    elif isinstance(node, list):
        for v in node:
            _all_strings(v, out)


def _strings(node: Any, loc: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(node, str):
        yield loc, node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, (*loc, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _strings(v, (*loc, i))


def check_duplicate_modules(sink: Sink, modules: Sequence[Loaded]) -> None:
    """Report two module files that declare the same id."""
    seen: dict[str, str] = {}
    for f in modules:
        if f.value is None:
            continue
        mid = f.value.id
        if mid in seen:
            sink.at(f, ("id",), "id.duplicate", f"module id '{mid}' is already used by {seen[mid]}")
        else:
            seen[mid] = f.rel


def check_module_translation(sink: Sink, lang: str, f: Loaded, known: Known) -> None:
    """Check a module translation against its source."""
    t: ModuleTranslationMeta = f.value
    base = f.rel.rsplit("/", 1)[-1].split(".")[0]
    if t.id != base:
        sink.at(f, ("id",), "id.mismatch", f"id '{t.id}' differs from the file name's id '{base}'")
    if t.lang != lang:
        sink.at(
            f,
            ("lang",),
            "language.unknown",
            f"lang '{t.lang}' differs from the file name's language '{lang}'",
        )
    _check_lang_offered(sink, f, ("lang",), t.lang, known)
    src = known.metas.get(t.id)
    if src is None:
        if t.id not in known.broken_modules:
            sink.at(
                f,
                ("id",),
                "translation.orphan",
                (
                    f"translation of module '{t.id}', which does not "
                    f"exist{did_you_mean(t.id, known.module_ids)}"
                ),
            )
        return
    _check_version(sink, f, t.translated_from, src.version, f"module '{t.id}'")
    source_ids = [o.id for o in src.objectives]
    for i, o in enumerate(t.objectives):
        if o.id not in source_ids:
            sink.at(
                f,
                ("objectives", i, "id"),
                "translation.mismatch",
                (
                    f"objective '{o.id}' is not an objective of "
                    f"'{t.id}'{did_you_mean(o.id, source_ids)}"
                ),
            )
    missing = [o for o in source_ids if o not in {x.id for x in t.objectives}]
    if missing:
        sink.at(
            f,
            ("objectives",),
            "translation.mismatch",
            f"objectives not translated: {', '.join(missing)}",
        )
    check_body(sink, f.rel, f.body, f.body_line, known)


def _check_lang_offered(
    sink: Sink, f: Loaded, loc: Sequence[str | int], lang: str, known: Known
) -> None:
    if known.languages is None or known.programme is None:
        return
    if lang not in known.languages:
        sink.at(
            f,
            loc,
            "language.unknown",
            (
                f"language '{lang}' is not one of the programme's languages "
                f"({', '.join(known.languages)})"
            ),
        )
    elif lang == known.programme.source_language:
        sink.at(
            f,
            loc,
            "language.unknown",
            f"'{lang}' is the source language; a translation must be in another",
        )


def _check_version(sink: Sink, f: Loaded, translated_from: str, version: str, what: str) -> None:
    if version_key(translated_from) < version_key(version):
        sink.at(
            f,
            ("translated_from",),
            "translation.stale",
            f"translated from version {translated_from} of {what}, which is now at {version}",
        )
    elif version_key(translated_from) > version_key(version):
        sink.at(
            f,
            ("translated_from",),
            "translation.mismatch",
            f"translated_from {translated_from} is newer than {what}'s version {version}",
        )
