"""Readings from the blind batches of this session (fresh56 on), each from a general reason and shown on several
domains.

- A cancellation is a reading the next headline can prove wrong: an unhedged headline that the item took place
  ("PM Modi arrives in Sydney") overrides it, as a schedule already could (``_headline_says_happened`` in
  watchers/tracking/engine.py).
- A concession names background: a status noun after "despite", "amid" or "notwithstanding" with up to three
  modifiers ("despite Quad summit cancellation", "amid launch pad repair delays") reports nothing new, and a
  nominalisation ("cancellation", "postponement", "approval") is such a noun as the bare form is
  (``_BACKGROUND_NOUN_RE`` and ``_nominalisation`` in watchers/extract/signals.py).
"""

from __future__ import annotations

import pytest

from tests.test_tracking_engine import Story
from tests.test_tracking_titles import read, watch_spec
from watchers.config import load_config_text
from watchers.tracking.replay import build_engine

# ------------------------------------------------------------------ a cancellation proved wrong

CANCELLED_CONFIG = """
watches:
  - id: visit
    title: Prime Minister Ardent's visit to Norway
    kind: event
    match: {any: [Ardent]}
    baseline: {status: planned, expected: 2031-05, as_of: 2031-04-01}
  - id: launch
    title: Skylance Flight 4 launch
    kind: event
    match: {any: [Skylance]}
    baseline: {status: planned, expected: 2031-05, as_of: 2031-04-01}
"""


@pytest.mark.parametrize(
    ("watch", "cancelled", "happened"),
    [
        (
            "visit",
            "Ardent's Norway visit cancelled, officials say",
            "Prime Minister Ardent arrives in Oslo for Norway visit",
        ),
        ("launch", "Skylance Flight 4 launch called off", "Skylance Flight 4 lifts off from Kourou"),
    ],
)
def test_a_headline_that_the_item_took_place_overrides_a_cancellation(
    watch: str, cancelled: str, happened: str
) -> None:
    story = Story(build_engine(load_config_text(CANCELLED_CONFIG)))
    story.read("2031-05-10T08:00", cancelled, "")
    assert story.states[watch].status == "cancelled"
    story.read("2031-05-22T12:00", happened, "")
    assert story.states[watch].status == "happened"


def test_a_hedged_or_summary_only_happening_leaves_the_cancellation() -> None:
    story = Story(build_engine(load_config_text(CANCELLED_CONFIG)))
    story.read("2031-05-10T08:00", "Skylance Flight 4 launch called off", "")
    story.read("2031-05-22T12:00", "Skylance could still lift off this year, CEO hopes", "")
    assert story.states["launch"].status == "cancelled"


# ------------------------------------------------------------------ a concession names background

VISIT = watch_spec("Modi visit to Australia", ["Modi"])
LAUNCH = watch_spec("Skylance Flight 4 launch", ["Skylance"])
OPENING = watch_spec("Harbour tunnel opening", ["Harbour tunnel"])


@pytest.mark.parametrize(
    ("spec", "title"),
    [
        (VISIT, "No change in PM Modi's Australia visit despite Quad summit cancellation: officials"),
        (LAUNCH, "Skylance Flight 4 stays on schedule amid launch pad repair delays"),
        (OPENING, "Harbour tunnel opening on track notwithstanding the ferry strike postponement"),
        (VISIT, "Modi visit goes ahead despite summit cancellation"),
    ],
)
def test_a_status_noun_in_a_concession_is_background(spec, title) -> None:  # type: ignore[no-untyped-def]
    assert not any(kind == "status" and value in ("cancelled", "postponed") for kind, value in read(spec, title))


@pytest.mark.parametrize(
    ("spec", "title", "status"),
    [
        (VISIT, "Modi cancels Australia visit", "cancelled"),
        (LAUNCH, "Postponement of Skylance Flight 4 launch announced", "postponed"),
        (OPENING, "Harbour tunnel opening delayed to June", "postponed"),
    ],
)
def test_the_items_own_cancellation_still_reads(spec, title, status) -> None:  # type: ignore[no-untyped-def]
    assert ("status", status) in read(spec, title)
