"""Value types shared by the feed engine's fetch, parse and poll steps.

They are plain frozen dataclasses so that the poller, the CLI, replay and the benchmark can pass them around
without touching HTTP or database objects.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from watchers.untrusted import clean


class FeedErrorKind(StrEnum):
    """Why a feed could not be fetched or read; stored on the feed row as its last error kind."""

    UNSAFE_URL = "unsafe_url"  # scheme not http(s), or host resolves to an internal address
    NETWORK = "network"  # DNS failure, connection refused/reset
    TIMEOUT = "timeout"  # connect, read or total deadline exceeded
    TOO_MANY_REDIRECTS = "too_many_redirects"
    TOO_LARGE = "too_large"  # body exceeded the streaming size cap
    HTTP = "http"  # a non-2xx, non-304 status
    NOT_A_FEED = "not_a_feed"  # an HTML page, JSON, an image...: parsed, but no RSS/Atom in it
    MALFORMED = "malformed"  # XML so broken that no entry could be recovered
    TOO_COMPLEX = "too_complex"  # over a structure cap (attributes, depth, entries, tags) or the parse CPU budget


class FeedError(Exception):
    """A typed, user-presentable failure of one feed; never a traceback for the user.

    ``retry_after`` carries a server's Retry-After (seconds) when it sent one, so the scheduler can honour it.
    """

    def __init__(
        self,
        kind: FeedErrorKind,
        message: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        message = clean(message)  # reason phrases and parser messages come from the server or the feed
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.status = status
        self.retry_after = retry_after

    def __str__(self) -> str:
        return f"{self.kind.value}: {self.message}"


@dataclass(frozen=True)
class Validators:
    """What we remember of a feed's last good response, to make the next request conditional."""

    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None


@dataclass(frozen=True)
class FetchResult:
    """The outcome of one successful fetch (2xx or 304).

    ``not_modified`` is true for a 304 and also when the body hashes to the stored ``body_hash``; then
    ``body`` is None and nothing needs parsing.
    """

    url: str
    final_url: str
    status: int
    not_modified: bool
    body: bytes | None
    body_hash: str | None
    etag: str | None
    last_modified: str | None
    content_type: str | None
    headers: Mapping[str, str] = field(default_factory=dict)
    max_age: float | None = None  # Cache-Control max-age, seconds


@dataclass(frozen=True)
class ParsedEntry:
    """One feed entry reduced to what followup uses; text fields are plain text (markup stripped)."""

    key: str  # stable identity: guid, else normalized link, else hash of title+date
    title: str
    summary: str
    link: str | None
    published: datetime | None  # timezone-aware UTC, None when the feed gives no usable date
    guid: str | None = None


@dataclass(frozen=True)
class ParsedFeed:
    """A parsed feed: its entries and, for recoverable malformed XML, why it was malformed."""

    title: str
    version: str  # feedparser's version string, e.g. "rss20", "atom10"
    entries: tuple[ParsedEntry, ...]
    malformed_reason: str | None = None
    # the name its own entries carry (watchers.feeds.outlet): the configured ``name:`` or one read from the title;
    # None when the title names no outlet and the domain does
    outlet: str | None = None
