"""Deliver alerts to Discord channels and threads through a discord.py ``Client`` running in our event loop.

Sends go through REST with a :class:`discord.PartialMessageable`, so no channel cache (and no privileged intent)
is needed and a thread is just another channel id. Every send carries ``allowed_mentions=none`` and the outbox
row's nonce with ``enforce_nonce``, so a retry after a lost response does not post the alert twice.

Errors map onto the typed errors of :mod:`bot.channels.base`: no access / unknown channel deactivates the
subscription, 5xx and network failures are retried by the dispatcher, and 429s are first absorbed by discord.py's
own rate-limit buckets (counted in :attr:`DiscordChannel.rate_limited_count`); only a wait longer than
``max_ratelimit_timeout`` comes back as :class:`RetryableError` with ``retry_after``.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import secrets
from collections.abc import Awaitable, Callable
from types import SimpleNamespace
from typing import Any, TypeVar

import aiohttp
import discord

from bot.channels.base import (
    ChannelError,
    OutgoingMessage,
    PermanentError,
    RetryableError,
    SendResult,
    Target,
)
from bot.channels.discord_forum import ForumPoster, MemoryThreads, ThreadStore, is_not_text, split_message_id
from bot.channels.discord_render import ping, render_embed

log = logging.getLogger(__name__)

NONCE_MAX_LENGTH = 25  # Discord rejects longer nonces
UNKNOWN_MESSAGE = 10008  # editing a message someone deleted: the target itself is fine

T = TypeVar("T")


class DiscordStartError(ChannelError):
    """The bot could not log in or connect; the message says why (never containing the token)."""


def default_intents() -> discord.Intents:
    """Only the ``guilds`` intent: enough for channels, threads and slash commands, no privileged intents."""
    intents = discord.Intents.none()
    intents.guilds = True
    return intents


def discord_nonce(nonce: str) -> str:
    """The outbox nonce as Discord accepts it (<= 25 chars); a longer one is hashed so it stays stable.

    A message without a nonce gets a random one, which only protects discord.py's own retries of this send.
    """
    if not nonce:
        return secrets.token_hex(12)
    if len(nonce) <= NONCE_MAX_LENGTH:
        return nonce
    return hashlib.sha256(nonce.encode()).hexdigest()[:NONCE_MAX_LENGTH]


def unsubscribable(message: OutgoingMessage) -> bool:
    """Whether the message came from a subscription (an alert or a digest), so its footer says how to stop it;
    admin notices go to owners because they are owners, and no command stops them."""
    return message.kind != "notice"


def rate_limit_trace(on_429: Callable[[], None]) -> aiohttp.TraceConfig:
    """An aiohttp trace that calls ``on_429`` for every 429 answer, including those discord.py retries itself.

    discord.py has no rate-limit event, and its retries are invisible to the caller; the trace is the one hook
    that sees every response on its session.
    """

    async def on_request_end(
        session: aiohttp.ClientSession, context: SimpleNamespace, params: aiohttp.TraceRequestEndParams
    ) -> None:
        if params.response.status == 429:
            on_429()

    trace = aiohttp.TraceConfig()
    trace.on_request_end.append(on_request_end)
    return trace


def map_discord_error(exc: BaseException, *, what: str) -> ChannelError:
    """Translate a discord.py / aiohttp failure into the dispatcher's typed errors.

    ``what`` names the target for the message (e.g. "channel 123"); the token is never part of it.
    """
    if isinstance(exc, discord.RateLimited):
        return RetryableError(
            f"Discord rate limit on {what}: retry in {exc.retry_after:.1f}s", retry_after=exc.retry_after
        )
    if isinstance(exc, discord.Forbidden):
        return PermanentError(
            f"Discord refused access to {what} ({exc.status}, code {exc.code}: {exc.text}); "
            "give the bot View Channel + Send Messages + Embed Links there, then re-subscribe",
            deactivate=True,
        )
    if isinstance(exc, discord.NotFound):
        if exc.code == UNKNOWN_MESSAGE:
            return PermanentError(f"Discord message on {what} no longer exists (code {exc.code})", deactivate=False)
        return PermanentError(f"Discord {what} not found (code {exc.code}: {exc.text})", deactivate=True)
    if isinstance(exc, discord.HTTPException):
        if exc.status >= 500:
            return RetryableError(f"Discord server error {exc.status} on {what}")
        if exc.status == 429:  # a 429 discord.py would not retry (no Via header: a Cloudflare block)
            retry_after = _retry_after_header(exc.response)
            return RetryableError(f"Discord (Cloudflare) rate limited {what}", retry_after=retry_after)
        return PermanentError(f"Discord rejected the message for {what} ({exc.status}, code {exc.code}: {exc.text})")
    if isinstance(exc, aiohttp.ClientError | OSError | TimeoutError):
        return RetryableError(f"network error talking to Discord for {what}: {type(exc).__name__}: {exc}")
    raise exc


async def call_discord(what: str, operation: Callable[[], Awaitable[T]]) -> T:
    """Run a discord.py call, converting its failures with :func:`map_discord_error`."""
    try:
        return await operation()
    except (discord.DiscordException, aiohttp.ClientError, OSError, TimeoutError) as exc:
        raise map_discord_error(exc, what=what) from exc


class DiscordChannel:
    """The Discord bot channel: one ``discord.Client`` (gateway + REST) shared with the Discord command adapter.

    Pass ``client`` to use a client built elsewhere; otherwise one is built with ``intents`` (default: guilds
    only). Either way :meth:`start` logs in and connects it (only logs in with ``gateway=False``, below), and the
    channel counts 429s on it. The command adapter attaches its app-command tree to :attr:`client` before the
    gateway connects and registers a ready hook (:meth:`add_ready_hook`) that syncs the command list, so delivery
    and commands share one client.

    Sends need only REST. With ``gateway=False`` :meth:`start` only logs in, and the gateway is connected and
    dropped separately (:meth:`connect_gateway`, :meth:`disconnect_gateway`; :class:`DiscordGateway` wraps them
    for a role): several replicas on one token deliver alerts, but only the one holding the Discord commands
    role keeps a gateway session (bot/roles.py).
    """

    platform = "discord"

    def __init__(
        self,
        token: str,
        *,
        client: discord.Client | None = None,
        intents: discord.Intents | None = None,
        ready_timeout: float = 30.0,
        guild_ready_timeout: float = 2.0,
        max_ratelimit_timeout: float | None = 60.0,
        gateway: bool = True,
        threads: ThreadStore | None = None,
    ) -> None:
        """``threads`` keeps each forum channel's post per watch (watchers.store.forum_threads; memory if None)."""
        self._token = token
        self._gateway = gateway  # start() connects the gateway too (else connect_gateway() does, e.g. for a role)
        self._login_lock = asyncio.Lock()
        self.ready_timeout = ready_timeout
        self.rate_limited_count = 0
        self._connect_task: asyncio.Task[None] | None = None
        self._logged_in = False
        self._ready_hooks: list[Callable[[], Awaitable[object]]] = []
        self._hook_tasks: set[asyncio.Task[None]] = set()
        trace = rate_limit_trace(self._count_rate_limit)
        if client is None:
            client = discord.Client(
                intents=intents if intents is not None else default_intents(),
                allowed_mentions=discord.AllowedMentions.none(),
                guild_ready_timeout=guild_ready_timeout,
                max_ratelimit_timeout=max_ratelimit_timeout,
                http_trace=trace,
            )
        elif client.http.http_trace is None:  # read when login() opens the session
            client.http.http_trace = trace
        self.client = client
        self.forums = ForumPoster(client, threads if threads is not None else MemoryThreads(), call_discord)

    def __repr__(self) -> str:  # the token must never reach a log line
        return f"<DiscordChannel user={self.client.user!s}>"

    def _count_rate_limit(self) -> None:
        self.rate_limited_count += 1
        log.warning("Discord answered 429 (%d so far); discord.py waits and retries", self.rate_limited_count)

    @property
    def is_ready(self) -> bool:
        """True once the gateway said READY and the initial guilds arrived."""
        return self.client.is_ready()

    async def start(self) -> None:
        """Log in (REST), then connect the gateway in a background task and wait until the client is ready
        (with ``gateway=False`` only log in: sends work then, commands come in only once the gateway connects).

        Raises :class:`DiscordStartError` for a bad token, missing privileged intents or no READY in time.
        """
        await self.login()
        if self._gateway:
            try:
                await self.connect_gateway()
            except DiscordStartError:
                await self.close()
                raise

    async def login(self) -> None:
        """Log in over REST (once; a second call returns at once), enough to send and edit messages."""
        async with self._login_lock:
            if self._logged_in:
                return
            try:
                await self.client.login(self._token)
            except discord.LoginFailure as exc:
                raise DiscordStartError(
                    "Discord rejected the bot token: check DISCORD_BOT_TOKEN (Developer Portal > Bot)"
                ) from exc
            except (discord.HTTPException, aiohttp.ClientError, OSError) as exc:
                raise DiscordStartError(f"could not log in to Discord: {type(exc).__name__}: {exc}") from exc
            self._logged_in = True

    async def connect_gateway(self) -> None:
        """Connect the gateway (logging in first if needed) and wait until READY; then run the ready hooks.

        On failure the gateway is dropped again (the REST login stays) and :class:`DiscordStartError` says why,
        so calling this again later retries.
        """
        await self.login()
        if self.gateway_running:
            return
        self._forget_ready()
        self._connect_task = asyncio.create_task(self._connect(), name="discord-gateway")
        self._connect_task.add_done_callback(self._on_gateway_end)
        connecting = self._connect_task
        ready = asyncio.create_task(self.client.wait_until_ready())
        try:
            done, _ = await asyncio.wait({ready, connecting}, timeout=self.ready_timeout, return_when="FIRST_COMPLETED")
        except BaseException:  # cancelled (a role lost or a shutdown while connecting): leave no session behind
            ready.cancel()
            await self.disconnect_gateway()
            raise
        if ready in done:
            log.info("Discord connected as %s in %d guild(s)", self.client.user, len(self.client.guilds))
            for hook in self._ready_hooks:
                task = asyncio.create_task(self._run_ready_hook(hook), name="discord-ready-hook")
                self._hook_tasks.add(task)
                task.add_done_callback(self._hook_tasks.discard)
            return
        ready.cancel()
        problem: str
        if connecting in done:
            error = connecting.exception()
            if isinstance(error, discord.PrivilegedIntentsRequired):
                problem = "the bot asks for a privileged intent that is not enabled in the Developer Portal"
            else:
                problem = f"the gateway connection ended: {type(error).__name__}: {error}"
        else:
            problem = f"no READY from the Discord gateway within {self.ready_timeout:g}s"
        await self.disconnect_gateway()
        raise DiscordStartError(f"Discord did not become ready: {problem}")

    async def disconnect_gateway(self) -> None:
        """Close the gateway session only (REST stays logged in, so sends go on); safe to call when not connected."""
        for hook_task in list(self._hook_tasks):
            hook_task.cancel()
        task, self._connect_task = self._connect_task, None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(task, timeout=5)
        ws = self.client.ws
        if ws is not None and ws.open:
            with contextlib.suppress(Exception):
                await ws.close(code=1000)  # a clean close ends the session: Discord sends it nothing more
        self._forget_ready()
        if task is not None:
            log.info("Discord gateway disconnected (sends go on over REST)")

    def _forget_ready(self) -> None:
        # discord.py has no public way to drop the gateway but keep the REST session (close() ends both): reset
        # what its next READY sets, so is_ready and wait_until_ready speak of the new session only
        ready_task = getattr(self.client._connection, "_ready_task", None)
        if ready_task is not None and not ready_task.done():
            ready_task.cancel()
        ready = getattr(self.client, "_ready", None)
        if isinstance(ready, asyncio.Event):
            ready.clear()

    def add_ready_hook(self, hook: Callable[[], Awaitable[object]]) -> None:
        """Run ``hook`` in the background each time :meth:`start` has connected (e.g. sync slash commands).

        In the background because a slow or failing hook (Discord refusing a command list) must not delay or
        fail delivery; its failure is logged.
        """
        self._ready_hooks.append(hook)

    async def _run_ready_hook(self, hook: Callable[[], Awaitable[object]]) -> None:
        try:
            await hook()
        except Exception as exc:
            log.error(
                "Discord ready hook %s failed: %s: %s", getattr(hook, "__qualname__", hook), type(exc).__name__, exc
            )

    async def _connect(self) -> None:
        await self.client.connect(reconnect=True)

    def _on_gateway_end(self, task: asyncio.Task[None]) -> None:
        # discord.py reconnects by itself; the task only ends on close() or on an error it cannot recover from
        # (including an exception in one of its event parsers). Sends still work over REST, commands do not.
        if task.cancelled() or not self._logged_in:
            return
        error = task.exception()
        if error is not None:
            log.error(
                "Discord gateway stopped: %s: %s (sends still work; commands do not)", type(error).__name__, error
            )

    @property
    def gateway_running(self) -> bool:
        """False when the gateway connection task has ended (for health checks)."""
        return self._connect_task is not None and not self._connect_task.done()

    async def close(self) -> None:
        """Close the gateway and the HTTP session; safe to call twice or after a failed start."""
        self._logged_in = False
        for hook_task in list(self._hook_tasks):
            hook_task.cancel()
        await self.client.close()
        task, self._connect_task = self._connect_task, None
        if task is not None:
            try:
                await asyncio.wait_for(task, timeout=5)
            except TimeoutError:
                log.warning("Discord gateway task did not stop in 5s; cancelled")
            except Exception:  # already reported by start(), or a late connection error: closing anyway
                log.debug("Discord gateway task ended with an error while closing", exc_info=True)

    def _channel(self, target: Target) -> tuple[discord.PartialMessageable, str]:
        if target.platform != self.platform:
            raise PermanentError(f"DiscordChannel cannot send to a {target.platform!r} target")
        if not self._logged_in or self.client.is_closed():
            raise RetryableError("the Discord client is not running (start() not called, or closed)")
        raw = str(target.thread_id) if target.thread_id is not None else target.address
        try:
            channel_id = int(raw)
        except ValueError:
            raise PermanentError(f"{raw!r} is not a Discord channel id (a number)", deactivate=True) from None
        what = "thread" if target.thread_id is not None else "channel"
        return self.client.get_partial_messageable(channel_id), f"{what} {channel_id}"

    async def _dm_target(self, target: Target) -> Target:
        """Owners are addressed as ``user:ID`` (admin notices): open their DM channel and send there."""
        if not target.address.startswith("user:"):
            return target
        try:
            user_id = int(target.address.removeprefix("user:"))
        except ValueError:
            raise PermanentError(f"{target.address!r} is not a Discord user id") from None
        if not self._logged_in or self.client.is_closed():
            raise RetryableError("the Discord client is not running (start() not called, or closed)")
        user = await call_discord(f"user {user_id}", lambda: self.client.fetch_user(user_id))
        dm = await call_discord(f"user {user_id}", lambda: user.create_dm())
        return Target(self.platform, str(dm.id))

    async def send(self, target: Target, message: OutgoingMessage) -> SendResult:
        """Post the alert as one embed; a repeat of the same ``message.nonce`` returns the first message.

        The content is empty, or the subscription's opt-in ping with ``allowed_mentions`` naming exactly it
        (:func:`bot.channels.discord_render.ping`). A forum channel gets the alert in its watch's own post
        (:mod:`bot.channels.discord_forum`); those message ids are stored as ``thread/message``.
        """
        channel, what = self._channel(await self._dm_target(target))
        embed = render_embed(message, unsubscribe_hint=unsubscribable(message))
        content, mentions = ping(message)
        nonce = discord_nonce(message.nonce)

        def send(to: discord.abc.Messageable) -> Any:
            return to.send(content=content, embed=embed, allowed_mentions=mentions, nonce=nonce)

        opening = {"content": content, "embed": embed, "allowed_mentions": mentions}
        if self.forums.is_forum(channel.id):
            return await self.forums.post(channel.id, message, send, opening)
        try:
            sent = await call_discord(what, lambda: send(channel))
        except PermanentError as error:
            if not is_not_text(error) or not await self.forums.confirm_forum(channel.id):
                raise
            return await self.forums.post(channel.id, message, send, opening)
        return SendResult(message_ids=(str(sent.id),))

    async def edit(self, target: Target, message_ids: tuple[str, ...], message: OutgoingMessage) -> None:
        """Replace the embed of the first sent message (an alert is one Discord message)."""
        if not message_ids:
            raise PermanentError("no Discord message id to edit")
        channel, what = self._channel(target)
        thread, raw = split_message_id(message_ids[0])
        if thread is not None:  # a forum post's message lives in its thread
            channel, what = self.client.get_partial_messageable(thread), f"thread {thread}"
        try:
            message_id = int(raw)
        except ValueError:
            raise PermanentError(f"{message_ids[0]!r} is not a Discord message id") from None
        embed = render_embed(message, unsubscribe_hint=unsubscribable(message))
        partial = channel.get_partial_message(message_id)
        await call_discord(what, lambda: partial.edit(embed=embed, allowed_mentions=discord.AllowedMentions.none()))


class DiscordGateway:
    """The gateway session of a :class:`DiscordChannel` made ``gateway=False``, as something a role starts and
    stops: Discord sends every interaction to each session of a token, so only the replica holding the Discord
    commands role connects one (bot/app.py); the channel itself stays logged in for sends on every replica."""

    def __init__(self, channel: DiscordChannel) -> None:
        self.channel = channel

    async def start(self) -> None:
        await self.channel.connect_gateway()

    async def close(self) -> None:
        await self.channel.disconnect_gateway()


def _retry_after_header(response: Any) -> float | None:
    headers = getattr(response, "headers", None) or {}
    value = headers.get("Retry-After")
    with contextlib.suppress(TypeError, ValueError):
        return float(value) if value is not None else None
    return None
