"""The cmi5 package: ``cmi5.xml`` at the zip's root, one AU per module and per exam.

AU ids are IRIs scoped by programme, country and language, so the same module imported from two
packs is two activities. ``moveOn`` is ``CompletedAndPassed`` for a unit with a quiz (with its
pass mark as ``masteryScore``) and ``Completed`` for one without. cmi5 has no prerequisites
between AUs: the course order is the order of the AUs.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from builder.packs.formats.lms_sco import Unit, runtime_js
from builder.packs.zipout import zip_bytes

NS = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"


def _lang(lang: str, text: str) -> str:
    return f"<langstring lang={quoteattr(lang)}>{escape(text)}</langstring>"


def course_structure(
    course_id: str, title: str, description: str, lang: str, units: tuple[Unit, ...]
) -> str:
    """Return ``cmi5.xml``; AU ids are ``course_id`` + ``/au/`` + the unit's identifier."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<courseStructure xmlns="{NS}">',
        f"  <course id={quoteattr(course_id)}>",
        f"    <title>{_lang(lang, title)}</title>",
        f"    <description>{_lang(lang, description)}</description>",
        "  </course>",
    ]
    for u in units:
        move_on = "CompletedAndPassed" if u.pass_mark is not None else "Completed"
        mastery = f' masteryScore="{u.pass_mark / 100:.2f}"' if u.pass_mark is not None else ""
        out += [
            f'  <au id={quoteattr(course_id + "/au/" + u.ident)} moveOn="{move_on}"{mastery}'
            ' launchMethod="AnyWindow">',
            f"    <title>{_lang(lang, u.title)}</title>",
            f"    <description>{_lang(lang, u.title)}</description>",
            f"    <url>{escape(u.href)}</url>",
            "  </au>",
        ]
    out.append("</courseStructure>")
    return "\n".join(out) + "\n"


def cmi5_zip(structure: str, pages: list[tuple[str, bytes]], epoch: int) -> bytes:
    """Return the cmi5 package: ``cmi5.xml`` first, then the runtime switch and the pages."""
    entries = [("cmi5.xml", structure.encode("utf-8")), ("assets/runtime.js", runtime_js("cmi5"))]
    return zip_bytes([*entries, *pages], epoch)
