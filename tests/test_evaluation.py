"""The evaluation's parts: normalisation, question files, tallies (bot/evaluation.py)."""

from __future__ import annotations

import pytest

from bot.evaluation import Tally, load_questions, norm


def test_norm_folds_what_the_scorer_ignores():
    assert (
        norm("  The \u201cPCC\u201d\u2019s   *chair*\u2014Aurangzeb \\$5 ")
        == 'the "pcc"\'s chair-aurangzeb $5'
    )
    assert norm(None) == ""  # type: ignore[arg-type]


def test_a_bad_question_line_is_named_by_file_and_line(tmp_path):
    path = tmp_path / "q.jsonl"
    good = '{"id": "q1", "kind": "ask", "question": "Who chairs the PCC?", "all_of": [["Aurangzeb"]]}'
    path.write_text(f"{good}\n\n" + '{"id": "q2", "kind": "guess", "question": "Who?"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"q\.jsonl:3: kind: "):
        load_questions(path)
    path.write_text(f"{good}\n", encoding="utf-8")
    [row] = load_questions(path)
    assert (row.id, row.kind, row.all_of, row.need) == ("q1", "ask", [["Aurangzeb"]], 1)


def test_rates_and_added_tallies():
    a = Tally(n_ask=4, found=3, n_abstain=2, near_abstained=1, misleading=1, answers=2, answer_words=30)
    b = Tally(n_ask=4, found=1, misses=["kept apart"])
    rates = a.rates()
    assert (rates["found"], rates["near_abstained"], rates["words"]) == (0.75, 0.5, 15.0)
    assert rates["misleading"] == pytest.approx(1 / 6)
    assert Tally().rates()["found"] == 1.0  # nothing asked: nothing missed
    a.add(b)
    assert (a.n_ask, a.found, a.misses) == (8, 4, [])
