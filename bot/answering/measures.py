"""Aligning facts across sources: one group per measure, each value marked agree, conflict or
different period.

Values are compared as intervals, with their qualifiers:

- an exact figure is a point, and against another exact figure it allows the rounding of its
  last written decimal ('62 per cent' holds 62.4; '1.2 billion' does not hold 1.1 billion);
- 'about', 'around', 'some' allow APPROX (7.5%) either side, 'nearly' and 'up to' the same
  below the figure only ('up to 250,000' states a capacity of 250,000, so 200,000 differs); two
  'about' figures written to the same last digit, finer than APPROX ('about 310', 'around 290':
  tens), hold together only within one unit of that digit, and so does such a figure and an
  exact one ('some 1,450' and 1,380 differ);
- 'over', 'more than', 'at least' are open above, 'under', 'less than' open below;
- dates cover their stretch of time ('2029' holds 'October 2029'; '2030 at the earliest' does not).

APPROX is the smallest tolerance under which the roundings writers made of one value in the
labelled development corpora stay compatible ('nearly two-thirds' and 62%, 6.9% apart; 'about 15
metres' and 14 m, 6.7%) while the planted disagreements stay apart ('about 1.2 billion' and
1.1 billion, 8.3%; 'about 45 megawatts' and 40 MW, 11%).

Two incompatible values are a conflict when they refer to the same time, else a different
period: a figure dated before its article ('said in April', 'as of May 15') is an older one,
and so is a figure another source reports as since revised ('first said $1.2 million, then
raised it'; see `markers.py`): an undated '$1.2 million' beside it is that earlier estimate.
A value without a date holds at its article's publication (or, unknown, the latest date among
the sources compared), and articles within NEWS_CYCLE_DAYS of each other report one time (a
cost given as £48.6m on 10 March and £52m on 2 April is a contradiction); a date itself (when something opens) does not: two articles weeks apart
giving 2028 and 2029 for one opening contradict each other, unless one gives the other as
replaced.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import date
from functools import lru_cache

from bot.answering.facts import describe
from bot.answering.markers import DAY_KEY, DOWN, EARLIER, UP, revision
from bot.answering.models import Fact, MeasureGroup, Value

APPROX = 0.075
SCALE_GAP = 3.0  # a figure this many times off another's measures something else ('£1,150' beside '£1.3m')
_EARLIER_TIME = "earlier"  # the time of a value another source reports as since revised
_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d[\d,]*(?:\.(\d+))?")
_OPEN_ABOVE = ("over", "at least")
_OPEN_BELOW = ("under",)
_BELOW_ONLY = ("nearly", "up to")


def interval(fact: Fact) -> tuple[float, float]:
    """The values a fact allows, as (low, high); open ends are -inf/inf. Facts without a number
    (names) are a point at nan and are compared by their key."""
    if fact.value is None and fact.high is None:
        return math.nan, math.nan
    if fact.kind == "date":
        low = fact.value if fact.value is not None else -math.inf
        high = fact.high if fact.high is not None else math.inf
        return low, high - 1e-9
    if fact.unit == "vote":
        return fact.value or 0.0, fact.value or 0.0
    low = fact.value if fact.value is not None else -math.inf
    high = fact.high if fact.high is not None else low
    q = fact.qualifier
    if q in _OPEN_ABOVE:
        return low, math.inf
    if q in _OPEN_BELOW:
        return -math.inf, high
    if q == "about":
        return low * (1 - APPROX), high * (1 + APPROX)
    if q in _BELOW_ONLY:
        return low * (1 - APPROX), high
    rounding = _rounding(fact)
    return low - rounding, high + rounding


def _rounding(fact: Fact) -> float:
    """Half a unit of the last decimal the text writes: '62 per cent' -> 0.5, '1.18bn' -> 0.005e9."""
    return _half_unit(fact.text, fact.value)


@lru_cache(maxsize=8192)
def _half_unit(text: str, value: float | None) -> float:
    written = _written(text, value)
    if written is None:
        return 0.0
    digits, scale = written
    decimals = len(digits.group(1) or "")
    return 0.5 * 10.0**-decimals * scale


def _written(text: str, value: float | None) -> tuple[re.Match[str], float] | None:
    """The first figure a text writes and the scale from it to `value` ('1.18bn' -> 1e9); None
    when it writes none or has no value."""
    digits = _DIGITS.search(text)
    if not digits or value is None:
        return None
    written = float(digits.group(0).replace(",", ""))
    return digits, (value / written if written else 1.0)


def compatible(a: Fact, b: Fact) -> bool:
    """Whether two values of one measure can both be true."""
    if a.unit == "vote" or b.unit == "vote":
        return a.key == b.key
    if a.kind == "status" or b.kind == "status":  # undecided and denied can both hold; done cannot
        return (a.key == "done") == (b.key == "done")
    if a.kind == "date" and b.kind == "date" and (a.value is None or b.value is None):
        ca, cb = calendar(a.key), calendar(b.key)
        if ca is None or cb is None:
            return True
        (months_a, day_a), (months_b, day_b) = ca, cb
        if day_a is not None and day_b is not None:
            return months_a == months_b and day_a == day_b
        return bool(months_a & months_b)  # 'October' holds '3 October'; 'the autumn' holds both
    if a.kind == "date" and b.kind == "date" and not _same_day(a, b):
        return False  # '5 April 2027' and '12 April 2027': one month, two days
    if a.kind == "place" and b.kind == "place" and venue(a.text) != venue(b.text):
        return True  # a venue lies in a town: 'the Marlow Exhibition Centre' and 'Kestrel Bay'
    if a.kind in ("organisation", "place", "person") or b.kind in ("organisation", "place", "person"):
        return same_name(a.text, b.text)
    if (same := _same_rounding(a, b)) is not None:
        return same
    la, ha = interval(a)
    lb, hb = interval(b)
    if math.isnan(la) or math.isnan(lb):
        return a.key == b.key
    if a.kind == "quantity" and a.value is not None and b.value is not None:
        if _exact(a) and _exact(b):  # '62 per cent' holds 62.4; 1.1 billion is not '1.2 billion'
            coarse, fine = (a, b) if _rounding(a) >= _rounding(b) else (b, a)
            return abs(fine.value - coarse.value) < _rounding(coarse) * (1 - 1e-9)  # type: ignore[operator]
        if _exact(a):  # an exact figure is a point against a bound or an approximation
            la = ha = a.value
        if _exact(b):
            lb = hb = b.value
    return la <= hb and lb <= ha


def _same_day(a: Fact, b: Fact) -> bool:
    """Whether two dates that both name a day ('04-05', '04-12') can be one day; True when either
    names none (a month, a year, a season)."""
    ca, cb = calendar(a.key), calendar(b.key)
    if ca is None or cb is None or ca[1] is None or cb[1] is None:
        return True
    return ca == cb


def _last_digit(fact: Fact) -> float:
    """The unit of the last digit a figure writes that is not a trailing zero: 'about 310' -> 10,
    'around 2,400' -> 100, 'some 1.25bn' -> 0.01e9; 0.0 when it writes no digit."""
    found = _written(fact.text, fact.value) if fact.value else None
    if found is None:
        return 0.0
    digits, scale = found
    if digits.group(1):
        return 10.0 ** -len(digits.group(1)) * scale
    whole = digits.group(0).replace(",", "").split(".")[0]
    return 10.0 ** (len(whole) - len(whole.rstrip("0"))) * scale


def _same_rounding(a: Fact, b: Fact) -> bool | None:
    """Two approximations written to the same last digit, finer than APPROX ('about 310' and
    'around 290'), are one figure rounded alike only when they lie within one unit of that digit
    of each other; so is an approximation written finer than APPROX and an exact figure written
    at least as finely ('some 1,450' holds 1,446 but not 1,380: nobody rounds 1,380 to the tens
    as 1,450; '12,000' may be rounded itself and holds 'some 12,500'). None for any other pair
    (judged by their intervals)."""
    if a.kind != "quantity" or b.kind != "quantity" or "about" not in (a.qualifier, b.qualifier):
        return None
    if a.value is None or b.value is None or a.high is not None or b.high is not None:
        return None
    if a.qualifier == b.qualifier:
        unit = _last_digit(a)
        if not unit or not math.isclose(unit, _last_digit(b)) or unit >= APPROX * min(a.value, b.value):
            return None
        return abs(a.value - b.value) <= unit * (1 + 1e-9)
    rough, exact = (a, b) if a.qualifier == "about" else (b, a)
    unit, near, far = _last_digit(rough), a.value, b.value
    if exact.qualifier or not unit or unit >= APPROX * min(near, far):
        return None
    if _last_digit(exact) > unit:  # '12,000' may itself be rounded, to the thousands: 'some 12,500' holds
        return None
    return abs(near - far) <= unit * (1 + 1e-9)


SEASONS = {
    "spring": frozenset({3, 4, 5}),
    "summer": frozenset({6, 7, 8}),
    "autumn": frozenset({9, 10, 11}),
    "winter": frozenset({12, 1, 2}),
}
_MONTH_KEY = re.compile(r"\d\d")


def calendar(key: str) -> tuple[frozenset[int], int | None] | None:
    """The months and day a date without a year can fall on, from its key: '10-03' (3 October)
    -> ({10}, 3); '10' (October) -> ({10}, None); 'autumn' -> ({9, 10, 11}, None) (the seasons
    of the northern hemisphere, by month); None for any other key."""
    if day := DAY_KEY.fullmatch(key):
        return frozenset({int(day[1])}), int(day[2])
    if _MONTH_KEY.fullmatch(key):
        return frozenset({int(key)}), None
    season = SEASONS.get(key)
    return (season, None) if season else None


def narrower(precise: Fact, vague: Fact) -> bool:
    """Whether a date without a year lies inside a vaguer one: '3 October' inside 'October' or
    'the autumn', 'October' inside 'the autumn'. A vague value is compatible with the days inside
    it, and says nothing more where its source gives one of them."""
    if precise.kind != "date" or vague.kind != "date" or precise.value is not None or vague.value is not None:
        return False
    cp, cv = calendar(precise.key), calendar(vague.key)
    if cp is None or cv is None or cv[1] is not None:
        return False
    (months_p, day_p), (months_v, _) = cp, cv
    return months_p <= months_v and (day_p is not None or months_p < months_v)


def _exact(fact: Fact) -> bool:
    return not fact.qualifier and fact.high is None


_NAME_FILLER = frozenset("of the for and de la del".split())
# The last word of a venue's name: a building, a site or a gathering held at one ('Marlow
# Exhibition Centre', 'Bitcoin Atlantis Conference'), not a town, a region or a country.
_VENUE = re.compile(
    r"\b(?:centre|center|hall|stadium|arena|hotel|museum|gallery|theatre|theater|church|cathedral|school|"
    r"college|university|campus|hospital|library|building|tower|house|palace|park|garden|gardens|square|"
    r"street|road|avenue|station|airport|port|harbour|harbor|pier|quay|bridge|club|court|office|offices|"
    r"conference|summit|forum|festival|expo|exhibition|fair|convention)$",
    re.I,
)


def venue(name: str) -> bool:
    """Whether a place's name names a venue ('Marlow Exhibition Centre', 'Bitcoin Atlantis
    Conference') rather than a town or a region ('Kestrel Bay', 'San Salvador')."""
    return bool(_VENUE.search(name.strip(" .,")))


def same_name(a: str, b: str) -> bool:
    """Whether two names can name one thing: the words of one are all in the other ('Bitcoin
    Office' and 'Bitcoin Office of El Salvador'), or one is the other's initials ('WSA')."""
    wa = [w for w in re.findall(r"\w+", a.lower()) if w not in _NAME_FILLER]
    wb = [w for w in re.findall(r"\w+", b.lower()) if w not in _NAME_FILLER]
    if not wa or not wb:
        return False
    if set(wa) <= set(wb) or set(wb) <= set(wa):
        return True
    initials_a, initials_b = "".join(w[0] for w in wa), "".join(w[0] for w in wb)
    return a.replace(".", "").lower() in (initials_b,) or b.replace(".", "").lower() in (initials_a,)


def _time(period: str | None) -> tuple[int | None, int | None, int | None]:
    """'2025-07' -> (2025, 7, None); '05-15' -> (None, 5, 15); '04' -> (None, 4, None)."""
    if not period:
        return None, None, None
    parts = [int(p) for p in period.split("-") if p.isdigit()]
    if not parts:
        return None, None, None
    if len(period.split("-")[0]) == 4:
        return parts[0], parts[1] if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None
    return None, parts[0], parts[1] if len(parts) > 1 else None


def same_period(a: str | None, b: str | None) -> bool:
    """Whether two times can be the same: '2025' holds '2025-07'; '04' (April) is not '2026-06'."""
    ya, ma, da = _time(a)
    yb, mb, db = _time(b)
    if ya is not None and yb is not None and ya != yb:
        return False
    if ma is not None and mb is not None and ma != mb:
        return False
    return not (da is not None and db is not None and da != db)


def _with_year(period: str | None, published: str | None) -> str | None:
    """'04' in an article of 2026-06-09 -> '2026-04'; periods with a year stay as they are."""
    if not period or len(period.split("-")[0]) == 4 or not published:
        return period
    return f"{published[:4]}-{period}"


def _dated(fact: Fact, published: Mapping[str, str | None]) -> str | None:
    """A value's time: its own period, else its article's month; None for an undated article's
    (no known time: it may conflict with a value of any time)."""
    if fact.period:
        return fact.period
    date = published.get(fact.source_id or "")
    return date[:7] if date else None


def on_scale(value: float | None, other: float | None) -> bool:
    """Whether two figures could be values of one measure: less than SCALE_GAP times apart (True
    when either is missing or not positive)."""
    if not value or not other or value <= 0 or other <= 0:
        return True
    return max(value / other, other / value) < SCALE_GAP


def align(
    facts: Sequence[Fact],
    published: Mapping[str, str | None] | None = None,
    superseded: Sequence[Fact] = (),
) -> list[MeasureGroup]:
    """Facts of one or more sources (each with `source_id` and `citation` set) as one group per
    measure (`Fact.measure`: same dimension and unit), measures stated by two or more sources only.

    Within a group, facts with the same normalised value merge into one `Value` (the first
    wording shown, every source and citation kept). Each value is marked: 'conflict' when it
    cannot hold together with a value of the same time from another source; 'different period'
    when it differs only from values of another time and is itself of a time other than most
    values' (the older figure); 'agree' when the values of its time it meets are compatible;
    'alone' when no other source states the measure. `published` maps source ids to ISO
    dates, the time of undated values. `superseded`: values the sources give as replaced
    (measure ending in `markers.EARLIER`); another source's value that one of them holds, and
    that the replacing source's own current value does not, is of the earlier time (`revised`).
    """
    published = published or {}
    known = sorted(d for d in published.values() if d)
    default = known[-1] if known else None
    by_measure: dict[str, list[Fact]] = {}
    for f in facts:
        if f.source_id is not None and f.measure and f.measure != "number":
            by_measure.setdefault(f.measure, []).append(f)
    groups = []
    for measure, found in by_measure.items():
        if len({f.source_id for f in found}) < 2:
            continue
        chosen = _representatives(found)
        replaced = [e for e in superseded if e.measure == measure + EARLIER]
        revised = {id(f) for f in chosen if _revised(f, replaced, chosen) or _outdated(f, chosen, published)}
        groups.append(_group(measure, chosen, published, default, revised))
    return groups


def _revised(fact: Fact, replaced: Sequence[Fact], facts: Sequence[Fact]) -> bool:
    """Whether a value is one another source reports as since replaced: it holds with that
    source's replaced value and not with the value that source gives now."""
    return any(
        e.source_id != fact.source_id
        and _same_figure(fact, e)
        and any(g.source_id == e.source_id and not compatible(fact, g) for g in facts)
        for e in replaced
    )


def _outdated(fact: Fact, facts: Sequence[Fact], published: Mapping[str, str | None]) -> bool:
    """Whether a value is the figure another source gives as since changed ('revised the damage
    estimate to $2.7 million' beside another's '$2 million'): that source's value is the new one
    of a change (`markers.revision`), this one lies on the side the change came from (below a
    rise, above a cut), its article is not later, and it is not given as the present one ('now')."""
    if revision(fact) or _PRESENT.search(fact.clause):
        return False
    mine = published.get(fact.source_id or "") or ""
    return any(
        g.source_id != fact.source_id
        and _before_change(fact, g)
        and not mine > (published.get(g.source_id or "") or mine)
        for g in facts
    )


_PRESENT = re.compile(r"\b(?:now|currently|at present|presently|latest|as it stands)\b", re.I)


def _before_change(fact: Fact, new: Fact) -> bool:
    """Whether a value can be the one a change led from to `new`: it does not hold with it, and
    lies below a rise's new value, above a cut's."""
    change = revision(new)
    if not change or compatible(fact, new):
        return False
    (lo, hi), (new_lo, new_hi) = interval(fact), interval(new)
    if change == UP:
        return hi < new_lo
    if change == DOWN:
        return lo > new_hi
    return True


def _same_figure(a: Fact, b: Fact) -> bool:
    """Whether two values can be one figure: compatible numbers, or the same key where either has
    none (a day, '10-03', is not the month '04' it could lie in)."""
    if a.value is None and a.high is None or b.value is None and b.high is None:
        return a.key == b.key
    return compatible(a, b)


# A source correcting a value it reports ('the firm says Friday; staff say it was actually
# Thursday'): the corrected value is the source's own.
_CORRECTING = re.compile(r"\b(?:actually|in fact|in reality|in truth)\b", re.I)


def _representatives(found: list[Fact]) -> list[Fact]:
    """Per source, the value most others can hold with (a source's other figures of the measure
    are usually other things: a shortfall beside a total), plus its values of another time; of a
    source that gives one value as what 'actually' happened beside another it reports, that one."""
    sources = list(dict.fromkeys(f.source_id for f in found))
    out = []
    for sid in sources:
        own = [f for f in found if f.source_id == sid]
        own = [f for f in own if not any(narrower(g, f) for g in own)] or own  # '3 October', not 'autumn'
        own = [f for f in own if _CORRECTING.search(f.clause)] or own  # what it says 'actually' happened
        others = [f for f in found if f.source_id != sid]
        best = max(own, key=lambda f: (sum(compatible(f, o) for o in others), -own.index(f)))
        out.append(best)
        out.extend(
            f
            for f in own
            if f is not best
            and (
                f.period
                and f.period != best.period
                and f.key != best.key
                or f.key == best.key
                and f.period == best.period
                and f.citation != best.citation
            )
        )  # its values of another time, and its other statements of the same value (each cited)
    return out


NEWS_CYCLE_DAYS = 35  # articles this close report one state of things unless they date a value


def _one_cycle(dates: Sequence[str | None]) -> bool:
    """Whether articles (ISO dates) all appeared within NEWS_CYCLE_DAYS of each other: their
    undated values are of one time, and differing ones contradict each other."""
    days = []
    for d in dates:
        try:
            days.append(date.fromisoformat((d or "")[:10]))
        except ValueError:
            return False
    return bool(days) and (max(days) - min(days)).days <= NEWS_CYCLE_DAYS


def _group(
    measure: str,
    facts: list[Fact],
    published: Mapping[str, str | None],
    default: str | None,
    revised: set[int],
) -> MeasureGroup:
    cycle = _one_cycle([published.get(f.source_id or "") for f in facts])

    def when(f: Fact) -> str | None:
        if id(f) in revised:
            return _EARLIER_TIME
        if not f.period and f.kind == "date":  # see the module's docstring
            return None
        if not f.period and cycle:  # one news cycle: the time of its latest article
            return default[:7] if default else None
        return _dated(f, published)

    def same_time(a: Fact, b: Fact) -> bool:
        ta, tb = when(a), when(b)
        if _EARLIER_TIME in (ta, tb):
            return ta == tb
        return same_period(ta, tb)

    merged: dict[str, tuple[Fact, Value]] = {}
    for f in facts:
        time = _dated(f, published)
        key = f"{f.key}|{f.period or ''}|{id(f) in revised}"
        if key not in merged:
            lo, hi = interval(f)
            merged[key] = (
                f,
                Value(
                    value=f.text,
                    source_ids=[],
                    citations=[],
                    number=f.value,
                    low=None if math.isinf(lo) or math.isnan(lo) else lo,
                    high=None if math.isinf(hi) or math.isnan(hi) else hi,
                    period=_with_year(f.period, published.get(f.source_id or "") or default) or time,
                    revised=id(f) in revised,
                ),
            )
        _, v = merged[key]
        if f.kind == "date" and not _DIGIT.search(v.value) and _DIGIT.search(f.text):
            v.value = f.text  # 'October 14' shows the day better than 'Tuesday'
        if f.source_id not in v.source_ids:
            v.source_ids.append(f.source_id or "")
        if f.citation is not None and f.citation not in v.citations:
            v.citations.append(f.citation)
            v.texts.append(f.text)
    entries = list(merged.values())
    times: dict[str | None, int] = {}
    undated = [(fa, va) for fa, va in entries if not fa.period] or entries  # the articles' own time first
    for fa, va in undated:
        times[when(fa)] = times.get(when(fa), 0) + len(va.source_ids)
    usual = max(times, key=lambda t: (t != _EARLIER_TIME, times[t]))  # a revised figure is the older one
    for i, (fa, va) in enumerate(entries):
        conflict = other = agree = False
        for j, (fb, vb) in enumerate(entries):
            if (
                i == j
                or set(va.source_ids) <= set(vb.source_ids)
                and set(vb.source_ids) <= set(va.source_ids)
            ):
                continue
            if compatible(fa, fb):
                agree = True
                va.relations.setdefault("compatible", []).append(j)
                va.compatible_with += [s for s in vb.source_ids if s not in va.compatible_with]
            elif same_time(fa, fb):
                conflict = True
                va.relations.setdefault("conflict", []).append(j)
                va.conflicts_with += [s for s in vb.source_ids if s not in va.conflicts_with]
            else:
                other = True
                va.relations.setdefault("other period", []).append(j)
                va.other_period_than += [s for s in vb.source_ids if s not in va.other_period_than]
        several = len(va.source_ids) > 1
        odd_time = other and (
            when(fa) != usual if _EARLIER_TIME in (when(fa), usual) else not same_period(when(fa), usual)
        )
        va.status = (
            "conflict"
            if conflict
            else "different period"
            if odd_time
            else "agree"
            if agree or several or other
            else "alone"
        )
    first = entries[0][0]
    return MeasureGroup(
        measure=measure, about=describe(first), unit=first.unit, values=[v for _, v in entries]
    )
