"""Messages that are not questions about the articles: greetings, thanks, requests for help,
and questions in a language other than the articles' (English).

Pure Python, shared by the Telegram adapter and `citebot chat`. Language: a message written
mostly in a non-Latin script is not English (a script check, from Unicode character names);
a Latin-script message with no English function word and at least three words is identified
by py3langid (langid.py's model), restricted to common Latin-script languages, from its
words other than names (capitalised words after the first).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, Literal

SmallTalk = Literal["greeting", "thanks", "help", "bye"]

_PATTERNS: list[tuple[SmallTalk, re.Pattern[str]]] = [
    (
        "greeting",
        re.compile(
            r"^(?:hi+|hello+|hey+|hiya|howdy|greetings|yo|good\s+(?:morning|afternoon|evening|day)|"
            r"hallo|hola|salut|bonjour|ciao|salaam|as+alam+u?\s*alaikum)"
            r"(?:\s+(?:there|all|everyone|bot|citebot|again))?(?:\s*,?\s*how\s+are\s+you(?:\s+doing)?)?$",
            re.I,
        ),
    ),
    (
        "thanks",
        re.compile(
            r"^(?:(?:ok(?:ay)?|great|perfect|cool|nice|awesome|brilliant|wonderful)\s*,?\s*)?"
            r"(?:thanks?(?:\s+you)?|thank\s+you|thx|ty|cheers|much\s+appreciated|got\s+it|"
            r"great|perfect|cool|nice|awesome|brilliant|wonderful)"
            r"(?:\s+(?:a\s+lot|so\s+much|very\s+much|again|for\s+(?:that|this|the\s+help|your\s+help)))*$",
            re.I,
        ),
    ),
    (
        "help",
        re.compile(
            r"^(?:help(?:\s+me)?|what\s+can\s+you\s+do|what\s+do\s+you\s+do|how\s+does\s+this\s+work|"
            r"how\s+do\s+i\s+use\s+(?:this|you|it)|who\s+are\s+you|what\s+are\s+you|"
            r"what\s+can\s+i\s+ask(?:\s+you)?|how\s+do\s+i\s+ask(?:\s+a\s+question)?)$",
            re.I,
        ),
    ),
    ("bye", re.compile(r"^(?:bye+|goodbye|good\s*bye|see\s+you(?:\s+later)?|cya|good\s+night)$", re.I)),
]

ENGLISH = frozenset(
    "the a an of to in on at for from by with about is are was were be been do does did has have "
    "had will would can could should what who whom whose when where why how which and or not no "
    "this that these those it its there their they he she his her much many any some".split()
)
# Latin-script languages the identifier chooses among (ISO 639-1), English included.
LATIN_LANGUAGES = (
    "en es pt fr it de nl sv da no fi pl cs sk sl hr ro hu tr id ms tl sw vi ca eu gl lt lv et sq af".split()
)
MIN_CONFIDENCE = 0.25  # py3langid's normalised probability of the language it names


def small_talk(text: str) -> SmallTalk | None:
    """What kind of small talk `text` is, or None for anything else (a question, a topic)."""
    core = re.sub(r"[\s!?.,:;)(*~\u2764\ufe0f\U0001f300-\U0001faff]+$", "", text.strip())
    core = re.sub(r"^[\s!?.,]+", "", " ".join(core.split()))
    if not core:
        return None
    return next((kind for kind, pattern in _PATTERNS if pattern.match(core)), None)


def foreign_language(text: str) -> bool:
    """Whether `text` is written in a language other than English (see the module doc)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    latin = sum(unicodedata.name(ch, "").startswith("LATIN") for ch in letters)
    if latin < len(letters) / 2:
        return True
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 3 or any(w in ENGLISH for w in words):
        return False
    tokens = text.split()  # names ("El Salvador") say nothing of the language: only the first word stays
    plain = tokens[:1] + [t for t in tokens[1:] if not t[:1].isupper()]
    if len(plain) < 3:
        return False
    ranked = dict(_identifier().rank(" ".join(plain)))
    language = max(ranked, key=ranked.__getitem__)
    return bool(
        language != "en" and ranked[language] >= MIN_CONFIDENCE and ranked["en"] * 4 <= ranked[language]
    )


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's identifier over LATIN_LANGUAGES, loaded on first use (about 0.6 s, 56 MB).

    `set_languages` keeps the full 97-language tables beside the restricted ones (81 MB in
    all), so a new identifier is built from the restricted tables and the full one dropped.
    """
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    full = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    full.set_languages(LATIN_LANGUAGES)
    return LanguageIdentifier(
        full.nb_ptc,
        full.nb_pc,
        full.nb_classes,
        full.tk_nextmove,
        full.tk_output,
        norm_probs=True,
        tk_row=full.tk_row,
    )
