"""The ranker's fitting (tools/fit_answerer.py): a conditional logit over each question's
candidates, calibrated into P(answer sentence)."""

from __future__ import annotations

import importlib.util

import numpy as np

from tests.support.corpora import REPO_ROOT

_spec = importlib.util.spec_from_file_location("fit_answerer", REPO_ROOT / "tools" / "fit_answerer.py")
assert _spec is not None and _spec.loader is not None
fit_answerer = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fit_answerer)


def _questions(n: int, seed: int) -> list[tuple[np.ndarray, np.ndarray, float]]:
    """Questions of 8 candidates each: feature 0 marks the answer sentence (plus noise); feature 1
    is a per-question offset shared by all its candidates, which says nothing about which one
    answers."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        y = np.zeros(8, dtype=bool)
        y[rng.integers(8)] = True
        x = np.column_stack([y + rng.normal(0, 0.6, 8), np.full(8, rng.normal(0, 3))])
        out.append((x, y, 1.0))
    return out


def test_the_conditional_logit_ranks_the_answer_first_and_ignores_question_offsets():
    model = fit_answerer.ConditionalLogit().fit(_questions(300, 1))
    test = _questions(200, 2)
    top1 = np.mean([y[np.argmax(model.predict_proba(x)[:, 1])] for x, y, _ in test])
    assert top1 > 0.5  # one candidate in 8 by chance; the noise keeps the best near 0.7
    w = model.coef_[0]
    assert w[0] > 0 and abs(w[1]) < 0.1 * w[0]  # the shared offset carries no weight


def test_its_probabilities_grow_with_the_score_and_stay_in_range():
    model = fit_answerer.ConditionalLogit().fit(_questions(200, 3))
    x = np.column_stack([np.linspace(-2, 3, 50), np.zeros(50)])
    p = model.predict_proba(x)
    assert np.all(np.diff(p[:, 1]) > 0)
    assert np.all((p >= 0) & (p <= 1)) and np.allclose(p.sum(axis=1), 1.0)


def _corpus(name: str, n: int, marker: int, seed: int) -> list[dict]:
    """n questions of 6 candidates in which feature `marker` (of two) marks the answer sentence."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        y = np.zeros(6, dtype=bool)
        y[rng.integers(6)] = True
        x = rng.normal(0, 1, (6, 2))
        x[:, marker] += 1.5 * y
        out.append({"set": name, "answerable": True, "x": x, "y": y})
    return out


def test_each_corpus_weighs_the_same_in_the_ranker_fit():
    # A public set of 2,000 questions answered by feature 0 and a news corpus of 60 answered by
    # feature 1: weighed per question, the news corpus's feature would count for little.
    questions = _corpus("public", 2000, 0, 4) + _corpus("news", 60, 1, 5)
    _, model = fit_answerer.fit_model(questions)
    w = model.coef_[0]
    assert w[1] > 0.6 * w[0] > 0


def test_the_committed_weights_were_fitted_on_the_sets_the_script_fits_by_default():
    """weights.json is the script's output on the repository's data: a development corpus added
    (or removed) without refitting fails here."""
    import json

    weights = json.loads((REPO_ROOT / "bot" / "answering" / "weights.json").read_text(encoding="utf-8"))
    dev = {p.parent.name for p in (REPO_ROOT / "tests" / "data" / "dev").glob("*/questions.jsonl")}
    assert set(weights["fitted_on"]) == set(fit_answerer.SETS) | dev
    assert weights["misleading_cost"] == fit_answerer.MISLEADING_COST
