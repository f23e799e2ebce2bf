"""Grammar rules of tracking, each shown on several domains (launches, openings, visits, releases, deals).

Every watch here is built as ``watch add`` builds it: a title, terms and a baseline, nothing tuned. Each rule's
reason lives in the docstring of the code that applies it; these tables show that it holds beyond one headline.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from watchers.config import load_config_text
from watchers.extract.dates import find_dates
from watchers.extract.item import head_noun, item_verb
from watchers.extract.observe import ExtractionSpec, Observation, extract_observations
from watchers.tracking.engine import EntryInput, TrackingEngine
from watchers.tracking.replay import build_engine
from watchers.tracking.state import Alert, RecentAlert, WatchState

CONFIG = """
settings:
  max_entry_age: 3650d
watches:
  - id: orion
    title: Orion capsule launch
    kind: event
    match: {any: [Orion]}
    baseline: {status: planned, expected: 2031-05-06, as_of: 2031-04-01}
  - id: bridge
    title: Harbour bridge opening
    kind: event
    match: {any: [Harbour bridge]}
    baseline: {status: planned, expected: 2031, as_of: 2031-01-05}
  - id: kenya
    title: President's state visit to Kenya
    kind: event
    match: {any: [Kenya]}
    baseline: {status: planned, expected: 2031-06, as_of: 2031-03-01}
  - id: nova
    title: Nova 2 console release
    kind: event
    match: {any: [Nova 2]}
    baseline: {status: planned, expected: 2031-H2, as_of: 2031-02-01}
"""


class Story:
    def __init__(self) -> None:
        self.engine: TrackingEngine = build_engine(load_config_text(CONFIG))
        self.states: dict[str, WatchState] = self.engine.initial_states()
        self.n = 0

    def read(self, when: str, title: str, summary: str = "") -> list[Alert]:
        self.n += 1
        published = datetime.fromisoformat(when).replace(tzinfo=UTC)
        link = f"https://outlet{self.n}.example/{self.n}"
        result = self.engine.process_entry(self.states, EntryInput(link, title, summary, link, published), published)
        return result.alerts

    def status(self, watch: str) -> str | None:
        return self.states[watch].status

    def expected(self, watch: str) -> str | None:
        window = self.states[watch].expected
        return window.iso() if window else None


def changes(alerts: list[Alert]) -> list[tuple[str, object]]:
    return [(a.kind, a.new) for a in alerts]


# ----------------------------------------------------------------------------- a wrong terminal reading is corrected


def test_a_wrong_happened_is_corrected_by_a_scrub_with_a_new_day_within_days() -> None:
    story = Story()
    story.read("2031-05-06T12:00", "Orion capsule launch set for tonight after weather clears", "")
    # as if that entry had been misread as the launch itself (an alert "now happened" went out)
    story.states["orion"].status = "happened"
    story.states["orion"].recent["status"] = _recent("happened")
    alerts = story.read(
        "2031-05-07T01:00", "Valve problem scrubs Orion capsule launch; next try no earlier than Friday", ""
    )
    assert changes(alerts) == [("status", "postponed")]
    assert story.expected("orion") == "2031-05-09"  # the coming Friday, a day the scrub names


def test_weeks_after_it_happened_a_delay_is_about_what_follows_not_the_event() -> None:
    story = Story()
    story.read("2031-05-06T12:00", "Orion capsule launched on first crewed flight", "")
    assert story.status("orion") == "happened"
    later = story.read("2031-05-28T09:00", "Orion capsule return delayed to June 14", "The splashdown was pushed back.")
    assert [a for a in later if a.kind == "status"] == []
    assert story.status("orion") == "happened"


def _recent(status: str) -> RecentAlert:
    return RecentAlert("orion#1", status, datetime(2031, 5, 6, 12, tzinfo=UTC), ["https://x.example/1"])


# ----------------------------------------------------------------------------- one entry, one reading of the news


@pytest.mark.parametrize(
    ("watch", "when", "title", "summary", "expected_status"),
    [
        # the headline's status is the news; a schedule word in the summary is background
        (
            "orion",
            "2031-04-10T10:00",
            "Orion capsule launch pushed back to May 21 over helium leak",
            "NASA said the launch now targets May 21.",
            "postponed",
        ),
        (
            "nova",
            "2031-03-10T10:00",
            "Nova 2 console release delayed to November 12",
            "The company said it is now targeting Nov. 12 and confirmed pre-orders open next week.",
            "postponed",
        ),
    ],
)
def test_a_headline_status_outranks_the_summarys(
    watch: str, when: str, title: str, summary: str, expected_status: str
) -> None:
    story = Story()
    story.read(when, title, summary)
    assert story.status(watch) == expected_status


def test_a_postponement_to_the_date_already_stored_is_the_baseline_itself() -> None:
    story = Story()
    alerts = story.read("2031-04-02T10:00", "Orion capsule launch delayed to no sooner than May 6", "")
    assert changes(alerts) == []
    assert story.status("orion") == "planned"


@pytest.mark.parametrize(
    ("watch", "when", "title", "summary"),
    [
        ("bridge", "2031-01-21T10:00", "Harbour bridge operator rules out opening in 2031", ""),
        (
            "bridge",
            "2031-01-21T10:00",
            "Harbour bridge delay",
            "The Harbour bridge will not open this year, its operator said.",
        ),
        (
            "kenya",
            "2031-04-02T10:00",
            "Kenya visit off the table for June",
            "The President will not visit Kenya in June.",
        ),
    ],
)
def test_a_denied_stored_date_is_a_postponement(watch: str, when: str, title: str, summary: str) -> None:
    story = Story()
    alerts = story.read(when, title, summary)
    assert ("status", "postponed") in changes(alerts)


@pytest.mark.parametrize(
    ("watch", "when", "title", "summary"),
    [
        (
            "orion",
            "2031-04-10T10:00",
            "No decision yet on Orion schedule",
            "NASA has not changed the May 6 target for the Orion capsule launch.",
        ),
        (
            "bridge",
            "2031-02-10T10:00",
            "Harbour bridge opening",
            "The Harbour bridge will not open in December 2030 as first planned; it opens this year.",
        ),
    ],
)
def test_a_negation_of_another_verb_or_another_date_is_not_a_denial(
    watch: str, when: str, title: str, summary: str
) -> None:
    story = Story()
    alerts = story.read(when, title, summary)
    assert ("status", "postponed") not in changes(alerts)


# ----------------------------------------------------------------------------- dates: which day is meant


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Orion cleared for Wednesday launch attempt", date(2031, 6, 2), date(2031, 6, 4)),
        ("the next attempt would be no earlier than Friday", date(2031, 6, 2), date(2031, 6, 6)),
        ("the vote was moved to Thursday", date(2031, 6, 2), date(2031, 6, 5)),
        ("the store stays shut until Monday", date(2031, 6, 4), date(2031, 6, 9)),
        ("officials said on Friday", date(2031, 6, 2), date(2031, 5, 30)),
        # a weekday before an explicit date only names it
        ("the line opens on Tuesday 24 May 2022", date(2022, 5, 4), date(2022, 5, 24)),
        ("targeting no earlier than Friday, May 10, pending review", date(2024, 5, 7), date(2024, 5, 10)),
        # a year-less day two weeks ahead, not last year's, whatever "crewed" looks like
        ("crewed test flight passes review, go for May 6", date(2031, 4, 25), date(2031, 5, 6)),
        ("the deal was signed Dec. 20", date(2031, 1, 3), date(2030, 12, 20)),
        # a bare year after "to": where a date moves
        ("Boeing pushes 777X first delivery to 2025", date(2022, 4, 27), date(2025, 1, 1)),
        ("Orion slips into 2032", date(2031, 4, 27), date(2032, 1, 1)),
    ],
)
def test_which_day_a_weekday_or_year_less_date_means(text: str, published: date, expected: date) -> None:
    found = find_dates(text, published)
    assert [d.start for d in found] == [expected]


# ----------------------------------------------------------------------------- extraction on one spec per watch


def spec_for(title: str, terms: tuple[str, ...], kind: str = "event") -> ExtractionSpec:
    """The spec compile_watch builds from a title and terms (head noun and title names derived, nothing tuned)."""
    from watchers.tracking.watch import names_in_title

    noun = head_noun(title)
    return ExtractionSpec(
        kind=kind,  # type: ignore[arg-type]
        subject_terms=terms,
        item_nouns=(noun,) if noun else (),
        title_names=names_in_title(title),
    )


BRIDGE = spec_for("Harbour bridge opening", ("Harbour bridge",))
ORION = spec_for("Orion capsule launch", ("Orion",))
NOVA = spec_for("Nova 2 console release", ("Nova 2",))
PUBLISHED = datetime(2031, 5, 4, 8, 0)


def read(spec: ExtractionSpec, title: str, summary: str = "") -> list[Observation]:
    return extract_observations(spec, title=title, summary=summary, published=PUBLISHED)


def statuses(obs: list[Observation]) -> list[tuple[str | None, str]]:
    return [(o.status, o.confidence) for o in obs if o.kind == "status"]


def event_days(obs: list[Observation]) -> list[date]:
    return [o.date.start for o in obs if o.kind == "date" and o.date_role == "event" and o.date]


def test_the_item_verb_comes_from_the_title_noun() -> None:
    assert [item_verb(n) for n in ("opening", "launch", "release", "delivery", "visit", "acquisition")] == [
        "open",
        "launch",
        "release",
        "deliver",
        "visit",
        None,
    ]


@pytest.mark.parametrize(
    ("spec", "title", "summary", "status", "day"),
    [
        # the item's own verb in the future with a day named is its schedule
        (BRIDGE, "Harbour bridge to open on Tuesday 24 May 2031", "", ("confirmed", "confirmed"), date(2031, 5, 24)),
        (NOVA, "Nova 2 will release on June 12, maker says", "", ("confirmed", "confirmed"), date(2031, 6, 12)),
        (ORION, "Orion capsule to launch on May 20 after review", "", ("confirmed", "confirmed"), date(2031, 5, 20)),
        # a month is not a day: still a plan
        (BRIDGE, "Harbour bridge to open in autumn 2031", "", None, None),
    ],
)
def test_the_item_verb_with_a_day_is_a_schedule(
    spec: ExtractionSpec, title: str, summary: str, status: tuple[str, str] | None, day: date | None
) -> None:
    obs = read(spec, title, summary)
    assert statuses(obs) == ([status] if status else [])
    if day is not None:
        assert day in event_days(obs)


@pytest.mark.parametrize(
    ("spec", "title", "summary", "expected"),
    [
        # a headline in the present tells what just happened
        (BRIDGE, "Harbour bridge finally opens after nine years of delays", "", [("happened", "confirmed")]),
        (NOVA, "Nova 2 releases worldwide to long queues", "", [("happened", "confirmed")]),
        # the same present form in a summary is a condition or a schedule, not news
        (BRIDGE, "Ferry operators plan for change", "Ferries will keep running after the Harbour bridge opens.", []),
        # nouns and compound adjectives name background trouble
        (BRIDGE, "Long-delayed Harbour bridge draws crowds", "", []),
        (ORION, "Orion capsule team upbeat despite repeated delays", "", []),
        (NOVA, "Nova 2 fans weary after months of delays", "", []),
        # "liftoff" is a noun: "minutes before liftoff" is not a launch
        (ORION, "Glitch halts Orion capsule countdown minutes before liftoff", "", [("postponed", "confirmed")]),
    ],
)
def test_tense_and_part_of_speech_decide_what_a_status_word_reports(
    spec: ExtractionSpec, title: str, summary: str, expected: list[tuple[str, str]]
) -> None:
    assert statuses(read(spec, title, summary)) == expected


@pytest.mark.parametrize(
    ("spec", "title", "summary", "day"),
    [
        # a date that a purpose infinitive governs belongs to that action
        (BRIDGE, "Harbour bridge has until the end of September to finish load tests", "", None),
        (ORION, "Orion capsule team has until June 30 to submit the review report", "", None),
        # ... unless the verb is the item's own
        (ORION, "Orion capsule has until June 30 to launch before the window closes", "", date(2031, 6, 30)),
        # "not until" asserts the time as the earliest
        (
            BRIDGE,
            "Harbour bridge update",
            "The Harbour bridge will not open until 2032, its operator said.",
            date(2032, 1, 1),
        ),
        # a reporting word dates its own statement only when the date follows it directly
        (
            ORION,
            "Orion capsule launch scrubbed",
            "Engineers said the next Orion attempt would be no earlier than Friday.",
            date(2031, 5, 9),
        ),
        # a capitalised word inside a name is not the item's noun
        (NOVA, "Nova 2 update", "Nova 2 maker Release Partners Group said on Friday it had hired staff.", None),
    ],
)
def test_which_dates_belong_to_the_item(spec: ExtractionSpec, title: str, summary: str, day: date | None) -> None:
    days = event_days(read(spec, title, summary))
    if day is None:
        assert days == []
    else:
        assert day in days


# ----------------------------------------------------------------------------- running totals


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a threshold crossed is a running total, even beside a weekday in another clause
        ("Festival footfall crosses 9 crore; cabinet to meet at the grounds on Wednesday", [("9 crore", "total")]),
        ("Deliveries top 1,000 jets as the backlog grows", [("1,000", "total")]),
        # ... but not as an infinitive of a goal
        ("The festival aims to cross 45 crore visitors", [("45 crore", "target")]),
        # a count over the time elapsed since the start
        ("Over 10 crore devotees take holy dip in 12 days", [("Over 10 crore", "total"), ("12", "other")]),
        (
            "The scheme has allowed Ukraine to ship more than 24 million tonnes of food since August.",
            [("more than 24 million tonnes", "total")],
        ),
        ("Since the start of the programme, 30.3 million doses have been given.", [("30.3 million", "total")]),
        ("15.2 million tonnes of farm products exported via the corridor", [("15.2 million tonnes", "total")]),
        # the Health Ministry's abbreviation
        ("India's vaccination coverage exceeds 85.60 Cr", [("85.60 Cr", "total")]),
        # a single period's figure stays an increment
        ("China bought 2 million tons this week", [("2 million tons", "increment")]),
    ],
)
def test_which_figures_are_running_totals(sentence: str, expected: list[tuple[str, str]]) -> None:
    from watchers.extract.numbers import find_quantities

    assert [(q.text, q.role) for q in find_quantities(sentence)] == expected


METRICS = """
settings:
  max_entry_age: 3650d
watches:
  - id: shots
    title: COVAX doses delivered
    kind: metric
    match: {any: [COVAX]}
    metric: {unit: count}
    baseline: {value: 200000000, as_of: 2031-01-01}
    target: {value: 2000000000, due: 2031-12-31}
  - id: pilgrims
    title: Magh Mela 2031 pilgrims
    kind: metric
    match: {any: [Magh Mela]}
    metric: {unit: count}
    baseline: {value: 300000000, as_of: 2031-01-01}
    target: {value: 450000000, due: 2031-02-26}
"""


class Totals(Story):
    def __init__(self) -> None:
        self.engine = build_engine(load_config_text(METRICS))
        self.states = self.engine.initial_states()
        self.n = 0


@pytest.mark.parametrize(
    ("title", "summary", "expected"),
    [
        # another entity's figure in a clause that does not name the item
        ("India crosses 100 crore Covid vaccine doses; exports to COVAX to resume", "", []),
        # a denied figure
        ("COVAX deliveries have not yet reached 300 million doses, WHO says", "", []),
        # the headline's figure is the news, not the world's total in the summary
        (
            "COVAX has delivered 272 million doses, WHO chief says",
            "Of the more than 1.5 billion doses given worldwide, COVAX has delivered 272 million.",
            [("value", 272000000.0)],
        ),
    ],
)
def test_a_running_total_moves_only_on_the_items_own_asserted_figure(
    title: str, summary: str, expected: list[tuple[str, object]]
) -> None:
    story = Totals()
    assert changes(story.read("2031-03-01T10:00", title, summary)) == expected


def test_the_last_stretch_to_the_target_is_a_step_but_a_leap_waits_for_a_second_outlet() -> None:
    story = Totals()
    # 300 -> 400 of 450 crore: a step
    assert changes(story.read("2031-02-01T10:00", "Magh Mela footfall crosses 40 crore", "")) == [
        ("value", 400000000.0)
    ]
    # 400 -> 450: the last stretch reaches the target from one outlet
    assert changes(story.read("2031-02-05T10:00", "Magh Mela footfall crosses 45 crore", "")) == [
        ("target", 450000000.0)
    ]
    # 200 million -> 1.9 billion of 2 billion in one report: a leap to the target, held until a second outlet
    # reports as much (or more)
    assert changes(story.read("2031-03-01T10:00", "COVAX deliveries reach 1.9 billion doses", "")) == []
    assert changes(story.read("2031-03-02T10:00", "COVAX deliveries pass 1.95 billion doses", "")) == [
        ("value", 1950000000.0)
    ]
    # a big rise that stays well short of the target is a step
    story = Totals()
    assert changes(story.read("2031-03-01T10:00", "COVAX deliveries reach 1 billion doses", "")) == [
        ("value", 1000000000.0)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Boeing keeps jet on track as it posts fourth-quarter loss",
        "Retailer's third quarter results beat forecasts",
        "The carmaker's first-quarter deliveries fell 8%",
    ],
)
def test_a_period_before_a_financial_noun_is_a_reporting_period_not_a_date(text: str) -> None:
    assert find_dates(text, date(2031, 1, 25)) == []


def test_a_slip_inside_the_stored_window_and_a_deadline_at_its_end_are_not_news() -> None:
    story = Story()
    # nova is expected in 2031-H2: "slips to late 2031" is how the baseline came to be
    assert changes(story.read("2031-02-02T10:00", "Nova 2 console release slips to late 2031", "")) == []
    # "before the end of 2031" says no more than the stored second half of 2031
    assert (
        changes(story.read("2031-03-02T10:00", "Nova 2 maker aims to release the console before the end of 2031")) == []
    )


@pytest.mark.parametrize(
    ("title", "summary", "expected"),
    [
        # "set <day>" is a schedule
        ("Orion capsule team set May 26 launch for crewed flight", "", [("confirmed", "confirmed")]),
        # a confirmation that something will happen on a day is confirmed, though "will" hedges the verb itself
        (
            "Orion update",
            "NASA confirmed on Wednesday that the Orion capsule will launch on May 26.",
            [("confirmed", "confirmed")],
        ),
    ],
)
def test_schedules_stated_with_a_day(title: str, summary: str, expected: list[tuple[str, str]]) -> None:
    assert statuses(read(ORION, title, summary)) == expected


@pytest.mark.parametrize(
    ("window", "text"),
    [
        ("2026-05-14", "14 May 2026"),
        ("2026-05-14..2026-05-15", "14-15 May 2026"),
        ("2026-04", "April 2026"),
        ("2026", "2026"),
        ("2025-Q3", "Q3 2025"),
        ("2025-H2", "second half of 2025"),
        ("2025-09-01..2025-11-30", "September to November 2025"),
        ("2025-12-01..2026-02-28", "December 2025 to February 2026"),
        ("2026-03-31..2026-04-02", "31 Mar 2026 to 2 Apr 2026"),
    ],
)
def test_windows_are_written_as_people_write_them(window: str, text: str) -> None:
    from watchers.config.values import parse_date_window
    from watchers.tracking.render import describe_window

    assert describe_window(parse_date_window(window)) == text


def test_a_date_alert_says_the_windows_and_carries_the_move_as_data() -> None:
    story = Story()
    alerts = story.read("2031-02-10T10:00", "Nova 2 console release now set for November 2031", "")
    date_alert = next(a for a in alerts if a.kind in ("date", "status"))
    assert "November 2031" in date_alert.text and "second half of 2031" in date_alert.text
    assert "2031-11-01" not in date_alert.text.splitlines()[0]
    assert date_alert.state["date_moved"] == {"old": "2031-07-01..2031-12-31", "new": "2031-11"}
    assert date_alert.state["expected"] == {"start": "2031-11-01", "end": "2031-11-30", "precision": "month"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a share of the promise is the running total
        ("The EU is at about 700,000 of the promised million shells", [("about 700,000", "total")]),
        # a target said to be met is the figure reached
        ("Borrell: EU has now met its pledge of 1 million rounds of ammunition", [("1 million", "total")]),
        ("The country reached the goal of 100 crore doses", [("100 crore", "total")]),
        # ... a target merely stated stays a target
        ("The EU pledged 1 million rounds by March", [("1 million", "target")]),
    ],
)
def test_a_share_of_a_promise_and_a_met_promise_are_totals(sentence: str, expected: list[tuple[str, str]]) -> None:
    from watchers.extract.numbers import find_quantities

    assert [(q.text, q.role) for q in find_quantities(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("So very soon, we will have provided 1 million shells, Borrell said.", [(1e6, "unconfirmed")]),
        ("Celebrations are planned for the day deliveries reach 1 million shells.", [(1e6, "unconfirmed")]),
        ("Ukraine is set to cross 1 million shells on Thursday.", []),  # an infinitive of a goal: a target
        ("The EU has delivered 1 million shells, Borrell said.", [(1e6, "confirmed")]),
    ],
)
def test_a_figure_still_ahead_is_not_reached(sentence: str, expected: list[tuple[float, str]]) -> None:
    spec = ExtractionSpec(kind="metric", subject_terms=("shells",), unit="count", target_value=2e6)
    values = [
        o for o in extract_observations(spec, title="", summary=sentence, published=PUBLISHED) if o.kind == "value"
    ]
    assert [(o.value, o.confidence) for o in values] == expected


def test_the_headline_rounds_and_the_summary_is_exact() -> None:
    story = Totals()
    alerts = story.read(
        "2031-02-01T10:00",
        "Magh Mela footfall crosses 40 crore",
        "The total number of pilgrims since the start of the mela stood at 40.37 crore, officials said.",
    )
    assert changes(alerts) == [("value", 403700000.0)]


DEAL = spec_for("US-China final rare earths deal", ("rare earths",), kind="agreement")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # "said to be" attributes the claim: a hedge
        ("US-China Rare Earths Text Said to Be Largely Agreed", [("agreed", "unconfirmed")]),
        # a verb coordinated with a headline infinitive shares its future
        ("Trump to visit Beijing from March 31 to April 2, sign rare earths pact", [("signed", "unconfirmed")]),
        ("Leaders will meet in Geneva and sign rare earths accord", [("signed", "unconfirmed")]),
        # the deal's other names take the same verbs
        ("US, China clinch rare earths agreement", [("agreed", "confirmed")]),
        ("Washington and Beijing strike rare earths pact", [("agreed", "confirmed")]),
        # sealing a deal settles its terms; signing completes it
        ("US and China seal rare earths deal", [("agreed", "confirmed")]),
        ("Trump, Xi sign rare earths agreement in Beijing", [("signed", "confirmed")]),
    ],
)
def test_agreement_statuses_across_phrasings(title: str, expected: list[tuple[str, str]]) -> None:
    assert statuses(read(DEAL, title)) == expected


KENYA = spec_for("President Ruto's state visit to Japan", ("Ruto", "state visit", "Japan", "Tokyo"))


@pytest.mark.parametrize(
    ("title", "summary", "expected_status", "days"),
    [
        # another traveller, another destination: someone else's visit
        ("Biden will visit New Delhi for the G20 summit on Sept. 9-10", "", [], []),
        ("Ruto arrives in Paris as Bastille Day guest of honour", "", [], []),
        # the item's own traveller and destination
        ("Ruto arrives in Tokyo for state visit", "", [("happened", "confirmed")], []),
        # a name right before "on <date>" owns the date; a possessor owns the visit
        (
            "Ruto to visit Japan from June 20 to 24, Egypt on June 24-25",
            "",
            [("confirmed", "confirmed")],
            [date(2031, 6, 20)],
        ),
        ("Kishida's reciprocal state visit to Kenya eyed for the fall, Ruto says", "", [], []),
        (
            "Trade talks",
            "Ruto said Kishida would come to Nairobi in the fall after his own state visit to Japan.",
            [],
            [],
        ),
    ],
)
def test_another_named_actor_place_or_owner_is_another_visit(
    title: str, summary: str, expected_status: list[tuple[str, str]], days: list[date]
) -> None:
    obs = extract_observations(KENYA, title=title, summary=summary, published=datetime(2031, 6, 10, 8, 0))
    assert statuses(obs) == expected_status
    assert event_days(obs) == days


AIRPORT = spec_for("Berlin Brandenburg Airport (BER) opening", ("BER", "Berlin Brandenburg"))


@pytest.mark.parametrize(
    ("spec", "title", "summary", "expected_status", "days"),
    [
        # an announcement confirms the item only when its object is the item: not a report about something else
        (AIRPORT, "BER operator confirms inspection report found thousands of defects", "", [], []),
        (
            AIRPORT,
            "Airport update",
            "The BER airport company confirmed that inspectors had flagged thousands of defects in the wiring.",
            [],
            [],
        ),
        # the item named only as a place is context
        (
            AIRPORT,
            "Air show cancelled",
            "The air show, planned for mid-May at the grounds next to the new Berlin Brandenburg airport, has been "
            "cancelled.",
            [],
            [],
        ),
        # a claim is attributed, not asserted
        (
            NOVA,
            "Nova 2 maker denies delay",
            "A fake memo claiming a move of the Nova 2 release to 2032 spread online.",
            [],
            [],
        ),
        # a deal's term is not its due date
        (
            DEAL,
            "US, China strike rare earths deal",
            "The rare earths deal suspends export controls until Jan. 1, 2033.",
            [("agreed", "confirmed")],
            [],
        ),
        (
            DEAL,
            "Rare earths talks extended",
            "Negotiators extended the rare earths deadline until Sunday.",
            [],
            [date(2031, 5, 4)],
        ),
    ],
)
def test_what_an_announcement_a_place_a_claim_and_a_term_say_about_the_item(
    spec: ExtractionSpec, title: str, summary: str, expected_status: list[tuple[str, str]], days: list[date]
) -> None:
    obs = read(spec, title, summary)
    assert statuses(obs) == expected_status
    confirmed_days = [
        o.date.start
        for o in obs
        if o.kind == "date" and o.date_role == "event" and o.date and o.confidence == "confirmed"
    ]
    assert confirmed_days == days


BREXIT = spec_for("EU-UK post-Brexit trade deal", ("Brexit trade deal", "trade deal", "trade talks"), kind="agreement")


@pytest.mark.parametrize(
    ("title", "summary", "expected_status", "days"),
    [
        # another party's deal, and the rest of that story with it
        (
            "Britain and Japan sign first major post-Brexit trade deal",
            "Trade ministers signed the agreement in Tokyo on Friday, as talks with the EU continue.",
            [],
            [],
        ),
        ("UK and Canada agree continuity trade deal", "Talks on a new bilateral deal start next year.", [], []),
        ("UK signs trade deal with Australia", "", [], []),
        # a counted counterparty is still one
        ("UK inks trade pact with four EFTA nations", "", [], []),
        ("Britain signs trade deal with the Gulf Cooperation Council", "", [], []),
        # the parties under their other names
        ("Britain and the European Union strike trade deal", "", [("agreed", "confirmed")], []),
        # a capital stands for its country: the EU's signing in Brussels is the item's
        (
            "EU leaders to sign Brexit trade deal in Brussels on Wednesday",
            "",
            [("signed", "unconfirmed")],
            [date(2031, 5, 7)],
        ),
        # a date nine words and another verb away belongs to what is next to it
        (
            "Trade deal struck",
            "Britain and the EU struck a trade deal on Friday, averting a chaotic exit on Jan. 1.",
            [("agreed", "confirmed")],
            [],
        ),
    ],
)
def test_a_deal_is_its_parties(
    title: str, summary: str, expected_status: list[tuple[str, str]], days: list[date]
) -> None:
    obs = read(BREXIT, title, summary)
    assert statuses(obs) == expected_status
    assert event_days(obs) == days


def test_places_have_their_other_names_and_pronouns_are_not_places() -> None:
    from watchers.extract.places import places_in

    assert [p for _, _, p in places_in("Britain, the U.S. and Beijing met in Brussels")] == [
        "united kingdom",
        "united states",
        "china",
        "european union",
    ]
    assert places_in("Let us know what the EU says") == [(21, 23, "european union")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a total up to a day is a running total; an absolute clause after it is about something else
        (
            "Agencies had bought 203.7 lakh tonnes of wheat till May 6, with Punjab accounting for half of the daily "
            "arrivals.",
            [("203.7 lakh tonnes", "total")],
        ),
        ("Deliveries as of June 30 stood at 1,200 jets.", [("1,200", "total")]),
    ],
)
def test_a_total_up_to_a_day(sentence: str, expected: list[tuple[str, str]]) -> None:
    from watchers.extract.numbers import find_quantities

    assert [(q.text, q.role) for q in find_quantities(sentence)] == expected


@pytest.mark.parametrize(
    ("title", "summary", "expected"),
    [
        # another measure than the watch's: stocks are not procurement, output is not deliveries
        ("Wheat stocks at 283 LMT on July 1", "Wheat stocks in the central pool stood at 283 LMT.", []),
        (
            "Procurement update",
            "Wheat production is estimated at 112 million tonnes, while procurement stood at 26.6 million tonnes.",
            [26600000.0],
        ),
        # a sentence that calls what it reports wrong
        (
            "Wheat procurement update",
            "Posts claiming that wheat procurement had topped 30 million tonnes were wrong.",
            [],
        ),
    ],
)
def test_a_figure_of_another_measure_or_a_denied_claim_is_not_the_total(
    title: str, summary: str, expected: list[float]
) -> None:
    spec = ExtractionSpec(
        kind="metric",
        subject_terms=("wheat procurement", "procurement", "procured"),
        unit="t",
        product="wheat",
        title_words=("India", "wheat", "procurement"),
    )
    obs = extract_observations(spec, title=title, summary=summary, published=PUBLISHED)
    assert [o.value for o in obs if o.kind == "value" and o.confidence == "confirmed"] == expected


@pytest.mark.parametrize(
    ("title", "summary", "expected"),
    [
        # a finite verb after an infinitive clause is the news itself
        ("Maker to cut 17,000 jobs, delays Nova 2 console release to 2032", "", [("postponed", "confirmed")]),
        # a doubt or a negated expectation is an opinion
        ("Retailer doubts Nova 2 console release will happen before mid-2032", "", []),
    ],
)
def test_coordination_and_opinion(title: str, summary: str, expected: list[tuple[str, str]]) -> None:
    assert [s for s in statuses(read(NOVA, title, summary)) if s[1] == "confirmed"] == expected


def test_an_entry_that_restates_the_stored_date_gives_its_other_dates_to_other_things() -> None:
    story = Story()
    alerts = story.read(
        "2031-03-01T10:00",
        "Nova 2 maker launches handheld edition",
        "The handheld edition of the Nova 2 console has a release planned for 2033; the console itself remains slated "
        "for the second half of 2031.",
    )
    assert changes(alerts) == []
    assert story.expected("nova") == "2031-07-01..2031-12-31"


@pytest.mark.parametrize(
    ("spec", "title", "summary", "expected_status", "days"),
    [
        # a ruled-out delay keeps the date
        (BRIDGE, "Harbour bridge chief rules out delaying May 31 opening", "", [], [date(2031, 5, 31)]),
        # a quoted word stays inside its phrase
        (
            ORION,
            "Orion capsule is 'go' for Saturday launch after review",
            "",
            [("confirmed", "confirmed")],
            [date(2031, 5, 10)],
        ),
        # an aim with a day dates the item without confirming it
        (ORION, "NASA working toward June 1 Orion capsule launch", "", [], [date(2031, 6, 1)]),
        # a nearer verb governs the date ("says marketing to start in summer")
        (
            NOVA,
            "Maker reaffirms Nov. 19 release for Nova 2, says marketing to start in summer",
            "",
            [],
            [date(2031, 11, 19)],
        ),
    ],
)
def test_what_governs_a_date(
    spec: ExtractionSpec, title: str, summary: str, expected_status: list[tuple[str, str]], days: list[date]
) -> None:
    obs = read(spec, title, summary)
    assert statuses(obs) == expected_status
    assert event_days(obs) == days


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # no tense: this year's date, as outlets drop this year's year
        ("Maker reaffirms Nov. 19 release", date(2031, 2, 5), date(2031, 11, 19)),
        # ... unless more than half a year gone
        ("Dec. 20 signing recalled", date(2031, 1, 3), date(2030, 12, 20)),
    ],
)
def test_a_year_less_day_without_tense(text: str, published: date, expected: date) -> None:
    assert [d.start for d in find_dates(text, published)] == [expected]


SHELL_WATCH = """
settings:
  max_entry_age: 3650d
watches:
  - id: shells
    title: EU pledge of one million artillery shells for Ukraine
    kind: metric
    match: {any: [shells, artillery shells]}
    metric: {unit: count}
    baseline: {value: 520000, as_of: 2031-01-01}
    target: {value: 1000000, due: 2031-12-31}
"""


class Shells(Story):
    def __init__(self) -> None:
        self.engine = build_engine(load_config_text(SHELL_WATCH))
        self.states = self.engine.initial_states()
        self.n = 0


def test_a_leap_stated_as_done_by_the_item_is_vouched_for_but_another_countrys_is_not_the_items() -> None:
    story = Shells()
    # another country acting in the figure's clause: not the item's figure, however assertive
    assert (
        changes(story.read("2031-02-01T10:00", "North Korea has shipped over 1 million artillery shells to Russia"))
        == []
    )
    # the item's own total in the present perfect needs no second outlet, though it leaps near the target
    assert changes(
        story.read("2031-03-01T10:00", "EU has supplied Ukraine with over 980,000 shells, Borrell says")
    ) == [("value", 980000.0)]


def test_a_settlement_is_another_agreement() -> None:
    merger = spec_for("Microsoft's acquisition of Activision Blizzard", ("Activision",), kind="agreement")
    assert statuses(read(merger, "Activision Blizzard agrees to pay $35 million to settle SEC charges")) == []
    assert statuses(read(merger, "Microsoft and Activision agree terms of acquisition")) == [("agreed", "confirmed")]


@pytest.mark.parametrize(
    ("title", "terms", "headline", "expected"),
    [
        # agreeing to negotiate is a step of the talks, in trade, diplomacy, labour and mergers alike
        (
            "UK-India free trade agreement",
            ("trade talks", "trade deal"),
            "Starmer and Modi agree to restart India trade talks early next year",
            [],
        ),
        ("Gaza ceasefire deal", ("ceasefire",), "Israel and Hamas agree to resume ceasefire negotiations in Cairo", []),
        ("WGA-AMPTP deal", ("WGA", "writers"), "Writers and studios agree to meet again on Friday", []),
        ("Nvidia's purchase of Arm", ("Arm",), "Nvidia and SoftBank agree to keep talking about Arm deal", []),
        # agreeing to the deal, or to its own act, is the deal
        (
            "UK-India free trade agreement",
            ("trade deal",),
            "Britain and India agree free trade deal",
            [("agreed", "confirmed")],
        ),
        (
            "Exxon's takeover of Pioneer",
            ("Pioneer",),
            "Pioneer agrees to $59.5 billion takeover by Exxon",
            [("agreed", "confirmed")],
        ),
    ],
)
def test_agreeing_to_negotiate_is_not_the_deal(
    title: str, terms: tuple[str, ...], headline: str, expected: list[tuple[str, str]]
) -> None:
    assert statuses(read(spec_for(title, terms, kind="agreement"), headline)) == expected


SOY_WATCH = """
settings:
  max_entry_age: 3650d
watches:
  - id: soy
    title: China purchases of US soybeans (12 MMT commitment)
    kind: metric
    match: {any: [soybean, soybeans], all: [China]}
    metric: {unit: t}
    baseline: {value: 2000000, as_of: 2031-11-24}
    target: {value: 12000000, due: 2031-12-31}
"""


class Soy(Story):
    def __init__(self) -> None:
        self.engine = build_engine(load_config_text(SOY_WATCH))
        self.states = self.engine.initial_states()
        self.n = 0


def test_the_target_given_a_new_deadline_moves_the_due_date_a_forecast_does_not() -> None:
    story = Soy()
    forecast = story.read(
        "2031-12-02T10:00",
        "China soybean update",
        "The 12 million tons China pledged are now expected to be bought by the end of March, traders said.",
    )
    assert changes(forecast) == []
    (moved,) = story.read(
        "2031-12-03T10:00", "Bessent says China will complete 12 million tons of soybean purchases by end of February"
    )
    assert (moved.kind, moved.old, moved.new) == ("date", "2031-12-31", "2032-02-29")
    assert moved.text.startswith("China purchases of US soybeans (12 MMT commitment): due date moved to 29 Feb 2032")
    assert story.states["soy"].due == date(2032, 2, 29)


def test_a_deals_verb_with_another_object_dates_that_object() -> None:
    obs = read(
        DEAL,
        "Soybean update",
        "China has until the end of February to complete purchases of 12 million tons under the truce, which also "
        "paused its rare earths export curbs.",
    )
    assert event_days(obs) == []
    obs = read(DEAL, "Rare earths talks", "Negotiators have until Friday to complete the rare earths deal.")
    assert event_days(obs) == [date(2031, 5, 9)]


def test_a_stored_total_that_two_later_outlets_contradict_is_corrected() -> None:
    story = Totals()
    # a misread total (another measure's figure) got stored from one outlet
    story.states["pilgrims"].value = 420_000_000.0
    story.states["pilgrims"].sources = ["https://one.example/a"]
    # one lower report waits; a second outlet reporting the next step up corrects the stored figure
    assert changes(story.read("2031-02-01T10:00", "Magh Mela footfall crosses 33 crore", "")) == []
    (fixed,) = story.read("2031-02-08T10:00", "Magh Mela footfall crosses 35 crore, officials say", "")
    assert (fixed.kind, fixed.old, fixed.new) == ("value", 420000000.0, 350000000.0)
    assert "did not hold" in fixed.rule
    # below the admin's baseline is a misread, never a correction
    story.states["pilgrims"].value = 420_000_000.0
    assert changes(story.read("2031-03-01T10:00", "Magh Mela: 20 crore take dip on Maghi Purnima", "")) == []
    assert changes(story.read("2031-03-02T10:00", "Magh Mela: 21 crore bathe on the final day", "")) == []


def test_a_stated_total_is_not_read_again_as_a_share_of_the_watchs_target() -> None:
    spec = ExtractionSpec(kind="metric", subject_terms=("phase one",), unit="usd", target_value=502.4e9)
    obs = extract_observations(
        spec,
        title="China bought $100 billion of U.S. goods under phase one in 2020, 58% of target",
        summary="",
        published=PUBLISHED,
    )
    assert [o.value for o in obs if o.kind == "value"] == [100e9]


def test_a_signed_deal_can_be_terminated_and_a_cancelled_event_rescheduled() -> None:
    merger = """
settings:
  max_entry_age: 3650d
watches:
  - id: merger
    title: Kestrel's acquisition of Falcon Foods
    kind: agreement
    match: {any: [Falcon Foods]}
    baseline: {status: signed, due: 2031-06-30, as_of: 2031-01-01}
  - id: visit
    title: King's state visit to France
    kind: event
    match: {any: [state visit], all: [France]}
    baseline: {status: cancelled, expected: 2031-03, as_of: 2031-01-01}
"""
    story = Story()
    story.engine = build_engine(load_config_text(merger))
    story.states = story.engine.initial_states()
    assert changes(story.read("2031-03-01T10:00", "Falcon Foods terminates Kestrel merger, sues for breach")) == [
        ("status", "collapsed")
    ]
    alerts = story.read("2031-05-01T10:00", "King to make rescheduled state visit to France on Sept. 20-22")
    assert [kind for kind, _ in changes(alerts)] == ["status"]  # back on a date: postponed (was cancelled)
    assert story.expected("visit") == "2031-09-20..2031-09-22"


def test_a_date_the_item_moved_away_from_is_old_news() -> None:
    story = Story()
    story.read("2031-04-10T10:00", "Orion capsule launch delayed to May 22 after clamp incident")
    story.read("2031-04-20T10:00", "Orion capsule launch slips to May 24 over communication issue")
    # a syndicated re-run of the first slip
    assert changes(story.read("2031-04-21T10:00", "Orion capsule launch delayed to May 22 after clamp incident")) == []
    assert story.expected("orion") == "2031-05-24"
    # ... unless the text says the date was brought back
    assert changes(story.read("2031-04-25T10:00", "Orion capsule launch moved up to May 22 as fix goes faster")) == [
        ("date", "2031-05-22")
    ]


@pytest.mark.parametrize(
    ("spec", "title", "summary", "expected_status", "days"),
    [
        # a schedule restated is not news
        (ORION, "Orion capsule issue resolved, launch still set for May 24", "", [], [date(2031, 5, 24)]),
        # a participle before the item's noun describes it; the light verb with a day is the schedule
        (
            KENYA,
            "Ruto to make rescheduled state visit to Japan on Sept. 20-22",
            "",
            [("confirmed", "confirmed")],
            [date(2031, 9, 20)],
        ),
        # an infinitive of purpose after a moved date says why, it sets no deadline
        (
            ORION,
            "Orion capsule launch slips to no earlier than May 24 to resolve communications issue",
            "",
            [("postponed", "confirmed")],
            [date(2031, 5, 24)],
        ),
        # a relative clause's date is its noun's
        (
            KENYA,
            "What to expect from Ruto's state visit to Japan",
            "Ruto arrives on Wednesday as Japan hosts the Expo, which runs until Oct. 28.",
            [],
            [],
        ),
    ],
)
def test_restatements_descriptions_purposes_and_relative_clauses(
    spec: ExtractionSpec, title: str, summary: str, expected_status: list[tuple[str, str]], days: list[date]
) -> None:
    obs = read(spec, title, summary)
    assert statuses(obs) == expected_status
    assert event_days(obs) == days


def test_an_acronym_before_the_items_term_is_another_entitys_figure() -> None:
    spec = ExtractionSpec(
        kind="metric", subject_terms=("wheat procurement",), unit="t", title_names=("India",), title_words=("India",)
    )
    obs = extract_observations(spec, title="MP wheat procurement at 45 LMT", summary="", published=PUBLISHED)
    assert [o.value for o in obs if o.kind == "value"] == []
    obs = extract_observations(spec, title="Centre's wheat procurement tops 170 LMT", summary="", published=PUBLISHED)
    assert [o.value for o in obs if o.kind == "value"] == [17_000_000.0]


LEVEL_WATCH = """
settings:
  max_entry_age: 3650d
watches:
  - id: reservoirs
    title: Spain's reservoirs 60% full by June
    kind: metric
    match: {any: [reservoir, reservoirs]}
    metric: {unit: percent}
    baseline: {value: 41, as_of: 2031-01-05}
    target: {value: 60, due: 2031-06-30}
"""


class Levels(Story):
    def __init__(self) -> None:
        self.engine = build_engine(load_config_text(LEVEL_WATCH))
        self.states = self.engine.initial_states()
        self.n = 0


def test_a_watch_in_percent_follows_the_level_and_ignores_other_percentages() -> None:
    story = Levels()
    assert changes(story.read("2031-02-01T10:00", "Spain's reservoirs climb to 45% after storms")) == [("value", 45.0)]
    assert changes(
        story.read(
            "2031-02-15T10:00", "Reservoir update", "Spain's reservoirs were 49% full on Tuesday, the ministry said."
        )
    ) == [("value", 49.0)]
    # a target, a price change and another country's level are not the level
    assert (
        changes(story.read("2031-03-01T10:00", "Government wants reservoirs 60% full by June as water prices rise 20%"))
        == []
    )
    assert (
        changes(
            story.read(
                "2031-03-02T10:00", "Reservoirs in Portugal reach 70%", "Portugal's reservoirs reached 70% this week."
            )
        )
        == []
    )
    assert changes(story.read("2031-04-01T10:00", "Spain's reservoirs hit 60% target two months early")) == [
        ("target", 60.0)
    ]


def test_a_correction_waiting_for_its_second_outlet_survives_other_held_changes() -> None:
    """With min_sources 2, every change waits in the same pending store; a held correction keeps its own window."""
    story = Totals()
    text = METRICS.replace(
        "    target: {value: 450000000, due: 2031-02-26}",
        "    target: {value: 450000000, due: 2031-02-26}\n    min_sources: 2",
    )
    story.engine = build_engine(load_config_text(text))
    story.states = story.engine.initial_states()
    story.states["pilgrims"].value = 420_000_000.0
    story.states["pilgrims"].sources = ["https://one.example/a"]
    assert changes(story.read("2031-02-01T10:00", "Magh Mela footfall crosses 33 crore", "")) == []
    # ten days later another held change passes through the store (one outlet, waits for a second)
    story.states["pilgrims"].value = 420_000_000.0
    assert changes(story.read("2031-02-11T10:00", "Magh Mela footfall crosses 43 crore", "")) == []
    (fixed,) = story.read("2031-02-12T10:00", "Magh Mela footfall crosses 35 crore, officials say", "")
    assert (fixed.kind, fixed.new) == ("value", 350000000.0)
