"""The renderer adapter: run MkDocs on a generated config. The only module that imports MkDocs.

It is a thin shell: load the config in strict mode, build, collect every warning MkDocs logs and
fail with all of them. Swapping the renderer (e.g. for Zensical, which reads the same config)
means replacing this file.
"""

from __future__ import annotations

import logging
from pathlib import Path


class RenderError(RuntimeError):
    """MkDocs failed, or warned in strict mode; ``messages`` holds what it said."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("the site renderer failed:\n" + "\n".join(messages))
        self.messages = messages


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname.lower()}: {record.getMessage()}")


def render(config_file: Path) -> None:
    """Build the site described by ``config_file`` with MkDocs, strictly."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    logger.addHandler(handler)
    propagate = logger.propagate
    logger.propagate = False  # MkDocs' messages come back to the caller, not to the console
    try:
        config = load_config(config_file=str(config_file), strict=True)
        build(config)
    except MkDocsException as exc:
        raise RenderError([*handler.messages, f"error: {exc}"]) from exc
    except SystemExit as exc:  # MkDocs aborts a strict build by exiting
        raise RenderError([*handler.messages, f"error: {exc}"]) from exc
    except Exception as exc:  # a plugin or extension crashed: report it like any other failure
        raise RenderError([*handler.messages, f"error: {type(exc).__name__}: {exc}"]) from exc
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
    if handler.messages:
        raise RenderError(handler.messages)
