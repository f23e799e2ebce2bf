"""Readings from fresh42 (NS-31), each from a general reason and shown on several domains.

- Sources that "claim" are unnamed sources; a clause of time with a possessive subject ("before her tour opens") is a
  time to come (``_GLOBAL_HEDGE_RE`` in watchers/extract/signals.py).
- A date in a main clause about another thing, with the item named only in a later "as"/"while" clause, is that
  thing's, as its status verb is; the item's noun owned by another name ("Virgin Galactic ... commercial flights") is
  not the item's, and "while rival Blue Origin" opens a clause as "while Blue Origin" does
  (``_item_only_in_later_clause`` in watchers/extract/observe.py).
- A trip's start or day ("Katy Perry's Lifetimes Tour opens April 23") is the item's only on a watch of a trip.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.test_tracking_titles import read, watch_spec

FLIGHT = watch_spec("Blue Origin NS-31 all-female New Shepard flight", ["NS-31", "Blue Origin", "Katy Perry"])
RELEASE = watch_spec("Nightfall Saga release", ["Nightfall Saga"])
STATION = watch_spec("Harbour Central station opening", ["Harbour Central"])
VISIT = watch_spec("Lula's state visit to France", ["Lula"])


@pytest.mark.parametrize(
    ("spec", "title", "summary"),
    [
        # unnamed sources that claim, and a clause of time with a possessive subject
        (FLIGHT, "Update", "Blue Origin will launch NS-31 on June 12, sources claim."),
        (FLIGHT, "Update", "Katy Perry wants to fly on NS-31 before her tour opens in June."),
        (RELEASE, "Update", "Nightfall Saga will ship on June 12, before its rival's sequel lands, insiders claim."),
        # a date in another thing's main clause, the item named only after "as" or "while"
        (FLIGHT, "Virgin Galactic pushes back commercial flights to fall 2032 as Blue Origin readies its crew", ""),
        (
            RELEASE,
            "Update",
            "Stellar Quest now expects its sequel to ship in fall 2032, while rival Nightfall Saga waits.",
        ),
        # a trip's day on a watch of no trip
        (FLIGHT, "Katy Perry's Lifetimes Tour opens June 23 in Mexico City", ""),
        (STATION, "Mayor's Harbour Central tour kicks off June 23", ""),
    ],
)
def test_nothing_of_the_items_is_read(spec, title: str, summary: str) -> None:  # type: ignore[no-untyped-def]
    assert read(spec, title, summary) == []


@pytest.mark.parametrize(
    ("spec", "title", "expected"),
    [
        # ... the item's own noun as the subject keeps its date
        (
            STATION,
            "Harbour Central opening pushed back to fall 2032 as contractor struggles",
            ("date", date(2032, 9, 1)),
        ),
        # ... and on a watch of a trip, the trip's day is the item's
        (VISIT, "Lula's France visit begins June 5 in Paris", ("date", date(2031, 6, 5))),
    ],
)
def test_the_items_own_clause_and_trip_keep_their_dates(spec, title, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in read(spec, title)


DEAL = watch_spec("Northwind takeover of Eastco closes", ["Eastco"], kind="agreement")


@pytest.mark.parametrize(
    ("spec", "title", "summary"),
    [
        # a hint, an unverified leak
        (RELEASE, "Could Nightfall Saga slip? Unverified leak hints at a delay", ""),
        (STATION, "Harbour Central contractor hinted at a delay to the opening, a filing shows", ""),
        # a regulator's review deadline is not the deal's
        (
            DEAL,
            "Update",
            "The regulator cleared the Eastco deal after its phase 1 review, ahead of its Nov. 11 deadline.",
        ),
        (
            DEAL,
            "Update",
            "Brussels opened an investigation into the Eastco takeover, with a decision deadline of Dec. 1.",
        ),
    ],
)
def test_hints_and_review_deadlines_move_nothing(spec, title: str, summary: str) -> None:  # type: ignore[no-untyped-def]
    assert not [x for x in read(spec, title, summary) if x[0] in ("status", "date") and x != ("status", "agreed")]


def test_the_deals_own_deadline_still_moves() -> None:
    summary = "The companies extended the Eastco deal's outside date to the new deadline of Dec. 1."
    assert ("date", date(2031, 12, 1)) in read(DEAL, "Update", summary)


@pytest.mark.parametrize(
    ("summary", "old"),
    [
        # a wire dateline weeks before publication dates an old story (published 2031-05-07)
        (
            "TOKYO (March 23) - Eastco's board said on Thursday it accepted the offer, with a tender due in late July.",
            True,
        ),
        ("WASHINGTON, Jan. 5 (Reuters) - The Eastco deal is expected to close in late July.", True),
        # ... a recent dateline is the news of the day
        ("NEW DELHI, May 6 (PTI) - The Eastco deal is expected to close in late July.", False),
    ],
)
def test_an_old_wire_dateline_is_an_old_story(summary: str, old: bool) -> None:
    assert (read(DEAL, "Eastco deal update", summary) == []) is old


@pytest.mark.parametrize(
    ("spec", "title"),
    [
        # a clause after a semicolon has its own subject
        (DEAL, "Eastco tender offer closes Wednesday; results due Thursday"),
        # a headline's "seen" is a forecast
        (STATION, "Harbour Central opening seen by year-end, officials say"),
    ],
)
def test_a_semicolon_clause_and_a_forecast_date_nothing(spec, title: str) -> None:  # type: ignore[no-untyped-def]
    assert not any(kind == "date" for kind, _ in read(spec, title))
