"""Chaos: the real dispatcher and TelegramChannel (python-telegram-bot) against a fake Bot API that fails at random.

30 alerts go to 10 chats through a real database while the fake answers a seeded share of sendMessage calls with
502 (20%), 429 with a short retry_after (10%) or a reply held back past the client's timeout (5%; the message is
still delivered, as Telegram may do). Every alert must reach every chat, each chat in alert order (by first
occurrence); a duplicate is allowed only where a timeout made the outcome unknown to the sender.
"""

from __future__ import annotations

import asyncio
import random
import re
import time
from collections import Counter, defaultdict
from datetime import timedelta
from typing import Any

import pytest
from fake_telegram import Failure, FakeTelegram

from bot.channels.ratelimit import ChatRateLimiter, RateLimits
from bot.channels.telegram import TelegramChannel
from bot.outbox import Dispatcher, DispatchPolicy
from watchers.clock import SystemClock
from watchers.store.database import Database
from watchers.store.outbox import DeclaredSubscription, OutboxRepository
from watchers.store.tracking import TrackingRepository
from watchers.tracking.engine import EngineResult
from watchers.tracking.state import Alert, WatchState

TOKEN = "123456:CHAOStokenCHAOStokenCHAOStokenCHAOS"
ALERTS = 30
CHATS = [str(1001 + n) for n in range(10)]
REQUEST_TIMEOUT = 0.4  # the channel's; an injected timeout holds the reply longer than this
MARKER = re.compile(r"ALERT-(\d{3})")


class ChaoticTelegram(FakeTelegram):
    """FakeTelegram failing sendMessage at random (seeded); records what was injected and what was delivered."""

    def __init__(self, rng: random.Random, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rng = rng
        self.injected: Counter[str] = Counter()
        self.timed_out: set[tuple[str, int]] = set()  # (chat, alert) whose send was held past the timeout
        self.delivered: list[tuple[str, int]] = []  # (chat, alert) in the order the fake accepted them

    def _take_failure(self, method: str, chat_id: str | None) -> Failure | None:
        queued = super()._take_failure(method, chat_id)
        if queued is not None or method != "sendMessage" or chat_id is None:
            return queued
        call = self.calls[-1]  # _handle records the call and asks for a failure without awaiting in between
        roll = self.rng.random()
        if roll < 0.20:
            self.injected["5xx"] += 1
            return self.server_error(self.rng.choice((500, 502)))
        if roll < 0.30:
            self.injected["429"] += 1
            seconds = round(self.rng.uniform(0.05, 0.2), 3)
            return Failure(429, f"Too Many Requests: retry after {seconds}", {"retry_after": seconds})
        if roll < 0.35:
            self.injected["timeout"] += 1
            self.timed_out.add((chat_id, _alert_number(call.params["text"])))
            return self.timeout(REQUEST_TIMEOUT + 0.3)
        return None

    async def _m_sendMessage(self, params: dict[str, Any]) -> Any:
        result = await super()._m_sendMessage(params)
        if not isinstance(result, Failure):
            self.delivered.append((str(params["chat_id"]), _alert_number(str(params["text"]))))
        return result


def _alert_number(text: str) -> int:
    found = MARKER.search(text)
    assert found, f"no alert marker in {text!r}"
    return int(found.group(1))


def _alert(n: int, clock: SystemClock) -> Alert:
    return Alert(
        key=f"visit#{n}",
        watch_id="visit",
        kind="status",
        at=clock.now(),
        old="planned",
        new=f"s{n}",
        confidence="confirmed",
        sources=[f"https://a.example/{n}"],
        text=f"Visit: ALERT-{n:03d} status update\nSources: a.example",
        rule="test",
    )


async def _store(db: Database, clock: SystemClock) -> None:
    now = clock.now()
    declared = [DeclaredSubscription("telegram", chat, None, None, ("status",), {}) for chat in CHATS]
    await OutboxRepository(db).sync_declared(declared, now=now)
    result = EngineResult(alerts=[_alert(n, clock) for n in range(ALERTS)], corroborations=[], touched={"visit"})
    async with db.transaction() as session:
        await TrackingRepository(db).save(
            session, {"visit": WatchState("visit", now, status="planned")}, result, now=now
        )


async def test_random_failures_lose_nothing_and_keep_each_chat_in_order(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # as `followup run` sets it: retry_after as a timedelta
    clock = SystemClock()
    await _store(db, clock)
    outbox = OutboxRepository(db)
    assert sum((await outbox.counts()).values()) == ALERTS * len(CHATS)

    tg = ChaoticTelegram(random.Random(20260301))
    async with tg:
        channel = TelegramChannel(
            TOKEN,
            api_base_url=tg.url,
            limiter=ChatRateLimiter(RateLimits(overall=1000, per_chat=100)),  # pacing is not under test here
            request_timeout=REQUEST_TIMEOUT,
            trust_env=False,
        )
        await channel.start()
        dispatcher = Dispatcher(
            db,
            {"telegram": channel},
            clock,
            watch_titles={"visit": "Visit"},
            policy=DispatchPolicy(base_backoff=timedelta(seconds=0.01), max_backoff=timedelta(seconds=0.2)),
            rng=random.Random(7),
        )
        started = time.monotonic()
        deadline = started + 20
        try:
            while time.monotonic() < deadline:
                await dispatcher.run_once()
                counts = await outbox.counts()
                if counts.get("sent", 0) + counts.get("dead", 0) == ALERTS * len(CHATS):
                    break
                await asyncio.sleep(0.01)
            elapsed = time.monotonic() - started
            await asyncio.sleep(REQUEST_TIMEOUT + 0.4)  # let held-back (timed-out) replies land before judging
        finally:
            await channel.close()

    counts = await outbox.counts()
    assert counts == {"sent": ALERTS * len(CHATS)}, f"after {elapsed:.1f}s: {counts}"
    assert tg.injected["5xx"] and tg.injected["429"] and tg.injected["timeout"], tg.injected

    per_chat: dict[str, list[int]] = defaultdict(list)
    for chat, number in tg.delivered:
        per_chat[chat].append(number)
    duplicates = Counter({key: n - 1 for key, n in Counter(tg.delivered).items() if n > 1})
    for chat in CHATS:
        first_seen = list(dict.fromkeys(per_chat[chat]))
        assert first_seen == list(range(ALERTS)), f"chat {chat} got {per_chat[chat]}"
    unexplained = [key for key in duplicates if key not in tg.timed_out]
    assert not unexplained, f"duplicates without an injected timeout: {unexplained}"
    print(
        f"\nchaos: {ALERTS * len(CHATS)} deliveries in {elapsed:.1f}s; injected {dict(tg.injected)}; "
        f"{sum(duplicates.values())} duplicates (all after timeouts); "
        f"{len(tg.calls_to('sendMessage'))} sendMessage calls"
    )
