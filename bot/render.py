"""Rendering models to Telegram HTML or plain text. HTML is made here, by templates, and nowhere else.

Templates live in `bot/templates`: `*.html` for Telegram (autoescaped; only tags Telegram
accepts) and `*.txt` for the terminal. They receive models, never Telegram objects.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Literal

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from bot.answering.models import Answer, Citation, Comparison, SourceDetail, SourceInfo

Format = Literal["html", "text"]
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*\)")
_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3}|_{1,2})(\S(?:[^*_\n]*?\S)?)\1(?![\w*])")


def display(quote: str) -> str:
    """A quote as people read it: markdown emphasis markers and escapes dropped, spaces plain.

    Only presentation changes; the JSON output keeps the verbatim quote and its offsets.
    """
    text = _MD_LINK.sub(r"\1", quote)  # '[the council](https://...)' reads 'the council'
    text = _EMPHASIS.sub(r"\2", text).replace("\\$", "$").replace("\\_", "_")
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def source_label(ref: Any) -> str:
    """'Outlet — Title (date)' with whatever the source states; the id when it states nothing."""
    name = " — ".join(p for p in (ref.outlet, ref.title) if p) or ref.source_id
    return f"{name} ({ref.published})" if ref.published else name


def plural(count: int, noun: str) -> str:
    """'1 article', '5 articles'."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def markers(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def by_source(citations: list[Citation]) -> list[tuple[list[int], Citation]]:
    """Citations grouped by source, in order of first citation: ([1, 3], first citation)."""
    groups: dict[str, tuple[list[int], Citation]] = {}
    for c in citations:
        groups.setdefault(c.source_id, ([], c))[0].append(c.n)
    return list(groups.values())


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("bot", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(
        display=display, source_label=source_label, markers=markers, by_source=by_source, plural=plural
    )
    return env


def render_template(name: str, **context: Any) -> str:
    """Render any template by file name; no blank lines around the result, at most one within
    it (a first line keeps its indent: ' 1. ...')."""
    text = environment().get_template(name).render(**context)
    return re.sub(r"^(?:[ \t]*\n)+", "", re.sub(r"\n{3,}", "\n\n", text)).rstrip()


def render_asked(question: str, reply_html: str) -> str:
    """Telegram HTML: the question (escaped), then `reply_html`, a reply rendered by a template."""
    return render_template("asked.html", question=question, reply=reply_html)


def _ext(fmt: Format) -> str:
    return "html" if fmt == "html" else "txt"


def render_answer(answer: Answer, fmt: Format = "text") -> str:
    if answer.comparison is not None:
        return render_comparison(answer.comparison, fmt)
    return render_template(f"answer.{_ext(fmt)}", answer=answer)


def render_quotes(answer: Answer, fmt: Format = "text") -> str:
    """Every cited quote in full with its source, for the 'Quotes' view."""
    return render_template(f"quotes.{_ext(fmt)}", answer=answer)


def render_comparison(comparison: Comparison, fmt: Format = "text") -> str:
    return render_template(f"comparison.{_ext(fmt)}", comparison=comparison)


def render_sources(sources: list[SourceInfo], fmt: Format = "text") -> str:
    return render_template(f"sources.{_ext(fmt)}", sources=sources)


def render_source(source: SourceDetail, fmt: Format = "text") -> str:
    return render_template(f"source.{_ext(fmt)}", source=source)
