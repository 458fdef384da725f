"""The assessment engine: seeded shuffles, exam forms drawn from blueprints, marking rules.

Every output that orders options, pairs or items, or draws an exam form, takes its randomness
from :func:`builder.assess.shuffle.seed`, so a printed key always matches its printed paper and
two builds of the same sources are byte-identical. The marking rules are written once in
``builder/assets/marking.js`` (site and offline mini-site) and documented in
``docs/marking.md`` with their mapping to Moodle and QTI.
"""
