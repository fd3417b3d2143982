"""A conversation's short memory, and follow-ups resolved against it.

Pure Python, shared by the Telegram adapter, `citebot chat` and `citebot ask --conversation`.
A turn remembers the last answered question: its text, answer type, subjects (the names it
asks about) and the answer's first statement and citations. A message that is not a full
question is resolved against it:

- "and Pakistan?", "what about the IMF?": the new subject takes the place of the previous
  question's last named subject ("How much bitcoin does Pakistan hold?");
- "why?", "when?", "how much?": the previous question asked again with the new question word;
- "who said that?", "when was that?": "that" is the previous answer's statement, quoted.

Anything else is a new question and is asked as written. A decline that quotes nothing does
not replace the turn, so an earlier answer is not lost; a turn is forgotten after `TTL_SECONDS`.
A bare follow-up with no turn to follow ("why?" as a first message) is an orphan: it is
answered with a hint, not searched.
"""

from __future__ import annotations

import re
import time
from collections import OrderedDict
from collections.abc import Callable

from pydantic import BaseModel, Field

from bot.answering.models import Answer, AnswerType, Citation

TTL_SECONDS = 30 * 60  # a turn older than this is forgotten
MAX_REMEMBERED = 20  # turns a chat keeps by the message that showed them (stale ones go too)
STATEMENT_WORDS = 20  # "that" is quoted with at most this many words of the statement

_WH = r"why|when|where|who|whom|whose|how|what|which"
_AUX = r"do|does|did|is|are|was|were|has|have|had|will|would|can|could|should|shall"
_ANAPHORS = frozenset("that this it so they them he she him her those these".split())
# Words a bare follow-up may hold besides its question word and anaphors ("when did that happen?").
_LIGHT = frozenset(
    (
        _AUX.replace("|", " ") + " exactly then again much many long often say said says mean means "
        "happen happened come came the one why for about"
    ).split()
)
_LEAD = re.compile(
    r"^(?:(?:and|but|also|so|ok|okay)\s*,?\s+)?(?:what|how)\s+about\s+(?P<x>.+)$"
    r"|^(?:and|also|same\s+for|and\s+for|what\s+of)\s+(?P<y>.+)$",
    re.I,
)
_WORD = re.compile(r"[\w'’.-]+")
_PROPER = re.compile(
    r"(?<![\w'’])(?:[A-Z][\w.-]*|[A-Z]{2,})(?:\s+(?:(?:of|de|bin|al|del|the)\s+)?(?:[A-Z][\w.-]*))*"
)
_INVERT = re.compile(
    rf"^(?P<wh>how\s+(?:much|many)(?P<obj1>(?:\s+(?!(?:{_AUX})\b)[\w'’-]+){{0,3}})"
    rf"|(?:what|which)(?P<obj2>(?:\s+(?!(?:{_AUX})\b)[\w'’-]+){{1,3}})|{_WH})"
    rf"\s+(?P<aux>{_AUX})\s+(?P<rest>.+)$",
    re.I,
)


class Turn(BaseModel):
    """One answered question, as later messages may refer to it."""

    question: str
    answer_type: AnswerType = "other"
    subjects: list[str] = Field(default_factory=list, description="names the question asks about")
    statement: str | None = Field(default=None, description="the answer's first quote (what 'that' means)")
    citations: list[Citation] = Field(default_factory=list)
    at: float = Field(description="when it was answered, seconds (time.time())")


class Resolution(BaseModel):
    """What a message was taken to ask."""

    asked: str = Field(description="the message as the user wrote it")
    question: str = Field(description="the question answered: `asked`, or a follow-up made whole")
    followup: bool = False
    orphan: bool = Field(
        default=False,
        description="a follow-up with nothing to follow ('why?' first): not worth a search",
    )


class Conversation(BaseModel):
    """One person's memory in one chat: the last answered turn."""

    last: Turn | None = None

    def turn(self, *, about: Turn | None = None, now: float | None = None) -> Turn | None:
        """The turn a message follows up: `about` (the answer it replies to) if given, else the
        last; None when that is older than TTL_SECONDS."""
        now = time.time() if now is None else now
        turn = about or self.last
        if turn is None or now - turn.at > TTL_SECONDS:
            return None
        return turn

    def resolve(self, text: str, *, about: Turn | None = None, now: float | None = None) -> Resolution:
        """The question `text` asks, made whole from the turn it follows up (see the module doc)."""
        return resolve(text, self.turn(about=about, now=now))

    def remember(self, answer: Answer, *, now: float | None = None) -> Turn | None:
        """Keep a question whose reply quoted something (an answer, or the closest passages) as
        the last turn; a decline that quotes nothing leaves the memory as it was."""
        if answer.reason == "no more evidence" or not (
            answer.statements or answer.citations or answer.closest
        ):
            return None
        turn = turn_of(answer, time.time() if now is None else now)
        self.last = turn
        return turn

    def forget(self) -> None:
        """Start afresh (/new)."""
        self.last = None


class Shown(BaseModel):
    """The turns behind the answers a chat has seen, by the message that showed each (a Telegram
    message id), so that a reply to an answer follows up on that answer, whoever asked it.
    Bounded: the oldest go first."""

    turns: OrderedDict[int, Turn] = Field(default_factory=OrderedDict)

    def link(self, ref: int, turn: Turn) -> None:
        """Remember that message `ref` showed the answer of `turn`; forget turns past TTL_SECONDS
        and, beyond MAX_REMEMBERED, the oldest."""
        self.turns[ref] = turn
        self.turns.move_to_end(ref)
        while self.turns and (
            len(self.turns) > MAX_REMEMBERED or turn.at - next(iter(self.turns.values())).at > TTL_SECONDS
        ):
            self.turns.popitem(last=False)

    def get(self, ref: int | None) -> Turn | None:
        return self.turns.get(ref) if ref is not None else None


def ask_in(
    conversation: Conversation,
    ask: Callable[[str], Answer],
    text: str,
    *,
    about: Turn | None = None,
    now: float | None = None,
) -> tuple[Resolution, Answer | None, Turn | None]:
    """Resolve `text` in the conversation (against `about`, the answer it replies to, if any),
    answer it with `ask` (e.g. `Service.ask`) and remember it: the resolution, the answer (None
    for an orphan follow-up, which is not asked) and the turn it left (None when nothing was kept)."""
    resolution = conversation.resolve(text, about=about, now=now)
    if resolution.orphan:
        return resolution, None, None
    answer = ask(resolution.question)
    return resolution, answer, conversation.remember(answer, now=now)


def turn_of(answer: Answer, at: float) -> Turn:
    """The turn an answer leaves behind."""
    cited = answer.citations or answer.closest
    statement = answer.statements[0].quote if answer.statements else None
    if statement is None and cited:
        statement = cited[0].quote
    return Turn(
        question=answer.question,
        answer_type=answer.answer_type,
        subjects=subjects(answer.question),
        statement=statement,
        citations=cited,
        at=at,
    )


def subjects(question: str) -> list[str]:
    """The names a question asks about: runs of capitalised words, the question's first word
    excluded when it is a question word ("How much bitcoin does El Salvador hold?" -> ["El Salvador"])."""
    found = []
    question = re.sub(r"“[^”]*”", " ", question)  # a quoted statement is not what the question is about
    for m in _PROPER.finditer(question):
        words = m.group().split()
        if m.start() == 0 and re.fullmatch(rf"(?:{_WH}|{_AUX}|in|on|for|according)", words[0], re.I):
            words = words[1:]
            while words and words[0].lower() in ("of", "de", "the"):
                words = words[1:]
        if words:
            found.append(" ".join(words).removesuffix("'s").removesuffix("’s"))
    return found


def resolve(text: str, turn: Turn | None) -> Resolution:
    """`text` made a whole question from `turn` when it is a follow-up; else `text` as it is."""
    asked = " ".join(text.split())
    if turn is None:
        orphan = _bare(asked.rstrip(" ?!."), _NOTHING) is not None
        return Resolution(asked=asked, question=asked, orphan=orphan)
    core = asked.rstrip(" ?!.")
    question = None
    if m := _LEAD.match(core):
        rest = (m["x"] or m["y"] or "").strip()
        if re.match(rf"^(?:{_WH})\b", rest, re.I):  # "and when was that?"
            question = _bare(rest, turn)
        else:
            question = _substitute(turn, rest)
    elif _bare(core, turn) is not None:
        question = _bare(core, turn)
    elif _looks_like_a_name(asked, turn):  # "Pakistan?"
        question = _substitute(turn, core)
    if question is None or question == asked:
        return Resolution(asked=asked, question=asked)
    return Resolution(asked=asked, question=question, followup=True)


_NOTHING = Turn(question="?", at=0.0)  # what a bare follow-up is tried against when there is no turn


def _bare(core: str, turn: Turn) -> str | None:
    """A question word with nothing of its own to look up: 'why?', 'who said that?', 'when did it happen?'."""
    words = [w.lower() for w in _WORD.findall(core)]
    if not words or not re.fullmatch(_WH, words[0]):
        return None
    if any(w not in _ANAPHORS and w not in _LIGHT and not re.fullmatch(_WH, w) for w in words[1:]):
        return None
    wh = core.split()[0]
    if any(w in _ANAPHORS for w in words[1:]) and turn.statement:
        return _with_statement(core, turn.statement)
    previous = turn.question.rstrip(" ?!.")
    if m := _INVERT.match(previous):
        obj = (m["obj1"] or m["obj2"] or "").strip()
        head = " ".join(core.split()) if len(words) > 1 and words[1] in ("much", "many") else wh
        return f"{head.capitalize()} {m['aux']} {m['rest']}{' ' + obj if obj else ''}?"
    if turn.statement:  # 'when?' after 'who signed it?': when the answer's claim happened
        lead = _ABOUT_A_CLAIM.get(wh.lower())
        return (
            f"{lead}: “{_short(claim(turn.statement))}”?" if lead else _with_statement(core, turn.statement)
        )
    return f"{wh.capitalize()}: {previous}?"


# A bare question word asked of the previous answer's claim, as a whole question.
_ABOUT_A_CLAIM = {
    "when": "When did this happen",
    "where": "Where did this happen",
    "why": "Why did this happen",
    "how": "How did this happen",
}


def _with_statement(core: str, statement: str) -> str:
    """'who said that' -> 'Who said "<the claim>"?': the last anaphor becomes the quoted claim."""
    words = _short(claim(statement))
    tokens = core.split()
    for i in range(len(tokens) - 1, 0, -1):
        if tokens[i].lower().strip(",.") in _ANAPHORS:
            tokens[i] = f"“{words}”"
            break
    else:
        tokens[-1] += ":"
        tokens.append(f"“{words}”")
    text = " ".join(tokens)
    return text[0].upper() + text[1:] + "?"


def _substitute(turn: Turn, new: str) -> str | None:
    """The previous question about `new` instead of its last named subject; without one, `new`
    in place of its pronoun ('when did it start' + 'and the damage?' -> 'when did the damage
    start?') or, for a time or place ('and in 2019?'), added to it; None when the previous
    question quotes a statement ('Who said “…”?' + 'and El Salvador?' is a question of its own)."""
    previous = turn.question.rstrip(" ?!.")
    new = new.strip(" ,")
    for subject in reversed(turn.subjects):
        if subject.lower() in new.lower():
            continue
        at = previous.rfind(subject)
        if at < 0:
            continue
        before = previous[:at]
        first = new.split()[0]
        if before.lower().endswith("the "):  # 'the IMF' -> 'the SEC', 'El Salvador', "Pakistan's bank"
            if first.lower() == "the":
                new = new[4:]
            elif not first.isupper():
                before = before[:-4]
        return f"{before}{new}{previous[at + len(subject) :]}?"
    if "“" in previous:
        return None
    if not _QUALIFIER.match(new) and (pronoun := _PRONOUN.search(previous)):
        return f"{previous[: pronoun.start()]}{new}{previous[pronoun.end() :]}?"
    return f"{previous} ({new})?"


_QUALIFIER = re.compile(r"(?:in|on|at|for|by|during|before|after|since|from|until|over|under)\b|\d", re.I)
_PRONOUN = re.compile(r"(?<=\s)(?:it|they|them|this|that)\b", re.I)


def _looks_like_a_name(asked: str, turn: Turn) -> bool:
    """'Pakistan?' or 'the IMF?' after a question about a named subject: a short name with a '?'."""
    words = asked.rstrip(" ?").split()
    return (
        asked.endswith("?")
        and 1 <= len(words) <= 3
        and bool(turn.subjects)
        and not re.fullmatch(rf"(?:{_WH}|{_AUX})", words[0], re.I)
        and all(w[0].isupper() or w.lower() in ("the", "of") for w in words)
    )


_QUOTED = re.compile(r"[“\"]([^”\"]{12,})[”\"]")
_ATTRIBUTION = re.compile(
    r"^according to [^,]{1,80},\s*"
    r"|,?\s*(?:according to|(?:[^,]{0,60}?\s)?(?:said|says|told|added|noted|stated|wrote))\b[^,]*$",
    re.I,
)


def claim(statement: str) -> str:
    """What a statement claims, without who claims it: its quoted words if it quotes someone
    ('"We will cut fares," said the mayor.' -> 'We will cut fares,'), else the statement less an
    attribution at its start or end ('..., according to its treasurer.'). Asking who said the
    claim must not already name the speaker."""
    quoted = max(_QUOTED.findall(statement), key=len, default="")
    if quoted:
        return quoted.strip(" ,.")
    stripped = _ATTRIBUTION.sub("", statement.strip()).strip(" ,.")
    return stripped if len(stripped.split()) >= 3 else statement.rstrip(" .")


def _short(statement: str) -> str:
    words = " ".join(statement.split()).split()
    text = " ".join(words[:STATEMENT_WORDS])
    return text.rstrip(" ,;:") + ("…" if len(words) > STATEMENT_WORDS else "")
