"""Four readings of events found on blind stories, each from a general reason.

- A ceremony noun as the subject of the verb ("The formal inauguration ... has been postponed") is the ceremony's
  news on a watch of an opening to users, like the ceremony verb ("to inaugurate"); a title naming the commercial
  opening is such a watch (``opens_to_users``, ``_CEREMONY_SUBJECT`` in watchers/extract/observe.py).
- A quarter or a half before a report's noun ("first-quarter update") is the period the report covers, not a date of
  the item (``_REPORT_AFTER_PERIOD``).
- A delay or a cancellation in the present progressive ("Ubisoft is delaying ...") is a decision announced, not an
  act under way; "at risk of slipping" and a past progressive are not (``_PRESENT_PROGRESSIVE_BEFORE`` in
  watchers/extract/signals.py).
- A confirmation bound only to a day the item already moved away from is the old schedule told again
  (``_confirms_a_superseded_date`` in watchers/tracking/engine.py).
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.test_tracking_engine import Story
from tests.test_tracking_titles import read, watch_spec
from watchers.config import load_config_text
from watchers.tracking.replay import build_engine

METRO = watch_spec("City Metro Line 1 commercial opening", ["metro"])
AIRPORT = watch_spec("Harbour airport opens to commercial flights", ["airport"])
GAME = watch_spec("Shadow Saga release date", ["Shadow Saga"])
BRIDGE = watch_spec("Harbour bridge opening", ["bridge"])


@pytest.mark.parametrize(
    ("spec", "title", "summary", "expected"),
    [
        # the ceremony noun is what the verb acts on
        (METRO, "Metro inauguration ceremony delayed until after the holiday", "", []),
        (
            AIRPORT,
            "Airport update",
            "The formal inauguration of the airport has been postponed to June 20, officials said.",
            [],
        ),
        # ... but the opening itself moved is the item's
        (
            AIRPORT,
            "Harbour airport opening pushed back to June 20",
            "",
            [("status", "postponed"), ("date", date(2031, 6, 20))],
        ),
        # a quarter before a report's noun is the report's period
        (GAME, "Publisher reiterates November date for Shadow Saga in first-quarter update", "", []),
        (GAME, "Shadow Saga stays on track in H1 trading statement", "", []),
        # a delay in the present progressive is announced
        (
            GAME,
            "Update",
            "The publisher is delaying Shadow Saga from Nov. 15 to Feb. 14, 2032.",
            [("status", "postponed"), ("date", date(2031, 11, 15))],
        ),
        (BRIDGE, "Council says it is scrapping the bridge opening", "", [("status", "cancelled")]),
        # ... but not a risk, nor an alleged state in the past progressive
        (GAME, "Shadow Saga at risk of slipping to autumn, sources warn", "", []),
        (BRIDGE, "Critic says the council was delaying the bridge opening to suit a VIP", "", []),
    ],
)
def test_ceremonies_reports_and_progressives(spec, title, summary, expected) -> None:  # type: ignore[no-untyped-def]
    assert read(spec, title, summary) == expected


CONFIG = """
watches:
  - id: game
    title: Shadow Saga release date
    kind: event
    match: {any: [Shadow Saga]}
    baseline: {status: confirmed, expected: 2031-11-15, as_of: 2031-05-15}
"""


def test_a_confirmation_bound_to_a_day_already_left_is_old_news() -> None:
    story = Story(build_engine(load_config_text(CONFIG)))
    moved = story.read("2031-09-25T16:45", "Shadow Saga delayed to Feb. 14, 2032", "", "https://publisher.test/a")
    assert ("status", "postponed") in [(a.kind, a.new) for a in moved]
    # a portal re-serves the May story: the old day, "set for", after the move
    old = story.read("2031-10-02T09:00", "Shadow Saga release date set for November 15, 2031", "", "https://msn.test/b")
    assert old == []
    assert story.states["game"].status == "postponed"
    # a day the item has not left still confirms a schedule
    fresh = story.read("2031-10-30T17:10", "Shadow Saga release date set for Feb. 14, 2032", "", "https://wire.test/c")
    assert [(a.kind, a.new) for a in fresh] == [("status", "confirmed")]


SUMMIT = watch_spec("Harbour climate summit opening", ["Harbour summit", "HCS"])


@pytest.mark.parametrize(
    ("title", "summary", "expected"),
    [
        # a sentence that names the item only as the time of something else keeps "the meeting" for that thing
        (
            "Ministers gather in the capital ahead of HCS talks",
            "Delegations meet to narrow differences before HCS, the vice president said as he opened the meeting.",
            [],
        ),
        # ... while a sentence that names the item as itself lets the reference stand for it
        (
            "HCS opens in Harbour City",
            "The president opened the summit on Monday with a call for action.",
            [("status", "happened")],
        ),
    ],
)
def test_an_item_named_as_a_time_frees_its_references(title: str, summary: str, expected: list) -> None:  # type: ignore[type-arg]
    assert read(SUMMIT, title, summary)[:1] == expected
