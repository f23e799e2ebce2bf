"""Figures nobody has counted yet: a forecast verb with its own object, an estimate set "at" a figure, and the
headline's bare infinitive.

The reasons live in watchers/extract/observe.py (``_FORECAST_FIGURE``, ``_HEADLINE_INFINITIVE_FIGURE`` and
``_RESULT_BEFORE_INFINITIVE``): wire copy puts a forecast as "seen <doing> ... above N" and "estimates X at N", and
a headline writes the future as "<subject> to <verb>", as it writes "will". After a figure or a verb of change the
same infinitive is a result ("rose 12% to hit 9 million"), which stays a count.
"""

from __future__ import annotations

import pytest

from tests.test_tracking_titles import read, watch_spec

RICE = watch_spec("Vietnam 2031 rice shipments to 9,000 cargoes", ["rice"], "metric")
FLYERS = watch_spec("Airport passengers in 2031 vs 80 million target", ["passengers"], "metric")
SHOTS = watch_spec("Measles vaccine doses given in 2031", ["doses"], "metric")


@pytest.mark.parametrize(
    ("spec", "title", "summary", "expected"),
    [
        # a forecast verb with its own participle and object before the figure
        (RICE, "Vietnamese rice shipments seen lifting January-July total above 5,000 cargoes", "", []),
        (FLYERS, "Airport traffic projected climbing past 60,000 passengers this summer", "", []),
        # a verb of estimating, its object, then "at"
        (RICE, "Rice exports near record", "The ministry estimates full-year exports at around 9,000 cargoes.", []),
        (SHOTS, "Campaign update", "Health officials forecast doses given this year at 40,000 by December.", []),
        # the headline's bare infinitive is its future
        (RICE, "Vietnam rice exports to set record of 9,000 cargoes this year", "", []),
        (FLYERS, "Airport to top 70,000 passengers for the first time", "", []),
        (SHOTS, "Clinics to reach 50,000 doses given by June", "", []),
        # ... after a figure or a verb of change it is a result, a count
        (FLYERS, "Passengers rose 12% to hit 72,400 in 2031", "", [("value", 72400.0)]),
        (SHOTS, "Doses given climbed 40% to hit 71,000", "", [("value", 71000.0)]),
        # a count stated is still a count
        (SHOTS, "Clinics have given 52,000 doses so far", "", [("value", 52000.0)]),
    ],
)
def test_forecast_and_future_figures_are_not_counts(spec, title, summary, expected) -> None:  # type: ignore[no-untyped-def]
    assert read(spec, title, summary) == expected


MEALS = watch_spec("Free school meals recipients in 2031 vs 82,900 target", ["meals"], "metric")


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        # a start dated in the titled year keeps the count the year's own; a sentence opened by a preposition is not
        # another party's
        ("Since its launch in January the meals program has reached over 25,000 recipients.", [("value", 25000.0)]),
        ("Since its debut in March 2031 the meals scheme has served 31,000 pupils so far.", [("value", 31000.0)]),
        # a start in an earlier year spans more than the year
        ("Since its launch in March 2029 the meals scheme has served 61,000 pupils so far.", []),
    ],
)
def test_a_start_dated_in_the_titled_year_is_the_years_own(summary: str, expected: list) -> None:  # type: ignore[type-arg]
    assert read(MEALS, "Meals update", summary) == expected


def test_a_share_reported_for_a_month_is_the_level_on_a_watch_of_a_year() -> None:
    """A percentage is a level each month reports anew ("hits record 19.6% in January"), not a month's part of a
    yearly sum: on a watch titled with its year it is still the figure (see _one_month_figure)."""
    share = watch_spec("Ethanol blending share in petrol in 2031", ["ethanol blending"], "metric")
    assert share.unit == "count"  # watch_spec builds count watches; the percent unit is set below
    from dataclasses import replace

    percent = replace(share, unit="percent")
    got = read(percent, "Ethanol blending hits record 19.6% in January", "")
    assert got == [("value", 19.6)]
