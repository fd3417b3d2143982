"""Unicode folding for matching. Quotes always keep the original text; only matching folds."""

from __future__ import annotations

import html
import unicodedata

_FOLD = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\u2060": "",
        "\ufeff": "",
        "\u00ad": "",
    }
)


def fold(text: str) -> str:
    """HTML entities decoded ('&pound;2.5&nbsp;million' in text copied from a page), NFKC, then
    dashes, quotes and odd spaces to their ASCII forms; zero-width marks and soft hyphens dropped."""
    if "&" in text and ";" in text:
        text = html.unescape(text)
    if text.isascii():  # NFKC leaves ASCII as it is, and the table maps no ASCII character
        return text
    return unicodedata.normalize("NFKC", text).translate(_FOLD)
