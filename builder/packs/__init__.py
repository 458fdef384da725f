"""Per-country course packs: handbook, instructor guide, LMS quiz exports, schedule, mini-site.

The stages mirror the rest of the builder: ``content`` resolves what a pack holds (plan order,
languages, fallbacks), ``render_md`` writes the pandoc Markdown of every piece, ``convert`` runs
pandoc once per batch with a content-hash cache, the ``out_*`` modules assemble each format, and
``build`` writes the pack atomically.
"""

from __future__ import annotations
