"""What a watch's title says its item is: the head noun ("launch", "visit", "deal", "acquisition").

Admins add watches from chat with a title and keyword terms, and nothing else; the engine derives what it needs
from those. English titles name the item as a noun phrase whose head comes last before the first preposition
("Microsoft's *acquisition* of Activision", "Trump *visit* to Beijing") or at the end ("Artemis II *launch*",
"US-China rare earths *deal*"). The head noun then serves as a definite reference ("the launch", "the
acquisition") and as an anchor for the item's dates ("the launch on Feb. 6"), and, for an event, its past tense
says it took place ("Starliner launched", "the airport opened"): the same reading for every domain.

The verb itself anchors the item's dates as the noun does: "the line will open in autumn 2019", "to launch no
earlier than Friday".

| title                                  | head noun   | item verb | happened verb |
|----------------------------------------|-------------|-----------|---------------|
| Artemis II launch                      | launch      | launch    | launched      |
| Trump visit to Beijing                 | visit       | visit     | visited       |
| Grand Theft Auto VI release            | release     | release   | released      |
| Berlin Brandenburg Airport opening     | opening     | open      | opened        |
| Boeing 777X first delivery             | delivery    | deliver   | delivered     |
| Microsoft's acquisition of Activision  | acquisition | -         | (agreement)   |
| US-China final rare earths deal        | deal        | -         | (agreement)   |
"""

from __future__ import annotations

import itertools
import re

__all__ = ["happened_verb", "head_noun", "item_verb", "title_verb"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_PREPOSITIONS = frozenset(
    {"of", "to", "in", "for", "from", "with", "by", "on", "at", "into", "between", "before", "after", "over", "under"}
)
# Title words that close a phrase without being its head: verbs and adverbs of a headline-style title.
_NOT_HEADS = frozenset(
    {"closes", "close", "happens", "opens", "begins", "starts", "ends", "completes", "final", "new", "first", "us"}
)
# Nouns too generic to anchor anything on their own (a title "Ukraine aid" must not make every "aid" the item).
_GENERIC = frozenset({"news", "update", "story", "plan", "issue", "matter", "thing", "item"})


def head_noun(title: str) -> str | None:
    """The head noun of the title's first noun phrase, lower-cased, or None when there is no plain one."""
    words = _WORD.findall(title)
    phrase: list[str] = []
    for word in words:
        if word.lower() in _PREPOSITIONS and phrase:
            break
        phrase.append(word)
    for word in reversed(phrase):
        low = word.lower().removesuffix("'s")
        if low in _NOT_HEADS or low in _GENERIC or not low.isalpha() or len(low) < 3:
            continue
        if word[0].isupper() and word is not phrase[-1] and word != phrase[0]:
            return None  # a proper name ends the phrase: no common-noun head ("Visit Beijing Trump")
        return low
    return None


_EVENT_MODIFIERS = frozenset(
    {"launch", "release", "debut", "delivery", "handover", "inauguration", "premiere", "return", "visit", "arrival"}
)


def event_modifier(title: str, head: str | None) -> str | None:
    """The event noun modifying the head noun, when the head names a form of the event: "opening ceremony" ->
    "opening", "launch event" -> "launch", "delivery ceremony" -> "delivery". The event is told by either noun
    ("the Games open on July 23", "the opening ceremony on July 23"), so both anchor its dates."""
    if head is None:
        return None
    words: list[str] = [str(w).lower() for w in _WORD.findall(title)]
    for before, word in itertools.pairwise(words):
        if word == head and (before in _EVENT_MODIFIERS or (before.endswith("ing") and len(before) > 5)):
            return before
    return None


# Nouns for things that stand in force rather than happen: their verb says nothing about the item ("orders",
# "bans", "rules" are other acts).
_STANDING_THINGS = frozenset({"order", "ban", "rule", "law", "bill", "programme", "program", "grounding", "embargo"})


def happened_verb(noun: str) -> str | None:
    """The past tense of the verb behind an event noun: launch -> launched, opening -> opened,
    delivery -> delivered, release -> released, visit -> visited; None for nouns with no verb behind them."""
    if noun in {"trip", "tour", "summit", "meeting", "talks", "journey", "flight", "test", "mission"}:
        return None
    if noun in _STANDING_THINGS:
        return None  # "FAA lifts 737 MAX grounding order": the order is a thing in force, "Ryanair orders jets" no news
    if noun.endswith("ing") and len(noun) > 5:
        return noun[:-3] + "ed"
    if noun.endswith("ery"):
        return noun[:-1] + "ed"
    if noun.endswith("y"):
        return None
    if noun.endswith("e"):
        return noun + "d"
    if noun.endswith(("tion", "sion", "ment", "ance", "ence")):
        return None
    return noun + "ed"


def item_verb(noun: str) -> str | None:
    """The base verb behind an event noun: opening -> open, delivery -> deliver, launch -> launch; None when the
    noun has no verb behind it (see :func:`happened_verb`)."""
    past = happened_verb(noun)
    if past is None:
        return None
    if noun.endswith("ing") and len(noun) > 5:
        return noun[:-3]
    if noun.endswith("ery"):
        return noun[:-1]
    return noun


def title_verb(title: str) -> str | None:
    """The base form of the verb of a title written as a headline, or None.

    Admins often title a watch as the news they wait for: "FAA lifts Boeing 737 MAX grounding order", "India lifts
    non-basmati white rice export ban". The verb in the third person right after the opening name, with words after
    it, says what happening means ("lifts ... ban": the ban lifted). A title that is a noun phrase has none.

    | title                                          | verb |
    |------------------------------------------------|------|
    | India lifts non-basmati white rice export ban  | lift |
    | FAA lifts Boeing 737 MAX grounding order       | lift |
    | Fed cuts interest rates                        | cut  |
    | Nippon Steel's acquisition of U.S. Steel       | -    |
    | Elizabeth line opens                           | -    |
    """
    words: list[str] = _WORD.findall(title)
    for i, word in enumerate(words[1:4], start=1):
        low = str(word).lower()
        if not word[0].isupper() and low.endswith("s") and not low.endswith("ss") and len(low) > 3:
            if i + 1 >= len(words) or not words[i - 1][0].isupper():
                return None
            if low.endswith(("ches", "shes", "sses", "xes")):
                return low[:-2]
            return low[:-1]
        if not word[0].isupper() and not word[0].isdigit():
            return None  # a lower-case word that is no verb: a noun phrase title ("Trump visit to Beijing")
    return None
