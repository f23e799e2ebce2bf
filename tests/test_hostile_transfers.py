"""Hostile transfers: bodies too big, bombs and servers too slow stop at a cap, in bounded time and memory.

These held before the hostile suite existed (issue 11's "cases that already hold"); they live here so they stay held
under the suite's bounds. Every server is real, on 127.0.0.1: the test feed server (aiohttp) for bodies, and a raw
asyncio socket server for what no well-behaved HTTP server would send (endless or never-sent headers).

The first cases use small caps so the refusal is quick to see; the cases with the shipped defaults show the caps a
deployment really has: 10 MiB of decoded body (``fetch.max_bytes``); the deadline cases shorten ``total_timeout``
(45 s in a shipped config) and ``read_timeout`` (20 s) so the suite does not wait for them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest
from bounds import Bounds
from feedserver import FeedItem, FeedServer, build_rss

from watchers.feeds.fetch import FeedFetcher, FetchSettings
from watchers.feeds.types import FeedError, FeedErrorKind

# The default cap keeps at most 10 MiB of body; holding it while refusing costs about that again. 64 MiB leaves room
# for aiohttp's buffers and a noisy machine, and is 1/16 of the 1 GiB bomb below. Time: the slowest case waits for a
# 1 s deadline; 15 s leaves room for a loaded 2-core machine, and a cap that failed would take minutes.
BOUNDS = Bounds(seconds=15, mib=64)
MiB = 1024 * 1024
ITEMS = [FeedItem("Bridge opening delayed", "https://example.com/a", guid="a")]
LOOPBACK = {"allow_private": True, "trust_env": False}


async def refusal(url: str, **settings: float) -> FeedError:
    """The FeedError that fetching ``url`` with these settings raises (the test fails if it succeeds)."""
    async with FeedFetcher(FetchSettings(**{**LOOPBACK, **settings})) as fetcher:  # type: ignore[arg-type]
        with pytest.raises(FeedError) as info:
            await fetcher.fetch(url)
    return info.value


async def test_content_length_over_cap_rejected_early(feed_server: FeedServer) -> None:
    feed_server.set_document("/big.xml", b"<rss>" + b" " * 5000 + b"</rss>")
    async with FeedFetcher(FetchSettings(allow_private=True, trust_env=False, max_bytes=1000)) as f:
        with pytest.raises(FeedError) as info:
            await f.fetch(feed_server.url("/big.xml"))
    assert info.value.kind is FeedErrorKind.TOO_LARGE
    assert "limit" in info.value.message


async def test_streamed_body_without_length_is_capped(feed_server: FeedServer) -> None:
    feed_server.set_stream("/stream.xml", total_bytes=50 * 1024 * 1024, chunk_size=64 * 1024)
    settings = FetchSettings(allow_private=True, trust_env=False, max_bytes=256 * 1024)
    async with FeedFetcher(settings) as f:
        with pytest.raises(FeedError) as info:
            await f.fetch(feed_server.url("/stream.xml"))
    assert info.value.kind is FeedErrorKind.TOO_LARGE


async def test_gzip_bomb_is_capped_on_decoded_size(feed_server: FeedServer) -> None:
    compressed = feed_server.set_gzip_bomb("/bomb.xml", decoded_size=32 * 1024 * 1024)
    cap = 1024 * 1024
    assert compressed < cap  # only the decoded size can trip the cap
    async with FeedFetcher(FetchSettings(allow_private=True, trust_env=False, max_bytes=cap)) as f:
        with pytest.raises(FeedError) as info:
            await f.fetch(feed_server.url("/bomb.xml"))
    assert info.value.kind is FeedErrorKind.TOO_LARGE


async def test_total_timeout_on_slow_body(feed_server: FeedServer) -> None:
    feed_server.set_slow("/slow.xml", build_rss(ITEMS), chunk_size=8, interval=0.05)
    settings = FetchSettings(allow_private=True, trust_env=False, total_timeout=0.3)
    async with FeedFetcher(settings) as f:
        loop = asyncio.get_running_loop()
        started = loop.time()
        with pytest.raises(FeedError) as info:
            await f.fetch(feed_server.url("/slow.xml"))
        assert loop.time() - started < 2
    assert info.value.kind is FeedErrorKind.TIMEOUT


async def test_read_timeout(feed_server: FeedServer) -> None:
    feed_server.set_slow("/stall.xml", b"<rss>" + b" " * 64, chunk_size=4, interval=0.5)
    settings = FetchSettings(allow_private=True, trust_env=False, read_timeout=0.1, total_timeout=5)
    async with FeedFetcher(settings) as f:
        with pytest.raises(FeedError) as info:
            await f.fetch(feed_server.url("/stall.xml"))
    assert info.value.kind is FeedErrorKind.TIMEOUT


# ------------------------------------------------------------------------------------- at the shipped defaults


async def test_50_mb_with_a_declared_length_is_refused_before_reading(feed_server: FeedServer) -> None:
    feed_server.set_stream("/declared.xml", total_bytes=50 * MiB, declare_length=True)
    error = await refusal(feed_server.url("/declared.xml"))
    assert error.kind is FeedErrorKind.TOO_LARGE and "limit" in error.message


async def test_50_mb_streamed_without_a_length_stops_at_the_cap(feed_server: FeedServer) -> None:
    feed_server.set_stream("/chunked.xml", total_bytes=50 * MiB)
    error = await refusal(feed_server.url("/chunked.xml"))
    assert error.kind is FeedErrorKind.TOO_LARGE


async def test_a_declared_length_that_lies_small_still_stops_at_the_cap(feed_server: FeedServer) -> None:
    # says 1 KB, sends 50 MB: the client must count what it reads, not trust the header
    async def liar(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 1000\r\n\r\n")
        for _ in range(50):
            writer.write(b"<!--" + b"x" * (MiB - 7) + b"-->")
            await writer.drain()

    settings = FetchSettings(**LOOPBACK, total_timeout=5)  # type: ignore[arg-type]
    async with raw_server(liar) as url, FeedFetcher(settings) as fetcher:
        try:
            result = await fetcher.fetch(url)
        except FeedError as exc:
            assert exc.kind in {FeedErrorKind.TOO_LARGE, FeedErrorKind.NETWORK}, exc
        else:  # read as the 1,000 bytes it declared, and nothing more
            assert result.body is not None and len(result.body) == 1000


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
async def test_a_1_gib_compression_bomb_stops_at_the_decoded_cap(feed_server: FeedServer, encoding: str) -> None:
    compressed = feed_server.set_gzip_bomb("/bomb.xml", decoded_size=1024 * MiB, framing=encoding)
    assert compressed < 2 * MiB  # only the decoded size can trip the cap
    error = await refusal(feed_server.url("/bomb.xml"))
    assert error.kind is FeedErrorKind.TOO_LARGE


async def test_slowloris_body_that_never_pauses_long_stops_at_the_total_deadline(feed_server: FeedServer) -> None:
    # a byte every 50 ms never trips the read timeout; only the total deadline stops it (60 s by default, 1 s here)
    feed_server.set_slow("/drip.xml", b"<rss>" + b" " * 10_000, chunk_size=1, interval=0.05)
    loop = asyncio.get_running_loop()
    began = loop.time()
    error = await refusal(feed_server.url("/drip.xml"), total_timeout=1)
    assert error.kind is FeedErrorKind.TIMEOUT and "1 s" in error.message
    assert loop.time() - began < 3


async def test_a_server_that_never_answers_stops_at_the_read_timeout() -> None:
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(30)

    async with raw_server(silent) as url:
        error = await refusal(url, read_timeout=0.5, total_timeout=10)
    assert error.kind is FeedErrorKind.TIMEOUT


async def test_endless_headers_are_refused_without_growing() -> None:
    async def endless(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\n")
        line = b"X-Filler: " + b"y" * 200 + b"\r\n"
        for _ in range(500_000):  # 100 MB of headers if nobody stops reading
            writer.write(line * 100)
            await writer.drain()

    async with raw_server(endless) as url:
        error = await refusal(url, total_timeout=5)
    assert error.kind in {FeedErrorKind.NETWORK, FeedErrorKind.TOO_LARGE, FeedErrorKind.TIMEOUT}, error


async def test_one_header_line_without_end_is_refused() -> None:
    async def long_line(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\nX-Filler: ")
        for _ in range(100):
            writer.write(b"z" * MiB)
            await writer.drain()

    async with raw_server(long_line) as url:
        error = await refusal(url, total_timeout=5)
    assert error.kind in {FeedErrorKind.NETWORK, FeedErrorKind.TIMEOUT}, error
    assert len(error.message) < 400, "the server's bytes are cut short in the message"


# --------------------------------------------------------------------------------------------------- helpers


class raw_server:
    """A TCP server on 127.0.0.1 speaking whatever ``handle`` writes; yields a URL on it."""

    def __init__(self, handle: Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]) -> None:
        self.handle = handle
        self.server: asyncio.Server | None = None
        self.tasks: set[asyncio.Task[None]] = set()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self.tasks.add(task)  # type: ignore[arg-type]
        try:
            await self.handle(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass  # the client gave up, which is what the test wanted, or the test is over and closed the server
        finally:
            writer.close()

    async def __aenter__(self) -> str:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port = self.server.sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}/feed.xml"

    async def __aexit__(self, *exc_info: object) -> None:
        assert self.server is not None
        for task in self.tasks:
            task.cancel()
        self.server.close()
        await asyncio.gather(*self.tasks, return_exceptions=True)
