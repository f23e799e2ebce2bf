"""An old story re-published by a feed is dated by its own link (watchers/feeds/linkdate.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from watchers.feeds.linkdate import link_day, resurfaced_date
from watchers.feeds.parse import parse_feed


@pytest.mark.parametrize(
    ("link", "day"),
    [
        (
            "https://newsaf.cgtn.com/news/2019-10-11/Pledges-to-Global-Fund-exceed-14-billion-target-KGKe/index.html",
            date(2019, 10, 11),
        ),
        ("https://www.cnbc.com/2023/01/25/tesla-tsla-earnings-q4-2022.html", date(2023, 1, 25)),
        ("https://www.theverge.com/2025/1/16/nintendo-switch-2-reveal", date(2025, 1, 16)),
        ("https://www.france24.com/en/africa/20230130-kinshasa-readies-for-pope-francis", date(2023, 1, 30)),
        ("https://www.bloomberg.com/news/articles/2025-11-26/rare-earths-deal-could-slip", date(2025, 11, 26)),
        # the month by name, as the Guardian writes it
        ("https://www.theguardian.com/us-news/2017/may/20/donald-trump-arrives-saudi-arabia", date(2017, 5, 20)),
        ("https://www.theguardian.com/world/2023/sep/07/g20-summit-delhi", date(2023, 9, 7)),
        # ids, versions and impossible days are not dates
        ("https://economictimes.indiatimes.com/tesla/articleshow/101444444.cms", None),
        ("https://example.org/story/20231345-report", None),
        ("https://example.org/v2/items/12345", None),
        ("https://example.org/?date=2019-10-11", None),  # the query is not the article's path
        # a URN's namespace version after a colon is no article's day (dpa puts it in every link)
        ("https://www.dpa-international.com/topic/scholz-trip-urn:newsml:dpa.com:20090101:240408-99-601755", None),
        ("https://example.org/feed/urn:ietf:20050101:item-77", None),
        (None, None),
    ],
)
def test_the_day_a_link_gives(link: str | None, day: date | None) -> None:
    assert link_day(link) == day


@pytest.mark.parametrize(
    ("published", "link", "dated"),
    [
        # a 2019 story re-dated 2022 by a search feed, an AP story re-run months later, a ministry release re-posted
        (
            datetime(2022, 10, 10, 6, tzinfo=UTC),
            "https://x.com/news/2019-10-11/pledges",
            datetime(2019, 10, 11, tzinfo=UTC),
        ),
        (
            datetime(2024, 5, 1, tzinfo=UTC),
            "https://apnews.com/2024/02/17/launch-slips",
            datetime(2024, 2, 17, tzinfo=UTC),
        ),
        (datetime(2023, 9, 9, tzinfo=UTC), "https://pib.gov.in/20230801-procurement", datetime(2023, 8, 1, tzinfo=UTC)),
        # the same day, the next day (time zones), two days (an update): the feed's time stands
        (
            datetime(2023, 1, 26, 0, 40, tzinfo=UTC),
            "https://www.cnbc.com/2023/01/25/tesla",
            datetime(2023, 1, 26, 0, 40, tzinfo=UTC),
        ),
        (
            datetime(2023, 1, 27, 9, tzinfo=UTC),
            "https://www.cnbc.com/2023/01/25/tesla",
            datetime(2023, 1, 27, 9, tzinfo=UTC),
        ),
        # a link dated after its feed date (an embargo, a typo) changes nothing
        (datetime(2023, 1, 20, tzinfo=UTC), "https://x.com/2023/02/01/item", datetime(2023, 1, 20, tzinfo=UTC)),
        (datetime(2023, 1, 20, tzinfo=UTC), "https://x.com/item-42", datetime(2023, 1, 20, tzinfo=UTC)),
    ],
)
def test_a_resurfaced_story_is_dated_by_its_link(published: datetime, link: str, dated: datetime) -> None:
    assert resurfaced_date(published, link) == dated


def test_the_feed_parser_dates_a_resurfaced_entry_by_its_link() -> None:
    body = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>search</title>
    <item><title>Pledges to Global Fund top $14 billion target</title>
      <link>https://newsaf.cgtn.com/news/2019-10-11/Pledges-to-Global-Fund/index.html</link>
      <pubDate>Mon, 10 Oct 2022 06:00:00 GMT</pubDate></item>
    <item><title>Global Fund raises $14.25 billion</title>
      <link>https://apnews.com/article/2022/09/21/global-fund</link>
      <pubDate>Wed, 21 Sep 2022 23:40:00 GMT</pubDate></item>
    </channel></rss>"""
    entries = parse_feed(body, now=datetime(2022, 12, 1, tzinfo=UTC)).entries
    assert [e.published for e in entries] == [
        datetime(2019, 10, 11, tzinfo=UTC),
        datetime(2022, 9, 21, 23, 40, tzinfo=UTC),
    ]
