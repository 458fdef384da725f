"""The one base of every error the builder reports to a person, and its exit status.

Library code raises these; only the CLI (:mod:`builder.cli`) turns them into a message on stderr
and an exit status (``exit_code``), so no stage needs to know about click or ``sys.exit``.
"""

from __future__ import annotations


class BuilderError(Exception):
    """Something the user must fix or know about; never a bug (those stay tracebacks)."""

    #: The process exit status the CLI uses for this error.
    exit_code = 1

    @property
    def message(self) -> str:
        """Return the message shown to the user."""
        return str(self.args[0]) if self.args else type(self).__name__


class UsageError(BuilderError):
    """The command was asked for something that cannot be done (exit status 2)."""

    exit_code = 2
