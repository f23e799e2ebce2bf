"""Readings added with the thirty-first blind batch: who speaks, what is signed or takes effect, and what is only
approached. Each rule's reason lives in its comment or docstring: ``_APPROACH_RE`` (watchers/extract/signals.py);
``_DOCUMENT_BEFORE_PARTICIPLE`` in ``_signed_other_document``, ``_other_thing_in_force``, ``_SPEAKER_NOUNS`` in
``_owned_by_other`` and the object of an announcement in ``_announces_other`` (watchers/extract/observe.py)."""

from __future__ import annotations

import pytest
from test_tracking_titles import read, watch_spec

# ------------------------------------------------------------------ approaching a thing is not doing it


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        ("EU-US trade deal", ["EU"], "EU and US close in on deal with 15% tariff on European imports"),
        ("Omnicom-IPG merger", ["Interpublic"], "Omnicom closing in on Interpublic deal, sources say"),
        ("Chevron-Hess merger", ["Hess"], "Chevron closes in on Hess acquisition as arbitration nears end"),
    ],
)
def test_closing_in_on_a_deal_closes_nothing(title: str, terms: list[str], headline: str) -> None:
    found = read(watch_spec(title, terms, "agreement"), headline)
    assert ("status", "signed") not in found and ("status", "agreed") not in found


def test_closing_a_deal_closes_it() -> None:
    spec = watch_spec("Omnicom-IPG merger", ["Interpublic"], "agreement")
    assert ("status", "signed") in read(spec, "Omnicom closes Interpublic acquisition")


# ------------------------------------------------------------------ what was signed, what takes effect


@pytest.mark.parametrize(
    ("title", "terms", "headline", "summary"),
    [
        (
            "EU-US trade deal",
            ["EU"],
            "Trump sets new tariff rates, EU capped at 15%",
            "An executive order signed on Thursday sets tariffs of 10% to 41%, with EU goods at 15%.",
        ),
        (
            "Russia-Ukraine grain deal",
            ["grain"],
            "Kremlin issues grain decree",
            "A decree signed by Putin on Monday bars grain exports through the corridor.",
        ),
        (
            "EU-US trade deal",
            ["EU"],
            "New US tariffs take effect",
            "Trump's new reciprocal tariffs took effect on Thursday, with most EU goods now charged 15%.",
        ),
        (
            "UK-India trade deal",
            ["UK-India"],
            "Customs changes under way",
            "New UK-India customs rules came into force on Monday at all ports.",
        ),
    ],
)
def test_another_document_signed_or_in_force(title: str, terms: list[str], headline: str, summary: str) -> None:
    found = read(watch_spec(title, terms, "agreement"), headline, summary)
    assert ("status", "signed") not in found


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        ("UK-India trade deal", ["UK-India"], "UK-India trade deal takes effect"),
        ("Paris climate agreement", ["Paris"], "Paris agreement formally enters into force"),
        ("EU-US trade deal", ["EU"], "The EU-US deal, signed on Thursday, caps tariffs at 15%"),
    ],
)
def test_the_item_signed_or_in_force(title: str, terms: list[str], headline: str) -> None:
    assert ("status", "signed") in read(watch_spec(title, terms, "agreement"), headline)


# ------------------------------------------------------------------ speakers and announcements


@pytest.mark.parametrize(
    ("title", "terms", "headline", "summary"),
    [
        # an office or a spokesman speaks for its holder; it owns nothing it confirms
        (
            "Albanese's first meeting with Trump",
            ["Albanese"],
            "Meeting locked in",
            "The Prime Minister's office confirmed that Anthony Albanese will meet Donald Trump on June 17.",
        ),
        (
            "Modi's visit to Ukraine",
            ["Modi", "Ukraine"],
            "Visit confirmed",
            "Zelensky's spokesman confirmed that Modi will visit Ukraine on Aug. 23.",
        ),
        # the item's noun confirmed, then a conjunction
        (
            "Albanese's first meeting with Trump",
            ["Albanese"],
            "Trump meeting confirmed as Albanese prepares to fly",
            "",
        ),
    ],
)
def test_a_speaker_or_the_items_noun_confirms(title: str, terms: list[str], headline: str, summary: str) -> None:
    assert ("status", "confirmed") in read(watch_spec(title, terms), headline, summary)


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        # the traveller announces a noun phrase naming neither the trip nor a day
        (
            "Albanese's meeting with Trump at the White House",
            ["Albanese"],
            "Albanese announces Australia's recognition of Palestinian state, defying Trump",
        ),
        ("Modi's visit to the US", ["Modi"], "Modi announces a new cabinet after the election"),
    ],
)
def test_a_traveller_announcing_something_else(title: str, terms: list[str], headline: str) -> None:
    assert ("status", "confirmed") not in read(watch_spec(title, terms), headline)


def test_a_traveller_announcing_the_trip() -> None:
    spec = watch_spec("Albanese's meeting with Trump at the White House", ["Albanese"])
    assert ("status", "confirmed") in read(spec, "Albanese announces White House meeting with Trump on Oct. 20")


# ------------------------------------------------------------------ a ceremony before the users' first service


@pytest.mark.parametrize(
    ("title", "terms"),
    [
        ("Navi Mumbai airport (NMIA): first commercial passenger flights", ["Navi Mumbai"]),
        ("Western Sydney Airport first passenger flights", ["Western Sydney"]),
        ("Navi Mumbai airport passenger services begin", ["Navi Mumbai"]),
    ],
)
def test_an_inauguration_is_not_the_first_service(title: str, terms: list[str]) -> None:
    headline = f"PM inaugurates {terms[0]} International Airport"
    assert ("status", "happened") not in read(watch_spec(title, terms), headline)


def test_an_inauguration_opens_an_item_titled_by_its_opening() -> None:
    spec = watch_spec("Navi Mumbai airport opening", ["Navi Mumbai"])
    assert ("status", "happened") in read(spec, "PM inaugurates Navi Mumbai International Airport")


# ------------------------------------------------------------------ an act done at the item


@pytest.mark.parametrize(
    ("title", "terms", "headline", "summary"),
    [
        (
            "Albanese's first meeting with Trump",
            ["Albanese"],
            "Trump, Albanese clinch minerals deal at White House meeting",
            "",
        ),
        (
            "Modi's visit to Ukraine",
            ["Modi"],
            "Modi update",
            "Modi and Zelensky signed four accords during the Ukraine visit.",
        ),
        ("G20 summit in Johannesburg", ["G20"], "Leaders adopt G20 declaration at Johannesburg summit", ""),
    ],
)
def test_an_act_done_at_the_item_tells_it_took_place(title: str, terms: list[str], headline: str, summary: str) -> None:
    assert ("status", "happened") in read(watch_spec(title, terms), headline, summary)


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        # a plan, a wish, an agenda or a negation at the item
        ("Albanese's first meeting with Trump", ["Albanese"], "Albanese to raise AUKUS at White House meeting"),
        (
            "Albanese's first meeting with Trump",
            ["Albanese"],
            "Tariffs on the agenda at Albanese's White House meeting",
        ),
        ("Macron's visit to India", ["Macron"], "No Rafale-M deal during Macron visit, officials say"),
        # another trip, named by another destination
        ("Erdogan's visit to Greece", ["Erdogan"], "Erdogan, Scholz air differences during Berlin visit"),
    ],
)
def test_a_plan_or_another_trip_at_the_item_tells_nothing(title: str, terms: list[str], headline: str) -> None:
    assert ("status", "happened") not in read(watch_spec(title, terms), headline)


# ------------------------------------------------------------------ another leg; a confirmed clause about the item


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        (
            "King Charles's visit to Australia",
            ["Australia"],
            "New Zealand leg scrubbed as palace confirms King's Australia tour",
        ),
        ("Pope Leo's trip to Turkey", ["Turkey"], "Lebanon stop cancelled as Pope Leo's Turkey trip goes ahead"),
    ],
)
def test_another_leg_is_not_the_trip(title: str, terms: list[str], headline: str) -> None:
    found = read(watch_spec(title, terms), headline)
    assert ("status", "postponed") not in found and ("status", "cancelled") not in found


def test_a_confirmed_clause_with_named_subjects_about_the_item() -> None:
    spec = watch_spec("King Charles's visit to Australia", ["Australia"])
    found = read(
        spec,
        "Royal tour update",
        "Buckingham Palace has confirmed King Charles and Queen Camilla will tour Australia on Oct. 18.",
    )
    assert ("status", "confirmed") in found
