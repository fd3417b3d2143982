"""Checks many tests make of the service's output."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def assert_verbatim(service: Any, citations: Iterable[Any]) -> None:
    """Every cited quote is exactly its document's text at its offsets, and its ids chain
    source -> passage -> sentence ('<source>#p<n>.s<m>')."""
    for c in citations:
        assert service.index.documents[c.source_id].text[c.start : c.end] == c.quote, c.sentence_id
        assert c.sentence_id.startswith(c.passage_id + ".s")
        assert c.passage_id.startswith(c.source_id + "#p")
