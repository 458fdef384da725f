"""Properties of the seeded shuffles and of exam forms drawn from blueprints (hypothesis)."""

from __future__ import annotations

import dataclasses
from collections import Counter
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.assess.forms import draw_exam, plan_exams, target, track_exam
from builder.assess.shuffle import display_orders, permutation, seed
from builder.model import BlueprintEntry, Curriculum, Option, Question, Quiz, QuizMeta
from tests.core.test_plan import shipped

keys = st.text(min_size=1, max_size=12)


@given(st.integers(0, 12), keys, st.sets(st.integers(0, 11)), st.booleans())
def test_permutation_is_a_seeded_permutation_keeping_pinned_places(
    n: int, key: str, pinned: set[int], derange: bool
) -> None:
    order = permutation(n, key, fixed=pinned, derange=derange)
    assert sorted(order) == list(range(n))
    assert order == permutation(n, key, fixed=pinned, derange=derange)  # same seed, same order
    for i in pinned:
        if i < n:
            assert order[i] == i
    movable = [i for i in range(n) if i not in pinned]
    if derange and len(movable) > 1:
        assert [order[i] for i in movable] != movable


@given(keys, keys)
def test_seed_depends_on_every_part(a: str, b: str) -> None:
    assert seed(a, b) == seed(a, b)
    if (a, b) != (b, a):
        assert seed(a, b) != seed(b, a)


def _question(qid: str, n: int, correct: int, pinned: tuple[int, ...] = (), shuffle: bool = True):
    options = tuple(
        Option(text=f"o{i}", correct=i == correct, feedback="f", fixed=i in pinned)
        for i in range(n)
    )
    return Question(
        id=qid,
        type="single",
        objective="x",
        prompt="p",
        explanation="e",
        options=options,
        shuffle=shuffle,
    )


@given(st.integers(2, 6), st.data())
def test_question_layout_respects_pins_and_opt_out(n: int, data: st.DataObject) -> None:
    correct = data.draw(st.integers(0, n - 1))
    q = _question("q", n, correct, pinned=(n - 1,))
    orders = display_orders("quiz", q)
    assert orders.options[-1] == n - 1  # "none of the above" stays last
    assert sorted(orders.options) == list(range(n))
    off = display_orders("quiz", _question("q", n, correct, shuffle=False))
    assert off.options == tuple(range(n))


def test_correct_positions_are_close_to_uniform() -> None:
    """Over many questions written with the right answer first, the printed position of the
    right answer is spread over every position (chi-square well under the 0.1% critical value)."""
    n, count = 4, 800
    seen = Counter(
        display_orders("bank", _question(f"q{i}", n, 0)).options.index(0) for i in range(count)
    )
    expected = count / n
    chi2 = sum((seen[p] - expected) ** 2 / expected for p in range(n))
    assert chi2 < 16.27, seen


@cache
def cur() -> Curriculum:
    return shipped()


def _blueprinted() -> Quiz:
    found = [q for q in cur().quizzes.values() if q.is_exam and q.meta.blueprint]
    assert found, "the shipped curriculum has exams with blueprints"
    return found[0]


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_forms_draw_only_planned_modules_by_the_blueprint(data: st.DataObject) -> None:
    quiz = _blueprinted()
    track = cur().modules[quiz.meta.module].meta.track
    modules = sorted(m.id for m in cur().modules.values() if m.meta.track == track)
    planned = set(data.draw(st.lists(st.sampled_from(modules), unique=True)))
    country = data.draw(st.sampled_from(["SN", "KE", "GT"]))
    drawn = draw_exam(quiz, track, planned, country)
    assert drawn == draw_exam(quiz, track, planned, country)  # reproducible
    assert len(drawn.forms) == quiz.meta.forms
    for form in drawn.forms:
        ids = [q.id for q in form.questions]
        assert len(ids) == len(set(ids))
        for q in form.questions:
            assert target(quiz.meta.module, q)[0] in planned
        for entry in quiz.meta.blueprint:
            got = sum(1 for q in form.questions if _matches(entry, target(quiz.meta.module, q)))
            assert got <= entry.count
            module = entry.module or (entry.objective or "").split("/")[0]
            pool = [
                q
                for q in quiz.meta.questions
                if _matches(entry, target(quiz.meta.module, q))
                and target(quiz.meta.module, q)[0] in planned
            ]
            if module in planned and len(pool) >= entry.count and entry.module is None:
                assert got == entry.count


def _matches(entry: BlueprintEntry, where: tuple[str, str]) -> bool:
    return where[0] == entry.module if entry.module else "/".join(where) == entry.objective


def test_forms_differ_where_the_pool_allows_and_seeds_differ_by_country() -> None:
    quiz = _blueprinted()
    track = cur().modules[quiz.meta.module].meta.track
    planned = {m.id for m in cur().modules.values() if m.meta.track == track}
    a, b = draw_exam(quiz, track, planned, "SN").forms[:2]
    assert [q.id for q in a.questions] != [q.id for q in b.questions]
    other = draw_exam(quiz, track, planned, "KE").forms[0]
    assert {q.id for q in other.questions} != {q.id for q in a.questions}


def test_without_blueprint_every_eligible_question_is_on_every_form() -> None:
    quiz = _blueprinted()
    plain = dataclasses.replace(
        quiz, meta=QuizMeta.model_validate({**quiz.meta.model_dump(), "blueprint": ()})
    )
    track = cur().modules[quiz.meta.module].meta.track
    planned = {m.id for m in cur().modules.values() if m.meta.track == track}
    drawn = draw_exam(plain, track, planned, "SN")
    assert [q.id for q in drawn.forms[0].questions] == [q.id for q in quiz.meta.questions]
    assert sorted(q.id for q in drawn.forms[1].questions) == sorted(
        q.id for q in quiz.meta.questions
    )


def test_every_shipped_plan_examines_only_its_own_modules() -> None:
    for code in cur().countries:
        from builder.plan.plan import build_plan

        plan = build_plan(cur(), code)
        excluded = {e.module for e in cur().countries[code].profile.exclude}
        for drawn in plan_exams(cur(), plan.order, code):
            assert track_exam(cur(), drawn.track) is drawn.quiz
            for form in drawn.forms:
                for q in form.questions:
                    module = target(drawn.quiz.meta.module, q)[0]
                    assert module in plan.order and module not in excluded
