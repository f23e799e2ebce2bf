"""Whose trip, whose figure, which count: rules found on blind stories, each shown on several domains.

The reasons live in the docstrings and comments of the code that applies each rule: ``_other_trip`` and
``_owned_by_other`` in watchers/extract/observe.py (another destination's trip, another owner's subject),
``_OF_THE_NEXT``, ``_SIZE_MODIFIER_AFTER``, ``_MET_TARGET_BEFORE`` and the cumulative-unit rule in
watchers/extract/numbers.py, ``_REPORTED_BREAK`` in ``_other_measure``, the retrospective hedge in
watchers/extract/signals.py and ``_fixes_day`` in watchers/tracking/engine.py.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from test_tracking_grammar import spec_for

from watchers.extract.dates import find_dates
from watchers.extract.numbers import find_quantities
from watchers.extract.observe import ExtractionSpec, extract_observations

PUBLISHED = datetime(2031, 5, 4, 8, 0)

POPE = spec_for("Pope's visit to Canada", ("Pope",))
PM = spec_for("Prime Minister's state visit to Japan", ("Prime Minister",))
METRO = spec_for("Ottawa LRT opening", ("LRT",))
BRIDGE = spec_for("Harbour bridge opening", ("Harbour bridge", "bridge"))


def readings(spec: ExtractionSpec, title: str, summary: str = "") -> list[tuple[str, object]]:
    obs = extract_observations(spec, title=title, summary=summary, published=PUBLISHED)
    out: list[tuple[str, object]] = [(o.kind, o.status) for o in obs if o.kind == "status"]
    out += [("date", o.date.start) for o in obs if o.kind == "date" and o.date_role == "event" and o.date]
    return out


@pytest.mark.parametrize(
    ("spec", "title", "summary", "expected"),
    [
        # another destination's trip, named after the trip noun or before it
        (POPE, "Pope's June trip to Lebanon postponed for health reasons", "", []),
        (POPE, "Pope postpones July trip to Congo and South Sudan over knee problem", "", []),
        (PM, "With the Korea visit scrapped, aides say the Japan trip could still go ahead", "", []),
        (PM, "Prime Minister's Aug. 28 visit to Hanoi fuels talk of a reshuffle", "", []),
        # the watch's own destination keeps its news
        (POPE, "Pope's trip to Canada postponed", "", [("status", "postponed")]),
        # another owner's subject: a possessor or a name modifying the noun
        (METRO, "Kitchener's $868-million LRT opened to the public Friday", "", []),
        (BRIDGE, "the Tamar bridge slated to open in 2034", "", []),
        # a name acting for the item is left alone
        (BRIDGE, "Harbour bridge opening delayed to 2033, Transport Ministry says", "", [("status", "postponed")]),
    ],
)
def test_another_destinations_trip_and_another_owners_subject(
    spec: ExtractionSpec, title: str, summary: str, expected: list[tuple[str, object]]
) -> None:
    got = readings(spec, title, summary)
    assert [r for r in got if r[0] == "status"] == [r for r in expected if r[0] == "status"]
    if not expected:
        assert got == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a share of the promise named by its size is the running total
        (
            "The ministry has released 44.5 million barrels of the 180 million it promised",
            [("44.5 million", "total"), ("180 million", "target")],
        ),
        (
            "Donors gave 2 million doses out of the 12 million pledged",
            [("2 million", "total"), ("12 million", "target")],
        ),
        # a figure hyphened to its unit is the size of a thing
        ("The barrels complete the 180 million-barrel release", [("180 million", "other")]),
        ("Lawmakers weigh a 12-million-ton purchase deal", [("12-million-ton", "other")]),
        # a present perfect of movement is a running total
        ("About 82 million barrels have now flowed out of the reserve", [("About 82 million", "total")]),
        ("Some 3 million visitors have already streamed through the gates", [("Some 3 million", "total")]),
        # a price's 'tops' says nothing of the barrels
        ("Drawdown hits 44.5 million barrels as gas tops $5", [("44.5 million", "total"), ("$5", "total")]),
        # the promise closed out is reached
        ("The sale closes out the 180 million barrels ordered in March", [("180 million", "total")]),
        # a milestone marked directly, not a tranche of it
        ("President marks 150 million shots", [("150 million", "total")]),
        ("The release marks the final tranche of the 180 million barrels authorized", [("180 million", "other")]),
    ],
)
def test_which_count_a_figure_is(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(q.text, q.role) for q in find_quantities(sentence)] == expected


def test_a_measure_noun_in_another_reported_clause_does_not_claim_the_figure() -> None:
    spec = ExtractionSpec(kind="metric", subject_terms=("reserve",), unit="count", title_words=("reserve",))
    obs = extract_observations(
        spec,
        title="Reserve release",
        summary="After the cartel's decision to cut output by 2 million barrels a day, the agency said it has released"
        " 160 million barrels from the reserve since March.",
        published=PUBLISHED,
    )
    assert [o.value for o in obs if o.kind == "value"] == [160_000_000.0]


@pytest.mark.parametrize(
    "title",
    [
        "From the archives: a royal visit scrubbed by fog",
        "On this day in 1987: the bridge opening postponed by strikes",
        "Looking back: how the launch was delayed five times",
    ],
)
def test_a_retrospective_tells_history(title: str) -> None:
    obs = extract_observations(BRIDGE, title=title + " (Harbour bridge)", summary="", published=PUBLISHED)
    assert all(o.confidence == "unconfirmed" for o in obs if o.kind == "status")


# ------------------------------------------------------------------ a collapsed deal revived; deadlines with "until"

DEALS = """
settings:
  max_entry_age: 3650d
watches:
  - id: takeover
    title: Acme takeover of Bolt Motors
    kind: agreement
    match: {any: [Bolt Motors]}
    baseline: {status: agreed, due: 2031-12-31, as_of: 2031-01-10}
"""


def test_a_collapsed_deal_comes_back_on_a_stated_plan_and_closes() -> None:
    from test_tracking_deadlines import Story

    from watchers.config import load_config_text
    from watchers.tracking.replay import build_engine

    story = Story()
    story.engine = build_engine(load_config_text(DEALS))
    story.states = story.engine.initial_states()
    kinds = [(a.kind, a.new) for a in story.read("2031-03-08T20:00", "Acme terminates $44 billion Bolt Motors deal")]
    assert kinds == [("status", "collapsed")]
    # background in a later headline does not revive it
    assert (
        story.read("2031-04-01T10:00", "Bolt Motors shares slump as Acme calls off the deal it agreed in January") == []
    )
    # a stated plan to complete it does
    revived = story.read("2031-06-04T19:00", "Acme tells Bolt Motors it will close the deal at $54.20 a share")
    assert [(a.kind, a.new) for a in revived] == [("status", "agreed")]
    # "until <date> to close" is the deal's deadline
    moved = story.read("2031-06-06T22:00", "Judge gives Bolt Motors deal until Oct. 28 to close")
    assert [(a.kind, a.new) for a in moved] == [("date", "2031-10-28")]
    done = story.read("2031-10-28T04:00", "Acme completes $44bn Bolt Motors takeover")
    assert [(a.kind, a.new) for a in done] == [("status", "signed")]


def test_a_headline_figure_given_to_another_entity_is_that_entitys_in_the_summary() -> None:
    spec = ExtractionSpec(
        kind="metric",
        subject_terms=("wheat procurement", "wheat"),
        unit="t",
        title_names=("India",),
        title_words=("India",),
    )
    obs = extract_observations(
        spec,
        title="MP wheat procurement at 45 LMT",
        summary="Madhya Pradesh has procured 45 lakh metric tonnes of wheat so far.",
        published=PUBLISHED,
    )
    assert [o.value for o in obs if o.kind == "value"] == []


@pytest.mark.parametrize(
    ("spec", "title", "summary", "confirmed_days"),
    [
        # a wish states no date; a timetable "expected" and a goal with a deadline do
        (METRO, "Builder misses handover, but city still hopes for September LRT service", "", []),
        (METRO, "Ottawa LRT now expected to open in September", "", [date(2031, 9, 1)]),
        # a plan word's infinitive that is another act owns the date
        (METRO, "LRT update", "The builder was due to tell the city on Wednesday when the LRT will be ready.", []),
        (BRIDGE, "Harbour bridge update", "The Harbour bridge contractor is due to submit its report on June 3.", []),
        # the item's own verb after the plan word keeps it
        (BRIDGE, "Harbour bridge set to open on June 3", "", [date(2031, 6, 3)]),
    ],
)
def test_wishes_and_other_acts_do_not_date_the_item(
    spec: ExtractionSpec, title: str, summary: str, confirmed_days: list[date]
) -> None:
    obs = extract_observations(spec, title=title, summary=summary, published=PUBLISHED)
    got = [
        o.date.start
        for o in obs
        if o.kind == "date" and o.date_role == "event" and o.date and o.confidence == "confirmed"
    ]
    assert got == confirmed_days


def test_once_the_stored_day_has_passed_a_new_schedule_is_confirmed_not_a_slip() -> None:
    from test_tracking_deadlines import Slips

    story = Slips()
    # still ahead: a later day is a slip
    assert [a.new for a in story.read("2031-09-08T18:00", "Agency sets Dec. 18 target for Vega probe launch")] == [
        "postponed"
    ]
    # the day passes (the clock says so), then a new day is named: confirmed, with the date moved
    story.engine.tick(story.states, datetime(2031, 12, 19, 12, 0, tzinfo=UTC))
    (alert,) = story.read("2031-12-28T10:00", "Vega probe launch set for Jan. 14")
    assert (alert.kind, alert.new) == ("status", "confirmed")
    assert alert.state["expected"]["start"] == "2032-01-14"


# ------------------------------------------------------------------ clauses, results, rivals and takeovers

CYBER = spec_for("Tesla Cybertruck first customer deliveries", ("Cybertruck", "Tesla"))
JET = spec_for("FAA lifts Boeing 737 MAX grounding order", ("737 MAX",))
FOX = spec_for("Disney acquisition of 21st Century Fox assets", ("Fox", "Disney"), kind="agreement")
PACT = spec_for("US-China rare earths deal", ("rare earths",), kind="agreement")


@pytest.mark.parametrize(
    ("spec", "title", "summary", "expected"),
    [
        # each clause has its own subject: the date of a clause naming another product is that product's
        (CYBER, "Tesla pulls Model Y deliveries forward to March; Cybertruck still on plan for late 2021", "", []),
        # a participle after a finished clause states its result
        (JET, "FAA finds new flaw in 737 MAX software, delaying the jet's return", "", [("status", "postponed")]),
        # a timetable given up is not the item given up
        (
            PACT,
            "Rare earths talks drag on",
            "Officials said the rare earths deal will wait until January, abandoning the Dec. 15 target.",
            [],
        ),
        # a rival bidder walking away ends its own bid
        (FOX, "Comcast walks away from Fox bidding war, clearing path for Disney", "", []),
        # in a takeover, signing the merger agreement agrees its terms; completing it is done
        (FOX, "Disney inks $71.3 billion deal for Fox, topping Comcast", "", [("status", "agreed")]),
        (FOX, "Disney completes $71.3 billion acquisition of Fox assets", "", [("status", "signed")]),
        # a present after "when" is a time to come
        (FOX, "Sky bid", "Disney will inherit the Sky offer when it completes its Fox purchase.", []),
    ],
)
def test_clauses_results_rivals_and_takeovers(
    spec: ExtractionSpec, title: str, summary: str, expected: list[tuple[str, object]]
) -> None:
    obs = extract_observations(spec, title=title, summary=summary, published=PUBLISHED)
    statuses = [("status", o.status) for o in obs if o.kind == "status" and o.confidence == "confirmed"]
    assert statuses == expected
    if spec is CYBER:
        assert [o for o in obs if o.kind == "date" and o.date_role == "event" and o.date and o.date.month == 3] == []


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a reporting verb after the date says when it was said, not when the date is
        (
            "The company will hold an event for the first customers in the third quarter, Musk said",
            date(2031, 4, 19),
            2031,
        ),
        ("Disney sets March 20 closing date for the acquisition", date(2031, 3, 12), 2031),
    ],
)
def test_the_year_of_a_date_followed_by_a_reporting_verb(text: str, published: date, expected: int) -> None:
    assert find_dates(text, published)[0].start.year == expected


def test_a_date_modifying_a_closing_date_is_a_deadline() -> None:
    (mention,) = find_dates("Disney sets March 20 closing date", date(2031, 3, 12))
    assert mention.deadline


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # official data showing a count, and a count that people "have had"
        ("Government figures show 2,918,252 first doses", [("2,918,252", "total")]),
        ("Some 4,609,740 people across the UK have had a first dose", [("Some 4,609,740", "total")]),
        # a threshold crossed by another measure does not demote the count
        (
            "14 million people receive a first dose as the UK passes 4 million cases",
            [("14 million", "total"), ("4 million", "total")],
        ),
        # the whole a figure is counted against is not a total reached ...
        ("9.5 million tickets sold out of 10 million", [("9.5 million", "total"), ("10 million", "other")]),
        # ... unless the whole is itself told as done
        (
            "China has received about 7.7 million tonnes of the 31.8 million tonnes shipped under the deal",
            [("about 7.7 million tonnes", "total"), ("31.8 million tonnes", "total")],
        ),
        # a period word governs the figure next to it, not a schedule before "with"
        ("Organisers drip-feed seats weekly with 8.3 million sold", [("8.3 million", "total")]),
        ("China booked 600,000 tons this week", [("600,000 tons", "increment")]),
    ],
)
def test_counts_in_official_data_wholes_and_periods(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(q.text, q.role) for q in find_quantities(sentence)] == expected


def test_a_standing_thing_has_no_verb_that_says_it_happened() -> None:
    from watchers.extract.item import happened_verb, item_verb

    assert [happened_verb(n) for n in ("order", "ban", "launch", "opening")] == [None, None, "launched", "opened"]
    assert item_verb("order") is None


TREATY = spec_for("USMCA entry into force", ("USMCA",), kind="agreement")


@pytest.mark.parametrize(
    ("title", "summary", "expected", "days"),
    [
        ("USMCA enters into force, replacing NAFTA", "", [("status", "signed")], []),
        ("Trade pact update", "USTR said the USMCA will come into force on July 1.", [], [date(2031, 7, 1)]),
        # a present in a clause of time is a time to come
        ("USMCA update", "Tariff cuts apply six months after the USMCA enters into force.", [], []),
    ],
)
def test_entry_into_force_and_clauses_of_time(
    title: str, summary: str, expected: list[tuple[str, object]], days: list[date]
) -> None:
    obs = extract_observations(TREATY, title=title, summary=summary, published=PUBLISHED)
    assert [("status", o.status) for o in obs if o.kind == "status" and o.confidence == "confirmed"] == expected
    assert [o.date.start for o in obs if o.kind == "date" and o.date_role == "event" and o.date] == days


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a figure that modifies a goal noun, or what someone is supposed to do, names a goal ...
        (
            "about 81 million shots have been given and the 100 million goal will be met",
            [("about 81 million", "total"), ("100 million", "target")],
        ),
        ("attention shifts to the 25 MMT Beijing is supposed to buy in 2032", [("25 MMT", "target")]),
        # ... unless it is reached
        ("Spain's reservoirs hit 60% target two months early", [("60%", "percent")]),
        # a count summed over the item and something else
        ("9.7 million tickets were sold for the Olympic and Paralympic Games combined", [("9.7 million", "other")]),
        # a count given
        ("Britain had given 3,857,266 people a first dose", [("3,857,266", "total")]),
    ],
)
def test_goals_obligations_combined_counts(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(q.text, q.role) for q in find_quantities(sentence)] == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # a delay whose object is another named product
        ("Tesla pushes Semi truck to 2032", []),
        # the item's own, or a destination
        ("Tesla pushes Cybertruck to 2032", [("status", "postponed")]),
        # the present of a handover in a headline
        ("Tesla hands over first Cybertrucks to customers", [("status", "happened")]),
    ],
)
def test_another_named_object_and_a_handover(title: str, expected: list[tuple[str, object]]) -> None:
    obs = extract_observations(CYBER, title=title, summary="", published=PUBLISHED)
    assert [("status", o.status) for o in obs if o.kind == "status" and o.confidence == "confirmed"] == expected


def test_a_figure_the_total_went_through_reported_again_is_not_a_correction() -> None:
    from test_tracking_deadlines import Totals

    story = Totals()
    assert changes_of(story.read("2031-03-01T10:00", "Island vaccine doses given reach 3 million")) == [("value", 3e6)]
    assert changes_of(story.read("2031-03-08T10:00", "Island vaccine doses given reach 3.4 million")) == [
        ("value", 3.4e6)
    ]
    # two late outlets repeat the earlier step: old news, not a correction of 3.4 million
    assert changes_of(story.read("2031-03-09T10:00", "Island vaccine doses given stood at 3 million, data show")) == []
    assert (
        changes_of(story.read("2031-03-09T12:00", "Island vaccine doses given reached 3 million, ministry says")) == []
    )
    assert story.states["doses"].value == 3.4e6


def changes_of(alerts: list[object]) -> list[tuple[str, object]]:
    return [(a.kind, a.new) for a in alerts]  # type: ignore[attr-defined]


RELEASE = """
settings:
  max_entry_age: 3650d
watches:
  - id: release
    title: Reserve oil release
    kind: metric
    match: {any: [reserve]}
    metric: {unit: count}
    baseline: {value: 0, as_of: 2031-04-01}
    target: {value: 180000000, due: 2031-10-31}
"""


def test_a_count_from_before_a_zero_baseline_is_not_the_watchs_count() -> None:
    from test_tracking_deadlines import Story

    from watchers.config import load_config_text
    from watchers.tracking.replay import build_engine

    story = Story()
    story.engine = build_engine(load_config_text(RELEASE))
    story.states = story.engine.initial_states()
    assert changes_of(story.read("2031-06-01T10:00", "Reserve release reaches 40 million barrels")) == [("value", 4e7)]
    # counted since before the watch began (an earlier release included): not this release's count
    assert (
        changes_of(
            story.read("2031-07-01T10:00", "Agency has drawn 90 million barrels from the reserve since November 2030")
        )
        == []
    )
    # since the month the count began is the same count
    assert changes_of(
        story.read("2031-07-02T10:00", "Agency has drawn 60 million barrels from the reserve since March")
    ) == [("value", 6e7)]


def test_a_denied_permission_denies_the_act() -> None:
    spec = spec_for("Jetliner return to service", ("Jetliner",))
    obs = extract_observations(
        spec, title="Regulator: Jetliner won't be cleared to fly again in 2031", summary="", published=PUBLISHED
    )
    assert [o.date_role for o in obs if o.kind == "date"] == ["denied"]


HEADSET = spec_for("Apple Vision Pro US release", ("Vision Pro",))
ROCKET = spec_for("Ariane 6 first launch", ("Ariane 6",))


@pytest.mark.parametrize(
    ("spec", "title", "summary", "expected"),
    [
        # a plural noun after "hits" or "on" is not the verb "shelve"
        (HEADSET, "Vision Pro hits shelves in the US", "", [("status", "happened")]),
        (HEADSET, "Apple shelves Vision Pro release", "", [("status", "postponed")]),
        # another maker's product owns the sentence, even when its name is capitalised
        (HEADSET, "Meta's Quest 3 headset hits shelves, beating Apple's Vision Pro to market", "", []),
        # a nominalised status after a preposition is a topic
        (
            HEADSET,
            "Vision Pro on course",
            "The analyst countered online chatter about postponement of the Vision Pro.",
            [],
        ),
        # a delay of hours keeps the day
        (ROCKET, "Ariane 6 launch delayed by about an hour as teams fix a glitch", "", []),
        (ROCKET, "Ariane 6 launch delayed by a week", "", [("status", "postponed")]),
    ],
)
def test_shelves_topics_owners_and_hours(
    spec: ExtractionSpec, title: str, summary: str, expected: list[tuple[str, object]]
) -> None:
    obs = extract_observations(spec, title=title, summary=summary, published=PUBLISHED)
    assert [("status", o.status) for o in obs if o.kind == "status" and o.confidence == "confirmed"] == expected


def test_a_process_noun_owns_the_event_noun_after_it() -> None:
    obs = extract_observations(
        HEADSET,
        title="Vision Pro news",
        summary="The Vision Pro goes on sale Feb. 2, with pre-orders opening Jan. 19.",
        published=PUBLISHED,
    )
    assert date(2031, 1, 19) not in [
        o.date.start for o in obs if o.kind == "date" and o.date_role == "event" and o.date
    ]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a year-less day that passed weeks ago, in a future tense, is this year's told late
        ("Broadcom says the deal is expected to close on Oct. 30", date(2031, 11, 6), date(2031, 10, 30)),
        # one that passed long ago is next year's
        ("The deal is expected to close on March 30", date(2031, 11, 6), date(2032, 3, 30)),
        # "sets" a window schedules it ahead
        ("ESA sets June 15-July 31 window for the first launch", date(2031, 11, 30), date(2032, 6, 15)),
    ],
)
def test_the_year_of_a_year_less_day(text: str, published: date, expected: date) -> None:
    assert find_dates(text, published)[0].start == expected


def test_a_title_written_as_a_headline_gives_its_verb() -> None:
    from watchers.extract.item import title_verb

    assert [
        title_verb(t) for t in ("India lifts rice export ban", "Fed cuts interest rates", "Trump visit to Beijing")
    ] == [
        "lift",
        "cut",
        None,
    ]


BAN = ExtractionSpec(
    kind="event", subject_terms=("rice export",), item_nouns=("ban",), title_names=("India",), title_verb="lift"
)
CONSOLE = spec_for("Nintendo Switch 2 launch", ("Switch 2",))
STATE_VISIT = spec_for("Macron's state visit to Germany", ("Macron",))


@pytest.mark.parametrize(
    ("spec", "title", "summary", "expected"),
    [
        # the title's verb with its noun is the item happening
        (BAN, "India lifts ban on rice exports, sets $490 floor", "", [("status", "happened")]),
        # a transitive cancellation of something else
        (BAN, "India scraps floor price on basmati rice exports", "", []),
        # an arrival for another event is that event's
        (STATE_VISIT, "Macron arrives in Germany for Franco-German cabinet retreat", "", []),
        # a delay of a process of the item
        (CONSOLE, "Nintendo pushes back Switch 2 preorders in the US", "", []),
        # a plural noun after a preposition is no headline verb
        (CONSOLE, "Fans queue for midnight Switch 2 launches", "", []),
    ],
)
def test_title_verbs_objects_purposes_and_processes(
    spec: ExtractionSpec, title: str, summary: str, expected: list[tuple[str, object]]
) -> None:
    obs = extract_observations(spec, title=title, summary=summary, published=PUBLISHED)
    assert [("status", o.status) for o in obs if o.kind == "status" and o.confidence == "confirmed"] == expected


@pytest.mark.parametrize(
    ("spec", "title", "summary"),
    [
        # "what to expect" previews; travel verbs do not date a product
        (CONSOLE, "Switch 2 Direct: start time and what to expect on Wednesday", ""),
        (CONSOLE, "Nintendo update", "Nintendo said Switch 2 details would come at the April 2 Direct."),
    ],
)
def test_previews_and_travel_verbs_do_not_date_a_product(spec: ExtractionSpec, title: str, summary: str) -> None:
    obs = extract_observations(spec, title=title, summary=summary, published=PUBLISHED)
    assert [o for o in obs if o.kind == "date" and o.date_role == "event"] == []


def test_a_forecast_by_observers_and_a_year_ago_today_are_hedges() -> None:
    obs = extract_observations(
        CONSOLE,
        title="A year ago today, reports said the Switch 2 was delayed",
        summary="Analysts expect Nintendo to release the Switch 2 before the summer.",
        published=PUBLISHED,
    )
    assert all(o.confidence == "unconfirmed" for o in obs)
