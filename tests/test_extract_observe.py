"""End-to-end extraction: spec + entry -> observations."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from watchers.extract.observe import ExtractionSpec, Observation, extract_observations

TRUMP_VISIT = ExtractionSpec(kind="event", subject_terms=("Trump",))
XI_VISIT = ExtractionSpec(kind="event", subject_terms=("Xi", "Xi Jinping"))
RARE_EARTHS = ExtractionSpec(kind="agreement", subject_terms=("rare earths", "rare-earths", "rare earth"))
SOY = ExtractionSpec(
    kind="metric",
    product_terms=("soybean", "soy"),
    actor_terms=("China", "Chinese", "Beijing"),
    other_product_terms=("corn", "wheat", "sorghum", "barley"),
    other_actor_terms=("Brazil", "Argentina", "Brazilian", "Argentine"),
    target_value=12e6,
)
WHEAT = ExtractionSpec(
    kind="metric",
    product_terms=("wheat",),
    actor_terms=("Egypt",),
    other_product_terms=("corn", "soybeans"),
    other_actor_terms=("Algeria",),
    product="wheat",
)
PUB = datetime(2025, 11, 25, 14, 30)


def statuses(obs: list[Observation]) -> list[tuple[str | None, str]]:
    return [(o.status, o.confidence) for o in obs if o.kind == "status"]


def dates(obs: list[Observation]) -> list[tuple[str, date, date, str | None]]:
    return [(o.date.text, o.date.start, o.date.end, o.date_role) for o in obs if o.kind == "date" and o.date]


def values(obs: list[Observation]) -> list[float]:
    return [round(o.value) for o in obs if o.kind == "value" and o.value is not None]


def test_postponement_with_new_date() -> None:
    obs = extract_observations(
        TRUMP_VISIT,
        title="Trump's Beijing trip pushed back to May",
        summary=(
            "President Donald Trump's visit to Beijing, originally planned for April, has been postponed "
            "to May 14-15, officials said on Tuesday. The White House did not give a reason."
        ),
        published=datetime(2025, 12, 3),
    )
    assert statuses(obs) == [("postponed", "confirmed"), ("postponed", "confirmed")]
    assert dates(obs) == [
        ("May", date(2026, 5, 1), date(2026, 5, 31), "event"),
        ("April", date(2026, 4, 1), date(2026, 4, 30), "previous"),
        ("May 14-15", date(2026, 5, 14), date(2026, 5, 15), "event"),
        ("Tuesday", date(2025, 12, 2), date(2025, 12, 2), "other"),
    ]
    assert obs[0].in_title and obs[0].sentence_index == 0
    assert "pushed back" in obs[0].rule


def test_confirmed_visit_and_reporting_date() -> None:
    obs = extract_observations(
        TRUMP_VISIT,
        title="Trump to visit China in April",
        summary=("Trump said on Monday he would travel to Beijing in April. Xi will visit the U.S. later in 2026."),
        published=PUB,
    )
    # "to visit" / "would travel to" restate the plan: no confirmation, but the dates are the visit's
    assert statuses(obs) == []
    assert [d for d in dates(obs) if d[3] == "event"] == [
        ("April", date(2026, 4, 1), date(2026, 4, 30), "event"),
        ("April", date(2026, 4, 1), date(2026, 4, 30), "event"),
    ]
    assert ("Monday", date(2025, 11, 24), date(2025, 11, 24), "other") in dates(obs)
    # the Xi sentence does not mention Trump and is not a definite reference
    assert all("Xi will visit" not in o.sentence for o in obs)


def test_xi_reciprocal_visit_later_in_2026() -> None:
    obs = extract_observations(
        XI_VISIT,
        title="Trump says Xi to make state visit to US later in 2026",
        summary=("Chinese President Xi Jinping will make a reciprocal state visit to the United States later in 2026."),
        published=PUB,
    )
    assert statuses(obs) == [], "'will make a state visit' restates the plan"
    event_dates = [d for d in dates(obs) if d[3] == "event"]
    assert event_dates and all(d[1] == date(2026, 1, 1) and d[2] == date(2026, 12, 31) for d in event_dates)


def test_denial_produces_no_status() -> None:
    obs = extract_observations(
        TRUMP_VISIT,
        title="White House denies Trump trip delayed",
        summary="The White House denied a report that Trump's visit to Beijing was postponed.",
        published=PUB,
    )
    assert statuses(obs) == []


def test_hedged_postponement_is_unconfirmed() -> None:
    obs = extract_observations(
        TRUMP_VISIT,
        title="Trump weighs delaying China trip",
        summary=("Trump may push back his visit to Beijing to June, according to people familiar with the matter."),
        published=PUB,
    )
    assert statuses(obs) == [("postponed", "unconfirmed"), ("postponed", "unconfirmed")]
    assert [(d[0], d[3]) for d in dates(obs)] == [("June", "event")]
    assert all(o.confidence == "unconfirmed" for o in obs)


def test_anaphora_uses_title_subject() -> None:
    obs = extract_observations(
        TRUMP_VISIT,
        title="Trump's Beijing visit",
        summary="The visit has been postponed until May. Separately, markets fell.",
        published=PUB,
    )
    assert statuses(obs) == [("postponed", "confirmed")]
    assert [(d[0], d[3]) for d in dates(obs)] == [("May", "event")]


def test_unrelated_entry_is_empty() -> None:
    assert (
        extract_observations(
            TRUMP_VISIT,
            title="Fed holds rates",
            summary="The Federal Reserve postponed its decision to December.",
            published=PUB,
        )
        == []
    )


def test_past_visit_date_is_past() -> None:
    obs = extract_observations(
        TRUMP_VISIT,
        title="",
        summary="Trump, who last visited Beijing in 2017, will return in April.",
        published=PUB,
    )
    assert [(d[0], d[3]) for d in dates(obs)] == [("2017", "past"), ("April", "event")]


def test_call_date_is_not_event_date() -> None:
    obs = extract_observations(
        TRUMP_VISIT,
        title="",
        summary="Trump and Xi discussed the April visit in a call on Nov. 24.",
        published=PUB,
    )
    assert [(d[0], d[3]) for d in dates(obs)] == [("April", "event"), ("Nov. 24", "other")]


@pytest.mark.parametrize(
    ("title", "summary", "published", "expected"),
    [
        (
            "US, China rare earths deal expected by Thanksgiving",
            "U.S. officials expect to sign the rare earths agreement by Thanksgiving.",
            datetime(2025, 11, 10),
            ([("signed", "unconfirmed")], date(2025, 11, 27)),
        ),
        (
            "US, China sign rare earths deal",
            "The United States and China signed the rare-earths agreement on Wednesday.",
            datetime(2025, 11, 27),
            ([("signed", "confirmed"), ("signed", "confirmed")], date(2025, 11, 26)),
        ),
        (
            "Rare earths deal not yet signed",
            "The rare earths deal has not yet been signed, officials said on Thursday, and could slip to December.",
            datetime(2025, 11, 28),
            ([], date(2025, 12, 1)),
        ),
        (
            "Rare earths talks collapse",
            "Talks on a rare earths deal broke down on Friday, and no new date was set.",
            datetime(2026, 3, 7),
            ([("collapsed", "confirmed"), ("collapsed", "confirmed")], date(2026, 3, 6)),
        ),
    ],
)
def test_rare_earths(
    title: str, summary: str, published: datetime, expected: tuple[list[tuple[str, str]], date | None]
) -> None:
    obs = extract_observations(RARE_EARTHS, title=title, summary=summary, published=published)
    exp_status, exp_date = expected
    assert statuses(obs) == exp_status
    event_dates = [d[1] for d in dates(obs) if d[3] in {"event", "past"}]
    if exp_date is not None:
        assert exp_date in event_dates
    else:
        assert event_dates == []


def test_slipped_date_is_future() -> None:
    obs = extract_observations(
        RARE_EARTHS,
        title="Rare earths deal delayed",
        summary="Signing of the rare earths deal has slipped into December, people familiar with the talks said.",
        published=PUB,
    )
    assert [(d[0], d[1], d[3]) for d in dates(obs)] == [("December", date(2025, 12, 1), "event")]
    assert all(o.confidence == "unconfirmed" for o in obs)


def test_rare_earths_deadline_flag() -> None:
    obs = extract_observations(
        RARE_EARTHS,
        title="",
        summary="A rare-earths deal is expected by Thanksgiving.",
        published=datetime(2025, 11, 1),
    )
    (d,) = [o for o in obs if o.kind == "date"]
    assert d.date is not None and d.date.deadline and d.date.start == date(2025, 11, 27)
    assert d.date_role == "event"


@pytest.mark.parametrize(
    ("title", "summary", "expected"),
    [
        (
            "China's soybean purchases lag",
            "China has bought nearly 2 million metric tons of U.S. soybeans, short of the 12 million metric "
            "tons agreed.",
            [2_000_000],
        ),
        (
            "China soybean buying",
            "China will buy 25 million metric tons a year for three years, Bessent said.",
            [],
        ),
        ("China soybean buying", "China agreed to buy 12 million tons by the end of the year.", []),
        ("China soybean buying", "China could buy 20 million tons of soybeans.", []),
        ("Soybean exports", "Brazil exported 100 million tons of soybeans last year.", []),
        ("China soybean buying", "China bought 3 million tons of sorghum.", []),
        ("China soybean buying", "Soybean futures rose to $11 a bushel.", []),
        (
            "China soybean buying",
            "China bought 2 million tons of soybeans and 3 million tons of sorghum.",
            [2_000_000],
        ),
        ("China soybean buying", "China bought 2 million tons of soybeans from Brazil.", []),
        (
            "China soybean buying",
            "China bought 2 million tons, while Brazil shipped 5 million tons of soybeans.",
            [2_000_000],
        ),
        ("China soybean buying", "China has fulfilled 22.5% of the 12 million ton commitment.", [2_700_000]),
        ("China soybean buying", "China has met 40% of its purchase commitment.", [4_800_000]),
        (
            "Chinese buyers return",
            "Exporters sold 73.4874 million bushels of soybeans to China so far.",
            [2_000_000],
        ),
        ("Chinese buyers return", "Chinese importers have bought 1.1 million tons, traders said.", []),
        (
            "China's soybean purchases",
            "Chinese importers have bought 1.1 million tons, traders said.",
            [1_100_000],
        ),
        ("Markets", "Wheat prices rose.", []),
    ],
)
def test_soybean_values(title: str, summary: str, expected: list[int]) -> None:
    obs = extract_observations(SOY, title=title, summary=summary, published=PUB)
    assert values(obs) == expected


def test_value_rule_explains_qualifier_and_as_of() -> None:
    obs = extract_observations(
        SOY,
        title="China soybean purchases",
        summary="As of Nov. 24, China had bought nearly 2 million metric tons of U.S. soybeans.",
        published=PUB,
    )
    (o,) = obs
    assert o.qualifier == "nearly"
    assert "nearly 2 million metric tons" in o.rule and "qualifier nearly" in o.rule
    assert o.as_of is not None and o.as_of.start == date(2025, 11, 24)
    assert o.unit == "t" and not o.in_title and o.sentence_index == 1


def test_generic_wheat_metric() -> None:
    obs = extract_observations(
        WHEAT,
        title="Egypt wheat imports",
        summary=(
            "Egypt has imported 4.2 million tonnes of wheat so far this season. "
            "Algeria bought 500,000 tonnes of wheat. Egypt plans to buy 12 million tonnes a year."
        ),
        published=PUB,
    )
    assert values(obs) == [4_200_000]


def test_generic_summit_event() -> None:
    spec = ExtractionSpec(kind="event", subject_terms=("ASEAN summit",))
    obs = extract_observations(
        spec,
        title="ASEAN summit postponed",
        summary="The ASEAN summit, scheduled for Oct. 26-28, has been postponed until early next year.",
        published=datetime(2025, 9, 1),
    )
    assert ("postponed", "confirmed") in statuses(obs)
    assert [(d[0], d[3]) for d in dates(obs)] == [("Oct. 26-28", "previous"), ("early next year", "event")]


def test_spec_from_mapping() -> None:
    spec = ExtractionSpec.from_mapping(
        {"kind": "event", "subject_terms": ["Trump"], "vocabulary": {"postponed": ["kick the can"]}}
    )
    obs = extract_observations(spec, title="Trump kicked the can on the Beijing visit", summary="", published=PUB)
    assert statuses(obs) == [("postponed", "confirmed")]


def test_deterministic_and_date_only_published() -> None:
    kwargs = {"title": "Trump to visit Beijing in April", "summary": "The trip is set for April."}
    a = extract_observations(TRUMP_VISIT, published=datetime(2025, 11, 25, 23, 59), **kwargs)
    b = extract_observations(TRUMP_VISIT, published=date(2025, 11, 25), **kwargs)
    assert a == b
