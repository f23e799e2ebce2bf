"""Quantities in news sentences: value, canonical unit, qualifier and role.

The hard part of "China has bought nearly 2 million metric tons, short of the 12
million metric tons agreed" is not reading the numbers but telling a reported
total from a target, a yearly pace, a price or a percentage.  Each quantity gets
a `role` from the *nearest cue* before it (scanning back to the previous
quantity or the start of the sentence), then from a few words after it:

  price     currency amount followed by "a/per bushel|ton", cents, or a futures/price
            word in the clause
  percent   "%", "percent", "per cent", "pct", "percentage points"
  rate      followed by "a year", "per year", "annually", "each year", "a month"...,
            or preceded by "annual"/"yearly"
  increment "another", "an additional", "a further", "extra"; single-period sales
            ("this week", "on Tuesday", "private/flash sales") unless a cumulative
            word (so far, to date, total) is present; and every other "total"
            in a sentence that has a cumulative figure ("bought 2.3 million,
            bringing the total to 4 million": 2.3 million is an increment)
  target    agree(d) to, commit(ment), pledge, promise, target, goal, aim, plan,
            will/would/could/may/might, expected to, consider, "short of", "of the X
            agreed"
  total     bought, purchased, imported, shipped, booked, sold, exported, ordered,
            "so far", "to date", total, cumulative, reached, "bringing ... to"
  other     comparisons ("up from", "compared with", "than") and everything else

Canonical units: "t" (metric tons), "bu" (bushels), "kg" is converted to t,
"usd", "percent", or None for bare counts.  A scaled number without a unit
("about 2 million") inherits the unit of the nearest quantity with one in the
same sentence (within 80 characters), because reporters drop repeated units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

__all__ = [
    "BUSHELS_PER_TONNE",
    "Quantity",
    "Role",
    "bushels_to_tonnes",
    "find_quantities",
    "resolve_percent_of",
    "to_tonnes",
]

Role = Literal["total", "target", "rate", "price", "percent", "increment", "other"]

# Bushels per metric ton (USDA standard bushel weights: soybeans/wheat 60 lb,
# corn/sorghum 56 lb, barley 48 lb, oats 32 lb).
BUSHELS_PER_TONNE: dict[str, float] = {
    "soybeans": 36.7437,
    "soybean": 36.7437,
    "soy": 36.7437,
    "wheat": 36.7437,
    "corn": 39.3679,
    "maize": 39.3679,
    "sorghum": 39.3679,
    "barley": 45.9296,
    "oats": 68.8944,
}

SHORT_TON_IN_TONNES = 0.907185
LONG_TON_IN_TONNES = 1.016047
POUND_IN_TONNES = 0.000453592


def bushels_to_tonnes(bushels: float, product: str = "soybeans") -> float:
    """Convert bushels of `product` to metric tons (default soybeans: 36.7437 bu/t)."""
    per = BUSHELS_PER_TONNE.get(product.lower().strip(), BUSHELS_PER_TONNE["soybeans"])
    return bushels / per


def to_tonnes(value: float, unit: str | None, product: str = "soybeans") -> float | None:
    """`value` in `unit` expressed in metric tons, or None if not a mass unit."""
    if unit == "t":
        return value
    if unit == "bu":
        return bushels_to_tonnes(value, product)
    return None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in a sentence.

    `value` is in the canonical `unit` (tons for any mass, dollars for money,
    bushels for bushels); `raw_value`/`raw_unit` keep what the text said for
    explanations.  `derived` is True for values computed by the extractor
    (e.g. "22.5% of the 12 million ton commitment" -> 2.7 million t).
    `of_target` marks a percentage of an unnamed commitment ("40% of its
    pledge"), for callers that know the target value.
    """

    value: float
    unit: str | None
    text: str
    span: tuple[int, int]
    qualifier: str | None
    role: Role
    raw_value: float
    raw_unit: str | None
    cue: str | None = None
    derived: bool = False
    of_target: bool = False
    unit_inherited: bool = False


_WORD_NUMS: dict[str, float] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "twenty-five": 25,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "a hundred": 100,
    "one hundred": 100,
    "hundreds of": 100,
    "half a": 0.5,
    "a half": 0.5,
    "one and a half": 1.5,
    "a quarter of a": 0.25,
    # "a quarter-million rides", "three-quarters of a billion": a fraction of a scale
    "a quarter": 0.25,
    "three quarters of a": 0.75,
    "three-quarters of a": 0.75,
    "a": 1,
    "an": 1,
}

_SCALES: dict[str, float] = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "millionth": 1e6,
    "mil.": 1e6,
    "billionth": 1e9,
    "mln": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bln": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
    # South Asian scale words, as Indian outlets write them: 1 lakh = 100,000; 1 crore = 10,000,000
    "lakh": 1e5,
    "lakhs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
    "cr": 1e7,  # the Health Ministry's "85.60 Cr" (capital C only: the regex takes no lower-case "cr")
    "cr.": 1e7,
}

_QUALIFIERS = (
    # "over" ends a phrasal verb as often as it qualifies: "handed over 316 planes" is 316, not more than 316
    r"nearly|almost|about|around|roughly|approximately|some|close\s+to|more\s+than|"
    r"(?<!handed\s)(?<!hands\s)(?<!hand\s)(?<!handing\s)(?<!turned\s)(?<!turning\s)(?<!signed\s)over|"
    r"at\s+least|up\s+to|"
    r"as\s+much\s+as|as\s+many\s+as|less\s+than|under|fewer\s+than|just\s+over|just\s+under|just\s+shy\s+of|"
    r"shy\s+of|an\s+estimated|estimated|upwards\s+of|in\s+excess\s+of|no\s+more\s+than|barely|only|just|"
    # a verb of approach puts the figure ahead: "ticket sales near 3 million", "nearing $349 billion"
    r"nears?|nearing|approaching"
)

_WORDNUM_RE = (
    r"one\s+and\s+a\s+half|a\s+quarter\s+of\s+a|three[\s-]quarters\s+of\s+a|"
    r"a\s+quarter(?=[\s-]+(?:million|billion|trillion)\b)|half\s+a|a\s+half|twenty-five|one\s+hundred|a\s+hundred|"
    r"hundreds\s+of|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|an?"
)

_UNIT_RE = (
    r"million\s+metric\s+tons?|million\s+metric\s+tonnes?|MMT|mmt|LMT|lmt|Mt\b|"
    r"metric\s+tons?|metric\s+tonnes?|tonnes?|short\s+tons?|long\s+tons?|tons?|mt|MT|t(?=[\s.,;)]|$)|"
    r"bushels?|bu\b|kilograms?|kilos?|kg|pounds|lbs?|"
    # ("4 pc": the Indian wire services' per cent, in lower case only)
    r"percentage\s+points?|per\s*cent|percent|pct|pc\b|%|cents?|dollars?|yuan|euros?"
)

# ISO 4217 codes of currencies outlets write before a sum, besides the ones with their own symbol above
_ISO_CODES: tuple[str, ...] = tuple(
    re.findall(
        r"[A-Z]{3}",
        "UAH RUB CNY RMB KRW BRL ZAR TRY PLN SEK NOK DKK AUD CAD NZD MXN IDR SAR AED HKD SGD THB PHP MYR VND EGP NGN "
        "KES PKR BDT ILS CZK HUF RON ARS CLP COP PEN",
    )
)

_QTY_RE = re.compile(
    r"(?:(?P<qual>\b(?i:" + _QUALIFIERS + r"))\s+)?"
    # money in any currency: a sum of yen, pounds or rupees is never a count of people or things
    r"(?P<cur>US\$|A\$|C\$|HK\$|S\$|NZ\$|\$|USD\s?|€|EUR\s|£|GBP\s|¥|JPY\s|₹|Rs\.?\s?|INR\s|CHF\s|"
    # other ISO 4217 codes written before the sum: "UAH 55 billion", "RUB 2.5 trillion", "BRL 30bn"
    r"(?:" + "|".join(_ISO_CODES) + r")\s)?"
    # Indian digit grouping ("1,14,400", "12,34,56,789") before the Western one, then plain digits
    r"(?:(?P<num>(?<![\w.,])\d{1,2}(?:,\d{2})+,\d{3}(?![\d,])(?:\.\d+)?|(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|"
    r"(?<![\w.,])\d+(?:\.\d+)?|(?<![\w.,])\.\d+)"
    r"|(?P<word>\b(?i:" + _WORDNUM_RE + r"))(?=[\s-]))"
    # "1 mil. visitors" (wire shorthand) and "10 millionth visitor" (a milestone ordinal: the count reached)
    # a capital suffix is the same scale in headline style: "5M sign-ups", "$3.8B deal", "10K visitors"
    r"(?:(?P<sa>k|m|bn|b|mn|mln|bln|tn|trn|K|M|B|BN|MN|MLN|BLN)\b|[\s-]*(?P<scale>(?i:thousand|million(?:th)?|billion(?:th)?|trillion|"
    r"mil\.|mln|mn|bln|bn|lakhs?|crores?)(?:\b|(?<=\.))|Cr\b\.?))?"
    # a figure spelled out in two scales: "24 million 745 thousand tonnes" (ministry style)
    r"(?:\s+(?P<sub>\d{1,3})\s+(?P<subscale>(?i:thousand)))?"
    r"(?:[\s-]*(?P<unit>" + _UNIT_RE + r"))?"
    r"(?:\s+(?P<more>more))?",
)

_PREFILTER = re.compile(
    r"\d|(?i:\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|half|quarters?|hundreds?)\b)"
)

_RATE_AFTER = re.compile(
    r"^[\s,]*(?:of\s+[\w.-]+\s+(?:[\w.-]+\s+)?)?(?i:a|per|each|every)\s+(?i:year|annum|month|week|day|season)\b"
    r"(?!\s+(?i:earlier|ago|before|later|prior))|"
    r"^[\s,]*(?:of\s+[\w.-]+\s+(?:[\w.-]+\s+)?)?(?i:annually|yearly|monthly|a-year|per-year)\b|"
    r"^[\s,]*(?i:/\s*(?:yr|year))"
)
_PRICE_AFTER = re.compile(
    r"^\s*(?:(?i:a|per|/)\s*(?i:bushel|bu|ton|tonne|metric\s+ton|pound|lb|barrel|kg|kilo|head)\b)"
)
_PRICE_WORDS = re.compile(r"(?i:\b(?:futures?|prices?|priced|traded\s+at|settled|per\s+bushel|a\s+bushel)\b)")
_OF_TARGET_AFTER = re.compile(
    r"^\s+of\s+(?:the\s+|its\s+|their\s+|his\s+|this\s+|that\s+|a\s+|an\s+|[A-Z][\w.]*'s?\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?i:commitments?|pledges?|targets?|goals?|promises?|quotas?|agreed|purchase\s+"
    r"(?:commitment|pledge|target|goal))\b"
)
_OF_QTY_AFTER = re.compile(r"^\s+of\s+(?:the\s+|its\s+|their\s+|this\s+|that\s+|a\s+|[A-Z][\w.]*'s?\s+)?$")

# Cue words, nearest one wins.  Compiled as one alternation with named groups.
_CUE_RE = re.compile(
    r"(?i:\b(?P<increment>another|an\s+additional|additional|a\s+further|further|extra|fresh|"
    # what was added is a step, not the count: "adding 11.8 million subscribers to hit 129.8 million"
    r"add(?:s|ed|ing)(?!\s+up\s+to))\b"
    r"|\b(?P<rate>annual|annually|yearly|per\s+year|a\s+year|each\s+year|every\s+year|"
    # a month's, a week's or a day's count is a pace, not the running total ("monthly sales cross 300,000"): the
    # adjective before its noun. A monthly report is a source ("the monthly data showed purchases of 1.2 million"),
    # and an adverb qualifies its verb ("drip-feed seats weekly with 8.3 million sold")
    r"(?:monthly|weekly|daily|quarterly)(?=\s+(?!(?:reports?|data|figures|filings?|updates?|statements?|surveys?|"
    r"releases?|bulletins?|numbers|briefings?|with|and|or|from|since|to|in|on|at|for|by|as)\b)[a-z]))\b"
    r"|\b(?P<target>agree[sd]?\s+to|agreeing\s+to|agreed|agreement\s+to|deal\s+to|commit(?:s|ted|ment|ments)?|"
    # what is under contract is still to come: "one million drones have been contracted for this year"
    r"contracted|under\s+contract|"
    r"pledge[sd]?|pledging|promise[sd]?|promising|vow(?:s|ed)?|targets?|targeted|goal|aims?\s+to|aimed|"
    # the modal "may", not the month: "January-May arrivals to 14.6 million", "in May", "May 14"
    r"plans?\s+to|planned|planning|will|would|could|(?<![-\u2013/])(?<!\bin\s)(?<!\bof\s)may(?!\s+\d)|might|should|"
    r"expected\s+to|expects?\s+to|"
    r"consider(?:s|ed|ing)?|weigh(?:s|ing)?|mulls?|intends?\s+to|seeks?\s+to|set\s+to|"
    r"is\s+to|are\s+to|short\s+of|calls?\s+for|called\s+for|under\s+the\s+(?:deal|agreement)|quota|"
    r"to\s+buy|to\s+purchase|to\s+import|wants?|wanted|requires?|required|must\s+be|mandates?|mandated)\b"
    # a figure measured "against" another is the yardstick: "4.33 million delivered so far against the 18 million
    # allocated", "against a goal of 75"
    r"|\b(?P<other>(?:up|down|rising|falling|rose|fell|risen|fallen)\s+from|compared\s+(?:with|to)|versus|vs\.?|than|"
    r"against(?:\s+(?:the|a|an|its|their|his|her))?|"
    # an estimate or projection of a figure is no count: "estimates of 800 million to 1 billion users"
    # and a forecast, outlook or guidance moved to a figure is the company's expectation, not its count: "cuts PS5
    # sales forecast to 21 million", "raises its outlook to $4.1 billion", "lifted guidance to 1.8 million"
    r"(?:estimates?|projections?|forecasts?|extrapolations?|guesses)\s+(?:of|at|put\s+it\s+at)|"
    r"(?:forecasts?|outlook|guidance|projections?)\s+(?:(?:for\s+)?[\w'’-]+\s+){0,3}?to|"
    r"a\s+year\s+(?:earlier|ago)|last\s+year's|previous|prior)\s*$"
    # base forms ("deliveries reach 1 billion") count unless an infinitive makes them a goal ("aims to reach")
    r"|\b(?P<total>"
    # "taking the tally to 623", "lifting its 2023 deliveries to 559": a count carried to a new level
    # (a possessive may qualify the count: "taking the year's tally to 145,000"; "the number of services" is left
    # out, as what it counts is named after it and may be another unit than the item's)
    # (a bare plural may stand for the count: "bringing sales across three auctions to 312,296 tons")
    r"(?:taking|takes|took|take|lifting|lifts|lifted|pushing|pushes|pushed|raising|raises|raised|bring|brings|"
    r"bringing|brought)\s+"
    r"(?:(?:the|its|their|his|her|[A-Z][\w.-]*['’]s)\s+(?:[\w'’-]+\s+){0,3}?)?(?:tally|total|count|number|figure|fleet|"
    r"deliveries|sales|purchases|admissions|arrivals|visitors|doses|value|valuation|capitali[sz]ation|cap|level|"
    r"receipts|payments|disbursements|contributions|subscribers|users|awards|grants|funding|loans|commitments|"
    r"traffic|passengers|ridership|volumes?)"
    # (what the count counts may follow it: "taking the total delivered to African countries to 210,100")
    r"(?:\s+(?:delivered|sold|shipped|bought|given|administered|received|raised|pledged|across|from|for|over|in|"
    # (or the period it covers: "taking deliveries for the first nine months of 2025 to 1,217,902")
    r"under)(?:\s+[\w$'’.-]+){0,6}?)?\s+to|"
    r"(?:rose|risen|climbed|jumped|increased|grew|grown|rises?|climbs?|jumps?|increases?|grows?|"
    # growth that slows still arrives at a level: "growth slows to 103.6 million", "rebounded to" (a fall is left
    # out: "April deliveries drop to 26" is a month's pace far more often than a running total)
    r"slow(?:s|ed)?|rebound(?:s|ed)?|recovered|recovers?|inch(?:es|ed)?\s+up)\s+to|(?<!\bto\s)(?:hit|reach|pass|top)\b|hits|"
    r"(?<!\bto\s)cross(?:es|ed|ing)?|tops|topped|"
    # a milestone marked or celebrated is reached: "Biden marks 150 million shots", "airport celebrates its 10
    # millionth passenger"
    r"(?:marks|marked|celebrates|celebrated)(?=\s+(?:about\s+|over\s+|nearly\s+|more\s+than\s+|some\s+)?$)|"
    r"touch(?:es|ed)|pass(?:es|ed)|surpass(?:es|ed)|exceed(?:s|ed)|reaches|procured|procurement\s+(?:of|at)|"
    r"supplied|sent|provided|administered|given|gave|handed\s+over|bought|purchased|purchases|imported|imports|shipped|shipments|"
    r"booked|bookings|sold|sales|exported|exports|ordered|orders|so\s+far|to\s+date|total(?:s|ed|ing|led|ling)?|"
    r"cumulative|reached|amounted\s+to|stood\s+at|stands?\s+at|bringing|brought|received|delivered|"
    # a sum stated: "together they come to US$8.66 billion", "pledges add up to $14.3bn", "a final outcome of $15.7bn"
    r"(?:come|comes|came|coming)\s+to|add(?:s|ed|ing)?\s+up\s+to|(?:outcome|tally|haul|cume)\s+of|"
    # a noun of accumulation with its level: "its global gross is $788.9 million", "the cume stands at $1.2bn",
    # "gate takings were 40 million" (a verb's subject, so "gross margin of" and "gross profit" are left out)
    r"(?:gross|cume|takings)\s+(?:is|was|are|were|now\s+stands\s+at|stands\s+at|stood\s+at|at|reached|now\s+at)|"
    # a threshold moved past by any verb of motion: "flies past $1.7B", "sails past 10 million", "edges past 500"
    # ("was past" and "is past" are states, and "in the past" no verb)
    # (only verbs of motion: "declared past 50 crore" is a statement about the figure, not a count moving)
    r"\b(?:soar|race|sail|surge|speed|zoom|fly|flies|edge|move|blow|rocket|storm|power|cruise|inch|creep|jump|leap|"
    r"climb|shoot|push|vault|sweep|roar|zip|whizz|breeze|motor|steam|charge|swim|blast|barrel|glide|stride|rush|"
    r"hurtle|tear|rumble|march|sprint|dash)(?:s|es|ed|d|ped|led)?\s+past|"
    r"\b(?:went|flew|sped|blew|crept|leapt|swept|swam|shot|tore|strode)\s+past|"
    # a level stated: "a market capitalisation of $2.06 trillion", "valued at $3.3 trillion", "closes above $2
    # trillion in market value", "ended at $3.01 trillion"
    r"(?:market\s+(?:capitali[sz]ation|cap|value)|valuation)\s+(?:of|at)|valued\s+at|"
    # a count held now: "ChatGPT now has 800 million weekly active users", "the app boasts 20 million users"
    r"now\s+(?:has|have|counts?|boasts?)|boasts?|"
    r"(?:closes|closed|closing|ends|ended|ending|finishes|finished)\s+(?:the\s+day\s+)?(?:above|at|near)|"
    # a run concluded or a record set with its figure: "sets new record with 483,395 permanent residents", "completes
    # nine years with 50.09 crore accounts", "Eras Tour ends with $2 billion" (a record or an end has its measure)
    r"(?:record|ends|ended|finishes|finished|wraps|wrapped|completes|completed|concludes|concluded)"
    r"(?:\s+[\w'’-]+){0,3}?\s+with(?=\s+(?:about\s+|over\s+|nearly\s+|more\s+than\s+|some\s+|a\s+record\s+)?$)|"
    # a count carried to a level, told with the level first: "That brings to 192 million the number of passengers"
    r"(?:brings|bringing|brought|takes|taking|took|lifts|lifting|lifted|raises|raising|raised)\s+to(?=\s*$)|"
    # people or goods carried: "Ryanair flew 200.2 million passengers", "Heathrow handled 83.9 million", "the line
    # carried 1.2 million riders"
    r"flew|flown|handled|handles|carried|carries|"
    # a plural count noun stated at a level: "on a rolling basis guests were 185.0 million", "exports are 4 million
    # tonnes" (a price or a goal keeps its own cue, nearer or stronger)
    r"(?<![\w'’])(?!(?:prices|targets|goals|forecasts|estimates|projections|rates|costs|fees|fares|levels|terms|"
    r"plans|hopes|expectations|orders|shares|bids|offers)\b)[a-z]{3,}s\s+(?:were|are)(?=\s+(?:about\s+|around\s+|"
    r"nearly\s+|some\s+|roughly\s+|almost\s+|over\s+|more\s+than\s+)?$)|"
    # money given out: "processed about $22 billion", "disbursed $70 billion", "lent $247.5bn so far"
    r"processed|disbursed|lent|loaned|paid\s+out|"
    # people moved or counted: "evacuated 114,400 people", "airlifted about 13,000", "visitors numbered 8.49 million",
    # "final tally: 25,578,986"
    # a count built up: "racks up 2 million sign-ups", "notched up", "clocked up", "amassed", "garnered", "logged"
    r"(?:racks?|racked|racking|notch(?:es|ed)?|clocks?|clocked)\s+up|amass(?:es|ed)|garner(?:s|ed)|logged|"
    # money raised or won: "Pakistan clinches $9.7bn at Geneva moot", "secures", "collected", "raised $2 billion"
    r"clinch(?:es|ed)|secures|collect(?:s|ed)|raised|raises(?!\s+(?:its\s+|the\s+)?(?:target|goal|forecast|price))|"
    r"evacuated|airlifted|flown\s+out|rescued|relocated|repatriated|resettled|numbered|(?:tally|count)\s*(?::|at\b)|"
    # a crowd drawn: "the Expo has drawn 25.07 million visitors", "attracted 8 million", "welcomed its 10 millionth"
    r"draws|drew|drawn|drawing|attract(?:s|ed)|welcom(?:es|ed)|"
    # money taken in at a box office or a gate: "had grossed $528.6 million worldwide", "has earned $1.03 billion",
    # "raked in $162 million"
    r"gross(?:es|ed|ing)|earn(?:s|ed|ing)|(?:took|taken|takes|raked|rakes|hauled|hauls|brought|brings)\s+in|"
    # official data that show a count: "government figures show 2,918,252 first doses", "data up to 6 February
    # show 12,014,288"
    r"(?:data|figures|statistics|numbers|tallies|tally|count)\b[^.;]{0,40}?\b(?:show|shows|showed|showing)|"
    r"acquired|secured|snapped\s+up|has\s+taken(?!\s+office)|have\s+taken(?!\s+office)|took(?!\s+office)|"
    r"since\s+the\s+(?:start|beginning|launch|opening)(?:\s+of\s+[\w\s'-]{1,40}?)?,?|"
    # a count of people or things served or made: "the coalition has trained 32,000 recruits", "donated 300 million
    # doses", "vaccinated 90 crore", "hired 5,000", "installed 2 million meters"
    r"trained|donated|vaccinated|immuni[sz]ed|inoculated|treated|hired|recruited|enrolled|registered|"
    r"installed|built|constructed|completed|planted|issued|manufactured|screened|tested|admitted|served|graduated)"
    # a cue is a whole word: "sold" is not in "soldiers", "sales" not in "salesmen"
    r"(?![a-z]))"
)
_GOAL_WITH = re.compile(
    r"(?i:\b(?:goal|target|guidance|forecast|estimates?|expectations?)\s+with\s+$|"
    # "2023 total tops 3 million target at 3.02 million": the goal passed at a figure, the figure is the total (a goal
    # set "at" a figure is not: "set its target at 3 million")
    r"\b(?:tops?|topped|beats?|exceed(?:s|ed)?|surpass(?:es|ed)?|pass(?:es|ed)|cross(?:es|ed)|hits?|reach(?:es|ed)?|"
    r"meets?|met)\s+(?:its\s+|the\s+|their\s+)?(?:[\w$.,-]+\s+){0,3}?(?:goal|target|guidance)\s+(?:with|at)\s+$)"
)
# "needs about 317,000 in December to hit its 3 million target": the reaching is a purpose, the goal still ahead
_PURPOSE_TO_BEFORE = re.compile(r"(?i:\bto\s+$|\b(?:needs?|needed|aims?|bid|in\s+order)\b[^,;]{0,30}\bto\s+$)")
_RESULT_INFINITIVE = re.compile(
    r"\s*(?:(?!(?:need|needs|needed|has|have|had|is|are|was|were|will|would|must|aims?|plans?|wants?|hopes?|"
    r"expects?|seeks?|tries|trying|is\s+set)\b)[A-Za-z+'’-]+\s+){0,2}to\s+(?:hit|reach|top|take\s+(?:it|its\s+total)\s+to|bring\s+(?:it|its\s+total)\s+to)\s+"
    r"(?:about\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+|some\s+|roughly\s+)?\$?"
)
_AFTER_TARGET_RE = re.compile(
    r"^[\s,]*(?:of\s+[\w.-]+\s+(?:[\w.-]+\s+)?)?(?:(?:it|that|which|china|beijing|they|he|she|the\s+\w+)\s+)?"
    r"(?:has\s+|had\s+|have\s+)?(?i:agreed|pledged|promised|committed|targeted|commitment|pledge|target|goal|"
    r"promise|quota)\b|"
    # what is needed or required names a goal: "authorities say 3 million are needed in Congo alone"
    r"^[\s,]*(?:[\w.-]+\s+)?(?:are|is|were|was|will\s+be)\s+(?:still\s+)?(?:needed|required|necessary)\b"
)
# What someone is still obliged or expected to do with a figure names a goal, whatever verb came before it: "shifts
# attention to the 25 MMT Beijing is supposed to buy in 2026".
_OBLIGATION_AFTER = re.compile(
    r"^[\s,]*(?:[\w.-]+\s+){0,2}?(?:(?:it|that|which|they|he|she|[A-Z][\w.-]*|the\s+\w+)\s+)"
    r"(?i:is|are|was|were)\s+(?i:supposed|due|expected|obliged|required)\s+to\b"
)
# A figure followed by its count noun and a passive or perfect verb of delivery is a total too: "66.3 LMT
# procured", "220,000 shells have been delivered", "66 crore devotees have taken a dip".
_PART_BEFORE = re.compile(r"(?i:\b(?:including|of\s+which|among\s+them)\s+(?:(?:about|some|nearly|around)\s+)?$)")
_AFTER_TOTAL_RE = re.compile(
    r"^[\s,]*(?:of\s+[\w.-]+\s+(?:[\w.-]+\s+)?)?(?i:so\s+far|to\s+date|in\s+total)\b|"
    # a count over the time elapsed since the start is a running total: "10 crore devotees take holy dip in 12
    # days", "2 million visitors in the first 100 days", "40,000 shells over eight months"
    r"^\s*(?:[\w-]+\s+){0,6}?(?i:in|over|within)\s+(?:the\s+(?:first|past|last)\s+)?(?:\d+|[a-z]+)\s+"
    r"(?i:days|weeks|months)\b|"
    # a present perfect of any verb of movement or delivery: "82 million barrels have now flowed out of the reserve"
    # (what is contracted, pledged or promised "from" someone is still to come: "have been contracted from makers")
    r"^\s*(?:[\w-]+\s+){0,4}?(?i:have|has)\s+(?:now\s+|so\s+far\s+|already\s+)?(?:been\s+)?"
    r"(?!(?:contracted|pledged|promised|committed)\b)[a-z]+(?:ed|wn)\s+"
    r"(?i:out|in|through|to|from|into|off|away)\b|"
    r"^\s*(?:[\w-]+\s+){0,5}?(?:(?i:(?:have|has|had)\s+(?:been\s+|now\s+)?|(?:were|was)\s+|(?:already\s+))|"
    # without an auxiliary, a participle after "and" or "or" is a second verb of the subject, with its own object:
    # "produced 440,808 vehicles and delivered 422,875", not a passive of the first figure
    r"(?<!\band\s)(?<!\bor\s)(?<!\bbut\s))"
    r"(?i:procured|delivered|supplied|shipped|sent|administered|received|taken|purchased|handed\s+over|had|"
    r"receive|get|got|"
    r"given|attended|visited|exported|imported|sold|bought|produced|moved|carried|processed|disbursed|approved|"
    r"evacuated|airlifted|rescued|relocated|repatriated|"
    r"lent|loaned|granted|awarded|allocated|paid\s+out|"
    r"trained|donated|vaccinated|immuni[sz]ed|inoculated|treated|hired|recruited|enrolled|registered|installed|"
    # things made are counted as they are finished: "2.57 crore houses completed", "1,200 km of track constructed"
    r"built|constructed|completed|planted|issued|manufactured|screened|tested|admitted|served|graduated)\b|"
    # a fill level: "storage was 83% full", "reservoirs at 60% capacity"
    r"^\s*(?i:full|filled|of\s+capacity|capacity)\b|"
    # a figure whose scope is the whole world or country is the running total of a count kept by place: "has earned
    # $649 million worldwide", "an estimated $1.9 billion globally", "Flies Past $1.7B Global", "6 million users
    # nationwide" (a scope word before a noun is an adjective of another thing: "$2 billion global fund")
    r"^\s*(?i:worldwide|globally|nationwide|countrywide|overall|cumulatively|global)(?=\s*(?:[,;.:!?)]|$|and\b|"
    r"through\b|after\b|as\b|so\s+far|to\s+date|in\b|with\b|by\b|since\b))|"
    # since the start: "24 million tonnes of food since August", "30,000 doses since the launch"
    r"^\s*(?:[\w-]+\s+){0,6}?(?i:since)\s+(?:the\s+(?:start|beginning|launch|opening)|its\s+(?:start|launch)|"
    r"inception|(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)"
)
# A figure joined to its unit by a hyphen modifies a noun: it gives the size of a thing (a plan, a deal, a project),
# not a count reached. "completing the 180 million-barrel release", "a $14.9-billion deal", "a 100-million-dose pledge".
_SIZE_MODIFIER_AFTER = re.compile(
    r"-(?:[a-z]+-)?(?:barrel|ton|tonne|dose|shell|unit|seat|bed|home|job|acre|mile|square)s?"
    r"\s+(?P<noun>[a-z]+)"
)
# ... unless the whole is itself told as done, by a participle after it: "China has received 7.7 million tonnes of the
# 31.8 million tonnes shipped under the initiative" (the whole is the running total, the part China's share).
_DONE_PARTICIPLE_AFTER = re.compile(
    r"(?:\s+[a-z]+)?\s+(?:[a-z]{3,}ed|sold|sent|given|shipped|delivered|brought)\b(?<!\bneed)"
)
_OUT_OF_BEFORE = re.compile(r"(?i:^(?:\s+[\w-]+){0,3}?\s+(?:out\s+of|of)\s+(?:the\s+|a\s+)?$)")
# A figure that modifies a goal noun names the goal, whatever verb came before: "shots have been given since he took
# office, and the 100 million goal will be met".
_GOAL_NOUN_AFTER = re.compile(r"(?i:^\s*(?:[a-z-]+\s+)?(?:goal|target|pledge|commitment|promise|quota)s?\b)")
# A figure summed over the item and something else is neither's count: "9.7 million tickets were sold for the Olympic
# and Paralympic Games combined", "12 million for both events in all".
_COMBINED_AFTER = re.compile(
    r"(?i:^[^,;.]{0,80}?\b(?:combined|in\s+all|put\s+together)\b|"
    # a figure widened to others: "some 4,574,000 including staff", "10 million counting staff", "29 million with
    # pavilion workers": a broader count than the one the sentence's other figure gives
    r"^\s*(?:[\w-]+\s+){0,2}?(?:including|counting|plus)\s+(?:[\w-]+\s+){0,2}?(?:staff|workers|personnel|"
    r"employees|crew|officials|participants|others|exhibitors|press)\b)"
)
_REACHED_BEFORE = re.compile(
    r"(?i:\b(?:hit|hits|met|meets|reached|reaches|achieved|achieves|surpassed|exceeded|beat|beats|tops|topped|"
    r"passed|passes|crossed|crosses)\s+(?:(?:its|their|the|his|her)\s+)?$)"
)
# A verb of passing a mark, in any form but the infinitive of a purpose ("needs 3,000 more to cross the mark").
_PASSING_BEFORE = re.compile(
    r"(?i:(?<!\bto\s)\b(?:cross(?:es|ed)?|tops?|topped|pass(?:es|ed)?|hits?|reach(?:es|ed)?|surpass(?:es|ed)?|"
    r"exceed(?:s|ed)?|breaks?|broke|crack(?:s|ed)?)\s+(?:(?:the|its|their|a)\s+)?$)"
)
# A mark named after its size: "40 mln-barrel buyback mark", "1 million-dose milestone", "500-unit threshold".
MARK_AFTER = re.compile(r"(?i:(?:-[a-z]+)?(?:\s+[\w-]+){0,2}?\s+(?:mark|milestone|threshold|barrier|level)\b)")
_DURATION_AFTER = re.compile(r"(?i:^[\s-]*(?:months?|weeks?|days?|years?|hours?|minutes?|decades?)\b)")
_HYPHENED_UNIT = re.compile(r"(?:\d|million|billion|thousand)-[a-z]+$")  # "12-million-ton", "5,000-tonne"
_NOUN_AFTER = re.compile(r"\s+(?P<noun>[a-z]{3,})\b")
# A share of the promise is the running total: "700,000 of the promised million shells", "2 million out of the
# pledged 12 million", "44.5 million barrels of the 180 million it promised" (a count noun may sit between; checked
# before the target reading of "promised").
_SHARE_OF_PROMISE = re.compile(
    r"^(?:\s+[a-z]+)?\s*(?:of|out\s+of)\s+(?:the\s+|its\s+|a\s+|their\s+)?(?i:promised|pledged|planned|targeted|"
    r"committed|agreed)\b"
)
# The promise named by its size right after a figure: "44.5 million barrels of the 180 million it promised", "2 million
# out of the 12 million tons agreed": the first figure is the share delivered, a running total.
# A word of distance before "of" makes the figure a gap, not a share: "nearly $4 billion shy of the $18 billion target",
# "3 million short of the 12 million", "two points below the 95% goal".
_OF_THE_NEXT = re.compile(
    r"^(?:\s+(?!(?i:shy|short|below|under|away|less|fewer|behind|off)\b)[a-z]+)?\s*(?:of|out\s+of)\s+(?:the|its|a|their)\s+$"
)
_GAP_TO_NEXT = re.compile(
    r"(?i:^\s+(?:[a-z]+\s+)?(?:short|shy|below|under|less\s+than|fewer\s+than|away\s+from|behind)\s+"
    r"(?:of\s+)?(?:the|its|a|their|his|her)\s+$)"
)
_APPOSITION_RE = re.compile(r"^\s*(?:[A-Za-z]+\s*)?(?:,\s*or|\(|,\s*or\s+about|,\s*equivalent\s+to|,\s*i\.e\.,?)\s*$")
_BOUNDARY_RE = re.compile(r";|(?<!\d):(?!\d)|\s-\s|\(|\)|\bbut\b|\bwhile\b|\bwhereas\b")


def _unit_of(unit: str | None) -> tuple[str | None, float]:
    """Canonical unit and multiplier for a raw unit string."""
    if unit is None:
        return None, 1.0
    u = " ".join(unit.lower().split())
    if u in {
        "mmt",
        "million metric tons",
        "million metric ton",
        "million metric tonnes",
        "million metric tonne",
    }:
        return "t", 1e6
    if u == "lmt":
        return "t", 1e5  # lakh metric tonnes, the Indian food ministry's unit
    if unit == "Mt":
        return "t", 1e6  # megatonne
    if u.startswith("short ton"):
        return "t", SHORT_TON_IN_TONNES
    if u.startswith("long ton"):
        return "t", LONG_TON_IN_TONNES
    if u in {"t", "mt"} or u.startswith(("metric ton", "ton")):
        return "t", 1.0
    if u.startswith(("bushel", "bu")):
        return "bu", 1.0
    if u.startswith(("kilogram", "kilo", "kg")):
        return "t", 1e-3
    if u.startswith(("pound", "lb")):
        return "t", POUND_IN_TONNES
    if u in {"%", "percent", "per cent", "pct", "pc"} or u.startswith("percentage point"):
        return "percent", 1.0
    if u.startswith("cent"):
        return "usd", 0.01
    if u.startswith("dollar"):
        return "usd", 1.0
    if u == "yuan":
        return "cny", 1.0
    if u.startswith("euro"):
        return "eur", 1.0
    return None, 1.0


def _is_year(num: str) -> bool:
    return len(num) == 4 and num.isdigit() and 1900 <= int(num) <= 2100


_MONTH_BEFORE = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?\s*(?:-|\u2013|to|through|and)\s*)?$"
)
_MONTH_AFTER = re.compile(
    r"^(?:st|nd|rd|th)?\s*(?:-\s*\d+\s*)?(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b"
)
_TIME_AFTER = re.compile(r"^(?::\d\d|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|ET|EST|EDT|UTC))")


# The canonical unit of each currency sign: only US dollars and euros convert to a watch's "usd" or "eur"; the rest
# stay what they are, so they never pass for the watch's unit (or for a count).
_CURRENCIES = {
    "US$": "usd",
    "$": "usd",
    "USD": "usd",
    "€": "eur",
    "EUR": "eur",
    "A$": "aud",
    "C$": "cad",
    "HK$": "hkd",
    "S$": "sgd",
    "NZ$": "nzd",
    "£": "gbp",
    "GBP": "gbp",
    "¥": "jpy",
    "JPY": "jpy",
    "₹": "inr",
    "Rs": "inr",
    "INR": "inr",
    "CHF": "chf",
    **{code: code.lower() for code in _ISO_CODES},
}
_GLUED_LETTER = re.compile(r"[A-Za-z]")
# A span as an adjective ("its 12-month traffic", "a 60-day extension"): a quantity of its own (a duration), but no
# boundary for the cue of the figure after it ("taking its 12-month traffic to 186.9 million").
_SPAN_ADJECTIVE = re.compile(r"(?i:-(?:month|year|week|day|hour|minute|decade)\b)")
_NAME_DASH_BEFORE = re.compile(r"\b[A-Za-z]+-$")


def _raw_quantities(sentence: str) -> list[tuple[re.Match[str], float, str | None, str | None]]:
    out: list[tuple[re.Match[str], float, str | None, str | None]] = []
    for m in _QTY_RE.finditer(sentence):
        num, word = m["num"], m["word"]
        if num is None and word is None:
            continue
        if num is not None and not (m["sa"] or m["scale"] or m["unit"]) and _GLUED_LETTER.match(sentence, m.end("num")):
            continue  # a number glued to letters is a name or a label: "1445H" (a Hijri year), "A320neo", "4K"
        if num is not None and _NAME_DASH_BEFORE.search(sentence, max(0, m.start("num") - 12), m.start("num")):
            continue  # ... or hyphened after letters: "COVID-19", "F-16", "MH-17", "G-20"
        scale_txt = m["sa"] or m["scale"]
        unit_txt = m["unit"]
        cur = m["cur"]
        if word is not None:
            w = " ".join(word.lower().split())
            if not (scale_txt or unit_txt):
                continue
            if w in {"a", "an"} and not scale_txt:
                continue
            base = _WORD_NUMS[w]
        else:
            assert num is not None
            if not (scale_txt or unit_txt or cur):
                before = sentence[max(0, m.start("num") - 25) : m.start("num")]
                after = sentence[m.end("num") : m.end("num") + 12]
                # a day of a month ("Oct. 1", "May 14-15"), never a figure like "since Oct. 1 to 12,307"
                is_day = num.isdigit() and 1 <= int(num) <= 31
                if _is_year(num) or (is_day and _MONTH_BEFORE.search(before)) or (is_day and _MONTH_AFTER.match(after)):
                    continue
                if _TIME_AFTER.match(after) or after.startswith(("st ", "nd ", "rd ", "th ")):
                    continue
            base = float(num.replace(",", ""))
        scale = _SCALES[scale_txt.lower()] if scale_txt else 1.0
        canon, mult = _unit_of(unit_txt)
        if unit_txt == "MT" and not scale_txt and base * scale < 10_000 and (num or "").count(".") == 1:
            # "13.1 MT", "1,047.57 MT" in trade and Indian press are million tonnes: no national total is 13.1 tons,
            # and a few thousand metric tons are written whole ("5,000 MT"), not to the hundredth
            mult = 1e6
        if cur:
            canon = _CURRENCIES.get(cur.strip().rstrip("."), "usd")
            mult = 1.0
        # 15 significant digits drop binary noise from the scaling ("8.2 million" is 8199999.999999999 as a float
        # product) while keeping every digit a figure in the news carries
        if m["sub"] is not None and scale >= 1_000_000:
            base += int(m["sub"]) * 1_000 / scale  # "24 million 745 thousand": 24.745 million
        value = float(f"{base * scale * mult:.15g}")
        raw_unit = unit_txt.strip() if unit_txt else (cur.strip() if cur else None)
        out.append((m, value, canon, raw_unit))
    return out


_INCREMENT_CTX = re.compile(
    r"(?i:\b(?:this\s+week|last\s+week|in\s+the\s+week|week\s+(?:ended|ending|to)|weekly|daily|single\s+day|"
    r"flash\s+sales?|private\s+sales?|on\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|yesterday|today|"
    # a day's or a few hours' count: "evacuated a record 21,600 in a day", "10,400 in 24 hours", "in 12 hours"
    r"overnight|per\s+day)\b)"
)
# A threshold crossed names a running total ("footfall crosses 9 crore", "deliveries top 1,000"), as "so far" does.
_ACCUMULATION_CUE = re.compile(r"(?i:so\s+far|to\s+date|total|cumulative|bringing|brought|in\s+total)")
_CUMULATIVE_CUE = re.compile(
    r"(?i:so\s+far|to\s+date|total|cumulative|bringing|brought|reached|amounted|stood|stands|in\s+total|"
    r"\btill\b|\buntil\b|\bas\s+of\b|"
    r"\bcross(?:es|ed|ing)?\b|\btop(?:s|ped)\b|\bpass(?:es|ed)\b|\bsurpass(?:es|ed)\b|\bexceed(?:s|ed)\b)"
)


# A target said to be met is the figure reached: "has now met its pledge of 1 million rounds", "reached the goal of
# 100 crore doses", "fulfilled its commitment of 12 million tons".
_MET_TARGET_BEFORE = re.compile(
    r"(?i:\b(?:met|meets|reached|reaches|hit|hits|achieved|achieves|fulfilled|fulfils|fulfills|surpassed|exceeded)"
    r"\s+(?:its|their|the|his|her|our)\s+(?:[\w-]+\s+){0,2}?(?:pledge|target|goal|commitment|promise|quota)\s+of\s*$|"
    # the promised amount completed: "the sale closes out the 180 million barrels Biden ordered", "completing the
    # 12 million tons China agreed to buy"
    r"\b(?:closes?\s+out|closed\s+out|closing\s+out|completes|completed|completing|fulfils|fulfilled|fulfilling)"
    r"\s+(?:the|its|their|all|all\s+the)\s*$)"
)


# After the figure, an absolute clause ("..., with Punjab's mandis accounting for half of the daily arrivals") is
# about something else too.
_CLAUSE_END = re.compile(r";|(?<!\d):(?!\d)|\s-\s|\(|\)|\bbut\b|\bwhile\b|\bwhereas\b|,\s+with\b")


def _own_clause(sentence: str, start: int, end: int, prev_end: int, next_start: int) -> str:
    """The stretch of the number's own clause between its neighbours: "crosses 9 crore; cabinet to meet on
    Wednesday" keeps "on Wednesday" out of the figure's clause."""
    lo, hi = prev_end, next_start
    for bm in _BOUNDARY_RE.finditer(sentence, prev_end, start):
        lo = bm.end()
    bm2 = _CLAUSE_END.search(sentence, end, next_start)
    if bm2 is not None:
        hi = bm2.start()
    return sentence[lo:hi]


# A count over some hours or one day, read past the hour figure itself (which is a quantity of its own).
_HOURS_COUNT_AFTER = re.compile(
    r"(?i:[^,;.]{0,40}?\b(?P<span>(?:in|over|during)\s+(?:the\s+(?:past|last|previous)\s+)?\d+\s+hours|"
    r"in\s+(?:a|one|a\s+single)\s+day)\b)"
)


_DAY_WORDS = re.compile(r"(?i:day\b|yesterday|today)")
_STATED_ON_BEFORE = re.compile(
    r"(?i:\b(?:said|says|told|announced|reported|confirmed|disclosed|added|stated|wrote)\s+(?:\w+\s+)?$)"
)


def _role_for(
    sentence: str, m: re.Match[str], canon: str | None, prev_end: int, next_start: int
) -> tuple[Role, str | None]:
    role, cue = _base_role(sentence, m, canon, prev_end, next_start)
    if role == "total" and (hours := _HOURS_COUNT_AFTER.match(sentence, m.end())) is not None:
        return "increment", hours["span"]  # "10,400 people out of Kabul in 24 hours": a few hours' count
    if role == "total" and not (cue and _CUMULATIVE_CUE.search(cue)):
        clause = _own_clause(sentence, m.start(), m.end(), prev_end, next_start)
        if not _CUMULATIVE_CUE.search(clause):
            offset = sentence.find(clause) if clause else -1
            for inc in _INCREMENT_CTX.finditer(clause):
                # "booked 600,000 tons this week", "flash sales of 132,000 tons": a single period's purchases, not
                # the running total. Only next to the figure (up to 40 characters after it, 15 before), not the day
                # a statement was made ("Speaking on BFMTV on Thursday, the chief said about 9.5 million ...") nor
                # a schedule of something else ("to drip-feed seats weekly with 8.3 million sold").
                at = offset + inc.start() if offset >= 0 else m.start()
                end = at + len(inc.group())
                # "with 8.3 million sold" states the whole so far, whatever schedule comes before "with"
                absolute = re.search(r"(?i:\bwith\s+(?:about\s+|some\s+|nearly\s+|over\s+)?$)", sentence[: m.start()])
                # the day a statement was made: "said on Tuesday it delivered 127 jets"
                stated = (
                    _DAY_WORDS.search(inc.group()) is not None
                    and _STATED_ON_BEFORE.search(sentence, max(0, at - 30), at) is not None
                )
                near = not stated and (0 <= at - m.end() <= 40 or (0 <= m.start() - end <= 15 and not absolute))
                if near:
                    return "increment", inc.group()
    return role, cue


# A verb of change with its amount, then "to" and the level reached (see _base_role).
_CHANGE_BY_BEFORE = re.compile(
    r"(?i:\b(?P<verb>rose|rises|rise|rising|climbed|climbs|climbing|jumped|jumps|grew|grows|growing|increased|"
    r"increases|surged|surges|soared|soars|gained|gains|advanced|advances|expanded|expands|swelled|fell|falls|"
    r"dropped|drops|declined|declines|slipped|slips|slumped|slumps|edged\s+up|inched\s+up)\s+(?:by\s+)?"
    r"(?:(?:about|nearly|some|almost|over|more\s+than)\s+)?[\d.,]+\s*"
    r"(?:%|per\s*cent|percent|pct|pc)?\s*$)"
)
# ... whose subject is a price ("Shares rose 4% to $822.79", "Brent fell 2% to $71"): the level is a price
_PRICE_SUBJECT_BEFORE = re.compile(
    r"(?i:\b(?:shares?|stocks?|prices?|futures|index|yields?|rates?|crude|brent|gold|bitcoin|currency|dollar|rupee|"
    r"euro|yen|yuan)\b[\w\s'’]{0,20}$)"
)
_TO_AFTER_A_CHANGE = re.compile(
    r"(?i:\s*(?:year[\s-]on[\s-]year\s+)?to\s+(?:(?:about|around|nearly|almost|a|record|new)\s+)*)"
)
# A verb of share right before a percentage, then "of" the whole it is a share of (see _base_role).
_SHARE_VERB_BEFORE = re.compile(
    r"(?i:\b(?:made\s+up|makes?\s+up|making\s+up|accounted\s+for|accounts?\s+for|accounting\s+for|took|takes?|"
    r"taking|captured|captures?|capturing|represented|represents?|representing|comprised|comprises?)\s+"
    r"(?:(?:a|an|the)\s+)?(?:(?:record|new|all-time|combined|whopping)\s+)*"
    r"(?:(?:about|around|nearly|almost|some|over|roughly|more\s+than|just\s+over|just\s+under)\s+)?$)"
)
_OF_AFTER = re.compile(r"\s+of\b")


def _base_role(
    sentence: str, m: re.Match[str], canon: str | None, prev_end: int, next_start: int
) -> tuple[Role, str | None]:
    start, end = m.start(), m.end()
    after = sentence[end:next_start]
    if m["more"]:
        return "increment", "more"
    if not m["unit"] and not m["scale"] and not m["sa"] and _DURATION_AFTER.match(after):
        return "other", "a duration"  # "flown by Ryanair in the 12 months to the end of August": a span, no count
    if m["scale"] and m["scale"].lower().endswith("th"):
        return "total", m["scale"]  # "welcomes its 10 millionth visitor": the count reached
    if canon == "percent":
        return "percent", None
    if canon in {"usd", "eur", "cny"}:
        if _PRICE_AFTER.match(after):
            return "price", _PRICE_AFTER.match(after).group().strip()  # type: ignore[union-attr]
        if m["unit"] and m["unit"].lower().startswith("cent"):
            return "price", "cents"
        clause = sentence[prev_end:next_start]
        pw = _PRICE_WORDS.search(clause)
        if pw:
            return "price", pw.group()
    rm = _RATE_AFTER.match(after)
    if rm:
        return "rate", rm.group().strip(" ,")
    if _COMBINED_AFTER.match(after):
        return "other", "a combined count"  # "9.7 million tickets ... for the Olympic and Paralympic Games combined"
    gm = _GOAL_NOUN_AFTER.match(after) or _OBLIGATION_AFTER.match(after)
    reached = _REACHED_BEFORE.search(sentence, max(0, start - 30), start)
    if gm and reached and not _PURPOSE_TO_BEFORE.search(sentence, max(0, reached.start() - 40), reached.start()):
        return "total", gm.group().strip()  # "reservoirs hit 60% target": the goal reached, a level reached
    if gm:
        return "target", gm.group().strip()  # "the 100 million goal will be met": the figure names a goal
    passing = _PASSING_BEFORE.search(sentence, max(0, start - 30), start)
    if passing is not None and MARK_AFTER.match(sentence, end):
        # "tops 40 mln-barrel buyback mark", "crosses the 1 million-dose milestone": a mark passed, sized by its unit
        # (the passing verb is the cue: the engine reads a mark passed as a floor)
        return "total", passing.group().split()[0]
    cm = _SIZE_MODIFIER_AFTER.match(sentence, end)
    if cm is None and _HYPHENED_UNIT.search(m.group()):
        cm = _NOUN_AFTER.match(sentence, end)
    if cm:
        return "other", "the size of a " + cm["noun"]  # "the 180 million-barrel release", "a 12-million-ton deal"
    # nearest cue before, back to the previous quantity / clause boundary
    before = sentence[prev_end:start]
    if (goal_with := _GOAL_WITH.search(sentence, max(0, start - 80), start)) is not None:
        # "Airbus tops 2023 delivery goal with 735 jets", "beat its target with 1.2 million": what met the goal
        return "total", goal_with.group().strip()
    if prev_end and _RESULT_INFINITIVE.fullmatch(sentence[prev_end:start]):
        # "adding 11.8 million subscribers to hit 129.8 million": an infinitive right after a figure and its noun
        # tells where that change took the count, a total (a goal needs its own verb: "aims to hit")
        return "total", before.strip()
    if _PART_BEFORE.search(before):
        # "for a $915.8 million global total, including $695.3 million international": a part of the whole named
        # before it, whatever cue the whole had
        return "other", "a part of the figure before"
    # Prefer cues inside the current clause; fall back to the whole stretch back
    # to the previous quantity when the clause itself has none.
    last_boundary = None
    hard = False
    for bm in _BOUNDARY_RE.finditer(before):
        last_boundary = bm.end()
        hard = bm.group() == ";"
    if last_boundary is not None and (hard or _CUE_RE.search(before, last_boundary)):
        # a semicolon starts a clause with its own subject and verb: a cue before it governs nothing after it
        # ("doses donated by the EU arrived Thursday; authorities say 3 million are needed")
        before = before[last_boundary:]
    cues = list(_CUE_RE.finditer(before))
    if any(c.lastgroup == "rate" for c in cues if c.start() >= len(before) - 40):
        # "annual purchases of 25 million tons": the yearly qualifier wins
        rc = next(c for c in reversed(cues) if c.lastgroup == "rate")
        return "rate", rc.group()
    if cues:
        c = cues[-1]
        kind = c.lastgroup
        assert kind is not None
        return kind, c.group()  # type: ignore[return-value]
    sm = _SHARE_OF_PROMISE.match(after)
    if sm:
        return "total", sm.group().strip(" ,")
    am = _AFTER_TARGET_RE.match(after)
    if am:
        return "target", am.group().strip(" ,")
    am = _AFTER_TOTAL_RE.match(sentence[end : end + 120])  # may run past a following count: "in 12 days"
    if am:
        return "total", am.group().strip(" ,")
    change = _CHANGE_BY_BEFORE.search(sentence, max(0, prev_end - 60), prev_end) if prev_end else None
    if (
        change is not None
        and _TO_AFTER_A_CHANGE.fullmatch(before)
        and not _PRICE_SUBJECT_BEFORE.search(sentence, max(0, change.start() - 30), change.start())
    ):
        # "production rose 4.38% to 830.66 MT", "sales jumped by 12,000 to 1.2 million": the change comes first, the
        # level it reached after "to" (the verb governs both)
        return "total", f"{change['verb']} ... to"
    if _unit_of(m["unit"])[0] == "percent" and (share := _SHARE_VERB_BEFORE.search(before)) and _OF_AFTER.match(after):
        # "Electric cars take 95.8% of January sales", "made up 97.2% of new cars", "accounted for 41% of output": a
        # share verb with "of" states the level (it reaches here only on a watch that counts in percent)
        return "total", share.group().strip()
    return "other", None


def find_quantities(sentence: str, *, percent_level: bool = False) -> list[Quantity]:
    """All quantities in `sentence` (see :func:`_find_quantities`); cached per sentence, since one entry is read
    for many watches and twice per watch (totals, then the target's deadline)."""
    return list(_find_quantities_cached(sentence, percent_level))


@lru_cache(maxsize=4096)
def _find_quantities_cached(sentence: str, percent_level: bool) -> tuple[Quantity, ...]:
    found = _find_quantities(sentence, percent_level=percent_level)
    if not any(q.role == "total" for q in found):
        found = sorted([*found, *_ordinal_counts(sentence, found)], key=lambda q: q.span)
    return tuple(found)


_ORDINAL_WORDS = {
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
}
# An ordinal that places the item in a national series gives the count reached: "PM flags off fourth Vande Bharat
# Express", "Modi rolls out Kerala's first Vande Bharat, 15th in the country", "the eighth such train". It is the
# item's number when a proper name follows it (the item's), or "in the country", "nationwide", "overall", "such".
# A possessive before it makes it a region's or an owner's series ("Kerala's first", "its third plant"), and a
# lower-case noun after it is a time or a rank ("fourth quarter", "20th anniversary", "third day").
_ORDINAL = re.compile(
    r"(?<![\w'’])(?P<ord>(?P<num>\d{1,4})(?:st|nd|rd|th)|"
    + "|".join(_ORDINAL_WORDS)
    + r")\b(?=\s+(?:(?-i:[A-Z])[\w-]*|such\b|(?:\w+\s+){0,2}?(?:in\s+the\s+country|nationwide|overall|in\s+India)\b))",
    re.IGNORECASE,
)
# (an indefinite article counts nothing: "a third sale of 40 million barrels" is one more, not the third in all)
_POSSESSIVE_BEFORE_ORDINAL = re.compile(r"(?:['’]s|\b(?:its|their|his|her|our|a|an|another))\s+$", re.IGNORECASE)
_TIME_AFTER_ORDINAL = re.compile(
    r"(?i:\s+(?:quarter|half|week|day|month|year|century|anniversary|time|round|term|straight|consecutive|place|"
    r"largest|biggest|edition|session|phase|stage|wave|tranche|batch)\b)"
)


def _title_case(sentence: str) -> bool:
    """Whether a headline capitalises most of its words, so that a capital says nothing about a name."""
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", sentence) if len(w) > 3]
    return bool(words) and sum(1 for w in words if w[0].isupper()) >= 0.7 * len(words)


def _ordinal_counts(sentence: str, found: list[Quantity]) -> list[Quantity]:
    """The counts ordinals give (see _ORDINAL), as totals, where no figure of the sentence is one."""
    out = []
    for m in _ORDINAL.finditer(sentence):
        if any(q.span[0] < m.end() and m.start() < q.span[1] for q in found):
            continue
        if _POSSESSIVE_BEFORE_ORDINAL.search(sentence, max(0, m.start() - 12), m.start()):
            continue
        if _TIME_AFTER_ORDINAL.match(sentence, m.end()):
            continue
        if m.start() > 0 and m["ord"][0].isupper() and not _title_case(sentence):
            continue  # capitalised mid-sentence, the ordinal is part of a name: "since the Second World War"
        word = m["ord"].lower()
        value = float(m["num"]) if m["num"] else float(_ORDINAL_WORDS[word])
        if value < 2:
            continue
        out.append(
            Quantity(
                value=value,
                unit=None,
                text=m["ord"],
                span=m.span(),
                qualifier=None,
                role="total",
                raw_value=value,
                raw_unit=None,
                cue="an ordinal in a series: the count reached",
            )
        )
    return out


def _find_quantities(sentence: str, *, percent_level: bool = False) -> list[Quantity]:
    """All quantities in `sentence` with canonical value, unit, qualifier and role.

    Percentages of an explicit quantity ("22.5% of the 12 million ton
    commitment") additionally yield a derived quantity (role "total", value
    0.225 * 12e6 t); the inner quantity is then a target.

    With `percent_level` (a watch that counts in percent, such as a storage fill level), a percentage is a figure
    like any other: its role comes from the same cues ("storage crosses 80%" a total, "the 95% target" a target,
    "prices up 20%" other).
    """
    if not _PREFILTER.search(sentence):
        return []
    raws = _raw_quantities(sentence)
    if not raws:
        return []
    # unit inheritance for scaled, unit-less numbers
    units: list[str | None] = [c for _, _, c, _ in raws]
    inherited = [False] * len(raws)
    for i, (m, _v, canon, _r) in enumerate(raws):
        if canon is None and (m["sa"] or m["scale"]):
            best: tuple[int, str] | None = None
            for j, (m2, _v2, c2, _r2) in enumerate(raws):
                if j == i or c2 is None or c2 == "percent" or raws[j][0]["cur"]:
                    continue
                dist = m.start() - m2.end() if j < i else m2.start() - m.end()
                if dist <= 80 and (best is None or dist < best[0]):
                    best = (dist, c2)
            if best is not None:
                units[i] = best[1]
                inherited[i] = True
    out: list[Quantity] = []
    for i, (m, value, _canon, raw_unit) in enumerate(raws):
        canon = units[i]
        prev_end = raws[i - 1][0].end() if i > 0 else 0
        next_start = raws[i + 1][0].start() if i + 1 < len(raws) else len(sentence)
        level = percent_level and canon == "percent"
        role, cue = _role_for(sentence, m, None if level else canon, prev_end, next_start)
        if role == "other" and i > 0 and _SPAN_ADJECTIVE.match(sentence, prev_end):
            # "taking its 12-month traffic to 186.9 million": a span adjective inside the carried noun phrase does
            # not cut the figure off from the verb that carries it
            wider = next((r[0].end() for r in reversed(raws[:i]) if not _SPAN_ADJECTIVE.match(sentence, r[0].end())), 0)
            again = _role_for(sentence, m, None if level else canon, wider, next_start)
            if again[0] == "total":
                role, cue = again
        if level and role == "increment" and not m["more"] and cue not in ("another", "an additional", "further"):
            role = "total"  # a level on a day ("83% full on Wednesday") is the level, not a day's addition
        if i > 0 and out and _APPOSITION_RE.match(sentence[prev_end : m.start()]):
            # "1.5m tonnes, or 55.1 million bushels" / "(55.1 million bushels)":
            # a restatement shares the role of the quantity it restates.
            role, cue = out[-1].role, out[-1].cue
            if _COMBINED_AFTER.match(sentence[m.end() : next_start]):
                role, cue = "other", "a combined count"  # "3,859,000, or some 4,574,000 including staff"
            if role == "total":
                clause = sentence[prev_end:next_start]
                inc = None if _CUMULATIVE_CUE.search(clause) else _INCREMENT_CTX.search(clause)
                if inc is not None:
                    role, cue = "increment", inc.group()
                    out[-1] = replace(out[-1], role=role, cue=cue)
        qual = " ".join(m["qual"].lower().split()) if m["qual"] else None
        start = m.start("cur") if m["cur"] else (m.start("num") if m["num"] else m.start("word"))
        if qual:
            start = m.start()
        end = m.end("more") if m["more"] else m.end()
        text = sentence[start:end].rstrip()
        raw_value = value
        if raw_unit and canon == "t":
            mult = _unit_of(raw_unit)[1]
            raw_value = value / mult if mult else value
        of_target = canon == "percent" and _OF_TARGET_AFTER.match(sentence[m.end() : m.end() + 80]) is not None
        out.append(
            Quantity(
                value=value,
                unit=canon,
                text=text,
                span=(start, start + len(text)),
                qualifier=qual,
                role=role,
                raw_value=raw_value,
                raw_unit=raw_unit,
                cue=cue,
                of_target=of_target,
                unit_inherited=inherited[i],
            )
        )
    out = [
        replace(q, role="total", cue=met.group().strip())
        if (q.role == "target" or (q.role == "other" and not (q.cue or "").startswith("the size of")))
        and (met := _MET_TARGET_BEFORE.search(sentence, max(0, q.span[0] - 60), q.span[0]))
        else q
        for q in out
    ]
    # a figure short of another is the gap between them: "exports were 3 million tons short of the 12 million agreed",
    # "$4 billion shy of the target", "two points below the 95% goal"
    for k in range(len(out) - 1):
        if _GAP_TO_NEXT.match(sentence[out[k].span[1] : out[k + 1].span[0]]):
            out[k] = replace(out[k], role="other", cue="a gap to " + out[k + 1].text)
    out = (
        [
            replace(q, role="total", cue="of the " + nxt.text)
            if q.role in ("other", "increment")
            and nxt.role == "target"
            and _OF_THE_NEXT.match(sentence[q.span[1] : nxt.span[0]])
            else q
            for q, nxt in zip(out, [*out[1:], out[-1]], strict=True)
        ]
        if out
        else out
    )
    # only an explicit accumulation demotes the other figures ("bringing the total to"); a threshold crossed ("as UK
    # passes 4 million cases") may be another measure's
    # "9.5 million tickets sold out of 10 million", "about 9.5 million of the 10 million tickets": the second figure is
    # the whole the first is counted against, not a total reached
    out = (
        [
            replace(q, role="other", cue="the whole of " + prev.text)
            if q.role == "total"
            and prev.role == "total"
            and _OUT_OF_BEFORE.search(sentence[prev.span[1] : q.span[0]])
            and not _DONE_PARTICIPLE_AFTER.match(sentence, q.span[1])
            else q
            for prev, q in zip([out[0], *out[:-1]], out, strict=True)
        ]
        if out
        else out
    )
    cumulative_units = {q.unit for q in out if q.role == "total" and q.cue and _ACCUMULATION_CUE.search(q.cue)}
    if cumulative_units:
        # "bought 2.3 million tons, bringing the total to 4 million": the cumulative figure is the total, the other
        # purchases are increments. Only figures of the same unit: in "drawdown hits 44.5 million barrels as gas
        # tops $5" the price's "tops" says nothing about the barrels.
        out = [
            replace(q, role="increment")
            if q.role == "total" and q.unit in cumulative_units and not (q.cue and _CUMULATIVE_CUE.search(q.cue))
            else q
            for q in out
        ]
    return resolve_percent_of(out, sentence)


def resolve_percent_of(quantities: list[Quantity], sentence: str) -> list[Quantity]:
    """Turn "X% of [the] <quantity>" into a derived total and mark <quantity> a target.

    Returned list keeps the original quantities (the inner one re-labelled
    "target") and inserts the derived one right after the percentage.
    """
    out: list[Quantity] = []
    n = len(quantities)
    relabel: set[int] = set()
    derived: dict[int, Quantity] = {}
    for i, q in enumerate(quantities):
        if q.unit != "percent" or i + 1 >= n:
            continue
        nxt = quantities[i + 1]
        if nxt.unit in {None, "percent"}:
            continue
        gap = sentence[q.span[1] : nxt.span[0]]
        if not _OF_QTY_AFTER.match(gap):
            continue
        val = q.value / 100.0 * nxt.value
        derived[i] = Quantity(
            value=val,
            unit=nxt.unit,
            text=sentence[q.span[0] : nxt.span[1]],
            span=(q.span[0], nxt.span[1]),
            qualifier=q.qualifier,
            role="total",
            raw_value=val,
            raw_unit=nxt.unit,
            cue=f"{q.text} of {nxt.text}",
            derived=True,
        )
        relabel.add(i + 1)
    for i, q in enumerate(quantities):
        out.append(replace(q, role="target", cue=f"{q.text} is the base of a percentage") if i in relabel else q)
        if i in derived:
            out.append(derived[i])
    return out
