"""Sentence splitting and cleaning for the extraction layer."""

from __future__ import annotations

import pytest

from watchers.extract.matching import MatchRules, mentions_any, variant_groups
from watchers.extract.text import clean_text, split_sentences


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<p>Trump&#8217;s visit</p>", "Trump's visit"),
        ("May 14\u201315", "May 14-15"),
        ("talks\u2014which stalled\u2014resumed", "talks - which stalled - resumed"),
        ("\u201cWe agreed,\u201d he said", '"We agreed," he said'),
        ("a\u00a0b\n\n c", "a b c"),
        ("", ""),
        ("<br/>one<br>two", "one two"),
    ],
)
def test_clean_text(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "China bought 3.1 million tons of U.S. soybeans. Trump praised the deal.",
            ["China bought 3.1 million tons of U.S. soybeans.", "Trump praised the deal."],
        ),
        (
            "The deal was signed Oct. 3, 2025. It takes effect Nov. 10.",
            ["The deal was signed Oct. 3, 2025.", "It takes effect Nov. 10."],
        ),
        (
            "Mr. Xi met Mr. Trump at 10 a.m. local time. They talked for two hours.",
            ["Mr. Xi met Mr. Trump at 10 a.m. local time.", "They talked for two hours."],
        ),
        (
            '"We will visit in April," Trump said. "It is a great honor!" Xi replied.',
            ['"We will visit in April," Trump said.', '"It is a great honor!"', "Xi replied."],
        ),
        ("Will Trump go? Nobody knows.", ["Will Trump go?", "Nobody knows."]),
        ("Donald J. Trump spoke. He left.", ["Donald J. Trump spoke.", "He left."]),
        ("It ranks No. 2 in exports. That is all.", ["It ranks No. 2 in exports.", "That is all."]),
        ("Sept. 30 is the deadline", ["Sept. 30 is the deadline"]),
        ("", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    ("sentence", "terms", "expected"),
    [
        ("Xi Jinping arrived", ["Xi"], True),
        ("Xinjiang cotton ban", ["Xi"], False),
        ("The deal was signed", ["deal"], True),
        ("A car dealer said", ["deal"], False),
        ("U.S. soybeans are cheap", ["soybean"], True),
        ("Trump's trip", ["Trump"], True),
        ("rare-earths agreement", ["rare earths"], True),
        ("rare earth magnets", ["rare earth"], True),
        ("Give us a break", ["US"], False),
        ("The US and China", ["US"], True),
        ("soy futures", ["soybean"], False),
        # one plain lower-case word of six letters or more finds its verb and noun forms
        ("Boeing February deliveries slip", ["deliver"], True),
        ("The airline took delivery", ["deliver"], True),
        ("Crews launching the probe", ["launch"], True),
        ("Thousands evacuated overnight", ["evacuate"], True),
        ("a deliverance of sorts", ["deliver"], False),
        # names and short words stay exact
        ("Armenia and Azerbaijan", ["Arm"], False),
        ("dealers and dealings", ["deal"], False),
        ("", ["x"], False),
    ],
)
def test_mentions_any(sentence: str, terms: list[str], expected: bool) -> None:
    assert mentions_any(sentence, terms) is expected


@pytest.mark.parametrize(
    ("rules", "title", "summary", "expected"),
    [
        (MatchRules(all_terms=("Trump", "Beijing")), "Trump to visit Beijing", "", True),
        (MatchRules(all_terms=("Trump", "Beijing")), "Trump to visit Tokyo", "", False),
        (MatchRules(any_terms=("soybean", "soy")), "China soy buying", "", True),
        (MatchRules(any_terms=("soybean",), none_terms=("Brazil",)), "Soybeans", "Brazil crop", False),
        (MatchRules(regex=r"rare[- ]earths?"), "Rare-earth deal", "", True),
        (MatchRules(regex=r"rare[- ]earths?"), "Rare metals", "", False),
        (MatchRules(), "anything", "", True),
    ],
)
def test_match_rules(rules: MatchRules, title: str, summary: str, expected: bool) -> None:
    assert rules.matches(title, summary) is expected


@pytest.mark.parametrize(
    ("terms", "groups"),
    [
        # spellings of one name are one requirement: the squeezed form of one starts another, or a long shared stem
        (("Vietnam", "Vietnamese", "Viet Nam"), (("Vietnam", "Vietnamese", "Viet Nam"),)),
        (("China", "Chinese"), (("China", "Chinese"),)),
        (("Japan", "Japanese", "Tokyo"), (("Japan", "Japanese"), ("Tokyo",))),
        (("Boeing", "Boeing's"), (("Boeing", "Boeing's"),)),
        # two names are two requirements, however alike they start
        (("Australia", "EU"), (("Australia",), ("EU",))),
        (("Australia", "Austria"), (("Australia",), ("Austria",))),
        (("India", "Indonesia"), (("India",), ("Indonesia",))),
        (("Spirit", "Frontier"), (("Spirit",), ("Frontier",))),
        # names of one country in lexicon/places.yaml are its spellings, however short
        (("US", "USA"), (("US", "USA"),)),
        (("US", "U.S.", "United States", "America"), (("US", "U.S.", "United States", "America"),)),
        (("Niger", "Nigeria"), (("Niger",), ("Nigeria",))),  # a longer name, not a form of the shorter
        (("Ukraine", "Ukrainian", "Kyiv"), (("Ukraine", "Ukrainian"), ("Kyiv",))),
        # a ticker or an acronym is a spelling of its name
        (("Microsoft", "MSFT"), (("Microsoft", "MSFT"),)),
        (("Nvidia", "NVDA"), (("Nvidia", "NVDA"),)),
        (("EU", "European Union"), (("EU", "European Union"),)),
        (("UAE", "United Arab Emirates"), (("UAE", "United Arab Emirates"),)),
        # ... two capitals are no ticker, and initials must be the words' own
        (("UK", "Ukraine"), (("UK",), ("Ukraine",))),
        (("IN", "India"), (("IN",), ("India",))),
        (("US", "United Kingdom"), (("US",), ("United Kingdom",))),
    ],
)
def test_required_spellings_of_one_name_group(terms: tuple[str, ...], groups: tuple[tuple[str, ...], ...]) -> None:
    assert variant_groups(terms) == groups


def test_any_spelling_satisfies_a_required_name_and_the_message_says_so() -> None:
    rules = MatchRules(any_terms=("rice",), all_terms=("Vietnam", "Vietnamese", "Viet Nam", "exports"))
    assert rules.matches("Rice exports top 5 million tonnes", "Viet Nam shipped 5.18 million tonnes by July.")
    assert rules.matches("Vietnamese rice exports climb", "")
    assert not rules.matches("Thai rice exports climb", "")
    assert rules.mismatch("Rice exports climb", "") == "lacks the required term(s) Vietnam or Vietnamese or Viet Nam"
