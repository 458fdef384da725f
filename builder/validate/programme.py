"""Checks of curriculum/programme.yml and curriculum/standards.yml."""

from __future__ import annotations

from builder.diagnostics import CODES, Severity, did_you_mean
from builder.load.loader import Loaded
from builder.model import Programme, StandardsFile
from builder.validate.common import check_ids
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
