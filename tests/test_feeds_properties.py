"""Property tests: parse_feed returns a ParsedFeed or raises FeedError, whatever it is given."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from watchers.feeds.identity import MAX_KEY_LENGTH, entry_key, normalize_link
from watchers.feeds.parse import parse_feed
from watchers.feeds.types import FeedError, ParsedFeed

NOW = datetime(2025, 6, 1, tzinfo=UTC)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_TAGS = [
    "rss",
    "channel",
    "item",
    "title",
    "link",
    "description",
    "guid",
    "pubDate",
    "feed",
    "entry",
    "summary",
]
_fragments = st.one_of(
    st.sampled_from([f"<{t}>" for t in _TAGS] + [f"</{t}>" for t in _TAGS]),
    st.sampled_from(
        [
            '<?xml version="1.0"?>',
            '<rss version="2.0">',
            '<feed xmlns="http://www.w3.org/2005/Atom">',
            "<!DOCTYPE rss [",
            '<!ENTITY a "aaaa">',
            '<!ENTITY x SYSTEM "file:///etc/passwd">',
            "]>",
            "&a;",
            "&x;",
            "&amp;",
            "&#0;",
            "&#xD800;",
            "<![CDATA[",
            "]]>",
            "<!--",
            "-->",
            "<",
            ">",
            '"',
            "\x00",
            "\ufeff",
        ]
    ),
    st.text(max_size=20),
)
xmlish = st.lists(_fragments, max_size=40).map("".join)


def _check(result: object) -> None:
    assert isinstance(result, ParsedFeed)
    for entry in result.entries:
        assert len(entry.key) <= MAX_KEY_LENGTH
        assert entry.published is None or entry.published.tzinfo is not None


@FAST
@given(st.binary(max_size=2000), st.sampled_from([None, "text/xml", "application/rss+xml; charset=utf-16"]))
def test_random_bytes(body: bytes, content_type: str | None) -> None:
    try:
        result = parse_feed(body, content_type=content_type, now=NOW)
    except FeedError:
        return
    _check(result)


@FAST
@given(xmlish, st.sampled_from(["utf-8", "utf-16", "latin-1"]))
def test_random_xmlish_text(text: str, encoding: str) -> None:
    try:
        result = parse_feed(text.encode(encoding, "replace"), now=NOW)
    except FeedError:
        return
    _check(result)


@FAST
@given(st.text(max_size=300))
def test_normalize_link_never_raises_and_is_idempotent(url: str) -> None:
    once = normalize_link(url)
    assert normalize_link(once) == once or "[" in url or "%" in url


@FAST
@given(st.one_of(st.none(), st.text()), st.one_of(st.none(), st.text()), st.text())
def test_entry_key_always_fits(guid: str | None, link: str | None, title: str) -> None:
    key = entry_key(guid, link, title, None)
    assert len(key) <= MAX_KEY_LENGTH
    assert key[:2] in ("g:", "u:", "h:", "gh", "uh")
