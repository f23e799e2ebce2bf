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
