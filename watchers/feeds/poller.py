"""The poll cycle: claim due feeds, fetch them concurrently, parse changed ones, store new entries.

It is deliberately thin: fetching lives in FeedFetcher, parsing in parse_feed, scheduling rules in
schedule.next_check_delay, SQL in the repositories, and what to *do* with new entries in an EntrySink (the
tracker), which runs inside the same transaction that stores the entries, so an entry is either stored and
acted on, or neither.

Changed feeds are parsed in a :class:`ParsePool` (worker processes for big cycles). A poller that creates its
own pool owns it: use ``async with FeedPoller(...) as poller:`` (or call :meth:`FeedPoller.aclose`) so the
workers are stopped; a pool passed in is left to its owner.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta
from types import TracebackType
from typing import Protocol, Self

from sqlalchemy.ext.asyncio import AsyncSession

from watchers.clock import Clock
from watchers.feeds.fetch import FeedFetcher
from watchers.feeds.incremental import ItemState, split_feed
from watchers.feeds.parse import ParsePool
from watchers.feeds.schedule import next_check_delay
from watchers.feeds.types import FeedError, FetchResult, ParsedFeed, Validators
from watchers.store.database import Database
from watchers.store.entries import EntryRepository, NewEntry
from watchers.store.feeds import ClaimedFeed, FeedOutcome, FeedRepository

log = logging.getLogger(__name__)

# A changed body with at most this many new item blocks is parsed incrementally, in a thread (a few items take
# well under a millisecond: not worth a worker process); more new blocks than this, and the whole body goes to
# the ParsePool. Never on the event loop: the few blocks could be one built to be slow.
INLINE_BLOCKS = 8
REPORTED_ENTRIES = 10_000  # new entries a PollReport lists (all are counted): `check` prints them


class EntrySink(Protocol):
    """Receives a feed's new entries inside the transaction that stores them (the tracker implements it)."""

    async def __call__(self, session: AsyncSession, entries: Sequence[NewEntry], *, seeding: bool) -> None: ...


@dataclass(frozen=True)
class PollPolicy:
    """The scheduling knobs of the poll cycle, from the config's settings."""

    batch_size: int = 500
    max_failures: int = 20
    jitter: float = 0.1
    max_backoff: timedelta = timedelta(hours=24)


@dataclass
class FeedFailure:
    url: str
    kind: str
    message: str


@dataclass
class PollReport:
    """What one call of poll_due / poll_now did, for logs, the CLI and benchmarks.

    ``new_entries`` lists new entries with their title, link and date but *without their summary* (an empty
    string), and at most :data:`REPORTED_ENTRIES` of them; ``new_count`` counts them all. The sink got the full
    entries; a report only names them. A first poll of 10,000 feeds finds 500,000 entries: listing them all held
    about 100 MB that the process then kept (see bench/poll.py).
    """

    polled: int = 0
    not_modified: int = 0
    changed: int = 0
    new_entries: list[NewEntry] = field(default_factory=list)
    new_count: int = 0  # every new entry, listed or not
    failures: list[FeedFailure] = field(default_factory=list)
    paused: list[str] = field(default_factory=list)

    def add_new(self, entries: Sequence[NewEntry]) -> None:
        """Count ``entries`` and list as many as the cap leaves room for (without their summaries)."""
        self.new_count += len(entries)
        room = REPORTED_ENTRIES - len(self.new_entries)
        if room > 0:
            self.new_entries.extend(replace(n, entry=replace(n.entry, summary="")) for n in entries[:room])

    def merge(self, other: PollReport) -> None:
        self.polled += other.polled
        self.not_modified += other.not_modified
        self.changed += other.changed
        self.new_count += other.new_count
        room = REPORTED_ENTRIES - len(self.new_entries)
        self.new_entries.extend(other.new_entries[: max(room, 0)])
        self.failures.extend(other.failures)
        self.paused.extend(other.paused)


class FeedPoller:
    """Runs poll cycles against the feeds table."""

    def __init__(
        self,
        db: Database,
        fetcher: FeedFetcher,
        clock: Clock,
        *,
        policy: PollPolicy | None = None,
        sink: EntrySink | None = None,
        rng: random.Random | None = None,
        parser: ParsePool | None = None,
        outlet_names: Mapping[str, str] | None = None,
    ) -> None:
        """``parser`` runs parse_feed; by default the poller makes its own and stops it in :meth:`aclose`.

        ``outlet_names`` maps a feed URL to the outlet name its config gives it (a feed's ``name:``), read at
        each parse so a live mapping (watchers.tracking.registry.FeedNames) follows config and chat changes; a
        feed without one is named by its title (watchers.feeds.outlet)."""
        self._db = db
        self._feeds = FeedRepository(db)
        self._entries = EntryRepository(db)
        self._fetcher = fetcher
        self._clock = clock
        self._policy = policy or PollPolicy()
        self._sink = sink
        self._rng = rng or random.Random()
        self._outlet_names: Mapping[str, str] = outlet_names if outlet_names is not None else {}
        self._owns_parser = parser is None
        self._parser = parser if parser is not None else ParsePool()
        # SQLite has one writer at a time and transactions begin IMMEDIATE: queue this poller's stores here,
        # in the event loop, rather than in SQLite's busy handler (which sleeps and polls).
        self._store_lock: asyncio.Lock | None = asyncio.Lock() if db.dialect == "sqlite" else None

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Stop the parser processes if this poller started them (idempotent)."""
        if self._owns_parser:
            await self._parser.aclose()

    async def poll_due(self) -> PollReport:
        """Poll every feed that is due now, batch by batch, until none is left."""
        report = PollReport()
        while True:
            claimed = await self._feeds.claim_due(self._clock.now(), limit=self._policy.batch_size)
            if not claimed:
                return report
            report.merge(await self._poll(claimed))

    async def poll_now(self, urls: Iterable[str] | None = None) -> PollReport:
        """Poll the given feeds (default: all unpaused feeds) now, whether due or not."""
        url_list = list(urls) if urls is not None else None
        claimed = await self._feeds.claim_due(self._clock.now(), limit=1_000_000, urls=url_list, force=True)
        return await self._poll(claimed)

    async def _poll(self, claimed: Sequence[ClaimedFeed]) -> PollReport:
        report = PollReport(polled=len(claimed))
        batch = len(claimed)
        results = await asyncio.gather(*(self._poll_one(feed, report, batch) for feed in claimed))
        report.paused = await self._feeds.record_outcomes(results, max_failures=self._policy.max_failures)
        for url in report.paused:
            log.warning("feed paused after %d consecutive failures: %s", self._policy.max_failures, url)
        return report

    async def _poll_one(self, feed: ClaimedFeed, report: PollReport, batch: int) -> FeedOutcome:
        try:
            result = await self._fetcher.fetch(feed.url, feed.validators)
            if result.not_modified:
                report.not_modified += 1
                return self._success(feed, result, refresh=result.status != 304)
            assert result.body is not None
            parsed, state = await self._parse(feed, result, batch)
            if parsed.malformed_reason:
                log.info(
                    "feed %s is malformed but readable (%s); kept %d entries",
                    feed.url,
                    parsed.malformed_reason,
                    len(parsed.entries),
                )
            new = await self._store(feed, parsed)
            report.add_new(new)
            report.changed += 1
            outcome = self._success(feed, result, refresh=True)
            return replace(
                outcome, item_fingerprints=state.to_json() if state is not None else None, store_fingerprints=True
            )
        except FeedError as error:
            report.failures.append(FeedFailure(feed.url, error.kind.value, error.message))
            log.warning("feed %s failed: %s", feed.url, error, extra={"feed_failure": True})  # `check` prints its own
            return self._failure(feed, error.kind.value, error.message, error.status, error.retry_after)
        except Exception as error:  # a bug in the sink or a parser: keep polling the other feeds, say so loudly
            log.exception("internal error while polling %s", feed.url)
            report.failures.append(FeedFailure(feed.url, "internal", repr(error)))
            return self._failure(feed, "internal", f"internal error: {error!r}", None, None)

    async def _parse(self, feed: ClaimedFeed, result: FetchResult, batch: int) -> tuple[ParsedFeed, ItemState | None]:
        """Parse a changed body: only its new item blocks when the last parsed body's are known, else in full.

        Returns the parse and the item state to remember (None when the body cannot be split).
        """
        body = result.body
        assert body is not None
        now = self._clock.now()
        outlet = self._outlet_names.get(feed.url)
        # in a thread too: splitting reads the whole body (10 MB of tiny items or comments is a second of Python)
        split = await asyncio.to_thread(split_feed, body) if body else None
        previous = ItemState.from_json(feed.item_fingerprints) if split is not None else None
        if split is not None and previous is not None and previous.fresh(now):
            reduced, fresh_blocks = split.reduced(frozenset(previous.fingerprints))
            if fresh_blocks <= INLINE_BLOCKS:
                try:
                    parsed = await self._parser.parse_in_thread(
                        reduced, content_type=result.content_type, base_url=result.final_url, now=now, outlet=outlet
                    )
                except FeedError:
                    pass  # the full parse below says what is wrong
                else:
                    if parsed.malformed_reason is None and len(parsed.entries) >= fresh_blocks:
                        return parsed, ItemState(split.fingerprints, previous.full_parse_at)
        parsed = await self._parser.parse(
            body, content_type=result.content_type, base_url=result.final_url, batch_size=batch, outlet=outlet
        )
        return parsed, ItemState(split.fingerprints, now) if split is not None else None

    async def _store(self, feed: ClaimedFeed, parsed: ParsedFeed) -> list[NewEntry]:
        if self._store_lock is None:
            return await self._store_unlocked(feed, parsed)
        async with self._store_lock:
            return await self._store_unlocked(feed, parsed)

    async def _store_unlocked(self, feed: ClaimedFeed, parsed: ParsedFeed) -> list[NewEntry]:
        now = self._clock.now()
        async with self._db.transaction() as session:
            new = await self._entries.add_new(
                session, feed_id=feed.id, feed_url=feed.url, entries=parsed.entries, now=now
            )
            if new and self._sink is not None:
                await self._sink(session, new, seeding=feed.never_succeeded)
        return new

    def _success(self, feed: ClaimedFeed, result: FetchResult, *, refresh: bool) -> FeedOutcome:
        now = self._clock.now()
        delay = next_check_delay(
            feed.interval.total_seconds(),
            0,
            retry_after=None,
            max_age=result.max_age,
            jitter=self._policy.jitter,
            rng=self._rng,
            max_backoff=self._policy.max_backoff.total_seconds(),
        )
        validators = Validators(result.etag, result.last_modified, result.body_hash) if refresh else None
        return FeedOutcome(feed.id, now, now + timedelta(seconds=delay), result.status, validators)

    def _failure(
        self, feed: ClaimedFeed, kind: str, message: str, status: int | None, retry_after: float | None
    ) -> FeedOutcome:
        now = self._clock.now()
        delay = next_check_delay(
            feed.interval.total_seconds(),
            feed.consecutive_failures + 1,
            retry_after=retry_after,
            max_age=None,
            jitter=self._policy.jitter,
            rng=self._rng,
            max_backoff=self._policy.max_backoff.total_seconds(),
        )
        return FeedOutcome(feed.id, now, now + timedelta(seconds=delay), status, None, kind, message)
