"""The incremental check: after any sequence of edits, a check through the cache (on disk, as
``curriculum check`` runs it, or in memory, as the preview does) finds exactly what a cold check
finds; a corrupt, foreign or vanished cache is ignored and rebuilt."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.load.cache import FOLDER, MAGIC, PACK, CheckCache, decode, encode
from builder.validate.orchestrator import CheckResult, check_again, check_curriculum
from builder.validate.quick import QuickResult, quick_check

MINIMAL = Path(__file__).parent / "minimal"
PROJECT = Path(__file__).resolve().parents[2]


def same(a: CheckResult, b: CheckResult) -> None:
    """Assert that two checks found the same (diagnostics, texts, order, curriculum)."""
    assert a.diagnostics == b.diagnostics
    assert a.texts == b.texts
    assert a.order == b.order
    assert a.curriculum == b.curriculum
    assert a.assembled == b.assembled
    assert (a.course is None) == (b.course is None)


def _sub(root: Path, rel: str, pattern: str, new: str) -> None:
    path = root / rel
    if path.is_file():
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(pattern, new, text, count=1, flags=re.M), encoding="utf-8")


def _title(root: Path, n: int) -> None:
    _sub(root, "modules/risk.md", r"^title: .*$", f"title: Risk {n}")


def _add_prerequisite(root: Path, n: int) -> None:
    target = ["data", "intro", "risk", "nowhere"][n % 4]
    _sub(root, "modules/data.md", r"^prerequisites: \[", f"prerequisites: [{target}, ")


def _break_quiz(root: Path, n: int) -> None:
    (root / "quizzes/intro.yml").write_text("questions: [\n  - {id: q1", encoding="utf-8")


def _delete_translation(root: Path, n: int) -> None:
    for rel in ("modules/intro.fr.md", "quizzes/intro.fr.yml")[n % 2 :]:
        (root / rel).unlink(missing_ok=True)


def _body(root: Path, n: int) -> None:
    with (root / "modules/intro.md").open("a", encoding="utf-8") as f:
        f.write(f"\nMore text {n}, see [risk](module:risk) and [x](module:gone{n}).\n")


def _heading(root: Path, n: int) -> None:
    with (root / "modules/risk.md").open("a", encoding="utf-8") as f:
        f.write(f"\n## Heading {n % 3}\n\nSee [intro](module:intro#heading-{n % 2}).\n")


def _swap_front(root: Path, n: int) -> None:
    """Swap two lines of the front matter: the model stays, the positions move."""
    path = root / "modules/risk.md"
    if path.is_file():
        lines = path.read_text(encoding="utf-8").split("\n")
        i = 1 + n % 3
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
        path.write_text("\n".join(lines), encoding="utf-8")


def _image(root: Path, n: int) -> None:
    with (root / "modules/intro.md").open("a", encoding="utf-8") as f:
        f.write(f"\n![A figure](fig{n % 2}.png) and ![](fig{n % 3}.svg)\n")


def _figure(root: Path, n: int) -> None:
    """Add or remove a figure file (the disk, not a source file, changes)."""
    path = root / "modules" / f"fig{n % 3}.{'png' if n % 2 else 'svg'}"
    if path.exists():
        path.unlink()
    else:
        path.write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'/>" if n % 2 == 0 else b"png")


def _translation_body(root: Path, n: int) -> None:
    path = root / "modules/intro.fr.md"
    if path.is_file():
        with path.open("a", encoding="utf-8") as f:
            f.write(f"\nEncore {n}, voir [x](module:gone{n}).\n")


def _programme(root: Path, n: int) -> None:
    if n % 2:
        _sub(root, "curriculum/programme.yml", r"^languages: .*$", "languages: [en]")
    else:
        _sub(root, "curriculum/programme.yml", r"^  - \{id: advanced.*\n", "")


def _standards(root: Path, n: int) -> None:
    _sub(root, "curriculum/standards.yml", r"^  - \{id: P1-S4.*\n", "")


def _new_module(root: Path, n: int) -> None:
    text = (MINIMAL / "modules/data.md").read_text(encoding="utf-8")
    text = re.sub(r"^id: data$", f"id: extra{n}", text, flags=re.M)
    (root / f"modules/extra{n}.md").write_text(text, encoding="utf-8")


def _delete_module(root: Path, n: int) -> None:
    (root / "modules/risk.md").unlink(missing_ok=True)


def _restore(root: Path, n: int) -> None:
    for name in ("modules", "quizzes", "curriculum"):
        shutil.rmtree(root / name, ignore_errors=True)
        shutil.copytree(MINIMAL / name, root / name)


def _spoil_cache(root: Path, n: int) -> None:
    entries = sorted(p for p in (root / FOLDER).rglob("*") if p.is_file())
    if entries:
        victim = entries[n % len(entries)]
        data = victim.read_bytes()
        victim.write_bytes([b"", data[: len(data) // 2], b"junk" * 9, data[:-1] + b"x"][n % 4])


EDITS: list[Callable[[Path, int], None]] = [
    _title,
    _add_prerequisite,
    _break_quiz,
    _delete_translation,
    _body,
    _heading,
    _swap_front,
    _image,
    _figure,
    _translation_body,
    _programme,
    _standards,
    _new_module,
    _delete_module,
    _restore,
    _spoil_cache,
]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(EDITS), st.integers(min_value=0, max_value=7)),
        min_size=1,
        max_size=6,
    )
)
def test_incremental_check_equals_cold_check_after_any_edits(
    tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[Callable[[Path, int], None], int]]
) -> None:
    root = tmp_path_factory.mktemp("inc")
    _restore(root, 0)
    memory = CheckCache.at_root(root, memory=True)
    same(check_curriculum(root, CheckCache.at_root(root)), check_curriculum(root))
    last = check_curriculum(root, memory)
    for edit, n in edits:
        edit(root, n)
        cold = check_curriculum(root)
        same_quick(quick_check(root, CheckCache.at_root(root)), cold)  # from the last snapshot
        same(check_curriculum(root, CheckCache.at_root(root)), cold)
        last = check_again(root, memory, last)  # as the preview checks: quick in memory
        same(last, cold)
        same_quick(quick_check(root, CheckCache.at_root(root)), cold)  # nothing changed since


def same_quick(quick: QuickResult | None, cold: CheckResult) -> None:
    """Assert that the quick path, when it answers, reports what a cold check does."""
    if quick is None:
        return
    assert quick.diagnostics == cold.diagnostics
    assert quick.texts == {
        d.path: cold.texts[d.path] for d in cold.diagnostics if d.path in cold.texts
    }
    assert quick.ok() == cold.ok() and quick.ok(strict=True) == cold.ok(strict=True)


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped curriculum."""
    for name in ("modules", "quizzes", "curriculum"):
        shutil.copytree(PROJECT / name, tmp_path / name)
    return tmp_path


def test_hidden_style_sequence_on_the_shipped_curriculum(shipped: Path) -> None:
    """Rename a title, add a prerequisite, break then fix a quiz, delete a translation."""
    root = shipped
    quiz = root / "quizzes/p1-risk-management.yml"
    original = quiz.read_text(encoding="utf-8")
    translation = sorted((root / "modules").glob("*.fr.md"))[0]

    def rename() -> None:
        _sub(root, "modules/p1-risk-management.md", r"^title: .*$", "title: Risk, renamed")

    def prerequisite() -> None:
        _sub(root, "modules/p1-risk-management.md", r"^prerequisites: \[", "prerequisites: [p3-")

    steps = [
        rename,
        prerequisite,
        lambda: quiz.write_text(original + "\n  - {id: broken", encoding="utf-8"),
        lambda: quiz.write_text(original, encoding="utf-8"),
        translation.unlink,
    ]
    check_curriculum(root, CheckCache.at_root(root))
    for step in steps:
        step()
        same(check_curriculum(root, CheckCache.at_root(root)), check_curriculum(root))


def test_a_warm_check_parses_nothing_again(shipped: Path) -> None:
    cold = CheckCache.at_root(shipped)
    check_curriculum(shipped, cold)
    assert cold.hits == 0 and cold.misses > 0
    warm = CheckCache.at_root(shipped)
    check_curriculum(shipped, warm)
    assert warm.misses == 0 and warm.hits >= cold.misses


def test_one_edited_body_reruns_only_that_files_work(shipped: Path) -> None:
    check_curriculum(shipped, CheckCache.at_root(shipped))
    with (shipped / "modules/p1-risk-management.md").open("a", encoding="utf-8") as f:
        f.write("\nOne more paragraph.\n")
    warm = CheckCache.at_root(shipped)
    check_curriculum(shipped, warm)
    # its parse and its own checks (text values, front matter, body, links); nothing else
    assert warm.misses == 2


def test_every_entry_is_checksummed() -> None:
    payload = b"payload"
    assert decode(encode(payload)) == payload
    assert decode(encode(payload)[:-1]) is None
    assert decode(b"x" + encode(payload)[1:]) is None
    assert decode(MAGIC) is None


def test_a_foreign_entry_that_would_run_code_is_not_trusted(shipped: Path) -> None:
    """A well-formed entry whose pickle names a function is a miss, not a call."""
    import pickle

    cache = CheckCache.at_root(shipped)
    check_curriculum(shipped, cache)
    entries = [p for p in (shipped / FOLDER).rglob("*") if p.is_file()]
    marker = shipped / "ran"
    evil = pickle.dumps((os.system, (f"touch {marker}",)))
    hostile = pickle.dumps(_Evil(str(marker)))
    for i, entry in enumerate(entries):
        entry.write_bytes(encode(hostile if i % 2 else evil))
    assert any(e.name == PACK for e in entries)
    same(check_curriculum(shipped, CheckCache.at_root(shipped)), check_curriculum(shipped))
    assert not marker.exists()


class _Evil:
    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, ...]:
        return (os.system, (f"touch {self.path}",))


def test_a_pack_of_other_entries_is_ignored(shipped: Path) -> None:
    """A pack naming keys with payloads of other entries, or not a dict at all, is no help."""
    import pickle

    check_curriculum(shipped, CheckCache.at_root(shipped))
    (pack,) = [p for p in (shipped / FOLDER).rglob(PACK)]
    for spoiled in (pickle.dumps([1, 2]), pickle.dumps({"k": "not bytes"}), b"junk"):
        pack.write_bytes(encode(spoiled))
        same(check_curriculum(shipped, CheckCache.at_root(shipped)), check_curriculum(shipped))
    packed = pickle.loads(decode(pack.read_bytes()) or b"")
    keys = sorted(packed)
    shuffled = dict(zip(keys, [packed[k] for k in keys[1:] + keys[:1]], strict=True))
    pack.write_bytes(encode(pickle.dumps(shuffled)))
    assert check_curriculum(shipped, CheckCache.at_root(shipped)).diagnostics is not None


def test_a_cache_folder_that_is_a_file_is_ignored(shipped: Path) -> None:
    (shipped / "build").mkdir()
    (shipped / "build/.cache").write_text("not a folder", encoding="utf-8")
    same(check_curriculum(shipped, CheckCache.at_root(shipped)), check_curriculum(shipped))


def test_concurrent_checks_share_the_cache_safely(shipped: Path) -> None:
    """Four `curriculum check` processes at once on a cold cache; then a warm one: all agree."""
    cmd = [sys.executable, "-m", "builder", "check", "--format", "json", str(shipped)]
    runs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True) for _ in range(4)]
    outputs = {p.communicate()[0] for p in runs}
    warm = subprocess.run(cmd, capture_output=True, text=True, check=False).stdout
    cold = subprocess.run([*cmd, "--no-cache"], capture_output=True, text=True, check=False)
    assert outputs == {warm} == {cold.stdout}
    assert any((shipped / FOLDER).rglob("*"))


def test_the_quick_path_answers_a_body_edit_and_refuses_more(tmp_path: Path) -> None:
    """A body edit is re-checked from the snapshot (a new broken link shows, a figure deleted
    on disk shows); an edit of a heading, a title or a translation goes to the full check."""
    root = tmp_path
    _restore(root, 0)
    (root / "modules/fig0.png").write_bytes(b"png")
    _image(root, 0)
    check_curriculum(root, CheckCache.at_root(root))
    _body(root, 1)
    quick = quick_check(root, CheckCache.at_root(root))
    assert quick is not None
    assert any("gone1" in d.message for d in quick.diagnostics)
    same_quick(quick, check_curriculum(root))
    (root / "modules/fig0.png").unlink()
    quick = quick_check(root, CheckCache.at_root(root))
    assert quick is not None and any(d.code == "image.missing" for d in quick.diagnostics)
    same_quick(quick, check_curriculum(root))
    for edit in (_heading, _swap_front, _title, _translation_body, _new_module):
        check_curriculum(root, CheckCache.at_root(root))
        edit(root, 1)
        assert quick_check(root, CheckCache.at_root(root)) is None, edit.__name__


def test_check_on_the_command_line_takes_the_quick_path(tmp_path: Path) -> None:
    """``curriculum check`` after a body edit prints what a cold check prints."""
    root = tmp_path
    _restore(root, 0)
    run = [sys.executable, "-m", "builder", "check", str(root)]
    subprocess.run(run, capture_output=True, check=False)
    _body(root, 3)
    warm = subprocess.run(run, capture_output=True, text=True, check=False)
    cold = subprocess.run([*run, "--no-cache"], capture_output=True, text=True, check=False)
    assert (warm.returncode, warm.stdout, warm.stderr) == (
        cold.returncode,
        cold.stdout,
        cold.stderr,
    )
    assert "gone3" in warm.stderr


#: Runs ``curriculum check`` in this process, then says which heavy modules it imported.
_IMPORTS = """
import sys
from builder.cli import main
sys.argv = ["curriculum", "check", sys.argv[1]]
try:
    main()
except SystemExit:
    pass
print(sorted(m for m in ("pydantic", "yaml", "builder.load.loader") if m in sys.modules))
"""


def test_the_quick_path_loads_no_model(tmp_path: Path) -> None:
    """A warm check after a body edit neither loads a front matter nor imports the loader,
    PyYAML or pydantic (most of a fresh process's time); a title edit needs them all."""
    import time

    from builder.load.files import SETTLED

    root = tmp_path
    _restore(root, 0)
    run = [sys.executable, "-c", _IMPORTS, str(root)]
    time.sleep(SETTLED / 1e9 + 0.1)  # until then the folders are listed again (by the loader)
    subprocess.run(run, capture_output=True, check=False)
    _body(root, 5)
    quick = subprocess.run(run, capture_output=True, text=True, check=False)
    assert quick.stdout.strip().splitlines()[-1] == "[]"
    assert "gone5" in quick.stderr
    _title(root, 5)
    full = subprocess.run(run, capture_output=True, text=True, check=False)
    assert full.stdout.strip().splitlines()[-1] == "['builder.load.loader', 'pydantic', 'yaml']"


def test_the_previews_check_replays_a_body_edit_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview's check after an edit (``check_again``): a body edit is answered from the
    snapshot in memory (no full check), with the new body in the curriculum; the folders'
    stats stand for their listings once they are trusted, so a file added, removed or renamed
    still goes to the full check. Every answer is the cold check's."""
    import time

    import builder.load.files as files
    import builder.validate.orchestrator as orchestrator

    monkeypatch.setattr(files, "SETTLED", 0)  # stats are trusted at once (edits wait)
    root = tmp_path
    _restore(root, 0)
    memory = CheckCache.at_root(root, memory=True)
    last = check_curriculum(root, memory)
    full = orchestrator.check_curriculum
    calls: list[str] = []

    def counted(*args: object, **kwargs: object) -> CheckResult:
        calls.append("full")
        return full(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(orchestrator, "check_curriculum", counted)
    steps: list[tuple[Callable[[Path], None], bool]] = [
        (lambda r: _body(r, 1), True),
        (lambda r: _body(r, 2), True),
        (lambda r: _new_module(r, 1), False),
        (lambda r: _body(r, 3), True),
        (lambda r: (r / "modules/extra1.md").unlink(), False),
        (lambda r: (r / "modules/data.md").rename(r / "modules/data2.md"), False),
        (lambda r: (r / "modules/data2.md").rename(r / "modules/data.md"), False),
        (lambda r: (r / "quizzes/.hidden.yml").write_text("x", encoding="utf-8"), True),
        (lambda r: _heading(r, 1), False),
        (lambda r: _body(r, 4), True),
    ]
    for edit, quick in steps:
        time.sleep(0.02)  # a stat trusted at once must not share a clock tick with an edit
        edit(root)
        time.sleep(0.02)
        calls.clear()
        last = check_again(root, memory, last)
        same(last, full(root))
        assert calls == ([] if quick else ["full"])
    assert last.assembled is not None and "More text 4" in last.assembled.modules["intro"].body


def test_the_quick_paths_folders_are_those_the_loader_lists(tmp_path: Path) -> None:
    """Every file the loader reads is at a fixed path or in a folder of ``SCANNED`` (whose stat
    the quick path takes for its listing)."""
    from builder.load.files import SCANNED
    from builder.load.loader import file_tasks

    root = tmp_path
    _restore(root, 0)
    (root / "curriculum/programme.fr.yml").write_text("x", encoding="utf-8")
    fixed = {"curriculum/programme.yml", "curriculum/standards.yml", "curriculum/glossary.yml"}
    for path, _ in file_tasks(root):
        rel = path.relative_to(root).as_posix()
        assert rel in fixed or rel.rsplit("/", 1)[0] in SCANNED, rel
