"""The service (bot/service.py) beyond answering and comparing, which have their own modules:
the example questions it offers."""

from __future__ import annotations


def test_examples_ask_about_the_titles_when_the_articles_pose_no_questions(small_service):
    titles = [s.title for s in small_service.sources()]
    assert small_service.index.question_headings() == []
    assert small_service.examples(3) == [f"What do the sources say about {t}?" for t in titles]
    assert small_service.examples(1) == [f"What do the sources say about {titles[0]}?"]
