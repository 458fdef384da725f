"""Support for the LMS package tests: the official schemas, the scorm-again harness served on
loopback, and the correct answers of a quiz as the quiz script encodes them."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from builder.packs.content.content import LocalQuestion, LocalQuiz

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = (ROOT / ".." / "shared" / "schemas").resolve()
SCORM_AGAIN = ROOT / ".cache" / "scorm-again"
SCORM_AGAIN_DIST = SCORM_AGAIN / "node_modules" / "scorm-again" / "dist"
RALPH = ROOT / ".cache" / "ralph" / "bin" / "ralph"

HARNESS = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>harness</title><link rel="icon" href="data:,">
<script src="dist/scorm-again.js"></script></head>
<body><iframe id="sco" title="sco" style="width:900px;height:700px"></iframe>
<script>
const c = window.__HARNESS__, v12 = c.version === "1.2";
const api = v12 ? new Scorm12API(c.settings) : new Scorm2004API(c.settings);
if (c.state) api.loadFromJSON(c.state);
window.__sets = [];
window.__calls = [];
api.on(v12 ? "LMSSetValue.cmi.*" : "SetValue.cmi.*", (el, v) => window.__sets.push([el, v]));
api.on(v12 ? "LMSCommit" : "Commit", () => window.__calls.push("commit"));
api.on(v12 ? "LMSGetValue.cmi.*" : "GetValue.cmi.*", (el) => window.__calls.push("get " + el));
api.on(v12 ? "LMSFinish" : "Terminate", () => {
  window.__final = JSON.parse(JSON.stringify(api.renderCommitCMI(true)));
});
window[v12 ? "API" : "API_1484_11"] = api;
window.__api = api;
document.getElementById("sco").src = c.sco;
</script></body></html>
"""


def scorm12_schema() -> Any:
    """Return the SCORM 1.2 content-packaging schemas (XSD 1.1, local files only)."""
    import xmlschema

    d, w3c = SCHEMAS / "scorm-1.2", (SCHEMAS / "scorm-2004-4th" / "xml.xsd").as_uri()
    return xmlschema.XMLSchema11(
        [
            str(d / f)
            for f in ("imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd")
        ],
        allow="local",
        uri_mapper=lambda uri: w3c if uri.endswith("/ims_xml.xsd") else uri,
    )


def scorm2004_schema() -> Any:
    """Return the SCORM 2004 4th edition schemas (local files only)."""
    import xmlschema

    d = SCHEMAS / "scorm-2004-4th"
    names = ("imscp_v1p1.xsd", "adlcp_v1p3.xsd", "adlseq_v1p3.xsd", "adlnav_v1p3.xsd")
    return xmlschema.XMLSchema(
        [str(d / f) for f in (*names, "imsss_v1p0.xsd", "lom.xsd")], allow="local"
    )


def cmi5_schema() -> Any:
    """Return the cmi5 course structure schema."""
    import xmlschema

    return xmlschema.XMLSchema(str(SCHEMAS / "cmi5" / "CourseStructure.xsd"), allow="local")


def install_scorm_again() -> bool:
    """Install scorm-again 3.4.3 into the ignored cache (./dev setup does it too)."""
    if (SCORM_AGAIN_DIST / "scorm-again.js").exists():
        return True
    if shutil.which("npm") is None:
        return False
    cmd = ["npm", "install", "--prefix", str(SCORM_AGAIN), "--no-save", "--no-audit", "--no-fund"]
    subprocess.run([*cmd, "scorm-again@3.4.3"], check=True, capture_output=True)
    return (SCORM_AGAIN_DIST / "scorm-again.js").exists()


def free_port() -> int:
    """Return a free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on loopback; yield its base URL."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_port(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _wait_port(port: int, timeout: float = 20.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port}")


def harness_folder(folder: Path, package: Path) -> Path:
    """Lay out ``folder``: the harness page, scorm-again's dist/ and the unzipped package."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "harness.html").write_text(HARNESS, encoding="utf-8")
    if not (folder / "dist").exists():
        shutil.copytree(SCORM_AGAIN_DIST, folder / "dist")
    with zipfile.ZipFile(package) as zf:
        zf.extractall(folder / "pkg")
    return folder


def right_answer(q: LocalQuestion, shown: dict[str, Any]) -> str:
    """Return the right answer to ``q`` as quiz.js encodes answers (one string per question),
    given the question as the page shows it (``shown``: exams shuffle pairs and items)."""
    if q.type in ("single", "multiple"):
        return ",".join(str(i) for i, o in enumerate(q.options) if o.correct)
    if q.type == "true-false":
        return "true" if q.answer else "false"
    if q.type == "short":
        return q.answers[0]
    if q.type == "numeric":
        return str(q.value)
    if q.type == "match":
        rights = [p["right"] for p in shown["pairs"]]
        return ",".join(str(rights.index(right)) for _, right in q.pairs)
    return ",".join(str(q.items.index(item) + 1) for item in shown["items"])


def fill(frame: Any, quiz: LocalQuiz, shown: dict[str, Any], right: set[int]) -> None:
    """Answer the questions whose index is in ``right`` correctly, in the page, as a learner
    would (clicks, typing, choosing in lists); leave the others blank."""
    asked = [q for q in quiz.questions if q.type != "task"]  # tasks are marked by instructors
    for qi, (q, s) in enumerate(zip(asked, shown["questions"], strict=True)):
        if qi not in right:
            continue
        answer = right_answer(q, s)
        if q.type in ("short", "numeric"):
            frame.locator(f"#q{qi}-in").fill(answer)
        elif q.type in ("match", "order"):
            for i, value in enumerate(answer.split(",")):
                frame.locator(f"select[name='q{qi}-{i}']").select_option(value)
        else:
            for value in answer.split(","):
                frame.locator(f"input[name='q{qi}'][value='{value}']").check()


def shown_quiz(frame: Any) -> dict[str, Any]:
    """Return the quiz data of the page in ``frame``."""
    return dict(json.loads(frame.locator("#quiz-data").text_content()))


class Ralph:
    """ralph's xAPI server with its file-system backend, run on loopback for the cmi5 tests.

    That backend writes each POST as a new file and refuses a second one, so :meth:`keep` moves
    each accepted write aside; :meth:`statements` reads them all back. ralph still checks every
    statement against its xAPI models (a malformed statement is refused with an error)."""

    def __init__(self, app_dir: Path, base: str) -> None:
        self.app_dir, self.base, self.kept = app_dir, base, 0

    def keep(self) -> None:
        """Move the last accepted write aside, so that the next POST can be stored."""
        data = self.app_dir / "data" / "fs_lrs.jsonl"
        if data.exists():
            self.kept += 1
            data.rename(self.app_dir / "data" / f"kept-{self.kept:05d}.jsonl")

    def post(self, statements: bytes) -> int:
        """POST ``statements`` (JSON) to the LRS as the LMS; return the HTTP status."""
        import base64
        import urllib.error
        import urllib.request

        req = urllib.request.Request(self.base + "statements", data=statements, method="POST")
        req.add_header("Authorization", "Basic " + base64.b64encode(b"lms:secret").decode())
        req.add_header("X-Experience-API-Version", "1.0.3")
        req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=20) as resp:
                status = int(resp.status)
        except urllib.error.HTTPError as err:
            status = err.code
        self.keep()
        return status

    def statements(self, registration: str) -> list[dict[str, Any]]:
        """Return every stored statement of ``registration``, in the order they were stored."""
        out = []
        for path in sorted((self.app_dir / "data").glob("kept-*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                s = json.loads(line)
                if s.get("context", {}).get("registration") == registration:
                    out.append(s)
        return out


@contextmanager
def ralph_lrs(app_dir: Path) -> Iterator[Ralph]:
    """Run ralph (file-system backend) on loopback; yield it (basic auth ``lms:secret``)."""
    import os

    env = {**os.environ, "RALPH_APP_DIR": str(app_dir), "RALPH_RUNSERVER_BACKEND": "fs"}
    auth = [str(RALPH), "auth", "-u", "lms", "-p", "secret", "-s", "all"]
    subprocess.run(
        [*auth, "-A", "lms", "https://lms.example.org", "-w"],
        env=env,
        check=True,
        capture_output=True,
    )
    port = free_port()
    proc = subprocess.Popen(
        [
            str(RALPH),
            "runserver",
            "-b",
            "fs",
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "--fs-default-directory-path",
            str(app_dir / "data"),
        ],
        env=env,
        cwd=app_dir,  # runserver reloads on changes under its working folder
        stdout=(app_dir / "ralph.log").open("wb"),
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_port(port, timeout=60)
        yield Ralph(app_dir, f"http://127.0.0.1:{port}/xAPI/")
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def submit(frame: Any) -> None:
    """Check the quiz as a learner: click the check button, and again if the quiz first warns
    about unanswered questions."""
    button = frame.locator("form.quiz-form button[type=submit]")
    button.click()
    warning = frame.locator("form.quiz-form .unanswered")
    if warning.count() and warning.first.is_visible():
        button.click()


def right_choice(quiz: LocalQuiz) -> str:
    """Return the CSS selector of the right option of the quiz's first question (single)."""
    q = quiz.questions[0]
    assert q.type == "single"
    right = next(i for i, o in enumerate(q.options) if o.correct)
    return f"input[name='q0'][value='{right}']"
