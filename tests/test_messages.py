"""What an alert's message says about its sources, on every channel: each outlet once, by its own name."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from bot.channels.base import Source, Target
from bot.channels.console import ConsoleChannel
from bot.messages import alert_message, outlets
from watchers.tracking.render import rumoured
from watchers.tracking.state import Alert


def test_an_outlet_is_listed_once_however_many_of_its_articles_report_it() -> None:
    sources = outlets(
        [
            "https://www.reuters.com/world/a",
            "https://www.reuters.com/world/b",  # the same outlet again: not a second source
            "https://news.google.com/rss/articles/X?oc=5#via=apnews.com&outlet=AP",
            "http://127.0.0.1:8080/feed/1",
            "http://127.0.0.1:8080/feed/2",
        ]
    )
    assert [s.publisher for s in sources] == ["reuters.com", "AP", "127.0.0.1"]


async def test_the_console_update_says_who_reported_first_and_who_since() -> None:
    alert = Alert(
        key="visit#1",
        watch_id="visit",
        kind="status",
        at=datetime(2026, 3, 1, tzinfo=UTC),
        old="planned",
        new="postponed",
        confidence="confirmed",
        sources=["https://www.reuters.com/a", "https://www.reuters.com/b", "https://apnews.com/c"],
        text="Visit: now postponed (was planned)",
        rule="test",
    )
    stream = io.StringIO()
    console = ConsoleChannel(stream)
    await console.edit(Target("console", "stdout"), ("7",), alert_message(alert, "Visit", nonce="n"))
    assert "update to message 7: first reported by reuters.com, now also by apnews.com" in stream.getvalue()
    assert "reuters.com, reuters.com" not in stream.getvalue()


def test_a_feeds_own_name_is_shown_and_its_mark_never_reaches_the_reader() -> None:
    """A direct feed's item carries its feed's name (watchers.feeds.outlet); the reader gets the article's link."""
    marked = "https://www.reuters.com/world/a#via=reuters.com&outlet=Reuters"
    assert outlets([marked, "https://www.reuters.com/world/b"]) == (
        Source("Reuters", "https://www.reuters.com/world/a"),
    )
    assert outlets(["https://example.com/p#section"]) == (Source("example.com", "https://example.com/p#section"),)
    rumour = rumoured("status", "Visit", "planned", "postponed", [marked, "https://www.reuters.com/world/b"])
    assert rumour == "Visit: may be postponed, reported by Reuters (still planned until confirmed)"
