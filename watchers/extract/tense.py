"""Cheap local tense detection used to resolve year-less dates and completion verbs.

News text rarely states the year of "in April" or the week of "on Thursday";
the reader infers it from the tense of the clause ("visited ... in April" is the
last April, "will visit ... in April" the next one).  We approximate that with
the *nearest tense cue*: the closest cue word before the mention (up to
`_BACK` tokens), else the closest cue after it (up to `_FWD` tokens), else none.

Cue words:
  future: modals (will, would, may, could, ...), plan/expect/schedule words,
          "due", "next", "until", "by", "postponed"/"delayed" (a postponement
          points forward: "postponed to May"), "no earlier/sooner than" and
          "not before" (a lower bound on a time still ahead).
  past:   was/were/had/did, "ago", "last", "earlier", "since", common irregular
          past forms (said, met, held, took, ...), and any lower-case word
          ending in "-ed" that is not a future participle and not preceded by a
          form of "be" ("will be held" is not past; "is expected" is future).
"""

from __future__ import annotations

import re
from functools import lru_cache

from watchers.extract.calendar_words import CALENDAR_WORDS

__all__ = ["FUTURE", "NONE", "PAST", "tense_at", "tokens"]

PAST = -1
NONE = 0
FUTURE = 1

_TOKEN_RE = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")

_FUTURE_WORDS_TEXT = """
    will 'll shall would may might could should can going plan plans planned planning expect expects
    expected expecting schedule schedules scheduled slated due upcoming next aim aims aiming hope hopes
    hoping intend intends intended intending until till postpone postpones postponed postponing delay
    delays delayed reschedule reschedules rescheduled pushed push moved tipped penciled pencilled set
    coming forthcoming soon later by eyes eyeing seek seeks seeking proposed propose proposes invited sets
    invites prepare prepares prepared preparing target targets targeted targeting deadline wants
    won't wouldn't can't couldn't shouldn't likely unlikely slip slips slipped slipping slide slides slid
    shift shifts shifted shifting bumped
    """
_FUTURE_WORDS = frozenset(_FUTURE_WORDS_TEXT.split())

_PAST_WORDS_TEXT = """
    was were had did ago last earlier previously yesterday since said told met held took went came made
    spoke gave left began won sold bought paid sent saw flew got brought struck broke fell rose grew
    wrote thought knew led ran became kept sought drew chose stood hadn't wasn't weren't didn't
    """
_PAST_WORDS = frozenset(_PAST_WORDS_TEXT.split())

# Negated participles used as adjectives, which date nothing: "an unprecedented second state visit".
_UN_ADJECTIVES = frozenset(
    [
        "unprecedented",
        "unexpected",
        "unannounced",
        "unscheduled",
        "unplanned",
        "unconfirmed",
        "unspecified",
        "undisclosed",
        "unnamed",
        "unidentified",
        "unresolved",
        "unrelated",
        "unlimited",
        "unauthorized",
        "unauthorised",
        "unmanned",
        "uncrewed",
        "unfinished",
        "unexplained",
        "undated",
        "unsolicited",
        "unopposed",
        "unrivalled",
        "unrivaled",
    ]
)
_PAST_EED = frozenset({"agreed", "disagreed", "freed", "decreed", "guaranteed", "refereed"})
_BE_FORMS = frozenset({"is", "are", "be", "being", "been", "am", "'s", "get", "gets", "getting"})

_SCHEDULING_PARTICIPLE = re.compile(r"[a-z]{3,}ed")  # confirmed, booked, cleared, agreed
_BACK = 10
_FWD = 6


def _classify(word: str, prev: str) -> int:
    low = word.lower()
    if low in {"earlier", "sooner", "before"} and prev in {"no", "not"}:
        return FUTURE  # "no earlier than Friday", "not before May": a bound on a time still ahead
    if low in _FUTURE_WORDS or low.endswith("'ll"):
        return FUTURE
    if low in _PAST_WORDS:
        if low in {"held", "made", "sold", "bought", "left", "kept", "led"} and prev in _BE_FORMS:
            return NONE
        return PAST
    if (
        len(low) > 4
        and low.endswith("ed")
        # ("need", "proceed", "exceed" are no past forms; "agreed", "freed", "guaranteed" are)
        and (not low.endswith("eed") or low in _PAST_EED)
        and low not in _UN_ADJECTIVES  # "unprecedented", "unexpected": adjectives ("unveiled" stays a past verb)
        and word[0].islower()
        and prev not in _BE_FORMS
    ):
        return PAST
    return NONE


@lru_cache(maxsize=8192)
def tokens(sentence: str) -> tuple[tuple[int, int, str, int], ...]:
    """Tokens of `sentence` as (start, end, lower-cased word, tense cue)."""
    out: list[tuple[int, int, str, int]] = []
    prev = ""
    for m in _TOKEN_RE.finditer(sentence):
        w = m.group()
        low = w.lower()
        out.append((m.start(), m.end(), low, _classify(w, prev)))
        prev = low
    for i in range(len(out) - 2):
        start, end, low, _ = out[i]
        if low in _MOVE_FORMS and out[i + 1][2] == "to" and _is_verb_after_to(sentence, out[i + 2]):
            # "moved to block the bill late Wednesday": an act done, not a date moved ("moved to May")
            out[i] = (start, end, low, PAST if low == "moved" else NONE)
    for i in range(len(out) - 1):
        start, end, low, cue = out[i]
        if cue == FUTURE and low in _DONE_MOVES and out[i + 1][2] in {"in", "on", "last", "earlier", "this"}:
            # "the state visit postponed in July", "launch delayed on Monday": "in"/"on" after a past move dates
            # the act of moving, which is done; only "to", "until", "into" point to the new time
            out[i] = (start, end, low, PAST)
    for i in range(1, len(out) - 1):
        start, end, low, cue = out[i]
        if (
            low == "to"
            and cue == NONE
            and (out[i - 1][3] != PAST or out[i - 1][2] in _COMMITTING_PAST)
            and _is_verb_after_to(sentence, out[i + 1])
        ):
            # "truce to begin on Sunday", "bridge to open on Friday": a headline infinitive is a time to come
            # (after a past verb it is not: "was forced to close on Sunday"; a past commitment to act still points
            # ahead: "ministers agreed to meet on Sunday", "vowed to sign on Friday")
            out[i] = (start, end, low, FUTURE)
    return tuple(out)


_GERUND = re.compile(r"[a-z]{3,}ing")
# Past verbs of committing to an act, whose infinitive points ahead: "agreed to meet on Sunday".
_COMMITTING_PAST = frozenset(
    {"agreed", "decided", "pledged", "promised", "vowed", "voted", "resolved", "offered", "planned", "arranged"}
)
_REPORTING = frozenset({"said", "says", "told", "added", "announced", "reported", "stated", "wrote", "tweeted"})
_MOVE_FORMS = frozenset({"move", "moves", "moved", "moving"})
_DONE_MOVES = frozenset(
    {"postponed", "delayed", "rescheduled", "pushed", "moved", "slipped", "shifted", "bumped", "slid"}
)
# a calendar word is no verb ("May", "March"), nor are the words that date it or determine a noun
_NOT_VERBS = CALENDAR_WORDS | {
    *("next", "later", "early", "late", "mid", "spring", "summer", "autumn", "fall", "winter"),
    *("the", "a", "an", "this", "that", "its", "his", "her", "their"),
}


def _is_verb_after_to(sentence: str, token: tuple[int, int, str, int]) -> bool:
    """Whether the word after "moved to" starts an infinitive (a lower-case word that is no time or determiner)."""
    start, _, low, _ = token
    return sentence[start].islower() and low not in _NOT_VERBS and not low.isdigit()


def tense_at(sentence: str, start: int, end: int) -> int:
    """Tense governing the span [start, end) of `sentence`: PAST, FUTURE or NONE."""
    toks = tokens(sentence)
    before = [t for t in toks if t[1] <= start]
    for i in range(len(before) - 1, max(0, len(before) - _BACK) - 1, -1):
        if before[i][3]:
            break
        if before[i][2] in ("after", "since") and i + 1 < len(before) and _GERUND.fullmatch(before[i + 1][2]):
            return PAST  # "owns Twitter after closing the deal on Thursday": an act already done, dated after it
    if len(before) >= 2 and before[-1][2] == "for" and _SCHEDULING_PARTICIPLE.fullmatch(before[-2][2]):
        # "launch confirmed for Dec. 18", "vote booked for May 3", "talks fixed for Friday": a participle with
        # "for" names the time it points to; its own past tense says when that was decided, not when it is
        return NONE
    for t in reversed(before[-_BACK:]):
        if t[3]:
            return t[3]
    n = 0
    for t in toks:
        if t[0] >= end:
            if t[2] in _REPORTING:
                continue  # "... in the third quarter, Musk said": the report's tense, not the date's
            if t[3]:
                return t[3]
            n += 1
            if n >= _FWD:
                break
    return NONE
