"""Pace outgoing chat messages under Telegram's limits: ~30 messages/s overall, 1/s per chat, 20/min per group.

PTB's ``AIORateLimiter`` only knows the overall and per-group limits, and it queues every call behind one
throttler, so a busy group can hold up private chats. This limiter is ours and has two stages:

1. **Per chat** (a FIFO :class:`asyncio.Lock` per chat): sends to one chat are serialised and spaced by the
   chat's own windows (1 per second, plus 20 per minute for groups and channels). Only that chat waits; other
   chats never queue behind it. Serialising also keeps the chunks of a split alert in order. The chat's time
   stamp is taken when its send *finishes*, so network jitter can never make two sends arrive closer together
   than the window allows.
2. **Overall**: once a chat's own slot has come, the send queues (FIFO) for a place in the overall window.
   A chat only enters this queue when it is actually ready to send, so a chat with 50 queued messages holds
   one place at a time, not 50. Sends in flight count as occupying the window, and each is logged when it
   finishes, for the same jitter-proof reason as above (the price: the effective rate is ``overall`` per
   ``overall_period`` + one round trip).

Every window is a sliding log (:class:`SlidingWindow`) — a pure data structure tested with plain numbers; the
limiter takes an injectable monotonic ``clock`` and ``sleep`` so its tests need no real waiting.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

__all__ = ["ChatRateLimiter", "RateLimits", "SlidingWindow"]

Clock = Callable[[], float]
_SWEEP_EVERY = 256  # new chats between sweeps of expired per-chat state
Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class RateLimits:
    """How many sends each scope allows per period (seconds). Defaults are Telegram's free-tier limits;
    raise ``overall`` for paid broadcasts, or scale everything down in tests."""

    overall: int = 30
    overall_period: float = 1.0
    per_chat: int = 1
    per_chat_period: float = 1.0
    per_group: int = 20
    per_group_period: float = 60.0

    def __post_init__(self) -> None:
        for name in ("overall", "per_chat", "per_group"):
            if getattr(self, name) < 1:
                raise ValueError(f"RateLimits.{name} must be at least 1")
        for name in ("overall_period", "per_chat_period", "per_group_period"):
            if getattr(self, name) < 0:
                raise ValueError(f"RateLimits.{name} must not be negative")


@dataclass
class SlidingWindow:
    """At most ``limit`` events in any ``period``: a log of the last ``limit`` event times (non-decreasing).

    Because events are recorded in time order, the earliest time a new event may happen is simply
    ``times[-limit] + period`` (or now, if fewer than ``limit`` events are logged).
    """

    limit: int
    period: float
    times: deque[float] = field(default_factory=deque)

    def earliest(self, now: float) -> float:
        """The earliest time >= ``now`` (and >= the last logged event) at which one more event fits."""
        at = max(now, self.times[-1]) if self.times else now
        if len(self.times) >= self.limit:
            at = max(at, self.times[-self.limit] + self.period)
        return at

    def record(self, at: float) -> None:
        """Log an event at ``at`` (never earlier than the last one) and forget what can no longer matter."""
        if self.times and at < self.times[-1]:
            at = self.times[-1]
        self.times.append(at)
        while len(self.times) > self.limit:
            self.times.popleft()

    def idle_since(self, now: float) -> bool:
        """True if no logged event can constrain a send at ``now`` or later."""
        return not self.times or self.times[-1] + self.period <= now


@dataclass
class _ChatState:
    lock: asyncio.Lock
    windows: list[SlidingWindow]
    not_before: float = 0.0
    users: int = 0


class ChatRateLimiter:
    """Fair, per-chat-aware pacing for one bot token; use one instance per token, shared by every sender.

    Usage::

        async with limiter.slot("-100123", group=True):
            await bot.send_message(...)

    Telegram's 429 ``retry_after`` should be reported with :meth:`defer` so the chat's next send waits for it.
    """

    def __init__(
        self,
        limits: RateLimits | None = None,
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.limits = limits or RateLimits()
        self._clock = clock
        self._sleep = sleep
        self._overall = SlidingWindow(self.limits.overall, self.limits.overall_period)
        self._chats: dict[str, _ChatState] = {}
        self._overall_lock = asyncio.Lock()
        self._completed = asyncio.Event()
        self._in_flight = 0
        self._created = 0

    def _state(self, chat: str, group: bool) -> _ChatState:
        state = self._chats.get(chat)
        if state is None:
            self._created += 1
            if self._created % _SWEEP_EVERY == 0:
                self._sweep()
            state = _ChatState(
                lock=asyncio.Lock(), windows=[SlidingWindow(self.limits.per_chat, self.limits.per_chat_period)]
            )
            self._chats[chat] = state
        if group and len(state.windows) == 1:
            state.windows.append(SlidingWindow(self.limits.per_group, self.limits.per_group_period))
        return state

    def _overall_earliest(self, now: float) -> float | None:
        """When the next send may start overall, or None while ``limit`` sends are still in flight."""
        free = self.limits.overall - self._in_flight
        if free <= 0:
            return None
        times = self._overall.times
        return now if len(times) < free else max(now, times[-free] + self.limits.overall_period)

    async def _acquire_overall(self) -> None:
        """Wait for a free place in the overall window, first come first served (the lock is FIFO)."""
        async with self._overall_lock:
            while True:
                now = self._clock()
                at = self._overall_earliest(now)
                if at is None:
                    self._completed.clear()
                    await self._completed.wait()
                elif at > now:
                    await self._sleep(at - now)
                else:
                    self._in_flight += 1
                    return

    def _release_overall(self, done: float) -> None:
        self._in_flight -= 1
        self._overall.record(done)
        self._completed.set()

    async def _sleep_until(self, at: float) -> None:
        delay = at - self._clock()
        if delay > 0:
            await self._sleep(delay)

    @asynccontextmanager
    async def slot(self, chat: str, *, group: bool = False) -> AsyncIterator[None]:
        """Wait until one send to ``chat`` is allowed, and hold the chat's turn while the send runs.

        ``group`` adds the per-group window (Telegram's 20/min applies to groups and channels).
        """
        state = self._state(chat, group)
        state.users += 1
        try:
            async with state.lock:
                now = self._clock()
                at = max([now, state.not_before, *(w.earliest(now) for w in state.windows)])
                await self._sleep_until(at)
                await self._acquire_overall()
                try:
                    yield
                finally:
                    done = self._clock()
                    self._release_overall(done)
                    for window in state.windows:
                        window.record(done)
        finally:
            state.users -= 1
            self._forget_idle(chat)

    def defer(self, chat: str, seconds: float) -> None:
        """The platform said "retry after ``seconds``" for ``chat``: hold the chat's next send until then."""
        state = self._state(chat, group=False)
        state.not_before = max(state.not_before, self._clock() + max(0.0, seconds))

    def _forget_idle(self, chat: str) -> None:
        """Drop a chat's state once nothing waits on it and its windows have expired, so memory stays bounded."""
        state = self._chats.get(chat)
        if state is not None and self._is_idle(state, self._clock()):
            del self._chats[chat]

    def _sweep(self) -> None:
        now = self._clock()
        for chat in [c for c, state in self._chats.items() if self._is_idle(state, now)]:
            del self._chats[chat]

    @staticmethod
    def _is_idle(state: _ChatState, now: float) -> bool:
        if state.users or state.lock.locked() or state.not_before > now:
            return False
        return all(w.idle_since(now) for w in state.windows)

    @property
    def tracked_chats(self) -> int:
        """How many chats currently hold state (for tests and metrics)."""
        return len(self._chats)
