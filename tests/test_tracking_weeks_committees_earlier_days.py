"""Three readings from fresh36, each from a general reason.

- "a week on Monday", "a week from Friday", "Monday week": the coming weekday and seven days more (British and
  American idiom; ``_weekday`` in watchers/extract/dates.py).
- A committee's vote ("House Commerce green-lights ...", "the Senate Judiciary Committee approved the bill") sends a
  bill to the floor; it passes nothing (``_COMMITTEE_SUBJECT`` in watchers/extract/signals.py).
- A confirmed event is not brought forward by weeks in silence: a day much earlier than the confirmed one, with no
  word of an earlier date, is another happening's (``EARLIER_SILENTLY_DAYS`` in watchers/tracking/engine.py).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.test_extract_signals import AGREEMENT, sig
from tests.test_tracking_engine import Story
from tests.test_tracking_titles import read, watch_spec
from watchers.config import load_config_text
from watchers.extract.dates import find_dates
from watchers.tracking.replay import build_engine

SUNDAY = datetime(2031, 3, 30, 20, 45, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("The state visit begins a week on Monday.", date(2031, 4, 7)),
        ("Talks resume a week from Friday.", date(2031, 4, 11)),
        ("The vote is due Monday week.", date(2031, 4, 7)),
        ("The launch is set for Monday.", date(2031, 3, 31)),  # the plain weekday is the coming one
    ],
)
def test_a_week_on_a_weekday(text: str, day: date) -> None:
    (found,) = find_dates(text, SUNDAY)
    assert (found.start.date() if isinstance(found.start, datetime) else found.start) == day


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("House Commerce approves the bill 49-1, sending it to the floor.", [("agreed", "unconfirmed", False)]),
        ("The Senate Judiciary Committee approved the bill on Thursday.", [("agreed", "unconfirmed", False)]),
        ("A parliamentary panel has cleared the bill.", [("agreed", "unconfirmed", False)]),
        # the chamber's own final vote passes it
        ("The House passed the bill 409-2 on Monday.", [("agreed", "confirmed", False)]),
    ],
)
def test_a_committee_vote_is_a_step(sentence: str, expected: list[tuple[str, str, bool]]) -> None:
    assert sig(sentence, AGREEMENT) == expected


CONFIG = """
watches:
  - id: game
    title: Samurai Saga release
    kind: event
    match: {any: [Samurai Saga]}
    baseline: {status: confirmed, expected: 2031-10-02, as_of: 2031-04-23}
"""


def test_a_confirmed_day_is_not_brought_forward_by_weeks_in_silence() -> None:
    story = Story(build_engine(load_config_text(CONFIG)))
    # a showcase of the game weeks before its confirmed day
    assert story.read("2031-07-08T16:00", "Samurai Saga State of Play set for Thursday") == []
    assert story.states["game"].expected is not None and story.states["game"].expected.start == date(2031, 10, 2)
    # ... but a word of an earlier date moves it
    moved = story.read("2031-07-09T16:00", "Samurai Saga release moved up to Sept. 12", "")
    assert ("date", "2031-09-12") in [(a.kind, a.new) for a in moved]


RAIL = watch_spec("Harbour high-speed railway opening", ["railway"])
SHOW = watch_spec("Dragon Quest Legends release", ["Dragon Quest Legends"])


@pytest.mark.parametrize(
    ("spec", "summary", "expected"),
    [
        # the destination of a denied move, after the moved thing's name, is denied with it
        (RAIL, "The ministry said there was no decision to delay the Harbour high-speed railway to January 2032.", []),
        (SHOW, "The publisher has not pushed Dragon Quest Legends back until next spring, a spokesperson said.", []),
        # ... a move that is not denied carries its date
        (
            RAIL,
            "The ministry decided to delay the Harbour high-speed railway to January 2032.",
            [("status", "postponed"), ("date", date(2032, 1, 1))],
        ),
    ],
)
def test_a_denied_move_denies_its_destination(spec, summary, expected) -> None:  # type: ignore[no-untyped-def]
    assert read(spec, "Update", summary) == expected


MEETING = watch_spec("Modi's White House meeting with Trump", ["Trump", "White House", "Washington", "Modi"])
TALKS = watch_spec("Lula-Xi summit talks", ["Lula", "Xi"])


@pytest.mark.parametrize(
    ("spec", "title", "expected"),
    [
        # a meeting or talks abroad are scheduled by the trip to them
        (MEETING, "PM Modi to visit Washington on Feb. 12-13", [("status", "confirmed"), ("date", date(2032, 2, 12))]),
        (
            TALKS,
            "Lula will travel to Beijing on May 12 for talks with Xi",
            [("status", "confirmed"), ("date", date(2031, 5, 12))],
        ),
        # ... a trip with no day named is no schedule
        (MEETING, "PM Modi to visit Washington soon", []),
    ],
)
def test_a_trip_schedules_the_meeting_it_is_for(spec, title, expected) -> None:  # type: ignore[no-untyped-def]
    assert read(spec, title) == expected


STATION = watch_spec("Harbour Central station opening", ["Harbour Central"])
LAUNCH = watch_spec("Orbiter launch", ["Orbiter"])


@pytest.mark.parametrize(
    ("spec", "title", "summary", "expected"),
    [
        # cancelling a dated schedule gives up the date, not the item: a postponement
        (STATION, "Rail operator scraps December 2032 opening of Harbour Central", "", [("status", "postponed")]),
        (
            STATION,
            "Update",
            "The operator abandoned plans to open Harbour Central in December 2032 over signalling.",
            [("status", "postponed")],
        ),
        (LAUNCH, "Agency cancels Thursday's Orbiter launch attempt", "", [("status", "postponed")]),
        # ... cancelling the item is a cancellation
        (STATION, "Government scraps Harbour Central project", "", [("status", "cancelled")]),
        # a former plan ("once planned for") and a decision's day ("decision due in June") date no schedule
        (STATION, "Update", "The Harbour Central cut-over, once planned for spring 2032, is off for now.", []),
        (STATION, "Harbour Central still aiming for late-2032 start, decision due in June", "", []),
    ],
)
def test_dated_schedules_given_up_former_plans_and_decision_days(spec, title, summary, expected) -> None:  # type: ignore[no-untyped-def]
    assert read(spec, title, summary) == expected


def test_a_future_told_on_a_named_day_is_counted_from_that_day() -> None:
    """ "Trump on Wednesday said Zelenskyy would visit on Friday", read on Sunday: the Friday just gone, two days
    after the statement, not the next one (``_statement_day`` in watchers/extract/dates.py)."""
    sunday = datetime(2031, 3, 2, 9, 15, tzinfo=UTC)
    found = find_dates(
        "The president on Wednesday said the prime minister would visit on Friday to sign a deal.", sunday
    )
    days = [(d.text, d.start.date() if isinstance(d.start, datetime) else d.start) for d in found]
    assert days == [("Wednesday", date(2031, 2, 26)), ("Friday", date(2031, 2, 28))]
    # a statement "on Monday" read late on Sunday (UTC) is the next day in another time zone, as a past weekday is
    # read elsewhere: its Friday is the coming one
    late = find_dates("The agency said on Monday the launch will take place on Friday.", sunday)
    assert [(d.text, d.start.date() if isinstance(d.start, datetime) else d.start) for d in late] == [
        ("Monday", date(2031, 3, 3)),
        ("Friday", date(2031, 3, 7)),
    ]


VISIT = """
watches:
  - id: visit
    title: Prime minister's White House visit
    kind: event
    match: {any: [prime minister]}
    baseline: {status: confirmed, expected: 2031-02-28, as_of: 2031-02-20}
"""


def test_an_old_preview_resurfacing_after_the_event_does_not_reopen_it() -> None:
    story = Story(build_engine(load_config_text(VISIT)))
    done = story.read(
        "2031-02-28T18:00",
        "Prime minister meets president at White House",
        "The prime minister visited the White House on Friday.",
    )
    assert ("status", "happened") in [(a.kind, a.new) for a in done]
    # a portal re-serves Wednesday's preview on Sunday: its bare "Friday" is not a new date
    old = story.read(
        "2031-03-02T09:15",
        "Prime minister to visit White House on Friday, president says",
        "The president on Wednesday said the prime minister would visit the White House on Friday.",
    )
    assert old == [] and story.states["visit"].status == "happened"
