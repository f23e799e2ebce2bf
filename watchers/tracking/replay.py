"""Replay (backtesting): run every watch over archived feeds under a simulated clock.

Entries from all given feeds are processed once each, in publication order; deadline checks run at every
midnight and noon UTC the simulated clock passes, up to ``until``. Nothing is stored and nothing is sent: the result is
the list of alerts the live bot would have raised from the same entries.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from watchers.clock import SimulatedClock, as_utc
from watchers.config.schema import FollowupConfig
from watchers.feeds.types import ParsedEntry
from watchers.tracking.decision import Decision
from watchers.tracking.engine import EngineResult, EntryInput, TrackingEngine, midnight
from watchers.tracking.state import Alert
from watchers.tracking.watch import compile_watch

TICK_EVERY = timedelta(hours=12)

log = logging.getLogger(__name__)


@dataclass
class ReplayResult:
    alerts: list[Alert] = field(default_factory=list)
    entries: int = 0
    undated: int = 0
    duplicates: int = 0


def build_engine(config: FollowupConfig) -> TrackingEngine:
    return TrackingEngine(compile_watch(w, config.settings) for w in config.watches if w.enabled)


def replay_entries(
    config: FollowupConfig,
    feeds: Sequence[tuple[str, Iterable[ParsedEntry]]],
    *,
    until: datetime | None = None,
    trace: list[Decision] | None = None,
) -> ReplayResult:
    """Replay ``feeds`` (pairs of feed URL or path and its parsed entries) through every watch.

    With ``trace``, one :class:`Decision` per entry and watch is appended to it (``followup explain``).
    """
    result = ReplayResult()
    seen: set[str] = set()
    stream: list[tuple[datetime, int, EntryInput]] = []
    for feed_url, entries in feeds:
        for entry in entries:
            if entry.published is None:
                result.undated += 1
                continue
            identity = entry.key if entry.key.startswith(("u:", "h:")) else f"{feed_url}|{entry.key}"
            if identity in seen:
                result.duplicates += 1
                continue
            seen.add(identity)
            item = EntryInput(entry.key, entry.title, entry.summary, entry.link, as_utc(entry.published), feed_url)
            stream.append((as_utc(entry.published), len(stream), item))
    stream.sort(key=lambda s: (s[0], s[1]))
    result.entries = len(stream)
    engine = build_engine(config)
    states = engine.initial_states()
    starts = [s.as_of for s in states.values()] + ([stream[0][0]] if stream else [])
    if not starts:
        return result
    clock = SimulatedClock(min(starts))
    collected: dict[str, Alert] = {}

    def absorb(outcome: EngineResult) -> None:
        for alert in outcome.alerts:
            collected[alert.key] = alert
        for key, source in outcome.corroborations:
            if key in collected:
                collected[key].add_source(source)

    # The engine's next due moment, recomputed only for the watches whose state changed: a check of the clock before
    # it has nothing to raise, so it is skipped (the alerts are those of checking at every midnight and noon).
    dues = {wid: engine.next_due_of(wid, states) for wid in engine.watches}

    def next_due(touched: Iterable[str] | None = None) -> datetime | None:
        for wid in engine.watches if touched is None else touched:
            dues[wid] = engine.next_due_of(wid, states)
        return min((m for m in dues.values() if m is not None), default=None)

    due = next_due(())

    def tick_until(moment: datetime) -> None:
        # the clock's checks at every midnight and noon UTC (deadlines are missed at noon, see MISSED_GRACE)
        nonlocal due
        if due is None or due > moment:
            return
        now = clock.now()
        tick = midnight(now.date()) + TICK_EVERY
        while tick <= now:
            tick += TICK_EVERY
        while tick <= moment and due is not None and due <= moment:
            if tick < due:
                tick += TICK_EVERY * max(int((due - tick) // TICK_EVERY), 0)
                if tick < due:
                    tick += TICK_EVERY
                continue
            clock.set(tick)
            outcome = engine.tick(states, tick)
            absorb(outcome)
            if outcome.touched:
                due = next_due(outcome.touched)
            elif due <= tick:
                due = next_due()  # nothing fired at a due moment: look again, never loop
                if due is not None and due <= tick:
                    due = tick + TICK_EVERY
            tick += TICK_EVERY

    for published, _, item in stream:
        tick_until(published)
        clock.set(published)
        outcome = engine.process_entry(states, item, clock.now(), trace=trace)
        absorb(outcome)
        if outcome.touched:
            due = next_due(outcome.touched)
    end = as_utc(until) if until else (stream[-1][0] if stream else clock.now())
    tick_until(end)
    result.alerts = sorted(collected.values(), key=lambda a: (a.at, a.watch_id, int(a.key.rsplit("#", 1)[1])))
    return result
