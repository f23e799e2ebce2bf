"""Rules added for follow-up accuracy: actor direction, plan vs confirmation, actor of the status verb,
hedged reports and dates stated as targets."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from watchers.extract.observe import ExtractionSpec, Observation, extract_observations
from watchers.extract.signals import Vocabulary, find_status_signals, hedge_cue

TRUMP = ExtractionSpec(
    kind="event",
    subject_terms=(
        "Trump's visit",
        "Trump visit",
        "Trump to visit",
        "Trump will visit",
        "Trump's trip",
        "Trump trip",
        "Trump arrives",
        "Trump postpones",
        "Beijing visit",
        "Beijing trip",
        "visit to Beijing",
        "trip to Beijing",
        "China trip",
    ),
    vocabulary=Vocabulary.for_kind("event").extend(
        {"postponed": ["delays", "delayed"], "happened": ["arrives in Beijing", "arrived in Beijing"]}
    ),
)
XI = ExtractionSpec(
    kind="event", subject_terms=("Xi's visit", "Xi to visit", "Xi will visit", "Xi's state visit", "Xi state visit")
)
RARE_EARTHS = ExtractionSpec(kind="agreement", subject_terms=("deal", "agreement", "accord", "talks"))
SOY = ExtractionSpec(
    kind="metric",
    subject_terms=("purchases", "purchased", "bought", "buying", "booked", "bookings", "sales", "commitment"),
    product_terms=("soybean", "soybeans", "soy"),
    actor_terms=("China", "Chinese", "Beijing", "Sinograin", "COFCO"),
    other_product_terms=("sorghum", "corn", "wheat", "Brazil", "Brazilian", "Argentina"),
    other_actor_terms=("sorghum", "corn", "wheat", "Brazil", "Brazilian", "Argentina"),
    target_value=12e6,
)
PUB = datetime(2026, 3, 11, 8, 0)
EVENT = Vocabulary.for_kind("event")


def statuses(obs: list[Observation]) -> list[tuple[str | None, str]]:
    return [(o.status, o.confidence) for o in obs if o.kind == "status"]


def event_dates(obs: list[Observation]) -> list[tuple[date, date, str]]:
    return [
        (o.date.start, o.date.end, o.confidence) for o in obs if o.kind == "date" and o.date_role == "event" and o.date
    ]


def values(obs: list[Observation]) -> list[int]:
    return sorted({round(o.value) for o in obs if o.kind == "value" and o.value is not None})


# ----------------------------------------------------------------------------- 1-3: metric values


@pytest.mark.parametrize(
    ("title", "summary", "expected"),
    [
        # another actor is the subject: the number is that actor's
        (
            "Soybean trade",
            "Brazil shipped a record 8.7 million tons of soybeans to China in November, Brazilian customs data "
            "showed, keeping Chinese crushers well supplied despite renewed purchases of US cargoes.",
            [],
        ),
        ("Brazil's Soybean Exports to China Hit Record 8.7 Million Tons in November", "", []),
        ("China soybean buying", "Brazil exported 9 million tons of soybeans to China last month.", []),
        ("China soybean buying", "Argentina sold 2 million tons of soybeans to Chinese crushers.", []),
        ("China soybean buying", "Brazilian exporters sold 5 million tons of soybeans to China.", []),
        ("China soybean buying", "Brazilian soybean sales to China rose to 10 million tons.", []),
        # ours is the subject, the other actor an origin or a comparison
        ("China soybean buying", "China bought 3 million tons of US soybeans, more than Brazil.", [3_000_000]),
        (
            "China soybean buying",
            "While Brazil dominates, China has bought 3 million tons of US soybeans.",
            [3_000_000],
        ),
        ("China soybean buying", "US exporters sold 3 million tons of soybeans to China so far.", [3_000_000]),
        # percentage of the commitment
        (
            "China reaches 70% of US soybean pledge as year-end nears",
            "China's purchases of U.S. soybeans have reached about 70% of the 12 million ton commitment for 2025, "
            "USDA data showed on Tuesday, leaving buyers a week to book the rest.",
            [8_400_000],
        ),
        ("China soybean buying", "China has now bought 55% of its 12 million ton soybean commitment.", [6_600_000]),
        # title-only running totals
        ("China's US soybean purchases reach 12.2 million metric tons", "", [12_200_000]),
        ("China's soybean purchases top 5 million tons", "", [5_000_000]),
        ("US soybean sales to China climb to 3 million tons", "", [3_000_000]),
        ("Chinese soybean bookings reach 250 million bushels", "", [6_803_887]),
    ],
)
def test_metric_actor_and_totals(title: str, summary: str, expected: list[int]) -> None:
    obs = extract_observations(SOY, title=title, summary=summary, published=date(2025, 12, 23))
    assert values(obs) == expected


# ----------------------------------------------------------------------------- 4: reports, no comment


@pytest.mark.parametrize(
    "summary",
    [
        "China's foreign ministry said on Wednesday that preparations for US President Donald Trump's April visit "
        "to Beijing were proceeding smoothly, declining to comment on reports of a delay.",
        "The ministry declined to comment on reports that Trump's visit to Beijing was delayed.",
        "Officials would not comment on the postponement of Trump's visit to Beijing.",
        "There was speculation about a delay of Trump's visit to Beijing.",
        "Markets fell on media reports that Trump's trip to Beijing had been postponed.",
        "Asked about reports of a postponement of Trump's visit to Beijing, the spokesman said nothing.",
    ],
)
def test_reported_or_uncommented_postponement_is_not_confirmed(summary: str) -> None:
    obs = extract_observations(
        TRUMP, title="China says preparations for Trump visit proceeding", summary=summary, published=PUB
    )
    assert ("postponed", "confirmed") not in statuses(obs)


@pytest.mark.parametrize(
    ("sentence", "hedge"),
    [
        ("She declined to comment on reports of a delay.", "reports of"),
        ("The White House declined to comment on the delay.", "declined to comment"),
        ("The visit was delayed, the White House said.", None),
    ],
)
def test_report_hedges(sentence: str, hedge: str | None) -> None:
    cue = hedge_cue(sentence, sentence.index("delay"))
    assert (cue.lower() if cue else None) == hedge


# ----------------------------------------------------------------------------- 5: actor of the status verb


@pytest.mark.parametrize(
    ("title", "summary", "expected", "dated"),
    [
        # another actor's verb; our subject is only context
        ("Chinese vice premier to visit Washington March 31 to April 2 ahead of Trump's Beijing trip", "", [], False),
        (
            "Vice premier heads to Washington",
            "Chinese Vice Premier He Lifeng will visit Washington from March 31 to April 2 to prepare for "
            "President Donald Trump's visit to Beijing, China's commerce ministry said Friday.",
            [],
            False,
        ),
        (
            "Advance team in Beijing",
            "A White House advance team arrived in Beijing to prepare for Trump's visit to Beijing on May 14.",
            [],
            True,  # the date belongs to Trump's visit, the arrival to the advance team
        ),
        ("Ahead of Trump's Beijing trip, the Chinese delegation arrived in Washington on March 31", "", [], False),
        ("US trade delegation arrives in Beijing for Trump's China trip preparations", "", [], False),
        # our subject governs the verb
        ("Trump postpones Beijing visit to May 14-15", "", [("postponed", "confirmed")], True),
        ("Trump arrives in Beijing for talks with Xi", "", [("happened", "confirmed")], False),
        ("The postponement of Trump's visit to Beijing surprised diplomats", "", [("postponed", "confirmed")], False),
        ("Trump's visit, postponed to May 14-15, will focus on trade", "", [("postponed", "confirmed")], True),
        ("White House delays Trump's China trip to May 14-15", "", [("postponed", "confirmed")], True),
        ("Officials pushed Trump's Beijing trip back to May 14-15", "", [("postponed", "confirmed")], True),
        ("White House confirms Trump will visit Beijing in April", "", [("confirmed", "confirmed")], False),
        (
            "Trump's China trip on",
            "The White House confirmed that President Donald Trump will make a state visit to Beijing in April.",
            [("confirmed", "confirmed")],
            False,
        ),
    ],
)
def test_status_verb_actor(title: str, summary: str, expected: list[tuple[str, str]], dated: bool) -> None:
    obs = extract_observations(TRUMP, title=title, summary=summary, published=datetime(2026, 3, 27, 14, 0))
    assert statuses(obs) == expected
    day_dates = [d for d in event_dates(obs) if d[0] == d[1] or (d[1] - d[0]).days < 7]
    assert bool(day_dates) == dated


def test_reported_plan_keeps_its_date() -> None:
    obs = extract_observations(
        TRUMP,
        title="Trump's Beijing visit rescheduled for May 14-15",
        summary="The White House said Trump will visit Beijing May 14-15.",
        published=datetime(2026, 4, 10, 9, 0),
    )
    assert ("postponed", "confirmed") in statuses(obs)
    assert (date(2026, 5, 14), date(2026, 5, 15), "confirmed") in event_dates(obs)


# ----------------------------------------------------------------------------- 6: plans are not confirmations


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Trump will travel to Beijing in April.", []),
        ("Trump to travel to Beijing in April", []),
        ("Xi to visit US later this year", []),
        ("Xi will make a state visit to the United States in September.", []),
        ("Trump accepted Xi's invitation to visit Beijing in April.", []),
        ("Xi will host Trump in Beijing in April.", []),
        ("White House confirms Trump will visit Beijing in April", [("confirmed", "confirmed", False)]),
        ("The White House announced Trump's visit to Beijing.", [("confirmed", "confirmed", False)]),
        ("Trump's visit is officially set for May 14.", [("confirmed", "confirmed", False)]),
        # an announcement of a plan is still a plan
        ("The White House announced that the state visit is planned for September.", []),
        ("Trump confirmed he plans to visit Beijing in April.", []),
        # a future announcement is not one yet
        ("Exact dates will be announced later.", [("confirmed", "unconfirmed", False)]),
    ],
)
def test_plan_phrases_do_not_confirm(sentence: str, expected: list[tuple[str, str, bool]]) -> None:
    assert [(s.status, s.confidence, s.negated) for s in find_status_signals(sentence, EVENT)] == expected


@pytest.mark.parametrize(
    ("spec", "title", "summary", "confirmed"),
    [
        (XI, "Trump leaves Beijing; Xi to visit US later this year", "", False),
        (XI, "Xi's state visit set for later this year", "", False),
        (XI, "Xi's state visit set for Sept. 20-22", "", True),
        # a month or "next month" restates the plan; naming the day commits to it
        (XI, "Xi's visit scheduled for September", "", False),
        (XI, "Xi's visit was scheduled after talks", "", False),
        (TRUMP, "President Trump to Travel to Beijing in April", "", False),
        (TRUMP, "Trump's trip to Beijing slated for next month", "", False),
        (TRUMP, "Trump's trip to Beijing slated for May 24", "", True),
    ],
)
def test_schedule_needs_a_date(spec: ExtractionSpec, title: str, summary: str, confirmed: bool) -> None:
    obs = extract_observations(spec, title=title, summary=summary, published=datetime(2026, 5, 15, 10, 0))
    assert (("confirmed", "confirmed") in statuses(obs)) == confirmed


# ----------------------------------------------------------------------------- 7: dates stated as targets


@pytest.mark.parametrize(
    ("summary", "confidence"),
    [
        (
            "Treasury Secretary Scott Bessent said Monday that the United States and China now hope to complete a "
            "rare earths agreement by Dec. 15, pushing the talks past the Thanksgiving goal he set last week.",
            "confirmed",
        ),
        ("The US and China now aim to finalize a rare earths deal by Dec. 15, Bessent said.", "confirmed"),
        ("Negotiators expect to sign the agreement by Dec. 15.", "confirmed"),
        ("The two sides plan to seal the deal by Dec. 15.", "confirmed"),
        ("Officials seek to conclude the talks by Dec. 15.", "confirmed"),
        ("The deal could be finalized by Dec. 15, people familiar said.", "unconfirmed"),
        ("The agreement may be signed by Dec. 15.", "unconfirmed"),
        ("The deal will reportedly be signed by Dec. 15.", "unconfirmed"),
        ("The agreement might be concluded by Dec. 15.", "unconfirmed"),
    ],
)
def test_goal_dates_are_confirmed(summary: str, confidence: str) -> None:
    obs = extract_observations(
        RARE_EARTHS, title="Rare earths talks", summary=summary, published=datetime(2025, 12, 1, 18, 30)
    )
    assert (date(2025, 12, 15), date(2025, 12, 15), confidence) in event_dates(obs)


def test_goal_words_still_hedge_statuses() -> None:
    (sig,) = find_status_signals("The US and China hope to sign the deal by Dec. 15.", Vocabulary.for_kind("agreement"))
    assert sig.confidence == "unconfirmed"
