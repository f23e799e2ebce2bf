"""A watch compiled for the engine: its config plus the matchers and extraction spec built once."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from watchers.config.schema import STATUSES, Settings, WatchConfig
from watchers.extract.calendar_words import CALENDAR_WORDS
from watchers.extract.item import event_modifier, event_verb, head_noun, law_content, title_verb
from watchers.extract.matching import MatchRules
from watchers.extract.observe import SPLIT_YEAR, ExtractionSpec
from watchers.extract.question import question_clause
from watchers.extract.signals import Vocabulary
from watchers.tracking.state import WatchState

RESOLVING = {"event": ("happened", "cancelled"), "agreement": ("signed", "collapsed")}
# Status ranks: a report of a lower-ranked status than the baseline's is old news, not a change.
RANK = {
    "planned": 0,
    "confirmed": 1,
    "postponed": 1,
    "cancelled": 3,
    "happened": 3,
    "pending": 0,
    "agreed": 1,
    "signed": 2,
    "collapsed": 2,
}


@dataclass(frozen=True)
class CompiledWatch:
    """Everything the engine needs about one watch, precomputed."""

    config: WatchConfig
    rules: MatchRules
    spec: ExtractionSpec
    deadline_leads: tuple[timedelta, ...]
    max_entry_age: timedelta

    @property
    def id(self) -> str:
        return self.config.id

    @property
    def kind(self) -> str:
        return self.config.kind

    @property
    def travels(self) -> bool:
        """Whether the item is a trip (a visit, tour or journey): its days are told from departure or arrival."""
        return self.kind == "event" and self.spec.travels

    def initial_state(self) -> WatchState:
        """The baseline the config seeds."""
        base = self.config.baseline
        due = base.due
        if self.kind == "metric" and self.config.target is not None:
            due = self.config.target.due
        target = self.config.target
        return WatchState(
            watch_id=self.id,
            as_of=base.as_of,
            status=base.status,
            expected=base.expected,
            due=due,
            value=base.value,
            sources=list(base.sources),
            due_set_at=base.as_of,
            # a baseline already at its target (a watch brought up to date by hand) has no deadline left to miss
            target_reached=bool(target is not None and base.value is not None and base.value >= target.value),
        )

    def statuses(self) -> tuple[str, ...]:
        return STATUSES[self.kind]


def numbers_in_name(title: str, terms: Sequence[str]) -> tuple[str, ...]:
    """The numbers the item is named by: in its terms ("737", "Switch 2") or joined to a name in its title
    ("Boeing 737 deliveries", "Crew-9"). A year or a figure of the title ("1.8M target", "in 2023") is not a name."""
    found = {n for t in terms for n in re.findall(r"(?<![\d.,])\d+(?![\d.,%])", t) if not _YEAR.fullmatch(n)}
    found |= {
        m.group(1)
        for m in re.finditer(r"\b[A-Z][\w]*[\s-](\d+)\b(?![.,]\d|\s*(?:%|[MmBbKk]\b|million|billion))", title)
    }
    return tuple(sorted(n for n in found if not _YEAR.fullmatch(n)))


_YEAR = re.compile(r"(?:19|20)\d\d")


# A capitalised noun and a one- or two-digit number after it name one of a numbered series ("Metro Line 1", "Starship
# Flight 5", "Hakuto-R Mission 2", "COP 28"), with a capital letter of a unit in the series too ("Sentinel-6B", "Line
# 4A"); a figure with a scale or unit after it is a quantity, not a name ("UK 15 million doses", "Airbus 720
# deliveries" has three digits: a model, told apart by own_numbers instead).
_SERIES_NAME = re.compile(
    r"\b(?P<noun>[A-Z][A-Za-z]+)[\s-](?P<num>\d{1,2}(?:[A-Z]\b)?)\b(?![.,]\d|\s*(?:%|[MmBbKk]\b|million|billion|thousand|"
    r"crore|lakh|(?i:per\s*cent|percent|days?|weeks?|months?|years?|hours?|tons?|tonnes?)\b))"
)


# An ordinal before a noun names one of a series too: "Global Fund 8th replenishment", "23rd India-Russia annual
# summit" (the noun is the first word in lower case after it, names aside; the number is kept with its suffix,
# "8th", so readers match it against ordinals: "seventh replenishment", "the 24th annual summit").
_ORDINAL_SERIES_NAME = re.compile(r"\b(?P<num>\d{1,2}(?:st|nd|rd|th))\s+(?:[\w-]+\s+){0,2}?(?P<noun>[a-z]{3,})\b")


def series_in_name(title: str) -> tuple[tuple[str, str], ...]:
    """The (noun, number) pairs that name the item as one of a numbered series: an entry about another number of
    the same series ("Metro Line 2" on a watch of Line 1, "seventh replenishment" on the 8th) is about a sibling. A
    month and its day ("due Nov 1") is a date, not a name."""
    numbered = [(m["noun"], m["num"]) for m in _SERIES_NAME.finditer(title) if m["noun"].lower() not in CALENDAR_WORDS]
    ordinal = [
        (m["noun"], m["num"]) for m in _ORDINAL_SERIES_NAME.finditer(title) if m["noun"].lower() not in CALENDAR_WORDS
    ]
    return tuple(numbered + ordinal)


def names_in_title(title: str) -> tuple[str, ...]:
    """The capitalised words of a watch's title: the item's own names (its actors, places, products). A question
    title's opening word ("Will", "When") is no name."""
    clause = question_clause(title)
    if clause is not None:
        title = " ".join((clause.lead, clause.subject, clause.verb or "", clause.rest, *clause.asides))
    return tuple(w for w in re.findall(r"[A-Za-z][\w-]*", title) if w[0].isupper())


def compile_watch(config: WatchConfig, settings: Settings) -> CompiledWatch:
    """Build the matchers and the extraction spec of ``config`` once."""
    match = config.match
    rules = MatchRules(
        all_terms=tuple(match.all), any_terms=tuple(match.any), none_terms=tuple(match.none), regex=match.regex
    )
    # The subject phrases say what a sentence must mention to be about this item; without them, the match terms.
    subject = tuple(config.subject) if config.subject else tuple(dict.fromkeys([*match.all, *match.any]))
    vocabulary = Vocabulary.for_kind(config.kind).extend(config.vocabulary) if config.vocabulary else None
    if config.kind == "metric":
        assert config.metric is not None
        metric = config.metric
        spec = ExtractionSpec(
            kind="metric",
            subject_terms=subject,
            unit=metric.unit,
            product_terms=tuple(metric.product),
            actor_terms=tuple(metric.actor),
            other_product_terms=tuple(metric.exclude),
            other_actor_terms=tuple(metric.exclude),
            target_value=config.target.value if config.target else None,
            title_names=names_in_title(config.title),
            title_words=tuple(re.findall(r"[A-Za-z][\w-]*", config.title)),
            own_numbers=numbers_in_name(config.title, subject),
            title_years=_own_years(config.title),
            title_spans_years=SPLIT_YEAR.search(config.title) is not None,
            series=series_in_name(config.title),
        )
    else:
        head = head_noun(config.title)
        modifier = event_modifier(config.title, head) if config.kind == "event" else law_content(config.title, head)
        spec = ExtractionSpec(
            kind=config.kind,
            subject_terms=subject,
            vocabulary=vocabulary,
            item_nouns=tuple(n for n in (head, modifier) if n),
            title_names=names_in_title(config.title),
            title_words=tuple(re.findall(r"[A-Za-z][\w-]*", config.title)),
            title_verb=title_verb(config.title) if config.kind in ("event", "agreement") else None,
            item_verbs=tuple(v for v in [event_verb(config.title)] if v and config.kind == "event"),
            title_years=_own_years(config.title),
            series=series_in_name(config.title),
        )
    leads = config.deadline_alerts if config.deadline_alerts is not None else settings.deadline_alerts
    return CompiledWatch(
        config=config,
        rules=rules,
        spec=spec,
        deadline_leads=tuple(sorted(leads, reverse=True)),
        max_entry_age=config.max_entry_age or settings.max_entry_age,
    )


# A year after a comparison word is the yardstick's, not the item's: "Japan 2024 foreign visitor arrivals vs 2019
# record", "sales in 2023 compared with 2022".
# (a year's record to beat is a yardstick too: "Will China's 2023 imports beat the 2020 record?")
_COMPARED_YEAR = re.compile(
    r"(?i:\b(?:vs\.?|versus|than|against|compared\s+(?:with|to)|over|beat|break|top|surpass|exceed|pass|eclipse)"
    r"\s+(?:the\s+|its\s+)?$)"
)


def _own_years(title: str) -> tuple[int, ...]:
    """The years a title scopes its item to ("FY2023", "2023 deliveries"), leaving out a compared year."""
    return tuple(
        int(m[1])
        for m in re.finditer(r"(?<!\d)((?:19|20)\d\d)(?!\d)", title)
        if not _COMPARED_YEAR.search(title, max(0, m.start() - 20), m.start())
    )
