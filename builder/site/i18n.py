"""Interface strings of the site (the ``site`` section of ``builder/i18n/strings/<lang>.yml``).

Keys used by the quiz script are listed in :data:`SCRIPT_KEYS`; their values reach the browser in
each quiz's JSON, so the script holds no text of its own. Names of languages come from CLDR.
"""

from __future__ import annotations

from builder.i18n import locale, strings

SCRIPT_KEYS: tuple[str, ...] = (
    "true",
    "false",
    "check",
    "retry",
    "correct",
    "incorrect",
    "not_answered",
    "your_answer",
    "correct_answer",
    "accepted",
    "explanation",
    "question",
    "points",
    "point",
    "score",
    "passed",
    "failed",
    "move_up",
    "move_down",
    "moved",
    "choose",
    "match.for",
    "order.lead",
    "match.lead",
    "multiple.lead",
    "position",
    "unit",
    "storage.off",
    "retry.announce",
    "partial",
    "expected",
    "tf.answer",
    "unanswered.warn",
    "check.anyway",
    "state.done",
    "state.todo",
    "module.passed",
    "module.tried",
    "progress.summary",
    "progress.track",
    "progress.imported",
    "progress.badfile",
    "progress.cleared",
    "progress.confirm",
    "progress.exported",
    "progress.noquiz",
)

#: The strings of the phone, progress and certificate features (issue 19) the browser scripts use.
GUIDE_SCRIPT_KEYS: tuple[str, ...] = (
    "table.region",
    "nav.done",
    "continue.start",
    "continue.next",
    "continue.done",
    "continue.overall",
    "cert.need_name",
    "cert.missing",
    "cert.made",
    "cert.title",
    "cert.certifies",
    "cert.passed",
    "cert.module",
    "cert.best",
    "cert.score",
    "cert.date",
    "cert.code",
    "cert.attests",
    "cert.print",
)


def t(lang: str, key: str, /, **values: object) -> str:
    """Return the interface string ``key`` in ``lang`` (English if missing), formatted."""
    return strings.text(lang, "site", key, **values)


def language_name(lang: str, in_lang: str) -> str:
    """Return the name of ``lang`` written in ``in_lang`` (``fr`` in English is ``French``)."""
    return locale.language_name(lang, in_lang)


def native_name(lang: str) -> str:
    """Return a language's own name (``Français``)."""
    return locale.native_name(lang)


def script_strings(lang: str) -> dict[str, str]:
    """Return the strings the quiz script needs, in ``lang``."""
    return {k: t(lang, k) for k in (*SCRIPT_KEYS, *GUIDE_SCRIPT_KEYS)}
