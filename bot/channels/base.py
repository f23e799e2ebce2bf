"""The Channel protocol: how the dispatcher hands a message to a chat platform, and the typed errors back.

A send either succeeds (with the platform's message ids, for later edits) or raises one of the errors below.
A bool cannot tell a flood-wait from a kicked bot, so the dispatcher decides retry / deactivate / migrate from
the error's type, the same way for every platform.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class Target:
    """Where a message goes: a Telegram chat (and forum topic), a Discord channel or thread, a webhook, stdout."""

    platform: str  # "telegram" | "discord" | "webhook" | "console"
    address: str  # chat id, channel id, webhook URL, or "stdout"
    thread_id: int | None = None


@dataclass(frozen=True)
class Source:
    publisher: str
    url: str


@dataclass(frozen=True)
class OutgoingMessage:
    """A platform-neutral alert (or admin notice); each channel renders and escapes it its own way.

    Every string here may come from a feed and is untrusted: channels must escape it for their markup and
    must never let it mention anyone.
    """

    kind: str  # an alert kind, or "notice" for admin notices
    title: str  # the watch's title
    headline: str  # what changed, e.g. "postponed (was planned)"
    details: tuple[str, ...] = ()  # further lines: progress bar, countdown, the quoted sentence
    sources: tuple[Source, ...] = ()
    unconfirmed: bool = False
    nonce: str = ""  # stable per outbox row: lets Discord drop a repeated send
    plain_text: str = ""  # the whole message as plain text (console, fallback when markup is rejected)
    # the watch's state after the alert as (name, value) pairs: "Status"/"postponed", "Expected"/"May 2026"
    facts: tuple[tuple[str, str], ...] = ()
    timestamp: datetime | None = None  # when it happened (the alert's time): Discord shows it on the embed
    watch_id: str = ""  # the alert's watch (empty for notices and digests): named in "how to stop these alerts"
    # the one opt-in ping (watchers.store.mentions): "" for none (almost always), "here" or "role:<id>"; only the
    # Discord bot channel acts on it, and never from feed text
    mention: str = ""


@dataclass(frozen=True)
class SendResult:
    """What the platform gave back: the ids of the message(s) sent (a long alert may be split in several)."""

    message_ids: tuple[str, ...] = field(default_factory=tuple)


class ChannelError(Exception):
    """Base class of send failures; ``str()`` is a clear one-line reason for logs and admin notices."""


class RetryableError(ChannelError):
    """Try again later: rate limited (``retry_after`` seconds, when the platform said), network or 5xx."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PermanentError(ChannelError):
    """This message can never be delivered; ``deactivate`` means the target itself is gone (bot blocked,
    kicked, chat or channel not found) and its subscription must be switched off and the admins told."""

    def __init__(self, message: str, *, deactivate: bool = False) -> None:
        super().__init__(message)
        self.deactivate = deactivate


class TargetMigrated(ChannelError):
    """A Telegram group became a supergroup: resend to ``new_address`` and remember it."""

    def __init__(self, message: str, *, new_address: str) -> None:
        super().__init__(message)
        self.new_address = new_address


class Channel(Protocol):
    """One chat platform. Implementations: console, telegram, discord, webhook."""

    platform: str

    async def start(self) -> None: ...

    async def close(self) -> None: ...

    async def send(self, target: Target, message: OutgoingMessage) -> SendResult: ...

    async def edit(self, target: Target, message_ids: tuple[str, ...], message: OutgoingMessage) -> None:
        """Replace a sent message's content (more sources corroborated it); errors as for send."""
        ...
