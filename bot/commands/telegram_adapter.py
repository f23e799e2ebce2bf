"""Chat commands on Telegram: a python-telegram-bot ``Application`` that maps updates onto the command service.

The Application runs inside the caller's event loop (``initialize``, ``start``, ``updater.start_polling``; never
``run_polling``, which would own the loop and its signals); :meth:`TelegramCommands.close` stops them in reverse.

Commands
    One CommandHandler per command *group* of ``service.specs()`` (``/status``, ``/watch``, ...). ``/watch add
    rest...`` runs the spec "watch add" with :func:`parse_text_arguments` on ``rest``; ``/watch`` alone or an
    unknown subcommand gets the list of subcommands. ``/cmd@ThisBot`` works in groups (PTB checks the name);
    ``/cmd@OtherBot`` is left alone; a deep-link payload after ``/start`` is ignored. Unknown commands get a hint
    to /help in private chats, and in groups only when addressed to this bot by name (a bare ``/foo`` in a group
    may be another bot's). Edited messages never run a command again. Updates are handled concurrently, so a slow
    command (``feed test``) does not hold up others.

Who is calling (:class:`Caller`)
    A person: their user id and full name. ``chat_admin`` is asked with getChatMember only in groups and
    channels, only for commands whose access is "chat_admin" (for "anyone" the answer cannot matter, and owners
    and admins do not need it), and cached for :data:`ADMIN_CACHE_SECONDS` per (chat, user).
    A channel post has no user: the sender is the channel itself. Only a channel's administrators can post in it,
    so the caller is ``chat_admin=True`` with the *channel's* id as ``user_id`` (negative, so it can never equal an
    owner's or admin's user id): a channel can subscribe itself and change its own settings, and never runs admin
    commands. A group message sent by an anonymous group administrator (``sender_chat`` is the group) is treated
    the same way; one sent on behalf of another channel (``sender_chat`` elsewhere) is that channel, not an admin.

Replies
    HTML parse mode, every string escaped by the delivery renderer (:func:`render_chunks`: ``html.escape`` plus a
    word joiner after ``@`` so feed text never mentions anyone), split at 4096 UTF-16 units between lines (words
    for a huge line), sent to the same forum topic as the command. A refused command (``Reply.ok`` False) starts
    with :data:`REFUSED_MARK`. Buttons become an inline keyboard on the last message; PNG attachments go out with
    sendPhoto, others with sendDocument (the text as caption when it fits in 1024). A reply Telegram refuses
    (Forbidden, RetryAfter, bad request) is logged and dropped, never raised: a user who blocked the bot must not
    stop polling; a reply whose HTML is rejected is resent as plain text. Telegram has no ephemeral messages: a
    reply the service marks ephemeral is sent like any other, in the chat the command came from (a bot cannot
    open a private chat with someone who never started it).

Buttons
    callback_data must fit in 64 bytes: a button is encoded as ``c`` + a shell-quoted ``command k=v ...`` when that
    fits, else as ``t`` + a random token kept in memory for :data:`BUTTON_TOKEN_SECONDS` (a press after a restart or
    expiry gets "run the command again"). A press runs the command as the person who pressed (their permissions,
    not the ones of whoever got the message), answers the callback query with a short toast and replies in the
    chat. Only commands the service lists are run, so forged callback data can do nothing typing could not.

Files
    ``/import`` as the caption of a document, or as a reply to a message with a document: the file is downloaded
    (getFile) when it is at most ``max_upload_bytes`` and passed as ``attachment``.

Failures
    An exception in a handler never stops polling: the error handler logs it (the token redacted) and the user
    gets :data:`INTERNAL_ERROR`. Errors of the long poll itself are logged redacted and PTB retries.
"""

from __future__ import annotations

import logging
import secrets
import shlex
import time
import traceback
from collections import OrderedDict
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any

from telegram import (
    BotCommand,
    Chat,
    Document,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
    Update,
    User,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BasePersistence,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot.channels.base import OutgoingMessage
from bot.channels.ratelimit import ChatRateLimiter
from bot.channels.telegram import is_group_address, map_telegram_error
from bot.channels.telegram_render import Chunk, render_chunks, tg_len
from bot.commands.api import (
    ArgumentError,
    Button,
    Caller,
    ChatKind,
    CommandService,
    CommandSpec,
    Reply,
    parse_text_arguments,
)
from bot.commands.telegram_guided import guided_watch_add

__all__ = [
    "ADMIN_CACHE_SECONDS",
    "BUTTON_TOKEN_SECONDS",
    "INTERNAL_ERROR",
    "REFUSED_MARK",
    "TelegramCommands",
    "bot_commands",
]

logger = logging.getLogger(__name__)

INTERNAL_ERROR = "internal error, the admins can find it in the logs"
REFUSED_MARK = "⚠️ "
ADMIN_CACHE_SECONDS = 60.0
BUTTON_TOKEN_SECONDS = 24 * 3600.0
MAX_BUTTON_TOKENS = 10_000
MAX_UPLOAD_BYTES = 1024 * 1024
CALLBACK_DATA_LIMIT = 64
CAPTION_LIMIT = 1024
TOAST_LIMIT = 200
_ADMIN_STATUSES = frozenset({"administrator", "creator"})
_MESSAGES = filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST
_ALLOWED_UPDATES = [Update.MESSAGE, Update.CHANNEL_POST, Update.CALLBACK_QUERY]

Context = ContextTypes.DEFAULT_TYPE
TelegramApp = Application[Any, Any, Any, Any, Any, Any]


def _valid_command_name(name: str) -> bool:
    return len(name) <= 32 and bool(name) and all(ch.islower() or ch.isdigit() or ch == "_" for ch in name)


def _usage(spec: CommandSpec) -> str:
    words = " ".join(f"<{p.name}>" if p.required else f"[{p.name}]" for p in spec.params)
    return f"/{spec.name} {words}".rstrip()


def bot_commands(specs: Sequence[CommandSpec]) -> list[BotCommand]:
    """The setMyCommands list: one entry per group, in the order the service lists them.

    A group of subcommands is described by its subcommands (``add · edit · pause``), since Telegram has no
    second level; descriptions are cut to Telegram's 256 characters. Names Telegram would refuse are skipped.
    """
    groups: dict[str, list[CommandSpec]] = {}
    for spec in specs:
        groups.setdefault(spec.group, []).append(spec)
    commands: list[BotCommand] = []
    for group, members in groups.items():
        if not _valid_command_name(group):
            continue
        subs = [spec.subcommand for spec in members if spec.subcommand]
        if subs:
            description = " · ".join(subs)
        else:
            description = " ".join(members[0].description.split()) or group
        if len(description) > 256:
            description = description[:255] + "…"
        commands.append(BotCommand(group, description))
    return commands


@dataclass(frozen=True)
class _Origin:
    """Where a reply goes: the chat, its forum topic, and the message to reply to (if any)."""

    chat_id: int
    thread_id: int | None
    reply_to: int | None


class TelegramCommands:
    """Receives Telegram commands and button presses and answers them through a :class:`CommandService`.

    ``api_base_url`` is the Bot API server root (``TELEGRAM_API_BASE_URL``); ``trust_env=False`` keeps proxy
    variables away from loopback. Pass the delivery channel's ``limiter`` to share Telegram's limits with alerts.
    """

    def __init__(
        self,
        token: str,
        service: CommandService,
        *,
        api_base_url: str | None = None,
        trust_env: bool = True,
        limiter: ChatRateLimiter | None = None,
        poll_timeout: int = 10,
        request_timeout: float = 20.0,
        max_upload_bytes: int = MAX_UPLOAD_BYTES,
        concurrent_updates: int = 8,
        persistence: BasePersistence[Any, Any, Any] | None = None,
        webhook: tuple[str, str] | None = None,
    ) -> None:
        if not token:
            raise ValueError("TelegramCommands needs a bot token (TELEGRAM_BOT_TOKEN)")
        self._token = token
        self.service = service
        self.limiter = limiter
        self.poll_timeout = poll_timeout
        self.max_upload_bytes = max_upload_bytes
        self.updates_handled = 0  # every update that went through all handlers (tests wait on it)
        self._specs: dict[str, dict[str | None, CommandSpec]] = {}
        self._admin_cache: dict[tuple[int, int], tuple[float, bool]] = {}
        self._button_tokens: OrderedDict[str, tuple[float, str, dict[str, str]]] = OrderedDict()
        self._api_base_url = api_base_url
        self._trust_env = trust_env
        self._request_timeout = request_timeout
        self._concurrent_updates = concurrent_updates
        self._persistence = persistence
        self._webhook = webhook  # (public URL, secret): Telegram posts updates there instead of long polling
        self._requests: tuple[HTTPXRequest, ...] = ()
        self.app: TelegramApp = self._build()
        self._state = "new"

    def __repr__(self) -> str:  # never show the token
        return f"TelegramCommands(state={self._state})"

    def _build(self) -> TelegramApp:
        builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any] = Application.builder().token(self._token)
        if self._api_base_url:
            root = self._api_base_url.rstrip("/")
            builder = builder.base_url(f"{root}/bot").base_file_url(f"{root}/file/bot")
        timeout = self._request_timeout
        request = HTTPXRequest(
            connect_timeout=timeout,
            read_timeout=timeout,
            write_timeout=timeout,
            pool_timeout=timeout,
            httpx_kwargs={"trust_env": self._trust_env},
        )
        updates_request = HTTPXRequest(connection_pool_size=1, httpx_kwargs={"trust_env": self._trust_env})
        self._requests = (request, updates_request)
        builder = builder.request(request).get_updates_request(updates_request)
        if self._persistence is not None:  # guided conversations survive a restart (bot/commands/telegram_guided.py)
            builder = builder.persistence(self._persistence)
        return builder.concurrent_updates(self._concurrent_updates).build()

    # ---------------------------------------------------------------- lifecycle

    async def start(self) -> None:
        """Register the handlers, connect (getMe), start long polling and publish the command list.

        When Telegram cannot be reached or refuses the token this raises the delivery channel's typed errors
        (:func:`map_telegram_error`; the token is never in the message) after undoing what had started, so the
        caller can simply call ``start()`` again later.
        """
        if self._state in ("failed", "closed"):
            self.app = self._build()  # PTB's Application is not meant to be initialised twice (a role won again)
        elif self._state != "new":
            raise RuntimeError(f"TelegramCommands.start() called when {self._state}")
        self._register(self.service.specs())
        try:
            await self.app.initialize()
            self._state = "initialized"
            await self.app.start()
            self._state = "started"
            if self._webhook is not None:
                url, secret = self._webhook
                await self.app.bot.set_webhook(url=url, secret_token=secret, allowed_updates=_ALLOWED_UPDATES)
                self._state = "webhook"
                await self._publish_commands()
                logger.info("telegram commands ready as @%s by webhook", self.app.bot.username)
                return
            await self.app.updater.start_polling(  # type: ignore[union-attr]
                poll_interval=0,
                timeout=self.poll_timeout,
                allowed_updates=_ALLOWED_UPDATES,
                error_callback=self._on_polling_error,
            )
            self._state = "polling"
        except BaseException as exc:
            await self._teardown()
            self._state = "failed"
            if isinstance(exc, TelegramError):
                raise map_telegram_error(exc, token=self._token) from None
            raise
        await self._publish_commands()
        logger.info("telegram commands ready as @%s (%d commands)", self.app.bot.username, len(self._specs))

    @property
    def receiving(self) -> bool:
        """Started in webhook mode: :meth:`receive` may be called."""
        return self._state == "webhook"

    async def receive(self, data: Mapping[str, Any]) -> None:
        """Handle one update Telegram posted to the webhook (the caller checked its secret and claimed it)."""
        update = Update.de_json(dict(data), self.app.bot)
        await self.app.process_update(update)

    async def close(self) -> None:
        """Stop polling, then the Application, then its HTTP clients; safe to call twice or after a failed start."""
        await self._teardown()
        self._state = "closed"

    async def _teardown(self) -> None:
        state, self._state = self._state, "stopping"
        updater = self.app.updater
        if state == "polling" and updater is not None and updater.running:
            await updater.stop()
        if state in ("started", "polling", "webhook") and self.app.running:
            await self.app.stop()
        if state in ("initialized", "started", "polling", "webhook"):
            await self.app.shutdown()
        for request in self._requests:  # a failed initialize() leaves its HTTP clients open
            await request.shutdown()

    async def _publish_commands(self) -> None:
        commands = bot_commands(self.service.specs())
        try:
            await self.app.bot.set_my_commands(commands)
        except TelegramError as exc:  # the menu is a convenience: commands work without it
            logger.warning("telegram: setMyCommands failed: %s", self._redact(str(exc)))

    def _register(self, specs: Sequence[CommandSpec]) -> None:
        """Index the specs by group and add the handlers to the (fresh) Application."""
        self._specs = {}
        for spec in (spec.for_platform("telegram") for spec in specs):  # no Discord channel or role pickers
            if not _valid_command_name(spec.group):
                logger.warning("telegram: command %r cannot be a Telegram command name; skipped", spec.group)
                continue
            self._specs.setdefault(spec.group, {})[spec.subcommand] = spec
        app = self.app
        if "watch" in self._specs and "add" in self._specs["watch"]:
            app.add_handler(guided_watch_add(self, persistent=self._persistence is not None))  # before /watch
        app.add_handler(CallbackQueryHandler(self._on_button))
        upload_groups = [group for group in self._specs if group == "import" or self._takes_file(group)]
        if upload_groups:
            pattern = rf"^/({'|'.join(upload_groups)})(@\w+)?(\s|$)"
            app.add_handler(MessageHandler(filters.Document.ALL & filters.CaptionRegex(pattern) & _MESSAGES,
                                           self._on_upload))  # fmt: skip
        for group in self._specs:
            app.add_handler(CommandHandler(group, partial(self._on_command, group), filters=_MESSAGES))
        app.add_handler(MessageHandler(filters.COMMAND & _MESSAGES, self._on_unknown))
        app.add_handler(TypeHandler(object, self._on_done), group=1)
        app.add_error_handler(self._on_error)

    def _takes_file(self, group: str) -> bool:
        return any(param.kind == "file" for spec in self._specs[group].values() for param in spec.params)

    # ---------------------------------------------------------------- handlers

    async def _on_command(self, group: str, update: Update, context: Context) -> None:
        message = update.effective_message
        if message is None:
            return
        text = message.text or message.caption or ""
        rest = _after_command(message, text)
        document = None
        if message.reply_to_message is not None and self._accepts_upload(group):
            document = message.reply_to_message.document
        await self._run_text_command(message, group, rest, document)

    async def _on_upload(self, update: Update, context: Context) -> None:
        message = update.effective_message
        if message is None or message.document is None:
            return
        caption = message.caption or ""
        first = caption.split(maxsplit=1)[0]
        group, _, addressed = first[1:].partition("@")
        group = group.lower()
        if group not in self._specs or (addressed and addressed.lower() != (self.app.bot.username or "").lower()):
            return
        rest = caption[len(first) :].strip()
        await self._run_text_command(message, group, rest, message.document)

    async def _on_unknown(self, update: Update, context: Context) -> None:
        message = update.effective_message
        if message is None or not message.text:
            return
        command = message.text.split(maxsplit=1)[0]
        name, _, addressed = command[1:].partition("@")
        bot_name = (self.app.bot.username or "").lower()
        if addressed and addressed.lower() != bot_name:
            return  # another bot's command
        if message.chat.type != Chat.PRIVATE and not addressed:
            return  # in a group a bare /foo may be meant for another bot
        reply = Reply(f"Unknown command /{name}. Send /help for the list of commands.", ok=False)
        await self._send_reply(_origin(message), reply)

    async def _on_button(self, update: Update, context: Context) -> None:
        query = update.callback_query
        if query is None:
            return
        decoded = self._decode_button(query.data or "")
        spec = self._spec_of(decoded[0]) if decoded else None
        message = query.message
        if decoded is None or spec is None:
            await self._answer(query.answer, "This button has expired: run the command again.", alert=True)
            return
        chat = message.chat if message is not None else None
        if chat is None:
            await self._answer(query.answer, "This button only works in the chat it was sent to.", alert=True)
            return
        thread_id = None
        if isinstance(message, Message) and message.is_topic_message:
            thread_id = message.message_thread_id
        caller = await self._caller(chat, query.from_user, None, spec, thread_id)
        reply = await self.service.execute(caller, spec.name, decoded[1])
        if not reply.ok:
            # A refusal or bad input is for the presser alone: a pop-up only they see, never a second answer in
            # the chat (a group would read every member's failed press). Telegram caps the pop-up at 200 chars.
            await self._answer(query.answer, _shortened(reply.text.strip() or "Refused", 200), alert=True)
            return
        toast = reply.text.strip().splitlines()[0] if reply.text.strip() else "Done"
        await self._answer(query.answer, toast, alert=False)
        await self._send_reply(_Origin(chat.id, thread_id, None), reply)

    async def _on_done(self, update: object, context: Context) -> None:
        self.updates_handled += 1

    async def _on_error(self, update: object, context: Context) -> None:
        error = context.error
        trace = "".join(traceback.format_exception(error)) if error is not None else "(no exception)"
        update_id = update.update_id if isinstance(update, Update) else None
        logger.error("telegram: a command handler failed (update %s):\n%s", update_id, self._redact(trace))
        if not isinstance(update, Update):
            return
        if update.callback_query is not None:
            await self._answer(update.callback_query.answer, INTERNAL_ERROR, alert=True)
        message = update.effective_message
        if message is not None:
            await self._send_reply(_origin(message), Reply(INTERNAL_ERROR, ok=False))
        elif update.effective_chat is not None:
            await self._send_reply(_Origin(update.effective_chat.id, None, None), Reply(INTERNAL_ERROR, ok=False))

    def _on_polling_error(self, error: TelegramError) -> None:
        logger.warning("telegram: polling for updates failed, retrying: %s", self._redact(str(error)))

    # ---------------------------------------------------------------- running a command

    async def _run_text_command(self, message: Message, group: str, rest: str, document: Document | None) -> None:
        """Resolve ``/group [sub] rest`` to a spec, parse its arguments, fetch any upload, run it and reply.

        An upload is downloaded before the service decides whether the caller may import (only the service knows
        who is an admin); the size cap bounds what that can cost.
        """
        origin = _origin(message)
        specs = self._specs[group]
        words = rest.split(maxsplit=1)
        sub_word = words[0] if words else ""
        sub_rest = words[1] if len(words) == 2 else ""
        spec: CommandSpec | None
        if sub_word and sub_word.lower() in specs:
            spec, rest = specs[sub_word.lower()], sub_rest
        else:
            spec = specs.get(None)
        if spec is None:
            await self._send_reply(origin, self._group_usage(group, sub_word))
            return
        if spec.name == "start" and not spec.params:
            rest = ""  # a t.me/<bot>?start=<payload> deep link: the payload means nothing to us
        try:
            args = parse_text_arguments(spec, rest)
        except ArgumentError as error:
            await self._send_reply(origin, Reply(f"{error}\nusage: {_usage(spec)}", ok=False))
            return
        attachment: bytes | None = None
        if document is not None:
            downloaded = await self._download(document)
            if isinstance(downloaded, Reply):
                await self._send_reply(origin, downloaded)
                return
            attachment = downloaded
            for param in spec.params:
                if param.kind == "file" and param.name not in args:
                    args[param.name] = document.file_name or "upload"
        caller = await self._caller(message.chat, message.from_user, message.sender_chat, spec, origin.thread_id)
        reply = await self.service.execute(caller, spec.name, args, attachment=attachment)
        await self._send_reply(origin, reply)

    def _accepts_upload(self, group: str) -> bool:
        return group == "import" or self._takes_file(group)

    def _group_usage(self, group: str, given: str) -> Reply:
        lines = [f"Unknown subcommand {given!r} of /{group}." if given else f"/{group} needs a subcommand:"]
        if given:
            lines.append("Use one of:")
        for spec in self._specs[group].values():
            lines.append(f"{_usage(spec)} — {spec.description}")
        return Reply("\n".join(lines), ok=False)

    def _spec_of(self, command: str) -> CommandSpec | None:
        group, _, sub = command.partition(" ")
        return self._specs.get(group, {}).get(sub or None)

    async def _download(self, document: Document) -> bytes | Reply:
        cap = self.max_upload_bytes
        too_big = Reply(f"The file is larger than {cap // 1024} KiB; send a smaller one.", ok=False)
        if document.file_size is not None and document.file_size > cap:
            return too_big
        try:
            file = await document.get_file()
            if file.file_size is not None and file.file_size > cap:
                return too_big
            data = bytes(await file.download_as_bytearray())
        except TelegramError as exc:
            logger.warning("telegram: could not download an uploaded file: %s", self._redact(str(exc)))
            return Reply("Could not download the file from Telegram; send it again.", ok=False)
        return too_big if len(data) > cap else data

    async def caller_for(self, chat: Chat, user: User | None, command: str) -> Caller:
        """The Caller for ``user`` in ``chat`` running ``command`` (for the guided conversation)."""
        group, _, sub = command.partition(" ")
        spec = self._specs[group][sub or None]
        return await self._caller(chat, user, None, spec, None)

    async def send_reply_to(self, chat_id: int, reply: Reply) -> None:
        """Send a command's reply to ``chat_id`` as a command's reply is sent (for the guided conversation)."""
        await self._send_reply(_Origin(chat_id, None, None), reply)

    async def _caller(
        self, chat: Chat, user: User | None, sender_chat: Chat | None, spec: CommandSpec, thread_id: int | None
    ) -> Caller:
        kind: ChatKind = "private"
        if chat.type in (Chat.GROUP, Chat.SUPERGROUP):
            kind = "group"
        elif chat.type == Chat.CHANNEL:
            kind = "channel"
        address = str(chat.id)
        if sender_chat is not None or user is None:
            # a channel post, an anonymous group admin (sender_chat is the chat) or a message on behalf of a channel
            sender = sender_chat or chat
            speaks_for_chat = sender.id == chat.id
            name = sender.title or sender.username or str(sender.id)
            admin = speaks_for_chat and kind != "private"
            return Caller("telegram", str(sender.id), name, address, kind, thread_id, chat_admin=admin)
        chat_admin = False
        looked_up = kind == "private" or spec.access == "chat_admin"
        if kind != "private" and spec.access == "chat_admin":
            chat_admin = await self._is_chat_admin(chat, user.id)
        return Caller(
            "telegram", str(user.id), user.full_name, address, kind, thread_id,
            chat_admin=chat_admin, chat_admin_known=looked_up,
        )  # fmt: skip

    async def _is_chat_admin(self, chat: Chat, user_id: int) -> bool:
        key = (chat.id, user_id)
        now = time.monotonic()
        cached = self._admin_cache.get(key)
        if cached is not None and cached[0] > now:
            return cached[1]
        try:
            member = await self.app.bot.get_chat_member(chat.id, user_id)
        except TelegramError as exc:
            logger.warning("telegram: getChatMember failed in chat %s: %s", chat.id, self._redact(str(exc)))
            return False
        is_admin = member.status in _ADMIN_STATUSES
        if len(self._admin_cache) > 10_000:
            self._admin_cache = {k: v for k, v in self._admin_cache.items() if v[0] > now}
        self._admin_cache[key] = (now + ADMIN_CACHE_SECONDS, is_admin)
        return is_admin

    # ---------------------------------------------------------------- buttons

    def _encode_button(self, button: Button) -> str:
        words = [button.command, *(f"{key}={value}" for key, value in button.args.items())]
        data = "c" + shlex.join(words)
        if len(data.encode()) <= CALLBACK_DATA_LIMIT:
            return data
        now = time.monotonic()
        while self._button_tokens and (
            len(self._button_tokens) >= MAX_BUTTON_TOKENS or next(iter(self._button_tokens.values()))[0] <= now
        ):
            self._button_tokens.popitem(last=False)
        token = secrets.token_urlsafe(12)
        self._button_tokens[token] = (now + BUTTON_TOKEN_SECONDS, button.command, dict(button.args))
        return "t" + token

    def _decode_button(self, data: str) -> tuple[str, dict[str, str]] | None:
        if data.startswith("t"):
            entry = self._button_tokens.get(data[1:])
            if entry is None or entry[0] <= time.monotonic():
                return None
            return entry[1], dict(entry[2])
        if not data.startswith("c"):
            return None
        try:
            words = shlex.split(data[1:])
        except ValueError:
            return None
        if not words:
            return None
        args: dict[str, str] = {}
        for word in words[1:]:
            key, sep, value = word.partition("=")
            if not sep:
                return None
            args[key] = value
        return words[0], args

    def _keyboard(self, buttons: Sequence[Button]) -> InlineKeyboardMarkup | None:
        if not buttons:
            return None
        rows = [[InlineKeyboardButton(button.label[:64], callback_data=self._encode_button(button))]
                for button in buttons]  # fmt: skip
        return InlineKeyboardMarkup(rows)

    # ---------------------------------------------------------------- sending

    async def _send_reply(self, origin: _Origin, reply: Reply) -> None:
        """Send ``reply`` to where the command came from; Telegram errors are logged, never raised."""
        text = reply.text if reply.ok else REFUSED_MARK + reply.text
        chunks = render_chunks(OutgoingMessage(kind="reply", title="", headline="", plain_text=text))
        keyboard = self._keyboard(reply.buttons)
        attachment = reply.attachment
        caption: Chunk | None = None
        if attachment is not None and len(chunks) == 1 and tg_len(chunks[0].html) <= CAPTION_LIMIT:
            caption, chunks = chunks[0], []
        reply_to = origin.reply_to
        for index, chunk in enumerate(chunks):
            markup = keyboard if index == len(chunks) - 1 and attachment is None else None
            sent = await self._send_text(origin, chunk, markup, reply_to)
            if sent and reply_to is not None:
                reply_to = None  # only the first message quotes the command
        if attachment is not None:
            upload = InputFile(attachment.data, filename=attachment.filename)
            upload.mimetype = attachment.mime
            await self._send_file(origin, upload, attachment.mime == "image/png", caption, keyboard, reply_to)

    async def _send_text(
        self, origin: _Origin, chunk: Chunk, markup: InlineKeyboardMarkup | None, reply_to: int | None
    ) -> bool:
        bot = self.app.bot
        common: dict[str, Any] = {
            "chat_id": origin.chat_id,
            "message_thread_id": origin.thread_id,
            "reply_markup": markup,
            "reply_parameters": _reply_parameters(reply_to),
            "link_preview_options": LinkPreviewOptions(is_disabled=True),
        }
        async with self._slot(origin.chat_id):
            try:
                await bot.send_message(text=chunk.html, parse_mode=ParseMode.HTML, **common)
                return True
            except BadRequest as exc:
                if "parse entities" not in exc.message.lower():
                    self._log_send_failure(origin, exc)
                    return False
            except TelegramError as exc:
                self._log_send_failure(origin, exc)
                return False
            try:  # Telegram refused our HTML: the same lines as plain text
                await bot.send_message(text=chunk.plain, **common)
                return True
            except TelegramError as exc:
                self._log_send_failure(origin, exc)
                return False

    async def _send_file(
        self,
        origin: _Origin,
        upload: InputFile,
        photo: bool,
        caption: Chunk | None,
        markup: InlineKeyboardMarkup | None,
        reply_to: int | None,
    ) -> None:
        bot = self.app.bot
        common: dict[str, Any] = {
            "chat_id": origin.chat_id,
            "message_thread_id": origin.thread_id,
            "reply_markup": markup,
            "reply_parameters": _reply_parameters(reply_to),
            "caption": caption.html if caption else None,
            "parse_mode": ParseMode.HTML if caption else None,
        }
        async with self._slot(origin.chat_id):
            try:
                if photo:
                    await bot.send_photo(photo=upload, **common)
                else:
                    await bot.send_document(document=upload, **common)
            except TelegramError as exc:
                self._log_send_failure(origin, exc)

    @asynccontextmanager
    async def _slot(self, chat_id: int) -> AsyncIterator[None]:
        if self.limiter is None:
            yield
            return
        address = str(chat_id)
        async with self.limiter.slot(address, group=is_group_address(address)):
            yield

    async def _answer(self, answer: Any, text: str, *, alert: bool) -> None:
        """Answer a callback query (stops the button's spinner); a failure only costs the toast."""
        if len(text) > TOAST_LIMIT:
            text = text[: TOAST_LIMIT - 1] + "…"
        try:
            await answer(text=text, show_alert=alert)
        except TelegramError as exc:
            logger.warning("telegram: answerCallbackQuery failed: %s", self._redact(str(exc)))

    def _log_send_failure(self, origin: _Origin, exc: TelegramError) -> None:
        if isinstance(exc, RetryAfter):
            reason = "rate limited by Telegram"
        elif isinstance(exc, Forbidden):
            reason = "forbidden (the bot was blocked or removed)"
        else:
            reason = type(exc).__name__
        logger.warning("telegram: a command reply to chat %s was dropped, %s: %s", origin.chat_id, reason,
                       self._redact(exc.message))  # fmt: skip

    def _redact(self, text: str) -> str:
        return text.replace(self._token, "<token>") if self._token else text


def _after_command(message: Message, text: str) -> str:
    """The text after the leading ``/command`` (entity offsets are UTF-16, but a command is ASCII)."""
    entities = message.entities or message.caption_entities
    if entities and entities[0].offset == 0:
        return text[entities[0].length :].strip()
    first = text.split(maxsplit=1)
    return first[1].strip() if len(first) == 2 else ""


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _origin(message: Message) -> _Origin:
    thread_id = message.message_thread_id if message.is_topic_message else None
    return _Origin(message.chat.id, thread_id, message.message_id)


def _reply_parameters(message_id: int | None) -> ReplyParameters | None:
    return None if message_id is None else ReplyParameters(message_id, allow_sending_without_reply=True)
