"""Hostile XML entities: external entities never read a local file, and entity expansion never grows.

These held before the hostile suite existed (issue 11 lists them among the cases that already held); they live here so
they stay held under the suite's time and memory bounds. The parser never expands a declared entity: the internal
subset of a DOCTYPE is removed whole before feedparser sees the body, and feedparser is handed a stream, never a
path it could open. Cases run both on ``parse_feed`` directly and end to end (served on 127.0.0.1, fetched, and
parsed in a worker process of the real :class:`ParsePool`).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bounds import Bounds
from feedserver import FeedServer

from watchers.feeds.fetch import FeedFetcher, FetchSettings
from watchers.feeds.parse import ParsePool, parse_feed
from watchers.feeds.types import FeedError, FeedErrorKind

# Each case parses a body of at most 2.1 MB; refusing or reading it costs well under 0.1 s and a few MiB. The bounds
# leave room for a slow shared machine; an expansion that escaped (10^9 "lol"s, or 2 GB of "x") would break both.
BOUNDS = Bounds(seconds=10, mib=48)
NOW = datetime(2025, 6, 1, tzinfo=UTC)


def _assert_no_secret(result: object, marker: str) -> None:
    assert marker not in repr(result)


@pytest.mark.parametrize(
    "template",
    [
        # classic external general entity
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY xxe SYSTEM "file://{path}">\n]>\n'
        '<rss version="2.0"><channel><title>&xxe;</title><item><title>a &xxe;</title>'
        "<description>&xxe;</description><guid>&xxe;</guid></item></channel></rss>",
        # same on one line (defeats line-anchored regexes)
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{path}">]>'
        '<rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title></item></channel></rss>',
        # external parameter entity
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY % p SYSTEM "file://{path}">\n%p;\n]>\n'
        '<rss version="2.0"><channel><title>t</title><item><title>a</title></item></channel></rss>',
        # external DTD pointing at the file
        '<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "file://{path}">\n'
        '<rss version="2.0"><channel><title>t</title><item><title>a</title></item></channel></rss>',
        # the body is just the path: feedparser would open it if given bytes instead of a stream
        "{path}",
        # Atom with XXE
        '<?xml version="1.0"?>\n<!DOCTYPE feed [\n<!ENTITY xxe SYSTEM "file://{path}">\n]>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>&xxe;</title>'
        "<entry><id>x</id><title>&xxe;</title><summary>&xxe;</summary></entry></feed>",
    ],
)
def test_external_entities_never_read_local_files(tmp_path: Path, template: str) -> None:
    marker = "SECRET-MARKER-7f3a9c"
    secret = tmp_path / "secret.txt"
    secret.write_text(f"{marker}\n")
    body = template.replace("{path}", str(secret)).encode()
    try:
        result: object = parse_feed(body, now=NOW)
    except FeedError as exc:
        result = exc
    _assert_no_secret(result, marker)


def _billion_laughs(levels: int = 10) -> bytes:
    decls = ['<!ENTITY lol0 "lol">']
    decls += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels)]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n' + "\n".join(decls) + "\n]>\n"
        f'<rss version="2.0"><channel><title>&lol{levels - 1};</title>'
        f"<item><title>&lol{levels - 1};</title><description>&lol{levels - 1};</description></item>"
        "</channel></rss>"
    ).encode()


def _quadratic_blowup() -> bytes:
    # A single "harmless-looking" entity (no nested references) repeated: feedparser keeps such entities for
    # its loose parser, which then expands them: 40 KB in, 2 GB of text out.
    return (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "'
        + b"x" * 100_000
        + b'">\n]>\n<rss version="2.0"><channel><title>t</title><item><title>'
        + b"&a;" * 20_000
        + b"</title></item></channel></rss>"
    )


@pytest.mark.parametrize("body", [_billion_laughs(), _quadratic_blowup()], ids=["billion-laughs", "quadratic"])
def test_entity_expansion_is_fast_and_bounded(body: bytes) -> None:
    started = time.process_time()
    try:
        result: object = parse_feed(body, now=NOW)
    except FeedError as exc:
        result = exc
    assert time.process_time() - started < 1.0
    assert len(repr(result)) < 20_000
    assert "lollollol" not in repr(result)
    assert "x" * 1000 not in repr(result)


def test_entity_declared_behind_leading_junk_is_refused() -> None:
    body = b'x\n<!DOCTYPE rss [\n<!ENTITY a "aaaa">\n]>\n<rss version="2.0"><channel><title>&a;</title></channel></rss>'
    with pytest.raises(FeedError) as info:
        parse_feed(body)
    assert info.value.kind is FeedErrorKind.MALFORMED


def test_internal_subset_with_tricky_quotes_is_removed_whole() -> None:
    body = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss [ <!-- it\'s "tricky" ]> --> <!ENTITY a "]>x"> ]>\n'
        b'<rss version="2.0"><channel><title>T</title><item><title>ok</title></item></channel></rss>'
    )
    feed = parse_feed(body, now=NOW)
    assert [e.title for e in feed.entries] == ["ok"]


async def fetch_and_parse_in_a_worker(url: str) -> object:
    """Fetch ``url`` as the poller does and parse it in a worker process; the parsed feed or the FeedError."""
    pool = ParsePool(workers=1, min_batch=1)
    try:
        async with FeedFetcher(FetchSettings(allow_private=True, trust_env=False)) as fetcher:
            fetched = await fetcher.fetch(url)
        assert fetched.body is not None
        try:
            return await pool.parse(fetched.body, content_type="application/rss+xml", base_url=fetched.final_url)
        except FeedError as exc:
            return exc
    finally:
        await pool.aclose()


def _huge_billion_laughs() -> bytes:
    # 20 levels of ten: 10^20 "lol"s if anything expanded it; the body itself is 4 KB
    return _billion_laughs(levels=20)


def _wide_quadratic_blowup() -> bytes:
    # the widest entity the body cap allows, referenced as often as the rest of the cap allows
    return (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "'
        + b"x" * 1_000_000
        + b'">\n]>\n<rss version="2.0"><channel><title>t</title><item><title>'
        + b"&a;" * 350_000
        + b"</title></item></channel></rss>"
    )


@pytest.mark.parametrize(
    "body", [_huge_billion_laughs(), _wide_quadratic_blowup()], ids=["10^20-laughs", "2 MB-quadratic"]
)
async def test_served_entity_bombs_are_read_flat_by_the_worker_pool(feed_server: FeedServer, body: bytes) -> None:
    feed_server.set_document("/bomb.xml", body, content_type="application/rss+xml")
    result = await fetch_and_parse_in_a_worker(feed_server.url("/bomb.xml"))
    shown = repr(result)
    assert len(shown) < 20_000 and "lollollol" not in shown and "x" * 1000 not in shown


async def test_a_served_external_entity_reads_no_file_in_the_worker_pool(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    marker = "SECRET-MARKER-served-51d2"
    secret = tmp_path / "secret.txt"
    secret.write_text(f"{marker}\n")
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>&xxe;</title><item><title>a &xxe;</title>'
        "<link>https://news.example/1</link></item></channel></rss>"
    ).encode()
    feed_server.set_document("/xxe.xml", body, content_type="application/rss+xml")
    result = await fetch_and_parse_in_a_worker(feed_server.url("/xxe.xml"))
    _assert_no_secret(result, marker)
