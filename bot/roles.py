"""Roles that one replica holds at a time: Telegram long polling, Discord command handling, the deadline clock.

Why: several ``followup run`` processes on one PostgreSQL share the feeds and the outbox (rows are claimed with
``FOR UPDATE SKIP LOCKED``), but some work must have exactly one owner. Two ``getUpdates`` consumers make Telegram
answer 409 to one of them; two replicas answering one Discord interaction run the command twice; two clocks could
raise a deadline alert twice. Each such role is a lease (watchers.store.leases): the manager renews the leases it
holds every ``renew_every`` and tries to take the others; a role starts when its lease is won and stops when it is
lost. When a replica dies, its leases expire after ``ttl`` and a live replica takes them over within ``ttl +
renew_every`` (30 s + 10 s by default). A replica that cannot reach the database for longer than ``ttl`` gives its
roles up, so two replicas never both believe they hold one.

The manager also keeps this replica's row in the ``replicas`` table alive with the same rhythm and, each round,
releases the feeds and outbox rows claimed by replicas that are no longer alive (watchers.store.replicas), so the
work a killed replica had in hand is picked up as soon as its roles are, not after the claims' own 2-10 min leases.

With SQLite there is one process: it wins every lease at once and nothing changes for a single deployment.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from watchers.clock import Clock
from watchers.store.database import Database
from watchers.store.leases import LeaseRepository
from watchers.store.replicas import ReleasedClaims, ReplicaRepository

__all__ = ["Role", "RoleManager", "replica_id"]

log = logging.getLogger(__name__)

TTL = timedelta(seconds=30)
RENEW_EVERY = 10.0


def replica_id() -> str:
    """This process's name among the replicas: ``FOLLOWUP_REPLICA``, else host, pid and a random suffix."""
    configured = os.environ.get("FOLLOWUP_REPLICA", "").strip()
    if configured:
        return configured[:128]
    return f"{socket.gethostname()[:60]}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


@dataclass(frozen=True)
class Role:
    """A piece of work with one owner: ``start`` when this replica wins it, ``stop`` when it loses or gives it up."""

    name: str
    start: Callable[[], Awaitable[None]]
    stop: Callable[[], Awaitable[None]]


class RoleManager:
    """Holds, renews and hands over this replica's roles; ``run`` until stopped, then ``release``."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        roles: list[Role],
        *,
        replica: str | None = None,
        ttl: timedelta = TTL,
        renew_every: float = RENEW_EVERY,
    ) -> None:
        self.replica = replica or replica_id()
        self._repo = LeaseRepository(db)
        self._replicas = ReplicaRepository(db)
        self._clock = clock
        self._roles = {role.name: role for role in roles}
        self._ttl = ttl
        self._renew_every = renew_every
        self._held: set[str] = set()
        self._renewed_at: datetime | None = None
        self._wake = asyncio.Event()

    @property
    def held(self) -> frozenset[str]:
        """The roles this replica holds now."""
        return frozenset(self._held)

    def holds(self, name: str) -> bool:
        return name in self._held

    async def step(self) -> None:
        """One round: renew or take every role; start the ones won, stop the ones lost."""
        now = self._clock.now()
        try:
            if self._renewed_at is None:  # names are unique among live replicas: claims under ours are a past run's
                self._report(await self._replicas.release_own_claims(self.replica, now), "a previous run of it")
            await self._replicas.alive(self.replica, now=now, ttl=self._ttl)
            won = {name for name in self._roles if await self._repo.acquire(name, self.replica, now=now, ttl=self._ttl)}
            self._report(await self._replicas.release_dead_claims(now), "replicas no longer alive")
        except Exception as error:  # the database is unreachable: keep the roles only while the leases last
            log.warning("replica %s could not renew its roles: %s", self.replica, error)
            if self._renewed_at is not None and now - self._renewed_at >= self._ttl and self._held:
                log.warning("replica %s gives up %s: its leases have expired", self.replica, sorted(self._held))
                for name in sorted(self._held):
                    await self._stop(name)
            return
        self._renewed_at = now
        for name in sorted(self._held - won):
            log.warning("replica %s lost the %s role to another replica", self.replica, name)
            await self._stop(name)
        for name in sorted(won - self._held):
            log.info("replica %s now holds the %s role", self.replica, name)
            self._held.add(name)
            try:
                await self._roles[name].start()
            except Exception:
                log.exception("replica %s could not start the %s role", self.replica, name)

    def _report(self, released: ReleasedClaims, whose: str) -> None:
        if released:
            log.warning(
                "replica %s released %d feeds and %d deliveries claimed by %s",
                self.replica,
                released.feeds,
                released.deliveries,
                whose,
            )

    async def _stop(self, name: str) -> None:
        self._held.discard(name)
        try:
            await self._roles[name].stop()
        except Exception:
            log.exception("replica %s could not stop the %s role", self.replica, name)

    async def run(self, stop: asyncio.Event) -> None:
        """Renew and take roles every ``renew_every`` seconds until ``stop`` is set."""
        while not stop.is_set():
            await self.step()
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self._renew_every)

    async def release(self) -> None:
        """Stop every role held and give its lease up, so another replica takes it at once; then say this replica
        is gone (whatever it still had claimed is released by the others at their next round)."""
        for name in sorted(self._held):
            await self._stop(name)
            with contextlib.suppress(Exception):
                await self._repo.release(name, self.replica)
        with contextlib.suppress(Exception):
            await self._replicas.gone(self.replica)
