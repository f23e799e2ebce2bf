"""``POST /telegram/webhook``: Telegram's updates in webhook mode, for several replicas behind a load balancer.

Long polling has one consumer per token (bot/roles.py gives it to one replica). In webhook mode Telegram posts each
update to a public URL instead, and a load balancer may hand it to any replica, so each one answers. Three checks:
the secret Telegram sends in ``X-Telegram-Bot-Api-Secret-Token`` (set with ``setWebhook``; anyone else's post is
refused with 401), a body that is one JSON update of bounded size (400 or 413 otherwise), and the update's id
claimed in the database before it is handled: Telegram retries an update it got no 2xx for, possibly at another
replica, and a retried update must be answered once. Claiming before handling makes that at most once: a replica
that dies mid-update loses that one command (the user sends it again) rather than answering it twice.
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import TYPE_CHECKING

from aiohttp import web

from watchers.clock import Clock
from watchers.store.telegram_updates import TelegramUpdates

if TYPE_CHECKING:
    from bot.commands.telegram_adapter import TelegramCommands

__all__ = ["PATH", "SECRET_HEADER", "TelegramWebhook"]

log = logging.getLogger(__name__)

PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name, not a secret
MAX_BYTES = 1024 * 1024


class TelegramWebhook:
    """The request handler; ``receiver`` is the Telegram adapter started in webhook mode."""

    def __init__(self, receiver: TelegramCommands, secret: str, updates: TelegramUpdates, clock: Clock) -> None:
        self._receiver = receiver
        self._secret = secret.encode()
        self._updates = updates
        self._clock = clock

    async def handle(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self._secret):
            return web.Response(status=401, text="wrong or missing secret token")
        if request.content_length is not None and request.content_length > MAX_BYTES:
            return web.Response(status=413, text="an update is never this large")
        try:
            data = json.loads(await request.content.read(MAX_BYTES + 1) or b"null")
        except ValueError:
            return web.Response(status=400, text="not JSON")
        update_id = data.get("update_id") if isinstance(data, dict) else None
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            return web.Response(status=400, text="not a Telegram update")
        if not self._receiver.receiving:
            return web.Response(status=503, text="not ready; Telegram will retry")
        if not await self._updates.claim(update_id, now=self._clock.now()):
            return web.Response(text="already handled")  # a retry, answered here or at another replica
        try:
            await self._receiver.receive(data)
        except Exception:  # the handlers answer their own errors; this is a bug, and Telegram must not retry
            log.exception("telegram webhook: update %d failed", update_id)
        return web.Response(text="ok")
