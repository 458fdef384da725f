"""Names, identifiers and tags shared by every LMS export, so that the same question has the same
name in Moodle XML, GIFT and QTI, and two packs (countries, languages) never share an id."""

from __future__ import annotations

from builder.packs.content.content import LocalQuestion, LocalQuiz

NAME_PROMPT = 60
"""How many characters of the prompt a question name keeps (cut at a word, with an ellipsis)."""


def lms_scope(code: str, lang: str) -> str:
    """Return the scope of a pack's identifiers: country and language (``SN-fr``)."""
    return f"{code}-{lang}"


def question_name(q: LocalQuestion) -> str:
    """Return a readable question name: the question id in capitals and the prompt's start
    (``SCB-01 · Which document...``)."""
    prompt = " ".join(q.prompt.split())
    if len(prompt) > NAME_PROMPT:
        cut = prompt[:NAME_PROMPT].rsplit(" ", 1)[0] or prompt[:NAME_PROMPT]
        prompt = cut.rstrip(" ,;:.") + "…"
    return f"{q.id.upper()} · {prompt}"


def question_tags(quiz: LocalQuiz, q: LocalQuestion) -> list[str]:
    """Return a question's tags: track, module, objective, and practice or exam."""
    tags = [f"track:{quiz.track}"] if quiz.track else []
    tags.append(f"module:{quiz.module}")
    objective = q.objective[1] if isinstance(q.objective, tuple) else q.objective
    if objective:
        tags.append(f"objective:{objective}")
    tags.append("exam" if quiz.is_exam else "practice")
    return tags
