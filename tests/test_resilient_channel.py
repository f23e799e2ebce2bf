"""A platform that is down at start-up does not stop the bot: its sends wait in the outbox until it is back."""

from __future__ import annotations

import asyncio

import pytest

from bot.channels.base import OutgoingMessage, RetryableError, SendResult, Target
from bot.channels.resilient import ResilientChannel


class FlakyStart:
    platform = "telegram"

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.sent: list[str] = []
        self.closed = False

    async def start(self) -> None:
        if self.failures:
            self.failures -= 1
            raise ConnectionError("api.telegram.org unreachable")

    async def close(self) -> None:
        self.closed = True

    async def send(self, target: Target, message: OutgoingMessage) -> SendResult:
        self.sent.append(message.headline)
        return SendResult(("1",))

    async def edit(self, target: Target, message_ids: tuple[str, ...], message: OutgoingMessage) -> None:
        return None


async def test_sends_are_retryable_until_the_platform_is_reachable() -> None:
    inner = FlakyStart(failures=2)
    channel = ResilientChannel(inner, first_delay=0.01, max_delay=0.02)
    await channel.start(wait=0.001)
    message = OutgoingMessage(kind="status", title="t", headline="h")
    with pytest.raises(RetryableError, match="not connected yet"):
        await channel.send(Target("telegram", "1"), message)
    for _ in range(200):
        if channel.ready:
            break
        await asyncio.sleep(0.01)
    assert channel.ready and channel.last_error is None
    await channel.send(Target("telegram", "1"), message)
    assert inner.sent == ["h"]
    await channel.close()
    assert inner.closed


async def test_closing_while_still_connecting_stops_trying() -> None:
    inner = FlakyStart(failures=10**6)
    channel = ResilientChannel(inner, first_delay=0.01)
    await channel.start(wait=0.001)
    await channel.close()
    assert not inner.closed, "never started, so nothing to close"
