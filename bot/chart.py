"""A small chart of a comparison: one bar or range per source for the measure it compares.

The bars are read from the comparison's aligned values (`Comparison.differences`, else the
measure the sources agree on), never re-extracted from text: `bars()` is the data, `png()`
draws it. A lower bound ('over 6,200') is drawn open-ended to the right edge, an upper bound
('under 20') from the left edge, an approximate value ('about 1.2 billion') with its
tolerance as a range, a conflicting value in red and a value of another time hatched. Each
bar is labelled with the outlet (or title) and its citation numbers.

matplotlib is imported only when a chart is drawn (`png`), with its Agg backend, in memory.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.answering.models import Comparison, MeasureGroup, Value
from bot.render import render_template

if TYPE_CHECKING:
    from matplotlib.figure import Figure

_SCALES = ((1e9, "billions"), (1e6, "millions"))
COLOURS = {"conflict": "#c0392b", "different period": "#95a5a6", "agree": "#2e86c1", "alone": "#2e86c1"}


@dataclass(frozen=True)
class Bar:
    """One source's value: `number` as stated, `low`/`high` the range it allows (None: open)."""

    label: str
    value: str
    number: float | None
    low: float | None
    high: float | None
    status: str
    citations: tuple[int, ...]


@dataclass(frozen=True)
class Chart:
    title: str
    unit: str | None
    bars: tuple[Bar, ...]


def chart_of(comparison: Comparison) -> Chart | None:
    """The chart for a comparison: the first measure that differs, else the first the sources
    agree on, when it has numbers from two or more sources; None otherwise."""
    groups: list[MeasureGroup] = [
        MeasureGroup(measure=d.measure, about=d.about, unit=d.unit, values=d.values)
        for d in comparison.differences
    ] + [g for g in comparison.measures if not any(g.values is d.values for d in comparison.differences)]
    names = {v.source_id: _name(v.outlet, v.title, v.source_id) for v in comparison.sources}
    source_of = {c.n: c.source_id for c in comparison.citations}
    for g in groups:
        if g.unit == "vote":
            continue  # a tally is two numbers; the text shows it better
        bars = tuple(_bars(g.values, names, source_of))
        if len({b.label for b in bars}) >= 2:
            return Chart(title=_title(comparison.topic, g.about), unit=g.unit, bars=bars)
    return None


def _title(topic: str, about: str) -> str:
    """The topic and what its figures measure, once when either names the other: 'number of
    firefighters', not 'number of firefighters: the number of firefighters'."""
    words = [{w for w in re.findall(r"\w+", t.lower()) if w not in _TITLE_FILLER} for t in (topic, about)]
    if words[1] <= words[0]:
        return topic
    if words[0] <= words[1]:
        return about
    return f"{topic}: {about}"


_TITLE_FILLER = frozenset("the a an of in".split())


def _name(outlet: str | None, title: str | None, source_id: str) -> str:
    name = outlet or title or source_id
    return name if len(name) <= 28 else name[:27] + "…"


def _bars(values: list[Value], names: dict[str, str], source_of: dict[int, str]) -> list[Bar]:
    out = []
    for v in values:
        if v.number is None and v.low is None and v.high is None:
            continue
        for sid in v.source_ids:
            own = tuple(n for n in v.citations if source_of.get(n) == sid)
            wording = next((t for n, t in zip(v.citations, v.texts, strict=False) if n in own), v.value)
            out.append(
                Bar(
                    label=f"{names.get(sid, sid)} {''.join(f'[{n}]' for n in own)}".strip(),
                    value=wording,
                    number=v.number,
                    low=v.low,
                    high=v.high,
                    status=v.status,
                    citations=own,
                )
            )
    return out


def chart_png(comparison: Comparison) -> tuple[Chart, bytes] | None:
    """The chart of a comparison and its PNG, or None when no measure has figures from two or
    more sources."""
    chart = chart_of(comparison)
    return None if chart is None else (chart, png(chart))


def _scaled(x: float | None, scale: float) -> float | None:
    return x / scale if x is not None else None


def png(chart: Chart, *, dpi: int = 100) -> bytes:
    """The chart as PNG bytes. Imports matplotlib (Agg) here, not at module import."""
    buffer = io.BytesIO()
    figure(chart, dpi=dpi).savefig(buffer, format="png")
    return buffer.getvalue()


def figure(chart: Chart, *, dpi: int = 100) -> Figure:
    """The chart drawn on a matplotlib Figure (no pyplot state). Each value's wording stands
    above its bar, inside the plot: right-aligned at the bar's end in the right half, else
    left-aligned, so a value near an edge is not clipped."""
    from matplotlib.figure import Figure  # a Figure without pyplot keeps no global state

    finite = [x for b in chart.bars for x in (b.number, b.low, b.high) if x is not None and math.isfinite(x)]
    scale, scale_name = next(((f, n) for f, n in _SCALES if max(abs(x) for x in finite) >= f), (1.0, ""))
    bars = [
        Bar(
            b.label,
            b.value,
            _scaled(b.number, scale),
            _scaled(b.low, scale),
            _scaled(b.high, scale),
            b.status,
            b.citations,
        )
        for b in chart.bars
    ]
    finite = [x / scale for x in finite]
    lo, hi = min(finite), max(finite)
    span = (hi - lo) or abs(hi) or 1.0
    left, right = lo - 0.15 * span, hi + 0.25 * span
    if lo >= 0 and left < 0:
        left = 0.0
    fig = Figure(figsize=(7.5, 0.6 * len(chart.bars) + 1.6), dpi=dpi)
    ax = fig.add_subplot()
    for y, b in enumerate(reversed(bars)):
        colour = COLOURS.get(b.status, "#2e86c1")
        hatch = "//" if b.status == "different period" else None
        start = b.low if b.low is not None else left
        end = b.high if b.high is not None else right
        ax.barh(
            y, end - start, left=start, height=0.5, color=colour, alpha=0.35, hatch=hatch, edgecolor=colour
        )
        if b.high is None:
            ax.annotate(
                "",
                xy=(right, y),
                xytext=(right - 0.08 * span, y),
                arrowprops={"arrowstyle": "->", "color": colour},
            )
        if b.low is None:
            ax.annotate(
                "",
                xy=(left, y),
                xytext=(left + 0.08 * span, y),
                arrowprops={"arrowstyle": "->", "color": colour},
            )
        if b.number is not None:
            ax.plot([b.number], [y], marker="D" if b.status == "conflict" else "o", color=colour)
        at = end if b.high is not None else right
        rightward = at - left < (right - left) / 2
        ax.text(
            (b.number if b.number is not None else start) if rightward else at,
            y + 0.3,
            f" {b.value} " if rightward else f" {b.value}",
            fontsize=8,
            va="bottom",
            ha="left" if rightward else "right",
        )
    ax.set_yticks(range(len(bars)), [b.label for b in reversed(bars)], fontsize=8)
    ax.set_xlim(left, right)
    ax.set_ylim(-0.6, len(bars) - 0.05)  # room above the top bar for its value
    ax.set_xlabel(", ".join(p for p in (chart.unit if chart.unit != "year" else "", scale_name) if p))
    fig.text(0.01, 0.01, render_template("chart_legend.txt"), fontsize=7, color="#555555")
    ax.set_title(chart.title if len(chart.title) <= 70 else chart.title[:69] + "…", fontsize=9)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig
