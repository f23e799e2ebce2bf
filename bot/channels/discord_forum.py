"""Alerts into a Discord forum channel: one post (thread) per watch, its later alerts posted inside.

A forum takes no plain messages (Discord answers 50008), so a subscription to a forum needs this. The first alert
of a watch opens a post titled with the watch's title; the thread's id is stored (watchers.store.forum_threads
in production, memory in tests without a database) so later alerts, also after a restart, go into the same post.
When Discord says the thread is gone (deleted: 10003; archived and locked: 50083) it is forgotten and the alert
opens a new post. Messages of no single watch (digests) share one post, "followup digests".

Whether a channel is a forum: the client's cache says so when the gateway is connected; a replica that only
sends (no gateway, bot/roles.py) learns it from the 50008 its first plain send gets, asks Discord for the
channel's type once, and remembers it.

Limits: opening a post carries no nonce (Discord takes none there), so a crash between Discord opening the post
and the outbox recording it opens a second post on retry; later alerts go to the one stored last.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Protocol

import discord
from discord.http import handle_message_parameters

from bot.channels.base import OutgoingMessage, PermanentError, SendResult

log = logging.getLogger(__name__)

__all__ = ["ForumPoster", "MemoryThreads", "ThreadStore", "is_not_text", "split_message_id"]

NOT_TEXT = 50008  # "Cannot send messages in a non-text channel": what a plain send to a forum gets
GONE = frozenset({10003, 50083})  # unknown channel (the post was deleted); archived thread that cannot reopen
FORUM_TYPE = 15
THREAD_NAME_LIMIT = 100
DIGESTS = "followup digests"
SendCall = Callable[[discord.abc.Messageable], Any]


class ThreadStore(Protocol):
    """Where the thread of each (forum, watch) is kept: watchers.store.forum_threads.ForumThreads."""

    async def get(self, forum_id: str, watch_key: str) -> str | None: ...

    async def remember(self, forum_id: str, watch_key: str, thread_id: str, *, now: datetime) -> None: ...

    async def forget(self, forum_id: str, watch_key: str, thread_id: str) -> None: ...


class MemoryThreads:
    """A :class:`ThreadStore` in memory: for a channel built without a database (tests, the console demo)."""

    def __init__(self) -> None:
        self._threads: dict[tuple[str, str], str] = {}

    async def get(self, forum_id: str, watch_key: str) -> str | None:
        return self._threads.get((forum_id, watch_key))

    async def remember(self, forum_id: str, watch_key: str, thread_id: str, *, now: datetime) -> None:
        self._threads[(forum_id, watch_key)] = thread_id

    async def forget(self, forum_id: str, watch_key: str, thread_id: str) -> None:
        if self._threads.get((forum_id, watch_key)) == thread_id:
            del self._threads[(forum_id, watch_key)]


def _code(error: BaseException) -> int | None:
    """Discord's error code behind a channel error (call_discord keeps the original as ``__cause__``)."""
    cause = error.__cause__
    return cause.code if isinstance(cause, discord.HTTPException) else None


def is_not_text(error: BaseException) -> bool:
    """A plain send was refused because the channel takes no messages (a forum, maybe)."""
    return _code(error) == NOT_TEXT


def split_message_id(stored: str) -> tuple[int | None, str]:
    """A sent message's stored id: ``"thread/message"`` for a forum post's messages, else just the message id."""
    thread, _, message_id = stored.rpartition("/")
    return (int(thread) if thread.isdigit() else None), message_id


def thread_name(message: OutgoingMessage) -> str:
    """The post's title: the watch's title (plain text there, so only whitespace is tidied), cut to 100."""
    name = " ".join((message.title if message.watch_id else DIGESTS).split()) or DIGESTS
    return name if len(name) <= THREAD_NAME_LIMIT else name[: THREAD_NAME_LIMIT - 1] + "…"


class ForumPoster:
    """Posts into forum channels for a :class:`bot.channels.discord.DiscordChannel` (its client and error mapping)."""

    def __init__(
        self,
        client: discord.Client,
        threads: ThreadStore,
        call: Callable[[str, Callable[[], Any]], Any],
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.client = client
        self.threads = threads
        self._call = call  # bot.channels.discord.call_discord: maps failures to the dispatcher's errors
        self._now = now
        self._forums: set[int] = set()  # learnt from Discord (replicas without a gateway have no cache)

    def is_forum(self, channel_id: int) -> bool:
        """What is known without asking Discord: the cache, or an earlier answer."""
        if channel_id in self._forums:
            return True
        return isinstance(self.client.get_channel(channel_id), discord.ForumChannel)

    async def confirm_forum(self, channel_id: int) -> bool:
        """After a 50008: ask Discord for the channel's type (once per channel) and remember a forum."""
        data = await self._call(f"channel {channel_id}", lambda: self.client.http.get_channel(channel_id))
        if isinstance(data, dict) and data.get("type") == FORUM_TYPE:
            self._forums.add(channel_id)
            return True
        return False

    async def post(
        self, forum_id: int, message: OutgoingMessage, send: SendCall, opening: dict[str, Any]
    ) -> SendResult:
        """Send ``message`` into its watch's post of the forum, opening the post when there is none (any more).

        ``send`` sends the message to a messageable (the thread); ``opening`` are the message fields (content,
        embed, allowed_mentions) a new post starts with.
        """
        forum, key = str(forum_id), message.watch_id or ""
        stored = await self.threads.get(forum, key)
        if stored is not None:
            thread = self.client.get_partial_messageable(int(stored))
            try:
                sent = await self._call(f"thread {stored}", lambda: send(thread))
                return SendResult(message_ids=(f"{stored}/{sent.id}",))
            except PermanentError as error:
                if _code(error) not in GONE:
                    raise
                log.info("forum %s: the post of %s is gone (%s); opening a new one", forum, key or "digests", error)
                await self.threads.forget(forum, key, stored)
        data = await self._call(f"forum {forum_id}", lambda: self._open(forum_id, thread_name(message), opening))
        thread_id = str(data["id"])
        first = data.get("message") or {}
        await self.threads.remember(forum, key, thread_id, now=self._now())
        return SendResult(message_ids=(f"{thread_id}/{first.get('id', thread_id)}",))

    async def _open(self, forum_id: int, name: str, opening: dict[str, Any]) -> Any:
        """POST /channels/{forum}/threads: the post and its first message in one call."""
        with handle_message_parameters(
            content=opening.get("content") or discord.utils.MISSING,
            embed=opening["embed"],
            allowed_mentions=opening["allowed_mentions"],
            channel_payload={"name": name, "auto_archive_duration": 10080, "type": 11},
        ) as params:
            return await self.client.http.start_thread_in_forum(forum_id, params=params)
