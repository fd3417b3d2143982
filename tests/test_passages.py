"""Passages and sentences: stable ids, verbatim offsets, and the sentence splitter's hard cases."""

from __future__ import annotations

import random
import re

import pytest

from retrieval.passages import _BREAK, _CLOSING, _sentence_spans, _syntok_spans, sentences
from tests.support.corpora import REPO_ROOT, S002, S003, S004, SEEDS_DIR, ingest_text, load_corpus

PASSAGE_ID = re.compile(r"^(?P<source>[0-9a-z_]+)#p(?P<n>\d+)$")


def test_passage_ids(seed_passages):
    ids = [p.id for _, p in seed_passages]
    assert len(ids) == len(set(ids))
    for doc, p in seed_passages:
        m = PASSAGE_ID.match(p.id)
        assert m, p.id
        assert m["source"] == doc.source_id == p.source_id
        assert int(m["n"]) == p.ordinal


def test_sentence_ids_number_from_one(seed_passages):
    for _, p in seed_passages:
        sents = sentences(p)
        assert sents, p.id
        assert [s.id for s in sents] == [f"{p.id}.s{i}" for i in range(1, len(sents) + 1)]


def test_passage_and_sentence_offsets_are_verbatim(seed_passages):
    for doc, p in seed_passages:
        assert doc.text[p.start : p.end] == p.text, p.id
        previous_end = p.start
        for s in sentences(p):
            assert doc.text[s.start : s.end] == s.text, s.id
            assert p.start <= s.start < s.end <= p.end
            assert s.start >= previous_end  # in order, not overlapping
            assert s.text == s.text.strip()
            previous_end = s.end


def test_sentences_cover_the_passage(seed_passages):
    """Only white space lies between a passage's sentences."""
    for _doc, p in seed_passages:
        covered = "".join(s.text for s in sentences(p))
        assert re.sub(r"\s+", "", covered) == re.sub(r"\s+", "", p.text), p.id


def test_ids_are_stable_across_loads(seeds_index):
    rebuilt = list(load_corpus(SEEDS_DIR).index.passages)
    assert [(p.id, p.start, p.end) for p in rebuilt] == [(p.id, p.start, p.end) for p in seeds_index.passages]


@pytest.mark.parametrize(
    ("sentence_id", "text"),
    [
        (
            f"{S003}#p13.s2",
            "Since then, the government has been on an aggressive accumulation path, amassing "
            "6,238\u202fBTC—valued at approximately $745\u202fmillion based on current exchange rates.",
        ),
        (
            f"{S003}#p23.s1",
            "The PCC, chaired by Finance Minister Muhammad\u00a0Aurangzeb and led operationally by "
            "Bilal\u00a0Bin\u00a0Saqib, reports to the Ministry of Finance and works in close consultation "
            "with the State Bank of Pakistan and the Securities and Exchange Commission of Pakistan.",
        ),
        (
            f"{S002}#p8.s2",
            "President Bukele’s government has remained committed to Bitcoin despite global skepticism, "
            "accumulating a public reserve of over 6,200 BTC, valued at approximately $745 million.",
        ),
        (
            f"{S004}#p32.s1",
            "As of July 2025, El Salvador's national Bitcoin holdings exceed 6,000 BTC, valued at "
            "approximately $745 million, despite ongoing IMF restrictions regarding new purchases.",
        ),
    ],
)
def test_known_sentences_have_known_ids(seeds_index, sentence_id, text):
    passage_id = sentence_id.rsplit(".", 1)[0]
    found = {s.id: s.text for s in sentences(seeds_index.passage(passage_id))}
    assert found[sentence_id] == text


def _split(paragraph: str, heading: str = "A Heading For The Test Article") -> list[str]:
    """The sentences of a one-paragraph article (after a title line)."""
    text = f"{heading}\n\n{paragraph}\n"
    passages = ingest_text(text)[1]
    out = []
    for p in passages:
        for s in sentences(p):
            assert text[s.start : s.end] == s.text
            out.append(s.text)
    return out


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        pytest.param(
            "The U.S. Treasury and Dr. Jones met on Jan. 5 to review the plan. Mr. Khan moved to St. Louis at 3 p.m. "
            "on Friday.",
            [
                "The U.S. Treasury and Dr. Jones met on Jan. 5 to review the plan.",
                "Mr. Khan moved to St. Louis at 3 p.m. on Friday.",
            ],
            id="abbreviations",
        ),
        pytest.param(
            "Holdings rose 2.5% to 6,238 BTC in the quarter. Prices rose 1,250.75 points. The fund is worth $7 billion. "
            "Analysts expect more.",
            [
                "Holdings rose 2.5% to 6,238 BTC in the quarter.",
                "Prices rose 1,250.75 points.",
                "The fund is worth $7 billion.",
                "Analysts expect more.",
            ],
            id="numbers",
        ),
        pytest.param(
            "For Pakistan, the IMF worries about: 1) energy market distortions from subsidies, 2) regulatory risks in "
            "the framework, and 3) the broader economic impact. The list was published online.",
            [
                "For Pakistan, the IMF worries about: 1) energy market distortions from subsidies, 2) regulatory risks in "
                "the framework, and 3) the broader economic impact.",
                "The list was published online.",
            ],
            id="enumeration-in-one-sentence",
        ),
        pytest.param(
            "The minister called it “a new beginning.” Critics were not convinced. She added: “We will see.”",
            [
                "The minister called it “a new beginning.”",
                "Critics were not convinced.",
                "She added: “We will see.”",
            ],
            id="curly-quotes",
        ),
        pytest.param(
            'He said the reserve "exceeds 6,000 BTC." The ministry disagreed.',
            ['He said the reserve "exceeds 6,000 BTC."', "The ministry disagreed."],
            id="straight-quotes",
        ),
        pytest.param(
            "The vestry was opened by the Rev. Agnes Moorcroft in 1931. Later Sgt. Owen Tilley and Cllr. Jo Fenwick "
            "unveiled a plaque. It still hangs there.",
            [
                "The vestry was opened by the Rev. Agnes Moorcroft in 1931.",
                "Later Sgt. Owen Tilley and Cllr. Jo Fenwick unveiled a plaque.",
                "It still hangs there.",
            ],
            id="titles-before-names",
        ),
    ],
)
def test_splitter_hard_cases(paragraph, expected):
    assert _split(paragraph) == expected


def test_bullet_lists_are_one_passage_per_item_without_markers():
    text = (
        "Bullets And Numbers In Lists\n\nKey figures\n\n"
        "• Inflation fell to 3.1% in June, the lowest in years.\n"
        "• The central bank held rates at 22.0 percent this month.\n\n"
        "1. Mining capacity will reach 2,000 MW by 2026.\n"
        "2. Reserves will be audited every year by outside firms.\n"
    )
    passages = ingest_text(text)[1]
    assert [p.text for p in passages] == [
        "Inflation fell to 3.1% in June, the lowest in years.",
        "The central bank held rates at 22.0 percent this month.",
        "Mining capacity will reach 2,000 MW by 2026.",
        "Reserves will be audited every year by outside firms.",
    ]
    assert all(p.heading == "Key figures" for p in passages)
    assert [s.text for p in passages for s in sentences(p)] == [p.text for p in passages]


def test_heading_without_final_punctuation_is_not_glued_to_the_next_sentence():
    text = (
        "Headings Without Final Punctuation\n\nThe first paragraph is here and says nothing much at all.\n\n"
        "Next Steps\nThe plan starts in early 2026 with pilot projects in four provinces.\n"
    )
    passages = ingest_text(text)[1]
    assert [(p.heading, p.text) for p in passages][-1] == (
        "Next Steps",
        "The plan starts in early 2026 with pilot projects in four provinces.",
    )


@pytest.mark.parametrize(
    ("passage_id", "expected"),
    [
        pytest.param(
            f"{S004}#p19",
            [
                "The International Monetary Fund has expressed multiple reservations about both countries' crypto strategies.",
                "For Pakistan specifically, the IMF worries about: 1) Energy market distortions from potential electricity "
                "subsidies for miners, 2) Regulatory risks in Pakistan's developing crypto framework, and 3) The broader "
                "economic impact given Pakistan's existing $7 billion IMF program running through 2027.",
                "The IMF estimates Pakistan will need over $100 billion in external financing by 2029, making fiscal "
                "discipline crucial.",
                "These concerns highlight the delicate balance developing nations must strike between crypto innovation and "
                "financial stability.",
            ],
            id="004-enumeration-and-$7-billion",
        ),
        pytest.param(
            f"{S002}#p9",
            [
                "Saqib praised Bukele as a visionary, stating he’s a “leader from the future who saw the future first.”",
                "This public endorsement reflects Pakistan’s alignment with El Salvador’s long-term digital currency strategy.",
            ],
            id="002-curly-quote-ends-sentence",
        ),
        pytest.param(
            f"{S003}#p5",
            [
                "El\u00a0Salvador holds 6,238\u202fBTC (≈\u202f$745\u202fmillion), while Pakistan is gearing up under a "
                "$7\u202fbillion IMF program and faces $100\u202fbillion of external financing needs by 2029."
            ],
            id="003-bullet-with-narrow-spaces",
        ),
    ],
)
def test_seed_sentences(seeds_index, passage_id, expected):
    assert [s.text for s in sentences(seeds_index.passage(passage_id))] == expected


def _dev_passages() -> list[str]:
    from bot.service import Service

    texts = []
    for folder in sorted((REPO_ROOT / "tests" / "data" / "dev").glob("*/corpus")) + [SEEDS_DIR]:
        texts += [p.text for p in Service.open(folder, persist=False).index.passages]
    return texts


def test_a_text_with_nothing_inside_to_end_a_sentence_is_split_as_syntok_splits_it():
    """The shortcut for one-sentence passages gives what syntok gives, on every passage of the
    development corpora and the seeds and on those passages cut at random places."""
    rng = random.Random(13)
    texts = _dev_passages()
    for text in list(texts):
        words = text.split()
        a = rng.randrange(len(words))
        b = rng.randrange(a, len(words)) + 1
        texts.append(
            rng.choice(["", '"', "(", "“", "- "])
            + " ".join(words[a:b])
            + rng.choice(["", ".", '"', "?", ":", " ("])
        )
    shortcut = 0
    for text in texts:
        spans = _sentence_spans.__wrapped__(text)
        assert spans == _syntok_spans(text), text
        shortcut += spans == ((0, len(text)),) and _BREAK.search(text.rstrip(_CLOSING)) is None
    assert shortcut > len(texts) // 5  # the shortcut is taken, not only the slow path


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("The ferry sails at noon", ((0, 23),)),
        ("The ferry sails at noon.", ((0, 24),)),
        ('"The ferry sails at noon," she said.', ((0, 36),)),
        ("The ferry sails. It docks at six.", ((0, 16), (17, 33))),
        ("The ferry (the Kestrel) Sails at noon", None),  # a bracket: syntok decides
        ("  The ferry sails at noon  ", None),
    ],
)
def test_one_sentence_spans(text, spans):
    assert _sentence_spans(text) == (spans or _syntok_spans(text))
