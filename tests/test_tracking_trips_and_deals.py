"""Readings added with the sixteenth blind batch, each with its reason and cases from several domains.

The reasons live in the code: ``_own_traveller_before``, ``_programme_start``, ``_GUIDE_HEADLINE``,
``_other_purchase_before``, the topic label in ``_other_clause``, the month-named agreement and the infinitive of
"set to" in ``_date_role`` (watchers/extract/observe.py); the hyphened compound in ``find_status_signals``
(watchers/extract/signals.py); a trip begun and the launch noun as a headline's head (lexicon/status.yaml);
``_moves`` at a window's edge and ``_rolled_a_year`` (watchers/tracking/engine.py).
"""

from __future__ import annotations

from datetime import date

import pytest
from test_tracking_titles import read, watch_spec

from watchers.config.values import DateWindow
from watchers.tracking.engine import _moves


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        # the title's own traveller before an arrival verb, though the terms name only places
        ("Pope Francis trip to Mongolia", ["Mongolia", "Ulaanbaatar"], "Pope Francis lands in Mongolia"),
        ("Modi visit to Ukraine", ["Ukraine", "Kyiv"], "Modi arrives in Kyiv on first visit"),
        ("King Charles state visit to Kenya", ["Kenya", "Nairobi"], "King Charles arrives in Nairobi"),
        # a trip begun
        (
            "Pope Francis trip to Mongolia",
            ["Mongolia"],
            "Pope takes off for Mongolia, beginning the first papal journey there",
        ),
        ("Xi state visit to France", ["France"], "Xi began a two-day state visit to France on Monday"),
    ],
)
def test_the_items_own_traveller_arrives(title: str, terms: list[str], headline: str) -> None:
    assert ("status", "happened") in read(watch_spec(title, terms), headline)


def test_another_traveller_still_only_reaches_the_destination() -> None:
    spec = watch_spec("Pope Francis trip to Mongolia", ["Mongolia", "Ulaanbaatar"])
    assert read(spec, "Cardinal Parolin lands in Mongolia ahead of the trip") == []


def test_an_arrival_the_day_after_a_departure_is_a_leg() -> None:
    spec = watch_spec("Pope Francis trip to Mongolia", ["Mongolia", "Ulaanbaatar"])
    summary = "The Pope will leave Rome on Sunday, 31 August and land in Ulaanbaatar on Monday, 1 September."
    assert date(2031, 9, 1) not in [v for k, v in read(spec, "Programme of the Mongolia trip", summary)]


@pytest.mark.parametrize(
    ("current", "new", "moves"),
    [
        # a trip from Aug. 31 told as "the visit in September": the known day at the edge of the coarser window
        (
            DateWindow(date(2031, 8, 31), date(2031, 8, 31), "day"),
            DateWindow(date(2031, 9, 1), date(2031, 9, 30), "month"),
            False,
        ),
        (
            DateWindow(date(2031, 12, 30), date(2031, 12, 30), "day"),
            DateWindow(date(2032, 1, 1), date(2032, 3, 31), "quarter"),
            False,
        ),
        # a month that starts well after the known day is a move
        (
            DateWindow(date(2031, 8, 20), date(2031, 8, 20), "day"),
            DateWindow(date(2031, 9, 1), date(2031, 9, 30), "month"),
            True,
        ),
        # a month known is not a day: the next month is a move
        (
            DateWindow(date(2031, 8, 1), date(2031, 8, 31), "month"),
            DateWindow(date(2031, 9, 1), date(2031, 9, 30), "month"),
            True,
        ),
    ],
)
def test_a_known_day_at_the_edge_of_a_coarser_window_does_not_move(
    current: DateWindow, new: DateWindow, moves: bool
) -> None:
    assert _moves(current, new) is moves


@pytest.mark.parametrize(
    ("title", "terms", "kind", "sentence"),
    [
        # "set to" ends in its infinitive's "to": the date is that other act's
        (
            "Aditya-L1 launch",
            ["Aditya-L1"],
            "event",
            "ISRO, also preparing Aditya-L1, is set to attempt a Moon landing on Sept. 6.",
        ),
        (
            "Amgen Horizon takeover to close",
            ["Horizon"],
            "agreement",
            "Horizon's board, weighing the Amgen bid, is set to meet on Sept. 6.",
        ),
        # the timetable of another deal the clause describes
        (
            "IBM HashiCorp deal closing",
            ["HashiCorp"],
            "agreement",
            "IBM agreed to acquire DataStax, expected to close on Sept. 6, as Britain cleared HashiCorp.",
        ),
        (
            "Mars Kellanova deal closing",
            ["Kellanova"],
            "agreement",
            "Mars will also buy rival Hostess, a deal set to close on Sept. 6, Kellanova said.",
        ),
        # an agreement named by the month it was made
        (
            "UK-Mauritius Chagos treaty signed",
            ["Chagos"],
            "agreement",
            "Ramgoolam said the October agreement on Chagos would not produce the benefits.",
        ),
        (
            "EU-UK fisheries deal",
            ["fisheries"],
            "agreement",
            "Fishermen said the December fisheries agreement had cost them dearly.",
        ),
    ],
)
def test_a_date_of_another_act_another_deal_or_an_existing_agreement(
    title: str, terms: list[str], kind: str, sentence: str
) -> None:
    assert [r for r in read(watch_spec(title, terms, kind), sentence) if r[0] == "date"] == []


@pytest.mark.parametrize(
    ("title", "terms", "headline", "expected"),
    [
        # a headline's subject with its infinitive ("Starmer to sign") is not a noun with a place phrase
        (
            "UK-Mauritius Chagos treaty signed",
            ["Chagos"],
            "Starmer to sign Chagos Islands deal on Sept. 6",
            date(2031, 9, 6),
        ),
        (
            "Windsor Framework deal",
            ["Windsor Framework"],
            "Sunak to sign Windsor Framework deal on Sept. 6",
            date(2031, 9, 6),
        ),
        # a topic label before a colon heads the headline: the clause after it is about the item
        (
            "UK-Mauritius Chagos treaty signed",
            ["Chagos"],
            "Chagos: UK committed to completing deal before May 20, Ramgoolam tells MPs",
            date(2031, 5, 20),
        ),
        ("HS2 phase one opening", ["HS2"], "HS2: line to open by Sept. 6, Harper tells MPs", date(2031, 9, 6)),
    ],
)
def test_a_named_signer_and_a_topic_label_keep_the_date_the_items(
    title: str, terms: list[str], headline: str, expected: date
) -> None:
    kind = "agreement" if "treaty" in title or "deal" in title else "event"
    assert ("date", expected) in read(watch_spec(title, terms, kind), headline)


@pytest.mark.parametrize(
    ("title", "terms", "kind", "headline"),
    [
        # a guide by its headline reports nothing
        (
            "Pope Francis trip to Mongolia",
            ["Mongolia"],
            "event",
            "What to know about Pope Francis' trip to Mongolia on Sept. 6",
        ),
        (
            "Artemis II launch",
            ["Artemis II"],
            "event",
            "Here's what we know about the Artemis II launch, set for Sept. 6",
        ),
        (
            "iPhone 17 release",
            ["iPhone 17"],
            "event",
            "Everything you need to know before the iPhone 17 goes on sale Sept. 6",
        ),
        # a word hyphened to the next is a compound, not the verb
        (
            "IBM HashiCorp deal closing",
            ["HashiCorp"],
            "agreement",
            "HashiCorp holders back the deal, which still needs regulatory sign-off",
        ),
        ("Starship launch", ["Starship"], "event", "Starship launch-day traffic plan published"),
        # a launch noun after a determiner names the schedule's launch, not a liftoff
        (
            "Aditya-L1 launch",
            ["Aditya-L1"],
            "event",
            "Register to watch the Sept. 6 lift-off of Aditya-L1 from the gallery",
        ),
    ],
)
def test_guides_compounds_and_scheduled_launch_nouns_report_no_status(
    title: str, terms: list[str], kind: str, headline: str
) -> None:
    assert [r for r in read(watch_spec(title, terms, kind), headline) if r[0] == "status"] == []


def test_a_launch_noun_heading_a_headline_is_the_liftoff() -> None:
    assert ("status", "happened") in read(
        watch_spec("Polaris Dawn launch", ["Polaris Dawn"]), "Liftoff of Polaris Dawn!"
    )


@pytest.mark.parametrize(
    ("title", "terms", "kind", "headline"),
    [
        # another name right before the item's term makes the object another's product
        (
            "Tesla Semi first deliveries",
            ["semi", "electric truck"],
            "event",
            "Nikola hands over first Tre battery-electric trucks, beating Tesla's Semi to customers",
        ),
        (
            "Boeing 777X first delivery",
            ["777X", "widebody"],
            "event",
            "Airbus delivers first A350F widebody, beating Boeing's 777X",
        ),
        # a deal "with" another country after a comma is that country's
        (
            "Australia-UK free trade agreement",
            ["trade deal", "Australia"],
            "agreement",
            "UK signs first major post-Brexit trade deal, with Japan",
        ),
        ("EU-Mercosur agreement", ["trade deal", "Mercosur"], "agreement", "EU seals new trade deal, with Chile"),
        # a cancellation verb whose object is something else than the deal
        (
            "Australia-UK free trade agreement",
            ["trade deal", "Australia"],
            "agreement",
            "Britain and Australia agree, scrapping tariffs on wine and cars",
        ),
        ("India-EFTA trade pact", ["EFTA"], "agreement", "India and EFTA talk, scrapping duties on Swiss watches"),
    ],
)
def test_anothers_product_another_partner_and_another_object(
    title: str, terms: list[str], kind: str, headline: str
) -> None:
    statuses = [v for k, v in read(watch_spec(title, terms, kind), headline) if k == "status"]
    assert "happened" not in statuses and "signed" not in statuses and "collapsed" not in statuses
