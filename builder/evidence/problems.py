"""Problems found in an input file, reported all at once as ``where: message [code]``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from builder.errors import BuilderError


@dataclass(frozen=True)
class Problem:
    """One problem at one place of one file (``where`` is e.g. ``a.xlsx:Assessment!C12``)."""

    where: str
    message: str
    code: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message} [{self.code}]"


class EvidenceError(BuilderError):
    """An input file has problems; nothing was changed. ``problems`` lists every one."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def message(self) -> str:
        """Return every problem, one a line, and the count."""
        n = len(self.problems)
        return "\n".join([*map(str, self.problems), f"{n} problem{'s' if n != 1 else ''}"])
