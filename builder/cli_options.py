"""Options shared by the ``curriculum`` commands (``builder.cli``, ``builder.cli_evidence``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])
ROOT_HELP = "Curriculum root (the folder holding curriculum/, modules/, quizzes/)."


def root_option() -> Callable[[F], F]:
    """Return the ``--root``/``-C`` option: the curriculum root, the current folder by default."""
    return click.option(
        "--root",
        "-C",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path("."),
        show_default=True,
        help=ROOT_HELP,
    )
