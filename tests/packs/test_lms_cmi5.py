"""The cmi5 package in a real LRS: the test plays the LMS (fetch URL, LMS.LaunchData, the launched
statement), launches an AU in Chromium, and reads back from ralph the statements the AU sent."""

from __future__ import annotations

import base64
import json
import time
import urllib.parse
import uuid
from pathlib import Path
from typing import Any

import pytest

from builder.packs.content.content import build_content
from builder.packs.formats.lms_packages import scope
from builder.validate.orchestrator import CheckResult
from tests.packs.lms_support import (
    RALPH,
    Ralph,
    fill,
    ralph_lrs,
    right_choice,
    serve,
    shown_quiz,
    submit,
)
from tests.requirements import require

CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
SESSION_EXT = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
HOST = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>lms</title>
<link rel="icon" href="data:,"></head><body>
<iframe id="au" title="au" style="width:900px;height:700px"></iframe>
<script>document.getElementById("au").src = window.__LAUNCH__;</script></body></html>"""


@pytest.fixture(scope="module")
def lrs(tmp_path_factory: pytest.TempPathFactory) -> Any:
    require(RALPH.exists(), "ralph LRS in .cache/ralph (./dev setup installs it)")
    with ralph_lrs(tmp_path_factory.mktemp("ralph")) as base:
        yield base


@pytest.fixture(scope="module")
def au_site(tiny_built: tuple[CheckResult, Path], tmp_path_factory: pytest.TempPathFactory) -> Any:
    import zipfile

    _, out = tiny_built
    root = tmp_path_factory.mktemp("cmi5")
    with zipfile.ZipFile(out / "KE" / "instructor" / "lms" / "cmi5.zip") as zf:
        zf.extractall(root / "pkg")
    (root / "lms.html").write_text(HOST, encoding="utf-8")
    with serve(root) as base:
        yield base


class FakeLms:
    """The LMS side of a cmi5 launch, answered through Playwright routes on the AU's origin:
    statements go on to the real LRS; the State API (which ralph lacks) is kept here."""

    def __init__(self, base: str, lrs: Ralph, activity: str, registration: str) -> None:
        self.base, self.lrs, self.activity, self.registration = base, lrs, activity, registration
        self.session = str(uuid.uuid4())
        self.state: dict[str, str] = {}
        self.statuses: list[int] = []
        self.auth = base64.b64encode(b"lms:secret").decode()

    def launch_data(self) -> dict[str, Any]:
        return {
            "contextTemplate": {"extensions": {SESSION_EXT: self.session}},
            "launchMode": "Normal",
            "moveOn": "CompletedAndPassed",
            "masteryScore": 0.6,
        }

    def handle(self, route: Any) -> None:
        req = route.request
        url = urllib.parse.urlparse(req.url)
        if url.path.endswith("/lms/fetch"):
            route.fulfill(json={"auth-token": self.auth})
        elif url.path.endswith("/activities/state"):
            self._state(route, urllib.parse.parse_qs(url.query)["stateId"][0])
        elif url.path.endswith("/statements"):
            status = self.lrs.post((req.post_data or "").encode("utf-8"))
            self.statuses.append(status)
            route.fulfill(status=status, json=[])
        else:
            route.fulfill(status=404, body="")

    def _state(self, route: Any, state_id: str) -> None:
        req = route.request
        if state_id == "LMS.LaunchData":
            route.fulfill(json=self.launch_data())
        elif req.method == "PUT":
            self.state[state_id] = req.post_data or ""
            route.fulfill(status=204, body="")
        elif state_id in self.state:
            route.fulfill(status=200, body=self.state[state_id], content_type="application/json")
        else:
            route.fulfill(status=404, body="")

    def launched(self) -> None:
        """Send the LMS's own "launched" statement to the LRS."""
        statement = {
            "id": str(uuid.uuid4()),
            "actor": ACTOR,
            "verb": {"id": "http://adlnet.gov/expapi/verbs/launched"},
            "object": {"id": self.activity, "objectType": "Activity"},
            "context": {
                "registration": self.registration,
                "extensions": {SESSION_EXT: self.session},
            },
        }
        assert self.lrs.post(json.dumps(statement).encode()) == 200

    def url(self, page: str) -> str:
        q = urllib.parse.urlencode(
            {
                "endpoint": f"{self.base}/lms/xapi/",
                "fetch": f"{self.base}/lms/fetch",
                "actor": json.dumps(ACTOR),
                "registration": self.registration,
                "activityId": self.activity,
            }
        )
        return f"{self.base}/pkg/{page}?{q}"


ACTOR = {"objectType": "Agent", "account": {"homePage": "https://lms.example.org", "name": "t-42"}}


def run_au(browser: Any, lms: FakeLms, page_name: str, answer: Any, tries: int) -> Any:
    """Launch the AU as the LMS would, let ``answer`` act as the learner, wait until the state
    after the ``tries``-th check reached the LMS, then leave the page."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route(f"{lms.base}/lms/**", lms.handle)
    lms.launched()
    page.add_init_script(f"window.__LAUNCH__ = {json.dumps(lms.url(page_name))};")
    page.goto(f"{lms.base}/lms.html")
    frame = page.frame_locator("#au")
    frame.locator("form.quiz-form").wait_for()
    answer(frame)
    end = time.monotonic() + 30
    while f'"t":{tries}' not in lms.state.get("suspend_data", ""):
        assert time.monotonic() < end, lms.state  # the state after the check reached the LMS
        page.wait_for_timeout(100)
    # the page's own unload handler (pagehide), fired while the page still runs so that the test
    # can serve the terminated statement's request; then the learner really leaves
    page.evaluate(
        "document.getElementById('au').contentWindow.dispatchEvent(new Event('pagehide'))"
    )
    return page, errors


def wait_for(
    page: Any, lrs: Ralph, registration: str, verb: str, count: int = 1
) -> list[dict[str, Any]]:
    """Wait (serving the page's routes meanwhile) until the LRS holds ``count`` ``verb``s."""
    end = time.monotonic() + 60
    while True:
        got = lrs.statements(registration)
        if sum(s["verb"]["id"].endswith("/" + verb) for s in got) >= count:
            return got
        assert time.monotonic() < end, [s["verb"]["id"] for s in got]
        page.wait_for_timeout(200)


def test_cmi5_statements_fail_then_pass(
    pack_browser: Any, lrs: Ralph, au_site: str, tiny_built: tuple[CheckResult, Path]
) -> None:
    result, _ = tiny_built
    assert result.curriculum is not None
    content = build_content(result.curriculum, result.course.plan("KE"))
    quiz = content.modules[0].quiz
    assert quiz is not None
    activity = f"{scope(content)}course/au/m-intro"
    registration = str(uuid.uuid4())
    lms = FakeLms(au_site, lrs, activity, registration)

    def fail(frame: Any) -> None:
        fill(frame, quiz, shown_quiz(frame), {0})
        submit(frame)

    page, errors = run_au(pack_browser, lms, "intro.html", fail, 1)
    got = wait_for(page, lrs, registration, "terminated")
    page.evaluate("document.getElementById('au').src = 'about:blank'")
    page.close()
    verbs = [s["verb"]["id"].rsplit("/", 1)[1] for s in got]
    assert "failed" in verbs and "passed" not in verbs
    # second session: the answers come back from the AU's state, then a pass
    lms.session = str(uuid.uuid4())

    def passing(frame: Any) -> None:
        assert frame.locator(right_choice(quiz)).is_checked()
        fill(frame, quiz, shown_quiz(frame), set(range(len(quiz.questions))))
        submit(frame)

    page, errors2 = run_au(pack_browser, lms, "intro.html", passing, 2)
    got = wait_for(page, lrs, registration, "terminated", 2)
    page.evaluate("document.getElementById('au').src = 'about:blank'")
    page.close()
    assert errors == [] and errors2 == []
    assert set(lms.statuses) == {200}  # ralph accepted every statement the AU sent
    check_statements(got, registration, activity, len(quiz.questions))


def check_statements(
    got: list[dict[str, Any]], registration: str, activity: str, questions: int
) -> None:
    """Assert the statements of a fail-then-pass learner: every verb, the registration, the
    session id, the activity ids and the categories."""
    verbs = [s["verb"]["id"].rsplit("/", 1)[1] for s in got]
    for verb in ("launched", "initialized", "answered", "failed", "passed", "completed"):
        assert verb in verbs, verbs
    assert verbs.count("answered") == 2 * questions
    assert verbs.count("completed") == 1
    for s in got:
        assert s["context"]["registration"] == registration
        assert SESSION_EXT in s["context"]["extensions"]
        cats = [c["id"] for c in s["context"].get("contextActivities", {}).get("category", [])]
        if s["verb"]["id"].endswith("/answered"):  # a cmi5 "allowed" statement
            assert s["object"]["id"].startswith(activity + "/question/")
            assert CMI5 not in cats
        elif not s["verb"]["id"].endswith("/launched"):
            assert CMI5 in cats
        else:
            assert s["object"]["id"] == activity
    passed = next(s for s in got if s["verb"]["id"].endswith("/passed"))
    assert passed["result"]["score"]["scaled"] == 1
    assert passed["result"]["success"] is True
    assert passed["result"]["duration"].startswith("PT")
    cats = [c["id"] for c in passed["context"]["contextActivities"]["category"]]
    assert "https://w3id.org/xapi/cmi5/context/categories/moveon" in cats
