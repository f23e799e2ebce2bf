"""Running totals told by scope, by a noun of accumulation or by a mark passed, and floors that agree with the count.

The reasons live in watchers/extract/numbers.py (the total cues: "cume of", "gross is", "<verb>s past", and the scope
words after a figure) and in the engine's ``_floor_of``: a mark passed just under the stored count is a floor that
count already stands on, not a lower figure to correct it with.
"""

from __future__ import annotations

import pytest

from tests.test_tracking_engine import Story
from watchers.config import load_config_text
from watchers.extract.numbers import find_quantities
from watchers.tracking.replay import build_engine


def roles(sentence: str) -> list[tuple[float, str]]:
    return [(q.value, q.role) for q in find_quantities(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a figure whose scope is the world or the country is the count kept by place
        ("The sequel has earned an estimated $1.9 billion worldwide after five weekends.", [(1.9e9, "total")]),
        ("Flies Past $1.7B Global, Now 7th Biggest Movie Ever", [(1.7e9, "total")]),
        ("The app now counts 6 million users nationwide, the ministry said.", [(6e6, "total")]),
        ("Vaccinators have given 12 million doses countrywide since January.", [(12e6, "total")]),
        # ... but a scope word before a noun is an adjective of another thing
        ("The bank set up a $2 billion global fund for clean energy.", [(2e9, "other")]),
        ("Officials expect 4 million global visitors a year.", [(4e6, "other")]),
        # a noun of accumulation with its level
        ("Through Tuesday its global gross is $788.9 million.", [(788.9e6, "total")]),
        ("The Chinese release brings a worldwide cume of $1.51 billion.", [(1.51e9, "total")]),
        ("Gate takings were 40 million euros by the final whistle.", [(40e6, "total")]),
        ("The retailer had gross margin of 40% and gross profit of $3 billion.", [(40, "percent"), (3e9, "other")]),
        # a threshold moved past by any verb of motion
        ("Netflix's subscriber count soars past 300 million", [(300e6, "total")]),
        ("Wheat shipments edged past 500,000 tonnes.", [(500000.0, "total")]),
        ("Ridership sails past 10 million on the new line.", [(10e6, "total")]),
        ("Pilgrim numbers surge past 2 crore at the fair", [(2e7, "total")]),
        # a mark passed, named by its size ("-barrel mark"), is reached; a thing's size, or a mark still ahead, is not
        ("US buys 4.65 mln barrels for SPR, tops 40 mln-barrel buyback mark", [(4.65e6, "other"), (40e6, "total")]),
        ("Vaccinations cross the 1 million-dose milestone", [(1e6, "total")]),
        ("It needs 3,000 more to cross the 1 million-dose milestone", [(3000, "increment"), (1e6, "other")]),
        ("The sale completes the 180 million-barrel release", [(180e6, "other")]),
        # a count carried, told level first; a plural count noun at a level; a carrier's count; a duration is none
        (
            "That brings to 192 million the number of passengers flown in the 12 months to August.",
            [(192e6, "total"), (12, "other")],
        ),
        ("On a rolling basis guests were 185.0 million, up 9%.", [(185e6, "total"), (9, "percent")]),
        ("Ryanair flew 200.2 million passengers in its fiscal year.", [(200.2e6, "total")]),
        ("Heathrow handled 83.9 million passengers last year.", [(83.9e6, "total")]),
        ("Prices were $5 a bushel.", [(5, "price")]),
        # a span as an adjective does not cut a carried figure off from its verb
        (
            "It carried 18.9 million people, taking its 12-month traffic to 186.9 million.",
            [(18.9e6, "total"), (12, "other"), (186.9e6, "total")],
        ),
        # a figure spelled out in two scales is one figure
        ("Ukraine had exported 24 million 745 thousand tonnes of grain so far.", [(24.745e6, "total")]),
        ("Exports stood at 3 billion 200 thousand dollars.", [(3_000_200_000, "total")]),
        # ... not a state, an age, or a statement about the figure
        ("A ministry official denied the accounts had been declared past 50 crore.", [(5e8, "other")]),
        ("He was past 50 when the club won its first title.", [(50.0, "other")]),
    ],
)
def test_scope_accumulation_and_passing_cues(sentence: str, expected: list[tuple[float, str]]) -> None:
    assert roles(sentence) == expected


CONFIG = """
watches:
  - id: subs
    title: Streamer paid memberships to pass 300 million
    kind: metric
    match: {any: [subscribers, memberships, members]}
    metric: {unit: count, aggregation: cumulative, min_change: 1%}
    baseline: {value: 250000000, as_of: 2030-10-20}
    target: {value: 500000000, due: 2031-12-31}
"""


def test_a_mark_passed_just_under_the_stored_count_agrees_with_it() -> None:
    story = Story(build_engine(load_config_text(CONFIG)))
    first = story.read(
        "2031-01-21T21:10",
        "Streamer ends year with record subscriber growth",
        "The company said it now has 301.63 million paid memberships after adding 18.9 million in the quarter.",
    )
    assert [(a.kind, a.new) for a in first] == [("value", 301.63e6)]
    # another outlet's headline: a mark passed, a floor under the stored count, no correction and no alert
    soars = story.read("2031-01-21T22:02", "Streamer's subscribers soar past 295 million", "", "https://a.test/1")
    more = story.read("2031-01-22T06:00", "Streamer now has more than 295 million subscribers", "", "https://b.org/2")
    assert soars == [] and more == []
    assert story.states["subs"].value == 301.63e6


def test_a_floor_far_under_a_wrong_stored_count_can_still_correct_it() -> None:
    """One wrong reading must not silence a watch: a floor far under the stored figure is evidence against it."""
    story = Story(build_engine(load_config_text(CONFIG)))
    story.read("2031-01-21T21:10", "Streamer now has 301.63 million paid memberships", "")
    assert story.states["subs"].value == 301.63e6
    # two outlets say the count is "more than 285 million", far enough under 301.63 million to contradict it
    story.read(
        "2031-01-23T10:00",
        "Streamer now has more than 285 million subscribers, filing shows",
        "",
        "https://wire.example/a",
    )
    story.read(
        "2031-01-23T12:00",
        "Streamer now has more than 285 million subscribers, analysts note",
        "",
        "https://daily.test/b",
    )
    assert story.states["subs"].value == 285e6
