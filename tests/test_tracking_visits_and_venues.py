"""Readings added with the twenty-fourth blind batch, each with its reason and cases from several domains.

The reasons live in the code: "un-" adjectives in -ed are no past tense (watchers/extract/tense.py); "Here's why"
after a headline's first sentence explains (``_EXPLAINING_HEADLINE``), a venue after "in"/"at" before a date
(``_PREP_BEFORE_NAME``) and another kind of visit (``_VISIT_KINDS``) in watchers/extract/observe.py; a visit as the
subject of "begins" in watchers/extract/lexicon/status.yaml.
"""

from __future__ import annotations

from datetime import date

import pytest
from test_tracking_titles import read, watch_spec

from watchers.extract.dates import find_dates


@pytest.mark.parametrize(
    ("sentence", "published", "start"),
    [
        # an adjective in "un-...-ed" says nothing of tense: the day ahead stays ahead
        ("Trump to make unprecedented second state visit to UK Sept. 17-19", date(2025, 7, 14), date(2025, 9, 17)),
        ("Apple plans unexpected product event on Oct. 30", date(2025, 10, 2), date(2025, 10, 30)),
        ("Unannounced summit expected on March 3", date(2026, 2, 10), date(2026, 3, 3)),
    ],
)
def test_un_adjectives_are_no_past_tense(sentence: str, published: date, start: date) -> None:
    assert [d.start for d in find_dates(sentence, published)][:1] == [start]


@pytest.mark.parametrize(
    ("title", "terms", "kind", "headline"),
    [
        # a headline whose second sentence explains is an explainer
        (
            "Salesforce Informatica acquisition closing",
            ["Informatica"],
            "agreement",
            "Salesforce walked away from Informatica in 2024. Here's why it came back",
        ),
        (
            "Berlin airport opening",
            ["Berlin airport"],
            "event",
            "Berlin airport delayed again. Here's how it went wrong",
        ),
        ("Starliner crew flight test", ["Starliner"], "event", "Here's why Starliner's launch was scrubbed"),
    ],
)
def test_heres_why_explains(title: str, terms: list[str], kind: str, headline: str) -> None:
    assert read(watch_spec(title, terms, kind), headline) == []


@pytest.mark.parametrize(
    ("title", "terms", "kind", "headline", "day"),
    [
        # a venue after "in" or "at" leaves the date to the act
        (
            "EU-Mercosur signing",
            ["Mercosur"],
            "agreement",
            "Von der Leyen to sign Mercosur deal in Asunción on Jan. 17",
            date(2032, 1, 17),
        ),
        ("Modi visit to Ukraine", ["Modi"], "event", "Modi to hold talks in Kyiv on Aug. 23", date(2031, 8, 23)),
    ],
)
def test_a_venue_before_a_date_leaves_it_to_the_act(
    title: str, terms: list[str], kind: str, headline: str, day: date
) -> None:
    assert ("date", day) in read(watch_spec(title, terms, kind), headline)


def test_a_venue_in_another_country_keeps_the_date_there() -> None:
    spec = watch_spec("Putin visit to North Korea", ["Putin"])
    readings = read(spec, "Putin trip update", "Putin is due in Beijing on May 16-17 for his first foreign trip.")
    assert [r for r in readings if r[0] == "date"] == []


@pytest.mark.parametrize(
    ("title", "terms", "headline", "status"),
    [
        # a visit that begins has happened
        ("Trump state visit to the UK", ["Trump"], "King welcomes Trump to Windsor as state visit begins", "happened"),
        (
            "Pope visit to Mongolia",
            ["Pope"],
            "Pope's Mongolia trip gets under way with Ulaanbaatar welcome",
            "happened",
        ),
        # another kind of visit than the title's is another trip
        (
            "Trump state visit to the UK",
            ["Trump"],
            "Trump lands in Scotland for private visit to his golf resorts",
            None,
        ),
        ("Macron state visit to Germany", ["Macron"], "Macron arrives in Berlin for a working visit on Ukraine", None),
        # the title's kind named too keeps it the item's
        (
            "Macron state visit to Germany",
            ["Macron"],
            "Macron arrives in Berlin for state visit, first in 24 years",
            "happened",
        ),
    ],
)
def test_a_visit_begun_and_another_kind_of_visit(
    title: str, terms: list[str], headline: str, status: str | None
) -> None:
    statuses = [v for k, v in read(watch_spec(title, terms), headline) if k == "status"]
    assert statuses == ([status] if status else [])


DEAL_DUE_IN_JANUARY = """
watches:
  - id: deal
    title: EU-Mercosur signing
    kind: agreement
    match: {any: [Mercosur]}
    baseline: {status: agreed, due: 2031-12-20, as_of: 2031-12-05}
"""


def test_a_day_inside_an_agreements_coarser_window_makes_it_precise() -> None:
    from test_tracking_engine import Story

    from watchers.config import load_config_text
    from watchers.tracking.replay import build_engine

    story = Story(build_engine(load_config_text(DEAL_DUE_IN_JANUARY)))
    moved = story.read("2031-12-18T10:00", "EU pushes back Mercosur deal signing to January")
    assert [a.kind for a in moved] == ["date"]
    alerts = story.read("2032-01-09T17:30", "Von der Leyen to sign Mercosur deal in Asunción on Jan. 17")
    assert [(a.kind, a.new) for a in alerts] == [("date", "2032-01-17")]


@pytest.mark.parametrize(
    ("title", "terms", "headline", "quiet"),
    [
        # a move without an object moves its subject: another named thing
        (
            "Hollow Knight: Silksong release",
            ["Silksong"],
            "Baby Steps pushed back to Sept. 23 to get out of Silksong's way",
            True,
        ),
        ("GTA 6 release", ["GTA 6"], "Borderlands 4 delayed again as GTA 6 looms", True),
        # the item as the subject, or an agent with the item as the object, is the item's move
        ("Hollow Knight: Silksong release", ["Silksong"], "Silksong pushed back to Sept. 23", False),
        ("Ax-4 launch", ["Ax-4"], "SpaceX stands down from Ax-4 launch to repair a leak", False),
    ],
)
def test_a_move_without_an_object_moves_its_subject(title: str, terms: list[str], headline: str, quiet: bool) -> None:
    readings = [r for r in read(watch_spec(title, terms), headline) if r[0] in ("status", "date")]
    assert (readings == []) is quiet


@pytest.mark.parametrize(
    ("headline", "signed"),
    [
        # the signing approved is still to come
        ("Council green-lights signature of EU-New Zealand free trade agreement", False),
        ("Cabinet approves signing of EU-New Zealand trade deal", False),
        ("Ministers authorise signing of the EU-New Zealand agreement", False),
        # the signing itself
        ("EU, New Zealand sign free trade deal in Brussels", True),
    ],
)
def test_an_approved_signature_is_still_to_come(headline: str, signed: bool) -> None:
    spec = watch_spec("EU-New Zealand trade deal signed", ["New Zealand"], "agreement")
    assert (("status", "signed") in read(spec, headline)) is signed


@pytest.mark.parametrize(
    "sentence",
    [
        "The East Harlem extension slips to the late 2020s.",
        "Officials now expect the line in the early 2030s.",
        "Deliveries are planned for the 2030s.",
    ],
)
def test_a_decade_is_not_its_first_year(sentence: str) -> None:
    assert [d for d in find_dates(sentence, date(2016, 12, 5)) if d.precision in ("year", "year_part")] == []


HAPPENED_THEN_MILESTONE = """
watches:
  - id: launch
    title: Europa Clipper launch
    kind: event
    match: {any: [Europa Clipper]}
    baseline: {status: confirmed, expected: 2031-10-14, as_of: 2031-10-01}
"""


def test_a_later_date_in_the_story_of_the_happening_is_another_milestone() -> None:
    from test_tracking_engine import Story

    from watchers.config import load_config_text
    from watchers.tracking.replay import build_engine

    story = Story(build_engine(load_config_text(HAPPENED_THEN_MILESTONE)))
    alerts = story.read(
        "2031-10-14T17:30",
        "SpaceX launches Europa Clipper",
        "Europa Clipper blasted off on Monday; it is due to arrive at Jupiter in 2037.",
    )
    assert [(a.kind, a.new) for a in alerts] == [("status", "happened")]
    assert story.states["launch"].expected is not None
    assert story.states["launch"].expected.start == date(2031, 10, 14)


@pytest.mark.parametrize(
    ("title", "terms", "headline", "collapsed"),
    [
        # a party leaving something else than the deal leaves it standing
        (
            "Gaza ceasefire deal",
            ["ceasefire"],
            "Ben-Gvir's party walks away from Netanyahu government over Gaza ceasefire",
            False,
        ),
        ("Iran nuclear deal", ["nuclear deal"], "Minister pulls out of the coalition over the nuclear deal", False),
        # leaving the deal or the talks is the collapse
        ("Iran nuclear deal", ["nuclear deal"], "Iran walks away from the nuclear deal", True),
        ("Australia-EU trade deal", ["Australia"], "Australia walks away from EU trade talks", True),
    ],
)
def test_what_a_walk_out_leaves(title: str, terms: list[str], headline: str, collapsed: bool) -> None:
    spec = watch_spec(title, terms, "agreement")
    assert (("status", "collapsed") in read(spec, headline)) is collapsed


def test_a_past_verb_beginning_with_un_keeps_its_tense() -> None:
    # "unveiled" is a past verb, not a negated adjective: its Monday is the one gone by
    assert [d.start for d in find_dates("Apple unveiled the headset on Monday.", date(2025, 7, 16))] == [
        date(2025, 7, 14)
    ]
