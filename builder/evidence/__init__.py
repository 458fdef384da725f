"""Evidence that comes back from the field: assessments, training results, M&E reports.

- ``workbook.py``: the assessment questionnaire (XLSX) written for a country and read back;
  ``countryfile.py`` appends a checked assessment to ``curriculum/countries/CC.yml``.
- ``sources.py`` reads training results (Moodle CSV, the site's progress export, xAPI), and
  ``store.py`` keeps them in a versioned SQLite database under pseudonymous learner ids.
- ``items.py`` computes item statistics; ``report.py`` and ``monitoring.py`` turn results and
  assessments into reports (JSON, HTML, PDF through ``builder.typeset``).
- ``instruments.py`` writes the evaluation instruments of a pack's ``instructor/evaluation/``.

Nothing here is published unless aggregated over at least :data:`MIN_GROUP` learners.
"""

from __future__ import annotations

#: The smallest group of learners any published figure may describe.
MIN_GROUP = 5
