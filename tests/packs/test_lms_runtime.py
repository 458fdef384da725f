"""The SCORM packages in a real runtime: scorm-again hosts each SCO in headless Chromium; the
test answers the quiz as a learner would and asserts what the LMS received (score, statuses,
session time, suspend_data), then relaunches with the stored data and checks the resume."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from builder.packs.content.content import LocalQuiz, PackContent, build_content
from builder.validate.orchestrator import CheckResult
from tests.packs.lms_support import (
    fill,
    harness_folder,
    install_scorm_again,
    right_answer,
    right_choice,
    serve,
    shown_quiz,
    submit,
)
from tests.requirements import require

LMS = Path("instructor") / "lms"


@pytest.fixture(scope="module")
def tiny_content(tiny_built: tuple[CheckResult, Path]) -> PackContent:
    result, _ = tiny_built
    assert result.curriculum is not None
    return build_content(result.curriculum, result.course.plan("KE"))


@pytest.fixture(scope="module")
def harness(tiny_built: tuple[CheckResult, Path], tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Yield ``{version: base URL}`` of the harness serving each unzipped SCORM package."""
    require(install_scorm_again(), "scorm-again from npm (./dev setup installs it)")
    _, out = tiny_built
    root = tmp_path_factory.mktemp("harness")
    harness_folder(root / "v12", out / "KE" / LMS / "scorm12.zip")
    harness_folder(root / "v2004", out / "KE" / LMS / "scorm2004.zip")
    with serve(root) as base:
        yield {"1.2": f"{base}/v12", "2004": f"{base}/v2004"}


STATE12 = {
    "core": {"credit": "credit", "entry": "ab-initio"},
    "student_data": {"mastery_score": "60"},
}
STATE2004 = {"credit": "credit", "entry": "ab-initio", "scaled_passing_score": "0.6"}


def launch(browser: Any, base: str, version: str, sco: str, state: dict[str, Any]) -> Any:
    """Open the harness on ``sco`` with LMS-side ``state``; return (page, frame, console errors)."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    cfg = {
        "version": version,
        "sco": f"pkg/{sco}",
        "state": state,
        "settings": {"autocommit": False, "mastery_override": True, "logLevel": 5},
    }
    import json

    page.add_init_script(f"window.__HARNESS__ = {json.dumps(cfg)};")
    page.goto(f"{base}/harness.html")
    frame = page.frame_locator("#sco")
    frame.locator("form.quiz-form").wait_for()
    page.wait_for_function("window.__calls.includes('commit')")
    return page, frame, errors


def finish(page: Any) -> dict[str, Any]:
    """Unload the SCO (as when the learner leaves) and return the CMI the LMS kept."""
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_function("window.__final !== undefined")
    return dict(page.evaluate("window.__final")["cmi"])


def sets(page: Any, element: str) -> list[str]:
    """Return every value the SCO set for ``element``, in order."""
    return [v for el, v in page.evaluate("window.__sets") if el == element]


def sco_errors(page: Any) -> list[Any]:
    return list(page.evaluate("document.getElementById('sco').contentWindow.__scoErrors || []"))


def intro_quiz(content: PackContent) -> LocalQuiz:
    quiz = content.modules[0].quiz
    assert quiz is not None and content.modules[0].id == "intro"
    return quiz


def test_scorm12_pass_then_resume(
    pack_browser: Any, harness: dict[str, str], tiny_content: PackContent
) -> None:
    quiz = intro_quiz(tiny_content)
    page, frame, console = launch(pack_browser, harness["1.2"], "1.2", "intro.html", STATE12)
    assert page.evaluate("document.getElementById('sco').contentWindow.__scoState.entry") == (
        "ab-initio"
    )
    fill(frame, quiz, shown_quiz(frame), set(range(len(quiz.questions))))
    submit(frame)
    assert sco_errors(page) == []
    cmi = finish(page)
    core = cmi["core"]
    assert (core["score"]["raw"], core["score"]["min"], core["score"]["max"]) == (
        "100",
        "0",
        "100",
    )
    assert core["lesson_status"] == "passed"
    assert re.fullmatch(r"\d{4}:\d{2}:\d{2}(\.\d{1,2})?", sets(page, "cmi.core.session_time")[-1])
    stored = sets(page, "cmi.suspend_data")[-1]
    assert all(len(v) <= 4096 for v in sets(page, "cmi.suspend_data"))
    assert sets(page, "cmi.core.lesson_location")[-1] == "quiz"
    assert console == []
    page.close()
    # relaunch with what the LMS stored: the answers come back, entry is resume
    state = {
        "core": {**STATE12["core"], "entry": "resume", "lesson_location": "quiz"},
        "student_data": STATE12["student_data"],
        "suspend_data": stored,
    }
    page, frame, console = launch(pack_browser, harness["1.2"], "1.2", "intro.html", state)
    scow = "document.getElementById('sco').contentWindow"
    assert page.evaluate(f"{scow}.__scoState.entry") == "resume"
    assert page.evaluate(f"{scow}.__scoState.restored") == stored
    assert frame.locator("#q3-in").input_value() == quiz.questions[3].answers[0]
    assert frame.locator(right_choice(quiz)).is_checked()
    finish(page)
    assert console == [] and sco_errors(page) == []
    page.close()


def test_scorm12_fail_then_pass(
    pack_browser: Any, harness: dict[str, str], tiny_content: PackContent
) -> None:
    quiz = intro_quiz(tiny_content)
    page, frame, _ = launch(pack_browser, harness["1.2"], "1.2", "intro.html", STATE12)
    fill(frame, quiz, shown_quiz(frame), {0})
    submit(frame)
    assert sets(page, "cmi.core.lesson_status")[-1] == "failed"
    first = int(sets(page, "cmi.core.score.raw")[-1])
    assert first < 60
    fill(frame, quiz, shown_quiz(frame), set(range(len(quiz.questions))))
    submit(frame)
    cmi = finish(page)
    assert cmi["core"]["lesson_status"] == "passed"
    assert cmi["core"]["score"]["raw"] == "100"
    assert sco_errors(page) == []
    page.close()


def test_scorm2004_scores_and_statuses(
    pack_browser: Any, harness: dict[str, str], tiny_content: PackContent
) -> None:
    quiz = intro_quiz(tiny_content)
    page, frame, console = launch(pack_browser, harness["2004"], "2004", "intro.html", STATE2004)
    assert sets(page, "cmi.completion_status") == ["incomplete"]
    fill(frame, quiz, shown_quiz(frame), {0, 1, 2, 3})  # 4 of 7 questions: 57 % < 60 %
    submit(frame)
    api = "window.__api"
    assert page.evaluate(f"{api}.GetValue('cmi.success_status')") == "failed"
    assert page.evaluate(f"{api}.GetValue('cmi.completion_status')") == "completed"
    fill(frame, quiz, shown_quiz(frame), set(range(len(quiz.questions))))
    submit(frame)
    cmi = finish(page)
    assert cmi["score"]["scaled"] == "1"
    assert (cmi["score"]["raw"], cmi["score"]["min"], cmi["score"]["max"]) == ("100", "0", "100")
    assert cmi["success_status"] == "passed"
    assert cmi["completion_status"] == "completed"
    assert re.fullmatch(r"PT(\d+H)?(\d+M)?[\d.]+S", sets(page, "cmi.session_time")[-1])
    assert sets(page, "cmi.exit")[-1] == "normal"
    assert console == [] and sco_errors(page) == []
    stored = sets(page, "cmi.suspend_data")[-1]
    page.close()
    state = {**STATE2004, "entry": "resume", "location": "quiz", "suspend_data": stored}
    page, frame, _ = launch(pack_browser, harness["2004"], "2004", "intro.html", state)
    scow = "document.getElementById('sco').contentWindow"
    assert page.evaluate(f"{scow}.__scoState.entry") == "resume"
    assert frame.locator("#q4-in").input_value() == "3.0" or frame.locator(
        "#q4-in"
    ).input_value() == str(quiz.questions[4].value)
    finish(page)
    page.close()


def test_scorm2004_exam_scores_without_answers(
    pack_browser: Any, harness: dict[str, str], tiny_content: PackContent
) -> None:
    exam = tiny_content.exams[0]
    sco = f"exam-{exam.id}.html"
    page, frame, console = launch(pack_browser, harness["2004"], "2004", sco, STATE2004)
    shown = shown_quiz(frame)
    page_text = frame.locator("html").inner_html()
    assert '"correct"' not in page_text
    for q in exam.questions:
        assert q.explanation not in page_text
        assert all(o.feedback not in page_text for o in q.options if o.feedback)
    fill(frame, exam, shown, set(range(len(exam.questions))))
    submit(frame)
    assert frame.locator(".feedback").count() == 0  # an exam shows no per-question feedback
    cmi = finish(page)
    assert cmi["score"]["scaled"] == "1"
    assert cmi["success_status"] == "passed"
    assert console == [] and sco_errors(page) == []
    page.close()


def test_scorm_interrupted_mid_quiz_resumes(
    pack_browser: Any, harness: dict[str, str], tiny_content: PackContent
) -> None:
    """A browser crash mid-quiz: what was committed after each answer is enough to resume."""
    quiz = intro_quiz(tiny_content)
    page, frame, _ = launch(pack_browser, harness["1.2"], "1.2", "intro.html", STATE12)
    fill(frame, quiz, shown_quiz(frame), {0, 3})
    frame.locator("#q3-in").blur()
    page.wait_for_function("window.__sets.filter(s => s[0] === 'cmi.suspend_data').length >= 2")
    stored = sets(page, "cmi.suspend_data")[-1]
    page.close()  # no finish: the crash
    state = {
        "core": {**STATE12["core"], "entry": "resume", "lesson_location": "quiz"},
        "student_data": STATE12["student_data"],
        "suspend_data": stored,
    }
    page, frame, _ = launch(pack_browser, harness["1.2"], "1.2", "intro.html", state)
    assert frame.locator("#q3-in").input_value() == quiz.questions[3].answers[0]
    assert frame.locator(right_choice(quiz)).is_checked()
    page.close()


def test_exam_keys_mark_every_question_type(
    pack_browser: Any, tiny_content: PackContent, tmp_path: Path
) -> None:
    """The hashed keys and the page's marking agree for every type: the intro quiz (one question
    of each type) turned into an exam, opened without an LMS, scores 100 % answered right and
    0 % answered wrong (a wrong answer of each type), with nothing to read the key from."""
    import dataclasses

    from builder.packs.formats.lms_sco import exam_page, runtime_js
    from builder.packs.formats.out_site import ASSETS

    quiz = dataclasses.replace(intro_quiz(tiny_content), mode="exam", id="intro-as-exam")
    (tmp_path / "assets").mkdir()
    (tmp_path / "exam.html").write_text(exam_page(tiny_content, quiz), encoding="utf-8")
    for name in ("quiz.js", "sco.js"):
        shutil.copy(ASSETS / name, tmp_path / "assets" / name)
    if (ASSETS.parent / "marking.js").exists():  # the marking rules (issue 12)
        shutil.copy(ASSETS.parent / "marking.js", tmp_path / "assets" / "marking.js")
    (tmp_path / "assets" / "runtime.js").write_bytes(runtime_js("scorm12"))
    (tmp_path / "assets" / "pack.css").write_text("", encoding="utf-8")
    with serve(tmp_path) as base:
        page = pack_browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{base}/exam.html")
        frame = page.main_frame
        fill(frame, quiz, shown_quiz(frame), set(range(len(quiz.questions))))
        submit(frame)
        assert "(100 %)" in frame.locator(".score").text_content()
        page.reload()
        q0, q1, q2 = quiz.questions[:3]
        wrong0 = next(i for i, o in enumerate(q0.options) if not o.correct)
        frame.locator(f"input[name='q0'][value='{wrong0}']").check()
        wrong1 = next(i for i, o in enumerate(q1.options) if not o.correct)
        frame.locator(f"input[name='q1'][value='{wrong1}']").check()
        frame.locator(f"input[name='q2'][value='{'false' if q2.answer else 'true'}']").check()
        frame.locator("#q3-in").fill("SAFER")
        frame.locator("#q4-in").fill("4")
        shown = shown_quiz(frame)["questions"]
        for qi in (5, 6):  # every list one step off the right answer
            right = right_answer(quiz.questions[qi], shown[qi]).split(",")
            for i, v in enumerate(right[1:] + right[:1]):
                frame.locator(f"select[name='q{qi}-{i}']").select_option(v)
        submit(frame)
        assert "(0 %)" in frame.locator(".score").text_content()
        assert errors == []
        page.close()
