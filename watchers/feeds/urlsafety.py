"""Refuse feed URLs that would make the bot fetch from inside the network it runs in (SSRF).

Feed URLs come from chat users, so a URL such as ``http://169.254.169.254/latest/meta-data/`` or
``http://127.0.0.1:6379/`` must never be fetched: the bot would become a proxy into its own host, the LAN or
the cloud metadata service. Every URL - including each redirect hop - passes :func:`check_feed_url` before a
request.

Self-hosters who really want LAN feeds set ``allow_private``; cloud metadata endpoints stay refused even then,
because they never serve feeds and leaking instance credentials is the worst outcome of all.

DNS rebinding: :func:`check_feed_url` resolves a name to give a clear message early (at ``feed add``, before a
request), but the HTTP client resolves again when it connects, and a server with a zero TTL could answer a
private address the second time. So the client's own resolver is :class:`GuardedResolver`, which applies the
same rule to the addresses it hands to the connection: what is connected to is what was checked.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import SplitResult, urlsplit

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import DefaultResolver

from watchers.feeds.types import FeedError, FeedErrorKind

__all__ = [
    "ForbiddenAddressError",
    "GuardedResolver",
    "check_feed_url",
    "is_forbidden_address",
    "validate_feed_url_syntax",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_SCHEMES = frozenset({"http", "https"})
_METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata.goog", "metadata"})
_METADATA_ADDRESSES = frozenset(
    {
        ipaddress.ip_address("169.254.169.254"),  # AWS, GCP, Azure, OpenStack, DigitalOcean...
        ipaddress.ip_address("169.254.170.2"),  # AWS ECS task metadata
        ipaddress.ip_address("100.100.100.200"),  # Alibaba Cloud
        ipaddress.ip_address("fd00:ec2::254"),  # AWS IMDS over IPv6
    }
)
_SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT, RFC 6598
_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # well-known NAT64 prefix, embeds an IPv4 address


def _split(url: str) -> tuple[SplitResult | None, str | None]:
    if not isinstance(url, str) or not url.strip():
        return None, "the feed URL is empty"
    if any(ord(c) < 0x21 or c == "\x7f" for c in url.strip()):
        return None, "the feed URL contains spaces or control characters; percent-encode them"
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError for a malformed or out-of-range port
    except ValueError as exc:
        return None, f"the feed URL cannot be parsed ({exc})"
    return parts, None


def validate_feed_url_syntax(url: str) -> str | None:
    """Return what is wrong with ``url`` as a feed URL, or None if its form is fine.

    Only the form is checked (scheme, host, no credentials, valid port), without DNS, so config validation can
    run offline; :func:`check_feed_url` does the full check before fetching.
    """
    parts, problem = _split(url)
    if parts is None:
        return problem
    if parts.scheme.lower() not in _SCHEMES:
        shown = parts.scheme or "no scheme"
        return f"the feed URL must start with http:// or https:// (got {shown})"
    if not parts.hostname:
        return "the feed URL has no host name"
    if parts.username is not None or parts.password is not None:
        return "the feed URL must not contain a user name or password; most feeds are public"
    return None


def literal_address(host: str) -> IPAddress | None:
    """The address an IP-literal host names, in any spelling a resolver accepts, or None for a name.

    Besides dotted quads and bracketed IPv6, C resolvers read "2130706433", "0x7f000001", "0177.0.0.1" and "127.1"
    as 127.0.0.1; ``socket.inet_aton`` reads them the same way, so they are judged as the address they reach, without
    DNS and before anything is fetched.
    """
    host = host.strip().strip("[]").rstrip(".").lower()
    if not host:
        return None
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        pass
    if not all(c in "0123456789abcdefx." for c in host) or not host[0].isdigit():
        return None  # a name: "example.com" (inet_aton would never read it anyway)
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except (OSError, ValueError):
        return None


def literal_host_problem(url: str, *, allow_private: bool) -> str | None:
    """What is wrong with a feed URL whose host is an IP literal that must not be fetched, or None.

    Used where a config is validated and where chat adds a feed, so "http://2130706433/feed" is refused there and
    then, with the setting that would allow it, rather than at the first poll.
    """
    parts, _problem = _split(url)
    if parts is None or not parts.hostname:
        return None
    host = parts.hostname.rstrip(".").lower()
    if host in _METADATA_HOSTS:
        return f"{host} is a cloud metadata service; feeds must be on the public internet"
    addr = literal_address(host)
    if addr is None:
        return None
    reason = is_forbidden_address(addr, allow_private=allow_private)
    if reason is None:
        return None
    hint = (
        ""
        if reason == "a cloud metadata address"
        else ("; set settings.allow_private_feeds: true for feeds on your own network")
    )
    return f"{host} is {reason} ({addr}){hint}"


def _embedded_ipv4(addr: IPAddress) -> ipaddress.IPv4Address | None:
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.ipv4_mapped is not None:
            return addr.ipv4_mapped
        if addr.sixtofour is not None:
            return addr.sixtofour
        if addr in _NAT64:
            return ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF)
    return None


def is_forbidden_address(addr: IPAddress, *, allow_private: bool) -> str | None:
    """Return why ``addr`` must not be fetched from (e.g. "a loopback address"), or None if it may be.

    Anything that is not globally routable is refused - loopback, private, link-local, multicast, reserved,
    unspecified, shared (100.64/10), documentation ranges - and IPv4 addresses embedded in IPv6 (mapped, 6to4,
    NAT64) are judged as the IPv4 address they reach. Cloud metadata addresses are refused even with
    ``allow_private``.
    """
    if isinstance(addr, ipaddress.IPv6Address) and addr.scope_id:
        addr = ipaddress.IPv6Address(str(addr).split("%", 1)[0])
    inner = _embedded_ipv4(addr)
    if inner is not None:
        return is_forbidden_address(inner, allow_private=allow_private)
    if addr in _METADATA_ADDRESSES:
        return "a cloud metadata address"
    if allow_private:
        return None
    if addr.is_loopback:
        return "a loopback address"
    if addr.is_unspecified:
        return "the unspecified address"
    if addr.is_link_local:
        return "a link-local address"
    if addr.is_multicast:
        return "a multicast address"
    if isinstance(addr, ipaddress.IPv4Address) and addr in _SHARED_ADDRESS_SPACE:
        return "a shared (carrier-grade NAT) address"
    if addr.is_private:
        return "a private network address"
    if addr.is_reserved:
        return "a reserved address"
    if not addr.is_global:
        return "a non-public address"
    return None


def _unsafe(url: str, host: str, reason: str) -> FeedError:
    return FeedError(
        FeedErrorKind.UNSAFE_URL,
        f"refusing to fetch {url}: {host} is {reason}; feeds must be on the public internet",
    )


async def check_feed_url(url: str, *, allow_private: bool) -> None:
    """Raise FeedError(UNSAFE_URL) unless ``url`` is http(s) and its host resolves only to public addresses.

    IP-literal hosts are judged without DNS. When ``allow_private`` is set, names are not resolved at all (no
    address could be refused except metadata ones, which are caught by name or literal), which also keeps the
    per-request cost low. A name that does not resolve raises FeedError(NETWORK).
    """
    problem = validate_feed_url_syntax(url)
    if problem is not None:
        raise FeedError(FeedErrorKind.UNSAFE_URL, problem)
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").rstrip(".").lower()
    if host in _METADATA_HOSTS:
        raise _unsafe(url, host, "a cloud metadata service")
    literal = literal_address(host)
    if literal is not None:
        reason = is_forbidden_address(literal, allow_private=allow_private)
        if reason is not None:
            raise _unsafe(url, host, reason)
        return
    if allow_private:
        return
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FeedError(FeedErrorKind.NETWORK, f"could not resolve {host}: {exc}") from exc
    if not infos:
        raise FeedError(FeedErrorKind.NETWORK, f"could not resolve {host}: no addresses")
    for _family, _type, _proto, _canon, sockaddr in infos:
        addr = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        reason = is_forbidden_address(addr, allow_private=False)
        if reason is not None:
            raise _unsafe(url, f"{host} ({addr})", reason)


class ForbiddenAddressError(OSError):
    """A name resolved, at connect time, to an address feeds may not reach (raised by :class:`GuardedResolver`)."""

    def __init__(self, host: str, address: str, reason: str) -> None:
        super().__init__(f"{host} resolved to {address}, which is {reason}")
        self.host = host
        self.address = address
        self.reason = reason


class GuardedResolver(AbstractResolver):
    """The HTTP client's resolver: refuses a name if any address it resolves to is forbidden.

    aiohttp connects to exactly the addresses its resolver returns, so checking them here (rather than in a
    separate lookup before the request) leaves no window for a DNS-rebinding answer. The rule is
    :func:`is_forbidden_address` with the same ``allow_private`` as the pre-check: with it set, only metadata
    addresses are refused. IP-literal hosts never reach a resolver; :func:`check_feed_url` judges them.
    """

    def __init__(self, *, allow_private: bool, inner: AbstractResolver | None = None) -> None:
        self._allow_private = allow_private
        self._inner = inner if inner is not None else DefaultResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        """The inner resolver's answer, or ForbiddenAddressError naming the first forbidden address in it."""
        results = await self._inner.resolve(host, port, family)
        for result in results:
            try:
                address = ipaddress.ip_address(str(result["host"]).split("%", 1)[0])
            except ValueError:
                raise ForbiddenAddressError(host, str(result["host"]), "not an IP address") from None
            reason = is_forbidden_address(address, allow_private=self._allow_private)
            if reason is not None:
                raise ForbiddenAddressError(host, str(address), reason)
        return results

    async def close(self) -> None:
        """Close the inner resolver."""
        await self._inner.close()
