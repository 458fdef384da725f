"""Determinism, the cache, the manifest, atomic publishing and path safety."""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from builder.packs import publish as publish_mod
from builder.packs.build import build_packs
from builder.packs.errors import PackBuildError, UnsafePathError
from builder.packs.paths import PackWriter, check_code, check_relpath, check_version
from builder.validate.orchestrator import CheckResult, check_curriculum
from tests.packs.conftest import ROOT, Built


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _snapshot(out: Path, code: str) -> dict[str, str]:
    snap = _tree(out / code)
    snap.update(
        {z.name: hashlib.sha256(z.read_bytes()).hexdigest() for z in out.glob(f"{code}-*.zip")}
    )
    return snap


def test_cold_rebuild_is_byte_identical(built: Built, checked: CheckResult, tmp_path: Path) -> None:
    out = tmp_path / "again" / "packs"
    build_packs(checked.course, ROOT, ["SN", "GT"], out, jobs=2)
    for code in ("SN", "GT"):
        assert _snapshot(out, code) == _snapshot(built.out, code)


def test_unchanged_packs_are_kept(built: Built, checked: CheckResult) -> None:
    before = {c: _snapshot(built.out, c) for c in ("BY", "LK")}
    summary = build_packs(checked.course, ROOT, ["BY", "LK"], built.out, jobs=2)
    assert summary.startswith("packs: 0 written, 2 unchanged")
    assert {c: _snapshot(built.out, c) for c in before} == before


def test_rebuild_from_the_cache_is_byte_identical(built: Built, checked: CheckResult) -> None:
    before = {c: _snapshot(built.out, c) for c in ("MZ", "NG")}
    shutil.rmtree(built.out / "MZ")
    (built.out / "NG" / "schedule.csv").write_text("tampered", encoding="utf-8")
    summary = build_packs(checked.course, ROOT, ["MZ", "NG"], built.out, jobs=2)
    assert (
        summary.startswith("packs: 2 written, 0 unchanged") and "; 0 fragments converted" in summary
    )
    assert {c: _snapshot(built.out, c) for c in before} == before


def test_zip_is_sorted_with_fixed_dates(built: Built, code: str) -> None:
    content = built.contents[code]
    zips = list(built.out.glob(f"{code}-*.zip"))
    assert [z.name for z in zips] == [f"{code}-{content.programme.version}.zip"]
    with zipfile.ZipFile(zips[0]) as z:
        names = z.namelist()
        assert names == sorted(names)
        assert all(n.startswith(f"{code}/") and ".." not in n for n in names)
        assert len({i.date_time for i in z.infolist()}) == 1
        assert {n[len(code) + 1 :] for n in names} == set(_tree(built.pack(code)))


def test_manifest_records_sources_tools_and_hashes(built: Built, code: str) -> None:
    pack = built.pack(code)
    data = json.loads((pack / "manifest.json").read_text(encoding="utf-8"))
    content = built.contents[code]
    assert data["programme"]["version"] == content.programme.version
    assert re.fullmatch(r"[0-9a-f]{40}|unknown", data["git_commit"])
    assert [m["id"] for m in data["modules"]] == [m.id for m in content.modules]
    for m in data["modules"]:
        assert m["version"] and m["language"] and m["content_hash"].startswith("sha256:")
    assert set(data["tools"]) >= {"pandoc", "typst", "python", "python_packages"}
    assert data["fallbacks"] == list(content.fallbacks)
    files = {k: v["sha256"] for k, v in data["files"].items()}
    on_disk = _tree(pack)
    del on_disk["manifest.json"]
    assert files == on_disk
    assert str(pack) not in (pack / "manifest.json").read_text(encoding="utf-8")


def test_fallbacks_are_flagged_in_the_text(built: Built) -> None:
    codes = [c for c, ct in built.contents.items() if any(m.fallback for m in ct.modules)]
    assert codes, "no shipped pack has an untranslated module to test with"
    for code in codes:
        ct = built.contents[code]
        assert ct.lang != ct.source_lang and any(not m.fallback for m in ct.modules)
        labels = ct.labels
        notice = labels(
            "fallback_module",
            language=labels.language_name(ct.lang),
            source=labels.language_name(ct.source_lang),
        )
        page = (built.pack(code) / "trainee" / "handbook.html").read_text(encoding="utf-8")
        assert html.unescape(page).count(notice) == sum(m.fallback for m in ct.modules), code
    assert built.contents["BY"].lang == "en" and not built.contents["BY"].fallbacks


def test_edit_one_module_redoes_only_its_fragments(tiny_root: Path, tmp_path: Path) -> None:
    root = tmp_path / "cur"
    shutil.copytree(tiny_root, root, ignore=shutil.ignore_patterns("build"))
    out = root / "build" / "packs"
    first = build_packs(check_curriculum(root).course, root, ["KE"], out, jobs=1)
    assert "; 0 fragments converted" not in first
    path = root / "modules" / "risk.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Back to", "Go back to"), encoding="utf-8"
    )
    summary = build_packs(check_curriculum(root).course, root, ["KE"], out, jobs=1)
    converted = int(re.search(r"(\d+) fragments converted", summary).group(1))  # type: ignore[union-attr]
    assert converted == 1  # the module's handbook chapter; its guide chapter has no body text


@pytest.fixture
def tiny_pack(tiny_root: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Return ``(root, out)`` of a private copy of the tiny curriculum with its pack built."""
    root = tmp_path / "cur"
    shutil.copytree(tiny_root, root, ignore=shutil.ignore_patterns("build"))
    out = root / "build" / "packs"
    build_packs(check_curriculum(root).course, root, ["KE"], out, jobs=1)
    return root, out


def _edit(root: Path) -> CheckResult:
    """Change a module so that the next build really rebuilds the pack."""
    path = root / "modules" / "risk.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Back to", "Return to"), encoding="utf-8"
    )
    return check_curriculum(root)


def test_injected_failure_leaves_the_previous_pack(
    tiny_pack: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out = tiny_pack
    before = _snapshot(out, "KE")
    calls = {"n": 0}
    original = PackWriter.write

    def failing(self: PackWriter, rel: str, data: bytes | str) -> None:
        calls["n"] += 1
        if calls["n"] == 5:
            raise UnsafePathError("injected failure halfway through writing")
        original(self, rel, data)

    monkeypatch.setattr(PackWriter, "write", failing)
    with pytest.raises(PackBuildError, match="injected failure"):
        build_packs(_edit(root).course, root, ["KE"], out, jobs=1)
    assert calls["n"] == 5
    assert _snapshot(out, "KE") == before
    assert not list(out.glob(".tmp-*"))


def test_failure_during_swap_leaves_the_previous_pack(
    tiny_pack: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, out = tiny_pack
    before = _snapshot(out, "KE")

    def broken_swap(new: Path, target: Path, trash: Path) -> None:
        raise OSError("disk full while swapping")

    monkeypatch.setattr(publish_mod, "swap_in", broken_swap)
    with pytest.raises(OSError, match="disk full"):
        build_packs(_edit(root).course, root, ["KE"], out, jobs=1)
    assert _snapshot(out, "KE") == before


KILLED_BUILD = """
import sys, time
from pathlib import Path
from builder.validate.orchestrator import check_curriculum
from builder.packs.build import build_packs
from builder.packs.paths import PackWriter
root, out, marker = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
original = PackWriter.write
count = [0]
def slow(self, rel, data):
    original(self, rel, data)
    count[0] += 1
    if count[0] == 6:
        marker.write_text("halfway")
        time.sleep(60)
PackWriter.write = slow
build_packs(check_curriculum(root).course, root, ["KE"], out, jobs=1)
"""


def test_sigkill_midway_leaves_the_previous_pack(
    tiny_pack: tuple[Path, Path], tmp_path: Path
) -> None:
    root, out = tiny_pack
    before = _snapshot(out, "KE")
    _edit(root)
    marker = tmp_path / "marker"
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_BUILD, str(root), str(out), str(marker)], cwd=ROOT
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert proc.poll() is None, "the build ended before it was killed"
            assert time.monotonic() < deadline, "the build never reached the middle"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert list(out.glob(".tmp-KE-*")), "the killed build should have left its temporary folder"
    assert _snapshot(out, "KE") == before
    build_packs(check_curriculum(root).course, root, ["KE"], out, jobs=1)
    assert not list(out.glob(".tmp-KE-*"))
    assert _snapshot(out, "KE") != before


@pytest.mark.parametrize("bad", ["", "sn", "S", "SNN", "../SN", "S/", "S\\", "..", "SN\n", "ÉS"])
def test_bad_country_codes_are_refused_before_any_path(
    bad: str, checked: CheckResult, tmp_path: Path
) -> None:
    with pytest.raises(UnsafePathError):
        check_code(bad)
    with pytest.raises(UnsafePathError):
        build_packs(checked.course, ROOT, [bad], tmp_path / "packs")
    assert not (tmp_path / "packs").exists()


@pytest.mark.parametrize("bad", ["../1.0", "1.0/..", "/abs", ".hidden", "a b", ""])
def test_bad_versions_are_refused(bad: str) -> None:
    with pytest.raises(UnsafePathError):
        check_version(bad)


@pytest.mark.parametrize(
    "bad", ["../x", "/etc/passwd", "a/../../b", "", ".", "a//b/..", "x\\..\\y", "site/.."]
)
def test_writer_refuses_paths_outside_the_pack(bad: str, tmp_path: Path) -> None:
    writer = PackWriter(tmp_path / "pack")
    with pytest.raises(UnsafePathError):
        check_relpath(bad)
    with pytest.raises(UnsafePathError):
        writer.write(bad, b"x")
    assert not any(tmp_path.parent.glob("x"))


def test_writer_refuses_the_same_file_twice(tmp_path: Path) -> None:
    writer = PackWriter(tmp_path)
    writer.write("a/b.txt", "one")
    with pytest.raises(UnsafePathError, match="twice"):
        writer.write("a/b.txt", "two")


def test_a_zip_that_does_not_match_its_folder_is_not_taken_as_published(tmp_path: Path) -> None:
    import json

    files = {
        "manifest.json": json.dumps(
            {
                "build_inputs": "x",
                "files": {
                    "a.txt": {"sha256": __import__("hashlib").sha256(b"A").hexdigest(), "bytes": 1}
                },
            }
        ).encode(),
        "a.txt": b"A",
    }
    publish_mod.publish(tmp_path, "SN", "1.0.0", files, 0)
    assert publish_mod.published(tmp_path, "SN", "1.0.0", "x") is not None
    other = {**files, "manifest.json": files["manifest.json"].replace(b'"x"', b'"y"')}
    staged = tmp_path / "other"
    publish_mod.publish(staged, "SN", "1.0.0", other, 0)
    (staged / "SN-1.0.0.zip").replace(
        tmp_path / "SN-1.0.0.zip"
    )  # a build killed between folder and zip
    assert publish_mod.published(tmp_path, "SN", "1.0.0", "x") is None


def test_summary_cuts_long_fallback_lists() -> None:
    from builder.packs.build import _fallbacks

    text = _fallbacks([f"module m{i:03d}" for i in range(30)] + ["quiz q1"])
    assert text.startswith("30 modules in the source language (m000, m001,")
    assert "m011, and 18 more, listed in manifest.json); 1 quiz in the source language (q1)" in text
