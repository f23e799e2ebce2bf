"""Another number of the item's numbered series is a sibling: its news is not the item's.

The reasons live in ``series_in_name`` (watchers/tracking/watch.py: a capitalised noun and a one- or two-digit number
name one of a series; a figure with a scale or unit, and a month's day, do not) and ``sibling_in_series``
(watchers/extract/observe.py: an entry naming another number of the series and never the item's own is that
sibling's story).
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.test_tracking_titles import read, watch_spec
from watchers.tracking.watch import series_in_name


@pytest.mark.parametrize(
    ("title", "series"),
    [
        ("HCMC Metro Line 1 (Ben Thanh-Suoi Tien) commercial opening", (("Line", "1"),)),
        ("SpaceX Starship Flight 5 launch", (("Flight", "5"),)),
        ("Hakuto-R Mission 2 lunar landing", (("Mission", "2"),)),
        ("Nintendo Switch 2 release", (("Switch", "2"),)),
        ("COP 28 loss and damage fund", (("COP", "28"),)),
        # a figure is no name, nor a date's day, nor a model number of three digits
        ("UK 15 million first doses by Feb 15", ()),
        ("Assassin's Creed Shadows release (due Nov 15 2024)", ()),
        ("Boeing 737 deliveries in 2023", ()),
        ("Biden 100 million shots in 100 days", ()),
    ],
)
def test_series_names_in_a_title(title: str, series: tuple[tuple[str, str], ...]) -> None:
    assert series_in_name(title) == series


METRO = watch_spec("City Metro Line 1 commercial opening", ["metro"])
ROCKET = watch_spec("Starship Flight 5 launch", ["Starship"])
LANDER = watch_spec("Hakuto-R Mission 2 lunar landing", ["Hakuto-R", "ispace"])


@pytest.mark.parametrize(
    ("spec", "title", "summary", "expected"),
    [
        # another number of the series, the item's own never named: the sibling's story
        (
            METRO,
            "Metro groundbreaking pushed back to next year",
            "Construction of Metro Line 2 will not start until 2032, the city said.",
            [],
        ),
        (ROCKET, "Starship Flight 6 slips to November", "", []),
        (LANDER, "ispace says Mission 3 lander delayed to 2032", "", []),
        # the item's own number named: its news is read
        (ROCKET, "Starship Flight 5 slips to June 20", "", [("status", "postponed"), ("date", "2031-06-20")]),
        (METRO, "Metro Line 1 opens to passengers; Line 2 to follow in 2035", "", [("status", "happened")]),
        # no number at all: read as before
        (ROCKET, "Starship launch slips to June 20", "", [("status", "postponed"), ("date", "2031-06-20")]),
    ],
)
def test_another_number_of_the_series_is_a_sibling(spec, title, summary, expected) -> None:  # type: ignore[no-untyped-def]
    got = [(k, v.isoformat() if hasattr(v, "isoformat") else v) for k, v in read(spec, title, summary)]
    assert got == expected


ATHENA = watch_spec("Athena lander touches down near the Moon's south pole", ["Athena"])
CREW = watch_spec("Crew-12 astronauts return to Earth", ["Crew-12"])
ROVER_LAUNCH = watch_spec("Mars rover launch", ["Mars rover"])


@pytest.mark.parametrize(
    ("spec", "title", "expected"),
    [
        # leaving is the first step of a journey whose end the watch waits for
        (ATHENA, "Falcon 9 launches Athena lander toward the moon's south pole", []),
        (CREW, "Crew-12 undocks from the space station", []),
        # ... the end itself happens
        (ATHENA, "Athena touches down on the moon", [("status", "happened")]),
        # a watch of the launch keeps its launch
        (ROVER_LAUNCH, "Mars rover launches from Cape Canaveral", [("status", "happened")]),
    ],
)
def test_a_departure_is_a_step_before_a_journeys_end(spec, title, expected) -> None:  # type: ignore[no-untyped-def]
    assert read(spec, title)[:1] == expected


@pytest.mark.parametrize(
    ("spec", "title", "expected"),
    [
        # a lander that "touches down" also "lands": one happening under two verbs
        (ATHENA, "Athena lands near the moon's south pole, but may be tilted", [("status", "happened")]),
        # the day of the departure is not the day of the journey's end
        (ATHENA, "NASA to launch lunar lander Athena on Feb 26 - when to watch", []),
        (CREW, "Crew-12 to undock from the station on Friday", []),
        # ... the end's own day is
        (ATHENA, "Athena set to touch down on March 6", [("status", "confirmed"), ("date", date(2032, 3, 6))]),
    ],
)
def test_a_journeys_end_and_its_departure(spec, title, expected) -> None:  # type: ignore[no-untyped-def]
    assert read(spec, title) == expected


@pytest.mark.parametrize(
    ("title", "text", "sibling"),
    [
        # an ordinal series: another ordinal, in figures or words, names a sibling
        ("Global Fund 8th replenishment", "Donors pledged $14.25 billion at the seventh replenishment in 2022.", True),
        ("23rd India-Russia annual summit", "Modi will travel for the 24th annual summit next year.", True),
        ("Global Fund 8th replenishment", "The Global Fund's eighth replenishment raised $11.34 billion.", False),
        ("23rd India-Russia annual summit", "The 23rd annual summit opened in New Delhi.", False),
        # ... an entry naming both is left to the sentence readers
        ("Global Fund 8th replenishment", "The 8th replenishment fell short of the 7th replenishment.", False),
    ],
)
def test_an_ordinal_names_a_sibling_of_an_ordinal_series(title: str, text: str, sibling: bool) -> None:
    from watchers.extract.observe import sibling_in_series

    spec = watch_spec(title, [title.split()[-1]])
    assert (sibling_in_series(spec, text) is not None) is sibling
