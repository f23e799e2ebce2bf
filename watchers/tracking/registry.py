"""The watch registry: the set of watches the bot runs, and applying a change to it while running.

Watches live in the ``watches`` table: the config file's (source "config", synced at start) plus those added or
changed from chat (source "chat"). A chat edit of a config watch turns it into a chat watch that overrides the
file from then on (a warning at every start says so); removing a config watch from chat leaves a tombstone so
the file does not bring it back. The *effective* set is every watch that is enabled and not paused.

Applying a change (after the command's transaction committed) means: the feeds table declares the effective
set's feeds (done inside that transaction with :meth:`WatchRegistry.sync_feeds`; new feeds are due at once),
the tracker's engine is swapped under its lock (states are stored per watch, so nothing is lost and a new watch
starts from its baseline), and the live title mapping the dispatcher reads is updated in place.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from watchers.clock import Clock
from watchers.config.schema import Settings, WatchConfig
from watchers.store.database import Database
from watchers.store.feeds import FeedRepository
from watchers.store.watches import ConfigSync, StoredWatch, WatchRepository
from watchers.tracking.engine import TrackingEngine
from watchers.tracking.sink import TrackingSink
from watchers.tracking.watch import compile_watch

log = logging.getLogger(__name__)

FEED_SOURCE = "config"  # feeds declared by the watch set (file or chat); kept as "config" for existing tables


class LiveTitles(Mapping[str, str]):
    """Watch id -> title, updated in place by the registry so holders (the dispatcher) see new watches."""

    def __init__(self) -> None:
        self._titles: dict[str, str] = {}

    def replace(self, titles: Mapping[str, str]) -> None:
        self._titles.update(titles)  # never drop a title: alerts of a removed watch may still be waiting

    def __getitem__(self, key: str) -> str:
        return self._titles[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._titles)

    def __len__(self) -> int:
        return len(self._titles)


class FeedNames(Mapping[str, str]):
    """Feed URL -> the outlet name its config gives it (``name:``), replaced whole by the registry at each reload
    so the poller, which holds this mapping, names a feed's entries as the current watch set says."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}

    def replace(self, names: Mapping[str, str]) -> None:
        self._names = dict(names)

    def __getitem__(self, key: str) -> str:
        return self._names[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def feed_names(watches: Sequence[WatchConfig]) -> dict[str, str]:
    """Every named feed of the given watches with its name; when watches share a feed and name it differently,
    the first watch that names it wins (a feed is one outlet, and its entries are stored once)."""
    names: dict[str, str] = {}
    for watch in watches:
        for feed in watch.feeds:
            if feed.name:
                names.setdefault(feed.resolved_url, feed.name)
    return names


def feed_intervals(watches: Sequence[WatchConfig], settings: Settings) -> dict[str, timedelta]:
    """Every feed of the given watches with its poll interval (the shortest when watches share a feed)."""
    intervals: dict[str, timedelta] = {}
    for watch in watches:
        for feed in watch.feeds:
            interval = feed.interval or settings.poll_interval
            url = feed.resolved_url
            intervals[url] = min(interval, intervals.get(url, interval))
    return intervals


class WatchRegistry:
    """Holds the current watch set in memory (read by commands) and applies changes to the running tracker."""

    def __init__(self, db: Database, settings: Settings, clock: Clock) -> None:
        self._fingerprint: tuple[object, ...] | None = None  # the watches table as last seen (follow_changes)
        self._db = db
        self.settings = settings
        self._clock = clock
        self._repo = WatchRepository()
        self._feeds = FeedRepository(db)
        self._watches: dict[str, StoredWatch] = {}
        self._config_ids: set[str] = set()
        self._sinks: list[TrackingSink] = []
        self.titles = LiveTitles()
        self.outlet_names = FeedNames()  # the poller reads it: feeds' configured names, as the set now stands

    # ------------------------------------------------------------------ start

    async def start(
        self, config_watches: Sequence[WatchConfig], *, first_check: Mapping[str, datetime] | None = None
    ) -> ConfigSync:
        """Sync the config's watches into the table, declare the effective feeds and load the set."""
        now = self._clock.now()
        self._config_ids = {w.id for w in config_watches}
        async with self._db.transaction() as session:
            sync = await self._repo.sync_config(session, config_watches, now=now)
            added, updated, removed = await self.sync_feeds(session, first_check=first_check)
        for watch_id in sync.overridden:
            log.warning(
                "watch %s was changed from chat: the database copy overrides config/watches.yaml "
                "(export it to see it; remove it from chat to go back to the file's after a restart)",
                watch_id,
            )
        if added or updated or removed:
            log.info("feeds of the watches: %d added, %d updated, %d removed", added, updated, removed)
        await self.reload()
        return sync

    @property
    def config_ids(self) -> frozenset[str]:
        """Ids the config file declares (a removed one keeps a tombstone)."""
        return frozenset(self._config_ids)

    def attach(self, sink: TrackingSink) -> None:
        """Swap this sink's engine whenever the watch set changes."""
        self._sinks.append(sink)

    # ------------------------------------------------------------------ reading

    def all(self) -> list[StoredWatch]:
        """Every watch (paused and disabled included), by id."""
        return [self._watches[k] for k in sorted(self._watches)]

    def get(self, watch_id: str) -> StoredWatch | None:
        return self._watches.get(watch_id)

    def effective(self) -> list[WatchConfig]:
        """The watches being polled and tracked: enabled and not paused."""
        return [w.config for w in self.all() if w.active]

    def build_engine(self, watches: Sequence[WatchConfig] | None = None) -> TrackingEngine:
        """A fresh engine over ``watches`` (default: the effective set); replay uses one with no side effects."""
        chosen = self.effective() if watches is None else watches
        return TrackingEngine(compile_watch(w, self.settings) for w in chosen if w.enabled)

    # ------------------------------------------------------------------ applying changes

    async def sync_feeds(
        self, session: AsyncSession, *, first_check: Mapping[str, datetime] | None = None
    ) -> tuple[int, int, int]:
        """Declare the feeds of the effective set as stored in ``session`` (call it after changing watches in it)."""
        stored = await self._repo.load(session)
        effective = [w.config for w in stored if w.active]
        intervals = feed_intervals(effective, self.settings)
        now = self._clock.now()
        return await self._feeds.sync_declared_in(
            session, intervals, now=now, first_check=first_check, source=FEED_SOURCE
        )

    async def reload(self) -> None:
        """Read the table and make the running tracker and titles follow it (after a committed change)."""
        # The fingerprint of what is loaded, read first: a change committed in between is simply loaded again at
        # the next follow_changes, whereas one read after could hide a change made meanwhile forever.
        fingerprint = await self._repo.fingerprint(self._db)
        async with self._db.session() as session:
            stored = await self._repo.load(session)
        self._watches = {w.id: w for w in stored}
        self.titles.replace({w.id: w.config.title for w in stored})
        self.outlet_names.replace(feed_names(self.effective()))
        engine = self.build_engine()
        for sink in self._sinks:
            await sink.replace_engine(engine)
        self._fingerprint = fingerprint

    async def follow_changes(self) -> bool:
        """Reload when the watches table changed since it was last loaded (another replica's ``watch add``, say):
        a cheap fingerprint (rows, latest update) read each poll tick, so a change on one replica is tracked by
        every replica within a tick, including one made while this replica was starting. True when it reloaded."""
        if await self._repo.fingerprint(self._db) == self._fingerprint:
            return False
        await self.reload()
        return True

    async def apply(self) -> None:
        """Bring feeds, tracker and titles in line with the table, e.g. after an edit made by another process."""
        async with self._db.transaction() as session:
            await self.sync_feeds(session)
        await self.reload()
