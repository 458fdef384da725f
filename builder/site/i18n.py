"""Interface strings of the site in the languages the programme offers (English as fallback).

Keys used by the quiz script are listed in :data:`SCRIPT_KEYS`; their values reach the browser in
each quiz's JSON, so the script holds no text of its own.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "progress.summary": "{done} of {total} modules done, {left} remaining.",
        "progress.track": "{done} of {total} done, {left} remaining.",
        "progress.imported": "Imported progress: {n} modules done.",
        "progress.badfile": "This file is not a progress file of this curriculum; nothing was changed.",
        "progress.cleared": "All progress in this browser was cleared.",
        "progress.confirm": "Clear all progress kept in this browser?",
        "progress.exported": "Progress exported to {file}.",
        "home.onsite": "On this site",
        "home.map": "how the modules build on each other, track by track",
        "home.standards": "which modules and questions cover each SAFE standard",
        "home.progress": "the modules you have done; progress stays in this browser and can be exported",
        "home.countries": "each partner administration's gaps, plan, schedule and progress",
        "home.authoring": "for authors: the format of modules, quizzes and country profiles",
        "home.map.link": "Learning path",
        "lang.count": "{n} of {total} modules translated",
        "map.lead": (
            "Each box is a module and links to its page; under its title it says whether you have "
            "done it. Each track is drawn on its own, in teaching sequence, its modules from top to "
            "bottom in course order. An arrow goes from a module to a module of the same track that "
            "needs it; the list below gives every prerequisite, across tracks too."
        ),
        "map.desc": ("{n} modules in {t} tracks; {e} prerequisites in all."),
        "map.list": "Modules and their prerequisites",
        "map.needs": "needs",
        "standards.lead": (
            "Every SAFE standard the curriculum refers to, the modules that cover it and how "
            "many quiz questions assess those modules. {covered} of {total} standards are covered "
            "by at least one module."
        ),
        "standards.col.standard": "Standard",
        "standards.col.asks": "What it asks",
        "standards.col.modules": "Modules",
        "standards.col.practice": "Practice questions",
        "standards.col.exam": "Exam questions",
        "standards.uncovered": "not covered",
        "progress.lead": (
            "Your progress is kept in this browser only (nothing is sent anywhere). A module "
            "counts as done when you pass its practice quiz. Export your progress to a JSON file "
            "to keep it or to move it to another browser."
        ),
        "progress.tools": "Save or move your progress",
        "progress.export": "Export progress (JSON file)",
        "progress.import": "Import progress from a JSON file",
        "progress.clear": "Clear all progress",
        "progress.noquiz": "no quiz",
        "countries.lead": (
            "The partner administrations with a plan. Each page shows the gaps found by the "
            "assessments, "
            "the modules planned and why, the training schedule, mentoring and the progress "
            "between "
            "assessments."
        ),
        "callout.info": "Info",
        "callout.note": "Note",
        "callout.tip": "Tip",
        "callout.warning": "Warning",
        "callout.example": "Example",
        "callout.exercise": "Exercise",
        "callout.solution": "Solution",
        "callout.hint": "Hint",
        "show_solution": "Show solution",
        "show_hint": "Show hint",
        "callout.case-study": "Case study",
        "draft.title": "Draft",
        "draft": "This module is a draft: its content may change.",
        "lang_home.lead": (
            "The modules in {lang}, in course order. Modules not yet translated are shown in "
            "{source}."
        ),
        "untranslated.short": "in {source}",
        "nav.group": "Modules {a}–{b}",
        "start": "Where to start",
        "start.text": "Start with the first module of the course:",
        "tracks": "Tracks",
        "languages": "Languages",
        "module.word": "Module",
        "language.name": "English",
        "home": "Home",
        "map": "Learning path",
        "glossary": "Glossary",
        "glossary.lead": "The terms of this course in each language, as the programme translates them.",
        "glossary.col.term": "Term",
        "glossary.col.short": "Short",
        "glossary.col.definition": "Definition",
        "glossary.col.other": "Other languages",
        "standards": "SAFE standards coverage",
        "progress": "My progress",
        "countries": "Countries",
        "authoring": "Authoring reference",
        "duration": "Duration",
        "level": "Level",
        "audience": "Audience",
        "safe_standards": "SAFE standards",
        "none": "None",
        "objectives": "Objectives",
        "objectives.lead": "By the end of this module you will be able to:",
        "prerequisites": "Before you start",
        "prerequisites.none": "This module has no prerequisites: you can start here.",
        "prerequisites.lead": "Take these modules first:",
        "minutes": "min",
        "teaching": "teaching",
        "practice": "practice",
        "level.introductory": "Introductory",
        "level.intermediate": "Intermediate",
        "level.advanced": "Advanced",
        "quiz": "Practice quiz",
        "quiz.noscript": (
            "The practice quiz needs JavaScript. Your instructor can give you a printed copy."
        ),
        "quiz.none": "This module has no practice quiz.",
        "next": "Next module",
        "next.last": "This is the last module of the course.",
        "exam.title": "An exam follows",
        "exam.text": (
            "After this module your instructor runs the exam “{title}”: {count} questions, pass "
            "mark {pass_mark}%, time limit {time} minutes. The exam is not on this site."
        ),
        "exam.text.notime": (
            "After this module your instructor runs the exam “{title}”: {count} questions, pass "
            "mark {pass_mark}%. The exam is not on this site."
        ),
        "also_in": "This module in other languages:",
        "untranslated.title": "Not translated yet",
        "untranslated": (
            "This module is not yet available in {lang}. It is shown in its original language, "
            "{source}."
        ),
        "outdated.title": "Translation out of date",
        "outdated": (
            "This translation follows version {old} of the module; the {source} original is now "
            "at version {new}."
        ),
        "outdated.link": "Read the up-to-date original",
        "quiz.untranslated": "This quiz is not yet available in {lang}; it is shown in {source}.",
        "track": "Track",
        "modules": "modules",
        "module.count": "{n} modules, {hours} of teaching and practice",
        "state.done": "Done",
        "state.todo": "Not done yet",
        "true": "True",
        "false": "False",
        "check": "Check my answers",
        "retry": "Try again",
        "correct": "Correct",
        "incorrect": "Incorrect",
        "not_answered": "Not answered",
        "your_answer": "Your answer",
        "correct_answer": "Correct answer",
        "accepted": "Accepted answers",
        "explanation": "Explanation",
        "question": "Question {n}",
        "points": "{n} points",
        "point": "1 point",
        "score": "Score: {score} of {total} points ({percent}%). Pass mark: {pass}%.",
        "passed": "Passed: this module counts as done.",
        "failed": "Not passed yet: read the feedback and try again.",
        "move_up": "Move up",
        "move_down": "Move down",
        "moved": "{item}: now in position {pos} of {count}.",
        "choose": "Choose…",
        "match.for": "Match for",
        "order.lead": "Put the items in the right order with the Move up and Move down buttons.",
        "match.lead": "Choose the matching item for each entry.",
        "multiple.lead": "Select every correct answer.",
        "position": "Position {n}",
        "unit": "Unit: {unit}",
        "storage.off": (
            "Your browser does not allow this site to store progress; it will be lost when you "
            "close the page."
        ),
        "retry.announce": "Answers cleared. Try again.",
        "partial": "Partly correct: {earned} of {points} points",
        "expected": "Expected",
        "tf.answer": "The correct answer is: {answer}.",
        "unanswered.warn": (
            "{n} question(s) not answered yet (question {list}). Answer them, or press Check "
            "anyway to see your result."
        ),
        "check.anyway": "Check anyway",
        "module.passed": "You have passed this module's quiz (best score {best}%).",
        "module.tried": "Your best score on this module's quiz so far is {best}%.",
    },
    "fr": {
        "callout.note": "Note",
        "callout.tip": "Conseil",
        "callout.warning": "Attention",
        "callout.example": "Exemple",
        "callout.exercise": "Exercice",
        "callout.solution": "Solution",
        "callout.hint": "Indice",
        "show_solution": "Afficher la solution",
        "show_hint": "Afficher l'indice",
        "callout.case-study": "Étude de cas",
        "draft.title": "Brouillon",
        "draft": "Ce module est un brouillon : son contenu peut changer.",
        "lang_home.lead": (
            "Les modules en {lang}, dans l'ordre du cours. Les modules pas encore traduits sont "
            "présentés en {source}."
        ),
        "untranslated.short": "en {source}",
        "nav.group": "Modules {a} à {b}",
        "start": "Par où commencer",
        "start.text": "Commencez par le premier module du cours :",
        "tracks": "Parcours",
        "languages": "Langues",
        "module.word": "Module",
        "language.name": "Français",
        "home": "Accueil",
        "map": "Parcours d'apprentissage",
        "glossary": "Glossaire",
        "glossary.lead": "Les termes de ce cours dans chaque langue, tels que le programme les traduit.",
        "glossary.col.term": "Terme",
        "glossary.col.short": "Forme courte",
        "glossary.col.definition": "Définition",
        "glossary.col.other": "Autres langues",
        "standards": "Couverture des normes SAFE",
        "progress": "Ma progression",
        "countries": "Pays",
        "duration": "Durée",
        "level": "Niveau",
        "audience": "Public",
        "safe_standards": "Normes SAFE",
        "none": "Aucune",
        "objectives": "Objectifs",
        "objectives.lead": "À la fin de ce module, vous serez capable de :",
        "prerequisites": "Avant de commencer",
        "prerequisites.none": "Ce module n'a pas de prérequis : vous pouvez commencer ici.",
        "prerequisites.lead": "Suivez d'abord ces modules :",
        "teaching": "enseignement",
        "practice": "exercices",
        "level.introductory": "Initiation",
        "level.intermediate": "Intermédiaire",
        "level.advanced": "Avancé",
        "quiz": "Quiz d'entraînement",
        "quiz.noscript": (
            "Le quiz d'entraînement nécessite JavaScript. Votre formateur peut vous en remettre "
            "une copie imprimée."
        ),
        "quiz.none": "Ce module n'a pas de quiz d'entraînement.",
        "next": "Module suivant",
        "next.last": "C'est le dernier module du cours.",
        "exam.title": "Un examen suit",
        "exam.text": (
            "Après ce module, votre formateur organise l'examen « {title} » : {count} questions, "
            "note de passage {pass_mark} %, durée {time} minutes. L'examen ne figure pas sur "
            "ce site."
        ),
        "exam.text.notime": (
            "Après ce module, votre formateur organise l'examen « {title} » : {count} questions, "
            "note de passage {pass_mark} %. L'examen ne figure pas sur ce site."
        ),
        "also_in": "Ce module dans d'autres langues :",
        "untranslated.title": "Pas encore traduit",
        "untranslated": (
            "Ce module n'est pas encore disponible en {lang}. Il est présenté dans sa langue "
            "d'origine, {source}."
        ),
        "outdated.title": "Traduction à mettre à jour",
        "outdated": (
            "Cette traduction suit la version {old} du module ; l'original en {source} est "
            "maintenant "
            "à la version {new}."
        ),
        "outdated.link": "Lire l'original à jour",
        "quiz.untranslated": "Ce quiz n'est pas encore disponible en {lang} ; il est présenté en {source}.",
        "track": "Parcours",
        "modules": "modules",
        "module.count": "{n} modules, {hours} d'enseignement et d'exercices",
        "state.done": "Terminé",
        "state.todo": "Pas encore terminé",
        "true": "Vrai",
        "false": "Faux",
        "check": "Vérifier mes réponses",
        "retry": "Réessayer",
        "correct": "Correct",
        "incorrect": "Incorrect",
        "not_answered": "Sans réponse",
        "your_answer": "Votre réponse",
        "correct_answer": "Bonne réponse",
        "accepted": "Réponses acceptées",
        "explanation": "Explication",
        "question": "Question {n}",
        "points": "{n} points",
        "point": "1 point",
        "score": "Score : {score} sur {total} points ({percent} %). Note de passage : {pass} %.",
        "passed": "Réussi : ce module compte comme terminé.",
        "failed": "Pas encore réussi : lisez les commentaires et réessayez.",
        "move_up": "Monter",
        "move_down": "Descendre",
        "moved": "{item} : maintenant en position {pos} sur {count}.",
        "choose": "Choisir…",
        "match.for": "Correspondance pour",
        "order.lead": "Remettez les éléments dans le bon ordre avec les boutons Monter et Descendre.",
        "match.lead": "Choisissez l'élément correspondant à chaque entrée.",
        "multiple.lead": "Sélectionnez toutes les bonnes réponses.",
        "position": "Position {n}",
        "unit": "Unité : {unit}",
        "storage.off": (
            "Votre navigateur ne permet pas à ce site d'enregistrer votre progression ; elle "
            "sera perdue à la fermeture de la page."
        ),
        "retry.announce": "Réponses effacées. Réessayez.",
        "partial": "Partiellement juste : {earned} sur {points} points",
        "expected": "Attendu",
        "tf.answer": "La bonne réponse est : {answer}.",
        "unanswered.warn": (
            "{n} question(s) sans réponse (question {list}). Répondez-y, ou appuyez sur "
            "Vérifier quand même pour voir votre résultat."
        ),
        "check.anyway": "Vérifier quand même",
        "module.passed": "Vous avez réussi le quiz de ce module (meilleur score {best} %).",
        "module.tried": "Votre meilleur score au quiz de ce module est pour l'instant {best} %.",
    },
    "es": {
        "callout.note": "Nota",
        "callout.tip": "Consejo",
        "callout.warning": "Atención",
        "callout.example": "Ejemplo",
        "callout.exercise": "Ejercicio",
        "callout.solution": "Solución",
        "callout.hint": "Pista",
        "show_solution": "Mostrar la solución",
        "show_hint": "Mostrar la pista",
        "callout.case-study": "Estudio de caso",
        "draft.title": "Borrador",
        "draft": "Este módulo es un borrador: su contenido puede cambiar.",
        "lang_home.lead": (
            "Los módulos en {lang}, en el orden del curso. Los módulos aún no traducidos "
            "se muestran "
            "en {source}."
        ),
        "untranslated.short": "en {source}",
        "nav.group": "Módulos {a} a {b}",
        "start": "Por dónde empezar",
        "start.text": "Empiece por el primer módulo del curso:",
        "tracks": "Itinerarios",
        "languages": "Idiomas",
        "module.word": "Módulo",
        "language.name": "Español",
        "home": "Inicio",
        "map": "Itinerario de aprendizaje",
        "glossary": "Glosario",
        "glossary.lead": "Los términos de este curso en cada idioma, tal como el programa los traduce.",
        "glossary.col.term": "Término",
        "glossary.col.short": "Forma corta",
        "glossary.col.definition": "Definición",
        "glossary.col.other": "Otros idiomas",
        "standards": "Cobertura de las normas SAFE",
        "progress": "Mi progreso",
        "countries": "Países",
        "duration": "Duración",
        "level": "Nivel",
        "audience": "Público",
        "safe_standards": "Normas SAFE",
        "none": "Ninguna",
        "objectives": "Objetivos",
        "objectives.lead": "Al final de este módulo podrá:",
        "prerequisites": "Antes de empezar",
        "prerequisites.none": "Este módulo no tiene requisitos previos: puede empezar aquí.",
        "prerequisites.lead": "Curse primero estos módulos:",
        "teaching": "enseñanza",
        "practice": "práctica",
        "level.introductory": "Introductorio",
        "level.intermediate": "Intermedio",
        "level.advanced": "Avanzado",
        "quiz": "Cuestionario de práctica",
        "quiz.noscript": (
            "El cuestionario de práctica necesita JavaScript. Su instructor puede darle una copia "
            "impresa."
        ),
        "quiz.none": "Este módulo no tiene cuestionario de práctica.",
        "next": "Módulo siguiente",
        "next.last": "Este es el último módulo del curso.",
        "exam.title": "Sigue un examen",
        "exam.text": (
            "Después de este módulo su instructor organiza el examen «{title}»: {count} preguntas, "
            "nota mínima {pass_mark} %, tiempo límite {time} minutos. El examen no está en este "
            "sitio."
        ),
        "exam.text.notime": (
            "Después de este módulo su instructor organiza el examen «{title}»: {count} preguntas, "
            "nota mínima {pass_mark} %. El examen no está en este sitio."
        ),
        "also_in": "Este módulo en otros idiomas:",
        "untranslated.title": "Aún no traducido",
        "untranslated": (
            "Este módulo aún no está disponible en {lang}. Se muestra en su idioma original, "
            "{source}."
        ),
        "outdated.title": "Traducción desactualizada",
        "outdated": (
            "Esta traducción sigue la versión {old} del módulo; el original en {source} está "
            "ahora en la versión {new}."
        ),
        "outdated.link": "Leer el original actualizado",
        "quiz.untranslated": "Este cuestionario aún no está disponible en {lang}; se muestra en {source}.",
        "track": "Itinerario",
        "modules": "módulos",
        "module.count": "{n} módulos, {hours} de enseñanza y práctica",
        "state.done": "Completado",
        "state.todo": "Aún no completado",
        "true": "Verdadero",
        "false": "Falso",
        "check": "Comprobar mis respuestas",
        "retry": "Intentar de nuevo",
        "correct": "Correcto",
        "incorrect": "Incorrecto",
        "not_answered": "Sin respuesta",
        "your_answer": "Su respuesta",
        "correct_answer": "Respuesta correcta",
        "accepted": "Respuestas aceptadas",
        "explanation": "Explicación",
        "question": "Pregunta {n}",
        "points": "{n} puntos",
        "point": "1 punto",
        "score": "Puntuación: {score} de {total} puntos ({percent} %). Nota mínima: {pass} %.",
        "passed": "Aprobado: este módulo cuenta como completado.",
        "failed": "Aún no aprobado: lea los comentarios e inténtelo de nuevo.",
        "move_up": "Subir",
        "move_down": "Bajar",
        "moved": "{item}: ahora en la posición {pos} de {count}.",
        "choose": "Elegir…",
        "match.for": "Correspondencia para",
        "order.lead": "Ponga los elementos en el orden correcto con los botones Subir y Bajar.",
        "match.lead": "Elija el elemento que corresponde a cada entrada.",
        "multiple.lead": "Seleccione todas las respuestas correctas.",
        "position": "Posición {n}",
        "unit": "Unidad: {unit}",
        "storage.off": (
            "Su navegador no permite a este sitio guardar el progreso; se perderá al cerrar la "
            "página."
        ),
        "retry.announce": "Respuestas borradas. Inténtelo de nuevo.",
        "partial": "Parcialmente correcto: {earned} de {points} puntos",
        "expected": "Esperado",
        "tf.answer": "La respuesta correcta es: {answer}.",
        "unanswered.warn": (
            "{n} pregunta(s) sin responder (pregunta {list}). Respóndalas o pulse Comprobar "
            "de todos modos para ver su resultado."
        ),
        "check.anyway": "Comprobar de todos modos",
        "module.passed": "Ha aprobado el cuestionario de este módulo (mejor puntuación {best} %).",
        "module.tried": "Su mejor puntuación en el cuestionario de este módulo es por ahora {best} %.",
    },
}

#: Language names in each language, for notices ("not yet available in French").
LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "en": "English",
        "fr": "French",
        "es": "Spanish",
        "pt": "Portuguese",
        "ar": "Arabic",
        "ru": "Russian",
    },
    "fr": {
        "en": "anglais",
        "fr": "français",
        "es": "espagnol",
        "pt": "portugais",
        "ar": "arabe",
        "ru": "russe",
    },
    "es": {
        "en": "inglés",
        "fr": "francés",
        "es": "español",
        "pt": "portugués",
        "ar": "árabe",
        "ru": "ruso",
    },
}

#: Native names, for the language switch.
NATIVE_NAMES: dict[str, str] = {
    "en": "English",
    "fr": "Français",
    "es": "Español",
    "pt": "Português",
    "ar": "العربية",
    "ru": "Русский",
}

SCRIPT_KEYS: tuple[str, ...] = (
    "true",
    "false",
    "check",
    "retry",
    "correct",
    "incorrect",
    "not_answered",
    "your_answer",
    "correct_answer",
    "accepted",
    "explanation",
    "question",
    "points",
    "point",
    "score",
    "passed",
    "failed",
    "move_up",
    "move_down",
    "moved",
    "choose",
    "match.for",
    "order.lead",
    "match.lead",
    "multiple.lead",
    "position",
    "unit",
    "storage.off",
    "retry.announce",
    "partial",
    "expected",
    "tf.answer",
    "unanswered.warn",
    "check.anyway",
    "state.done",
    "state.todo",
    "module.passed",
    "module.tried",
    "progress.summary",
    "progress.track",
    "progress.imported",
    "progress.badfile",
    "progress.cleared",
    "progress.confirm",
    "progress.exported",
    "progress.noquiz",
)

#: Strings of the phone, progress and certificate features (issue 19), merged into
#: :data:`STRINGS` below; kept together so that translators find them in one place.
GUIDE_STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "table.region": "Table {n} (scrolls sideways)",
        "nav.done": "done",
        "continue.title": "Continue where you left off",
        "continue.start": "Start with:",
        "continue.next": "Continue with:",
        "continue.done": "You have passed every practice quiz.",
        "continue.overall": "{done} of {total} modules done ({percent} %).",
        "continue.noscript": "Your progress shows here when scripts run.",
        "home.length": "The whole course: {n} modules, {hours} of study.",
        "to_quiz": "Go to the quiz",
        "home.certificate": "a certificate of the practice quizzes you passed, to print",
        "certificate": "Certificate",
        "cert.lead": (
            "When you have passed every practice quiz of a track, this page makes a certificate "
            "you can print or save as PDF. Enter your name as it should appear and choose the "
            "track."
        ),
        "cert.attests": (
            "This certificate is issued by the site itself, in the trainee's own browser: it "
            "attests that the practice quizzes were passed, unsupervised. It is not the result of "
            "an invigilated exam. An instructor can check its code against the trainee's exported "
            "progress file with: curriculum verify FILE"
        ),
        "cert.exam": (
            "Passed the track exam in your organisation's learning platform (LMS)? That platform "
            "records the result and issues its own certificate."
        ),
        "cert.name": "Your name",
        "cert.track": "Track",
        "cert.make": "Make the certificate",
        "cert.need_name": "Enter your name and choose a track.",
        "cert.missing": "Not yet: {n} practice quizzes of this track still to pass:",
        "cert.made": "Certificate made (code {code}). Export your progress file to keep it.",
        "cert.title": "Certificate of completion",
        "cert.certifies": "This certifies that",
        "cert.passed": "passed every practice quiz of the track {track}:",
        "cert.module": "Module",
        "cert.best": "Best score",
        "cert.score": "{n} %",
        "cert.date": "Date: {date}",
        "cert.code": "Verification code:",
        "cert.print": "Print or save as PDF",
    },
    "fr": {
        "table.region": "Tableau {n} (défile horizontalement)",
        "nav.done": "terminé",
        "continue.title": "Reprendre là où vous en étiez",
        "continue.start": "Commencez par :",
        "continue.next": "Continuez avec :",
        "continue.done": "Vous avez réussi tous les quiz d'entraînement.",
        "continue.overall": "{done} modules terminés sur {total} ({percent} %).",
        "continue.noscript": "Votre progression s'affiche ici lorsque les scripts s'exécutent.",
        "home.length": "Le cours complet : {n} modules, {hours} d'étude.",
        "to_quiz": "Aller au quiz",
        "home.certificate": "un certificat des quiz d'entraînement réussis, à imprimer",
        "certificate": "Certificat",
        "cert.lead": (
            "Lorsque vous avez réussi tous les quiz d'entraînement d'un parcours, cette page "
            "produit un certificat à imprimer ou à enregistrer en PDF. Saisissez votre nom tel "
            "qu'il doit apparaître et choisissez le parcours."
        ),
        "cert.attests": (
            "Ce certificat est délivré par le site lui-même, dans le navigateur de l'apprenant : "
            "il atteste que les quiz d'entraînement ont été réussis, sans surveillance. Ce n'est "
            "pas le résultat d'un examen surveillé. Un formateur peut vérifier son code avec le "
            "fichier de progression exporté par l'apprenant : curriculum verify FICHIER"
        ),
        "cert.exam": (
            "Vous avez réussi l'examen du parcours sur la plateforme de formation (LMS) de votre "
            "organisation ? Cette plateforme enregistre le résultat et délivre son propre "
            "certificat."
        ),
        "cert.name": "Votre nom",
        "cert.track": "Parcours",
        "cert.make": "Produire le certificat",
        "cert.need_name": "Saisissez votre nom et choisissez un parcours.",
        "cert.missing": "Pas encore : {n} quiz d'entraînement de ce parcours restent à réussir :",
        "cert.made": (
            "Certificat produit (code {code}). Exportez votre fichier de progression pour le "
            "conserver."
        ),
        "cert.title": "Certificat de réussite",
        "cert.certifies": "Il est certifié que",
        "cert.passed": "a réussi tous les quiz d'entraînement du parcours {track} :",
        "cert.module": "Module",
        "cert.best": "Meilleur score",
        "cert.score": "{n} %",
        "cert.date": "Date : {date}",
        "cert.code": "Code de vérification :",
        "cert.print": "Imprimer ou enregistrer en PDF",
    },
    "es": {
        "table.region": "Tabla {n} (se desplaza horizontalmente)",
        "nav.done": "completado",
        "continue.title": "Continúe donde lo dejó",
        "continue.start": "Empiece por:",
        "continue.next": "Continúe con:",
        "continue.done": "Ha aprobado todos los cuestionarios de práctica.",
        "continue.overall": "{done} de {total} módulos completados ({percent} %).",
        "continue.noscript": "Su progreso se muestra aquí cuando se ejecutan los scripts.",
        "home.length": "El curso completo: {n} módulos, {hours} de estudio.",
        "to_quiz": "Ir al cuestionario",
        "home.certificate": "un certificado de los cuestionarios de práctica aprobados, para imprimir",
        "certificate": "Certificado",
        "cert.lead": (
            "Cuando haya aprobado todos los cuestionarios de práctica de un itinerario, esta "
            "página genera un certificado para imprimir o guardar en PDF. Escriba su nombre tal "
            "como debe aparecer y elija el itinerario."
        ),
        "cert.attests": (
            "Este certificado lo emite el propio sitio, en el navegador del participante: "
            "acredita que se aprobaron los cuestionarios de práctica, sin supervisión. No es el "
            "resultado de un examen supervisado. Un instructor puede comprobar su código con el "
            "archivo de progreso exportado por el participante: curriculum verify ARCHIVO"
        ),
        "cert.exam": (
            "¿Aprobó el examen del itinerario en la plataforma de aprendizaje (LMS) de su "
            "organización? Esa plataforma registra el resultado y emite su propio certificado."
        ),
        "cert.name": "Su nombre",
        "cert.track": "Itinerario",
        "cert.make": "Generar el certificado",
        "cert.need_name": "Escriba su nombre y elija un itinerario.",
        "cert.missing": "Todavía no: quedan {n} cuestionarios de práctica de este itinerario:",
        "cert.made": (
            "Certificado generado (código {code}). Exporte su archivo de progreso para conservarlo."
        ),
        "cert.title": "Certificado de finalización",
        "cert.certifies": "Se certifica que",
        "cert.passed": "aprobó todos los cuestionarios de práctica del itinerario {track}:",
        "cert.module": "Módulo",
        "cert.best": "Mejor puntuación",
        "cert.score": "{n} %",
        "cert.date": "Fecha: {date}",
        "cert.code": "Código de verificación:",
        "cert.print": "Imprimir o guardar en PDF",
    },
}
for _lang, _strings in GUIDE_STRINGS.items():
    STRINGS.setdefault(_lang, {}).update(_strings)

#: The guide strings the browser scripts use.
GUIDE_SCRIPT_KEYS: tuple[str, ...] = (
    "table.region",
    "nav.done",
    "continue.start",
    "continue.next",
    "continue.done",
    "continue.overall",
    "cert.need_name",
    "cert.missing",
    "cert.made",
    "cert.title",
    "cert.certifies",
    "cert.passed",
    "cert.module",
    "cert.best",
    "cert.score",
    "cert.date",
    "cert.code",
    "cert.attests",
    "cert.print",
)


def t(lang: str, key: str, /, **values: object) -> str:
    """Return the interface string ``key`` in ``lang`` (English if missing), formatted."""
    text = STRINGS.get(lang, {}).get(key) or STRINGS["en"][key]
    return text.format(**values) if values else text


def language_name(lang: str, in_lang: str) -> str:
    """Return the name of ``lang`` written in ``in_lang`` (``fr`` in English is ``French``)."""
    names = LANGUAGE_NAMES.get(in_lang, LANGUAGE_NAMES["en"])
    return names.get(lang) or NATIVE_NAMES.get(lang, lang)


def native_name(lang: str) -> str:
    """Return a language's own name (``Français``)."""
    return NATIVE_NAMES.get(lang, lang)


def script_strings(lang: str) -> dict[str, str]:
    """Return the strings the quiz script needs, in ``lang``."""
    return {k: t(lang, k) for k in (*SCRIPT_KEYS, *GUIDE_SCRIPT_KEYS)}
