"""The one place that runs pandoc: where it is, its versions, and a runner that raises
:class:`~builder.packs.errors.ConversionError` (never a ``CalledProcessError``) on failure."""

from __future__ import annotations

import functools
import json
import os
import subprocess
from collections.abc import Mapping, Sequence

from builder.packs.errors import ConversionError


@functools.cache
def pandoc_path() -> str:
    """Return the pandoc binary of pypandoc-binary."""
    import pypandoc

    return str(pypandoc.get_pandoc_path())


def run_pandoc(
    args: Sequence[str],
    what: str,
    *,
    stdin: bytes | None = None,
    env: Mapping[str, str] | None = None,
) -> bytes:
    """Run ``pandoc ARGS`` and return its standard output; raise ConversionError saying ``what``
    failed (with pandoc's message) when it exits non-zero or cannot be started."""
    full_env = {**os.environ, **env} if env else None
    try:
        run = subprocess.run(
            [pandoc_path(), *args], input=stdin, capture_output=True, env=full_env, check=False
        )
    except OSError as exc:
        raise ConversionError(f"pandoc could not be started for {what}: {exc}") from exc
    if run.returncode != 0:
        message = run.stderr.decode("utf-8", errors="replace").strip()[:2000]
        raise ConversionError(f"pandoc failed on {what}: {message}")
    return run.stdout


@functools.cache
def pandoc_version() -> str:
    """Return pandoc's version number."""
    out = run_pandoc(["--version"], "its version query").decode("utf-8")
    return out.split("\n", 1)[0].split()[-1]


@functools.cache
def api_version() -> list[int]:
    """Return the pandoc AST version that this pandoc reads and writes."""
    out = run_pandoc(["-f", "markdown", "-t", "json"], "an empty document", stdin=b"")
    return list(json.loads(out)["pandoc-api-version"])


def default_data_file(name: str) -> bytes:
    """Return one of pandoc's default data files (e.g. ``reference.docx``)."""
    return run_pandoc(["--print-default-data-file", name], f"its default {name}")
