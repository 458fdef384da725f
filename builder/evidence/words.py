"""Interface words of the assessment workbook, in the programme's languages (English fallback)."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "SAFE maturity assessment",
        "country": "Country",
        "administration": "Administration",
        "assessor": "Assessor",
        "date": "Date (YYYY-MM-DD)",
        "kind": "Kind (initial or monitoring)",
        "notes": "General notes",
        "standard": "Standard",
        "standard_title": "Title",
        "level": "Maturity level",
        "evidence": "Evidence",
        "row_notes": "Notes",
        "scale": "Scale",
        "scale_name": "Name",
        "scale_description": "Description",
        "prompt": "Choose the level that the evidence supports.",
    },
    "fr": {
        "title": "Évaluation de la maturité SAFE",
        "country": "Pays",
        "administration": "Administration",
        "assessor": "Évaluateur",
        "date": "Date (AAAA-MM-JJ)",
        "kind": "Type (initial ou monitoring)",
        "notes": "Remarques générales",
        "standard": "Norme",
        "standard_title": "Intitulé",
        "level": "Niveau de maturité",
        "evidence": "Éléments de preuve",
        "row_notes": "Remarques",
        "scale": "Échelle",
        "scale_name": "Nom",
        "scale_description": "Description",
        "prompt": "Choisissez le niveau qu'étayent les éléments de preuve.",
    },
    "es": {
        "title": "Evaluación de la madurez SAFE",
        "country": "País",
        "administration": "Administración",
        "assessor": "Evaluador",
        "date": "Fecha (AAAA-MM-DD)",
        "kind": "Tipo (initial o monitoring)",
        "notes": "Observaciones generales",
        "standard": "Norma",
        "standard_title": "Título",
        "level": "Nivel de madurez",
        "evidence": "Evidencias",
        "row_notes": "Observaciones",
        "scale": "Escala",
        "scale_name": "Nombre",
        "scale_description": "Descripción",
        "prompt": "Elija el nivel que respaldan las evidencias.",
    },
}


def words(lang: str) -> dict[str, str]:
    """Return the workbook's words in ``lang`` (English where a language has none)."""
    return {**WORDS["en"], **WORDS.get(lang, {})}
