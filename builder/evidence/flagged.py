"""Items flagged by the results, for ``curriculum check --items``: at the question's line.

An item is listed when the analysis of every cohort together flags it; the cohorts (countries)
whose own analysis flags it too are named, so authors see whether a problem is general.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from builder.evidence.analysis import flagged_items, load_cohort, load_cohorts, results_report
from builder.evidence.render import FLAG_WORDS
from builder.model import Curriculum


@dataclass(frozen=True)
class FlaggedItem:
    """A flagged question and where it is written."""

    path: str
    line: int
    quiz: str
    question: str
    flags: tuple[str, ...]
    cohorts: tuple[str, ...]

    def __str__(self) -> str:
        words = ", ".join(FLAG_WORDS[f] for f in self.flags)
        where = f" (flagged in cohorts: {', '.join(self.cohorts)})" if self.cohorts else ""
        return (
            f"{self.path}:{self.line}:1: warning: question '{self.question}' of quiz "
            f"'{self.quiz}' is flagged by the results: {words}{where} [item.flagged]"
        )


def question_line(text: str, qid: str) -> int:
    """Return the 1-based line of ``id: qid`` in a quiz file (1 when it cannot be found)."""
    pattern = re.compile(rf"^\s*(?:-\s*)?id:\s*['\"]?{re.escape(qid)}['\"]?\s*(?:#.*)?$")
    for n, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return n
    return 1


def flagged(cur: Curriculum, conn: sqlite3.Connection) -> list[FlaggedItem]:
    """Return every item flagged across cohorts, in quiz and question order."""
    pooled = flagged_items(results_report(cur, load_cohort(conn, None), "all"))
    countries = [r[0] for r in conn.execute("SELECT DISTINCT country FROM attempts ORDER BY 1")]
    per: dict[tuple[str, str], list[str]] = {}
    for code, cohort in load_cohorts(conn, countries).items():
        for _path, quiz, qid, _flags in flagged_items(results_report(cur, cohort, code)):
            per.setdefault((quiz, qid), []).append(code)
    out = []
    texts: dict[str, str] = {}
    for path, quiz, qid, flags in pooled:
        if path not in texts:
            texts[path] = (Path(cur.root) / path).read_text(encoding="utf-8")
        line = question_line(texts[path], qid)
        out.append(FlaggedItem(path, line, quiz, qid, flags, tuple(per.get((quiz, qid), ()))))
    return out
