"""The tracking engine: entries and clock ticks in, alerts and baseline history out.

Decisions, in order, for one entry and one watch:

1. The entry must pass the watch's match rules, be published on/after the baseline's ``as_of`` and be younger
   than ``max_entry_age`` at the engine's ``now`` (search feeds resurface years-old stories).
2. Extraction yields status, date and value observations, each confirmed or unconfirmed (hedged).
3. Compared with the baseline, an observation is a *change* (status moves forward, the date moves, the value
   grows by at least ``min_change``, the target is reached), a *corroboration* (it repeats the latest alert of
   its kind within the corroboration window: the outlet is added to that alert's sources) or nothing. A lower
   figure in cumulative mode is a conflict: logged, never applied.
4. A status change and a date change from the same entry are ONE status alert; the date moves silently.
5. Unconfirmed changes never move the baseline. With ``unconfirmed: alert`` they alert once, flagged.
6. ``min_sources`` > 1 holds a change until that many publishers reported it within the window.
7. A feed's first poll (``seeding``) applies changes to the baseline without alerting.

Deadlines are checked by :meth:`TrackingEngine.tick` as time passes (replay: every midnight UTC).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

from watchers.config.values import DateWindow, parse_date_window
from watchers.extract.dates import DateMention, find_dates, is_floor
from watchers.extract.matching import NeedleIndex
from watchers.extract.numbers import find_quantities
from watchers.extract.observe import Observation, extract_observations
from watchers.tracking.decision import Decision
from watchers.tracking.render import countdown, describe_window, format_quantity, headline, progress_bar, rumoured
from watchers.tracking.sources import publisher_of, sources_line
from watchers.tracking.state import (
    Alert,
    AlertKind,
    Confidence,
    HistoryRow,
    JsonValue,
    PendingChange,
    RecentAlert,
    WatchState,
    state_summary,
)
from watchers.tracking.watch import RANK, RESOLVING, CompiledWatch

log = logging.getLogger(__name__)

CORROBORATION_WINDOW = timedelta(days=7)
REPORT_WINDOW = timedelta(hours=48)
BASELINE_COVERAGE = timedelta(days=2)  # the news a baseline was taken from keeps being carried this long after it
_WORD = re.compile(r"[a-z0-9]+")
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "for",
        "and",
        "or",
        "with",
        "at",
        "by",
        "from",
        "as",
        "is",
        "are",
        "says",
        "said",
        "over",
        "after",
    ]
)
PENDING_WINDOW = timedelta(days=3)
# A running total more than ten times the last one is far beyond any trend (see _second_outlet); running totals
# of real programmes often triple between two reports early on, so the bar is high.
JUMP_RATIO = 10.0
ROUNDING = 0.05  # a headline figure and a summary figure this close are one figure, rounded and exact
CORRECTION_AGREEMENT = 0.10  # a second lower report this much below the first disagrees with it
CORRECTION_WINDOW = timedelta(days=45)  # running totals are often reported monthly
LEAP_SHARE = 0.25  # a one-report rise above this share of the target, landing near it, waits for a second outlet
NEAR_TARGET = 0.9  # "near the target": where a misread target figure lands
# A sentence that says the target itself was met vouches for a figure at the target on its own, in any tense or aspect
# ("met", "meets", "meeting its target") and with the target's size between ("hits 1.8 million goal").
_ASSERTS_TARGET = re.compile(
    r"(?i:\b(?:met|meets|meeting|reached|reaches|reaching|achieved|achieves|achieving|fulfilled|fulfils|fulfills|"
    r"fulfilling|hit|hits|hitting|completed|completes|completing|pass(?:es|ed|ing)?|tops|topped|topping|"
    r"surpass(?:es|ed|ing)|exceed(?:s|ed|ing)|cross(?:es|ed|ing))"
    r"\s+(?:[\w.,$%-]+\s+){0,3}?(?:target|goal|pledge|commitment|promise|quota)s?\b)"
)
# A verb of passing a figure: "surpassing the USD 10 billion", "topping 1 million".
_PASSING_VERB = re.compile(
    r"(?i:\b(?:pass(?:es|ed|ing)?|tops|topped|topping|surpass(?:es|ed|ing)|exceed(?:s|ed|ing)|cross(?:es|ed|ing)|"
    r"beat(?:s|ing)?|overtak(?:es|ing)|overtook)\b)"
)
# A figure set above the plan it is measured against: "above the 210,000 tons planned", "exceeding the 1.8
# million goal", "beyond its target of 500".
_BEYOND_PLAN = re.compile(
    r"(?i:\b(?:above|beyond|exceeding|surpassing|past|over)\s+(?:the|its|their)\s+(?:[\w.,$%-]+\s+){0,3}?"
    r"(?:planned|targeted|promised|pledged|announced|target|goal|pledge|commitment|quota)\b)"
)
_COARSE = {"year", "half", "year_part", "season", "quarter"}
_FINENESS = {
    "day": 0,
    "range": 1,
    "week": 2,
    "month": 3,
    "season": 4,
    "quarter": 4,
    "half": 5,
    "year_part": 5,
    "year": 6,
}


@dataclass(frozen=True)
class EntryInput:
    """What the engine needs of an entry."""

    key: str
    title: str
    summary: str
    link: str | None
    published: datetime | None
    feed_url: str = ""


@dataclass
class EngineResult:
    """What one call changed: new alerts, (alert key, source) corroborations, and history rows."""

    alerts: list[Alert] = field(default_factory=list)
    corroborations: list[tuple[str, str]] = field(default_factory=list)
    history: list[HistoryRow] = field(default_factory=list)
    touched: set[str] = field(default_factory=set)  # watch ids whose baseline or alerts changed
    remembered: set[str] = field(default_factory=set)  # watch ids whose memory alone grew (a headline seen)

    def extend(self, other: EngineResult) -> None:
        self.alerts.extend(other.alerts)
        self.corroborations.extend(other.corroborations)
        self.history.extend(other.history)
        self.touched |= other.touched
        self.remembered |= other.remembered

    @property
    def to_store(self) -> set[str]:
        """The watch ids whose state must be saved: every change, memory included."""
        return self.touched | self.remembered


@dataclass
class _Candidate:
    kind: AlertKind
    old: JsonValue
    new: JsonValue
    confidence: Confidence
    rule: str
    sentences: list[str]
    window: DateWindow | None = None
    value: float | None = None
    silent_date: DateWindow | None = None  # a date that moves with a status change, without its own alert
    floor: bool = False  # the date (or the silent date) is a lower bound: 'no earlier than Friday'
    jump: bool = False  # a figure at/past the target or far above the trend: needs a second outlet
    lower: bool = False  # a running total below the stored one: a correction, once a second outlet agrees


# A day ends everywhere about twelve hours after it ends in UTC, and the news of an evening launch or signing in
# the Americas is published after midnight UTC: a deadline is missed only at noon UTC of the next day.
MISSED_GRACE = timedelta(hours=12)
ONE_DAY = timedelta(days=1)
# Verbs that set a new date rather than move away from the old one (see _rescheduled).
RESETTING_RULES = frozenset({"reschedule", "reset"})
EARLY_HAPPENING_DAYS = 30  # a 'happened' read this long before the stored window opened is suspect
REOPEN_DAYS = 3  # how long after a 'happened'/'cancelled' alert a report can still put the event back on a date


# A total stated as done: "has supplied Ukraine with over 980,000 shells", "980,000 shells have been delivered".
_PERFECT_BEFORE = re.compile(
    r"(?i:\b(?:has|have|had)\s+(?:now\s+|already\s+|so\s+far\s+)?(?:been\s+)?[a-z]+ed\b[^,;:]{0,40}$)"
)
_PERFECT_AFTER = re.compile(r"(?i:^[^,;:]{0,40}?\b(?:has|have|had)\s+(?:now\s+|already\s+)?been\s+[a-z]+ed\b)")


def _asserted(obs: Observation, target: float | None = None) -> bool:
    """Whether a figure is vouched for by its own sentence: the target said to be met, by name or by its own figure
    ("surpassing the USD 10 billion raised last time" when 10 billion is the target), or the total stated in the
    present perfect (what the issue calls an assertive statement: "has bought", "has completed", "reached")."""
    if _ASSERTS_TARGET.search(obs.sentence):
        return True
    if target and obs.confidence == "confirmed":
        for m in _PASSING_VERB.finditer(obs.sentence):
            passed = next((q for q in find_quantities(obs.sentence[m.end() : m.end() + 40]) if q.span[0] <= 12), None)
            if (
                passed is not None
                and abs(passed.value - target) <= 0.01 * target
                # the figure passed is the target told beside the total, not the reading itself ("tops 1 billion")
                and (obs.quantity is None or m.end() + passed.span[0] != obs.quantity.span[0])
                and obs.value is not None
                and obs.value > passed.value
            ):
                return True
    if obs.quantity is None or obs.confidence != "confirmed":
        return False
    start, end = obs.quantity.span
    return bool(_PERFECT_BEFORE.search(obs.sentence, 0, start) or _PERFECT_AFTER.search(obs.sentence[end:]))


# Words that say a date came earlier (an agreement's deadline brought forward), unlike "back to", which may be a slip.
_MOVED_EARLIER = re.compile(r"(?i:\b(?:brought\s+forward|bring(?:s|ing)?\s+forward|mov(?:ed|es|ing)\s+up|advanced)\b)")
# The parties' own closing day: "expects to close on December 11", "expect the deal to close on Dec. 14, 2023" - the
# day the deal is done, earlier than the outside date it had to beat (a day only: "expected to close in late 2024"
# is the same window restated).
_DEAL_NP = r"(?:the\s+|its\s+|their\s+)?(?:[\w'’-]+\s+){0,2}?(?:deal|acquisition|merger|takeover|transaction|purchase)"
_CLOSING_DAY = re.compile(
    rf"(?i:\b(?:expect(?:s|ed)?|set|scheduled|slated)\s+{_DEAL_NP}\s+to\s+(?:close|complete|be\s+completed)\s+on\b|"
    rf"\b(?:expect(?:s|ed)?|plans?)\s+to\s+(?:close|complete)\s+{_DEAL_NP}\s+on\b)"
)
# The day a pact is to be signed: "to sign free trade deal on Tuesday", "will be signed in Hanoi on 30 June", "the
# signing ceremony is set for Feb. 18".
_SIGNING_DAY_BEFORE = re.compile(
    r"(?i:(?:\b(?:to|will|would|shall|is\s+to|are\s+to)\s+(?:be\s+)?(?:formally\s+)?(?:sign(?:ed)?|ink(?:ed)?)\b|"
    r"\bsigning(?:\s+ceremony)?\s+(?:is\s+|has\s+been\s+)?(?:set|scheduled|slated|planned)\b)"
    r"[^.;:]{0,80}?\s(?:on|for)\s+(?:\w+,?\s+)?$)"
)


def _signing_day(watch: CompiledWatch, obs: Observation) -> bool:
    """Whether a date observation is the day a pact (not a purchase, which closes) is to be signed (see above)."""
    return (
        watch.kind == "agreement"
        # (a purchase's day is its closing's; a law's signature is a formality after its passage, no new date)
        and not watch.spec.closes
        and not watch.spec.is_law
        and obs.kind == "date"
        and obs.date is not None
        and obs.date_role == "event"
        and obs.date.precision == "day"
        and _SIGNING_DAY_BEFORE.search(obs.sentence, max(0, obs.date.span[0] - 120), obs.date.span[0]) is not None
    )


# A day named only by its weekday: "Wednesday", "on Friday", "next Tuesday" is not one (it says which week).
_BARE_WEEKDAY = re.compile(r"(?i:(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day)")
_BROUGHT_FORWARD = re.compile(
    r"(?i:\b(?:brought\s+forward|bring\s+forward|moved\s+up|moves\s+up|advanced|back\s+to)\b)"
)
EARLIER_SILENTLY_DAYS = 14  # a confirmed day moved this much earlier without a word of it is another happening's
# Any word that a thing comes sooner than planned: the verbs of bringing forward and the plain adverbs.
_SOONER = re.compile(
    rf"{_MOVED_EARLIER.pattern}|{_BROUGHT_FORWARD.pattern}|(?i:\b(?:earlier|sooner|early|ahead\s+of\s+schedule)\b)"
)


_MILESTONE_CUE = re.compile(r"(?i:\b(?:goal|target|pledge|commitment|promise|quota)\b)")
_MILESTONE_AFTER = re.compile(r"(?i:\s+(?:[\w-]+\s+)?(?:mark|milestone|threshold|goal|target)\b)")


def _leaps(current: float, value: float, target: float | None) -> bool:
    """Whether a new running total is a leap that needs a second outlet (or a statement that the target was met).

    A misread target ("has until Feb. 28 to complete purchases of 12 million tons" at 2 million bought) or another
    entity's figure ("India crosses 100 crore doses" on a COVAX watch) arrives as one big step; real totals climb
    in steps. A leap is a rise of more than a quarter of the target in one report that lands within a tenth of the
    target or past it, or a rise to more than JUMP_RATIO times the stored figure. The last stretch to the target (40
    to 45 crore of 45) is a step, and so is a big rise that stays well short of it (2 to 9 million of 12).
    """
    if target is not None and target > 0 and value >= NEAR_TARGET * target and value - current > LEAP_SHARE * target:
        return True
    return current > 0 and value > current * JUMP_RATIO


# Days a summary's date may lie outside the headline's window and still refine it rather than be background.
TITLE_WINDOW_SLACK_DAYS = 3


# A stored day still ahead is not given up for one this many days later without a word of delay (see _date_candidate).
LATER_SILENTLY_DAYS = 30
# A decision that fixes a day is news of its own: "Agency sets Dec. 18 target", "reschedules the launch", "announced
# May 4 as the new date" (the participle of a schedule, "set for April 15", is not one).
_SETS_A_DAY = re.compile(
    r"(?i:\b(?:sets?(?!\s+(?:for|to)\b)|setting|fixe[sd]|fixing|announce[sd]?|announcing|reschedul\w*|retarget\w*|moves?|moved|"
    r"shifts?|shifted)\b)"
)
# A word that a deal's timetable slipped: "closing pushed back", "delayed", "slips", "extended".
_DEAL_DELAY = re.compile(
    r"(?i:\b(?:delay(?:s|ed)?|push(?:es|ed)?\s+back|slip(?:s|ped)?|postpone[ds]?|extend(?:s|ed)?|later\s+than)\b)"
)
# A word that tells a schedule as changed, not as it always stood: "the earliest launch is now in April", "the vote
# will instead be held on May 2", "a new date of June 4".
_CHANGED_NOW = re.compile(r"(?i:\b(?:now|instead|new\s+(?:date|day|target|window))\b)")


# A clock time in a time zone of the Americas right after a day: "Tuesday, March 11, at 11:10 p.m. EDT".
_AMERICAS_CLOCK_AFTER = re.compile(
    r"(?i:[\s,]+(?:at\s+)?(?:the\s+same\s+time\s+)?\d{1,2}(?::\d{2})?\s*[ap]\.?m\.?\s*\(?"
    r"(?-i:EDT|EST|CDT|CST|MDT|MST|PDT|PST|ET|PT|CT)\b)"
)


def _far_move_in_silence(
    state: WatchState,
    current: DateWindow,
    window: DateWindow,
    obs: Observation,
    observations: list[Observation],
    published: date,
) -> str | None:
    """Where a day far from a stored day still ahead lies ("weeks before", "months past"), when nothing in the entry
    says the item moved there; else None. Such a day is another happening's or an old schedule resurfacing.

    - Earlier (a confirmed day, more than EARLIER_SILENTLY_DAYS before): Oct. 2 is confirmed and "Ghost of Yotei State
      of Play set for Thursday" (July 10) comes; an event is not brought forward by weeks without "moved up", "sooner".
    - Later (more than LATER_SILENTLY_DAYS after): Jan. 8 is stored and "ULA targets May 4th for Vulcan's inaugural
      flight" comes; a day still to come is not given up for one months later without "delayed", "now", "sets".

    Once the stored day has passed, "now targeting Friday" alone moves it, as launches are told."""
    if current.precision != "day" or current.start <= published:
        return None
    if (
        state.status == "confirmed"
        and window.precision == "day"
        and (current.start - window.end).days > EARLIER_SILENTLY_DAYS
        and not _SOONER.search(obs.sentence)
    ):
        return "weeks before"
    if (
        (window.start - current.end).days > LATER_SILENTLY_DAYS
        and not any(o.kind == "status" and o.status in ("postponed", "cancelled") for o in observations)
        and not _CHANGED_NOW.search(obs.sentence)
        and not _SETS_A_DAY.search(obs.sentence)
    ):
        return "months past"
    return None


def _same_happening_a_day_off(
    watch: CompiledWatch,
    state: WatchState,
    current: DateWindow,
    window: DateWindow,
    obs: Observation,
    observations: list[Observation],
) -> str | None:
    """Why a day next to a stored day, told with no word of a move, is the same happening dated another way, or None.

    - A trip is dated from its departure or its arrival: "The Pope heads on Monday to Indonesia" when he lands there
      on Tuesday (a verb of motion dates it).
    - A confirmed release goes out at one moment worldwide, the evening before in the Americas: "Ahead of its May 14
      release" when May 15 is confirmed is the same release told in another time zone.

    A launch is left alone: it slips a day at a time, often told only as "now targeting Thursday"."""
    if current.precision != "day" or window.precision != "day" or abs((window.start - current.start).days) != 1:
        return None
    if _BROUGHT_FORWARD.search(obs.sentence) or any(
        o.kind == "status" and o.status in ("postponed", "cancelled") for o in observations
    ):
        return None
    if watch.travels and _MOTION_ANCHOR.search(obs.rule) is not None:
        return "a trip dated from its departure or arrival"
    if (
        state.status == "confirmed"
        and any(n.lower().startswith("releas") for n in watch.spec.item_nouns)
        and not _CHANGED_NOW.search(obs.sentence)
    ):
        return "a release told in another time zone"
    return None


def _evening_before_in_the_americas(o: Observation, published_at: datetime | None) -> bool:
    """Whether a day named as the item's next is the publication day, told with a clock time of the Americas, in an
    entry published before noon UTC: there it is still the evening before, and "rescheduled for Tuesday, March 11,
    at 11:10 p.m. EDT", published at 03:55 UTC on March 11, names a day still to come (see MISSED_GRACE)."""
    d = o.date
    return (
        d is not None
        and published_at is not None
        and published_at.astimezone(UTC).hour < 12
        and d.precision == "day"
        and d.start == d.end == published_at.astimezone(UTC).date()
        and _AMERICAS_CLOCK_AFTER.match(o.sentence, d.span[1]) is not None
    )


def _other_time_zone(current: DateWindow | None, obs: Observation, observations: list[Observation]) -> bool:
    """Whether a day next to the stored day is that day told in another time zone: the entry names the stored day
    as well ("1:31 p.m. EDT on Wednesday, May 28, which is early Thursday, May 29, in China")."""
    if current is None or current.precision != "day" or obs.date is None or obs.date.start != obs.date.end:
        return False
    if abs((obs.date.start - current.start).days) != 1:
        return False
    if _MIDNIGHT_IN_A_ZONE.match(obs.sentence, obs.date.span[1]):
        return True  # "liftoff now Thursday around midnight Belgian time": Wednesday evening where it happens
    if not _zone_restatement(current, observations) and any(
        o.kind == "status" and o.status in ("postponed", "cancelled") and o.confidence == "confirmed"
        for o in observations
    ):
        return False  # "slips to August 28" from the 27th: a move, however near
    return any(
        o.kind == "date"
        and o.date is not None
        and o.date_role in ("event", "other")  # (a superseded or denied day is the move's starting point)
        and o.date.start == o.date.end == current.start
        # a day told relative to the writing ("will not begin final launch preparations today") names no time zone
        and o.date.text.lower() not in _RELATIVE_DAY_WORDS
        for o in observations
    )


# Midnight in a named time zone right after a day: the day either side of it, depending on where one stands.
_MIDNIGHT_IN_A_ZONE = re.compile(
    r"(?i:,?\s+(?:at\s+|around\s+|about\s+|just\s+(?:after|before)\s+|shortly\s+(?:after|before)\s+)?midnight\s+"
    r"(?:(?-i:[A-Z])[a-z]+\s+time|local\s+time|(?-i:[A-Z]{2,4})\b))"
)
_RELATIVE_DAY_WORDS = frozenset({"today", "tonight", "tomorrow", "yesterday", "this morning", "this evening"})


def midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


class TrackingEngine:
    """Runs the rules for a set of compiled watches over states it is handed (it holds none itself)."""

    def __init__(self, watches: Iterable[CompiledWatch]) -> None:
        self.watches = {w.id: w for w in watches}
        self._ordered = list(self.watches.values())
        # one pass finds the watches an entry may match (see NeedleIndex); the rest are not asked
        self._index = NeedleIndex([w.rules for w in self._ordered])

    def initial_states(self) -> dict[str, WatchState]:
        return {w.id: w.initial_state() for w in self.watches.values()}

    # ------------------------------------------------------------------ entries

    def process_entry(
        self,
        states: Mapping[str, WatchState],
        entry: EntryInput,
        now: datetime,
        *,
        seeding: bool = False,
        trace: list[Decision] | None = None,
    ) -> EngineResult:
        """Apply one entry to every watch it matches; with ``trace``, append a :class:`Decision` per watch."""
        result = EngineResult()
        published = entry.published or now
        text = f"{entry.title}\n{entry.summary}"
        low = text.lower()  # once per entry, not once per watch
        asked = self._ordered if trace is not None else [self._ordered[i] for i in self._index.candidates(low)]
        for watch in asked:
            state = states.get(watch.id)
            if not watch.config.enabled or state is None:
                continue
            decision = None
            if trace is not None:
                decision = Decision(watch.id, entry.key, entry.title, entry.link, entry.published)
                trace.append(decision)
            if decision is None:
                if not watch.rules.matches_text(text, low):
                    continue  # the live path: no words spent on why
            elif (mismatch := watch.rules.mismatch(entry.title, entry.summary)) is not None:
                decision.verdict = "no match"
                decision.because(f"the entry {mismatch}")
                continue
            stale = _stale(state, published, now, watch.max_entry_age) or _resurfaced(state, entry.title, published)
            if _remember_headline(state, entry.title, published):
                result.remembered.add(watch.id)  # saved, but no deadline moved: replay keeps its next due moment
            if stale is not None:
                if decision is not None:
                    decision.verdict = "stale"
                    decision.because(stale)
                continue
            notes = decision.set_aside if decision is not None else None
            observations = extract_observations(
                watch.spec, title=entry.title, summary=entry.summary, published=published, notes=notes
            )
            if decision is not None:
                decision.observations = observations
            if not observations and not watch.config.alert_reports:
                if decision is not None:
                    decision.because("nothing read about the item's status, date or figure")
                continue
            outcome = self._apply(watch, state, observations, entry, published, seeding, decision)
            if decision is not None:
                _conclude(decision, outcome, seeding)
            result.extend(outcome)
        return result

    def _apply(
        self,
        watch: CompiledWatch,
        state: WatchState,
        observations: list[Observation],
        entry: EntryInput,
        at: datetime,
        seeding: bool,
        decision: Decision | None = None,
    ) -> EngineResult:
        result = EngineResult()
        source = entry.link or entry.feed_url
        why = decision.reasons if decision is not None else None
        candidates = self._candidates(watch, state, observations, at.date(), why, published_at=at)
        if not candidates:
            corroborated = self._corroborate(watch, state, observations, source, at, result)
            if not corroborated and watch.config.alert_reports and not seeding:
                self._report(watch, state, entry, source, at, result)
            return result
        for candidate in candidates:
            if candidate.confidence == "unconfirmed":
                if why is not None and watch.config.unconfirmed != "alert":
                    why.append(f"{candidate.kind} {candidate.new} is hedged ({candidate.rule}); unconfirmed: wait")
                self._unconfirmed(watch, state, candidate, source, at, seeding, result)
                continue
            if candidate.lower:
                if seeding:
                    continue
                ready = self._correction(watch, state, candidate, source, at, result)
                if ready is None:
                    if why is not None:
                        why.append(
                            f"figure {candidate.value:,.0f} is lower than the running total {state.value or 0:,.0f}: "
                            "a correction waits for a second outlet that also reports less (none if two outlets "
                            "stand behind the stored figure)"
                        )
                    continue
                candidate, sources = ready
                self._accept(watch, state, candidate, sources, at, seeding, result)
                continue
            if candidate.jump and (
                _ASSERTS_TARGET.search(entry.title) or _BEYOND_PLAN.search(f"{entry.title}\n{entry.summary}")
            ):
                # the headline says the target was met, or the story sets the figure above the plan ("bringing the
                # total to 212,132 tons, above the 210,000 tons planned"): the figure is vouched for
                candidate.jump = False
            if candidate.jump and not seeding:
                ready = self._second_outlet(watch, state, candidate, source, at, result)
                if ready is None:
                    if why is not None:
                        why.append(
                            f"{candidate.kind} {candidate.new} jumps to or past the target or far above the trend: "
                            "it waits for a second outlet (or a statement that the target was met)"
                        )
                    continue
                candidate, sources = ready
            elif watch.config.min_sources > 1 and not seeding:
                ready = self._collect(watch, state, candidate, source, at, result)
                if ready is None:
                    if why is not None:
                        why.append(f"{candidate.kind} {candidate.new} waits for {watch.config.min_sources} outlets")
                    continue
                candidate, sources = ready
            else:
                sources = [source]
            self._accept(watch, state, candidate, sources, at, seeding, result)
        return result

    # ------------------------------------------------------------------ deciding changes

    def _candidates(
        self,
        watch: CompiledWatch,
        state: WatchState,
        observations: list[Observation],
        published: date,
        why: list[str] | None = None,
        *,
        published_at: datetime | None = None,
    ) -> list[_Candidate]:
        if watch.kind == "metric":
            return self._value_candidates(watch, state, observations, why, published) + self._due_candidates(
                watch, state, observations, published, why
            )
        if watch.kind == "event" and state.status in RESOLVING["event"]:
            correction = self._reopen_candidate(watch, state, observations, published, why)
            if correction is not None:
                return [correction]
        status = self._status_candidate(watch, state, observations, why, published)
        date_change = self._date_candidate(watch, state, observations, published, why, published_at=published_at)
        if (
            status is not None
            and status.new == "postponed"
            and date_change is None
            and self._names_current_date(watch, state, observations, published)
        ):
            # "delayed to no sooner than May 6" when May 6 is already the stored date: the baseline holds this
            # postponement already (it is how the date came to be May 6).
            if why is not None:
                why.append("postponed to the date already stored: the baseline holds this development")
            status = None
        if (
            status is not None
            and status.new == "postponed"
            and date_change is None
            and watch.kind == "event"
            and not state.recent
            and published <= state.as_of.date() + ONE_DAY
        ):
            # "Covid impact pushes back Hinkley Point C start-up", the morning after the baseline was taken from that
            # very postponement (expected June 2026): a delay with no new day, before anything else has changed, is
            # the coverage the baseline records
            if why is not None:
                why.append("postponed with no new day, the day after the baseline: the baseline records it")
            status = None
        if (
            status is not None
            and status.new == "confirmed"
            and date_change is None
            and watch.kind == "event"
            and (current := self._current_window(watch, state)) is not None
            and (set_aside := _confirmation_bound_elsewhere(state, observations, status, current, published))
        ):
            if why is not None:
                why.append(set_aside)
            status = None
        if status is None and watch.kind == "event" and state.status in ("planned", "confirmed"):
            status = self._denied_date(watch, state, observations, why)
        if (
            (status is None or status.new == "confirmed")
            and date_change is not None
            and date_change.confidence == "confirmed"
            and date_change.window is not None
            and watch.kind == "event"
            and state.status in ("planned", "confirmed")
            and (current := self._current_window(watch, state)) is not None
            and date_change.window.start > current.end
            and current.end >= published
            # a month merely planned is a rough aim ("later this year", "in the autumn" kept as its first month): a
            # firm day after it is the schedule set, not a slip, unless the entry says it slipped
            and not (
                state.status == "planned"
                and current.precision in ("month", "quarter", "season", "half", "year")
                and date_change.window.precision in ("day", "range", "week")
                and status is not None
                and status.new == "confirmed"
            )
            and not (state.expected_floor and not date_change.floor)
            # a day later than a known day, with no word of delay, is how another outlet dates the same event (the
            # arrival after the departure, another time zone), not a slip
            and not (
                current.precision == "day"
                and (date_change.window.start - current.end).days <= 1
                and not any(o.kind == "status" and o.status == "postponed" for o in observations)
            )
        ):
            # a confirmed new date after the whole stored window is a slip, whatever the verb ("Is Now Coming
            # May 26, 2026" when fall 2025 was known; "set Dec. 18 target for launch" when Oct. 31 was stored):
            # the news is "postponed", with the date moved, even when a schedule word says it. Once the stored day
            # has passed (its deadline alert told the slip), a new day is the new schedule: a date alert, or
            # "confirmed" when a schedule word says so
            status = _Candidate(
                "status",
                state.status,
                "postponed",
                "confirmed",
                f"{date_change.rule}; the new date is after the stored {current.iso()}",
                date_change.sentences,
            )
        if status is None and watch.kind == "event" and state.status == "postponed":
            status = self._rescheduled(observations, date_change, why)
        if (
            status is not None
            and status.new == "confirmed"
            and watch.kind == "event"
            and state.status == "postponed"
            and not state.date_superseded  # the postponement gave the stored day; without one a day set confirms
            and date_change is not None
            and date_change.confidence == "confirmed"
            and date_change.window is not None
            and (current := self._current_window(watch, state)) is not None
            and current.precision in ("day", "range")
            and date_change.window.start > current.end
            and current.end >= published  # once the stored day has passed, a day set is the schedule confirmed
            # after a bound ("no earlier than Friday"), a day set later is the schedule fixed within it (is_floor)
            and not (state.expected_floor and not date_change.floor)
        ):
            # postponed to Dec. 18, then "now targeted for no earlier than Dec. 22": a further slip, told by the
            # date; a schedule word for a later day does not end the postponement. After a postponement to a
            # coarse window ("delayed to 2027"), a day set for it is the schedule fixed: confirmed.
            if why is not None:
                why.append("a schedule word for a date after the stored one: a further slip, not a confirmation")
            status = None
        if (
            status is not None
            and status.new == "happened"
            and status.confidence == "confirmed"
            and date_change is not None
            and date_change.window is not None
            and date_change.window.start > published
        ):
            # "Europa Clipper blasted off on Monday ...; it is due to arrive at Jupiter in 2030": once the item has
            # happened, a later date in the same story is another milestone's, not the item's
            if why is not None:
                why.append(f"date {date_change.new} is after the item happened: another milestone")
            date_change = None
        if status is not None and status.confidence == "confirmed":
            if date_change is not None and date_change.confidence == "confirmed":
                if status.new == "cancelled" and watch.kind == "event":
                    # a thing given a new date is not cancelled: "called off Monday's launch; next try Friday"
                    status.new, status.rule = "postponed", status.rule + "; a new date was given, so postponed"
                status.silent_date = date_change.window
                status.floor = date_change.floor
            return [status]
        # a hedged status ("could sign next week") waits, but a confirmed new date in the same entry still counts
        return [c for c in (status, date_change) if c is not None]

    def _rescheduled(
        self, observations: list[Observation], date_change: _Candidate | None, why: list[str] | None
    ) -> _Candidate | None:
        """'Confirmed' for a postponed event that a re-setting verb gives a new day: "JAXA reschedules H3 launch for
        Monday", "resets launch for Feb. 15", after the launch was called off. Once an event is postponed, to
        reschedule or reset it is to set the new schedule, where "delayed again to March 6" only moves it further
        (a date, no new status). The further-slip rule below still applies to a day after a stored one ahead."""
        if date_change is None or date_change.confidence != "confirmed" or date_change.window is None:
            return None
        if date_change.window.precision not in ("day", "range") or date_change.floor:
            return None
        reset = next(
            (
                o
                for o in observations
                if o.kind == "status"
                and o.status == "postponed"
                and o.confidence == "confirmed"
                and o.signal is not None
                and o.signal.rule in RESETTING_RULES
            ),
            None,
        )
        if reset is None:
            return None
        if why is not None:
            why.append(f"'{reset.signal.text if reset.signal else ''}' sets a postponed event's new day: confirmed")
        return _Candidate(
            "status",
            "postponed",
            "confirmed",
            "confirmed",
            f"{reset.rule}; a new day set after the postponement",
            [reset.sentence, *date_change.sentences],
        )

    def _status_candidate(
        self,
        watch: CompiledWatch,
        state: WatchState,
        observations: list[Observation],
        why: list[str] | None = None,
        published: date | None = None,
    ) -> _Candidate | None:
        note = why.append if why is not None else _ignore
        current = state.status
        revived = self._revived_agreement(watch, state, observations)
        if revived is not None:
            note(f"the deal was {current}, but the headline says it is {revived.new} again: a revival")
            return revived
        if current in RESOLVING.get(watch.kind, ()) and not (
            # a signed deal can still be torn up or terminated ("Albertsons terminates Kroger merger"); a bill
            # signed into law cannot ("Senate Republicans block burn pits bill", resurfacing after the signing)
            (watch.kind == "agreement" and current == "signed" and not watch.spec.is_law)
            # a cancellation is a reading that the next headline can prove wrong: "PM Modi arrives in Sydney"
            # after "Quad summit cancellation" was read as the visit's; a trip that took place outranks it
            or (current == "cancelled" and _headline_says_happened(observations))
        ):
            if any(o.kind == "status" for o in observations):
                note(f"the item is {current} already: its status cannot change")
            return None
        best: _Candidate | None = None
        # The headline states the news; a status the summary gives beside it is background ("pushed back to May 21"
        # over "NASA said the launch now targets May 21"). When the title has a status, only the title's count.
        titled = any(o.kind == "status" and o.in_title and o.confidence == "confirmed" for o in observations)
        observations = _cancellation_told_as_a_day_given_up(observations)
        # One entry tells of one act: when any of its sentences dates a status before the stored state was set
        # ("the truce agreed in Busan last October expires"), the same status elsewhere in it ("truce agreed in
        # Busan nears its end") is that old act too.
        history = {o.status for o in observations if o.kind == "status" and _told_as_history(o, state, published)}
        for obs in observations:
            if obs.kind != "status" or obs.status is None:
                continue
            if titled and not obs.in_title:
                continue
            if obs.status == current and not _postponed_again(state, obs, observations, published):
                note(f"status {current} repeats the baseline")
                continue
            if obs.status in history:
                # "China agreed last month to pause its export controls", read after a baseline set since: told as
                # known, the act is part of the story the stored status already tells
                note(f"status {obs.status} is dated before the stored status was set: history")
                continue
            if obs.status not in watch.statuses():
                continue
            if current is not None and RANK.get(obs.status, 0) < RANK.get(current, 0):
                note(f"status {obs.status} is older news than the baseline's {current}")
                continue
            if (
                published is not None
                and obs.status == "confirmed"
                and _recently(state, "postponed", published)
                and self._names_current_date(watch, state, observations, published)
            ):
                # "set Dec. 18 target" the day after "delayed to Dec. 18": the schedule the postponement gave
                note("status confirmed names the date the postponement just set: one development")
                continue
            if (
                published is not None
                and obs.status == "confirmed"
                and current == "planned"
                and published - state.as_of.date() <= BASELINE_COVERAGE
                and "date" not in state.recent
                and self._names_current_date(watch, state, observations, published)
            ):
                # "ULA targets May 4th for Vulcan's inaugural flight" the day after the baseline "planned, May 4" was
                # taken from that news: the same schedule carried by another outlet, not a confirmation. Only while
                # the stored date is still the baseline's: days alerted since are a new schedule, and their
                # confirmation is news
                note("status confirmed names the baseline's own day within two days of it: the baseline's coverage")
                continue
            if (
                published is not None
                and obs.status == "confirmed"
                and current == "planned"
                and obs.signal is not None
                and obs.signal.rule in _AIM_RULES
                and "date" not in state.recent
                and self._names_current_date(watch, state, observations, published)
            ):
                # "ESA will stream the launch of Hera, targeted for 7 October" on a launch planned for 7 October: a
                # target restated is the plan the baseline holds, whoever repeats it; only a word of confirmation
                # ("confirmed", "set for", "cleared to launch") or a day new to the watch firms it up
                note("status confirmed only restates the baseline's own target day: still the plan")
                continue
            if (
                obs.status == "agreed"
                and current == "pending"
                and watch.spec.closes
                and obs.signal is not None
                and obs.signal.rule in _DEAL_MAKING_RULES
            ):
                # "Baker Hughes inks Rs 1.18 lakh crore deal to buy Chart", "Intel and Tower have signed a definitive
                # agreement": a takeover is pending from its signing on, so its signing, told again by any outlet at
                # any time, is what the baseline already holds; approvals and clearances are the news
                note("status agreed tells a pending takeover's own signing: what the baseline holds")
                continue
            if obs.status == "postponed" and _zone_restatement(state.expected, observations):
                note("status postponed names the stored day told in another time zone: no move")
                continue
            if published is not None and _same_development(state, obs, published):
                note(
                    f"status {obs.status} reports the {current} alerted on "
                    f"{state.recent['status'].at.date().isoformat()} in other words: one development"
                )
                continue
            candidate = _Candidate("status", current, obs.status, obs.confidence, obs.rule, [obs.sentence])
            if best is None or _better(candidate, best):
                best = candidate
        return best

    @staticmethod
    def _revived_agreement(
        watch: CompiledWatch, state: WatchState, observations: list[Observation]
    ) -> _Candidate | None:
        """A collapsed deal that a headline puts back on: agreed or done again.

        Deals that collapse come back ("Musk tells Twitter he will close deal at $54.20", "Elon Musk completes $44bn
        Twitter takeover" three months after he terminated it; a merger cleared after a block). One headline with a
        confirmed agreed or signed status revives it; a stated plan to complete it ("will close the deal", not
        hedged) says it is agreed again. Background in the summary does not: "the deal, agreed in April, collapsed in
        July" is history.
        """
        if watch.kind != "agreement" or state.status != "collapsed":
            return None
        for o in observations:
            if o.kind != "status" or not o.in_title or o.status not in ("agreed", "signed") or o.signal is None:
                continue
            if any(other.kind == "status" and other.in_title and other.status == "collapsed" for other in observations):
                return None  # "... call off the merger they agreed in 2022": the collapse is the news
            if o.confidence == "confirmed":
                return _Candidate("status", "collapsed", o.status, "confirmed", f"revival: {o.rule}", [o.sentence])
            planned = all(r.startswith("future/plan") for r in o.signal.reasons) and o.signal.reasons
            if o.status == "signed" and planned:
                rule = f"revival: a stated plan to complete it ({o.rule})"
                return _Candidate("status", "collapsed", "agreed", "confirmed", rule, [o.sentence])
        return None

    def _denied_date(
        self, watch: CompiledWatch, state: WatchState, observations: list[Observation], why: list[str] | None
    ) -> _Candidate | None:
        """A confirmed statement that the item will not happen on its stored date: a postponement.

        "BER will not open this year" or "rules out opening in 2017" while the stored date lies in that window says
        the date no longer holds, with or without a new one; the grammar (a negated date for the item), not a verb
        list, carries it. Only a denial covering the stored date counts: "will not open in December" says nothing
        about a stored March.
        """
        current = state.expected
        if current is None:
            return None
        for o in observations:
            if o.kind != "date" or o.date is None or o.date_role != "denied" or o.confidence != "confirmed":
                continue
            if o.date.start <= current.start and current.end <= o.date.end:
                if why is not None:
                    why.append(
                        f"date '{o.date.text}' is denied for the item: the stored {current.iso()} no longer holds"
                    )
                return _Candidate(
                    "status", state.status, "postponed", "confirmed", f"denied date '{o.date.text}'", [o.sentence]
                )
        return None

    def _names_current_date(
        self, watch: CompiledWatch, state: WatchState, observations: list[Observation], published: date
    ) -> bool:
        """Whether the entry names, as the item's confirmed next date, a date the stored one already says (the same
        window, or one inside it that does not move it: "slips to late 2023" when the second half of 2023 is
        stored)."""
        current = self._current_window(watch, state)
        if current is None:
            return False
        return any(
            o.kind == "date"
            and o.date is not None
            and o.date_role == "event"
            and o.confidence == "confirmed"
            and o.date.start > published
            and (
                # the same window or one inside it, or the event's whole span from the stored first day ("slip to
                # July 23-Aug. 8, 2021" when July 23, 2021 is stored)
                o.date.start == current.start
                or (
                    current.start <= o.date.start
                    and o.date.end <= current.end
                    and not _moves(current, DateWindow(o.date.start, o.date.end, _precision(o.date.precision)))
                )
            )
            for o in observations
        )

    def _reopen_candidate(
        self,
        watch: CompiledWatch,
        state: WatchState,
        observations: list[Observation],
        published: date,
        why: list[str] | None = None,
    ) -> _Candidate | None:
        """A later report that puts a 'happened' or 'cancelled' event back in the future: a correction.

        One wrong reading must not silence a watch: "happened" read from "minutes before liftoff", or a cancellation
        that turns out to be a scrub, would otherwise lock the watch for good. An event is back in play when a later
        entry states, without a hedge, a postponement or a schedule for it *and* names a new day after the
        publication day that moves the stored date. Both are required: a retrospective ("the launch, delayed twice,
        finally happened") has no future date, and a future date alone may be another event's. Only within
        REOPEN_DAYS of the terminal alert: a wrong reading is corrected by the next day's news, while weeks later
        "delayed" is about what follows the event (a return flight, a second phase).
        """
        last = state.recent.get("status")
        recent = last is not None and last.new == state.status and (published - last.at.date()).days <= REOPEN_DAYS
        # A cancelled event rescheduled later is news at any time ("King to make rescheduled state visit on
        # Sept. 20-22"), when the headline says so; what follows an event that happened is not.
        titled_schedule = any(
            o.kind == "status" and o.in_title and o.status in ("postponed", "confirmed") for o in observations
        )
        revived = state.status == "cancelled" and titled_schedule
        # An event read as happened well before its stored window opened was most likely another thing's news ("road
        # tunnel reopens" on the rail tunnel due in January): a later headline that schedules it corrects that at
        # any time, since nothing else was expected to happen so early.
        early = (
            state.status == "happened"
            and last is not None
            and state.expected is not None
            and last.at.date() < state.expected.start - timedelta(days=EARLY_HAPPENING_DAYS)
        )
        if not (recent or revived or (early and titled_schedule)):
            return None  # weeks later, "delayed" is about what follows (the return trip, the next phase)
        statuses = [
            o
            for o in observations
            if o.kind == "status" and o.status in ("postponed", "confirmed") and o.confidence == "confirmed"
        ]
        if not statuses:
            return None
        reopened = replace(state, status="planned")
        date_change = self._date_candidate(watch, reopened, observations, published)
        if date_change is None or date_change.confidence != "confirmed" or date_change.window is None:
            return None
        if _rolled_a_year(state, observations, date_change.window):
            if why is not None:
                why.append("its new date is the old story's month read as next year's: an old report resurfacing")
            return None
        if (
            state.status == "happened"
            and state.expected is not None
            and state.expected.precision == "day"
            and not any(o.kind == "status" and o.status == "postponed" for o in statuses)
            and any(
                o.kind == "date" and o.date is not None and o.date.start <= state.expected.start <= o.date.end
                for o in observations
            )
        ):
            # a schedule that also names the day the item happened ("would visit the White House on Friday", the
            # Friday gone by, re-served on Sunday) is the old preview told again, not a new date
            if why is not None:
                why.append(
                    f"it also names the day the item happened ({state.expected.iso()}): an old preview resurfacing"
                )
            return None
        if (
            state.status == "happened"
            and state.expected is not None
            and state.expected.precision == "day"
            and any(
                o.kind == "date"
                and o.date is not None
                and _BARE_WEEKDAY.fullmatch(o.date.text.strip())
                and o.date.start - timedelta(days=7) == state.expected.start
                for o in observations
            )
        ):
            # "Biden to travel to Israel Wednesday", re-served three days after the Wednesday he went: a bare weekday
            # is read against the day of re-serving, and a week on from the day the item happened is that day
            if why is not None:
                why.append(
                    f"a bare weekday a week after the day the item happened ({state.expected.iso()}): an old "
                    "preview resurfacing"
                )
            return None
        pick = next((o for o in statuses if o.status == "postponed"), statuses[0])
        assert pick.status is not None
        if why is not None:
            why.append(f"the item was {state.status}, but this report puts it on a new date: a correction")
        return _Candidate(
            "status",
            state.status,
            pick.status,
            "confirmed",
            f"correction: {pick.rule}; the earlier '{state.status}' did not hold",
            [pick.sentence, *date_change.sentences],
            silent_date=date_change.window,
        )

    def _date_candidate(
        self,
        watch: CompiledWatch,
        state: WatchState,
        observations: list[Observation],
        published: date,
        why: list[str] | None = None,
        *,
        published_at: datetime | None = None,
    ) -> _Candidate | None:
        """The most precise new date for the thing, if it moves the current one.

        Only dates the extractor ties to the thing itself (role "event") and that lie after the publication day
        count: "today" is when the story was written, not when the visit is. Among several, a deadline ("by
        Dec. 15") beats a window, and a finer window beats a coarser one.
        """
        if state.status in RESOLVING.get(watch.kind, ()):
            return None  # a signed deal or a visit that happened has no date left to move
        note = why.append if why is not None else _ignore
        signing_days = [o for o in observations if _signing_day(watch, o)]
        if watch.kind == "agreement" and state.due is not None and self._agreement_due(watch, state) is None:
            # the deadline was met when the status moved on (see _agreement_due): the date of a later step does not
            # move a deadline that no longer applies; the signature's own day is the deal's next date, though
            # ("Israel, UAE to sign free trade deal on Tuesday" after the talks concluded)
            if not signing_days:
                if any(o.kind == "date" for o in observations):
                    note(f"the deadline was met when the deal became {state.status}: later dates are not deadlines")
                return None
            observations = signing_days
        current = self._current_window(watch, state)
        options = []
        for o in observations:
            if o.kind != "date" or o.date is None:
                continue
            if o.date_role != "event":
                note(f"date '{o.date.text}' is not the item's next date (role {o.date_role})")
            elif (
                o.date.start <= published
                and not _rest_of_period(o.date, published)
                and not _evening_before_in_the_americas(o, published_at)
            ):
                note(f"date '{o.date.text}' is not after the publication day")
            else:
                options.append(o)
        options.sort(
            key=lambda o: (not (o.date and o.date.deadline), _FINENESS.get(o.date.precision if o.date else "", 9))
        )
        # The title names the news; a summary date outside the title's window is background ("due to start on
        # March 31, will now take place in mid-May" under "Trump delays China visit to mid-May"). Summary dates
        # inside the title's window refine it and stay, as do days at its fuzzy edges ("delayed to late September"
        # over "no earlier than Sept. 20": a headline's "late" is no exact third of a month).
        titled = [o.date for o in options if o.in_title and o.date is not None]
        if titled:
            slack = timedelta(days=TITLE_WINDOW_SLACK_DAYS)
            options = [
                o
                for o in options
                if o.in_title
                or any(t.start - slack <= o.date.start and o.date.end <= t.end + slack for t in titled if o.date)
            ]
        # An entry that restates the stored date for the item ("the passenger 777-9 remains slated for late 2023")
        # gives its other dates to other things ("first delivery of the cargo jet planned for 2027"), unless its
        # headline moves the date.
        restated = current is not None and any(
            o.date is not None
            and current.start <= o.date.start
            and o.date.end <= current.end
            and not _moves(current, DateWindow(o.date.start, o.date.end, _precision(o.date.precision)))
            for o in options
        )
        for obs in options:
            assert obs.date is not None
            if restated and not obs.in_title:
                note(f"date '{obs.date.text}': the entry restates the stored {current.iso() if current else ''}")
                continue
            if _other_time_zone(current, obs, observations):
                # "on Wednesday, May 28, which is early Thursday, May 29, in China": the neighbouring day of a stored
                # day, in an entry that names the stored day too, is the same moment in another time zone
                note(f"date '{obs.date.text}': the stored day told in another time zone (the entry names both)")
                continue
            if (
                watch.kind == "agreement"
                and current is not None
                and current.precision == "day"
                and obs.date.start < obs.date.end
                and obs.date.start <= current.start <= obs.date.end
            ):
                # "give China until mid-August to clear the deal" when Aug. 15 is the stored outside date: a coarser
                # window that holds the known due day is no news (its last day is not a new deadline)
                note(f"date '{obs.date.text}' holds the stored due {current.iso()}")
                continue
            if watch.kind == "agreement" and (obs.date.deadline or obs.date.start == obs.date.end):
                window = DateWindow(obs.date.end, obs.date.end, "day")
            else:
                window = DateWindow(obs.date.start, obs.date.end, _precision(obs.date.precision))
            if watch.kind == "event" and obs.date.deadline and current is not None and window.end == current.end:
                # "before the end of 2027" when 2027 is stored: a deadline covers its whole period, no news
                note(f"date '{obs.date.text}' is a deadline at the end of the stored {current.iso()}")
                continue
            if (
                watch.kind == "event"
                and obs.date.deadline
                and current is not None
                and window.start > current.end
                and window.end.year == current.end.year
                and current.end >= published
                and not any(o.kind == "status" and o.status == "postponed" for o in observations)
            ):
                # "he intends to go to Turkey by the end of 2025" when November 2025 is stored: a deadline later in the
                # same year still holds the stored window; only a word of delay, or another year, makes it a slip (and
                # only while the stored window is still ahead: "now set to open by Aug. 15" in July, when June was
                # stored, names the window that replaced a June already gone)
                note(f"date '{obs.date.text}' is a deadline after the stored {current.iso()}: it holds it")
                continue
            if not _moves(current, window, edge=watch.kind == "event") and not _fixes_day(
                current, window, observations
            ):
                note(f"date '{obs.date.text}' does not move the expected {current.iso() if current else 'date'}")
                continue
            if (
                watch.kind == "event"
                and current is not None
                and (same := _same_happening_a_day_off(watch, state, current, window, obs, observations)) is not None
            ):
                note(f"date '{obs.date.text}' is next to the stored {current.iso()} and no word moves it: {same}")
                continue
            if (
                watch.kind == "event"
                and current is not None
                and (far := _far_move_in_silence(state, current, window, obs, observations, published)) is not None
            ):
                note(f"date '{obs.date.text}' is {far} the stored {current.iso()}, still ahead, and no word moves it")
                continue
            if (
                watch.kind == "event"
                and current is not None
                and current.precision == "day"
                and window.precision != "day"
                and window.end < current.start
                and not _BROUGHT_FORWARD.search(obs.sentence)
            ):
                # a day is stored (Dec. 8, 2024) and a vaguer window wholly before it comes with no word of an
                # earlier date ("set to reopen to public next December", read as this December): events are not
                # brought forward in silence, and a relative window is easily anchored to the wrong year
                note(f"date '{obs.date.text}' is vaguer and before the stored {current.iso()} and no word moves it")
                continue
            if (
                watch.kind == "agreement"
                and f"due:{window.end.isoformat()}" in state.superseded
                and state.due is not None
                and window.end > state.due
                and not _DEAL_DELAY.search(obs.sentence)
                and not _CHANGED_NOW.search(obs.sentence)
            ):
                # "UBS agreed on March 19 to buy Credit Suisse ..., which is expected to close by the end of 2023",
                # published in May after the closing was brought forward to early June: a due day the deal already
                # moved away from, told again with no word of delay, is the old story resurfacing
                note(f"date '{obs.date.text}' is a due day given up before: old news")
                continue
            if (
                watch.kind == "event"
                and window.iso() in state.superseded
                and current is not None
                and (
                    (window.start < current.start and not _BROUGHT_FORWARD.search(obs.sentence))
                    # a later day the item was moved away from, told with no word of delay, is the old schedule
                    # resurfacing ("Borderlands 4 launches September 23" after it was moved up to Sept. 12)
                    # ("the earliest launch is now in April" says the schedule changed: it is no old story)
                    or (
                        window.start > current.end
                        and not any(o.kind == "status" and o.status == "postponed" for o in observations)
                        and not _CHANGED_NOW.search(obs.sentence)
                    )
                )
            ):
                # an earlier date the item already moved away from is old news resurfacing ("a re-run of the Dec. 22
                # slip" after Dec. 24 was set), unless the text says the date was brought forward; a later one
                # is a further delay only with a word of delay (back to April after March)
                note(f"date '{obs.date.text}' was superseded before: old news")
                continue
            if (
                watch.kind == "agreement"
                and current is not None
                and window.end < current.end
                and not obs.date.deadline
                and not _MOVED_EARLIER.search(obs.sentence)
                and not (obs.date.precision == "day" and _CLOSING_DAY.search(obs.sentence))
                and not _signing_day(watch, obs)
                # a day inside a coarser stored window is the window made precise ("pushed back to January", then
                # "to sign the deal in Asunción on Jan. 17"), not a step before a fixed deadline
                and not (
                    obs.date.precision == "day"
                    and current.precision not in ("day", "range")
                    and current.start <= window.start <= current.end
                )
            ):
                # An agreement's date is a deadline; a day before it that is not one is a step on the way: talks
                # that "reconvene on Friday", a bill Biden "will sign Saturday" ahead of the June 5 X-date.
                note(f"date '{obs.date.text}' is before the stored deadline and is not a deadline itself")
                continue
            old = current.start.isoformat() if current else None
            return _Candidate(
                "date",
                old,
                window.start.isoformat(),
                obs.confidence,
                obs.rule,
                [obs.sentence],
                window=window,
                floor=is_floor(obs.sentence, obs.date),
            )
        return None

    def _value_candidates(
        self,
        watch: CompiledWatch,
        state: WatchState,
        observations: list[Observation],
        why: list[str] | None = None,
        published: date | None = None,
    ) -> list[_Candidate]:
        note = why.append if why is not None else _ignore
        assert watch.config.metric is not None
        metric = watch.config.metric
        values = [o for o in observations if o.kind == "value" and o.value is not None]
        counted_from = watch.config.baseline.as_of.date() if watch.config.baseline.value == 0 else None
        if counted_from is not None:
            # a watch that starts counting from zero at its baseline counts nothing from before it: "has drawn more
            # than 200 million barrels since November 2021" on a 180-million release counted from April 2022
            early = [
                o
                for o in values
                if ((since := _counted_since(o, published)) is not None and since < counted_from - SINCE_SLACK)
                or ((period := _counted_in(o, published)) is not None and period < counted_from)
            ]
            for o in early:
                note(f"figure {o.value:,.0f} counts from before the watch's count began ({counted_from.isoformat()})")
            values = [o for o in values if o not in early]
        title_since = _title_counts_since(watch)
        if title_since is not None:
            # "people evacuated since Aug. 14": a figure counted from another start ("some 18,000 since July") is
            # another count, whatever its size
            other_start = [
                o
                for o in values
                if (since := _counted_since(o, published)) is not None and abs(since - title_since) > SINCE_SLACK
            ]
            for o in other_start:
                note(f"figure {o.value:,.0f} counts from another start than the watch's ({title_since.isoformat()})")
            values = [o for o in values if o not in other_start]
        stated_before = [o for o in values if _stated_before(o, state)]
        # the headline's same figure is the same old statement ("FIFA sells 1.2 million tickets in 24 hours" over
        # "..., FIFA said on Jan. 20")
        old_figures = [o.value for o in stated_before if o.value]
        stated_before += [
            o
            for o in values
            if o not in stated_before and o.value and any(abs(o.value - v) <= ROUNDING * v for v in old_figures)
        ]
        for o in stated_before:
            when = f"on '{o.as_of.text}'" if o.as_of is not None else "in the same old statement"
            note(f"figure {o.value:,.0f} was stated {when}, before the stored figure: history")
        values = [o for o in values if o not in stated_before]
        if not values:
            return []
        confirmed = [o for o in values if o.confidence == "confirmed"]
        pool = confirmed or values
        # The headline's figure is the news; the summary's others may be the world's or a sub-total ("Of the more
        # than 1.5 billion doses administered worldwide, COVAX has delivered 72 million" under "COVAX has delivered
        # 72 million doses").
        titled = [o for o in pool if o.in_title]
        stored_total = state.value or 0.0
        if (
            titled
            and metric.aggregation == "cumulative"
            and max(o.value or 0.0 for o in titled) < stored_total - metric.min_change.threshold(stored_total)
            and (
                beyond := [
                    o
                    for o in pool
                    if not o.in_title
                    and (o.value or 0.0) >= stored_total
                    and o.quantity is not None
                    and o.quantity.role == "total"  # a stated total, not one derived from "X% of the target"
                ]
            )
        ):
            # "Foreign visitors to Japan top 3 million in a month" over "..., lifting the January-March total to
            # 8,557,700": a running total does not fall, so a headline figure below the stored total beside a
            # summary total above it is a part of the count (the month's), and the summary's figure is the count
            note(
                f"headline figure {max(o.value or 0.0 for o in titled):,.0f} is below the running total "
                f"{stored_total:,.0f} and the summary's is above it: the headline tells a part"
            )
            titled, pool = [], beyond
        if titled:
            # ... but a headline rounds ("crosses 30 lakh tonnes"): the summary's exact figure near it is the same
            # news, told precisely (30.4 lakh tonnes)
            top = max(o.value or 0.0 for o in titled)
            precise = [o for o in pool if not o.in_title and o.value and abs(o.value - top) <= ROUNDING * top]
            if not precise and any(o.value == top and _passes_a_mark(o) for o in titled):
                # "Rich nations top $100 bln climate finance goal": a headline that says a mark was passed gives the
                # mark, a floor; the summary's figure above it ("provided $115.9 billion") is how far it went
                precise = [o for o in pool if not o.in_title and o.value and top < o.value <= PASSED_MARK_REACH * top]
            pool = precise or titled
        pick = max(pool, key=lambda o: o.value or 0.0) if metric.aggregation == "cumulative" else pool[0]
        value = float(pick.value or 0.0)
        current = state.value or 0.0
        threshold = metric.min_change.threshold(current)
        target = watch.config.target
        milestone = pick.quantity is not None and (
            _MILESTONE_CUE.search(pick.quantity.cue or "") is not None
            or _MILESTONE_AFTER.match(pick.sentence, pick.quantity.span[1]) is not None
        )
        stored = state.recent.get("value") or state.recent.get("target")
        if (
            metric.aggregation == "cumulative"
            and value < current - threshold
            and pick.as_of is not None
            and stored is not None
            and pick.as_of.end < stored.at.date()
        ):
            # "purchases stood at $87.9 billion through November", read in March after the full year's $100bn: a
            # lower figure dated before the stored one was reported is history, not a correction
            note(
                f"figure {value:,.0f} is dated '{pick.as_of.text}', before the stored {current:,.0f} was reported"
                f" ({stored.at.date().isoformat()}): history, not a correction"
            )
            return []
        if (
            metric.aggregation == "cumulative"
            and value < current - threshold
            and value >= current * (1 - ROUNDING)
            and _floor_of(pick)
        ):
            # "subscriber count soars past 300 million", "more than 300 million", read over a stored 301.63 million:
            # a mark passed just under the stored figure is a floor it already stands on, not a lower count (far
            # under it, the stored figure may be the wrong one, and the correction below must stay possible)
            note(f"figure {value:,.0f} is a mark passed, a floor below the running total {current:,.0f}: no conflict")
            return []
        if (
            metric.aggregation == "cumulative"
            and value < current - threshold
            and pick.confidence == "confirmed"
            and not milestone  # "reached its goal of 100 million in 58 days": a milestone recalled, not the total
        ):
            # a confirmed lower figure contradicts the stored one: a correction, if a second outlet agrees
            rule = f"correction: {pick.rule}; the stored {current:,.0f} did not hold"
            c = _Candidate("value", state.value, value, "confirmed", rule, [pick.sentence], value=value)
            c.lower = True
            return [c]
        if metric.aggregation == "cumulative" and value < current - threshold:
            note(f"figure {value:,.0f} is lower than the running total {current:,.0f} (a conflict, not applied)")
            log.info(
                "watch %s: conflicting lower figure %s (baseline %s) ignored: %s",
                watch.id,
                value,
                current,
                pick.sentence,
            )
            return []
        if (
            target is not None
            and not state.target_reached
            and value >= target.value
            and (pick.qualifier or "") in BELOW_QUALIFIERS
        ):
            # "ticket sales near 3 million", "nearly $349 billion": the words say the figure is not reached yet
            note(f"figure {value:,.0f} is qualified as short of itself ('{pick.qualifier}'): the target is not reached")
            return []
        if target is not None and not state.target_reached and value >= target.value and value > current:
            c = _Candidate("target", state.value, value, pick.confidence, pick.rule, [pick.sentence], value=value)
            c.jump = _leaps(current, value, target.value) and not _asserted(pick, target.value)
            return [c]
        if abs(value - current) < threshold or value == current:
            note(f"figure {value:,.0f} is within the minimum change of {current:,.0f}")
            return []
        if metric.aggregation == "cumulative" and value < current:
            note(f"figure {value:,.0f} is not above the running total {current:,.0f}")
            return []
        c = _Candidate("value", state.value, value, pick.confidence, pick.rule, [pick.sentence], value=value)
        c.jump = _leaps(current, value, target.value if target else None) and not _asserted(
            pick, target.value if target else None
        )
        return [c]

    def _due_candidates(
        self,
        watch: CompiledWatch,
        state: WatchState,
        observations: list[Observation],
        published: date,
        why: list[str] | None = None,
    ) -> list[_Candidate]:
        """A metric's target given a new deadline ("will complete 12 million tons ... by end of February")."""
        if state.target_reached or watch.config.target is None:
            return []
        for o in observations:
            if o.kind != "date" or o.date is None or o.confidence != "confirmed" or o.date.start <= published:
                continue
            new = o.date.end
            if state.due == new:
                if why is not None:
                    why.append(f"the target's deadline {new.isoformat()} repeats the stored one")
                continue
            old = state.due.isoformat() if state.due else None
            window = DateWindow(new, new, "day")
            return [_Candidate("date", old, new.isoformat(), "confirmed", o.rule, [o.sentence], window=window)]
        return []

    def _current_window(self, watch: CompiledWatch, state: WatchState) -> DateWindow | None:
        if watch.kind == "agreement" and state.expected is None:
            return DateWindow(state.due, state.due, "day") if state.due else None
        return state.expected

    # ------------------------------------------------------------------ applying

    def _accept(
        self,
        watch: CompiledWatch,
        state: WatchState,
        candidate: _Candidate,
        sources: list[str],
        at: datetime,
        seeding: bool,
        result: EngineResult,
    ) -> None:
        alert_key = None if seeding else self._next_key(state)
        note = "seeded from a feed's first poll (no alert)" if seeding else candidate.rule
        before = _window_json(state.expected) if watch.kind == "event" else state.due.isoformat() if state.due else None
        self._move_baseline(watch, state, candidate, sources, at, alert_key, note, result)
        after = _window_json(state.expected) if watch.kind == "event" else state.due.isoformat() if state.due else None
        moved: dict[str, JsonValue] | None = (
            {"old": before, "new": after} if candidate.kind in ("status", "date") and before != after else None
        )
        state.sources = list(sources)
        result.touched.add(watch.id)
        if seeding or alert_key is None:
            return
        c = candidate
        self._raise(
            watch,
            state,
            result,
            alert_key,
            c.kind,
            at,
            c.old,
            c.new,
            c.confidence,
            sources,
            c.rule,
            c.sentences,
            date_moved=moved,
        )
        state.recent[candidate.kind] = RecentAlert(alert_key, candidate.new, at, list(sources))

    def _move_baseline(
        self,
        watch: CompiledWatch,
        state: WatchState,
        c: _Candidate,
        sources: list[str],
        at: datetime,
        alert_key: str | None,
        note: str,
        result: EngineResult,
    ) -> None:
        def history(name: str, old: JsonValue, new: JsonValue, why: str = note) -> None:
            result.history.append(HistoryRow(watch.id, name, old, new, at, tuple(sources), alert_key, why))

        if c.kind == "status":
            history("status", state.status, c.new)
            state.status = str(c.new)
            if c.silent_date is not None:
                self._set_date(watch, state, c.silent_date, at, history, floor=c.floor)
            elif state.status == "postponed":
                state.date_superseded = True
        elif c.kind == "date" and c.window is not None:
            self._set_date(watch, state, c.window, at, history, floor=c.floor)
        elif c.kind in ("value", "target") and c.value is not None:
            history("value", state.value, c.value)
            if state.value is not None and not c.lower:
                passed = f"value:{state.value:.0f}"
                if passed not in state.superseded:
                    state.superseded.append(passed)  # a step the running total went through (see _correction)
            state.value = c.value
            if c.kind == "target":
                state.target_reached = True
            elif c.lower and watch.config.target is not None and c.value < watch.config.target.value:
                state.target_reached = False  # the figure that reached it did not hold

    def _set_date(  # type: ignore[no-untyped-def]
        self, watch: CompiledWatch, state: WatchState, window: DateWindow, at: datetime, history, *, floor: bool = False
    ) -> None:
        if watch.kind == "metric":
            history("due", state.due.isoformat() if state.due else None, window.end.isoformat())
            state.due = window.end  # the target's due date; a metric has no expected window
            state.due_set_at = at
            return
        if watch.kind == "agreement":
            history("due", state.due.isoformat() if state.due else None, window.end.isoformat())
            if state.due is not None and (key := f"due:{state.due.isoformat()}") not in state.superseded:
                state.superseded.append(key)  # a due day given up, so that its resurfacing is known as old news
            state.due = window.end
        else:
            history("expected", state.expected.iso() if state.expected else None, window.iso())
            if state.expected is not None and state.expected.iso() not in state.superseded:
                state.superseded.append(state.expected.iso())
        state.expected = window
        state.expected_floor = floor
        state.date_superseded = False
        state.due_set_at = at

    def _unconfirmed(
        self,
        watch: CompiledWatch,
        state: WatchState,
        c: _Candidate,
        source: str,
        at: datetime,
        seeding: bool,
        result: EngineResult,
    ) -> None:
        if watch.config.unconfirmed != "alert" or seeding:
            return
        marker = f"{c.kind}:{c.new}"
        if marker in state.unconfirmed_sent:
            recent = state.recent.get(f"unconfirmed:{marker}")
            if recent and source not in recent.sources:
                recent.sources.append(source)
                result.corroborations.append((recent.key, source))
                result.touched.add(watch.id)
            return
        key = self._next_key(state)
        self._raise(watch, state, result, key, c.kind, at, c.old, c.new, "unconfirmed", [source], c.rule, c.sentences)
        state.unconfirmed_sent.append(marker)
        state.recent[f"unconfirmed:{marker}"] = RecentAlert(key, c.new, at, [source])

    def _correction(
        self,
        watch: CompiledWatch,
        state: WatchState,
        c: _Candidate,
        source: str,
        at: datetime,
        result: EngineResult,
    ) -> tuple[_Candidate, list[str]] | None:
        """A stored running total that later confirmed reports contradict is corrected, not kept for good.

        One misread figure ("U.S. tops 100 million doses" when the watch counts those since a date, another
        measure's 251 billion) would otherwise make every real, lower figure "older news" for the rest of the story.
        Two outlets reporting less than the stored figure but not less than the admin's baseline, the later one about
        the same as the earlier or above it (a running total's next step), within CORRECTION_WINDOW, correct it to
        the later figure; a figure that two outlets stood behind when it was stored is not corrected.
        """
        assert c.value is not None
        recent = [state.recent[k] for k in ("value", "target") if k in state.recent]
        backing = {
            publisher_of(s)
            for s in (*state.sources, *(src for r in recent if r.new == state.value for src in r.sources))
        }
        if len(backing) >= 2:
            return None
        passed = [float(v.split(":", 1)[1]) for v in state.superseded if v.startswith("value:")]
        if any(abs(c.value - v) <= 0.01 * max(v, 1.0) for v in passed):
            # "8.7 million" re-reported after the total went 8.7 -> 8.8 million: a step the story went through, told
            # again late, not evidence that the stored figure was wrong
            return None
        floor = watch.config.baseline.value
        if floor is not None and c.value < floor:
            return None  # below the baseline the admin set: a misread (a weekly figure, "100 days"), not a total
        # the second report agrees when it is about the first one or a later step up from it (monthly figures)
        return self._second_report(
            watch,
            state,
            c,
            source,
            at,
            result,
            "lower",
            CORRECTION_WINDOW,
            lambda held: c.value is not None and c.value >= held * (1 - CORRECTION_AGREEMENT),
        )

    def _collect(
        self,
        watch: CompiledWatch,
        state: WatchState,
        c: _Candidate,
        source: str,
        at: datetime,
        result: EngineResult,
    ) -> tuple[_Candidate, list[str]] | None:
        """Hold a change until ``min_sources`` publishers reported it; return it with its sources when ready."""
        for key, pending in list(state.pending.items()):
            if not key.startswith(("jump:", "lower:")) and at - pending.first_at > PENDING_WINDOW:
                del state.pending[key]  # second-report holds keep their own, longer windows (see _second_report)
        marker = f"{c.kind}:{c.new}"
        pending = state.pending.setdefault(marker, PendingChange(c.kind, c.new, at, [], [], [], c.rule))
        publisher = publisher_of(source)
        if source not in pending.sources:
            pending.sources.append(source)
            pending.sentences.extend(c.sentences)
        if publisher not in pending.publishers:
            pending.publishers.append(publisher)
        result.touched.add(watch.id)
        if len(pending.publishers) < watch.config.min_sources:
            return None
        del state.pending[marker]
        c.sentences = pending.sentences
        return c, pending.sources

    def _second_outlet(
        self,
        watch: CompiledWatch,
        state: WatchState,
        c: _Candidate,
        source: str,
        at: datetime,
        result: EngineResult,
    ) -> tuple[_Candidate, list[str]] | None:
        """Hold a figure that jumps until another outlet reports about the same figure (for a running total: the
        same or a higher one) within a week.

        One misread sentence ("North Korea has shipped over 1 million shells", "has until Feb. 28 to complete
        purchases of 12 million tons") must not mark a target reached and then silence every real, lower figure.
        """
        assert c.value is not None
        value = c.value
        tolerance = max(0.02 * value, 1.0)
        metric = watch.config.metric
        rising = metric is not None and metric.aggregation == "cumulative"
        # A running total only rises: another outlet's later figure at or above the held one vouches for it
        # ("crosses 45 crore", then "tally climbs to 48.29 crore"), and the newer figure is the one to keep.
        return self._second_report(
            watch,
            state,
            c,
            source,
            at,
            result,
            "jump",
            CORROBORATION_WINDOW,
            lambda held: abs(held - value) <= tolerance or (rising and value >= held - tolerance),
        )

    def _second_report(
        self,
        watch: CompiledWatch,
        state: WatchState,
        c: _Candidate,
        source: str,
        at: datetime,
        result: EngineResult,
        prefix: str,
        window: timedelta,
        agrees: Callable[[float], bool],
    ) -> tuple[_Candidate, list[str]] | None:
        """The one mechanism behind a figure that needs a second outlet (a leap, a correction): held under
        ``prefix`` for ``window``; released, with both reports' sources, when another publisher's figure ``agrees``
        with a held one."""
        assert c.value is not None
        publisher = publisher_of(source)
        for key, pending in list(state.pending.items()):
            if not key.startswith(f"{prefix}:"):
                continue
            if at - pending.first_at > window:
                del state.pending[key]
                continue
            if agrees(float(pending.new or 0.0)) and publisher not in pending.publishers:
                del state.pending[key]
                result.touched.add(watch.id)
                c.sentences = [*pending.sentences, *c.sentences]
                return c, [*pending.sources, source]
        state.pending[f"{prefix}:{c.value}"] = PendingChange(
            c.kind, c.value, at, [source], [publisher], c.sentences, c.rule
        )
        result.touched.add(watch.id)
        return None

    def _corroborate(
        self,
        watch: CompiledWatch,
        state: WatchState,
        observations: list[Observation],
        source: str,
        at: datetime,
        result: EngineResult,
    ) -> bool:
        """An entry that changes nothing but repeats the latest alert's news adds itself to that alert."""
        for kind, recent in state.recent.items():
            if kind.startswith(("unconfirmed:", "report")) or at - recent.at > CORROBORATION_WINDOW:
                continue
            if source in recent.sources:
                return True
            if any(_repeats(watch, state, kind, recent, o) for o in observations if o.confidence == "confirmed"):
                recent.sources.append(source)
                result.corroborations.append((recent.key, source))
                result.touched.add(watch.id)
                return True
        return False

    def _report(
        self,
        watch: CompiledWatch,
        state: WatchState,
        entry: EntryInput,
        source: str,
        at: datetime,
        result: EngineResult,
    ) -> None:
        """A relevant article that changes nothing (only for watches with ``alert_reports``, meant for digests).

        Reports of one story cluster by title similarity (token-set overlap of normalized titles) within
        REPORT_WINDOW: a similar later title becomes another source of the same report.
        """
        recent = state.recent.get("report")
        if (
            recent is not None
            and at - recent.at <= REPORT_WINDOW
            and title_similarity(str(recent.new), entry.title) >= 0.5
        ):
            if source not in recent.sources:
                recent.sources.append(source)
                result.corroborations.append((recent.key, source))
                result.touched.add(watch.id)
            return
        key = self._next_key(state)
        title = entry.title[:300]
        rule = "report: relevant, no change"
        self._raise(watch, state, result, key, "report", at, None, title, "confirmed", [source], rule, [entry.title])
        state.recent["report"] = RecentAlert(key, title, at, [source])

    # ------------------------------------------------------------------ deadlines

    def tick(self, states: Mapping[str, WatchState], now: datetime) -> EngineResult:
        """Raise deadline_soon / deadline_missed alerts that are due at ``now``."""
        result = EngineResult()
        for watch in self.watches.values():
            state = states.get(watch.id)
            if state is None or not watch.config.enabled:
                continue
            due, precise = self._deadline(watch, state)
            if due is None:
                continue
            day_start = midnight(due)
            day_end = day_start + ONE_DAY
            if now >= day_end:
                missed_at = day_end + MISSED_GRACE
                if now < missed_at:
                    continue  # the day is over: no warning that it is coming; missed or not is said at noon
                missed_key = f"missed:{due.isoformat()}"
                if missed_key not in state.fired and missed_at > (state.due_set_at or state.as_of):
                    state.fired.append(missed_key)
                    result.touched.add(watch.id)
                    self._deadline_alert(watch, state, "deadline_missed", due, missed_at, result)
                continue
            if not precise:
                continue
            set_at = state.due_set_at or state.as_of
            ready = []
            for lead in watch.deadline_leads:
                moment = day_start - lead
                if now < moment or moment <= set_at:
                    continue
                key = f"soon:{due.isoformat()}:{int(lead.total_seconds())}"
                if key not in state.fired:
                    ready.append((lead, key, moment))
            if ready:
                for _, key, _ in ready:
                    state.fired.append(key)
                result.touched.add(watch.id)
                lead, _, moment = min(ready, key=lambda r: r[0])  # only the nearest warning if several are late
                self._deadline_alert(watch, state, "deadline_soon", due, moment, result)
        return result

    def next_due(self, states: Mapping[str, WatchState]) -> datetime | None:
        """The earliest moment at which :meth:`tick` has something to raise (a warning or a missed deadline not yet
        sent), or None. Replay skips the clock's checks before it; the alerts are the same as ticking at each."""
        moments = [m for wid in self.watches if (m := self.next_due_of(wid, states)) is not None]
        return min(moments, default=None)

    def next_due_of(self, watch_id: str, states: Mapping[str, WatchState]) -> datetime | None:
        """:meth:`next_due` for one watch: only a watch whose state changed needs asking again (replay keeps the
        others' answers, which made asking every watch after every alert its largest cost)."""
        watch = self.watches.get(watch_id)
        state = states.get(watch_id)
        if watch is None or state is None or not watch.config.enabled:
            return None
        due, precise = self._deadline(watch, state)
        if due is None:
            return None
        day_start = midnight(due)
        moments = []
        if f"missed:{due.isoformat()}" not in state.fired:
            moments.append(day_start + ONE_DAY + MISSED_GRACE)
        if precise:
            set_at = state.due_set_at or state.as_of
            for lead in watch.deadline_leads:
                moment = day_start - lead
                if moment > set_at and f"soon:{due.isoformat()}:{int(lead.total_seconds())}" not in state.fired:
                    moments.append(moment)
        return min(moments, default=None)

    def _deadline(self, watch: CompiledWatch, state: WatchState) -> tuple[date | None, bool]:
        """The due date to watch and whether it is precise enough for advance warnings."""
        if watch.kind == "metric":
            if state.target_reached or watch.config.target is None:
                return None, False
            return state.due, True
        if watch.kind == "agreement":
            return (None, False) if state.date_superseded else (self._agreement_due(watch, state), True)
        if state.status in RESOLVING.get(watch.kind, ()) or state.date_superseded:
            return None, False
        if state.expected is None:
            return None, False
        return state.expected.end, state.expected.precision in ("day", "range")

    @staticmethod
    def _agreement_due(watch: CompiledWatch, state: WatchState) -> date | None:
        """An agreement's due date is the deadline of the step after its baseline status, met once the status moves.

        "A final deal expected by Thanksgiving" (baseline pending) is met when the deal is agreed; "expected to
        close in early 2024" on a merger whose agreement is signed (baseline signed) is still open: a due date
        given with a baseline says something remains to be done. So the clock watches the date while the status
        is the baseline's, and stops once the status has moved on (agreed, signed, collapsed).

        | baseline  | now       | due date watched |
        |-----------|-----------|------------------|
        | pending   | pending   | yes              |
        | pending   | agreed    | no (met)         |
        | agreed    | agreed    | yes              |
        | agreed    | signed    | no (met)         |
        | signed    | signed    | yes (closing)    |
        | any       | collapsed | no               |

        A deal whose watch is about its closing (a takeover, or a title that says "closes", "completion") has one
        deadline, the closing's: agreeing or signing the merger agreement does not meet it, only the closing does.
        """
        baseline = watch.config.baseline.status
        if state.status == "collapsed":
            return None
        if watch.spec.closes and state.status in ("pending", "agreed"):
            return state.due  # "Intel's Tower deal closes", baselined pending: the merger agreement meets nothing
        if state.status != baseline and RANK.get(state.status or "", 0) > RANK.get(baseline or "", 0):
            return None
        return state.due

    def _deadline_alert(
        self, watch: CompiledWatch, state: WatchState, kind: AlertKind, due: date, at: datetime, result: EngineResult
    ) -> None:
        key = self._next_key(state)
        new = due.isoformat()
        self._raise(
            watch, state, result, key, kind, at, None, new, "confirmed", state.sources, f"{kind}: due {new}", []
        )

    def _raise(
        self,
        watch: CompiledWatch,
        state: WatchState,
        result: EngineResult,
        key: str,
        kind: AlertKind,
        at: datetime,
        old: JsonValue,
        new: JsonValue,
        confidence: Confidence,
        sources: list[str],
        rule: str,
        sentences: list[str],
        *,
        date_moved: dict[str, JsonValue] | None = None,
    ) -> Alert:
        """Build an alert, render the text a subscriber reads, and add it to the result."""
        alert = Alert(
            key=key,
            watch_id=watch.id,
            kind=kind,
            at=at,
            old=old,
            new=new,
            confidence=confidence,
            sources=list(sources),
            text="",
            rule=rule,
            sentences=list(sentences),
            publishers=[publisher_of(s) for s in sources],
        )
        target = watch.config.target.value if watch.config.target is not None else None
        alert.state = state_summary(state, target, date_moved=date_moved)
        alert.text = self.render(watch, state, alert, at)
        result.alerts.append(alert)
        result.touched.add(watch.id)
        return alert

    # ------------------------------------------------------------------ text

    def render(self, watch: CompiledWatch, state: WatchState, alert: Alert, now: datetime) -> str:
        """The message a subscriber reads (plain text; chat channels add their own markup)."""
        title = watch.config.title
        extra = ""
        due_date = False
        old, new = alert.old, alert.new
        if alert.kind in ("value", "target") and watch.config.metric is not None:
            unit = watch.config.metric.unit
            old = format_quantity(_num(alert.old), unit)
            new = format_quantity(_num(alert.new), unit)
            target = watch.config.target
            if target is not None and isinstance(alert.new, int | float):
                extra = f"{progress_bar(float(alert.new), target.value)} of {format_quantity(target.value, unit)}"
                if target.due and alert.kind == "value":
                    extra += f", due {target.due.isoformat()} ({countdown(target.due, now)})"
        elif alert.kind == "date" and watch.kind != "event":
            # a deadline: the day, as people write it ("due date moved to 28 Feb 2026"); a window the article gave
            # ("signing slated for mid-June") as that window, not its first day
            old, new = _describe_iso(alert.old) or old, _describe_iso(alert.new) or new
            window = state.expected
            if window is not None and window.precision != "day" and window.start.isoformat() == alert.new:
                new = describe_window(window)
            due_date = True
        elif alert.kind == "date" and watch.kind == "event" and state.expected is not None:
            # the windows as written ("autumn 2025" is "September to November 2025", not its first day)
            new = describe_window(state.expected)
            moved = alert.state.get("date_moved") or {}
            old = _describe_iso(moved.get("old")) or old
        elif alert.kind == "status" and state.expected is not None and watch.kind == "event":
            # the date still ahead, if one is: not after a cancellation or the event itself, and not the old date
            # of a postponement that gave no new one ("now cancelled; expected April 2027" reads as a contradiction)
            if state.status in ("planned", "confirmed") or (state.status == "postponed" and not state.date_superseded):
                extra = f"expected {describe_window(state.expected)}"
        elif alert.kind == "status" and state.due is not None and watch.kind == "agreement":
            if state.status in ("pending", "agreed"):
                extra = f"due {state.due.isoformat()}"
        elif alert.kind == "deadline_soon" and isinstance(alert.new, str):
            extra = countdown(date.fromisoformat(alert.new), now)
        elif alert.kind == "deadline_missed" and watch.kind == "metric" and watch.config.metric is not None:
            unit = watch.config.metric.unit
            target = watch.config.target
            if target is not None:
                extra = (
                    f"{format_quantity(state.value, unit)} of {format_quantity(target.value, unit)} "
                    f"{progress_bar(state.value or 0.0, target.value)}"
                )
        elif alert.kind == "deadline_missed":
            extra = f"status still {state.status}"
        lines = [headline(alert.kind, title, old, new, extra=extra)]
        if due_date:
            lines[0] = lines[0].replace(f"{title}: date moved to", f"{title}: due date moved to", 1)
        if alert.confidence == "unconfirmed":
            lines[0] = "UNCONFIRMED — " + rumoured(alert.kind, title, old, new, alert.sources, extra=extra)
        if alert.sentences:
            lines.append(f"“{alert.sentences[0][:300]}”")
        if alert.sources:
            lines.append("Sources: " + sources_line(alert.sources))
        return "\n".join(lines)

    def _next_key(self, state: WatchState) -> str:
        state.alert_seq += 1
        return f"{state.watch_id}#{state.alert_seq}"


def _stale(state: WatchState, published: datetime, now: datetime, max_age: timedelta) -> str | None:
    """Why an entry is too old to change anything, or None.

    Before the baseline it is history. On the baseline's own day, when the baseline is a date (as_of at
    midnight, as a config or the corpus writes it), it is the coverage the baseline was taken from: the same
    announcement re-reported must not raise a change from the state that already records it.
    """
    day = state.as_of.date().isoformat()
    if published < state.as_of:
        return f"published before the baseline date {day}"
    if state.as_of.timetz().replace(tzinfo=None) == time(0, 0) and published.date() == state.as_of.date():
        return f"published on the baseline day {day}: the baseline already records it"
    if now - published > max_age:
        return f"older than max_entry_age ({max_age.days} days)"
    return None


HEADLINE_MEMORY = 500  # headlines remembered per watch (a few months of a busy story)
RESURFACE_GAP = timedelta(days=2)
_HEADLINE_WORDS = 5


def _headline_key(title: str) -> str | None:
    """A headline's words, lower-cased, or None for one too short to be told from another ("Live updates")."""
    words = _WORD.findall(title.lower())
    return " ".join(words) if len(words) >= _HEADLINE_WORDS else None


def _resurfaced(state: WatchState, title: str, published: datetime) -> str | None:
    """Why an entry is an old story resurfacing, or None: the same headline seen days before, whose dates read
    differently now.

    Search feeds and aggregators re-serve old articles with a new publication time ("Boeing-Lockheed rocket venture
    pushes Vulcan debut to May", re-listed seven months on, when May was long past). Read against the new time, its
    dates would be new ones (May of next year). The same words two days or more after they were first seen, with a
    date that resolves to another day now than then, are the old report. A headline with no such date ("Xi arrives in
    Paris for state visit to France") can recur as news years apart, and the repeat rules handle a re-report.
    """
    key = _headline_key(title)
    first = state.headlines.get(key) if key else None
    if first is None:
        return None
    seen = date.fromisoformat(first)
    if published.date() - seen < RESURFACE_GAP:
        return None
    then = [(d.start, d.end) for d in find_dates(title, seen)]
    now = [(d.start, d.end) for d in find_dates(title, published.date())]
    if then == now:
        return None
    return f"the same headline was first seen on {first}, its dates meant other days then: an old story resurfacing"


def _remember_headline(state: WatchState, title: str, published: datetime) -> bool:
    """Record a matched entry's headline with the day first seen; True when the state changed."""
    key = _headline_key(title)
    if key is None or key in state.headlines:
        return False
    state.headlines[key] = published.date().isoformat()
    if len(state.headlines) > HEADLINE_MEMORY:
        for old in sorted(state.headlines, key=state.headlines.__getitem__)[: len(state.headlines) - HEADLINE_MEMORY]:
            del state.headlines[old]
    return True


def _ignore(_reason: str) -> None:
    """Where reasons go when nobody asked for them."""


def _conclude(decision: Decision, outcome: EngineResult, seeding: bool) -> None:
    """The verdict of one traced decision, from what the engine produced for it."""
    if outcome.alerts:
        decision.alerts = [f"{a.kind} {a.old} -> {a.new} ({a.confidence})" for a in outcome.alerts]
        confirmed = any(a.confidence == "confirmed" for a in outcome.alerts)
        decision.verdict = "alert" if confirmed else "unconfirmed"
    elif outcome.corroborations:
        decision.verdict = "corroborates"
        decision.because("repeats alert " + ", ".join(k for k, _ in outcome.corroborations) + " (added as a source)")
    elif seeding and outcome.history:
        decision.verdict = "seeded"
        decision.because("a feed's first poll moves the baseline without alerting")
    elif any("waits for" in r for r in decision.reasons):
        decision.verdict = "held"
    elif not decision.reasons:
        decision.because("no change against the baseline")


def _better(a: _Candidate, b: _Candidate) -> bool:
    if a.confidence != b.confidence:
        return a.confidence == "confirmed"
    return RANK.get(str(a.new), 0) > RANK.get(str(b.new), 0)


def _precision(precision: str) -> str:
    return "range" if precision in ("range", "week") else precision


def _fixes_day(current: DateWindow | None, new: DateWindow, observations: list[Observation]) -> bool:
    """Whether a day inside a stored window of five days or more, named with a schedule or slip word, fixes the date.

    "the third week of April", then "launch set for Monday" (April 17) or "targeting no earlier than Thursday": the
    schedule is the news. Without such a word a day inside a stored span is the span's own ("Pope heads to Canada on
    Sunday" within his July 24-30 visit).
    """
    if current is None or new.precision != "day" or (current.end - current.start).days <= 3:
        return False
    if not (current.start <= new.start <= current.end):
        return False
    return any(
        o.kind == "status" and o.status in ("confirmed", "postponed") and o.confidence == "confirmed"
        for o in observations
    )


ROLLOVER_DAYS = 180


def _rolled_a_year(state: WatchState, observations: list[Observation], window: DateWindow) -> bool:
    """Whether a correction's new date is a yearless date read as next year's, far past the stored one.

    "Aditya-L1 reaches Sriharikota; launch slated for end of August", re-served the day after the September launch,
    reads "end of August" as next year's August. A correction moves an event by days or weeks; a date with no year
    written that lands half a year or more past the stored date is the old story's date, not a new one.
    """
    if state.expected is None or (window.start - state.expected.end).days < ROLLOVER_DAYS:
        return False
    return any(
        o.kind == "date" and o.date is not None and o.date.inferred and o.date.start == window.start
        for o in observations
    )


def _moves(current: DateWindow | None, new: DateWindow, *, edge: bool = True) -> bool:
    """Whether ``new`` says something different about the date than ``current``.

    A coarser mention that contains the current window ("the May visit" when May 14-15 is known) is no news;
    a window outside the current one is a move, and a day inside a coarse window, or a window at most a third of it,
    is news too ("later this year" -> "September"; not 2025-H2 -> "autumn 2025").
    """
    if current is None:
        return True
    if new.start == current.start and new.end == current.end:
        return False
    if new.start <= current.start and new.end >= current.end:
        return False  # coarser, consistent
    if new.start >= current.start and new.end <= current.end:
        if new.precision in ("day", "range", "week"):
            if current.precision == "month" and new.precision != "day" and (new.end - new.start).days >= 7:
                # "a landing still planned for early March" when March is known: a third of the month told as a
                # part of it ("early", "mid-", "late") restates the month; a day or a span of days is news
                return False
            return current.precision in _COARSE or current.precision == "month"
        # A coarse refinement is news only when it narrows a lot: "in April" within 2026 is, "autumn 2025" within
        # the second half of 2025 (half of it) restates what was known.
        narrow = (new.end - new.start).days + 1 <= ((current.end - current.start).days + 1) / 3
        return current.precision in _COARSE and narrow
    # a trip from Aug. 31 to Sept. 4 told as "the Mongolia visit in September": the known first day sits at the
    # edge of the coarser window that holds most of the event, not a move out of it
    # (a deal's due day is the end of its window, and a month after it is a slip: "closing now expected in July"
    # when June 30 was due, so the edge holds only for events)
    at_edge = edge and current.precision == "day" and new.precision in ("month", *_COARSE)
    if (
        current.precision == "day"
        and new.precision == "range"
        and (new.end - new.start).days == 6
        and new.start - current.start == timedelta(days=1)
    ):
        # "will visit Vietnam next week" said on a Tuesday when Sunday May 25 is known: weeks start on Sunday for
        # some and Monday for others, so a week starting the day after the known day is that day's week
        return False
    return not (at_edge and timedelta(0) < new.start - current.start <= EDGE_DAYS)


EDGE_DAYS = timedelta(days=3)


# Outlets name one development with different verbs: the same morning "King's state visit postponed" and "King's
# visit called off" report the one decision to drop the dates. Within this window after a postponement, a
# cancellation without a word of finality is that postponement again; a later report that the item will not happen
# at all ("scrapped altogether", "cancelled for good") is news.
SAME_DEVELOPMENT_WINDOW = timedelta(days=2)
_FINALITY = re.compile(r"(?i:\b(?:altogether|for\s+good|permanently|entirely|outright|once\s+and\s+for\s+all)\b)")


# A date anchored by a verb of setting out or arriving: a trip's neighbouring day told from its departure or arrival
# ("heads on Monday to Indonesia"), as opposed to "will begin his state visit on Jan. 25", which dates the visit.
_MOTION_ANCHOR = re.compile(
    r"anchored by '(?i:head|leave|depart|fly|flies|flew|set(?:s|ting)?\s+off|travel|land|arriv|embark|take\s+off)\w*"
)
# Periods named as the current one whose rest can hold the item: "targets approval this quarter", "later this month"
_CURRENT_PERIOD = re.compile(r"(?i:\b(?:this|the\s+current)\s+(?:quarter|month|half|year)\b|\blater\s+this\b)")


def _rest_of_period(mention: DateMention, published: date) -> bool:
    """Whether a date that began on or before the publication day is the current period named as such, with weeks
    left: "Boeing targets 737 MAX approval 'this quarter'" on Oct. 23 expects it by Dec. 31."""
    return bool(_CURRENT_PERIOD.search(mention.text)) and (mention.end - published).days >= 14


# Vocabulary rules that aim at a day without fixing it (watchers/extract/lexicon/status.yaml, event "confirmed")
_AIM_RULES = frozenset({"target", "targeting", "targets"})


def _recently(state: WatchState, status: str, published: date) -> bool:
    """Whether the last status alert raised `status` within SAME_DEVELOPMENT_WINDOW of `published`."""
    last = state.recent.get("status")
    return (
        last is not None
        and last.new == status
        and state.status == status
        and published - last.at.date() <= SAME_DEVELOPMENT_WINDOW
    )


SINCE_SLACK = timedelta(days=31)  # "since March" for a count that began on 1 April is the same count
_SINCE = re.compile(r"(?i:\bsince\s+)")


def _title_counts_since(watch: CompiledWatch) -> date | None:
    """The first day the watch's title says it counts from ("Kabul airlift: people evacuated since Aug. 14"), or
    None. The year is the baseline's (a title names the start of the count it follows)."""
    return _since_in_title(watch.config.title, watch.config.baseline.as_of.date())


@lru_cache(maxsize=1024)
def _since_in_title(title: str, as_of: date) -> date | None:
    """:func:`_title_counts_since`, read once per title and baseline (it runs for every entry a metric watch reads)."""
    m = _SINCE.search(title)
    if m is None:
        return None
    found = find_dates(title[m.end() :], as_of)
    if not found or found[0].span[0] > 3:
        return None
    start = found[0].start
    return start.replace(year=start.year - 1) if start > as_of else start


PASSED_MARK_REACH = 1.5  # how far above a mark passed a summary's figure can still be that headline's news
_PASSING_CUE = re.compile(
    r"(?i:^(?:tops?|topped|topping|cross(?:es|ed|ing)?|surpass(?:es|ed|ing)?|exceed(?:s|ed|ing)?|"
    r"pass(?:es|ed|ing)?|beats?|beating|more\s+than|over|above|(?:[a-z]+\s+)?past)$)"
)


def _passes_a_mark(o: Observation) -> bool:
    """Whether a figure is a mark said to be passed ("tops $100 bln goal", "crosses 1 million"): the count is at
    least that, and a precise figure above it in the same entry is the news told exactly. "Reaches 48,000" says the
    count is that figure, so a larger one beside it is another count ("53,000 since the end of July")."""
    return o.quantity is not None and _PASSING_CUE.match((o.quantity.cue or "").strip()) is not None


_FLOOR_QUALIFIERS = frozenset({"more than", "over", "above", "at least", "upwards of", "in excess of"})


def _confirms_a_superseded_date(
    state: WatchState, observations: list[Observation], status: _Candidate, current: DateWindow
) -> str | None:
    """The superseded day a confirmation is bound to, or None: every event date in the status's own sentences is one
    the item already moved away from (``state.superseded``), before the stored one, so the schedule told is the old
    one."""
    own = set(status.sentences)
    dates = [
        o
        for o in observations
        if o.kind == "date" and o.date is not None and o.date_role == "event" and o.sentence in own
    ]
    if not dates:
        return None
    for o in dates:
        assert o.date is not None
        window = DateWindow(o.date.start, o.date.end, _precision(o.date.precision))
        if window.iso() not in state.superseded or window.start >= current.start:
            return None
    return dates[0].date.text if dates[0].date is not None else None


def _confirmation_bound_elsewhere(
    state: WatchState, observations: list[Observation], status: _Candidate, current: DateWindow, published: date
) -> str | None:
    """Why a confirmation that moves no date confirms nothing, or None: every day it is bound to is one the item
    already left ("release date set for November 15, 2024", re-served after the game moved to Feb. 14: the old
    schedule told again), or lies months after a stored day still ahead ("ULA targets May 4th for Vulcan's inaugural
    flight" while Jan. 8 is stored: a day the date reading set aside, see LATER_SILENTLY_DAYS)."""
    if (old := _confirms_a_superseded_date(state, observations, status, current)) is not None:
        return f"status confirmed is bound to '{old}', a date the item already moved from: old news"
    if (later := _confirms_a_day_months_later(observations, status, current, published)) is not None:
        return f"status confirmed is bound to '{later}', months after the stored day and no move: nothing"
    return None


def _confirms_a_day_months_later(
    observations: list[Observation], status: _Candidate, current: DateWindow, published: date
) -> str | None:
    """The day a confirmation is bound to when every event date in its own sentences is more than
    LATER_SILENTLY_DAYS after a stored day still ahead (a day the date reading set aside), or None."""
    if current.precision != "day" or current.start <= published:
        return None
    own = set(status.sentences)
    dates = [
        o.date
        for o in observations
        if o.kind == "date" and o.date is not None and o.date_role == "event" and o.sentence in own
    ]
    if not dates or any((d.start - current.end).days <= LATER_SILENTLY_DAYS for d in dates):
        return None
    return dates[0].text


def _floor_of(o: Observation) -> bool:
    """Whether a figure is told as a floor, not a count: a mark passed ("crosses 300 million") or a figure qualified
    from below ("more than 300 million"). A floor under the stored figure agrees with it."""
    return _passes_a_mark(o) or (o.qualifier or "").lower() in _FLOOR_QUALIFIERS


def _counted_since(obs: Observation, published: date | None) -> date | None:
    """The first day of the period a figure counts from ("... since November 2021"), when its sentence says so right
    after the figure, else None."""
    if obs.quantity is None or published is None:
        return None
    tail = obs.sentence[obs.quantity.span[1] : obs.quantity.span[1] + 80]
    m = _SINCE.search(tail)
    if m is None:
        return None
    found = find_dates(tail[m.end() :], published)
    return found[0].start if found and found[0].span[0] <= 3 else None


_PERIOD_IN = re.compile(r"(?i:^\s*(?:[a-z]+\s+){0,2}?(?:in|during|for|over)\s+(?:all\s+of\s+|the\s+whole\s+of\s+)?$)")


def _counted_in(obs: Observation, published: date | None) -> date | None:
    """The last day of the period a figure was counted in, when the words right after it name one ("delivered 1.31
    million in 2022", "bought 30 million tons during 2024", "4.66 lakh vehicles in the second quarter"), else None.

    On a watch that counts from zero at its baseline, a figure for a period that ended before the count began is a
    previous period's total (last year's deliveries beside this year's goal), not the running total.
    """
    if obs.quantity is None or published is None:
        return None
    end = obs.quantity.span[1]
    tail = obs.sentence[end : end + 60]
    for d in find_dates(tail, published):
        if _PERIOD_IN.match(tail[: d.span[0]]):
            return d.end
        break
    return None


# The day a figure was stated: "FIFA said on Jan. 20", "the ministry announced on Monday". Not the day data run to
# ("through April", "as of April 13"): monthly figures always run to a day before they are reported, so such a day is
# compared with nothing the state keeps.
_STATED_ON_BEFORE = re.compile(
    r"(?i:\b(?:said|says|announced|reported|stated|told\s+[\w'’-]+(?:\s+[\w'’-]+)?)\s+(?:on\s+)?$)"
)
STATED_SLACK = timedelta(days=2)


def _stated_before(obs: Observation, state: WatchState) -> bool:
    """Whether a figure's own statement is dated before the stored figure was: an old report re-published ("Fans
    snapped up 1.2 million tickets within 24 hours, FIFA said on Jan. 20", read in April over a March baseline) is
    history, whether its figure is higher or lower. Only a day the sentence ties to the statement counts (after
    "said", "announced"), not any past date in it."""
    if obs.as_of is None or obs.quantity is None:
        return False
    if not _STATED_ON_BEFORE.search(obs.sentence, max(0, obs.as_of.span[0] - 40), obs.as_of.span[0]):
        return False
    stored = state.recent.get("value") or state.recent.get("target")
    since = stored.at.date() if stored is not None else state.as_of.date()
    return obs.as_of.end < since - STATED_SLACK


POSTPONED_AGAIN_LEAD = timedelta(days=7)  # how close to a newly set day a headline delay is a new postponement


def _postponed_again(
    state: WatchState, obs: Observation, observations: list[Observation], published: date | None
) -> bool:
    """Whether a postponement of a postponed event is a new one: a new day was set after the last postponement
    alert ("slips to Jan. 13" after "delayed by weather"), and the headline says that day is off too ("scrubs
    launch attempt") without naming the next one. Without a day set in between, a second "postponed" is the first
    one retold; with a new day named, the date alert tells the news ("delayed again, to 2021"). Only close to the
    day set (a week before it, or after it): months ahead, "as delay adds 294 billion yen" is the old delay's cost,
    and the newly set day standing for at least a day (two outlets of one slip are one development)."""
    if obs.status != "postponed" or state.status != "postponed" or not obs.in_title or obs.confidence != "confirmed":
        return False
    if any(o.kind == "date" and o.date_role == "event" for o in observations):
        return False
    last_status, last_date = state.recent.get("status"), state.recent.get("date")
    if published is None or state.expected is None:
        return False
    if (
        last_status is not None
        and state.due_set_at is not None
        and state.due_set_at >= last_status.at
        and state.expected.precision == "day"
        and published >= state.expected.start - ONE_DAY
        and published - state.due_set_at.date() >= timedelta(days=1)
    ):
        # the postponement itself named the new day ("pushes back launch to Feb. 17"), and on that day's eve or
        # after, the headline says it is off ("launch scrubbed as boosters fail to ignite"): a new postponement
        return True
    if last_date is None or (last_status is not None and last_date.at <= last_status.at):
        return False
    if published < state.expected.start - POSTPONED_AGAIN_LEAD:
        return False
    return published - last_date.at.date() >= timedelta(days=1)


# Qualifiers that put a figure below the number written: "nearly 3 million" has not reached 3 million.
BELOW_QUALIFIERS = frozenset(
    {"nearly", "almost", "close to", "just under", "just shy of", "shy of", "under", "less than", "fewer than",
     "barely", "near", "nearing", "approaching"}
)  # fmt: skip
HISTORY_TOLD_AFTER = timedelta(days=30)  # an act dated in a coarse window, told this long after it, is retold


# The words of making a deal, as against clearing one: for a takeover, the signing that made it pending.
_DEAL_MAKING_RULES = frozenset(
    {"agree", "reach deal", "reach agreement", "strike deal", "struck deal", "clinch deal", "sign", "ink", "seal",
     "deal in principle", "agreement in principle", "strike agreement", "struck agreement", "clinch agreement"}
)  # fmt: skip


# Words that tell one moment in two time zones: "12:33 p.m. EDT ... on Saturday, June 28, which is 1:33 a.m. on Sunday,
# June 29, at the launch site", "(US time)", "local time".
_ZONE_EQUATED = re.compile(
    r"(?i:\bwhich\s+is\s+(?:about\s+|around\s+)?\d{1,2}(?::\d\d)?\s*[ap]\.?m\b|\blocal\s+time\b|\((?:US|U\.S\.|Eastern|Pacific|Japan|Tokyo|European)\s+time\)|"
    r"\b(?-i:EDT|EST|PDT|PST|GMT|UTC|JST|IST|CET|CEST|BST)\b)"
)


def _zone_restatement(current: DateWindow | None, observations: list[Observation]) -> bool:
    """Whether the entry tells the stored day and the day next to it as one moment in two time zones: it names the
    stored day, names no day further off, and says so in words of time zones ("delayed to June 28 launch (US time)"
    over "12:33 p.m. EDT on Saturday, June 28, which is 1:33 a.m. on Sunday, June 29"). Its "delay" moves nothing."""
    if current is None or current.precision != "day":
        return False
    days = {
        o.date.start
        for o in observations
        if o.kind == "date" and o.date is not None and o.date.start == o.date.end and o.date_role in ("event", "other")
    }
    if current.start not in days or not any(_ZONE_EQUATED.search(o.sentence) for o in observations):
        return False
    return all(abs((d - current.start).days) <= 1 for d in days)


def _cancellation_told_as_a_day_given_up(observations: list[Observation]) -> list[Observation]:
    """The headline's "called off" read as the postponement its summary makes of the same verb: "Chandrayaan-2 launch
    called off due to technical snag" over "the launch is called off for today" gives up one day's attempt, not the
    launch."""
    postponed = {
        o.signal.rule
        for o in observations
        if o.kind == "status" and not o.in_title and o.status == "postponed" and o.signal is not None
    }
    return [
        replace(o, status="postponed")
        if o.kind == "status"
        and o.in_title
        and o.status == "cancelled"
        and o.signal is not None
        and o.signal.rule in postponed
        else o
        for o in observations
    ]


def _headline_says_happened(observations: list[Observation]) -> bool:
    """The headline states, unhedged, that the item took place: the one reading that overrides a cancellation."""
    return any(
        o.kind == "status" and o.status == "happened" and o.in_title and o.confidence == "confirmed"
        for o in observations
    )


def _told_as_history(obs: Observation, state: WatchState, published: date | None) -> bool:
    """Whether a status report dates its act before the stored status was set: the act's window ends before that day
    ("agreed last month"), or starts before it and is told long after it ended ("agreed last year", read a year on)."""
    if obs.acted is None:
        return False
    start, end = obs.acted
    set_on = _status_set_on(state)
    if end <= set_on and (published is None or published > set_on):
        # acted before, or on the day, the stored status was set, told on a later day: "June 2027 as announced on
        # May 19, 2022", read in 2025 when the status was set on May 19, 2022
        return True
    return published is not None and start < set_on and published - end > HISTORY_TOLD_AFTER


def _status_set_on(state: WatchState) -> date:
    """The day the stored status was set: its last status alert, else the baseline's date."""
    last = state.recent.get("status")
    return last.at.date() if last is not None else state.as_of.date()


def _same_development(state: WatchState, obs: Observation, published: date) -> bool:
    """Whether a cancellation reported within SAME_DEVELOPMENT_WINDOW of a postponement alert is that postponement
    in another outlet's words.

    | stored, alerted          | report                                        | reading                  |
    |--------------------------|-----------------------------------------------|--------------------------|
    | postponed (visit), 09:48 | "France visit called off amid unrest", 10:25  | same development         |
    | postponed (launch), Mon  | "launch scrubbed, attempt called off", Mon    | same development         |
    | postponed (summit), Mon  | "summit cancelled altogether", Tue            | news: cancelled          |
    | postponed (opening), May | "opening cancelled", August                   | news: cancelled          |
    """
    last = state.recent.get("status")
    if last is None or last.new != "postponed" or state.status != "postponed" or obs.status != "cancelled":
        return False
    window = CORROBORATION_WINDOW if _in_after_clause(obs) else SAME_DEVELOPMENT_WINDOW
    if published - last.at.date() > window:
        return False
    return not _FINALITY.search(obs.sentence)


# "arrives in Berlin ... after France leg axed", "shares fall after the deal was called off": a status verb in an
# "after" clause is the background of the sentence's news, told as known.
_AFTER_CLAUSE = re.compile(r"(?i:\bafter\s+(?:[\w'-]+\s+){0,5}(?:(?:was|were|is|had\s+been|has\s+been)\s+)?$)")


def _in_after_clause(obs: Observation) -> bool:
    """Whether a status verb sits in an "after ..." clause (background), by the words right before it."""
    if obs.signal is None:
        return False
    start = obs.signal.span[0]
    return _AFTER_CLAUSE.search(obs.sentence[max(0, start - 60) : start]) is not None


def _repeats(watch: CompiledWatch, state: WatchState, kind: str, recent: RecentAlert, obs: Observation) -> bool:
    if kind == "status":
        if obs.kind != "status":
            return False
        return obs.status == recent.new or (
            recent.new == "postponed" and obs.status == "cancelled" and not _FINALITY.search(obs.sentence)
        )
    if kind == "date":
        return (
            obs.kind == "date"
            and obs.date is not None
            and obs.date_role == "event"
            and (obs.date.start.isoformat() == recent.new or obs.date.end.isoformat() == recent.new)
        )
    if kind in ("value", "target") and obs.kind == "value" and obs.value is not None and watch.config.metric:
        reference = _num(recent.new) or 0.0
        return abs(obs.value - reference) <= watch.config.metric.min_change.threshold(reference)
    return False


def _describe_iso(text: object) -> str | None:
    """A stored window (its ``iso()`` form) as people write it, or None when there is none."""
    if not isinstance(text, str):
        return None
    try:
        return describe_window(parse_date_window(text))
    except ValueError:
        return None


def _window_json(window: DateWindow | None) -> str | None:
    return window.iso() if window is not None else None


def _num(value: JsonValue) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def title_similarity(first: str, second: str) -> float:
    """Token-set overlap (Jaccard) of two titles without stop words: 1.0 identical, 0.0 unrelated."""
    a = {w for w in _WORD.findall(first.lower()) if w not in _STOPWORDS}
    b = {w for w in _WORD.findall(second.lower()) if w not in _STOPWORDS}
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
