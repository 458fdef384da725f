"""Typst compilation: in this process or, for large sources, in a fresh one, with the same bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.packs.cache import Cache
from builder.packs.errors import ConversionError
from builder.packs.formats import out_pdf

SOURCE = '#set page(paper: "a6")\n= Title\n\nSome text, and more text.\n'


def test_a_fresh_process_gives_the_same_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = out_pdf.compile_pdf(SOURCE, 1_700_000_000, Cache(tmp_path / "a"))
    monkeypatch.setattr(out_pdf, "SEPARATE_PROCESS", 0)
    there = out_pdf.compile_pdf(SOURCE, 1_700_000_000, Cache(tmp_path / "b"))
    assert here == there and here.startswith(b"%PDF")


def test_an_error_in_the_fresh_process_is_a_conversion_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(out_pdf, "SEPARATE_PROCESS", 0)
    with pytest.raises(ConversionError, match="Typst could not compile"):
        out_pdf.compile_pdf("#nosuchfunction()", 0, Cache(tmp_path))
