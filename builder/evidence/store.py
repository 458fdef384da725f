"""The results database: SQLite with a versioned schema, learners under pseudonymous ids.

Each import is one transaction: every file is read and checked first, then all are stored or
none is. A file already imported (same SHA-256) adds nothing, and a response already stored
(same attempt and question) is not stored twice, so importing is idempotent. Learner names are
kept only when asked for, in a table of their own.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from builder.errors import BuilderError
from builder.evidence.problems import EvidenceError, Problem
from builder.evidence.sources import Batch

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
  sha256 TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT NOT NULL,
  responses INTEGER NOT NULL, results INTEGER NOT NULL);
CREATE TABLE learners (id TEXT PRIMARY KEY, country TEXT NOT NULL);
CREATE TABLE names (learner TEXT PRIMARY KEY REFERENCES learners(id), name TEXT NOT NULL);
CREATE TABLE attempts (
  id TEXT PRIMARY KEY, country TEXT NOT NULL, learner TEXT NOT NULL REFERENCES learners(id),
  quiz TEXT NOT NULL, form TEXT NOT NULL);
CREATE TABLE responses (
  attempt TEXT NOT NULL REFERENCES attempts(id), question TEXT NOT NULL,
  correct INTEGER NOT NULL, choices TEXT NOT NULL,
  PRIMARY KEY (attempt, question)) WITHOUT ROWID;
CREATE TABLE module_results (
  country TEXT NOT NULL, learner TEXT NOT NULL REFERENCES learners(id), module TEXT NOT NULL,
  best REAL NOT NULL, passed INTEGER NOT NULL, PRIMARY KEY (country, learner, module));
CREATE INDEX attempts_quiz ON attempts (quiz, country);
"""


class StoreError(BuilderError):
    """The results database cannot be used (newer schema, not a database, ...)."""


@dataclass(frozen=True)
class ImportSummary:
    """What an import added."""

    files: int
    skipped_files: int
    responses: int
    results: int
    duplicates: int

    def __str__(self) -> str:
        return (
            f"imported {self.files} file(s) ({self.skipped_files} already imported): "
            f"{self.responses} new responses, {self.results} module results, "
            f"{self.duplicates} duplicate responses skipped"
        )


@contextmanager
def connect(path: Path, create: bool = True) -> Iterator[sqlite3.Connection]:
    """Open the database at ``path`` (created with the current schema when missing)."""
    if not path.exists() and not create:
        raise StoreError(f"no results database at {path}: import results first")
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        _ensure_schema(conn, path)
        yield conn
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: {exc}") from None
    finally:
        conn.close()


def _ensure_schema(conn: sqlite3.Connection, path: Path) -> None:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not tables:
        key = secrets.token_hex(32)
        conn.executescript(
            f"BEGIN;{SCHEMA}"
            f"INSERT INTO meta VALUES ('schema_version', '{SCHEMA_VERSION}');"
            f"INSERT INTO meta VALUES ('pseudonym_key', '{key}');COMMIT;"
        )
        return
    row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    version = int(row[0]) if row else 0
    if version != SCHEMA_VERSION:
        raise StoreError(
            f"{path}: results schema version {version}, this builder reads {SCHEMA_VERSION}"
        )


def pseudonym(key: bytes, country: str, identity: str) -> str:
    """Return the learner's pseudonymous id: a keyed hash of country and identity."""
    digest = hmac.new(key, f"{country}\x1f{identity}".encode(), hashlib.sha256).hexdigest()
    return "L" + digest[:12]


def store(
    conn: sqlite3.Connection, country: str, batches: Sequence[Batch], keep_names: bool
) -> ImportSummary:
    """Store every batch in one transaction (all or nothing)."""
    key = bytes.fromhex(
        conn.execute("SELECT value FROM meta WHERE key='pseudonym_key'").fetchone()[0]
    )
    counts = [0, 0, 0, 0, 0]
    conn.execute("BEGIN IMMEDIATE")
    try:
        for b in batches:
            if conn.execute("SELECT 1 FROM files WHERE sha256=?", (b.sha256,)).fetchone():
                counts[1] += 1
                continue
            added = _store_batch(conn, key, country, b, keep_names)
            counts[0] += 1
            counts[2] += added[0]
            counts[3] += added[1]
            counts[4] += b.duplicates
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return ImportSummary(*counts)


def _store_responses(conn: sqlite3.Connection, b: Batch) -> int:
    """Store a batch's responses; refuse ones that contradict a stored answer of the attempt."""
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS incoming (attempt TEXT, question TEXT, correct INTEGER, "
        "choices TEXT, PRIMARY KEY (attempt, question)) WITHOUT ROWID"
    )
    conn.execute("DELETE FROM incoming")
    conn.executemany(
        "INSERT INTO incoming VALUES (?, ?, ?, ?)",
        (
            (r.attempt, r.question, int(r.correct), ",".join(map(str, r.choices)))
            for r in b.responses
        ),
    )
    clash = conn.execute(
        "SELECT a.quiz, i.question, count(*) OVER () FROM incoming i "
        "JOIN responses r USING (attempt, question) JOIN attempts a ON a.id = i.attempt "
        "WHERE r.correct != i.correct OR r.choices != i.choices ORDER BY 1, 2 LIMIT 1"
    ).fetchone()
    if clash:
        quiz, question, n = clash
        msg = (
            f"{n} responses differ from those already stored for the same attempts (first: "
            f"question '{question}' of quiz '{quiz}'): was the export changed after an import?"
        )
        raise EvidenceError([Problem(b.name, msg, "results.conflict")])
    before = conn.total_changes
    conn.execute("INSERT OR IGNORE INTO responses SELECT * FROM incoming")
    return conn.total_changes - before


def _store_batch(
    conn: sqlite3.Connection, key: bytes, country: str, b: Batch, keep_names: bool
) -> tuple[int, int]:
    ids: dict[str, str] = {}

    def pid(identity: str) -> str:
        if identity not in ids:
            ids[identity] = pseudonym(key, country, identity)
        return ids[identity]

    learners = {r.learner for r in b.responses} | {r.learner for r in b.results}
    conn.executemany(
        "INSERT OR IGNORE INTO learners VALUES (?, ?)",
        [(pid(x), country) for x in sorted(learners)],
    )
    if keep_names:
        conn.executemany(
            "INSERT OR REPLACE INTO names VALUES (?, ?)",
            [(pid(x), n) for x, n in sorted(b.names.items()) if x in learners and n],
        )
    attempts = {(r.attempt, pid(r.learner), r.quiz, r.form) for r in b.responses}
    conn.executemany(
        "INSERT OR IGNORE INTO attempts VALUES (?, ?, ?, ?, ?)",
        [(a, country, lid, quiz, form) for a, lid, quiz, form in sorted(attempts)],
    )
    responses = _store_responses(conn, b)
    conn.executemany(
        "INSERT INTO module_results VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
        "best = max(best, excluded.best), passed = max(passed, excluded.passed)",
        [(country, pid(r.learner), r.module, r.best, int(r.passed)) for r in b.results],
    )
    conn.execute(
        "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?)",
        (b.sha256, b.name, b.kind, country, len(b.responses), len(b.results)),
    )
    return responses, len(b.results)
