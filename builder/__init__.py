"""Curriculum builder for the WCO SAFE Framework of Standards training programme."""

from __future__ import annotations

__version__ = "0.1.0"
