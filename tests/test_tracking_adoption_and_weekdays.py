"""Readings added with the nineteenth blind batch, each with its reason and cases from several domains.

The reasons live in the code: ``_ADOPTION_WORDS`` and ``_FINAL_ADOPTION`` (a text titled by its adoption is done
at the adopting body's last approval) in watchers/extract/observe.py; ``_year_of_weekday`` (a weekday written with a
year-less day dates it) in watchers/extract/dates.py.
"""

from __future__ import annotations

from datetime import date

import pytest
from test_tracking_titles import read, watch_spec

from watchers.extract.dates import find_dates


@pytest.mark.parametrize(
    ("title", "terms", "headline", "summary"),
    [
        (
            "Nature restoration law: final adoption by the Council",
            ["nature restoration"],
            "EU countries give final approval to nature restoration law",
            "",
        ),
        (
            "WHO pandemic agreement adopted by the World Health Assembly",
            ["pandemic agreement"],
            "Health assembly gives final green light to pandemic agreement",
            "",
        ),
        (
            "UN plastics treaty adopted",
            ["plastics treaty"],
            "Plastics treaty adopted after marathon session in Nairobi",
            "",
        ),
        (
            "Adoption of the Migration Pact",
            ["Migration Pact"],
            "Member states formally approve the Migration Pact",
            "",
        ),
    ],
)
def test_a_text_titled_by_its_adoption_is_done_at_the_last_approval(
    title: str, terms: list[str], headline: str, summary: str
) -> None:
    assert ("status", "signed") in read(watch_spec(title, terms, "agreement"), headline, summary)


@pytest.mark.parametrize(
    ("title", "terms", "headline"),
    [
        # an approval not marked as the last is one step of several
        (
            "Nature restoration law: final adoption by the Council",
            ["nature restoration"],
            "MEPs approve nature restoration law",
        ),
        # the last approval still to come, or pursued, is not given
        (
            "UN plastics treaty adopted",
            ["plastics treaty"],
            "Negotiators to pursue final approval of plastics treaty next year",
        ),
        # a watch not titled by adoption keeps the signing as its completing act ("final nod" to the AI Act, then
        # "AI Act formally signed")
        ("EU AI Act deal", ["AI Act"], "EU countries give final nod to AI Act"),
    ],
)
def test_an_approval_that_is_not_the_titled_adoption_signs_nothing(title: str, terms: list[str], headline: str) -> None:
    assert ("status", "signed") not in read(watch_spec(title, terms, "agreement"), headline)


@pytest.mark.parametrize(
    ("sentence", "published", "day"),
    [
        # an old story re-served: the weekday puts the day in last year
        ("Negotiators agreed late on Thursday, Nov. 9, on the nature law.", date(2024, 6, 19), date(2023, 11, 9)),
        ("The stadium hosted its first match on Saturday 3 August.", date(2025, 4, 2), date(2024, 8, 3)),
        # read at the turn of the year, the weekday puts the day in the next
        ("The summit opens on Tuesday, Jan. 7.", date(2024, 12, 28), date(2025, 1, 7)),
        # the weekday agrees with the year the tense picks: nothing changes
        ("The vote is set for Thursday, Nov. 9.", date(2023, 11, 1), date(2023, 11, 9)),
        ("The bridge opened on Monday, March 4.", date(2024, 3, 6), date(2024, 3, 4)),
        # a weekday that fits no nearby year is a slip of the pen: the tense's year stands
        ("The launch is set for Friday, Feb. 30.", date(2024, 1, 10), None),
        ("Talks resume on Sunday, June 5.", date(2024, 5, 20), date(2024, 6, 5)),
    ],
)
def test_a_weekday_written_with_a_day_dates_its_year(sentence: str, published: date, day: date | None) -> None:
    found = [d.start for d in find_dates(sentence, published) if d.precision == "day"]
    assert found == ([day] if day else [])
