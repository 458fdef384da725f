"""The errors a pack build raises, under one base."""

from __future__ import annotations

from builder.errors import BuilderError


class PackError(BuilderError):
    """Base of every pack-build error."""


class UnsafePathError(PackError):
    """A country code, version or file name that could write outside the pack folder."""


class ConversionError(PackError):
    """pandoc or Typst failed on generated input."""


class PackBuildError(PackError):
    """One or more packs could not be built (the previous packs are left in place)."""
