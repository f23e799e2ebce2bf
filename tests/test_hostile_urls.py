"""Feed URLs on internal addresses, in every IP-literal spelling, are refused where a config is validated and where
chat adds a feed, with the setting that allows feeds on one's own network; names are checked when fetched, by the
resolver the connection itself uses (so a DNS-rebinding answer cannot slip in between check and connect)."""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

import pytest
from aiohttp.abc import AbstractResolver
from bounds import Bounds
from feedserver import FeedItem, FeedServer

from watchers.config import ConfigError, load_config_text
from watchers.feeds.fetch import FeedFetcher, FetchSettings
from watchers.feeds.types import FeedError, FeedErrorKind
from watchers.feeds.urlsafety import ForbiddenAddressError, GuardedResolver, literal_address, literal_host_problem

# Bounds (tests/bounds.py):
# Each case checks URL spellings or makes one refused request: under a second, no measurable memory.
# A resolver that retried or a request that reached a server would take longer. Memory: a case run first
# also pays for importing the chat command stack (about 37 MiB), hence 96.
BOUNDS = Bounds(seconds=15, mib=96)

INTERNAL = [
    "http://127.0.0.1/feed",
    "http://127.1/feed",
    "http://2130706433/feed",
    "http://0x7f000001/feed",
    "http://0177.0.0.1/feed",
    "http://0x7f.0.0.1/feed",
    "http://[::1]/feed",
    "http://[::ffff:127.0.0.1]/feed",
    "http://[::ffff:7f00:1]/feed",
    "http://10.0.0.5/feed",
    "http://10.1/feed",
    "http://192.168.1.10:8080/feed",
    "http://172.16.0.1/feed",
    "http://0.0.0.0/feed",
    "http://0/feed",
    "http://100.64.0.1/feed",
    "http://[fe80::1]/feed",
    "http://[fd00::1]/feed",
    "http://169.254.169.254/latest/meta-data",
    "http://[::ffff:169.254.169.254]/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://2852039166/",
]


@pytest.mark.parametrize("url", INTERNAL)
def test_internal_literals_are_refused_with_the_setting_to_allow_them(url: str) -> None:
    problem = literal_host_problem(url, allow_private=False)
    assert problem is not None, url
    if "169.254.169.254" in url or "metadata" in url or "2852039166" in url:
        assert "metadata" in problem and "allow_private_feeds" not in problem  # never allowed
    else:
        assert "set settings.allow_private_feeds: true" in problem


@pytest.mark.parametrize("url", ["https://example.com/feed", "https://1.1.1.1/feed", "http://news.example.org/rss"])
def test_public_hosts_and_names_pass(url: str) -> None:
    assert literal_host_problem(url, allow_private=False) is None


def test_allowing_private_feeds_allows_them_but_never_metadata() -> None:
    assert literal_host_problem("http://2130706433/feed", allow_private=True) is None
    assert literal_host_problem("http://169.254.169.254/", allow_private=True) is not None


def test_spellings_are_read_as_the_address_they_reach() -> None:
    assert str(literal_address("0x7f000001")) == "127.0.0.1"
    assert str(literal_address("127.1")) == "127.0.0.1"
    assert str(literal_address("[::ffff:127.0.0.1]")) == "::ffff:7f00:1"
    assert literal_address("example.com") is None and literal_address("deadbeef.com") is None


CONFIG = """
settings: {{allow_private_feeds: {allow}}}
watches:
  - id: w
    title: Bridge opening
    kind: event
    feeds: [{{url: "{url}"}}]
    match: {{any: [bridge]}}
    baseline: {{status: planned, expected: 2031-04, as_of: 2031-01-01}}
"""


def test_validate_refuses_an_internal_feed_and_names_the_watch_and_setting() -> None:
    with pytest.raises(ConfigError) as caught:
        load_config_text(CONFIG.format(allow="false", url="http://0x7f000001/feed"))
    text = caught.value.format()
    assert "watch 'w'" in text and "loopback" in text and "allow_private_feeds" in text
    load_config_text(CONFIG.format(allow="true", url="http://0x7f000001/feed"))


# ---------------------------------------------------------------------------------------------- DNS rebinding


class _Answers(AbstractResolver):
    """A resolver that answers a fixed address for every name (what a rebinding DNS server sends the 2nd time)."""

    def __init__(self, address: str) -> None:
        self.address = address

    async def resolve(self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET) -> list[Any]:
        family = socket.AF_INET6 if ":" in self.address else socket.AF_INET
        return [{"hostname": host, "host": self.address, "port": port, "family": family, "proto": 0, "flags": 0}]

    async def close(self) -> None:
        return None


@pytest.mark.parametrize(
    ("address", "allow_private", "refused"),
    [
        ("93.184.216.34", False, False),
        ("127.0.0.1", False, True),
        ("10.0.0.7", False, True),
        ("::1", False, True),
        ("::ffff:192.168.0.1", False, True),
        ("169.254.169.254", False, True),
        ("10.0.0.7", True, False),  # one's own network, allowed by the setting
        ("169.254.169.254", True, True),  # metadata: never
    ],
)
async def test_the_connection_resolver_refuses_what_the_pre_check_would(
    address: str, allow_private: bool, refused: bool
) -> None:
    resolver = GuardedResolver(allow_private=allow_private, inner=_Answers(address))
    if refused:
        with pytest.raises(ForbiddenAddressError) as raised:
            await resolver.resolve("feeds.example", 443)
        assert f"resolved to {ipaddress.ip_address(address)}, which is" in str(raised.value)
    else:
        assert [r["host"] for r in await resolver.resolve("feeds.example", 443)] == [address]


async def test_a_name_that_rebinds_to_loopback_after_the_check_is_not_connected_to(feed_server: FeedServer) -> None:
    """The pre-check saw a public answer (stubbed to pass); when connecting, the name resolves to 127.0.0.1:
    the guarded resolver refuses it and the server on loopback never receives a request."""
    feed_server.set_feed("/feed.xml", [FeedItem("Secret", "https://intranet.example/1")])
    url = feed_server.url("/feed.xml").replace("127.0.0.1", "localhost")

    async def passes(_: str) -> None:
        return None  # as if the first DNS answer had been public

    settings = FetchSettings(allow_private=False, trust_env=False, connect_timeout=2, read_timeout=2, total_timeout=5)
    async with FeedFetcher(settings, url_check=passes) as fetcher:
        with pytest.raises(FeedError) as raised:
            await fetcher.fetch(url)
    assert raised.value.kind is FeedErrorKind.UNSAFE_URL
    assert "localhost resolved to" in str(raised.value) and "feeds must be on the public internet" in str(raised.value)
    assert feed_server.requests_for("/feed.xml") == []


# ---------------------------------------------------------------------------------------------- chat


CHAT_INTERNAL = [
    "http://0x7f000001/feed",
    "http://2130706433/feed",
    "http://127.1/feed",
    "http://[::ffff:127.0.0.1]/feed",
    "http://10.1/feed",
    "http://0/feed",
]


async def test_chat_feed_add_and_watch_add_refuse_internal_spellings_with_the_setting(
    feed_server: FeedServer, tmp_path: Any
) -> None:
    """In a bot without allow_private_feeds, `feed add` and `watch add` refuse every spelling before fetching
    anything, naming the setting; a metadata address is refused without it (never allowed)."""
    from command_fixtures import caller_for, command_world
    from command_scenarios import TRUMP

    async with command_world(f"sqlite:///{tmp_path}/c.db", feed_server=feed_server) as world:
        ctx = world.service.ctx
        settings = ctx.config.settings.model_copy(update={"allow_private_feeds": False})
        ctx.config = ctx.config.model_copy(update={"settings": settings})
        caller = caller_for("telegram", "admin", "private")
        feeds_before = ctx.registry.get(TRUMP).config.feed_urls  # type: ignore[union-attr]
        add = {"id": "w2", "title": "A bridge", "kind": "event", "terms": "bridge", "status": "planned"}
        for url in CHAT_INTERNAL:
            reply = await world.service.execute(caller, "feed add", {"watch": TRUMP, "url": url})
            assert not reply.ok and "set settings.allow_private_feeds: true" in reply.text, (url, reply.text)
            reply = await world.service.execute(caller, "watch add", {**add, "feed": url})
            assert not reply.ok and "set settings.allow_private_feeds: true" in reply.text, (url, reply.text)
        for command, args in [("feed add", {"watch": TRUMP}), ("watch add", add)]:
            key = "url" if command == "feed add" else "feed"
            reply = await world.service.execute(caller, command, {**args, key: "http://169.254.169.254/latest/"})
            assert not reply.ok and "metadata" in reply.text and "allow_private_feeds" not in reply.text, reply.text
        assert ctx.registry.get(TRUMP).config.feed_urls == feeds_before  # type: ignore[union-attr]
        assert ctx.registry.get("w2") is None
