"""Question analysis: what kind of answer is wanted, and whether a comparison is asked for."""

from __future__ import annotations

import re

from bot.answering.models import AnswerType
from retrieval.analyzer import STOPWORDS

_COMPARE = [
    re.compile(
        r"^(?:please\s+)?compare\s+(?:the\s+|what\s+the\s+|how\s+the\s+)?(?:sources|articles|outlets|reports|reporting|coverage|papers)\s*(?:say\s+|report\s+)?(?:on|about|regarding|over|for|of|in)?\s*[:,-]?\s*(?P<t>.+)$",
        re.I,
    ),
    re.compile(
        r"^(?:please\s+)?compare\s+(?P<t>.+?)\s+(?:across|between|among|in)\s+(?:the\s+)?(?:sources|articles|outlets|reports)\W*$",
        re.I,
    ),
    re.compile(
        r"^how\s+do\s+(?:the\s+)?(?:sources|articles|outlets|reports)\s+(?:differ|compare|vary|disagree|agree|describe|report|cover|characteri[sz]e|portray|present|explain)\s*(?:on|about|over|regarding|in|when it comes to)?\s*(?P<t>.+)$",
        re.I,
    ),
    re.compile(
        r"^(?:do|did)\s+(?:the\s+|all\s+the\s+)?(?:sources|articles|outlets|reports)\s+(?:agree|disagree|differ)\s*(?:on|about|over|regarding)?\s*(?P<t>.+)$",
        re.I,
    ),
    re.compile(
        r"^what\s+do\s+(?:the\s+|different\s+|the\s+different\s+)?(?:sources|articles|outlets|reports)\s+(?:say|report|write|claim|state)\s+(?:on|about|regarding)?\s*(?P<t>.+)$",
        re.I,
    ),
    re.compile(
        r"^(?:where|how)\s+do\s+(?:the\s+)?(?:sources|articles|outlets|reports)\s+(?:disagree|differ)\s*(?:on|about)?\s*(?P<t>.*)$",
        re.I,
    ),
    re.compile(
        r"^(?:differences|disagreements|agreements)\s+(?:between|among|across)\s+(?:the\s+)?(?:sources|articles)\s+(?:on|about|over|regarding)\s+(?P<t>.+)$",
        re.I,
    ),
]


_ACCORDING = re.compile(
    r"\s*,?\s*(?:(?:according to|in|across|among|by|for)\s+(?:the\s+|all\s+the\s+|each\s+|every\s+)?"
    r"(?:different\s+|various\s+|individual\s+)?|per\s+|source\s+by\s+)(?:sources?|articles?|outlets?|reports?)\W*$"
    r"|[?.!]?\s*(?:please\s+)?(?:compare|contrast)\s+(?:the\s+|all\s+the\s+)?(?:sources|articles|outlets|reports)\W*$",
    re.I,
)


def comparison_topic(question: str) -> str | None:
    """The topic when the question asks to compare sources ('compare the sources on X'), else None."""
    q = question.strip()
    if _ACCORDING.search(q):  # 'Who leads the PCC according to the different articles?'
        return _ACCORDING.sub("", q).strip(" ?.!:") or q
    for pattern in _COMPARE:
        if m := pattern.match(q):
            topic = m["t"].strip(" ?.!:")
            return topic or q
    return None


_TYPES: list[tuple[AnswerType, re.Pattern[str]]] = [
    (
        "statement",
        re.compile(
            r"^what (?:did|does|do|has|have) .+? (?:say|said|tell|told|claim|argue|warn|write|"
            r"announce|promise|add)\b|^how did .+? (?:respond|react|reply)\b",
            re.I,
        ),
    ),
    (
        "reason",
        re.compile(
            r"^(?:why|for what reason|what (?:is|was|are|were) the reasons?|how come)\b|\bwhy\b", re.I
        ),
    ),
    (
        "quantity",
        re.compile(
            r"^(?:(?:for|by|to|up to|about|roughly|approximately|exactly|just|so|and|but) )?"
            r"(?:how (?:much|many|big|large|long|far|high|old|tall|heavy|wide|deep|thick|fast)|(?:at )?what age\b|what(?:'s| is| was| are| were) (?:the )?(?:[\w'-]+ ){0,3}?(?:number|amount|"
            r"value|size|price|cost|total|share|percentage|rate|population|figure|count|sum|worth|capacity|"
            r"length|distance|height|depth|weight|volume|output|budget|salary|revenue|income|turnover|debt|"
            r"duration|speed|area|mass|temperature|elevation|altitude|density|diameter|width|thickness|"
            r"(?:boiling|melting|freezing) point)s?\b|"
            r"(?:what|which) (?:(?!(?:does|do|did|is|was|are|were|will|would|can|could|should|shall|must|may|might|has|have|had)\b)[\w'-]+ ){0,2}?(?:number|amount|quantity|figure|percentage|rate|price|cost|share|"
            r"fare|fee|rent|wage|toll|salary|temperature|mass)s?\b|at what (?:temperature|height|altitude|depth|speed)\b)|"
            r"\bhow (?:much|many)\b|^what (?:did|does|do|will|would|could|might|is .+? going to) .+? cost\b|"
            r"^what (?:is|was|are|were|'s) .+? worth\b|"
            r"^what(?:'s|’s| is| was| will be| would be)\s+the\s+(?:most|maximum|max|least|minimum)\b(?!\s+\w+\s+(?:person|company|town|city|place)\b)",
            re.I,
        ),
    ),
    (
        "date",
        re.compile(
            r"\b(?:end|start|launch|expiry|due|birth|death) date\b|\bdeadline\b|^(?:the )?(?:date|timing)\b(?!-)|"
            r"^what(?:'s|’s| is| was| are| were)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?dates?\b(?!-)|"
            r"^(?:when|until when|since when|by when|what (?:year|date|month|day|time)|in what year|"
            r"in which (?:year|month))\b|\b(?:what|which) (?:year|date|month|day)\b(?!-)|"
            # 'when' inside a question led by another question word is a clause ('What do farmers
            # plant when the rains fail?'), not what is asked.
            # nor is one before the question proper ('In the years when X reigned, who ...?').
            r"^(?!(?:what|who|whom|whose|which|how|where|why)\b)(?!.*,\s*(?:what|who|whom|which|how)\b).*\bwhen\b",
            re.I,
        ),
    ),
    (
        "place",
        re.compile(
            r"^(?:where|in (?:what|which) (?:city|country|place|region|town))\b|"
            r"^(?:which|what) (?:country|city|place|region|town|venue)\b|"
            r"^(?!(?:what|who|whom|whose|which|how|when|why)\b)(?!.*,\s*(?:what|who|whom|which|how)\b).*\bwhere\b",
            re.I,
        ),
    ),
    (
        "definition",
        re.compile(r"^(?:[Ww]ho|[Ww]hat)(?:'s| is| was| are| were)\s+(?:[A-Z][\w.'-]*\s*){1,4}\??$"),
    ),
    (
        # 'who is stacy herbert': a name asked about in lower case (no article, no possessive)
        "definition",
        re.compile(
            r"^who(?:'s| is| was)\s+(?!the\b|a\b|an\b|this\b|that\b)[a-z][\w.-]*(?:\s+[a-z][\w.-]*){1,3}\s*\??$"
        ),
    ),
    (
        "person",
        re.compile(
            r"^(?:who|whom|whose)\b|^(?:which|what) (?:[\w-]+ )?(?:person|official|minister|leader|president|"
            r"founder|executive|director|chair(?:man|woman)?|ceo|judge|lawyer|engineer|professor|manager|coach|"
            r"player|architect|author|writer|scientist|researcher|botanist|doctor|spokes(?:man|woman|person)|"
            r"mayor|councillor|senator|governor|ruler|king|queen|captain|singer|artist|actor|band member)s?\b|"
            r"\bwho\b",
            re.I,
        ),
    ),
    (
        "organisation",
        re.compile(
            r"^(?:which|what) (?:[\w-]+ )?(?:company|organi[sz]ation|agency|body|authority|regulator|"
            r"institution|exchange|firm|group|bank|office|council|ministry|fund|party|"
            # who made or runs a thing: 'which yard built the ship', 'which club signed him'
            r"yard|shipyard|builder|contractor|manufacturer|maker|studio|publisher|club|team|union|"
            r"airline|operator|insurer|consortium|developer|supplier|retailer|charity|trust|"
            r"association|society|newspaper|broadcaster|label|brand|university|college|school)s?\b",
            re.I,
        ),
    ),
    (
        "list",
        re.compile(
            r"^(?:what|which) (?:are|were) (?:the )?(?:main |key |primary |four |three |two |five )?"
            r"(?:areas|pillars|steps|points|goals|aims|objectives|concerns|parts|elements|"
            r"components|priorities|plans|lessons|factors|issues|risks)\b|^list\b|"
            # 'Name the three reasons' or 'name the stations' asks for a list; 'Name the contractor' does not
            r"^name (?:the |all )?(?:(?:two|three|four|five|six|several|main|key) |[\w-]+s\b)",
            re.I,
        ),
    ),
    (
        "definition",
        re.compile(
            r"^(?:what(?:'s| is| are| was| were)|define|explain|describe)\s+(?!the (?:number|amount)\b)"
            r"|^what does .+ mean\b|^what do(?:es)? .+ stand for\b",
            re.I,
        ),
    ),
    (
        "yesno",
        re.compile(
            r"^(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|shall)\b", re.I
        ),
    ),
]


_LEADING_SOURCE = re.compile(r"^(?:according to|in the view of|as far as)\s+[^,?]{1,60},\s*", re.I)


def answer_type(question: str) -> AnswerType:
    """The kind of answer a question wants, from its wording; a leading 'According to X,' names
    whose statement it is, not what is asked."""
    q = _LEADING_SOURCE.sub("", " ".join(question.strip().split()))
    for kind, pattern in _TYPES:
        if pattern.search(q):
            return kind
    return "other"


# Words that frame a question but carry none of its content.
FRAME_WORDS = frozenset(
    "say says said tell describe describes described mention mentions mentioned report reports reported "
    "article articles source sources according know known explain name named kind type sort happen "
    "happened detail details information info please give current currently exactly specifically "
    "main primary purpose role date year month day time meaning mean means stand acronym abbreviation "
    "term terms big large small long high tall old far heavy wide deep thick length height depth width boss charge end want wants wanted put get got make makes "
    "temperature mass "
    "take takes go goes going come comes let new "
    # hedges and chat: 'at the moment', 'actually', 'roughly', 'I'm curious'
    "moment nowadays actually approximately roughly curious wondering really basically precisely".split()
)


# Role nouns: 'Who is the governor of X?' asks for the person named next to that role.
ROLE_NOUNS = frozenset(
    "president minister governor ceo director founder chairman chairwoman chairperson secretary "
    "ambassador spokesperson spokesman executive head leader premier mayor commissioner adviser "
    "advisor chancellor treasurer cfo cto coo boss "
    # posts of public bodies, schools, teams and papers: 'who is the police chief', 'the chair of the trust'
    "chief chair commander superintendent principal headteacher headmaster headmistress owner editor "
    "coach captain manager".split()
)
_ROLE_MODIFIERS = frozenset(
    "prime vice deputy chief finance foreign interior general executive managing acting former first".split()
)


_ROLE_QUESTION = re.compile(
    r"^(?:who|whom)\s+(?:is|was|are|were|will be|has been)\s+(?:the\s+)?(?:(?:[\w.-]+\s+){0,3}[\w.-]+(?:'s|’s|s')\s+)?"
    r"(?:current\s+|new\s+|then\s+)?(?P<role>(?:[a-z]+\s+){0,2}?[a-z]+)\b(?:\s+of\b|\s*\??$)",
    re.I,
)


# 'Who is the boss of X?', 'who is in charge of X?': whoever holds one of these roles there.
BOSS_ROLES = (
    "chief executive",
    "ceo",
    "managing director",
    "director general",
    "director",
    "head",
    "leader",
    "chairman",
    "chairwoman",
    "chair",
    "president",
    "manager",
)
_IN_CHARGE = re.compile(
    r"^who(?:'s|’s| is| was)?\s+(?:in charge of|running|heading|leading|the boss of|the boss at)\b"
    # 'who headed the inquiry', 'the woman who runs the museum', 'who took over running it': the
    # one who leads, whatever the text calls the post ('chaired by', 'its director general').
    r"|(?:^|\bthe\s+(?:\w+\s+)?\w+\s+)who\s+(?:took over\s+(?:running|heading|leading)|(?:has\s+|had\s+)?"
    r"(?:heads|headed|leads|led|runs|ran|run))\s+(?!(?:in|into|for|to|from|away|off|out|up|down|around|across|over|through|past|after|with|at|on|by)\b)",
    re.I,
)
# The verbs of leading, as a text says who leads ('led by the retired judge Helena Varga').
LEAD_VERBS = ("headed", "led", "chaired", "ran", "run", "heads", "leads", "runs")


# 'Who chairs / heads / leads / coaches X?' asks for the holder of that role: the role's nouns and
# the verb's own forms ('chaired by Ana Ruiz', 'its chairman, Ana Ruiz').
ROLE_VERBS = {
    **dict.fromkeys(("chairs", "chaired"), ("chair", "chairman", "chairwoman", "chairperson", "chaired")),
    **dict.fromkeys(("coaches", "coached"), ("coach", "coached")),
    **dict.fromkeys(("manages", "managed"), ("manager", "managed")),
    **dict.fromkeys(("directs", "directed"), ("director", "directed")),
    **dict.fromkeys(("captains", "captained"), ("captain", "captained")),
}
_ROLE_VERB = re.compile(rf"^who\s+({'|'.join(ROLE_VERBS)})\b", re.I)


# 'Which judge sentenced X?', 'what lawyer acted for Y': the person named beside that role.
_WHICH_ROLE = re.compile(r"^(?:which|what)\s+(?P<role>[a-z]+)\s+(?!of\b|is\b|was\b|are\b|were\b)[a-z]+", re.I)
WHICH_ROLE_NOUNS = ROLE_NOUNS | frozenset(
    "judge magistrate lawyer barrister solicitor prosecutor coach manager captain referee surgeon doctor "
    "architect engineer officer inspector detective minister councillor".split()
)


def role_phrase(question: str) -> list[str]:
    """The role 'who is the <role> of X?', 'who is X's <role>?' or 'which <role> did X?' asks
    about ('prime minister', 'judge'), ['boss'] for 'who is in charge of X?' or 'the boss of X'
    (any of BOSS_ROLES), else []. A hyphenated post is its words ('vice-chancellor')."""
    question = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", question)
    if _IN_CHARGE.search(question.strip()):
        return ["boss"]
    if verb := _ROLE_VERB.match(question.strip()):
        return [ROLE_VERBS[verb[1].lower()][0]]
    if (which := _WHICH_ROLE.match(question.strip())) and which["role"].lower() in WHICH_ROLE_NOUNS:
        return [which["role"].lower()]
    m = _ROLE_QUESTION.match(question.strip())
    if not m:
        return []
    words = m["role"].lower().split()
    if not words or words[-1] not in ROLE_NOUNS:
        return []
    while len(words) > 1 and words[0] not in _ROLE_MODIFIERS:
        words = words[1:]
    return words


_MONEY = re.compile(
    r"\b(?:cost|costs|price|priced|pay|paid|spend|spent|worth|budget|salary|salaries|earn|earns|"
    r"fee|fees|fares?|rents?|wages?|tolls?|fund|funding|loan|invest|investment|revenue|euros?|dollars?|pounds?|money)\b",
    re.I,
)


_CHANGE = re.compile(
    r"\b(?:rise|rose|risen|rising|fall|fell|fallen|falling|drop|dropped|drops|increase|increased|decrease|"
    r"decreased|decline|declined|grow|grew|grown|shrink|shrank|jump|jumped|climb|climbed|slump|slumped|"
    r"plunge|plunged|gain|gained|lose|lost|cut)\b",
    re.I,
)


# 'What is Ana Ruiz's role?', 'what job does she do', 'which post did Oskar Lindahl hold': the
# answer is the title or job beside that person's name, not any sentence about them.
_ROLE_OF = re.compile(
    r"^(?:what|which)(?:\s+(?:is|was)|'s|’s)\s+(?!(?:the|a|an|this|that|its|their)\s)(?:\S+\s+){1,4}?\S+?(?:'s|’s|s')\s+(?:[a-z]+\s+)?"
    r"(?:role|job|title|position|post|occupation|profession)\b"
    r"|^what\s+(?:job|role|position|post|title)\s+(?:does|did|do|has|had)\s+(?!(?:the|a|an|this|that|its|their)\s)(?:\S+\s+){1,4}?"
    r"(?:do|hold|have|play|had|held)\b",
    re.I,
)


def asks_role_of(question: str) -> bool:
    """Whether the question asks what role, job or title a named person has."""
    return bool(_ROLE_OF.match(question.strip()))


def wants_money(question: str) -> bool:
    """'How much will it cost?': an amount of money, not just any number. A change in a money
    figure ('how much did the share price drop') is answered by a share as well: not money only."""
    return (
        answer_type(question) == "quantity"
        and bool(_MONEY.search(question) or _MONEY_HOW_MUCH.search(question))
        and not _CHANGE.search(question)
    )


_PAID = re.compile(
    r"\b(?:pay|pays|paid|paying|spend|spends|spent|spending|buy|buys|bought|purchased?)\b", re.I
)
_VALUED = re.compile(r"\b(?:worth|value|valued|valuation)\b", re.I)


def money_sense(question: str) -> str | None:
    """Which sum a money question asks: 'paid' for a price paid or a sum spent ('how much did the
    museum pay for it'), 'value' for what a thing is worth now ('what is the collection valued
    at'); None when it names neither or both."""
    paid, valued = bool(_PAID.search(question)), bool(_VALUED.search(question))
    return "paid" if paid and not valued else "value" if valued and not paid else None


# Verbs that ask for money only after a plain 'how much' ('how much did the sale raise', 'how
# much was the firm fined'), not after 'how many' ('how many works were donated') or 'by how much'
# ('by how much did the dam raise the water level').
_MONEY_HOW_MUCH = re.compile(
    r"(?<!\bby )\bhow much\b.*\b(?:raised?|raising|fined|donated?|charged?|owed?|compensation|damages)\b",
    re.I,
)


_ASKING = (
    r"(?:how|what|who|whom|whose|when|where|which|why|is|are|was|were|did|does|do|will|would|can|could|"
    r"has|have|had)\b"
)
_JOINED = re.compile(rf"(?:,\s*|\s+|\?\s*)(?:and|but|also|plus)\s+(?={_ASKING})|\?\s+(?={_ASKING})", re.I)
_REFERRING = re.compile(r"\b(?:he|him|his|she|her|it|its|they|them|their|this|that|these|those)\b", re.I)
_NAME = re.compile(r"(?<!^)(?<![.?!]\s)\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


def question_parts(question: str) -> list[str]:
    """A question that asks two things ('Where did they sign him from, and how much did they
    pay?') as its two questions; otherwise the question alone. A second part that refers back
    ('him', 'it') is given the first part's names ('... how much did they pay Rovers
    Ferreira-Lowe'). Each part has at least three words."""
    m = _JOINED.search(question)
    if not m:
        return [question]
    first, second = question[: m.start()].strip(" ,"), question[m.end() :].strip()
    if len(first.split()) < 3 or len(second.split()) < 3:
        return [question]
    first = first if first.endswith("?") else first + "?"
    if _REFERRING.search(second):
        # What 'it' stands for: the first part's names, else its content words.
        names = list(dict.fromkeys(_NAME.findall(first))) or [
            w
            for w in re.findall(r"[\w'’-]+", first)
            if w.lower() not in STOPWORDS and w.lower() not in FRAME_WORDS and not re.match(_ASKING, w, re.I)
        ]
        second = f"{second.rstrip('?')} {' '.join(names)}?" if names else second
    return [first, second]


_RELATION = re.compile(
    r"^(?i:what(?:'s|’s| is| was| are| were))\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}?(?P<noun>[a-z][\w-]*)\s+of\s+"
    r"(?:the\s+)?(?P<owner>[A-Z][\w’'.-]*(?:\s+(?:of\s+|de\s+)?[A-Z][\w’'.-]*)*)\s*\??$"
)


# The same typed all in lower case: a name has no article before it ('the capital of australia').
_RELATION_LOWER = re.compile(
    r"^what(?:'s|’s| is| was| are| were)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}?(?P<noun>[a-z][\w-]*)\s+of\s+"
    r"(?!the\b|a\b|an\b|its\b|their\b|this\b|that\b)(?P<owner>[a-z][\w’'.-]*(?:\s+[a-z][\w’'.-]*)?)\s*\??$"
)


def relation_asked(question: str) -> tuple[str, str] | None:
    """The attribute and its owner that 'what is the <noun> of <Name>?' asks for ('the capital of
    El Salvador' -> ('capital', 'El Salvador'); typed in lower case, 'the capital of australia' ->
    ('capital', 'australia')); None for other questions."""
    q = " ".join(question.split())
    m = _RELATION.match(q) or (_RELATION_LOWER.match(q) if q == q.lower() else None)
    return (m["noun"], m["owner"]) if m else None
