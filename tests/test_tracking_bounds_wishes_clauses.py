"""Readings from fresh39, each from a general reason and shown on several domains.

- A bound set with "by" names the latest day, not the day: "now set to open by Aug. 15" confirms nothing, where
  "set for Aug. 15" does (``_by_bound`` in watchers/extract/observe.py).
- A "by" deadline later than a stored window that has already passed replaces it: the window it would "hold" is
  gone (the deadline rule in ``_date_candidate``, watchers/tracking/engine.py).
- A clause of its own ("as licence expected by Dec. 4") whose subject is another common noun dates that thing, not
  the item (``_COMMON_SUBJECT_BEFORE_PLAN`` in watchers/extract/observe.py).
- A wish is no schedule: "eager to visit", "keen to close", "looks forward to" (``_LOCAL_HEDGE_RE``), and sources
  that "indicate" or "suggest" are unnamed sources (``_GLOBAL_HEDGE_RE``, watchers/extract/signals.py).
- A place of the item's that takes two words ("New Delhi", "Kuala Lumpur") is the item's place, not another
  destination named "New" (``_is_other_name``).
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.test_tracking_engine import Story
from tests.test_tracking_titles import read, watch_spec
from watchers.config import load_config_text
from watchers.tracking.replay import build_engine

LINE = watch_spec("Harbour Metro Yellow Line opening", ["Yellow Line"])
STADIUM = watch_spec("National Stadium reopening", ["National Stadium"])
GAME = watch_spec("Samurai Saga release", ["Samurai Saga"])
VISIT = watch_spec("Putin's state visit to India", ["Putin"])
TRIP = watch_spec("Xi Jinping's state visit to Malaysia", ["Xi"])


@pytest.mark.parametrize(
    ("spec", "title", "confirmed"),
    [
        # a bound is no day: nothing is confirmed (the bound is still read, as a deadline)
        (LINE, "Yellow Line now set to open by Aug. 15, metro chief tells protesters", False),
        (STADIUM, "National Stadium set to reopen no later than June 20", False),
        (GAME, "Samurai Saga slated to ship by Nov. 14, publisher says", False),
        # ... a day named is a schedule
        (LINE, "Yellow Line set to open on Aug. 15", True),
        (GAME, "Samurai Saga slated for Nov. 14", True),
    ],
)
def test_a_bound_set_with_by_confirms_no_day(spec, title, confirmed) -> None:  # type: ignore[no-untyped-def]
    assert (("status", "confirmed") in read(spec, title)) is confirmed


@pytest.mark.parametrize(
    ("spec", "title", "summary"),
    [
        (LINE, "Yellow Line delayed again as driverless train now expected by June 10", ""),
        (STADIUM, "Ministers tour National Stadium as safety licence expected by June 4", ""),
        (GAME, "Samurai Saga patch notes out, while the new console is due in June", ""),
    ],
)
def test_a_clause_with_another_nouns_subject_dates_that_noun(spec, title, summary) -> None:  # type: ignore[no-untyped-def]
    assert not any(kind == "date" for kind, _ in read(spec, title, summary))


@pytest.mark.parametrize(
    ("spec", "title", "expected"),
    [
        # ... the item's own noun as that subject keeps the date
        (LINE, "Yellow Line trains tested as opening now expected on June 10", [("date", date(2031, 6, 10))]),
        (GAME, "Samurai Saga goes gold as release now expected on June 12", [("date", date(2031, 6, 12))]),
    ],
)
def test_the_items_own_noun_as_that_subject_keeps_the_date(spec, title, expected) -> None:  # type: ignore[no-untyped-def]
    assert [x for x in read(spec, title) if x[0] == "date"] == expected


@pytest.mark.parametrize(
    ("spec", "summary"),
    [
        (VISIT, "Putin called Modi a wise leader and said he was eager to visit India on June 4 for the summit."),
        (TRIP, "Xi said he looks forward to his state visit to Malaysia on June 12."),
        (GAME, "The studio is keen to release Samurai Saga on June 12, its director said."),
        (VISIT, "Sources indicate Putin will visit India on June 5 for the annual summit."),
        (TRIP, "Sources suggested Xi will make a state visit to Malaysia on June 12."),
    ],
)
def test_a_wish_or_unnamed_sources_schedule_nothing(spec, summary) -> None:  # type: ignore[no-untyped-def]
    assert read(spec, "Update", summary) == []


@pytest.mark.parametrize(
    ("spec", "summary"),
    [
        (VISIT, "Putin arrived in New Delhi on Thursday for a two-day state visit, his first to India since 2021."),
        (TRIP, "Xi arrived in Kuala Lumpur on Tuesday for a three-day state visit."),
    ],
)
def test_a_two_word_capital_of_the_items_place_is_its_place(spec, summary) -> None:  # type: ignore[no-untyped-def]
    assert ("status", "happened") in read(spec, "Update", summary)


def test_another_destination_is_still_another() -> None:
    summary = "Putin arrived in New York on Thursday to address the general assembly and meet other leaders."
    assert ("status", "happened") not in read(VISIT, "Update", summary)


CONFIG = """
watches:
  - id: line
    title: Harbour Metro Yellow Line opening
    kind: event
    match: {any: [Yellow Line]}
    baseline: {status: postponed, expected: 2031-06, as_of: 2031-03-01}
"""


def test_a_deadline_after_a_window_already_gone_replaces_it() -> None:
    story = Story(build_engine(load_config_text(CONFIG)))
    # in May, "by Aug. 15" after a stored June still ahead holds June: no news
    assert story.read("2031-05-10T09:00", "Yellow Line to open by Aug. 15 at the latest, says metro chief") == []
    # in July, with June gone, the same bound is the new date
    moved = story.read("2031-07-05T09:00", "Yellow Line now set to open by Aug. 15, metro chief tells protesters")
    assert [(a.kind, a.new) for a in moved if a.kind == "date"] == [("date", "2031-08-15")]


BILL = watch_spec("Data Bill royal assent", ["data bill"], kind="agreement")


@pytest.mark.parametrize(
    ("spec", "title", "summary", "flat"),
    [
        # the story gives the headline's day only with a doubt: the headline's day is doubted too
        (
            BILL,
            "Minister says data bill will be finished by June 20",
            "The minister said the data bill should be done by June 20 or shortly after.",
            False,
        ),
        (
            LINE,
            "Yellow Line to open on June 10",
            "The Yellow Line could open on June 10 if the safety commissioner signs off, sources said.",
            False,
        ),
        (GAME, "Samurai Saga launches June 12", "Samurai Saga is tentatively set for June 12, the studio said.", False),
        # ... a timetable's plan words are how days are told, not doubts
        (
            LINE,
            "Yellow Line to open on June 10",
            "The Yellow Line is expected to open on June 10, it said.",
            True,
        ),
        # ... and a story that states the day flatly leaves it flat
        (GAME, "Samurai Saga launches June 12", "Samurai Saga will launch on June 12, the studio said.", True),
    ],
)
def test_a_headline_day_doubted_in_its_story_is_doubted(spec, title, summary, flat) -> None:  # type: ignore[no-untyped-def]
    from tests.test_tracking_titles import PUBLISHED
    from watchers.extract.observe import extract_observations

    titled = [
        o.confidence
        for o in extract_observations(spec, title=title, summary=summary, published=PUBLISHED)
        if o.kind == "date" and o.in_title
    ]
    assert titled and all((c == "confirmed") is flat for c in titled)


MERGER = watch_spec("Union Rail takeover of Southern Rail", ["Southern Rail", "Union Rail"], kind="agreement")


@pytest.mark.parametrize(
    ("spec", "summary"),
    [
        # "expect to <another act> on <day>": the day is that act's, as it is after "plans to" or "is set to"
        (
            MERGER,
            "Union Rail and Southern Rail told the board they intend to seek authority for the acquisition and expect "
            "to file their application on or before Jan. 29.",
        ),
        (MERGER, "Union Rail expects to file its merger application with regulators on Jan. 29."),
        (LINE, "The Yellow Line operator expects to finish trials on June 3."),
    ],
)
def test_expect_to_another_act_dates_that_act(spec, summary: str) -> None:  # type: ignore[no-untyped-def]
    assert not any(kind == "date" for kind, _ in read(spec, "Update", summary))
