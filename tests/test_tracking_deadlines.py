"""Deadlines and one development told in other words, each rule shown on several domains.

Watches are built as ``watch add`` builds them (title, terms, baseline; nothing tuned). The reasons live in the
docstrings of the code that applies each rule: ``_agreement_due`` and ``_same_development`` in
watchers/tracking/engine.py, ``_ABSENT_BEFORE``, ``_AMOUNT`` and ``_conditional_deadline`` in
watchers/extract/observe.py, ``_DEADLINE_NOUN_AFTER`` in watchers/extract/dates.py.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from test_tracking_grammar import event_days, spec_for

from watchers.config import load_config_text
from watchers.extract.dates import find_dates
from watchers.extract.observe import ExtractionSpec, extract_observations
from watchers.tracking.engine import EntryInput
from watchers.tracking.replay import build_engine
from watchers.tracking.state import Alert

CONFIG = """
settings:
  max_entry_age: 3650d
watches:
  - id: treaty
    title: Fisheries treaty
    kind: agreement
    match: {any: [fisheries treaty, fisheries deal]}
    baseline: {status: pending, due: 2031-12-31, as_of: 2031-03-01}
  - id: merger
    title: Acme takeover of Bolt Motors
    kind: agreement
    match: {any: [Bolt Motors]}
    baseline: {status: signed, due: 2031-06-30, as_of: 2031-01-10}
  - id: budget
    title: Budget bill
    kind: agreement
    match: {any: [budget bill, budget deal]}
    baseline: {status: pending, due: 2031-06-01, as_of: 2031-05-01}
  - id: kenya
    title: President's state visit to Kenya
    kind: event
    match: {any: [Kenya]}
    baseline: {status: planned, expected: 2031-06-12, as_of: 2031-03-01}
  - id: orion
    title: Orion capsule launch
    kind: event
    match: {any: [Orion]}
    baseline: {status: planned, expected: 2031-05-06, as_of: 2031-04-01}
"""


class Story:
    def __init__(self) -> None:
        self.engine = build_engine(load_config_text(CONFIG))
        self.states = self.engine.initial_states()
        self.n = 0

    def read(self, when: str, title: str, summary: str = "") -> list[Alert]:
        self.n += 1
        published = datetime.fromisoformat(when).replace(tzinfo=UTC)
        link = f"https://outlet{self.n}.example/{self.n}"
        return self.engine.process_entry(
            self.states, EntryInput(link, title, summary, link, published), published
        ).alerts

    def tick(self, when: str, watch: str) -> list[str]:
        """The kinds of the clock's alerts for one watch at `when`."""
        alerts = self.engine.tick(self.states, datetime.fromisoformat(when).replace(tzinfo=UTC)).alerts
        return [a.kind for a in alerts if a.watch_id == watch]


def changes(alerts: list[Alert]) -> list[tuple[str, object]]:
    return [(a.kind, a.new) for a in alerts]


# ------------------------------------------------------------------ an agreement's due date belongs to the next step


def test_a_deal_struck_before_its_deadline_meets_it_and_later_steps_do_not_move_it() -> None:
    story = Story()
    assert changes(story.read("2031-11-20T10:00", "Fisheries treaty agreed after all-night talks")) == [
        ("status", "agreed")
    ]
    # the signing ceremony of a pact already struck is its next date (see _signing_day) ...
    assert changes(story.read("2031-12-20T10:00", "Ministers to sign fisheries treaty in Oslo on Jan. 14")) == [
        ("date", "2032-01-14")
    ]
    # ... and the old deadline passing is no miss: it was met
    assert story.tick("2032-01-02T12:00", "treaty") == []


def test_a_signed_merger_with_a_closing_date_still_misses_it() -> None:
    story = Story()
    assert story.tick("2031-07-01T12:00", "merger") == ["deadline_missed"]


def test_a_pending_deal_misses_its_deadline() -> None:
    story = Story()
    assert story.tick("2032-01-01T12:00", "treaty") == ["deadline_missed"]


@pytest.mark.parametrize(
    ("title", "summary", "expected"),
    [
        # a step before the deadline that is not a deadline: talks resuming, a signing planned early
        ("Budget bill talks to resume on May 20", "", []),
        ("President will sign budget bill on Saturday, May 24", "", []),
        # a deadline brought forward is news
        ("Budget bill deadline brought forward to May 25", "", [("date", "2031-05-25")]),
        ("Leaders set May 28 deadline for budget deal", "", [("date", "2031-05-28")]),
        # a later date is news whatever the wording
        ("Budget bill vote slips to June 10", "", [("date", "2031-06-10")]),
    ],
)
def test_an_earlier_day_moves_an_agreements_deadline_only_as_a_deadline(
    title: str, summary: str, expected: list[tuple[str, object]]
) -> None:
    story = Story()
    assert changes(story.read("2031-05-10T10:00", title, summary)) == expected


# ------------------------------------------------------------------ one development in other outlets' words


@pytest.mark.parametrize(
    ("watch", "first", "second", "when", "expected"),
    [
        # a state visit: postponed, then "called off" the same morning by another outlet
        (
            "kenya",
            "President's state visit to Kenya postponed over unrest",
            "President's Kenya visit called off amid unrest",
            "2031-05-10T11:00",
            [],
        ),
        # a launch: postponed, then "called off" in background the next days ("after ... axed")
        (
            "orion",
            "Orion capsule launch postponed after valve fault",
            "Crew returns to Houston after Orion capsule launch axed",
            "2031-05-08T09:00",
            [],
        ),
        # a word of finality is news
        (
            "kenya",
            "President's state visit to Kenya postponed over unrest",
            "President's Kenya visit cancelled altogether",
            "2031-05-11T09:00",
            [("status", "cancelled")],
        ),
        # a cancellation weeks later is news
        (
            "orion",
            "Orion capsule launch postponed after valve fault",
            "Orion capsule launch cancelled",
            "2031-06-20T09:00",
            [("status", "cancelled")],
        ),
    ],
)
def test_a_cancellation_right_after_a_postponement_is_the_same_development_unless_final(
    watch: str, first: str, second: str, when: str, expected: list[tuple[str, object]]
) -> None:
    story = Story()
    assert changes(story.read("2031-05-10T09:00" if watch == "kenya" else "2031-05-05T09:00", first)) == [
        ("status", "postponed")
    ]
    assert changes(story.read(when, second)) == expected


# ------------------------------------------------------------------ what a date belongs to

TREATY = spec_for("Fisheries treaty", ("fisheries treaty", "fisheries deal"), kind="agreement")
BUDGET = spec_for("Budget bill", ("budget bill",), kind="agreement")
KENYA = spec_for("President's state visit to Kenya", ("Kenya",))
ORION = spec_for("Orion capsule launch", ("Orion",))
PUBLISHED = datetime(2031, 5, 4, 8, 0)


@pytest.mark.parametrize(
    ("spec", "title", "summary", "days"),
    [
        # an item named as absent owns no date after it
        (
            TREATY,
            "No fisheries deal yet",
            "Negotiators broke off without a fisheries deal and will reconvene on Friday.",
            [],
        ),
        (ORION, "Orion capsule still without a launch date; NASA review on Tuesday", "", []),
        # an amount between the item and a date takes the date as its horizon
        (TREATY, "Fisheries treaty signed, pledges $2 billion in quotas by 2035", "", []),
        (KENYA, "Kenya state visit ends with 40 contracts worth €10bn to be signed by 2033", "", []),
        # the conditional deadline: the condition hedges the act, not when it is due
        (
            BUDGET,
            "Treasury warns on cash",
            "The government runs out of cash if Congress has not passed the budget bill by June 5.",
            [date(2031, 6, 5)],
        ),
        (
            TREATY,
            "Fleets to stay in port",
            "Boats stay in port unless the fisheries treaty is agreed before May 20, the union said.",
            [date(2031, 5, 20)],
        ),
    ],
)
def test_what_a_date_belongs_to(spec: ExtractionSpec, title: str, summary: str, days: list[date]) -> None:
    obs = extract_observations(spec, title=title, summary=summary, published=PUBLISHED)
    assert event_days(obs) == days
    assert all(o.confidence == "confirmed" for o in obs if o.kind == "date" and o.date_role == "event")


def test_a_condition_without_a_deadline_keeps_its_hedge() -> None:
    obs = extract_observations(
        TREATY,
        title="Fisheries treaty could be agreed",
        summary="If talks go well, the fisheries treaty could be agreed on May 20.",
        published=PUBLISHED,
    )
    assert [o.confidence for o in obs if o.kind == "date" and o.date_role == "event"] in ([], ["unconfirmed"])


@pytest.mark.parametrize(
    "text",
    [
        "Johnson sets 15 October deadline for a deal",
        "days before the Treasury's June 5 deadline",
        "a May 1 cut-off deadline",
    ],
)
def test_a_date_that_modifies_deadline_is_a_deadline(text: str) -> None:
    (mention,) = find_dates(text, date(2031, 5, 1))
    assert mention.deadline


# ------------------------------------------------------------- figures: forecasts, milestones, old figures, clauses

TOTALS = """
settings:
  max_entry_age: 3650d
watches:
  - id: doses
    title: Island vaccine doses given
    kind: metric
    match: {any: [vaccine doses, shots]}
    metric: {unit: count}
    baseline: {value: 2000000, as_of: 2031-01-01}
    target: {value: 10000000, due: 2031-06-30}
  - id: exports
    title: Grain corridor exports
    kind: metric
    match: {any: [grain corridor]}
    metric: {unit: t}
    baseline: {value: 8000000, as_of: 2031-01-01}
    target: {value: 30000000, due: 2031-12-31}
"""


class Totals(Story):
    def __init__(self) -> None:
        self.engine = build_engine(load_config_text(TOTALS))
        self.states = self.engine.initial_states()
        self.n = 0


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # a wire forecast is not a count
        ("Grain corridor exports seen near 12 million tonnes by spring", []),
        ("Island vaccine doses forecast to reach 4 million in March", []),
        ("Grain corridor exports projected to hit 15 million tonnes", []),
        # an approximate count is still a count
        ("An estimated 3 million vaccine doses given on the island so far", [("value", 3000000.0)]),
        # a milestone marked or celebrated is reached
        ("Health minister marks 3 million vaccine doses given", [("value", 3000000.0)]),
        ("Ports celebrate 9 million tonnes shipped through grain corridor", [("value", 9000000.0)]),
    ],
)
def test_forecasts_are_not_totals_and_milestones_are(title: str, expected: list[tuple[str, object]]) -> None:
    story = Totals()
    assert changes(story.read("2031-03-01T10:00", title)) == expected


def test_a_lower_figure_dated_before_the_stored_one_was_reported_is_history() -> None:
    story = Totals()
    assert changes(story.read("2031-04-02T10:00", "Grain corridor exports reach 12 million tonnes")) == [
        ("value", 12000000.0)
    ]
    # a look back at an older figure: no correction
    assert (
        changes(story.read("2031-05-20T10:00", "Grain corridor exports stood at 10 million tonnes through March")) == []
    )
    # an undated lower figure from two outlets still corrects (see the correction rule)
    assert (
        changes(story.read("2031-05-21T10:00", "Grain corridor exports total 10.5 million tonnes, ministry says")) == []
    )
    assert changes(
        story.read("2031-05-21T12:00", "Grain corridor exports have reached 10.5 million tonnes, data show")
    ) == [("value", 10500000.0)]


@pytest.mark.parametrize(
    ("title", "summary", "due"),
    [
        # a deadline in the target's own clause moves the due date
        ("Island will give 10 million vaccine doses by May 31, minister says", "", "2031-05-31"),
        # a deadline in a coordinated clause with its own verb is that clause's
        (
            "Minister speaks on vaccines",
            "The 10 million vaccine doses goal will be met early, and he told clinics to open to all adults no later"
            " than May 1.",
            "2031-06-30",
        ),
        (
            "Grain corridor plan",
            "The grain corridor will carry 30 million tonnes by December 31; inspections resume by April 15.",
            "2031-12-31",
        ),
    ],
)
def test_a_targets_deadline_is_in_the_targets_clause(title: str, summary: str, due: str) -> None:
    story = Totals()
    story.read("2031-03-01T10:00", title, summary)
    watch = "doses" if "vaccine" in title + summary else "exports"
    stored = story.states[watch].due
    assert stored is not None and stored.isoformat() == due


# ------------------------------------------------------------------ a schedule word after a postponement

SLIPS = """
settings:
  max_entry_age: 3650d
watches:
  - id: probe
    title: Vega probe launch
    kind: event
    match: {any: [Vega probe]}
    baseline: {status: planned, expected: 2031-10-31, as_of: 2031-03-01}
  - id: airliner
    title: First Skyliner 9 delivery
    kind: event
    match: {any: [Skyliner 9]}
    baseline: {status: planned, expected: 2031, as_of: 2031-03-01}
"""


class Slips(Story):
    def __init__(self) -> None:
        self.engine = build_engine(load_config_text(SLIPS))
        self.states = self.engine.initial_states()
        self.n = 0


def test_a_schedule_word_for_a_later_day_is_a_slip_and_the_next_days_restatement_is_the_same_news() -> None:
    story = Slips()
    # a new target after the stored day: the news is the slip
    assert changes(story.read("2031-09-08T18:00", "Agency sets Dec. 18 target for Vega probe launch")) == [
        ("status", "postponed")
    ]
    # the next morning another outlet "confirms" Dec. 18: the same development
    assert changes(story.read("2031-09-09T08:00", "Vega probe launch confirmed for Dec. 18")) == []
    # weeks later "now targeted for no earlier than Dec. 22": a further slip, told by the date
    assert changes(
        story.read("2031-11-22T20:00", "Vega probe launch now targeted for no earlier than Dec. 22 after incident")
    ) == [("date", "2031-12-22")]
    assert story.states["probe"].status == "postponed"


def test_after_a_postponement_to_a_coarse_window_a_day_set_is_the_schedule_fixed() -> None:
    story = Slips()
    assert changes(story.read("2031-05-02T10:00", "First Skyliner 9 delivery delayed to 2033")) == [
        ("status", "postponed")
    ]
    alerts = changes(story.read("2033-01-12T15:00", "Maker and airline set Feb. 26 handover for first Skyliner 9"))
    assert ("status", "confirmed") in alerts
    assert story.states["airliner"].status == "confirmed"


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Vega probe launch confirmed for Dec. 18", date(2031, 9, 9), date(2031, 12, 18)),
        ("Budget vote booked for May 3", date(2031, 4, 20), date(2031, 5, 3)),
        ("Bridge opening fixed for Jan. 9", date(2031, 12, 1), date(2032, 1, 9)),
        # a past act with a past date keeps its past
        ("The summit was held on Dec. 18", date(2031, 12, 20), date(2031, 12, 18)),
    ],
)
def test_a_participle_with_for_names_the_time_it_points_to(text: str, published: date, expected: date) -> None:
    assert [d.start for d in find_dates(text, published)] == [expected]


def test_an_agreements_new_window_is_written_as_the_window_not_its_first_day() -> None:
    story = Story()
    (alert,) = story.read("2031-05-10T10:00", "Budget bill signing slated for mid-June")
    assert alert.text.startswith("Budget bill: due date moved to 11-20 Jun 2031 (was 1 Jun 2031)")
    assert alert.state["expected"] == {"start": "2031-06-11", "end": "2031-06-20", "precision": "range"}


# ------------------------------------------------------------------ legislation, corrections, sourced headlines

BILL = spec_for("Farm bill", ("farm bill",), kind="agreement")
TREATY_SPEC = spec_for("Fisheries treaty", ("fisheries treaty",), kind="agreement")


def status_readings(spec: ExtractionSpec, title: str, summary: str = "") -> list[tuple[str | None, str]]:
    obs = extract_observations(spec, title=title, summary=summary, published=PUBLISHED)
    return [(o.status, o.confidence) for o in obs if o.kind == "status"]


@pytest.mark.parametrize(
    ("spec", "title", "expected"),
    [
        # final passage fixes a bill's terms
        (BILL, "House passes $1.2 trillion farm bill, sending it to the president", [("agreed", "confirmed")]),
        (BILL, "Parliament approves the farm bill", [("agreed", "confirmed")]),
        # a chamber's vote that sends it to the other chamber is a step
        (BILL, "Senate passes farm bill, sending it to the House", [("agreed", "unconfirmed")]),
        (BILL, "Commons clears farm bill, which now heads to the Lords", [("agreed", "unconfirmed")]),
        # a deadline passing is no passage
        (BILL, "Deadline passes without a farm bill", []),
        # a correction retracts what it quotes
        (
            BILL,
            "Correction: an earlier version of this story said the farm bill had been signed into law.",
            [("signed", "unconfirmed")],
        ),
        # the wire's sourced headline
        (TREATY_SPEC, "Ministers to sign fisheries treaty on Friday: sources", [("signed", "unconfirmed")]),
    ],
)
def test_legislative_passage_corrections_and_sourced_headlines(
    spec: ExtractionSpec, title: str, expected: list[tuple[str, str]]
) -> None:
    assert status_readings(spec, title) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # "moved to <verb>" is an act done, not a date moved
        ("Leaders moved to block the bill late Wednesday", date(2031, 7, 31), (date(2031, 7, 30), "day")),
        ("The vote was moved to Wednesday", date(2031, 7, 28), (date(2031, 7, 30), "day")),
        # a week of the month
        ("during the last week of July", date(2031, 5, 12), (date(2031, 7, 25), "week")),
        ("in the third week of April", date(2031, 3, 17), (date(2031, 4, 15), "week")),
        ("the first days of June 2032", date(2031, 3, 17), (date(2032, 6, 1), "range")),
    ],
)
def test_what_day_a_phrase_names(text: str, published: date, expected: tuple[date, str]) -> None:
    (mention,) = find_dates(text, published)
    assert (mention.start, mention.precision) == expected


@pytest.mark.parametrize(
    ("spec", "title", "summary", "days", "confirmed"),
    [
        # the nouns every event is named by anchor its date, whatever the watch's own head noun
        (
            spec_for("Vega probe first orbital flight test", ("Vega probe",)),
            "Agency will attempt Vega probe launch next month",
            "",
            [date(2031, 6, 1)],
            True,
        ),
        (
            spec_for("Harbour line opening", ("Harbour line",)),
            "Harbour line opening set for Sept. 14",
            "",
            [date(2031, 9, 14)],
            True,
        ),
        # a possibility named as such hedges, before or after
        (
            spec_for("Vega probe first orbital flight test", ("Vega probe",)),
            "Vega probe update",
            "The agency has a real shot at launching the Vega probe next month.",
            [date(2031, 6, 1)],
            False,
        ),
        (
            spec_for("Vega probe first orbital flight test", ("Vega probe",)),
            "Vega probe update",
            "A July launch of the Vega probe appears highly likely.",
            [date(2031, 7, 1)],
            False,
        ),
    ],
)
def test_event_nouns_anchor_dates_and_possibilities_hedge_them(
    spec: ExtractionSpec, title: str, summary: str, days: list[date], confirmed: bool
) -> None:
    obs = [
        o
        for o in extract_observations(spec, title=title, summary=summary, published=PUBLISHED)
        if o.kind == "date" and o.date_role == "event" and o.date
    ]
    assert [o.date.start for o in obs if o.date] == days
    assert all((o.confidence == "confirmed") == confirmed for o in obs)


def test_a_day_set_inside_a_week_window_fixes_the_date() -> None:
    story = Slips()
    assert changes(story.read("2031-09-01T10:00", "Vega probe launch slips to third week of December")) == [
        ("status", "postponed")
    ]
    (alert,) = story.read("2031-12-10T10:00", "Vega probe launch set for Tuesday")
    assert (alert.kind, alert.new) == ("status", "confirmed")
    assert alert.state["date_moved"] == {"old": "2031-12-15..2031-12-21", "new": "2031-12-16"}


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Musk owns the company after closing the deal on Thursday", date(2031, 10, 31), date(2031, 10, 30)),
        ("The line opened to riders after passing its final test on Monday", date(2031, 9, 17), date(2031, 9, 15)),
    ],
)
def test_after_an_act_in_ing_the_day_is_past(text: str, published: date, expected: date) -> None:
    (mention,) = find_dates(text, published)
    assert mention.start == expected


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("Judge gives the deal until Oct. 28 to close", True),
        ("Negotiators have until Friday to sign", True),
        ("Tariffs suspended until Jan. 1", False),
        ("Opening delayed until March", False),
    ],
)
def test_until_a_date_to_act_is_a_deadline(text: str, deadline: bool) -> None:
    (mention,) = find_dates(text, date(2031, 5, 1))
    assert mention.deadline is deadline
