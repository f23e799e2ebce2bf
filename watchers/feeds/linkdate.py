"""The day an article's own address gives it, to tell an old story resurfacing from a new one.

Search and aggregator feeds re-publish old articles with a fresh ``pubDate`` ("Pledges to Global Fund top $14 billion
target", a 2019 story, re-dated 2022 by a search feed). Most outlets put the article's first day in its path
(``/2019-10-11/``, ``/2023/01/25/``, ``/20230130-``). When that day lies well before the feed's date, the feed's date
is the resurfacing, not the news: the entry is dated by its link, so the tracker reads it as the old story it is
(before the baseline, or too old to alert).

| link path                                  | feed date  | entry dated |
|--------------------------------------------|------------|-------------|
| /news/2019-10-11/pledges-to-global-fund    | 2022-10-10 | 2019-10-11  |
| /2023/01/25/tesla-earnings                 | 2023-01-26 | 2023-01-26 (a day apart: time zones, late updates) |
| /20230130-kinshasa-readies                 | 2023-01-30 | 2023-01-30  |
| /2024/2/17/report (no zero padding)        | 2024-05-01 | 2024-02-17  |
| /us-news/2017/may/20/trump-arrives (named) | 2025-05-10 | 2017-05-20  |
| /articleshow/101444444.cms (an id)         | any        | unchanged   |
| /topic/...-urn:newsml:dpa.com:20090101:2404| any        | unchanged (a URN's namespace date) |
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

# A link a day or two older than its feed date is the same story updated or filed across midnight.
RESURFACED_AFTER = timedelta(days=2)
_EARLIEST_YEAR = 1995
_SEPARATED = re.compile(r"(?<![\d])(?P<y>(?:19|20)\d\d)[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?![\d])")
# (a compact date after a colon is a URN's namespace version, not the article's day: dpa's links carry
# "urn:newsml:dpa.com:20090101:240408-99-601755" on every story)
_COMPACT = re.compile(r"(?<![\d:])(?P<y>(?:19|20)\d\d)(?P<m>\d\d)(?P<d>\d\d)(?![\d])")


# The Guardian's style: the month by name ("/us-news/2017/may/20/donald-trump-arrives-saudi-arabia")
_NAMED_MONTH = re.compile(
    r"(?<![\d])(?P<y>(?:19|20)\d\d)/(?P<m>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*/(?P<d>\d{1,2})(?![\d])",
    re.IGNORECASE,
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def link_day(link: str | None) -> date | None:
    """The first valid calendar day written in the link's path, or None."""
    if not link:
        return None
    try:
        path = urlsplit(link).path
    except ValueError:
        return None
    for pattern in (_SEPARATED, _COMPACT, _NAMED_MONTH):
        for m in pattern.finditer(path):
            month = int(m["m"]) if m["m"].isdigit() else _MONTHS.index(m["m"].lower()) + 1
            try:
                day = date(int(m["y"]), month, int(m["d"]))
            except ValueError:
                continue
            if day.year >= _EARLIEST_YEAR:
                return day
    return None


def resurfaced_date(published: datetime, link: str | None) -> datetime:
    """``published``, or the start of the link's day when the link dates the article more than RESURFACED_AFTER
    earlier."""
    day = link_day(link)
    if day is None or published.date() - day <= RESURFACED_AFTER:
        return published
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
