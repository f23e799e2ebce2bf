"""SSRF checks on feed URLs. Only IP literals and "localhost" are used: no test resolves an external name."""

from __future__ import annotations

import pytest

from watchers.feeds.types import FeedError, FeedErrorKind
from watchers.feeds.urlsafety import check_feed_url, validate_feed_url_syntax

INTERNAL = [
    "http://127.0.0.1/feed",
    "http://127.9.9.9:8080/feed",
    "http://10.0.0.1/feed",
    "http://172.16.5.4/feed",
    "http://192.168.1.1/rss",
    "http://[::1]/feed",
    "http://0.0.0.0/feed",
    "http://[::]/feed",
    "http://100.64.0.1/feed",
    "http://169.254.1.1/feed",
    "http://[fe80::1]/feed",
    "http://224.0.0.1/feed",
    "http://240.0.0.1/feed",
    "http://[fc00::1]/feed",
    "http://[::ffff:127.0.0.1]/feed",  # IPv4-mapped IPv6
    "http://[64:ff9b::a00:1]/feed",  # NAT64 of 10.0.0.1
    "http://localhost/feed",
    "http://LOCALHOST./feed",
    "http://2130706433/feed",  # 127.0.0.1 as one integer, resolved numerically by getaddrinfo
]
METADATA = [
    "http://169.254.169.254/latest/meta-data/",
    "http://[fd00:ec2::254]/latest/meta-data/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://[::ffff:169.254.169.254]/",
]


@pytest.mark.parametrize("url", INTERNAL + METADATA)
async def test_internal_addresses_refused(url: str) -> None:
    with pytest.raises(FeedError) as info:
        await check_feed_url(url, allow_private=False)
    assert info.value.kind is FeedErrorKind.UNSAFE_URL
    assert "refusing" in info.value.message


@pytest.mark.parametrize("url", [u for u in INTERNAL if "localhost" not in u.lower()])
async def test_allow_private_lets_internal_addresses_through(url: str) -> None:
    await check_feed_url(url, allow_private=True)


async def test_allow_private_does_not_resolve_names() -> None:
    # With allow_private no address could be refused, so no DNS query is made (an .invalid name would fail).
    await check_feed_url("http://feeds.example.invalid/rss", allow_private=True)


@pytest.mark.parametrize("url", METADATA)
async def test_metadata_refused_even_with_allow_private(url: str) -> None:
    with pytest.raises(FeedError) as info:
        await check_feed_url(url, allow_private=True)
    assert "metadata" in info.value.message


@pytest.mark.parametrize("url", ["http://93.184.215.14/feed", "https://[2606:4700::1111]/rss"])
async def test_public_ip_literals_allowed_without_dns(url: str) -> None:
    await check_feed_url(url, allow_private=False)


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("ftp://127.0.0.1/feed", "http:// or https://"),
        ("file:///etc/passwd", "http:// or https://"),
        ("gopher://1.2.3.4/", "http:// or https://"),
        ("javascript:alert(1)", "http:// or https://"),
        ("example.com/feed", "http:// or https://"),
        ("http:///feed", "no host"),
        ("http://user:pw@93.184.215.14/feed", "password"),
        ("http://93.184.215.14:99999/feed", "cannot be parsed"),
        ("http://exa mple.com/feed", "spaces"),
        ("", "empty"),
    ],
)
async def test_bad_syntax(url: str, fragment: str) -> None:
    problem = validate_feed_url_syntax(url)
    assert problem is not None and fragment in problem
    with pytest.raises(FeedError) as info:
        await check_feed_url(url, allow_private=True)
    assert info.value.kind is FeedErrorKind.UNSAFE_URL


@pytest.mark.parametrize("url", ["https://example.com/feed.xml", "http://example.com:8080/rss?x=1"])
def test_good_syntax(url: str) -> None:
    assert validate_feed_url_syntax(url) is None
