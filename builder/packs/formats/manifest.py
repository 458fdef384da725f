"""The pack's manifest: what it was built from, with what, and the SHA-256 of every file."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.metadata
import json
import platform
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from builder import __version__
from builder.figures import Figure
from builder.packs.cache import code_salt
from builder.packs.content.content import PackContent
from builder.packs.formats.out_pdf import font_files, typst_version
from builder.packs.pandoc import pandoc_version

PACKAGES = (
    "jinja2",
    "markdown",
    "markupsafe",
    "icalendar",
    "pypandoc-binary",
    "typst",
    "tzdata",
    "pydantic",
    "pyyaml",
)


def git_commit(root: Path) -> str:
    """Return ``git rev-parse HEAD`` in ``root``, or "unknown"."""
    try:
        run = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    out = run.stdout.strip()
    return out if run.returncode == 0 and len(out) >= 40 else "unknown"


@functools.cache
def tool_versions() -> dict[str, Any]:
    """Return the versions of pandoc, Typst, Python and the Python packages used."""
    packages = {}
    for name in PACKAGES:
        try:
            packages[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            packages[name] = "not installed"
    return {
        "builder": __version__,
        "pandoc": pandoc_version(),
        "typst": typst_version(),
        "python": platform.python_version(),
        "python_packages": packages,
        "pdf_fonts": {name: digest for name, digest in font_files()},
    }


def _content_data(content: PackContent) -> dict[str, Any]:
    """Return everything a pack's files depend on (module text enters through its content hash,
    which covers the resolved title, summary, objectives, body and practice quiz)."""
    return {
        "code": content.code,
        "lang": [content.lang, content.source_lang],
        "date": content.source_date.isoformat(),
        "sample": content.sample_data,
        "modules": [
            (
                m.id,
                m.number,
                m.version,
                m.track,
                m.lang,
                m.fallback,
                m.stale_from,
                m.teaching,
                m.practice,
                m.content_hash,
            )
            for m in content.modules
        ],
        "plan": dataclasses.asdict(content.plan),
        "exams": [dataclasses.asdict(q) for q in content.exams],
        "programme": content.programme.model_dump(mode="json"),
        "standards": [s.model_dump(mode="json") for s in content.all_standards.values()],
        "cited": [s.id for s in content.standards],
        "tracks": dict(content.track_titles),
        "glossary": content.glossary.model_dump(mode="json"),
    }


def build_inputs(content: PackContent, commit: str) -> str:
    """Return the hash of everything a pack is made from: content, plan, code, tools, commit."""
    data = json.dumps(_content_data(content), sort_keys=True, ensure_ascii=False, default=str)
    tools = json.dumps(tool_versions(), sort_keys=True)
    return (
        "sha256:"
        + hashlib.sha256(
            "\0".join(["pack-inputs-2", code_salt(), tools, commit, data]).encode()
        ).hexdigest()
    )


def manifest(
    content: PackContent, files: Mapping[str, bytes], warnings: Sequence[str], commit: str
) -> bytes:
    """Return manifest.json for a pack whose other files are ``files``."""
    plan, prog = content.plan, content.programme
    data = {
        "country": {
            "code": plan.country,
            "name": plan.name,
            "administration": plan.administration,
            "sample_data": content.sample_data,
        },
        "programme": {
            "title": prog.title,
            "version": prog.version,
            "source_language": content.source_lang,
        },
        "git_commit": commit,
        "build_inputs": build_inputs(content, commit),
        "source_date": content.source_date.isoformat(),
        "language": content.lang,
        "modules": _modules(content),
        "quizzes": _quizzes(content),
        "figures": figure_entries(content.figures),
        "fallbacks": list(content.fallbacks),
        "warnings": list(warnings),
        "tools": tool_versions(),
        "files": {
            name: {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in sorted(files.items())
        },
    }
    return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def figure_entries(figures: Sequence[Figure]) -> list[dict[str, Any]]:
    """Return the manifest's entry of each figure: source, name in the outputs, size, hash."""
    return [
        {
            "source": f.source,
            "name": f.name,
            "media_type": f.media_type,
            "width": f.width,
            "height": f.height,
            "bytes": len(f.data),
            "sha256": f.sha256,
        }
        for f in figures
    ]


def _modules(content: PackContent) -> list[dict[str, Any]]:
    """Return the manifest's entry of each module: version, language, fallback, content hash."""
    return [
        {
            "id": m.id,
            "position": m.number,
            "version": m.version,
            "language": m.lang,
            "fallback": m.fallback,
            "stale_translation_from": m.stale_from or None,
            "content_hash": f"sha256:{m.content_hash}",
        }
        for m in content.modules
    ]


def _quizzes(content: PackContent) -> list[dict[str, Any]]:
    """Return the manifest's entry of each quiz: mode, module, language, fallback, size."""
    return [
        {
            "id": q.id,
            "mode": q.mode,
            "module": q.module,
            "language": q.lang,
            "fallback": q.fallback,
            "questions": len(q.questions),
        }
        for q in content.quizzes
    ]
