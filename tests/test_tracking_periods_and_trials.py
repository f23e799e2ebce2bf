"""Readings added with the seventeenth blind batch, each with its reason and cases from several domains.

The reasons live in the code: ``_one_month_figure`` and the "last year" scope of ``_other_period``, the month span
("Jan-Nov") in ``_other_entity_clause``, ``_DATED_REPORT``, ``_TRIAL_HAPPENING``, ``_MOVE_VERB_BEFORE`` (a "from"
date is superseded only after a verb that moves it) and ``_MEETING_OBJECT_AFTER`` in watchers/extract/observe.py;
the pace adjectives and a goal passed "at" a figure in watchers/extract/numbers.py; one moment in two time zones
(``_SAME_MOMENT_BETWEEN``) in watchers/extract/dates.py; "sets <item> for <day>" in lexicon/status.yaml.
"""

from __future__ import annotations

from datetime import date

import pytest
from test_tracking_titles import PUBLISHED, read, watch_spec

from watchers.extract.dates import find_dates
from watchers.extract.numbers import find_quantities
from watchers.extract.observe import extract_observations


def values(title: str, sentence: str) -> list[float]:
    return [
        v for k, v in read(watch_spec(title, ["BYD", "Airbus", "Tesla", "Maruti"], "metric"), sentence) if k == "value"
    ]  # type: ignore[misc]


@pytest.mark.parametrize(
    ("title", "sentence", "expected"),
    [
        # one month's figure beside the running total, on a watch of a year's total
        ("BYD 2031 sales", "BYD April NEV sales edge up to 210,295; Jan-Apr sales reached 762,371", [762371.0]),
        (
            "BYD 2031 sales",
            "BYD sold 207,080 vehicles in March, up 97%, bringing first-quarter sales to 552,076.",
            [552076.0],
        ),
        (
            "Airbus 2031 deliveries",
            "Airbus delivered 75 jets in November, taking its total for the year to 663.",
            [663.0],
        ),
        (
            "Tesla 2031 deliveries",
            "Tesla's June deliveries rose 12% to 95,000, for a first-half total of 466,140.",
            [466140.0],
        ),
        # a running total's own words win over a month named later
        ("BYD 2031 sales", "BYD year-to-date sales top 1 million as May sales hit 240,220", [1000000.0]),
        # a month's span is a period, not a subject
        ("BYD 2031 sales", "Jan-Nov sales reached 2,683,374, BYD said.", [2683374.0]),
        # last year's figure, said after it, on a watch of this year's
        ("BYD 2031 sales", "BYD, which sold about 18.6 lakh vehicles last year, targets 30 lakh.", []),
        # "last year" as a comparison's base does not scope the total
        (
            "Airbus 2031 deliveries",
            "Airbus delivered 63 jets in May, up 34% from the same month last year, bringing its total to 244.",
            [244.0],
        ),
    ],
)
def test_a_months_figure_and_last_years_are_not_the_running_total(
    title: str, sentence: str, expected: list[float]
) -> None:
    assert values(title, sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "roles"),
    [
        # a pace by its adjective before the noun
        ("BYD monthly sales cross 300,000 for the first time", ["rate"]),
        ("Daily arrivals topped 5,000 on Friday", ["rate"]),
        # a monthly report is a source; an adverb qualifies its verb
        ("The monthly data showed total purchases of 1.2 million tons", ["total"]),
        ("Paris 2024 to drip-feed seats weekly with 8.3 million sold", ["total"]),
        # a goal passed "at" a figure: the figure is the total; "to hit" a goal is a purpose
        ("2031 total tops 3 million target at 3.02 million", ["total", "total"]),
        ("needs about 317,000 in December to hit its 3 million target", ["other", "target"]),
        ("China set its target at 3 million tons", ["target"]),
    ],
)
def test_paces_purposes_and_goals_passed(sentence: str, roles: list[str]) -> None:
    assert [q.role for q in find_quantities(sentence)] == roles


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        # one moment told in two time zones is one window
        (
            "SLIM will land at 10:20 a.m. EST on Jan. 19, which is just after midnight on Jan. 20 in Japan.",
            ("2032-01-19", "2032-01-20"),
        ),
        ("Launch set for Jan. 19 (Jan. 20 local time)", ("2032-01-19", "2032-01-20")),
        ("Chandrayaan lands Aug. 23, or Aug. 24 IST", ("2031-08-23", "2031-08-24")),
    ],
)
def test_one_moment_in_two_time_zones_is_one_window(sentence: str, span: tuple[str, str]) -> None:
    (d,) = find_dates(sentence, PUBLISHED.date())
    assert (d.start.isoformat(), d.end.isoformat()) == span


def test_two_days_one_apart_without_a_zone_stay_two() -> None:
    assert len(find_dates("Launch slipped from Jan. 19, or Jan. 20 at the latest", PUBLISHED.date())) == 2


@pytest.mark.parametrize(
    ("title", "terms", "kind", "headline", "summary"),
    [
        # an entry retelling a report of a past year
        (
            "Diablo IV release",
            ["Diablo"],
            "event",
            "Blizzard pushes back Diablo 4",
            "Activision told investors in its third-quarter 2029 report that Diablo 4 would launch later.",
        ),
        (
            "Airbus 2031 deliveries",
            ["Airbus"],
            "event",
            "Airbus delays A350 freighter",
            "Airbus said in 2028 that the freighter would come later.",
        ),
        # what took place is a trial of the item
        (
            "Kai Tak Stadium official opening",
            ["Kai Tak"],
            "event",
            "Kai Tak Stadium opens doors",
            "10,247 fans attended the first test event inside the stadium.",
        ),
        (
            "Noida airport opening",
            ["Noida airport"],
            "event",
            "Noida airport opened for trial runs",
            "Flights landed during trial runs ahead of the opening.",
        ),
        # a trip or meeting of the talks called off is not the deal collapsing
        (
            "US-Japan tariff deal",
            ["Japan", "Akazawa"],
            "agreement",
            "Akazawa's Washington trip scrubbed",
            "Japan's negotiator called off a planned visit to Washington.",
        ),
        (
            "EU-UK trade deal",
            ["EU-UK"],
            "agreement",
            "EU-UK summit called off",
            "Both sides called off the next round of talks on the EU-UK deal.",
        ),
    ],
)
def test_old_reports_trials_and_trips_report_no_status(
    title: str, terms: list[str], kind: str, headline: str, summary: str
) -> None:
    statuses = [r for r in read(watch_spec(title, terms, kind), headline, summary) if r[0] == "status"]
    assert statuses == []


def test_a_title_that_names_a_trial_keeps_it_the_item() -> None:
    spec = watch_spec("Noida airport trial run", ["Noida airport"])
    assert ("status", "happened") in read(
        spec, "Noida airport trial run took place", "The first trial run went smoothly."
    )


@pytest.mark.parametrize(
    ("title", "terms", "kind", "sentence", "role"),
    [
        # "from" a date is superseded only after a verb that moves it
        ("US-Japan tariff deal", ["Japan"], "agreement", "Trump sets 25% tariff on Japan from Aug. 1", "event"),
        (
            "Starliner launch",
            ["Starliner"],
            "event",
            "Starliner launch moved from Aug. 1; new date to come",
            "previous",
        ),
        ("Starliner launch", ["Starliner"], "event", "Starliner launch slips from Aug. 1", "previous"),
        # a date given up as the object of a move verb, for any kind of item
        (
            "US-Japan tariff deal",
            ["Japan"],
            "agreement",
            "Trump pushes back the July 9 deadline for Japan talks to Aug. 1",
            "previous",
        ),
    ],
)
def test_a_date_is_superseded_only_by_a_verb_that_moves_it(
    title: str, terms: list[str], kind: str, sentence: str, role: str
) -> None:
    obs = extract_observations(watch_spec(title, terms, kind), title=sentence, summary="", published=PUBLISHED)
    first = next(o for o in obs if o.kind == "date")
    assert first.date_role == role


@pytest.mark.parametrize(
    "headline",
    [
        "JAXA sets SLIM moon landing for June 20",
        "Blizzard sets Diablo IV launch for June 20",
        "Ministry sets Metro line opening for June 20",
    ],
)
def test_sets_the_item_for_a_day_confirms_it(headline: str) -> None:
    spec = watch_spec("Launch or landing or opening", ["SLIM", "Diablo IV", "Metro line"])
    assert ("status", "confirmed") in read(spec, headline) and ("date", date(2031, 6, 20)) in read(spec, headline)


@pytest.mark.parametrize(
    ("title", "terms", "kind", "headline", "summary", "kept"),
    [
        # the old report is one sentence of several: the others still report (dates, figures)
        (
            "Airbus A350 freighter entry into service",
            ["A350 freighter"],
            "event",
            "Airbus delays A350 freighter to 2032",
            "Airbus said on Tuesday the A350 freighter will enter service in 2032. "
            "Airbus said in 2028 that the freighter would come in 2030.",
            ("date", date(2032, 1, 1)),
        ),
        (
            "Maruti EV sales",
            ["Maruti"],
            "metric",
            "Maruti EV sales reach 90,000",
            "Maruti has sold 90,000 electric cars. In its 2029 annual report the carmaker said it had sold 20,000.",
            ("value", 90_000.0),
        ),
    ],
)
def test_an_old_report_set_aside_leaves_the_rest_of_the_entry(
    title: str, terms: list[str], kind: str, headline: str, summary: str, kept: tuple[str, object]
) -> None:
    readings = read(watch_spec(title, terms, kind), headline, summary)
    assert kept in readings
    assert ("date", date(2030, 1, 1)) not in readings and ("value", 20_000.0) not in readings
