"""Checks of country profiles."""

from __future__ import annotations

from builder.load.loader import Loaded
from builder.model import CountryProfile
from builder.validate.known import Known
from builder.validate.sink import Sink, unknown
from builder.validate.values import is_country, is_language, is_timezone


def check_country(sink: Sink, stem: str, f: Loaded, known: Known) -> None:
    """Check one country profile on its own (plans are checked after assembly)."""
    c: CountryProfile = f.value
    _check_identity(sink, stem, f, c)
    _check_delivery(sink, f, c)
    _check_assessments(sink, f, c, known)
    for i, a in enumerate(c.assessments):
        _check_evidence(sink, f, i, a.evidence, known)
    _check_targets(sink, f, c, known)
    _check_modules(sink, f, c, known)


def _max_level(known: Known) -> int | None:
    return known.programme.max_level if known.programme else None


def _check_evidence(sink: Sink, f: Loaded, i: int, evidence: dict[str, str], known: Known) -> None:
    for std in evidence:
        if known.standards is not None and std not in known.standards:
            loc = ("assessments", i, "evidence", std)
            msg = f"standard '{std}' is not defined{_near(std, known)}"
            sink.at(f, loc, "standard.unknown", msg, key=True)


def _check_assessments(sink: Sink, f: Loaded, c: CountryProfile, known: Known) -> None:
    top = _max_level(known)
    if not c.assessments:
        sink.at(
            f,
            ("assessments",),
            "key.missing",
            "at least one assessment (the initial one) is needed",
        )
    for i, a in enumerate(c.assessments):
        if i > 0 and a.date <= c.assessments[i - 1].date:
            sink.at(
                f,
                ("assessments", i, "date"),
                "assessment.order",
                (
                    f"assessment of {a.date} is not after the one before it "
                    f"({c.assessments[i - 1].date}); "
                    "list them oldest first"
                ),
            )
        expected = "initial" if i == 0 else "monitoring"
        if a.kind != expected:
            sink.at(
                f,
                ("assessments", i, "kind"),
                "assessment.kind",
                (
                    f"assessment {i + 1} should be '{expected}': the first is the initial "
                    "assessment, "
                    "later ones are monitoring"
                ),
            )
        for std, level in a.levels.items():
            loc = ("assessments", i, "levels", std)
            if known.standards is not None and std not in known.standards:
                sink.at(
                    f,
                    loc,
                    "standard.unknown",
                    f"standard '{std}' is not defined{_near(std, known)}",
                    key=True,
                )
            if top is not None and not 0 <= level <= top:
                sink.at(
                    f,
                    loc,
                    "assessment.level",
                    f"level {level} for '{std}' is outside the maturity scale 0–{top}",
                )


def _near(std: str, known: Known) -> str:
    from builder.diagnostics import did_you_mean

    return did_you_mean(std, known.standards or ())


def _check_targets(sink: Sink, f: Loaded, c: CountryProfile, known: Known) -> None:
    top = _max_level(known)
    for std, level in c.targets.items():
        loc = ("targets", std)
        if std != "default" and known.standards is not None and std not in known.standards:
            sink.at(
                f,
                loc,
                "standard.unknown",
                f"standard '{std}' is not defined{_near(std, known)}",
                key=True,
            )
        if top is not None and not 0 <= level <= top:
            sink.at(
                f,
                loc,
                "assessment.level",
                f"target {level} for '{std}' is outside the maturity scale 0–{top}",
            )


def _check_modules(sink: Sink, f: Loaded, c: CountryProfile, known: Known) -> None:
    """Check that every included and excluded module exists."""
    ids = known.module_ids
    places: list[tuple[tuple[str | int, ...], str]]
    places = [(("include", i), mid) for i, mid in enumerate(c.include)]
    places += [(("exclude", i, "module"), e.module) for i, e in enumerate(c.exclude)]
    for loc, mid in places:
        if mid not in ids:
            unknown(sink, f, loc, "country.module-unknown", "module", mid, ids)


def _check_identity(sink: Sink, stem: str, f: Loaded, c: CountryProfile) -> None:
    """Check the country code against ISO 3166 and the file name, and the languages."""
    if not is_country(c.country):
        sink.at(
            f,
            ("country",),
            "country.code",
            (
                f"'{c.country}' is not an ISO 3166-1 alpha-2 country code (two capital letters, "
                "e.g. SN)"
            ),
        )
    elif c.country != stem:
        sink.at(
            f,
            ("country",),
            "country.filename",
            f"country '{c.country}' differs from the file name '{stem}.yml'",
        )
    for i, lang in enumerate(c.languages):
        if not is_language(lang):
            sink.at(
                f,
                ("languages", i),
                "language.unknown",
                f"'{lang}' is not an ISO 639-1 language code",
            )


def _check_delivery(sink: Sink, f: Loaded, c: CountryProfile) -> None:
    """Check the delivery time zone, start year and days."""
    if not is_timezone(c.delivery.timezone):
        sink.at(
            f,
            ("delivery", "timezone"),
            "timezone.unknown",
            f"'{c.delivery.timezone}' is not an IANA time zone (e.g. Africa/Dakar)",
        )
    if not 2000 <= c.delivery.start.year <= 2100:
        sink.at(
            f,
            ("delivery", "start"),
            "value.range",
            f"delivery.start {c.delivery.start} is outside the years 2000–2100",
        )
    if not c.delivery.days:
        sink.at(
            f,
            ("delivery", "days"),
            "delivery.invalid",
            "delivery.days is empty: no day to deliver training on",
        )
