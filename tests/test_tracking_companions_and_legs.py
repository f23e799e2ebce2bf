"""Readings added with the fifteenth blind batch, each with its reason and cases from several domains.

The reasons live in the code: ``_companion_of_own``, ``_named_other_happening``, ``_programme_start``,
``_variant_before``, ``_UNDERTAKING_NOT`` and ``_MEASURE_AFTER_DATE`` in watchers/extract/observe.py; ``_JOINS_AFTER``,
``_UNCONFIRMED_AFTER`` and the reported "would" (``_REPORTED_RE``) in watchers/extract/signals.py.
"""

from __future__ import annotations

from datetime import date

import pytest
from test_tracking_titles import read, watch_spec


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        # the item's traveller and a companion, joined by "and", act together
        (
            "King Charles state visit to Kenya",
            ["King Charles", "Kenya"],
            "King Charles and Queen Camilla arrive in Kenya",
        ),
        ("Biden visit to Vietnam", ["Biden", "Vietnam"], "Biden and first lady Jill Biden arrive in Vietnam"),
        ("Modi visit to Japan", ["Modi", "Japan"], "Modi and his delegation arrive in Japan for summit talks"),
    ],
)
def test_a_companion_of_the_items_traveller_does_not_make_the_trip_anothers(
    title: str, terms: list[str], headline: str
) -> None:
    assert ("status", "happened") in read(watch_spec(title, terms), headline)


def test_another_traveller_alone_is_still_another() -> None:
    spec = watch_spec("King Charles state visit to Kenya", ["King Charles", "Kenya"])
    assert read(spec, "Prince William arrives in Kenya", "The trip follows King Charles's visit plans.") == []


@pytest.mark.parametrize(
    ("title", "terms", "headline", "expected"),
    [
        # another named happening's anchor noun: its date is that happening's
        (
            "King Charles state visit to Kenya",
            ["King Charles"],
            "King Charles to address COP28 opening in Dubai on June 1",
            [],
        ),
        ("Boeing 777X first delivery", ["777X"], "Boeing shows 777X at Paris Air Show opening on June 19", []),
        (
            "Artemis II launch",
            ["Artemis II"],
            "NASA chief to attend Artemis II review, then Olympics opening on July 24",
            [],
        ),
        # the item's own noun modified by its own names stays the item's
        (
            "Sydney Metro opening",
            ["Sydney Metro"],
            "Sydney Metro opening set for June 19",
            [("status", "confirmed"), ("date", date(2031, 6, 19))],
        ),
    ],
)
def test_an_anchor_noun_named_by_another_happening_is_that_happenings(
    title: str, terms: list[str], headline: str, expected: list[tuple[str, object]]
) -> None:
    assert [r for r in read(watch_spec(title, terms), headline) if r[0] == "date"] == [
        r for r in expected if r[0] == "date"
    ]


@pytest.mark.parametrize(
    ("summary", "dates"),
    [
        # a programme told in sequence: the first day is the item's, later days are legs
        (
            "The King will be welcomed in Nairobi on Tuesday 3rd June and will travel to Mombasa on Thursday 5th June.",
            [],  # the first day has no anchor of the item; the leg is not the item either
        ),
        ("The summit will open on June 3, then head to the coast on June 4.", [date(2031, 6, 3)]),
        ("The summit opens on June 15, followed by a gala dinner on June 16.", [date(2031, 6, 15)]),
        # a word of change keeps the later day the item's
        ("The visit was set for June 3 and will now take place on June 6.", [date(2031, 6, 6)]),
    ],
)
def test_a_later_day_of_a_programme_is_a_leg_not_a_move(summary: str, dates: list[date]) -> None:
    spec = watch_spec("State visit to Kenya", ["visit", "summit", "pope"])
    got = [v for k, v in read(spec, "Programme published", summary) if k == "date"]
    assert got[-1:] == dates[-1:]
    assert date(2031, 6, 5) not in got and date(2031, 6, 16) not in got and date(2031, 6, 4) not in got


@pytest.mark.parametrize(
    ("headline", "signed"),
    [
        # "sign on to", "signed on as", "sign up for": joining, not a signature
        ("Sinema signs on to Democrats' climate and tax bill after changes", False),
        ("Two more senators sign on as co-sponsors of the climate bill", False),
        ("Six states sign up for the climate bill's rebate scheme", False),
        ("Biden signs climate bill into law", True),
        ("President signs climate bill on Tuesday", True),
    ],
)
def test_joining_is_not_signing(headline: str, signed: bool) -> None:
    spec = watch_spec("Climate bill signed into law", ["climate bill", "climate and tax bill"], kind="agreement")
    assert (("status", "signed") in read(spec, headline)) is signed


@pytest.mark.parametrize(
    ("title", "terms", "summary", "expected"),
    [
        # a reported "would" is a future told in the past, not a conditional, however long the reporting clause
        (
            "Amgen Horizon takeover to close",
            ["Horizon"],
            "Amgen said it was disappointed and would work to complete the Horizon acquisition by mid-December.",
            date(2031, 12, 11),
        ),
        (
            "Crossrail opening",
            ["Crossrail"],
            "TfL said the line was nearly ready and would open Crossrail on Dec. 12.",
            date(2031, 12, 12),
        ),
    ],
)
def test_a_reported_would_states_the_plan(title: str, terms: list[str], summary: str, expected: date) -> None:
    kind = "agreement" if "takeover" in title else "event"
    dated = [v for k, v in read(watch_spec(title, terms, kind), "Update", summary) if k == "date"]
    assert dated == [expected]


@pytest.mark.parametrize(
    ("title", "terms", "kind", "sentence"),
    [
        # the schedule word's subject is another happening
        (
            "Amgen Horizon takeover to close",
            ["Horizon"],
            "agreement",
            "A trial over the Horizon deal is slated for Oct. 25.",
        ),
        (
            "Debt ceiling bill signed",
            ["debt ceiling"],
            "agreement",
            "A Senate vote on the debt ceiling bill is set for June 12.",
        ),
        ("Starliner crewed launch", ["Starliner"], "event", "A Starliner dress rehearsal is scheduled for June 8."),
        # a promise not to act bounds one's conduct; it forecasts no day
        (
            "Amgen Horizon takeover to close",
            ["Horizon"],
            "agreement",
            "Amgen agrees not to close the Horizon deal before Sept. 15.",
        ),
        (
            "Microsoft Activision deal to close",
            ["Activision"],
            "agreement",
            "Microsoft agreed not to close the Activision deal before July 18.",
        ),
        (
            "Vostok launch",
            ["Vostok"],
            "event",
            "The agency pledged not to launch Vostok before Sept. 1 while the review runs.",
        ),
        # the period of a figure
        (
            "Cyberpunk 2077 release",
            ["Cyberpunk 2077"],
            "event",
            "Cyberpunk 2077 stays on track, as Q3 revenue rose 12%.",
        ),
        (
            "Tesla Semi deliveries",
            ["Semi"],
            "event",
            "Semi production is ramping, its maker said, with 2032 sales seen higher.",
        ),
        # a variant of the item has its own schedule
        (
            "Cyberpunk 2077 release",
            ["Cyberpunk 2077"],
            "event",
            "Cyberpunk 2077 next-gen versions for PS5 slated for Sept. 15.",
        ),
        ("Starfield release", ["Starfield"], "event", "Starfield's first expansion is set for Sept. 15."),
        ("GTA 6 release", ["GTA 6"], "event", "A GTA 6 trailer is scheduled for Sept. 15."),
    ],
)
def test_a_date_that_is_another_happenings_an_undertakings_a_figures_or_a_variants(
    title: str, terms: list[str], kind: str, sentence: str
) -> None:
    assert [r for r in read(watch_spec(title, terms, kind), sentence) if r[0] == "date"] == []


def test_a_variant_the_title_names_is_the_item() -> None:
    spec = watch_spec("Cyberpunk 2077 next-gen version release", ["Cyberpunk 2077"])
    assert ("date", date(2031, 9, 15)) in read(spec, "Cyberpunk 2077 next-gen version slated for Sept. 15")


@pytest.mark.parametrize(
    ("summary", "confirmed"),
    [
        # a concession that nobody has confirmed the statement leaves it a report
        ("A retailer listed the game for a September release, though the studio has not commented.", False),
        ("Reuters reported the launch was set for Sept. 15, although NASA has not confirmed it.", False),
        ("The ministry gave Sept. 15 as the opening day, but the date has not been confirmed.", False),
        ("The listing names Sept. 15, though it may be a placeholder.", False),
        # a caveat of another kind is no denial of confirmation
        ("The agency set Sept. 15 for the opening, though weather could still intervene.", True),
    ],
)
def test_a_concession_that_nothing_is_confirmed_hedges_the_statement(summary: str, confirmed: bool) -> None:
    spec = watch_spec("Metro line opening", ["opening", "release", "launch", "listing"])
    dated = [v for k, v in read(spec, "Update", summary) if k == "date"]
    assert bool(dated) is confirmed
