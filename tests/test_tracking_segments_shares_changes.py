"""Readings from fresh39 and fresh40, each from a general reason and shown on several domains.

- A part of a route named by its two ends ("the Aarey-BKC stretch", "metro between Aarey and BKC") opens on its own
  day: when neither end is a name of the item's, its opening is not the item's (``_other_segment`` in
  watchers/extract/observe.py).
- A later day the item was moved away from, told again with no word of delay or change, is the old schedule
  resurfacing, not a new delay (the superseded-date rule in ``_date_candidate``, watchers/tracking/engine.py).
- A verb of change with its amount, then "to" a level: the level is the figure reached ("rose 4.38% to 830.66 MT");
  "4 pc" is a percentage; "1,047.57 MT" is million tonnes (watchers/extract/numbers.py).
- On a watch that counts in percent, a verb of share with "of" states the level ("took 95.8% of January sales").
"""

from __future__ import annotations

import pytest

from tests.test_tracking_engine import Story
from tests.test_tracking_titles import read, watch_spec
from watchers.config import load_config_text
from watchers.extract.numbers import find_quantities
from watchers.tracking.replay import build_engine

METRO = watch_spec("Harbour Metro Line 3 full opening to Cuffe Parade", ["Metro Line 3", "Metro 3"])
RAIL = watch_spec("Coastal Rail Link opening: Northgate-Southport section", ["Coastal Rail Link"])
ROAD = watch_spec("Ring Road completion to Eastport", ["Ring Road"])


@pytest.mark.parametrize(
    ("spec", "title", "summary", "happened"),
    [
        # another part, named by ends that are not the item's
        (METRO, "PM opens Metro 3 between Aarey and BKC", "", False),
        (METRO, "Update", "The minister inaugurated the Aarey-BKC stretch of Metro Line 3 on Saturday.", False),
        (ROAD, "Update", "The Westfield-Millbrook section of the Ring Road opened to traffic on Monday.", False),
        # ... the item's own part, named by its ends, is the item
        (RAIL, "Update", "The Northgate-Southport section of the Coastal Rail Link opened on Monday.", True),
        (METRO, "Update", "The Worli-Cuffe Parade stretch of Metro Line 3 opened to passengers on Thursday.", True),
    ],
)
def test_another_part_of_the_route_is_not_the_item(spec, title, summary, happened) -> None:  # type: ignore[no-untyped-def]
    assert (("status", "happened") in read(spec, title, summary)) is happened


CONFIG = """
watches:
  - id: game
    title: Samurai Saga release
    kind: event
    match: {any: [Samurai Saga]}
    baseline: {status: confirmed, expected: 2031-09-23, as_of: 2031-02-12}
"""


@pytest.mark.parametrize(
    ("title", "moved"),
    [
        # the day it was moved away from, told again as it stood: an old story
        ("Samurai Saga launches September 23 on consoles and PC", False),
        # ... with a word of change or delay, a new move
        ("Samurai Saga release now on September 23 after all", True),
        ("Samurai Saga delayed to September 23", True),
    ],
)
def test_a_superseded_later_day_needs_a_word_of_change(title: str, moved: bool) -> None:
    story = Story(build_engine(load_config_text(CONFIG)))
    story.read("2031-04-29T14:00", "Samurai Saga moved up to Sept. 12, studio chief says")
    assert story.states["game"].expected is not None and story.states["game"].expected.iso() == "2031-09-12"
    story.read("2031-05-11T08:00", title)
    expected = story.states["game"].expected
    assert (expected is not None and expected.iso() == "2031-09-23") is moved


@pytest.mark.parametrize(
    ("sentence", "text", "value", "role"),
    [
        ("Output climbed 5.88% to 830.66 MT from 784.51 MT a year earlier.", "830.66 MT", 830_660_000, "total"),
        ("Coal production rises 4 pc to 104.4 MT in January", "104.4 MT", 104_400_000, "total"),
        ("Vehicle exports jumped 58% to 4.91 million units in 2023.", "4.91 million", 4_910_000, "total"),
        ("Arrivals fell 3 per cent to 1.2 million last year.", "1.2 million", 1_200_000, "total"),
        ("Coal sector completes FY25 with output rising 4.99% to 1,047.57 MT", "1,047.57 MT", 1_047_570_000, "total"),
        # the amount of the change itself is a percentage, not a count
        ("Coal production rises 4 pc to 104.4 MT in January", "4 pc", 4, "percent"),
        # a price after a change stays a price
        ("Brent rose 5% to $80 a barrel.", "$80", 80, "price"),
    ],
)
def test_a_change_then_to_gives_the_level(sentence: str, text: str, value: float, role: str) -> None:
    (found,) = [q for q in find_quantities(sentence) if q.text == text]
    assert (found.value, found.role) == (value, role)


def test_whole_metric_tons_stay_tons() -> None:
    (found,) = find_quantities("The port handled 5,000 MT of wheat on Monday.")
    assert found.value == 5000


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Electric cars took 95.8% of January sales.", 95.8),
        ("Fully electric cars made up a record 98.3% of new cars registered in September.", 98.3),
        ("Renewables accounted for about 41% of power generation last year.", 41),
        ("Heat pumps captured 62% of heating sales in the quarter.", 62),
    ],
)
def test_a_share_verb_states_a_percent_level(sentence: str, value: float) -> None:
    found = [q for q in find_quantities(sentence, percent_level=True) if q.unit == "percent"]
    assert [(q.value, q.role) for q in found] == [(value, "total")]
    # ... on a watch of another unit a percentage stays a percentage
    assert [q.role for q in find_quantities(sentence) if q.unit == "percent"] == ["percent"]


LAUNCH_CONFIG = """
watches:
  - id: launch
    title: Orbiter launch on the first Atlas X
    kind: event
    match: {any: [Orbiter, Atlas X]}
    baseline: {status: postponed, expected: 2031-01-08, as_of: 2030-12-11}
  - id: bridge
    title: Harbour Bridge reopening
    kind: event
    match: {any: [Harbour Bridge]}
    baseline: {status: confirmed, expected: 2031-01-20, as_of: 2030-12-11}
"""


@pytest.mark.parametrize(
    ("watch", "title", "moved"),
    [
        # a stored day still ahead is not given up for one months later in silence
        ("launch", "Atlas X targets May 4th for inaugural flight with Orbiter", False),
        ("bridge", "Harbour Bridge reopening set for April 15, council says", False),
        # ... a word of delay or change moves it
        ("launch", "Atlas X first flight with Orbiter slips to May 4", True),
        ("bridge", "Harbour Bridge reopening now set for April 15 after crack found", True),
    ],
)
def test_a_day_still_ahead_is_not_given_up_in_silence(watch: str, title: str, moved: bool) -> None:
    story = Story(build_engine(load_config_text(LAUNCH_CONFIG)))
    before = story.states[watch].status
    story.read("2030-12-20T09:00", title)
    expected = story.states[watch].expected
    assert (expected is not None and expected.start.month in (4, 5)) is moved
    if not moved:
        assert story.states[watch].status == before  # and no confirmation of the far day either


def test_once_the_stored_day_has_passed_a_later_day_moves_it() -> None:
    story = Story(build_engine(load_config_text(LAUNCH_CONFIG)))
    story.read("2031-01-10T09:00", "Atlas X targets March 4 for inaugural flight with Orbiter")
    expected = story.states["launch"].expected
    assert expected is not None and expected.iso() == "2031-03-04"


FILM = watch_spec("Starfall worldwide box office", ["Starfall"], kind="metric")
DOSES = watch_spec("Vaxa doses delivered to Africa", ["Vaxa"], kind="metric")
PORT = watch_spec("Eastport container volume", ["Eastport"], kind="metric")
CAP = watch_spec("Northwind market value", ["market value", "market capitalization"], kind="metric")


@pytest.mark.parametrize(
    ("spec", "summary", "values"),
    [
        # the item's own figure, told of it by name, and another thing's in the same sentence
        (
            FILM,
            "The remake reached 972,700 admissions in its seventh weekend, overtaking Starfall, which drew 954,000.",
            [954_000],
        ),
        (
            FILM,
            "The sequel passed 1,000,000 admissions, a mark Starfall (424,000 at home, 955,000 worldwide) missed.",
            [955_000],
        ),
        (DOSES, "Rival jabs passed 41,000 doses while Vaxa has delivered 38,500 doses so far.", [38_500]),
        (PORT, "Eastport handled 41,000 containers in the quarter, and Westport handled 38,500.", [41_000]),
        # a title's name binds too, where the terms name a measure; its possessive or a relative clause ending in
        # "at" makes a figure with no cue of its own the item's
        (
            CAP,
            "Rival closed at a market value of 3,770,000, ahead of Northwind, which is valued at 3,660,000.",
            [3_660_000],
        ),
        (CAP, "Rival closed at a market capitalization of 3,444,000, edging past Northwind's 3,441,000.", [3_441_000]),
        # ... with no figure told of the item by name, the sentence's figure is read as before
        (PORT, "Eastport container volume rose to 41,000 in the quarter.", [41_000]),
    ],
)
def test_a_figure_told_of_the_item_by_name_sets_the_others_aside(spec, summary, values) -> None:  # type: ignore[no-untyped-def]
    assert [v for k, v in read(spec, "Update", summary) if k == "value"] == values


ARRIVALS = watch_spec("Japan 2031 foreign visitor arrivals", ["visitors", "arrivals"], kind="metric")


@pytest.mark.parametrize(
    ("spec", "summary", "values"),
    [
        # a year-earlier period after another figure is that figure's
        (ARRIVALS, "Arrivals in January-April totaled 144,466, well above the 116,000 of a year earlier.", [144_466]),
        # ... right after the figure it is still the figure's
        (ARRIVALS, "Arrivals totaled 116,000 a year earlier.", []),
        # a rumour that caused a change is no hedge of the figure
        (ARRIVALS, "Arrivals for January-July reached about 24,960, even as visitors fell on quake rumours.", [24_960]),
        (ARRIVALS, "Arrivals reached about 24,960, according to rumours on social media.", []),
        # "soared ... to" gives the level, as "rose ... to" does
        (ARRIVALS, "In the first eight months, arrivals soared 18.2 percent to 28,400.", [28_400]),
    ],
)
def test_periods_rumours_and_soaring_levels(spec, summary, values) -> None:  # type: ignore[no-untyped-def]
    assert [v for k, v in read(spec, "Update", summary) if k == "value"] == values


CARS = watch_spec("Northwind 2031 vehicle deliveries", ["Northwind"], kind="metric")


@pytest.mark.parametrize(
    ("spec", "summary", "values"),
    [
        # estimates as a noun are a yardstick, not a hedge of the figure compared with them
        (CARS, "Northwind delivered 33,681 vehicles in the first quarter, below analysts' estimates.", [33_681]),
        # ... analysts who estimate give an estimate
        (CARS, "Analysts estimate Northwind delivered about 33,681 vehicles in the first quarter.", []),
    ],
)
def test_analysts_estimates_as_a_yardstick(spec, summary, values) -> None:  # type: ignore[no-untyped-def]
    assert [v for k, v in read(spec, "Update", summary) if k == "value"] == values


def test_a_carried_count_may_name_its_period() -> None:
    (found,) = [
        q
        for q in find_quantities(
            "Strong sales followed, taking deliveries for the first nine months of 2031 to 121,790."
        )
        if q.text == "121,790"
    ]
    assert found.role == "total"
