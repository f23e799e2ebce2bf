"""Control characters from feeds and servers never reach a terminal, a store or a log line as controls.

A title carrying ESC [31m recolours a terminal and ESC ] 0; retitles its window; a bidi override shows text in
another order than it is stored. The one sanitiser (watchers/untrusted.py) removes them where feed text enters, and
log lines escape whatever other text brings.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from bounds import Bounds

from bot.logs import SecretMaskingFilter
from watchers.feeds.parse import parse_feed
from watchers.feeds.types import FeedError, FeedErrorKind
from watchers.untrusted import clean, escape_controls

# Bounds (tests/bounds.py):
# Each case cleans a few short strings: milliseconds and no measurable memory.
BOUNDS = Bounds(seconds=5, mib=16)

HOSTILE = "Bridge\x1b[31m opens\x1b]0;pwned\x07 \u202eevil\u202c\x00\x9b today"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HOSTILE, "Bridge[31m opens]0;pwned evil today"),
        ("line one\nline two\tend", "line one\nline two\tend"),
        ("plain title", "plain title"),
    ],
)
def test_clean_keeps_text_newlines_and_tabs_and_drops_controls(text: str, expected: str) -> None:
    assert clean(text) == expected


def test_parsed_titles_and_summaries_carry_no_controls() -> None:
    body = (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Feed\x1b[2J</title>"
        f"<item><title>{HOSTILE}</title><description>{HOSTILE}</description>"
        "<link>https://news.example/a</link></item></channel></rss>"
    ).encode()
    parsed = parse_feed(body, content_type="application/rss+xml", base_url=None, now=datetime.now(UTC))
    texts = [parsed.title or "", *(e.title for e in parsed.entries), *(e.summary for e in parsed.entries)]
    assert parsed.entries, "the entry is still read"
    for text in texts:
        assert clean(text) == text, repr(text)
    assert "Bridge" in parsed.entries[0].title


def test_a_servers_reason_phrase_is_cleaned_in_the_error() -> None:
    error = FeedError(FeedErrorKind.HTTP, "https://x.example/feed answered HTTP 500 Oops\x1b]0;owned\x07")
    assert "\x1b" not in str(error) and "\x07" not in str(error)


def test_log_lines_escape_controls_and_still_mask_secrets() -> None:
    record = logging.LogRecord("t", logging.INFO, __file__, 1, "title %s token %s", (HOSTILE, "s3cret-token"), None)
    SecretMaskingFilter(["s3cret-token"]).filter(record)
    line = record.getMessage()
    assert "\x1b" not in line and "\\x1b" in line and "s3cret-token" not in line
    assert escape_controls("a\nb") == "a\nb"


def test_links_and_guids_carry_no_controls() -> None:
    """`check` prints each new entry's link, and links and guids are stored and sent: an ESC in <link> or <guid>
    is removed there too (tab and newline as well in a link, as urlsplit drops them)."""
    body = (
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Feed</title>"
        "<item><title>Story</title><link>https://news.example/a\x1b[31mred\x1b]0;pwned\x07\n</link>"
        "<guid isPermaLink='false'>id-\x1b[2J1\u202e</guid></item></channel></rss>"
    ).encode()
    for base_url in (None, "https://news.example/feed"):
        (entry,) = parse_feed(body, base_url=base_url, now=datetime.now(UTC)).entries
        assert entry.link == "https://news.example/a[31mred]0;pwned", (base_url, entry.link)
        assert entry.guid == "id-[2J1" and clean(entry.key) == entry.key
