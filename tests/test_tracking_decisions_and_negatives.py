"""Readings added with the thirtieth blind batch: decisions, near-completions and negatives told around a status
word, and owners of a figure. Each rule's reason lives in its docstring or comment: ``_DECIDED_TO_RE``,
``_NOT_AMONG_RE``, ``_NEGATIVE_CONTENT_RE`` and the near-completion hedge in ``_LOCAL_HEDGE_RE``
(watchers/extract/signals.py); ``_EARLIER_SCHEDULE_BEFORE``, ``_SCHEDULE_NOUNS``, the headline whose traveller the
summary names, and a capital city as its country (watchers/extract/observe.py); a possessive count carried to a
level (watchers/extract/numbers.py)."""

from __future__ import annotations

from datetime import date

import pytest
from test_tracking_titles import read, watch_spec

# ------------------------------------------------------------------ a decision's infinitive is decided


@pytest.mark.parametrize(
    ("title", "terms", "headline", "status"),
    [
        ("EU deforestation law start", ["deforestation"], "EU clinches deal to delay deforestation law", "postponed"),
        ("Artemis III launch", ["Artemis III"], "NASA agrees to delay Artemis III launch", "postponed"),
        ("Paris climate summit", ["summit"], "Organisers voted on Monday to scrap the Paris summit", "cancelled"),
        ("Tokyo Olympics", ["Olympics"], "IOC decision to postpone Tokyo Olympics ends weeks of doubt", "postponed"),
    ],
)
def test_a_decisions_infinitive_is_decided(title: str, terms: list[str], headline: str, status: str) -> None:
    assert ("status", status) in read(watch_spec(title, terms), headline)


@pytest.mark.parametrize(
    ("title", "terms", "kind", "headline"),
    [
        # a plan, a proposal or a wish to act is still no act
        ("Paris climate summit", ["summit"], "event", "Organisers plan to scrap the Paris summit"),
        ("Artemis III launch", ["Artemis III"], "event", "NASA wants to delay Artemis III launch"),
        # a decision to sign names a signing still to come
        ("EU-Chile trade deal", ["EU-Chile"], "agreement", "EU and Chile agreed to sign the EU-Chile deal next week"),
    ],
)
def test_a_plan_to_act_is_not_decided(title: str, terms: list[str], kind: str, headline: str) -> None:
    found = read(watch_spec(title, terms, kind), headline)
    assert ("status", "cancelled") not in found
    assert ("status", "postponed") not in found
    assert ("status", "signed") not in found


# ------------------------------------------------------------------ a completion told as nearly there


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        (
            "US-South Korea trade deal",
            ["South Korea"],
            "Trump says trade deal with South Korea is 'pretty much finalized'",
        ),
        ("Omnicom-IPG merger", ["Interpublic"], "Omnicom's Interpublic merger all but complete, CEO says"),
        ("UK-India trade deal", ["UK-India"], "UK-India trade deal virtually finalised after talks"),
    ],
)
def test_a_completion_nearly_there_is_not_done(title: str, terms: list[str], headline: str) -> None:
    found = read(watch_spec(title, terms, "agreement"), headline)
    assert ("status", "signed") not in found
    assert ("status", "agreed") not in found


def test_a_completion_told_plainly_is_done() -> None:
    """A trade deal finalised has its terms settled (signing is another act); a merger finalised is completed."""
    spec = watch_spec("US-South Korea trade deal", ["South Korea"], "agreement")
    assert read(spec, "US and South Korea finalize trade deal") == [("status", "agreed")]
    merger = watch_spec("Orion-Vesta merger", ["Orion", "merger"], "agreement")
    assert read(merger, "Orion and Vesta finalize merger") == [("status", "signed")]


# ------------------------------------------------------------------ the item left out of what was acted on


@pytest.mark.parametrize(
    ("title", "terms", "headline", "summary"),
    [
        (
            "Skull and Bones release",
            ["Skull and Bones"],
            "Skull and Bones is not one of the games Ubisoft cancelled",
            "",
        ),
        ("King's visit to Kenya", ["Kenya"], "Kenya visit not among the trips the palace called off", ""),
        (
            "Skull and Bones release",
            ["Skull and Bones"],
            "Ubisoft update",
            "Ubisoft has confirmed Skull and Bones is not among the projects it scrapped this week.",
        ),
        ("Pope's visit to Lebanon", ["Lebanon"], "Vatican confirms the Lebanon visit will not take place", ""),
    ],
)
def test_the_item_left_out_or_denied(title: str, terms: list[str], headline: str, summary: str) -> None:
    found = read(watch_spec(title, terms), headline, summary)
    assert not any(k == "status" for k, _ in found), found


@pytest.mark.parametrize(
    ("title", "terms", "headline", "status"),
    [
        ("Skull and Bones release", ["Skull and Bones"], "Ubisoft cancels Skull and Bones", "cancelled"),
        ("Pope's visit to Lebanon", ["Lebanon"], "Vatican confirms Lebanon visit for Nov. 30", "confirmed"),
    ],
)
def test_the_item_acted_on_plainly(title: str, terms: list[str], headline: str, status: str) -> None:
    assert ("status", status) in read(watch_spec(title, terms), headline)


# ------------------------------------------------------------------ an earlier schedule, a goal named as a noun


@pytest.mark.parametrize(
    ("title", "terms", "summary"),
    [
        (
            "Skull and Bones release",
            ["Skull and Bones"],
            "Skull and Bones was originally set for Nov. 8, but here is what we know about the game so far.",
        ),
        (
            "Starliner crew flight test",
            ["Starliner"],
            "Starliner had initially been scheduled for May 6, officials noted.",
        ),
        # a goal of another measure
        ("Skull and Bones release", ["Skull and Bones"], "Ubisoft kept its full-year net bookings target, it said."),
    ],
)
def test_no_schedule_confirmed(title: str, terms: list[str], summary: str) -> None:
    found = read(watch_spec(title, terms), f"{terms[0]} update", summary)
    assert ("status", "confirmed") not in found


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        ("Skull and Bones release", ["Skull and Bones"], "Skull and Bones set for Nov. 8"),
        ("OSIRIS-REx sample return", ["OSIRIS-REx"], "NASA targets Sept. 24 for OSIRIS-REx sample return"),
    ],
)
def test_a_schedule_is_confirmed(title: str, terms: list[str], headline: str) -> None:
    assert ("status", "confirmed") in read(watch_spec(title, terms), headline)


# ------------------------------------------------------------------ a headline's traveller named in the summary


def test_a_headlines_traveller_named_otherwise_in_the_summary() -> None:
    spec = watch_spec("Chinese Premier Li Qiang's visit to Australia", ["Li Qiang", "Chinese premier", "Premier Li"])
    other = read(
        spec,
        "Chinese premier arrives in Canberra for talks",
        "Premier Li Keqiang arrived in Canberra on Thursday for the annual leaders' meeting.",
    )
    assert ("status", "happened") not in other
    own = read(
        spec,
        "Chinese premier arrives in Canberra",
        "Premier Li Qiang touched down in Canberra on Saturday evening.",
    )
    assert ("status", "happened") in own


# ------------------------------------------------------------------ whose figure it is


@pytest.mark.parametrize(
    ("title", "terms", "headline", "summary", "value"),
    [
        # a capital stands for its country
        ("Drones delivered to Ukraine", ["drones"], "Allies send more drones; Kyiv's total hits 120,000", "", 120_000),
        # a possessive count carried to a new level
        (
            "Ukraine ERA receipts",
            ["ERA"],
            "EU sends ERA tranche",
            "The payment took Ukraine's overall ERA receipts to about 7,900.",
            7_900,
        ),
        (
            "Switch 3 sales",
            ["Switch 3"],
            "Switch 3 holiday sales",
            "December sales lifted Nintendo's Switch 3 tally to 150,000.",
            150_000,
        ),
    ],
)
def test_the_items_own_figure(title: str, terms: list[str], headline: str, summary: str, value: float) -> None:
    assert [v for k, v in read(watch_spec(title, terms, "metric"), headline, summary) if k == "value"] == [value]


# ------------------------------------------------------------------ the date a move leaves behind


@pytest.mark.parametrize(
    ("title", "terms", "headline", "day"),
    [
        (
            "Noida airport opening",
            ["Noida"],
            "Noida airport opening delayed beyond June 17, licence awaited",
            date(2031, 6, 17),
        ),
        ("Artemis III launch", ["Artemis III"], "Artemis III launch slips past its Sept. 24 target", date(2031, 9, 24)),
        (
            "Jewar airport opening",
            ["Jewar"],
            "Jewar airport will miss its June 17 launch as licence lags",
            date(2031, 6, 17),
        ),
        (
            "Biden visit to Angola",
            ["Angola"],
            "Biden's Angola visit to miss the Oct. 13 slot after storm",
            date(2031, 10, 13),
        ),
    ],
)
def test_a_date_moved_beyond_or_missed_is_left_behind(title: str, terms: list[str], headline: str, day: date) -> None:
    assert ("date", day) not in read(watch_spec(title, terms), headline)


@pytest.mark.parametrize(
    ("title", "terms", "headline", "day"),
    [
        ("Noida airport opening", ["Noida"], "Noida airport opening delayed to June 17", date(2031, 6, 17)),
        ("Artemis III launch", ["Artemis III"], "Artemis III launch slips to Sept. 24", date(2031, 9, 24)),
    ],
)
def test_a_date_moved_to_is_the_new_one(title: str, terms: list[str], headline: str, day: date) -> None:
    assert ("date", day) in read(watch_spec(title, terms), headline)


# ------------------------------------------------------------------ another thing's move, clause or disclaimer


@pytest.mark.parametrize(
    ("title", "terms", "headline", "day"),
    [
        # a move with no object moves its named subject, and the date is that thing's
        (
            "Marathon release",
            ["Marathon"],
            "Borderlands 4 moves up to Sept. 12, no longer sharing launch day with Marathon",
            date(2031, 9, 12),
        ),
        (
            "Artemis III launch",
            ["Artemis"],
            "Starship test slips to Aug. 20 as Artemis III work continues",
            date(2031, 8, 20),
        ),
    ],
)
def test_another_things_move_keeps_its_date(title: str, terms: list[str], headline: str, day: date) -> None:
    assert ("date", day) not in read(watch_spec(title, terms), headline)


@pytest.mark.parametrize(
    ("title", "terms", "headline", "status"),
    [
        (
            "Marathon release",
            ["Marathon", "Bungie"],
            "Destiny 2: The Edge of Fate is out now as Bungie keeps Marathon under wraps",
            "happened",
        ),
        ("Marathon release", ["Marathon"], "Borderlands 4 launches while Marathon waits for a date", "happened"),
    ],
)
def test_the_item_named_only_in_a_later_clause(title: str, terms: list[str], headline: str, status: str) -> None:
    assert ("status", status) not in read(watch_spec(title, terms), headline)


def test_the_item_named_before_its_verb_keeps_it() -> None:
    spec = watch_spec("Marathon release", ["Marathon"])
    assert ("status", "happened") in read(spec, "Marathon is out now as Bungie celebrates")


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        (
            "Marathon release",
            ["Marathon"],
            "Sony expects Marathon to release by March 31, but says it is 'not a commitment'",
        ),
        (
            "Artemis III launch",
            ["Artemis III"],
            "Artemis III launch set for Sept. 24, though no official announcement has been made",
        ),
    ],
)
def test_a_disclaimed_statement_is_unconfirmed(title: str, terms: list[str], headline: str) -> None:
    found = read(watch_spec(title, terms), headline)
    assert not any(k == "date" for k, _ in found) and ("status", "confirmed") not in found


# ------------------------------------------------------------------ one moment in two time zones; a hypothetical


LAUNCH = """
watches:
  - id: probe
    title: Tianwen-9 launch
    kind: event
    match: {any: [Tianwen-9]}
    baseline: {status: confirmed, expected: 2031-05-29, as_of: 2031-05-20}
"""


def _launch_story() -> object:
    from test_tracking_engine import Story

    from watchers.config import load_config_text
    from watchers.tracking.replay import build_engine

    return Story(build_engine(load_config_text(LAUNCH)))


def test_the_stored_day_told_in_another_time_zone_moves_nothing() -> None:
    story = _launch_story()
    alerts = story.read(  # type: ignore[attr-defined]
        "2031-05-27T15:40",
        "China will launch Tianwen-9 on Wednesday: how to watch",
        "Tianwen-9 is scheduled to lift off at 1:31 p.m. EDT on Wednesday, May 28, which is early Thursday, May 29, "
        "in China.",
    )
    assert [(a.kind, a.new) for a in alerts] == []


def test_a_slip_to_the_next_day_still_moves_the_date() -> None:
    story = _launch_story()
    alerts = story.read(  # type: ignore[attr-defined]
        "2031-05-27T15:40",
        "Tianwen-9 launch slips to May 30",
        "The launch set for May 29 has been rescheduled to May 30 because of weather.",
    )
    assert [(a.kind, a.new) for a in alerts] == [("status", "postponed")]  # the one alert carries the new day
    assert story.states["probe"].expected.start.isoformat() == "2031-05-30"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "sentence",
    [
        "Tianwen-9 is set to fly on May 29; a scrubbed attempt would likely move to the following day.",
        "Officials said a delayed launch could push the mission into June.",
    ],
)
def test_a_hypothetical_participle_is_no_status(sentence: str) -> None:
    found = read(watch_spec("Tianwen-9 launch", ["Tianwen-9", "launch"]), "Tianwen-9 update", sentence)
    assert ("status", "postponed") not in found


# ------------------------------------------------------------------ an ability is not its use; people aware


@pytest.mark.parametrize(
    ("title", "terms", "kind", "sentence", "status"),
    [
        (
            "Zee-Sony merger",
            ["Zee"],
            "agreement",
            "Failing an extension, either side can terminate the Zee merger.",
            "collapsed",
        ),
        (
            "Omnicom-IPG merger",
            ["Interpublic"],
            "agreement",
            "With EU approval, the Interpublic deal can now close.",
            "signed",
        ),
        (
            "Artemis III launch",
            ["Artemis III"],
            "event",
            "NASA said Artemis III can be postponed if the suits are late.",
            "postponed",
        ),
    ],
)
def test_an_ability_is_not_its_use(title: str, terms: list[str], kind: str, sentence: str, status: str) -> None:
    assert ("status", status) not in read(watch_spec(title, terms, kind), f"{terms[0]} update", sentence)


def test_people_aware_of_the_matter_are_unnamed_sources() -> None:
    spec = watch_spec("Zee-Sony merger", ["Zee"], "agreement")
    found = read(spec, "Zee update", "Sony will call off the Zee merger on Monday, people aware of the matter said.")
    assert ("status", "collapsed") not in found
