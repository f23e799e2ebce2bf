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
from functools import lru_cache

from watchers.extract.calendar_words import CALENDAR_WORDS
from watchers.extract.lexicon_data import load_lexicon
from watchers.extract.places import places_in
from watchers.extract.question import DETERMINERS, QuestionClause, light_verbs, question_clause

__all__ = ["event_verb", "happened_verb", "head_noun", "item_verb", "past_of", "title_verb"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# An aside in brackets qualifies the item without naming it: "(Chatswood to Sydenham)", "(EDF, Somerset)".
_ASIDE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# (places too: "lander touches down near the Moon's south pole" keeps "pole" out of the item's phrase)
_PREPOSITIONS = frozenset(
    {"of", "to", "in", "for", "from", "with", "by", "on", "at", "into", "between", "before", "after", "over", "under",
     "near", "beside", "around", "toward", "towards", "across", "beyond", "outside", "inside"}
)  # fmt: skip
# Title words that are never its head: adjectives and adverbs of a headline-style title.
_NOT_HEADS = frozenset({"close", "closing", "final", "new", "first", "us", "formally", "officially"})
# Title words that end the item's noun phrase: the verb of a title written as a headline ("Online Safety Bill
# becomes law", "Paris agreement enters into force", "WHO pandemic agreement adopted by the assembly") and the
# complement after it.
_PHRASE_ENDS = frozenset(
    {
        "closes",
        "happens",
        "opens",
        "reopens",
        "begins",
        "starts",
        "ends",
        "completes",
        "becomes",
        "enters",
        "takes",
        "passes",
        "signs",
        "reaches",
        "hits",
        "returns",
        "lands",
        "touches",
        "splashes",
        "docks",
        "arrives",
        "launches",
        "approved",
        "adopted",
        "signed",
        "passed",
        "ratified",
        "completed",
        "closed",
        "opened",
        "vs",
        "versus",
    }
)
# Nouns too generic to anchor anything on their own (a title "Ukraine aid" must not make every "aid" the item).
_GENERIC = frozenset({"news", "update", "story", "plan", "issue", "matter", "thing", "item"})


def head_noun(title: str) -> str | None:
    """The head noun of the title's first noun phrase, lower-cased, or None when there is no plain one.

    Asides in brackets are dropped first. A title in two parts around a colon or a spaced dash names its item in the
    first part ("Iran nuclear deal: final agreement due by June 30") unless that part is only a name ("S.T.A.L.K.E.R.
    2: Heart of Chornobyl release") or the second names an event and the first does not; the same holds for a phrase
    cut at a preposition that belongs to a name ("Heart of Chornobyl release"). A headline verb ends the phrase
    ("Online Safety Bill becomes law": "bill"), and a calendar word is never the head ("launching Sept 23 2025").

    | title                                                  | head        |
    |--------------------------------------------------------|-------------|
    | Sydney Metro City line (Chatswood to Sydenham) opens   | line        |
    | Brexit withdrawal agreement approved by UK Parliament  | agreement   |
    | Chevron's $53bn Hess acquisition closing               | acquisition |
    | CHIPS Act semiconductor bill: Congress passes it       | bill        |
    | S.T.A.L.K.E.R. 2: Heart of Chornobyl release           | release     |
    | Hinkley Point C unit 1 first power (EDF, Somerset)     | power       |

    A title written as a question is read as the statement it asks about (see :mod:`watchers.extract.question`).
    """
    clause = question_clause(title)
    if clause is not None:
        return _question_head(clause)
    title = _ASIDE.sub(" ", title)
    # a spaced dash parts a title as a colon does: "Bungie's Marathon release - launching Sept 23 2025"
    parts = [_phrase_head(_WORD.findall(part)) for part in _TITLE_PARTS.split(title)]
    heads = [h for h in parts if h is not None]
    if not heads:
        return None
    if heads[0] in _EVENT_MODIFIERS:
        return heads[0]  # the first part names its event already ("Marathon release - launching Sept 23")
    # "JAXA H3 rocket: first successful launch": an event noun after the colon is what the title waits for
    return next((h for h in heads[1:] if h in _EVENT_MODIFIERS or (h.endswith("ing") and len(h) > 5)), heads[0])


def _question_head(clause: QuestionClause) -> str | None:
    """The item's head noun in a question title: the subject's ("When does Honolulu *rail* open", "Will the
    Respect for Marriage *Act* clear the Senate"), else the head of the verb's object ("Will Biden make a wartime
    *visit*", "Will India and the UAE sign their CEPA trade *deal*"); the object's first after a light verb ("Will
    the president make a *visit*"). A pronoun subject points back to the statement before the question ("US LNG
    exports in 2023: will they pass 80 MT?"). A subject of names has no head of its own ("Russia's Luna-25").

    | question title                                              | head     |
    |-------------------------------------------------------------|----------|
    | When does Honolulu rail open to passengers?                 | rail     |
    | Will the Respect for Marriage Act clear both chambers?      | act      |
    | Will UnitedHealth's Amedisys takeover get past the lawsuit? | takeover |
    | Will Biden make a wartime visit to Israel?                  | visit    |
    | Will India and the UAE sign their CEPA trade deal?          | deal     |
    | Will Russia's Luna-25 land near the south pole?             | -        |
    """
    if clause.subject_is_pronoun:
        return head_noun(clause.lead) if clause.lead else None
    head = _subject_head(clause.subject)
    if head is not None and clause.verb not in light_verbs():
        return head
    obj = _WORD.findall(clause.rest)
    if clause.verb is not None and obj and obj[0].lower() not in _PREPOSITIONS:
        found = _subject_head(clause.rest)
        if found is not None:
            return found
    if head is None and clause.verb in _EVENT_MODIFIERS:
        # "When will Biden visit Saudi Arabia?", "When does DART launch?": the verb is the event's noun too
        return clause.verb
    return head


def _subject_head(subject: str) -> str | None:
    """The common-noun head of a question's subject, or None for a subject of names: a head in lower case
    ("Honolulu rail"), or a capitalised last word after a determiner that is neither a place nor an acronym ("the
    Respect for Marriage Act", not "India and the UAE"); a possessive is a determiner, never the head."""
    words = _WORD.findall(_COORDINATED.split(subject, maxsplit=1)[0])
    head = _phrase_head(words)
    if head is None:
        return None
    if head in words:
        return head
    last = words[-1] if words else ""
    determiner = max((i for i, w in enumerate(words) if w.lower() in ("the", "a", "an")), default=-1)
    titled = words[determiner + 1 :] if determiner >= 0 else []
    if (
        last.lower() == head
        # a title of several capitalised words after a determiner ("the Respect for Marriage Act", "Bill C-11, the
        # Online Streaming Act"), not one institution's name ("the Senate") nor parties ("the UK and New Zealand")
        and sum(1 for w in titled if w[0].isupper()) >= 2
        and all(w[0].isupper() or w.lower() in _PREPOSITIONS for w in titled)
        and not last.isupper()
        and not any(b == len(subject.rstrip()) for _, b, _ in places_in(subject.rstrip()))
    ):
        return head
    return None


# A coordinated phrase after the noun phrase: "Saudi Arabia and meet the crown prince", "Parliament, and get ...".
_COORDINATED = re.compile(r",?\s+(?:and|or|but)\s+(?=[a-z])")


def _phrase_head(words: list[str]) -> str | None:
    phrase: list[str] = []
    for i, word in enumerate(words):
        low = word.lower()
        if low == "and" and phrase and phrase[-1].islower() and _head_of(phrase) is not None:
            # "Chenab bridge inauguration and Katra-Srinagar Vande Bharat flag-off": a title of two things joined by
            # "and" names its item first; the first noun phrase ends at the conjunction ("Israel and Hamas ceasefire"
            # goes on: a name before "and" is one party of the phrase)
            break
        if phrase and (low in _PREPOSITIONS or low in _PHRASE_ENDS):
            if low in _PREPOSITIONS and all(w[0].isupper() for w in phrase if w.lower() not in DETERMINERS):
                # "Heart of Chornobyl release": the preposition may sit inside a name; a common noun after it is
                # the head, else the name's last word is ("EU Pact on Migration and Asylum")
                later = _phrase_head(words[i + 1 :])
                if later is not None and later in {w.lower() for w in words[i + 1 :]}:
                    return later
            break
        phrase.append(word)
    return _head_of(phrase)


_TITLE_PARTS = re.compile(r":|\s[-\u2013\u2014]\s")


def _head_of(phrase: list[str]) -> str | None:
    for word in reversed(phrase):
        low = word.lower().removesuffix("'s")
        if low in CALENDAR_WORDS:  # never a head noun: "launching Sept 23 2025" has none
            continue
        if low in _NOT_HEADS or low in _PHRASE_ENDS or low in _GENERIC or not low.isalpha() or len(low) < 3:
            continue
        if word[0].isupper() and word is not phrase[-1] and word != phrase[0]:
            return None  # a proper name ends the phrase: no common-noun head ("Visit Beijing Trump")
        return low
    return None


_EVENT_MODIFIERS = frozenset(
    {
        "launch",
        "release",
        "debut",
        "delivery",
        "handover",
        "inauguration",
        "premiere",
        "return",
        "visit",
        "arrival",
        "move",
    }
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


# Nouns naming what a law does: outlets call a bill by its content ("Australia passes social media ban", "Senate
# approves tax cuts", "MPs back pension reform"), so before a bill noun in a title one of these is the same item.
_LAW_CONTENT_NOUNS = frozenset(
    {
        "ban",
        "bans",
        "reform",
        "reforms",
        "levy",
        "tax",
        "cap",
        "overhaul",
        "curbs",
        "mandate",
        "amnesty",
        "tariffs",
        "aid",
    }
)
_LAW_NOUNS = frozenset({"bill", "act", "law", "legislation"})


def law_content(title: str, head: str | None) -> str | None:
    """The content noun before a law's head noun: "social media ban bill" -> "ban", "pension reform law" ->
    "reform". A bill is reported passed by its content as often as by its name, so both are the item; None when the
    head is no law noun or the word before it says no content ("Online Safety Bill")."""
    if head is None or head.lower() not in _LAW_NOUNS:
        return None
    words: list[str] = [str(w).lower() for w in _WORD.findall(title)]
    for before, word in itertools.pairwise(words):
        if word == head.lower() and before in _LAW_CONTENT_NOUNS:
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
    clause = question_clause(title)
    if clause is not None:
        # "Will India and the UAE sign their CEPA trade deal?": a subject of names acting on the item
        # ("US LNG exports: will they pass 80 MT?" has none: its verb tells the figure, not an act on the item)
        named = not clause.subject_is_pronoun and _subject_head(clause.subject) is None
        return clause.verb if clause.verb and named else None
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


@lru_cache(maxsize=1)
def _event_verbs() -> dict[str, str]:
    return {str(k): str(v) for k, v in load_lexicon("event_verbs").items()}


def past_of(verb: str) -> str:
    """The past tense of an event verb: from the lexicon for the ones it lists, else the regular form."""
    known = _event_verbs().get(verb)
    if known:
        return known
    return verb + "d" if verb.endswith("e") else verb + "ed"


def event_verb(title: str) -> str | None:
    """The event verb of a title written as a headline, in its base form, or None.

    The verb must follow the subject (not be the title's first word) in the present ("opens", "return"), and be
    one the lexicon ``lexicon/event_verbs.yaml`` lists: an intransitive verb of something happening. It is the
    item's own verb, as the head noun's verb is for "Elizabeth line opening".

    | title                                                        | verb   |
    |--------------------------------------------------------------|--------|
    | Hong Kong-Zhuhai-Macao Bridge opens                          | open   |
    | Sydney Metro City line (Chatswood to Sydenham) opens to passengers | open |
    | Butch Wilmore and Suni Williams return to Earth from the ISS | return |
    | Artemis II launch (the head noun: its verb comes from there) | -      |
    | Open Championship at Troon                                   | -      |
    """
    verbs = _event_verbs()
    clause = question_clause(title)
    if clause is not None:
        # "When does Honolulu rail open?", "Will Luna-25 land near the south pole?": the question's own verb
        return clause.verb if clause.verb in verbs else None
    words = [w.lower() for w in _WORD.findall(_ASIDE.sub(" ", title))]
    head = head_noun(title)
    for i in range(1, len(words)):
        word = words[i]
        if word == head:
            continue  # the noun ("Artemis II launch"), whose verb the head noun gives already
        for base in verbs:
            if " " in base:
                first, rest = base.split(" ", 1)
                forms = {first, first + "s", first + "es"}
                if word in forms and " ".join(words[i + 1 : i + 1 + len(rest.split())]) == rest:
                    return base
                continue
            if word in (base, base + "s", base + "es"):
                return base
    return None
