"""The renderer adapter: run MkDocs on a generated config. The only module that imports MkDocs.

It is a thin shell: load the config in strict mode, build, collect every warning MkDocs logs and
fail with all of them. Swapping the renderer (e.g. for Zensical, which reads the same config)
means replacing this file. Two economies live here too, as they touch MkDocs' internals: one
Jinja environment per build, and no rendering of theme pages the caller throws away.
"""

from __future__ import annotations

import copy
import io
import logging
import os
from collections.abc import Collection
from pathlib import Path
from typing import Any


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


def render(
    config_file: Path, values: dict[str, Any] | None = None, skip_templates: Collection[str] = ()
) -> None:
    """Build the site described by ``config_file`` with MkDocs, strictly.

    ``values``, when given, are the settings that ``config_file`` holds, handed to MkDocs as they
    are rather than read back from the file just written. ``skip_templates`` names theme pages
    (``404.html``, ``sitemap.xml``) not to render, for a caller that does not publish them.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    logger.addHandler(handler)
    propagate = logger.propagate
    logger.propagate = False  # MkDocs' messages come back to the caller, not to the console
    try:
        if values is None:
            config = load_config(config_file=str(config_file), strict=True)
        else:
            settings = {**copy.deepcopy(values), "strict": True}
            config = load_config(
                io.BytesIO(b"{}"), config_file_path=os.path.abspath(config_file), **settings
            )
        if skip_templates:
            config.plugins["curriculum-skip-templates"] = _skip_templates(skip_templates)
        _one_environment(config.theme)
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


def _one_environment(theme: Any) -> None:
    """Make the theme hand out one Jinja environment for the whole build.

    MkDocs builds the pages in one environment, but Material's search plugin asks for a new one
    each time it looks up a default (separator, pipeline), and each new one compiles the
    language templates again. Sharing the build's environment compiles them once. (The build's
    plugins are ours, search and offline: none changes the theme's folders once configured.)
    """
    new_env = theme.get_env
    made: list[Any] = []

    def shared_env() -> Any:
        if not made:
            made.append(new_env())
        return made[0]

    theme.get_env = shared_env


def _skip_templates(names: Collection[str]) -> Any:
    """Return a MkDocs plugin that leaves the theme templates ``names`` unrendered.

    It acts once the theme's files are listed (which leaves the templates out as sources) and
    before MkDocs renders them.
    """
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.plugins import BasePlugin
    from mkdocs.structure.files import Files

    class SkipTemplates(BasePlugin):  # type: ignore[type-arg, no-untyped-call]
        def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
            config.theme.static_templates.difference_update(names)
            return env

    return SkipTemplates()
