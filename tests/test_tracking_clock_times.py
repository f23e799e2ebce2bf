"""Clock times in launch and event coverage, from fresh41 (SPHEREx), each shown on several domains.

- Times of day right before a day ("no earlier than 10:09 p.m. EST (7:09 p.m. PST) on Friday, Feb. 28") stand between
  a schedule word and its day without putting distance between them (``_TRAILING_CLOCK_TIMES``).
- A time zone ("EDT", "IST") names no one: it is no other thing whose clause a date belongs to (``CALENDAR_WORDS``).
- A day told with a clock time of the Americas, published before noon UTC on that very day, is still ahead where it
  happens ("rescheduled for Tuesday, March 11, at 11:10 p.m. EDT", published 03:55 UTC on March 11).
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.test_tracking_engine import Story
from tests.test_tracking_titles import read, watch_spec
from watchers.config import load_config_text
from watchers.tracking.replay import build_engine

PROBE = watch_spec("Skylark telescope launch", ["Skylark"])
SUMMIT = watch_spec("Harbour summit opening session", ["Harbour summit"])


@pytest.mark.parametrize(
    ("spec", "summary", "day"),
    [
        (
            PROBE,
            "The agency is now targeting no earlier than 10:09 p.m. EST (7:09 p.m. PST) on Friday, June 13, for the "
            "launch of Skylark.",
            date(2031, 6, 13),
        ),
        (
            SUMMIT,
            "Organisers now expect the Harbour summit to open at 9:30 a.m. local time on Monday, June 16.",
            date(2031, 6, 16),
        ),
    ],
)
def test_clock_times_before_a_day_put_no_distance(spec, summary: str, day: date) -> None:  # type: ignore[no-untyped-def]
    assert ("date", day) in read(spec, "Update", summary)


@pytest.mark.parametrize(
    "summary",
    [
        "Controllers stood down and rescheduled Skylark's launch for Tuesday, June 10, at 11:10 p.m. EDT.",
        "The launch of Skylark will now take place on June 12 at 8:40 am IST, the agency said.",
    ],
)
def test_a_time_zone_names_no_other_thing(summary: str) -> None:
    assert any(kind == "date" for kind, _ in read(PROBE, "Update", summary))


CONFIG = """
watches:
  - id: probe
    title: Skylark telescope launch
    kind: event
    match: {any: [Skylark]}
    baseline: {status: confirmed, expected: 2031-03-10, as_of: 2031-02-01}
"""


@pytest.mark.parametrize(
    ("when", "summary", "moved"),
    [
        # 03:55 UTC on March 11 is the evening of March 10 in California: "Tuesday, March 11 ... EDT" is still ahead
        (
            "2031-03-11T03:55",
            "Controllers stood down from the Skylark launch late Monday and rescheduled for Tuesday, March 11, "
            "at 11:10 p.m. EDT.",
            True,
        ),
        # ... with no clock of the Americas, the publication day is not ahead
        (
            "2031-03-11T03:55",
            "Controllers stood down from the Skylark launch and rescheduled for Tuesday, March 11.",
            False,
        ),
        # ... nor after noon UTC
        (
            "2031-03-11T15:00",
            "Controllers rescheduled the Skylark launch for Tuesday, March 11, at 11:10 p.m. EDT.",
            False,
        ),
    ],
)
def test_a_day_with_a_clock_of_the_americas_is_still_ahead_there(when: str, summary: str, moved: bool) -> None:
    story = Story(build_engine(load_config_text(CONFIG)))
    story.read(when, "Skylark launch scrubbed", summary)
    expected = story.states["probe"].expected
    assert (expected is not None and expected.iso() == "2031-03-11") is moved


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # a bare weekday beside a full day that falls on it is that day (read on Thursday, June 5, 2031)
        (
            "The game unlocks on June 13, and no one plays earlier - no earlier than Friday for anyone.",
            date(2031, 6, 13),
        ),
        ("Voting closes on June 10; results are due Tuesday night.", date(2031, 6, 10)),
        # ... with no such day named, the coming weekday
        ("The launch is now set for Friday.", date(2031, 6, 6)),
    ],
)
def test_a_weekday_beside_a_named_day_is_that_day(text: str, day: date) -> None:
    from watchers.extract.dates import find_dates

    weekdays = [d for d in find_dates(text, date(2031, 6, 5)) if d.text.istitle()]
    assert weekdays and weekdays[-1].start == day


GAME = watch_spec("Starfield Saga release", ["Starfield Saga"])


@pytest.mark.parametrize(
    "title",
    [
        "Starfield Saga revealed with campaign; multiplayer event set for July 31",
        "Starfield Saga showcase slated for June 8",
        "Starfield Saga open beta scheduled for Aug. 7",
    ],
)
def test_a_products_show_or_trial_dates_itself(title: str) -> None:
    assert not any(kind == "date" for kind, _ in read(GAME, title))


RELEASE_CONFIG = """
watches:
  - id: game
    title: Ironclad Saga release
    kind: event
    match: {any: [Ironclad Saga]}
    baseline: {status: confirmed, expected: 2031-05-15, as_of: 2031-01-24}
  - id: probe
    title: Skylark telescope launch
    kind: event
    match: {any: [Skylark]}
    baseline: {status: confirmed, expected: 2031-05-15, as_of: 2031-01-24}
"""


@pytest.mark.parametrize(
    ("watch", "title", "moved"),
    [
        # a release goes out at one moment worldwide: the day before, with no word of a move, is another time zone
        ("game", "Ironclad Saga reviews are in ahead of its May 14 release", False),
        # ... a word of a move moves it
        ("game", "Ironclad Saga release moved up to May 14", True),
        # ... and a launch, which slips a day at a time, moves
        ("probe", "Skylark launch now set for May 16", True),
    ],
)
def test_a_release_day_next_to_the_confirmed_one_is_another_time_zone(watch: str, title: str, moved: bool) -> None:
    story = Story(build_engine(load_config_text(RELEASE_CONFIG)))
    story.read("2031-05-08T16:00", title)
    expected = story.states[watch].expected
    assert (expected is not None and expected.iso() != "2031-05-15") is moved


def test_a_part_named_after_including_is_no_total() -> None:
    from watchers.extract.numbers import find_quantities

    found = find_quantities("The film has taken $915.8 million worldwide, including $695.3 million from abroad.")
    assert [(q.text, q.role) for q in found] == [("$915.8 million", "total"), ("$695.3 million", "other")]
