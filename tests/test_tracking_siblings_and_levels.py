"""Readings added with the twenty-second batch, each with its reason and cases from several domains.

The reasons live in the code: the item's siblings (``_sibling_pattern``, ``_sibling_before``), a meeting's venue
(``_MEETING_IN``) and the start "of" a named thing (``_OBJECT_NAME_AFTER``) in watchers/extract/observe.py; a demand
as a hedge in watchers/extract/signals.py; a level stated ("market capitalisation of", "valued at", "closes above")
in watchers/extract/numbers.py; host cities in watchers/extract/lexicon/places.yaml; a firm day after a month merely
planned (the slip inference) in watchers/tracking/engine.py.
"""

from __future__ import annotations

from datetime import date

import pytest
from test_tracking_engine import Story
from test_tracking_titles import read, watch_spec

from watchers.config import load_config_text
from watchers.extract.numbers import find_quantities
from watchers.tracking.replay import build_engine


@pytest.mark.parametrize(
    ("title", "terms", "headline", "quiet"),
    [
        # the item's name and head noun with another modifier between: a sibling
        ("Moynihan Train Hall opening", ["Moynihan"], "Moynihan Food Hall pushed back to mid-2031", True),
        ("Gotthard Base Tunnel full reopening", ["Gotthard"], "Gotthard road tunnel reopens after repairs", True),
        (
            "Elizabeth Line Central Section opening",
            ["Elizabeth"],
            "Elizabeth Line Eastern Section delayed to May",
            True,
        ),
        # the item itself, or spelled another way, is no sibling
        ("Moynihan Train Hall opening", ["Moynihan"], "Moynihan Train Hall pushed back to mid-2031", False),
        (
            "Hong Kong-Zhuhai-Macao Bridge opening",
            ["bridge"],
            "Hong Kong-Zhuhai-Macau bridge opening slips into 2032",
            False,
        ),
        ("Gotthard Base Tunnel full reopening", ["Gotthard"], "Gotthard Base Tunnel reopens fully", False),
    ],
)
def test_a_sibling_of_the_item_has_its_own_status_and_dates(
    title: str, terms: list[str], headline: str, quiet: bool
) -> None:
    readings = read(watch_spec(title, terms), headline)
    assert (readings == []) is quiet


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        # a meeting held elsewhere than the item's destination is another meeting
        ("Erdogan visit to Greece", ["Erdogan"], "Mitsotakis, Erdogan to meet in New York on Sept. 20"),
        ("Albanese visit to China", ["Albanese"], "Albanese and Li to hold talks in Jakarta on Sept. 7"),
    ],
)
def test_a_meeting_elsewhere_is_not_the_visit(title: str, terms: list[str], headline: str) -> None:
    assert [r for r in read(watch_spec(title, terms), headline) if r[0] == "date"] == []


def test_a_meeting_at_the_destination_dates_the_visit() -> None:
    readings = read(
        watch_spec("Erdogan visit to Greece", ["Erdogan"]), "Erdogan to meet Mitsotakis in Athens on Dec. 7"
    )
    assert ("date", date(2031, 12, 7)) in readings


@pytest.mark.parametrize(
    ("title", "terms", "sentence"),
    [
        # a demand is no decision
        ("Erdogan visit to Greece", ["Erdogan"], "Opposition parties demanded the government cancel Erdogan's trip."),
        ("Paris Olympics", ["Olympics"], "Athletes demand organisers postpone the Olympics."),
        # the start of a named thing is that thing's
        (
            "Moynihan Train Hall opening at Penn Station",
            ["Penn Station"],
            "The MTA pushed back the start of East Side Access service to December 2032, so riders keep using Penn "
            "Station.",
        ),
    ],
)
def test_demands_and_other_named_starts_move_nothing(title: str, terms: list[str], sentence: str) -> None:
    readings = read(watch_spec(title, terms), title.split()[0] + " update", sentence)
    assert not any(k == "status" and v in ("cancelled", "postponed") for k, v in readings)
    assert not any(k == "date" for k, _ in readings)


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Nvidia closes above $2 trillion in market value for first time", 2e12),
        ("Shares rose 4% to $822.79, giving the company a market capitalisation of $2.06 trillion.", 2.06e12),
        ("Shares rose 3.5%, lifting its market capitalisation to $3.335 trillion.", 3.335e12),
        ("The start-up was valued at $157 billion in its latest round.", 157e9),
    ],
)
def test_a_level_stated_is_the_running_figure(sentence: str, value: float) -> None:
    totals = [q.value for q in find_quantities(sentence) if q.role == "total"]
    assert totals == [pytest.approx(value)]


PLANNED_MONTH = """
watches:
  - id: visit
    title: Erdogan visit to Greece
    kind: event
    match: {any: [Erdogan]}
    baseline: {status: planned, expected: 2031-09, as_of: 2031-07-12}
"""


def test_a_firm_day_after_a_month_merely_planned_confirms_it() -> None:
    # "this fall", kept as its first month: the day set in December is the schedule, not a slip
    story = Story(build_engine(load_config_text(PLANNED_MONTH)))
    alerts = story.read("2031-09-20T20:00", "Erdogan visit to Greece set for December 7 in Thessaloniki")
    assert [(a.kind, a.new) for a in alerts] == [("status", "confirmed")]
    assert story.states["visit"].expected is not None and story.states["visit"].expected.start == date(2031, 12, 7)


def test_a_coarser_window_after_a_month_planned_is_still_a_slip() -> None:
    story = Story(build_engine(load_config_text(PLANNED_MONTH)))
    alerts = story.read("2031-08-20T20:00", "Erdogan visit to Greece slips into 2032")
    assert ("status", "postponed") in [(a.kind, a.new) for a in alerts]


@pytest.mark.parametrize(
    ("sentence", "roles"),
    [
        # a semicolon starts a clause whose figure no cue before it governs; what is needed names a goal
        (
            "Doses donated by the EU arrived Thursday; authorities say 3 million are needed in Congo alone.",
            ["target"],
        ),
        ("Airbus delivered 60 jets in May; 720 are required to meet the goal.", ["total", "target"]),
        # the count's own object may follow it: "taking the total delivered to African countries to 210,100"
        ("More doses arrived, taking the total delivered to African countries to 210,100.", ["total"]),
    ],
)
def test_a_semicolon_a_need_and_a_counts_object(sentence: str, roles: list[str]) -> None:
    assert [q.role for q in find_quantities(sentence)] == roles


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        # a time clause whose subject is a name's possessive is still to come
        (
            "Blue Ghost Moon landing",
            ["Blue Ghost"],
            "SpaceX launches a second lander, days before Firefly's Blue Ghost touches down",
        ),
        ("Starship first flight", ["Starship"], "FAA review ends weeks before SpaceX's Starship lifts off"),
    ],
)
def test_a_time_clause_with_a_possessive_subject_is_to_come(title: str, terms: list[str], headline: str) -> None:
    assert ("status", "happened") not in read(watch_spec(title, terms), headline)


MONTH_KNOWN = """
watches:
  - id: landing
    title: Blue Ghost Moon landing
    kind: event
    match: {any: [Blue Ghost]}
    baseline: {status: planned, expected: 2031-03, as_of: 2031-01-15}
"""


def test_a_part_of_the_known_month_restates_it_and_a_day_in_it_is_news() -> None:
    story = Story(build_engine(load_config_text(MONTH_KNOWN)))
    assert story.read("2031-02-10T20:00", "Blue Ghost leaves Earth orbit, landing still planned for early March") == []
    (alert,) = story.read("2031-02-13T22:00", "Firefly sets March 2 landing for Blue Ghost")
    assert alert.kind == "status" and story.states["landing"].expected is not None
    assert story.states["landing"].expected.start == date(2031, 3, 2)


@pytest.mark.parametrize(
    ("title", "headline", "summary", "value"),
    [
        # the pace the title names is the item's measure
        ("ChatGPT weekly active users", "ChatGPT's weekly users double to more than 200 million, OpenAI says", "", 2e8),
        ("Netflix monthly active users", "Netflix's monthly users climb to 300 million", "", 3e8),
        (
            "ChatGPT weekly active users",
            "ChatGPT update",
            "Altman said ChatGPT now has 800 million weekly active users.",
            8e8,
        ),
    ],
)
def test_a_figure_at_the_titles_pace_is_the_running_figure(
    title: str, headline: str, summary: str, value: float
) -> None:
    values = [v for k, v in read(watch_spec(title, [title.split()[0]], "metric"), headline, summary) if k == "value"]
    assert values == [pytest.approx(value)]


@pytest.mark.parametrize(
    ("title", "headline", "summary"),
    [
        # another pace than the title's, an estimate, or a figure "said to" be reached is not the count
        ("ChatGPT weekly active users", "ChatGPT usage", "Users send more than 1 billion messages a day, OpenAI said."),
        (
            "ChatGPT weekly active users",
            "ChatGPT usage",
            "Estimates of 800 million to 1 billion users are extrapolation.",
        ),
        ("Bluesky users", "Bluesky users said to near 40 million", ""),
    ],
)
def test_other_paces_estimates_and_hearsay_are_not_the_count(title: str, headline: str, summary: str) -> None:
    values = [v for k, v in read(watch_spec(title, [title.split()[0]], "metric"), headline, summary) if k == "value"]
    assert values == []


@pytest.mark.parametrize(
    ("title", "terms", "headline", "status"),
    [
        # a watch titled by a success: a lift-off is not yet it, a failure puts it off, success told is it
        ("H3 rocket: first successful launch", ["H3"], "Japan's H3 rocket lifts off on second attempt", None),
        (
            "H3 rocket: first successful launch",
            ["H3"],
            "JAXA destroys H3 rocket after second stage fails to ignite",
            "postponed",
        ),
        (
            "H3 rocket: first successful launch",
            ["H3"],
            "H3 reaches orbit on second flight as JAXA declares success",
            "happened",
        ),
        ("SLIM successful Moon landing", ["SLIM"], "SLIM lander lost contact moments before touchdown", "postponed"),
        (
            "Starship first successful flight test",
            ["Starship"],
            "Starship successfully splashed down in the Indian Ocean",
            "happened",
        ),
        # a watch not titled by a success: the lift-off is the launch
        ("H3 rocket first launch", ["H3"], "Japan's H3 rocket lifts off on second attempt", "happened"),
    ],
)
def test_a_watch_titled_by_a_success_needs_success_told(
    title: str, terms: list[str], headline: str, status: str | None
) -> None:
    statuses = [v for k, v in read(watch_spec(title, terms), headline) if k == "status"]
    assert statuses == ([status] if status else [])


@pytest.mark.parametrize(
    ("title", "terms", "headline", "quiet"),
    [
        # a place as the travel verb's object is another destination
        (
            "Modi visit to Ukraine",
            ["Modi"],
            "PM Modi set to visit Poland next week, first by an Indian PM in 45 years",
            True,
        ),
        ("Pope visit to Mongolia", ["Pope"], "Pope to visit Portugal on Aug. 2 for youth festival", True),
        # a company or a plant visited is a stop of the trip, not another destination
        (
            "Kishida state visit to the US",
            ["Kishida"],
            "Kishida touches down in North Carolina, tours Toyota battery plant",
            False,
        ),
        ("Modi visit to Ukraine", ["Modi"], "PM Modi to visit Ukraine on Aug. 23", False),
    ],
)
def test_a_place_visited_is_a_destination(title: str, terms: list[str], headline: str, quiet: bool) -> None:
    readings = [r for r in read(watch_spec(title, terms), headline) if r[0] in ("status", "date")]
    assert (readings == []) is quiet


@pytest.mark.parametrize(
    ("title", "term", "sentence", "counted"),
    [
        # several parties' count together is not one party's
        (
            "Moderna doses delivered",
            "Moderna",
            "Pfizer and Moderna, the two companies, together have shipped roughly 80 million doses.",
            False,
        ),
        (
            "Boeing deliveries",
            "Boeing",
            "Boeing and Airbus, both hit by strikes, delivered 1,500 jets combined.",
            False,
        ),
        # the item's own parts summed are its total
        ("Tesla deliveries", "Tesla", "Tesla's factories together delivered 1.8 million cars this year.", True),
        # people reached are not the things counted
        (
            "Malaria vaccine doses delivered",
            "vaccine",
            "The vaccine has protected more than 2 million children.",
            False,
        ),
    ],
)
def test_combined_counts_and_people_reached(title: str, term: str, sentence: str, counted: bool) -> None:
    values = [v for k, v in read(watch_spec(title, [term], "metric"), title, sentence) if k == "value"]
    assert bool(values) is counted


def test_demand_as_a_noun_hedges_nothing() -> None:
    spec = watch_spec("Paris 2024 ticket sales", ["Paris 2024"], "metric")
    assert read(spec, "Strong demand: Paris 2024 has sold 9.7 million tickets") == [("value", 9_700_000.0)]
