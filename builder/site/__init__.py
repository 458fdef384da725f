"""The trainee site: pages generated from the curriculum, rendered by MkDocs Material.

Everything here except ``render.py`` (the MkDocs adapter), ``mdext.py`` (a Python-Markdown
extension) and ``serve.py`` is plain Python over the curriculum model: it decides which pages
exist, what they say and how they link, and writes a docs tree plus a generated MkDocs config.
"""
