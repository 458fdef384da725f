"""The Jinja environment of the packs (autoescaping on: author text is never trusted)."""

from __future__ import annotations

import functools

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from builder.packs.cache import TEMPLATES


@functools.cache
def env() -> Environment:
    """Return the shared, autoescaping Jinja environment of ``templates/packs``."""
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
    )


def render(name: str, **values: object) -> str:
    """Render template ``name`` with ``values``."""
    return env().get_template(name).render(**values)
