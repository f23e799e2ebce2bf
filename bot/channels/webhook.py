"""Deliver alerts to Discord webhook URLs (no bot in the server needed) with the same embed as the bot channel.

``Target.address`` is the webhook URL as Discord shows it (``https://discord.com/api/webhooks/ID/TOKEN``,
optionally ``?thread_id=...``); ``Target.thread_id`` also selects a thread. All webhooks share one aiohttp session.

discord.py builds webhook request URLs from ``discord.http.Route.BASE`` + ``/webhooks/ID/TOKEN``, never from the
URL's host; so only Discord's own hosts are accepted here (anything else is a configuration mistake), and tests
point ``Route.BASE`` at a fake server. Webhooks have no nonce: a retry after a lost response can post twice.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import parse_qs, urlsplit

import aiohttp
import discord

from bot.channels.base import OutgoingMessage, PermanentError, RetryableError, SendResult, Target
from bot.channels.discord import call_discord, rate_limit_trace
from bot.channels.discord_render import render_embed

log = logging.getLogger(__name__)

WEBHOOK_HOSTS = frozenset({"discord.com", "discordapp.com", "ptb.discord.com", "canary.discord.com"})
_WEBHOOK_PATH = re.compile(r"^/api(?:/v\d+)?/webhooks/(?P<id>\d{15,21})/(?P<token>[A-Za-z0-9._-]+)/?$")


class WebhookURL:
    """A parsed, validated Discord webhook URL; ``str()`` hides the token (it is a credential)."""

    __slots__ = ("id", "thread_id", "token")

    def __init__(self, webhook_id: int, token: str, thread_id: int | None = None) -> None:
        self.id = webhook_id
        self.token = token
        self.thread_id = thread_id

    @classmethod
    def parse(cls, url: str) -> WebhookURL:
        """Parse ``url``; raises ``ValueError`` saying what is wrong with it (the token is not echoed)."""
        parts = urlsplit(url.strip())
        if parts.scheme != "https":
            raise ValueError("a Discord webhook URL must start with https://")
        if (parts.hostname or "").lower() not in WEBHOOK_HOSTS:
            raise ValueError(f"{parts.hostname!r} is not Discord: copy the URL from Channel settings > Integrations")
        match = _WEBHOOK_PATH.match(parts.path)
        if match is None:
            raise ValueError("expected https://discord.com/api/webhooks/<id>/<token>")
        thread = parse_qs(parts.query).get("thread_id", [""])[0]
        return cls(int(match["id"]), match["token"], int(thread) if thread.isdigit() else None)

    def __str__(self) -> str:
        return f"webhook {self.id}"

    __repr__ = __str__


class WebhookChannel:
    """Posts embeds through Discord webhooks on one shared aiohttp session (created by :meth:`start` if not given)."""

    platform = "webhook"

    def __init__(self, session: aiohttp.ClientSession | None = None) -> None:
        self._session = session
        self._owns_session = session is None
        self.rate_limited_count = 0  # only counted on a session this channel created

    async def start(self) -> None:
        """Open the shared session unless one was given."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(trace_configs=[rate_limit_trace(self._count_rate_limit)])
            self._owns_session = True

    async def close(self) -> None:
        """Close the session if this channel opened it."""
        session, self._session = self._session, None
        if session is not None and self._owns_session and not session.closed:
            await session.close()

    def _count_rate_limit(self) -> None:
        self.rate_limited_count += 1
        log.warning("Discord webhook answered 429 (%d so far); discord.py waits and retries", self.rate_limited_count)

    def _webhook(self, target: Target) -> tuple[discord.Webhook, WebhookURL, discord.abc.Snowflake | None]:
        if target.platform != self.platform:
            raise PermanentError(f"WebhookChannel cannot send to a {target.platform!r} target")
        if self._session is None or self._session.closed:
            raise RetryableError("the webhook channel is not started")
        try:
            url = WebhookURL.parse(target.address)
        except ValueError as exc:
            raise PermanentError(f"invalid webhook URL: {exc}", deactivate=True) from None
        thread_id = target.thread_id if target.thread_id is not None else url.thread_id
        webhook = discord.Webhook.partial(url.id, url.token, session=self._session)
        return webhook, url, discord.Object(thread_id) if thread_id is not None else None

    async def send(self, target: Target, message: OutgoingMessage) -> SendResult:
        """Execute the webhook with ``wait=True`` so Discord returns the message id needed for edits."""
        webhook, url, thread = self._webhook(target)
        embed = render_embed(message)
        none = discord.AllowedMentions.none()
        if thread is None:
            sent = await call_discord(str(url), lambda: webhook.send(embed=embed, allowed_mentions=none, wait=True))
        else:
            sent = await call_discord(
                str(url), lambda: webhook.send(embed=embed, allowed_mentions=none, wait=True, thread=thread)
            )
        return SendResult(message_ids=(str(sent.id),))

    async def edit(self, target: Target, message_ids: tuple[str, ...], message: OutgoingMessage) -> None:
        """Replace the embed of the first message this webhook sent for the alert."""
        if not message_ids:
            raise PermanentError("no Discord message id to edit")
        webhook, url, thread = self._webhook(target)
        try:
            message_id = int(message_ids[0])
        except ValueError:
            raise PermanentError(f"{message_ids[0]!r} is not a Discord message id") from None
        embed = render_embed(message)
        none = discord.AllowedMentions.none()
        if thread is None:
            await call_discord(str(url), lambda: webhook.edit_message(message_id, embed=embed, allowed_mentions=none))
        else:
            await call_discord(
                str(url),
                lambda: webhook.edit_message(message_id, embed=embed, allowed_mentions=none, thread=thread),
            )
