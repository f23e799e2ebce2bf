"""A small fake Telegram Bot API server on 127.0.0.1 for tests and benchmarks.

The *real* python-telegram-bot talks to it; nothing in PTB is patched::

    async with FakeTelegram() as tg:
        bot = telegram.Bot(TOKEN, base_url=tg.base_url, base_file_url=tg.base_file_url,
                           request=HTTPXRequest(httpx_kwargs={"trust_env": False}))
        # or: Application.builder().token(TOKEN).base_url(tg.base_url).base_file_url(tg.base_file_url)
        #       .request(HTTPXRequest(httpx_kwargs={"trust_env": False}))
        #       .get_updates_request(HTTPXRequest(httpx_kwargs={"trust_env": False})).build()
        await bot.initialize()                      # -> getMe
        await bot.send_message(42, "hi")
        assert tg.calls_to("sendMessage")[0].params["text"] == "hi"

Routes: ``/bot{token}/{method}`` for any method and any token (the token is recorded, :attr:`RecordedCall.token`).
Every call is recorded in :attr:`FakeTelegram.calls` with its parsed parameters: PTB posts form fields whose values
are JSON except plain strings, which are raw; known text fields (``text``, ``caption``, ...) are kept raw, others
are JSON-decoded when they parse. JSON bodies and multipart uploads (``sendPhoto``) work too.

Implemented: getMe, deleteWebhook, getUpdates (long poll honouring ``timeout``; every injected update is served
once — :meth:`FakeTelegram.inject_update`), sendMessage / sendPhoto / sendDocument (message ids increase per chat;
the Message echoes chat, date, text or caption, reply_markup and message_thread_id; uploaded bytes are in
:attr:`RecordedCall.files`, their Content-Type in :attr:`RecordedCall.file_types`), editMessageText (400 "message
is not modified" when the text is unchanged, "message to edit not found" for an unknown id), deleteMessage,
setMyCommands, answerCallbackQuery, getChatMember (the status set with :meth:`FakeTelegram.set_member_status`, else
"member"), getFile plus the download route ``/file/bot{token}/{file_path}`` for documents registered with
:meth:`FakeTelegram.add_file` (each download is recorded as a call named "download"); any other method answers
``{"ok": true, "result": true}``.

Chat commands are driven with update builders that look like what Telegram sends (a ``bot_command`` entity at
offset 0, which PTB's CommandHandler needs): :meth:`FakeTelegram.inject_command` (private chat, group, forum topic
or channel post; optionally a document with the command as its caption, or a reply to a document) and
:meth:`FakeTelegram.inject_callback_query` (a press on an inline-keyboard button of a message the bot sent).

Failure injection is queued: ``tg.fail_next(FakeTelegram.retry_after(3), chat_id=42, times=2)`` makes the next
two calls to chat 42 fail that way; without ``chat_id`` it hits the next calls to any chat (calls without a chat
— getMe, getUpdates, ... — are only hit when ``method=`` names them). Ready-made failures: :meth:`retry_after`,
:meth:`blocked`, :meth:`chat_not_found`, :meth:`migrated`, :meth:`cant_parse_entities`, :meth:`server_error`,
:meth:`timeout` (the reply is held back longer than the client waits).

``enforce_limits=True`` answers 429 (counted in :attr:`FakeTelegram.rate_limited`) when a send would exceed the
real limits: 1 message/s per chat, 30/s overall, 20/min per group (negative chat id or @name); all scalable via
constructor arguments so a test can check pacing in well under a second per window.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import time
from collections import defaultdict, deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

__all__ = ["Failure", "FakeTelegram", "RecordedCall"]

# PTB sends str values raw: never JSON-decode these (a text "123" must stay a string)
_RAW_FIELDS = frozenset(
    {"text", "caption", "parse_mode", "callback_query_id", "inline_message_id", "url", "description", "title",
     "short_description", "name", "query", "language_code", "secret_token", "business_connection_id"}
)  # fmt: skip
_UNCHAINED = frozenset({"getMe", "getUpdates", "deleteWebhook", "setWebhook", "logOut", "close", "setMyCommands"})

BOT_USER: dict[str, Any] = {
    "id": 123456,
    "is_bot": True,
    "first_name": "Followup Test Bot",
    "username": "followup_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}


@dataclass(frozen=True)
class RecordedCall:
    """One Bot API request as the fake saw it."""

    method: str
    params: dict[str, Any]
    token: str
    at: float  # time.monotonic() on arrival
    files: dict[str, bytes] = field(default_factory=dict)
    file_types: dict[str, str] = field(default_factory=dict)  # upload field -> its multipart Content-Type

    @property
    def chat_id(self) -> str | None:
        value = self.params.get("chat_id")
        return None if value is None else str(value)


@dataclass(frozen=True)
class Failure:
    """A canned error reply (or, with ``delay``, a reply held back so the client times out)."""

    status: int
    description: str
    parameters: Mapping[str, Any] | None = None
    delay: float = 0.0

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = dict(self.parameters)
        return body


@dataclass
class _Injected:
    failure: Failure
    chat_id: str | None
    method: str | None
    remaining: int


class FakeTelegram:
    """The fake Bot API server; an async context manager (``async with FakeTelegram() as tg``)."""

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        enforce_limits: bool = False,
        overall_limit: int = 30,
        overall_period: float = 1.0,
        chat_limit: int = 1,
        chat_period: float = 1.0,
        group_limit: int = 20,
        group_period: float = 60.0,
        limit_tolerance: float = 0.0,
    ) -> None:
        self.host = host
        self.port = port
        self.enforce_limits = enforce_limits
        self.overall_limit, self.overall_period = overall_limit, overall_period
        self.chat_limit, self.chat_period = chat_limit, chat_period
        self.group_limit, self.group_period = group_limit, group_period
        # the fake sees arrival times, a client paces by send times: tolerance absorbs loopback jitter
        self.limit_tolerance = limit_tolerance
        self.calls: list[RecordedCall] = []
        self.rate_limited = 0
        self.messages: dict[tuple[str, int], dict[str, Any]] = {}
        self._next_message_id: defaultdict[str, int] = defaultdict(lambda: 1)
        self._injected: list[_Injected] = []
        self._updates: deque[dict[str, Any]] = deque()
        self._next_update_id = 1
        self._update_event = asyncio.Event()
        self._polling = 0  # getUpdates calls waiting now
        self.conflicts = 0  # getUpdates answered 409 because another was waiting (two bots on one token)
        self.webhook: dict[str, Any] | None = None  # what setWebhook set
        self._closing = asyncio.Event()
        self._sent_all: deque[float] = deque()
        self._sent_chat: defaultdict[str, deque[float]] = defaultdict(deque)
        self._sent_group: defaultdict[str, deque[float]] = defaultdict(deque)
        self._runner: web.AppRunner | None = None
        self.member_status: dict[tuple[str, str], str] = {}
        self.files: dict[str, tuple[str, bytes]] = {}  # file_id -> (file_path, bytes)
        self._next_callback_id = 1

    # ---------------------------------------------------------------- lifecycle

    async def start(self) -> FakeTelegram:
        """Start serving on ``host`` (an ephemeral port unless one was given)."""
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=0.1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        server = site._server
        sockets = getattr(server, "sockets", None)
        assert sockets, "the fake Telegram server did not bind"
        self.port = int(sockets[0].getsockname()[1])
        return self

    async def stop(self) -> None:
        """Stop serving; held-back (timeout) replies and long polls are released first."""
        self._closing.set()
        self._update_event.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeTelegram:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def url(self) -> str:
        """Server root, e.g. ``http://127.0.0.1:40123`` (what TELEGRAM_API_BASE_URL / api_base_url take)."""
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """PTB's ``base_url``: the token and method are appended to it."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.url}/file/bot"

    # ---------------------------------------------------------------- inspection

    def calls_to(self, method: str) -> list[RecordedCall]:
        """The recorded calls of one method, in arrival order."""
        return [call for call in self.calls if call.method == method]

    # ---------------------------------------------------------------- updates

    def inject_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for the next getUpdates; an ``update_id`` is assigned if missing. Returns it."""
        update = dict(update)
        if "update_id" not in update:
            update["update_id"] = self._next_update_id
        self._next_update_id = max(self._next_update_id, int(update["update_id"])) + 1
        self._updates.append(update)
        self._update_event.set()
        return update

    def sent_to(self, chat_id: int | str, *, after: int = 0) -> list[RecordedCall]:
        """The sendMessage / sendPhoto / sendDocument calls to one chat, from index ``after`` of :attr:`calls`."""
        return [
            call
            for call in self.calls[after:]
            if call.method in ("sendMessage", "sendPhoto", "sendDocument") and call.chat_id == str(chat_id)
        ]

    def set_member_status(self, chat_id: int | str, user_id: int | str, status: str) -> None:
        """What getChatMember answers for this user in this chat: creator, administrator, member, left, ..."""
        self.member_status[(str(chat_id), str(user_id))] = status

    def add_file(
        self, data: bytes, *, file_name: str = "file.bin", mime_type: str = "application/octet-stream"
    ) -> dict[str, Any]:
        """Register a document the bot may download (getFile + the file route); returns the Document object."""
        file_id = f"doc-{len(self.files) + 1}"
        self.files[file_id] = (f"documents/{file_id}-{file_name}", data)
        return {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": file_name,
                "mime_type": mime_type, "file_size": len(data)}  # fmt: skip

    def inject_command(
        self,
        text: str,
        *,
        chat_id: int,
        user_id: int | None = None,
        thread_id: int | None = None,
        document: bytes | None = None,
        file_name: str = "upload.yaml",
        reply_to_document: bytes | None = None,
    ) -> dict[str, Any]:
        """Queue a message as a user sends it: ``text`` starting with a command gets its ``bot_command`` entity.

        A positive ``chat_id`` is a private chat, ``-100...`` a supergroup (``thread_id`` makes it a forum topic
        message), other negative ids a group; ``user_id=None`` in a ``-100`` chat makes it a channel post (no
        sender). ``document`` sends a file with ``text`` as its caption; ``reply_to_document`` makes the message
        a reply to an earlier message of the same user carrying that file. Returns the update.
        """
        chat = self._chat(chat_id)
        if user_id is None:
            chat = {**chat, "type": "channel", "title": "Test channel"}
        message = self._user_message(chat, user_id, thread_id)
        command = text.split(maxsplit=1)[0] if text.startswith("/") else ""
        entities = [{"type": "bot_command", "offset": 0, "length": _utf16_len(command)}] if command else []
        if document is not None:
            message["document"] = self.add_file(document, file_name=file_name)
            message["caption"] = text
            if entities:
                message["caption_entities"] = entities
        else:
            message["text"] = text
            if entities:
                message["entities"] = entities
        if reply_to_document is not None:
            original = self._user_message(chat, user_id, thread_id)
            original["document"] = self.add_file(reply_to_document, file_name=file_name)
            message["reply_to_message"] = original
        kind = "channel_post" if chat["type"] == "channel" else "message"
        return self.inject_update({kind: message})

    def inject_callback_query(self, *, chat_id: int | str, message_id: int, data: str, user_id: int) -> dict[str, Any]:
        """Queue a press by ``user_id`` on a button of the bot's message ``message_id`` in ``chat_id``."""
        message = self.messages[(str(chat_id), message_id)]
        query_id = str(self._next_callback_id)
        self._next_callback_id += 1
        query = {"id": query_id, "from": _user(user_id), "chat_instance": f"ci{chat_id}", "data": data,
                 "message": message}  # fmt: skip
        return self.inject_update({"callback_query": query})

    def _user_message(self, chat: dict[str, Any], user_id: int | None, thread_id: int | None) -> dict[str, Any]:
        key = str(chat["id"])
        message_id = self._next_message_id[key]
        self._next_message_id[key] += 1
        message: dict[str, Any] = {"message_id": message_id, "date": int(time.time()), "chat": chat}
        if user_id is None:
            message["sender_chat"] = chat
        else:
            message["from"] = _user(user_id)
        if thread_id is not None:
            chat["is_forum"] = True
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = True
        self.messages[(key, message_id)] = message
        return message

    # ---------------------------------------------------------------- failures

    def fail_next(
        self, failure: Failure, *, chat_id: int | str | None = None, method: str | None = None, times: int = 1
    ) -> None:
        """Make the next ``times`` matching calls fail with ``failure`` (per chat, per method, or any send)."""
        self._injected.append(_Injected(failure, None if chat_id is None else str(chat_id), method, times))

    @staticmethod
    def retry_after(seconds: int = 3) -> Failure:
        return Failure(429, f"Too Many Requests: retry after {seconds}", {"retry_after": seconds})

    @staticmethod
    def blocked() -> Failure:
        return Failure(403, "Forbidden: bot was blocked by the user")

    @staticmethod
    def kicked() -> Failure:
        return Failure(403, "Forbidden: bot was kicked from the supergroup chat")

    @staticmethod
    def chat_not_found() -> Failure:
        return Failure(400, "Bad Request: chat not found")

    @staticmethod
    def migrated(new_chat_id: int) -> Failure:
        return Failure(
            400, "Bad Request: group chat was upgraded to a supergroup chat", {"migrate_to_chat_id": new_chat_id}
        )

    @staticmethod
    def cant_parse_entities() -> Failure:
        return Failure(400, 'Bad Request: can\'t parse entities: Unsupported start tag "x" at byte offset 0')

    @staticmethod
    def bad_request(description: str = "Bad Request: message text is empty") -> Failure:
        return Failure(400, description)

    @staticmethod
    def server_error(status: int = 502) -> Failure:
        return Failure(status, "Bad Gateway" if status == 502 else "Internal Server Error")

    @staticmethod
    def timeout(delay: float = 5.0) -> Failure:
        """Hold the reply ``delay`` seconds (more than the client's read timeout), then answer ok."""
        return Failure(200, "", delay=delay)

    def _take_failure(self, method: str, chat_id: str | None) -> Failure | None:
        for injected in self._injected:
            if injected.method is not None and injected.method != method:
                continue
            if injected.method is None and method in _UNCHAINED:
                continue
            if injected.chat_id is not None and injected.chat_id != chat_id:
                continue
            injected.remaining -= 1
            if injected.remaining <= 0:
                self._injected.remove(injected)
            return injected.failure
        return None

    # ---------------------------------------------------------------- limits

    def _over_limit(self, chat_id: str, now: float) -> float | None:
        """Seconds to wait if this send breaks a limit (it is then not counted), else None (and it is counted)."""
        is_group = chat_id.startswith(("-", "@"))
        checks = [(self._sent_all, self.overall_limit, self.overall_period)]
        checks.append((self._sent_chat[chat_id], self.chat_limit, self.chat_period))
        if is_group:
            checks.append((self._sent_group[chat_id], self.group_limit, self.group_period))
        wait = 0.0
        for times, limit, period in checks:
            window = max(0.0, period - self.limit_tolerance)
            while times and times[0] <= now - window:
                times.popleft()
            if len(times) >= limit:
                wait = max(wait, times[0] + window - now)
        if wait > 0:
            return wait
        for times, _, _ in checks:
            times.append(now)
        return None

    # ---------------------------------------------------------------- handlers

    async def _params(self, request: web.Request) -> tuple[dict[str, Any], dict[str, bytes], dict[str, str]]:
        params: dict[str, Any] = dict(request.query)
        files: dict[str, bytes] = {}
        types: dict[str, str] = {}
        if request.content_type == "application/json":
            body = await request.json() if request.can_read_body else {}
            params.update(body or {})
            return params, files, types
        if request.can_read_body:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    files[key] = value.file.read()
                    types[key] = value.content_type
                    continue
                params[key] = value if key in _RAW_FIELDS else _maybe_json(str(value))
        return params, files, types

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        params, files, types = await self._params(request)
        now = time.monotonic()
        call = RecordedCall(method, params, request.match_info["token"], now, files, types)
        self.calls.append(call)
        chat_id = call.chat_id

        failure = self._take_failure(method, chat_id)
        if failure is not None:
            if failure.delay:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._closing.wait(), timeout=failure.delay)
            if failure.status != 200:
                return _reply(failure.status, failure.body())
        if self.enforce_limits and chat_id is not None and method.startswith("send"):
            wait = self._over_limit(chat_id, now)
            if wait is not None:
                self.rate_limited += 1
                return _reply(429, self.retry_after(max(1, math.ceil(wait))).body())

        handler = getattr(self, f"_m_{method}", None)
        result = await handler(params) if handler is not None else True
        if isinstance(result, Failure):
            return _reply(result.status, result.body())
        return _reply(200, {"ok": True, "result": result})

    async def _m_getMe(self, params: dict[str, Any]) -> Any:
        return BOT_USER

    async def _m_getUpdates(self, params: dict[str, Any]) -> Any:
        if self._polling:  # as Telegram: one long-polling consumer per bot token
            self.conflicts += 1
            return Failure(
                409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
            )
        self._polling += 1
        try:
            return await self._get_updates(params)
        finally:
            self._polling -= 1

    async def _get_updates(self, params: dict[str, Any]) -> Any:
        offset = int(params.get("offset") or 0)
        while self._updates and int(self._updates[0]["update_id"]) < offset:
            self._updates.popleft()
        if not self._updates:
            self._update_event.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._update_event.wait(), timeout=float(params.get("timeout") or 0))
        # As Telegram does, updates stay queued until a later call's offset confirms them: a long poll whose client
        # went away (a bot stopping) must not take them with it.
        return list(self._updates)

    def _chat(self, chat_id: Any) -> dict[str, Any]:
        text = str(chat_id)
        if text.startswith("@"):
            return {"id": -1000000000000 - (sum(map(ord, text)) % 10**9), "type": "channel", "username": text[1:]}
        number = int(text)
        if number > 0:
            return {"id": number, "type": "private", "first_name": "Test"}
        if text.startswith("-100"):
            return {"id": number, "type": "supergroup", "title": "Test supergroup"}
        return {"id": number, "type": "group", "title": "Test group"}

    def _new_message(self, params: dict[str, Any], **content: Any) -> dict[str, Any]:
        if params.get("reply_markup"):
            content["reply_markup"] = params["reply_markup"]
        key = str(params["chat_id"])
        message_id = self._next_message_id[key]
        self._next_message_id[key] += 1
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": self._chat(params["chat_id"]),
            "from": BOT_USER,
            **content,
        }
        if params.get("message_thread_id") is not None:
            message["message_thread_id"] = int(params["message_thread_id"])
            message["is_topic_message"] = True
        self.messages[(key, message_id)] = message
        return message

    async def _m_sendMessage(self, params: dict[str, Any]) -> Any:
        if not str(params.get("text", "")).strip():
            return Failure(400, "Bad Request: message text is empty")
        return self._new_message(params, text=params["text"])

    async def _m_sendPhoto(self, params: dict[str, Any]) -> Any:
        photo = {"file_id": "photo-1", "file_unique_id": "p1", "width": 1, "height": 1}
        extra = {"caption": params["caption"]} if params.get("caption") else {}
        return self._new_message(params, photo=[photo], **extra)

    async def _m_sendDocument(self, params: dict[str, Any]) -> Any:
        document = {"file_id": "document-1", "file_unique_id": "d1"}
        extra = {"caption": params["caption"]} if params.get("caption") else {}
        return self._new_message(params, document=document, **extra)

    async def _m_getChatMember(self, params: dict[str, Any]) -> Any:
        user_id = int(params["user_id"])
        status = self.member_status.get((str(params.get("chat_id")), str(user_id)), "member")
        member: dict[str, Any] = {"status": status, "user": _user(user_id)}
        if status == "creator":
            member["is_anonymous"] = False
        elif status == "administrator":
            member.update(dict.fromkeys(_ADMIN_RIGHTS, False), can_be_edited=False, is_anonymous=False)
        elif status == "kicked":
            member["until_date"] = 0
        elif status == "restricted":
            member.update(dict.fromkeys(_RESTRICTED_RIGHTS, False), is_member=True, until_date=0)
        return member

    async def _m_getFile(self, params: dict[str, Any]) -> Any:
        file_id = str(params.get("file_id"))
        if file_id not in self.files:
            return Failure(400, "Bad Request: invalid file_id")
        path, data = self.files[file_id]
        return {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_size": len(data), "file_path": path}

    async def _download(self, request: web.Request) -> web.StreamResponse:
        self.calls.append(RecordedCall("download", {"path": request.match_info["path"]},
                                       request.match_info["token"], time.monotonic()))  # fmt: skip
        for path, data in self.files.values():
            if path == request.match_info["path"]:
                return web.Response(body=data, content_type="application/octet-stream")
        return web.Response(status=404, text="Not Found")

    async def _m_editMessageText(self, params: dict[str, Any]) -> Any:
        if params.get("inline_message_id"):
            return True
        stored = self.messages.get((str(params.get("chat_id")), int(params.get("message_id") or 0)))
        if stored is None:
            return Failure(400, "Bad Request: message to edit not found")
        if stored.get("text") == params.get("text"):
            return Failure(
                400,
                "Bad Request: message is not modified: specified new message content and reply markup are exactly "
                "the same as a current content and reply markup of the message",
            )
        stored["text"] = params.get("text")
        stored["edit_date"] = int(time.time())
        return stored

    async def _m_deleteMessage(self, params: dict[str, Any]) -> Any:
        key = (str(params.get("chat_id")), int(params.get("message_id") or 0))
        if self.messages.pop(key, None) is None:
            return Failure(400, "Bad Request: message to delete not found")
        return True

    async def _m_deleteWebhook(self, params: dict[str, Any]) -> Any:
        self.webhook = None
        return True

    async def _m_setWebhook(self, params: dict[str, Any]) -> Any:
        """Remember the webhook (url, secret_token): a test posts updates there as Telegram would."""
        self.webhook = dict(params)
        return True

    async def _m_setMyCommands(self, params: dict[str, Any]) -> Any:
        return True

    async def _m_answerCallbackQuery(self, params: dict[str, Any]) -> Any:
        return True


_ADMIN_RIGHTS = ("can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members",
                 "can_promote_members", "can_change_info", "can_invite_users", "can_post_stories",
                 "can_edit_stories", "can_delete_stories")  # fmt: skip
_RESTRICTED_RIGHTS = ("can_send_messages", "can_send_audios", "can_send_documents", "can_send_photos",
                      "can_send_videos", "can_send_video_notes", "can_send_voice_notes", "can_send_polls",
                      "can_send_other_messages", "can_add_web_page_previews", "can_change_info",
                      "can_invite_users", "can_pin_messages", "can_manage_topics")  # fmt: skip


def _user(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": f"User{user_id}", "username": f"user{user_id}"}


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _maybe_json(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return value


def _reply(status: int, body: dict[str, Any]) -> web.Response:
    return web.Response(status=status, text=json.dumps(body), content_type="application/json")
