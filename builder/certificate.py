"""Certificates of completion made by the trainee site, checked against a progress file.

The site (``site/js/curriculum-site.js``) makes a certificate when a trainee has passed every
practice quiz of a track: the trainee's name, the track, the best score of each module, the date
and a verification code, the first 12 hex digits of the SHA-256 of :func:`certificate_text`. It
keeps the certificate in the trainee's progress (an optional ``certificates`` list; the format
and its version are unchanged). ``curriculum verify FILE`` recomputes each code and checks that
the progress in the same file supports it.

What this attests, and what not: the site runs in the trainee's browser, unsupervised, so a
self-issued certificate attests practice (the practice quizzes were passed), never an
invigilated exam; the code shows that the certificate and the exported progress file agree and
were not edited apart, not who answered the questions.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FORMAT = "safe-curriculum-progress"
#: Progress file versions this reader accepts (keys it does not know are ignored).
VERSIONS = frozenset({1})
TEXT_VERSION = "safe-curriculum-certificate/1"


class ProgressFileError(ValueError):
    """The file is not a progress file this reader can use; the message says why."""


@dataclass(frozen=True)
class Certificate:
    """A certificate as the site recorded it."""

    track: str
    name: str
    date: str
    modules: dict[str, int]
    code: str


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking one certificate: valid, or the problems found."""

    certificate: Certificate
    problems: tuple[str, ...]

    @property
    def valid(self) -> bool:
        """Return whether the certificate checks out."""
        return not self.problems


def certificate_text(programme: str, cert: Certificate) -> str:
    """Return the text whose hash is the certificate's code (the site builds the same)."""
    lines = [TEXT_VERSION, f"programme={programme}", f"track={cert.track}"]
    lines += [f"name={unicodedata.normalize('NFC', cert.name)}", f"date={cert.date}"]
    lines += [f"{mid}={cert.modules[mid]}" for mid in sorted(cert.modules)]
    return "\n".join(lines) + "\n"


def certificate_code(programme: str, cert: Certificate) -> str:
    """Return the verification code of a certificate (``XXXX-XXXX-XXXX``)."""
    digest = hashlib.sha256(certificate_text(programme, cert).encode("utf-8")).hexdigest()
    hexa = digest[:12].upper()
    return f"{hexa[:4]}-{hexa[4:8]}-{hexa[8:]}"


def read_progress(path: Path) -> dict[str, Any]:
    """Return the progress file's data, or raise ProgressFileError saying what is wrong."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ProgressFileError(f"{path}: cannot read the file ({exc.strerror})") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProgressFileError(f"{path}: not a JSON file ({exc})") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProgressFileError(f"{path}: not a progress file of the trainee site")
    if data.get("version") not in VERSIONS:
        raise ProgressFileError(
            f"{path}: progress file version {data.get('version')!r} is not one this "
            f"curriculum reads ({', '.join(str(v) for v in sorted(VERSIONS))})"
        )
    if not isinstance(data.get("modules"), dict):
        raise ProgressFileError(f"{path}: the progress file has no 'modules'")
    return data


def certificates(data: dict[str, Any]) -> list[Certificate]:
    """Return the certificates recorded in a progress file (malformed entries are skipped)."""
    out = []
    for item in data.get("certificates") or []:
        if not isinstance(item, dict) or not isinstance(item.get("modules"), dict):
            continue
        modules = {str(k): v for k, v in item["modules"].items() if isinstance(v, int)}
        fields = [item.get(k) for k in ("track", "name", "date", "code")]
        if all(isinstance(f, str) for f in fields):
            track, name, date, code = (str(f) for f in fields)
            out.append(Certificate(track, name, date, modules, code))
    return out


def check_certificate(
    data: dict[str, Any], cert: Certificate, track_modules: tuple[str, ...] | None = None
) -> Verdict:
    """Check a certificate: its code, the progress behind it and (when known) its track."""
    problems = []
    expected = certificate_code(str(data.get("programme", "")), cert)
    if cert.code != expected:
        problems.append(f"the code does not match the certificate's content (expected {expected})")
    progress = data["modules"]
    for mid, best in sorted(cert.modules.items()):
        entry = progress.get(mid)
        if not isinstance(entry, dict) or entry.get("passed") is not True:
            problems.append(f"module {mid}: not passed in this progress file")
        elif not isinstance(entry.get("best"), int) or entry["best"] < best:
            problems.append(f"module {mid}: the certificate says {best} %, the progress less")
    missing = sorted(set(track_modules or ()) - set(cert.modules))
    if missing:
        problems.append(f"track {cert.track}: practice quizzes not covered: {', '.join(missing)}")
    return Verdict(cert, tuple(problems))


def describe(verdict: Verdict) -> str:
    """Return the report lines of one certificate."""
    c = verdict.certificate
    state = "valid" if verdict.valid else "NOT valid"
    head = f"certificate {c.code}: {state} — {c.name}, track {c.track}, {c.date}, "
    head += f"{len(c.modules)} modules (" + ", ".join(
        f"{m} {s} %" for m, s in sorted(c.modules.items())
    )
    lines = [head + ")"]
    lines += [f"  problem: {p}" for p in verdict.problems]
    return "\n".join(lines)


ATTESTS = (
    "A site certificate is self-issued: it attests that the trainee passed the practice quizzes "
    "in their own browser, unsupervised; it is not the result of an invigilated exam."
)
