"""The five-field ``watch add`` form (a Discord modal): "where it stands now" and the answers as arguments."""

from __future__ import annotations

import pytest

from bot.commands.context import CommandProblem
from bot.commands.guided_form import FIELDS, answers_text, form_arguments, problem_text, standing

# (domain, kind, what was typed, the watch add arguments it becomes)
STANDINGS: list[tuple[str, str, str, dict[str, str]]] = [
    ("a launch, month", "event", "planned by 2026-04", {"status": "planned", "expected": "2026-04"}),
    ("a launch, no date", "event", "Confirmed", {"status": "confirmed"}),
    ("a launch, half-year", "event", "postponed  BY 2026-H2", {"status": "postponed", "expected": "2026-H2"}),
    ("a trade deal", "agreement", "pending by 2026-12-31", {"status": "pending", "due": "2026-12-31"}),
    ("a trade deal, quarter", "agreement", "agreed by 2026-Q4", {"status": "agreed", "due": "2026-Q4"}),
    ("a trade deal, no date", "agreement", "signed", {"status": "signed"}),
    (
        "tons of grain",
        "metric",
        "2 million t of 12 million t by 2026-12-31",
        {"value": "2 million", "target": "12 million", "due": "2026-12-31", "unit": "t"},
    ),
    (
        "tons of grain, spelled out",
        "metric",
        "2,500,000 tonnes of 12m",
        {"value": "2,500,000", "target": "12m", "unit": "t"},
    ),
    (
        "vaccine doses",
        "metric",
        "12.5 million of 50 million by 2026-06",
        {"value": "12.5 million", "target": "50 million", "due": "2026-06", "unit": "count"},
    ),
    ("vaccine doses, none yet", "metric", "0", {"value": "0", "unit": "count"}),
    (
        "a percentage",
        "metric",
        "45% of 70% by 2026-12-31",
        {"value": "45", "target": "70", "due": "2026-12-31", "unit": "percent"},
    ),
    ("a percentage, as a word", "metric", "45 percent of 70", {"value": "45", "target": "70", "unit": "percent"}),
    (
        "dollars",
        "metric",
        "5 billion usd of 750 billion",
        {"value": "5 billion", "target": "750 billion", "unit": "usd"},
    ),
    ("bushels, unit on the target", "metric", "300k of 1m bu", {"value": "300k", "target": "1m", "unit": "bu"}),
]

# (what is wrong, kind, what was typed, words the problem must contain)
BAD_STANDINGS: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("empty", "event", "  ", ("empty", "planned by 2026-04")),
    ("an agreement's status for an event", "event", "pending", ("'pending'", "planned", "happened")),
    ("a misspelt status", "agreement", "pendng by 2026-12-31", ("'pendng'", "pending", "collapsed")),
    ("a bad date", "agreement", "pending by next spring", ("due", "'next spring'", "not a date")),
    ("a bad event window", "event", "planned by 2026-13", ("expected", "2026-13")),
    ("a figure for an event", "event", "2 million t", ("not a status",)),
    ("no figure", "metric", "lots of 12 million", ("figure now", "'lots'", "not a number")),
    ("an unknown unit", "metric", "2 million doses of 10 million doses", ("'doses' is not a unit", "percent")),
    ("a bad target", "metric", "2 million t of many t", ("target", "'many'")),
    ("two units", "metric", "2 million t of 12 million bu", ("in t", "in bu")),
    ("a date without a target", "metric", "2 million t by 2026-12-31", ("target",)),
    ("a bad metric date", "metric", "2 of 12 by soon", ("due", "'soon'")),
]


@pytest.mark.parametrize(("kind", "text", "expected"), [row[1:] for row in STANDINGS], ids=[r[0] for r in STANDINGS])
def test_where_it_stands_becomes_watch_add_arguments(kind: str, text: str, expected: dict[str, str]) -> None:
    assert standing(kind, text) == expected


@pytest.mark.parametrize(
    ("kind", "text", "words"), [row[1:] for row in BAD_STANDINGS], ids=[r[0] for r in BAD_STANDINGS]
)
def test_a_bad_standing_says_what_is_wrong(kind: str, text: str, words: tuple[str, ...]) -> None:
    with pytest.raises(CommandProblem) as raised:
        standing(kind, text)
    for word in words:
        assert word in str(raised.value), (word, str(raised.value))


DEAL = {
    "title": "US-UK trade deal",
    "kind": "Agreement",
    "news": "US UK trade deal",
    "terms": "trade deal, tariffs",
    "standing": "pending by 2026-12-31",
}


def test_the_answers_become_the_one_line_forms_arguments() -> None:
    assert form_arguments(DEAL) == {
        "id": "us-uk-trade-deal",
        "title": "US-UK trade deal",
        "kind": "agreement",
        "query": "US UK trade deal",
        "terms": "trade deal, tariffs",
        "status": "pending",
        "due": "2026-12-31",
    }
    feed = form_arguments({**DEAL, "news": " https://example.org/trade.xml "})
    assert feed["feed"] == "https://example.org/trade.xml" and "query" not in feed


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"kind": "promise"}, ("'promise'", "event, agreement or metric")),
        ({"title": "   "}, ("title is empty",)),
        ({"title": "x" * 201}, ("201 characters",)),
        ({"title": "协议"}, ("no id", "options")),
        ({"news": ""}, ("news is empty",)),
        ({"terms": " , "}, ("at least one word",)),
        ({"standing": "pending by whenever"}, ("'whenever'",)),
    ],
)
def test_bad_answers_are_named(change: dict[str, str], words: tuple[str, ...]) -> None:
    with pytest.raises(CommandProblem) as raised:
        form_arguments({**DEAL, **change})
    for word in words:
        assert word in str(raised.value), (word, str(raised.value))


def test_a_problem_echoes_every_answer_and_the_one_line_example() -> None:
    answers = {**DEAL, "standing": "pending by whenever"}
    text = problem_text("due 'whenever' is not a date", answers)
    assert text.startswith("due 'whenever' is not a date")
    assert "/watch add id:rare-earths-deal" in text  # the agreement example, as Discord options
    for field in FIELDS:
        assert f"{field.label}: {' '.join(answers[field.name].split())}" in text
    assert answers_text({}).count(":") == len(FIELDS) + 1  # unanswered fields are listed too


def test_the_fields_fit_a_discord_modal() -> None:
    assert len(FIELDS) <= 5
    assert len({field.name for field in FIELDS}) == len(FIELDS)
    assert all(len(f.label) <= 45 and len(f.placeholder) <= 100 and f.max_length <= 4000 for f in FIELDS)
