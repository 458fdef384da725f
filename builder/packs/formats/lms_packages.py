"""The e-learning packages of a pack: SCORM 1.2, SCORM 2004 4th edition and cmi5, built from the
same pages (:mod:`lms_sco`), with identifiers scoped by programme, country and language so that
two countries or languages import side by side."""

from __future__ import annotations

from builder.packs.cache import Cache
from builder.packs.content.content import PackContent
from builder.packs.formats.lms_cmi5 import cmi5_zip, course_structure
from builder.packs.formats.lms_imscc import cartridge
from builder.packs.formats.lms_sco import sco_pages, units
from builder.packs.formats.lms_scorm import manifest12, manifest2004, scorm_zip
from builder.safety import slug

PACKAGES = (
    "instructor/lms/scorm12.zip",
    "instructor/lms/scorm2004.zip",
    "instructor/lms/cmi5.zip",
    "instructor/lms/course.imscc",
)


def scope(content: PackContent) -> str:
    """Return the IRI prefix of the pack's activities and objectives (ends with ``:``)."""
    prog = content.programme
    return f"urn:{slug(prog.short_title or prog.title)}:{content.code.lower()}:{content.lang}:"


def package_title(content: PackContent) -> str:
    """Return the course title the LMS shows: programme, country, language."""
    prog = content.programme
    return f"{prog.short_title or prog.title} — {content.plan.name} ({content.lang})"


def lms_packages(
    content: PackContent, cache: Cache, titles: dict[str, str] | None = None
) -> tuple[dict[str, bytes], list[str]]:
    """Return the packages (path inside the pack → zip bytes) and their warnings; ``titles``
    are the quiz titles of the question banks."""
    pages = list(sco_pages(content, cache))
    assets = sorted(name for name, _ in pages if name.startswith("assets/"))
    assets = sorted([*assets, "assets/runtime.js"])
    all_units = units(content)
    title, iri = package_title(content), scope(content)
    ident = f"{slug(content.programme.short_title or content.programme.title)}-{content.code}"
    ident = f"{ident}-{content.lang}"
    m12 = manifest12(f"{ident}-scorm12", title, all_units, assets)
    m2004 = manifest2004(f"{ident}-scorm2004", title, all_units, assets, iri)
    course_id = f"{iri}course"
    structure = course_structure(
        course_id, title, content.programme.description or title, content.lang, all_units
    )
    imscc, warnings = cartridge(content, cache, ident, title, titles or {})
    files = {
        PACKAGES[0]: scorm_zip(m12, "scorm12", pages, content.epoch),
        PACKAGES[1]: scorm_zip(m2004, "scorm2004", pages, content.epoch),
        PACKAGES[2]: cmi5_zip(structure, pages, content.epoch),
        PACKAGES[3]: imscc,
    }
    return files, warnings
