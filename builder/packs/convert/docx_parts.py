"""DOCX books joined from cached fragments, so a book costs no pandoc run of its own.

pandoc writes every fragment of a conversion batch into one DOCX, each after a marker paragraph
(``pandoc-batch.lua``). :func:`split_batch` cuts that document back into :class:`DocxPart`
values: a fragment's body XML and the definitions it refers to (list numbering, footnotes,
hyperlink relationships, styles). The parts are cached like every other conversion, so packs
share them and an edit re-converts one fragment only.

:func:`assemble` joins a book's parts into its frame (pandoc's DOCX of the title block, made once
per cover) and renumbers list, footnote, bookmark and relationship ids in order of appearance:
the bytes depend on the parts, never on which batch converted them. Internal links whose
bookmark is not in the book become plain text (a module that another pack has).
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import io
import json
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MARKER = "PACKPART-"
_NUM_REF = re.compile(r'<w:numId w:val="(\d+)" ?/>')
_NOTE_REF = re.compile(r'<w:footnoteReference w:id="(-?\d+)" ?/>')
_REL_REF = re.compile(r'r:(?:id|embed|link)="([^"]+)"')
_REL_TARGET = re.compile(r'\bTarget="(media/[^"]+)"')
_STYLE_REF = re.compile(r'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)" ?/>')
_NUM_DEF = re.compile(r'<w:num w:numId="(\d+)">.*?</w:num>', re.S)
_ABSTRACT_DEF = re.compile(r'<w:abstractNum w:abstractNumId="(\d+)"[^>]*>.*?</w:abstractNum>', re.S)
_ABSTRACT_REF = re.compile(r'<w:abstractNumId w:val="(\d+)" ?/>')
_NOTE_DEF = re.compile(r'<w:footnote w:id="(-?\d+)">.*?</w:footnote>', re.S)
_REL_DEF = re.compile(r'<Relationship\b[^>]*?\bId="([^"]+)"[^>]*/>')
_STYLE_DEF = re.compile(r'<w:style\b[^>]*?w:styleId="([^"]+)"[^>]*>.*?</w:style>', re.S)
_STYLE_LINKS = re.compile(r'<w:(?:basedOn|link|next) w:val="([^"]+)" ?/>')
_BOOKMARK_ID = re.compile(r'(<w:bookmark(?:Start|End) w:id=")(-?\d+)(")')
_BOOKMARK_NAME = re.compile(r'<w:bookmarkStart w:id="-?\d+" w:name="([^"]+)"')
_HYPERLINK = re.compile(r'<w:hyperlink w:anchor="([^"]*)"[^>]*>(.*?)</w:hyperlink>', re.S)
_LINK_STYLE = re.compile(r'<w:rStyle w:val="Hyperlink" ?/>')


class DocxSplitError(ValueError):
    """The batch document does not hold the expected fragments."""


@dataclass(frozen=True)
class DocxPart:
    """One fragment as WordprocessingML, with the definitions its body refers to."""

    body: str
    nums: tuple[tuple[str, str], ...] = ()
    abstracts: tuple[tuple[str, str], ...] = ()
    notes: tuple[tuple[str, str], ...] = ()
    rels: tuple[tuple[str, str], ...] = ()
    styles: tuple[tuple[str, str], ...] = ()
    media: tuple[tuple[str, str], ...] = ()
    """Images the part shows: their path in the package (``media/...``) and base64 bytes."""

    def to_bytes(self) -> bytes:
        """Return the part as JSON (its cache entry)."""
        fields = {
            "media": self.media,
            "body": self.body,
            "nums": self.nums,
            "abstracts": self.abstracts,
            "notes": self.notes,
            "rels": self.rels,
            "styles": self.styles,
        }
        return json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> DocxPart:
        """Return a part read back from :meth:`to_bytes`."""
        d = json.loads(data)

        def pairs(k: str) -> tuple[tuple[str, str], ...]:
            return tuple((str(a), str(b)) for a, b in d[k])

        return cls(
            str(d["body"]),
            pairs("nums"),
            pairs("abstracts"),
            pairs("notes"),
            pairs("rels"),
            pairs("styles"),
            pairs("media") if "media" in d else (),
        )


def _read_zip(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {
            i.filename: z.read(i.filename).decode("utf-8")
            for i in z.infolist()
            if i.filename.endswith((".xml", ".rels"))
        }


def _body_span(document: str) -> tuple[int, int]:
    """Return where the body's blocks start and end (before the final section properties)."""
    start = document.index("<w:body>") + len("<w:body>")
    end = document.rindex("<w:sectPr", start)
    return start, end


def split_batch(data: bytes, keys: Sequence[str]) -> dict[str, DocxPart]:
    """Cut a batch DOCX into the parts of ``keys`` (in the order the batch wrote them)."""
    files = _read_zip(data)
    document = files["word/document.xml"]
    start, end = _body_span(document)
    cuts: list[tuple[int, int]] = []  # (marker paragraph start, marker paragraph end)
    pos = start
    for key in keys:
        at = document.find(f">{MARKER}{key}</w:t>", pos, end)
        if at < 0:
            raise DocxSplitError(f"the batch document has no marker for fragment {key[:12]}")
        p_start = document.rindex("<w:p>", pos, at)
        p_end = document.index("</w:p>", at) + len("</w:p>")
        cuts.append((p_start, p_end))
        pos = p_end
    bodies = [
        document[cuts[i][1] : cuts[i + 1][0] if i + 1 < len(cuts) else end].strip()
        for i in range(len(cuts))
    ]
    nums = {m.group(1): m.group(0) for m in _NUM_DEF.finditer(files.get("word/numbering.xml", ""))}
    abstracts = {
        m.group(1): m.group(0) for m in _ABSTRACT_DEF.finditer(files.get("word/numbering.xml", ""))
    }
    notes = {
        m.group(1): m.group(0) for m in _NOTE_DEF.finditer(files.get("word/footnotes.xml", ""))
    }
    rels = {
        m.group(1): m.group(0)
        for m in _REL_DEF.finditer(files.get("word/_rels/document.xml.rels", ""))
    }
    styles = {m.group(1): m.group(0) for m in _STYLE_DEF.finditer(files.get("word/styles.xml", ""))}
    media = _read_media(data)
    return {
        key: _with_media(_part(body, nums, abstracts, notes, rels, styles), media)
        for key, body in zip(keys, bodies, strict=True)
    }


def _read_media(data: bytes) -> dict[str, str]:
    """Return the images of a DOCX (``media/...`` → base64 bytes)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {
            i.filename[len("word/") :]: base64.b64encode(z.read(i.filename)).decode("ascii")
            for i in z.infolist()
            if i.filename.startswith("word/media/")
        }


def _with_media(part: DocxPart, media: dict[str, str]) -> DocxPart:
    """Return ``part`` holding the images its relationships point at."""
    targets = [t for _, rel in part.rels for t in _REL_TARGET.findall(rel)]
    mine = tuple((t, media[t]) for t in dict.fromkeys(targets) if t in media)
    if not mine:
        return part
    return dataclasses.replace(part, media=mine)


def _part(
    body: str,
    nums: dict[str, str],
    abstracts: dict[str, str],
    notes: dict[str, str],
    rels: dict[str, str],
    styles: dict[str, str],
) -> DocxPart:
    my_notes = _pick(notes, _NOTE_REF.findall(body))
    text = body + "".join(x for _, x in my_notes)
    my_nums = _pick(nums, _NUM_REF.findall(body))
    my_abstracts = _pick(abstracts, (a for _, x in my_nums for a in _ABSTRACT_REF.findall(x)))
    return DocxPart(
        body,
        my_nums,
        my_abstracts,
        my_notes,
        _pick(rels, _REL_REF.findall(text)),
        _style_closure(styles, _STYLE_REF.findall(text)),
    )


def _pick(defs: dict[str, str], ids: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """Return the definitions of ``ids`` that exist, once each, in order of first use."""
    out: dict[str, str] = {}
    for i in ids:
        if i in defs and i not in out:
            out[i] = defs[i]
    return tuple(out.items())


def _style_closure(styles: dict[str, str], used: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """Return the styles used and those they are based on or linked to."""
    out: dict[str, str] = {}
    todo = list(used)
    while todo:
        sid = todo.pop(0)
        if sid in out or sid not in styles:
            continue
        out[sid] = styles[sid]
        todo += _STYLE_LINKS.findall(styles[sid])
    return tuple(out.items())


_ID_PATTERNS = (
    ("num", re.compile(r'(<w:numId w:val=")(\d+)(")')),
    ("note", re.compile(r'(<w:footnote(?:Reference)? w:id=")(\d+)(")')),
    ("rel", re.compile(r'(r:(?:id|embed|link)=")([^"]+)(")')),
    ("mark", _BOOKMARK_ID),
)
_NUM_DEF_ID = re.compile(r'(<w:num w:numId=")(\d+)(")')
_REL_ID = re.compile(r'(\bId=")([^"]+)(")')


class _Ids:
    """New ids handed out in order of appearance while parts are joined."""

    def __init__(self, first_num: int, first_note: int, first_mark: int) -> None:
        self.next = {"num": first_num, "note": first_note, "rel": 1, "mark": first_mark}

    def _new(self, kind: str, seen: dict[str, str], old: str) -> str:
        if old not in seen:
            n = self.next[kind]
            self.next[kind] = n + 1
            seen[old] = f"rIdPart{n}" if kind == "rel" else str(n)
        return seen[old]

    def _swap(self, kind: str, seen: dict[str, str], m: re.Match[str]) -> str:
        return m.group(1) + self._new(kind, seen, m.group(2)) + m.group(3)

    def renumber(self, part: DocxPart) -> tuple[str, list[str], list[str], list[str]]:
        """Return the part's body, footnotes, list instances and relationships with new ids."""
        seen: dict[str, dict[str, str]] = {k: {} for k in self.next}

        def sub(xml: str) -> str:
            for kind, pattern in _ID_PATTERNS:
                xml = pattern.sub(functools.partial(self._swap, kind, seen[kind]), xml)
            return xml

        body = sub(part.body)
        notes = [sub(x) for _, x in part.notes]
        nums = [
            _NUM_DEF_ID.sub(lambda m: m.group(1) + seen["num"][m.group(2)] + m.group(3), x)
            for old, x in part.nums
            if old in seen["num"]
        ]
        rels = [
            _REL_ID.sub(lambda m: m.group(1) + seen["rel"][m.group(2)] + m.group(3), x)
            for old, x in part.rels
            if old in seen["rel"]
        ]
        return body, notes, nums, rels


def _append(xml: str, root: str, content: str) -> str:
    """Return ``xml`` with ``content`` added at the end of its root element ``root``."""
    if not content:
        return xml
    close = f"</{root}>"
    if close in xml:
        at = xml.rindex(close)
        return xml[:at] + content + xml[at:]
    m = re.search(rf"<{re.escape(root)}\b([^>]*?)\s*/>", xml)
    if m is None:
        raise DocxSplitError(f"the frame has no {root} element")
    return xml[: m.start()] + f"<{root}{m.group(1)}>{content}{close}" + xml[m.end() :]


def _max_id(pattern: str, xml: str, floor: int) -> int:
    return max([floor, *(int(x) for x in re.findall(pattern, xml))])


def unlink_dead(body: str) -> str:
    """Return ``body`` with internal links to bookmarks it lacks replaced by their text."""
    names = set(_BOOKMARK_NAME.findall(body))

    def keep_or_unwrap(m: re.Match[str]) -> str:
        if m.group(1) in names:
            return m.group(0)
        return _LINK_STYLE.sub("", m.group(2)).replace("<w:rPr></w:rPr>", "")

    return _HYPERLINK.sub(keep_or_unwrap, body)


def assemble(frame: bytes, toc_xml: str, parts: Sequence[DocxPart]) -> bytes:
    """Return the frame DOCX with the table of contents and ``parts`` as its body."""
    with zipfile.ZipFile(io.BytesIO(frame)) as z:
        entries = [(i, z.read(i.filename)) for i in z.infolist()]
    files = {
        i.filename: data.decode("utf-8")
        for i, data in entries
        if i.filename.endswith((".xml", ".rels"))
    }
    document = files["word/document.xml"]
    numbering = files.get("word/numbering.xml", "")
    footnotes = files.get("word/footnotes.xml", "")
    ids = _Ids(
        _max_id(r'<w:num w:numId="(\d+)"', numbering, 999) + 1,
        _max_id(r'<w:footnote w:id="(\d+)"', footnotes, 0) + 1,
        _max_id(r'<w:bookmarkStart w:id="(\d+)"', document, 0) + 1,
    )
    bodies, notes, nums, rels = [toc_xml], list[str](), list[str](), list[str]()
    abstracts = {m.group(1) for m in _ABSTRACT_DEF.finditer(numbering)}
    new_abstracts: list[str] = []
    styles_have = {m.group(1) for m in _STYLE_DEF.finditer(files["word/styles.xml"])}
    new_styles: list[str] = []
    for part in parts:
        body, n, u, r = ids.renumber(part)
        bodies.append(body)
        notes += n
        nums += u
        rels += r
        for aid, xml in part.abstracts:
            if aid not in abstracts:
                abstracts.add(aid)
                new_abstracts.append(xml)
        for sid, xml in part.styles:
            if sid not in styles_have:
                styles_have.add(sid)
                new_styles.append(xml)
    _, end = _body_span(document)
    files["word/document.xml"] = document[:end] + unlink_dead("".join(bodies)) + document[end:]
    files["word/numbering.xml"] = _add_numbering(numbering, new_abstracts, nums)
    files["word/footnotes.xml"] = _append(footnotes, "w:footnotes", "".join(notes))
    for rel_file in ("word/_rels/document.xml.rels", "word/_rels/footnotes.xml.rels"):
        if rel_file in files:
            files[rel_file] = _append(files[rel_file], "Relationships", "".join(rels))
    files["word/styles.xml"] = _append(files["word/styles.xml"], "w:styles", "".join(new_styles))
    media = {f"word/{name}": data for part in parts for name, data in part.media}
    if media:
        files["[Content_Types].xml"] = _media_types(files["[Content_Types].xml"], media)
        stamp = entries[0][0].date_time
        for name in sorted(media):
            if name not in {i.filename for i, _ in entries}:
                entries.append(
                    (zipfile.ZipInfo(name, date_time=stamp), base64.b64decode(media[name]))
                )
    return _zip(entries, files)


_IMAGE_TYPES = {
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "svg": "image/svg+xml",
}


def _media_types(types: str, media: dict[str, str]) -> str:
    """Return ``[Content_Types].xml`` with a default type for each image extension used."""
    for ext in sorted({n.rsplit(".", 1)[-1].lower() for n in media}):
        if ext in _IMAGE_TYPES and f'Extension="{ext}"' not in types:
            default = f'<Default Extension="{ext}" ContentType="{_IMAGE_TYPES[ext]}" />'
            types = _append(types, "Types", default)
    return types


def _add_numbering(numbering: str, abstracts: Sequence[str], nums: Sequence[str]) -> str:
    """Return numbering.xml with abstract definitions before the first ``w:num`` (schema order)."""
    if not abstracts and not nums:
        return numbering
    first_num = numbering.find("<w:num ")
    if first_num >= 0:
        numbering = numbering[:first_num] + "".join(abstracts) + numbering[first_num:]
        return _append(numbering, "w:numbering", "".join(nums))
    return _append(numbering, "w:numbering", "".join(abstracts) + "".join(nums))


def _zip(entries: Sequence[tuple[zipfile.ZipInfo, bytes]], files: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in entries:
            entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            entry.external_attr = info.external_attr
            z.writestr(
                entry,
                files[info.filename].encode("utf-8") if info.filename in files else data,
                zipfile.ZIP_DEFLATED,
            )
    return out.getvalue()
