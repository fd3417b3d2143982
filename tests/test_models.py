"""Data models: retrieval's documents and passages (retrieval/models.py) and the answering
models' derived fields (bot/answering/models.py)."""

from __future__ import annotations

import pytest

from bot.answering.models import MeasureGroup, Value
from retrieval.models import Document, Metadata, Passage


def test_a_passage_row_keeps_its_source_and_ordinal_in_the_id():
    passage = Passage.from_row("harbour_1a2", (3, 120, 190, "Costs", "The wall will cost £4m."))
    assert (passage.id, passage.source_id, passage.ordinal) == ("harbour_1a2#p3", "harbour_1a2", 3)
    assert (passage.start, passage.end, passage.heading, passage.text) == (
        120,
        190,
        "Costs",
        "The wall will cost £4m.",
    )


def test_a_document_reads_its_text_only_when_asked():
    reads = []

    def read() -> str:
        reads.append(1)
        return "The council voted."

    document = Document(source_id="a", path="a.txt", meta=Metadata(), read=read)
    assert reads == []
    assert document.text == "The council voted." and reads == [1]
    with pytest.raises(ValueError, match="needs its text"):
        Document(source_id="b", path="b.txt", meta=Metadata())


def test_a_document_label_is_outlet_and_title_else_its_id():
    named = Document(
        source_id="a", path="a.txt", meta=Metadata(outlet="Harbour Times", title="Wall Rebuilt"), text=""
    )
    assert named.label() == "Harbour Times — Wall Rebuilt"
    assert Document(source_id="a", path="a.txt", meta=Metadata(), text="").label() == "a"


def test_a_measure_group_is_conflicting_when_a_value_conflicts_and_lists_its_sources():
    agree = Value(value="6,238 BTC", source_ids=["s1", "s2"], status="agree")
    conflict = Value(value="6,000 BTC", source_ids=["s3"], status="conflict")
    group = MeasureGroup(measure="amount in BTC", about="the figure in BTC", values=[agree, conflict])
    assert group.conflicting and group.sources == ["s1", "s2", "s3"]
    calm = MeasureGroup(measure="amount in BTC", about="the figure in BTC", values=[agree])
    assert not calm.conflicting
