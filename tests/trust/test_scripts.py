"""Unit tests of the comparison in bench/reproduce.py (fast; the full scripts are not run here)."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from reproduce import compare_trees, tree_hashes


def _zip(stamp: tuple[int, int, int, int, int, int]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("SN/a.txt", date_time=stamp), "same")
    return buf.getvalue()


def _tree(root: Path, files: dict[str, bytes]) -> Path:
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return root


def test_identical_trees(tmp_path: Path) -> None:
    files = {
        "index.html": b"<p>x</p>",
        "assets/a.js": b"1;",
        "SN.zip": _zip((2026, 6, 15, 0, 0, 0)),
    }
    cmp = compare_trees(_tree(tmp_path / "a", files), _tree(tmp_path / "b", files))
    assert cmp.identical and cmp.compared == 3 and cmp.lines() == []


def test_differences_are_named(tmp_path: Path) -> None:
    a = _tree(
        tmp_path / "a",
        {
            "same.txt": b"s",
            "page.html": b"built 10:00",
            "only-a.txt": b"",
            "p.zip": _zip((2026, 6, 15, 0, 0, 0)),
        },
    )
    b = _tree(
        tmp_path / "b",
        {
            "same.txt": b"s",
            "page.html": b"built 11:00",
            "only-b.txt": b"",
            "p.zip": _zip((2026, 6, 16, 0, 0, 0)),
        },
    )
    cmp = compare_trees(a, b)
    assert not cmp.identical
    assert cmp.compared == 3
    assert cmp.only_first == ["only-a.txt"] and cmp.only_second == ["only-b.txt"]
    assert sorted(cmp.differing) == ["p.zip", "page.html"]
    assert (
        cmp.differing["page.html"][0]
        == "first difference at byte 7: b'built 10:00' vs b'built 11:00'"
    )
    assert any("member SN/a.txt: date_time" in n for n in cmp.differing["p.zip"])


def test_dot_folders_are_not_outputs(tmp_path: Path) -> None:
    root = _tree(
        tmp_path / "t",
        {"a.txt": b"a", ".cache/x": b"x", ".tmp-SN-1/SN/y": b"y", "sub/.site-src/z": b"z"},
    )
    assert list(tree_hashes(root)) == ["a.txt"]
