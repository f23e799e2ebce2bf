"""Date mentions resolved against the publication date (never the wall clock)."""

from __future__ import annotations

from datetime import date

import pytest

from watchers.extract.dates import find_dates, holiday_date, thanksgiving

PUB = date(2025, 11, 20)  # a Thursday
D = date


def one(sentence: str, published: date = PUB) -> tuple[date, date, str]:
    found = find_dates(sentence, published)
    assert len(found) == 1, found
    return found[0].start, found[0].end, found[0].precision


@pytest.mark.parametrize(
    ("sentence", "start", "end", "precision"),
    [
        # explicit days and ranges
        ("The deal was signed on Oct. 3, 2025, in Kuala Lumpur.", D(2025, 10, 3), D(2025, 10, 3), "day"),
        ("Talks resumed on 3 October 2025 in Geneva.", D(2025, 10, 3), D(2025, 10, 3), "day"),
        ("The filing is dated 2025-10-03.", D(2025, 10, 3), D(2025, 10, 3), "day"),
        ("The summit is now planned for May 14-15.", D(2026, 5, 14), D(2026, 5, 15), "range"),
        ("The summit is now planned for May 14\u201315, 2026.", D(2026, 5, 14), D(2026, 5, 15), "range"),
        ("Leaders will meet May 14 to 16 in Beijing.", D(2026, 5, 14), D(2026, 5, 16), "range"),
        ("The forum runs March 31 to April 2.", D(2026, 3, 31), D(2026, 4, 2), "range"),
        ("The forum runs March 31-April 2, 2026.", D(2026, 3, 31), D(2026, 4, 2), "range"),
        ("The meeting runs 14-15 May.", D(2026, 5, 14), D(2026, 5, 15), "range"),
        ("The truce expires Sept. 30.", D(2025, 9, 30), D(2025, 9, 30), "day"),
        ("The truce expired Nov. 10.", D(2025, 11, 10), D(2025, 11, 10), "day"),
        ("Trump will host Xi on Thursday, Dec. 4.", D(2025, 12, 4), D(2025, 12, 4), "day"),
        ("It was first reported on Jan. 2, 2026.", D(2026, 1, 2), D(2026, 1, 2), "day"),
        # months
        ("Trump will travel to Beijing in April.", D(2026, 4, 1), D(2026, 4, 30), "month"),
        ("Trump visited Beijing in April.", D(2025, 4, 1), D(2025, 4, 30), "month"),
        ("The talks were held in March.", D(2025, 3, 1), D(2025, 3, 31), "month"),
        ("Trump plans to visit Beijing in April 2026.", D(2026, 4, 1), D(2026, 4, 30), "month"),
        ("Exports fell in November.", D(2025, 11, 1), D(2025, 11, 30), "month"),
        ("The trip could slip to next April.", D(2026, 4, 1), D(2026, 4, 30), "month"),
        ("Xi is expected to visit in April or May.", D(2026, 4, 1), D(2026, 5, 31), "range"),
        ("Officials discussed an April visit.", D(2026, 4, 1), D(2026, 4, 30), "month"),
        # parts of months
        ("The visit is expected in early April.", D(2026, 4, 1), D(2026, 4, 10), "range"),
        ("The visit is expected in mid-April.", D(2026, 4, 11), D(2026, 4, 20), "range"),
        ("The visit is expected in late April 2026.", D(2026, 4, 21), D(2026, 4, 30), "range"),
        ("The deal should be done by the end of February.", D(2026, 2, 21), D(2026, 2, 28), "range"),
        # seasons
        ("Xi may come to Washington this spring.", D(2025, 3, 1), D(2025, 5, 31), "season"),
        ("Xi may come to Washington next summer.", D(2026, 6, 1), D(2026, 8, 31), "season"),
        ("Xi will visit in the fall of 2026.", D(2026, 9, 1), D(2026, 11, 30), "season"),
        ("A visit is planned for the autumn.", D(2025, 9, 1), D(2025, 11, 30), "season"),
        ("Talks will continue this winter.", D(2025, 12, 1), D(2026, 2, 28), "season"),
        ("Talks will continue in spring 2026.", D(2026, 3, 1), D(2026, 5, 31), "season"),
        # year parts, quarters, halves, years
        ("Xi will make a reciprocal visit later this year.", D(2025, 11, 20), D(2025, 12, 31), "year_part"),
        (
            "Xi will make a state visit to the U.S. later in 2026.",
            D(2026, 1, 1),
            D(2026, 12, 31),
            "year_part",
        ),
        (
            "China will buy 12 million tons by the end of the year.",
            D(2025, 12, 1),
            D(2025, 12, 31),
            "year_part",
        ),
        ("Purchases must be done by the end of 2025.", D(2025, 12, 1), D(2025, 12, 31), "year_part"),
        ("The target is year-end.", D(2025, 12, 1), D(2025, 12, 31), "year_part"),
        ("A deal is possible early next year.", D(2026, 1, 1), D(2026, 4, 30), "year_part"),
        ("Shipments peak in the first half of next year.", D(2026, 1, 1), D(2026, 6, 30), "half"),
        ("Shipments peak in H2 2026.", D(2026, 7, 1), D(2026, 12, 31), "half"),
        ("Deliveries begin in Q2.", D(2026, 4, 1), D(2026, 6, 30), "quarter"),
        ("Deliveries begin in the second quarter.", D(2026, 4, 1), D(2026, 6, 30), "quarter"),
        ("Profit rose in the third quarter.", D(2025, 7, 1), D(2025, 9, 30), "quarter"),
        ("Deliveries begin in the fourth quarter of 2026.", D(2026, 10, 1), D(2026, 12, 31), "quarter"),
        ("The plant opens in 2027.", D(2027, 1, 1), D(2027, 12, 31), "year"),
        ("Prices will stay high next year.", D(2026, 1, 1), D(2026, 12, 31), "year"),
        # holidays
        ("A rare-earths deal is expected by Thanksgiving.", D(2025, 11, 27), D(2025, 11, 27), "day"),
        ("Officials hope to finish before Christmas.", D(2025, 12, 25), D(2025, 12, 25), "day"),
        ("Trade usually slows around Lunar New Year.", D(2026, 2, 17), D(2026, 2, 17), "day"),
        ("Markets reopen after New Year's Day.", D(2026, 1, 1), D(2026, 1, 1), "day"),
        ("Shipping halts during Golden Week.", D(2026, 10, 1), D(2026, 10, 7), "range"),
        # relative
        ("Negotiators meet again next week.", D(2025, 11, 24), D(2025, 11, 30), "week"),
        ("Negotiators met last week.", D(2025, 11, 10), D(2025, 11, 16), "week"),
        ("The deal could be signed next month.", D(2025, 12, 1), D(2025, 12, 31), "month"),
        ("Purchases picked up this month.", D(2025, 11, 1), D(2025, 11, 30), "month"),
        ("The delegation arrives tomorrow.", D(2025, 11, 21), D(2025, 11, 21), "day"),
        ("The delegation arrived yesterday.", D(2025, 11, 19), D(2025, 11, 19), "day"),
    ],
)
def test_dates(sentence: str, start: date, end: date, precision: str) -> None:
    assert one(sentence) == (start, end, precision)


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # Thanksgiving relative to publication dates in 2025 and 2026
        ("The deal is expected by Thanksgiving.", D(2025, 10, 30), D(2025, 11, 27)),
        ("The deal is expected by Thanksgiving.", D(2025, 11, 27), D(2025, 11, 27)),
        ("The deal is expected by Thanksgiving.", D(2025, 12, 1), D(2026, 11, 26)),
        ("The deal is expected by Thanksgiving.", D(2026, 3, 1), D(2026, 11, 26)),
        ("The deal was signed before Thanksgiving.", D(2025, 12, 5), D(2025, 11, 27)),
        ("Officials aim to wrap up talks by Thanksgiving 2026.", D(2025, 12, 5), D(2026, 11, 26)),
        # weekdays: tense decides direction, no cue -> nearest
        ("Trump said on Monday he would go.", D(2025, 11, 20), D(2025, 11, 17)),
        ("The two leaders will speak on Monday.", D(2025, 11, 20), D(2025, 11, 24)),
        ("Xi and Trump spoke by phone on Thursday.", D(2025, 11, 20), D(2025, 11, 20)),
        ("The vote is on Saturday.", D(2025, 11, 20), D(2025, 11, 22)),
        # no tense cue: today or yesterday, else the coming day (a present "is on Tuesday" two days on would say
        # "was"); "opens Monday" in a headline published on Thursday is the coming Monday
        ("The vote is on Tuesday.", D(2025, 11, 20), D(2025, 11, 25)),
        ("The vote is on Wednesday.", D(2025, 11, 20), D(2025, 11, 19)),
        ("Sydney Metro opens Monday.", D(2024, 8, 15), D(2024, 8, 19)),
        # a day of slack for time zones in the past: published Sunday evening UTC, Monday morning in Sydney
        ("The first train left Sydenham on Monday.", D(2024, 8, 18), D(2024, 8, 19)),
        ("Officials will meet next Thursday.", D(2025, 11, 20), D(2025, 11, 27)),
        ("Officials met last Thursday.", D(2025, 11, 20), D(2025, 11, 13)),
        # year-less day near a year boundary
        ("Talks will resume Jan. 5.", D(2025, 12, 20), D(2026, 1, 5)),
        ("Talks ended Dec. 30.", D(2026, 1, 3), D(2025, 12, 30)),
        ("The call on Nov. 24 lasted an hour.", D(2025, 11, 25), D(2025, 11, 24)),
        # month tense
        ("Trump will visit in April.", D(2026, 4, 10), D(2026, 4, 1)),
        ("Trump visited in April.", D(2026, 3, 10), D(2025, 4, 1)),
    ],
)
def test_relative_resolution(sentence: str, published: date, expected: date) -> None:
    found = find_dates(sentence, published)
    assert found, sentence
    assert found[0].start == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Trump may visit Beijing.",
        "May I ask a question?",
        "Thousands joined a march in Washington.",
        "March on, he told supporters.",
        "April Fools' jokes flooded social media.",
        "Xi's 2015 visit was a success.",
        "China bought 12 million tons of soybeans.",
        "Prices fall when supply rises.",
        "A sharp fall in prices hurt farmers.",
        "The spring wheat crop is large.",
        "He has served since 2,000 troops arrived.",
        "Tariffs of 10% remain.",
        "",
    ],
)
def test_not_dates(sentence: str) -> None:
    assert find_dates(sentence, PUB) == []


@pytest.mark.parametrize(
    ("sentence", "deadline"),
    [
        ("China must buy 12 million tons by the end of the year.", True),
        ("A deal is expected by Thanksgiving.", True),
        ("The visit must happen before April.", True),
        ("Purchases are due no later than Dec. 31.", True),
        ("The visit is planned for April.", False),
        ("The visit was postponed to May.", False),
    ],
)
def test_deadline_flag(sentence: str, deadline: bool) -> None:
    found = find_dates(sentence, PUB)
    assert found and found[0].deadline is deadline


def test_text_span_and_inferred() -> None:
    s = "Trump will travel to Beijing in April, and the deal was signed Oct. 3, 2025."
    found = find_dates(s, PUB)
    assert [d.text for d in found] == ["April", "Oct. 3, 2025"]
    assert [s[d.span[0] : d.span[1]] for d in found] == ["April", "Oct. 3, 2025"]
    assert [d.inferred for d in found] == [True, False]


def test_multiple_dates_in_order() -> None:
    s = "The visit, originally set for April, was pushed to May 14-15, officials said on Tuesday."
    found = find_dates(s, PUB)
    assert [d.text for d in found] == ["April", "May 14-15", "Tuesday"]


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2024, D(2024, 11, 28)), (2025, D(2025, 11, 27)), (2026, D(2026, 11, 26)), (2027, D(2027, 11, 25))],
)
def test_thanksgiving(year: int, expected: date) -> None:
    assert thanksgiving(year) == expected
    assert holiday_date("Thanksgiving", year) == (expected, expected)


def test_easter_and_lunar_new_year() -> None:
    assert holiday_date("Easter", 2026) == (D(2026, 4, 5), D(2026, 4, 5))
    assert holiday_date("Lunar New Year", 2027) == (D(2027, 2, 6), D(2027, 2, 6))
    assert holiday_date("Unknown Day", 2026) is None


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("later last week", date(1999, 12, 20), date(1999, 12, 26)),  # the week is past: all of it
        ("earlier next week", date(2000, 1, 3), date(2000, 1, 9)),
        ("later last month", date(1999, 12, 1), date(1999, 12, 31)),
        ("earlier next month", date(2000, 2, 1), date(2000, 2, 29)),
        ("later this month", date(2000, 1, 1), date(2000, 1, 31)),  # cut at the publication day
    ],
)
def test_later_or_earlier_cuts_a_period_only_at_a_day_inside_it(text: str, start: date, end: date) -> None:
    (found,) = find_dates(text, date(2000, 1, 1))
    assert (found.start, found.end) == (start, end)
