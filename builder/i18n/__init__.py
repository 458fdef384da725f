"""Languages, shared by the site and the packs: interface strings and locale data.

``strings`` reads the interface strings (``strings/<lang>.yml``, English as the fallback for a
missing key); ``locale`` gives the names of languages and countries, dates, weekdays and numbers
from CLDR (Babel), the writing direction and script of a language, and French typography.
"""
