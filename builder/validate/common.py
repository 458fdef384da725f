"""Checks shared by several kinds of author file: ids, references, languages, versions."""

from __future__ import annotations

from collections.abc import Sequence

from builder.load.loader import Loaded, is_slug
from builder.load.yamlsrc import locate
from builder.model import version_key
from builder.validate.known import Known
from builder.validate.sink import Sink, unknown


def check_ids(
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


def ref_list(
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


def check_lang_offered(
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


def check_version(sink: Sink, f: Loaded, translated_from: str, version: str, what: str) -> None:
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
