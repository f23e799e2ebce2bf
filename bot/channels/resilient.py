"""Start a chat channel in the background, retrying, so one unreachable platform never stops the bot.

Telegram being down (or a token being revoked) at start must not stop feeds from being polled, alerts from
being stored, or the other platforms from receiving them. Until the inner channel has started, sends raise
RetryableError, so the outbox keeps the rows and delivers them once the platform is back.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Protocol

from bot.channels.base import Channel, OutgoingMessage, RetryableError, SendResult, Target

log = logging.getLogger(__name__)


class _Startable(Protocol):
    async def start(self) -> None: ...

    async def close(self) -> None: ...


class ResilientStart:
    """Starts something whose start() may fail (a platform client) in the background, retrying with backoff
    (5 s doubling to 5 min); close() stops the retries and closes it if it had started."""

    def __init__(self, inner: _Startable, name: str, *, first_delay: float = 5.0, max_delay: float = 300.0) -> None:
        self.inner = inner
        self.name = name
        self._first_delay = first_delay
        self._max_delay = max_delay
        self._started = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.last_error: str | None = None

    @property
    def ready(self) -> bool:
        return self._started.is_set()

    async def start(self, *, wait: float = 5.0) -> None:
        """Start connecting; wait up to ``wait`` seconds for it, then let it go on in the background."""
        self._task = asyncio.create_task(self._keep_starting(), name=f"start-{self.name}")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(self._started.wait()), timeout=wait)

    async def _keep_starting(self) -> None:
        delay = self._first_delay
        while True:
            try:
                await self.inner.start()
            except Exception as error:  # any failure: say why, wait, try again
                self.last_error = str(error) or error.__class__.__name__
                log.error("%s: could not connect (%s); retrying in %.0fs", self.name, self.last_error, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, self._max_delay)
                continue
            self.last_error = None
            self._started.set()
            return

    async def close(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._started.is_set():
            self._started.clear()  # closed: a later start() (a role won again) connects afresh
            await self.inner.close()


class ResilientChannel(ResilientStart):
    """A channel started by :class:`ResilientStart`; until it has started, sends raise RetryableError."""

    def __init__(self, inner: Channel, *, first_delay: float = 5.0, max_delay: float = 300.0) -> None:
        super().__init__(inner, inner.platform, first_delay=first_delay, max_delay=max_delay)
        self.channel = inner
        self.platform = inner.platform

    def _check(self) -> None:
        if not self._started.is_set():
            raise RetryableError(f"{self.platform} is not connected yet ({self.last_error or 'starting'})")

    async def send(self, target: Target, message: OutgoingMessage) -> SendResult:
        self._check()
        return await self.channel.send(target, message)

    async def edit(self, target: Target, message_ids: tuple[str, ...], message: OutgoingMessage) -> None:
        self._check()
        await self.channel.edit(target, message_ids, message)
