"""Turn a fetched feed body into plain-text entries with stable keys.

feedparser does the format work (RSS 0.9x/1.0/2.0, Atom, broken XML via its loose parser). Around it:

* The body is always handed over as a ``BytesIO``. feedparser treats a ``bytes``/``str`` argument that looks
  like a path as a file name and *opens it*: a server answering ``/etc/passwd`` would make it read a local
  file.
* feedparser's HTML sanitizer and relative-URI resolver are switched off (they are most of its CPU time);
  every text field is reduced to plain text here instead (tags stripped, entities unescaped, whitespace
  collapsed). Plain text is all followup needs, and every chat renderer escapes it again.
* Hostile XML is defused before parsing: a DOCTYPE with an internal subset (``<!DOCTYPE x [ ... ]>``, the only
  place entities can be declared) is removed. An ordinary feed declares no entities; this closes external
  entities (XXE) and entity-expansion bombs for both the strict (expat) and the loose (sgmllib) parser,
  whatever their own defences. External-only DOCTYPEs (``<!DOCTYPE rss PUBLIC ...>``) are kept: feedparser
  uses them to tell RSS 0.91 flavours apart, and external DTDs are never loaded.
* Relative links are resolved here against the final URL (``base_url``), after feedparser has applied any
  ``xml:base``; feedparser is not given the URL as Content-Location, which would make it resolve every
  element's URIs (a fifth of its CPU time) for the one field followup keeps.
* Whatever the input, :func:`parse_feed` returns a ParsedFeed or raises FeedError - never anything else.

Parsing is pure Python and CPU-bound, so it never runs on the event loop: :class:`ParsePool` runs it in worker
processes when a poll has many feeds (threads would only contend for the GIL), and in a thread for a handful.

Bounded cost: :func:`watchers.feeds.complexity.structure_problem` refuses, before any parser runs, the shapes
feedparser reads in super-linear time (too many attributes on an element, tags on an entry, nesting levels or
entries), and every parse has a CPU budget (:data:`PARSE_CPU_BUDGET`): in a worker process it is enforced
pre-emptively (a virtual-time timer interrupts the parse), in a thread it is checked when the parse returns
(CPython cannot interrupt a thread; the thread never holds the loop, only a core). Either way the feed fails
with ``too_complex`` and backs off like any failing feed.

Dates: ``published`` is the entry's published date, else its updated date, as aware UTC. Dates before
1990-01-01 or more than two days after ``now`` are treated as missing (None): they are parse errors or
placeholder values (1970-01-01, 2099-12-31), and trusting them would sort an entry wrongly or hide it from
"recent" windows.
"""

from __future__ import annotations

import asyncio
import html
import io
import logging
import multiprocessing
import os
import re
import signal
import time
import xml.sax
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from watchers.feeds.complexity import structure_problem
from watchers.feeds.identity import entry_key
from watchers.feeds.linkdate import resurfaced_date
from watchers.feeds.outlet import MAX_LINK_CHARS, FeedOutlet, clean_outlet, feed_outlet, host_of, mark_outlet
from watchers.feeds.types import FeedError, FeedErrorKind, ParsedEntry, ParsedFeed
from watchers.untrusted import clean

__all__ = ["MAX_SUMMARY_CHARS", "MAX_TITLE_CHARS", "PARSE_CPU_BUDGET", "ParsePool", "parse_feed", "plain_text"]

log = logging.getLogger(__name__)

MAX_TITLE_CHARS = 500
MAX_SUMMARY_CHARS = 4000
MIN_DATE = datetime(1990, 1, 1, tzinfo=UTC)
MAX_FUTURE = timedelta(days=2)
# CPU seconds one parse may take. A 10 MB feed of ordinary 1 KB items parses in about 3 s here, one dense with
# small elements (a hundred categories per item) in about 8 s; a feed that needs more than this every poll is
# refused as too complex rather than allowed to hold a core.
PARSE_CPU_BUDGET = 10.0

_ELLIPSIS = "…"
# The markup patterns are linear in the text: no repeat runs past the next "<" (or, in a script or comment, past
# the next opener of its kind), and none backtracks. With ".*?" and "[^>]*" every unclosed "<!--", "<script" or
# "<a" rescanned the rest of the text: a 140 KB summary of escaped "<!--" took 17 s of CPU in one re.sub call,
# which holds the GIL, so a parse in a thread stalled the event loop as long (tests/test_hostile_feeds.py).
_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b(?:[^<]++|<(?!/?(?:script|style)\b))*+</\1\s*+>", re.IGNORECASE)
_BLOCK_TAG = re.compile(
    r"</?(?:p|br|div|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|pre|hr|section|article|header|footer|"
    r"figure|figcaption|dd|dt|dl|img)\b[^<>]*+>",
    re.IGNORECASE,
)
_ANY_TAG = re.compile(
    r"<!--(?:[^<-]++|-(?!->)|<(?!!--))*+-->|<!\[CDATA\[|\]\]>|</?[a-zA-Z][^<>]*+>|<![^<>]*+>|<\?[^<>]*+>"
)
_WHITESPACE = re.compile(r"\s+")

# DOCTYPE handling: tokens inside a DOCTYPE, so a "]" or ">" inside a quoted value or comment is not taken as
# its end.
_DOCTYPE_START = re.compile(rb"<!DOCTYPE\b", re.IGNORECASE)
_DOCTYPE_TOKEN = re.compile(rb"\"[^\"]*\"|'[^']*'|<!--|[\[\]>]")  # a comment's end is found with bytes.find
_PROLOG_SKIP = re.compile(rb"(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.DOTALL)
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_FIRST_ELEMENT = re.compile(rb"<\w")  # how feedparser finds the end of the prolog
# Possessive, so a declaration padded with spaces is read once ("[^>]*?\s+" retried the spaces from every position).
_XML_DECL_ENCODING = re.compile(
    r"""^(\s*+<\?xml(?:[^>\s]++|\s++(?!encoding\s*+=\s*+["'][^"']*+["']))*+)\s++encoding\s*+=\s*+["'][^"']*+["']"""
)
_CHARSET_PARAM = re.compile(r";\s*charset\s*=\s*\"?([^;\"\s]+)\"?", re.IGNORECASE)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
_WIDE_PATTERNS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
)


def plain_text(value: str | None, limit: int) -> str:
    """Reduce a feed text field (HTML or text) to one line of plain text of at most ``limit`` characters.

    A regex tag strip is enough here, and much faster than an HTML sanitizer: the result is never rendered as
    HTML, and every renderer escapes it for its platform.
    """
    if not value:
        return ""
    text = value
    if "<" in text:
        text = _SCRIPT_OR_STYLE.sub(" ", text)
        text = _BLOCK_TAG.sub(" ", text)
        text = _ANY_TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    text = _WHITESPACE.sub(" ", clean(text)).strip()  # an ESC sequence in a title must not reach any terminal
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + _ELLIPSIS
    return text


def _wide_encoding(body: bytes, content_type: str | None) -> str | None:
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name
    for pattern, name in _WIDE_PATTERNS:
        if body.startswith(pattern):
            return name
    if content_type and b"\x00" in body[:128]:  # a UTF-16/32 label on a body without NULs is mislabelled
        match = _CHARSET_PARAM.search(content_type)
        if match and match.group(1).lower().replace("_", "-").startswith(("utf-16", "utf-32")):
            return match.group(1).lower()
    return None


def _to_utf8(body: bytes, content_type: str | None) -> tuple[bytes, str | None]:
    """Transcode UTF-16/32 bodies to UTF-8 so the DOCTYPE defusing below can read them as bytes."""
    encoding = _wide_encoding(body, content_type)
    if encoding is None:
        if content_type and ("utf-16" in content_type.lower() or "utf-32" in content_type.lower()):
            content_type = _CHARSET_PARAM.sub("", content_type)  # mislabelled: let feedparser sniff
        return body, content_type
    try:
        text = body.decode(encoding, errors="replace")
    except LookupError:
        return body, content_type
    text = text.removeprefix("\ufeff")
    text = _XML_DECL_ENCODING.sub(r"\1", text, count=1)
    base_type = (content_type or "application/xml").split(";", 1)[0].strip() or "application/xml"
    return text.encode("utf-8"), f"{base_type}; charset=utf-8"


def _defuse_doctype(body: bytes) -> bytes:
    """Remove a DOCTYPE that has an internal subset (where entities are declared); keep external-only ones.

    Raises FeedError(MALFORMED) if an entity declaration is still found before the root element afterwards
    (e.g. behind leading junk, where feedparser's own prolog handling would still pick it up).
    """
    start = _PROLOG_SKIP.match(body, 3 if body.startswith(b"\xef\xbb\xbf") else 0)
    pos = start.end() if start else 0
    match = _DOCTYPE_START.match(body, pos)
    if match is not None:
        depth = 0
        has_subset = False
        end = -1
        comments_close = True  # False once a "<!--" was found with no "-->" after it: later ones have none either
        at = match.end()
        while (token := _DOCTYPE_TOKEN.search(body, at)) is not None:
            tok = token.group()
            at = token.end()
            if tok == b"<!--":
                close = body.find(b"-->", at) if comments_close else -1
                if close >= 0:
                    at = close + 3  # a comment: quotes and brackets inside it are not tokens
                else:
                    comments_close = False
                    at = token.start() + 1  # as before: an unclosed "<!--" is no comment, the scan goes on
            elif tok == b"[":
                depth += 1
                has_subset = True
            elif tok == b"]":
                depth -= 1
            elif tok == b">" and depth <= 0:
                end = token.end()
                break
        if end < 0:
            raise FeedError(FeedErrorKind.MALFORMED, "the feed's DOCTYPE declaration never ends")
        if has_subset:
            body = body[: match.start()] + body[end:]
    root = _FIRST_ELEMENT.search(body)
    if _ENTITY_DECL.search(body, 0, root.start() if root else len(body)) is not None:
        raise FeedError(FeedErrorKind.MALFORMED, "the feed declares XML entities outside a proper DOCTYPE")
    return body


def _when(value: Any, now: datetime) -> datetime | None:
    if value is None:
        return None
    try:
        year, month, day, hour, minute, second = value[:6]
        when = datetime(year, month, day, hour, minute, min(second, 59), tzinfo=UTC)
    except (TypeError, ValueError, OverflowError):
        return None
    if when < MIN_DATE or when > now + MAX_FUTURE:
        return None
    return when


def _safe_link(raw: Any, base_url: str | None) -> str | None:
    if not isinstance(raw, str) or not raw.strip():
        return None
    # No control character in a link (an ESC sequence in <link> would reach `check`'s terminal and every store);
    # tab and newline go too, as urlsplit drops them.
    link = clean(raw).replace("\t", "").replace("\n", "").strip()
    try:
        if base_url:
            link = urljoin(base_url, link)
        scheme = urlsplit(link).scheme.lower()
    except ValueError:
        return None
    # Only web links are worth showing; javascript:, data: or file: links in a feed are never legitimate. A link
    # longer than the entries table stores is dropped (on PostgreSQL it would fail the whole feed's store).
    return link if scheme in ("http", "https") and len(link) <= MAX_LINK_CHARS else None


def _with_outlet(link: str | None, source: object, own: FeedOutlet | None) -> str | None:
    """The link, marked with the outlet that published it (see :mod:`watchers.feeds.outlet`).

    An RSS ``<source url="https://www.reuters.com">Reuters</source>`` names the channel the item came from.
    Aggregators (Google News, Bing News) link every item to their own redirect host, so without this every
    article would be "news.google.com": one outlet for corroboration and for ``min_sources``, and a useless
    name in alerts. The outlet's host and name go into the link's fragment (``#via=reuters.com&outlet=Reuters``).
    Any other item the feed's own name covers (:class:`watchers.feeds.outlet.FeedOutlet`: the feed's ``name:``,
    or its cleaned title for items on its own site) is marked with it under its own host, so a direct feed's
    reports read "Reuters" rather than "reuters.com".
    """
    if link is None:
        return link
    host = host_of(link)
    if isinstance(source, dict) and isinstance(source.get("href"), str):
        outlet = host_of(str(source["href"]).strip())
        if outlet and outlet != host:
            if not all(c.isalnum() or c in ".-" for c in outlet):
                return link
            return mark_outlet(link, outlet, str(source.get("title") or ""))
        titled = clean_outlet(str(source.get("title") or ""))
        if outlet == host and len(titled) >= 2:
            return mark_outlet(link, host, titled)  # the outlet's own feed, naming itself in <source>
    return mark_outlet(link, host, own.name) if own is not None and own.covers(host) else link


def _entry(raw: dict[str, Any], base_url: str | None, now: datetime, outlet: FeedOutlet | None) -> ParsedEntry:
    # dict.get, not raw.get: FeedParserDict's aliasing (updated_parsed -> published_parsed...) is slower and
    # warns; the real keys are what we want.
    get = dict.get
    title = plain_text(get(raw, "title"), MAX_TITLE_CHARS)
    summary_html = get(raw, "summary")
    if not summary_html:
        content = get(raw, "content")
        if content:
            summary_html = content[0].get("value")
    summary = plain_text(summary_html if isinstance(summary_html, str) else None, MAX_SUMMARY_CHARS)
    link = _with_outlet(_safe_link(get(raw, "link"), base_url), get(raw, "source"), outlet)
    guid_raw = get(raw, "id")
    guid_text = clean(guid_raw).strip() if isinstance(guid_raw, str) else ""
    guid = guid_text or None
    published = _when(get(raw, "published_parsed"), now) or _when(get(raw, "updated_parsed"), now)
    if published is not None:
        published = resurfaced_date(published, link)  # an old story re-published is dated by its own link
    return ParsedEntry(
        key=entry_key(guid, link, title, published),
        title=title,
        summary=summary,
        link=link,
        published=published,
        guid=guid,
    )


def _not_a_feed(body: bytes, bozo_exception: object | None) -> FeedError:
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if not head:
        return FeedError(FeedErrorKind.NOT_A_FEED, "the response was empty, not an RSS/Atom feed")
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head or b"<body" in head:
        return FeedError(
            FeedErrorKind.NOT_A_FEED,
            "the URL looks like an HTML page, not an RSS/Atom feed; "
            "use the site's feed link (often ending in /feed, /rss or .xml)",
        )
    if head.startswith((b"{", b"[")):
        return FeedError(
            FeedErrorKind.NOT_A_FEED,
            "the URL returned JSON, not an RSS/Atom feed (JSON Feed is not supported)",
        )
    if head.startswith(b"<"):
        # Only a parser error means broken XML; feedparser also flags e.g. a non-XML Content-Type as "bozo".
        if isinstance(bozo_exception, xml.sax.SAXException):
            reason = str(bozo_exception)[:300]
            return FeedError(FeedErrorKind.MALFORMED, f"the feed's XML is too broken to read any entry ({reason})")
        return FeedError(FeedErrorKind.NOT_A_FEED, "the URL returned XML, but not an RSS or Atom feed")
    return FeedError(
        FeedErrorKind.NOT_A_FEED,
        "the URL returned something that is not an RSS/Atom feed (text or binary data)",
    )


class _OverBudget(BaseException):
    """Raised by the CPU timer inside a parse; a BaseException so feedparser's ``except Exception`` (which falls
    back to its loose parser) cannot swallow it."""


def _over_budget(budget: float, used: float) -> FeedError:
    return FeedError(
        FeedErrorKind.TOO_COMPLEX,
        f"parsing the feed took more than its CPU budget ({used:.1f} s; the budget is {budget:g} s)",
    )


def parse_feed(
    body: bytes,
    *,
    content_type: str | None = None,
    base_url: str | None = None,
    now: datetime | None = None,
    cpu_budget: float = PARSE_CPU_BUDGET,
    outlet: str | None = None,
) -> ParsedFeed:
    """Parse an RSS/Atom document into plain-text entries.

    ``content_type`` (the response's Content-Type) helps feedparser pick the encoding; ``base_url`` (the final
    URL fetched) resolves relative entry links. ``now`` bounds plausible dates (defaults to the current time).
    Each entry's link carries its outlet's name (:mod:`watchers.feeds.outlet`): an aggregator item's ``<source>``,
    else ``outlet`` (the feed's configured ``name:``), else a name read from the feed's title for items on the
    feed's own site (``outlet`` in :class:`ParsedFeed` says which, None when domains name them).
    Raises FeedError(NOT_A_FEED) for HTML, JSON, empty or binary bodies and FeedError(MALFORMED) for XML too
    broken to yield any entry; a broken feed that still yields entries is returned with ``malformed_reason``.
    Raises FeedError(TOO_COMPLEX) for a body over a structure cap or a parse that used more than ``cpu_budget``
    seconds of this thread's CPU time. This function is CPU-bound: from async code, call it through a
    :class:`ParsePool`.
    """
    if not isinstance(body, bytes | bytearray | memoryview):
        raise FeedError(FeedErrorKind.MALFORMED, "the feed body is not bytes")
    now = now or datetime.now(UTC)
    started = time.thread_time()
    try:
        data, ctype = _to_utf8(bytes(body), content_type)
        data = _defuse_doctype(data)
        problem = structure_problem(data)
        if problem is not None:
            raise FeedError(FeedErrorKind.TOO_COMPLEX, problem)
        headers: dict[str, str] = {}
        if ctype:
            headers["content-type"] = ctype
        result = feedparser.parse(
            io.BytesIO(data),
            response_headers=headers,
            sanitize_html=False,
            resolve_relative_uris=False,
        )
        raw_entries = result.get("entries") or []
        version = result.get("version") or ""
        bozo_exception = result.get("bozo_exception") if result.get("bozo") else None
        if not version and not raw_entries:
            raise _not_a_feed(data, bozo_exception)
        feed_info = result.get("feed") or {}
        title = plain_text(feed_info.get("title"), MAX_TITLE_CHARS)
        hosts = (host_of(base_url), host_of(_safe_link(feed_info.get("link"), base_url)))
        own = feed_outlet(outlet, title, hosts)
        entries = tuple(_entry(raw, base_url, now, own) for raw in raw_entries)
    except FeedError:
        raise
    except _OverBudget:
        raise _over_budget(cpu_budget, time.thread_time() - started) from None
    except Exception as exc:  # feedparser on hostile input: report it as the feed's fault, not a crash
        raise FeedError(
            FeedErrorKind.MALFORMED, f"the feed could not be parsed ({type(exc).__name__}: {str(exc)[:200]})"
        ) from exc
    used = time.thread_time() - started
    if used > cpu_budget:
        raise _over_budget(cpu_budget, used)
    malformed = None
    if bozo_exception is not None:
        malformed = f"{type(bozo_exception).__name__}: {str(bozo_exception)[:300]}"
    return ParsedFeed(
        title=title,
        version=version,
        entries=entries,
        malformed_reason=malformed,
        outlet=own.name if own is not None else None,
    )


def _interrupt(signum: int, frame: object) -> None:
    raise _OverBudget


def _parse_in_worker(
    body: bytes,
    content_type: str | None,
    base_url: str | None,
    cpu_budget: float = PARSE_CPU_BUDGET,
    outlet: str | None = None,
) -> ParsedFeed | tuple[str, str, int | None, float | None]:
    """parse_feed for a worker process, interrupted once it has used ``cpu_budget`` seconds of CPU.

    The worker runs tasks on its main thread, where a ``SIGVTALRM`` handler can raise into the parse. A FeedError
    comes back as a plain tuple (exceptions with keyword-only arguments do not survive pickling) and is raised
    again in the parent by :meth:`ParsePool.parse`.
    """
    previous = signal.signal(signal.SIGVTALRM, _interrupt)
    signal.setitimer(signal.ITIMER_VIRTUAL, cpu_budget + 0.05)  # the post-check in parse_feed reports it first
    try:
        return parse_feed(body, content_type=content_type, base_url=base_url, cpu_budget=cpu_budget, outlet=outlet)
    except FeedError as error:
        return (error.kind.value, error.message, error.status, error.retry_after)
    except _OverBudget:  # fired outside parse_feed's own handler (between its return and here)
        late = _over_budget(cpu_budget, cpu_budget)
        return (late.kind.value, late.message, late.status, late.retry_after)
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


def _default_workers() -> int:
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return 0 if cpus < 2 else min(cpus, 8)


class ParsePool:
    """Runs :func:`parse_feed` in worker processes, so a poll cycle with many changed feeds uses every core.

    feedparser is pure Python: in threads it gets no parallelism and GIL contention made each parse about
    three times slower. Workers are started lazily (``forkserver``: never forked from a process with threads)
    on the first batch of at least ``min_batch`` feeds, live until :meth:`aclose`, and are reused. Small batches
    (a ``check`` of one feed, tests) parse in a thread - a worker start costs more than a few parses - and so does
    everything when ``workers`` is 0 (one CPU) or processes cannot be started here. Nothing parses on the event
    loop: one feed built to be slow must not stall the heartbeat, chat commands or delivery.
    """

    def __init__(
        self, workers: int | None = None, *, min_batch: int = 16, cpu_budget: float = PARSE_CPU_BUDGET
    ) -> None:
        self.workers = _default_workers() if workers is None else max(0, workers)
        self.min_batch = min_batch
        self.cpu_budget = cpu_budget
        self._executor: Executor | None = None
        self._unavailable = self.workers == 0

    @property
    def started(self) -> bool:
        """True while worker processes are running."""
        return self._executor is not None

    def _pool(self) -> Executor | None:
        if self._executor is None and not self._unavailable:
            try:
                context = multiprocessing.get_context("forkserver")
                self._executor = ProcessPoolExecutor(self.workers, mp_context=context)
            except (OSError, ValueError, ImportError, NotImplementedError) as exc:
                log.warning("cannot start parser processes (%s); parsing feeds in this process", exc)
                self._unavailable = True
        return self._executor

    async def parse(
        self,
        body: bytes,
        *,
        content_type: str | None = None,
        base_url: str | None = None,
        batch_size: int = 1,
        outlet: str | None = None,
    ) -> ParsedFeed:
        """parse_feed(body, ...) in a worker process when the batch is large enough, else inline.

        ``batch_size`` is how many feeds the caller is polling together. Same results and errors as
        :func:`parse_feed`, with this pool's CPU budget.
        """
        executor = self._executor
        if executor is None and batch_size >= self.min_batch:
            executor = self._pool()
        if executor is not None:
            loop = asyncio.get_running_loop()
            try:
                outcome = await loop.run_in_executor(
                    executor, _parse_in_worker, bytes(body), content_type, base_url, self.cpu_budget, outlet
                )
            except (BrokenProcessPool, RuntimeError, OSError) as exc:
                # A worker died or could not start (e.g. a __main__ without the ``if __name__ == "__main__"``
                # guard, which forkserver workers import): parse here from now on rather than fail feeds.
                if self._executor is executor:
                    log.warning("parser processes unavailable (%s); parsing feeds in this process", exc)
                    self._unavailable = True
                    self._executor = None
                    executor.shutdown(wait=False, cancel_futures=True)
            else:
                if isinstance(outcome, tuple):
                    kind, message, status, retry_after = outcome
                    raise FeedError(FeedErrorKind(kind), message, status=status, retry_after=retry_after)
                return outcome
        return await self.parse_in_thread(body, content_type=content_type, base_url=base_url, outlet=outlet)

    async def parse_in_thread(
        self,
        body: bytes,
        *,
        content_type: str | None = None,
        base_url: str | None = None,
        now: datetime | None = None,
        outlet: str | None = None,
    ) -> ParsedFeed:
        """parse_feed in a thread, for a body too small to be worth a worker process; off the event loop still."""
        return await asyncio.to_thread(
            parse_feed,
            body,
            content_type=content_type,
            base_url=base_url,
            now=now,
            cpu_budget=self.cpu_budget,
            outlet=outlet,
        )

    async def aclose(self) -> None:
        """Stop the worker processes (waiting for them to exit); the pool may be used again afterwards."""
        executor, self._executor = self._executor, None
        if executor is not None:
            await asyncio.to_thread(executor.shutdown, True, cancel_futures=True)
