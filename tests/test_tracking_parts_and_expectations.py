"""Readings added with the twentieth blind batch, each with its reason and cases from several domains.

The reasons live in the code: a headline figure below the running total beside a summary total above it (the
"headline tells a part" branch of ``_value_candidates``) in watchers/tracking/engine.py; a year's possessive
(``_YEAR_OWNS_FIGURE``) and the plural traffic subject (``_EVENT_NOUN_BEFORE``'s ``many``) and the carrier of an
approved flight (``_CARRIER``) in watchers/extract/observe.py; a compared title year (``_own_years``) in
watchers/tracking/watch.py; the month "May" that is no modal in watchers/extract/numbers.py; an expectation in the
past perfect (``_PAST_EXPECTATION_BEFORE``) in watchers/extract/dates.py.
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
from watchers.tracking.watch import _own_years

RUNNING = """
watches:
  - id: total
    title: {title}
    kind: metric
    match: {{any: [{term}]}}
    metric: {{unit: count}}
    target: {{value: {target}}}
    baseline: {{value: {value}, as_of: 2031-03-01}}
"""


@pytest.mark.parametrize(
    ("title", "term", "value", "target", "headline", "summary", "total"),
    [
        (
            "Japan foreign visitor arrivals this year",
            "visitors",
            5_476_100,
            31_900_000,
            "Foreign visitors to Japan top 3 million in a month for 1st time",
            "Japan received 3,081,600 foreign visitors in March, lifting the January-March total to 8,557,700.",
            8_557_700,
        ),
        (
            "Vande Bharat trains in service",
            "Vande Bharat",
            40,
            75,
            "Four Vande Bharat trains flagged off in one day",
            "The four new services bring the fleet to 44, Indian Railways said.",
            44,
        ),
        (
            "Heat pumps installed this year",
            "heat pumps",
            120_000,
            500_000,
            "Heat pump installs hit 25,000 in April",
            "Installers fitted 25,000 heat pumps in April, taking the year's tally to 145,000.",
            145_000,
        ),
    ],
)
def test_a_headline_figure_below_the_running_total_beside_a_summary_total_is_a_part(
    title: str, term: str, value: int, target: int, headline: str, summary: str, total: int
) -> None:
    config = RUNNING.format(title=title, term=term, value=value, target=target)
    story = Story(build_engine(load_config_text(config)))
    (alert,) = story.read("2031-04-17T07:00", headline, summary)
    assert (alert.kind, alert.new) == ("value", total)


@pytest.mark.parametrize(
    ("title", "sentence"),
    [
        ("Japan visitor arrivals", "Data is expected to show visitors have already exceeded 2019's 31.88 million."),
        ("Threads sign-ups", "Sign-ups are closing in on 2029's record 120 million for a new app."),
        ("EV sales", "Sales have passed 2030's total of 1.81 million cars."),
    ],
)
def test_a_figure_a_past_year_owns_is_that_years(title: str, sentence: str) -> None:
    values = [v for k, v in read(watch_spec(title, [title.split()[0]], "metric"), title, sentence) if k == "value"]
    assert values == []


@pytest.mark.parametrize(
    ("title", "years"),
    [
        ("Japan 2024 foreign visitor arrivals vs 2019 record", (2024,)),
        ("BYD 2023 sales compared with 2022", (2023,)),
        ("FY2023 deliveries", (2023,)),
        ("Tesla 2023 deliveries", (2023,)),
        ("Exports in 2031 against 2030", (2031,)),
    ],
)
def test_a_year_after_a_comparison_word_is_not_the_titles(title: str, years: tuple[int, ...]) -> None:
    assert _own_years(title) == years


@pytest.mark.parametrize(
    ("sentence", "roles"),
    [
        # the month "May" in a span or after "in" is no modal
        ("Japan drew 3,040,000 visitors in May, bringing January-May arrivals to 14,641,600.", ["increment", "total"]),
        ("Sales for Jan-May rose to 1.2 million.", ["total"]),
        # the modal still makes a figure not yet reached
        ("Officials say arrivals may top 35 million.", ["total"]),
    ],
)
def test_the_month_may_is_not_a_modal(sentence: str, roles: list[str]) -> None:
    assert [q.role for q in find_quantities(sentence)] == roles


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        # a charge, budget or plan "for" the item is approved, not the item
        ("Silvertown Tunnel opening", ["Silvertown"], "TfL board green-lights £4 peak charge for Silvertown tunnel"),
        ("Sydney Metro opening", ["Sydney Metro"], "Council green-lights $40m budget for Sydney Metro stations"),
        # many flights, services or classes scrubbed are the traffic around the item
        ("Macron state visit to the UK", ["Macron"], "Macron slams strike as flights are scrubbed across Europe"),
        ("Pope visit to Mongolia", ["Pope"], "Pope's plane lands as rail services are cancelled by snow"),
    ],
)
def test_an_approval_or_cancellation_of_something_else_is_not_the_items(
    title: str, terms: list[str], headline: str
) -> None:
    statuses = [r for r in read(watch_spec(title, terms), headline) if r[0] == "status"]
    assert ("status", "confirmed") not in statuses and ("status", "postponed") not in statuses
    assert ("status", "cancelled") not in statuses


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        # the flight that carries the item is approved, and its launch with it
        ("JUICE launch", ["Juice"], "Launch readiness review green-lights Ariane 5 flight VA260 with Juice"),
        ("Artemis I launch", ["Artemis"], "Space Force green-lights NASA's Sept. 27 Artemis I launch attempt"),
    ],
)
def test_an_approval_of_the_items_flight_confirms_it(title: str, terms: list[str], headline: str) -> None:
    assert ("status", "confirmed") in read(watch_spec(title, terms), headline)


@pytest.mark.parametrize(
    ("sentence", "published", "start"),
    [
        # an expectation in the past perfect: the period nearest the day of writing, most often just gone by
        (
            "The merger, which the companies had expected to complete by the end of June, still awaits the FCC.",
            date(2025, 7, 3),
            date(2025, 6, 21),
        ),
        ("The line had been slated to open in March, but testing overran.", date(2025, 4, 20), date(2025, 3, 1)),
        ("Airbus had planned to deliver the jet in December.", date(2025, 11, 20), date(2025, 12, 1)),
        # the present expectation points ahead
        ("The companies expect to complete the deal by the end of June.", date(2025, 7, 3), date(2026, 6, 21)),
    ],
)
def test_a_past_perfect_expectation_names_the_nearest_period(sentence: str, published: date, start: date) -> None:
    assert [d.start for d in find_dates(sentence, published)] == [start]


@pytest.mark.parametrize(
    ("title", "sentence"),
    [
        # a claim told and then called false
        (
            "ChatGPT weekly users",
            "OpenAI said reports that ChatGPT has reached a billion weekly users are not accurate.",
        ),
        ("Airbus deliveries", "Airbus said claims that it had delivered 800 jets were wrong."),
        ("Threads sign-ups", "Meta said rumours that Threads sign-ups topped 200 million are baseless."),
    ],
)
def test_a_figure_in_a_claim_called_false_is_denied(title: str, sentence: str) -> None:
    values = [v for k, v in read(watch_spec(title, [title.split()[0]], "metric"), title, sentence) if k == "value"]
    assert values == []


@pytest.mark.parametrize(
    ("sentence", "roles"),
    [
        # a figure measured "against" another is the yardstick
        (
            "Around 4.33 million doses have been delivered so far against the 18 million allocated.",
            ["total", "other"],
        ),
        ("Airbus delivered 735 jets against a goal of 720.", ["total", "target"]),
        ("Pledges reached $9.7 billion against $16.3 billion sought.", ["total", "other"]),
    ],
)
def test_a_figure_after_against_is_the_yardstick(sentence: str, roles: list[str]) -> None:
    assert [q.role for q in find_quantities(sentence)] == roles


@pytest.mark.parametrize(
    ("title", "terms", "headline", "summary"),
    [
        # a delay coordinated with another noun after "of" is the item's history
        (
            "Grand Egyptian Museum opening",
            ["Grand Egyptian Museum"],
            "Leaders gather for Grand Egyptian Museum opening",
            "The Grand Egyptian Museum opens tonight after two decades of construction and delays.",
        ),
        (
            "Berlin airport opening",
            ["Berlin airport"],
            "Berlin airport finally opens",
            "The Berlin airport opened after nine years of mismanagement and postponements.",
        ),
        # the noun as the subject of what it cost
        (
            "Tokyo Olympics opening",
            ["Tokyo 2020"],
            "Tokyo 2020 budget tops 1.6 trillion yen as delay adds 294 billion yen",
            "",
        ),
        ("Hinkley Point C first power", ["Hinkley"], "Hinkley delays cost EDF £3bn more", ""),
    ],
)
def test_a_delay_told_as_history_or_cost_is_no_postponement(
    title: str, terms: list[str], headline: str, summary: str
) -> None:
    assert ("status", "postponed") not in read(watch_spec(title, terms), headline, summary)


@pytest.mark.parametrize(
    "headline",
    ["SpaceX delays Starship launch to April", "Organisers delay Games by a year", "Boeing delays 777X again"],
)
def test_delay_as_a_verb_still_postpones(headline: str) -> None:
    spec = watch_spec("Starship launch" if "Starship" in headline else "the Games", ["Starship", "Games", "777X"])
    assert ("status", "postponed") in read(spec, headline)
