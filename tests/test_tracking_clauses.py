"""Which clause a status, date or figure belongs to: rules found on the fourth blind batch, each shown on several
domains.

The reasons live in the code that applies each rule: ``_relative_clause_before``, ``_LONG_AFTER_BEFORE``,
``_AFTER_CLAUSE_BEFORE``, ``_MOVE_PHRASE``, ``_TEXT_OBJECT_AFTER``, ``_POSTMODIFIED_HEAD``, ``_DATE_POSSESSIVE``,
``_EXISTING_BEFORE``, ``_TOPIC_NOUN_BEFORE``, ``_SUBCLAUSE_RE``, ``_act_time`` and ``_counts_commitments`` in
watchers/extract/observe.py; ``_FIGURE_RELATIVE_BEFORE`` in watchers/extract/signals.py; the summing cues,
``_OF_THE_NEXT`` and the passive-after rule in watchers/extract/numbers.py; ``_ASSERTS_TARGET``, ``_counted_in``,
``_told_as_history`` and ``_postponed_again`` in watchers/tracking/engine.py.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from test_tracking_grammar import spec_for

from watchers.config import load_config_text
from watchers.extract.numbers import find_quantities
from watchers.extract.observe import ExtractionSpec, extract_observations
from watchers.extract.signals import hedge_cue
from watchers.tracking.engine import EntryInput
from watchers.tracking.replay import build_engine
from watchers.tracking.state import Alert

PUBLISHED = datetime(2031, 5, 4, 8, 0)

POPE = spec_for("Pope's visit to Congo", ("Congo",))
BRIDGE = spec_for("Harbour bridge opening", ("Harbour bridge",))
ROCKET = spec_for("Orion capsule launch", ("Orion",))
MERGER = spec_for("Acme takeover of Bolt Motors", ("Bolt Motors",), "agreement")
TREATY = spec_for("Ocean treaty", ("ocean treaty", "treaty"), "agreement")
TRADE = spec_for("Fisheries agreement", ("fisheries agreement", "agreement"), "agreement")


def statuses(spec: ExtractionSpec, title: str, summary: str = "") -> list[str | None]:
    obs = extract_observations(spec, title=title, summary=summary, published=PUBLISHED)
    return [o.status for o in obs if o.kind == "status"]


def event_dates(spec: ExtractionSpec, title: str, summary: str = "") -> list[date]:
    obs = extract_observations(spec, title=title, summary=summary, published=PUBLISHED)
    return [o.date.start for o in obs if o.kind == "date" and o.date_role == "event" and o.date]


# ------------------------------------------------------------------ a status told as known is no news


@pytest.mark.parametrize(
    ("spec", "title", "expected"),
    [
        # a relative clause describes its noun with what is known
        (POPE, "Pope will make the Congo trip that he postponed in July, Vatican says", []),
        (MERGER, "Regulators revisit the Bolt Motors deal, which collapsed in March, after new bid", []),
        (BRIDGE, "The Harbour bridge opening that was delayed by floods draws crowds of planners", []),
        # "that" after a reporting verb opens the reported news
        (BRIDGE, "City said that it postponed the Harbour bridge opening", ["postponed"]),
        (ROCKET, "NASA confirms it has postponed the Orion launch", ["postponed"]),
        # a name in capitals is no relative pronoun
        (TRADE, "WHO members clinch fisheries agreement", ["agreed"]),
    ],
)
def test_a_relative_clause_describes_its_noun(spec: ExtractionSpec, title: str, expected: list[str]) -> None:
    assert statuses(spec, title) == expected


@pytest.mark.parametrize(
    ("spec", "title", "summary", "expected"),
    [
        # a time distance before "after" dates the act that far back
        (POPE, "Pope in Rome", "Francis is at home, five months after the Congo trip was delayed by his knee.", []),
        (MERGER, "Bolt Motors shares rise", "Shares rose, two years after the Bolt Motors deal collapsed.", []),
        (
            BRIDGE,
            "Harbour bridge crews return",
            "Crews returned weeks after the Harbour bridge opening was postponed.",
            [],
        ),
        # without a distance, "after" may carry the news itself
        (BRIDGE, "Shares of builder fall after Harbour bridge opening postponed", "", ["postponed"]),
    ],
)
def test_an_act_measured_far_back_is_the_storys_past(
    spec: ExtractionSpec, title: str, summary: str, expected: list[str]
) -> None:
    assert statuses(spec, title, summary) == expected


@pytest.mark.parametrize(
    ("spec", "title", "expected"),
    [
        # the main clause's status is the news; the "after" clause its background
        (TREATY, "Countries agree ocean treaty after US walks away from talks", ["agreed"]),
        (MERGER, "Acme clinches Bolt Motors deal after rival walks away", ["agreed"]),
        (MERGER, "Acme completes Bolt Motors takeover after deal was delayed by regulators", ["signed"]),
    ],
)
def test_an_after_clause_is_background_to_the_main_clause(
    spec: ExtractionSpec, title: str, expected: list[str]
) -> None:
    assert statuses(spec, title) == expected


@pytest.mark.parametrize(
    ("spec", "title", "expected"),
    [
        # a verb of motion postpones only with a time after it
        (POPE, "Rebels have pushed to within 20km of Goma as Pope's Congo visit nears", []),
        (BRIDGE, "Harbour bridge ceremony moved to a bigger venue", []),
        (ROCKET, "Orion capsule slips to the back of the queue at the integration hall", []),
        (BRIDGE, "Harbour bridge opening pushed to March 2032", ["postponed"]),
        (ROCKET, "Orion launch slips to Dec. 24", ["postponed"]),
    ],
)
def test_a_move_postpones_only_to_a_time(spec: ExtractionSpec, title: str, expected: list[str]) -> None:
    assert statuses(spec, title) == expected


@pytest.mark.parametrize(
    ("spec", "title", "expected"),
    [
        # a text settled is an agreement reached, not yet signed or in force
        (TREATY, "Countries finalize ocean treaty text", ["agreed"]),
        (TRADE, "Negotiators finalise draft of the fisheries agreement", ["agreed"]),
        (MERGER, "Acme and Bolt Motors finalize terms of takeover", ["agreed"]),
        # ... and so is the agreement itself finalised: its signature is another act, often months later
        (TRADE, "Ministers finalize fisheries agreement in Lisbon", ["agreed"]),
    ],
)
def test_a_text_finalized_is_agreed(spec: ExtractionSpec, title: str, expected: list[str]) -> None:
    assert statuses(spec, title) == expected


@pytest.mark.parametrize(
    ("spec", "summary", "expected"),
    [
        # a noun post-modified by a participle phrase naming the item is the verb's subject
        (TRADE, "Exports rose as licences issued under the fisheries agreement took effect.", []),
        (TREATY, "Quotas set under the ocean treaty took effect on Monday.", []),
        (MERGER, "Job cuts announced with the Bolt Motors deal were completed.", []),
        (TRADE, "The fisheries agreement took effect on Monday.", ["signed"]),
    ],
)
def test_a_postmodified_noun_is_the_subject(spec: ExtractionSpec, summary: str, expected: list[str]) -> None:
    assert statuses(spec, "Quarterly update", summary) == expected


# ------------------------------------------------------------------ whose date


@pytest.mark.parametrize(
    ("spec", "title", "expected"),
    [
        # a date in the possessive is the date of the noun it modifies
        (POPE, "Two million hope to attend Wednesday's Mass as Pope's Congo visit begins", []),
        (ROCKET, "Orion crews called off Monday's rehearsal", []),
        (BRIDGE, "Harbour bridge: Friday's inspection passed", []),
        (POPE, "Pope's Congo visit: next month's visit confirmed", [date(2031, 6, 1)]),
    ],
)
def test_a_date_in_the_possessive_is_its_nouns(spec: ExtractionSpec, title: str, expected: list[date]) -> None:
    assert event_dates(spec, title) == expected


@pytest.mark.parametrize(
    ("spec", "summary", "expected"),
    [
        # an agreement named by its date is one already made
        (TRADE, "Licences were issued under the December agreement.", []),
        (TRADE, "Catches fell in line with the October agreement.", []),
        (TREATY, "Patrols began as part of the March treaty.", []),
        (TRADE, "Ministers expect a December agreement.", [date(2031, 12, 1)]),
    ],
)
def test_an_agreement_named_by_its_date_exists(spec: ExtractionSpec, summary: str, expected: list[date]) -> None:
    assert event_dates(spec, "Fisheries and ocean news", summary) == expected


@pytest.mark.parametrize(
    ("spec", "title", "expected"),
    [
        # a date the sentence talks about is no schedule
        (ROCKET, "NASA rejects talk of a June slip, keeps Orion launch on track", []),
        (BRIDGE, "Speculation about an August opening of the Harbour bridge grows", []),
        (POPE, "Rumours of a September trip to Congo denied by Vatican", []),
        (ROCKET, "NASA moves Orion launch to June 12", [date(2031, 6, 12)]),
    ],
)
def test_a_date_talked_about_is_no_schedule(spec: ExtractionSpec, title: str, expected: list[date]) -> None:
    assert event_dates(spec, title) == expected


@pytest.mark.parametrize(
    ("spec", "summary", "expected"),
    [
        # a clause after ", and" with its own subject keeps its own dates
        (
            ROCKET,
            "Another try may be days away: SpaceX has a Falcon 9 set for May 15, and the Orion window runs on.",
            [],
        ),
        (BRIDGE, "The Tamar tunnel is slated to open on June 3, and the Harbour bridge has no date yet.", []),
        (ROCKET, "The Orion launch is set for May 15, and crews are ready.", [date(2031, 5, 15)]),
    ],
)
def test_a_coordinated_clause_has_its_own_subject(spec: ExtractionSpec, summary: str, expected: list[date]) -> None:
    assert event_dates(spec, "Launch and bridge notes", summary) == expected


# ------------------------------------------------------------------ which figure


@pytest.mark.parametrize(
    ("sentence", "roles"),
    [
        # summing verbs and outcome nouns state a total
        ("Together they come to US$8.66 billion against the US$18 billion target", ["total", "target"]),
        ("Pledges so far add up to $14.3bn", ["total"]),
        ("The Board welcomed a final outcome of US$15.7 billion", ["total"]),
        ("The haul of 2.1 million tonnes beat forecasts", ["total"]),
        # a participle after "and" is a second verb, not a passive of the figure before it
        ("Tesla produced 440,808 vehicles and delivered 422,875 in the quarter", ["other", "total"]),
        ("The mint struck 5 million coins and shipped 4.2 million", ["other", "total"]),
        ("220,000 shells have been delivered", ["total"]),
        # a figure short of the next one is the gap to it
        ("Donors gave $14.25 billion, nearly $4 billion shy of the $18 billion target", ["total", "other", "target"]),
        ("Exports were 3 million tons short of the 12 million tons agreed", ["other", "target"]),
        ("2 million out of the 12 million tons agreed", ["total", "target"]),
    ],
)
def test_which_figure_is_the_total(sentence: str, roles: list[str]) -> None:
    assert [q.role for q in find_quantities(sentence)] == roles


def test_a_watch_that_counts_pledges_reads_what_was_pledged_as_its_total() -> None:
    pledges = spec_for("Global Fund replenishment pledges vs $18bn target", ("Global Fund",), "metric")
    pledges = ExtractionSpec(
        kind="metric",
        subject_terms=("Global Fund",),
        unit="usd",
        title_words=("Global", "Fund", "replenishment", "pledges"),
        target_value=18e9,
    )
    purchases = ExtractionSpec(
        kind="metric", subject_terms=("soybeans",), unit="usd", title_words=("China", "soybean", "purchases")
    )

    def values(spec: ExtractionSpec, sentence: str) -> list[float]:
        obs = extract_observations(spec, title="", summary=sentence, published=PUBLISHED)
        return [o.value for o in obs if o.kind == "value" and o.value is not None]

    assert values(pledges, "Donors pledged $14.25 billion to the Global Fund on Wednesday.") == [14.25e9]
    assert values(pledges, "Donors pledged to raise $18 billion for the Global Fund.") == []
    # on a watch of purchases, what is pledged is a goal
    assert values(purchases, "China pledged $12 billion of soybeans purchases.") == []


@pytest.mark.parametrize(
    ("sentence", "figure", "hedged"),
    [
        # an expectation in a relative clause after a figure qualifies that figure alone
        (
            "Tesla beat the roughly 445,000 analysts expected, bringing its first-half total to 889,015.",
            "889,015",
            False,
        ),
        ("Sales topped the $1.2bn economists had expected and lifted the total to $9bn.", "$9bn", False),
        ("Arrivals beat the 3% the market expected, bringing visitors to 2 million.", "2 million", False),
        # a passive or a forecast hedges the figure itself
        ("Deliveries of 450,000 are expected, bringing the total to 900,000.", "900,000", True),
        ("Analysts expect Nintendo to sell 20 million units.", "20 million", True),
    ],
)
def test_an_expectation_after_a_figure_is_that_figures(sentence: str, figure: str, hedged: bool) -> None:
    assert (hedge_cue(sentence, sentence.index(figure)) is not None) is hedged


# ------------------------------------------------------------------ the engine: history, retold acts, new figures

CONFIG = """
settings:
  max_entry_age: 3650d
watches:
  - id: truce
    title: Trade truce extension
    kind: agreement
    match: {any: [trade truce]}
    baseline: {status: pending, due: 2031-11-10, as_of: 2031-03-01}
  - id: orion
    title: Orion capsule launch
    kind: event
    match: {any: [Orion]}
    baseline: {status: planned, expected: 2031-05, as_of: 2031-04-01}
  - id: cars
    title: Acme 2031 deliveries vs 1.8M target
    kind: metric
    match: {any: [Acme]}
    metric: {unit: count, aggregation: cumulative}
    baseline: {value: 0, as_of: 2031-01-20}
    target: {value: 1800000, due: 2031-12-31}
"""


class Story:
    """An engine over one config (this module's CONFIG unless another is given), fed one entry at a time."""

    def __init__(self, config: str = CONFIG) -> None:
        self.engine = build_engine(load_config_text(config))
        self.states = self.engine.initial_states()
        self.n = 0

    def read(self, when: str, title: str, summary: str = "") -> list[tuple[str, str, object]]:
        self.n += 1
        published = datetime.fromisoformat(when).replace(tzinfo=UTC)
        link = f"https://outlet{self.n}.example/{self.n}"
        alerts: list[Alert] = self.engine.process_entry(
            self.states, EntryInput(link, title, summary, link, published), published
        ).alerts
        return [(a.watch_id, a.kind, a.new) for a in alerts]


def test_an_act_dated_before_the_stored_state_is_history() -> None:
    story = Story()
    assert story.read("2031-06-02T09:00", "Trade truce: both sides agreed last February to pause tariffs") == []
    assert (
        story.read(
            "2031-06-03T09:00",
            "Trade truce agreed in Geneva nears its end",
            ("The trade truce agreed in Geneva on Feb. 20 expires in November."),
        )
        == []
    )
    assert story.read("2031-06-04T09:00", "Sides agree to extend trade truce by a year") == [
        ("truce", "status", "agreed")
    ]


def test_a_new_postponement_of_a_newly_set_day_is_news() -> None:
    story = Story()
    assert ("orion", "status", "postponed") in story.read(
        "2031-05-10T09:00", "Orion launch delayed to May 20 by weather"
    )
    assert story.read("2031-05-12T09:00", "Orion launch slips to May 21") == [("orion", "date", "2031-05-21")]
    # the day set since the last postponement is off too, and no new one is named
    assert story.read("2031-05-21T09:00", "NASA scrubs Orion launch over valve issue") == [
        ("orion", "status", "postponed")
    ]
    # a second outlet, same development
    assert story.read("2031-05-21T11:00", "Orion launch scrubbed, valve blamed") == []


def test_a_previous_periods_total_is_not_the_running_total() -> None:
    story = Story()
    assert (
        story.read(
            "2031-01-21T09:00",
            "Acme guides to about 1.8 million cars",
            ("Acme said it expects around 1.8 million vehicles this year, after it delivered 1.31 million in 2030."),
        )
        == []
    )
    assert story.read(
        "2031-04-02T09:00", "Acme first-quarter deliveries", ("Acme delivered 422,875 vehicles in the first quarter.")
    ) == [("cars", "value", 422875.0)]


def test_a_headline_that_says_the_target_was_met_vouches_for_the_figure() -> None:
    story = Story()
    story.read("2031-10-02T09:00", "Acme deliveries", "Acme has delivered 1,324,074 vehicles so far this year.")
    got = story.read(
        "2032-01-02T09:00",
        "Acme hits 1.8 million goal for 2031",
        (
            "Acme delivered 484,507 vehicles in the fourth quarter, bringing 2031 deliveries to 1,808,581 and"
            " meeting its target of about 1.8 million."
        ),
    )
    assert got == [("cars", "target", 1808581.0)]


# ------------------------------------------------------------------ from the fifth blind batch


@pytest.mark.parametrize(
    ("spec", "title", "expected"),
    [
        # a proposal or request is not a decision
        (POPE, "Bishops ask Vatican to postpone Pope's Congo visit", []),
        (ROCKET, "Senator suggests the Orion launch be put off a year", []),
        (BRIDGE, "Unions urge delay of Harbour bridge opening", []),
        (MERGER, "Investors call for Acme to walk away from Bolt Motors deal", []),
        (BRIDGE, "City postpones Harbour bridge opening", ["postponed"]),
    ],
)
def test_a_proposal_is_no_decision(spec: ExtractionSpec, title: str, expected: list[str]) -> None:
    obs = extract_observations(spec, title=title, summary="", published=PUBLISHED)
    assert [o.status for o in obs if o.kind == "status" and o.confidence == "confirmed"] == expected


@pytest.mark.parametrize(
    ("spec", "title", "expected"),
    [
        # the status noun after "on/about" and the item's name is a topic
        (ROCKET, "NASA says no decision yet on Orion 2 postponement", []),
        (POPE, "Vatican silent on Congo cancellation", []),
        (BRIDGE, "Council debate on Harbour Bridge postponement drags on", []),
    ],
)
def test_a_status_noun_after_a_preposition_and_a_name_is_a_topic(
    spec: ExtractionSpec, title: str, expected: list[str]
) -> None:
    assert statuses(spec, title) == expected


@pytest.mark.parametrize(
    ("spec", "title", "summary", "expected"),
    [
        # a hedged move hedges the day it moves to
        (BRIDGE, "Harbour bridge opening expected to be pushed back to first week of June", "", []),
        (ROCKET, "Orion launch likely to slip to June 12, sources say", "", []),
        (POPE, "Pope's Congo visit could be delayed to July", "", []),
        (ROCKET, "Orion launch pushed back to June 12", "", [date(2031, 6, 12)]),
        # a word inside a compound modifier is not the item's noun
        (MERGER, "Merger watch", "Regulators warn of a no-deal outcome at the end of next year.", []),
    ],
)
def test_a_hedged_move_hedges_its_day(spec: ExtractionSpec, title: str, summary: str, expected: list[date]) -> None:
    obs = extract_observations(spec, title=title, summary=summary, published=PUBLISHED)
    got = [
        o.date.start
        for o in obs
        if o.kind == "date" and o.date_role == "event" and o.date and o.confidence == "confirmed"
    ]
    assert got == expected


@pytest.mark.parametrize(
    ("spec", "title", "expected"),
    [
        # a noun whose "to"/"at" phrase names the item is the verb's subject
        (BRIDGE, "Rail link to Harbour bridge slips to 2033", []),
        (POPE, "Flights to Congo resume after storm", []),
        (ROCKET, "Roads at Orion launch site reopen", []),
        # the item's own nouns keep the verb: a trip to a place, the launch of a named thing
        (POPE, "Pope's trip to Congo postponed", ["postponed"]),
    ],
)
def test_a_noun_with_a_place_phrase_is_the_subject(spec: ExtractionSpec, title: str, expected: list[str]) -> None:
    assert statuses(spec, title) == expected


@pytest.mark.parametrize(
    ("sentence", "qualifier"),
    [
        ("Ticket sales near 3 million, says Infantino", "near"),
        ("Loan approvals nearing $349 billion", "nearing"),
        ("Shots approaching 100 million", "approaching"),
    ],
)
def test_a_verb_of_approach_qualifies_the_figure(sentence: str, qualifier: str) -> None:
    (q,) = [q for q in find_quantities(sentence) if q.value >= 1e6]
    assert q.qualifier == qualifier


@pytest.mark.parametrize(
    ("sentence", "roles"),
    [
        # money given out states the total
        ("Mnuchin said lenders processed about $22 billion in loans", ["total"]),
        ("The fund has disbursed $70 billion so far", ["total"]),
        ("Banks lent $247.5 billion", ["total"]),
    ],
)
def test_money_given_out_is_a_total(sentence: str, roles: list[str]) -> None:
    assert [q.role for q in find_quantities(sentence)] == roles


def test_an_event_noun_modifying_the_head_names_the_event_too() -> None:
    from watchers.extract.item import event_modifier, head_noun

    cases = {
        "Tokyo 2020 Olympics opening ceremony": "opening",
        "Starship launch event": "launch",
        "Boeing 777X first delivery ceremony": "delivery",
        "Harbour bridge opening": None,
        "King's state visit to France": None,
    }
    assert {t: event_modifier(t, head_noun(t)) for t in cases} == cases


METRIC_CONFIG = """
settings:
  max_entry_age: 3650d
watches:
  - id: tickets
    title: Cup tickets sold
    kind: metric
    match: {any: [Cup tickets, tickets]}
    metric: {unit: count, aggregation: cumulative}
    baseline: {value: 800000, as_of: 2031-03-30}
    target: {value: 3000000, due: 2031-12-18}
  - id: orion
    title: Orion capsule launch
    kind: event
    match: {any: [Orion]}
    baseline: {status: planned, expected: 2031-09, as_of: 2031-04-01}
"""


class MetricStory(Story):
    def __init__(self) -> None:
        self.engine = build_engine(load_config_text(METRIC_CONFIG))
        self.states = self.engine.initial_states()
        self.n = 0


def test_a_figure_stated_before_the_stored_one_is_history() -> None:
    story = MetricStory()
    # an old report re-published: its statement day is before the baseline
    assert (
        story.read(
            "2031-04-14T11:00",
            "Cup tickets: 1.2 million sold in 24 hours",
            ("Fans snapped up 1.2 million tickets within 24 hours of sales opening, FIFA said on Jan. 20."),
        )
        == []
    )
    assert story.read("2031-06-22T10:00", "About 1.2 million Cup tickets sold, organisers say") == [
        ("tickets", "value", 1200000.0)
    ]


def test_a_figure_qualified_as_short_of_the_target_does_not_reach_it() -> None:
    story = MetricStory()
    story.read("2031-08-18T10:00", "2.45 million Cup tickets sold, organisers say")
    assert story.read("2031-10-17T10:00", "Sales of Cup tickets near 3 million, says FIFA chief") == []
    assert story.read("2031-11-25T10:00", "Sales of Cup tickets top three million") == [
        ("tickets", "target", 3000000.0)
    ]


def test_a_new_postponement_comes_near_the_day_set() -> None:
    story = MetricStory()
    story.read("2031-05-01T09:00", "Orion launch delayed to October 10")
    story.read("2031-05-03T09:00", "Orion launch moved to October 12")
    # months before the day, a headline delay is the old one's consequence
    assert story.read("2031-07-01T09:00", "Orion budget grows as delay adds $300 million") == []
    # on the day, a scrub is a new postponement
    assert story.read("2031-10-12T09:00", "NASA scrubs Orion launch over valve issue") == [
        ("orion", "status", "postponed")
    ]


# ------------------------------------------------------------------ from the sixth blind batch


@pytest.mark.parametrize(
    ("sentence", "values_roles"),
    [
        # Indian digit grouping, wire shorthand and milestone ordinals are numbers like any other
        ("US evacuated 1,14,400 people from Kabul since Aug 14", [(114400.0, "total")]),
        ("Procurement touched 2,62,48,000 tonnes", [(26248000.0, "total")]),
        ("World Expo in Osaka tops 1 mil. visitors", [(1e6, "total")]),
        ("The expo welcomes its 10 millionth visitor", [(1e7, "total")]),
        ("Airline carries its 100 millionth passenger", [(1e8, "total")]),
        # people moved or counted state the total
        ("The US has airlifted about 13,000 people out of Kabul", [(13000.0, "total")]),
        ("General visitors numbered 8.49 million through Saturday", [(8.49e6, "total")]),
        ("Final tally: 25,578,986 general visitors", [(25578986.0, "total")]),
        # a day's count is an increment
        ("Flights evacuated a record 21,600 from Kabul in a day", [(21600.0, "increment")]),
        ("Shelters took in 4,000 people over the past 24 hours", [(4000.0, "increment")]),
        # a figure widened to others is another count
        (
            "Visitors reached about 3,859,000, or some 4,574,000 including staff",
            [(3859000.0, "total"), (4574000.0, "other")],
        ),
        ("Attendance hits 10 million counting staff", [(1e7, "other")]),
    ],
)
def test_numbers_as_outlets_write_them(sentence: str, values_roles: list[tuple[float, str]]) -> None:
    got = [(q.value, q.role) for q in find_quantities(sentence) if q.value >= 1000]
    assert got == values_roles


KABUL = """
settings:
  max_entry_age: 3650d
watches:
  - id: airlift
    title: "Kabul airlift: people evacuated since Aug. 14"
    kind: metric
    match: {any: [Kabul, evacuated]}
    metric: {unit: count, aggregation: cumulative}
    baseline: {value: 7000, as_of: 2031-08-19}
    target: {value: 100000, due: 2031-08-31}
"""


def test_a_title_that_counts_from_a_day_sets_aside_other_counts() -> None:
    story = Story()
    story.engine = build_engine(load_config_text(KABUL))
    story.states = story.engine.initial_states()
    got = story.read(
        "2031-08-20T18:00",
        "Biden: 13,000 evacuated",
        ("The US has airlifted about 13,000 people out of Kabul since Aug. 14 and some 18,000 since July."),
    )
    assert got == [("airlift", "value", 13000.0)]


@pytest.mark.parametrize(
    ("spec", "title", "expected"),
    [
        # a preliminary document signed settles terms
        (TRADE, "Both sides sign memorandum of intent on fisheries agreement", ["agreed"]),
        (MERGER, "Acme and Bolt Motors sign term sheet for takeover", ["agreed"]),
        (TREATY, "Nations sign ocean treaty framework", ["agreed"]),
        (TRADE, "Both sides sign fisheries agreement", ["signed"]),
    ],
)
def test_a_preliminary_document_signed_is_agreed(spec: ExtractionSpec, title: str, expected: list[str]) -> None:
    assert statuses(spec, title) == expected


def test_an_act_dated_early_on_a_past_day_is_history() -> None:
    story = Story()
    assert (
        story.read(
            "2031-06-02T09:00",
            "Trade truce reached, averting tariffs",
            ("Both sides agreed early Tuesday, May 2, 2017, on the trade truce, minutes after the old pact expired."),
        )
        == []
    )


def test_a_vaguer_earlier_window_does_not_replace_a_stored_day() -> None:
    story = Story()
    story.read("2031-05-02T09:00", "Orion launch set for Dec. 8, 2032")  # a later day: one alert, status and date
    assert story.states["orion"].expected is not None
    assert story.states["orion"].expected.start == date(2032, 12, 8)
    # "next December" read in 2031 lands on December 2031: no word says the launch was brought forward
    assert story.read("2031-06-06T09:00", "Orion set to launch next December, too late for the solstice") == []
    assert story.states["orion"].expected is not None
    assert story.states["orion"].expected.start == date(2032, 12, 8)


def test_a_number_in_the_items_name_is_no_figure() -> None:
    from watchers.tracking.watch import numbers_in_name

    assert numbers_in_name("Boeing 737 deliveries in 2023 vs 400-450 guidance", ["737", "Boeing deliveries"]) == (
        "737",
    )
    assert numbers_in_name("Nintendo Switch 2 sales", ["Switch 2"]) == ("2",)
    assert numbers_in_name("NASA Crew-9 astronauts return", ["Crew-9"]) == ("9",)
    # a year or a figure of the title is no name
    assert numbers_in_name("Tesla 2023 deliveries vs 1.8M target", ["Tesla"]) == ()
    assert numbers_in_name("Paris 2024 ticket sales", ["Paris 2024"]) == ()
    jets = ExtractionSpec(kind="metric", subject_terms=("737",), unit="count", own_numbers=("737",))
    obs = extract_observations(jets, title="Boeing has delivered 737 jets of all types since 2019", summary="",
                               published=PUBLISHED)  # fmt: skip
    assert [o.value for o in obs if o.kind == "value"] == []


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        # a piece labelled as comment, analysis or background reports no change
        ("Opinion: the Orion launch delay is a warning", "NASA postponed the Orion launch to June 12."),
        ("Explainer: why the Harbour bridge opening slipped", "The opening was delayed to 2033."),
        ("The ceasefire is a relief", "Analysis: the Bolt Motors deal agreed in May is fragile."),
        ("Fact check: no, the Pope's Congo visit was not cancelled", ""),
    ],
)
def test_a_labelled_genre_reports_no_change(title: str, summary: str) -> None:
    for spec in (ROCKET, BRIDGE, MERGER, POPE):
        assert extract_observations(spec, title=title, summary=summary, published=PUBLISHED) == []


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        # a headline infinitive is a time to come, published on Wednesday 15 Jan 2025
        ("Truce to begin on Sunday", date(2025, 1, 19)),
        ("Bridge to reopen on Monday after repairs", date(2025, 1, 20)),
        ("Ministers agreed to meet on Sunday", date(2025, 1, 19)),
        # after a past verb it is not
        ("Plant was forced to close on Sunday", date(2025, 1, 12)),
        ("Talks ended on Sunday", date(2025, 1, 12)),
    ],
)
def test_a_headline_infinitive_points_ahead(sentence: str, day: date) -> None:
    from watchers.extract.dates import find_dates

    assert [d.start for d in find_dates(sentence, date(2025, 1, 15))] == [day]


MOON_ROCKET = ExtractionSpec(
    kind="event",
    subject_terms=("Orion",),
    item_nouns=("launch",),
    title_names=("Orion",),
    title_words=("Orion", "moon", "rocket", "launch"),
)


@pytest.mark.parametrize(
    ("spec", "title", "summary", "expected"),
    [
        # each side of a hyphenated pair in the title is the item's own party; a reporter is no party
        (
            spec_for("Gaza ceasefire deal (Israel-Hamas)", ("ceasefire", "truce"), "agreement"),
            "Qatar announces deal",
            "Qatar's prime minister said on Wednesday that Israel and Hamas had agreed a ceasefire deal.",
            ["agreed"],
        ),
        (
            spec_for("Fisheries agreement (Norway-Iceland)", ("fisheries agreement",), "agreement"),
            "Deal news",
            "EU officials said that Norway and Iceland had agreed the fisheries agreement.",
            ["agreed"],
        ),
        # another happening as the verb's subject owns it
        (BRIDGE, "Harbour bridge demolition scrubbed again as storms roll in", "", []),
        (ROCKET, "Orion dress rehearsal called off", "", []),
        (POPE, "Congo parliament vote delayed ahead of Pope's visit", "", []),
        # "blast ... off" with an object between is another verb
        (ROCKET, "Crews blast debris off the Orion pad", "", []),
        (ROCKET, "Orion blasts off", "", ["happened"]),
        # an organisation owning the very thing the title names is its owner
        (MOON_ROCKET, "NASA's Orion moon rocket scrubbed again", "", ["postponed"]),
        (spec_for("Ottawa LRT opening", ("LRT",)), "Kitchener's $868-million LRT opened to the public Friday", "", []),
    ],
)
def test_whose_status(spec: ExtractionSpec, title: str, summary: str, expected: list[str]) -> None:
    assert statuses(spec, title, summary) == expected
