"""Benchmark the site build against plain MkDocs Material on synthetic curricula.

For each size (100, 500 and 2,000 modules by default) this script generates a synthetic
curriculum (``bench/synth.py``), builds its site with our builder (``curriculum site``), then
builds the very same pages with plain ``mkdocs build`` and Material's default configuration: the
whole navigation on every page, no pruning, directory URLs. It prints build times and sizes.

    .venv/bin/python bench/site_bench.py [--sizes 100 500 2000] [--out /tmp/site-bench]

It takes several minutes (the plain build of 2,000 pages is the slow part). Not part of the tests.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(PROJECT))

from synth import generate  # noqa: E402

from builder.site.layout import LARGE_SITE as LARGE  # noqa: E402


def folder_size(folder: Path) -> int:
    """Return the total size of the files under ``folder``, in bytes."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def module_pages(folder: Path) -> list[int]:
    """Return the sizes of the module pages of a built site (either URL style)."""
    pages = list((folder / "modules").glob("*.html")) + list(
        (folder / "modules").glob("*/index.html")
    )
    return [p.stat().st_size for p in pages]


def run(cmd: list[str]) -> float:
    """Run a command, fail loudly on error, and return its wall time in seconds."""
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}")
    return elapsed


def flat_nav(nav: list[object]) -> list[object]:
    """Return the navigation without our groups of modules (plain Material lists every module)."""
    out: list[object] = []
    for item in nav:
        if isinstance(item, dict):
            ((title, value),) = item.items()
            if isinstance(value, list):
                children = flat_nav(value)
                if all(
                    isinstance(c, dict) and isinstance(next(iter(c.values())), list)
                    for c in children
                ):
                    children = [g for c in children for g in next(iter(c.values()))]  # type: ignore[union-attr]
                out.append({title: children})
                continue
        out.append(item)
    return out


def full_nav(root: Path) -> list[object]:
    """Return the navigation listing every page, modules in course order, without groups."""
    from builder import check
    from builder.site import layout, nav

    result = check.check_curriculum(root)
    limit = layout.LARGE_SITE
    layout.LARGE_SITE = 10**9  # the whole navigation, as a plain Material site would have it
    try:
        return flat_nav(nav.nav_config(nav.site_nav(layout.make_site(result.course))))
    finally:
        layout.LARGE_SITE = limit


def reference_config(generated: Path, site_dir: Path, root: Path) -> Path:
    """Write a plain Material config for the same pages: default theme, full navigation."""
    ours = yaml.safe_load(generated.read_text(encoding="utf-8"))
    config = {
        "site_name": "Reference",
        "docs_dir": ours["docs_dir"],
        "site_dir": str(site_dir),
        "theme": {"name": "material"},
        "markdown_extensions": ours["markdown_extensions"],
        "extra_css": ours["extra_css"],
        "extra_javascript": ours["extra_javascript"],
        "plugins": ["search"],
        "nav": full_nav(root),
    }
    path = generated.with_name("reference.yml")
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def bench(n: int, out: Path) -> dict[str, float]:
    """Build one synthetic curriculum both ways and return the figures."""
    root = out / f"syn{n}"
    generate(root, n)
    ours_time = run([str(BIN / "curriculum"), "site", "-C", str(root)])
    site = root / "build" / "site"
    ref_site = root / "build" / "reference-site"
    shutil.rmtree(ref_site, ignore_errors=True)
    ref_config = reference_config(root / "build" / ".site-src" / "mkdocs.yml", ref_site, root)
    ref_time = run([str(BIN / "mkdocs"), "build", "-q", "-f", str(ref_config)])
    ours_pages, ref_pages = module_pages(site), module_pages(ref_site)
    return {
        "modules": n,
        "ours_s": ours_time,
        "ref_s": ref_time,
        "speedup": ref_time / ours_time,
        "ours_mb": folder_size(site) / 1e6,
        "ref_mb": folder_size(ref_site) / 1e6,
        "ours_page_kb": max(ours_pages) / 1024,
        "ref_page_kb": max(ref_pages) / 1024,
        "ours_pages": len(list(site.rglob("*.html"))),
    }


def main() -> None:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000])
    ap.add_argument("--out", type=Path, default=Path("/tmp/site-bench"))
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    head = (
        f"{'modules':>8} {'ours s':>8} {'plain s':>8} {'ours/plain':>10} {'speedup':>8} "
        f"{'ours MB':>8} "
        f"{'plain MB':>9} {'max module page ours/plain KB':>30}"
    )
    print(head)
    for n in args.sizes:
        r = bench(n, args.out)
        print(
            f"{r['modules']:>8} {r['ours_s']:>8.2f} {r['ref_s']:>8.2f} "
            f"{r['ours_s'] / r['ref_s']:>9.2f}x "
            f"{r['speedup']:>7.1f}x {r['ours_mb']:>8.1f} {r['ref_mb']:>9.1f} "
            f"{r['ours_page_kb']:>19.1f} / {r['ref_page_kb']:.1f}",
            flush=True,
        )
    print(
        "ours: `curriculum site` end to end (check + pages + MkDocs; pruned navigation, modules "
        "grouped by 40,"
    )
    print(
        f"      or tracks only above {LARGE} modules, each track's index page listing its modules);"
    )
    print(
        "plain: `mkdocs build` of the same pages with Material's defaults (full navigation "
        "on every page)."
    )


if __name__ == "__main__":
    main()
