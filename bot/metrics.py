"""Prometheus metrics of a running bot, served at GET /metrics when the HTTP endpoint is on.

A dedicated CollectorRegistry, not prometheus_client's global one: the global registry also collects the
process/platform collectors and would make two bots in one test process (or a re-created Metrics) clash
over duplicate metric names. Values come from what the bot already computes — the PollReport of each tick,
the tracker's committed alerts, the dispatcher's send observer — so instrumentation adds no queries except
the outbox depth, read from the database when /metrics is scraped.

Metric names (all prefixed ``followup_``):
- polls_total{outcome=changed|not_modified|failed} — feed polls;
- feed_failures_total{kind} — failed polls by FeedErrorKind (network, timeout, http, not_a_feed, ...,
  internal);
- new_entries_total — entries never seen before;
- alerts_total{kind} — alerts raised (status, date, value, target, deadline_soon, deadline_missed);
- role_held{replica, role} — the one-owner roles this replica holds (bot/roles.py), refreshed per scrape;
- outbox_rows{status} — outbox rows per status (pending, sending, retry, sent, dead), refreshed per scrape;
- send_duration_seconds{platform,outcome=ok|error} — histogram of platform send/edit calls;
- last_successful_poll_timestamp_seconds — Unix time of the last tick with a successful poll (0 = never);
- ticks_total{outcome=ok|error} — poll ticks;
- info{version} — always 1.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from watchers.feeds.poller import PollReport
from watchers.store.database import Database
from watchers.store.outbox import OutboxRepository
from watchers.tracking.state import Alert

if TYPE_CHECKING:
    from bot.roles import RoleManager

log = logging.getLogger(__name__)

OUTBOX_STATUSES = ("pending", "sending", "retry", "sent", "dead")
# Platform calls: a console print is microseconds, Telegram 0.1-1 s, a flood wait or a timeout up to ~20 s.
SEND_BUCKETS = (0.005, 0.025, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 20.0, 30.0)
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class Metrics:
    """The bot's metrics; a PollingService tick listener, a tracker alert listener and a send observer."""

    def __init__(self, *, version: str = "unknown") -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.polls = Counter("followup_polls", "Feed polls by outcome", ["outcome"], registry=r)
        self.feed_failures = Counter("followup_feed_failures", "Failed feed polls by kind", ["kind"], registry=r)
        self.new_entries = Counter("followup_new_entries", "Feed entries seen for the first time", registry=r)
        self.alerts = Counter("followup_alerts", "Alerts raised by kind", ["kind"], registry=r)
        self.ticks = Counter("followup_ticks", "Poll ticks by outcome", ["outcome"], registry=r)
        self.outbox = Gauge("followup_outbox_rows", "Outbox rows by status", ["status"], registry=r)
        self.send_duration = Histogram(
            "followup_send_duration_seconds",
            "Duration of platform send/edit calls",
            ["platform", "outcome"],
            buckets=SEND_BUCKETS,
            registry=r,
        )
        self.last_success = Gauge(
            "followup_last_successful_poll_timestamp_seconds",
            "Unix time of the last tick in which a feed was polled successfully (0: never)",
            registry=r,
        )
        Gauge("followup_info", "followup version", ["version"], registry=r).labels(version=version).set(1)
        self.roles = Gauge(
            "followup_role_held", "1 for each one-owner role this replica holds", ["replica", "role"], registry=r
        )
        for outcome in ("changed", "not_modified", "failed"):
            self.polls.labels(outcome=outcome)
        for outcome in ("ok", "error"):
            self.ticks.labels(outcome=outcome)
        for status in OUTBOX_STATUSES:
            self.outbox.labels(status=status)

    # ---- PollingService tick listener

    def tick_started(self) -> None:
        return None

    def tick_done(self, report: PollReport | None, error: BaseException | None) -> None:
        if report is None:
            self.ticks.labels(outcome="error").inc()
            return
        self.ticks.labels(outcome="ok").inc()
        self.polls.labels(outcome="changed").inc(report.changed)
        self.polls.labels(outcome="not_modified").inc(report.not_modified)
        self.polls.labels(outcome="failed").inc(len(report.failures))
        for failure in report.failures:
            self.feed_failures.labels(kind=failure.kind).inc()
        self.new_entries.inc(report.new_count)
        if report.polled > len(report.failures):
            self.last_success.set(time.time())

    # ---- TrackingSink alert listener and Dispatcher send observer

    def record_alerts(self, alerts: Sequence[Alert]) -> None:
        for alert in alerts:
            self.alerts.labels(kind=str(alert.kind)).inc()

    def observe_send(self, platform: str, seconds: float, outcome: str) -> None:
        self.send_duration.labels(platform=platform, outcome=outcome).observe(seconds)

    # ---- scraping

    async def refresh(self, db: Database, roles: RoleManager | None = None) -> None:
        """Read the outbox depth now (one GROUP BY) and the roles held; a failure leaves the last values."""
        if roles is not None:
            self.roles.clear()
            for role in sorted(roles.held):
                self.roles.labels(replica=roles.replica, role=role).set(1)
        try:
            counts = await OutboxRepository(db).counts()
        except Exception as error:
            log.warning("metrics: could not count the outbox: %s", error)
            return
        for status in set(OUTBOX_STATUSES) | set(counts):
            self.outbox.labels(status=status).set(counts.get(status, 0))

    def render(self) -> bytes:
        return generate_latest(self.registry)
