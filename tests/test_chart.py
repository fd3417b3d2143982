"""The comparison chart: drawn from the aligned values, in memory, labelled per source."""

from __future__ import annotations

import struct
import sys
from pathlib import Path

import pytest

from bot.chart import Bar, Chart, chart_of, figure, png
from tests.support.corpora import S001, S003, open_service

DATA = Path(__file__).parent / "data"


def _size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def _check_against_differences(chart: Chart, comparison) -> None:
    """Every bar is a value of the comparison's aligned data, with that value's numbers."""
    values = [v for d in comparison.differences for v in d.values] + [
        v for g in comparison.measures for v in g.values
    ]
    by_n = {c.n: c for c in comparison.citations}
    for bar in chart.bars:
        [match] = {
            id(v): v
            for v in values
            if (v.number, v.low, v.high) == (bar.number, bar.low, bar.high)
            and set(bar.citations) <= set(v.citations)
        }.values()
        assert bar.status == match.status
        assert bar.citations and all(by_n[n].source_id in match.source_ids for n in bar.citations)
        assert all(f"[{n}]" in bar.label for n in bar.citations)


def test_holdings_chart_comes_from_the_differences(seeds_service):
    comparison = seeds_service.compare("El Salvador's bitcoin holdings")
    chart = chart_of(comparison)
    assert chart is not None and chart.unit == "BTC"
    _check_against_differences(chart, comparison)
    by_value = {b.value.replace("\u202f", " "): b for b in chart.bars}
    assert (
        by_value["over 6,240 BTC"].high is None and by_value["over 6,240 BTC"].status == "conflict"
    )  # open-ended
    assert by_value["6,238 BTC"].status == "conflict" and by_value["6,238 BTC"].low == pytest.approx(6237.5)
    assert by_value["over 6,200 BTC"].status == "agree"
    labels = {b.label for b in chart.bars}
    assert any(label.startswith("OpenVoiceNews Pakistan") for label in labels)  # outlet, then citations
    width, height = _size(png(chart))
    assert width >= 600 and height >= 300
    assert {S001, S003} <= {
        c.source_id for c in comparison.citations if any(c.n in b.citations for b in chart.bars)
    }


@pytest.mark.parametrize(
    "topic",
    [
        "How do the outlets differ on the total cost of the Alvenstad–Torvik Link?",
        "How many workers got hurt in the collapse? do the outlets agree?",
        "repair bill - what figure does each outlet give for the inquiry's estimate?",
    ],
)
def test_story_charts(topic):
    service = open_service(DATA / "dev" / "story" / "corpus")
    comparison = service.compare(topic)
    chart = chart_of(comparison)
    assert chart is not None and len(chart.bars) >= 3
    _check_against_differences(chart, comparison)
    _size(png(chart))


def test_approximate_values_are_drawn_with_their_tolerance():
    service = open_service(DATA / "dev" / "story" / "corpus")
    chart = chart_of(
        service.compare("How do the outlets differ on the total cost of the Alvenstad–Torvik Link?")
    )
    about = [b for b in chart.bars if b.value.startswith("about")]
    assert about and all(b.low < b.number < b.high for b in about)


def test_no_chart_without_figures_from_two_sources(seeds_service):
    assert chart_of(seeds_service.compare("Kenya's mobile money")) is None


def test_matplotlib_is_imported_only_to_draw(seeds_service):
    chart = chart_of(seeds_service.compare("El Salvador's bitcoin holdings"))
    assert chart is not None
    png(chart)
    assert "matplotlib.pyplot" not in sys.modules  # drawn on a Figure, no global pyplot state


def _crew(n: int, cite: int) -> Bar:
    return Bar(f"Outlet {cite} [{cite}]", f"{n} lifeboat crew", n, n - 0.5, n + 0.5, "conflict", (cite,))


def test_each_value_label_stands_inside_the_plot():
    """The smallest and the top values' wordings are not cut off at the plot's edges."""
    chart = Chart(title="lifeboat crew", unit=None, bars=(_crew(9, 1), _crew(31, 2), _crew(35, 3)))
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = figure(chart)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    [ax] = fig.axes
    box = ax.get_window_extent(renderer)
    texts = [t for t in ax.texts if "lifeboat crew" in t.get_text()]
    assert len(texts) == 3
    for t in texts:
        extent = t.get_window_extent(renderer)
        assert box.x0 <= extent.x0 and extent.x1 <= box.x1 and extent.y1 <= box.y1, t.get_text()


@pytest.mark.parametrize(
    ("topic", "about", "title"),
    [
        ("number of lifeboat crew", "the number of lifeboat crew", "number of lifeboat crew"),
        ("the lifeboat crew", "the number of lifeboat crew", "the number of lifeboat crew"),
        ("the harbour repairs", "the amount in GBP", "the harbour repairs: the amount in GBP"),
    ],
)
def test_the_title_says_the_topic_and_its_measure_once(topic, about, title):
    from bot.chart import _title

    assert _title(topic, about) == title
