"""Readings added with the eighteenth blind batch, each with its reason and cases from several domains.

The reasons live in the code: the box-office cues and a denied figure ("hasn't hit") in watchers/extract/numbers.py
and ``_FIGURE_DENIED``; ``_EXPLAINER_SUMMARY`` and ``_QUESTION_HEADLINE``, ``ExtractionSpec.closes``, the completing
title verb (``_COMPLETING_TITLE_VERBS``), ``_DEAL_TO_TRADE_AFTER`` and the carried item of an approval
(``_CARRYING_AFTER``) in watchers/extract/observe.py; "signs off on" in watchers/extract/signals.py; a period gone
past (``NEAREST``) in watchers/extract/dates.py; the due day of a closing watch and a window holding it in
watchers/tracking/engine.py.
"""

from __future__ import annotations

from datetime import date

import pytest
from test_tracking_engine import Story
from test_tracking_titles import read, watch_spec

from watchers.config import load_config_text
from watchers.extract.dates import find_dates
from watchers.extract.numbers import find_quantities
from watchers.tracking.replay import build_engine


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        # money taken in is a total: a box office, a gate, a fundraiser
        ("Through Wednesday, Barbie had grossed $528.6 million worldwide.", 528.6e6),
        ("The tour has earned $1.04 billion so far, Pollstar said.", 1.04e9),
        ("The appeal raked in $12 million in its first week.", 12e6),
    ],
)
def test_money_taken_in_is_a_total(sentence: str, value: float) -> None:
    first = find_quantities(sentence)[0]
    assert (first.value, first.role) == (pytest.approx(value), "total")


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        # a piece that says what it is, a headline that is a question, a figure denied with a contraction
        ("Barbie box office: the numbers", "An explainer on why only a few dozen films have passed $1 billion."),
        ("Barbie box office: What does it take to become a billion-dollar film?", ""),
        ("Will Barbie pass $1 billion this weekend?", ""),
        ("No, 'Barbie' hasn't hit $1 billion yet, Warner Bros. says", ""),
        ("Oppenheimer hasn’t crossed $1 billion, studio says", ""),
    ],
)
def test_explainers_questions_and_denials_report_no_figure(title: str, summary: str) -> None:
    spec = watch_spec("Barbie worldwide box office", ["Barbie", "Oppenheimer"], kind="metric")
    assert [r for r in read(spec, title, summary) if r[0] == "value"] == []


@pytest.mark.parametrize(
    ("title", "headline", "status"),
    [
        # a watch titled by the closing: the merger agreement signed is the deal agreed
        ("Intel's Tower Semiconductor deal closes", "Intel and Tower have signed a definitive agreement", "agreed"),
        ("Broadcom VMware deal completion", "Broadcom inks $61 billion VMware deal", "agreed"),
        ("Intel's Tower Semiconductor deal closes", "Intel completes acquisition of Tower Semiconductor", "signed"),
    ],
)
def test_a_deal_titled_by_its_closing_is_agreed_when_its_agreement_is_signed(
    title: str, headline: str, status: str
) -> None:
    spec = watch_spec(title, ["Tower", "VMware"], kind="agreement")
    assert [v for k, v in read(spec, headline) if k == "status"][:1] == [status]


CLOSING = """
watches:
  - id: deal
    title: Intel's Tower Semiconductor deal closes
    kind: agreement
    match: {any: [Tower]}
    baseline: {status: pending, due: 2031-06-15, as_of: 2031-01-10}
"""


def test_a_closing_deadline_holds_after_the_agreement_and_a_window_holding_it_is_no_news() -> None:
    story = Story(build_engine(load_config_text(CLOSING)))
    # a takeover is pending from its signing on: the signing told again is the baseline's (since fresh57)
    assert story.read("2031-02-01T10:00", "Intel and Tower sign definitive merger agreement") == []
    # the closing's deadline is still the one watched: an extension moves it
    (moved,) = story.read("2031-06-01T10:00", "Intel and Tower extend merger deadline to Aug. 15")
    assert (moved.kind, str(moved.new)) == ("date", "2031-08-15")
    # "until mid-August" holds the known Aug. 15: no news
    assert story.read("2031-06-02T10:00", "Intel, Tower give China until mid-August to clear the Tower deal") == []


@pytest.mark.parametrize(
    ("sentence", "published", "start"),
    [
        # a period gone past is the one nearest the day of writing
        ("Capital One-Discover timeline slips past first quarter", date(2031, 4, 1), date(2031, 1, 1)),
        ("Deal missed its March target", date(2031, 4, 3), date(2031, 3, 1)),
        ("Launch slips past its March target", date(2031, 2, 10), date(2031, 3, 1)),
    ],
)
def test_a_period_gone_past_is_the_nearest(sentence: str, published: date, start: date) -> None:
    assert [d.start for d in find_dates(sentence, published)] == [start]


@pytest.mark.parametrize(
    ("title", "terms", "headline", "signed"),
    [
        # a watch titled by its completing act is done when the act is reported done
        ("Sweden joins NATO", ["Sweden"], "Sweden formally joins NATO, becoming its 32nd member", True),
        ("UK accedes to CPTPP", ["CPTPP"], "Britain formally accedes to CPTPP trade bloc", True),
        # another country doing it is another's; a party's sign-off is a step
        ("Sweden joins NATO", ["Sweden", "NATO"], "Finland joins NATO as Sweden waits", False),
        ("Sweden joins NATO", ["Sweden"], "Erdogan signs off on Sweden's NATO accession", False),
        # a deal to sell something is a trade of its own
        ("Sweden joins NATO", ["Sweden"], "Sweden inks deal to sell four Gripen jets to Hungary", False),
        ("UK joins CPTPP", ["Britain", "CPTPP"], "Britain signs deal to buy Australian beef quota", False),
    ],
)
def test_completing_acts_sign_offs_and_trades(title: str, terms: list[str], headline: str, signed: bool) -> None:
    spec = watch_spec(title, terms, kind="agreement")
    assert (("status", "signed") in read(spec, headline)) is signed


@pytest.mark.parametrize(
    "headline",
    [
        # an approver named as a happening approves what it names, and a flight carrying the item is its launch
        "Launch readiness review green-lights Ariane 5 flight VA260 with Juice",
        "Flight readiness review green-lights Falcon 9 mission carrying Juice",
    ],
)
def test_an_approval_of_the_flight_carrying_the_item_confirms_it(headline: str) -> None:
    spec = watch_spec("ESA JUICE launch", ["Juice"])
    assert ("status", "confirmed") in read(spec, headline, "Liftoff is set for June 20.")
