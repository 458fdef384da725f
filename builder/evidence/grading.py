"""Mark a response exported by an LMS against the question it answers.

LMS exports give a response as text (Moodle prints the chosen option's text, several joined
with ``; ``). The text is matched against the question in every language the quiz has, so a
French cohort's export marks the same as an English one. A choice that matches no option counts
as wrong, with no option recorded.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.model import Question, Quiz

TRUE_WORDS = {"true", "vrai", "verdadero", "verdadeiro", "1", "yes"}
FALSE_WORDS = {"false", "faux", "falso", "0", "no"}


@dataclass(frozen=True)
class Mark:
    """A marked response: right or not, and the options chosen (indices, for distractors)."""

    correct: bool
    choices: tuple[int, ...] = ()


def norm(text: str) -> str:
    """Return ``text`` folded for comparison: case and runs of spaces ignored."""
    return " ".join(text.split()).casefold()


def option_texts(quiz: Quiz, q: Question) -> list[set[str]]:
    """Return, per option of ``q``, its text in every language of the quiz (folded)."""
    out = [{norm(o.text)} for o in q.options or ()]
    for tr in quiz.translations.values():
        for qt in tr.questions:
            if qt.id == q.id and qt.options:
                for i, o in enumerate(qt.options[: len(out)]):
                    out[i].add(norm(o.text))
    return out


def mark(quiz: Quiz, q: Question, response: str) -> Mark:
    """Mark ``response`` (as an LMS prints it) against ``q``."""
    text = response.strip()
    if not text or text == "-":
        return Mark(False)
    if q.type in ("single", "multiple"):
        return _mark_choice(quiz, q, text)
    if q.type == "true-false":
        word = norm(text)
        given = True if word in TRUE_WORDS else False if word in FALSE_WORDS else None
        return Mark(given is not None and given == q.answer)
    if q.type == "short":
        return Mark(norm(text) in {norm(a) for a in q.answers or ()})
    if q.type == "numeric":
        return Mark(_numeric(q, text))
    return Mark(_sequence(q, text))


def _mark_choice(quiz: Quiz, q: Question, text: str) -> Mark:
    texts = option_texts(quiz, q)
    parts = [text] if q.type == "single" else [p for p in text.split(";") if p.strip()]
    chosen = []
    for part in parts:
        hit = next((i for i, t in enumerate(texts) if norm(part) in t), None)
        if hit is not None:
            chosen.append(hit)
    right = {i for i, o in enumerate(q.options or ()) if o.correct}
    ok = len(chosen) == len(parts) and set(chosen) == right
    return Mark(ok, tuple(sorted(set(chosen))))


def _numeric(q: Question, text: str) -> bool:
    try:
        value = float(text.replace(",", ".").split()[0])
    except (ValueError, IndexError):
        return False
    return q.value is not None and abs(value - q.value) <= q.tolerance


def _sequence(q: Question, text: str) -> bool:
    parts = [norm(p) for p in text.split(";") if p.strip()]
    if q.type == "order":
        return parts == [norm(i) for i in q.items or ()]
    pairs = {norm(f"{p.left} -> {p.right}") for p in q.pairs or ()}
    return set(parts) == pairs
