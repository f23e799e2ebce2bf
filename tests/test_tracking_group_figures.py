"""Readings of figures told beside a larger group's or another period's, added with the thirtieth blind batch. Each
rule's reason lives in its docstring in watchers/extract/observe.py (``_item_named_figures``, ``_part_of_head``,
``_foreign_subject``, ``_SINCE_SCOPE``, ``_LATER_QUARTER``); these tables show each on several domains, with the
cases it must leave alone."""

from __future__ import annotations

import pytest
from test_tracking_titles import read, watch_spec

# ------------------------------------------------------------------ the item counted by its numbered name


@pytest.mark.parametrize(
    ("title", "terms", "headline", "summary", "value"),
    [
        # a product line's share of the company's total: the figure in the item's name is the item's
        (
            "Boeing 737 deliveries in 2031",
            ["737"],
            "Boeing tops Airbus in first-quarter deliveries",
            "Boeing delivered 130 jets in the first quarter, including 113 737s, ahead of Airbus.",
            113,
        ),
        (
            "Airbus A350 deliveries in 2031",
            ["A350"],
            "Airbus deliveries rise in first half",
            "Airbus handed over 316 aircraft in the first half, of which 29 were A350s.",
            29,
        ),
        # the item's numbered name before its measure, then "to" the figure
        (
            "Boeing 737 deliveries in 2031",
            ["737"],
            "Boeing deliveries slow",
            "Boeing delivered 35 planes, lifting 737 handovers for the year to 271.",
            271,
        ),
        (
            "PlayStation 6 sales",
            ["PlayStation 6"],
            "Sony console sales climb",
            "Sony said PlayStation 6 sales rose to 12 million units.",
            12_000_000,
        ),
    ],
)
def test_the_item_counted_by_its_numbered_name(
    title: str, terms: list[str], headline: str, summary: str, value: float
) -> None:
    assert [v for k, v in read(watch_spec(title, terms, "metric"), headline, summary) if k == "value"] == [value]


@pytest.mark.parametrize(
    ("title", "terms", "summary"),
    [
        # a part inherits its whole's period: July's 33 is not the year's total
        ("Boeing 737 deliveries in 2031", ["737"], "Boeing delivered 43 airplanes in July, including 33 737s."),
        ("Airbus A320 deliveries in 2031", ["A320"], "Airbus handed over 60 jets in March, led by 41 A320s."),
        # a goal named with the item is no count
        ("Switch 3 sales", ["Switch 3"], "Nintendo lifts its Switch 3 forecast to 19 million."),
    ],
)
def test_a_named_part_or_goal_is_not_the_total(title: str, terms: list[str], summary: str) -> None:
    spec = watch_spec(title, terms, "metric")
    assert [v for k, v in read(spec, "Deliveries update", summary) if k == "value"] == []


# ------------------------------------------------------------------ a later quarter is a period, like a month


@pytest.mark.parametrize(
    ("title", "terms", "headline", "summary", "values"),
    [
        ("Boeing 737 deliveries in 2031", ["737"], "Boeing second-quarter 737 deliveries rise to 136", "", []),
        ("BYD 2031 sales", ["BYD"], "BYD third-quarter sales hit 1.1 million", "", []),
        ("Airbus 2031 deliveries", ["Airbus"], "Airbus Q4 deliveries climb to 300", "", []),
        # the first quarter is also the year to date
        ("Airbus 2031 deliveries", ["Airbus"], "Airbus first-quarter deliveries rise to 142", "", [142]),
        # and a running total after a later quarter's figure is still read
        (
            "BYD 2031 sales",
            ["BYD"],
            "BYD sales update",
            "BYD sold 1.1 million cars in the third quarter, bringing sales for the year to 2.9 million.",
            [2_900_000],
        ),
    ],
)
def test_a_later_quarter_is_a_period(
    title: str, terms: list[str], headline: str, summary: str, values: list[float]
) -> None:
    assert [v for k, v in read(watch_spec(title, terms, "metric"), headline, summary) if k == "value"] == values


# ------------------------------------------------------------------ a summary sentence about another party


@pytest.mark.parametrize(
    ("title", "terms", "headline", "summary", "values"),
    [
        # a rival's figure in its own sentence
        (
            "Boeing 2031 deliveries",
            ["Boeing"],
            "Boeing deliveries reach 216",
            "Airbus handed over 316 aircraft in the first six months.",
            [216],
        ),
        (
            "China soybean purchases 2031",
            ["soybean"],
            "China soybean purchases reach 2 million",
            "Brazil has shipped 60 million tons to all buyers this season.",
            [2_000_000],
        ),
        (
            "Netflix subscribers",
            ["Netflix"],
            "Netflix passes 300 million subscribers",
            "Disney+ reported 150 million subscribers last quarter.",
            [300_000_000],
        ),
        # collective subjects and the item's own names are no other party
        (
            "EU shells for Ukraine",
            ["shells"],
            "EU shell deliveries to Ukraine rise",
            "Member states have delivered 330,000 shells so far.",
            [330_000],
        ),
        (
            "Boeing 2031 deliveries",
            ["Boeing"],
            "Boeing deliveries update",
            "Boeing has handed over 216 jets this year.",
            [216],
        ),
    ],
)
def test_a_sentence_about_another_party(
    title: str, terms: list[str], headline: str, summary: str, values: list[float]
) -> None:
    assert [v for k, v in read(watch_spec(title, terms, "metric"), headline, summary) if k == "value"] == values


# ------------------------------------------------------------------ a count since an earlier start


@pytest.mark.parametrize(
    ("title", "terms", "headline", "values"),
    [
        # on a watch of one year's count, a count since the item's start or an earlier year spans more
        (
            "Czech initiative rounds delivered in 2031",
            ["initiative"],
            "Czech initiative tops 4.4 million rounds since launch",
            [],
        ),
        ("BYD 2031 sales", ["BYD"], "BYD has sold 12 million cars since its founding", []),
        ("Airbus 2031 deliveries", ["Airbus"], "Airbus has delivered 900 jets since 2030", []),
        # the start of the titled year is the year's own
        (
            "Drones for Ukraine in 2031",
            ["drones"],
            "Over 1.3 million drones delivered since the beginning of the year",
            [1_300_000],
        ),
        ("Airbus 2031 deliveries", ["Airbus"], "Airbus has delivered 420 jets since the start of 2031", [420]),
    ],
)
def test_a_count_since_an_earlier_start(title: str, terms: list[str], headline: str, values: list[float]) -> None:
    assert [v for k, v in read(watch_spec(title, terms, "metric"), headline) if k == "value"] == values


# ------------------------------------------------------------------ a count carried to a level, and above the plan


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        # a bare plural after the carrying verb: the carried count is the running total, not the round's
        (
            "A total of 100,164 tons sold in the third round, bringing sales across three auctions to 312,296 tons.",
            312_296,
        ),
        ("It delivered 40 jets in May, bringing deliveries for the year to 250.", 250),
        ("Donors sent 2 million doses, taking doses delivered in Africa to 9 million.", 9_000_000),
    ],
)
def test_a_count_carried_to_a_level_is_the_running_total(sentence: str, value: float) -> None:
    from watchers.extract.numbers import find_quantities

    totals = [q.value for q in find_quantities(sentence) if q.role == "total" and q.cue and "to" in q.cue.split()]
    assert totals == [value]


def test_a_figure_set_above_the_plan_needs_no_second_outlet() -> None:
    from test_tracking_engine import Story, engine

    story = Story(engine())
    # a leap to the target from one outlet is held ...
    assert (
        story.read("2025-12-05T09:00", "China soybean buying", "China has bought 12.1 million tons of US soybeans.")
        == []
    )
    # ... unless the story sets it above the plan it is measured against
    (target,) = story.read(
        "2025-12-06T09:00",
        "China soybean buying",
        "China has bought 12.2 million tons of US soybeans, above the 12 million tons promised.",
    )
    assert (target.kind, target.new) == ("target", 12_200_000.0)


# ------------------------------------------------------------------ an estimate is not a count


@pytest.mark.parametrize(
    ("title", "terms", "headline", "summary"),
    [
        ("Spain 2031 foreign tourists", ["tourists"], "Spain estimates record 94 million foreign tourists in 2031", ""),
        (
            "Spain 2031 foreign tourists",
            ["tourists"],
            "Spain tourism update",
            "Spain received around 94 million tourists, according to a Turespana projection presented by the minister.",
        ),
        ("Airbus 2031 deliveries", ["Airbus"], "Analysts forecast about 800 deliveries for Airbus", ""),
    ],
)
def test_an_estimate_is_not_a_count(title: str, terms: list[str], headline: str, summary: str) -> None:
    assert [v for k, v in read(watch_spec(title, terms, "metric"), headline, summary) if k == "value"] == []


def test_a_count_beside_a_past_estimate_is_read() -> None:
    spec = watch_spec("Spain 2031 foreign tourists", ["tourists"], "metric")
    found = read(spec, "Spain tourism record", "Spain received 93.8 million tourists in 2031, INE said.")
    assert [v for k, v in found if k == "value"] == [93_800_000]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        # a plural subject's level ("stand at") and money counts carried to a level
        ("Commerce's finalized grants now stand at roughly $8.2 billion.", 8_200_000_000),
        ("Donors lifted the grants for Gaza to $2 billion.", 2_000_000_000),
        ("The bank's new loans stand at $40 million.", 40_000_000),
    ],
)
def test_money_counts_at_a_level(sentence: str, value: float) -> None:
    from watchers.extract.numbers import find_quantities

    assert [q.value for q in find_quantities(sentence) if q.role == "total"] == [value]
