"""Are builds reproducible? ``.venv/bin/python bench/reproduce.py [--keep DIR]``

Copies the curriculum sources (curriculum/, modules/, quizzes/, site/, docs/, mkdocs.yml) into
two different temporary roots, builds the site and every pack in each (``curriculum site`` and
``curriculum pack --all``), the second build started a few seconds later and with another TZ
(UTC+14, then UTC-12),
then compares build/site and build/packs file by file (SHA-256; the zips byte for byte, and
the members of any differing zip). Prints the number of files compared and every difference;
exit status 1 on a difference (or a failed build).

The copies hold no .git, so the commit in every manifest.json reads "unknown" in both builds;
that is expected and says nothing about reproducibility across commits.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = Path(sys.executable).parent / "curriculum"
SOURCES = ("curriculum", "modules", "quizzes", "site", "docs", "mkdocs.yml")
OUTPUTS = ("site", "packs")
#: (label, TZ): UTC+14 and UTC-12, so the two builds never share a local calendar date.
BUILDS = (
    ("Pacific/Kiritimati (UTC+14)", "Pacific/Kiritimati"),
    ("Etc/GMT+12 (UTC-12)", "Etc/GMT+12"),
)


def copy_sources(dest: Path, root: Path = ROOT) -> Path:
    """Copy the curriculum sources (not build/, not .git) of ``root`` into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        src = root / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.is_file():
            shutil.copy2(src, dest / name)
    return dest


def tree_hashes(folder: Path) -> dict[str, str]:
    """Return ``{relative path: SHA-256}`` of every file under ``folder``, skipping any path
    with a dot-named part (build/.cache, build/.site-src, staging folders such as .tmp-SN-*)."""
    out: dict[str, str] = {}
    if not folder.is_dir():
        return out
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or not p.is_file():
            continue
        out[rel.as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def first_difference(a: bytes, b: bytes, context: int = 24) -> str:
    """Describe where two byte strings first differ, with a little context from each."""
    n = min(len(a), len(b))
    i = next((k for k in range(n) if a[k] != b[k]), n)
    start = max(0, i - 8)
    sizes = f" (sizes {len(a)} vs {len(b)})" if len(a) != len(b) else ""
    return (
        f"first difference at byte {i}{sizes}: {a[start : i + context]!r} vs "
        f"{b[start : i + context]!r}"
    )


def zip_members(data: bytes) -> dict[str, tuple[str, tuple[int, ...], int]]:
    """Return ``{name: (SHA-256 of content, date_time, external_attr)}`` of a zip archive."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {
            i.filename: (hashlib.sha256(z.read(i)).hexdigest(), tuple(i.date_time), i.external_attr)
            for i in z.infolist()
        }


def zip_difference(a: bytes, b: bytes) -> list[str]:
    """Name the members of two zips that differ (content, timestamp or attributes)."""
    try:
        ma, mb = zip_members(a), zip_members(b)
    except zipfile.BadZipFile as exc:
        return [f"not a readable zip: {exc}"]
    notes = [f"member only in first: {n}" for n in sorted(set(ma) - set(mb))]
    notes += [f"member only in second: {n}" for n in sorted(set(mb) - set(ma))]
    for name in sorted(set(ma) & set(mb)):
        (ha, ta, xa), (hb, tb, xb) = ma[name], mb[name]
        what = [
            w
            for w, differs in (
                ("content", ha != hb),
                (f"date_time {ta} vs {tb}", ta != tb),
                ("attributes", xa != xb),
            )
            if differs
        ]
        if what:
            notes.append(f"member {name}: {', '.join(what)}")
    if not notes:
        notes.append(
            "same members, contents, dates and attributes: the archive layout differs (order, "
            "compression or metadata)"
        )
    return notes


@dataclass
class Comparison:
    """The outcome of comparing two trees."""

    compared: int = 0
    only_first: list[str] = field(default_factory=list)
    only_second: list[str] = field(default_factory=list)
    differing: dict[str, list[str]] = field(default_factory=dict)

    @property
    def identical(self) -> bool:
        return not (self.only_first or self.only_second or self.differing)

    def lines(self) -> list[str]:
        out = [f"only in the first build: {p}" for p in self.only_first]
        out += [f"only in the second build: {p}" for p in self.only_second]
        for path, notes in self.differing.items():
            out.append(f"DIFFERS: {path}")
            out += [f"    {n}" for n in notes]
        return out


def compare_trees(a: Path, b: Path) -> Comparison:
    """Compare two folders file by file (SHA-256); for differing files say where they differ,
    and for differing zips which members differ."""
    ha, hb = tree_hashes(a), tree_hashes(b)
    result = Comparison(only_first=sorted(set(ha) - set(hb)), only_second=sorted(set(hb) - set(ha)))
    for rel in sorted(set(ha) & set(hb)):
        result.compared += 1
        if ha[rel] == hb[rel]:
            continue
        da, db = (a / rel).read_bytes(), (b / rel).read_bytes()
        notes = [first_difference(da, db)]
        if rel.endswith((".zip", ".docx", ".epub")):
            notes += zip_difference(da, db)
        result.differing[rel] = notes
    return result


def build(root: Path, tz: str) -> float:
    """Build the site and every pack of ``root`` with TZ=``tz``; return the wall time."""
    env = {**os.environ, "TZ": tz}
    started = time.perf_counter()
    for args in (["site", "-C", str(root)], ["pack", "-C", str(root), "--all"]):
        done = subprocess.run(
            [str(CLI), *args], env=env, cwd=root, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise SystemExit(
                f"build failed: curriculum {' '.join(args)} "
                f"(TZ={tz}):\n{done.stdout}\n{done.stderr}"
            )
    return time.perf_counter() - started


def commits(packs: Path) -> set[str]:
    """Return the commit values recorded in the manifests under ``packs``."""
    found = set()
    for m in packs.glob("*/manifest.json"):
        data = json.loads(m.read_text(encoding="utf-8"))
        found.add(str(data.get("git_commit", "?")))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--keep",
        type=Path,
        default=None,
        help="Build in this folder and keep it (default: a temporary folder, removed).",
    )
    parser.add_argument(
        "--pause", type=float, default=3.0, help="Seconds between the two builds (at least 2)."
    )
    args = parser.parse_args(argv)
    base = Path(tempfile.mkdtemp(prefix="reproduce-")) if args.keep is None else args.keep
    try:
        roots = [
            copy_sources(base / "first" / "root"),
            copy_sources(base / "second-elsewhere" / "nested" / "root"),
        ]
        for i, (root, (label, tz)) in enumerate(zip(roots, BUILDS, strict=True)):
            if i:
                time.sleep(max(2.0, args.pause))
            start = time.strftime("%H:%M:%S")
            seconds = build(root, tz)
            print(f"build {i + 1}: {root} TZ={label}, started {start}, {seconds:.1f} s")
        failed = False
        total = 0
        for name in OUTPUTS:
            cmp = compare_trees(roots[0] / "build" / name, roots[1] / "build" / name)
            total += cmp.compared
            zips = sum(
                1
                for p in (roots[0] / "build" / name).rglob("*")
                if p.suffix in (".zip", ".docx", ".epub")
            )
            print(
                f"build/{name}: {cmp.compared} files compared, among them {zips} zip/docx/epub "
                "archives byte for byte; "
                f"{len(cmp.differing)} differ, {len(cmp.only_first)} only in the first, "
                f"{len(cmp.only_second)} only in the second"
            )
            for line in cmp.lines():
                print("  " + line)
            failed |= not cmp.identical
        c1, c2 = commits(roots[0] / "build" / "packs"), commits(roots[1] / "build" / "packs")
        print(
            f"manifest commit: {', '.join(sorted(c1))} / {', '.join(sorted(c2))} "
            "(the copies have no .git, so 'unknown' in both is expected)"
        )
        print(
            f"total: {total} files compared, {'IDENTICAL' if not failed else 'DIFFERENCES FOUND'}"
        )
        return 1 if failed else 0
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
