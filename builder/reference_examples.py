"""One real example line per diagnostic code (taken from tests/core/bad_inputs.yml)."""

from __future__ import annotations

EXAMPLES: dict[str, str] = {
    "text.bidi-control": (
        "modules/data.md:18:6: warning: invisible bidirectional control U+202E; remove it "
        "[text.bidi-control]"
    ),
    "country.module-unknown": (
        "curriculum/countries/SN.yml:19:11: error: module 'risk-managment' is not defined "
        "[country.module-unknown]"
    ),
    "objective.duplicate": (
        "modules/data.md:11:10: error: id 'list-data' is already used on line 10 "
        "[objective.duplicate]"
    ),
    "question.duplicate": (
        "quizzes/data.yml:9:9: error: id 'q1' is already used on line 3 [question.duplicate]"
    ),
    "assessment.kind": (
        "curriculum/countries/SN.yml:7:11: error: assessment 1 should be 'initial': the first "
        "is the initial assessment, later ones are monitoring [assessment.kind]"
    ),
    "assessment.level": (
        "curriculum/countries/SN.yml:11:21: error: level 7 for 'P1-S4' is outside the maturity "
        "scale 0–3 [assessment.level]"
    ),
    "assessment.order": (
        "curriculum/countries/SN.yml:9:11: error: assessment of 2025-09-10 is not after the one "
        "before it (2026-03-10); list them oldest first [assessment.order]"
    ),
    "audience.unknown": (
        "modules/risk.md:12:23: error: audience 'manager' is not defined (did you mean "
        "'managers'?) "
        "[audience.unknown]"
    ),
    "body.raw-html": (
        "modules/data.md:18:6: warning: raw HTML '<script>' is shown as text, not interpreted; "
        "use Markdown instead [body.raw-html]"
    ),
    "callout.kind": (
        "modules/intro.md:20:5: error: unknown block kind 'excercise'; use one of note, tip, "
        "warning, example, exercise, case-study, instructor [callout.kind]"
    ),
    "callout.nested": (
        "modules/intro.md:22:1: error: '::: note' opens inside the 'exercise' block opened on "
        "line 6; close that one first [callout.nested]"
    ),
    "callout.unclosed": (
        "modules/intro.md:24:1: error: the 'instructor' block is never closed with ':::' "
        "[callout.unclosed]"
    ),
    "country.code": (
        "curriculum/countries/SN.yml:1:10: error: 'XX' is not an ISO 3166-1 alpha-2 country code "
        "(two capital letters, e.g. SN) [country.code]"
    ),
    "country.filename": (
        "curriculum/countries/SN.yml:1:10: error: country 'SE' differs from the file name 'SN.yml' "
        "[country.filename]"
    ),
    "date.invalid": (
        "curriculum/countries/SN.yml:9:11: error: '2026-02-30' is not a real date (day is out "
        "of range for month) [date.invalid]"
    ),
    "delivery.invalid": (
        "curriculum/countries/SN.yml:17:9: error: delivery.days is empty: no day to deliver "
        "training "
        "on [delivery.invalid]"
    ),
    "exclude.breaks-prereq": (
        "curriculum/countries/SN.yml:20:14: error: excluding 'intro' removes a prerequisite of "
        "selected module 'risk' [exclude.breaks-prereq]"
    ),
    "file.binary": "modules/data.md:1:1: error: the file holds binary data, not text [file.binary]",
    "file.empty": "quizzes/data.yml:1:1: error: the file is empty [file.empty]",
    "file.encoding": (
        "quizzes/data.yml:2:6: error: the file is not UTF-8 (byte 0xe9 cannot be decoded); save "
        "it as UTF-8 [file.encoding]"
    ),
    "file.missing": (
        "curriculum/programme.yml:1:1: error: 'curriculum/programme.yml' is required but missing "
        "[file.missing]"
    ),
    "file.name": (
        "quizzes/Data Quiz.yml:1:1: error: file name 'Data Quiz.yml' must be '<id>' or "
        "'<id>.<lang>' "
        "with a lowercase slug id and a 2-letter language [file.name]"
    ),
    "file.outside-root": (
        "modules/outside.md:1:1: error: 'modules/outside.md' leads outside the curriculum root; "
        "it is not read [file.outside-root]"
    ),
    "frontmatter.missing": (
        "modules/data.md:1:1: error: the file must start with front matter: a line '---', YAML "
        "keys, then '---' [frontmatter.missing]"
    ),
    "frontmatter.unclosed": (
        "modules/data.md:1:1: error: the front matter opened on line 1 is never closed with '---' "
        "[frontmatter.unclosed]"
    ),
    "group.unknown": (
        "curriculum/standards.yml:5:24: error: group 'pillar-one' is not defined (did you mean "
        "'pillar-1'?) [group.unknown]"
    ),
    "id.duplicate": (
        "modules/data2.md:2:5: error: module id 'data' is already used by modules/data.md "
        "[id.duplicate]"
    ),
    "id.mismatch": (
        "modules/data.md:2:5: error: id 'data-elements' differs from the file name 'data.md' "
        "[id.mismatch]"
    ),
    "id.slug": (
        "modules/data.md:2:5: error: id '../data' is not a valid slug (lowercase letters, digits "
        "and single hyphens, at most 64 characters) [id.slug]"
    ),
    "key.missing": "modules/risk.md:2:1: error: missing required key 'summary' [key.missing]",
    "key.unknown": (
        "modules/risk.md:7:1: error: unknown key 'prerequisits' (did you mean 'prerequisites'?) "
        "[key.unknown]"
    ),
    "language.unknown": (
        "modules/intro.de.md:3:7: error: language 'de' is not one of the programme's languages "
        "(en, fr) [language.unknown]"
    ),
    "link.unknown": (
        "modules/risk.md:18:24: error: link to module 'intro-safe', which is not defined (did "
        "you mean 'intro'?) [link.unknown]"
    ),
    "objective.count": (
        "modules/data.md:10:3: warning: a module should have 2 to 5 objectives, this one has "
        "1 [objective.count]"
    ),
    "objective.unassessed": (
        "modules/data.md:11:10: warning: objective 'time-data' is assessed by no quiz question "
        "[objective.unassessed]"
    ),
    "prereq.cycle": (
        "modules/intro.md:7:17: error: prerequisite cycle: intro → risk → intro [prereq.cycle]"
    ),
    "prereq.inactive": "modules/data.md:7:17: warning: prerequisite 'intro' is draft [prereq.inactive]",
    "prereq.later-track": (
        "modules/intro.md:7:17: warning: prerequisite 'risk' is in track 'advanced', which comes "
        "after this module's track 'basics' [prereq.later-track]"
    ),
    "prereq.unknown": (
        "modules/risk.md:7:17: error: prerequisite module 'intr' is not defined (did you mean "
        "'intro'?) [prereq.unknown]"
    ),
    "programme.invalid": (
        "curriculum/programme.yml:9:3: error: maturity_scale levels must be 0, 1, 2, ... in order "
        "[programme.invalid]"
    ),
    "question.answer-missing": (
        "quizzes/data.yml:4:11: error: question 'q1' of type short needs 'answers' with at least "
        "one accepted answer [question.answer-missing]"
    ),
    "question.feedback-missing": (
        "quizzes/intro.yml:9:9: warning: option 2 of question 'q1' has no feedback "
        "[question.feedback-missing]"
    ),
    "question.no-correct": (
        "quizzes/intro.yml:8:7: error: question 'q1' has no option marked 'correct: true' "
        "[question.no-correct]"
    ),
    "question.several-correct": (
        "quizzes/intro.yml:8:7: error: single-answer question 'q1' has 2 correct options; use "
        "type 'multiple' or mark one [question.several-correct]"
    ),
    "question.unknown-objective": (
        "quizzes/data.yml:11:16: error: 'time-data' is not an objective of module 'data' (did "
        "you mean 'list-data'?) [question.unknown-objective]"
    ),
    "question.unused-field": (
        "quizzes/data.yml:8:12: warning: 'items' is not used by a short question "
        "[question.unused-field]"
    ),
    "quiz.duplicate": (
        "quizzes/intro.yml:1:9: error: module 'intro' already has a practice quiz in "
        "quizzes/intro-more.yml "
        "[quiz.duplicate]"
    ),
    "quiz.exam-fields": (
        "quizzes/advanced-exam.yml:2:7: error: an exam needs 'time_limit' [quiz.exam-fields]"
    ),
    "quiz.unknown-module": (
        "quizzes/data.yml:1:9: error: quiz for module 'dta', which does not exist (did you mean "
        "'data'?) [quiz.unknown-module]"
    ),
    "standard.unknown": (
        "modules/risk.md:8:13: error: standard 'P1-S5' is not defined (did you mean 'P1-S6'?) "
        "[standard.unknown]"
    ),
    "timezone.unknown": (
        "curriculum/countries/SN.yml:15:13: error: 'Africa/Dakkar' is not an IANA time zone (e.g. "
        "Africa/Dakar) [timezone.unknown]"
    ),
    "track.unknown": (
        "modules/risk.md:5:8: error: track 'advance' is not defined (did you mean 'advanced'?) "
        "[track.unknown]"
    ),
    "translation.mismatch": (
        "quizzes/intro.fr.yml:7:7: error: question 'q1': 1 options here, 2 in the source "
        "[translation.mismatch]"
    ),
    "translation.orphan": (
        "modules/ghost.fr.md:2:5: error: translation of module 'ghost', which does not exist "
        "[translation.orphan]"
    ),
    "translation.stale": (
        "modules/intro.fr.md:4:18: warning: translated from version 1.0.0 of module 'intro', "
        "which is now at 1.2.0 [translation.stale]"
    ),
    "value.choice": (
        "modules/risk.md:13:8: error: level: 'intermedate' is not one of introductory, "
        "intermediate, "
        "advanced (did you mean 'intermediate'?) [value.choice]"
    ),
    "value.range": (
        "modules/data.md:14:22: error: duration.teaching: -90 is out of range (input should be "
        "greater than or equal to 0) [value.range]"
    ),
    "value.type": (
        "modules/risk.md:14:22: error: duration.teaching: expected a whole number, got 'four "
        "hours' [value.type]"
    ),
    "yaml.duplicate-key": (
        "modules/data.md:7:1: error: key 'order' repeats the one on line 6 [yaml.duplicate-key]"
    ),
    "yaml.not-mapping": (
        "modules/data.md:2:1: error: the front matter must be a mapping of keys, found a list "
        "[yaml.not-mapping]"
    ),
    "yaml.syntax": (
        "quizzes/data.yml:5:1: error: YAML syntax error: while parsing a flow sequence, did not "
        "find expected ',' or ']' [yaml.syntax]"
    ),
    "yaml.tag": (
        "modules/data.md:6:8: error: the YAML tag 'tag:yaml.org,2002:binary' is not allowed here "
        "[yaml.tag]"
    ),
}
