"""Two readings added with the fifteenth blind batch, each shown on several domains.

- A span told by its two ends ("to start June 1 ..., end by June 3") is one range (``_split_ranges`` in
  watchers/extract/dates.py): the first day alone would read as the event's date moving.
- An announcement is outranked by a confirmed other status only when that other status is kept (``outranked`` in
  watchers/extract/signals.py, applied after the set-aside rules in ``extract_observations``): a verb set aside as
  not about the item ("full move to Istanbul Airport", a motion with no time after it) cannot silence the schedule
  the sentence does give.
"""

from __future__ import annotations

from datetime import date

import pytest
from test_tracking_titles import read, watch_spec

from watchers.extract.dates import find_dates

PUB = date(2031, 5, 7)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an airport move, an election, a summit, a festival: start and end told apart are one span
        ("Move to the new airport to start June 1 at 3 a.m., end by midnight June 3", [("2031-06-01", "2031-06-03")]),
        ("Voting begins June 10 and ends June 12, the commission said", [("2031-06-10", "2031-06-12")]),
        ("The summit opens on June 15 and closes on June 17", [("2031-06-15", "2031-06-17")]),
        ("The festival will start on July 2 and will wrap up on July 6", [("2031-07-02", "2031-07-06")]),
        # two days that are not one span's ends stay two
        (
            "The trial started June 1 and the verdict came June 20",
            [("2031-06-01", "2031-06-01"), ("2031-06-20", "2031-06-20")],
        ),
        (
            "Talks begin June 1; the deal is due by Aug. 30",
            [("2031-06-01", "2031-06-01"), ("2031-08-30", "2031-08-30")],
        ),
    ],
)
def test_a_span_told_by_its_two_ends_is_one_range(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(d.start.isoformat(), d.end.isoformat()) for d in find_dates(sentence, PUB)] == expected


@pytest.mark.parametrize(
    ("title", "terms", "headline", "expected"),
    [
        # a day set for the item, with a motion verb ("move to") that has no time of its own
        (
            "Istanbul Airport full move",
            ["Istanbul Airport"],
            "Turkish Airlines sets June 3 for full move to Istanbul Airport",
            [("status", "confirmed"), ("date", date(2031, 6, 3))],
        ),
        (
            "Museum move to new building",
            ["Museum"],
            "Trustees confirm June 20 for museum move to new building",
            [("status", "confirmed"), ("date", date(2031, 6, 20))],
        ),
        # a kept act still outranks the verb reporting it
        (
            "Tesla Semi first deliveries",
            ["Semi"],
            "Tesla confirms it has handed over the first Semi trucks to PepsiCo",
            [("status", "happened")],
        ),
    ],
)
def test_only_a_kept_status_outranks_an_announcement(
    title: str, terms: list[str], headline: str, expected: list[tuple[str, object]]
) -> None:
    assert read(watch_spec(title, terms), headline) == expected
