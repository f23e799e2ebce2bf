"""Top-level extraction: (watch spec, feed entry) -> observations.

This is the only function the rest of the system needs::

    spec = ExtractionSpec(kind="event", subject_terms=("Trump", "Beijing"))
    extract_observations(spec, title=..., summary=..., published=...)

Rules (kept simple, documented, and tested):

Subject rule
    A sentence (the title counts as sentence 0) is *about the subject* when it
    mentions a subject term, or - anaphora - when the entry title mentions a
    subject term and the sentence makes a definite reference to the watch's
    thing ("the visit", "this trip", "the deal", "the agreement", ...; see
    `_REFERENCE_NOUNS`).  Nothing else counts: a sentence about a different
    visit in the same article is ignored unless it names our subject.
    With no subject terms configured every sentence counts.

Status rule (event / agreement)
    Every non-negated signal of :func:`find_status_signals` in a subject
    sentence becomes a "status" observation with the signal's confidence,
    provided that:
      - schedule signals ("set for", "scheduled", "slated") come with a date
        of month precision or finer in the sentence ("set for May 14", not
        "set for later this year");
      - actor rule: the subject governs the signal.  A subject mention (or,
        with the title naming the subject, a definite reference) must come
        first in the signal's clause ("Trump's visit was postponed", "Trump
        postpones Beijing visit") or follow it as its object within six words
        ("postponement of Trump's visit", "White House delays Trump's China
        trip"; announcements take whole clauses: "confirmed that Trump will
        visit Beijing").  A subject introduced by a subordinating phrase
        ("ahead of Trump's trip", "to prepare for Trump's visit", "for") is
        context, not the verb's argument; and for events a different actor
        right before the verb ("the vice premier will visit", "an advance team
        arrived") makes the verb that actor's.

Date-role rule (event / agreement)
    For each date in a subject sentence we find the nearest *anchor* before it
    (within the sentence, up to ~80 characters back) or right after it ("an
    April visit"):
      - event anchors: the thing's nouns/verbs (visit, trip, travel, summit, deal,
        sign, agreement ...), plan/status verbs (postpone, reschedule, plan,
        schedule, set, due, expected, take place ...) and the watch's
        vocabulary phrases;
      - reporting anchors: said, told, announced, call, interview, statement ...
    If the nearest anchor is an event anchor the date is the thing's date:
    role "previous" if it is the superseded date ("originally planned for
    April", "postponed from April to May", or any anchored date written before
    a postponement verb in the same sentence: "the summit, scheduled for
    Oct. 26-28, has been postponed"), else "event" if it ends on/after
    the publication date, "past" otherwise.
    Dates whose nearest anchor is a reporting word, that have no anchor, that
    are negated ("will not take place in April"), or whose anchor fails the
    actor rule above (subordinating phrases only: "will visit Washington March
    31 ahead of Trump's trip") get role "other".
    A date is unconfirmed only under a rumour hedge (could, may, might,
    reportedly, sources, people familiar, reports of ...): goal words ("hope
    to complete the deal by Dec. 15", "aim to finalize by", plan, seek,
    expect) are how deadlines are stated, so they do not hedge a date.

Value rule (metric)
    Only quantities with role "total" (including derived "X% of <target>")
    in the watch's unit (bushels are converted to tons) count.  Each number is
    attached to the *nearest* product term and actor term in its sentence:
    if a configured other product ("sorghum") or other actor ("Brazil") is
    nearer than ours, or an other actor is introduced by "from" after the
    number ("from Brazil"), the number is about something else.  Actor
    direction: the nearest actor term before the number in its clause that is
    not a destination/origin/comparison ("to China", "from Brazil", "than
    Argentina") is the subject of the number's verb; if it is an other actor
    ("Brazil shipped 8.7 million tons of soybeans to China") the number is
    that actor's.  A sentence
    with no product (actor) term of either kind inherits the title's: it counts
    only if the title mentions our product (actor).  A percentage of an unnamed
    commitment ("40% of its pledge") becomes a total when the spec knows the
    target value.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import cached_property, lru_cache
from typing import Literal

from watchers.extract.calendar_words import CALENDAR_WORDS
from watchers.extract.dates import MONTH_NAME_PATTERN, DateMention, find_dates, in_year, is_floor
from watchers.extract.item import happened_verb, item_verb, past_of
from watchers.extract.matching import TermMatcher, compile_terms
from watchers.extract.numbers import MARK_AFTER, Quantity, find_quantities, to_tonnes
from watchers.extract.places import actor_places_in, places_in
from watchers.extract.signals import (
    Confidence,
    StatusSignal,
    Vocabulary,
    denial_before,
    find_status_signals,
    hedge_cue,
    is_past_form,
    outranked,
)
from watchers.extract.tense import tokens
from watchers.extract.text import entry_sentences

__all__ = ["DateRole", "ExtractionSpec", "Observation", "WatchKind", "extract_observations"]

WatchKind = Literal["event", "agreement", "metric"]
DateRole = Literal["event", "previous", "past", "denied", "other"]


def _third_person(verb: str) -> str:
    """The headline present of a base verb, on its first word: "opens", "launches", "comes out", "enters into force"."""
    first, _, rest = verb.partition(" ")
    first += "es" if first.endswith(("sh", "ch", "s", "x")) else "s"
    return f"{first} {rest}" if rest else first


_REFERENCE_NOUNS: dict[str, tuple[str, ...]] = {
    "event": ("visit", "trip", "tour", "summit", "meeting", "talks", "travel", "state visit", "journey"),
    "agreement": ("deal", "agreement", "accord", "pact", "truce", "framework", "arrangement"),
    "metric": ("purchases", "purchase", "buying", "imports", "shipments", "sales", "commitment"),
}

_EVENT_ANCHORS: dict[str, tuple[str, ...]] = {
    "event": (
        "visit",
        "trip",
        "travel",
        "tour",
        "summit",
        "meeting",
        "meet",
        "talks",
        "return",
        "fly",
        "head",
        "host",
        "hold",
        "held",
        "come",
        "go",
        "attend",
        "journey",
        "take place",
        "took place",
        # the nouns every kind of event is named by, beside the watch's own head noun: "attempt a Starship launch
        # next month" on a watch titled "first orbital flight test", "the line's opening on Sept. 14" ("flight" is
        # not one: "passenger flights in January" follow a jet's ungrounding, they are not it)
        "launch",
        "opening",
        "release",
        "debut",
        "liftoff",
        "handover",
        "inauguration",
        "inaugurate",
        "premiere",
        "available",
        "availability",
    ),
    "agreement": (
        "deal",
        "agreement",
        "accord",
        "pact",
        "sign",
        "signing",
        "conclude",
        "finalize",
        "finalise",
        "complete",
        "reach",
        "reached",
        "deadline",
        "implement",
        "take effect",
        "effective",
        "into force",
        "entry into force",
        "truce",
        "framework",
    ),
    "metric": ("buy", "bought", "purchase", "purchased", "import", "ship", "shipped", "commitment", "target"),
}
_PLAN_ANCHORS = (
    "postpone",
    "postponed",
    "delay",
    "delayed",
    "reschedule",
    "rescheduled",
    "push back",
    "pushed back",
    "pushed",
    "moved",
    "put off",
    "plan",
    "planned",
    "plans",
    "schedule",
    "scheduled",
    "set",
    "slated",
    "due",
    "expected",
    "expect",
    "now",
    "until",
    "slip",
    "slide",
    "move",
    "bring forward",
    "brought forward",
    "advance",
    "advanced",
    "working toward",  # an aim with a day: the date, though not a confirmation ("working toward June 1 launch")
    "working towards",
    "no earlier than",  # launch schedules: "next attempt no earlier than Friday", "NET May 6"
    "no sooner than",
    "not before",
)
_REPORT_ANCHORS = (
    "said",
    "say",
    "says",
    "told",
    "tell",
    "stated",
    "added",
    "noted",
    "wrote",
    "posted",
    "announced",
    "call",
    "phone call",
    "spoke",
    "speaking",
    "interview",
    "briefing",
    "statement",
    "reported",
    "according",
    "published",
    "remarks",
    "tweeted",
    "data showed",
    "data show",
)
# Statuses that move the thing to a new date: dates written before the verb
# ("the April visit was postponed", "scheduled for Oct. 26, has been postponed")
# are the superseded date.
_MOVE_STATUSES = frozenset({"postponed"})
# Statuses that say the thing is done: a present tense with a later day is a preview of it, not the fact.
_COMPLETION = frozenset({"happened", "signed"})
_PREVIOUS_RE = re.compile(
    # ("once planned for spring 2026": the "once" of a former plan)
    r"(?i:\b(?:originally|initially|previously|earlier|first|once|had\s+been)\s+(?:been\s+)?(?:planned|scheduled|set|"
    r"slated|expected|due|penciled|pencilled|intended|meant)\b(?:\s+\w+){0,3}\s+$|\bfrom\s+(?:the\s+)?$)"
)
# A schedule told as the earlier one: "was originally set for", "had initially been scheduled for".
_EARLIER_SCHEDULE_BEFORE = re.compile(r"(?i:\b(?:originally|initially|previously|first)\s+(?:been\s+)?(?:[a-z]+\s+)?$)")
# A schedule word that is a noun: "target", "target date". A determiner or possessive before it (with modifiers
# between) makes it a noun.
_SCHEDULE_NOUNS = frozenset({"target", "targets"})
_NOUN_BEFORE = re.compile(r"(?i:\b(?:its|their|the|a|an|his|her|our|this|that)\s+(?:[\w-]+\s+){0,4}$)")
# What a move goes beyond: "delayed beyond April 17", "slipped past its Sept. 24 target".
_BEYOND_BEFORE = re.compile(
    r"(?i:\b(?:beyond|past)\s+(?:(?:the|its|their)\s+)?(?:(?:scheduled|planned|targeted)\s+)?$)"
)
# A date missed: "will miss its April 17 launch", "missed the Thanksgiving deadline".
_MISSED_BEFORE = re.compile(r"(?i:\bmiss(?:es|ed|ing)?\s+(?:(?:the|its|their|this|that)\s+)?(?:[\w-]+\s+)?$)")
# A date as the premodifier of a verb's object: only a determiner between the verb and the date, and a noun after
# it ("waves off Sept. 27 launch", "scrubbed the Monday attempt", "delays its May 5 vote"), not a preposition.
# A verb that moves a date, of any kind of item: "pushed back the July 9 deadline", "moved from May".
_MOVE_VERB_BEFORE = re.compile(
    r"(?i:\b(?:push(?:es|ed|ing)?(?:\s+back)?|mov(?:e|es|ed|ing)|shift(?:s|ed|ing)?|slip(?:s|ped|ping)?|slid(?:e|es)?|"
    r"delay(?:s|ed|ing)?|postpon(?:e|es|ed|ing)|reschedul(?:e|es|ed|ing)|(?:brought|bring(?:s|ing)?)\s+forward|"
    r"pull(?:s|ed|ing)?\s+(?:forward|back)|bump(?:s|ed|ing)?|put(?:s|ting)?\s+off|extend(?:s|ed|ing)?|"
    r"advanc(?:e|es|ed|ing)|chang(?:e|es|ed|ing))\b[^;:]{0,60}?)"
)
_MOVED_OBJECT_BEFORE = re.compile(
    r"(?i:\b(?:push(?:es|ed|ing)?\s+back|postpon\w+|delay(?:s|ed|ing)?|extend(?:s|ed|ing)?|mov(?:e|es|ed|ing)|"
    r"shift(?:s|ed|ing)?|reschedul\w+|put(?:s|ting)?\s+off)\s+(?:the|its|their|his|her|this|that)\s+$)"
)
_GIVEN_UP_GAP = re.compile(r"\s+(?:(?:the|its|their|his|her|this|that|a)\s+)?")
_NOUN_AFTER_DATE = re.compile(
    r"(?:['’]s)?\s+(?!(?:to|until|till|into|and|or|as|because|after|amid|for|from|in|on|at|by|with|over|due|"
    r"but|while|when|if|amid|despite)\b)[A-Za-z]",
    re.IGNORECASE,
)
_RANGE_END_AFTER = re.compile(r"(?i:\s+(?:to|until|through|till)\s+\w)")
_NEG_BEFORE_DATE = re.compile(
    r"(?i:\b(?:not|never|no\s+longer|n't|cannot|unable\s+to|rules?\s+out|ruled\s+out|ruling\s+out)\b[\w\s']{0,55}$|"
    r"n't\b[\w\s']{0,55}$)"
)
# "PM Modi to visit US from June 20 to 24, Egypt on June 24-25": a name right before "on <date>" owns the date.
# "Xi's reciprocal US state visit": a named possessor of the anchor noun owns it (up to three modifiers between).
_POSSESSOR_BEFORE = re.compile(r"(?P<name>\b[A-Z][\w-]+)['’]s\s+(?:[\w-]+\s+){0,3}$")
_NAME_ON_BEFORE = re.compile(r"(?P<name>\b[A-Z][\w'-]+)\s+on\s+$")
# Who reviews an item and sets deadlines for its own decision: competition authorities, courts, arbitrators.
_REVIEWER_BEFORE = re.compile(
    r"(?i:\b(?:regulators?|watchdogs?|antitrust|competition\s+(?:authority|authorities|regulator|commission)|"
    r"commission|courts?|judges?|tribunal|arbitrat(?:or|ors|ion|ion\s+panel)|CMA|FTC|SAMR|ACCC)\b[^.;:]{0,50}$)"
)
_REVIEW_DEADLINE_AFTER = re.compile(r"(?i:\s+(?:provisional\s+|review\s+|decision\s+)?deadline\b)")
# A reviewer's verb of deciding before the date: "EU regulators to decide on Bunge-Viterra merger by July 18", "the
# court will rule on the injunction by Friday", "the CMA is due to give its verdict by March 1".
_REVIEW_DECISION_BEFORE = re.compile(
    r"(?i:\b(?:to|will|would|is\s+due\s+to|are\s+due\s+to|expected\s+to)\s+(?:decide|rule|make\s+(?:a|its|their)\s+"
    r"decision|give\s+(?:a|its|their)\s+(?:verdict|ruling|decision)|issue\s+(?:a|its|their)\s+(?:ruling|decision))\b"
    r"[^.;:]{0,60}$)"
)
# (a venue too: "to sign the deal in Asunción on Jan. 17" dates the signing, not Asunción)
_PREP_BEFORE_NAME = re.compile(r"(?i:\b(?:to|for|with|from|by|in|at)\s+$)")
# A named agent right before an arrival or visit verb, and the place right after one: "Biden will visit New Delhi",
# "Carney arrives in Beijing", "Modi arrives in Paris".
_AGENT_BEFORE_VERB = re.compile(
    r"(?P<name>\b[A-Z][\w'-]+)(?:'s)?\s+(?:(?:will|would|could|might|is|was|to|set\s+to|is\s+set\s+to|also|then|"
    r"finally)\s+)*$"
)
# A preposition that takes a name as its object inside a noun phrase: "Russian crew launch with NASA's Jonny Kim".
_NAME_IN_PHRASE_BEFORE = re.compile(
    r"(?i:\b(?:with|carrying|featuring|aboard|including)\s+(?:(?-i:[A-Z])[\w.'’-]*\s+){0,3}$)"
)


def _agent_before(sentence: str, start: int) -> re.Match[str] | None:
    """The name right before a verb that may be its agent, or None. A name that is the object of a preposition in the
    subject's noun phrase ("Russian crew launch with NASA's Jonny Kim delayed to April") is no agent: the phrase's
    head is the subject."""
    agent = _AGENT_BEFORE_VERB.search(sentence, max(0, start - 40), start)
    if agent is not None and _NAME_IN_PHRASE_BEFORE.search(
        sentence, max(0, agent.start("name") - 60), agent.start("name")
    ):
        return None
    return agent


_PLACE_AFTER = re.compile(r"\s*(?:the\s+)?(?P<name>[A-Z][\w'-]+)")
_DEADLINE_BEFORE_UNTIL = re.compile(
    r"(?i:\b(?:deadline|talks|negotiations|postpon\w*|delay\w*|push\w*\s+back|extend\w*|put\s+off|"
    r"not\s+be\s+\w+|won't\s+be\s+\w+)\b[^.;]{0,30}$)"
)
# A deadline for an action is given by "until", "by", "before" or a deadline noun: "has until Feb. 28 to complete",
# "set a Sunday deadline to decide".
_DEADLINE_PREP = re.compile(
    r"(?i:\b(?:until|till|by|before|deadline\s+of|no\s+later\s+than)\s+(?:the\s+)?(?:end\s+of\s+)?$)"
)
_RELATIVE_UNTIL = re.compile(r"(?i:\b(?:which|that|who)\s+(?:[a-z]+\s+){1,2}(?:until|till|through)\s+$)")
_PURPOSE_AFTER_DATE = re.compile(r",?\s+(?:deadline\s+|target\s+|date\s+)?(?:in\s+order\s+)?to\s+(?P<verb>[a-z]+)\b")

# Between a negator and the item's word, only auxiliaries and adverbs: "not open", "won't now launch", "will not be
# held", "ruled out opening", "never took place".
_DENIAL_GAP = re.compile(
    r"(?i:(?:not|never|no\s+longer|n't|rules?\s+out|ruled\s+out|ruling\s+out)"
    r"(?:\s+(?:be|been|now|yet|even|either|still|happen|take\s+place|\w+ly|"
    # a permission or ability denied denies the act: "won't be cleared to fly again in 2019"
    r"(?:cleared|allowed|permitted|able|ready|approved)\s+to))*\s*)"
)
# "will not open until 2021", "won't launch before March": not ... until/before a time asserts that time as the
# earliest, it does not deny it (the same reading as "delayed until 2021").
_NOT_UNTIL = re.compile(r"(?i:\b(?:until|till|before)(?:\s+(?:at\s+least|the|as\s+late\s+as))*\s+$)")

# Actor rule (see the module docstring): clause limits, phrases that make a
# later subject mention subordinate ("ahead of Trump's trip"), and nouns naming
# a different actor right before a verb ("the vice premier will visit").
_CLAUSE_RE = re.compile(r"[;|]|(?<!\d):(?!\d)|\s-\s")  # not the colon of a time ("17:12 CEST")
# A place phrase ("next to the new Berlin airport", "near the launch site") names where something else happens.
_SUBORDINATE_RE = re.compile(
    r"(?i:\b(?:ahead\s+of|before|after|following|prepar(?:e|es|ed|ing)\s+for|in\s+preparation\s+for|"
    r"preparations?\s+for|during|amid|despite|since|next\s+to|near|beside|outside|close\s+to|opposite|"
    r"adjacent\s+to)\b)"
)
_SUBORDINATE_FOR_RE = re.compile(r"(?i:\bfor\b)")
_SUBORDINATE_BEFORE_RE = re.compile(
    r"(?i:\b(?:ahead\s+of|before|after|following|prepar(?:e|es|ed|ing)\s+for|in\s+preparation\s+for|"
    r"preparations?\s+for|during|amid|despite|since|for|next\s+to|near|beside|outside|close\s+to|opposite|"
    r"adjacent\s+to)\s+(?:[\w'.-]+\s+){0,3}$)"
)

# "as" or "while" before a named subject opens a clause of its own: "The Edge of Fate is out now as Bungie keeps
# Marathon under wraps", "while rival Blue Origin prepares" ("as planned", "as early as" open none: a name must
# follow, after at most a determiner or a word of rivalry)
_CLAUSE_CONJUNCTION = re.compile(
    r"(?i:\b(?:as|while|whereas)\s+)(?=(?:(?i:rival|fellow|arch-?rival|competitor|the|its|their)\s+)?(?-i:[A-Z]))"
)


# A regulator's review or decision named before a deadline (see _date_role).
_REVIEW_BEFORE = re.compile(
    r"(?i:\b(?P<noun>review|investigation|probe|inquiry|phase\s*(?:1|2|one|two)|ruling|decision)\b[^.;]{0,60}$)"
)
_DEADLINE_RIGHT_AFTER = re.compile(r"(?i:\s+(?:review\s+|decision\s+)?dead-?line\b)")
_TRIP_WORD = re.compile(r"(?i:\b(?:visit|trip|journey|tour|pilgrimage)s?\b)")


def _item_only_in_later_clause(
    spec: ExtractionSpec, sentence: str, span: tuple[int, int], subjects: list[tuple[int, int]]
) -> str | None:
    """Why a status verb is not the item's when the item is named only in a clause that "as" or "while" opens after
    the verb: "Destiny 2: The Edge of Fate is out now as Bungie keeps Marathon under wraps" (the expansion is out),
    "Borderlands 4 launches while Marathon waits". An item named before the verb is left to the other rules."""
    lo = 0
    for cm in _CLAUSE_RE.finditer(sentence, 0, span[0]):
        lo = cm.end()
    if not subjects or any(lo <= a < span[0] for a, _ in subjects):
        return None
    nouns = {n.lower() for n in (*spec.item_nouns, *_REFERENCE_NOUNS.get(spec.kind, ()))}
    for m in _WORD.finditer(sentence, lo, span[0]):
        w = m.group()
        if w.lower().rstrip("s") in nouns or w.lower() in nouns:
            owner = next(
                (
                    n
                    for n in _WORD.finditer(sentence, lo, m.start())
                    if n.group()[:1].isupper() and _is_other_name(spec, sentence, n.start(), n.group())
                ),
                None,
            )
            if owner is None:
                return None  # "Trump meeting confirmed as Albanese prepares to fly": the item's noun is the subject
            break  # "Virgin Galactic pushes back commercial flights": the noun is another name's
    first = min((a for a, _ in subjects if a >= span[1]), default=None)
    if first is None:
        return None
    conj = _CLAUSE_CONJUNCTION.search(sentence, span[1], first + 1)
    if conj is None or _CLAUSE_RE.search(sentence, span[1], conj.start()):
        return None
    return f"the item is named only in a later clause ('{conj.group().strip()} ...')"


_AGENT_RE = re.compile(
    r"(?i:\b(?:premier|minister|secretary|delegation|delegates|team|envoys?|ambassadors?|officials?|aides?|"
    r"negotiators?|lawmakers|senators?|congressmen|spokes(?:man|woman|person)|executives|CEOs?|staff|crew|"
    r"entourage|detail|mission|counterparts?|representatives?)\b)"
    r"(?P<gap>(?:\s+[\w'.-]+){0,3}?)\s*$"
)
# An indefinite noun phrase (article, up to three modifiers, a head noun) ending right before a verb.
_INDEFINITE_SUBJECT = re.compile(
    r"(?i:(?:^|[;,|]\s*|\s-\s|\b(?:and|but|while|as)\s+)\b(?:a|an|another)\s+(?:[\w'-]+\s+){0,3}?(?P<head>[a-z][\w-]*)"
    r"(?:\s+(?:also|has|had|was|have|is|finally))?\s+$)"
)
_AUX_OR_NAME = re.compile(r"^(?:[A-Z][\w'.-]*|will|would|to|is|are|was|were|has|have|had|been|be|also|shall|then)$")
_WORD = re.compile(r"[\w'.-]+")
_DATED = frozenset({"day", "range", "week", "month"})
# A schedule word ("slated for", "on track for", "targets") confirms an event only when it names the day: a
# month or a season restates the plan a reader already has ("remains on track for November"), while a day
# ("targets Feb. 6", "go for Saturday") is the organiser committing to it.
_CONFIRMING = frozenset({"day", "range", "week"})


@dataclass(frozen=True)
class ExtractionSpec:
    """What to extract for one watch; build once, reuse for every entry.

    kind:                "event" | "agreement" | "metric".
    subject_terms:       a sentence must mention one (see the subject rule).
    vocabulary:          status phrases; defaults to ``Vocabulary.for_kind(kind)``.
    anchor_terms:        extra nouns/verbs that make a date "the thing's date".
    unit:                metric unit ("t").
    product_terms / actor_terms: what the metric counts and who does it.
    other_product_terms / other_actor_terms: competing subjects (sorghum, Brazil).
    target_value:        known target in `unit`, for "X% of its commitment".
    product:             product name for bushel conversion ("soybeans").
    item_nouns:          the title's head noun ("launch", "opening"): a definite reference to the item, an
                         anchor for its dates and, for events, its past tense ("launched") says it happened.
    """

    kind: WatchKind
    subject_terms: tuple[str, ...] = ()
    vocabulary: Vocabulary | None = None
    anchor_terms: tuple[str, ...] = ()
    unit: str = "t"
    product_terms: tuple[str, ...] = ()
    actor_terms: tuple[str, ...] = ()
    other_product_terms: tuple[str, ...] = ()
    other_actor_terms: tuple[str, ...] = ()
    target_value: float | None = None
    product: str = "soybeans"
    item_nouns: tuple[str, ...] = ()
    title_names: tuple[str, ...] = ()
    title_words: tuple[str, ...] = ()
    title_verb: str | None = None  # the verb of a title written as a headline ("India lifts ... ban": "lift")
    item_verbs: tuple[str, ...] = ()  # an event verb of a headline title ("Bridge opens": "open"), see event_verb
    own_numbers: tuple[str, ...] = ()  # numbers in the item's name ("737", "Switch 2"): never one of its figures
    title_years: tuple[int, ...] = ()  # the years the title names ("FY2023"): a figure of another year is not its
    title_spans_years: bool = False  # the title names a split year ("2024/25", "FY2024-25"): see _other_period
    series: tuple[tuple[str, str], ...] = ()  # the item's numbered-series names ("Line", "1"): see sibling_in_series
    _subject: TermMatcher = field(init=False, repr=False, compare=False)
    _reference: re.Pattern[str] = field(init=False, repr=False, compare=False)
    _anchor: _PhraseIndex = field(init=False, repr=False, compare=False)
    _own_names: frozenset[str] = field(init=False, repr=False, compare=False)
    _own_places: frozenset[str] = field(init=False, repr=False, compare=False)
    _actor_places: frozenset[str] = field(init=False, repr=False, compare=False)
    _product: TermMatcher = field(init=False, repr=False, compare=False)
    _actor: TermMatcher = field(init=False, repr=False, compare=False)
    _other_product: TermMatcher = field(init=False, repr=False, compare=False)
    _other_actor: TermMatcher = field(init=False, repr=False, compare=False)
    _entry_filter: TermMatcher = field(init=False, repr=False, compare=False)
    _vocab: Vocabulary = field(init=False, repr=False, compare=False)

    @cached_property
    def opens_to_users(self) -> bool:
        """Whether the title names the opening by who may use it ("opens to commercial flights", "opens to
        passengers", "to the public"): then an inauguration is a ceremony apart from it."""
        return _OPENS_TO_USERS.search(" ".join(self.title_words)) is not None

    @cached_property
    def ends_a_journey(self) -> bool:
        """Whether the item is the end of a journey: its title's event verb is a landing, a docking, a return or a
        splashdown ("Athena lander touches down", "astronauts return to Earth")."""
        return any(v.lower() in _JOURNEY_ENDS for v in self.item_verbs) or any(
            n.lower() in _JOURNEY_END_NOUNS for n in self.item_nouns
        )

    @cached_property
    def travels(self) -> bool:
        """Whether the item is a trip: its title's head noun is a visit, trip, tour or journey."""
        return any(n.lower() in _TRAVEL_NOUNS for n in self.item_nouns)

    @cached_property
    def is_law(self) -> bool:
        """Whether the item is a bill, an act or a directive: signed, it is law, and a later "blocked" or "voted
        down" is an old story or another bill, never the law undone (a repeal is news of its own)."""
        return self.kind == "agreement" and any(n.lower() in _BILL_NOUNS for n in self.item_nouns)

    @cached_property
    def closes(self) -> bool:
        """Whether the item is a deal that is done when it closes: a takeover or merger, or a watch titled by its
        closing ("Intel's $5.4bn Tower Semiconductor deal closes")."""
        return self.kind == "agreement" and (
            any(n.lower() in _DEAL_OF_PURCHASE for n in self.item_nouns)
            or (
                any(w.lower() in _CLOSING_WORDS for w in self.title_words)
                # "Will Israel and the UAE close their free trade deal?": a pact between parties is closed as it is
                # concluded, not completed as a purchase is
                and _PACT_TITLE.search(" ".join(self.title_words)) is None
            )
        )

    def __post_init__(self) -> None:
        for name in (
            "subject_terms",
            "anchor_terms",
            "product_terms",
            "actor_terms",
            "other_product_terms",
            "other_actor_terms",
            "item_nouns",
            "title_names",
            "title_words",
            "item_verbs",
        ):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        vocab = self.vocabulary or Vocabulary.for_kind(self.kind)
        if self.kind == "agreement" and not self.vocabulary and self.closes:
            # In a takeover the parties sign the merger agreement when they agree its terms, and the deal is done when
            # it closes: "Disney inks $71.3 billion deal for Fox" is agreed, "Disney completes acquisition" signed.
            # A watch titled by the closing ("Tower Semiconductor deal closes") is such a deal whatever its noun.
            signing = [p for p in vocab.phrases.get("signed", ()) if p.split()[0] in _SIGNING_VERBS]
            vocab = vocab.override(
                {
                    "signed": [p for p in vocab.phrases.get("signed", ()) if p not in signing],
                    "agreed": [*vocab.phrases.get("agreed", ()), *signing],
                }
            )
        if self.kind == "agreement" and not self.vocabulary and any(n.lower() in _BILL_NOUNS for n in self.item_nouns):
            # A bill is agreed when its last vote passes it, not when negotiators "reach a deal" on its outline (a
            # framework before the text, or a resurfaced story of one): for legislation only the passage verbs say
            # agreed ("House passes infrastructure bill", "Parliament approves act").
            agreed = [
                p
                for p in vocab.phrases.get("agreed", ())
                if p.split()[0] in _PASSAGE_VERBS or (p.startswith("re:") and "bill" in p)  # "bill passes"
            ]
            agreed += _BILL_FINAL_PASSAGE
            # the bill called by its content ("passes social media ban", "approves pension reform"), see law_content
            agreed += [
                f"{verb} {n.lower()}"
                for n in self.item_nouns
                if n.lower() not in _BILL_NOUNS
                for verb in ("pass", "approve", "clear")
            ]
            vocab = vocab.override({"agreed": agreed})
        if self.kind == "agreement" and not self.vocabulary and not self.closes:
            # "EU and Vietnam finalise landmark trade deal": a treaty, a trade deal or a law finalised has its terms
            # settled, its signature still to come; a merger or a purchase finalised is completed (see closes)
            vocab = vocab.override(
                {
                    "signed": [p for p in vocab.phrases.get("signed", ()) if p != "finalize"],
                    "agreed": [*vocab.phrases.get("agreed", ()), "finalize"],
                }
            )
        if self.kind == "agreement" and not self.vocabulary and self.title_verb in _COMPLETING_TITLE_VERBS:
            # "Sweden joins NATO": an agreement titled by its completing act is done when the act is reported done
            # ("Sweden formally joins NATO", "joined"); the act to come is a plan ("will join", hedged as any)
            verb = self.title_verb
            done = [
                past_of(verb),
                rf"re:(?#title)\b{re.escape(verb)}{'es' if verb.endswith(('sh', 'ch', 's', 'x')) else 's'}\b",
            ]
            vocab = vocab.override({"signed": [*vocab.phrases.get("signed", ()), *done]})
        if (
            self.kind == "agreement"
            and not self.vocabulary
            and any(w.lower() in _ADOPTION_WORDS for w in (*self.title_words, *self.item_nouns))
            # "pension reform: adoption and promulgation": a title that names a later act after the adoption waits
            # for that act; the adoption is then the agreeing step, as a bill's passage is
            and not any(w.lower() in _ACTS_AFTER_ADOPTION for w in self.title_words)
        ):
            # "WHO pandemic agreement adopted by World Health Assembly", "nature law - final adoption by the
            # Council": a text titled by its adoption is done when the adopting body's last approval is reported,
            # marked as the last ("gives final approval", "final green light", "formally adopted") or in the
            # title's own verb ("adopted"); an approval not so marked may be one step of several
            vocab = vocab.override(
                {
                    "signed": [*vocab.phrases.get("signed", ()), *_FINAL_ADOPTION],
                    # the bill's last vote is its adoption here, not a passage before it
                    "agreed": [p for p in vocab.phrases.get("agreed", ()) if p not in _BILL_FINAL_PASSAGE],
                }
            )
        elif (
            self.kind == "agreement"
            and not self.vocabulary
            and any(w.lower() in _ADOPTION_WORDS for w in (*self.title_words, *self.item_nouns))
        ):
            # the title names a later act after the adoption: the adoption is the terms agreed, the act completes
            vocab = vocab.extend({"agreed": ["adopted", "re:(?#title)\\badopts\\b"]})
        if self.kind == "event":
            # a verb and its plain synonym name one happening: a lander "touches down" or "lands"
            own_verbs = list(
                dict.fromkeys(
                    [*self.item_verbs, *(w for v in self.item_verbs for w in _SAME_EVENT_VERBS.get(v.lower(), ()))]
                )
            )
            happened = [v for v in map(happened_verb, self.item_nouns) if v]
            happened += [past_of(v) for v in own_verbs]
            if self.title_verb:
                # "India lifts ... export ban": the title's own verb with its noun is the item happening
                happened += [f"{self.title_verb} {noun}" for noun in self.item_nouns]
            verbs = [*own_verbs, *(v for v in map(item_verb, self.item_nouns) if v)]
            # ... and the noun's verb with its plain synonym: a toll's "start" is its "begin"
            verbs += [w for v in verbs for w in _SAME_EVENT_VERBS.get(v.lower(), ()) if w not in verbs]
            # Headlines tell what just happened in the present ("Elizabeth line opens", "Starliner launches"); a
            # present form with a date ahead is a preview, which the completion rule below sets aside.
            happened += [rf"re:(?#title)\b{re.escape(_third_person(v))}\b" for v in verbs]
            # "to open on 24 May", "will launch on Friday": the item's own verb in the future with a day named is
            # its schedule, as "set for" is (the phrase is marked as a schedule phrase: it needs a day).
            # an authority's clearance to do it is its go, with or without a day: "FAA clears Falcon 9 to launch
            # Hera", "regulator cleared the line to open" (listed first: it outranks the bare "to launch" in it)
            confirmed = [
                rf"re:\b(?:clear(?:s|ed)?|approv(?:es|ed)|authori[sz](?:es|ed))\s+(?:[\w'’-]+\s+){{0,4}}?to\s+{re.escape(v)}\b"
                for v in verbs
            ]
            # a meeting, a summit or talks abroad is scheduled by the trip to it: "Modi to visit U.S. on February
            # 12-13" on a watch of his White House meeting (a visit's own verb is already among the verbs)
            trip_verbs = ("visit", "travel") if self.travels else ()
            confirmed += [
                rf"re:(?#schedule)\b(?:to|will|shall)\s+{re.escape(v)}\b" for v in dict.fromkeys((*verbs, *trip_verbs))
            ]
            # the light-verb form of the same schedule: "to make a state visit to France on Sept. 20-22", "will hold
            # the summit on May 14"
            # (a trip is made under any of its names: "to make three-day China trip" on a watch of a visit)
            light = (*self.item_nouns, *(_TRIP_NAMES if self.travels else ()))
            confirmed += [
                rf"re:(?#schedule)\b(?:to|will|shall)\s+(?:make|pay|hold|stage)\s+(?:[\w'-]+\s+){{0,4}}?{re.escape(n)}s?\b"
                for n in dict.fromkeys(light)
            ]
            if happened or confirmed:
                vocab = vocab.extend({"happened": happened, "confirmed": confirmed})
        object.__setattr__(self, "_vocab", vocab)
        object.__setattr__(self, "_subject", compile_terms(self.subject_terms))
        nouns = (*_REFERENCE_NOUNS.get(self.kind, ()), *self.item_nouns)
        ref = (
            r"(?i:\b(?:the|this|that|his|her|its|their|such\s+a|such|these|those)\s+(?:[\w-]+\s+){0,2}?(?:%s)s?\b)"
            % ("|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True)) or "(?!)")
        )
        object.__setattr__(self, "_reference", re.compile(ref))
        vocab_words = tuple(p for plist in vocab.phrases.values() for p in plist if not p.startswith("re:"))
        event_anchors = _EVENT_ANCHORS.get(self.kind, ())
        if self.kind == "event" and self.item_nouns and not any(n.lower() in _TRAVEL_NOUNS for n in self.item_nouns):
            # verbs of travel anchor a visit's dates, not a product's or a launch's ("details would come at the April 2
            # Direct" on a console release)
            event_anchors = tuple(a for a in event_anchors if a not in _TRAVEL_ANCHORS)
        anchors = (
            *event_anchors,
            *_PLAN_ANCHORS,
            *vocab_words,
            *self.anchor_terms,
            *self.item_nouns,
            *(v for v in map(item_verb, self.item_nouns) if v and self.kind == "event"),
            *(
                w
                for v in map(item_verb, self.item_nouns)
                if v and self.kind == "event"
                for w in _SAME_EVENT_VERBS.get(v.lower(), ())
            ),
            *self.item_verbs,
            *(w for v in self.item_verbs for w in _SAME_EVENT_VERBS.get(v.lower(), ())),
        )
        object.__setattr__(self, "_anchor", _PhraseIndex(_with_forms(anchors)))
        own = {n.lower() for n in self.title_names}
        # "Israel-Hamas", "US-China", "EU-UK": each side of a hyphenated pair is one of the item's own names
        own.update(part.lower() for n in self.title_names if "-" in n for part in n.split("-") if part[:1].isupper())
        for term in self.subject_terms:
            own.update(w.lower().removesuffix("'s") for w in _WORD.findall(term) if w[:1].isupper())
        object.__setattr__(self, "_own_names", frozenset(own))
        own_text = " ".join((*self.title_names, *self.subject_terms))
        object.__setattr__(self, "_own_places", frozenset(name for _, _, name in places_in(own_text)))
        object.__setattr__(self, "_actor_places", frozenset(name for _, _, name in actor_places_in(own_text)))
        object.__setattr__(self, "_product", compile_terms(self.product_terms))
        object.__setattr__(self, "_actor", compile_terms(self.actor_terms))
        object.__setattr__(self, "_other_product", compile_terms(self.other_product_terms))
        object.__setattr__(self, "_other_actor", compile_terms(self.other_actor_terms))
        if self.kind == "metric":
            filt = self.subject_terms or self.product_terms or self.actor_terms
        else:
            filt = self.subject_terms
        object.__setattr__(self, "_entry_filter", compile_terms(filt))

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> ExtractionSpec:
        """Build from a plain mapping (e.g. a watch's YAML); lists become tuples.

        ``vocabulary`` may be a mapping ``{status: [phrases]}`` extending the
        kind's defaults, or ``{"override": {status: [phrases]}}``.
        """
        kwargs: dict[str, object] = {}
        for k, v in data.items():
            if k == "vocabulary" and isinstance(v, Mapping):
                base = Vocabulary.for_kind(str(data.get("kind", "event")))
                if "override" in v and isinstance(v["override"], Mapping):
                    kwargs[k] = base.override(v["override"])
                else:
                    kwargs[k] = base.extend(v)
            elif isinstance(v, list):
                kwargs[k] = tuple(str(x) for x in v)
            else:
                kwargs[k] = v
        return cls(**kwargs)  # type: ignore[arg-type]


class _PhraseIndex:
    """Word-level phrase lookup over cached sentence tokens.

    Anchors are checked at every token near every date, so a big regex
    alternation was the hot spot of the whole extractor; a dict keyed by the
    first word answers the same question in one lookup per token.
    """

    def __init__(self, phrases: Sequence[str]) -> None:
        index: dict[str, list[tuple[str, ...]]] = {}
        for p in phrases:
            words = tuple(w.lower() for w in _TOKEN_SPLIT.findall(p))
            if not words:
                continue
            for first in {words[0], words[0] + "s"}:
                index.setdefault(first, []).append(words[1:])
        for rests in index.values():
            rests.sort(key=len, reverse=True)
        self._index = index

    def match(self, toks: Sequence[tuple[int, int, str, int]], i: int) -> tuple[int, int] | None:
        """(start, end) characters of the phrase starting at token `i`, if any."""
        word = toks[i][2]
        if word.endswith("'s"):
            word = word[:-2]
        rests = self._index.get(word)
        if rests is None:
            return None
        for rest in rests:
            j = i + len(rest)
            if j < len(toks) and all(toks[i + 1 + k][2] == w for k, w in enumerate(rest)):
                return toks[i][0], toks[j][1]
        return None


_TOKEN_SPLIT = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")


def _with_forms(words: Sequence[str]) -> tuple[str, ...]:
    out: list[str] = []
    for w in words:
        out.append(w)
        parts = w.split()
        head = parts[0]
        if head.isalpha() and len(head) > 3 and not head.endswith(("ed", "ing")):
            stem = head[:-1] if head.endswith("e") else head
            for f in (stem + "ed", stem + "ing", head + "s"):
                out.append(" ".join([f, *parts[1:]]))
    return tuple(dict.fromkeys(out))


_REPORT_INDEX = _PhraseIndex(_REPORT_ANCHORS)


@dataclass(frozen=True, slots=True)
class Observation:
    """One fact extracted from an entry, with enough context to explain it.

    kind:        "status" | "date" | "value".
    rule:        short human-readable reason, e.g. "status:postponed via 'pushed back'".
    in_title:    whether it came from the title; `sentence_index` is 0 for the
                 title and 1.. for summary sentences.
    status / signal:          for kind "status"; `acted` is the window (first and last day) of the time the sentence
                              gives the act ("agreed last month", "postponed in July"), when it gives one in the past.
    date / date_role:         for kind "date" (role "event" | "past" | "other").
    value / unit / qualifier / quantity / as_of: for kind "value".
    """

    kind: Literal["status", "date", "value"]
    confidence: Confidence
    sentence: str
    rule: str
    in_title: bool
    sentence_index: int
    status: str | None = None
    signal: StatusSignal | None = None
    acted: tuple[date, date] | None = None
    date: DateMention | None = None
    date_role: DateRole | None = None
    value: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    quantity: Quantity | None = None
    as_of: DateMention | None = None


def _about_subject(spec: ExtractionSpec, sentence: str, title_mentions: bool) -> bool:
    if not spec._subject:
        return True
    if spec._subject.search(sentence):
        return True
    return title_mentions and spec._reference.search(sentence) is not None


# A reporting word dates its own statement only when the date follows it directly: "said on Tuesday", "announced
# late Friday", "said in a statement on Monday". A date further on belongs to the reported clause: "said the next
# attempt would be no earlier than Friday".
_REPORT_DATE_GAP = re.compile(
    r"(?i:\s*(?:on|(?:late|early|earlier|later)(?:\s+on)?|this|last|in\s+a\s+(?:statement|post|briefing|filing|note)(?:\s+on)?|"
    r"at\s+a\s+(?:briefing|news\s+conference|press\s+conference)(?:\s+on)?)?\s*)"
)


# A claim told and then called false carries its figure as denied: "said reports that ChatGPT has reached a billion
# weekly users are not accurate", "claims that 500 jets were delivered were wrong", "rumours that sales topped 2
# million are baseless". The verdict is the claim's predicate, after the figure; the claim noun with "that" before it.
_CLAIM_BEFORE = re.compile(r"(?i:\b(?:reports?|claims?|rumou?rs?|suggestions?|speculation)\s+that\b[^;:]*$)")
_CLAIM_FALSE_AFTER = re.compile(
    r"(?i:[^;:.]{0,60}?\b(?:are|were|is|was)\s+(?P<verdict>not\s+(?:accurate|true|correct)|false|untrue|inaccurate|"
    r"wrong|incorrect|baseless|unfounded)\b)"
)
# A figure the clause denies is not reached: "exports have not yet reached 20 million tons", "has yet to cross 45
# crore", "never topped 1,000", "claims it had topped 20 million tons were wrong" is left to hedging. Only a negator
# right before the figure's verb counts (up to three words between), so "not only ... but 12 million" style asides
# elsewhere in the sentence do not silence a real total.
# A negator earlier in the figure's own clause: "its data do not put sales | over 4 million".
_NEGATED_CLAUSE_BEFORE = re.compile(r"(?i:(?:\b(?:not|never|no)|n['’]t)\s+(?:[\w'’-]+\s+){0,8}?$)")
_FIGURE_DENIED = re.compile(
    r"(?i:(?:\b(?:not|never|yet\s+to|fail(?:s|ed)?\s+to|short\s+of\s+reaching)|n['’]t)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:reach|reached|cross|crossed|top|topped|hit|pass|passed|exceed|exceeded|surpass|surpassed|been|be)\b"
    r"[^,;]*$|"
    # a negated clause whose figure is a threshold told with "above": "its count does not yet show 2025 soybean
    # exports above 100 million tons", "no data yet put sales over 1 million"
    r"(?:\b(?:not|never|no)|n['’]t)\s+(?:[\w'’-]+\s+){0,8}?(?:above|over|beyond|past|topping|exceeding)\s+$|"
    # a denial of the figure: "organisers deny 2.5 million tickets already sold", "ministry dismisses reports of 3
    # million visitors", "rejects claims that 500 jets were delivered"
    r"\b(?:den(?:y|ies|ied|ying)|dismiss(?:es|ed|ing)?|reject(?:s|ed|ing)?|refut(?:e|es|ed|ing))\s+"
    r"(?:(?:reports?|claims?|rumou?rs?|suggestions?)\s+(?:of\s+|that\s+)?)?(?:the\s+|a\s+)?$|"
    # ... with the claim's own clause between: "Netflix denies report it has passed 300 million subscribers"
    r"\b(?:den(?:y|ies|ied|ying)|dismiss(?:es|ed|ing)?|reject(?:s|ed|ing)?|refut(?:e|es|ed|ing))\s+"
    r"(?:reports?|claims?|rumou?rs?|suggestions?)\s+(?:that\s+)?[^,;.]{0,50}$)"
)


# A figure still ahead is not reached: "we will have provided 1 million rounds", "set to cross 100 crore on
# Thursday", "planned for the day the count reaches 100 crore", "once deliveries pass 500".
_FUTURE_FIGURE = re.compile(
    r"(?i:\b(?:will|'ll|shall|going\s+to|set\s+to|expected\s+to|due\s+to|on\s+(?:track|pace|course)\s+to|poised\s+to|"
    r"the\s+day|when|once|until|till|as\s+soon\s+as)\b[^,.;:]{0,50}$)"
)


# What else a figure in the same news can count: stocks are not purchases, a harvest is not exports.
_MEASURES = re.compile(
    r"(?i:\b(?P<noun>stocks?|inventor(?:y|ies)|reserves?|production|output|harvest|crop|exports?|imports?|prices?|"
    r"consumption|capacity|demand|buffer|backlog|orders?|population|"
    # an epidemic's other counts beside a vaccination total: "14 million receive a first dose as UK passes 4 million
    # cases"
    r"cases|deaths|infections|hospitali[sz]ations|admissions|"
    # the people a count of things reaches: "protected more than 2 million children" beside a count of doses
    r"children|patients|households|families)\b)"
)


# The noun a figure counts, right after it (one modifier between): "2,319 gross orders", "500,000 tonnes of stocks"
# (the word between is a modifier, never a conjunction or a preposition: "21.8 million tons as harvest catches up"
# counts tons of the item, and "harvest" is the subject of the next clause)
_MEASURE_AFTER = re.compile(
    r"\s+(?:(?!(?:as|while|when|after|before|and|but|with|in|on|at|for|to|by|from|of|amid|despite)\b)[a-z-]+\s+)?"
    + _MEASURES.pattern
)
_REPORTED_BREAK = re.compile(r"(?i:\b(?:said|says|say|told|announced|reported|added)\b)")


def _other_measure(spec: ExtractionSpec, sentence: str, q: Quantity) -> str | None:
    """Why a figure counts another measure than the watch's, or None: the measure noun nearest before it in its
    clause ("Wheat stocks in the central pool stood at 283 LMT"), or the one it counts right after it ("booked a
    record 2,319 gross orders"), is not one the watch's title or terms name."""
    own = " ".join((*spec.title_names, *spec.subject_terms, *spec.title_words)).lower()
    counted = _MEASURE_AFTER.match(sentence, q.span[1])
    if counted is not None:
        noun = counted["noun"].lower()
        stem = noun.rstrip("s") if not noun.endswith("ies") else noun[:-3]
        if stem not in own:
            return f"a figure of {noun}, not of the item"
    lo = 0
    for cm in _CLAUSE_RE.finditer(sentence, 0, q.span[0]):
        lo = cm.end()
    nouns = [m for m in _MEASURES.finditer(sentence, lo, q.span[0])]
    if not nouns:
        return None
    gap = sentence[nouns[-1].end() : q.span[0]]
    if _REPORTED_BREAK.search(gap) or len(gap) > 80:
        # "OPEC+'s decision to cut output by 2 million barrels per day, the administration said it has released 160
        # million barrels": a reporting verb starts a clause of its own; far away a noun governs nothing
        return None
    noun = nouns[-1]["noun"].lower()
    stem = noun.rstrip("s") if not noun.endswith("ies") else noun[:-3]
    if stem in own:
        return None
    if any(sp[0] > noun_end for sp in spec._subject.spans(sentence[: q.span[0]]) for noun_end in [nouns[-1].end()]):
        return None  # the item named after that noun, nearer the figure, is what it counts
    return f"a figure of {noun}, not of the item"


# A count that several parties made together: "the two companies, which together have shipped roughly 80 million
# doses", "Boeing and Airbus delivered 1,500 jets combined". On a watch of one of them it is not the item's.
_COMBINED_BEFORE = re.compile(r"(?i:\b(?:together|combined|between\s+them|jointly)\b[^;:.]{0,50}$)")
_SEVERAL_PARTIES = re.compile(
    r"(?i:\b(?:both|the\s+(?:two|three|four)\s+(?:companies|firms|makers|countries|airlines))\b)"
)
_COMBINED_AFTER = re.compile(r"(?i:\s+(?:[\w-]+\s+){0,2}?(?:combined|together|between\s+them)\b)")


def _combined_count(spec: ExtractionSpec, sentence: str, q: Quantity) -> str | None:
    """The word that makes a figure a count of several parties together, or None (a title that counts a total
    of several, "combined" or "together", keeps it)."""
    if {w.lower() for w in spec.title_words} & {"combined", "together", "total", "all"}:
        return None
    if _SEVERAL_PARTIES.search(sentence) is None:
        return None  # "together they come to US$8.66 billion": the item's own parts summed, not several parties
    m = _COMBINED_BEFORE.search(sentence, max(0, q.span[0] - 60), q.span[0]) or _COMBINED_AFTER.match(
        sentence, q.span[1]
    )
    return m.group().split()[0] if m is not None else None


# A forecast names a figure nobody has counted yet: the wire idiom "purchases seen near $100bn", "output seen at 2.1
# million barrels", "turnout seen topping 60%", and "forecast/projected/estimated to reach". "an estimated 2 million
# visitors" (an approximate count) is not one: only the verb forms with a figure after them are.
_FORECAST_FIGURE = re.compile(
    r"(?i:\b(?:(?:seen|forecast|projected|predicted|estimated)\s+(?:to\s+(?:reach|hit|top|exceed|be|come\s+in\s+at|"
    r"total|rise\s+to|fall\s+to)\s+|(?:at|near|around|about|close\s+to|as\s+(?:high|low)\s+as|rising\s+to|"
    r"falling\s+to|reaching|hitting|topping|exceeding)\s+)|"
    # the qualifier read as part of the figure ("seen | near $100bn"): the bare forecast verb before it
    r"(?:seen|forecast|projected)\s+|"
    # the forecast verb with its own participle and object before the figure: "shipments seen lifting the January-July
    # total above 5 million tonnes", "output forecast climbing past 2 million barrels"
    r"(?:seen|forecast|projected)\s+[a-z]+ing\b[^,.;:]{0,50}?\b(?:to|above|past|over|beyond|near|at|toward|towards)\s+)"
    r"(?:(?:about|around|roughly|nearly|some)\s+)?$)"
)
# A bare infinitive after the subject is the headline's future ("Vietnam rice exports to set record of 9 million
# tons", "Airline to reach 100 million passengers"), as "will" is. After a figure or a verb of change it is a
# result instead ("rose 12% to hit 9 million", "surged to top $1 billion"), and "up to" is a ceiling.
_HEADLINE_INFINITIVE_FIGURE = re.compile(
    r"(?i:(?<![\d%])(?<!\bup)\s+to\s+(?:set|reach|hit|top|exceed|cross|surpass|pass|break|total|near)\b[^,.;:]{0,40}$)"
)
_RESULT_BEFORE_INFINITIVE = re.compile(
    r"(?i:(?:\d%?|percent|per\s+cent|\b(?:rose|rises|rise|risen|rising|jumped|jumps|surged|surges|climbed|climbs|"
    r"grew|grows|soared|soars|gained|gains|added|adds|adding|increased|increases|enough|needed|needs|need|aims?|"
    r"plans?|wants?|hopes?|expects?|seeks?|bid|order))\s*$)"
)


# A figure as the subject of a verb still to come: "About 590,000 children under 10 are to receive a second dose",
# "some 2 million people will get the vaccine", "1.2 million doses are due to arrive".
_FUTURE_AFTER_FIGURE = re.compile(
    r"(?i:(?:\s+(?!(?:and|but|or|while|since|then|as|after|before|so)\b)[\w'’-]+){0,4}?\s+"
    r"(?P<cue>(?:are|is)\s+(?:to|due\s+to|set\s+to|expected\s+to|scheduled\s+to)|"
    r"will|would|should)\s+(?:be\s+|also\s+)?[a-z]+)"
)


def _future_after_figure(sentence: str, end: int) -> str | None:
    """The verb still to come that a figure is the subject of, or None (see _FUTURE_AFTER_FIGURE)."""
    m = _FUTURE_AFTER_FIGURE.match(sentence, end)
    if m is None or re.search(r"[,;:]", sentence[end : m.start("cue")]):
        return None
    return f"not yet: '{m['cue'].split()[0]} {m['cue'].split()[-1]}'"


def _future_figure(sentence: str, start: int) -> str | None:
    """The future, forecast or temporal-clause cue that makes a figure not yet reached, or None."""
    forecast = _FORECAST_FIGURE.search(sentence, max(0, start - 60), start)
    if forecast is not None:
        return f"forecast: '{forecast.group().strip()}'"
    m = _FUTURE_FIGURE.search(sentence, max(0, start - 80), start)
    if m is not None:
        return f"not yet: '{m.group().split()[0]}'"
    inf = _HEADLINE_INFINITIVE_FIGURE.search(sentence, max(0, start - 60), start)
    if inf is not None and _RESULT_BEFORE_INFINITIVE.search(sentence, max(0, inf.start() - 30), inf.start()) is None:
        return f"not yet: '{inf.group().split()[0]} {inf.group().split()[1]}'"
    return None


def _other_party(spec: ExtractionSpec, sentence: str, sig: StatusSignal) -> str | None:
    """Why a deal verb is another deal's, or None: a country or bloc acting in the verb's clause (before it, or
    after it as "with Japan") that is not among the watch's own places ("Britain and Japan sign trade deal" on the
    EU-UK deal). Persons and companies are left alone: they act for the parties."""
    if not spec._own_places:
        return None
    lo = 0
    for cm in _CLAUSE_RE.finditer(sentence, 0, sig.span[0]):
        lo = cm.end()
    for rm in _REPORTED_THAT.finditer(sentence, lo, sig.span[0]):
        lo = rm.end()  # "Qatar's prime minister said that Israel and Hamas had agreed": the reporter is no party
    parties = [p for p in places_in(sentence[lo : sig.span[0]]) if not _VENUE_BEFORE.search(sentence, lo, lo + p[0])]
    partner = _WITH_PARTY.match(sentence, sig.span[1])
    if partner is not None:
        parties += places_in(partner.group("party"))
    named = _NAMED_DEAL_AFTER.match(sentence, sig.span[1])
    if named is not None:
        # the deal named by its country as the verb's object: "Trump inks Indonesia trade deal" on the Vietnam deal
        parties += places_in(named.group("np"))
    others = sorted({name for _, _, name in parties} - spec._own_places)
    return f"a deal of {', '.join(others)}" if others else None


# The verb's object, a deal named by its modifiers: "inks Indonesia trade deal", "signs the UK-Japan pact".
_NAMED_DEAL_AFTER = re.compile(
    r"\s+(?:(?:a|an|the|its|their)\s+)?(?P<np>(?:[\w'’.-]+\s+){1,3}?)(?:trade\s+|free\s+trade\s+)?"
    r"(?:deal|agreement|pact|accord|treaty)\b"
)
_REPORTED_THAT = re.compile(
    r"(?i:\b(?:said|says|announced|announces|told\s+[\w'’-]+(?:\s+[\w'’-]+)?|confirmed|confirms|reported)"
    r"(?:\s+(?:on\s+)?[A-Z]?[a-z]+day)?\s+that\b)"
)
# A reported clause with its own subject and verb between an anchor and a date: "reaffirms Nov. 19 release, says
# marketing to start in summer", "..., said talks would resume in May".
_OTHER_GOVERNOR = re.compile(
    r"\b(?:says|said)\s+(?:that\s+)?[a-z][\w'-]*(?:\s+[a-z][\w'-]*)?\s+(?:to|will|would)\s+(?P<verb>[a-z]{3,})\b"
)
# An item named as absent cannot own a date that follows it: "suspended talks without an agreement and will
# reconvene on Friday" (Friday is the talks'), "ended with no deal, to resume Monday", "still no launch date, NASA
# reviews on Tuesday". A date before the noun ("no deal before Sunday") is left to the negation rules.
# ("empty" and the like only as a complement, not before a noun: "open in near-empty stadium" says where)
_WITHOUT_ITS_PEOPLE_AFTER = re.compile(
    r"(?i:[^.;:]{0,60}?(?P<absent>(?<![\w-])(?:empty|uncrewed|unmanned|unoccupied)(?=\s*(?:[,.;:]|$|\s+(?:and|but|"
    r"after|as|with|from|to|in|at|on)\b))|\bwithout\s+(?:its\s+|the\s+|their\s+|any\s+)?"
    r"(?:crew|astronauts|passengers|people|anyone)\b|\bleaving\s+(?:[\w'’-]+\s+){1,6}?behind\b))"
)
_ABSENT_BEFORE = re.compile(r"(?i:\b(?:without|no|lacking)\s+(?:(?:an?|the|any|a\s+final|final)\s+)?(?:[\w-]+\s+)?$)")
# A condition on failing to act by a time asserts that time as the deadline: "will run out of cash if Congress has
# not raised the limit by June 5", "unless a deal is reached by Sunday", "if no agreement is struck before Dec. 31".
# The condition hedges whether the act happens, not when it is due. Only a deadline date ("by", "before", "no later
# than", "<date> deadline") in the clause the "if"/"unless" opens counts; "if talks go well, the deal could be
# signed on Friday" keeps its hedge.
_CONDITION_OPEN = re.compile(r"(?i:\b(?:if|unless)\b[^,;:.?!]{0,100}$)")


def _conditional_deadline(sentence: str, d: DateMention) -> bool:
    """Whether a deadline date sits in a condition of failing to act (an "unless" clause, or an "if" clause with a
    negation: "if Congress has not acted by June 5"), which states it as the deadline (see above). A condition of
    success ("an extension to 30 June if MPs back her deal by 20 March") keeps its hedge: it proposes the date."""
    if not d.deadline:
        return False
    opened = _CONDITION_OPEN.search(sentence, 0, d.span[0])
    if opened is None:
        return False
    clause = opened.group()
    return clause.lower().startswith("unless") or _FAILURE_IN_CONDITION.search(clause) is not None


_FAILURE_IN_CONDITION = re.compile(r"(?i:\b(?:not|no|never|fails?|failed|without)\b|n't\b)")


# An amount between the item's word and a date takes the date as its own horizon: "enter national security
# agreement, pledge $11 billion investment by 2028", "a deal to buy $200 billion of goods by 2021", "the visit, with
# 40 contracts worth €10bn to be signed by March". On a metric watch such a date is the target's due date and is read
# by the metric rules instead.
_AMOUNT = re.compile(
    r"(?i:(?:[$€£¥]\s?\d[\d,.]*|\b\d[\d,.]*\s*(?:bn|billion|million|mn|trillion|tn|crore|lakh)\b)"
    r"(?:\s*(?:bn|billion|million|mn|m|trillion|tn)\b)?)"
)
_WISH_BEFORE = re.compile(r"(?i:\b(?:hopes?|hoped|hoping|wants?|wanted|wish(?:es|ed)?|seeks?|seeking)\b[^,;:.]{0,30}$)")
_PLAN_WORDS = frozenset(
    {"due", "set", "expected", "expect", "expects", "scheduled", "slated", "poised", "planned", "plans", "plan"}
)
_INFINITIVE = re.compile(r"^\s+to\s+(?P<verb>[a-z]{3,})\b")
_VERB_AFTER = re.compile(r"^\s+(?P<verb>[a-z]{3,})\b")
_TIMETABLE_OBJECT = re.compile(
    r"(?i:\s+(?:the|its|their|a|an|this|that)?\s*(?:[\w.,'-]+\s+){0,3}?(?:target|goal|deadline|timeline|timetable|"
    r"date|schedule)s?\b)"
)
_DEAL_OF_PURCHASE = frozenset({"acquisition", "merger", "takeover", "buyout", "purchase"})
# Verbs that complete an agreement when a watch is titled by them: "Sweden joins NATO", "UK accedes to CPTPP".
_COMPLETING_TITLE_VERBS = frozenset({"join", "rejoin", "accede", "ratify"})
# A subject that is an attempt to act on something: "Opposition bid to repeal", "a push by unions to delay".
_ATTEMPT_SUBJECT_BEFORE = re.compile(
    r"(?i:\W*(?:[\w'’.-]+\s+){0,3}?(?P<noun>bid|effort|attempt|push|move|drive|campaign|motion|challenge|lawsuit|"
    r"petition|appeal)s?\s+(?:by\s+(?:[\w'’.-]+\s+){1,3}?)?to\s+[a-z]+\b)"
)


def _clause_start(sentence: str, at: int) -> int:
    """Where the clause holding ``at`` begins: after the last clause break (see _CLAUSE_RE) before it."""
    return max((cm.end() for cm in _CLAUSE_RE.finditer(sentence, 0, at)), default=0)


_ADOPTION_WORDS = frozenset({"adopt", "adopts", "adopted", "adoption"})
_ACTS_AFTER_ADOPTION = frozenset(
    {"promulgation", "promulgated", "signing", "signature", "assent", "enactment", "enacted", "gazetting", "gazette"}
)
_FINAL_ADOPTION = (
    "adopted",
    "re:(?#title)\\badopts\\b",
    *(
        f"{verb} final {act}"
        for verb in ("give", "grant", "receive", "win", "get")
        for act in ("approval", "green light", "green-light", "nod", "go-ahead", "sign-off")
    ),
    "formally approve",
    "approve formally",
)
# A pact between parties named in a title: a trade deal, a treaty, a truce.
_PACT_TITLE = re.compile(
    r"(?i:\btrade\s+(?:deal|agreement|pact|accord)s?\b|\b(?:treaty|ceasefire|truce|accord|pact|FTA|CEPA|EPA)\b|"
    r"\bpartnership\s+agreement\b)"
)
_CLOSING_WORDS = frozenset({"close", "closes", "closing", "closed", "completion", "complete", "completes", "completed"})
_SIGNING_VERBS = frozenset({"sign", "ink", "signed", "put"})
_BILL_NOUNS = frozenset({"bill", "act", "legislation", "law", "directive", "regulation"})
_PASSAGE_VERBS = frozenset({"pass", "approve", "clear", "complete"})
# The last vote told as such, or as an approval of the bill itself: "Senate green-lights Online News Act, clearing
# final hurdle in Parliament", "giving Bill C-18 final parliamentary approval".
_BILL_FINAL_PASSAGE = [
    "give final approval",
    "green-light bill",
    "green-light act",
    "green-light legislation",
    "clear final hurdle",
]
_MODALS = frozenset({"will", "would", "to", "can", "could", "should", "shall", "may", "might"})
# Nouns of a commercial or administrative process that an event noun after them belongs to: "pre-orders opening",
# "bookings launch", "registration opening", "store opening".
_PROCESS_NOUNS = frozenset(
    {
        "orders",
        "pre",
        "preorders",
        "bookings",
        "registration",
        "registrations",
        "applications",
        "sales",
        "store",
        "stores",
        "office",
        "plant",
        "factory",
        "branch",
        "tender",
        "bidding",
        "ticket",
        "tickets",
        "voting",
    }
)
_HOURS_AFTER = re.compile(
    r"(?i:\s+(?:by\s+)?(?:about\s+|some\s+|nearly\s+|around\s+|roughly\s+|just\s+)?(?:(?:an?|one|two|three|a\s+few|"
    r"several|\d+(?:\.\d+)?)\s+(?:more\s+)?(?:minutes?|mins?)|"
    # hours short of a day: "pushed back 24 hours" moves the day, "by 48 hours" two
    r"(?:an?|one|two|three|a\s+few|several|(?:[1-9]|1\d|2[0-3])(?:\.\d+)?)\s+(?:more\s+)?(?:hours?|hrs?))\b)"
)
_TRIP_NAMES = ("visit", "trip", "tour", "journey")
# An opening named by its users, and the ceremony that may come apart from it ("PM Modi to inaugurate Noida airport at
# Jewar next month" on "Noida airport opens to commercial flights": the ribbon is cut, the flights start weeks later).
_OPENS_TO_USERS = re.compile(
    r"(?i:\b(?:open|opens|opening|start|starts)\s+(?:to|for)\s+(?:commercial\s+(?:flights|traffic|operations|service)|"
    r"passengers|the\s+public|public|traffic|visitors|riders|travellers|travelers)\b|"
    # the users' service named as the item: "first commercial passenger flights", "passenger services"
    r"\b(?:commercial|passenger|first)\s+(?:(?:passenger|commercial)\s+)?(?:flights|operations|services)\b|"
    # the opening named as the commercial one: "Metro Line 1 commercial opening", "commercial launch of the line"
    r"\bcommercial\s+(?:opening|launch|service|operation)\b)"
)
_JOURNEY_END_WORDS = re.compile(
    r"(?i:\b(?:land|lands|landing|touch|touches|touchdown|splash|dock|docks|docking|return|"
    r"returns|arriv\w*)\b)"
)


def _departure_before(sentence: str, s: int) -> str | None:
    """A verb of leaving that governs the date at `s` (within 60 characters before it, in its clause, with no word of
    the journey's end between), or None."""
    lo = max(0, s - 60)
    found = None
    for m in _DEPARTURE.finditer(sentence, lo, s):
        found = m
    if (
        found is None
        or _CLAUSE_BREAK.search(sentence, found.end(), s)
        or _JOURNEY_END_WORDS.search(sentence, found.end(), s)
    ):
        return None
    return found.group()


_TAKING_EFFECT = ("enter into force", "come into force", "take effect", "go into effect")
_SAME_EVENT_VERBS: dict[str, tuple[str, ...]] = {
    "touch down": ("land",),
    "land": ("touch down",),
    "start": ("begin",),
    "begin": ("start",),
    # a transaction closed is completed: "AMD Completes Acquisition of Xilinx" on "When does the merger close?"
    "close": ("complete",),
    # a treaty's or a law's effect begins under any of its names: "set to take effect May 1" on "enter into force"
    **{v: tuple(w for w in _TAKING_EFFECT if w != v) for v in _TAKING_EFFECT},
}
# The ends of a journey (a watch waiting for one of these is not done when the vehicle leaves) and the verbs of
# leaving.
_JOURNEY_ENDS = frozenset({"land", "touch down", "splash down", "dock", "return", "arrive"})
_JOURNEY_END_NOUNS = frozenset({"landing", "touchdown", "splashdown", "docking", "return", "arrival"})
_DEPARTURE = re.compile(
    r"(?i:(?:launch(?:es|ed)?|lift(?:s|ed)?\s+off|lifted\s+off|blast(?:s|ed)?\s+off|took\s+off|takes?\s+off|"
    r"depart(?:s|ed)?|leaves|left|undock(?:s|ed)?)\b)"
)
_CEREMONY = re.compile(r"(?i:\b(?:inaugurat\w*|dedicat\w*|ribbon[-\s]cutting|foundation\s+stone)\b)")
# A ceremony noun as the subject of the verb right after it, in one clause: "The formal inauguration of the line has
# been postponed", "inauguration ceremony delayed" (a verb "to inaugurate" is the ceremony's act, read by _CEREMONY).
_CEREMONY_SUBJECT = re.compile(
    r"(?i:\b(?:inauguration|dedication|ribbon[-\s]cutting|opening\s+ceremony)(?:\s+ceremony)?\b[^;,.:()]{0,60}?"
    r"(?:\b(?:has|have|had)\s+been\s+|\b(?:is|was|will\s+be|be)\s+)?$)"
)
_TRAVEL_NOUNS = frozenset({"visit", "trip", "tour", "journey", "travel", "summit", "meeting", "talks", "return"})
_TRAVEL_ANCHORS = frozenset({"come", "head", "fly", "travel", "meet"})
# A headline's own present-tense verb taking the item's plural noun as its object: "SpaceX pauses Falcon 9 launches",
# "FAA grounds all Max deliveries", "regulator halts openings"; the noun after it is no second verb.
_OBJECT_VERB_BEFORE = re.compile(
    r"(?i:\b(?:pauses|halts|suspends|resumes|delays|postpones|grounds|stops|freezes|bans|approves|clears|schedules|"
    r"plans|cancels|scraps|axes|limits|restricts|allows|permits|blocks|curbs|caps|restarts|"
    # a light verb's object is the event noun: "King Charles to make first state visits to France and Germany"
    r"make|makes|making|made|pay|pays|paying|paid)\s+(?:[\w'’-]+\s+){0,3}$)"
)
_PREP_NP_BEFORE = re.compile(
    r"(?i:\b(?:for|of|at|before|after|during|ahead\s+of)\s+(?:[\w'-]+\s+){0,3}$)"
    # "in", "on", "with" with only common words between: "to visit US, Egypt in separate state visits" ("Pope in
    # Mongolia visits ..." keeps its verb: a name after "in" is where the subject is)
    r"|\b(?i:in|on|with|into|between|among)\s+(?:[a-z][\w'-]*\s+){0,3}$"
)
_PURPOSE_EVENT_AFTER = re.compile(
    r"(?i:[^.;:]{0,70}?\bfor\s+(?:a|an|the|its|their)?\s*(?:[\w'-]+\s+){0,4}?(?P<noun>retreat|conference|ceremony|"
    r"funeral|forum|match|game|wedding|coronation|gathering|cabinet\s+meeting))\b"
)
_PROCESS_OBJECT_AFTER = re.compile(
    r"(?i:\s+(?:the\s+|its\s+|their\s+)?(?:[\w'-]+\s+){0,3}?(?P<noun>pre-?orders?|preorders?|bookings?|"
    r"registrations?|applications?|ticket\s+sales|sales|shipments|deliveries\s+estimates|shipping\s+estimates))\b"
)
# A time of day with its zone right before a date is part of it, not words between an anchor and it: "reset the
# launch for 8:42:11 a.m. JST on September 7", "opens at 10 a.m. local time on Friday", "at 09:00 GMT on May 3"
_CLOCK_TIME = re.compile(
    r"(?i:\b\d{1,2}(?::\d{2}){1,2}(?:\s*[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\.?)"
    r"(?:\s+(?:[A-Z]{2,5}\b|local\s+time|\([A-Z]{2,5}\)))?\s*(?:on\s+|,\s*)?$"
)
# The times of day right before a day, with their zones, one in brackets after another ("no earlier than 10:09 p.m.
# EST (7:09 p.m. PST) on Friday"): they stand between a schedule word and its day without putting distance between
# them. (Only right before the day: a time further back ends a clause, "opens at 2 p.m., and 86 routes change on".)
_CLOCK = r"(?i:\b\d{1,2}(?::\d{2}){1,2}(?:\s*[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\.?)(?:\s+[A-Z]{2,5}\b)?"
_TRAILING_CLOCK_TIMES = re.compile(rf"\s*\(?{_CLOCK}(?:\s*(?:{_CLOCK}|(?i:local\s+time)|[(),]))*\s*(?:(?i:on)\s*)?$")
# A date to be set, right before the day it is to be set: "to set a new launch readiness date by the end of April",
# "new date to be picked on March 10", "will announce a timeline in June".
_DATE_SETTING_BEFORE = re.compile(
    r"(?i:\b(?:(?:set|setting|announce|announcing|decide|deciding|fix|fixing|name|naming|pick|picking)\s+(?:a|the)?\s*"
    r"(?:new\s+|fresh\s+|revised\s+)?(?:[\w-]+\s+){0,3}(?:date|timeline|schedule)|(?:new|fresh|revised)\s+(?:[\w-]+\s+){0,3}"
    r"date\s+(?:is\s+|will\s+be\s+)?to\s+be\s+(?:set|picked|announced|decided|fixed|named))\s+(?:by|in|on|before|at)\s+$|"
    # the day of a decision on it: "decision due in June", "a ruling expected by March", "review due on Friday"
    # ("EU ruling on the Chart deal due by Friday": with what it rules on between)
    r"\b(?:decision|ruling|verdict|judg(?:e)?ment|review|assessment|vote)(?:\s+(?:on|over|in)\s+[^,;:]{0,60}?)?\s+"
    r"(?:is\s+|now\s+)?(?:due|expected|set|scheduled)\s+(?:for\s+|by\s+|in\s+|on\s+|before\s+)?$)"
)
# A hyphenated pair of names right before a date: "Cancún-Palenque Dec. 31", "Paris-Berlin leg on May 3".
_NAME_RIGHT_BEFORE = re.compile(r"(?P<name>\b[A-Z][\w'’.]*(?:-[A-Z][\w'’.]*)+)\s+(?:(?:leg|section|stretch|on)\s+)?$")
# A headline's second predicate between an anchor and a date: ", leaves Tulum stretch for", ", keeps Cybertruck in".
_SECOND_PREDICATE = re.compile(
    r",\s+(?:and\s+)?(?!(?:this|thus|plus|less|was|has|his|its|yes|unless)\b)[a-z]{3,}s\s+(?:[\w'’-]+\s+){1,4}?(?:for|to|until|in|by)\s+$"
)
_ANCHOR_REACH = 8  # words between an anchor and the date it governs ("delayed the launch of the crewed X to May")
# A place after "in", "at", "from" is where something happens ("meet in Geneva and sign"), not a party to it.
_VENUE_BEFORE = re.compile(r"(?i:\b(?:in|at|from|to|into|near|outside|across)\s+(?:the\s+)?$)")
_MEETING_NOUN = r"(?:visit|trip|journey|meeting|summit|tour|round\s+of\s+talks|press\s+conference)s?"
_MEETING_OBJECT_AFTER = re.compile(
    rf"(?i:\s+(?:(?:a|an|the|his|her|its|their|this|that|next)\s+)?(?:[\w'’-]+\s+){{0,2}}?{_MEETING_NOUN}\b)"
)
_MEETING_SUBJECT_BEFORE = re.compile(
    rf"(?i:\b{_MEETING_NOUN}\s+(?:(?:is|was|has\s+been|have\s+been|again|abruptly)\s+){{0,2}}$)"
)
_DEAL_TO_TRADE_AFTER = re.compile(
    r"(?i:[\w'’-]+(?:\s+[\w'’$.,-]+){0,4}?\s+(?:deal|agreement|contract|accord)s?\s+to\s+"
    r"(?P<verb>sell|buy|supply|purchase|acquire|build|provide|deliver|lease|export|import)\b)"
)
_TO_BUY_NAME_AFTER = re.compile(
    r"(?i:\s+to\s+(?:buy|acquire|purchase|take\s+over|merge\s+with)\s+(?:(?:the|rival|its)\s+)?(?:[a-z-]+\s+){0,2})"
    r"(?P<name>[A-Z][\w'’.-]*)"
)
_SETTLEMENT_AFTER = re.compile(r"(?i:\s+to\s+(?:pay|settle|plead|refund|compensate|cooperate|comply|forfeit)\b)")
# A legal agreement as a deal verb's object: "inks $350 million settlement", "signs a plea deal", "reaches a consent
# decree", "agrees a deferred prosecution agreement" (a figure and two modifiers may come between).
_LEGAL_DEAL_OBJECT = re.compile(
    r"(?i:\s+(?:an?\s+|the\s+|its\s+|their\s+)?(?:(?:about|nearly|over|up\s+to)\s+)?(?:[$€£]?[\d.,]+\s*"
    r"(?:million|billion|bn|mn|m|b|crore|lakh)?\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?P<noun>settlements?|plea\s+(?:deal|agreement|bargain)s?|consent\s+decrees?|"
    r"(?:deferred|non)-?\s*prosecution\s+agreements?)\b)"
)
# Agreeing to hold, start or go on negotiating is a step of the talks, not the deal: "Starmer and Modi agree to
# restart trade talks", "the sides agreed to resume negotiations next month", "agreed to keep talking", "agree to
# work towards a deal by June". The infinitive's verb is a process verb whose object is the negotiation itself.
_PROCESS_AFTER = re.compile(
    r"(?i:\s+to\s+(?:(?:re)?start|resume|relaunch|launch|begin|open|hold|continue|pursue|intensify|accelerate|"
    r"speed\s+up|step\s+up|fast-track|explore|keep\s+(?:talking|negotiating)|negotiate|meet\s+again|"
    r"work\s+(?:towards?|on|for)|aim\s+for|seek)\b)"
)
_ELSEWHERE = ("a deal of", "another traveller", "another destination", "the item is only the destination")
# The counterparty after the verb: "signs trade deal with Australia", "inks pact with four EFTA nations" (a
# determiner or a number may come before the name: a counterparty is often counted, "two Gulf states").
_WITH_PARTY = re.compile(
    r"(?:\s+[\w'-]+){0,6}?,?\s+with\s+(?:(?:the|a|an|its|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)?"
    r"(?P<party>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,2})"
)


def _other_traveller(spec: ExtractionSpec, sentence: str, sig: StatusSignal) -> str | None:
    """Why an arrival or visit is someone else's, or None: a named agent right before the verb, or a named place
    right after an arrival verb, that is not the item's own ("Biden will visit New Delhi", "Modi arrives in Paris"
    on a watch of Modi's visit to the United States)."""
    if not spec._own_names or not any(_TRAVEL_VERB.match(w) for w in sig.text.split()):
        return None
    agent = _agent_before(sentence, sig.span[0])
    if (
        agent is not None
        and _is_other_name(spec, sentence, agent.start("name"), agent["name"])
        and not _companion_of_own(spec, sentence, agent.start("name"))
    ):
        return f"another traveller ('{agent['name']}')"
    if _DESTINATION_VERB.search(sig.text) or sig.text.lower().split()[-1].startswith("visit"):
        place = _PLACE_AFTER.match(sentence, sig.span[1])
        if (
            place is not None
            and _is_other_name(spec, sentence, place.start("name"), place["name"])
            # "arrived at Chinggis Khaan International Airport near Ulaanbaatar": a facility one lands at is a
            # venue of the trip, not another country or city it goes to
            and not _FACILITY_AFTER_NAME.match(sentence, place.end("name"))
            and not _on_own_trip(spec, sentence, place.end("name"))
            and not _own_place_in_list(spec, sentence, place.end("name"))
        ):
            return f"another destination ('{place['name']}')"
    return None


# The next names of a list: ", Papua New Guinea and Australia" after "to visit Japan".
_LISTED_NAME = re.compile(
    r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})"
)


def _own_place_in_list(spec: ExtractionSpec, sentence: str, end: int) -> bool:
    """Whether the destination ending at `end` opens a list that names the item's place: "to visit Japan, Papua New
    Guinea and Australia" is a tour whose Australian leg is the item's visit."""
    for _ in range(6):
        m = _LISTED_NAME.match(sentence, end)
        if m is None:
            return False
        if {p for _, _, p in places_in(m["name"])} & spec._own_places:
            return True
        end = m.end()
    return False


# The trip an arrival is part of, named after the place: "lands in Tel Aviv on wartime solidarity visit to Israel",
# "arrives in Osaka for a three-day state visit to Japan".
_ON_TRIP_AFTER = re.compile(
    r"(?i:[^,;:.]{0,20}?\b(?:on|for)\s+(?:an?\s+|the\s+|his\s+|her\s+|their\s+)?"
    r"(?:(?!(?:after|before|ahead|following)\b)[\w'’-]+\s+){0,3}?"
    r"(?:visit|trip|tour|journey)s?\s+to\s+(?:the\s+)?)(?P<name>(?-i:[A-Z])[\w'’.-]*(?:\s+(?-i:[A-Z])[\w'’.-]*)?)"
)


def _on_own_trip(spec: ExtractionSpec, sentence: str, end: int) -> bool:
    """Whether the place an arrival names is inside the item's destination, told by the trip the arrival is on: a
    city one lands in "on a visit to Israel" is in Israel, whatever the city's name."""
    trip = _ON_TRIP_AFTER.match(sentence, end)
    return trip is not None and bool({p for _, _, p in places_in(trip["name"])} & spec._own_places)


# A name joined to the one before it: "King Charles and Queen Camilla arrive", "Biden and first lady Jill Biden land",
# and a headline's comma for "and": "Emperor, Empress arrive in Mongolia".
_COMPANION_BEFORE = re.compile(r"(?P<own>\b[A-Z][\w'-]+)(?:\s+(?:and|&)|,)\s+(?:[\w'.-]+\s+){0,3}$")
# A facility after a name: the name is of an airport, a station or a palace, a venue and not a destination.
_FACILITY_AFTER_NAME = re.compile(
    r"(?:\s+[A-Z][\w'-]+){0,3}\s+(?:International\s+)?(?:Airport|Air\s+Base|Airbase|Station|Palace|Terminal|"
    r"Airfield)\b"
)


def _companion_of_own(spec: ExtractionSpec, sentence: str, start: int) -> bool:
    """Whether the name at `start` is coordinated with one of the item's own names: the item's traveller and a
    companion act together, so the act is the item's ("King Charles and Queen Camilla arrive in Kenya")."""
    joined = _COMPANION_BEFORE.search(sentence, max(0, start - 40), start)
    return joined is not None and joined["own"].lower() in spec._own_names


def _other_agent(spec: ExtractionSpec, sentence: str, sig: StatusSignal) -> str | None:
    """Why an event verb is another thing's, or None: a name that is not the item's right before the verb, with
    the item named neither in the clause before it nor in the verb's object after it (up to the next comma).

    "Tesla Roadster slips to 2023" (on a watch of the Tesla Semi), "Nikola hands over first Tre trucks, beating
    Tesla's Semi to customers": another product or company does the act. "NASA launches Artemis I" is the item's,
    its object names the item; so is "Starliner launch delayed", whose subject is the item."""
    if not spec._own_names or not spec._subject:
        return None
    agent = _agent_before(sentence, sig.span[0])
    if agent is None or not _is_other_name(spec, sentence, agent.start("name"), agent["name"]):
        return None
    lo = 0
    for cm in _CLAUSE_RE.finditer(sentence, 0, sig.span[0]):
        lo = cm.end()
    comma = sentence.find(",", sig.span[1])
    end = _CLAUSE_RE.search(sentence, sig.span[1])
    hi = min(comma if comma >= 0 else len(sentence), end.start() if end else len(sentence))
    for _a, b in spec._subject.spans(sentence[lo : sig.span[0]]):
        if not sentence[lo + b : agent.start("name")].isspace():
            return None  # the item named in the clause (a term right before the name only modifies it: "Tesla
            # Roadster")
    for a, _b in spec._subject.spans(sentence[sig.span[0] : hi]):
        named = _NAME_RIGHT_BEFORE_TERM.search(sentence, max(sig.span[0], sig.span[0] + a - 30), sig.span[0] + a)
        if named is not None and not _own_or_common(spec, named["name"]):
            continue  # "hands over first Tre battery-electric trucks": the term names another's product
        return None  # the item inside the verb phrase or its object: "halts Orion capsule countdown"
    return f"another agent ('{agent['name']}') and no mention of the item in its clause"


_NAME_RIGHT_BEFORE_TERM = re.compile(r"(?P<name>\b[A-Z][\w'’.-]*)\s+(?:[\w-]+\s+)?(?:[\w]+-)?$")


# A trip named by its destination: "trip to Lebanon", "visit to Kinshasa and Juba", "the Africa visit". A status or a
# date next to another destination's trip is that trip's: "Pope's June trip to Lebanon postponed" on a watch of the
# Pope's visit to Canada, "With the Africa visit scrapped for now, ...", "Pope's Aug. 28 visit to L'Aquila".
_TRIP_NOUN = r"(?:visit|trip|tour|journey|voyage|travel)s?"
_TRIP_TO = re.compile(
    rf"(?i:\b{_TRIP_NOUN})\s+(?:to|in)\s+(?:the\s+)?(?P<name>[A-Z][\w'’.-]*(?:\s+(?:and\s+)?[A-Z][\w'’.-]*){{0,3}})"
)
# The destination as the travel verb's object: "PM Modi set to visit Poland next week", "touring Japan".
_VISIT_PLACE = re.compile(
    r"(?i:\b(?:visit|visits|visiting|visited|tour|tours|touring|toured)\s+)"
    r"(?P<name>(?-i:[A-Z])[\w'’.-]*(?:\s+(?:and\s+)?(?-i:[A-Z])[\w'’.-]*){0,2})"
)
_PLACE_TRIP = re.compile(rf"(?P<name>\b[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)?)\s+(?i:{_TRIP_NOUN})\b")
# A meeting named by its venue is held there: "Jordan scraps Amman summit with Biden" on a watch of Biden's visit to
# Israel is a summit elsewhere (only a place names a venue so: "Modi-Putin summit" names its people).
_PLACE_MEETING = re.compile(r"(?P<name>\b[A-Z][\w.-]+(?:\s+[A-Z][\w.-]+)?)\s+(?i:summit|meeting|talks|conference)s?\b")
# A meeting's venue is where its people are: "Mitsotakis, Erdogan to meet in New York on Sept. 20", on a watch of
# Erdogan's visit to Greece, is a meeting elsewhere.
_MEETING_IN = re.compile(
    r"(?i:\b(?:meet|meets|meeting|met|talks|summit))\s+in\s+(?:the\s+)?"
    r"(?P<name>(?-i:[A-Z])[\w'’.-]*(?:\s+(?-i:[A-Z])[\w'’.-]*){0,2})"
)

# The item's noun named by a year, as the subject of a status verb: "the 2020 trip was called off", "after 2020 visit
# was cancelled", "the 2019 launch had been scrubbed".
_YEAR_NAMED_SUBJECT = re.compile(
    r"\b(?P<year>(?:19|20)\d{2})(?:'s|’s)?\s+(?:[\w'’-]+\s+){0,2}?(?P<noun>[A-Za-z][\w'’-]*)\s+"
    r"(?:(?:was|were|had\s+been|has\s+been|got|is|being)\s+)?$"
)


def _earlier_instance(spec: ExtractionSpec, sentence: str, span: tuple[int, int], published: date) -> str | None:
    """The earlier instance of the item a status verb is about, named by its year, or None.

    "Indonesia ready to welcome Pope after 2020 visit was cancelled", "the 2019 launch attempt was scrubbed", "the
    2022 deal collapsed": a visit, launch or deal named by a year before the one of writing is a past one, and its
    fate is history, not the item's news. A year the watch's title names is the item's own ("Tokyo 2020 Olympics").
    """
    m = _YEAR_NAMED_SUBJECT.search(sentence, max(0, span[0] - 60), span[0])
    if m is None:
        return None
    year = int(m["year"])
    if year >= published.year or year in spec.title_years:
        return None
    nouns = {n.lower() for n in (*spec.item_nouns, *_REFERENCE_NOUNS.get(spec.kind, ()))} | _TRAVEL_NOUNS
    noun = m["noun"].lower()
    if noun not in nouns and noun.removesuffix("s") not in nouns:
        return None
    return f"an earlier {noun} ('{m.group().strip()}')"


_ARRIVAL = re.compile(r"(?i:arriv\w*)")
_WEEKDAY_COMMA_END = re.compile(r"(?i:\b(?:mon|tues|wednes|thurs|fri|satur|sun)day,\s*$)")
_PAST_PERFECT_BEFORE = re.compile(r"(?i:\bhad\s+(?:been\s+|originally\s+been\s+|initially\s+been\s+)?$)")
_FUTURE_PASSIVE_BEFORE = re.compile(r"(?i:\b(?:to|will|shall|is\s+to|are\s+to)\s+be\s+(?:formally\s+|officially\s+)?$)")
# The place right after a verb of arriving or staying: "lands in Indonesia", "arrives at Jakarta" (the preposition
# may be part of the verb's phrase: "lands in").
_DESTINATION_AFTER_VERB = re.compile(
    r"\s*(?:(?:in|at|to|into)\s+)?(?:the\s+)?(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?)"
)
# The next leg of a journey: "before going on to Lebanon until Dec. 2", "then flies to Singapore on Sept. 11".
_GOING_ON_TO = re.compile(
    r"(?i:\b(?:go|goes|going|went|head|heads|heading|headed|travel|travels|travelling|traveling|continue|continues|"
    r"continuing|move|moves|moving|fly|flies|flying|flew)\s+(?:on\s+)?to\s+(?:the\s+)?)"
    r"(?P<name>(?-i:[A-Z])[\w'’.-]*(?:\s+(?-i:[A-Z])[\w'’.-]*){0,2})"
)
# The host as the subject: "Dili will host the Pope Sept. 9-11", "Singapore to welcome Francis on Sept. 11": a place
# that hosts is the trip's destination there.
_HOST_PLACE = re.compile(
    r"(?P<name>\b[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)?)\s+(?:(?:will|would|is\s+set\s+to|is\s+to|to|also)\s+)?"
    r"(?:host|hosts|hosted|hosting|welcome|welcomes|welcomed|receive|receives|received)\b"
)


def _other_trip(spec: ExtractionSpec, sentence: str, span: tuple[int, int]) -> str | None:
    """Why the trip nearest a status word or date in its clause is another destination's, or None (see above).
    Only a watch that names its destination can tell another one."""
    if not spec._own_places:
        return None
    here = _DESTINATION_AFTER_VERB.match(sentence, span[1])
    if here is not None and {p for _, _, p in places_in(here["name"])} & spec._own_places:
        return None  # "Pope Francis lands in Indonesia at start of Asia-Pacific tour": the verb's own place wins
    lo = 0
    for cm in _CLAUSE_RE.finditer(sentence, 0, span[0]):
        lo = cm.end()
    end = _CLAUSE_RE.search(sentence, span[1])
    hi = end.start() if end is not None else len(sentence)
    trips = [
        (m.start("name"), m.end(), m["name"], words)
        for rx in (_TRIP_TO, _PLACE_TRIP, _MEETING_IN, _VISIT_PLACE, _HOST_PLACE, _GOING_ON_TO, _PLACE_MEETING)
        for m in rx.finditer(sentence, lo, hi)
        if (words := _name_words(m["name"]))  # "the July trip" names no destination
        # a verb's object or subject is a destination only when it is a place ("tours Toyota battery plant" is a
        # visit there; "Vatican will host" is an agent)
        and (rx not in (_VISIT_PLACE, _HOST_PLACE, _GOING_ON_TO, _PLACE_MEETING) or places_in(m["name"]))
    ]
    if not trips:
        return None
    start, stop, name, words = min(trips, key=lambda t: min(abs(t[1] - span[0]), abs(t[0] - span[1])))
    if any(w in spec._own_names for w in words) or _own_place_in_list(spec, sentence, stop):
        return None
    places = {p for _, _, p in places_in(name)}
    if places & spec._own_places:
        return None
    if places or _is_other_name(spec, sentence, start, name.split()[0]):
        return f"another destination ('{name}')"
    return None


# The subject noun phrase of a verb, named for something else: "Kitchener-Waterloo's $868-million LRT opened" (on a
# watch of Ottawa's LRT), "the Trillium extension slated to open in 2022" (on the Confederation Line). A name that
# modifies a common noun is its owner; a bare name before a verb is an agent acting for the item ("NASA delays the
# launch") and is left alone.
_OWNED_SUBJECT = re.compile(
    r"(?:(?P<poss>\b[A-Z][\w-]+)['’]s|\b(?:the|a)\s+(?P<name>[A-Z][\w-]+))"
    r"(?P<np>\s+[$€£]?[\w.,-]+(?:\s+[$€£]?[\w.,-]+){0,2}?)\s+"
    r"(?:(?:is|are|was|were|has|have|had|will|would)\s+(?:been\s+|be\s+|now\s+)?)?"
    r"(?:(?:slated|set|scheduled|expected|due|planned|poised|ready)\s+to\s+)?$"
)


# Who speaks for someone: their office or staff announce and confirm, and own nothing they announce.
_SPEAKER_NOUNS = frozenset(
    {"office", "spokesman", "spokeswoman", "spokesperson", "aide", "aides", "staff", "ministry", "department",
     "spokespeople", "press", "secretary", "team", "camp"}
)  # fmt: skip


def _owned_by_other(spec: ExtractionSpec, sentence: str, verb_start: int) -> str | None:
    """The other name owning the subject of the verb at `verb_start` (see above), or None."""
    if not spec._own_names:
        return None
    m = _OWNED_SUBJECT.search(sentence, max(0, verb_start - 70), verb_start)
    if m is None:
        return None
    name = m["poss"] or m["name"]
    start = m.start("poss") if m["poss"] else m.start("name")
    if _NAME_IN_PHRASE_BEFORE.search(sentence, max(0, start - 60), start):
        return None  # "crew launch with NASA's Jonny Kim delayed": the owner sits inside the subject's phrase
    words = _name_words(name)
    if not words or any(w in spec._own_names for w in words):
        return None
    # a place before the item's own name is where it comes from: "India's Modi" on Modi's visit is Modi. A thing
    # owned is another's even when it shares a word with the item: "Kitchener's $868-million LRT" is not Ottawa's
    np_words = [w.lower().strip(".,") for w in m["np"].split()]
    if len(np_words) == 1 and np_words[0] in spec._own_names:
        return None
    if np_words and np_words[-1] in _SPEAKER_NOUNS:
        return None  # "The Prime Minister's office confirmed", "Trump's spokesman said": a speaker, not an owner
    if np_words and np_words[0] in spec._own_names and places_in(name):
        return None  # "Japan's H3 rocket lifts off": the item's own name after a place is the item, from there
    if {p for _, _, p in places_in(name)} & spec._own_places:
        return None
    title = {w.lower() for w in (*spec.title_words, *spec.item_nouns) if w.islower()}
    raw = [w.strip(".,") for w in m["np"].split()]
    content = [w for w in raw if w.isalpha() and w.lower() not in _DETERMINERS]
    if content and places_in(name) and all(w[:1].isupper() for w in content):
        return None  # "Mexico's Lopez Obrador inaugurates ...": a place's person is where they come from, an agent
    common = [w for w in content if w.lower() not in spec._own_names]
    if common and all(w.islower() and w in title for w in common) and not places_in(name):
        # "NASA's moon rocket scrubbed" on the "Artemis I moon rocket launch": an organisation or person owning the
        # very thing the title names is the item's owner (a place owning it is another's: "Kitchener's LRT")
        return None
    return name if _is_other_name(spec, sentence, start, name) else None


# A traveller named right before a verb whose object is their own trip: "Brazilian President Luiz Inacio Lula da
# Silva postponed his state visit to China", with particles of names ("da Silva", "von der Leyen") inside the run.
_TRAVELLER_BEFORE = re.compile(
    r"(?P<run>(?:\b[A-Z][\w'’.-]*\s+(?:(?:da|de|di|do|dos|van|von|der|bin|al|el)\s+)*){1,7})"
    r"(?:(?:has|had|have|will|would|abruptly|again|also|then|formally|officially|now)\s+)*$"
)
_OWN_TRIP_AFTER = re.compile(r"(?i:\s+(?:his|her|their)\s+(?:[\w'’-]+\s+){0,3}?(?:visit|trip|tour|journey)s?\b)")
# Capitalised words that name no one by themselves: a pronoun opening a sentence, a rank before a name
_NO_TRAVELLER = frozenset(
    {
        "he", "she", "they", "it", "the", "president", "prime", "minister", "premier", "king", "queen", "chancellor",
        "pope", "vice", "crown", "prince", "princess", "secretary", "state", "foreign", "leader", "mr", "mrs", "ms",
    }
)  # fmt: skip


def _travellers_own_trip(spec: ExtractionSpec, sentence: str, span: tuple[int, int]) -> str | None:
    """The other traveller whose own trip a status verb is about, or None.

    "Brazilian President Luiz Inacio Lula da Silva postponed his state visit to China" on Macron's visit to China:
    the verb's subject names no one of the title, and "his visit" is that subject's trip, whichever destination they
    share. A subject naming the item's own traveller ("Macron postponed his trip") or only a rank ("The President
    postponed his visit") is left alone.
    """
    if not spec._own_names or not any(n.lower() in _TRAVEL_NOUNS for n in spec.item_nouns):
        return None
    if _OWN_TRIP_AFTER.match(sentence, span[1]) is None:
        return None
    m = _TRAVELLER_BEFORE.search(sentence, max(0, span[0] - 90), span[0])
    if m is None:
        return None
    words = [w.removesuffix("'s").removesuffix("’s") for w in _WORD.findall(m["run"])]
    if any(w.lower() in spec._own_names for w in words):
        return None
    names = [w for w in words if w[:1].isupper() and w.lower() not in _NO_TRAVELLER]
    return " ".join(names) if names else None


# Clauses with a subject of their own: after a semicolon, a colon, a dash, or a comma and a coordinating conjunction
# ("SpaceX has a Falcon 9 set for Jan. 15, and the New Glenn window runs through Jan. 16").
_SUBCLAUSE_RE = re.compile(r"[;|]|(?<!\d):(?!\d)|\s[-\u2013\u2014]\s|,\s+(?:and|but|while|whereas)\s+")
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*")


def _specific_name(spec: ExtractionSpec) -> str:
    """The item's most specific name: the title's last name before its head noun ("Hera" in "ESA Hera asteroid
    mission launch on Falcon 9"; a name after the head is a complement: the rocket it flies on, the place it goes),
    else the title's last name ("Cybertruck" in "Tesla Cybertruck first customer deliveries")."""
    nouns = {n.lower() for n in spec.item_nouns}
    head_at = next((i for i, w in enumerate(spec.title_words) if w.lower() in nouns), None)
    if head_at is not None:
        before = {w.lower() for w in spec.title_words[:head_at]}
        lead = [n for n in spec.title_names if n.lower() in before]
        if lead:
            return lead[-1]
    return spec.title_names[-1]


def _other_clause(spec: ExtractionSpec, sentence: str, pos: int) -> str | None:
    """The other name a clause is about, when the item is named only in another clause of the sentence.

    "Tesla pulls Model Y deliveries forward to March; Cybertruck still on plan for late 2021", "Tesla Semi deliveries
    to PepsiCo set for Dec. 1; Cybertruck still to come": each clause has its own subject, and a date or status in the
    clause that names something else is that thing's. A clause that names nothing else ("Harbour bridge opening
    delayed; new date set for June 3") stays the item's.
    """
    if not spec._own_names:
        return None
    cuts = [m for m in _SUBCLAUSE_RE.finditer(sentence)]
    if cuts and cuts[0].group() == ":" and len(_WORD.findall(sentence[: cuts[0].start()])) <= 4:
        cuts = cuts[1:]  # a headline's topic label ("Chagos: UK committed to completing deal") heads what follows
    bounds = [0, *(m.end() for m in cuts), len(sentence) + 1]
    if len(bounds) < 3:
        return None
    clauses = list(itertools.pairwise(bounds))
    here = next((c for c in clauses if c[0] <= pos < c[1]), None)

    if here is None:
        return None
    # the item's most specific name (the title's last: "Cybertruck" in "Tesla Cybertruck first customer deliveries",
    # "Starliner" in "Boeing Starliner crew flight test") named in another clause and not in this one ("Tesla pulls
    # Model Y deliveries forward to March; Cybertruck still on plan"); a maker or agency ("Tesla", "NASA") that any
    # clause may name ties no clause to the item or away from it
    if not spec.title_names:
        return None
    words = {_specific_name(spec).lower()}

    def named(w: str, a: int, b: int) -> bool:
        return re.search(rf"(?i:\b{re.escape(w)}\b)", sentence[a:b]) is not None

    elsewhere = [w for w in words if not named(w, *here) and any(named(w, a, b) for a, b in clauses if (a, b) != here)]
    if not elsewhere:
        return None
    for m in _CAPITALISED.finditer(sentence, here[0], min(here[1], len(sentence))):
        word = m.group().removesuffix("'s").removesuffix("’s")
        if word.lower() in spec._own_names or word.lower() in _CALENDAR_WORDS or word.lower() in _DETERMINERS:
            continue
        if _is_other_name(spec, sentence, m.start(), word):
            return word
    return None


# (the start or opening "of" a named thing is that thing: "pushed back the start of East Side Access service")
_OBJECT_NAME_AFTER = re.compile(
    r"\s+(?:(?:the|its|their|a)\s+)?(?:(?:start|opening|launch|debut|completion|arrival)\s+of\s+(?:the\s+)?)?"
    r"(?P<name>[A-Z][\w'’-]*)"
)
# A break between two clauses of a headline or sentence: a semicolon, a colon, a dash.
_CLAUSE_BREAK = re.compile(r"[;\u2013\u2014]|(?<!\d):(?!\d)|\s-\s")
_REMOTE_TALKS = re.compile(r"(?i:\b(?:phone|telephone|video|virtual|online)\b)")
_OF_NAME_AFTER = re.compile(r"\s+of\s+(?:(?:the|its|their|his|her)\s+)?(?P<name>[A-Z][\w'’-]*)")


def _other_object(spec: ExtractionSpec, sentence: str, sig: StatusSignal) -> str | None:
    """Why a delay or cancellation is of another named thing, or None: the verb's object starts with a name that is
    not the item's ("Tesla pushes Semi truck to 2022" on the Cybertruck; "NASA delays Artemis II launch" on Artemis
    keeps its own)."""
    text = sig.text.strip().lower()
    if not spec._own_names or (" " in text and not text.startswith(("push", "put")) and not text.endswith(" off")):
        # (a phrasal verb's object follows its particle: "calling off the Beresheet 2 lunar mission")
        return None
    m = _OBJECT_NAME_AFTER.match(sentence, sig.span[1])
    if m is None or not _other_object_name(spec, sentence, m):
        return None
    return f"another item's ('{m['name']}')"


def _other_object_name(spec: ExtractionSpec, sentence: str, m: re.Match[str]) -> bool:
    """Whether the name starting a verb's object (see _other_object) is another item's."""
    name = m["name"].removesuffix("'s").removesuffix("’s")
    if name.lower() in spec._own_names or name.lower() in _CALENDAR_WORDS or name.lower() in _DETERMINERS:
        return False
    if places_in(name):
        return False  # "delaying China trip": a place names the destination, which _other_trip judges
    return _is_other_name(spec, sentence, m.start("name"), name)


_INSTITUTIONS = frozenset(
    [
        "senate",
        "house",
        "congress",
        "parliament",
        "commons",
        "lords",
        "council",
        "court",
        "judge",
        "regulator",
        "regulators",
        "government",
        "ministry",
        "commission",
        "administration",
        "cabinet",
        "assembly",
    ]
)


# What a party leaves: "walks away from Netanyahu government over Gaza ceasefire", "pulls out of the coalition".
_LEFT_OBJECT_AFTER = re.compile(r"(?i:\s+(?:from|of|out\s+of)\s+)")


def _left_other_thing(spec: ExtractionSpec, sentence: str, sig: StatusSignal) -> str | None:
    """What a walk-out leaves, when it is not the item (a government, a coalition, a council), or None: the party
    quits that thing, and the deal stands ("the truce is not affected")."""
    m = _LEFT_OBJECT_AFTER.match(sentence, sig.span[1])
    if m is None:
        return None
    end = _NP_END.search(sentence, m.end())
    phrase = sentence[m.end() : end.start() if end else len(sentence)]
    words = [w.lower().strip(".,'’") for w in _WORD.findall(phrase)]
    if not words:
        return None
    item_words = {n.lower() for n in (*_REFERENCE_NOUNS.get(spec.kind, ()), *spec.item_nouns)}
    item_words |= {w.lower() for t in spec.subject_terms for w in t.split()}
    item_words |= {"talks", "negotiations", "negotiation"}  # leaving the talks ends the deal they were for
    if any(w in item_words or w.rstrip("s") in item_words for w in words):
        return None
    return phrase.strip()


# The capitalised words right before a name's last word: "Spirit" in "Spirit Airlines", "Comcast" in "Comcast Corp".
_NAME_RUN_BEFORE = re.compile(r"(?:\b[A-Z][\w'-]*\s+){1,3}$")


def _rival_walks_away(spec: ExtractionSpec, sentence: str, sig: StatusSignal, act: str = "walks away") -> str | None:
    """Why a collapse is another bidder's, or None: a named company walking away that is not a party the title names.

    "Comcast walks away from Fox bidding war, clearing path for Disney" on Disney's acquisition of Fox: a rival
    leaving ends its own bid, not the watched deal. Institutions that decide on the deal (a court, a parliament)
    and countries (see _other_party) are left to their own rules.
    """
    if not spec._own_names:
        return None
    agent = _agent_before(sentence, sig.span[0])
    if agent is None:
        return None
    name = agent["name"].removesuffix("'s")
    if name.lower() in _INSTITUTIONS or places_in(name):
        return None
    # the agent's last word may end a longer name: "Spirit Airlines terminates Frontier merger" is Spirit's own act
    before = _NAME_RUN_BEFORE.search(sentence, 0, agent.start("name"))
    if before is not None and any(w.lower() in spec._own_names for w in _WORD.findall(before.group())):
        return None
    if not _is_other_name(spec, sentence, agent.start("name"), name):
        return None
    return f"another party ('{name}') {act}"


def _name_words(name: str) -> list[str]:
    """The words of a capitalised name that can name a place: no calendar words, possessives cut."""
    words = [w.lower().removesuffix("'s").removesuffix("’s") for w in re.findall(r"[\w'’.-]+", name)]
    return [w for w in words if w not in _CALENDAR_WORDS and w not in _DETERMINERS and w != "and"]


_TRAVEL_VERB = re.compile(r"(?i:^(?:visit|arriv|land|travel|fly|flew|touch|head|go|went|come|came|pay|paid|made|make))")


def _own_or_common(spec: ExtractionSpec, name: str) -> bool:
    """Whether a capitalised word is the item's own (a title or term name, or one of its places: "Brussels" on an
    EU watch, "Beijing" on a China one) or a calendar word or determiner, which any style capitalises."""
    low = name.lower().removesuffix("'s")
    if low in spec._own_names or low.rstrip(".") in _CALENDAR_WORDS or low in _DETERMINERS:
        return True
    return any(place in spec._own_places for _, _, place in places_in(name))


_ROMAN_NUMERAL = re.compile(r"(?:I{1,3}|IV|VI{0,3}|IX|X{1,2}I{0,3})")


def _is_other_name(spec: ExtractionSpec, sentence: str, start: int, name: str) -> bool:
    """Whether a capitalised word names something other than the item: not one of the title's or the terms' names,
    not a calendar word, and not merely the sentence's first word in title case (a headline capitalises all)."""
    if _own_or_common(spec, name):
        return False
    if _ROMAN_NUMERAL.fullmatch(name):
        return False  # a regnal or series numeral is part of the name before it: "King Charles III landed"
    if any(a == start and place in spec._own_places for a, _, place in places_in(sentence)):
        return False  # the first word of a place of the item's: "arrived in New Delhi" on a watch of a visit to India
    words = [w for w in _WORD.findall(sentence) if len(w) > 3]
    title_case = bool(words) and sum(1 for w in words if w[0].isupper()) >= 0.7 * len(words)
    return not title_case  # in title case capitals say nothing


def _is_postponement(spec: ExtractionSpec, text: str) -> bool:
    """Whether `text` is one of the item's postponement words ("delaying", "push back")."""
    return any(sig.status == "postponed" for sig in find_status_signals(text, spec._vocab))


# A deal named by its own modifiers right before the verb: "after Virginia arena deal collapses".
_MODIFIED_DEAL_BEFORE = re.compile(
    r"(?P<np>(?:[\w'’-]+\s+){1,3}?)(?:deal|agreement|accord|pact|truce|treaty|merger|takeover)\s+"
    r"(?:has\s+|have\s+|had\s+|was\s+|is\s+)?$",
    re.IGNORECASE,
)


# A deal owned by a party of another kind than the item's: "founding family's $58 billion buyout collapses", "the
# management's rival offer", "a consortium's bid".
_OTHER_OWNER_DEAL_BEFORE = re.compile(
    r"(?i:\b(?P<owner>family|families|founders?|management|rivals?|consortium|investors?|bidders?|shareholders?)(?:'s|’s|'|’)?"
    r"\s+(?:[\w$.,'’-]+\s+){0,3}?(?:deal|buyout|bid|offer|takeover|proposal|plan|merger)\s+"
    r"(?:has\s+|have\s+|had\s+|was\s+|is\s+)?$)"
)


def _other_owners_deal(spec: ExtractionSpec, sentence: str, sig: StatusSignal) -> str | None:
    """Why the deal a status verb is about belongs to a party of another kind, or None.

    "Seven & i founding family's $58 billion buyout collapses" on Couche-Tard's takeover of Seven & i: a family, its
    founders, its management or a rival owning the deal makes it their own competing deal, whichever company it is
    for; its fate is not the watched deal's.
    """
    m = _OTHER_OWNER_DEAL_BEFORE.search(sentence, max(0, sig.span[0] - 70), sig.span[0])
    if m is None or m["owner"].lower() in spec._own_names:
        return None
    return f"another party's deal ('{m.group().strip()}')"


# A deal as the verb's object, made with or sold to a named party: "inks $5.4bn superstore sale to Bain", "signs
# supply deal with Walmart".
_DEAL_WITH_AFTER = re.compile(
    r"\s+(?:[\w$.,'’-]+\s+){0,4}?(?:deal|sale|pact|agreement|contract|partnership)\s+(?:with|to)\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,2})"
)


# A takeover as the verb's object, named by the company taken over: "completes Anima takeover", "closes the Figma
# acquisition", "seals $2bn Spirit buyout".
_NAMED_TAKEOVER_AFTER = re.compile(
    r"\s+(?:(?:a|an|the|its|their)\s+)?(?P<np>(?:[$€£]?[\w'’.&-]+\s+){1,3}?)"
    r"(?:takeover|acquisition|merger|buyout|purchase|deal)\b"
)


def _named_object_deal(spec: ExtractionSpec, sentence: str, sig: StatusSignal) -> str | None:
    """The company named in a takeover that is the verb's object, when the title names it not, or None.

    "Banco BPM completes Anima takeover, raising cost of UniCredit's bid" on UniCredit's offer for Banco BPM: one
    party's own deal for a third company is not the watched one, though the party is the item's.
    """
    # (the deal noun may be inside the matched phrase, "completes Anima takeover", or after it, "closes the Figma
    # acquisition": read from the verb's end)
    verb_end = sig.span[0] + len(sig.text.split()[0]) if sig.text.split() else sig.span[1]
    m = _NAMED_TAKEOVER_AFTER.match(sentence, verb_end)
    if m is None:
        return None
    for word in re.finditer(r"[A-Z][\w'’.&-]*", m["np"]):
        name = word.group().removesuffix("'s").removesuffix("’s")
        start = m.start("np") + word.start()
        if any(w in spec._own_names for w in _name_words(name)) or name.lower() in spec._own_names:
            continue
        if _is_other_name(spec, sentence, start, name):
            return name
    return None


def _deal_with_other(spec: ExtractionSpec, sentence: str, sig: StatusSignal) -> str | None:
    """Why a takeover's signing verb is about a deal with another company, or None.

    "Seven & i names CEO, inks $5.4bn superstore sale to Bain" on Couche-Tard's takeover of Seven & i: the verb's
    object is a deal made with a party the title does not name. Only for takeovers and mergers, whose parties are
    companies: a country's deal is signed by persons ("signs deal with Xi") that no title names.
    """
    m = _DEAL_WITH_AFTER.match(sentence, sig.span[1])
    if m is None:
        return None
    words = _name_words(m["name"])
    if not words or any(w in spec._own_names for w in words):
        return None
    if not _is_other_name(spec, sentence, m.start("name"), m["name"].split()[0]):
        return None
    return f"a deal with another party ('{m['name']}')"


def _named_other_deal(spec: ExtractionSpec, sentence: str, sig: StatusSignal) -> str | None:
    """Why the deal a status verb is about is another one, named by a proper name in front of it, or None.

    "Wizards and Capitals will stay at Capital One Arena after Virginia arena deal collapses" on Capital One's
    takeover of Discover: the subject is the "Virginia arena deal", and a name the item does not carry ("Virginia")
    says so, whichever of the item's terms the sentence holds elsewhere. The same shape holds for "Paris climate
    accord signed" on a trade pact, or "Hess-Exxon arbitration deal" on another merger. Names are judged by
    _is_other_name (a headline in title case says nothing by its capitals).
    """
    m = _MODIFIED_DEAL_BEFORE.search(sentence, max(0, sig.span[0] - 60), sig.span[0])
    if m is None:
        return None
    for word in re.finditer(r"[A-Z][\w'’-]*", m["np"]):
        start = m.start("np") + word.start()
        parts = [part for part in word.group().split("-") if part]
        if any(part.lower().removesuffix("'s") in spec._own_names for part in parts):
            continue  # "Capital One-Discover deal": a pair naming the item's own parties
        if start > 0 and _is_other_name(spec, sentence, start, word.group()):
            return f"another deal ('{m.group().strip()}')"
    return None


_AGREE_TO_VERB = re.compile(r"\s+to\s+(?P<verb>[a-z]+)\b")


def _agreed_to_other(
    spec: ExtractionSpec, sentence: str, sig: StatusSignal, subjects: list[tuple[int, int]]
) -> str | None:
    """Why "agree to <verb>" agrees to something other than the item, or None.

    "Agree to" takes an action, and the action's object is what was agreed: "Capital One agrees to buy Discover"
    agrees the item, "Discover agrees to sell $10.1 billion student-loan book to Carlyle" another sale, as does "Acme
    agrees to pay $5m fine" on Acme's merger. The object names the item by one of its terms or nouns (see
    _object_is_item).
    """
    if sig.rule != "agree":
        return None
    m = _AGREE_TO_VERB.match(sentence, sig.span[1])
    if m is None:
        return None
    if m["verb"] in _DETERMINERS or m["verb"] in {"a", "an"}:
        # "agreed to a $515 million renovation of Capital One Arena": a noun phrase, whose head is what was agreed
        np = _OBJECT_NP.match(sentence, m.start("verb") - 1)
        if np is None:
            return None
        words = [w.lower().strip(".'’") for w in _WORD.findall(np["np"])]
        nouns = {n.lower() for n in (*spec.item_nouns, *_REFERENCE_NOUNS.get(spec.kind, ()))}
        nouns |= {w for f in _DOCUMENT_FAMILIES if nouns & f for w in f}  # "agreed to a merger" on a takeover
        if (words and (words[-1] in nouns or words[-1].rstrip("s") in nouns)) or any(
            a < np.end("np") <= b + 1 for a, b in subjects
        ):
            return None
        return f"agreed to '{np['np'].strip()}', not the item"
    if _object_is_item(spec, sentence, m.end("verb"), subjects):
        return None
    return f"agreed to {m['verb']} something else"


_HEADLINE_LABEL = re.compile(r"^(?P<label>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}):\s+")


def _labelled_for_another(spec: ExtractionSpec, title: str) -> str | None:
    """Why a headline led by a label is about another thing, or None.

    "Kigali: nations ink 'monumental' climate deal to cut HFCs" on the Paris climate agreement: a headline's leading
    label ("Kigali:", "Brexit:", "Online Safety Bill:") names what the headline is about. When the label is none of
    the item's names and the rest names the item only by common nouns ("climate deal"), the deal is the label's. A
    headline that names the item ("Marrakech: Paris climate deal enters force") keeps it.
    """
    m = _HEADLINE_LABEL.match(title)
    if m is None or not spec._own_names:
        return None
    label = [w.lower().removesuffix("'s").removesuffix("’s") for w in re.findall(r"[\w'’.-]+", m["label"])]
    if any(w in spec._own_names for w in label):
        return None
    rest = {w.lower().removesuffix("'s").removesuffix("’s") for w in re.findall(r"[\w'’-]+", title[m.end() :])}
    if rest & spec._own_names:
        return None
    return f"a headline labelled '{m['label']}', which names none of the item's names"


_APPROVAL_RULES = frozenset({"green-light", "greenlight"})
# The object of an approval verb runs to the first preposition, conjunction, verb-like "to" or punctuation.
_NP_STOP = (
    r"for|to|on|in|at|after|as|with|amid|despite|by|from|of|and|but|while|over|under|that|which|following|ahead|"
    r"before|against|about|into|onto|toward|towards|between|among|within|without|via|across|urging|calling|demanding"
)
_OBJECT_NP = re.compile(
    rf"\s+(?P<np>(?:(?!(?:{_NP_STOP})\b)[$€£]?[\w'’.-]+\s*){{1,8}}?)(?=[,;:.!?]|\s+(?:{_NP_STOP})\b|$)",
    re.IGNORECASE,
)


# A part of a line or a route named by its two ends: "the Aarey-BKC stretch of Metro Line 3", "PM opens metro between
# Aarey and BKC", "the Chatswood–Sydenham section". The names are kept short (a name of up to three words each side).
_END_NAME = r"(?-i:[A-Z][\w'’.]*)(?:\s+(?-i:[A-Z][\w'’.]*)){0,2}"
_SEGMENT = re.compile(
    rf"(?P<a>\b{_END_NAME})\s*[-–]\s*(?P<b>{_END_NAME})\s+(?i:stretch|section|leg|segment|portion|phase|corridor)s?\b|"
    rf"(?i:\b(?:stretch|section|leg|segment|portion|corridor|line|metro|service|route|trains?)\s+(?:\d+[a-z]?\s+)?)"
    rf"(?:(?i:from)\s+(?P<c>{_END_NAME})\s+(?i:to)|(?i:between)\s+(?P<e>{_END_NAME})\s+(?i:and))\s+(?P<d>{_END_NAME})"
)


def _other_segment(spec: ExtractionSpec, sentence: str) -> str | None:
    """Why an opening is another part's, or None: the sentence names a part by its two ends and neither end is a name
    of the item's (see _SEGMENT). A line opened in phases opens each part on its own day; "PM opens metro between
    Aarey and BKC" is not the opening of the final phase to Cuffe Parade, while "the Chatswood-Sydenham section opens"
    is the opening of a watch titled by those ends."""
    if not spec._own_names:
        return None
    for m in _SEGMENT.finditer(sentence):
        ends = [m[g] for g in ("a", "b", "c", "d", "e") if m[g]]
        words = {w.lower().removesuffix("'s") for end in ends for w in _WORD.findall(end)}
        if words & spec._own_names or any(p in spec._own_places for end in ends for _, _, p in places_in(end)):
            continue
        return f"another part of the route ('{' - '.join(ends)}')"
    return None


def _approval_of_other(
    spec: ExtractionSpec, sentence: str, sig: StatusSignal, subjects: list[tuple[int, int]]
) -> str | None:
    """Why an approval verb confirms something other than the event, or None.

    "Green-light" is transitive: it confirms what it approves. "Space Force green-lights NASA's Sept. 27 Artemis I
    launch attempt" approves the launch (its object holds the item's noun); "Heritage commission green-lights
    contested Notre-Dame interior makeover" approves a makeover, and "Council green-lights $4.6B Stage 2 light
    rail expansion" an expansion, though each names the item's place or line. The object confirms the event when
    it holds the item's noun, or ends on the item's own name ("FAA green-lights Starship").
    """
    if sig.rule not in _APPROVAL_RULES:
        return None
    m = _OBJECT_NP.match(sentence, sig.span[1])
    if m is None:
        return None
    words = [w.lower().strip(".'’").removesuffix("'s").removesuffix("’s") for w in _WORD.findall(m["np"])]
    nouns = {n.lower() for n in spec.item_nouns}
    if any(w in nouns or w.rstrip("s") in nouns for w in words):
        return None
    end = m.end("np")
    if any(a < end <= b + 1 for a, b in subjects):
        return None  # the object ends on the item's name
    carried = _CARRYING_AFTER.match(sentence, end)
    if carried is not None and any(a == carried.end() for a, _b in subjects) and _CARRIER.search(m["np"]):
        # "green-lights Ariane 5 flight VA260 with Juice": the flight carries the item, its launch is it (a charge,
        # a budget or a plan "for" the item is not: "green-lights £4 peak charge for Silvertown tunnel")
        return None
    return f"the approval is of '{m['np'].strip()}', not the item"


_CARRIER = re.compile(
    r"(?i:\b(?:flights?|missions?|rockets?|launch(?:er|es)?|vehicles?|boosters?|spacecraft|capsules?|ships?|"
    r"vessels?|aircraft|planes?|jets?|trains?|convoys?)\b)"
)
_CARRYING_AFTER = re.compile(r"(?i:\s+(?:with|carrying|for)\s+(?:the\s+|its\s+|[A-Z][\w-]*['’]s\s+)?)")


# Kinds of document a signature or approval can bear. A deal and a bill are both "signed", but signing one is not
# signing the other: "Obama signs bill giving Congress a say on Iran nuclear deal" on a watch of the deal.
_DOCUMENT_FAMILIES: tuple[frozenset[str], ...] = tuple(
    frozenset(words.split())
    for words in (
        "deal agreement accord pact truce ceasefire framework arrangement treaty contract merger acquisition "
        "takeover purchase partnership memorandum",
        "bill act law legislation measure package budget resolution",
        "order orders decree proclamation directive letter declaration statement petition waiver pledge communique",
        # parts of a text: signing off amendments is a step on the way, not the whole signed
        "amendment amendments change changes clause clauses provision provisions annex section chapter text",
    )
)
_SIGNING_RULES = frozenset({"sign", "ink"})
# A document named right before a past participle: "An executive order signed on Thursday", "the decree, signed by".
_DOCUMENT_BEFORE_PARTICIPLE = re.compile(
    r"(?i:\b(?:executive\s+)?(?P<noun>[a-z]+)\s*,?\s+(?:(?:was|were|is|are|has\s+been|had\s+been)\s+)?$)"
)


# Verbs whose subject is what starts to apply: "took effect", "enters into force", "came into force".
_IN_FORCE = re.compile(
    r"(?i:(?:take|takes|took|taken|taking)\s+effect|"
    r"(?:enter|enters|entered|entering|come|comes|came|coming)\s+into\s+(?:force|effect))"
)
# The head noun of the subject right before such a verb: "Trump's new reciprocal tariffs took effect".
_SUBJECT_HEAD_BEFORE = re.compile(
    r"(?i:\b(?P<noun>[a-z]{3,})\s+(?:(?:have|has|had|will|would|finally|formally|officially)\s+)*$)"
)


# Words ending in "s" that are no plural subject, and the item's own parts ("its terms took effect").
_NOT_A_SUBJECT_NOUN = frozenset(
    {"this", "its", "has", "was", "is", "as", "us", "his", "thus", "plus", "less", "unless", "terms", "provisions"}
)


def _other_thing_in_force(spec: ExtractionSpec, sentence: str, sig: StatusSignal) -> str | None:
    """What takes effect, when the subject right before the verb is a plural common noun that is not the item's:
    "Trump's new reciprocal tariffs took effect on Thursday" on the EU-US deal (the tariffs apply; the deal is not
    thereby in force), "new rules come into force" on a trade pact. The item's own nouns ("the deal took effect"),
    its terms and any name are left to the other rules."""
    head = _SUBJECT_HEAD_BEFORE.search(sentence, max(0, sig.span[0] - 40), sig.span[0])
    if head is None:
        return None
    noun = head["noun"].lower()
    own = {n.lower() for n in (*spec.item_nouns, *_REFERENCE_NOUNS.get(spec.kind, ()))}
    if not noun.endswith("s") or noun.rstrip("s") in own or noun in own or noun in _NOT_A_SUBJECT_NOUN:
        return None
    if spec._subject.search(sentence[head.start() : head.end()]) and not spec._subject.search(noun):
        return None
    if any(noun in f for f in _DOCUMENT_FAMILIES if own & f):
        return None
    return f"what takes effect is '{head['noun']}', not the item"


def _signed_other_document(
    spec: ExtractionSpec, sentence: str, sig: StatusSignal, subjects: list[tuple[int, int]]
) -> str | None:
    """Why a signature is on another kind of document than the item, or None.

    The object of "sign" or "ink" names what was signed. When it names a document of another kind than the item's
    own noun ("signs bill giving Congress a say on Iran nuclear deal", "signs executive order on the trade deal",
    "inks letter of intent" on a merger), the item was not signed, whatever names follow. An object that ends on the
    item's name, or names no kind of document, is left to the other rules.
    """
    if sig.rule not in _SIGNING_RULES:
        return None
    own = {n.lower() for n in (*spec.item_nouns, *_REFERENCE_NOUNS.get(spec.kind, ()))}
    own_families = [f for f in _DOCUMENT_FAMILIES if own & f]
    passive = _DOCUMENT_BEFORE_PARTICIPLE.search(sentence, max(0, sig.span[0] - 40), sig.span[0])
    if (
        passive is not None
        and sig.text.lower().startswith(("signed", "inked"))
        and any(passive["noun"].lower() in f for f in _DOCUMENT_FAMILIES)
        and not any(passive["noun"].lower() in f for f in own_families)
    ):
        # "An executive order signed on Thursday sets tariffs ...": the noun before the participle is what was
        # signed, and it is another kind of document than the item
        return f"what was signed ('{passive.group().strip()}') is another kind of document than the item"
    m = _OBJECT_NP.match(sentence, sig.span[1])
    if m is None:
        return None
    words = [w.lower().strip(".'’").removesuffix("'s").removesuffix("’s") for w in _WORD.findall(m["np"])]
    named = [w for w in words if any(w in f for f in _DOCUMENT_FAMILIES)]
    # a document noun right after the verb heads the object, and what follows modifies it ("signed legislation
    # letting Congress review any final nuclear agreement with Iran": legislation was signed, not the agreement)
    # (only when the modifier names the item's own kind of document: a bill "suspending the debt limit" may be how a
    # debt-ceiling deal is done, a bill "letting Congress review any final nuclear agreement" is about the agreement)
    head = named[0] if named and named[0] in words[:2] else None
    about_own = any(w in f for w in named[1:] for f in own_families)
    if head is not None and about_own and not any(head in f for f in own_families):
        return f"what was signed ('{m['np'].strip()}') is another kind of document ({head}) than the item"
    end = m.end("np")
    if any(a < end <= b + 1 for a, b in subjects):
        return None
    if not named or not own_families or any(w in f for w in named for f in own_families):
        return None
    return f"what was signed ('{m['np'].strip()}') is another kind of document ({named[0]}) than the item"


def _object_is_item(spec: ExtractionSpec, sentence: str, start: int, subjects: list[tuple[int, int]]) -> bool:
    """Whether the words right after a verb (its object) name the item: a term, its noun or a reference."""
    if any(start <= a <= start + 40 for a, _ in subjects):
        return True
    nouns = {n.lower() for n in (*_REFERENCE_NOUNS.get(spec.kind, ()), *spec.item_nouns)}
    words = [w.lower().strip(".,'") for w in _WORD.findall(sentence[start : start + 60])][:5]
    return any(w in nouns or w.rstrip("s") in nouns for w in words) or not words


def _plan_of_other_act(spec: ExtractionSpec, sentence: str, sig: StatusSignal) -> str | None:
    """Why "set to" confirms another act than the item, or None: the infinitive after it is neither the item's own
    verb nor one of its status verbs ("the rover's launch period, now set to close Aug. 11", "the council is set to
    vote on the budget"), as the date after such an infinitive is that act's (see ``_date_role``)."""
    if sig.text.lower() not in ("set to", "slated to", "scheduled to", "due to"):
        return None
    inf = _VERB_AFTER.match(sentence[sig.span[1] :])  # (anchored at the start: match on the rest)
    if inf is None:
        return None
    start = sig.span[1] + inf.start("verb")
    toks = tokens(sentence)
    at = next((i for i, t in enumerate(toks) if t[0] == start), None)
    if at is not None and spec._anchor.match(toks, at) is not None:
        return None
    if _status_head_verb(spec, inf["verb"]) or _status_verb_at(spec, sentence, start):
        return None
    if inf["verb"].lower() in _GENERIC_HAPPENING_VERBS:
        return None
    return f"a plan of another act ('to {inf['verb']}')"


# Verbs any event happens by: "set to take place", "slated to begin", "due to arrive".
_GENERIC_HAPPENING_VERBS = frozenset(
    {"take", "happen", "begin", "start", "occur", "be", "go", "get", "come", "arrive", "travel", "make", "hold",
     "become", "see", "mark", "attend", "meet", "head", "fly", "leave", "depart", "resume", "return", "finally"}
)  # fmt: skip


def _status_head_verb(spec: ExtractionSpec, verb: str) -> bool:
    """Whether `verb` is the verb of one of the item's status phrases used without its object: "gives the deal until
    Oct. 28 to close" (close deal), "until Friday to sign" (sign)."""
    low = verb.lower()
    return any(
        not phrase.startswith("re:") and phrase.split()[0].lower() in (low, low.removesuffix("e"), low + "e")
        for phrases in spec._vocab.phrases.values()
        for phrase in phrases
    )


_NP_END = re.compile(
    r"(?i:\s+(?:on|of|for|to|in|at|from|with|over|after|amid|as|and|but|,)\b|;|(?<!\d):(?!\d)|[,.](?!\d))"
)


def _direct_object_is_other(spec: ExtractionSpec, sentence: str, start: int) -> bool:
    """Whether the noun phrase right after a verb (up to its first preposition) names something other than the item:
    "scraps floor price on basmati rice exports" (a floor price), not "scraps the export ban" nor "calls off visit"."""
    end = _NP_END.search(sentence, start)
    phrase = sentence[start : end.start() if end else len(sentence)].strip()
    words = [w.lower().strip(".,'") for w in _WORD.findall(phrase)]
    if not words:
        return False
    item_words = {n.lower() for n in (*_REFERENCE_NOUNS.get(spec.kind, ()), *spec.item_nouns)} | set(spec._own_names)
    item_words |= {w.lower() for t in spec.subject_terms for w in t.split()}
    return not any(w in item_words or w.rstrip("s") in item_words for w in words)


def _status_verb_at(spec: ExtractionSpec, sentence: str, start: int) -> bool:
    """Whether one of the item's status phrases starts at `start` ("strike a trade deal", "sign the accord")."""
    return any(sig.span[0] == 0 for sig in find_status_signals(sentence[start : start + 60], spec._vocab))


# A bound set with "by" names the latest day, not the day: "now set to open by Aug. 15" is a target, where "set for
# Aug. 15", "ahead of Sunday's launch" or "before the Aug. 15 opening" name the day itself.
_BY_BOUND_BEFORE = re.compile(r"(?i:\b(?:by|no\s+later\s+than|not\s+later\s+than)\s+(?:the\s+)?(?:end\s+of\s+)?$)")


def _by_bound(sentence: str, d: DateMention) -> bool:
    """Whether a date is the bound of a "by" phrase, the latest day rather than the day set (see above)."""
    return d.deadline and _BY_BOUND_BEFORE.search(sentence, max(0, d.span[0] - 30), d.span[0]) is not None


def _schedules(d: DateMention, pub: date) -> bool:
    """Whether a date can be the day a schedule word sets: a day (or finer window) still ahead; the publication day
    only as "today"/"tonight" ("set to launch tonight"), since a bare weekday that falls on it dates the statement
    ("said on Saturday")."""
    if d.precision not in _CONFIRMING:
        return False
    if d.precision == "range" and not any(c.isdigit() for c in d.text):
        # "slated for late April", "scheduled for end-May launch": a part of a month told in words is a window, not
        # the day it happens; explicit days ("Sept. 22-24") name when
        return False
    if d.precision == "range" and (d.end - d.start).days > 10:
        # "sets June 15-July 31 window": a window of weeks is a plan, not the day it happens; a third of a month
        # ("late June", "Sept. 20-29") still names when
        return False
    return d.start > pub or (d.end >= pub and d.text.lower() in {"today", "tonight", "this evening"})


def _inside_name(sentence: str, toks: Sequence[tuple[int, int, str, int]], i: int) -> bool:
    """Whether token `i` is a capitalised word inside a proper name of a sentence-case sentence.

    "United Launch Alliance", "the Summit Hotel", "Visit Britain": a capitalised word after another capitalised
    word, mid-sentence, names something. Headlines in title case capitalise every word, so the test is off for a
    sentence where most words are capitalised.
    """
    if i == 0 or not sentence[toks[i][0]].isupper():
        return False
    prev_cap = sentence[toks[i - 1][0]].isupper() and i - 1 > 0
    next_cap = i + 1 < len(toks) and sentence[toks[i + 1][0]].isupper()
    if not (prev_cap or next_cap):
        return False
    words = [t for t in toks if len(t[2]) > 3]
    capitalised = sum(1 for t in words if sentence[t[0]].isupper())
    return capitalised * 2 < len(words)


# The time of the act, right after its verb: "agreed last month to pause", "postponed in July", "signed on Oct. 30".
_ACT_TIME_GAP = re.compile(
    r"(?:\s+(?:in|at)\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)?"  # a place between: "agreed in Busan last October"
    r"(?i:\s*(?:,\s*)?(?:(?:back\s+|earlier\s+|as\s+far\s+back\s+as\s+)?(?:in|on|during)\s+)?"
    r"(?:(?:early|late|earlier|later)\s+)?)"  # "agreed early Tuesday, May 2, 2017"
)


def _act_time(sentence: str, sig: StatusSignal, mentions: Sequence[DateMention], pub: date) -> DateMention | None:
    """The past time a status verb is dated to, when a date follows it directly ("China agreed last month to pause
    export controls"): the engine keeps an act dated before its stored state as history, not news."""
    for d in mentions:
        if d.span[0] < sig.span[1]:
            continue
        if d.end < pub and _ACT_TIME_GAP.fullmatch(sentence[sig.span[1] : d.span[0]]):
            return d
        if (
            d.end < pub - _EARLIER_HAPPENING
            and d.span[0] - sig.span[1] <= 80
            and not re.search(r"[,;:]", sentence[sig.span[1] : d.span[0]])
        ):
            # "signed the Canada-Ukraine Free Trade Agreement in Kyiv on July 11, 2016", re-served in 2023: a date
            # more than a year back in the verb's own clause dates the act, whatever its object between
            return d
        break
    return None


_EARLIER_HAPPENING = timedelta(days=365)


def _earlier_time(sentence: str, sig: StatusSignal, mentions: Sequence[DateMention], pub: date) -> DateMention | None:
    """A time more than a year before publication that a happening verb is dated to in its own clause, or None:
    "visited the country in 2007", "first opened to traffic in 1998"."""
    for d in mentions:
        if d.span[0] < sig.span[1] or d.span[0] - sig.span[1] > 40:
            continue
        if re.search(r"[,;:]", sentence[sig.span[1] : d.span[0]]):
            break
        return d if d.end < pub - _EARLIER_HAPPENING else None
    return None


# The preposition of a move's destination right before a date: "delay the railway to January 2024", "until 2026".
_MOVE_DESTINATION_BEFORE = re.compile(r"(?i:\b(?:to|until|till|into|beyond)\s+(?:the\s+)?$)")
# A noun of talk before the item's date names a possibility discussed, not a schedule: "rejects talk of a February
# slip", "speculation about an early-June opening", "fuels rumours of a March launch", "reports of a delay to 2027".
_TOPIC_NOUN_BEFORE = re.compile(
    r"(?i:\b(?:talk|reports?|speculation|rumou?rs?|suggestions?|claims?|fears?|chatter|whispers|prospects?|"
    r"possibility|questions?)\s+(?:of|about|over|that)\s+(?:(?:a|an|the|any)\s+)?$)"
)
_AFTER_CLAUSE_BEFORE = re.compile(r"(?i:\b(?:after|following)\s+(?:[\w'’-]+\s+){0,5}?(?:(?:was|were|had\s+been)\s+)?$)")
# A document that only opens the books or the talks, signed: "sign non-disclosure pact", "signed an NDA with a
# standstill clause", "inks confidentiality agreement", "agreed an exclusivity period".
_TALKS_DOCUMENT_AFTER = re.compile(
    r"(?i:\s+(?:(?:the|a|an|its|their|mutual)\s+)?(?:[\w'’-]+\s+){0,2}?(?P<doc>non-disclosure|nondisclosure|NDAs?|"
    r"confidentiality|standstill|exclusivity|due[-\s]diligence)\b)"
)
_TEXT_OBJECT_AFTER = re.compile(
    r"(?i:\s+(?:(?:the|a|an|its|their|final)\s+)?(?:[\w'’-]+\s+){0,3}?(?P<noun>text|draft|wording|terms|"
    # a preliminary document signed settles terms, not the agreement: "sign memorandum of intent on minerals deal"
    r"negotiations|talks|memorandum|memorandums|MoU|letter\s+of\s+intent|term\s+sheet|framework)\b)"
)
# ... and the text as the participle's subject: "peace agreement text finalised", "the draft treaty has been
# completed", "the wording of the deal is finalized" (the noun ends its phrase: "terms" of a "text" noun, not "the
# deal's final terms sheet").
_TEXT_SUBJECT_BEFORE = re.compile(
    r"(?i:\b(?P<noun>text|draft|wording|negotiations|talks)(?:\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?[\w'’-]+)?\s+"
    r"(?:(?:is|are|was|were|has\s+been|have\s+been|had\s+been|being)\s+)?(?:now\s+)?$)"
)
# Verbs of motion that postpone only with a time after them (see the status loop).
# The word after a motion verb's "to" is a verb: "moves to raise", "moved to block" (not "moved to the spring",
# "pushed to late May", "slips to next year").
_INFINITIVE_VERB_AFTER = re.compile(
    r"\s*(?!(?:the|a|an|next|late|early|mid|this|its|their|his|her|later|after|before|around|about|between|within|"
    r"sometime|spring|summer|autumn|fall|winter|tomorrow|tonight|today|end|start|beginning|middle|first|second|third|"
    r"fourth|last|q[1-4]|h[12]|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|"
    r"mon\w*|tue\w*|wed\w*|thu\w*|fri\w*|sat\w*|sun\w*)\b)(?P<verb>[a-z]{3,})\b"
)
_MOVE_PHRASE = re.compile(
    r"(?i:\b(?:push(?:es|ed)?|pushing|mov(?:e|es|ed|ing)|slid(?:e|es)|slip(?:s|ped)?)\s+(?:to|into)$)"
)
# Nouns of other happenings that can be a status verb's subject next to an event watch's terms: "Dali demolition
# scrubbed", "Senate vote delayed", "arbitration hearing postponed", "dress rehearsal called off".
# Presentations and gatherings: happenings of their own beside the item ("Sept. 9 launch event", "the showcase").
_GATHERING_WORDS = "event|keynote|showcase|presentation|livestream|briefing|expo|convention"
_EVENT_NOUN_BEFORE = re.compile(
    r"(?i:\b(?:(?P<noun>demolition|hearing|vote|ballot|referendum|review|inspection|rehearsal|drill|exercise|auction|"
    r"walkout|protest|parade|conference|briefing|press\s+conference|recount|trial|sentencing|funeral|match|game|"
    r"concert|screening|premiere|"
    # a product's shows and trials are happenings of their own: "multiplayer event set for July 31", "open beta
    # slated for August", "the showcase is scheduled for June 8"
    rf"{_GATHERING_WORDS}|beta|demo|playtest)s?|"
    # many of a kind are the traffic around the item, not it: "as flights are scrubbed across Europe", "rail services
    # cancelled", "classes called off" (one flight may be the item; flights are not)
    r"(?P<many>flights|services|classes|sailings|departures))\s+(?:(?:over|on|of|into|for|in)\s+(?:[\w'’.-]+\s+){1,5}?)?"
    r"(?:(?:is|are|was|were|has\s+been|have\s+been|again|also|now|further|still)\s+){0,2}$)"
)
# A decision still to be taken on the item: "Cabinet to approve the trip", "lawmakers will vote on the plan".
_DECISION_INFINITIVE = re.compile(
    r"(?i:\b(?:to|will|would|shall)\s+(?:formally\s+|officially\s+)?(?P<verb>approve|discuss|consider|review|debate|"
    r"endorse|rubber-stamp|decide\s+on|vote\s+on)\b)"
)
# What follows a decision verb up to its object's end, with no clause between: "approve Emperor's Indonesia trip".
_DECISION_OBJECT = re.compile(r"[^,;:]{1,40}")  # (cut at the clause's first comma, semicolon or colon)
# An indefinite deal noun right before a plan word: "..., a deal expected to close by mid-2019".
_INDEFINITE_SUBJECT_BEFORE = re.compile(
    r"(?i:(?:^|[,;(]\s*|\bin\s+)(?:a|an)\s+(?:[\w$.,-]+\s+){0,3}?(?:deal|agreement|transaction|pact|accord|sale)\s+$)"
)
# A date introduced by the noun it belongs to: "a record date of April 5", "the launch date of May 5".
_NAMED_DATE_OF = re.compile(r"(?i:\b(?P<mod>[a-z][\w-]*)\s+date\s+of\s+$)")
# What may qualify the item's own date ("the new date of", "a target date of"): no other thing's noun.
_DATE_QUALIFIERS = frozenset(
    {
        "new",
        "target",
        "targeted",
        "expected",
        "planned",
        "scheduled",
        "official",
        "tentative",
        "final",
        "firm",
        "earliest",
        "latest",
        "exact",
        "possible",
        "likely",
        "provisional",
        "revised",
        "original",
        "initial",
        "same",
        "start",
        "due",
        "effective",
        "go-live",
        "a",
        "an",
        "the",
        "its",
        "their",
        "his",
        "her",
        "this",
        "that",
        "set",
    }
)


def _own_date_noun(spec: ExtractionSpec, noun: str) -> bool:
    """Whether "<noun> date" names the item's own date: a qualifier, the item's noun or a word every item of its
    kind is named by ("launch date", "closing date", "signing date")."""
    low = noun.lower()
    own = {
        n.lower() for n in (*spec.item_nouns, *_REFERENCE_NOUNS.get(spec.kind, ()), *_EVENT_ANCHORS.get(spec.kind, ()))
    }
    own |= {w.lower() for w in spec.title_words} | _CLOSING_WORDS
    return low in _DATE_QUALIFIERS or low in own or low.rstrip("s") in own


# The noun "date" (or "timing", "timetable") with a day after "on": the day something is done to the date.
_DATE_NOUN_THEN_DAY = re.compile(
    r"(?i:\b(?:date|dates|timing|timetable)\s+(?:(?:in|at)\s+(?:[\w'’.-]+\s+){1,3}?)?on\s+$)"
)
_LIGHT_VERB_FORMS = frozenset(
    f for v in ("hold", "stage", "host", "make", "pay", "conduct") for f in (v, v + "s", v + "ing")
) | {"held", "staged", "hosted", "made", "paid", "conducted", "holding", "making", "paying", "staging"}
# What may stand before a light verb's object noun: determiners, ordinals and plain modifiers.
_OBJECT_WORD = re.compile(r"[a-z][\w'’-]*")
_OBJECT_ENDS = frozenset(
    {"to", "in", "on", "at", "for", "with", "by", "from", "of", "and", "or", "as", "after", "before"}
)


def _light_verb_other_object(spec: ExtractionSpec, anchor: str, between: str) -> str | None:
    """The head of a light verb's object when it is another happening than the item, or None.

    A light verb ("hold", "stage", "host", "make", "pay", "conduct") says little itself: its object names what
    takes place ("to hold first elections early next year", "will stage a rehearsal on Friday", "to host a
    fundraiser in May"). When that object's head is a common noun that is neither the item's noun nor a word for
    it ("visit", "trip", "summit"), the date after it is the object's. The item's own object keeps the date ("to
    hold the referendum on Oct. 14", "will make a state visit to France on Sept. 20").

    | item noun  | text                                            | object     |
    |------------|-------------------------------------------------|------------|
    | referendum | Voice to hold first elections early next year   | elections  |
    | launch     | SpaceX to stage a rehearsal on Friday           | rehearsal  |
    | opening    | the council will host a consultation in May     | consultation |
    | visit      | the king will make a state visit on Sept. 20    | (the item) |
    """
    if spec.kind != "event" or anchor.lower() not in _LIGHT_VERB_FORMS or not between.strip():
        return None
    words = between.split()
    phrase: list[str] = []
    for w in words:
        if w.lower() in _OBJECT_ENDS:
            break
        phrase.append(w)
    if not phrase or len(phrase) > 4:
        return None
    head = phrase[-1].strip(",.;:")
    if not _OBJECT_WORD.fullmatch(head) or any(w[:1].isupper() for w in phrase):
        return None  # a name in the object ("hold the Voice referendum", "host Biden") leaves the date to the rest
    own = {n.lower() for n in (*spec.item_nouns, *_REFERENCE_NOUNS.get(spec.kind, ()))}
    if head in own or head.rstrip("s") in own or head in CALENDAR_WORDS:
        return None
    return head


# A clause of its own opened by a conjunction or a semicolon, whose subject is a bare common noun phrase (lower case,
# no name, no pronoun) right before a schedule word: "as licence expected by Dec. 4", "while the new trainset is now
# due in May", "tender offer closes Wednesday; results due Thursday". Whose date it is depends on the noun (see
# _date_role).
_COMMON_SUBJECT_BEFORE_PLAN = re.compile(
    r"(?-i:(?:\b(?:as|while|with|and|but|since|though|although)|;)\s+(?:(?:the|a|an|its|their|his|her)\s+)?"
    r"(?P<np>(?!(?:it|they|he|she|this|that|these|those|which|who|we|i|you)\b)"
    # (a noun phrase holds no linking verb or reflexive: "the console itself remains slated" is the item's)
    r"(?:(?!(?:itself|themselves|remains?|stays?|seems?|looks?|appears?|is|are|was|were)\b)[a-z][\w-]*\s+){0,2}"
    r"(?!(?:it|they|he|she|this|that|which|who|we|i|you|is|are|was|were|be|been|itself|themselves|remains?|stays?|"
    r"seems?|looks?|appears?)\b)[a-z][\w-]*)\s+"
    r"(?:(?:is|are|was|were|now|still|also|again|only|being|currently)\s+){0,2}$)"
)
# A time distance before "after"/"since" dates the act that far back: "five months after the trip was delayed",
# "two years after the merger collapsed", "weeks after it was scrubbed", "a year since the summit was cancelled".
_LONG_AFTER_BEFORE = re.compile(
    r"(?i:\b(?:(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|some|few|"
    r"eighteen|a\s+few)\s+(?:days?|weeks?|months?|years?)|days|weeks|months|years)\s+(?:after|since)\s+"
    r"(?:[\w'’-]+\s+){0,5}?"
    r"(?:(?:was|were|is|had\s+been|has\s+been|had|has)\s+)?$)"
)
# Relative pronouns are lower case in running text ("WHO members clinch" is a name); the clause's own subject may
# stand between ("the trip that he postponed", "the merger which regulators blocked").
_RELATIVE_BEFORE = re.compile(
    r"(?P<pre>(?:\b[\w'’-]+\s+){0,4})(?P<rel>\b(?:that|which|who|whom)\s+"
    r"(?:(?:he|she|it|they|we|[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?|(?:the|its|their)\s+[\w-]+|[a-z]+s)\s+)?"
    r"(?:(?:had|has|have|was|were|is|are)\s+(?:been\s+)?)?)$"
)
# A reporting or thinking verb before "that" makes it a complementizer: "NASA said that it postponed the launch"
# reports the news; it does not describe a noun.
_THAT_COMPLEMENT = re.compile(
    r"(?i:\b(?:said|says|say|saying|told|tells|announced|announces|confirmed|confirms|reported|reports|stated|states|"
    r"added|adds|noted|notes|warned|warns|revealed|reveals|believes?|thinks?|knows?|learned|shows?|showed|means?|"
    r"acknowledged|admitted|insisted|argued|explained|wrote|writes|decided|decides|ruled|agreed)\b)"
)


# A noun phrase and a comma right before a participle: "the 1840 Treaty of Waitangi, | signed by ...".
_REDUCED_RELATIVE_BEFORE = re.compile(r"(?i:\b[a-z][\w'’-]*,\s+$)")
# The agent or the time a reduced relative clause gives its participle: "by more than 500 chiefs", "in 2019".
_AGENT_OR_TIME_AFTER = re.compile(r"(?i:\s+(?:by|in\s+(?:\d{4}|[A-Z][a-z]+\s+\d{4})|last\s+year|years\s+ago)\b)")


def _relative_clause_before(sentence: str, start: int) -> str | None:
    """The relative pronoun opening a status verb's clause, when the verb sits in a relative clause (see the call)."""
    m = _RELATIVE_BEFORE.search(sentence, max(0, start - 80), start)
    if m is None:
        return None
    rel = m["rel"].split()[0]
    if rel.lower() == "that" and _THAT_COMPLEMENT.search(m["pre"] or ""):
        return None
    return rel


# Outlets label the pieces that are not news reports with a kicker: 82 such entries in the blind corpus, none of them
# the first report of a change.
_GENRE = re.compile(
    r"(?i:^\s*(?P<genre>opinion|analysis|explainer|commentary|editorial|column|factbox|fact\s*check|q\s*&\s*a|view|"
    r"comment|letters?|podcast|preview|what\s+to\s+know|what\s+we\s+know|"
    # a look back is history by its own label: "One year ago today: Apple announced AirPower", "On this day in 2019:
    # ...", "Flashback: ...", "From the archives: ..."
    r"on\s+this\s+day(?:\s+in\s+\d{4})?|flashback|throwback|from\s+the\s+archives?|looking\s+back|"
    r"(?:one|a|two|three|four|five|ten|\d+)\s+(?:years?|months?|decades?)\s+ago(?:\s+today|\s+this\s+week)?)"
    r"\s*[:|\u2013\u2014-]\s)"
)
# A headline that asks why or how something is so explains it: "Hinkley Point C: why Britain's flagship nuclear plant
# is still years from switching on", "Why the Boeing strike vote matters", "How Airbus can still hit 720". (Only "why"
# and "how" followed by a subject, not "how many"/"how much", which may head a report of a figure.)
_EXPLAINING_HEADLINE = re.compile(
    r"(?i:^\s*(?:[^:|]{1,60}[:|]\s+|[^.?!]{1,90}[.?!]\s+here['’]?s\s+|here['’]?s\s+)?(?P<genre>why|how)\s+"
    r"(?!many\b|much\b|long\b|far\b)(?:the\s+|a\s+|an\s+)?[\w'’-]+)"
)
# A statement dated by its year: "in its third-quarter 2021 report", "said in a 2019 statement", "announced in 2021".
_DATED_REPORT = re.compile(
    r"(?i:\bin\s+(?:its|a|the|their|his|her)\s+(?:[\w-]+\s+){0,2}?(?P<y>(?:19|20)\d\d)\s+(?:[\w-]+\s+)?"
    r"(?:report|results|filing|statement|earnings|call|letter|update|speech|address|interview)\b|"
    r"\b(?:said|announced|told\s+\w+|wrote|reported)\s+in\s+(?:(?:early|late|mid-?)\s*)?(?:\w+\s+)?(?P<y2>(?:19|20)\d\d)\b)"
)
# A piece that says what it is in its first words: "An explainer on how worldwide grosses are counted", "A look at ...".
_EXPLAINER_SUMMARY = re.compile(
    r"(?i:^\s*(?:an?|this|our)\s+(?P<genre>explainer|analysis|guide|primer|look\s+(?:at|back)|opinion\s+piece)\b)"
)
# A headline that is one question asks, it reports nothing: "Barbie box office: What does it take to become a
# billion-dollar film?", "Will Apple's headset ship before June?". (A report with a question after it, "Airbus
# hits 720? Not yet", has a first clause without the question mark.)
_QUESTION_HEADLINE = re.compile(
    r"(?i:^\s*(?:[^:|?]{1,60}[:|]\s+)?(?P<genre>what|who|when|where|which|will|can|could|should|would|is|are|does|do|"
    r"did|has|have)\b[^?.;]*\?\s*$)"
)
# A guide by its headline, without a label's colon: "What to know about Pope Francis' trip to Mongolia", "Here's what
# we know about the Artemis II launch", "Everything you need to know before the iPhone event".
_GUIDE_HEADLINE = re.compile(
    # (after a label, as a question may be: "SpaceX Crew-1 launch: what to know before Sunday's liftoff")
    r"(?i:^\s*(?:[^:|?]{1,60}[:|]\s+)?(?:here['’]s\s+)?(?P<genre>what\s+(?:to|we|you\s+need\s+to|you\s+should)\s+know|everything\s+(?:you\s+"
    r"need\s+)?to\s+know|all\s+you\s+need\s+to\s+know)\s+(?:about|as|ahead|before|on|for)\b)"
)
_THE_BEFORE = re.compile(r"(?i:\bthe\s+$)")
_AGREEMENT_NOUN = re.compile(r"(?i:deal|agreement|accord|pact|treaty|truce|framework|settlement)s?")
_DEADLINE_NOUN_AFTER_NP = re.compile(r"(?i:\s+(?:deadline|target|timetable|date|goal)\b)")
_EXISTING_BEFORE = re.compile(
    r"(?i:\b(?:under|pursuant\s+to|in\s+line\s+with|in\s+accordance\s+with|as\s+part\s+of)\s+(?:the|its|their|this|that)\s+$)"
)
_DATE_POSSESSIVE = re.compile(r"['’]s\s+(?P<np>(?:[\w-]+\s+){0,2}[\w-]+)\b")


# A presentation or a gathering (_GATHERING_WORDS) named right after or before a date: "Sept. 9 launch event", "event
# the week of Sept. 8", "keynote on June 9", "showcase on Sunday".
_GATHERING_NOUNS = rf"(?P<noun>{_GATHERING_WORDS})"
_GATHERING_OBJECT_AFTER = re.compile(
    rf"(?i:\s+(?:for\s+|to\s+hold\s+)?(?:(?:the|an?|its|their)\s+)?(?:[\w'’.-]+\s+){{0,3}}?{_GATHERING_NOUNS}\b)"
)
_GATHERING_AFTER_DATE = re.compile(rf"(?i:\s+(?:[\w-]+\s+)?{_GATHERING_NOUNS}\b)")
_GATHERING_BEFORE_DATE = re.compile(
    rf"(?i:\b{_GATHERING_NOUNS}\s+(?:on|for|set\s+for|slated\s+for|(?:during\s+)?the\s+week\s+of)\s+$)"
)
_DECISION_NOUNS = r"(?:decision|ruling|verdict|judg(?:e)?ment)"
_DECISION_DEADLINE_AFTER = re.compile(rf"(?i:\s+deadline\s+(?:for|on)\s+(?:a\s+|the\s+|its\s+)?{_DECISION_NOUNS}\b)")
_EFFECTIVE_BEFORE = re.compile(r"(?i:\b(?:effective|with\s+effect\s+from|in\s+force\s+from)\s+(?:from\s+|on\s+)?$)")
_BACKUP_AFTER = re.compile(r"(?i:,?\s+(?:as\s+(?:a|an|the)?\s*)?(?:back-?up|reserve|fallback|alternate)\b)")
_BACKUP_BEFORE = re.compile(
    r"(?i:\b(?:back-?up|reserve|fallback|alternate)\s+(?:(?:launch\s+)?(?:date|day|opportunit(?:y|ie)|window|slot)s?\s+)?"
    r"(?:is\s+|of\s+|on\s+|for\s+)?(?:the\s+)?$)"
)


def _date_role(
    spec: ExtractionSpec, sentence: str, d: DateMention, published: date, subjects: list[tuple[int, int]]
) -> tuple[DateRole, str]:
    s, e = d.span
    lo = max(0, s - 80)
    toks = tokens(sentence)
    owned = _DATE_POSSESSIVE.match(sentence, e)
    if owned is not None and not any(
        spec._anchor.match(toks, i) is not None
        for i, t in enumerate(toks)
        if owned.start("np") <= t[0] < owned.end("np")
    ):
        # "hope 2 million will attend Wednesday's Mass", "called off Monday's rehearsal": a date in the possessive
        # is the date of the noun it modifies, here not the item's ("next month's visit", "Thursday's launch" are)
        return "other", f"the date of '{owned['np']}'"
    if (later := _item_only_in_later_clause(spec, sentence, d.span, subjects)) is not None:
        # "Virgin Galactic pushes back commercial flights to fall 2026 as Blue Origin readies all-female crew": a
        # date in a main clause about another thing is that thing's, as its status verb is (see the function)
        return "other", later
    if _MOVED_OBJECT_BEFORE.search(sentence, max(0, s - 40), s) and _NOUN_AFTER_DATE.match(sentence, e):
        # "pushes back the July 9 deadline for Japan talks to Aug. 1", "extends the Oct. 31 deadline": the date
        # names the object moved, the one given up (the new date, if any, follows "to")
        return "previous", "the date of the object moved"
    if (
        spec.kind == "event"
        and (
            (gathering := _GATHERING_AFTER_DATE.match(sentence, e)) is not None
            or (gathering := _GATHERING_BEFORE_DATE.search(sentence, max(0, s - 40), s)) is not None
        )
        and gathering["noun"].lower() not in {w.lower() for w in (*spec.item_nouns, *spec.title_words)}
    ):
        # "Apple sets Sept. 9 launch event as iPhone 17 debut nears", "on track for iPhone 17 event the week of
        # Sept. 8" on a watch of the phone going on sale: a presentation is a happening of its own, not the item
        return "other", f"the date of the {gathering['noun'].lower()}"
    if _DECISION_DEADLINE_AFTER.match(sentence, e):
        # "EU sets June 26 deadline for decision on Baker Hughes' Chart deal": the day a ruling is due is the
        # ruling's, not the deal's closing (a ruling named before its day: _DATE_SETTING_BEFORE)
        return "other", "the day a decision is due"
    if spec.kind == "event" and _EFFECTIVE_BEFORE.search(sentence, max(0, s - 30), s):
        # "DHS designates Gordie Howe bridge a port of entry, effective March 2": the day an act takes effect is
        # the act's, not the day the item happens
        return "other", "the day an act takes effect"
    if _BACKUP_AFTER.match(sentence, e) or _BACKUP_BEFORE.search(sentence, max(0, s - 40), s):
        # "targeting Saturday 1 July, with Sunday 2 July as backup", "a backup opportunity on July 2": the day held in
        # reserve if the first fails is not the item's date
        return "other", "a backup date"
    if (measure := _MEASURE_AFTER_DATE.match(sentence, e)) is not None:
        # "as Q1 revenue reached 379 million zlotys", "its 2023 sales": the period a figure covers, not a date
        return "other", f"the period of a figure ('{d.text} {measure['noun']}')"
    if d.precision in ("quarter", "half") and (report := _REPORT_AFTER_PERIOD.match(sentence, e)) is not None:
        # "reiterates November date in first-quarter update", "in its Q3 trading statement": a quarter or a half
        # before a report's noun is the period the report covers, not a date of the item
        return "other", f"the period of a report ('{d.text} {report['noun']}')"
    best_kind, best_pos, best_txt = "", -1, ""
    best_span = (0, 0)
    after_idx = -1
    for i, t in enumerate(toks):
        if t[0] >= e:
            after_idx = i
            break
        if t[0] < lo or t[1] > s:
            continue
        hit = spec._anchor.match(toks, i)
        if hit is not None and t[0] > 0 and sentence[t[0] - 1] == "-":
            hit = None  # "a no-deal exit at the end of next year": a word inside a compound modifier is not the noun
        if hit is not None and _inside_name(sentence, toks, i):
            hit = None  # "United Launch Alliance said ...": a word of a name is not the item's noun
        if hit is not None and i > 0 and toks[i - 1][2] in _PROCESS_NOUNS:
            hit = None  # "with pre-orders opening Jan. 19": the opening of something else than the item
        if hit is not None and i > 1 and toks[i - 1][2] in _MODALS and toks[i - 2][2] in _PROCESS_NOUNS:
            hit = None  # "pre-orders will go live on Aug. 20": the process is the verb's subject
        if hit is not None and hit[1] <= s and hit[1] >= best_pos:
            best_kind, best_pos, best_txt, best_span = "event", hit[1], sentence[hit[0] : hit[1]], hit
        hit = _REPORT_INDEX.match(toks, i)
        if hit is not None and hit[1] <= s and hit[1] > best_pos and _REPORT_DATE_GAP.fullmatch(sentence[hit[1] : s]):
            best_kind, best_pos, best_txt = "report", hit[1], sentence[hit[0] : hit[1]]
    if best_kind != "event" and after_idx >= 0 and toks[after_idx][0] == e + 1 and sentence[e] == " ":
        # "an April visit", "the May 14-15 summit", "Thanksgiving deadline"
        hit = spec._anchor.match(toks, after_idx)
        if (
            hit is not None
            and d.precision == "month"
            and d.inferred
            and _THE_BEFORE.search(sentence, max(0, s - 5), s)
            and _AGREEMENT_NOUN.fullmatch(sentence[hit[0] : hit[1]])
            and not _DEADLINE_NOUN_AFTER_NP.match(sentence, hit[1])
        ):
            # "told parliament the October agreement 'would not produce the benefits'": an agreement named by the
            # month it was made is that existing agreement, whatever its year; it schedules nothing
            return "other", f"names an existing '{sentence[hit[0] : hit[1]]}' by its month"
        if hit is not None and _EXISTING_BEFORE.search(sentence, max(0, s - 30), s):
            # "licences issued under the December agreement", "in line with the October deal": a date naming an
            # agreement already in force refers to it; it schedules nothing
            return "other", f"names an existing '{sentence[hit[0] : hit[1]]}' by its date"
        if hit is not None:
            best_kind, best_txt, best_span = "event", sentence[hit[0] : hit[1]], hit
    if best_kind != "event":
        return "other", (f"after reporting word '{best_txt}'" if best_txt else "no event anchor")
    if spec.opens_to_users and (
        (
            (ceremony := _CEREMONY.search(sentence, max(0, s - 70), s)) is not None
            and not _CLAUSE_BREAK.search(sentence, ceremony.end(), s)
            and "," not in sentence[ceremony.end() : s]
        )
        or (ceremony := _CEREMONY_SUBJECT.search(sentence, max(0, best_span[0] - 70), best_span[0])) is not None
    ):
        # "PM Modi to inaugurate Noida airport at Jewar next month" on an opening to commercial flights; "The formal
        # inauguration of the line has been postponed to after the Lunar New Year": the ceremony is the subject of
        # the verb the date hangs on
        return "other", f"the day of a ceremony ('{ceremony.group().split()[0]}'), not the opening to its users"
    if spec.ends_a_journey and (departure := _departure_before(sentence, s)) is not None:
        # "NASA to launch lunar lander Athena on Feb 26" on its landing: the day the journey starts, not its end
        return (
            "other",
            f"the day of a departure ('{departure}'), not the {spec.item_nouns[0] if spec.item_nouns else 'end'}",
        )
    if (setting := _DATE_SETTING_BEFORE.search(sentence, max(0, s - 110), s)) is not None:
        # "NASA expects to set a new launch readiness date by the end of April", "new date to be picked on March 10":
        # the day a date is to be set, not the item's
        return "other", f"the day a date is set ('{setting.group().strip()}')"
    particle = re.match(r"\s+(?:up|back|forward|ahead)\b", sentence[best_span[1] :])
    moved_span = (best_span[0], best_span[1] + particle.end()) if particle else best_span
    if (_MOVE_PHRASE.search(best_txt) or _MOVE_VERB_BEFORE.fullmatch(best_txt)) and (
        mover := _moved_thing_before(spec, sentence, moved_span)
    ) is not None:
        # "Borderlands 4 moves up to Sept. 12, no longer sharing launch day with Marathon": a move with no object
        # moves its subject, here another named thing, and the date is that thing's
        return "other", f"the date of what is moved ('{mover}')"
    if _MOVE_PHRASE.search(best_txt) and (act := _INFINITIVE_VERB_AFTER.match(sentence, best_span[1])) is not None:
        # "as Japan moves to raise defence spending to 2% of GDP by 2027": a move to act takes a step; the date
        # belongs to the act ('raise'), not to the item
        return "other", f"the date of a move to act ('{act['verb']}')"
    lead = min(s, best_span[0])
    if (topic := _TOPIC_NOUN_BEFORE.search(sentence, max(0, lead - 40), lead)) is not None:
        # "rejects talk of a February slip", "speculation about a June opening": the date is what is talked about
        return "other", f"a topic ('{topic.group().strip()}'), not a statement"
    absent = _ABSENT_BEFORE.search(sentence, max(0, best_span[0] - 30), best_span[0])
    if absent is not None and best_span[1] <= s:
        return "other", f"'{best_txt}' is named as absent ('{absent.group().strip()}')"
    between = sentence[best_span[1] : s] if best_span[1] <= s else ""
    governor = _OTHER_GOVERNOR.search(between)
    if governor is not None and not _status_verb_at(spec, sentence, best_span[1] + governor.start("verb")):
        vt = [i for i, t in enumerate(toks) if t[0] == best_span[1] + governor.start("verb")]
        if not vt or spec._anchor.match(toks, vt[0]) is None:
            # "reaffirms Nov. 19 release, says marketing to start in summer": the date is the nearer verb's
            return "other", f"governed by '{governor.group().strip()}', not '{best_txt}'"
    named = _NAME_RIGHT_BEFORE.search(sentence, max(0, s - 40), s)
    if named is not None and best_span[1] <= named.start():
        parts = [p.lower() for p in named["name"].split("-") if p]
        strangers = [p for p in parts if p not in spec._own_names and p not in _CALENDAR_WORDS]
        if strangers and len(parts) > 1:
            # "Campeche-Cancún Dec. 15, Cancún-Palenque Dec. 31": in a list of sections or legs each with its day,
            # the day right after a name is that name's
            return "other", f"the date of '{named['name']}'"
    if best_span[1] <= s and (second := _SECOND_PREDICATE.search(between)) is not None:
        # "Mexico sets Dec. 15 opening for Maya Train, leaves Tulum stretch for early next year": after a comma, a
        # headline's second verb has its own object, and the date after it is that object's
        return "other", f"the date of a second predicate ('{second.group().strip(' ,')}')"
    if (
        spec.kind == "agreement"
        and (best_txt.lower().startswith("deadline") or _DEADLINE_RIGHT_AFTER.match(sentence, e) is not None)
        and (review := _REVIEW_BEFORE.search(sentence, max(0, s - 90), s)) is not None
    ):
        # "the CMA cleared the acquisition after its phase 1 review, ahead of its Nov. 11 deadline": a review's
        # deadline is the regulator's, not the deal's
        return "other", f"the deadline of a {review['noun'].lower()}"
    if spec.kind == "event" and spec.item_nouns and not spec.travels and _TRIP_WORD.fullmatch(best_txt):
        # "Katy Perry's Lifetimes Tour opens April 23" on a watch of her spaceflight: a trip's day is the item's only
        # on a watch of a trip
        return "other", f"the day of a {best_txt.lower()}, on a watch of no trip"
    if best_span[1] <= s and len(_WORD.findall(_TRAILING_CLOCK_TIMES.sub(" ", between))) > _ANCHOR_REACH:
        # "struck a trade agreement on Thursday, Dec. 24, averting a chaotic exit on Jan. 1": nine words and
        # another verb away, a date belongs to what is next to it
        return "other", f"too far from '{best_txt}'"
    if best_txt.lower().startswith("expect") and re.search(r"(?i:\bwhat\s+to\s+$)", sentence[: best_span[0]]):
        return "other", "a preview ('what to expect')"  # "Switch 2 Direct: what to expect on Wednesday"
    if spec.kind == "agreement" and (bought := _other_purchase_before(spec, sentence, best_span[0])) is not None:
        # "IBM agreed to acquire DataStax for an undisclosed sum, expected to close in the second quarter, the same
        # day Britain approved its HashiCorp takeover": the timetable follows the other deal it describes
        return "other", f"the timetable of another deal ('{bought}')"
    if (variant := _variant_before(spec, sentence, best_span[0])) is not None:
        # "Cyberpunk 2077 next-gen versions for PS5 slated for early next year": the item's variant has its own date
        return "other", f"the date of a variant ('{variant}')"
    if (sibling := _sibling_before(spec, sentence, best_span[0])) is not None:
        return "other", f"the date of a sibling ('{sibling}')"
    if (
        (goal := _GOAL_OF_NAME.search(sentence, best_span[0], s)) is not None
        and not any(w in spec._own_names for w in _name_words(goal["name"]))
        and (
            _is_other_name(spec, sentence, goal.start("name"), goal["name"].split()[0])
            # (in a headline's title case a place still tells: "Target Of Indian Space Station By 2035")
            or bool({p for _, _, p in places_in(goal["name"])} - spec._own_places)
        )
    ):
        # "PM Modi Reviews Gaganyaan, Sets Target Of Indian Space Station By 2035": the target is another thing's
        return "other", f"the target of another thing ('{goal['name']}')"
    if (numbered := _sibling_designation(spec, sentence, max(0, min(best_span[0], s) - 40), s)) is not None:
        # "After TV-D1, India plans TV-D2 and uncrewed G1 Gaganyaan mission in 2024": another of the series
        return "other", f"the date of another of the series ('{numbered}')"
    if (undertaking := _UNDERTAKING_NOT.search(sentence, max(0, s - 80), s)) is not None and not _CLAUSE_BREAK.search(
        sentence, undertaking.end(), s
    ):
        # "Amgen agrees not to close Horizon deal before Sept. 15 while court weighs", "Microsoft agreed not to close
        # before July 18": a promise about one's own conduct bounds it; it forecasts no day for the item
        return "other", f"the bound of an undertaking ('{undertaking.group().strip()}')"
    if (
        (best_txt.lower().split() or [""])[0] in _PLAN_WORDS  # "set", "set for", "due", "slated"
        and (happening := _EVENT_NOUN_BEFORE.search(sentence, max(0, best_span[0] - 40), best_span[0])) is not None
        and (other_noun := (happening["noun"] or happening["many"])).lower() not in {n.lower() for n in spec.item_nouns}
    ):
        # "ahead of an in-house trial slated for Oct. 25", "a Senate vote set for Tuesday", "flights are set for
        # December": the schedule word's subject is another happening (or many of a kind), and the date is theirs
        return "other", f"the date of the {other_noun.lower()} ('{happening.group().strip()} {best_txt}')"
    if (dated := _NAMED_DATE_OF.search(sentence, max(0, s - 40), s)) is not None and not _own_date_noun(
        spec, dated["mod"]
    ):
        # "AT&T set a record date of April 5 for the stock dividend": a date named by its noun is that noun's
        return "other", f"the {dated['mod'].lower()} date"
    if (
        spec.kind == "event"
        and (decision := _DECISION_INFINITIVE.search(sentence, max(0, s - 80), s)) is not None
        and not _CLAUSE_BREAK.search(sentence, decision.end(), s)
        # (the item is what is decided on: its name or noun is the decision's object, before any comma)
        and (obj := _DECISION_OBJECT.match(sentence, decision.end())) is not None
        and (spec._subject.search(obj.group()) or spec._reference.search(obj.group()))
    ):
        # "Cabinet to approve Emperor's Indonesia trip no earlier than next Friday": the day of deciding on the item,
        # another act than the item itself (a deal's approval is its own status, read elsewhere)
        return "other", f"the day of '{decision.group().strip()}', a decision on the item"
    if (best_txt.lower().split() or [""])[0] in _PLAN_WORDS and (
        new := _INDEFINITE_SUBJECT_BEFORE.search(sentence, max(0, best_span[0] - 60), best_span[0])
    ) is not None:
        # "IBM agreed to sell software products to HCL for $1.8 billion, a deal expected to close by mid-2019": an
        # indefinite noun brings in a new thing; the tracked one is "the deal"
        return "other", f"the date of a new thing ('{new.group().strip()}')"
    if best_span[1] <= s and _DATE_NOUN_THEN_DAY.search(between):
        # "expected to announce Voice referendum date in Adelaide on Wednesday": the day the date is told, not the
        # date itself ("set the date for Oct. 14", "the date: Oct. 14" give it)
        return "other", "the day a date is told ('date ... on')"
    if (
        spec.kind == "event"
        and best_span[1] <= s
        and (product := _product_object_named_after_item(spec, sentence, best_span[1])) is not None
    ):
        # "Valve delays official Steam Deck Dock to late spring": the date of the product the verb acts on
        return "other", f"the date of another product named after the item ('{product}')"
    if (other_object := _light_verb_other_object(spec, best_txt, between if best_span[1] <= s else "")) is not None:
        # "SA's state Voice to hold first elections early next year" on a referendum: a light verb's object is the
        # happening, and the date is that object's
        return "other", f"the date of the {other_object} ('{best_txt} ... {other_object}')"
    if (best_txt.lower().split() or [""])[0] in _PLAN_WORDS and (
        subject := _COMMON_SUBJECT_BEFORE_PLAN.search(sentence, max(0, best_span[0] - 50), best_span[0])
    ):
        words = [w.lower() for w in _WORD.findall(subject["np"])]
        own = {n.lower() for n in (*spec.item_nouns, *_REFERENCE_NOUNS.get(spec.kind, ()))}
        own |= set(_EVENT_ANCHORS.get(spec.kind, ())) | spec._own_names
        if spec.kind == "agreement":
            # "; closing now expected in July 2026": a deal's closing or completion is the deal done
            own |= _CLOSING_WORDS
        if not any(w in own or w.rstrip("s") in own for w in words) and not (
            spec._subject and spec._subject.search(subject["np"])
        ):
            # "Yogi, Naidu review Noida airport as licence expected by Dec. 4", "metro delayed again as driverless
            # train now expected by Feb. 10": a clause of its own whose subject is another common noun; the date
            # is that thing's
            return "other", f"the date of the {subject['np'].lower()} ('{subject.group().strip()} {best_txt}')"
    plan_word, _, plan_rest = best_txt.lower().partition(" ")
    inf = None
    if plan_word in _PLAN_WORDS and plan_rest in ("", "to"):
        # "is set to attempt a landing on Wednesday": "set to" ends in the infinitive's "to"
        inf = _INFINITIVE.match(between) if not plan_rest else _VERB_AFTER.match(between)
    if inf is not None:
        at = next((i for i, t in enumerate(toks) if t[0] == best_span[1] + inf.start("verb")), None)
        own_verb = at is not None and spec._anchor.match(toks, at) is not None
        if (
            not own_verb
            and not _status_head_verb(spec, inf["verb"])
            and not _status_verb_at(spec, sentence, best_span[1] + inf.start("verb"))
        ):
            # "was due to tell the city on Wednesday when it will be ready": the plan word's infinitive is another
            # act, and the date is that act's
            return "other", f"the date of 'to {inf['verb']}', not of the item"
    if spec.kind != "metric" and best_span[1] <= s and (amount := _AMOUNT.search(between)) is not None:
        return "other", f"the horizon of an amount ('{amount.group().strip()}')"
    if best_txt.lower().startswith(("confirm", "announc")):
        other = _announces_other(spec, sentence, best_span, subjects, [d])
        if other is not None:
            return "other", f"'{best_txt}' is about something else ({other})"
    blocked = _not_governed(spec, sentence, best_span, subjects, strict=False)
    if blocked is not None:
        return "other", f"'{best_txt}' is not about the subject ({blocked})"
    owner = _OF_NAME_AFTER.match(sentence, best_span[1])
    if (
        owner is not None
        and _other_object_name(spec, sentence, owner)
        and not spec._subject.search(sentence[owner.start() : owner.end() + 30])
    ):
        # "push the launch of its VERITAS Venus orbiter from 2028": the anchor noun is another named thing's
        return "other", f"'{best_txt}' is of another item ('{owner['name']}')"
    if (
        spec.kind == "event"
        and (group := _GROUP_MEETING_BEFORE.search(sentence, max(0, best_span[0] - 30), best_span[0])) is not None
        and best_txt.lower().rstrip("s") in ("summit", "meeting", "talk")
        and group["kind"].lower() not in {w.lower() for w in spec.title_words}
    ):
        # "Biden to host 3-way summit with Japan, Philippines on April 11" on a watch of Kishida's state visit: a
        # meeting of a group is another meeting than the visit
        return "other", f"a {group['kind']} meeting, not the item"
    if spec.kind == "event" and (modifier := _named_other_happening(spec, sentence, best_span, best_txt)) is not None:
        # "King Charles to address COP28 opening in Dubai on Dec. 1" on a watch of his Kenya visit: the anchor noun
        # is another named happening's
        return "other", f"the date of the '{modifier} {best_txt}'"
    if (
        spec.kind == "event"
        and _is_postponement(spec, best_txt)
        and (thing := _moved_thing_before(spec, sentence, best_span))
    ):
        return "other", f"'{best_txt}' moves '{thing}'"  # "Baby Steps pushed back to Sept. 23"
    if spec.kind == "event" and _is_postponement(spec, best_txt):
        moved = _OBJECT_NAME_AFTER.match(sentence, best_span[1])
        if moved is not None and _other_object_name(spec, sentence, moved):
            return "other", f"'{best_txt}' moves another item ('{moved['name']}')"  # "delayed its Semi program to 2022"
    if (clause_owner := _other_clause(spec, sentence, s)) is not None:
        return "other", f"in a clause about '{clause_owner}'"
    if spec.kind == "event" and (trip := _other_trip(spec, sentence, best_span)) is not None:
        return "other", f"'{best_txt}' is {trip}"
    if (
        spec.kind == "event"
        and (leg := _GOING_ON_TO.search(sentence, best_span[1], s)) is not None
        and (trip := _other_trip(spec, sentence, (leg.start(), leg.end()))) is not None
    ):
        # "visits Germany and then flies to Angola on Oct. 13": a next leg between the anchor and the date owns it
        return "other", f"the day of the next leg ({trip})"
    if spec.kind == "event" and (other_owner := _owned_by_other(spec, sentence, best_span[0])) is not None:
        return "other", f"'{best_txt}' is {other_owner}'s"
    owner = _POSSESSOR_BEFORE.search(sentence, max(0, best_span[0] - 50), best_span[0])
    possessed = _WORD.match(sentence, owner.end("name") + 3) if owner is not None else None
    if possessed is not None and possessed.group().lower() in spec._own_names:
        owner = None  # "to host Japan's Kishida for state visit": the possessive names the item's own traveller
    if owner is not None and spec._own_names and _is_other_name(spec, sentence, owner.start("name"), owner["name"]):
        return "other", f"'{best_txt}' is {owner['name']}'s"  # "Xi's reciprocal US state visit eyed for the fall"
    if spec._own_names and spec.kind == "event" and _TRAVEL_VERB.match(best_txt):
        agent = _agent_before(sentence, best_span[0])
        if agent is not None and _is_other_name(spec, sentence, agent.start("name"), agent["name"]):
            return "other", f"'{best_txt}' is {agent['name']}'s"  # "Xi would come to Washington in the fall"
    if (
        decision := _REVIEW_DECISION_BEFORE.search(sentence, max(0, s - 100), s)
    ) is not None and _REVIEWER_BEFORE.search(sentence, max(0, decision.start() - 60), decision.start()):
        # "EU regulators to decide on Bunge-Viterra merger by July 18": the day a reviewer decides, not the item's
        return "other", "a reviewer's decision day"
    if _REVIEW_DEADLINE_AFTER.match(sentence, e) and _REVIEWER_BEFORE.search(sentence, max(0, s - 60), s):
        # "EU antitrust regulators set Oct. 19 deadline for Pfizer's Seagen deal": a reviewer's deadline for its
        # decision, not the day the item is done
        return "other", "a reviewer's decision deadline"
    named = _NAME_ON_BEFORE.search(sentence, max(0, s - 40), s)
    if named is not None and _CLOCK_TIME.search(sentence, max(0, s - 40), s):
        named = None  # "8:42:11 a.m. JST on September 7": a time zone after a time of day names no one
    if (
        named is not None
        and (prep := _PREP_BEFORE_NAME.search(sentence, max(0, named.start() - 12), named.start())) is not None
        and not (
            spec.kind == "event"  # a trip's venue is its destination; a deal's is only where it is signed
            and prep.group().strip().lower() in ("in", "at")
            and (venue := {p for _, _, p in places_in(named["name"])})
            and not venue & spec._own_places
        )
    ):
        # "first deliveries to PepsiCo on Dec. 1", "to sign the deal in Asunción on Jan. 17": a name inside a phrase
        # leaves the date to its head (a venue that is another country's, "due in Beijing on May 16", keeps it)
        named = None
    if named is not None and {p for _, _, p in places_in(named["name"])} & spec._own_places:
        named = None  # "will visit Chongqing on Sunday" on a visit to China: a place in the item's own country
    if named is not None and spec._own_names and _is_other_name(spec, sentence, named.start("name"), named["name"]):
        return "other", f"the date of '{named['name']}' ('{named.group().strip()}')"
    purpose = _PURPOSE_AFTER_DATE.match(sentence, e)
    if purpose is not None and not _DEADLINE_PREP.search(sentence, max(0, s - 25), s):
        purpose = None  # "slips to Dec. 24 to resolve an issue": the infinitive says why, it has no deadline
    if _RELATIVE_UNTIL.search(sentence, max(0, s - 40), s):
        return "other", "the date of a relative clause ('which runs until')"  # "the World Cup, which runs until"
    if (
        spec.kind == "agreement"
        and best_txt.lower() in ("until", "till")
        and purpose is None
        and not _DEADLINE_BEFORE_UNTIL.search(sentence, max(0, best_span[0] - 40), best_span[0])
    ):
        # "a deal to suspend the debt ceiling until Jan. 1, 2025", "tariffs paused until November": a term of the
        # deal, not when it is due. "extended the deadline until Sunday" and "until Sunday to strike a deal" are.
        return "other", f"a term of the deal ('{best_txt} {d.text}')"
    if purpose is not None:
        # "has until the end of September to finish trial runs": the date is the deadline of the infinitive's
        # action; it is the item's only when that verb is the item's own or one of its status words.
        at = next((i for i, t in enumerate(toks) if t[0] == purpose.start("verb")), None)
        if (
            (at is None or spec._anchor.match(toks, at) is None)
            and not _status_verb_at(spec, sentence, purpose.start("verb"))
            and not _status_head_verb(spec, purpose["verb"])
        ):
            return "other", f"deadline of another action ('to {purpose['verb']}')"
        if spec.kind == "agreement" and not _object_is_item(spec, sentence, purpose.end("verb"), subjects):
            # "has until the end of February to complete purchases of 12 million tons": the deal's verb, another
            # object
            return "other", f"deadline of another action ('to {purpose['verb']}' something else)"
    neg = _NEG_BEFORE_DATE.search(sentence, max(0, s - 60), s)
    if neg is not None and _conditional_deadline(sentence, d):
        return "event", f"anchored by '{best_txt}', the deadline of a condition"
    if neg is not None and not _NOT_UNTIL.search(sentence, max(0, s - 30), s):
        # Denied only when the negation governs the item's own word: "will not open this year", "rules out opening
        # in 2017". "has not changed the November target" negates another verb, so the date is merely not news.
        gap = sentence[neg.start() : best_span[0]] if best_span[0] >= neg.start() else None
        if gap is not None and _DENIAL_GAP.fullmatch(gap):
            if _is_postponement(spec, best_txt):
                return "event", f"a delay ruled out ('{best_txt}'): the date holds"  # "rules out delaying Oct. 31"
            return "denied", f"negated near '{best_txt}'"
        return "other", f"negated near '{best_txt}'"
    if (
        best_span[1] <= s
        and _GIVEN_UP_GAP.fullmatch(between)
        and _NOUN_AFTER_DATE.match(sentence, e)
        and (_is_postponement(spec, best_txt) or _MOVE_VERB_BEFORE.fullmatch(best_txt))
    ):
        # "NASA waves off Sept. 27 Artemis I launch", "postpones the May 5 vote until June": a date modifying the
        # object of a postponement names the occasion given up; the new date, if any, follows "to"/"until"
        return "previous", f"the date given up ('{best_txt} {d.text} ...')"
    beyond = _BEYOND_BEFORE.search(sentence, max(0, s - 30), s)
    if beyond is not None and _MOVE_VERB_BEFORE.search(sentence, max(0, beyond.start() - 60), beyond.start()):
        # "Noida airport opening delayed beyond April 17", "launch slips past its Sept. 24 target": a move beyond a
        # date leaves that date behind; the new one, if any, is told elsewhere
        return "previous", f"the date moved beyond ('{beyond.group().strip()}')"
    missed = _MISSED_BEFORE.search(sentence, max(0, s - 40), s)
    if missed is not None:
        # "will miss its April 17 launch", "missed the Nov. 27 deadline": the date missed is the one left behind
        return "previous", f"the date missed ('{missed.group().strip()}')"
    pm = _PREVIOUS_RE.search(sentence, max(0, s - 60), s)
    if (
        pm is not None
        and pm.group().strip().lower() == "from"
        and (d.precision == "range" or _RANGE_END_AFTER.match(sentence, e))
    ):
        pm = None  # "from March 31 to April 2", "from Thursday to Friday": one window, not a move away
    if (
        pm is not None
        and pm.group().strip().lower() in ("from", "from the")
        and not _MOVE_VERB_BEFORE.search(sentence, max(0, s - 80), pm.start())
    ):
        pm = None  # "sets 25% tariff on Japan from Aug. 1": a start, not a date moved away from
    if pm is not None:
        return "previous", f"superseded date ('{pm.group().strip()}')"
    if d.end < published:
        return "past", f"anchored by '{best_txt}', in the past"
    return "event", f"anchored by '{best_txt}'"


_GROUP_MEETING_BEFORE = re.compile(
    r"(?i:\b(?P<kind>trilateral|three-way|3-way|four-way|multilateral|quadrilateral|regional|G7|G20|Quad|NATO|ASEAN|"
    r"APEC|BRICS|Commonwealth)\s+(?:[\w-]+\s+)?$)"
)
# ... as the subject of a status verb: "Sydney Quad summit scrubbed", "the G20 meeting has been postponed".
_GROUP_MEETING_SUBJECT = re.compile(
    r"(?i:\b(?P<kind>trilateral|three-way|3-way|four-way|multilateral|quadrilateral|G7|G20|Quad|NATO|ASEAN|"
    r"APEC|BRICS|Commonwealth)\s+(?:leaders['’]?\s+)?(?:summit|meeting|talks)\s+"
    r"(?:(?:is|was|has\s+been|have\s+been|had\s+been|been|now|also)\s+){0,2}$)"
)
_NAME_RIGHT_BEFORE = re.compile(r"(?P<name>\b[A-Z][\w'’.-]*)\s+$")
_NOUN_CONTEXT_AFTER = re.compile(r"(?i:\s*(?:$|[,;:]|(?:in|on|at|of|for|from|next|this|later)\b))")


# A figure's period: a date right before the noun of a financial or output measure ("Q1 revenue", "2023 sales").
_MEASURE_AFTER_DATE = re.compile(
    r"(?i:\s+(?:[\w-]+\s+)?(?P<noun>revenues?|sales|profits?|earnings|results|income|losses|loss|turnover|ebitda|"
    r"output|growth|gdp|figures)\b)"
)
# The noun of a company's periodic report after a quarter or a half: "first-quarter update", "H1 trading statement".
_REPORT_AFTER_PERIOD = re.compile(
    r"(?i:\s+(?:[\w-]+\s+)?(?P<noun>updates?|reports?|filings?|statements?|calls?|presentations?|bookings|guidance|"
    r"outlook|numbers|briefing)\b)"
)
# Another form of the item, with its own schedule: "next-gen versions", "the PC port", "its first expansion", "a beta",
# "the Server Slam stress test".
_VARIANT_NOUN = re.compile(
    r"(?i:\b(?P<noun>versions?|editions?|ports?|updates?|patch(?:es)?|expansions?|dlcs?|sequels?|remasters?|"
    r"remakes?|trailers?|demos?|betas?|spin-?offs?|(?:stress\s+|beta\s+|play)?tests?|"
    # software shown to testers before the release: "First Windows 11 preview build is now available to Insiders"
    r"builds?|previews?|release\s+candidates?)\b)"
)


_PURCHASE_OF_NAME = re.compile(
    r"(?i:\b(?:acquire[sd]?|acquiring|buy|buys|bought|buying|purchase[sd]?|purchasing|take\s+over|takes\s+over|"
    r"took\s+over|merge\s+with|merges\s+with|merged\s+with))\s+(?:(?:the|rival|its)\s+)?(?:[a-z-]+\s+){0,2}"
    r"(?P<name>[A-Z][\w'’.-]*)"
)


def _other_purchase_before(spec: ExtractionSpec, sentence: str, pos: int) -> str | None:
    """Another named company acquired in the clause before `pos`, with the item not named between, or None.

    A closing timetable follows the deal it describes: "IBM agreed to acquire DataStax ..., expected to close in the
    second quarter", "Mars will buy Kellanova's rival Hostess, a deal set to close by June" on another deal's watch.
    """
    lo = 0
    for cm in _CLAUSE_RE.finditer(sentence, 0, pos):
        lo = cm.end()
    last = None
    for m in _PURCHASE_OF_NAME.finditer(sentence, max(lo, pos - 120), pos):
        last = m
    if last is None or _own_or_common(spec, last["name"]):
        return None
    if spec._subject and spec._subject.search(sentence[last.start("name") : pos]):
        return None
    return last["name"]


# What may stand between a subject and its predicate: "is", "are now", "has been".
_COPULA_END = re.compile(
    r"(?i:\s+(?:is|are|was|were|has\s+been|have\s+been|will\s+be)(?:\s+(?:now|finally|officially))?\s*$)"
)


def _product_named_after_item(spec: ExtractionSpec, sentence: str, pos: int) -> str | None:
    """The capitalised name right after the item's own name that heads the subject of the verb at `pos`, or None:
    "The Zelda: Tears of the Kingdom Switch OLED is out now" tells a console edition out, "Starfield Xbox
    controller is on sale" a controller (a name the title uses is the item's own: "Harbour Line Phase 2 opens" on a
    watch titled with "Phase 2")."""
    copula = _COPULA_END.search(sentence, max(0, pos - 20), pos)
    if copula is None or not spec._subject:
        return None
    lo = 0
    for cm in _CLAUSE_RE.finditer(sentence, 0, copula.start()):
        lo = cm.end()
    spans = spec._subject.spans(sentence[lo : copula.start()])
    if not spans or len(spans) > 1:
        return None  # "ROG Xbox Ally and ROG Xbox Ally X are available now": the item is one of the subjects
    tail = sentence[lo + spans[-1][1] : copula.start()].split()
    own = {w.lower() for w in spec.title_words}
    if not 1 <= len(tail) <= 3 or not all(w[0].isupper() or w[0].isdigit() for w in tail):
        return None
    if all(w.lower() in own for w in tail):
        return None
    return " ".join(tail)


# The end of a verb's object: a preposition, an infinitive's "to", a clause's punctuation or the sentence's end.
_OBJECT_END = re.compile(r"(?i:\s*(?:$|[,;:.]|\s(?:to|until|into|for|by|from|in|on|at|after|amid|as|over|with)\b))")


def _title_cased(sentence: str) -> bool:
    """Whether half or more of the longer words are capitalised, as in a title-case headline (the item's own name
    taken out first by the caller)."""
    words = [w for w in _WORD.findall(sentence) if len(w) > 3]
    return bool(words) and sum(1 for w in words if w[0].isupper()) * 2 >= len(words)


def _product_object_named_after_item(spec: ExtractionSpec, sentence: str, verb_end: int) -> str | None:
    """The capitalised name right after the item's own name that ends the object of the verb ending at `verb_end`,
    or None: "Valve delays official Steam Deck Dock to late spring" delays a dock, not the Steam Deck, as "The Steam
    Deck Dock is out" would tell the dock out (see _product_named_after_item)."""
    if not spec._subject:
        return None
    m = spec._subject.regex.search(sentence, verb_end) if spec._subject.regex else None
    if m is None or not re.fullmatch(
        r"(?:\s+(?:(?:the|an?|its|their|official|new)\s+)?)?\s*", sentence[verb_end : m.start()]
    ):
        return None
    if _title_cased(spec._subject.regex.sub(" ", sentence) if spec._subject.regex else sentence):
        return None  # "Vulcan Centaur Launch Delayed": a title-case headline capitalises every word
    at = m.end()
    words: list[str] = []
    while (w := re.match(r"\s+([A-Z][\w'’-]*)", sentence[at:])) is not None and len(words) < 3:
        words.append(w.group(1))
        at += w.end()
    if not words or not _OBJECT_END.match(sentence, at):
        return None
    if all(w.lower() in {t.lower() for t in spec.title_words} for w in words):
        return None  # "Harbour Line Phase 2" on a watch titled with "Phase 2": the item's own name
    return " ".join(words)


def _variant_before(spec: ExtractionSpec, sentence: str, pos: int) -> str | None:
    """A variant noun in the clause before `pos`, after the item's mention, that the title does not name, or None.

    A product's other versions, editions, ports, patches, sequels or trailers come out on their own days: "Cyberpunk
    2077 next-gen versions for PS5 and Xbox Series X slated for early next year", "Starfield's first expansion set
    for fall", "the iPhone 16 Pro's camera update due in June". On a watch of the item itself, such a day is the
    variant's. A title that names the variant ("GTA 6 PC version release") keeps it the item's.
    """
    lo = 0
    for cm in _CLAUSE_RE.finditer(sentence, 0, pos):
        lo = cm.end()
    own = {w.lower() for w in spec.title_words}
    for m in _VARIANT_NOUN.finditer(sentence, lo, pos):
        noun = m["noun"].lower()
        if noun in own or noun.rstrip("s") in own or noun.rstrip("es") in own:
            continue
        if (
            spec._subject
            and not spec._subject.search(sentence[lo : m.start()])
            and not _POSSESSIVE_OR_ITS.search(sentence, max(lo, m.start() - 30), m.start())
            # the variant as its clause's subject, with at most two modifiers: "; PS5 version delayed to Sept. 6"
            and not (lo > 0 and len(sentence[lo : m.start()].split()) <= 2)
        ):
            continue  # a variant named before the item ("a patch for Cyberpunk 2077 ... was set") is not its subject
        return m.group()
    return None


# A move told without an object ("pushed back to Sept. 23", "delayed again", "slips into 2026"): what moves is its
# subject, a name right before the verb (with "is", "was", "has been" between at most).
_NO_OBJECT_AFTER = re.compile(
    rf"(?i:\s*(?:$|[,.;:]|\s(?:to|until|into|again|by|indefinitely|once\s+more)\b|\sfrom\s+(?:\d|{MONTH_NAME_PATTERN})))"
)
_NAMED_SUBJECT_BEFORE = re.compile(
    r"(?P<name>(?-i:[A-Z])[\w'’.-]*(?:\s+(?-i:[A-Z0-9])[\w'’.-]*){0,3})\s+"
    r"(?i:(?:is|was|has\s+been|have\s+been|been|now|again)\s+){0,2}$"
)


def _moved_thing_before(spec: ExtractionSpec, sentence: str, span: tuple[int, int]) -> str | None:
    """The other named thing a move without an object moves (see above), or None."""
    if not _NO_OBJECT_AFTER.match(sentence, span[1]) or len(sentence[span[0] : span[1]].split()) > 3:
        return None  # "pushed Trump's Beijing trip back to May": the object sits inside the phrasal verb
    m = _NAMED_SUBJECT_BEFORE.search(sentence, max(0, span[0] - 60), span[0])
    if m is None or spec._subject.search(m["name"]):
        return None
    if _NAME_IN_PHRASE_BEFORE.search(sentence, max(0, m.start("name") - 60), m.start("name")):
        return None  # "crew launch with NASA's Jonny Kim delayed": the name sits inside the subject's phrase
    if m.start("name") == 0 and " " not in m["name"].strip():
        return None  # "Officials pushed ...": one capitalised first word is the sentence's capital, not a name
    words = _name_words(m["name"])
    if not words or any(w in spec._own_names for w in words) or places_in(m["name"]):
        return None
    if m["name"].split()[0].lower() in _INSTITUTIONS or m["name"].split()[0].lower() in _DETERMINERS:
        return None
    return m["name"] if _is_other_name(spec, sentence, m.start("name"), m["name"].split()[0]) else None


# The kinds of a visit, which name different trips: a state visit is not a private or a working one.
_VISIT_KINDS = frozenset({"state", "official", "working", "private", "personal", "informal", "pastoral"})
_VISIT_KIND = re.compile(
    r"(?i:\b(?P<kind>state|official|working|private|personal|informal|pastoral)\s+(?:visit|trip)s?\b)"
)


def _other_visit_kind(spec: ExtractionSpec, sentence: str, span: tuple[int, int]) -> str | None:
    """The other kind of visit named in the clause of `span` ("a private visit" on a watch of a state visit), when
    the title names the item's kind and the clause does not name it too, or None."""
    own = {w.lower() for w in spec.title_words} & _VISIT_KINDS
    if not own:
        return None
    lo = 0
    for cm in _CLAUSE_RE.finditer(sentence, 0, span[0]):
        lo = cm.end()
    end = _CLAUSE_RE.search(sentence, span[1])
    kinds = [m["kind"].lower() for m in _VISIT_KIND.finditer(sentence, lo, end.start() if end else len(sentence))]
    others = [k for k in kinds if k not in own]
    return others[0] if others and not any(k in own for k in kinds) else None


def _sibling_pattern(spec: ExtractionSpec) -> tuple[re.Pattern[str], frozenset[str]] | None:
    """The pattern of the item's siblings, with the title's own modifier words: the item's name and head noun with
    other words between ("Moynihan Food Hall" on a watch of the Moynihan Train Hall, "Gotthard road tunnel" on the
    Gotthard Base Tunnel), or None when the title names no such run (a name, modifiers, a head noun)."""
    if spec.title_words in _SIBLING_CACHE:
        return _SIBLING_CACHE[spec.title_words]
    words = list(spec.title_words)
    found: tuple[re.Pattern[str], frozenset[str]] | None = None
    for i, w in enumerate(words):
        if not w[:1].isupper() or w.lower() not in spec._own_names:
            continue
        run = []
        for nxt in words[i + 1 : i + 4]:
            if not nxt[:1].isupper():
                break
            run.append(nxt)
        if len(run) >= 2:
            *mods, head = run
            pattern = re.compile(
                rf"(?i:\b{re.escape(w)}(?:['’]s)?\s+(?P<mods>(?:(?!(?:{_SIBLING_STOP})\b)[\w-]+\s+){{1,3}}?)"
                rf"{re.escape(head)}s?\b)"
            )
            found = pattern, frozenset(p.lower()[:4] for m in mods for p in m.split("-"))
        break
    _SIBLING_CACHE[spec.title_words] = found
    return found


# Words that are no modifier of a head noun: a verb's auxiliaries, determiners and prepositions ("JAXA confirmed the
# Moon", "Gotthard and the tunnel").
_SIBLING_STOP = (
    r"the|a|an|its|their|his|her|our|this|that|and|or|of|to|in|on|at|for|with|by|from|is|was|are|were|has|had|have|"
    r"will|would|said|says|new|old|first|second|entire|whole|main|[a-z]+ed|[a-z]+ing"
)
_SIBLING_CACHE: dict[tuple[str, ...], tuple[re.Pattern[str], frozenset[str]] | None] = {}


# A goal or deadline named for a thing: "Sets Target Of Indian Space Station By 2035", "a deadline for the Tulum
# stretch", "goal of a Moon landing by 2040".
_GOAL_OF_NAME = re.compile(
    r"(?i:\b(?:target|goal|deadline|timeline)s?\s+(?:of|for)\s+(?:an?\s+|the\s+)?)"
    r"(?P<name>(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){0,3})"
)


def _sibling_designation(spec: ExtractionSpec, sentence: str, lo: int, hi: int) -> str | None:
    """Another number of the item's own designation between `lo` and `hi`, or None: "TV-D2" on a watch of "TV-D1",
    "Crew-10" on "Crew-9", "IFT-3" on "IFT-2". A mission or vehicle numbered in a series is told from its siblings by
    the number alone; their dates and statuses are theirs."""
    for word in spec.title_words:
        m = re.fullmatch(r"(?P<stem>[A-Za-z]+(?:-[A-Za-z]+)*-?)(?P<num>\d+)", word)
        if m is None or len(m["stem"].strip("-")) < 2:
            continue
        other = re.search(rf"(?<![\w-]){re.escape(m['stem'])}(?!{m['num']}\b)\d+\b", sentence[lo:hi])
        if other is not None:
            return other.group()
    for noun, num in spec.series:
        if not num.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ").isdigit():
            continue  # an ordinal series is told entry by entry (see sibling_in_series)
        # the series named with a space ("Line 2 to follow in 2035" on Line 1), see sibling_in_series
        other = re.search(
            rf"(?i:\b{re.escape(noun)}[\s-](?:No\.?\s*)?(?!{num}\b)\d{{1,2}}(?:[A-Z]\b)?\b)", sentence[lo:hi]
        )
        if other is not None:
            return other.group()
    return None


_PLANS_TO_AFTER = re.compile(r"(?i:\s+(?:the\s+|its\s+|their\s+)?plans?\s+to\b)")


def _dated_schedule_object(sent: str, sig: StatusSignal, mentions: Sequence[DateMention]) -> DateMention | None:
    """The date of the schedule a cancelling verb gives up, or None: a date right after the verb, before its noun
    ("scraps December 2026 opening", "cancels Thursday's launch attempt"), or in the verb's "plans to" clause
    ("abandoned plans to open ... in December 2026")."""
    planned = _PLANS_TO_AFTER.match(sent, sig.span[1]) is not None
    for d in mentions:
        gap = d.span[0] - sig.span[1]
        if gap < 0 or _CLAUSE_BREAK.search(sent, sig.span[1], d.span[0]) or "," in sent[sig.span[1] : d.span[0]]:
            continue
        if gap <= 12 or (planned and gap <= 90):
            return d
    for d in mentions:
        # the dated occasion as the verb's subject: "June 16 launch called off", "Thursday's attempt scrubbed"
        if 0 <= sig.span[0] - d.span[1] <= 40 and _DATED_SUBJECT_GAP.fullmatch(sent, d.span[1], sig.span[0]):
            return d
    return None


# What may stand between a date and the verb whose subject it dates: "'s launch attempt was", " launch".
_DATED_SUBJECT_GAP = re.compile(
    r"(?:['’]s)?\s+(?:(?!(?:to|and|or|but|as|for|with|by|from|in|on|at|of|that|which|who|after|before)\b)[a-z][\w-]*\s+)"
    r"{1,3}(?:(?:is|was|has\s+been|have\s+been|had\s+been|been|now)\s+){0,2}"
)


def sibling_in_series(spec: ExtractionSpec, text: str) -> str | None:
    """Another number of the item's numbered series named in `text` when the item's own number is not, or None.

    "Construction of HCMC's Metro Line 2 will not start until 2025" on a watch of Metro Line 1, "Starship Flight 6
    slips to November" on Flight 5, "Artemis 3 delayed" on Artemis 2: the series noun with another number names a
    sibling, and an entry that never names the item's own number is that sibling's story. An entry naming both
    ("Line 1 opens; Line 2 to follow") is left to the sentence readers.
    """
    for noun, num in spec.series:
        found = None
        if num[-2:] in ("st", "nd", "rd", "th"):
            # an ordinal series ("8th replenishment"): another ordinal, in figures or words, before the noun
            ordinals = "|".join(_ORDINAL_WORDS)
            pattern = (
                rf"(?i:\b(?P<num>\d{{1,2}}(?:st|nd|rd|th)|{ordinals})\s+(?:[\w-]+\s+){{0,2}}?{re.escape(noun)}s?\b)"
            )
            for m in re.finditer(pattern, text):
                if _ordinal_value(m["num"]) == int(num[:-2]):
                    return None
                found = found or m.group()
        else:
            for m in re.finditer(rf"(?i:\b{re.escape(noun)}[\s-](?:No\.?\s*)?(?P<num>\d{{1,2}}(?:[A-Z]\b)?)\b)", text):
                if m["num"].upper() == num.upper():
                    return None
                found = found or m.group()
        if found is not None:
            return found
    return None


_ORDINAL_WORDS = (
    *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh"),
    *("twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"),
    "twentieth",
)


def _ordinal_value(word: str) -> int:
    """The number an ordinal stands for, in figures ("8th") or words ("eighth")."""
    low = word.lower()
    return int(low[:-2]) if low[:-2].isdigit() else _ORDINAL_WORDS.index(low) + 1


def _sibling_before(spec: ExtractionSpec, sentence: str, pos: int) -> str | None:
    """A sibling of the item (see _sibling_pattern) named in the clause before `pos`, or None: its status and dates
    are its own. It is a sibling when each side has a modifier the other lacks ("Eastern" against "Central"); words
    alike in their first four letters are one word spelled two ways ("Macau", "Macao")."""
    found = _sibling_pattern(spec)
    if found is None:
        return None
    pattern, own_mods = found
    lo = 0
    for cm in _CLAUSE_RE.finditer(sentence, 0, pos):
        lo = cm.end()
    for m in pattern.finditer(sentence, lo, pos):
        mods = {p.lower()[:4] for word in m["mods"].split() for p in word.split("-")}
        if mods - own_mods and own_mods - mods:
            return m.group()
    return None


_POSSESSIVE_OR_ITS = re.compile(r"(?i:(?:['’]s|\bits|\bthe\s+game['’]s)\s+(?:[\w-]+\s+){0,2}$)")


# A promise not to act: "agrees not to close", "pledged not to launch", "committed not to fly the route".
_UNDERTAKING_NOT = re.compile(
    r"(?i:\b(?:agree[sd]?|agreeing|commit(?:s|ted)?|promise[sd]?|pledge[sd]?|undert(?:ake|akes|ook|aken))\s+not\s+to\b)"
)


def _named_other_happening(spec: ExtractionSpec, sentence: str, span: tuple[int, int], word: str) -> str | None:
    """The other name modifying an anchor noun that is not the item's own ("COP28 opening", "Dubai summit"), or None.

    A happening named by another proper name is that name's: "to address COP28 opening in Dubai on Dec. 1" on a
    watch of a state visit, "attends Paris Air Show opening on June 19" on a watch of a jet's first delivery. The
    anchor must read as a noun (a preposition, a punctuation mark or the end after it, and no verb ending: "NASA
    launches on Nov. 16" is a verb) and must not be the item's own noun ("the Kenya visit" is the item).
    """
    if " " in word or word.lower().endswith(("s", "ed")):
        return None
    if word.lower() in {n.lower() for n in spec.item_nouns}:
        return None
    mod = _NAME_RIGHT_BEFORE.search(sentence, max(0, span[0] - 30), span[0])
    if mod is None or mod.start("name") == 0 or not _NOUN_CONTEXT_AFTER.match(sentence, span[1]):
        return None
    name = mod["name"]
    if _own_or_common(spec, name):
        return None
    # a lower-case anchor shows the sentence is not in title case, so the capital before it marks a name
    return name if sentence[span[0]].islower() else None


# Acts told in sequence: "will be welcomed in Nairobi on Oct. 31 and will travel to Mombasa on Nov. 2 before departing
# on Friday", "will leave Rome on Thursday, 31 August and land in Ulaanbaatar on Friday, 1 September". A word of
# change ("now", "instead", "moved") between two days makes the later one a new date instead.
_SEQUENCE_BETWEEN = re.compile(
    r"(?i:\band\s+(?:will\s+|would\s+|then\s+|later\s+|is\s+to\s+|are\s+to\s+)?[a-z]+\b|\bbefore\b|\bthen\b|"
    r"\bfollowed\s+by\b|\bafter\s+which\b)"
)
_CHANGE_BETWEEN = re.compile(r"(?i:\b(?:now|instead|new|moved|pushed|rescheduled|revised|from)\b)")


def _programme_start(
    sent: str, d: DateMention, mentions: Sequence[DateMention], signals: Sequence[StatusSignal]
) -> DateMention | None:
    """The earlier day of a programme of which `d` is a later leg, or None.

    A sentence that tells a trip, a ceremony or a launch campaign as a sequence of acts on days within a week ("will
    be welcomed on Tuesday 31st October and will travel to Mombasa on Thursday 2nd November", "the summit opens on
    June 15, followed by a state banquet on June 16") gives the item's day first; a later day is a leg of the
    programme, not the item moving. A postponement between the two days ("was set for June 1 and then delayed to
    June 5") or a word of change ("and will now take place on June 5") keeps the later day the item's; an arrival
    between them ("and land in Ulaanbaatar on Friday, 1 September") is one more leg.
    """
    if d.precision != "day":
        return None
    for p in mentions:
        if p.span[1] > d.span[0] or p.precision != "day" or not 0 < (d.start - p.start).days <= 7:
            continue
        between = sent[p.span[1] : d.span[0]]
        if not _SEQUENCE_BETWEEN.search(between) or _CHANGE_BETWEEN.search(between):
            continue
        if ";" in between:
            # "The Council on Tuesday adopted decisions ...; the agreements are scheduled to be signed on 30 June":
            # a programme is one subject's coordinated acts; a semicolon starts another subject's clause
            continue
        if any(p.span[1] <= g.span[0] < d.span[0] and g.status in ("postponed", "cancelled") for g in signals):
            continue  # "was set for June 1 and then delayed to June 5": the later day is where the item moved
        return p
    return None


def _subject_spans(spec: ExtractionSpec, sentence: str, title_mentions: bool) -> list[tuple[int, int]]:
    """The item's mentions in a sentence: its terms and, under a headline that names it, its definite references
    ("the summit"). A sentence that names the item only as the time of something else ("to narrow differences
    before COP30, ... as he opened the meeting") keeps its references for that other thing."""
    spans = spec._subject.spans(sentence)
    if title_mentions and not (
        spans
        and all(
            _SUBORDINATE_BEFORE_RE.search(sentence, max(0, a - 40), a) is not None
            and _TIME_PREPOSITION.search(sentence, max(0, a - 40), a) is not None
            for a, _ in spans
        )
    ):
        spans += [m.span() for m in spec._reference.finditer(sentence)]
    return sorted(spans)


# The prepositions that place a thing in time relative to the item ("before COP30", "ahead of the summit").
_TIME_PREPOSITION = re.compile(
    r"(?i:\b(?:ahead\s+of|before|after|following|in\s+the\s+run-up\s+to|on\s+the\s+eve\s+of|in\s+preparation\s+for|"
    r"prepar(?:e|es|ed|ing)\s+for)\s+(?:[\w'.-]+\s+){0,3}$)"
)


_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "this", "that", "some", "about", "over", "more", "nearly"})
_CALENDAR_WORDS = CALENDAR_WORDS  # "scrubs the Sept. 3 launch" names a date, not another thing


def _elliptical(sentence: str, subjects: list[tuple[int, int]], lo: int, start: int) -> bool:
    """Whether the clause [lo, start) drops its subject, so the previous clause's subject carries over.

    Headlines and summaries chain clauses about one thing with a semicolon or a dash and drop the repeated
    subject: "Valve problem scrubs Starliner launch; next try no earlier than Friday", "Crossrail pushed back again -
    will not open until October 2020". The carry-over needs the subject in the previous clause of the same sentence
    and no other name in this one before the word ("...; Xi to visit the US in April" is Xi's).
    """
    if lo == 0 or not any(sp[1] <= lo for sp in subjects):
        return False
    if _INDEFINITE_SUBJECT.search(sentence[lo:start].lstrip()):
        return False  # "...; a 45-foot-deep lane reopened Tuesday": the clause brings its own subject
    words = list(_WORD.finditer(sentence, lo, start))
    for i, w in enumerate(words):
        if i == 0 or not w.group()[0].isupper():
            continue
        if w.group().lower() not in _CALENDAR_WORDS:
            return False
    return True


# A noun post-modified by a participle phrase that names the item is the subject, the item only its complement:
# "licences issued under the December agreement took effect", "tariffs imposed under the trade deal took effect",
# "troops deployed for the summit arrived", "doses bought with the fund arrived".
_POSTMODIFIED_HEAD = re.compile(
    r"(?i:\b(?P<head>[a-z][a-z-]+)\s+(?P<part>(?:(?:[a-z]+(?:ed|en)|set|made|struck|cut|put|paid|won|held|built|"
    r"sold|bought|brought|kept|laid|led|sent|spent|shown)\s+(?:under|with|by|from|for|against|between)|"
    # a place phrase after a noun: "Metro line to Istanbul Airport slips to 2020", "roads at the new stadium open"
    r"to|at))\s+(?:(?:the|a|an|its|their|this|that)\s+)?(?:[\w-]+\s+){0,2}$)"
)
_NOT_A_HEAD = frozenset(
    {
        "it",
        "they",
        "he",
        "she",
        "we",
        "was",
        "were",
        "is",
        "are",
        "been",
        "be",
        "has",
        "have",
        "had",
        "and",
        "or",
        "but",
    }
)


def _not_governed(
    spec: ExtractionSpec,
    sentence: str,
    span: tuple[int, int],
    subjects: list[tuple[int, int]],
    *,
    announce: bool = False,
    strict: bool = True,
) -> str | None:
    """Why the verb/noun at `span` is not about the subject (None: it is).

    The subject must come first in the verb's clause ("Trump's visit was
    postponed", "Trump postpones Beijing visit"), or follow it as its object
    ("postponed Trump's visit", "the postponement of the trip", "confirmed
    that Trump will visit Beijing").  A subject mention introduced by a
    subordinating phrase ("ahead of Trump's trip", "to prepare for Trump's
    visit") is context, not the verb's argument, and for events a different
    actor right before the verb ("the vice premier will visit", "an advance
    team arrived") makes the verb that actor's.  `announce` verbs take whole
    clauses as objects; `strict` (statuses) also treats "for" as
    subordinating and bounds the object gap to six words.
    """
    if not subjects:
        return None
    start, end = span
    lo = 0
    for cm in _CLAUSE_RE.finditer(sentence, 0, start):
        lo = cm.end()
    hi = len(sentence)
    cm2 = _CLAUSE_RE.search(sentence, end)
    if cm2 is not None:
        hi = cm2.start()
    before = [sp for sp in subjects if lo <= sp[0] < end]
    if before:
        last = before[-1]
        pre = sentence[max(lo, last[0] - 40) : last[0]]
        subordinate = (
            last[1] <= start
            and _SUBORDINATE_BEFORE_RE.search(pre) is not None
            and "," in sentence[last[1] : start]
            and not any(sp[0] < last[0] for sp in before)
        )
        if (
            not subordinate
            and last[1] <= start
            and "," not in sentence[last[1] : start]
            and len(_WORD.findall(sentence[last[1] : start])) <= 3
            and (modified := _POSTMODIFIED_HEAD.search(sentence, lo, last[0]))
            # a name before "to" is a headline's subject with its infinitive ("Starmer to sign Chagos deal"), not a
            # noun with a place phrase ("Metro line to Istanbul Airport")
            and not (modified["part"].lower() in ("to", "at") and modified["head"][0].isupper())
        ):
            head = modified["head"].lower()
            own = {n.lower() for n in spec.item_nouns} | set(" ".join(spec.subject_terms).lower().split())
            own |= set(_REFERENCE_NOUNS.get(spec.kind, ())) | set(_EVENT_ANCHORS.get(spec.kind, ()))
            if head not in own and head not in _NOT_A_HEAD and not any(sp[0] < last[0] for sp in before):
                # "licences issued under the December agreement took effect": the verb's subject is the licences
                return f"the subject is '{modified['head']}' ('{modified['part']}' the item)"
        if not subordinate:
            if announce or spec.kind != "event" or last[1] > start:
                return None
            am = _AGENT_RE.search(sentence, last[1], start)
            if (
                am is not None
                and len(_WORD.findall(sentence[last[1] : am.start()])) <= 2
                and "," not in sentence[last[1] : am.start()]
            ):
                am = None  # "NASA's Psyche asteroid mission delayed": the agent noun heads the item's own phrase
            if am is not None and all(_AUX_OR_NAME.match(w) for w in _WORD.findall(am.group("gap"))):
                return f"actor '{am.group().split()[0]}' before the verb"
            im = _INDEFINITE_SUBJECT.search(sentence, last[1], start)
            if im is not None and im["head"].lower().rstrip("s") not in {n.rstrip("s") for n in spec.item_nouns}:
                # "...the channel; a 45-foot-deep lane reopened Tuesday", "an earlier test flight launched": an
                # indefinite noun phrase right before the verb brings in another thing, which the verb is about
                return f"another thing ('{im.group().strip()}') is the subject"
            return None
    after = [sp for sp in subjects if end <= sp[0] < hi]
    if not after:
        if not before and _elliptical(sentence, subjects, lo, start):
            return None  # "Valve problem scrubs Starliner launch; next try no earlier than Friday"
        return "no subject in the clause" if before else "subject only outside the clause"
    gap = sentence[end : after[0][0]]
    sub = _SUBORDINATE_RE.search(gap) or (_SUBORDINATE_FOR_RE.search(gap) if strict and not announce else None)
    if sub is not None:
        return f"subject after '{sub.group()}'"
    if strict and not announce and len(_WORD.findall(gap)) > 6:
        return "subject too far after the verb"
    return None


# A verb ending in a preposition of place ("lands in", "arrived at", "travelled to") takes the place as its
# complement: "Macron lands in Beijing" is Macron's arrival even when "Beijing" is one of the watch's terms. The
# item must be the verb's subject, before it in the clause.
_DESTINATION_VERB = re.compile(r"(?i:\s(?:in|at|to|into)$)")
_ANNOUNCE_RULES = frozenset({"confirm", "announce"})
# The clause a sentence-final reporting verb reports: "<told>, <reporter> confirms".
_TOLD_BEFORE_REPORTER = re.compile(r"^(?P<told>[^,;:]{8,}),\s+(?:[\w.'’-]+\s+){1,4}$")
# What an announcement may take as its object and still be about the item: a clause ("that ...", "Trump will
# visit"), the item itself, its date or its schedule.
_ANNOUNCE_OBJECT_GAP = 5
# A leg or stop of a journey named by its place, as the subject of a status verb: "New Zealand leg scrubbed".
_LEG_BEFORE = re.compile(
    r"(?P<place>\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s+(?:leg|stop|stopover|portion|part)\s+"
    # the whole the part belongs to may follow it: "with the Jordan portion of the trip called off"
    r"(?:of\s+(?:the|his|her|their|its)\s+(?:[\w-]+\s+)?(?:trip|tour|visit|journey)\s+)?(?:(?:is|was|has\s+been)\s+)?$"
)
# An announcement's object that is a clause with a named subject: "confirmed King Charles and Queen Camilla will
# tour Australia".
_NAMED_CLAUSE_OBJECT = re.compile(
    r"\s+(?:that\s+)?(?:(?:[A-Z][\w'’.-]*|and|the)\s+){1,6}(?:will|would|is|are|has|have|to|plans?)\b"
)


def _own_traveller_before(spec: ExtractionSpec, sentence: str, span: tuple[int, int]) -> bool:
    """Whether the verb's agent right before it is one of the title's own names and not a place: "Pope Francis
    lands in Mongolia" on a watch titled "Pope Francis trip to Mongolia" whose terms name only the places."""
    agent = _agent_before(sentence, span[0])
    if agent is None:
        return False
    name = agent["name"]
    return name.lower() in spec._own_names and not places_in(name)


def _subject_before(sentence: str, span: tuple[int, int], subjects: list[tuple[int, int]]) -> bool:
    lo = 0
    for cm in _CLAUSE_RE.finditer(sentence, 0, span[0]):
        lo = cm.end()
    return any(lo <= a < span[0] for a, _ in subjects)


def _subject_is_agent(sentence: str, span: tuple[int, int], subjects: list[tuple[int, int]]) -> bool:
    """Whether the item is the subject of the verb at `span` itself, not a modifier of another noun: "the visit was
    confirmed", "Trump confirms", but not "BER operator confirms" (the operator does)."""
    if not _subject_before(sentence, span, subjects):
        return False
    last = max((sp for sp in subjects if sp[1] <= span[0]), default=None, key=lambda sp: sp[1])
    if last is None:
        return True
    gap = _WORD.findall(sentence[last[1] : span[0]])
    return all(_AUX_OR_NAME.match(w) or w.lower() in {"has", "have", "had", "now", "also", "officially"} for w in gap)


def _clause_about_item(
    spec: ExtractionSpec, tail: str, subjects: list[tuple[int, int]], offset: int, mentions: Sequence[DateMention]
) -> bool:
    """Whether a "that" clause after an announcement is about the item: it names the item (a term, its noun or a
    reference) within its first words, or a date follows at once ("confirmed that the visit will take place",
    "confirmed that inspectors had flagged defects" is not)."""
    head = tail[:60]
    if any(offset <= a < offset + 60 for a, _ in subjects):
        return True
    nouns = {n.lower() for n in (*_REFERENCE_NOUNS.get(spec.kind, ()), *spec.item_nouns)}
    if any(w.lower().rstrip("s") in nouns or w.lower() in nouns for w in _WORD.findall(head)):
        return True
    return any(offset <= d.span[0] <= offset + 40 for d in mentions)


# What an announcement can be of besides the item: news about it.
_INFO_NOUNS = frozenset(
    {
        "update",
        "detail",
        "news",
        "review",
        "change",
        "statement",
        "delay",
        "postponement",
        "cancellation",
        "setback",
        "problem",
        "issue",
        "investigation",
        "inquiry",
        "probe",
        "findings",
        "finding",
    }
)


# An announcement's object that is a noun phrase: "Australia's recognition of ...", "the new cabinet".
_NOUN_PHRASE_OBJECT = re.compile(
    # (or a bare adjective and noun: "announce strategic partnership")
    r"\s+(?:[A-Z][\w.-]*['’]s|the|a|an|its|his|her|their|new|(?-i:[a-z]+(?:ic|al|ive|ous|ed|ing)))\s+"
)
_CLAUSE_CLOSED_AFTER = re.compile(r"(?i:\s*(?:[,;:.]|$)|\s+(?:as|after|amid|while|despite|following|ahead\s+of)\b)")
_CLAUSE_WORDS = frozenset(
    {"that", "will", "would", "is", "was", "has", "had", "plans", "dates", "date", "schedule", "to"}
)


_TRAVEL_OR_MEETING = re.compile(
    r"(?i:\b(?:meet|meets|visit|visits|travel|travels|arrive|arrives|land|lands|fly|flies)\b)"
)


def _announces_other(
    spec: ExtractionSpec,
    sentence: str,
    span: tuple[int, int],
    subjects: list[tuple[int, int]],
    mentions: Sequence[DateMention],
) -> str | None:
    """Why a "confirmed"/"announced" is about something else, or None.

    "China confirms Xi-Trump call", "the inspector general confirmed more than 100 locations", "confirmed it had
    received the report": the verb's object is another thing. An announcement confirms the item when its subject
    is the item ("the visit was confirmed"), or when the object that follows within a few words is a clause
    ("confirmed that ...", "confirms Trump will visit"), the item's noun, or a date ("announced May 14 as ...").
    """
    tail = sentence[span[1] :]
    if not _WORD.search(tail) and (told := _TOLD_BEFORE_REPORTER.search(sentence, 0, span[0])) is not None:
        # "Cheng Lei released after three years in Chinese detention, Albanese confirms": a reporting verb closing
        # the sentence confirms the clause before it, which must name the item
        nouns = {n.lower() for n in (*_REFERENCE_NOUNS.get(spec.kind, ()), *spec.item_nouns)}
        said = [w.lower() for w in _WORD.findall(told["told"])]
        if not any(w in nouns or w.rstrip("s") in nouns for w in said) and not (
            spec.travels
            and spec._subject
            and spec._subject.search(told["told"])
            and _TRAVEL_OR_MEETING.search(told["told"])
        ):
            # (a traveller's own trip or meeting told in the clause is the trip: "Biden to meet King Charles at
            # Windsor on 10 July, White House and Palace confirm")
            return "what was confirmed is the clause before it (" + " ".join(said[:5]) + ")"
        return None  # "Voice referendum to be held on October 14, Albanese announces": the item's clause confirmed
    nouns = {n.lower() for n in (*_REFERENCE_NOUNS.get(spec.kind, ()), *spec.item_nouns)}
    words = _WORD.findall(tail)[:_ANNOUNCE_OBJECT_GAP]
    lowered = [w.lower().strip(".,'") for w in words]
    if _subject_is_agent(sentence, span, subjects):
        if (
            (spec.travels or (spec.kind == "event" and not spec._subject.search(tail[:60])))
            and _NOUN_PHRASE_OBJECT.match(tail)
            and not any(w.rstrip("s") in nouns or w in nouns for w in lowered)
            and not any(span[1] <= d.span[0] <= span[1] + 40 for d in mentions)
            and not any(w in _CLAUSE_WORDS for w in lowered)
        ):
            # "Albanese announces Australia's recognition of Palestinian state": the traveller announces, and what
            # he announces is a noun phrase naming neither the trip nor a day
            return "what was announced is another thing (" + " ".join(words[:4]) + ")"
        return None
    before = [w.lower() for w in _WORD.findall(sentence[max(0, span[0] - 30) : span[0]])][-2:]
    # "Trump meeting confirmed as Albanese prepares to fly": the item's noun before the participle is what was
    # confirmed, whatever follows
    # (when a conjunction or a comma closes it: "confirmed for 11/11/22" leaves the date to the other rules)
    noun_confirmed = (
        sentence[span[0] : span[1]].lower().startswith(("confirmed", "announced"))
        and any(w.rstrip("s") in nouns or w in nouns for w in before)
        and _CLAUSE_CLOSED_AFTER.match(tail) is not None
    )
    if lowered and lowered[0] == "that" and not _clause_about_item(spec, tail, subjects, span[1], mentions):
        return "what was confirmed is another thing (" + " ".join(words[:5]) + ")"
    if _NAMED_CLAUSE_OBJECT.match(tail) and _clause_about_item(spec, tail, subjects, span[1], mentions):
        return None  # "confirmed King Charles and Queen Camilla will tour Australia": a clause about the item
    if lowered and lowered[0] in {"that", "the", "its", "his", "her", "their", "a"} and len(lowered) > 1:
        lowered = lowered[1:]
    info = next((w for w in lowered if w.rstrip("s") in _INFO_NOUNS), None)
    if info is not None and not any(span[1] <= d.span[0] <= span[1] + 40 for d in mentions):
        # "NASA Announces Psyche Mission Launch Update", "confirms launch delay": what is announced is news about the
        # item, not the item confirmed
        return f"what was announced is an {info}, not the item"
    if any(w.rstrip("s") in nouns or w in nouns for w in lowered):
        return None
    if any(span[1] <= d.span[0] <= span[1] + 40 for d in mentions):
        return None
    if any(w in {"will", "would", "is", "was", "has", "had", "plans", "dates", "date", "schedule"} for w in lowered):
        return None
    if subjects and any(span[1] <= a <= span[1] + 30 for a, _ in subjects) and "that" in lowered[:1]:
        return None
    if noun_confirmed:
        return None
    return "what was confirmed is another thing (" + " ".join(words[:4]) + ")"


def _nearest(spans: list[tuple[int, int]], q: tuple[int, int]) -> int | None:
    best: int | None = None
    for a, b in spans:
        dist = q[0] - b if b <= q[0] else (a - q[1] if a >= q[1] else 0)
        if best is None or dist < best:
            best = dist
    return best


# An actor after one of these words is a destination, origin or comparison
# ("sales to China", "imports from Brazil", "more than Argentina"), not the
# grammatical subject of the quantity's verb.
_NOT_SUBJECT_BEFORE = re.compile(
    r"(?i:\b(?:to|into|toward|towards|for|from|than|with|versus|vs\.?|against|by|of)\s+(?:the\s+)?$)"
)
_QTY_CLAUSE_RE = re.compile(r";|(?<!\d):(?!\d)|\s-\s|\bwhile\b|\bwhereas\b|\bbut\b")


def _subject_actor_is_other(spec: ExtractionSpec, sentence: str, q: Quantity) -> str | None:
    """The other actor that is the subject of the quantity's clause, if any.

    The nearest actor term (ours or another) before the quantity in its
    clause, skipping destinations/origins ("to China", "from Brazil"), is the
    one doing the buying or selling: "Brazil shipped 8.7 million tons of
    soybeans to China" is Brazil's number, "China bought 3 million tons,
    more than from Brazil" is China's.
    """
    start = q.span[0]
    lo = 0
    for cm in _QTY_CLAUSE_RE.finditer(sentence, 0, start):
        lo = cm.end()
    best: tuple[int, bool, str] | None = None
    for matcher, other in ((spec._actor, False), (spec._other_actor, True)):
        for m in matcher.finditer(sentence):
            a, b = m.span()
            if a < lo or b > start:
                continue
            if _NOT_SUBJECT_BEFORE.search(sentence, max(lo, a - 12), a):
                continue
            if best is None or a > best[0]:
                best = (a, other, m.group())
    if best is not None and best[1]:
        return best[2]
    return None


_RELATIVE_OWNER_BEFORE = re.compile(
    r"(?P<name>\b[A-Z][\w'’.-]*)\s*,\s+(?:which|who|whose)\s+(?:[\w'’-]+\s+){0,4}?"
    r"(?:(?:about|nearly|some|over|more\s+than|almost|around)\s+)?$"
)


# A clause joined by a conjunction, with a capitalised subject (quoted titles too) and the verb that takes the figure:
# "as 'Barbie' clinches $1bn", "in which Barbie crossed $1.03bn", "while Boeing delivered 528".
_JOINED_CLAUSE_SUBJECT = re.compile(
    r"(?i:\b(?:as|while|whereas|in\s+which|when|but|and|after)\s+)(?P<name>['‘\"“]?(?-i:[A-Z])[\w'’.&+-]*(?:\s+(?-i:[A-Z])[\w'’.&+-]*){0,2}['’\"”]?)"
    r"\s+(?:(?:has|had|have|also|just)\s+)?(?-i:[a-z]+)\s+(?:about\s+|nearly\s+|over\s+|more\s+than\s+|some\s+)?$"
)


def _other_entity_clause(spec: ExtractionSpec, sentence: str, q: Quantity) -> str | None:
    """The name a figure's clause is about, when the item is named only in another clause of the sentence.

    "India crosses 100 crore Covid vaccine doses; exports to COVAX to resume": the figure sits in a clause whose
    subject (its first word) is India, and COVAX (the item) in the next one. Names in the watch's title are the
    item's own ("India's total at 88.34 crore" on "India COVID-19 vaccination drive"). Clauses are cut at
    semicolons, colons and dashes; a sentence that does not name the item at all inherits the title's item and is
    left to the other rules.
    """
    if not spec._subject or not spec._subject.search(sentence):
        return None
    rel = _RELATIVE_OWNER_BEFORE.search(sentence, max(0, q.span[0] - 80), q.span[0])
    if rel is not None:
        # "leaving it behind U.S. rival Boeing, which handed over 130 aircraft": a relative clause's figure is its
        # antecedent's
        name = rel["name"].removesuffix("'s").removesuffix("’s")
        if name.lower() not in spec._own_names and _is_other_name(spec, sentence, rel.start("name"), name):
            return name
    joined = _JOINED_CLAUSE_SUBJECT.search(sentence, max(0, q.span[0] - 80), q.span[0])
    if joined is not None:
        # "'Oppenheimer' tops $550 million as 'Barbie' clinches $1bn", "the same frame in which Barbie crossed $1.03bn":
        # a clause joined by a conjunction has its own subject, and the figure its verb takes is that subject's
        name = joined["name"].strip("'‘’\"“”").removesuffix("'s").removesuffix("’s")
        words = _name_words(name)
        if (
            words
            and not any(w in spec._own_names for w in words)
            and _is_other_name(spec, sentence, joined.start("name"), name)
        ):
            return name
    lo = 0
    for cm in _CLAUSE_RE.finditer(sentence, 0, q.span[0]):
        lo = cm.end()
    cm2 = _CLAUSE_RE.search(sentence, q.span[1])
    hi = cm2.start() if cm2 is not None else len(sentence)
    if (
        spec._own_places
        and (world := _WORLD_SCOPE.search(sentence, lo, hi)) is not None
        and not any(_WORLD_SCOPE.fullmatch(w) for w in spec.title_words)
    ):
        # "Tesla delivered 466,140 electric vehicles worldwide" on a watch of US EV sales: a figure scoped to the
        # world is not one country's (a title that names the world, "Zootopia 2 worldwide box office", has no place)
        return world.group().lower()
    if spec._actor_places:
        # a country or bloc acting in the figure's clause that is not the watch's: "North Korea has shipped over
        # 1 million artillery shells to Russia" on the EU's shells for Ukraine. A watch that names only a city
        # ("Kabul airlift") names where its item happens, not who acts: any country may.
        actors = {
            name
            for start, _, name in places_in(sentence[lo : q.span[0]])
            if not _VENUE_BEFORE.search(sentence, lo, lo + start)
        }
        if actors and not actors & spec._own_places:
            return sorted(actors)[0].title()
    for a, _b in spec._subject.spans(sentence[lo:hi]):
        # "MP wheat procurement at 45 LMT": another name modifying the item's term makes it that name's figure
        before = re.search(r"(?P<name>\b[A-Z][\w'’.-]*)\s+$", sentence[lo : lo + a])
        if before is None or a > q.span[0] - lo:
            continue
        name = before["name"].removesuffix("'s").removesuffix("’s")
        named_places = places_in(name)
        # "MP", "UP": a state, a company, an agency (a country's abbreviation is judged as a place)
        acronym = name.isupper() and 2 <= len(name) <= 4 and not named_places
        place = bool(spec._actor_places) and any(p not in spec._own_places for _, _, p in named_places)
        owner_before = re.search(
            r"(?P<own>\b[A-Z][\w'’-]*)(?:\s+[\w'’.-]+){0,2}\s+$",
            sentence[max(lo, lo + before.start() - 30) : lo + before.start()],
        )
        if acronym and owner_before is not None and owner_before["own"].lower().removesuffix("'s") in spec._own_names:
            continue  # "BYD Aug NEV sales": after the item's own name the acronym is a kind of its product
        if (acronym or place) and _is_other_name(spec, sentence, lo + before.start(), name):
            return name
    if spec._subject.search(sentence[lo:hi]):
        return None
    own = {n.lower() for n in spec.title_names}
    first = next(_WORD.finditer(sentence, lo, q.span[0]), None)  # the clause's subject comes first
    if first is None:
        return None
    word = first.group().strip(".'").removesuffix("'s")
    # a span of months ("Jan-Nov at 2,683,374") is a period, not a subject
    calendar = all(part in _CALENDAR_WORDS for part in re.split(r"[-\u2013]", word.lower()) if part)
    if len(word) > 1 and word[0].isupper() and not calendar and word.lower() not in own | _DETERMINERS:
        if {name for _, _, name in places_in(word)} & spec._own_places:
            return None  # "Kyiv's total hits about $10 billion" on a watch of Ukraine's: its capital is its own
        return word
    return None


# The whole world as a figure's scope.
_WORLD_SCOPE = re.compile(r"(?i:\b(?:worldwide|globally|global|around\s+the\s+world|across\s+the\s+world)\b)")


# A figure scoped to a year in its own clause: "admitted 25,465 refugees in fiscal 2022", "sold 1.31 million in 2022",
# "FY2022 deliveries of 661".
_YEAR_SCOPE = re.compile(
    r"(?i:\b(?:in|for|during|over|throughout)\s+(?:(?:the\s+)?(?:fiscal|financial|calendar)\s+(?:year\s+)?|FY\s?)?"
    r"(?P<y>(?:19|20)\d\d)\b|\bFY\s?(?P<fy>(?:19|20)?\d\d)\b)"
)


# A count since an earlier start: "since its launch", "since the start of the war", "since 2022".
_SINCE_SCOPE = re.compile(
    # (the start of something named is that thing's: "since the start of the mela" counts the item itself)
    r"(?i:\bsince\s+(?:(?:its|the|their)\s+)?(?:launch|start|inception|beginning|creation|founding|debut)\b"
    r"(?!\s+of\s+(?!(?:the\s+|this\s+)?(?:year|(?:19|20)\d\d)\b))"
    # (the start of the titled year is the year's own: "since the beginning of the year", "since the start of 2024")
    r"(?:\s+of\s+(?:the\s+|this\s+)?(?:(?P<of>year)|(?P<y2>(?:19|20)\d\d)))?"
    # (a start dated by its month: "since its launch in January", "since its debut in March 2025")
    r"(?:\s+(?:in|on)\s+(?P<mon>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?(?:\s+(?P<y3>(?:19|20)\d\d))?)?"
    r"|\bsince\s+(?P<y>(?:19|20)\d\d)\b)"
)


def _other_period(spec: ExtractionSpec, sentence: str, q: Quantity, published: date | None = None) -> str | None:
    """The other year a figure is scoped to, or None: a watch whose title names its year ("FY2023", "2023
    deliveries") counts that year, and a figure its clause gives "in fiscal 2022" is last year's total, as is one
    given "last year" ("sold about 18.6 lakh vehicles last year", published in 2023), or one a year owns ("2019's
    31.88 million")."""
    own_years = set(spec.title_years)
    lo = 0
    for cm in _CLAUSE_RE.finditer(sentence, 0, q.span[0]):
        lo = cm.end()
    owner = _YEAR_OWNS_FIGURE.search(sentence, max(lo, q.span[0] - 40), q.span[0])
    owners = own_years or ({published.year} if published is not None else set())
    if owner is not None and int(owner["y"]) not in owners:
        # "have already exceeded 2019's 31.88 million": the year's possessive makes the figure that year's
        return owner.group().strip()
    if not own_years:
        return None
    end = _CLAUSE_RE.search(sentence, q.span[1])
    hi = min(end.start() if end else len(sentence), q.span[1] + 50)
    for since in _SINCE_SCOPE.finditer(sentence, lo, hi):
        if since["mon"] is not None and (
            int(since["y3"]) in own_years if since["y3"] else published is not None and published.year in own_years
        ):
            continue  # "since its launch in January", read in the titled year: the count is the year's own
        year = since["y"] or since["y2"]
        if since["of"] is None and (year is None or int(year) < min(own_years)):
            # "tops 4.4 million rounds since launch" on a watch of 2025's rounds: a count since an earlier start
            # spans more than the titled year
            return since.group().strip()
    split = SPLIT_YEAR.search(sentence, lo, q.span[0]) or SPLIT_YEAR.search(sentence, q.span[1], hi)
    if split is not None and split.start() > q.span[1] and "," in sentence[q.span[1] : split.start()]:
        split = None  # "rose to 19.93 per cent in July, taking the 2024-25 average to ...": another clause's year
    if not spec.title_spans_years and split is not None:
        # "China's 2022/23 soybean imports top 100 million tonnes" on a watch of its 2023 imports: a marketing or
        # fiscal year across two calendar years is another period than the calendar year the title names
        return split.group()
    for m in _YEAR_SCOPE.finditer(sentence, lo, hi):
        raw = m["y"] or m["fy"]
        year = int(raw) if len(raw) == 4 else 2000 + int(raw)
        if year not in own_years:
            return m.group().strip()
    if published is not None and published.year - 1 not in own_years:
        # after the figure only: before it, "last year" is most often a comparison's base ("up 34% from the same
        # month last year, bringing its total for the year to 244")
        last = _LAST_YEAR.search(sentence, q.span[1], hi)
        if (
            last is not None
            and not _COMPARISON_BEFORE.search(sentence, max(q.span[1], last.start() - 30), last.start())
            # ("totaled 14,446,600, well above the 11.6 million of a year earlier": the period is the nearer figure's)
            and not re.search(r"\d", sentence[q.span[1] : last.start()])
        ):
            return last.group().strip()
    return None


# A noun right after the item's name (a code or number of it may come between) that makes the name its modifier:
# "rejects some Bill C-11 amendments", "passes the deal's implementing legislation" is not the deal passed.
_PART_OF_ITEM_AFTER = re.compile(
    r"(?:['’]s)?(?:\s+[A-Z]{1,3}-?\d+[\w-]*)?\s+(?P<noun>amendments?|changes|provisions?|clauses?|motions?|"
    r"riders?|debate|hearings?|review|scrutiny|stage|reading|committee)\b"
)


# A year across two calendar years: "2022/23", "2023-24", "FY2024-25" (watch.py reads titles with it too).
SPLIT_YEAR = re.compile(r"(?<![\d/-])(?:19|20)\d\d[/-]\d\d(?![\d/-])")


# A year's possessive owns the figure after it as another period's: "exceeded 2019's 31.88 million", "beat 2022's
# record 1.3 million", "2023's total of 1.81 million".
_YEAR_OWNS_FIGURE = re.compile(
    r"(?i:\b(?P<y>(?:19|20)\d\d)['’]s\s+(?:[\w-]+\s+){0,3}?(?:of\s+)?(?:about\s+|some\s+)?$)"
)
_COMPARISON_BEFORE = re.compile(
    r"(?i:\b(?:from|than|over|versus|vs\.?|compared\s+(?:with|to)|same\s+\w+)\s+(?:\w+\s+){0,2}$)"
)
# (a possessive owns the figure after it, not the one before: "reached 96% on 1 October, against last year's 89%")
_LAST_YEAR = re.compile(
    r"(?i:\b(?:last\s+year|a\s+year\s+(?:earlier|ago|before)|the\s+(?:previous|prior)\s+year)\b(?!['’]s))"
)


# "sold 210,295 NEVs in April", "207,080 in Mar": a figure with one month after it ("in" or "during", not "by",
# "through" or "as of", which close a running total)
# A later quarter is a period within the year, as a month is; the first quarter is also the year to date.
_LATER_QUARTER = r"(?:(?i:second|third|fourth|2nd|3rd|4th)[-\s](?i:quarter)|Q[234])"
_MONTH_AFTER_FIGURE = re.compile(
    rf"^(?:\s+[\w-]+){{0,3}}?\s+(?:in|during)\s+(?:(?:the\s+month\s+of\s+)?{MONTH_NAME_PATTERN}|(?:the\s+)?{_LATER_QUARTER})"
    rf"(?![\w-])(?!\s*[-\u2013]\s*\w)"
)
# "April NEV sales edge up to 210,295", "BYD's June sales rose 88% year-on-year to 253,046": one month's measure
_MONTH_MEASURE_BEFORE = re.compile(
    rf"(?<![-\u2013])\b(?:{MONTH_NAME_PATTERN}|{_LATER_QUARTER})\s+(?:[\w-]+\s+)?(?:sales|deliveries|handovers|shipments|output|exports|imports|purchases|"
    rf"arrivals|registrations|orders|volumes?)\b(?:\s+[\w%.-]+){{0,5}}?\s+$"
)
# A running total's own words before the figure: "Jan-Apr at", "cumulative", "year-to-date", "first four months".
_CUMULATIVE_CUE = re.compile(
    r"(?i:\b(?:cumulative(?:ly)?|year-to-date|ytd|so\s+far|to\s+date|in\s+total|total|first\s+(?:\w+\s+)?"
    r"(?:months|quarter|half)|[A-Z][a-z]{2}\s*[-\u2013]\s*[A-Z][a-z]{2}|h1|q[1-4]|bringing|taking)\b)"
)


def _one_month_figure(spec: ExtractionSpec, sentence: str, q: Quantity) -> str | None:
    """The month a figure is scoped to, when the watch counts a longer period, or None.

    Monthly reports give the month's figure beside the running total: "BYD April NEV sales edge up to 210,295; Jan-Apr
    at 762,371", "sold 207,080 new energy vehicles in March, ..., bringing first-quarter sales to 552,076", "Airbus
    delivered 75 jets in November, taking the year's total to 663". On a watch of a year's total (a year in its
    title), the month's figure is an increment, not the total. A figure with a running total's word before it in its
    own part of the sentence ("year-to-date sales top 1 million as May sales hit ...") is the total.
    """
    if not spec.title_years or spec.unit == "percent":
        return None  # (a share is a level each month reports anew, not a sum the month adds to)
    seg_lo = max(sentence.rfind(",", 0, q.span[0]), sentence.rfind(";", 0, q.span[0]), -1) + 1
    cue = max(_CUMULATIVE_CUE.finditer(sentence, seg_lo, q.span[0]), key=lambda m: m.start(), default=None)
    before = _MONTH_MEASURE_BEFORE.search(sentence, max(seg_lo, q.span[0] - 70), q.span[0])
    if before is not None and (cue is None or cue.start() <= before.start()):
        return before.group().strip()  # the month's measure nearer the figure than any running total's word
    if cue is not None:
        return None
    after = _MONTH_AFTER_FIGURE.match(sentence[q.span[1] : q.span[1] + 60])
    return after.group().strip() if after is not None else None


def _attach(
    spec: ExtractionSpec,
    sentence: str,
    q: Quantity,
    title_product: bool,
    title_actor: bool,
    published: date | None = None,
) -> str | None:
    """None if the quantity is about our product and actor, else the reason it is not."""
    other = _other_entity_clause(spec, sentence, q)
    if other is not None:
        return f"in a clause about '{other}', not the item"
    period = _other_period(spec, sentence, q, published)
    if period is not None:
        return f"the figure of {period}, not the item's"
    month = _one_month_figure(spec, sentence, q)
    if month is not None:
        return f"one month's figure ('{month}'), not the running total"
    if spec._other_actor and spec._actor:
        who = _subject_actor_is_other(spec, sentence, q)
        if who is not None:
            return f"another actor ('{who}') is the subject"
    for ours, theirs, title_has, label in (
        (spec._product, spec._other_product, title_product, "product"),
        (spec._actor, spec._other_actor, title_actor, "actor"),
    ):
        if not ours:
            continue
        d_ours = _nearest(ours.spans(sentence), q.span)
        other_spans = theirs.spans(sentence)
        d_theirs = _nearest(other_spans, q.span)
        if d_ours is None and d_theirs is None:
            if not title_has:
                return f"no {label} mentioned"
            continue
        if d_ours is None or (d_theirs is not None and d_theirs < d_ours):
            return f"nearer to another {label}"
        if label == "actor":
            for a, _b in other_spans:
                if a > q.span[1] and sentence[max(q.span[1], a - 6) : a].rstrip().lower().endswith("from"):
                    return "from another actor"
    return None


# A wire dateline opening a summary: "TOKYO (March 23) -", "NEW DELHI, Feb 3 (PTI)", "WASHINGTON, Jan. 5 (Reuters) -".
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z .'’-]{2,30},\s*(?P<d1>[A-Z][a-z]{2,8}\.?\s+\d{1,2})\s*\(|"
    r"[A-Z][A-Z .'’-]{2,30}\(\s*(?P<d2>[A-Z][a-z]{2,8}\.?\s+\d{1,2})\s*\))"
)
OLD_DATELINE_DAYS = 14


def _old_dateline(summary: str, published: date) -> str | None:
    """The dateline's day when a summary opens with a wire dateline more than OLD_DATELINE_DAYS before `published`
    (read in the year that puts it on or before publication), else None."""
    m = _DATELINE.match(summary)
    if m is None:
        return None
    text = m["d1"] or m["d2"]
    found = [d for d in find_dates(text, published) if d.precision == "day"]
    if not found:
        return None
    day = found[0].start
    if day > published:
        day = in_year(day, day.year - 1)
    return text if (published - day).days > OLD_DATELINE_DAYS else None


def _retold_year(sentence: str, published: date) -> int | None:
    """The past year whose report the sentence retells ("said in 2021", "in its third-quarter 2021 report"), if any.

    A sentence that tells what was said in a year before the entry's tells old news under a new timestamp; the
    other sentences of the same entry ("... now says it will ship in March; it said in 2021 it would ship in 2022")
    still report."""
    dated = _DATED_REPORT.search(sentence)
    if dated is None:
        return None
    year = int(dated["y"] or dated["y2"])
    return year if year < published.year else None


_HEDGE_IN_RULE = re.compile(r"; hedge '(?P<cue>[^']+)'")
# Hedges that doubt a day, as opposed to the plan words a timetable is told in ("expected on Oct. 13", "plans to open
# on May 1"): a headline's day that its story gives only with one of these is doubted too.
_DOUBT_HEDGE = re.compile(
    r"(?i:should|could|may|might|would|likely|unlikely|possibly|probably|tentative(?:ly)?|reportedly|"
    r"sources?\b.*|people\s+familiar.*|no\s+official.*|rumou?r.*|speculat.*|unconfirmed)"
)


def extract_observations(
    spec: ExtractionSpec,
    *,
    title: str,
    summary: str,
    published: datetime | date,
    notes: list[str] | None = None,
) -> list[Observation]:
    """Observations (statuses, dates, values) for one entry and one watch.

    Pure and deterministic: depends only on the arguments.  `published` is the
    entry's publication time; only its date is used.  When `notes` is given,
    what was read and set aside (a negated verb, a verb about another actor, a
    figure in another unit) is appended to it with the reason, for ``explain``.
    """
    pub = published.date() if isinstance(published, datetime) else published
    note = notes.append if notes is not None else None
    genre = (
        _GENRE.match(title)
        or _GENRE.match(summary)
        or _EXPLAINING_HEADLINE.match(title)
        or _GUIDE_HEADLINE.match(title)
        or _EXPLAINER_SUMMARY.match(summary)
        or _QUESTION_HEADLINE.match(title)
    )
    if genre is not None:
        # "Explainer: why China's regulator is the last hurdle", "Opinion: the hostage deal agreed in Doha is
        # fragile": a piece labelled as comment, analysis or background retells the news, it reports none
        if note:
            note(f"a {genre['genre'].strip().lower()} piece: it retells the news and reports none")
        return []
    if spec._entry_filter and not (spec._entry_filter.search(title) or spec._entry_filter.search(summary)):
        if note:
            note("no sentence names the item (subject terms: " + ", ".join(spec.subject_terms) + ")")
        return []
    if (dateline := _old_dateline(summary, pub)) is not None:
        # "TOKYO (March 23) - Toshiba's board said on Thursday ...", served in November: a wire story's dateline
        # dates the whole story, and a dateline weeks before the entry's publication is an old story resurfacing
        if note:
            note(f"its dateline ('{dateline}') is weeks before publication: an old story")
        return []
    ctitle, body = entry_sentences(title, summary)
    if body:
        current = tuple(s for s in body if _retold_year(s, pub) is None)
        if not current:
            # "Activision Blizzard told investors in its third-quarter 2021 report that Diablo 4 would launch later",
            # re-served in 2023: the whole story is what a report of a past year said, and its headline with it
            if note:
                note(f"it retells a report of {_retold_year(body[0], pub)}: old news")
            return []
        if note and len(current) < len(body):
            note("set aside what a report of a past year said: " + "; ".join(s for s in body if s not in current))
        body = current
    sentences = (
        ((0, ctitle), *((i + 1, s) for i, s in enumerate(body)))
        if ctitle
        else tuple((i + 1, s) for i, s in enumerate(body))
    )
    if (sibling := sibling_in_series(spec, f"{title}\n{summary}")) is not None:
        if note:
            note(f"it names another of the item's series ('{sibling}') and never the item's own number")
        return []
    title_mentions = bool(ctitle) and spec._subject.search(ctitle)
    out: list[Observation] = []
    if spec.kind == "metric":
        title_product = bool(ctitle) and spec._product.search(ctitle)
        title_actor = bool(ctitle) and spec._actor.search(ctitle)
        # a headline figure that is another entity's ("MP wheat procurement at 45 LMT") makes the summary's same
        # figure that entity's too ("Madhya Pradesh has procured 45 lakh metric tonnes")
        elsewhere_values: set[float] = set()
        # and the reverse: a figure the summary scopes to another period ("356,000 heat pumps sold ... in 2023") is
        # the headline's bare figure too; read the summary's periods first, only when the headline has a figure
        scoped: dict[float, str] | None = None
        if ctitle and any(ch.isdigit() for ch in ctitle):
            scoped = _summary_periods(
                spec,
                [
                    sent
                    for idx, sent in sentences
                    if idx > 0 and not (spec._subject and not (title_mentions or spec._subject.search(sent)))
                ],
                pub,
            )
        for idx, sent in sentences:
            if spec._subject and not (title_mentions or spec._subject.search(sent)):
                continue
            if idx > 0 and (foreign := _foreign_subject(spec, sent)) is not None:
                if note:
                    note(f"sentence {idx}: its subject is another party ('{foreign}'), not the item")
                continue
            out.extend(
                _values(
                    spec,
                    sent,
                    idx,
                    pub,
                    title_product,
                    title_actor,
                    note,
                    elsewhere_values,
                    scoped if idx == 0 else None,
                )
            )
            out.extend(_target_deadline(spec, sent, idx, pub, note))
        return out
    # A headline whose status is someone else's (another party's deal, another traveller's visit) makes the
    # summary's same status that story's too: "Britain and Japan sign trade deal" / "... signed the agreement".
    elsewhere: set[str] = set()
    # and the reverse: a headline that only describes its traveller ("Chinese premier arrives in Canberra") over a
    # summary whose same act is a named other traveller's ("Premier Li Keqiang arrived ...") is that one's trip
    named_elsewhere: set[str] = set()
    for idx, sent in sentences:
        if not _about_subject(spec, sent, title_mentions):
            continue
        moved_at: int | None = None
        given_up: set[tuple[int, int]] = set()  # dates of schedules a cancelling verb gives up (see below)
        others_verbs: list[tuple[int, int]] = []  # status verbs set aside as another agent's: their dates go too
        subjects = _subject_spans(spec, sent, bool(title_mentions)) if spec._subject else []
        mentions = find_dates(sent, pub)
        signals = find_status_signals(sent, spec._vocab, outrank=False)
        first_status = len(out)
        for sig in signals:
            if (after := _AFTER_CLAUSE_BEFORE.search(sent, max(0, sig.span[0] - 60), sig.span[0])) is not None and any(
                o.span[1] <= after.start() and not o.negated for o in signals
            ):
                # "Countries finalize pandemic deal text after US walks away from talks": the main clause has its own
                # status; the "after" clause gives its background
                if note:
                    clause = after.group().strip()
                    note(f"status {sig.status} via '{sig.text}': background of the main clause ('{clause}')")
                continue
            if sig.negated:
                if note:
                    note(f"status {sig.status} via '{sig.text}': negated or denied")
                continue
            if idx != 0 and sig.rule.startswith("re:(?#title)"):
                continue  # present tense tells news only in a headline: "after the airport opens" is a condition
            if sig.rule.startswith("re:(?#title)") and _PREP_NP_BEFORE.search(
                sent, max(0, sig.span[0] - 50), sig.span[0]
            ):
                continue  # "queuing for midnight Switch 2 launches": a plural noun after a preposition, not a verb
            if sig.rule.startswith("re:(?#title)") and _OBJECT_VERB_BEFORE.search(
                sent, max(0, sig.span[0] - 50), sig.span[0]
            ):
                continue  # "SpaceX pauses Falcon 9 launches": the object of the headline's verb, a plural noun
            if (
                sig.status == "cancelled"
                and spec.kind == "event"
                and (dated := _dated_schedule_object(sent, sig, mentions)) is not None
            ):
                given_up.add(dated.span)
                # "Deutsche Bahn scraps December 2026 opening of Stuttgart 21", "abandoned plans to open the station
                # in December 2026": what is given up is the dated schedule, not the item, a postponement
                sig = replace(
                    sig, status="postponed", reasons=(*sig.reasons, f"the dated schedule ('{dated.text}') is given up")
                )
            if sig.status == "signed" and (
                (drafted := _TEXT_OBJECT_AFTER.match(sent, sig.span[1])) is not None
                or (drafted := _TEXT_SUBJECT_BEFORE.search(sent, max(0, sig.span[0] - 80), sig.span[0])) is not None
            ):
                # "Countries finalize pandemic deal text", "negotiators complete the draft treaty": a text settled is
                # an agreement reached, not yet signed or in force
                if drafted.start() >= sig.span[1] and _PROCESS_AFTER.match(sent, drafted.end()):
                    # "China, Serbia sign MoU to launch free trade agreement negotiations": a text whose purpose is
                    # to start or go on negotiating settles no terms (as "agree to resume talks" does not)
                    if note:
                        note(f"status {sig.status} via '{sig.text}': a text to begin negotiating, not the deal")
                    continue
                sig = replace(
                    sig, status="agreed", reasons=(*sig.reasons, f"the object is a text ('{drafted['noun']}')")
                )
            if sig.status == "confirmed" and _PAST_PERFECT_BEFORE.search(sent, max(0, sig.span[0] - 20), sig.span[0]):
                # "it had been set for a tentative launch by late March": the schedule that held before, not news
                if note:
                    note(f"status {sig.status} via '{sig.text}': a schedule in the past perfect, the one given up")
                continue
            if (
                sig.status == "postponed"
                and sig.confidence == "unconfirmed"
                and len(sig.reasons) == 1
                and sig.reasons[0].startswith("future/plan")
                and _FUTURE_PASSIVE_BEFORE.search(sent, max(0, sig.span[0] - 30), sig.span[0])
            ):
                # "Maiden flight from Noida airport to be delayed", "launch date to be reset": a delay in the future
                # passive is decided now (the old day no longer holds), unlike a happening still to come
                sig = replace(
                    sig,
                    confidence="confirmed",
                    reasons=(*sig.reasons, "a delay in the future passive is decided now"),
                )
            if (
                spec.kind == "event"
                and spec.travels
                and sig.status == "happened"
                and sig.confidence == "unconfirmed"
                and len(sig.reasons) == 1
                and sig.reasons[0] in ("future/plan 'will'", "future/plan 'to'", "future/plan 'shall'")
                and _DESTINATION_VERB.search(sig.text)
                and any(
                    d.precision == "day"
                    and d.start > pub
                    and 0 <= d.span[0] - sig.span[1] <= 40
                    # (a weekday before its date is part of it: "will land in Baghdad on Friday, 5 March")
                    and not re.search(r"[,;]", _WEEKDAY_COMMA_END.sub("", sent[sig.span[1] : d.span[0]]))
                    for d in mentions
                )
            ):
                # "Macron will arrive in Hanoi on May 25 for a state visit": a trip's arrival in the plain future
                # with its day is the trip's schedule, as "will visit on May 25" is
                sig = replace(
                    sig,
                    status="confirmed",
                    confidence="confirmed",
                    reasons=(*sig.reasons, "an arrival in the future with its day is the schedule"),
                )
            if (
                spec.kind == "event"
                and sig.status == "happened"
                and sig.confidence == "unconfirmed"
                and _FUTURE_PASSIVE_BEFORE.search(sent, max(0, sig.span[0] - 30), sig.span[0])
                and any(d.precision == "day" and d.start > pub and sig.span[1] <= d.span[0] for d in mentions)
            ):
                # "Tren Maya to be inaugurated Dec. 15", "the bridge will be opened on July 1": the happening in the
                # future passive with a day after it is the schedule, as "to open on July 1" is
                sig = replace(
                    sig,
                    status="confirmed",
                    confidence="confirmed",
                    needs_date=True,
                    reasons=(*sig.reasons, "the happening in the future passive, with a day: its schedule"),
                )
            if (_MOVE_PHRASE.search(sig.text) or sig.rule.startswith("re:\\b(?:pushe")) and not any(
                sig.span[0] <= d.span[0] <= sig.span[1] + 60 for d in mentions
            ):
                # "rebels have pushed to within 20km of Goma", "moved to a bigger venue": a verb of motion
                # postpones only with a time as its complement ("pushed to March", "slips to Dec. 24")
                if note:
                    note(f"status {sig.status} via '{sig.text}': a move with no time after it")
                continue
            if _MOVE_PHRASE.search(sig.text) and (act := _INFINITIVE_VERB_AFTER.match(sent, sig.span[1])) is not None:
                # "as Japan moves to raise defence spending to 2% of GDP by 2027": "moves to" with a verb takes a
                # step towards an act; it moves no date
                if note:
                    note(f"status {sig.status} via '{sig.text}': a move to act ('{act['verb']}'), not to a time")
                continue
            if sig.status == "confirmed" and (
                former := _EARLIER_SCHEDULE_BEFORE.search(sent, max(0, sig.span[0] - 30), sig.span[0])
            ):
                # "Skull and Bones was originally set for Nov. 8, but Ubisoft moved it": the schedule that no longer
                # holds is history, whatever its verb
                if note:
                    note(f"status {sig.status} via '{sig.text}': the earlier schedule ('{former.group().strip()}')")
                continue
            if (
                sig.status == "confirmed"
                and sig.text.lower() in _SCHEDULE_NOUNS
                and _NOUN_BEFORE.search(sent, max(0, sig.span[0] - 60), sig.span[0])
                and not any(sig.span[1] <= d.span[0] <= sig.span[1] + 25 for d in mentions)
            ):
                # "kept its full-year net bookings target": a schedule noun with no day after it is some measure's
                # goal ("the target of Sept. 24", "its target date, May 5" name the item's day)
                if note:
                    note(f"status {sig.status} via '{sig.text}': a goal named as a noun, with no day after it")
                continue
            if sig.needs_date and not any(
                _schedules(d, pub) and not _by_bound(sent, d) and hedge_cue(sent, d.span[0], goals=False) is None
                for d in mentions
            ):
                # (a day told as talk, "declining to comment on talk of a late-October ceremony", sets nothing)
                if note:
                    note(f"status {sig.status} via '{sig.text}': a schedule word confirms only with a day named")
                continue  # "Xi is set to visit later this year": a schedule needs a date
            if sig.needs_date and not any(_schedules(d, pub) and not is_floor(sent, d) for d in mentions):
                if note:
                    note(f"status {sig.status} via '{sig.text}': its day is a lower bound, not a schedule")
                continue  # "will launch no sooner than late August": a bound (see dates.is_floor)
            blocked = _not_governed(spec, sent, sig.span, subjects, announce=sig.status == "confirmed")
            if (
                blocked is None
                and _DESTINATION_VERB.search(sig.text)
                and not _subject_before(sent, sig.span, subjects)
                and not _own_traveller_before(spec, sent, sig.span)
            ):
                blocked = "the item is only the destination ('" + sig.text + "'), not who arrives"
            if blocked is None and spec.kind == "event" and sig.status in ("happened", "confirmed"):
                blocked = _other_traveller(spec, sent, sig)
            if blocked is None and spec.kind == "event":
                blocked = _other_agent(spec, sent, sig)
            if blocked is None and sig.status == "happened" and _REMOTE_TALKS.search(sig.text):
                # "Trong held phone talks with Biden": a call or a video meeting is no visit taking place
                blocked = "talks held remotely, not the item"
            if (
                blocked is None
                and spec.kind == "agreement"
                and (bought := _OF_NAME_AFTER.match(sent, sig.span[1])) is not None
                and _other_object_name(spec, sent, bought)
                and not spec._subject.search(sent[bought.start() : bought.end() + 30])
            ):
                # "MGM Resorts completes $2.1 billion purchase of CityCenter stake": a deal for another named thing
                blocked = f"a deal for another ('{bought['name']}')"
            if (
                blocked is None
                and spec.series
                and (sibling := _sibling_designation(spec, sent, 0, len(sent))) is not None
                and sibling_in_series(spec, sent) is not None
            ):
                # "Ariane 6 lifts off with Sentinel-1D radar satellite" on a watch of Sentinel-6B: a sentence that
                # names another of the item's series and never the item's own number tells that one's news
                blocked = f"another of the series ('{sibling}')"
            if (
                blocked is None
                and spec.kind == "event"
                and sig.status == "confirmed"
                and (gathering := _GATHERING_OBJECT_AFTER.match(sent, sig.span[1])) is not None
                and gathering["noun"].lower() not in {w.lower() for w in (*spec.item_nouns, *spec.title_words)}
            ):
                # "Apple on track for iPhone 17 event the week of Sept. 8" on a watch of the phone going on sale: the
                # schedule word's object is a presentation, a happening of its own
                blocked = f"a schedule of the {gathering['noun'].lower()}, another happening"
            if blocked is None and spec.kind == "event" and sig.status in ("happened", "confirmed"):
                blocked = _other_segment(spec, sent)
            if blocked is None and spec.kind == "event" and sig.status == "confirmed":
                blocked = _approval_of_other(spec, sent, sig, subjects)
            if blocked is None and spec.kind == "agreement" and sig.status in ("signed", "agreed"):
                blocked = _signed_other_document(spec, sent, sig, subjects)
            if blocked is None and spec.kind == "agreement" and _IN_FORCE.match(sig.text):
                blocked = _other_thing_in_force(spec, sent, sig)
            if (
                blocked is None
                and spec.kind == "agreement"
                and (part := _PART_OF_ITEM_AFTER.match(sent, sig.span[1])) is not None
            ):
                # "minister rejects some Bill C-11 amendments", "Senate blocks vote on the bill's amendments": the
                # verb's object is a part of the item or a step on it, named by the noun after the item's
                blocked = f"what is acted on is the item's {part['noun'].lower()}"
            if blocked is None and spec.kind == "agreement":
                blocked = _named_other_deal(spec, sent, sig)
            if blocked is None and idx == 0:
                blocked = _labelled_for_another(spec, sent)
            if blocked is None and spec.kind == "agreement" and sig.status == "agreed":
                blocked = _agreed_to_other(spec, sent, sig, subjects)
            if blocked is None and (other := _other_clause(spec, sent, sig.span[0])):
                blocked = f"a clause about '{other}'"
            if blocked is None and spec.kind == "event" and sig.status in ("postponed", "cancelled"):
                blocked = _other_object(spec, sent, sig)
            if (
                blocked is None
                and (
                    (spec.kind == "event" and sig.status == "cancelled")
                    or (spec.kind == "agreement" and sig.status == "collapsed")
                )
                # an active present or a participle: "India scraps ...", "..., scrapping tariffs on wine and cars"
                and re.fullmatch(r"[a-z]+(?:s|ing)", sig.text.strip()) is not None
                and _direct_object_is_other(spec, sent, sig.span[1])
            ):
                # "India scraps floor price on basmati rice exports" on a watch of the export ban: a transitive
                # cancellation of something other than the item
                blocked = "what is cancelled is not the item"
            if (
                blocked is None
                and spec.kind == "event"
                and sig.status == "happened"
                and (absent := _WITHOUT_ITS_PEOPLE_AFTER.match(sent, sig.span[1])) is not None
            ):
                # "Boeing's Starliner returns to Earth empty", "...landing without its crew, leaving Wilmore and
                # Williams behind": a return told with its people absent is not theirs
                blocked = f"it happened without its people ('{absent['absent']}')"
            if blocked is None and spec.kind == "event" and sig.status == "happened":
                purpose = _PURPOSE_EVENT_AFTER.match(sent, sig.span[1])
                if purpose is not None and purpose["noun"].lower() not in {n.lower() for n in spec.item_nouns}:
                    # "arrived in Germany ... for a two-day cabinet retreat": the trip is for another event
                    blocked = f"an arrival for another event ('{purpose['noun']}')"
            if (
                blocked is None
                and sig.status in ("postponed", "cancelled")
                and (obj := _PROCESS_OBJECT_AFTER.match(sent, sig.span[1]))
            ):
                blocked = f"a process of the item, not the item ('{obj['noun']}')"  # "pushes back Switch 2 preorders"
            if (
                blocked is None
                and spec.kind == "event"
                # an approval's subject is the approver: "Launch readiness review green-lights flight VA260 with Juice"
                and sig.rule not in _APPROVAL_RULES
                and (subject := _EVENT_NOUN_BEFORE.search(sent, max(0, sig.span[0] - 40), sig.span[0])) is not None
                and (
                    subject["many"] is not None
                    or subject["noun"].lower().rstrip("s") not in {n.lower().rstrip("s") for n in spec.item_nouns}
                )
            ):
                # "Dali demolition scrubbed again", "Senate vote delayed to Tuesday": another happening is the
                # verb's subject, right before it
                blocked = f"the subject is another happening ('{subject['noun'] or subject['many']}')"
            if (
                blocked is None
                and sig.status == "happened"
                and len(sig.text.split()) > 2
                and sig.text.lower().endswith((" off", " up"))
            ):
                # "Crews blast Key Bridge span off the Dali": with an object between, "blast ... off" is another verb
                blocked = f"a transitive '{sig.text}', not the item taking off"
            if (
                blocked is None
                and sig.status == "happened"
                and (when := _earlier_time(sent, sig, mentions, pub)) is not None
            ):
                # "The emperor visited the country in 2007 when he was crown prince", "the line first opened in
                # 1998": a happening dated more than a year back is an earlier one, not the item taking place
                blocked = f"an earlier happening ('{when.text}')"
            if blocked is None and (ago := _LONG_AFTER_BEFORE.search(sent, max(0, sig.span[0] - 80), sig.span[0])):
                # "five months after the trip was delayed by his knee", "a year after the deal collapsed": an act
                # measured that far back is the story's past
                blocked = f"told as past ('{ago.group().strip()}')"
            if (
                blocked is None
                and _REDUCED_RELATIVE_BEFORE.search(sent, max(0, sig.span[0] - 60), sig.span[0])
                and " " not in sig.text.strip()
                and is_past_form(sig.text.strip())
                and _AGENT_OR_TIME_AFTER.match(sent, sig.span[1])
            ):
                # "the 1840 Treaty of Waitangi, signed by more than 500 Maori chiefs", "the pact, signed in 2019,":
                # a participle after a comma with its agent or time describes the noun before it, as a relative clause
                # does; the sentence's news is elsewhere
                blocked = f"a reduced relative clause ('{sig.text.strip()}') describing the noun before it"
            if blocked is None and (rel := _relative_clause_before(sent, sig.span[0])) is not None:
                # "will make the trip that he postponed in July", "the merger, which regulators blocked last year,":
                # a relative clause describes its noun with what is known; the sentence's news is elsewhere
                blocked = f"a relative clause ('{rel}') describing the item"
            if blocked is None and sig.status == "postponed" and _HOURS_AFTER.match(sent, sig.span[1]):
                # "launch delayed by about an hour as teams fix a glitch": the day holds
                blocked = "a delay of minutes or hours: the day holds"
            if (
                blocked is None
                and sig.status in ("postponed", "cancelled")
                and (moved := _moved_thing_before(spec, sent, sig.span)) is not None
            ):
                # "Baby Steps pushed back to Sept. 23 to get out of Silksong's way": a move with no object moves its
                # subject, here another named thing
                blocked = f"what is moved is '{moved}'"
            if blocked is None and (kind := _other_visit_kind(spec, sent, sig.span)) is not None:
                # "Trump lands in Scotland for private visit to his golf resorts" on a watch of his state visit
                blocked = f"another kind of visit ('{kind}')"
            if blocked is None and (sibling := _sibling_before(spec, sent, sig.span[0])) is not None:
                # "Moynihan Food Hall pushed back to mid-2021" on the Moynihan Train Hall: a sibling's status
                blocked = f"a sibling of the item ('{sibling}')"
            if blocked is None and spec.kind == "event":
                blocked = _other_trip(spec, sent, sig.span)
            if blocked is None and spec.kind == "event" and sig.status == "confirmed":
                blocked = _plan_of_other_act(spec, sent, sig)
            if (
                blocked is None
                and spec.kind == "event"
                and sig.status in ("happened", "confirmed")
                and (product := _product_named_after_item(spec, sent, sig.span[0])) is not None
            ):
                # "The Zelda: Tears of the Kingdom Switch OLED is out now": a product named after the item
                blocked = f"another product named after the item ('{product}')"
            if (
                blocked is None
                and spec.kind == "event"
                and (product := _product_object_named_after_item(spec, sent, sig.span[1])) is not None
            ):
                # "Valve delays official Steam Deck Dock to late spring": the verb's object is that product
                blocked = f"another product named after the item ('{product}')"
            if blocked is None and spec.kind == "event" and (variant := _variant_before(spec, sent, sig.span[0])):
                # "Baldur's Gate 3 PC release brought forward to Aug. 3; PS5 version delayed to Sept. 6": the
                # variant's own move, as its day is its own
                blocked = f"a variant's status ('{variant}')"
            if (
                blocked is None
                and spec.travels
                and (leg := _LEG_BEFORE.search(sent, max(0, sig.span[0] - 50), sig.span[0]))
                and (
                    not {p for _, _, p in places_in(leg["place"])} <= spec._own_places
                    # a leg named by a name the lexicon does not know ("the Jordan portion of the trip"): another
                    # place unless the item names it; a part of the trip called off is never the whole trip
                    or (
                        not places_in(leg["place"])
                        and _is_other_name(spec, sent, leg.start("place"), leg["place"].split()[0])
                    )
                )
            ):
                # "New Zealand leg scrubbed as palace confirms King's Australia and Samoa tour": a part of the journey
                # named by another place is not the item
                blocked = f"another leg of the journey ('{leg.group().strip()}')"
            if blocked is None and (later := _item_only_in_later_clause(spec, sent, sig.span, subjects)) is not None:
                blocked = later
            if (
                blocked is None
                and spec.kind == "event"
                and spec.item_nouns
                and not spec.travels
                and (trip := _TRIP_WORD.search(sig.text)) is not None
            ):
                # "Katy Perry's Lifetimes Tour opens April 23" on a watch of her spaceflight: a trip's start or end is
                # the item's only on a watch of a trip
                blocked = f"a {trip.group().lower()}'s happening, on a watch of no trip"
            if blocked is None and spec.kind == "event" and (owner := _owned_by_other(spec, sent, sig.span[0])):
                blocked = f"another owner's ('{owner}')"
            if (
                blocked is None
                and spec.kind == "event"
                and sig.status == "happened"
                and _ARRIVAL.match(sig.text)
                and spec.item_nouns  # (a watch whose title names no noun says nothing of what it is)
                and not spec.travels
                and not any(n.lower().startswith(("arriv", "releas", "deliver", "debut")) for n in spec.item_nouns)
            ):
                # "Sentinel-1C arrives at Europe's Spaceport" on its launch: arriving is a trip's happening (and a
                # product's, "arrives in stores"); for a launch or an opening it is a step on the way
                blocked = f"an arrival ('{sig.text}') is no {spec.item_nouns[0] if spec.item_nouns else 'happening'}"
            if (
                blocked is None
                and spec.kind == "event"
                and sig.status == "happened"
                and _DEPARTURE.match(sig.text)
                and spec.ends_a_journey
            ):
                # "Falcon 9 launches Athena lander toward the moon" on its landing, "Crew-9 lifts off" on the crew's
                # return: leaving is the first step of a journey whose end the watch waits for
                end = spec.item_verbs[0] if spec.item_verbs else spec.item_nouns[0] if spec.item_nouns else "end"
                blocked = f"a departure ('{sig.text}') is a step before the {end}"
            if blocked is None and spec.kind == "event" and spec.opens_to_users and _CEREMONY.search(sig.text):
                # "Modi inaugurates Noida airport" on "Noida airport opens to commercial flights": the ceremony
                blocked = f"a ceremony ('{sig.text}'), not the opening to its users"
            if (
                blocked is None
                and spec.kind == "event"
                and spec.opens_to_users
                and (ceremony := _CEREMONY.search(sent, max(0, sig.span[0] - 70), sig.span[0])) is not None
                and not _CLAUSE_BREAK.search(sent, ceremony.end(), sig.span[0])
                and "," not in sent[ceremony.end() : sig.span[0]]
            ):
                # "Metro Line 1 inauguration ceremony delayed until after Tet" on its opening to passengers: the
                # ceremony is the subject moved, as its date is the ceremony's (see the date role)
                blocked = f"a ceremony ('{ceremony.group()}') is what the verb acts on, not the opening to its users"
            if blocked is None and (earlier := _earlier_instance(spec, sent, sig.span, pub)) is not None:
                blocked = earlier
            if blocked is None and spec.kind == "event" and (traveller := _travellers_own_trip(spec, sent, sig.span)):
                blocked = f"another traveller's own trip ('{traveller}')"
            if blocked is None and spec.kind == "agreement":
                blocked = _other_party(spec, sent, sig)
            if blocked is None and sig.status == "confirmed" and sig.rule in _ANNOUNCE_RULES:
                blocked = _announces_other(spec, sent, sig.span, subjects, mentions)
            if blocked is None and spec.kind == "agreement" and sig.status == "collapsed":
                blocked = _rival_walks_away(spec, sent, sig)
            if blocked is None and spec.kind == "agreement":
                blocked = _other_owners_deal(spec, sent, sig)
            if (
                blocked is None
                and spec.kind == "agreement"
                and sig.status in ("agreed", "signed")
                and (doc := _TALKS_DOCUMENT_AFTER.match(sent, sig.span[1])) is not None
            ):
                # "Couche-Tard, Seven & i sign non-disclosure pact, advancing takeover talks": a document that opens
                # the books for the talks agrees no deal
                blocked = f"a document for the talks ('{doc['doc']}'), not the deal"
            if blocked is None and spec.closes and sig.status in ("agreed", "signed"):
                blocked = _deal_with_other(spec, sent, sig)
            if blocked is None and spec.kind == "agreement" and (owner := _named_object_deal(spec, sent, sig)):
                # "Banco BPM completes Anima takeover" on UniCredit's offer for Banco BPM: another company's deal
                blocked = f"a deal for another company ('{owner}')"
            if blocked is None and spec.closes and sig.status in ("agreed", "signed"):
                # "JetBlue clinches deal to buy Spirit after Frontier pact collapses": a rival's deal for one party
                blocked = _rival_walks_away(spec, sent, sig, act="strikes its own deal")
            if (
                blocked is None
                and spec.kind == "agreement"
                and sig.status == "collapsed"
                and (left := _left_other_thing(spec, sent, sig)) is not None
            ):
                # "Ben-Gvir's party walks away from Netanyahu government over Gaza ceasefire": it leaves a government
                blocked = f"what is left is '{left}', not the deal"
            if (
                blocked is None
                and sig.status in ("collapsed", "cancelled")
                and _TIMETABLE_OBJECT.match(sent, sig.span[1])
            ):
                # "abandoning the Dec. 15 target", "scrapped the April timetable": a date given up, not the item
                blocked = "a timetable given up, not the item"
            if (
                blocked is None
                and spec.kind == "agreement"
                and sig.status == "collapsed"
                and (
                    (meeting := _MEETING_OBJECT_AFTER.match(sent, sig.span[1])) is not None
                    or (meeting := _MEETING_SUBJECT_BEFORE.search(sent, max(0, sig.span[0] - 30), sig.span[0]))
                    is not None
                )
            ):
                # "Japan's top negotiator called off a planned visit", "Akazawa's Washington trip scrubbed": a trip or
                # a meeting of the talks is called off, not the deal
                blocked = f"a trip or meeting called off ('{meeting.group().strip()}'), not the deal"
            if (
                blocked is None
                and spec.kind == "agreement"
                and sig.status in ("agreed", "signed")
                and (bought := _TO_BUY_NAME_AFTER.match(sent, sig.span[1])) is not None
                and not _own_or_common(spec, bought["name"])
            ):
                # "Prada agrees to buy Versace from Capri" on a watch of Tapestry's takeover of Capri: the deal agreed
                # is for another named thing
                blocked = f"a deal for another ('{bought['name']}')"
            if (
                blocked is None
                and spec.kind == "agreement"
                and sig.status in ("agreed", "signed")
                and (trade := _DEAL_TO_TRADE_AFTER.match(sent, sig.span[0])) is not None
                and trade["verb"].lower() not in {w.lower() for w in spec.title_words}
                and not spec._subject.search(sent[trade.end() : trade.end() + 40])
            ):
                # "Sweden inks deal to sell four Gripen jets to Hungary" on a watch of Sweden joining NATO: a deal to
                # sell or buy something is a trade of its own, unless the item is what is traded
                blocked = f"a deal to {trade['verb'].lower()} something else"
            if blocked is None and sig.status == "agreed" and _SETTLEMENT_AFTER.match(sent, sig.span[1]):
                # "agrees to pay $35 million to settle SEC charges": a legal settlement, another agreement
                blocked = "a settlement, not the item"
            if (
                blocked is None
                and sig.status in ("agreed", "signed")
                and (
                    (legal := _LEGAL_DEAL_OBJECT.match(sent, sig.span[1])) is not None
                    or (legal := _LEGAL_DEAL_OBJECT.search(" " + sig.text)) is not None
                )
                and legal["noun"].split()[0].lower() not in {w.lower() for w in spec.title_words}
            ):
                # "Walgreens inks $350 million settlement with Justice Department" on its buyout, "signs plea deal":
                # the verb's object is a legal agreement of its own
                blocked = f"another agreement, a legal one ('{legal['noun']}')"
            if (
                blocked is None
                and (attempt := _ATTEMPT_SUBJECT_BEFORE.match(sent, _clause_start(sent, sig.span[0]))) is not None
                and attempt.end() <= sig.span[0]
                and spec._subject.search(sent[attempt.end() : sig.span[0]])
            ):
                # "Opposition bid to repeal France's pension reform collapses", "push to delay the launch is
                # dropped": the item sits in what an attempt would do to it; the verb after is the attempt's
                blocked = f"another agent, the '{attempt['noun'].lower()}' to act on it"
            if blocked is None and sig.status == "agreed" and _PROCESS_AFTER.match(sent, sig.span[1]):
                blocked = "an agreement to negotiate, not the deal"
            if (
                blocked is None
                and spec.kind == "event"
                and (group := _GROUP_MEETING_SUBJECT.search(sent, max(0, sig.span[0] - 50), sig.span[0])) is not None
                and group["kind"].lower() not in {w.lower() for w in spec.title_words}
                and not {n.lower() for n in spec.item_nouns} & {"summit", "meeting", "talks"}
            ):
                # "Sydney Quad summit scrubbed after Biden pulls out, but Modi still coming" on Modi's visit: a
                # group's meeting as the verb's subject is another happening than the visit, as its date is
                blocked = f"a {group['kind']} meeting, not the item"
            if blocked is None and idx != 0 and elsewhere:
                blocked = "the headline's story is another one's"
            if blocked is not None and idx == 0 and blocked.startswith(_ELSEWHERE):
                elsewhere.add(sig.status)
            if blocked is not None and idx != 0 and blocked.startswith("another traveller"):
                named_elsewhere.add(sig.status)
            if blocked is not None:
                if blocked.startswith("another agent"):
                    others_verbs.append(sig.span)
                if note:
                    note(f"status {sig.status} via '{sig.text}': not about the item ({blocked})")
                continue
            if sig.status in _COMPLETION and sig.confidence == "confirmed":
                ahead = [
                    d
                    for d in mentions
                    if d.start > pub
                    and sig.span[1] <= d.span[0] <= sig.span[1] + 40
                    and not _CLAUSE_BREAK.search(sent, sig.span[1], d.span[0])
                ]
                if is_past_form((sig.text.split() or [""])[0].lower()):
                    # "touched down at 12:20 a.m. on Saturday", filed on Friday evening in London: a past act dated
                    # the day after the publication is dated in another time zone; only a later day is a plan
                    ahead = [d for d in ahead if (d.start - pub).days > 1]
                if ahead and spec.kind == "event" and not is_past_form((sig.text.split() or [""])[0].lower()):
                    # "Sydney Metro opens Monday", "Apple Vision Pro available in the U.S. on February 2": the
                    # headline present with a later day is the schedule, stated as firmly as "set for Monday"
                    sig = replace(
                        sig,
                        status="confirmed",
                        reasons=(*sig.reasons, f"present tense dated ahead '{ahead[0].text}': the schedule"),
                        needs_date=True,
                    )
                elif ahead:
                    # "India and Britain sign trade deal on Thursday" before Thursday: the plan, not the fact
                    sig = replace(
                        sig, confidence="unconfirmed", reasons=(*sig.reasons, f"dated ahead '{ahead[0].text}'")
                    )
            if (
                sig.status == "happened"
                and spec.kind == "event"
                and _titled_success(spec)
                and _SUCCESS_WORD.search(sent) is None
            ):
                # "JAXA H3 rocket: first successful launch": a lift-off is not yet the success the title names;
                # "reaches orbit", "declares success" are
                if note:
                    note(f"status happened via '{sig.text}': the title names a success, and the sentence tells none")
                continue
            if sig.status in _MOVE_STATUSES and moved_at is None:
                moved_at = sig.span[0]
            why = f"status:{sig.status} via '{sig.text}' (rule '{sig.rule}')"
            if sig.reasons:
                why += "; " + ", ".join(sig.reasons)
            acted = _act_time(sent, sig, mentions, pub)
            if acted is not None:
                why += f"; done '{acted.text}'"
            out.append(
                Observation(
                    kind="status",
                    confidence=sig.confidence,
                    sentence=sent,
                    rule=why,
                    in_title=idx == 0,
                    sentence_index=idx,
                    status=sig.status,
                    signal=sig,
                    acted=(acted.start, acted.end) if acted is not None else None,
                )
            )
        if len(out) == first_status and (outcome := _titled_success_outcome(spec, sent, idx)) is not None:
            out.append(outcome)
        if len(out) == first_status and (held := _act_at_item(spec, sent, idx, pub)) is not None:
            if note:
                note(f"status happened: {held.rule}")
            out.append(held)
        kept = [o.signal for o in out[first_status:] if o.signal is not None]
        for o in [o for o in out[first_status:] if o.signal is not None and outranked(o.signal, kept)]:
            # "Nikola confirms it has handed over the first trucks": the act reported outranks the verb reporting
            # it; only signals kept count, so a verb set aside above ("full move to Istanbul Airport", a motion
            # with no time after it) cannot silence "sets March 3 for the move"
            out.remove(o)
            if note and o.signal is not None:
                note(f"status {o.status} via '{o.signal.text}': outranked by the act it reports")
        for d in mentions:
            role, why = _date_role(spec, sent, d, pub, subjects)
            if elsewhere and role == "event":
                role, why = "other", "the headline's story is another one's"
            if role == "event" and (first := _programme_start(sent, d, mentions, signals)) is not None:
                role, why = "other", f"a later leg of a programme that starts '{first.text}'"
            if role in {"event", "past"} and d.span in given_up:
                role, why = "previous", f"the date of a schedule given up; {why}"
            if (
                role in {"event", "past"}
                and moved_at is not None
                and d.span[1] <= moved_at
                # "PC release brought forward to Aug. 3; PS5 version delayed to Sept. 6": a semicolon starts another
                # clause, whose move is its own
                and ";" not in sent[d.span[1] : moved_at]
            ):
                role, why = "previous", f"before the postponement verb; {why}"
            if role in {"event", "past"} and any(
                e <= d.span[0] <= e + 30 and not _CLAUSE_RE.search(sent, e, d.span[0]) for _, e in others_verbs
            ):
                # "Tesla Roadster slips to 2023": the date another thing's verb moves is that thing's
                role, why = "other", "the date of another agent's verb"
            hedge = hedge_cue(sent, d.span[0], goals=False)
            if hedge is None and not d.deadline and _WISH_BEFORE.search(sent, max(0, d.span[0] - 40), d.span[0]):
                # a wish states no date ("city still hopes for September service"), though a goal word states a
                # deadline ("hope to complete the deal by Dec. 15") and "expected to open in summer 2021" a timetable
                hedge = _WISH_BEFORE.search(sent, max(0, d.span[0] - 40), d.span[0]).group()  # type: ignore[union-attr]
            if hedge is not None and hedge.lower() in ("if", "unless") and _conditional_deadline(sent, d):
                hedge = None  # "if Congress has not acted by June 5": the condition asserts its deadline
            if hedge is None:
                # "expected to be pushed back to the first week of April": the verb that moves the date is hedged
                # (an expectation of a change is a forecast, not a timetable), so the date it moves to is too
                governing = [
                    g
                    for g in signals
                    if g.span[1] <= d.span[0] and len(_WORD.findall(sent[g.span[1] : d.span[0]])) <= 4
                ]
                if governing and governing[-1].confidence != "confirmed" and governing[-1].status == "postponed":
                    hedge = ", ".join(governing[-1].reasons) or governing[-1].text
                elif governing and governing[-1].negated and governing[-1].status == "postponed":
                    # "Cabinet denies museum opening delayed to 2026": the date of a denied move is denied with it
                    hedge = ", ".join(governing[-1].reasons) or "denied"
                elif denied := [
                    g
                    for g in signals
                    if g.negated
                    and g.status == "postponed"
                    and g.span[1] <= d.span[0]
                    and len(_WORD.findall(sent[g.span[1] : d.span[0]])) <= 9
                    and not _CLAUSE_RE.search(sent, g.span[1], d.span[0])
                    and _MOVE_DESTINATION_BEFORE.search(sent, max(0, d.span[0] - 12), d.span[0])
                ]:
                    # "there was no decision to delay the Jakarta-Bandung high-speed railway to January 2024": the
                    # destination of a denied move, after the moved thing's name, is denied with it
                    hedge = ", ".join(denied[-1].reasons) or "denied"
            rule = f"date:{role} '{d.text}' = {d.start.isoformat()}..{d.end.isoformat()} ({d.precision}); {why}"
            if d.deadline:
                rule += "; deadline"
            if hedge:
                rule += f"; hedge '{hedge}'"
            out.append(
                Observation(
                    kind="date",
                    confidence="unconfirmed" if hedge else "confirmed",
                    sentence=sent,
                    rule=rule,
                    in_title=idx == 0,
                    sentence_index=idx,
                    date=d,
                    date_role=role,
                )
            )
    if named_elsewhere:
        told = {o.status for o in out if o.kind == "status" and not o.in_title}
        gone = {o.status for o in out if o.kind == "status" and o.in_title} & named_elsewhere - told
        if gone and note:
            note(
                f"status {', '.join(sorted(s for s in gone if s))} in the headline: the summary names another traveller"
            )
        out = [o for o in out if not (o.kind == "status" and o.in_title and o.status in gone)]
    if (
        any(o.in_title and o.confidence == "confirmed" and o.kind in ("status", "date") for o in out)
        and (source := _ANONYMOUS_SOURCE.search(summary)) is not None
        and not _ATTRIBUTED.search(title)
    ):
        # "Japan PM Kishida arranges to visit U.S. as state guest in early March" over "..., bilateral relations
        # sources said": the headline states flatly what its own story attributes to unnamed sources, a report
        if note:
            note(f"the headline's statement rests on unnamed sources ('{source.group()}'): unconfirmed")
        out = [
            replace(o, confidence="unconfirmed", rule=f"{o.rule}; the story cites '{source.group()}'")
            if o.in_title and o.kind in ("status", "date")
            else o
            for o in out
        ]
    hedged_days = {
        (o.date.start, o.date.end)
        for o in out
        if o.kind == "date"
        and o.date is not None
        and not o.in_title
        and o.confidence == "unconfirmed"
        and (doubt := _HEDGE_IN_RULE.search(o.rule)) is not None
        and _DOUBT_HEDGE.fullmatch(doubt["cue"])
    }
    flat_days = {
        (o.date.start, o.date.end)
        for o in out
        if o.kind == "date" and o.date is not None and not o.in_title and o.confidence == "confirmed"
    }
    if hedged_days - flat_days:
        # "Bryant says data bill will be finished 'by Easter or a couple of weeks after'" over "... should be done
        # by Easter or shortly after": a headline compresses its story, and a day the story itself gives only with a
        # hedge is hedged in the headline too
        out = [
            replace(o, confidence="unconfirmed", rule=f"{o.rule}; the story gives this day only with a hedge")
            if o.kind == "date"
            and o.in_title
            and o.date is not None
            and o.confidence == "confirmed"
            and (o.date.start, o.date.end) in hedged_days - flat_days
            else o
            for o in out
        ]
    if spec.kind == "event" and any(o.status == "happened" for o in out):
        trial = _TRIAL_HAPPENING.search(f"{title}\n{summary}")
        own = {w.lower() for w in spec.title_words}
        if trial is not None and not own & {"test", "trial", "soft", "preview", "rehearsal"}:
            # "Kai Tak Stadium opens doors" over "..., the first test event inside the stadium", on a watch of the
            # official opening: what took place is a trial of the item, not the item
            if note:
                note(f"status happened: what took place is a trial ('{trial.group()}'), not the item")
            out = [o for o in out if o.status != "happened"]
    if spec.kind == "event" and any(o.status == "cancelled" for o in out):
        rescheduled = _RESCHEDULED.search(f"{title}\n{summary}")
        if rescheduled is not None:
            # "Biden calls off Germany visit ...; the White House said he would reschedule as soon as possible": a
            # trip called off to be held later is postponed, whatever verb the headline chose
            out = [
                replace(o, status="postponed", rule=f"{o.rule}; to be held later ('{rescheduled.group()}')")
                if o.status == "cancelled"
                else o
                for o in out
            ]
    return out


# Unnamed sources a story rests on, and a headline's own attribution to a named speaker.
_ANONYMOUS_SOURCE = re.compile(
    r"(?i:\b(?:[a-z]+\s+){0,2}sources?\s+(?:said|say|says|told)|\bpeople\s+familiar|\bperson\s+familiar|\breportedly|"
    r"\bon\s+condition\s+of\s+anonymity|\bnot\s+authori[sz]ed\s+to|according\s+to\s+(?:people|sources|a\s+source|"
    r"a\s+person|(?:[a-z]+\s+){1,2}sources?)\b)"
)
_ATTRIBUTED = re.compile(r"(?i:\b(?:says|said|announces|announced|confirms|confirmed|statement)\b)")
# A happening named as a trial of the item: "the first test event inside the stadium", "a soft opening", "trial runs".
_TRIAL_HAPPENING = re.compile(
    r"(?i:\btest\s+events?\b|\bsoft\s+opening\b|\btrial\s+(?:runs?|operations?|events?)\b|\bpreview\s+(?:day|night|"
    r"event)s?\b|\bdry\s+runs?\b)"
)


# Words that put a called-off event back on the calendar: it is postponed, not cancelled. Only a rescheduling still
# to come counts ("would reschedule", "to be rescheduled", "at a later date"): a past one ("rescheduled twice before
# it was scrapped") or a date denied ("without a new date") does not.
_RESCHEDULED = re.compile(
    r"(?i:\b(?:will|would|to|'ll|plans?\s+to|hopes?\s+to)\s+(?:be\s+)?reschedul(?:e|ed)\b|"
    r"\bat\s+a\s+later\s+date\b|(?<!without\s)(?<!\bno\s)\ba\s+new\s+date\s+(?:will|would|is\s+to)\b)"
)


_DEADLINE_WORD = re.compile(r"(?i:\b(?:by|before|until|till|no\s+later\s+than)\s+(?:the\s+)?$)")


# A coordinated clause with its own verb takes the dates that follow it: "the 100 million goal will be met by his
# 60th day, and told states to open eligibility no later than May 1", "pledged 12 million tons; shipments resume by
# March", "will buy 500 jets, while deliveries start before 2030".
_NEW_CLAUSE = re.compile(
    r"(?i:[;:]|,\s*(?:and|while|but|whereas)\s+\w+|\b(?:and|but)\s+(?:told|ordered|asked|said|"
    r"directed|urged|announced|added|called)\b)"
)


def _target_deadline(
    spec: ExtractionSpec, sent: str, idx: int, pub: date, note: Callable[[str], None] | None
) -> list[Observation]:
    """A new due date for the target: the target figure itself with a deadline, stated without a hedge.

    "Bessent says China will complete 12 million tons of soybean purchases by end of February" moves a 12-million
    ton target due at the end of December. A forecast ("the 2 billion mark is expected to be reached in the first
    quarter") or a hope ("hope to reach the target by mid-2022") does not: the commitment's deadline is what the
    parties state, not what anyone expects.
    """
    if spec.target_value is None:
        return []
    targets = [
        q
        for q in find_quantities(sent)
        if q.role == "target" and abs(_in_unit(spec, q) - spec.target_value) <= 0.02 * spec.target_value
    ]
    if not targets:
        return []
    out: list[Observation] = []
    for d in find_dates(sent, pub):
        if d.start <= pub or d.span[0] < targets[0].span[0]:
            continue
        if not _DEADLINE_WORD.search(sent, max(0, d.span[0] - 20), d.span[0]) and not d.deadline:
            continue
        gap = sent[targets[0].span[1] : d.span[0]]
        if _NEW_CLAUSE.search(gap) or len(_WORD.findall(gap)) > _ANCHOR_REACH + 4:
            if note:
                note(f"deadline '{d.text}' is another clause's, not the target's")
            continue
        hedge = hedge_cue(sent, targets[0].span[0], window=120)
        if hedge is not None:
            if note:
                note(f"deadline '{d.text}' for the target is hedged ('{hedge}')")
            continue
        out.append(
            Observation(
                kind="date",
                confidence="confirmed",
                sentence=sent,
                rule=f"date:event '{d.text}' = {d.start.isoformat()}..{d.end.isoformat()}; the target's deadline",
                in_title=idx == 0,
                sentence_index=idx,
                date=d,
                date_role="event",
            )
        )
        break
    return out


def _in_unit(spec: ExtractionSpec, q: Quantity) -> float:
    if spec.unit == "t":
        return to_tonnes(q.value, q.unit, spec.product) or q.value
    return q.value


_UNIT_FAMILY = {"t": {"t", "bu"}, "bu": {"t", "bu"}, "usd": {"usd"}, "count": {"count"}, "percent": {"percent"}}


# The verb of a promise reads a goal on most watches ("China pledged to buy 12 million tons"), but some watches count
# promises themselves: a donors' conference's pledges, an alliance's commitments. There, what was pledged is the
# running total ("Donors pledged $14.25 billion"), while an infinitive after the verb still names a goal ("pledged to
# raise $18 billion").
_COMMITMENT_CUE = re.compile(r"(?i:(?P<stem>pledg|commit|promis)(?:e|es|ed|ing|s|ted|ment|ments)?)")


# A single named party right before the promise verb: "IsDB pledges", "Saudi Arabia committed", "The World Bank has
# pledged". Collective subjects ("Donors pledge", "countries pledged") are not names.
_COLLECTIVE_PLEDGERS = frozenset(
    {"donors", "countries", "nations", "governments", "members", "partners", "lenders", "states", "investors",
     "allies", "leaders", "participants", "delegates", "creditors", "contributors"}
)  # fmt: skip
_PREPOSITION_BEFORE = re.compile(r"(?i:\b(?:in|at|on|from|of|for|to|by|with|near|across)\s+$)")
_ONE_PLEDGER_BEFORE = re.compile(
    r"(?P<name>\b[A-Z][\w'’.-]*)(?:\s+[A-Z][\w'’.-]*)*\s+(?:(?:has|have|had|also|jointly|separately)\s+)*$"
)


def _counts_commitments(spec: ExtractionSpec, sentence: str, q: Quantity) -> bool:
    """Whether a figure read as a goal because of its promise verb is what this watch counts (see _COMMITMENT_CUE)."""
    cue = _COMMITMENT_CUE.fullmatch((q.cue or "").strip())
    if cue is None:
        return False
    at = sentence.rfind(q.cue or "", 0, q.span[0])
    if at < 0 or re.search(r"(?i:\bto\b|\bby\b)", sentence[at : q.span[0]]):
        return False  # "pledged to raise $18 billion", "committed by 2030": a goal after all
    stem = cue["stem"].lower()
    own = " ".join((*spec.title_words, *spec.subject_terms, *spec.product_terms)).lower()
    if re.search(rf"\b{stem}", own) is None:
        return False
    one = _ONE_PLEDGER_BEFORE.search(sentence, max(0, at - 40), at)
    # "IsDB pledges $4.2bn for flood-hit Pakistan": one named donor's share is a part of the total the watch counts,
    # not that total ("Donors pledge more than $9B" is; "meeting in New York pledged" names a place, not a donor)
    return not (
        one is not None
        and one["name"].lower().removesuffix("'s") not in spec._own_names
        and one["name"].lower() not in _COLLECTIVE_PLEDGERS
        and not _PREPOSITION_BEFORE.search(sentence, max(0, one.start() - 12), one.start())
    )


_PACE_WORDS = frozenset({"daily", "weekly", "monthly", "quarterly", "annual", "yearly"})


# The paces a running sum is never counted at: a weekly or daily figure is a rate, not the sum since the start.
_SHORT_PACES = frozenset({"daily", "weekly", "monthly"})
# A figure summed since the start, right after it: "10 million paid trips in total", "so far", "in five months".
_CUMULATIVE_AFTER = re.compile(
    r"(?i:\s+(?:[\w-]+\s+){0,4}?(?:in\s+total|so\s+far|to\s+date|cumulatively|all\s+told|since\s+(?:launch|the\s+start)|"
    r"in\s+(?:the\s+(?:first|past|last)\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?:days|weeks|months|years))\b)"
)
# A figure counted at another pace than the title's: "more than 1 billion messages a day".
_OTHER_PACE_AFTER = re.compile(r"(?i:\s+(?:[\w-]+\s+){0,2}?(?:a|per|each|every)\s+(?:day|week|month|year|hour)\b)")


# A watch titled by a success ("first successful launch", "successful landing") is done only when success is told.
_SUCCESS_WORD = re.compile(
    r"(?i:\bsuccess(?:ful|fully|es)?\b|\bsucceed(?:s|ed)?\b|\breach(?:es|ed)?\s+(?:orbit|the\s+moon)\b|"
    r"\b(?:safely|intact|upright)\b)"
)
# Success told as done: "declares success", "reaches orbit", "succeeded", "a successful launch" (not a hope for one).
_SUCCESS_TOLD = re.compile(
    r"(?i:\bdeclar(?:es|ed)\s+(?:the\s+\w+\s+)?(?:a\s+)?success\b|\breach(?:es|ed)\s+(?:orbit|the\s+moon)\b|"
    r"\bsucceed(?:s|ed)\b|\bsuccessfully\s+[a-z]+(?:ed|s)\b)"
)
_FAILURE_WORD = re.compile(
    r"(?i:\bfail(?:s|ed|ure|ing)?\b|\bdestroy(?:s|ed)?\b|\bexplod(?:es|ed)\b|\bcrash(?:es|ed)?\b|"
    r"\blost\s+(?:contact|the\s+rocket|the\s+vehicle)\b|\banomaly\b|\bself-destruct)"
)


def _titled_success(spec: ExtractionSpec) -> bool:
    """Whether the title names the item's success ("first successful launch")."""
    return any(w.lower().startswith("success") for w in spec.title_words)


# An act done at the item: "Trump, Albanese clinch minerals deal at White House meeting", "signed the accord during
# the visit". What comes before must be told as done: a headline (present for past) or a past form in a summary,
# with no plan, wish or agenda word.
_AT_ITEM = re.compile(
    r"(?i:\b(?:at|during|on\s+the\s+sidelines\s+of)\s+(?:the\s+|their\s+|a\s+|his\s+|her\s+)?"
    r"(?P<names>(?:[A-Z][\w'’.-]*\s+){0,3})(?P<noun>[a-z]+)\b)"
)
_NOT_DONE_BEFORE = re.compile(
    r"(?i:\b(?:no|not|never|without|to|will|would|could|may|might|should|shall|plans?|planned|expected|expects?|set|ahead|before|"
    r"hopes?|aims?|seeks?|wants?|due|preview|agenda|likely|eyes|eyeing|push(?:es)?|bid|if|when|whether)\b|\?)"
)


def _act_at_item(spec: ExtractionSpec, sent: str, idx: int, pub: date) -> Observation | None:
    """The item taking place, told by an act done at it, when no status verb was read in the sentence: on a watch
    of a meeting, visit or summit, "Trump, Albanese clinch critical minerals deal at White House meeting" says the
    meeting took place. A plan, wish or preview ("to raise AUKUS at the meeting", "on the agenda at the summit")
    says nothing, nor does a summary sentence with no past form before the phrase."""
    if spec.kind != "event" or not spec.travels or not spec._subject.search(sent):
        return None
    nouns = {n.lower() for n in spec.item_nouns} & _TRAVEL_NOUNS
    for m in _AT_ITEM.finditer(sent):
        if m["noun"].lower() not in nouns:
            continue
        named = {p for _, _, p in places_in(m["names"])}
        if m["noun"].lower() in _TRIP_NAMES and named - spec._own_places:
            continue  # "during Berlin visit" on a visit to Greece: a trip is named by its destination, not a meeting
        lo = 0
        for cm in _CLAUSE_RE.finditer(sent, 0, m.start()):
            lo = cm.end()
        before = sent[lo : m.start()]
        if _NOT_DONE_BEFORE.search(before) or len(_WORD.findall(before)) < 2:
            return None
        if idx != 0 and not any(is_past_form(w.lower()) for w in _WORD.findall(before)):
            return None
        return Observation(
            kind="status",
            confidence="unconfirmed" if hedge_cue(sent, m.start()) else "confirmed",
            sentence=sent,
            rule=f"status:happened via '{m.group().strip()}': an act done at the {m['noun'].lower()}",
            in_title=idx == 0,
            sentence_index=idx,
            status="happened",
        )
    return None


def _titled_success_outcome(spec: ExtractionSpec, sent: str, idx: int) -> Observation | None:
    """On a watch titled by a success, the status a sentence that names the item tells by its outcome alone, when no
    status verb was read in it: "H3 reaches orbit on second flight as JAXA declares success" (happened); "JAXA
    destroys H3 rocket after second-stage engine fails to ignite" (a failed attempt puts the success off)."""
    if spec.kind != "event" or not _titled_success(spec) or not spec._subject.search(sent):
        return None
    failed = _FAILURE_WORD.search(sent)
    succeeded = _SUCCESS_TOLD.search(sent) if failed is None else None
    if succeeded is not None:
        cue, status, why = succeeded, "happened", "the success the title names"
    elif failed is not None and _SUCCESS_WORD.search(sent) is None:
        cue, status, why = failed, "postponed", "a failed attempt puts off the titled success"
    else:
        return None
    return Observation(
        kind="status",
        confidence="unconfirmed" if hedge_cue(sent, cue.start()) else "confirmed",
        sentence=sent,
        rule=f"status:{status} via '{cue.group()}': {why}",
        in_title=idx == 0,
        sentence_index=idx,
        status=status,
    )


def _pace_words(spec: ExtractionSpec) -> frozenset[str]:
    """The pace adjectives the title names ("ChatGPT weekly active users"): figures at that pace are the item's."""
    return frozenset(w.lower() for w in spec.title_words) & _PACE_WORDS


def _summary_periods(spec: ExtractionSpec, body: Sequence[str], pub: date) -> dict[float, str]:
    """The summary's figures that its own clause gives to another period, as read (before unit conversion), with
    that period: a headline's bare figure equal to one of them is that period's too ("Heat pump sales reach record
    356,000" over "... counted 356,000 heat pumps sold by manufacturers in 2023")."""
    scoped: dict[float, str] = {}
    for sent in body:
        for q in find_quantities(sent, percent_level=spec.unit == "percent"):
            if (period := _other_period(spec, sent, q, pub)) is not None:
                scoped.setdefault(q.value, period)
    return scoped


# A plural count noun right after a figure: "130 jets", "371 airplanes", "484,507 vehicles".
_GROUP_NOUN_AFTER = re.compile(r"\s+(?:[a-z-]+\s+)?(?:[a-z]{3,}s|aircraft)\b")
# The preposition or verb that gives a named measure its figure: "737 deliveries to 351", "737 tally crosses 300".
_RAISED_TO = r"(?:to|at|of|reached|hit|topped|crossed|passed|(?:rose|rise|rises|climbed|climb|climbs)\s+to|stood\s+at)"
# What stops a named measure from being the item's count: another clause, or a goal rather than a count ("Switch 2
# forecast to 19 million").
_NOT_A_COUNT = re.compile(
    r"[,;:]|(?i:\b(?:forecasts?|targets?|goals?|guidance|outlook|estimates?|projections?|plans?)\b)"
)
# A part named after its whole: "130 jets, including 113 737s", "led by 35 737s", "of which 286 were 737s".
_PART_OF_BEFORE = re.compile(
    r"(?i:\b(?:including|includ(?:es|ed)|led\s+by|among\s+them|of\s+which)\s+(?:just\s+|only\s+)?$)"
)


@lru_cache(maxsize=1024)
def _named_figure_patterns(own_numbers: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The item's numbered name right after a figure ("113 737s", "286 were 737s") and before a figure it is carried
    to ("737 handovers for the year to 271"), compiled once per set of names."""
    names = "|".join(re.escape(n) for n in own_numbers)
    after = re.compile(rf"\s+(?:(?:were|was|are)\s+)?(?:[A-Z]{{1,3}}-?)?(?:{names})(?:s|'s|’s)?\b(?![.,]?\d)")
    before = re.compile(rf"\b(?:{names})\s+(?:[a-z-]+\s+){{1,4}}?{_RAISED_TO}\s+$")
    return after, before


def _item_named_figures(spec: ExtractionSpec, sent: str, quantities: Sequence[Quantity]) -> dict[tuple[int, int], int]:
    """The figures whose counted noun is the item's own numbered name, each with the end of that name.

    A company's total and a product line's share of it often share a sentence: "Boeing delivered 130 jets in the
    first quarter, including 113 737s", "Airbus handed over 735 aircraft, 571 of them A320neos", "Nintendo sold
    10 million consoles, of which 6 million were Switch 2s". A figure counted in the item's own numbered name ("113
    737s", "286 were 737s", "22 737 MAX") is the item's, and the figure of the group ("130 jets") is not.
    """
    if not spec.own_numbers:
        return {}
    after, before = _named_figure_patterns(spec.own_numbers)
    found: dict[tuple[int, int], int] = {}
    for q in quantities:
        if q.text in spec.own_numbers or q.unit is not None:
            continue
        m = after.match(sent, q.span[1])
        if m is not None:
            found[q.span] = m.end()
        elif (b := before.search(sent, max(0, q.span[0] - 60), q.span[0])) is not None and not _NOT_A_COUNT.search(
            b.group()
        ):
            found[q.span] = q.span[1]  # "lifting 737 handovers for the year to 271": the item's measure, its figure
    return found


def _part_of_head(sent: str, quantities: Sequence[Quantity], q: Quantity) -> Quantity | None:
    """The whole a part is named after ("130 jets in the first quarter, including 113 737s": the 130), or None.
    The part is counted over the same period as its whole: "43 airplanes in July, including 33 737s" is July's."""
    if _PART_OF_BEFORE.search(sent, max(0, q.span[0] - 30), q.span[0]) is None:
        return None
    before = [p for p in quantities if p.span[1] <= q.span[0] and ";" not in sent[p.span[1] : q.span[0]]]
    return before[-1] if before else None


# A summary sentence that opens on a name and its verb: "Airbus handed over 316 aircraft in the first six months",
# "Brazil has shipped 60 million tons". The verb may follow an auxiliary.
_NAMED_SUBJECT_OPENING = re.compile(
    r"^(?P<name>[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,2})(?:['’]s)?\s+(?:(?:has|have|had|also|alone)\s+)*"
    # (a possessive or a pronoun ending in -s is no verb: "Since its launch", "As this")
    r"(?P<verb>(?!(?:its|his|this|thus|is|was|has|as|us|plus|less|unless|across)\b)[a-z]+(?:ed|s))\b"
)
# Capitalised openings that are no party: pronouns, determiners and the measures themselves.
_NOT_A_PARTY = frozenset(
    {"the", "it", "its", "this", "that", "these", "those", "he", "she", "they", "we", "officials", "analysts",
     "data", "figures", "sales", "deliveries", "shipments", "exports", "imports", "total", "overall", "output",
     "production", "demand", "government", "company", "ministry", "orders", "revenue", "volumes", "purchases",
     "member", "members", "states", "countries", "donors", "allies", "partners"}
)  # fmt: skip


# A preposition, conjunction or adverb capitalised because it opens the sentence is no name: "Since its launch in
# January the program has reached over 25 million", "After Tuesday's auction ...", "Meanwhile ...".
_OPENING_FUNCTION_WORDS = frozenset(
    {"since", "after", "before", "as", "while", "with", "despite", "during", "in", "on", "at", "for", "from", "by",
     "under", "over", "amid", "following", "although", "though", "when", "once", "until", "meanwhile", "overall",
     "still", "yet", "so", "but", "and", "also", "however", "last", "next", "earlier", "later", "so far", "to",
     "including", "besides", "beyond", "according", "among", "between", "through", "throughout", "within"}
)  # fmt: skip


def _foreign_subject(spec: ExtractionSpec, sent: str) -> str | None:
    """The other party a summary sentence is about, when it opens on a name that is none of the item's own names
    and never names the item: "Boeing delivered 136 jets in the quarter" then "Airbus handed over 316 aircraft in the
    first six months" (a rival's figure); "India bought 1.2 million tons" then "Brazil shipped 60 million tons".
    A sentence naming the item ("Airbus said Boeing's deliveries ...") is read as usual."""
    m = _NAMED_SUBJECT_OPENING.match(sent)
    if m is None or spec._subject.search(sent) or spec._actor.search(sent) or spec._product.search(sent):
        return None
    words = [w.lower().removesuffix("'s").removesuffix("’s") for w in m["name"].split()]
    if words[0] in _NOT_A_PARTY or words[0] in _OPENING_FUNCTION_WORDS:
        return None
    said = {w.lower() for w in _WORD.findall(sent)}
    if said & spec._own_names:
        return None  # the item's own names anywhere in it: "US exporters sold 3 million tons to China"
    if {name for _, _, name in places_in(sent)} & (spec._own_places | spec._actor_places):
        return None  # "Chinese importers have bought 1.1 million tons" on a watch of China's purchases
    return m["name"]


# A figure that is an estimate or a projection, not a count: "Spain estimates record 94 million tourists", "... 94
# million visitors, according to a Turespana projection", "projected to reach 94 million".
_ESTIMATE_BEFORE = re.compile(
    r"(?i:\b(?:estimat(?:e|es|ed|ing)|project(?:s|ed|ing)|forecast(?:s|ed|ing)?|predict(?:s|ed|ing)?)\s+"
    r"(?:(?:a|an|the|some|record|about|around|roughly|nearly|almost|over|more\s+than)\s+){0,3}$|"
    # ... or with its object, then the figure: "the ministry estimates full-year rice shipments at around 9 million
    # tonnes", "analysts forecast 2024 sales at 1.8 million", "sees exports at" ("put the toll at" is a count stated)
    r"\b(?:estimat(?:e|es|ed|ing)|project(?:s|ed|ing)|forecast(?:s|ed|ing)?|predict(?:s|ed|ing)?|sees)\s+"
    r"(?:[\w'’-]+\s+){1,6}?at\s+(?:(?:about|around|roughly|nearly|some)\s+)?$)"
)
_ESTIMATE_SOURCE = re.compile(
    r"(?i:\baccording\s+to\s+(?:an?|the)\s+(?:[\w'’-]+\s+){0,3}?(?:projection|estimate|forecast|extrapolation)s?\b|"
    r"\b(?:projection|estimate|forecast)s?\s+(?:presented|released|published|issued)\b)"
)


def _estimated_figure(sentence: str, start: int) -> str | None:
    """The estimate a figure is, or None (see _ESTIMATE_BEFORE and _ESTIMATE_SOURCE)."""
    m = _ESTIMATE_BEFORE.search(sentence, max(0, start - 70), start) or _ESTIMATE_SOURCE.search(sentence)
    return f"an estimate ('{m.group().strip()}')" if m is not None else None


def _values(
    spec: ExtractionSpec,
    sent: str,
    idx: int,
    pub: date,
    title_product: bool,
    title_actor: bool,
    note: Callable[[str], None] | None = None,
    elsewhere_values: set[float] | None = None,
    scoped: dict[float, str] | None = None,
) -> list[Observation]:
    """The figures of one sentence that count towards the watch's total. `elsewhere_values` carries figures the
    headline gives to another entity (for the summary); `scoped` holds, for the headline, the figures the summary
    gives to another period (see _summary_periods)."""
    quantities = find_quantities(sent, percent_level=spec.unit == "percent")
    if not quantities:
        return []
    has_derived = any(q.derived for q in quantities)
    has_total = any(
        q.role == "total" and not q.derived and (q.unit or "count") in _UNIT_FAMILY[spec.unit] for q in quantities
    )
    out: list[Observation] = []
    as_of: DateMention | None = None
    dates_done = False
    named = _item_named_figures(spec, sent, quantities)
    for q in quantities:
        value: float | None = None
        if q.text in spec.own_numbers and q.raw_unit is None and q.unit is None:
            if note:
                note(f"figure '{q.text}': part of the item's name")
            continue  # "led by 35 737s", "Switch 2 sales": the model number is a name, not a count
        if named and q.span not in named and q.role == "total" and _GROUP_NOUN_AFTER.match(sent, q.span[1]):
            if note:
                (lo, _), hi = next(iter(named.items()))
                note(f"figure '{q.text}': a larger group's; the sentence counts the item ('{sent[lo:hi]}')")
            continue
        if q.span in named and q.role not in ("total", "target", "rate") and has_total:
            # only where the sentence counts a group the item is part of ("delivered 130 jets, including 113 737s"):
            # a named figure with no count of its own is no total ("The 18 F-16s based at the centre were sold")
            head = _part_of_head(sent, quantities, q)
            why = _attach(spec, sent, head, title_product, title_actor, pub) if head is not None else None
            if why is not None:
                if note:
                    note(f"figure '{q.text}': part of '{head.text if head else ''}', {why}")
                continue
            q = replace(q, role="total", cue=f"the item counted by name ('{sent[q.span[0] : named[q.span]]}')")
        if q.role == "target" and _counts_commitments(spec, sent, q):
            q = replace(q, role="total", cue=f"{q.cue}: the watch counts what is {q.cue}")
        if (
            q.role == "other"
            and q.cue is None
            and _bound_to_item(spec, sent, q, _OWNED_BY_ITEM)
            and _FIGURE_ENDS_PHRASE.match(sent, q.span[1]) is not None
        ):
            # "edging past Microsoft's $3.441 trillion", "ahead of Microsoft at about $4.03 trillion": a figure with no
            # cue of its own, told of the item by name, is the item's level
            q = replace(q, role="total", cue="told of the item by name")
        if (
            q.role in ("rate", "increment")
            and (q.cue or "").lower() in _pace_words(spec)
            and re.search(rf"(?i:\b{re.escape(q.cue or '')}\b)", sent[max(0, q.span[0] - 40) : q.span[1] + 12])
            and not _OTHER_PACE_AFTER.match(sent, q.span[1])
        ):
            # "ChatGPT's weekly users double to more than 200 million" on a watch of "ChatGPT weekly active users":
            # the pace the title names is the item's measure, and its figure the running one
            q = replace(q, role="total", cue=f"{q.cue}: the pace the title names")
        if q.role == "total":
            if spec.unit == "t":
                value = to_tonnes(q.value, q.unit, spec.product)
            elif spec.unit == "count":
                # a count is a bare number ("220,000 shells", "66 crore pilgrims"): no unit to compare
                value = q.value if q.unit is None else None
            else:
                value = q.value if q.unit == spec.unit else None
        elif (
            q.role == "percent" and q.of_target and not has_derived and not has_total and spec.target_value is not None
        ):
            # "X% of the target" stands for a total only where no total is stated: "$100 billion, 58% of target"
            # measures the stated figure against some target (here another year's), it is not 58% of ours
            value = q.value / 100.0 * spec.target_value
        if value is None:
            if note:
                note(
                    f"figure '{q.text}': a {q.role}"
                    + (f" in {q.unit}" if q.unit else "")
                    + f", not a {spec.unit} total"
                )
            continue
        reason = _attach(spec, sent, q, title_product, title_actor, pub)
        if elsewhere_values is not None:
            if reason is not None and idx == 0 and reason.startswith(("in a clause about", "another actor")):
                elsewhere_values.add(value)
            elif reason is None and any(abs(value - v) <= 0.01 * max(v, 1.0) for v in elsewhere_values):
                reason = "the headline gives this figure to another entity"
        if (
            reason is None
            and _pace_words(spec) & _SHORT_PACES
            and (cumulative := _CUMULATIVE_AFTER.match(sent, q.span[1])) is not None
        ):
            # "Waymo doubles to 10 million paid robotaxi trips in five months", "has completed 10 million paid trips
            # in total" on a watch of weekly paid rides: a count summed over a stretch is another measure than a pace
            reason = f"a cumulative count ('{cumulative.group().strip()}'), the watch counts a pace"
        if reason is None and (neg := _FIGURE_DENIED.search(sent, max(0, q.span[0] - 60), q.span[0])) is not None:
            reason = f"denied ('{neg.group().strip()}')"
        if reason is None and (denial := denial_before(sent, q.span[0])) is not None:
            # the denial governing the figure's clause, as for a status (signals.denial_before): "Analysts rejected
            # social-media claims that imports had already crossed 100 million tonnes"
            reason = f"denied ('{denial.strip()}')"
        if (
            reason is None
            and q.text.lower().startswith(("over ", "above ", "beyond ", "more than "))
            and (neg := _NEGATED_CLAUSE_BEFORE.search(sent, max(0, q.span[0] - 60), q.span[0])) is not None
        ):
            reason = f"denied ('{neg.group().strip()} {q.text}')"  # "data do not put sales over 4 million"
        if (
            reason is None
            and _CLAIM_BEFORE.search(sent, max(0, q.span[0] - 80), q.span[0]) is not None
            and (false := _CLAIM_FALSE_AFTER.match(sent, q.span[1])) is not None
        ):
            reason = f"a claim denied ('{false['verdict']}')"
        if reason is None:
            reason = _other_measure(spec, sent, q)
        if reason is None and (combined := _combined_count(spec, sent, q)) is not None:
            reason = f"a combined count ('{combined}')"
        if scoped and idx == 0 and reason is None:
            same = next((r for v, r in scoped.items() if abs(q.value - v) <= 0.01 * max(v, 1.0)), None)  # rounded
            if same is not None:
                # "Heat pump sales reach record 356,000" over "BDH and BWP jointly counted 356,000 heat pumps sold
                # ... in 2023": the headline's bare figure is the summary's, with the period the summary gives it
                reason = f"the summary gives this figure as {same}"
        if reason is not None:
            if note:
                note(f"figure '{q.text}': {reason}")
            continue
        if not dates_done:
            dates_done = True
            past = [d for d in find_dates(sent, pub) if d.end <= pub]
            as_of = past[-1] if past else None
        hedge = (
            hedge_cue(sent, q.span[0])
            or _future_figure(sent, q.span[0])
            or _estimated_figure(sent, q.span[0])
            or _future_after_figure(sent, q.span[1])
        )
        if q.role == "percent":
            rule = f"value: total {value:,.0f} {spec.unit} = '{q.text}' of target {spec.target_value:,.0f}"
        else:
            rule = f"value: total '{q.text}'"
            if q.unit != spec.unit:
                rule += f" converted {q.unit}->{spec.unit}"
            if q.cue:
                rule += f" (cue '{q.cue}')"
        if q.qualifier:
            rule += f" (qualifier {q.qualifier})"
        if hedge:
            rule += f"; hedge '{hedge}'"
        out.append(
            Observation(
                kind="value",
                confidence="unconfirmed" if hedge else "confirmed",
                sentence=sent,
                rule=rule,
                in_title=idx == 0,
                sentence_index=idx,
                value=value,
                unit=spec.unit,
                qualifier=q.qualifier,
                quantity=q,
                as_of=as_of,
            )
        )
    if len(out) > 1:
        out = _precise_over_marks(sent, out, note)
    if len(out) > 1 and spec._subject:
        bound = [o for o in out if o.quantity is not None and _bound_to_item(spec, sent, o.quantity)]
        if bound and len(bound) < len(out):
            # "The remake reached $972.7 million worldwide, overtaking A Minecraft Movie, which grossed $954 million":
            # where one figure is told of the item by name (its relative clause, its brackets, its own verb), the
            # sentence's other figures are the other things'
            if note:
                for o in out:
                    if o not in bound and o.quantity is not None:
                        note(f"figure '{o.quantity.text}': another thing's; the sentence gives the item its own figure")
            out = bound
    return out


def _precise_over_marks(sentence: str, out: list[Observation], note: Callable[[str], None] | None) -> list[Observation]:
    """The precise figure a sentence gives beside a round mark it says was passed, in place of the mark.

    "BYD crosses 4 million mark: Nov sales 480,186, Jan-Nov total 4,182,038", "Cases top the 10,000 milestone, at
    10,342": a mark ("4 million mark", "the 10,000 milestone") is a threshold the running figure went past, so it is a
    floor; a figure in the same sentence at or a little above it (up to a quarter more) is the figure itself. A
    figure under the mark, or far above it, is something else and leaves the mark alone.
    """
    marks = [o for o in out if o.quantity is not None and MARK_AFTER.match(sentence, o.quantity.span[1])]
    if not marks:
        return out
    precise = [
        o
        for o in out
        if o not in marks
        and o.value is not None
        and any(m.value is not None and m.value <= o.value <= 1.25 * m.value for m in marks)
    ]
    if not precise:
        return out
    if note:
        for m in marks:
            if m.quantity is not None:
                note(f"figure '{m.quantity.text}': a mark passed; the sentence gives the precise figure")
    return [o for o in out if o not in marks]


# A figure told of the item by name: in a relative clause on it ("A Minecraft Movie, which grossed $954 million"), in
# brackets after it ("A Minecraft Movie ($424 million domestic, $955 million worldwide)") or as the object of its own
# verb right after it ("A Minecraft Movie has earned $951 million").
_BOUND_AFTER_ITEM = re.compile(
    r"(?i:(?:['’]s)?\s*(?:\(\s*(?:[^()]*?,\s*)?|,?\s*(?:which|that|who)\s+(?:has\s+|had\s+|have\s+)?"
    r"(?:now\s+|already\s+|so\s+far\s+)?[a-z]+(?:\s+(?:at|to|up))?\s+|\s+(?:has\s+|had\s+|have\s+)?"
    r"(?:now\s+|already\s+|so\s+far\s+)?[a-z]+(?:\s+(?:at|to|up))?\s+|"
    # a longer relative clause that ends in its figure: "Microsoft, which also closed at a record high and is
    # valued at $3.66 trillion"
    r",\s*(?:which|that|who)\s+[^,;()]{0,60}?\b(?:at|of|to|reached|hit|grossed|totalled|totaled|stands\s+at)\s+|"
    # the possessive right before the figure: "Microsoft's $3.441 trillion"
    r"['’]s\s+)"
    r"(?:(?:about|around|nearly|almost|some|over|more\s+than|a\s+record|a\s+total\s+of|an?\s+estimated)\s+)*)"
)


# The item's own figure with no verb of its own: its possessive ("Microsoft's $3.441 trillion") or a relative clause
# that ends in "at" or "of" ("Microsoft, which ... is valued at $3.66 trillion").
_OWNED_BY_ITEM = re.compile(
    r"(?i:(?:['’]s\s+|,\s*(?:which|that)\s+[^,;()]{0,60}?\b(?:at|of)\s+)"
    r"(?:(?:about|around|nearly|almost|some|over|more\s+than|a\s+record|a\s+total\s+of|an?\s+estimated)\s+)*)"
)


# A figure that ends its noun phrase: a stop, or a preposition or conjunction after it ("Microsoft's $3.441 trillion,"),
# not a noun it modifies ("OECD's $115.9bn claim", "Tesla's 10-K", "ChatGPT's 700 million weekly users").
_FIGURE_ENDS_PHRASE = re.compile(r"(?i:\s*(?:[,.;:)]|$)|\s+(?:and|on|in|at|as|while|with|to|from|for|after|before)\b)")


def _bound_to_item(
    spec: ExtractionSpec, sentence: str, q: Quantity, pattern: re.Pattern[str] = _BOUND_AFTER_ITEM
) -> bool:
    """Whether a figure is told of the item by name (see _BOUND_AFTER_ITEM, _OWNED_BY_ITEM): by one of its terms
    written as a name, or by a capitalised name of its title ("Microsoft" on a watch whose terms are "market value",
    "trillion", which name a measure, not the item)."""
    ends = [b for a, b in spec._subject.spans(sentence) if sentence[a : a + 1].isupper()]  # a name, not "market value"
    for m in _WORD.finditer(sentence):
        name = re.sub(r"['’]s$", "", m.group())  # ("Microsoft's": the name ends before its possessive)
        if name[:1].isupper() and name.lower() in spec._own_names:
            ends.append(m.start() + len(name))
    return any(b <= q.span[0] and pattern.fullmatch(sentence, b, q.span[0]) is not None for b in ends)
