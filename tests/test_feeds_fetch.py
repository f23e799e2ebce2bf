"""FeedFetcher against a real HTTP server on 127.0.0.1 (tests/feedserver.py): no mocks of the HTTP client.

Hostile transfers (oversized bodies, bombs, slow servers) are in tests/test_hostile_transfers.py.
"""

from __future__ import annotations

import asyncio
import hashlib
import zlib
from datetime import UTC, datetime, timedelta

import pytest
from aiohttp import web
from feedserver import HTML_PAGE, FeedItem, FeedServer, build_rss, http_date

from watchers.feeds.fetch import (
    DEFAULT_USER_AGENT,
    FeedFetcher,
    FetchSettings,
    parse_max_age,
    parse_retry_after,
)
from watchers.feeds.types import FeedError, FeedErrorKind, Validators
from watchers.feeds.urlsafety import check_feed_url

ITEMS = [
    FeedItem("Bridge opening delayed", "https://example.com/a", guid="a", summary="<p>Now <b>2026</b></p>"),
    FeedItem("Budget approved", "https://example.com/b", guid="b"),
]


LOOPBACK_SETTINGS = FetchSettings(allow_private=True, trust_env=False, total_timeout=5)


async def test_200_returns_body_hash_and_validators(feed_server: FeedServer, fetcher: FeedFetcher) -> None:
    body = feed_server.set_feed("/feed.xml", ITEMS, cache_control="public, max-age=600")
    result = await fetcher.fetch(feed_server.url("/feed.xml"))
    assert result.status == 200
    assert not result.not_modified
    assert result.body == body
    assert result.body_hash == hashlib.sha256(body).hexdigest()
    assert result.etag and result.etag.startswith('"')
    assert result.last_modified == "Wed, 01 May 2024 12:00:00 GMT"
    assert result.content_type == "application/rss+xml"
    assert result.max_age == 600
    assert result.final_url == result.url == feed_server.url("/feed.xml")


async def test_user_agent_and_accept_encoding_sent(feed_server: FeedServer, fetcher: FeedFetcher) -> None:
    feed_server.set_feed("/ua.xml", ITEMS)
    await fetcher.fetch(feed_server.url("/ua.xml"))
    headers = feed_server.requests_for("/ua.xml")[0].headers
    assert headers["user-agent"] == DEFAULT_USER_AGENT
    assert DEFAULT_USER_AGENT.startswith("followup/")
    assert "(+https://github.com/followup-bot/followup)" in DEFAULT_USER_AGENT
    assert "gzip" in headers["accept-encoding"]
    assert "application/rss+xml" in headers["accept"]


async def test_second_request_is_conditional_and_304_is_not_modified(
    feed_server: FeedServer, fetcher: FeedFetcher
) -> None:
    feed_server.set_feed("/c.xml", ITEMS)
    first = await fetcher.fetch(feed_server.url("/c.xml"))
    validators = Validators(first.etag, first.last_modified, first.body_hash)
    second = await fetcher.fetch(feed_server.url("/c.xml"), validators)

    sent = feed_server.requests_for("/c.xml")[1].headers
    assert sent["if-none-match"] == first.etag
    assert sent["if-modified-since"] == first.last_modified
    assert second.status == 304
    assert second.not_modified and second.body is None
    assert second.etag == first.etag
    assert second.body_hash == first.body_hash


async def test_last_modified_alone_gives_304(feed_server: FeedServer, fetcher: FeedFetcher) -> None:
    feed_server.set_feed("/lm.xml", ITEMS, etag=False)
    first = await fetcher.fetch(feed_server.url("/lm.xml"))
    assert first.etag is None
    second = await fetcher.fetch(feed_server.url("/lm.xml"), Validators(last_modified=first.last_modified))
    assert second.status == 304 and second.not_modified


async def test_changed_feed_gives_new_body(feed_server: FeedServer, fetcher: FeedFetcher) -> None:
    feed_server.set_feed("/ch.xml", ITEMS)
    first = await fetcher.fetch(feed_server.url("/ch.xml"))
    feed_server.set_feed("/ch.xml", [*ITEMS, FeedItem("New", "https://example.com/n")])
    second = await fetcher.fetch(feed_server.url("/ch.xml"), Validators(first.etag, None, first.body_hash))
    assert second.status == 200 and not second.not_modified
    assert second.body is not None and b"New" in second.body
    assert second.etag != first.etag


async def test_same_body_hash_without_validators_is_not_modified(feed_server: FeedServer, fetcher: FeedFetcher) -> None:
    body = build_rss(ITEMS)
    feed_server.set_document("/nv.xml", body, content_type="application/rss+xml")  # no ETag, no Last-Modified
    result = await fetcher.fetch(feed_server.url("/nv.xml"), Validators(body_hash=hashlib.sha256(body).hexdigest()))
    assert result.status == 200
    assert result.not_modified
    assert result.body is None
    assert "if-none-match" not in feed_server.requests_for("/nv.xml")[0].headers


async def test_gzip_body_is_decoded(feed_server: FeedServer, fetcher: FeedFetcher) -> None:
    body = feed_server.set_feed("/gz.xml", ITEMS, gzip_body=True)
    result = await fetcher.fetch(feed_server.url("/gz.xml"))
    assert result.body == body
    assert result.headers["content-encoding"] == "gzip"


async def test_deflate_body_is_decoded(feed_server: FeedServer, fetcher: FeedFetcher) -> None:
    body = build_rss(ITEMS)

    async def raw_deflate(request: web.Request) -> web.StreamResponse:
        compressor = zlib.compressobj(wbits=-zlib.MAX_WBITS)  # raw deflate, as some servers send
        payload = compressor.compress(body) + compressor.flush()
        return web.Response(body=payload, headers={"Content-Encoding": "deflate"})

    feed_server.set_handler("/deflate.xml", raw_deflate)
    result = await fetcher.fetch(feed_server.url("/deflate.xml"))
    assert result.body == body


async def test_redirect_is_followed_and_final_url_reported(feed_server: FeedServer, fetcher: FeedFetcher) -> None:
    feed_server.set_feed("/new.xml", ITEMS)
    feed_server.set_redirect("/old.xml", "/new.xml", status=301)
    result = await fetcher.fetch(feed_server.url("/old.xml"))
    assert result.status == 200
    assert result.url == feed_server.url("/old.xml")
    assert result.final_url == feed_server.url("/new.xml")


async def test_redirect_loop_fails(feed_server: FeedServer, fetcher: FeedFetcher) -> None:
    feed_server.set_redirect("/a", "/b")
    feed_server.set_redirect("/b", "/a")
    with pytest.raises(FeedError) as info:
        await fetcher.fetch(feed_server.url("/a"))
    assert info.value.kind is FeedErrorKind.TOO_MANY_REDIRECTS
    assert len(feed_server.requests) == fetcher.settings.max_redirects + 1


async def test_redirect_to_non_http_scheme_refused(feed_server: FeedServer, fetcher: FeedFetcher) -> None:
    feed_server.set_redirect("/file", "file:///etc/passwd")
    with pytest.raises(FeedError) as info:
        await fetcher.fetch(feed_server.url("/file"))
    assert info.value.kind is FeedErrorKind.UNSAFE_URL


async def test_redirect_to_metadata_address_refused_even_when_private_allowed(
    feed_server: FeedServer, fetcher: FeedFetcher
) -> None:
    feed_server.set_redirect("/meta", "http://169.254.169.254/latest/meta-data/")
    with pytest.raises(FeedError) as info:
        await fetcher.fetch(feed_server.url("/meta"))
    assert info.value.kind is FeedErrorKind.UNSAFE_URL
    assert "metadata" in info.value.message


async def test_loopback_refused_unless_private_allowed(feed_server: FeedServer) -> None:
    feed_server.set_feed("/private.xml", ITEMS)
    settings = FetchSettings(allow_private=False, trust_env=False)
    async with FeedFetcher(settings) as f:
        with pytest.raises(FeedError) as info:
            await f.fetch(feed_server.url("/private.xml"))
    assert info.value.kind is FeedErrorKind.UNSAFE_URL
    assert "loopback" in info.value.message
    assert feed_server.requests == []  # refused before any request was sent


async def test_every_redirect_hop_is_rechecked(feed_server: FeedServer) -> None:
    """A public first hop redirecting to an internal address is refused at the hop, before connecting.

    The server is on loopback, so the checker lets exactly the server's own address through and applies the
    real check (allow_private=False) to everything else - as production would to a public feed host.
    """
    checked: list[str] = []

    async def check(url: str) -> None:
        checked.append(url)
        if not url.startswith(feed_server.base_url):
            await check_feed_url(url, allow_private=False)

    feed_server.set_redirect("/hop", "http://127.0.0.2:1/feed.xml")
    async with FeedFetcher(FetchSettings(trust_env=False), url_check=check) as f:
        with pytest.raises(FeedError) as info:
            await f.fetch(feed_server.url("/hop"))
    assert info.value.kind is FeedErrorKind.UNSAFE_URL
    assert "127.0.0.2" in info.value.message
    assert checked == [feed_server.url("/hop"), "http://127.0.0.2:1/feed.xml"]


async def test_connection_refused_is_network_error(fetcher: FeedFetcher) -> None:
    server = FeedServer()
    await server.start()
    url = server.url("/gone.xml")
    await server.close()  # nothing listens on that port any more
    with pytest.raises(FeedError) as info:
        await fetcher.fetch(url)
    assert info.value.kind is FeedErrorKind.NETWORK
    assert info.value.message


@pytest.mark.parametrize("status", [429, 503])
async def test_retry_after_seconds(feed_server: FeedServer, fetcher: FeedFetcher, status: int) -> None:
    feed_server.set_status("/busy", status, headers={"Retry-After": "120"})
    with pytest.raises(FeedError) as info:
        await fetcher.fetch(feed_server.url("/busy"))
    assert info.value.kind is FeedErrorKind.HTTP
    assert info.value.status == status
    assert info.value.retry_after == 120


async def test_retry_after_http_date(feed_server: FeedServer, fetcher: FeedFetcher) -> None:
    later = datetime.now(UTC) + timedelta(seconds=300)
    feed_server.set_status("/busy-date", 429, headers={"Retry-After": http_date(later)})
    with pytest.raises(FeedError) as info:
        await fetcher.fetch(feed_server.url("/busy-date"))
    assert info.value.retry_after is not None
    assert 290 <= info.value.retry_after <= 300


async def test_500_is_http_error_with_status_and_reason(feed_server: FeedServer, fetcher: FeedFetcher) -> None:
    feed_server.set_status("/err", 500)
    with pytest.raises(FeedError) as info:
        await fetcher.fetch(feed_server.url("/err"))
    assert info.value.kind is FeedErrorKind.HTTP
    assert info.value.status == 500
    assert info.value.retry_after is None
    assert "500 Internal Server Error" in info.value.message


async def test_404_message_says_what_to_do(feed_server: FeedServer, fetcher: FeedFetcher) -> None:
    with pytest.raises(FeedError) as info:
        await fetcher.fetch(feed_server.url("/missing.xml"))
    assert info.value.status == 404
    assert "does not exist" in info.value.message


async def test_html_page_is_fetched_as_is(feed_server: FeedServer, fetcher: FeedFetcher) -> None:
    """Fetching does not judge content; parse_feed reports NOT_A_FEED (see test_feeds_parse)."""
    feed_server.set_document("/page", HTML_PAGE, content_type="text/html; charset=utf-8")
    result = await fetcher.fetch(feed_server.url("/page"))
    assert result.body == HTML_PAGE
    assert result.content_type == "text/html; charset=utf-8"


async def test_per_host_concurrency_is_bounded(feed_server: FeedServer) -> None:
    feed_server.set_feed("/busy.xml", ITEMS, delay=0.05)
    settings = FetchSettings(allow_private=True, trust_env=False, per_host_concurrency=2, max_concurrency=10)
    async with FeedFetcher(settings) as f:
        await asyncio.gather(*(f.fetch(feed_server.url("/busy.xml")) for _ in range(8)))
    assert len(feed_server.requests_for("/busy.xml")) == 8
    assert feed_server.max_in_flight("/busy.xml") == 2


async def test_overall_concurrency_is_bounded(feed_server: FeedServer) -> None:
    feed_server.set_feed("/all.xml", ITEMS, delay=0.05)
    settings = FetchSettings(allow_private=True, trust_env=False, per_host_concurrency=10, max_concurrency=3)
    async with FeedFetcher(settings) as f:
        await asyncio.gather(*(f.fetch(feed_server.url("/all.xml")) for _ in range(9)))
    assert feed_server.max_in_flight("/all.xml") == 3


async def test_fetch_outside_context_manager_is_a_programming_error() -> None:
    with pytest.raises(RuntimeError):
        await FeedFetcher(LOOPBACK_SETTINGS).fetch("http://127.0.0.1:9/feed")


def test_parse_retry_after_forms() -> None:
    now = datetime(2025, 1, 1, tzinfo=UTC)
    assert parse_retry_after("30") == 30
    assert parse_retry_after(" 0 ") == 0
    assert parse_retry_after("-5") == 0
    assert parse_retry_after("Wed, 01 Jan 2025 00:01:00 GMT", now=now) == 60
    assert parse_retry_after("Tue, 31 Dec 2024 00:00:00 GMT", now=now) == 0
    assert parse_retry_after("soon") is None
    assert parse_retry_after("nan") is None
    assert parse_retry_after(None) is None


def test_parse_max_age() -> None:
    assert parse_max_age("public, max-age=300") == 300
    assert parse_max_age('max-age="60"') == 60
    assert parse_max_age("no-cache") is None
    assert parse_max_age("max-age=abc") is None
    assert parse_max_age("s-maxage=10") is None
    assert parse_max_age(None) is None
