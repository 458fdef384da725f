"""Kill the builds at random moments and check that the outputs survive.

    .venv/bin/python bench/interrupt.py [--seed N] [--kills 20] [--all] [--only site|pack]
                                        [--next-build each|few] [--cold] [--keep DIR]

Works on a temporary copy of the curriculum sources (curriculum/, modules/, quizzes/, site/,
docs/, mkdocs.yml). It first builds the site and the pack(s) once and records the SHA-256 of
every file under build/site and build/packs (dot-folders such as build/.cache, build/.site-src
and staging folders like build/packs/.tmp-SN-* are not outputs and are left out). Then:

* site: ``curriculum site -C <copy>`` is started N times and SIGKILLed after a random delay
  between 0 and the measured duration of a full build (the shorter of two). Every site build
  is a full rebuild and swap, so each kill hits real work. After each kill, build/site and
  build/packs must be exactly
  as recorded: same files, same hashes, nothing missing, nothing extra.
* pack: a second build of an unchanged pack does nothing (it is "kept"), so killing it would
  test nothing. The script therefore records two snapshots: A (the sources as shipped) and B
  (the same with one paragraph appended to one module), and before each kill switches the
  sources to the variant that is *not* published, so that the killed build has to convert,
  build and publish (the delay is drawn up to the shorter of two measured rebuilds of that
  kind). After each kill, every pack (folder and zip together) must be exactly snapshot A or
  exactly snapshot B of that pack: the old pack or the new one, never a mix, and
  build/site untouched.

The build is started in its own process group and the whole group is killed, so pandoc, Typst
and the --all workers die with it; the script then checks that no process of the group is left.
After every kill (``--next-build each``, the default) or after kills 1, N/2 and N and whenever
a check failed (``few``), one more build runs to completion: it must succeed and produce exactly
the recorded snapshot of the current sources (which also catches a cache damaged by a kill).

Prints e.g. ``site: 20/20 intact, 20/20 next builds ok`` and exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from reproduce import CLI, copy_sources, tree_hashes  # noqa: E402

#: The module whose text is toggled for the pack runs (SN and most packs include it).
EDIT_MODULE = "p1-integrated-supply-chain"
EDIT_TEXT = "\n\nThis paragraph was added by bench/interrupt.py to force a rebuild.\n"
#: Dot-entries that the builders keep on purpose (not left-overs of an interrupted build).
KEPT_DOT = {".cache", ".site-src"}

PackState = dict[str, tuple[dict[str, str], str | None]]


@dataclass
class Run:
    """What happened to one started build."""

    killed: bool
    returncode: int | None
    seconds: float
    stray: list[int]


def group_members(pgid: int) -> list[int]:
    """Return the live (non-zombie) processes whose process group is ``pgid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def run_build(cmd: list[str], kill_after: float | None, log: Path) -> Run:
    """Run ``cmd`` in a new process group; SIGKILL the whole group after ``kill_after`` s."""
    started = time.perf_counter()
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            proc.wait(timeout=kill_after)
            killed = False
        except subprocess.TimeoutExpired:
            killed = True
        # Kill the whole group even after a normal exit: no child may outlive the build.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        code = proc.wait()
        rc = None if killed else code
    seconds = time.perf_counter() - started
    deadline = time.monotonic() + 5
    stray = group_members(proc.pid)
    while stray and time.monotonic() < deadline:
        time.sleep(0.05)
        stray = group_members(proc.pid)
    return Run(killed, rc, seconds, stray)


def site_state(root: Path) -> dict[str, str]:
    return tree_hashes(root / "build" / "site")


def pack_state(root: Path, codes: list[str]) -> PackState:
    """Return, per pack, the hashes of its folder and of its zip (None when missing)."""
    packs = root / "build" / "packs"
    state: PackState = {}
    for code in codes:
        zips = sorted(packs.glob(f"{code}-*.zip"))
        zip_hash = tree_hashes(packs).get(zips[0].name) if len(zips) == 1 else None
        state[code] = (tree_hashes(packs / code), zip_hash)
    return state


def top_level(root: Path) -> set[str]:
    """Return the non-dot entries of build/packs."""
    folder = root / "build" / "packs"
    return (
        {p.name for p in folder.iterdir() if not p.name.startswith(".")}
        if folder.is_dir()
        else set()
    )


def leftovers(root: Path) -> list[str]:
    """Return the dot-entries under build/ and build/packs that are staging left-overs."""
    build = root / "build"
    found = (
        [p.name for p in build.iterdir() if p.name.startswith(".") and p.name not in KEPT_DOT]
        if build.is_dir()
        else []
    )
    packs = build / "packs"
    found += (
        [f"packs/{p.name}" for p in packs.iterdir() if p.name.startswith(".")]
        if packs.is_dir()
        else []
    )
    return sorted(found)


def describe(expected: dict[str, str], actual: dict[str, str]) -> str:
    """Summarise how ``actual`` differs from ``expected``."""
    missing = sorted(set(expected) - set(actual))
    extra = sorted(set(actual) - set(expected))
    changed = sorted(k for k in set(expected) & set(actual) if expected[k] != actual[k])
    parts = []
    for label, items in (("missing", missing), ("extra", extra), ("changed", changed)):
        if items:
            parts.append(
                f"{len(items)} {label} ({', '.join(items[:3])}{', ...' if len(items) > 3 else ''})"
            )
    return "; ".join(parts) or "identical"


def pack_verdict(actual: PackState, a: PackState, b: PackState) -> tuple[bool, str]:
    """Check that every pack is exactly its A or its B snapshot; return (ok, description)."""
    notes, ok = [], True
    for code, state in actual.items():
        if state == a[code]:
            notes.append(f"{code}=A")
        elif state == b[code]:
            notes.append(f"{code}=B")
        else:
            ok = False
            folder, zip_hash = state
            fa = "A" if folder == a[code][0] else "B" if folder == b[code][0] else "neither"
            za = (
                "A"
                if zip_hash == a[code][1]
                else "B"
                if zip_hash == b[code][1]
                else ("missing" if zip_hash is None else "neither")
            )
            notes.append(f"{code}: folder {fa}, zip {za}; vs A: {describe(a[code][0], folder)}")
    return ok, ", ".join(notes)


@dataclass
class Tally:
    """Figures of one phase."""

    name: str
    kills: int = 0
    mid_build: int = 0
    intact: int = 0
    next_runs: int = 0
    next_ok: int = 0
    stray: int = 0
    left: dict[str, int] = field(default_factory=dict)
    outcome: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def line(self, policy: str) -> str:
        text = (
            f"{self.name}: {self.intact}/{self.kills} intact, {self.next_ok}/{self.next_runs} "
            f"next builds ok ({policy}); "
            f"{self.mid_build}/{self.kills} kills landed mid-build (the others after it had "
            "finished); "
            f"{self.stray} kills left processes of the group alive"
        )
        if self.outcome:
            text += "; packs found after the kills: " + ", ".join(
                f"{k} x{v}" for k, v in sorted(self.outcome.items())
            )
        if self.left:
            text += "; staging left by kills (removed by the next build): " + ", ".join(
                f"{k} x{v}" for k, v in sorted(self.left.items())
            )
        return text


def set_variant(root: Path, original: str, edited: bool) -> None:
    path = root / "modules" / f"{EDIT_MODULE}.md"
    path.write_text(original + EDIT_TEXT if edited else original, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Kill the site and pack builds at random moments; check the outputs."
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=None,
        help="Seed of the random delays (default: random, printed).",
    )
    parser.add_argument("--kills", type=int, default=20, help="Kills per build kind.")
    parser.add_argument(
        "--all", action="store_true", help="Kill 'pack --all' instead of 'pack SN'."
    )
    parser.add_argument("--only", choices=["site", "pack"], default=None)
    parser.add_argument(
        "--next-build",
        choices=["each", "few"],
        default="each",
        help="Run a full build after every kill, or after a few.",
    )
    parser.add_argument(
        "--cold",
        action="store_true",
        help="Empty build/.cache before each pack kill (every fragment goes through pandoc).",
    )
    parser.add_argument("--keep", type=Path, default=None, help="Work in this folder and keep it.")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1_000_000)
    rng = random.Random(seed)
    base = Path(tempfile.mkdtemp(prefix="interrupt-")) if args.keep is None else args.keep
    started = time.perf_counter()
    print(f"seed {seed}; work folder {base}")
    try:
        root = copy_sources(base / "root")
        logs = base / "logs"
        logs.mkdir()
        codes = ["SN"]
        pack_cmd = [str(CLI), "pack", "-C", str(root), *(["--all"] if args.all else codes)]
        site_cmd = [str(CLI), "site", "-C", str(root)]
        original = (root / "modules" / f"{EDIT_MODULE}.md").read_text(encoding="utf-8")

        def full(cmd: list[str], label: str) -> float:
            run = run_build(cmd, None, logs / f"{label}.log")
            if run.returncode != 0:
                raise SystemExit(
                    (
                        f"{label}: the build failed (exit {run.returncode}); see "
                        f"{logs / (label + '.log')}:\n"
                    )
                    + (logs / f"{label}.log").read_text(errors="replace")[-3000:]
                )
            return run.seconds

        # Record: site, then the packs (variant A, then B, then A again so both are cached).
        site_seconds = full(site_cmd, "record-site")
        site_rec = site_state(root)
        # A second build: the delay range is the shorter of the two (a load spike during one
        # measurement would otherwise push most kills past the end of the build), and the
        # outputs must come out the same, or no kill could be judged against the record.
        site_seconds = min(site_seconds, full(site_cmd, "record-site-again"))
        if site_state(root) != site_rec:
            raise SystemExit("two builds of the same site differ; run bench/reproduce.py first")
        full(pack_cmd, "record-pack-A-cold")
        if args.all:
            codes = sorted(
                p.name
                for p in (root / "build" / "packs").iterdir()
                if p.is_dir() and not p.name.startswith(".")
            )
        snap_a = pack_state(root, codes)
        set_variant(root, original, True)
        pack_seconds = full(pack_cmd, "record-pack-B")
        snap_b = pack_state(root, codes)
        set_variant(root, original, False)
        pack_seconds = min(pack_seconds, full(pack_cmd, "record-pack-A-again"))
        if pack_state(root, codes) != snap_a:
            print(
                "note: rebuilding variant A did not give the first A snapshot byte for byte "
                "(see bench/reproduce.py)"
            )
            snap_a = pack_state(root, codes)
        names = top_level(root)
        differ = [c for c in codes if snap_a[c] != snap_b[c]]
        print(
            f"recorded: build/site {len(site_rec)} files (full build {site_seconds:.1f} s, "
            "the shorter of two); "
            f"build/packs {sum(len(s[0]) + 1 for s in snap_a.values())} files in {len(codes)} "
            "pack(s) + zip(s) "
            f"(rebuild after an edit of {EDIT_MODULE}: {pack_seconds:.1f} s, the shorter of "
            f"two; packs changed by the edit: {', '.join(differ) or 'none'})"
        )

        few = {0, args.kills // 2 - 1, args.kills - 1}
        tallies: list[Tally] = []
        edited = False  # the variant whose outputs are published

        if args.only in (None, "site"):
            t = Tally("site")
            for i in range(args.kills):
                delay = rng.uniform(0, site_seconds)
                run = run_build(site_cmd, delay, logs / f"site-kill-{i}.log")
                t.kills += 1
                t.mid_build += run.killed
                t.stray += bool(run.stray)
                for name in leftovers(root):
                    t.left[name] = t.left.get(name, 0) + 1
                now_site, now_packs = site_state(root), pack_state(root, codes)
                ok = (
                    now_site == site_rec
                    and now_packs == (snap_b if edited else snap_a)
                    and top_level(root) == names
                )
                if not run.killed and run.returncode != 0:
                    ok = False
                    t.failures.append(
                        f"site kill {i + 1}: the build finished before the kill but failed "
                        f"(exit {run.returncode})"
                    )
                if ok:
                    t.intact += 1
                else:
                    t.failures.append(
                        f"site kill {i + 1} after {delay:.2f} s: build/site "
                        f"{describe(site_rec, now_site)}"
                    )
                if run.stray:
                    t.failures.append(
                        f"site kill {i + 1}: processes {run.stray} of the group survived"
                    )
                if args.next_build == "each" or i in few or not ok:
                    t.next_runs += 1
                    nxt = run_build(site_cmd, None, logs / f"site-next-{i}.log")
                    after = site_state(root)
                    if nxt.returncode == 0 and after == site_rec and not leftovers(root):
                        t.next_ok += 1
                    else:
                        t.failures.append(
                            f"site next build after kill {i + 1}: exit "
                            f"{nxt.returncode}, build/site "
                            f"{describe(site_rec, after)}, left-overs {leftovers(root)}"
                        )
            tallies.append(t)

        if args.only in (None, "pack"):
            t = Tally("pack --all" if args.all else "pack SN")
            for i in range(args.kills):
                target = not edited
                set_variant(root, original, target)
                if args.cold:
                    shutil.rmtree(root / "build" / ".cache", ignore_errors=True)
                delay = rng.uniform(0, pack_seconds)
                run = run_build(pack_cmd, delay, logs / f"pack-kill-{i}.log")
                t.kills += 1
                t.mid_build += run.killed
                t.stray += bool(run.stray)
                for name in leftovers(root):
                    name = re.sub(r"(\.tmp-[A-Z]{2}-).*", r"\1*", name)
                    t.left[name] = t.left.get(name, 0) + 1
                ok, verdict = pack_verdict(pack_state(root, codes), snap_a, snap_b)
                if ok:
                    for note in verdict.split(", "):
                        was = note.endswith("=B") == target  # the pack the killed build was writing
                        key = "new (the killed build's)" if was else "old"
                        if snap_a[note[:2]] != snap_b[note[:2]]:
                            t.outcome[key] = t.outcome.get(key, 0) + 1
                ok = ok and site_state(root) == site_rec and top_level(root) == names
                if not run.killed and run.returncode != 0:
                    ok = False
                    t.failures.append(
                        f"pack kill {i + 1}: the build finished before the kill but failed "
                        f"(exit {run.returncode})"
                    )
                if ok:
                    t.intact += 1
                else:
                    t.failures.append(
                        f"pack kill {i + 1} after {delay:.2f} s: {verdict}; build/site "
                        f"{describe(site_rec, site_state(root))}; "
                        f"top level {sorted(top_level(root) ^ names) or 'as recorded'}"
                    )
                if run.stray:
                    t.failures.append(
                        f"pack kill {i + 1}: processes {run.stray} of the group survived"
                    )
                if args.next_build == "each" or i in few or not ok:
                    t.next_runs += 1
                    nxt = run_build(pack_cmd, None, logs / f"pack-next-{i}.log")
                    want = snap_b if target else snap_a
                    now = pack_state(root, codes)
                    if nxt.returncode == 0 and now == want and not leftovers(root):
                        t.next_ok += 1
                        edited = target
                    else:
                        _, verdict = pack_verdict(now, snap_a, snap_b)
                        t.failures.append(
                            f"pack next build after kill {i + 1} (sources "
                            f"{'B' if target else 'A'}): "
                            f"exit {nxt.returncode}, {verdict}, left-overs {leftovers(root)}"
                        )
                else:
                    # No completing build: the published variant is whichever the kill left.
                    now = pack_state(root, codes)
                    if now == (snap_b if target else snap_a) and now != (
                        snap_a if target else snap_b
                    ):
                        edited = target
            set_variant(root, original, False)
            tallies.append(t)

        policy = (
            "after every kill"
            if args.next_build == "each"
            else (
                f"after kills {', '.join(str(k + 1) for k in sorted(few))} and after any failed "
                "check"
            )
        )
        failed = False
        for t in tallies:
            print(t.line(policy))
            for f in t.failures:
                print("  FAIL " + f)
            failed |= bool(t.failures) or t.intact != t.kills or t.next_ok != t.next_runs
        print(
            f"total {time.perf_counter() - started:.0f} s; seed {seed}; "
            f"{'FAILED' if failed else 'all checks passed'}"
        )
        return 1 if failed else 0
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
