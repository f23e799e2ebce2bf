"""Readings from the blind batches of this session (fresh56 on), each from a general reason and shown on several
domains.

- A cancellation is a reading the next headline can prove wrong: an unhedged headline that the item took place
  ("PM Modi arrives in Sydney") overrides it, as a schedule already could (``_headline_says_happened`` in
  watchers/tracking/engine.py).
- A concession names background: a status noun after "despite", "amid" or "notwithstanding" with up to three
  modifiers ("despite Quad summit cancellation", "amid launch pad repair delays") reports nothing new, and a
  nominalisation ("cancellation", "postponement", "approval") is such a noun as the bare form is
  (``_BACKGROUND_NOUN_RE`` and ``_nominalisation`` in watchers/extract/signals.py).
- A weekday with its week ("on Tuesday next week", "Friday of this week") is that weekday in the week named, weeks
  running Monday to Sunday (``_weekday`` and ``_rel_week`` in watchers/extract/dates.py).
- A particle right after a verb makes another verb: "holds off naming a referendum date" holds no referendum,
  "backs out of the deal" backs nothing (``_PARTICLES`` in ``_phrase_regex``).
- A possessive determiner opens a phrase as "the" does, so a preposition inside a name after it stays in the name
  ("its Indigenous Voice to Parliament referendum": the head is "referendum") (``_DETERMINERS`` in
  watchers/extract/item.py).
- A reporting verb closing a headline confirms the clause before it when that clause names the item ("Voice
  referendum to be held on October 14, Albanese announces") (``_announces_other``).
- A light verb's object is the happening: "to hold first elections early next year" dates the elections, not a
  referendum; the item's own object keeps the date (``_light_verb_other_object`` in watchers/extract/observe.py).
- The noun "date" with a day after "on" is the day the date is told: "to announce Voice referendum date in Adelaide
  on Wednesday" (``_DATE_NOUN_THEN_DAY``).
- A transaction's closing is its happening: "close" is an event verb ("When does the merger actually close?",
  "deal closes") (lexicon/event_verbs.yaml).
- A date introduced by another noun's "date of" is that noun's: "set a record date of April 5 for the stock
  dividend"; the item's own ("a closing date of", "the new launch date of") keeps it (``_NAMED_DATE_OF``).
- A text signed to start negotiating settles no terms: "sign MoU to launch free trade agreement negotiations", as
  "agree to resume talks" does not (``_PROCESS_AFTER`` after ``_TEXT_OBJECT_AFTER``).
- A list of destinations that names the item's place is a tour the item is a leg of: "to visit Japan, Papua New
  Guinea and Australia" (``_own_place_in_list``).
- A group's meeting as a status verb's subject is another happening than a visit: "Sydney Quad summit scrubbed,
  but Modi still coming" (``_GROUP_MEETING_SUBJECT``), as its date already was.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.test_tracking_engine import Story
from tests.test_tracking_titles import read, watch_spec
from watchers.config import load_config_text
from watchers.extract.dates import find_dates
from watchers.extract.item import head_noun
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


# ------------------------------------------------------------------ a weekday inside a named week

MONDAY = date(2025, 6, 16)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Tanegashima readies for final H2A launch on Tuesday next week", date(2025, 6, 24)),
        ("the council votes on Tuesday of next week", date(2025, 6, 24)),
        ("the store opens on Friday this week", date(2025, 6, 20)),
        ("talks were held on Thursday last week", date(2025, 6, 12)),
        ("the summit opens Monday, next week", date(2025, 6, 23)),
    ],
)
def test_a_weekday_with_its_week_is_that_weeks_day(text: str, day: date) -> None:
    found = find_dates(text, MONDAY)
    assert [(d.start, d.end, d.precision) for d in found] == [(day, day, "day")]


@pytest.mark.parametrize("text", ["the launch slips to next week", "a holiday next week", "the vote is next week"])
def test_next_week_alone_is_still_the_week(text: str) -> None:
    found = find_dates(text, MONDAY)
    assert [(d.start, d.end, d.precision) for d in found] == [(date(2025, 6, 23), date(2025, 6, 29), "week")]


# ------------------------------------------------------------------ a particle makes another verb

REFERENDUM = watch_spec("When will Australia hold its Indigenous Voice to Parliament referendum?", ["Voice"])
TREATY = watch_spec("Harbour treaty signing", ["Harbour treaty"], kind="agreement")


@pytest.mark.parametrize(
    ("spec", "title"),
    [
        (REFERENDUM, "Albanese holds off naming Voice referendum date in Garma speech"),
        (TREATY, "Minister signs off on Harbour treaty consultation paper"),
        (LAUNCH, "Skylance launch team backs away from Friday attempt"),
    ],
)
def test_a_verb_with_a_particle_is_another_verb(spec, title) -> None:  # type: ignore[no-untyped-def]
    got = read(spec, title)
    assert not any(kind == "status" and value in ("happened", "signed") for kind, value in got)


def test_the_verb_without_a_particle_still_reads() -> None:
    assert ("status", "happened") in read(REFERENDUM, "Australia holds Voice referendum, polls close at 6pm")


# ------------------------------------------------------------------ a possessive before a name with a preposition


@pytest.mark.parametrize(
    ("title", "head"),
    [
        ("When will Australia hold its Indigenous Voice to Parliament referendum?", "referendum"),
        ("Will Sony ship its Heart of Chornobyl edition?", "edition"),
        ("Their Pact on Migration and Asylum adoption", "adoption"),
    ],
)
def test_a_possessive_determiner_keeps_a_name_with_a_preposition(title: str, head: str) -> None:
    assert head_noun(title) == head


# ------------------------------------------------------------------ a reporting verb closing a headline


@pytest.mark.parametrize(
    ("spec", "title"),
    [
        (REFERENDUM, "Voice referendum to be held on October 14, Albanese announces"),
        (LAUNCH, "Skylance Flight 4 launch set for June 3, agency confirms"),
    ],
)
def test_a_closing_reporting_verb_confirms_the_items_clause(spec, title) -> None:  # type: ignore[no-untyped-def]
    assert ("status", "confirmed") in read(spec, title)


def test_a_closing_reporting_verb_on_another_clause_confirms_nothing() -> None:
    got = read(LAUNCH, "Engineer released after three years in detention, Skylance confirms")
    assert ("status", "confirmed") not in got


# ------------------------------------------------------------------ a light verb's object, a date's day


@pytest.mark.parametrize(
    ("spec", "title"),
    [
        (REFERENDUM, "South Australia's state First Nations Voice to hold first elections early next year"),
        (LAUNCH, "Skylance team to stage a wet dress rehearsal on Friday"),
        (OPENING, "Harbour tunnel operator to host a public consultation in May"),
        (REFERENDUM, "Albanese expected to announce Voice referendum date in Adelaide on Wednesday"),
        (LAUNCH, "Agency to reveal Skylance Flight 4 launch date on Thursday"),
    ],
)
def test_another_happenings_or_a_telling_day_is_no_item_date(spec, title) -> None:  # type: ignore[no-untyped-def]
    assert not any(kind == "date" for kind, _ in read(spec, title))


@pytest.mark.parametrize(
    ("spec", "title", "day"),
    [
        (REFERENDUM, "Australia to hold Indigenous Voice referendum on Oct. 14", date(2031, 10, 14)),
        (VISIT, "Modi will make a state visit to Australia on Sept. 20", date(2031, 9, 20)),
        (REFERENDUM, "Albanese sets Voice referendum date for Oct. 14", date(2031, 10, 14)),
    ],
)
def test_the_items_own_object_keeps_its_date(spec, title, day) -> None:  # type: ignore[no-untyped-def]
    assert ("date", day) in read(spec, title)


# ------------------------------------------------------------------ closing, dates of other nouns, texts, lists

MERGER_EVENT = watch_spec("When does the Orion-Vesta merger actually close?", ["Orion", "Vesta"])
PACT = watch_spec("Harbour-Norland free trade agreement", ["free trade"], kind="agreement")
TOUR = watch_spec("Modi visit to Australia", ["Modi"])


@pytest.mark.parametrize(
    "title",
    ["Orion-Vesta merger closes", "Orion completes spin-off; Orion-Vesta deal closes", "Vesta deal closed on Friday"],
)
def test_a_transaction_closing_is_its_happening(title: str) -> None:
    assert ("status", "happened") in read(MERGER_EVENT, title)


@pytest.mark.parametrize(
    ("spec", "title"),
    [
        (MERGER_EVENT, "Orion set a record date of June 5 for the stock dividend that spins off Vesta"),
        (LAUNCH, "Skylance sets an investor day date of June 5 before Flight 4"),
        (VISIT, "Modi visit: the bilateral committee sets a hearing date of June 5"),
    ],
)
def test_another_nouns_date_of_is_no_item_date(spec, title) -> None:  # type: ignore[no-untyped-def]
    assert not any(kind == "date" for kind, _ in read(spec, title))


@pytest.mark.parametrize(
    ("spec", "title", "day"),
    [
        (MERGER_EVENT, "Orion-Vesta merger gets a closing date of June 5", date(2031, 6, 5)),
        (LAUNCH, "Skylance Flight 4 now has a new launch date of June 5", date(2031, 6, 5)),
    ],
)
def test_the_items_own_date_of_keeps_it(spec, title, day) -> None:  # type: ignore[no-untyped-def]
    assert ("date", day) in read(spec, title)


@pytest.mark.parametrize(
    "title",
    [
        "Harbour, Norland sign MoU to launch free trade agreement negotiations",
        "Ministers sign memorandum to start talks on free trade agreement",
    ],
)
def test_a_text_to_begin_negotiating_settles_nothing(title: str) -> None:
    assert not any(kind == "status" for kind, _ in read(PACT, title))


def test_a_text_of_the_deal_itself_is_terms_agreed() -> None:
    assert ("status", "agreed") in read(PACT, "Harbour, Norland finalise free trade agreement text")


@pytest.mark.parametrize(
    "title",
    [
        "PM Modi to visit Japan, Papua New Guinea and Australia from May 19 to 24",
        "Modi to visit Japan and Australia on May 19",
    ],
)
def test_a_list_of_destinations_with_the_items_place_is_the_items(title: str) -> None:
    assert ("status", "confirmed") in read(TOUR, title)


def test_a_list_without_the_items_place_is_another_trip() -> None:
    assert ("status", "confirmed") not in read(TOUR, "PM Modi to visit Japan and Papua New Guinea on May 19")


@pytest.mark.parametrize(
    "title",
    [
        "Sydney Quad summit scrubbed after Biden pulls out, but Modi still coming",
        "G20 meeting has been postponed, Modi visit unaffected",
    ],
)
def test_a_groups_meeting_as_subject_is_another_happening(title: str) -> None:
    assert not any(kind == "status" and v in ("postponed", "cancelled") for kind, v in read(TOUR, title))
