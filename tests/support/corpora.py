"""What the tests know: the five seed articles with their metadata (read off the texts by hand),
tiny corpora with known answers, and helpers to write and open corpora.

Everything a test needs to know about the seeds is written down here. Tests compare the
code's output with these known right answers; tests/conftest.py builds the shared fixtures.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.service import Service

REPO_ROOT = Path(__file__).resolve().parents[2]
SEEDS_DIR = REPO_ROOT / "seeds"
QUESTIONS = REPO_ROOT / "tests" / "data" / "questions.jsonl"
# A copy of the team's shared dev set (shared/eval/dev_questions.jsonl), so that a clone has it.
SHARED_DEV_QUESTIONS = REPO_ROOT / "tests" / "data" / "shared_dev_questions.jsonl"

S000, S001, S002, S003, S004 = SEED_IDS = (
    "000_725ceed84fbadf8a",
    "001_9a7c962aa3729561",
    "002_e9d3afdfc9fc9f1e",
    "003_16ac97b14101a3b7",
    "004_0f4a1baf2173df0c",
)

# What each seed states about itself (checked against the texts by hand); None: not stated.
SEED_META: dict[str, dict[str, str | None]] = {
    S000: {  # '# OpenVoiceNews Pakistan' above a '## ' title, a date line, '– Categories: *Crypto*'
        "title": "Pakistan, El Salvador Ink Bitcoin Cooperation Deal",
        "outlet": "OpenVoiceNews Pakistan",
        "published": "2025-07-18",
        "author": None,
        "category": "Crypto",
        "url": None,
    },
    S001: {  # same site, '- Categories: Finance'
        "title": "Bitcoin Alliance Between Pakistan and El Salvador Signals a New Path to Financial Sovereignty",
        "outlet": "OpenVoiceNews Pakistan",
        "published": "2025-07-18",
        "author": None,
        "category": "Finance",
        "url": None,
    },
    S002: {  # no title line: the lede comes first; 'Bitxjournal Copyright © 2025' in the footer
        "title": None,
        "outlet": "Bitxjournal",
        "published": None,
        "author": None,
        "category": None,
        "url": None,
    },
    S003: {  # a title line and no outlet; 'mid-July 2025' is not a full date
        "title": "Forging a New Era of \u201cBitcoin Diplomacy\u201d: Pakistan and El\u00a0Salvador\u2019s "
        "Groundbreaking Crypto Partnership",
        "outlet": None,
        "published": None,
        "author": None,
        "category": None,
        "url": None,
    },
    S004: {  # 'BTCC / BTCC Square / N4k4m0t0 /' breadcrumb, 'Author:' and 'Published:' labels
        "title": "Pakistan and El Salvador Forge Groundbreaking Crypto Partnership: Bitcoin Mining and "
        "National Reserves Take Center Stage",
        "outlet": "BTCC",
        "published": "2025-07-18",
        "author": "N4k4m0t0",
        "category": None,
        "url": None,
    },
}

# Body paragraphs per seed, counted by hand (headings, lists' heads and page furniture excluded).
SEED_PASSAGE_COUNTS = {S000: 8, S001: 4, S002: 8, S003: 26, S004: 13}

# A news page as it comes out of a scraper: navigation, masthead, byline, date, URL,
# hard-wrapped paragraphs, a repeated byline, related links, sign-up and footer lines.
MESSY_PARAGRAPHS = (
    "The two harbour cities signed a ferry agreement on Friday, promising more\n"
    "crossings and lower fares for the commuters who travel between them, the\n"
    "mayors said at a joint press conference in the old town hall.",
    "Officials said the new timetable starts in September, with the first boats\n"
    "leaving at six in the morning and the last one returning shortly before\n"
    "midnight on weekdays, at a cost of $7 billion over ten years.",
)
MESSY_ARTICLE = f"""Home | News | Markets | Sport

Example Daily

Harbour Cities Agree New Ferry Pact

By Jane Doe

18 July 2025

https://example.com/news/ferry-pact

{MESSY_PARAGRAPHS[0]}

{MESSY_PARAGRAPHS[1]}

Share this

By Jane Doe

Related articles

Ferry fares rise again in the northern district

Subscribe to our newsletter for daily updates

© 2025 Example Daily. All rights reserved.

Contact us: news@example.com
"""

# A realistic small corpus (three articles, a dozen paragraphs) with known answers.
SMALL_CORPUS = {
    "ferry.txt": """Harbour Cities Agree New Ferry Pact

July 18, 2025

The two harbour cities of Northport and Southbay signed a ferry agreement on Friday, promising more crossings and lower fares for commuters.

The Harbour Transit Authority (HTA) will run the new service with twelve electric boats from September.

Mayor Lena Ortiz said the deal would cut the average commute by twenty minutes.

Critics warned that the HTA budget of $40 million could rise if fuel prices climb again.
""",
    "museum.txt": """City Museum Reopens After Renovation

The City Museum reopened on Saturday after a two-year renovation that cost $12 million.

More than 2,000 visitors came through the doors on the first weekend, the museum said.

The chief executive of the museum, Amir Haddad, said the new galleries would host travelling exhibitions.

Entry remains free for children under twelve and for students on weekdays.
""",
    "wind.md": """# Offshore Wind Farm Approved

The regional council approved a 450 MW offshore wind farm off the Southbay coast on Monday.

Construction is expected to start in early 2026 and to employ about 800 workers.

The CEO of Northwind Energy said the turbines would power 300,000 homes.

Fishermen asked the Harbour Transit Authority to keep the ferry lanes clear during construction.
""",
}


def open_service(folder: Path) -> Service:
    """`Service.open(folder)` without saving an index beside the folder."""
    from bot.service import Service

    return Service.open(folder, persist=False)


def write_corpus(folder: Path, files: dict[str, str | bytes], sidecar: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    if sidecar is not None:
        (folder / "sources.toml").write_text(sidecar, encoding="utf-8")
    return folder


# Text that would break HTML, Jinja or Markdown if it were not escaped, in an article and its title.
HOSTILE_TITLE = '<b>Harbour</b> & Co "Quotes" {{ 7*7 }}'
HOSTILE_CORPUS = {
    "evil.md": f"""# {HOSTILE_TITLE}

Published: 18 July 2025

The <b>harbour</b> authority said the ferry </a> ticket costs $5 & more, a *bold* claim {{{{ config }}}} from _Evil_ writers.

Fishermen in the bay said the new pier would open in the spring of next year.

The museum board said visitors doubled during the summer holidays this year.

The regional council approved a wind farm off the coast on Monday morning.
""",
}


def clean_environ() -> dict[str, str]:
    """The environment without any citebot or Telegram settings."""
    return {k: v for k, v in os.environ.items() if not k.startswith("CITEBOT_") and k != "TELEGRAM_BOT_TOKEN"}


def load_corpus(folder: Path):
    """The corpus through the product's ingestion pipeline, in memory: an `Opened` (its
    `index.documents`, `index.passages`, `skipped`)."""
    from retrieval.store import open_index

    return open_index(folder, engine="rank-bm25", persist=False)


def ingest_text(text: str | bytes, name: str = "t.txt"):
    """One article file through the product's per-file pipeline (`retrieval.ingest`):
    (document, passages, blocks). Raises ValueError when the file would be skipped."""
    import tempfile

    from retrieval.analyzer import TermCache
    from retrieval.documents import Skipped, read_article
    from retrieval.ingest import ingest_chunk
    from retrieval.models import Passage

    with tempfile.TemporaryDirectory() as folder:
        write_corpus(Path(folder), {name: text})
        sid = name.rpartition(".")[0]
        (item,) = ingest_chunk(Path(folder), [(name, sid)], TermCache()).items
        if isinstance(item, Skipped):
            raise ValueError(str(item))
        blocks = read_article(Path(folder) / name, sid, name).blocks
    return item.document, [Passage.from_row(sid, row) for row in item.rows], blocks
