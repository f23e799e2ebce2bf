"""Graceful shutdown of `followup run`: stop polling, drain or release in-flight sends, within a deadline.

Order and why:
1. The dispatcher stops claiming rows and the scheduler stops starting ticks, at once: nothing new begins.
2. The poll tick already running and the sends already in flight may finish, until the deadline. A finished
   send is marked sent, so it is not repeated after the restart.
3. At the deadline (or at once on a second signal) what is left is cancelled: a cancelled send's row goes
   back to "pending" (never left "sending"), so the next start delivers it; a cancelled poll's feed is made
   due again at the next start (FeedRepository.release_stale_claims). Delivery is at-least-once anyway: a
   cancelled Telegram send may have reached the chat and will be sent again.
Closing the channels and the database comes after, with small fixed budgets (CLOSE_TIMEOUT).

The default deadline, SHUTDOWN_TIMEOUT = 8 s, is shorter than Docker's default stop timeout (10 s, after
which the container gets SIGKILL): a plain `docker stop` then always sees a clean exit. A longer drain needs
the container's stop timeout raised too (compose ``stop_grace_period``) and FOLLOWUP_SHUTDOWN_TIMEOUT set a
few seconds below it.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.app import PollingService, Services
    from bot.outbox import Dispatcher

log = logging.getLogger(__name__)

SHUTDOWN_TIMEOUT = 8.0  # seconds; see the module docstring
CLOSE_TIMEOUT = 3.0  # per channel close, after the drain
RELEASE_TIMEOUT = 5.0  # putting cut-short rows back to pending: one UPDATE


@dataclass(frozen=True)
class RunningBot:
    """The parts of a running bot that the things attached beside it (heartbeat, HTTP, reload) need."""

    svc: Services
    polling: PollingService
    dispatcher: Dispatcher


@dataclass(frozen=True)
class ShutdownOutcome:
    """How the shutdown went; ``forced`` (a second signal) or ``stranded`` rows make the exit code 1."""

    cut_short: bool = False  # the deadline or a second signal cancelled unfinished work
    forced: bool = False
    released: int = 0  # outbox rows put back to pending
    stranded: bool = False  # rows could not be released (the next start recovers them anyway)


async def shut_down(
    polling: PollingService,
    dispatcher: Dispatcher,
    delivering: asyncio.Task[None],
    *,
    deadline: float,
    force: asyncio.Event | None = None,
) -> ShutdownOutcome:
    """Drain polling and delivery within ``deadline`` seconds (less if ``force`` gets set); see the module doc."""
    loop = asyncio.get_running_loop()
    ends = loop.time() + deadline
    dispatcher.drain()
    stopping = asyncio.create_task(polling.stop(grace=deadline), name="stop-polling")
    forced = asyncio.ensure_future((force or asyncio.Event()).wait())
    pending: set[asyncio.Future[object]] = {stopping, delivering}  # type: ignore[arg-type]
    try:
        while pending and not forced.done():
            remaining = ends - loop.time()
            if remaining <= 0:
                break
            done, _ = await asyncio.wait(pending | {forced}, timeout=remaining, return_when=asyncio.FIRST_COMPLETED)
            pending -= done
    finally:
        forced.cancel()
    was_forced = force is not None and force.is_set()
    if pending:
        what = " and ".join(
            name for task, name in ((stopping, "a poll"), (delivering, "deliveries")) if task in pending
        )
        why = "a second signal" if was_forced else f"the {deadline:g}s shutdown deadline"
        log.warning("%s: cancelling %s still in progress", why, what)
        await polling.cancel_jobs()
        for task in pending:
            task.cancel()
        await asyncio.wait(pending, timeout=CLOSE_TIMEOUT)
    if delivering.done() and not delivering.cancelled() and delivering.exception() is not None:
        log.error("the outbox dispatcher had failed: %r", delivering.exception())
    released, stranded = 0, False
    try:
        async with asyncio.timeout(RELEASE_TIMEOUT):
            released = await dispatcher.abandon()
    except Exception as error:  # the database is gone: the next start's recovery resends these rows
        stranded = True
        log.error("could not put unfinished deliveries back in the queue (%s); the next start will", error)
    return ShutdownOutcome(cut_short=bool(pending), forced=was_forced, released=released, stranded=stranded)
