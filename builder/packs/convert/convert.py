"""pandoc conversions of Markdown fragments, batched and cached by content hash.

A fragment's outputs are stored under ``<cache>/<key[:2]>/<key>.<target>`` where the key hashes
the pandoc version, the Lua script, the reader options, the heading-id prefix and the Markdown.
So packs share the work of modules they have in common, and a rebuild after editing one module
converts only that module's fragments. Missing fragments are converted by ``pandoc lua`` in a few
batches (one process each, run side by side), then moved into the cache atomically.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from builder.figures import Figure, write_figures
from builder.packs.cache import TEMPLATES, Cache, sha256
from builder.packs.content.ast_render import render
from builder.packs.convert.docx_parts import DocxPart, DocxSplitError, split_batch
from builder.packs.convert.reference_docx import reference_docx
from builder.packs.errors import ConversionError
from builder.packs.pandoc import pandoc_version, run_pandoc

LUA = TEMPLATES / "pandoc-batch.lua"
READER = (
    "markdown-raw_html-raw_attribute-raw_tex-tex_math_dollars-tex_math_single_backslash"
    "-citations-auto_identifiers-implicit_figures-native_divs-native_spans"
)
TARGETS = ("typst", "html", "docx")


@dataclass(frozen=True)
class Piece:
    """A fragment to convert: its source (pandoc Markdown, or pandoc JSON for fragments built as
    an AST), the prefix of its generated heading ids and the targets it is needed in."""

    source: str
    prefix: str
    targets: tuple[str, ...] = TARGETS
    reader: str = "markdown"

    @property
    def key(self) -> str:
        """Return the cache key of this fragment's outputs."""
        return sha256(_salt(), self.reader, self.prefix, self.source)


def ast_piece(source: str, prefix: str, targets: tuple[str, ...] = TARGETS) -> Piece:
    """Return a fragment whose source is a pandoc JSON document made by :mod:`pdast`."""
    return Piece(source, prefix, targets, "json")


def right_to_left(piece: Piece) -> Piece:
    """Return ``piece`` marked as right-to-left text (``dir: rtl`` in its metadata).

    Only the DOCX writer reads it (``pandoc-batch.lua`` puts the fragment in a right-to-left
    div); HTML and Typst take their direction from the document around the fragment.
    """
    if piece.reader == "json":
        doc = json.loads(piece.source)
        doc["meta"]["dir"] = {"t": "MetaString", "c": "rtl"}
        source = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    else:
        source = "---\ndir: rtl\n...\n\n" + piece.source
    return dataclasses.replace(piece, source=source)


@functools.cache
def _salt() -> str:
    return sha256("packs-convert-2", pandoc_version(), LUA.read_bytes(), READER)


class Converter:
    """Convert fragments with pandoc, in parallel batches, through the cache."""

    def __init__(self, cache: Cache, jobs: int = 2) -> None:
        self.cache = cache
        self.jobs = max(1, jobs)
        self.converted = 0
        self.figures: dict[str, Figure] = {}

    def ensure(self, pieces: Iterable[Piece], figures: Iterable[Figure] = ()) -> None:
        """Convert every target of every piece that the cache does not hold yet (``figures``:
        the images the pieces show, which the DOCX embeds)."""
        self.figures = {f.name: f for f in (*self.figures.values(), *figures)}
        todo: dict[str, tuple[Piece, tuple[str, ...]]] = {}
        for p in pieces:
            # Pieces built as an AST are rendered in Python (ast_render), except as DOCX.
            wanted = p.targets if p.reader != "json" else tuple(t for t in p.targets if t == "docx")
            missing = tuple(t for t in wanted if not self.cache.path(p.key, t).exists())
            if missing and p.key not in todo:
                todo[p.key] = (p, missing)
        if not todo:
            return
        work = self.cache.root / ".work"
        work.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=work) as tmp:
            write_figures(Path(tmp), self.figures.values())  # read by the DOCX writer
            items = sorted(todo.items())
            # At least one batch per job, and none much over BATCH_COST: pandoc keeps a batch's
            # DOCX content in memory to the end, and its garbage collector slows as that grows.
            count = max(self.jobs, -(-sum(_cost(p) for _, (p, _) in items) // BATCH_COST))
            batches = _split(items, count)
            with ThreadPoolExecutor(max_workers=min(self.jobs, len(batches))) as pool:
                list(pool.map(lambda b: self._run_batch(Path(tmp), b[0], b[1]), enumerate(batches)))
        self.converted += len(todo)

    def _run_batch(
        self, tmp: Path, n: int, batch: Sequence[tuple[str, tuple[Piece, tuple[str, ...]]]]
    ) -> None:
        lines, outputs, docx_keys = [], [], []
        docx_path = tmp / f"batch-{n}.docx"
        for key, (piece, targets) in batch:
            src = tmp / f"{key}.src"
            src.write_text(
                _render_ast(piece.source, "json") if piece.reader == "json" else piece.source,
                encoding="utf-8",
            )
            outs = [(t, docx_path if t == "docx" else tmp / f"{key}.{t}") for t in targets]
            outputs += [(key, t, path) for t, path in outs if t != "docx"]
            docx_keys += [key for t in targets if t == "docx"]
            reader = "json" if piece.reader == "json" else READER
            lines.append(
                "\t".join([str(src), piece.prefix, reader, *[f"{t}={path}" for t, path in outs]])
            )
        jobs_file = tmp / f"jobs-{n}.txt"
        jobs_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
        env = None
        if docx_keys:
            env = {"PACK_REFERENCE_DOCX": str(reference_docx(self.cache)), "PACK_FIGURES": str(tmp)}
        run_pandoc(["lua", str(LUA), str(jobs_file)], f"a batch of {len(batch)} fragments", env=env)
        for key, target, path in outputs:
            self.cache.adopt(key, target, path)
        if docx_keys:
            try:
                parts = split_batch(docx_path.read_bytes(), docx_keys)
            except DocxSplitError as exc:
                raise ConversionError(
                    f"pandoc's DOCX of a batch of {len(batch)} fragments could not be cut up: {exc}"
                ) from exc
            for key, part in parts.items():
                self.cache.put(key, "docx", part.to_bytes())

    def docx_part(self, piece: Piece) -> DocxPart:
        """Return a fragment as a DOCX part (call :meth:`ensure` first)."""
        data = self.cache.get(piece.key, "docx")
        if data is None:
            raise ConversionError("no docx output for a fragment; ensure() was not called")
        return DocxPart.from_bytes(data)

    def text(self, piece: Piece, target: str) -> str:
        """Return a converted output (call :meth:`ensure` first)."""
        if piece.reader == "json":
            return _render_ast(piece.source, target)
        data = self.cache.get(piece.key, target)
        if data is None:
            raise ConversionError(f"no {target} output for a fragment; ensure() was not called")
        return data.decode("utf-8")


@functools.lru_cache(maxsize=4096)
def _render_ast(source: str, target: str) -> str:
    return render(source, target)


def _split(
    items: Sequence[tuple[str, tuple[Piece, tuple[str, ...]]]], n: int
) -> list[list[tuple[str, tuple[Piece, tuple[str, ...]]]]]:
    """Split into at most ``n`` batches of similar Markdown size."""
    batches: list[list[tuple[str, tuple[Piece, tuple[str, ...]]]]] = [
        [] for _ in range(min(n, len(items)))
    ]
    sizes = [0] * len(batches)
    for item in sorted(items, key=lambda i: -_cost(i[1][0])):
        k = sizes.index(min(sizes))
        batches[k].append(item)
        sizes[k] += _cost(item[1][0])
    return [b for b in batches if b]


BATCH_COST = 1_500_000
"""Characters of source per pandoc batch, roughly (a 30-module pack is about 600,000)."""


def _cost(piece: Piece) -> int:
    """Return a rough cost of converting a piece: the length of its Markdown."""
    return len(piece.source)


def clear_work(cache_root: Path) -> None:
    """Remove temporary folders that an interrupted build left in the cache."""
    shutil.rmtree(cache_root / ".work", ignore_errors=True)
