"""Date mentions in news sentences, resolved against the entry's publication date.

Everything is relative to `published` (never the wall clock), so replaying an
archive gives the same answers as live processing.

Resolution rules (documented because alerts depend on them):

* Explicit years always win ("April 2026", "Oct. 3, 2025", "Q2 2026").
* Year-less months ("in April"), seasons, quarters, halves and holidays use the
  tense of the clause (see :mod:`watchers.extract.tense`):
    - past   -> the latest occurrence starting on/before the publication date
                (month: the latest April whose month <= published month);
    - future or no cue -> the earliest occurrence ending on/after the
                publication date (month: the first April >= published month, so
                "in November" published in November is this November).
  News is mostly forward-looking about the things we follow, hence the
  future default.
* Year-less days ("Sept. 30", "May 14-15"): past -> latest occurrence on or before
  published+3 days; future -> earliest on or after published-3 days (a little
  slack for time zones); no cue -> the occurrence nearest to the publication date.
* Weekdays ("on Thursday"): past -> latest on/before published+1 day (time
  zones); future -> earliest on/after; no cue -> today or yesterday, else the
  coming one (a headline's present "opens Monday").  "next Thursday" is the
  first Thursday strictly after published, "last Thursday" the latest strictly
  before.
* "early/mid/late April" = days 1-10 / 11-20 / 21-end; "the end of April" =
  21-end; "early/mid/late 2026" = Jan-Apr / May-Aug / Sep-Dec; "the end of the
  year"/"year-end" = December; "later this year" = published..Dec 31.
* Seasons are northern-hemisphere meteorological: spring Mar-May, summer
  Jun-Aug, fall/autumn Sep-Nov, winter Dec-Feb.  "winter 2026" is Dec 2025-Feb
  2026 (the winter that ends in 2026).
* A bare year is a date only after a date preposition ("in 2026", "by 2027",
  "later in 2026"): "Xi's 2015 visit" is not a date.
* Month names must be capitalised and, unless followed by a day or a year, must
  be introduced by a date word ("in", "by", "until", "early", "next", "the"
  + noun ...): "Trump may visit" and "a march" are never months.
* `deadline` is set when the mention is introduced by "by", "before", "no later
  than", "not later than" or "ahead of".
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from watchers.extract.tense import FUTURE, PAST, tense_at

__all__ = ["DateMention", "Precision", "find_dates", "holiday_date", "thanksgiving"]

Precision = Literal["day", "range", "week", "month", "season", "quarter", "half", "year_part", "year"]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in a sentence.

    `start`/`end` are inclusive.  `inferred` is True when the year (or week)
    was not written and came from the publication date plus tense, so
    consumers can treat the value as softer than an explicit date.
    """

    start: date
    end: date
    precision: Precision
    text: str
    span: tuple[int, int]
    deadline: bool = False
    inferred: bool = False


# --------------------------------------------------------------------------- tables

_MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _i:
        _MONTHS[_name.lower()] = _i
for _abbr, _i in (
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
):
    _MONTHS[_abbr] = _i

_WEEKDAYS = {n.lower(): i for i, n in enumerate(calendar.day_name)}

_SEASON_START = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}

_WORD_ORD = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
}

# Lunar New Year (Spring Festival) dates; outside the table we fall back to
# "late January / mid February" as a range.
_LUNAR_NEW_YEAR = {
    2020: date(2020, 1, 25),
    2021: date(2021, 2, 12),
    2022: date(2022, 2, 1),
    2023: date(2023, 1, 22),
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
    2028: date(2028, 1, 26),
    2029: date(2029, 2, 13),
    2030: date(2030, 2, 3),
    2031: date(2031, 1, 23),
    2032: date(2032, 2, 11),
    2033: date(2033, 1, 31),
    2034: date(2034, 2, 19),
    2035: date(2035, 2, 8),
}


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + timedelta(days=offset + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> date:
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def thanksgiving(year: int) -> date:
    """US Thanksgiving: the fourth Thursday of November."""
    return _nth_weekday(year, 11, 3, 4)


def _easter(year: int) -> date:
    # Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holiday_date(name: str, year: int) -> tuple[date, date] | None:
    """(start, end) of a named holiday in `year`, or None if unknown."""
    n = " ".join(name.lower().replace("'", "").split())
    if n.startswith("thanksgiving"):
        d = thanksgiving(year)
        return d, d
    if n == "black friday":
        d = thanksgiving(year) + timedelta(days=1)
        return d, d
    if n == "christmas eve":
        return date(year, 12, 24), date(year, 12, 24)
    if n.startswith("christmas"):
        return date(year, 12, 25), date(year, 12, 25)
    if n in {"new years eve"}:
        return date(year, 12, 31), date(year, 12, 31)
    if n in {"lunar new year", "chinese new year", "spring festival"}:
        lny = _LUNAR_NEW_YEAR.get(year)
        if lny is None:
            return date(year, 1, 21), date(year, 2, 20)
        return lny, lny
    if n in {"new year", "new years", "new years day", "the new year"}:
        return date(year, 1, 1), date(year, 1, 1)
    if n.startswith("easter"):
        d = _easter(year)
        return d, d
    if n in {"independence day", "fourth of july", "july fourth"}:
        return date(year, 7, 4), date(year, 7, 4)
    if n == "memorial day":
        d = _last_weekday(year, 5, 0)
        return d, d
    if n == "labor day":
        d = _nth_weekday(year, 9, 0, 1)
        return d, d
    if n == "halloween":
        return date(year, 10, 31), date(year, 10, 31)
    if n == "golden week":
        return date(year, 10, 1), date(year, 10, 7)
    return None


# --------------------------------------------------------------------------- regexes

_MON_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MON_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_MON_D = rf"(?:{_MON_FULL}|(?:{_MON_ABBR})\.?)"  # before a day number
_MON_A = rf"(?:{_MON_FULL}|(?:{_MON_ABBR})\.)"  # alone
MONTH_NAME_PATTERN = _MON_D  # a month's name or abbreviation, for other modules' patterns that name a month
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?:19[5-9]\d|20\d\d)(?![\d-]\d)(?!['’]?s\b)"  # "the late 2020s" is a decade, "2019's" an owner
_WD = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_NOT_QTY = (
    r"(?![.,]\d)(?!\s*(?:million|billion|thousand|mln|bln|bn|percent|per\s*cent|%|tons?\b|tonnes?|metric|"
    r"bushels?))"
)
_RANGE_SEP = r"\s*(?:-|\u2013|\u2014|to|through|thru|until|till|and)\s*"
_PREP = (
    r"(?i:in|by|since|until|till|through|before|after|from|during|for|to|of|throughout|on|this|next|"
    r"last|early|late|mid|end|between|around|into|until|as\s+of|as\s+early\s+as|starting|beginning|"
    r"no\s+later\s+than|not\s+later\s+than|ahead\s+of|an?|the|his|her|its|their|our)"
)

_DEADLINE_RE = re.compile(
    r"(?i:\b(?:by|before|no\s+later\s+than|not\s+later\s+than|ahead\s+of|in\s+time\s+for))\s+(?:the\s+)?$"
)

# A date used as the modifier of "deadline" names one: "Johnson sets 15 October deadline", "a Sunday deadline".
# ... and so does a date modifying the day a deal is done: "Disney sets March 20 closing date", "a July 1 effective
# date", "the May 3 completion date".
_DEADLINE_NOUN_AFTER = re.compile(
    r"(?i:\s+(?:(?:cut-?off\s+|target\s+)?dead-?lines?|(?:closing|completion|effective|signing)\s+date)\b)"
)

# "until <date> to <verb>" is a deadline for the verb: "gives the deal until Oct. 28 to close"; "until <date>" alone is
# the end of a term or a new date ("suspended until Jan. 1", "delayed until 2021") and is not.
_UNTIL_BEFORE = re.compile(r"(?i:\b(?:until|till)\s+(?:the\s+)?$)")
_TO_VERB_AFTER = re.compile(r"(?i:,?\s+to\s+[a-z]{3,}\b)")

_Handler = Callable[[re.Match[str], str, date], tuple[date, date, Precision, bool, int] | None]

_PATTERNS: list[tuple[re.Pattern[str], _Handler]] = []


def _pattern(regex: str) -> Callable[[_Handler], _Handler]:
    compiled = re.compile(regex)

    def deco(fn: _Handler) -> _Handler:
        _PATTERNS.append((compiled, fn))
        return fn

    return deco


def _mon(s: str) -> int:
    return _MONTHS[s.lower().rstrip(".")]


def _day(s: str) -> int:
    return int(s.rstrip("stndrh"))


def _safe(y: int, m: int, d: int) -> date | None:
    if 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]:
        return date(y, m, d)
    return None


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


# A period named as the one a development went past: "timeline slips past first quarter" (published April 1),
# "missed its March target". Tense says nothing here (a headline's present); the occurrence nearest the publication
# is meant, the one just gone by or the one about to be missed ("slips past March", published in February).
NEAREST = 2
_GONE_BY_BEFORE = re.compile(
    r"(?i:\b(?:past|missed|misses|miss|missing|blow\s+through|blew\s+through|blows\s+through|overshot|overshoots)\s+"
    r"(?:the\s+|its\s+|an?\s+|[\w'’.-]+(?:'s|’s)\s+)?$)"
)


# An expectation told in the past perfect was held before the time of writing and has since been overtaken: "the
# merger, which the companies had expected to complete by the end of June, is still awaiting a ruling" (July), "had
# hoped to open the line in May", "had been slated for March". Its period is the one nearest the publication, most
# often just gone by, and not next year's as the infinitive alone would say.
_PAST_EXPECTATION_BEFORE = re.compile(
    r"(?i:\bhad\s+(?:been\s+)?(?:expected|planned|hoped|aimed|intended|targeted|scheduled|slated|due|set|meant|"
    r"supposed)\b[^;:.!?]{0,60}$)"
)


# A deadline failed: "failed to reach an agreement in principle ... by the end of August", "was not signed by June",
# published just after it. The failure is told of a time that has come, so its period is the nearest one.
_FAILED_BY_BEFORE = re.compile(
    r"(?i:\b(?:failed|fails|was\s+not|were\s+not|wasn['’]t|weren['’]t|did\s+not|didn['’]t|could\s+not|couldn['’]t|"
    r"has\s+not|hasn['’]t|have\s+not|haven['’]t)\b[^;:.!?]{0,100}?\bby\s+$)"
)


def _tense(sentence: str, m: re.Match[str]) -> int:
    if _GONE_BY_BEFORE.search(sentence, max(0, m.start() - 30), m.start()):
        return NEAREST
    if _FAILED_BY_BEFORE.search(sentence, max(0, m.start() - 130), m.start()):
        return NEAREST
    if _PAST_EXPECTATION_BEFORE.search(sentence, max(0, m.start() - 90), m.start()):
        return NEAREST
    return tense_at(sentence, m.start(), m.end())


def _nearest(options: list[tuple[date, date]], pub: date) -> tuple[date, date]:
    """The window nearest the publication day (0 when it holds the day)."""
    return min(options, key=lambda o: 0 if o[0] <= pub <= o[1] else min(abs((o[0] - pub).days), abs((o[1] - pub).days)))


def _pick_year_for_day(m: int, d: int, tense: int, pub: date) -> int | None:
    cands = [(y, _safe(y, m, d)) for y in (pub.year - 1, pub.year, pub.year + 1)]
    valid = [(y, x) for y, x in cands if x is not None]
    if not valid:
        return None
    if tense == PAST:
        past = [(y, x) for y, x in valid if x <= pub + timedelta(days=3)]
        pick = past[-1] if past else valid[0]
        # Outlets drop the year of dates in the current year and keep it for last year's (AP style), and the tense
        # cue is a guess: a year-less day due within two months beats the same day almost a year ago.
        ahead = [(y, x) for y, x in valid if pub < x <= pub + timedelta(days=60)]
        if ahead and (pub - pick[1]).days > 240:
            return ahead[0][0]
        return pick[0]
    if tense == FUTURE:
        # A future tense with a year-less day that passed in the last six weeks is this year's day told late (an old
        # story resurfacing, "expected to close on Oct. 30" published on Nov. 6), not next year's: news about a day a
        # year out names the year.
        this_day = next((x for y, x in valid if y == pub.year), None)
        if this_day is not None and pub - timedelta(days=45) <= this_day < pub - timedelta(days=3):
            return pub.year
        fut = [(y, x) for y, x in valid if x >= pub - timedelta(days=3)]
        return fut[0][0] if fut else valid[-1][0]
    # No tense: outlets write this year's dates without a year (AP style), so this year's unless it is more than half
    # a year gone ("Dec. 20" in early January is last December's).
    this = next((yx for yx in valid if yx[0] == pub.year), None)
    if this is not None and -180 <= (this[1] - pub).days <= 300:
        return this[0]
    return min(valid, key=lambda yx: abs((yx[1] - pub).days))[0]


def _pick_year_for_month(m: int, tense: int, pub: date) -> int:
    if tense == NEAREST:
        years = (pub.year - 1, pub.year, pub.year + 1)
        return _nearest([(date(y, m, 1), _month_end(y, m)) for y in years], pub)[0].year
    if tense == PAST:
        return pub.year if m <= pub.month else pub.year - 1
    return pub.year if m >= pub.month else pub.year + 1


def _pick_period(make: Callable[[int], tuple[date, date]], tense: int, pub: date) -> tuple[date, date]:
    """Choose the occurrence of a yearly period (season, quarter, holiday) by tense."""
    options = [make(y) for y in (pub.year - 1, pub.year, pub.year + 1, pub.year + 2)]
    if tense == NEAREST:
        return _nearest(options, pub)
    if tense == PAST:
        past = [o for o in options if o[0] <= pub]
        return past[-1]
    return next(o for o in options if o[1] >= pub)


# --- explicit day forms (highest priority) ---------------------------------------


@_pattern(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b")
def _iso(mt: re.Match[str], s: str, pub: date) -> tuple[date, date, Precision, bool, int] | None:
    d = _safe(int(mt["y"]), int(mt["m"]), int(mt["d"]))
    return (d, d, "day", False, 0) if d else None


def _day_range(
    m1: int, d1: int, m2: int, d2: int, y1: str | None, y2: str | None, tense: int, pub: date
) -> tuple[date, date, Precision, bool, int] | None:
    inferred = False
    if y2:
        ye = int(y2)
        ys = int(y1) if y1 else (ye if m1 <= m2 else ye - 1)
    elif y1:
        ys = int(y1)
        ye = ys if m2 >= m1 else ys + 1
    else:
        inferred = True
        yp = _pick_year_for_day(m1, d1, tense, pub)
        if yp is None:
            return None
        ys = yp
        ye = ys if (m2, d2) >= (m1, d1) else ys + 1
    a, b = _safe(ys, m1, d1), _safe(ye, m2, d2)
    if a is None or b is None or b < a or (b - a).days > 92:
        return None
    return a, b, "range", inferred, 0


@_pattern(
    rf"\b{_WD}(?P<m1>{_MON_D})\s+(?P<d1>{_DAY})(?:,?\s+(?P<y1>{_YEAR}))?{_RANGE_SEP}"
    rf"(?P<m2>{_MON_D})\s+(?P<d2>{_DAY})(?:,?\s+(?P<y2>{_YEAR}))?{_NOT_QTY}"
)
def _cross_range(mt: re.Match[str], s: str, pub: date) -> tuple[date, date, Precision, bool, int] | None:
    return _day_range(
        _mon(mt["m1"]), _day(mt["d1"]), _mon(mt["m2"]), _day(mt["d2"]), mt["y1"], mt["y2"], _tense(s, mt), pub
    )


@_pattern(rf"\b{_WD}(?P<m1>{_MON_D})\s+(?P<d1>{_DAY}){_RANGE_SEP}(?P<d2>{_DAY})(?:,?\s+(?P<y2>{_YEAR}))?{_NOT_QTY}")
def _same_range(mt: re.Match[str], s: str, pub: date) -> tuple[date, date, Precision, bool, int] | None:
    m = _mon(mt["m1"])
    return _day_range(m, _day(mt["d1"]), m, _day(mt["d2"]), None, mt["y2"], _tense(s, mt), pub)


@_pattern(
    rf"(?<![\d,.$])\b(?P<d1>{_DAY})\s+(?P<m1>{_MON_D}){_RANGE_SEP}(?P<d2>{_DAY})\s+(?P<m2>{_MON_D})"
    rf"(?:,?\s+(?P<y2>{_YEAR}))?"
)
def _cross_range_dm(mt: re.Match[str], s: str, pub: date) -> tuple[date, date, Precision, bool, int] | None:
    return _day_range(
        _mon(mt["m1"]), _day(mt["d1"]), _mon(mt["m2"]), _day(mt["d2"]), None, mt["y2"], _tense(s, mt), pub
    )


@_pattern(
    rf"(?<![\d,.$])\b(?P<d1>{_DAY})\s*(?:-|\u2013|to)\s*(?P<d2>{_DAY})\s+(?P<m1>{_MON_D})(?:,?\s+(?P<y2>{_YEAR}))?"
)
def _same_range_dm(mt: re.Match[str], s: str, pub: date) -> tuple[date, date, Precision, bool, int] | None:
    m = _mon(mt["m1"])
    return _day_range(m, _day(mt["d1"]), m, _day(mt["d2"]), None, mt["y2"], _tense(s, mt), pub)


def _single_day(
    m: int, d: int, y: str | None, s: str, mt: re.Match[str], pub: date
) -> tuple[date, date, Precision, bool, int] | None:
    if y:
        x = _safe(int(y), m, d)
        return (x, x, "day", False, 0) if x else None
    yp = _pick_year_for_day(m, d, _tense(s, mt), pub)
    if yp is None:
        return None
    named = _NAMED_WEEKDAY.search(s, max(0, mt.start() - 12), mt.start() + 12)
    if named is not None and named.start() <= mt.start() + 1 and (x := _safe(yp, m, d)) is not None:
        yp = _year_of_weekday(m, d, _WEEKDAYS[named["wd"].lower() + "day"], yp, pub)
    x = _safe(yp, m, d)
    return (x, x, "day", True, 0) if x else None


# The weekday written before a year-less day: "Thursday, Nov. 9", "Tuesday 24 May".
_NAMED_WEEKDAY = re.compile(r"\b(?P<wd>Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+(?:the\s+)?(?=\w)", re.IGNORECASE)


def _year_of_weekday(m: int, d: int, weekday: int, picked: int, pub: date) -> int:
    """The year a year-less day falls on the weekday written with it.

    The weekday dates the day as surely as a year would: "agreed late on Thursday, Nov. 9" re-served in June 2024 is
    November 2023's Thursday (Nov. 9, 2024 is a Saturday), an old story and not a date five months ahead; "Tuesday,
    Jan. 7" read in late December is next year's. The year picked from the tense stands when its day is that
    weekday, or when no year within one of the publication's is (a typo names the weekday wrong)."""
    if (x := _safe(picked, m, d)) is not None and x.weekday() == weekday:
        return picked
    fits = [
        y
        for y in (pub.year - 1, pub.year, pub.year + 1)
        if (x := _safe(y, m, d)) is not None and x.weekday() == weekday
    ]
    if not fits:
        return picked
    return min(fits, key=lambda y: abs((date(y, m, min(d, 28)) - pub).days))


@_pattern(rf"\b{_WD}(?P<m>{_MON_D})\s+(?P<d>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?{_NOT_QTY}")
def _month_day(mt: re.Match[str], s: str, pub: date) -> tuple[date, date, Precision, bool, int] | None:
    return _single_day(_mon(mt["m"]), _day(mt["d"]), mt["y"], s, mt, pub)


@_pattern(rf"(?<![\d,.$])\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MON_D})(?:,?\s+(?P<y>{_YEAR}))?\b")
def _day_month(mt: re.Match[str], s: str, pub: date) -> tuple[date, date, Precision, bool, int] | None:
    return _single_day(_mon(mt["m"]), _day(mt["d"]), mt["y"], s, mt, pub)


# --- holidays ---------------------------------------------------------------------

_HOLIDAYS = (
    r"Thanksgiving(?:\s+Day)?|Black\s+Friday|Christmas\s+Eve|Christmas(?:\s+Day)?|New\s+Year's\s+Eve|"
    r"Lunar\s+New\s+Year|Chinese\s+New\s+Year|Spring\s+Festival|New\s+Year's(?:\s+Day)?|(?:the\s+)?New\s+Year|"
    r"Easter(?:\s+Sunday)?|Independence\s+Day|(?:the\s+)?Fourth\s+of\s+July|July\s+Fourth|Memorial\s+Day|"
    r"Labor\s+Day|Halloween|Golden\s+Week"
)


def _holiday_weekend(day: date) -> tuple[date, date]:
    """The long weekend around a holiday: from the Friday before a Monday or Tuesday holiday (the holiday itself
    when it falls Thursday to Sunday) to the Sunday after that start, or the holiday if later. "Fourth of July
    weekend" in 2023 (a Tuesday) runs from Friday, June 30 to July 4; "Thanksgiving weekend" from Thursday to
    Sunday."""
    back = 0 if day.weekday() >= 3 else (day.weekday() - 4) % 7
    start = day - timedelta(days=back)
    end = max(day, start + timedelta(days=(6 - start.weekday()) % 7))
    return start, end


@_pattern(rf"\b(?P<h>{_HOLIDAYS})(?:'s)?(?:,?\s+(?P<y>{_YEAR}))?(?P<wk>\s+(?:long\s+)?weekend)?\b")
def _holiday(mt: re.Match[str], s: str, pub: date) -> tuple[date, date, Precision, bool, int] | None:
    found = _holiday_day(mt, s, pub)
    if found is None or not mt["wk"] or found[0] != found[1]:
        return found
    a, b = _holiday_weekend(found[0])
    return a, b, "range", found[3], found[4]


def _holiday_day(mt: re.Match[str], s: str, pub: date) -> tuple[date, date, Precision, bool, int] | None:
    name = mt["h"]
    if name.lower().startswith("the "):
        name = name[4:]
    if mt["y"]:
        r = holiday_date(name, int(mt["y"]))
        if r is None:
            return None
        a, b = r
        return a, b, ("day" if a == b else "range"), False, 0

    def make(y: int) -> tuple[date, date]:
        r = holiday_date(name, y)
        assert r is not None
        return r

    if holiday_date(name, pub.year) is None:
        return None
    tense = _tense(s, mt)
    a, b = _pick_period(make, tense, pub)
    recent = [make(y) for y in (pub.year - 1, pub.year) if timedelta(0) < pub - make(y)[1] <= _JUST_PASSED]
    # "slipped past the Thanksgiving target", two days after it: that Thanksgiving; "after Easter return", a fortnight
    # after Easter: that Easter, the nearer of the two
    if (
        recent
        and a > pub
        and not _NEXT_BEFORE.search(s, max(0, mt.start() - 40), mt.start())
        and (pub - recent[-1][1] <= _JUST_PASSED_SURE or (tense != FUTURE and pub - recent[-1][1] < a - pub))
    ):
        a, b = recent[-1]
    return a, b, ("day" if a == b else "range"), True, 0


# A named day that passed in the last fortnight is the one a story means unless it speaks of the future ("is
# expected by", "next"): a deadline "missed" or "slipped past" is the one that just went by, not next year's.
_JUST_PASSED = timedelta(days=30)
_JUST_PASSED_SURE = timedelta(days=14)  # within a fortnight the passed one even when the next is nearer
_NEXT_BEFORE = re.compile(
    r"(?i:\b(?:next|coming|upcoming|following|expected|will|'ll|shall|due|scheduled|aims?|hopes?|plans?)\b[^.;]{0,30}$)"
)


# --- parts of months, month + year -----------------------------------------------

_PART = (
    r"(?P<part>(?i:early|mid|late|the\s+end\s+of|end\s+of|end|the\s+beginning\s+of|beginning\s+of|"
    r"the\s+start\s+of|start\s+of|the\s+middle\s+of|middle\s+of|the\s+first\s+half\s+of|"
    r"the\s+second\s+half\s+of|first\s+half\s+of|second\s+half\s+of|"
    # a week of the month: "during the last week of July", "the first week of March", "the final days of June"
    r"(?:the\s+)?(?:first|second|third|fourth|last|final)\s+(?:week|days)\s+of))"
)


def _part_days(part: str, y: int, m: int) -> tuple[date, date]:
    p = part.lower()
    last = calendar.monthrange(y, m)[1]
    if "week" in p or "days" in p:
        nth = {"first": 0, "second": 1, "third": 2, "fourth": 3}
        for word, index in nth.items():
            if word in p:
                return date(y, m, 1 + 7 * index), date(y, m, 7 + 7 * index)
        return date(y, m, last - 6), date(y, m, last)  # the last or final week or days
    if "first half" in p:
        return date(y, m, 1), date(y, m, 15)
    if "second half" in p:
        return date(y, m, 16), date(y, m, last)
    if "early" in p or "beginning" in p or "start" in p:
        return date(y, m, 1), date(y, m, 10)
    if "mid" in p:
        return date(y, m, 11), date(y, m, 20)
    return date(y, m, 21), date(y, m, last)


@_pattern(rf"\b{_PART}[\s-]+(?P<m>{_MON_A})(?:,?\s+(?P<y>{_YEAR}))?(?!\s+\d)")
def _month_part(mt: re.Match[str], s: str, pub: date) -> tuple[date, date, Precision, bool, int] | None:
    m = _mon(mt["m"])
    y = int(mt["y"]) if mt["y"] else _pick_year_for_month(m, _tense(s, mt), pub)
    a, b = _part_days(mt["part"], y, m)
    precision: Precision = "week" if "week" in mt["part"].lower() else "range"
    return a, b, precision, not mt["y"], 0


@_pattern(rf"\b(?P<m>{_MON_A}),?\s+(?:of\s+)?(?P<y>{_YEAR})")
def _month_year(mt: re.Match[str], s: str, pub: date) -> tuple[date, date, Precision, bool, int] | None:
    y, m = int(mt["y"]), _mon(mt["m"])
    return date(y, m, 1), _month_end(y, m), "month", False, 0


# --- quarters, halves, year parts ------------------------------------------------


def _rel_year(rel: str | None, pub: date) -> int | None:
    if not rel:
        return None
    r = rel.lower().split()[-1] if rel.lower().split()[-1] != "year" else rel.lower().split()[0]
    return {
        "this": pub.year,
        "the": pub.year,
        "current": pub.year,
        "next": pub.year + 1,
        "last": pub.year - 1,
    }.get(r, pub.year)


def _quarter(y: int, q: int) -> tuple[date, date]:
    m = 3 * (q - 1) + 1
    return date(y, m, 1), _month_end(y, m + 2)


# A period as the adjective of a financial noun is the reporting period: "fourth-quarter loss", "third quarter
# results", "first-half profit".
_REPORTING_PERIOD = re.compile(
    r"(?i:[\s-]+(?:net\s+)?(?:loss|losses|profit|profits|earnings|results|revenue|revenues|sales|income|"
    r"deliveries|bookings|margin|margins|outlook|guidance|report|GDP|growth)\b)"
)


@_pattern(
    r"\b(?i:(?:the\s+)?(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th|last|this|next|current|coming)"
    r"[\s-]+quarter)(?:\s+of\s+(?P<rel>(?i:this|next|last|the|the\s+current)\s+year)|,?\s+(?:of\s+)?(?P<y>"
    + _YEAR
    + r"))?\b"
)
def _quarter_words(mt: re.Match[str], s: str, pub: date) -> tuple[date, date, Precision, bool, int] | None:
    if _REPORTING_PERIOD.match(s, mt.end()):
        return None  # "posts fourth-quarter loss": the period a company reports on, not a date for anything
    ordw = mt["ord"].lower()
    year = int(mt["y"]) if mt["y"] else _rel_year(mt["rel"], pub)
    cur_q = (pub.month - 1) // 3 + 1
    if ordw in _WORD_ORD or (ordw == "last" and year is not None):
        q = _WORD_ORD.get(ordw, 4)
    else:
        base = pub.year * 4 + cur_q - 1
        idx = base + {"this": 0, "current": 0, "next": 1, "coming": 1, "last": -1}[ordw]
        y2, q0 = divmod(idx, 4)
        a, b = _quarter(y2, q0 + 1)
        return a, b, "quarter", True, 0
    if year is not None:
        a, b = _quarter(year, q)
        return a, b, "quarter", not mt["y"], 0
    a, b = _pick_period(lambda y: _quarter(y, q), _tense(s, mt), pub)
    return a, b, "quarter", True, 0


@_pattern(rf"\b(?P<q>Q[1-4])(?:[\s/]*(?P<y>{_YEAR})|\s*'(?P<yy>\d\d)\b)?\b|\b(?P<y0>{_YEAR})\s*(?P<q0>Q[1-4])\b")
def _quarter_q(mt: re.Match[str], s: str, pub: date) -> tuple[date, date, Precision, bool, int] | None:
    q = int((mt["q"] or mt["q0"])[1])
    ytxt = mt["y"] or mt["y0"]
    if ytxt:
        a, b = _quarter(int(ytxt), q)
        return a, b, "quarter", False, 0
    if mt["yy"]:
        a, b = _quarter(2000 + int(mt["yy"]), q)
        return a, b, "quarter", False, 0
    a, b = _pick_period(lambda y: _quarter(y, q), _tense(s, mt), pub)
    return a, b, "quarter", True, 0


def _half(y: int, h: int) -> tuple[date, date]:
    return (date(y, 1, 1), date(y, 6, 30)) if h == 1 else (date(y, 7, 1), date(y, 12, 31))


@_pattern(
    r"\b(?i:(?:the\s+)?(?P<ord>first|second|1st|2nd|latter|back|front)[\s-]+half)(?:\s+of\s+(?:(?P<rel>(?i:this|"
    r"next|last|the|the\s+current)\s+year)|(?P<y>" + _YEAR + r"))|\s+(?P<y2>" + _YEAR + r"))"
)
def _half_words(mt: re.Match[str], s: str, pub: date) -> tuple[date, date, Precision, bool, int] | None:
    h = 1 if mt["ord"].lower() in {"first", "1st", "front"} else 2
    ytxt = mt["y"] or mt["y2"]
    year = int(ytxt) if ytxt else _rel_year(mt["rel"], pub)
    assert year is not None
    a, b = _half(year, h)
    return a, b, "half", not ytxt, 0


@_pattern(r"(?i:\bin\s+the\s+)(?P<ord>(?i:first|second|latter))(?i:\s+half)\b(?!\s+of)")
def _half_bare(mt: re.Match[str], s: str, pub: date) -> tuple[date, date, Precision, bool, int] | None:
    h = 1 if mt["ord"].lower() == "first" else 2
    a, b = _pick_period(lambda y: _half(y, h), _tense(s, mt), pub)
    return a, b, "half", True, mt.start("ord") - mt.start()


@_pattern(rf"\bH(?P<h>[12])(?:\s*(?P<y>{_YEAR}))?\b")
def _half_h(mt: re.Match[str], s: str, pub: date) -> tuple[date, date, Precision, bool, int] | None:
    h = int(mt["h"])
    if mt["y"]:
        a, b = _half(int(mt["y"]), h)
        return a, b, "half", False, 0
    a, b = _pick_period(lambda y: _half(y, h), _tense(s, mt), pub)
    return a, b, "half", True, 0


@_pattern(r"\b(?i:(?P<dir>later|earlier)\s+(?:(?:this|in\s+the|the)\s+year|in\s+(?P<y>" + _YEAR + r")))")
def _later_year(mt: re.Match[str], s: str, pub: date) -> tuple[date, date, Precision, bool, int] | None:
    y = int(mt["y"]) if mt["y"] else pub.year
    a, b = date(y, 1, 1), date(y, 12, 31)
    if mt["dir"].lower() == "later":
        a = max(a, pub)
    else:
        b = min(b, pub)
    if b < a:
        return None
    return a, b, "year_part", not mt["y"], 0


def _year_part(part: str, y: int) -> tuple[date, date]:
    p = part.lower()
    if "end" in p or "close" in p or "turn" in p:
        return date(y, 12, 1), date(y, 12, 31)
    if "beginning" in p or "start" in p:
        return date(y, 1, 1), date(y, 1, 31)
    if "first half" in p:
        return _half(y, 1)
    if "second half" in p:
        return _half(y, 2)
    if "early" in p:
        return date(y, 1, 1), date(y, 4, 30)
    if "mid" in p or "middle" in p:
        return date(y, 5, 1), date(y, 8, 31)
    return date(y, 9, 1), date(y, 12, 31)


@_pattern(
    # "end-2025" (a headline's hyphen for "the end of") as "mid-2026" is
    r"\b(?P<part>(?i:early|mid|late|end(?=-(?:19|20)\d\d\b)|the\s+end\s+of|end\s+of|the\s+close\s+of|close\s+of|the\s+beginning\s+of|"
    r"beginning\s+of|the\s+start\s+of|start\s+of|the\s+middle\s+of|middle\s+of|the\s+turn\s+of))[\s-]+"
    r"(?:(?P<rel>(?i:this|next|last|the|the\s+current))\s+(?i:year)|(?P<y>" + _YEAR + r"))"
)
def _year_parts(mt: re.Match[str], s: str, pub: date) -> tuple[date, date, Precision, bool, int] | None:
    y = int(mt["y"]) if mt["y"] else _rel_year(mt["rel"], pub)
    assert y is not None
    a, b = _year_part(mt["part"], y)
    return a, b, "year_part", not mt["y"], 0


@_pattern(r"\b(?i:(?:(?P<rel>this|next|last|the)\s+)?year[\s-]end|the\s+year's\s+end)\b(?!-\w)")
def _year_end(mt: re.Match[str], s: str, pub: date) -> tuple[date, date, Precision, bool, int] | None:
    y = _rel_year(mt["rel"], pub) or pub.year
    return date(y, 12, 1), date(y, 12, 31), "year_part", True, 0


# --- relative months / weeks / days ------------------------------------------------


_WEEKDAY_BEFORE = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+(?:of\s+)?$", re.IGNORECASE)


@_pattern(
    r"\b(?i:(?P<dir>later|earlier)\s+)?(?i:(?P<end>(?:the\s+)?end\s+of\s+)?(?P<rel>this|next|last|the)\s+month)\b"
)
def _rel_month(mt: re.Match[str], s: str, pub: date) -> tuple[date, date, Precision, bool, int] | None:
    rel = mt["rel"].lower()
    if rel == "the" and not mt["end"]:
        return None
    y, m = pub.year, pub.month
    if rel == "next":
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    elif rel == "last":
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    a, b = date(y, m, 1), _month_end(y, m)
    if mt["end"]:
        return date(y, m, 21), b, "range", True, 0
    if mt["dir"]:
        # "later this month" is the rest of it; "later last month" is simply last month (the publication day is
        # not in it, so there is nothing to cut at)
        clamped = (max(a, pub), b) if mt["dir"].lower() == "later" else (a, min(b, pub))
        if clamped[0] <= clamped[1]:
            return clamped[0], clamped[1], "range", True, 0
    return a, b, "month", True, 0


@_pattern(r"\b(?i:(?P<dir>later|earlier)\s+)?(?i:(?P<rel>this|next|last|the\s+coming)\s+(?P<unit>week|weekend))\b")
def _rel_week(mt: re.Match[str], s: str, pub: date) -> tuple[date, date, Precision, bool, int] | None:
    if _WEEKDAY_BEFORE.search(s, max(0, mt.start() - 14), mt.start()):
        return None  # "on Tuesday next week": the week of a weekday named before it, the Tuesday (_weekday)
    rel = mt["rel"].lower()
    monday = pub - timedelta(days=pub.weekday())
    shift = {"this": 0, "next": 1, "last": -1}.get(rel, 1)
    if rel == "the coming" and mt["unit"].lower() == "weekend":
        shift = 0
    a = monday + timedelta(weeks=shift)
    if mt["unit"].lower() == "weekend":
        sat = a + timedelta(days=5)
        return sat, sat + timedelta(days=1), "week", True, 0
    b = a + timedelta(days=6)
    if mt["dir"]:  # cut at the publication day only when it falls in that week ("later last week": all of it)
        clamped = (max(a, pub), b) if mt["dir"].lower() == "later" else (a, min(b, pub))
        if clamped[0] <= clamped[1]:
            a, b = clamped
    return a, b, "week", True, 0


@_pattern(r"\b(?P<w>(?i:today|tonight|tomorrow|yesterday))\b")
def _rel_day(mt: re.Match[str], s: str, pub: date) -> tuple[date, date, Precision, bool, int] | None:
    off = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}[mt["w"].lower()]
    d = pub + timedelta(days=off)
    return d, d, "day", True, 0


# --- seasons -----------------------------------------------------------------------


def _season(name: str, y: int) -> tuple[date, date]:
    m = _SEASON_START[name]
    if m == 12:
        return date(y - 1, 12, 1), _month_end(y, 2)
    return date(y, m, 1), _month_end(y, m + 2)


@_pattern(
    r"\b(?:(?P<prep>(?i:in|by|until|till|since|during|over|through|for|before|after|from|throughout|into))\s+)?"
    r"(?:(?i:the)\s+)?(?:(?P<rel>(?i:this|next|last|coming|early|late|mid|later\s+this|earlier\s+this))[\s-]+)?"
    r"(?P<s>(?i:spring|summer|fall|autumn|winter))(?:'s)?(?:,?\s+(?:of\s+)?(?P<y>" + _YEAR + r"))?\b"
)
def _seasons(mt: re.Match[str], s: str, pub: date) -> tuple[date, date, Precision, bool, int] | None:
    if not (mt["prep"] or mt["rel"] or mt["y"]):
        return None
    name = mt["s"].lower()
    rel = (mt["rel"] or "").lower().split()[-1] if mt["rel"] else ""
    off = (mt.start("rel") if mt["rel"] else mt.start("s")) - mt.start()
    if mt["y"]:
        a, b = _season(name, int(mt["y"]))
        return a, b, "season", False, off
    opts = [_season(name, y) for y in (pub.year - 1, pub.year, pub.year + 1, pub.year + 2)]
    if rel == "this":
        # the occurrence of the current season-year (winter: the one ending next Feb
        # once we are past February)
        yy = pub.year + 1 if name == "winter" and pub.month >= 3 else pub.year
        a, b = _season(name, yy)
    elif rel in {"next", "coming"}:
        a, b = next(o for o in opts if o[0] > pub)
    elif rel == "last":
        a, b = [o for o in opts if o[1] < pub][-1]
    else:
        a, b = _pick_period(lambda y: _season(name, y), _tense(s, mt), pub)
    return a, b, "season", True, off


# --- bare years in date context ------------------------------------------------------


@_pattern(
    r"\b(?P<prep>(?i:in|by|since|until|till|through|before|after|from|during|for|throughout|within|as\s+of|"
    r"as\s+early\s+as|as\s+late\s+as|no\s+later\s+than|not\s+later\s+than|ahead\s+of|later\s+in|"
    r"earlier\s+in|starting\s+in|beginning\s+in|to|into))\s+(?P<y>" + _YEAR + r")\b(?!['’]s|\s*[-/]\s*\d)"
)
def _bare_year(mt: re.Match[str], s: str, pub: date) -> tuple[date, date, Precision, bool, int] | None:
    y = int(mt["y"])
    return date(y, 1, 1), date(y, 12, 31), "year", False, mt.start("y") - mt.start()


@_pattern(r"\b(?i:(?P<rel>this|next|last)\s+year)\b(?!'s\s+(?:end|first|second))")
def _rel_year_m(mt: re.Match[str], s: str, pub: date) -> tuple[date, date, Precision, bool, int] | None:
    y = _rel_year(mt["rel"], pub)
    assert y is not None
    return date(y, 1, 1), date(y, 12, 31), "year", True, 0


# --- weekdays and bare months (lowest priority) --------------------------------------


# A weekday governed by a forward-pointing preposition is the coming one whatever the clause's tense: "cleared for
# Wednesday launch", "next try no earlier than Friday", "moved to Saturday", "delayed until Monday". Only the word
# right before the weekday counts ("said on Friday" keeps the clause's tense).
_FORWARD_PREP = re.compile(r"\b(?i:for|until|till|than|to|before)\s+$")


# A weekday naming a deadline that was passed or missed is the one gone by, whatever the clause's tense: "Minerals
# deal slips past Trump's Thursday target" (published on Friday), "talks blow through Sunday's deadline", "missed the
# Friday cutoff". The deadline noun right after the weekday and a verb of passing right before its phrase say so.
_PASSED_BEFORE = re.compile(
    r"(?i:\b(?:past|missed|misses|miss|missing|beyond|blow\s+through|blew\s+through|blows\s+through|overshot|"
    r"overshoots|after)\s+"
    r"(?:the\s+|an?\s+|[\w'’.-]+(?:'s|’s)\s+)?$)"
)
_DEADLINE_AFTER = re.compile(r"(?i:(?:'s|’s)?\s+(?:self-imposed\s+)?(?:target|deadline|goal|cutoff|cut-off|date)\b)")


# A statement dated by its weekday: "Trump on Wednesday said", "said on Wednesday", "told reporters Wednesday".
_STATEMENT_WEEKDAY = re.compile(
    r"\b(?:on\s+(?P<a>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+(?:said|told|announced|confirmed|"
    r"declared|wrote)\b|(?:said|told\s+\w+|announced|confirmed|declared)\s+(?:on\s+)?"
    r"(?P<b>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
)


def _statement_day(s: str, mt: re.Match[str], pub: date) -> date | None:
    """The day a sentence's statement was made, when its weekday is named before the date at `mt` and lies before
    the publication day (the most recent such weekday), else None."""
    for sm in _STATEMENT_WEEKDAY.finditer(s, 0, mt.start()):
        name = sm["a"] or sm["b"]
        back = (pub.weekday() - _WEEKDAYS[name.lower()]) % 7
        # yesterday's statement dates the same week as today; and six days back is the next day in another time
        # zone, as _weekday reads a past weekday ("said on Monday", published late on Sunday UTC)
        if 2 <= back <= 5:
            return pub - timedelta(days=back)
    return None


@_pattern(
    # "a week on Monday", "a week from Friday", "Monday week" (British): the coming weekday and seven days more
    r"\b(?:(?P<plus>(?i:a\s+week\s+(?:on|from|next|this)))\s+)?"
    r"(?:(?P<rel>(?i:last|next|this|coming))\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"(?P<wk>\s+week\b(?!\s*(?:of|ending|ended|to)\b))?"
    # "on Tuesday next week", "Friday of this week": the weekday inside the week named
    r"(?:,?\s+(?:of\s+)?(?P<week>(?i:next|this|last))\s+week\b)?"
    # "Tuesday 24 May 2022", "Friday, May 10": the weekday only names the day the explicit date gives
    rf"(?!,?\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MON_FULL}|{_MON_ABBR}))"
    rf"(?!,?\s+(?:{_MON_FULL}|{_MON_ABBR})\.?\s+\d)"
)
def _weekday(mt: re.Match[str], s: str, pub: date) -> tuple[date, date, Precision, bool, int] | None:
    wd = _WEEKDAYS[mt["wd"].lower()]
    rel = (mt["rel"] or "").lower()
    fwd = (wd - pub.weekday()) % 7
    back = (pub.weekday() - wd) % 7
    if mt["week"] and not (rel or mt["plus"] or mt["wk"]):
        # "readies for final launch on Tuesday next week" (said on Monday, June 16): Tuesday, June 24; weeks run
        # Monday to Sunday, as "next week" itself does
        shift = {"next": 7, "this": 0, "last": -7}[mt["week"].lower()]
        d = pub - timedelta(days=pub.weekday()) + timedelta(days=shift + wd)
        return d, d, "day", True, 0
    if mt["plus"] or (mt["wk"] and not rel):
        # "the state visit, which begins a week on Monday" (said on Sunday, March 30): Monday, April 7
        d = pub + timedelta(days=(fwd or 7) + 7)
        return d, d, "day", True, 0
    if rel in {"next", "coming"}:
        d = pub + timedelta(days=fwd or 7)
    elif rel == "last":
        d = pub - timedelta(days=back or 7)
    elif rel == "this":
        d = pub + timedelta(days=fwd)
    else:
        tense = FUTURE if _FORWARD_PREP.search(s, 0, mt.start()) else _tense(s, mt)
        if any(sm.start() <= mt.start() and mt.end() <= sm.end() for sm in _STATEMENT_WEEKDAY.finditer(s)):
            tense = PAST  # "said on Monday", "on Wednesday said": the day a statement was made is gone by
        if _PASSED_BEFORE.search(s, max(0, mt.start() - 40), mt.start()) and _DEADLINE_AFTER.match(s, mt.end()):
            tense = PAST  # "slips past Trump's Thursday target", "missed Friday's deadline": the one gone by
        said = _statement_day(s, mt, pub)
        if tense == FUTURE and said is not None:
            # "Trump on Wednesday said Zelenskyy would visit on Friday", re-served the Sunday after: the future is
            # told from the day of the statement, not from the day the story is read
            d = said + timedelta(days=((wd - said.weekday()) % 7) or 7)
        elif tense == FUTURE:
            d = pub + timedelta(days=fwd)
        elif tense == PAST:
            # a day of slack for time zones: "the first train left on Monday", published 19:05 UTC on Sunday, is
            # Monday morning in Sydney
            d = pub + timedelta(days=1) if fwd == 1 else pub - timedelta(days=back)
        else:
            # no tense cue (a headline's present): yesterday or today is told as news in the present ("opens
            # Monday" on Tuesday is rare), but a weekday further back is the coming one ("Sydney Metro opens
            # Monday", published on Thursday)
            d = pub - timedelta(days=back) if back <= 1 else pub + timedelta(days=fwd)
    return d, d, "day", True, 0


@_pattern(
    rf"\b(?P<pre>{_PREP})\s+(?P<m1>{_MON_A})(?:\s*(?:-|to|through|until|or|and)\s*(?P<m2>{_MON_A}))?"
    rf"(?:,?\s+(?P<y>{_YEAR}))?(?!\s+Fool)(?!\s+\d)(?![\w-])"
)
def _bare_month(mt: re.Match[str], s: str, pub: date) -> tuple[date, date, Precision, bool, int] | None:
    pre = mt["pre"].lower()
    m1 = _mon(mt["m1"])
    m2 = _mon(mt["m2"]) if mt["m2"] else None
    determiner = pre in {"a", "an", "the", "his", "her", "its", "their", "our"}
    if determiner and not (mt["y"] or m2):
        # "the April summit", "an April visit" - only when followed by a noun.
        nxt = s[mt.end() : mt.end() + 2]
        if not (len(nxt) == 2 and nxt[0] == " " and nxt[1].islower()):
            return None
    off = mt.start("m1") - mt.start()
    if pre in {"next", "last", "this"}:
        tense = FUTURE if pre != "last" else PAST
        y = mt["y"] and int(mt["y"])
        if not y:
            if pre == "next":
                y = pub.year if m1 > pub.month else pub.year + 1
            elif pre == "last":
                y = pub.year if m1 < pub.month else pub.year - 1
            else:
                y = _pick_year_for_month(m1, tense, pub)
        off = 0
    elif mt["y"]:
        y = int(mt["y"])
    elif determiner:
        # "an April visit": the clause verb describes the visit, not the month; "missed its March target": the March
        # nearest the day of writing
        gone_by = _GONE_BY_BEFORE.search(s, max(0, mt.start() - 30), mt.start()) is not None
        y = _pick_year_for_month(m1, NEAREST if gone_by else FUTURE, pub)
    elif pre == "since":
        # "his sixth meeting with Sunak since October", "sales since March": a start already gone by
        y = pub.year if m1 <= pub.month else pub.year - 1
    else:
        y = _pick_year_for_month(m1, _tense(s, mt), pub)
    a = date(y, m1, 1)
    if m2 is None:
        return a, _month_end(y, m1), "month", not mt["y"], off
    y2 = y if m2 >= m1 else y + 1
    return a, _month_end(y2, m2), "range", not mt["y"], off


# --------------------------------------------------------------------------- API

_PREFILTER = re.compile(
    r"\d|January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.|day\b|Thanksgiving|Christmas|"
    r"Easter|New Year|Festival|Halloween|Golden Week|(?i:today|tonight|tomorrow|yesterday|week|month|year|"
    r"quarter|half|spring|summer|fall|autumn|winter)"
)

# Cheap features gating the expensive patterns: a pattern runs only when all of
# its features occur in the sentence.  Computed lazily, once per sentence.
_FEATURES: dict[str, re.Pattern[str]] = {
    "digit": re.compile(r"\d"),
    "year4": re.compile(r"(?:19|20)\d\d"),
    "iso": re.compile(r"\d{4}-\d\d-\d\d"),
    "month": re.compile(rf"\b(?:{_MON_FULL}|(?:{_MON_ABBR})\b)"),
    "holiday": re.compile(
        r"Thanksgiving|Christmas|New Year|Festival|Easter|Independence|Fourth|Memorial|Labor|"
        r"Halloween|Golden|Black Friday"
    ),
    "quarter": re.compile(r"(?i:quarter)|Q[1-4]"),
    "half": re.compile(r"(?i:half)|H[12]"),
    "year": re.compile(r"(?i:year)"),
    "later": re.compile(r"(?i:later|earlier)"),
    "monthword": re.compile(r"(?i:month)"),
    "week": re.compile(r"(?i:week)"),
    "dayrel": re.compile(r"(?i:today|tonight|tomorrow|yesterday)"),
    "season": re.compile(r"(?i:spring|summer|fall|autumn|winter)"),
    "weekday": re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"),
}
_GATES: dict[str, tuple[str, ...]] = {
    "_iso": ("iso",),
    "_cross_range": ("month", "digit"),
    "_same_range": ("month", "digit"),
    "_cross_range_dm": ("month", "digit"),
    "_same_range_dm": ("month", "digit"),
    "_month_day": ("month", "digit"),
    "_day_month": ("month", "digit"),
    "_holiday": ("holiday",),
    "_month_part": ("month",),
    "_month_year": ("month", "year4"),
    "_quarter_words": ("quarter",),
    "_quarter_q": ("quarter",),
    "_half_words": ("half",),
    "_half_bare": ("half",),
    "_half_h": ("half",),
    "_later_year": ("later",),
    "_year_parts": (),
    "_year_end": ("year",),
    "_rel_month": ("monthword",),
    "_rel_week": ("week",),
    "_rel_day": ("dayrel",),
    "_seasons": ("season",),
    "_bare_year": ("year4",),
    "_rel_year_m": ("year",),
    "_weekday": ("weekday",),
    "_bare_month": ("month",),
}
_GATED = [(rx, fn, _GATES[fn.__name__]) for rx, fn in _PATTERNS]


_FLOOR_BEFORE = re.compile(  # "NET" only in capitals: "a net 2025 gain" is no bound
    r"\b(?:(?i:no\s+(?:earlier|sooner)\s+than|not\s+(?:before|earlier\s+than))|NET)\s+$"
)
_FLOOR_AFTER = re.compile(r"^,?\s+at\s+the\s+(?:very\s+)?earliest\b", re.IGNORECASE)


def is_floor(sentence: str, mention: DateMention) -> bool:
    """Whether the sentence gives this date as a lower bound: "no earlier than Friday", "not before May",
    "NET Sept. 3", "in late August at the earliest".

    A bound is not a schedule. It says when the thing cannot happen sooner, not when it will, so a schedule word
    resting on it ("will launch no sooner than late August") confirms nothing, and a later day fixed afterwards
    ("now targets Saturday, Sept. 3" after "no earlier than Friday") sets the schedule within the bound rather than
    slipping past it. The same holds for any event, deal or delivery: "talks will resume no earlier than March",
    "deliveries not before 2027".
    """
    start, end = mention.span
    return bool(_FLOOR_BEFORE.search(sentence[max(0, start - 30) : start]) or _FLOOR_AFTER.match(sentence[end:]))


def find_dates(sentence: str, published: date) -> list[DateMention]:
    """All date mentions in `sentence`, in text order, resolved against `published`.

    Patterns are tried from most to least specific; a later pattern never
    overrides characters already claimed by an earlier one, so "May 14-15" is one
    range and not a month plus two numbers.  Results are cached per
    (sentence, published) because one entry is checked against many watches.
    """
    if not _PREFILTER.search(sentence):
        return []
    return list(_find_dates(sentence, published))


@lru_cache(maxsize=8192)
def _find_dates(sentence: str, published: date) -> tuple[DateMention, ...]:
    features: dict[str, bool] = {}
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    for regex, handler, gates in _GATED:
        ok = True
        for g in gates:
            hit = features.get(g)
            if hit is None:
                hit = features[g] = _FEATURES[g].search(sentence) is not None
            if not hit:
                ok = False
                break
        if not ok:
            continue
        for mt in regex.finditer(sentence):
            s0, e0 = mt.span()
            if any(s0 < e and s < e0 for s, e in taken):
                continue
            res = handler(mt, sentence, published)
            if res is None:
                continue
            a, b, precision, inferred, off = res
            cs = s0 + off
            taken.append((s0, e0))
            deadline = _DEADLINE_RE.search(sentence, max(0, cs - 30), cs) is not None
            if not deadline and mt.group().lower().startswith(("by ", "before ")):
                deadline = True
            if not deadline and _DEADLINE_NOUN_AFTER.match(sentence, e0):
                deadline = True  # "sets 15 October deadline", "the Treasury's June 5 deadline"
            if (
                not deadline
                and _UNTIL_BEFORE.search(sentence, max(0, cs - 12), cs)
                and _TO_VERB_AFTER.match(sentence, e0)
            ):
                deadline = True  # "gives the deal until Oct. 28 to close", "has until Friday to sign"
            out.append(
                DateMention(
                    start=a,
                    end=b,
                    precision=precision,
                    text=sentence[cs:e0],
                    span=(cs, e0),
                    deadline=deadline,
                    inferred=inferred,
                )
            )
    out.sort(key=lambda d: d.span)
    return tuple(_weekdays_of_named_days(_split_ranges(sentence, out), published))


_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekdays_of_named_days(found: list[DateMention], published: date) -> list[DateMention]:
    """A bare weekday in a sentence that names a full day falling on that weekday, within the two weeks after the
    weekday's own reading, is that day: "unlocks worldwide on Oct. 10 ... no earlier than Friday for anyone", read on
    Thursday, Oct. 2, means Friday, Oct. 10, not the next morning."""
    named = [d for d in found if d.precision == "day" and d.text.lower().rstrip(".") not in _WEEKDAY_NAMES]
    out = []
    for d in found:
        word = d.text.lower().rstrip(".")
        if d.precision == "day" and word in _WEEKDAY_NAMES:
            match = next(
                (
                    n
                    for n in named
                    if n.start == n.end
                    and n.start.weekday() == _WEEKDAY_NAMES.index(word)
                    and 0 < (n.start - d.start).days <= 14
                ),
                None,
            )
            if match is not None:
                d = replace(d, start=match.start, end=match.end)
            elif d.start >= published - timedelta(days=1):
                d = _later_leg(d, word, named)
        out.append(d)
    return out


def _later_leg(d: DateMention, word: str, named: list[DateMention]) -> DateMention:
    """A bare weekday still ahead, told after a full day in one sentence and read as falling before it, is a
    later leg of the programme that starts on that day: "will land in Baghdad on Friday, 5 March, ... hold a meeting at
    Ur on Saturday, visit Mosul on Sunday", read on Feb. 8, is Saturday, March 6, not Feb. 13 (a weekday gone by, "the
    deal was filed on Friday", stays past)."""
    start = next(
        (n for n in reversed(named) if n.span[1] <= d.span[0] and n.start == n.end and n.start > d.start), None
    )
    if start is None:
        return d
    day = start.start + timedelta(days=(_WEEKDAY_NAMES.index(word) - start.start.weekday()) % 7)
    if (day - start.start).days > 6:
        return d
    return replace(d, start=day, end=day)


# A span told by its two ends in one sentence: "to start March 1 at 3 a.m., end by midnight March 3", "voting begins
# Monday and ends Wednesday", "the summit opens on Nov. 15 and closes on Nov. 17".  The first day alone would read as
# the event's date moving; the span is one range (a stored day inside it holds).
_SPAN_START_BEFORE = re.compile(
    r"(?i:\b(?:start|starts|starting|begin|begins|beginning|open|opens|kick\s+off|kicks\s+off)"
    r"(?:\s+on)?\s+$)"
)
_SPAN_END_BETWEEN = re.compile(
    r"(?i:^(?:\s+(?:at|from)\s+[\w.:]+(?:\s+[ap]\.?m\.?)?)?,?\s+(?:and\s+)?(?:to\s+|will\s+)?"
    r"(?:end|ends|ending|finish|finishes|conclude|concludes|close|closes|wrap\s+up|wraps\s+up|run\s+through|runs\s+through)"
    r"(?:\s+(?:by|on|at|before))?(?:\s+[\w.:]+){0,2}?\s+$)"
)


# One moment told in two time zones: "on Jan. 19, which is just after midnight on Jan. 20 in Japan", "Jan. 19 (Jan. 20
# local time)". The two days are one moment; either is the item's day.
_SAME_MOMENT_BETWEEN = re.compile(r"(?i:^\s*(?:,\s*)?(?:\(|which\s+is\b|or\b|i\.e\.)[^.;()]{0,50}?(?:\bon\s+)?$)")
_ZONE_AFTER = re.compile(
    r"(?i:^\s*(?:\)|in\s+[A-Z][\w-]+|local\s+time|(?:Japan|India|Beijing|China|Moscow|Tokyo|Eastern|Pacific|"
    r"European)\s+(?:standard\s+)?time|[A-Z]{2,4}T\b|UTC|GMT))"
)


def in_year(day: date, year: int) -> date:
    """`day` moved to `year` (29 February to the 28th in a common year)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def _split_ranges(sentence: str, found: list[DateMention]) -> list[DateMention]:
    """Join a start day and an end day told apart ("start March 1 ..., end by March 3") into one range, and one
    moment told in two time zones ("Jan. 19, which is just after midnight on Jan. 20 in Japan") into one."""
    out: list[DateMention] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        same_moment = (
            b is not None
            and a.precision == b.precision == "day"
            and abs((in_year(b.start, a.start.year) - a.start).days) == 1
            and _SAME_MOMENT_BETWEEN.match(sentence[a.span[1] : b.span[0]]) is not None
            and _ZONE_AFTER.match(sentence[b.span[1] :]) is not None
        )
        if b is not None and (
            same_moment
            or (
                a.precision == b.precision == "day"
                and 0 < (b.start - a.start).days <= 31
                and _SPAN_START_BEFORE.search(sentence, max(0, a.span[0] - 20), a.span[0])
                and _SPAN_END_BETWEEN.match(sentence[a.span[1] : b.span[0]])
            )
        ):
            if same_moment:
                # the second day's year follows the first's (one moment): "Jan. 19 ... Jan. 20 in Japan"
                b = DateMention(
                    in_year(b.start, a.start.year), in_year(b.end, a.start.year), b.precision, b.text, b.span
                )
            out.append(
                DateMention(
                    start=min(a.start, b.start),
                    end=max(a.end, b.end),
                    precision="range",
                    text=sentence[a.span[0] : b.span[1]],
                    span=(a.span[0], b.span[1]),
                    deadline=a.deadline,
                    inferred=a.inferred or b.inferred,
                )
            )
            i += 2
            continue
        out.append(a)
        i += 1
    return out
