"""SCORM 1.2 and SCORM 2004 (4th edition) packages: one SCO per module and per exam.

Both manifests list the units in plan order. SCORM 1.2 states the pass mark as
``adlcp:masteryscore`` and prerequisites as ``adlcp:prerequisites`` (an AICC script: every
prerequisite item must be passed or completed). SCORM 2004 states the pass mark as the primary
objective's ``minNormalizedMeasure`` and writes it to a global objective scoped by programme,
country and language; a unit with prerequisites reads theirs and is disabled until every one is
satisfied (a precondition rule on "not satisfied or not known").
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from builder.packs.formats.lms_sco import Unit, runtime_js
from builder.packs.zipout import zip_bytes

NS12 = (
    'xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"\n'
    '          xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"\n'
    '          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n'
    '          xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 '
    "imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
    'http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd"'
)
NS2004 = (
    'xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"\n'
    '          xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"\n'
    '          xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"\n'
    '          xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"\n'
    '          xmlns:imsss="http://www.imsglobal.org/xsd/imsss"\n'
    '          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n'
    '          xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd '
    "http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd "
    "http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd "
    "http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd "
    'http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd"'
)


def _resources(units: Iterable[Unit], assets: list[str], type_attr: str) -> list[str]:
    """Return the ``<resources>`` lines: one SCO per unit, one asset resource for the rest."""
    out = ["  <resources>"]
    for u in units:
        out += [
            f'    <resource identifier="R-{u.ident}" type="webcontent" {type_attr}="sco" '
            f"href={quoteattr(u.href)}>",
            f"      <file href={quoteattr(u.href)}/>",
            '      <dependency identifierref="R-common"/>',
            "    </resource>",
        ]
    out.append(f'    <resource identifier="R-common" type="webcontent" {type_attr}="asset">')
    out += [f"      <file href={quoteattr(name)}/>" for name in assets]
    out += ["    </resource>", "  </resources>"]
    return out


def manifest12(ident: str, title: str, units: tuple[Unit, ...], assets: list[str]) -> str:
    """Return the SCORM 1.2 ``imsmanifest.xml``."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<manifest identifier="{ident}" version="1.0"\n          {NS12}>',
        "  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>1.2</schemaversion>",
        "  </metadata>",
        '  <organizations default="ORG">\n    <organization identifier="ORG">',
        f"      <title>{escape(title)}</title>",
    ]
    for u in units:
        out += [
            f'      <item identifier="I-{u.ident}" identifierref="R-{u.ident}" isvisible="true">',
            f"        <title>{escape(u.title)}</title>",
        ]
        if u.requires:
            script = "&amp;".join(f"I-{r}" for r in u.requires)
            out.append(
                f'        <adlcp:prerequisites type="aicc_script">{script}</adlcp:prerequisites>'
            )
        if u.pass_mark is not None:
            out.append(f"        <adlcp:masteryscore>{u.pass_mark}</adlcp:masteryscore>")
        out.append("      </item>")
    out += ["    </organization>", "  </organizations>"]
    out += _resources(units, assets, "adlcp:scormtype")
    out.append("</manifest>")
    return "\n".join(out) + "\n"


def _rules(u: Unit) -> list[str]:
    if not u.requires:
        return []
    conds = []
    for r in u.requires:
        for cond in ("satisfied", "objectiveStatusKnown"):
            conds.append(
                f'                <imsss:ruleCondition referencedObjective="P-{r}" '
                f'operator="not" condition="{cond}"/>'
            )
    return [
        "          <imsss:sequencingRules>",
        "            <imsss:preConditionRule>",
        '              <imsss:ruleConditions conditionCombination="any">',
        *conds,
        "              </imsss:ruleConditions>",
        '              <imsss:ruleAction action="disabled"/>',
        "            </imsss:preConditionRule>",
        "          </imsss:sequencingRules>",
    ]


def _sequencing(u: Unit, scope: str) -> list[str]:
    """Return an item's ``imsss:sequencing``: its primary objective (mastery, written to the
    global objective) and the rule that disables it until its prerequisites are satisfied."""
    measure = u.pass_mark is not None
    primary = f'            <imsss:primaryObjective objectiveID="O-{u.ident}"'
    primary += ' satisfiedByMeasure="true">' if measure else ">"
    out = ["        <imsss:sequencing>", *_rules(u), "          <imsss:objectives>", primary]
    if measure:
        out.append(
            f"              <imsss:minNormalizedMeasure>{(u.pass_mark or 0) / 100:.2f}"
            "</imsss:minNormalizedMeasure>"
        )
    out += [
        f'              <imsss:mapInfo targetObjectiveID="{scope}{u.ident}" '
        'readSatisfiedStatus="false" writeSatisfiedStatus="true"/>',
        "            </imsss:primaryObjective>",
    ]
    for r in u.requires:
        out += [
            f'            <imsss:objective objectiveID="P-{r}">',
            f'              <imsss:mapInfo targetObjectiveID="{scope}{r}" '
            'readSatisfiedStatus="true"/>',
            "            </imsss:objective>",
        ]
    out += [
        "          </imsss:objectives>",
        '          <imsss:deliveryControls completionSetByContent="true" '
        'objectiveSetByContent="true"/>',
        "        </imsss:sequencing>",
    ]
    return out


def manifest2004(
    ident: str, title: str, units: tuple[Unit, ...], assets: list[str], scope: str
) -> str:
    """Return the SCORM 2004 4th edition ``imsmanifest.xml``; ``scope`` prefixes the global
    objective ids (an IRI ending in ``:``)."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<manifest identifier="{ident}" version="1"\n          {NS2004}>',
        "  <metadata>\n    <schema>ADL SCORM</schema>",
        "    <schemaversion>2004 4th Edition</schemaversion>\n  </metadata>",
        '  <organizations default="ORG">\n    <organization identifier="ORG">',
        f"      <title>{escape(title)}</title>",
    ]
    for u in units:
        out += [
            f'      <item identifier="I-{u.ident}" identifierref="R-{u.ident}">',
            f"        <title>{escape(u.title)}</title>",
            *_sequencing(u, scope),
            "      </item>",
        ]
    out += [
        "      <imsss:sequencing>",
        '        <imsss:controlMode choice="true" flow="true"/>',
        "      </imsss:sequencing>",
        "    </organization>",
        "  </organizations>",
    ]
    out += _resources(units, assets, "adlcp:scormType")
    out.append("</manifest>")
    return "\n".join(out) + "\n"


def scorm_zip(manifest: str, runtime: str, pages: list[tuple[str, bytes]], epoch: int) -> bytes:
    """Return a SCORM package: the manifest first, then the runtime switch and the pages."""
    entries = [
        ("imsmanifest.xml", manifest.encode("utf-8")),
        ("assets/runtime.js", runtime_js(runtime)),
    ]
    return zip_bytes([*entries, *pages], epoch)
