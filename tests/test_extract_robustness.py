"""Extraction never raises, whatever the feed sends."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from watchers.extract.dates import find_dates
from watchers.extract.numbers import find_quantities
from watchers.extract.observe import ExtractionSpec, extract_observations
from watchers.extract.signals import Vocabulary, find_status_signals

WORDS = [
    "Trump",
    "Xi",
    "visit",
    "postponed",
    "to",
    "May",
    "April",
    "14-15",
    "Oct.",
    "3,",
    "2025",
    "by",
    "Thanksgiving",
    "the",
    "end",
    "of",
    "year",
    "China",
    "bought",
    "nearly",
    "2",
    "million",
    "metric",
    "tons",
    "soybeans",
    "12",
    "agreed",
    "22.5%",
    "$11",
    "a",
    "bushel",
    "not",
    "signed",
    "deal",
    "Q2",
    "first",
    "half",
    "next",
    "last",
    "winter",
    "spring",
    "Monday",
    "week",
    "month",
    "later",
    "in",
    "2026",
    "March",
    "31",
    "-",
    ",",
    ".",
    "?",
    "early",
    "mid",
    "late",
    "H1",
    "Lunar",
    "New",
    "Year",
    "Feb.",
    "29",
    "31-April",
    "0",
    "99",
    "1,000,000",
    "half",
    "two",
    "sorghum",
    "Brazil",
    "from",
]
SPECS = [
    ExtractionSpec(kind="event", subject_terms=("Trump",)),
    ExtractionSpec(kind="agreement", subject_terms=("deal",)),
    ExtractionSpec(
        kind="metric",
        product_terms=("soybean",),
        actor_terms=("China",),
        other_product_terms=("sorghum",),
        other_actor_terms=("Brazil",),
        target_value=12e6,
    ),
]

sentences = st.lists(st.sampled_from(WORDS), min_size=0, max_size=25).map(" ".join)
pubs = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


@settings(max_examples=400, deadline=None)
@given(sentences, pubs)
def test_find_dates_never_raises(sentence: str, published: date) -> None:
    for d in find_dates(sentence, published):
        assert d.start <= d.end
        assert sentence[d.span[0] : d.span[1]] == d.text


@settings(max_examples=300, deadline=None)
@given(sentences)
def test_find_quantities_and_signals_never_raise(sentence: str) -> None:
    find_quantities(sentence)
    find_status_signals(sentence, Vocabulary.for_kind("event"))
    find_status_signals(sentence, Vocabulary.for_kind("agreement"))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.text(max_size=300), pubs)
def test_extract_observations_on_arbitrary_text(title: str, summary: str, published: date) -> None:
    for spec in SPECS:
        extract_observations(spec, title=title, summary=summary, published=datetime(2025, 1, 1))
        extract_observations(spec, title=title, summary=summary, published=published)


@settings(max_examples=300, deadline=None)
@given(sentences, sentences, pubs)
def test_extract_observations_on_news_words(title: str, summary: str, published: date) -> None:
    for spec in SPECS:
        extract_observations(spec, title=title, summary=summary, published=published)
