"""Checks of curriculum/programme.yml and curriculum/standards.yml."""

from __future__ import annotations

from builder.diagnostics import CODES, Severity, did_you_mean
from builder.load.loader import Loaded
from builder.model import Programme, ProgrammeTranslation, StandardsFile, StandardsTranslation
from builder.validate.common import check_ids, check_lang_offered, check_version
from builder.validate.known import Known
from builder.validate.sink import Sink, unknown
from builder.validate.values import is_language


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
        check_ids(sink, f, field, [x.id for x in getattr(p, field)])
    settable = sorted(c for c, (sev, _) in CODES.items() if sev is Severity.WARNING)
    for code in p.checks:
        if code not in settable:
            sink.at(
                f,
                ("checks", code),
                "check.unknown",
                (
                    f"'{code}' is not a check whose severity can be set (only warnings can)"
                    f"{did_you_mean(code, settable)}"
                ),
                key=True,
            )
    levels = [s.level for s in p.maturity_scale]
    if levels != list(range(len(levels))):
        sink.at(
            f,
            ("maturity_scale",),
            "programme.invalid",
            "maturity_scale levels must be 0, 1, 2, ... in order",
        )
    limits = p.policies.objectives
    if limits.min > limits.max:
        sink.at(
            f,
            ("policies", "objectives"),
            "programme.invalid",
            f"policies.objectives: min {limits.min} is more than max {limits.max}",
        )


def check_standards(sink: Sink, f: Loaded) -> None:
    """Check standard and group ids of standards.yml."""
    s: StandardsFile = f.value
    check_ids(sink, f, "groups", [g.id for g in s.groups])
    check_ids(sink, f, "standards", [x.id for x in s.standards], slug=False)
    groups = [g.id for g in s.groups]
    for i, st in enumerate(s.standards):
        if st.group not in groups:
            unknown(sink, f, ("standards", i, "group"), "group.unknown", "group", st.group, groups)


def check_programme_translation(sink: Sink, lang: str, f: Loaded, known: Known) -> None:
    """Check ``programme.<lang>.yml``: its language, version and the ids it translates."""
    t: ProgrammeTranslation = f.value
    _check_translation_head(sink, lang, f, known)
    p = known.programme
    if p is None:
        return
    check_version(sink, f, t.translated_from, p.version, "programme.yml")
    for field, ids in (
        ("audiences", [a.id for a in p.audiences]),
        ("tracks", [x.id for x in p.tracks]),
    ):
        for i, item in enumerate(getattr(t, field)):
            if item.id not in ids:
                unknown(sink, f, (field, i, "id"), "translation.orphan", _WHAT[field], item.id, ids)
    levels = [s.level for s in p.maturity_scale]
    for i, lv in enumerate(t.maturity_scale):
        if lv.level not in levels:
            sink.at(
                f,
                ("maturity_scale", i, "level"),
                "translation.orphan",
                f"level {lv.level} is not on the maturity scale of programme.yml",
            )


def check_standards_translation(
    sink: Sink, lang: str, f: Loaded, known: Known, standards: StandardsFile | None
) -> None:
    """Check ``standards.<lang>.yml``: its language, version and the ids it translates."""
    t: StandardsTranslation = f.value
    _check_translation_head(sink, lang, f, known)
    if known.programme is not None:
        check_version(sink, f, t.translated_from, known.programme.version, "programme.yml")
    if standards is None:
        return
    for field, ids in (
        ("groups", [g.id for g in standards.groups]),
        ("standards", [x.id for x in standards.standards]),
    ):
        for i, item in enumerate(getattr(t, field)):
            if item.id not in ids:
                unknown(sink, f, (field, i, "id"), "translation.orphan", _WHAT[field], item.id, ids)


_WHAT = {"audiences": "audience", "tracks": "track", "groups": "group", "standards": "standard"}


def _check_translation_head(sink: Sink, lang: str, f: Loaded, known: Known) -> None:
    if f.value.lang != lang:
        sink.at(
            f,
            ("lang",),
            "language.unknown",
            f"lang '{f.value.lang}' differs from the file name's language '{lang}'",
        )
    check_lang_offered(sink, f, ("lang",), f.value.lang, known)
