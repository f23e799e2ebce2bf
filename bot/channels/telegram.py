"""The Telegram channel: sends rendered alerts with a python-telegram-bot ``Bot`` and maps its errors.

Only a :class:`telegram.Bot` is used here (no Application / updater: receiving commands is another module's
job). Every chunk goes through the shared :class:`ChatRateLimiter`; PTB's exceptions become the dispatcher's
typed errors (see :func:`map_telegram_error`):

======================================  =========================================================
PTB error                               raised here
======================================  =========================================================
RetryAfter (429)                        RetryableError(retry_after=seconds); the chat is deferred
Forbidden (blocked, kicked, ...)        PermanentError(deactivate=True)
BadRequest "chat not found"             PermanentError(deactivate=True)
ChatMigrated                            TargetMigrated(new_address=str(new_chat_id))
BadRequest "can't parse entities"       resend that chunk as plain text; if that fails PermanentError
other BadRequest                        PermanentError(deactivate=False)
TimedOut / NetworkError (incl. 5xx)     RetryableError (retry_after None)
InvalidToken                            PermanentError(deactivate=False) — a config error, not the chat's
======================================  =========================================================

A timeout is ambiguous (Telegram may have delivered the message), so a retry after TimedOut can duplicate.
The bot token never appears in the messages of errors raised here.
"""

from __future__ import annotations

import datetime as dtm
import logging
import warnings
from collections.abc import Awaitable, Callable
from typing import TypeVar

from telegram import Bot, LinkPreviewOptions, Message
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.request import HTTPXRequest

from bot.channels.base import (
    ChannelError,
    OutgoingMessage,
    PermanentError,
    RetryableError,
    SendResult,
    Target,
    TargetMigrated,
)
from bot.channels.ratelimit import ChatRateLimiter
from bot.channels.telegram_render import Chunk, render_chunks

__all__ = ["TelegramChannel", "chat_id_of", "is_group_address", "map_telegram_error"]

logger = logging.getLogger(__name__)

T = TypeVar("T")

_CHAT_GONE = ("chat not found", "chat_not_found", "user not found", "peer_id_invalid", "bot was kicked")
_NOT_MODIFIED = "message is not modified"


def chat_id_of(address: str) -> int | str:
    """A Target address as Telegram wants it: numeric ids as int, ``@channelname`` as is."""
    address = address.strip()
    if address.lstrip("-").isdigit():
        return int(address)
    if address.startswith("@") and len(address) > 1:
        return address
    raise PermanentError(f"telegram: {address!r} is not a chat id or @channelname", deactivate=True)


def is_group_address(address: str) -> bool:
    """Groups, supergroups and channels have negative ids (or an @name); they get the 20/min group limit."""
    address = address.strip()
    return address.startswith(("-", "@"))


def _retry_after_seconds(exc: RetryAfter) -> float:
    # PTB 22 returns int seconds (with a deprecation warning) or a timedelta when PTB_TIMEDELTA=true
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value: object = exc.retry_after
    if isinstance(value, dtm.timedelta):
        return value.total_seconds()
    if isinstance(value, int | float):
        return float(value)
    return 1.0


def map_telegram_error(exc: TelegramError, *, token: str = "") -> ChannelError:
    """Translate a PTB error to the Channel protocol's typed errors (the table in the module docstring)."""
    text = _redact(exc.message, token)
    if isinstance(exc, RetryAfter):
        seconds = _retry_after_seconds(exc)
        return RetryableError(f"telegram: rate limited, retry after {seconds:g}s", retry_after=seconds)
    if isinstance(exc, ChatMigrated):
        return TargetMigrated(
            f"telegram: group migrated to supergroup {exc.new_chat_id}", new_address=str(exc.new_chat_id)
        )
    if isinstance(exc, Forbidden):
        return PermanentError(f"telegram: forbidden: {text}", deactivate=True)
    if isinstance(exc, InvalidToken):
        return PermanentError("telegram: the bot token was rejected (check TELEGRAM_BOT_TOKEN)")
    if isinstance(exc, BadRequest):
        lowered = text.lower()
        if any(marker in lowered for marker in _CHAT_GONE):
            return PermanentError(f"telegram: {text}", deactivate=True)
        return PermanentError(f"telegram: bad request: {text}")
    if isinstance(exc, TimedOut):
        return RetryableError(f"telegram: timed out: {text}")
    if isinstance(exc, NetworkError):
        return RetryableError(f"telegram: network error: {text}")
    return PermanentError(f"telegram: {type(exc).__name__}: {text}")


def _redact(text: str, token: str) -> str:
    if token and token in text:
        text = text.replace(token, "<token>")
    return text


def _is_parse_error(exc: BadRequest) -> bool:
    lowered = exc.message.lower()
    return "parse entities" in lowered or "can't find end of" in lowered or "unsupported start tag" in lowered


class TelegramChannel:
    """The Channel for Telegram chats, groups, forum topics and channels, over one ``telegram.Bot``.

    ``api_base_url`` is the Bot API server root (``TELEGRAM_API_BASE_URL``, e.g. a local telegram-bot-api server
    or a test fake): requests go to ``{api_base_url}/bot{token}/{method}``. ``trust_env=False`` makes httpx ignore
    proxy variables (tests on loopback). Share one ``limiter`` between everything that sends with this token.
    """

    platform = "telegram"

    def __init__(
        self,
        token: str,
        *,
        api_base_url: str | None = None,
        link_previews: bool = False,
        limiter: ChatRateLimiter | None = None,
        request_timeout: float = 20,
        trust_env: bool = True,
    ) -> None:
        if not token:
            raise ValueError("TelegramChannel needs a bot token (TELEGRAM_BOT_TOKEN)")
        self._token = token
        self.link_previews = link_previews
        self.limiter = limiter or ChatRateLimiter()
        root = (api_base_url or "https://api.telegram.org").rstrip("/")
        request = HTTPXRequest(
            connect_timeout=request_timeout,
            read_timeout=request_timeout,
            write_timeout=request_timeout,
            # sends queue in our limiter, not in the connection pool: never fail a send for a busy pool
            pool_timeout=request_timeout,
            httpx_kwargs={"trust_env": trust_env},
        )
        updates_request = HTTPXRequest(connection_pool_size=1, httpx_kwargs={"trust_env": trust_env})
        self.bot = Bot(
            token,
            base_url=f"{root}/bot",
            base_file_url=f"{root}/file/bot",
            request=request,
            get_updates_request=updates_request,
        )
        self._started = False

    def __repr__(self) -> str:  # never show the token
        return f"TelegramChannel(bot={self.bot.username if self._started else '?'})"

    async def start(self) -> None:
        """Initialise the Bot (one getMe): fails fast on a wrong token or unreachable API."""
        try:
            await self.bot.initialize()
        except TelegramError as exc:
            raise map_telegram_error(exc, token=self._token) from None
        self._started = True
        logger.info("telegram channel ready as @%s", self.bot.username)

    async def close(self) -> None:
        """Shut the Bot's HTTP clients down; safe to call twice."""
        if self._started:
            self._started = False
            await self.bot.shutdown()

    def _preview(self) -> LinkPreviewOptions:
        return LinkPreviewOptions(is_disabled=not self.link_previews)

    async def _call(self, target: Target, fn: Callable[[], Awaitable[T]]) -> T:
        """One Bot API call in the chat's rate-limit slot; a 429 also defers the chat's next send."""
        async with self.limiter.slot(target.address, group=is_group_address(target.address)):
            try:
                return await fn()
            except RetryAfter as exc:
                self.limiter.defer(target.address, _retry_after_seconds(exc))
                raise

    async def _send_chunk(self, target: Target, chat_id: int | str, chunk: Chunk) -> Message:
        try:
            return await self._call(
                target,
                lambda: self.bot.send_message(
                    chat_id=chat_id,
                    text=chunk.html,
                    parse_mode=ParseMode.HTML,
                    message_thread_id=target.thread_id,
                    link_preview_options=self._preview(),
                ),
            )
        except BadRequest as exc:
            if not _is_parse_error(exc):
                raise
            logger.warning("telegram rejected our HTML (%s); resending as plain text", exc.message)
        try:
            return await self._call(
                target,
                lambda: self.bot.send_message(
                    chat_id=chat_id,
                    text=chunk.plain,
                    message_thread_id=target.thread_id,
                    link_preview_options=self._preview(),
                ),
            )
        except BadRequest as exc:
            mapped = map_telegram_error(exc, token=self._token)
            if isinstance(mapped, PermanentError):
                raise PermanentError(f"{mapped} (plain-text resend)", deactivate=mapped.deactivate) from None
            raise

    async def send(self, target: Target, message: OutgoingMessage) -> SendResult:
        """Send ``message`` as one or more HTML messages; returns their ids in order.

        A failure on a later chunk raises after earlier chunks were delivered (a retry repeats them).
        """
        chat_id = chat_id_of(target.address)
        ids: list[str] = []
        for chunk in render_chunks(message):
            try:
                sent = await self._send_chunk(target, chat_id, chunk)
            except TelegramError as exc:
                if ids:
                    logger.warning("telegram send failed after %d of its chunks were delivered", len(ids))
                raise map_telegram_error(exc, token=self._token) from None
            ids.append(str(sent.message_id))
        return SendResult(message_ids=tuple(ids))

    async def _edit_one(self, target: Target, chat_id: int | str, message_id: int, chunk: Chunk) -> None:
        def edit(text: str, parse_mode: str | None) -> Callable[[], Awaitable[Message | bool]]:
            return lambda: self.bot.edit_message_text(
                text=text,
                chat_id=chat_id,
                message_id=message_id,
                parse_mode=parse_mode,
                link_preview_options=self._preview(),
            )

        try:
            try:
                await self._call(target, edit(chunk.html, ParseMode.HTML))
            except BadRequest as exc:
                if not _is_parse_error(exc):
                    raise
                await self._call(target, edit(chunk.plain, None))
        except BadRequest as exc:
            if _NOT_MODIFIED in exc.message.lower():
                return  # same content: the edit's goal is already met
            raise map_telegram_error(exc, token=self._token) from None
        except TelegramError as exc:
            raise map_telegram_error(exc, token=self._token) from None

    async def _delete(self, target: Target, chat_id: int | str, message_id: int) -> None:
        await self._call(target, lambda: self.bot.delete_message(chat_id=chat_id, message_id=message_id))

    async def edit(self, target: Target, message_ids: tuple[str, ...], message: OutgoingMessage) -> None:
        """Replace the text of previously sent message(s) with a new rendering of ``message``.

        Chunk *i* replaces message *i*. If the new rendering has fewer chunks than ``message_ids``, the surplus
        old messages are deleted (best effort: a failure there is only logged); if it has more, the overflow
        chunks are dropped (a warning is logged), because an edit cannot return new message ids.
        "message is not modified" counts as success.
        """
        chat_id = chat_id_of(target.address)
        try:
            numeric_ids = [int(mid) for mid in message_ids]
        except ValueError:
            raise PermanentError(f"telegram: message ids {message_ids!r} are not Telegram message ids") from None
        if not numeric_ids:
            raise PermanentError("telegram: nothing to edit (no message ids)")
        chunks = render_chunks(message)
        if len(chunks) > len(numeric_ids):
            logger.warning(
                "telegram edit: new text needs %d messages but only %d exist; dropping the overflow",
                len(chunks),
                len(numeric_ids),
            )
        for message_id, chunk in zip(numeric_ids, chunks, strict=False):
            await self._edit_one(target, chat_id, message_id, chunk)
        for surplus in numeric_ids[len(chunks) :]:
            try:
                await self._delete(target, chat_id, surplus)
            except TelegramError as exc:
                logger.info("telegram edit: could not delete surplus message: %s", _redact(exc.message, self._token))
