"""Build retrieval/data/synonyms.txt, the question-word synonyms, from WordNet 3.0.

    apt-get install wordnet-base        # Debian's copy of Princeton WordNet 3.0
    python tools/build_synonyms.py --wordnet /usr/share/wordnet

For every common single-word lemma (wordfreq Zipf >= --zipf) of a noun, verb, adjective or
adverb, the other common single-word lemmas of its most frequent senses: the senses WordNet's
sense-tagged corpus (cntlist.rev) saw in at least --share of the word's uses, at most --senses of them. Rare senses are what
makes WordNet expansion noisy in question answering (Voorhees 1994, "Query expansion using
lexical-semantic relations"), so only the frequent ones are kept. Lines are `word: syn syn ...`,
sorted, with WordNet's licence at the top (it asks that its notice go with every copy).
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from pathlib import Path

from wordfreq import zipf_frequency

REPO = Path(__file__).resolve().parents[1]
POS = ("noun", "verb", "adj", "adv")
_POS_LETTER = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}
_SS_TYPE = {"1": "noun", "2": "verb", "3": "adj", "4": "adv", "5": "adj"}  # sense keys' ss_type
_WORD = re.compile(r"^[a-z]{3,}$")
NOTICE = """\
# Synonyms of common English words, derived from Princeton WordNet 3.0 by tools/build_synonyms.py
# (the most frequent senses only; see its docstring). WordNet's licence asks for this notice:
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. THIS SOFTWARE AND
# DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES,
# EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT
# THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY
# PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS. The name of Princeton University or Princeton
# may not be used in advertising or publicity pertaining to distribution of the software and/or
# database. Title to copyright in this software, database and any associated documentation shall
# at all times remain with Princeton University and LICENSEE agrees to preserve same.
"""


def synsets(
    wordnet: Path, pos: str
) -> dict[str, tuple[list[str], list[str], list[tuple[int, str, str, int]]]]:
    """Synset offset -> its lemmas (lower case, spaces for underscores), the offsets of its
    direct hypernyms ('@' pointers) and its derivationally related forms ('+' pointers, as
    (source word number, target part of speech, target offset, target word number)) and its
    antonyms ('!' pointers, the same way)."""
    out = {}
    for line in (wordnet / f"data.{pos}").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split()
        n = int(parts[3], 16)
        lemmas = [re.sub(r"\(.*\)$", "", parts[4 + 2 * i]).lower().replace("_", " ") for i in range(n)]
        at = 4 + 2 * n
        pointers = [parts[at + 1 + 4 * k : at + 5 + 4 * k] for k in range(int(parts[at]))]
        derived, opposite = (
            [
                (int(st[:2], 16), _POS_LETTER[p], off, int(st[2:], 16))
                for sym, off, p, st in pointers
                if sym == kind
            ]
            for kind in ("+", "!")
        )
        out[parts[0]] = (
            lemmas,
            [off for sym, off, p, _ in pointers if sym == "@" and p == pos[0]],
            derived,
            opposite,
        )
    return out


def frequent_senses(wordnet: Path, most: int, share: float) -> dict[str, list[tuple[str, str]]]:
    """Lemma -> its dominant senses as (part of speech, synset offset), most frequent first: the
    senses whose count in WordNet's sense-tagged corpus (cntlist.rev) is at least 3 and at least
    `share` of the lemma's count over all its senses and parts of speech, at most `most`."""
    offsets = {}
    for pos in POS:
        for line in (wordnet / f"index.{pos}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" "):
                continue
            parts = line.split()
            n_senses, n_pointers = int(parts[2]), int(parts[3])
            offsets[(parts[0], pos)] = parts[6 + n_pointers : 6 + n_pointers + n_senses]
    counts: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for line in (wordnet / "cntlist.rev").read_text(encoding="latin-1").splitlines():
        key, number, count = line.split()
        lemma, rest = key.split("%")
        pos = _SS_TYPE[rest[0]]
        found = offsets.get((lemma, pos))
        if found and int(number) <= len(found):
            counts[lemma.replace("_", " ")].append((int(count), pos, found[int(number) - 1]))
    out = {}
    for lemma, senses in counts.items():
        total = sum(c for c, _, _ in senses)
        kept = sorted((s for s in senses if s[0] >= max(3, share * total)), reverse=True)[:most]
        if kept:
            out[lemma] = [(pos, off) for _, pos, off in kept]
    return out


def build(
    wordnet: Path, most: int, share: float, zipf: float, hypernyms: bool, derived: bool
) -> dict[str, set[str]]:
    common = {}

    def is_common(w: str) -> bool:
        if w not in common:
            common[w] = bool(_WORD.match(w)) and zipf_frequency(w, "en") >= zipf
        return common[w]

    table: dict[str, set[str]] = defaultdict(set)
    members = {pos: synsets(wordnet, pos) for pos in POS}
    for lemma, senses in frequent_senses(wordnet, most, share).items():
        if not is_common(lemma):
            continue
        for pos, off in senses:
            lemmas, parents, forms, _ = members[pos][off]
            if hypernyms and pos == "noun":
                lemmas = lemmas + [w for p in parents for w in members[pos][p][0]]
            if derived:
                me = lemmas.index(lemma) + 1 if lemma in lemmas else -1
                lemmas = lemmas + [members[tp][toff][0][tw - 1] for sw, tp, toff, tw in forms if sw == me]
            table[lemma].update(w for w in lemmas if w != lemma and is_common(w))
    return {k: v for k, v in table.items() if v}


def antonyms(wordnet: Path, most: int, share: float, zipf: float) -> dict[str, set[str]]:
    """Common lemma -> the common lemmas WordNet gives as its antonyms in its dominant senses
    ('close': 'open', 'rise': 'fall'), and the antonyms' synonyms in their first sense."""
    members = {pos: synsets(wordnet, pos) for pos in POS}
    table: dict[str, set[str]] = defaultdict(set)
    for lemma, senses in frequent_senses(wordnet, most, share).items():
        if not (_WORD.match(lemma) and zipf_frequency(lemma, "en") >= zipf):
            continue
        for pos, off in senses:
            lemmas, _, _, opposite = members[pos][off]
            me = lemmas.index(lemma) + 1 if lemma in lemmas else -1
            for sw, tp, toff, tw in opposite:
                if sw in (me, 0):
                    word = members[tp][toff][0][tw - 1] if tw else None
                    for w in [word] if word else members[tp][toff][0]:
                        if _WORD.match(w) and zipf_frequency(w, "en") >= zipf:
                            table[lemma].add(w)
    return {k: v for k, v in table.items() if v}


def demonyms(wordnet: Path) -> dict[str, set[str]]:
    """Adjective -> the places it pertains to ('french' -> 'france', 'tibetan' -> 'tibet'): an
    adjective's pertainym pointers ('\\') to a noun in WordNet's noun.location file (lexicographer
    file 15), single capitalised words both. A question on 'France' is answered by 'French
    citizenship'."""
    places = {}
    for line in (wordnet / "data.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split()
        n = int(parts[3], 16)
        places[parts[0]] = (parts[1], [re.sub(r"\(.*\)$", "", parts[4 + 2 * i]) for i in range(n)])
    out: dict[str, set[str]] = defaultdict(set)
    for line in (wordnet / "data.adj").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue
        parts = line.split()
        n = int(parts[3], 16)
        lemmas = [re.sub(r"\(.*\)$", "", parts[4 + 2 * i]) for i in range(n)]
        at = 4 + 2 * n
        for k in range(int(parts[at])):
            symbol, offset, pos, words = parts[at + 1 + 4 * k : at + 5 + 4 * k]
            if symbol != "\\" or pos != "n" or places.get(offset, ("",))[0] != "15":
                continue
            source, target = int(words[:2], 16), int(words[2:], 16)
            adjectives = lemmas if source == 0 else [lemmas[source - 1]]
            nouns = places[offset][1] if target == 0 else [places[offset][1][target - 1]]
            for a in adjectives:
                for noun in nouns:
                    if a[:1].isupper() and noun[:1].isupper() and "_" not in a + noun:
                        out[a.lower()].add(noun.lower())
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    ap.add_argument("--senses", type=int, default=2, help="most frequent senses kept per lemma")
    ap.add_argument("--share", type=float, default=0.2, help="share of a lemma's tagged uses a sense needs")
    ap.add_argument("--hypernyms", action="store_true", help="add a noun sense's direct hypernyms")
    ap.add_argument("--derived", action="store_true", help="add derivationally related forms")
    ap.add_argument("--zipf", type=float, default=3.0, help="wordfreq Zipf frequency a word needs")
    ap.add_argument("--out", type=Path, default=REPO / "retrieval" / "data" / "synonyms.txt")
    ap.add_argument("--antonyms-out", type=Path, default=REPO / "retrieval" / "data" / "antonyms.txt")
    ap.add_argument("--demonyms-out", type=Path, default=REPO / "retrieval" / "data" / "demonyms.txt")
    args = ap.parse_args()
    places = demonyms(args.wordnet)
    lines = [f"{w}: {' '.join(sorted(s))}" for w, s in sorted(places.items())]
    args.demonyms_out.write_text(
        NOTICE.replace("Synonyms of common English words", "Place adjectives and their places")
        + "\n".join(lines)
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {args.demonyms_out}: {len(lines)} adjectives")
    table = build(args.wordnet, args.senses, args.share, args.zipf, args.hypernyms, args.derived)
    lines = [f"{w}: {' '.join(sorted(s))}" for w, s in sorted(table.items())]
    args.out.write_text(NOTICE + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(lines)} words, {sum(len(s) for s in table.values())} synonyms")
    opposites = antonyms(args.wordnet, args.senses, args.share, args.zipf)
    lines = [f"{w}: {' '.join(sorted(s))}" for w, s in sorted(opposites.items())]
    args.antonyms_out.write_text(
        NOTICE.replace("Synonyms", "Antonyms") + "\n".join(lines) + "\n", encoding="utf-8"
    )
    print(f"wrote {args.antonyms_out}: {len(lines)} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
