"""A small fake Discord (REST v10 + gateway) that the real discord.py 2.7 ``Client`` and ``Webhook`` talk to.

Why: end-to-end tests must exercise discord.py itself (payload building, rate-limit buckets, error classes, the
gateway handshake) without any network. This is an aiohttp server on 127.0.0.1 (random port) that records every
REST call and answers like Discord does, including the awkward parts discord.py depends on (exact
``Content-Type: application/json``, a ``Via`` header on real 429s, nonce de-duplication).

Usage::

    async with FakeDiscord() as fake:            # also points discord.py at the fake, restored on exit
        client = discord.Client(intents=..., guild_ready_timeout=0.05)
        ...await client.start("any-token") in a task; the fake sends HELLO, READY and one GUILD_CREATE
        fake.fail("POST", "/channels/*/messages", status=429, times=1, retry_after=0.05)
        ...send...
        fake.calls_to("POST", "/channels/*/messages")   # RecordedCall(method, path, query, json, headers, status)
        await fake.inject_dispatch("INTERACTION_CREATE", fake.slash_command("watches"))  # any gateway event
        fake.calls_to("POST", "/interactions/*/callback")[0].json   # the bot's answer ({"type": 4, "data": ...})

Ids: ``fake.guild_id``, ``fake.channel_id`` (text), ``fake.other_channel_id`` (text), ``fake.thread_id`` (a public
thread of ``channel_id``), ``fake.application_id``, ``fake.bot_user``; an unknown channel id answers 404 (10003),
like Discord. Paths in ``fail`` / ``calls_to`` are fnmatch patterns relative to ``/api/v10``. Sent and edited
messages are kept in ``fake.messages`` (id -> payload); nonce repeats dropped are in ``fake.dropped_duplicates``.
Interaction callbacks with ``?with_response=1`` get an InteractionCallbackResponse body, as discord.py expects.

Chat commands (app commands) on top of that:

- ``slash_command("watch add", options, user_id=..., permissions=..., dm=...)`` builds INTERACTION_CREATE for a
  subcommand (a space in the name nests it, as Discord does), from any user, in the guild channel or in that
  user's DM; ``autocomplete(...)`` builds a type-4 interaction (the answer is a type-8 callback);
  ``button_press(message_id, custom_id, ...)`` a type-3 component interaction on a message the bot sent.
- A modal the bot opens (callback type 9) is checked against Discord's limits (a title of at most 45
  characters, 1 to 5 components, a text input's label at most 45 and placeholder at most 100 characters; a 400
  Invalid Form Body otherwise, and always for a modal answering a modal submit) and kept in ``fake.modals``
  (interaction id -> the modal's ``data``); ``modal_for(payload)`` reads the one opened for an interaction and
  ``modal_inputs(modal)`` lists its text inputs. ``modal_submit(custom_id, {input custom_id: value}, ...)``
  builds the type-5 interaction Discord sends when the user submits it.
- ``upload(filename, data)`` registers a file the fake itself serves at ``/attachments/...`` (what an attachment
  option's ``resolved.attachments`` entry points at), so downloading an "uploaded" file touches no internet;
  served ids are listed in ``fake.downloads``.
- Followups (``POST /webhooks/{application_id}/{token}``), edits of ``@original`` and multipart sends are
  recorded; files are in ``RecordedCall.files`` and on the stored message's ``attachments``. As on Discord,
  the first followup after a deferred response (callback type 5) fills in the deferred "thinking" message and
  keeps its ephemeral flag. ``interaction_messages(payload)`` lists what a user saw for one interaction.
- ``PUT /applications/{id}/commands`` (bulk overwrite) stores the list in ``fake.commands``;
  ``visible_commands(permissions)`` is the command list a server member holding ``permissions`` sees in the
  menu (as Discord filters it by ``default_member_permissions``; Administrator sees everything, a DM shows all).
- ``resolved_user(user_id)`` is the ``resolved`` data Discord sends with a USER option (type 6) picked in the
  guild: the user and their member entry (pass it as ``slash_command(..., resolved=...)``).
- ``POST /users/@me/channels`` opens a DM channel (``fake.dm_channel_id(user_id)``), ``GET /users/{id}``
  answers for users the fake knows (``add_user``; users seen in interactions are added), 404 (10013) otherwise.
- ``await fake.wait_until(predicate)`` waits for a condition on the recorded state (no sleeps in tests).

The rest of the server, and the rules Discord applies there (tests/fake_discord_rules.py):

- ``forum_channel_id`` is a forum (type 15): ``POST /channels/{forum}/messages`` is refused (400, 50008) as on
  Discord; ``POST /channels/{forum}/threads`` with a ``message`` opens a post (a thread, kept in ``fake.threads``)
  whose first message is stored in the thread. ``delete_thread(id)`` deletes one (then it answers 404 10003).
  ``voice_channel_id`` takes no messages either; in ``readonly_channel_id`` the bot's role is denied Send Messages
  (403, 50013). ``other_guild_id`` is a second server with ``foreign_channel_id``.
- Roles: ``news_role_id`` (mentionable), ``staff_role_id`` (not), the bot's ``bot_role_id`` holding
  ``bot_permissions`` (no Mention Everyone by default; ``await set_bot_permissions(bits)`` changes them live).
- Mentions: every stored message's content is read as Discord reads it; ``fake.pings`` lists the mentions that
  notified someone, ``fake.suppressed`` those held back by ``allowed_mentions`` or missing rights (embeds never
  ping). A bad ``allowed_mentions`` (a list and its parse type together) is a 400.
- Ephemeral: the flag (64) is only for interaction responses (400 on a channel message); ``channel_view(id)``
  is what any member sees in a channel: no ephemeral replies, no "thinking" placeholders.
- ``resolved_channel(id)`` / ``resolved_role(id)`` are the ``resolved`` data Discord sends with a CHANNEL or ROLE
  option (pass to ``slash_command(..., resolved=...)``).
"""

from __future__ import annotations

import asyncio
import contextlib
import fnmatch
import itertools
import json
import mimetypes
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import discord
import discord.gateway
import discord.http
import yarl
from aiohttp import WSMsgType, web
from fake_discord_rules import (
    BOT_DEFAULT,
    FORUM,
    MENTION_EVERYONE,
    SEND_MESSAGES,
    TEXT,
    VOICE,
    Ping,
    allowed,
    channel_payload,
    forum_thread_problem,
    mentions_in,
    problem_with_allowed_mentions,
    role_payload,
)

API_PREFIX = "/api/v10"
_EXTRA_TYPES = {".yaml": "application/x-yaml", ".yml": "application/x-yaml"}  # Python < 3.13 knows no YAML type
NONCE_WINDOW_SECONDS = 300.0  # Discord keeps enforced nonces "for a few minutes"

_ERROR_BODIES: dict[int, tuple[str, int]] = {
    400: ("Invalid Form Body", 50035),
    401: ("401: Unauthorized", 0),
    403: ("Missing Access", 50001),
    404: ("Unknown Channel", 10003),
}


@dataclass(frozen=True)
class RecordedFile:
    """One file part of a multipart request (``files[n]``), as discord.py sends attachments."""

    field: str
    filename: str
    data: bytes

    @property
    def mime(self) -> str:
        """The type Discord would show for it, guessed from the name (discord.py sends octet-stream)."""
        return guess_mime(self.filename)


@dataclass
class RecordedCall:
    """One REST request as the fake saw it (``json`` is None for bodies that were not JSON)."""

    method: str
    path: str  # relative to /api/v10, e.g. "/channels/111/messages"
    query: dict[str, str]
    json: Any
    headers: dict[str, str]
    status: int = 0
    files: list[RecordedFile] = field(default_factory=list)


@dataclass
class _Failure:
    method: str | None
    pattern: str
    status: int
    remaining: int
    retry_after: float
    code: int | None
    message: str | None
    is_global: bool
    via: bool


@dataclass
class _SentNonce:
    message: dict[str, Any]
    at: float


@dataclass
class FakeDiscord:
    """The fake server; use as ``async with FakeDiscord() as fake``. See the module docstring."""

    patch_discord_py: bool = True
    heartbeat_interval_ms: int = 41_250
    guild_id: int = 0  # 0: a generated snowflake; tests sharing fixed ids (tests/command_harness.py) pass theirs
    channel_id: int = 0
    calls: list[RecordedCall] = field(default_factory=list)
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    dropped_duplicates: list[RecordedCall] = field(default_factory=list)
    identifies: list[dict[str, Any]] = field(default_factory=list)
    commands: list[dict[str, Any]] = field(default_factory=list)  # the last global bulk overwrite
    modals: dict[str, dict[str, Any]] = field(default_factory=dict)  # interaction id -> modal opened for it

    def __post_init__(self) -> None:
        self._ids = itertools.count(1_300_000_000_000_000_000)
        generated_guild, generated_channel = next(self._ids), next(self._ids)
        self.guild_id = self.guild_id or generated_guild
        self.channel_id = self.channel_id or generated_channel
        self.other_channel_id = next(self._ids)
        self.thread_id = next(self._ids)
        self.application_id = next(self._ids)
        self.role_id = self.guild_id  # @everyone has the guild's id
        self.owner_id = next(self._ids)
        self.bot_user: dict[str, Any] = {
            "id": str(self.application_id),
            "username": "followup",
            "discriminator": "0",
            "global_name": None,
            "avatar": None,
            "bot": True,
        }
        self.owner_user: dict[str, Any] = {
            "id": str(self.owner_id),
            "username": "owner",
            "discriminator": "0",
            "global_name": "Owner",
            "avatar": None,
        }
        self.users: dict[str, dict[str, Any]] = {
            self.bot_user["id"]: self.bot_user,
            self.owner_user["id"]: self.owner_user,
        }
        self.dm_channels: dict[str, str] = {}  # user id -> DM channel id
        self.files: dict[str, tuple[str, bytes]] = {}  # attachment id -> (filename, data), served by the fake
        self.downloads: list[str] = []  # attachment ids the bot downloaded
        self._interaction_channels: dict[str, str] = {}  # interaction token -> channel id of its messages
        self._interaction_types: dict[str, int] = {}  # interaction id -> its type (2 command, 3 button, 5 modal)
        self._changed = asyncio.Event()
        self._failures: list[_Failure] = []
        self._nonces: dict[tuple[str, str], _SentNonce] = {}
        self._sockets: list[web.WebSocketResponse] = []
        self._seq = 0
        self._runner: web.AppRunner | None = None
        self._saved: tuple[str, yarl.URL] | None = None
        self.ready = asyncio.Event()  # set once READY + GUILD_CREATE were sent to a client
        self.port = 0
        # the rest of the server (drawn after the ids above, so those keep their values)
        self.forum_channel_id = next(self._ids)  # a forum: no plain messages, one thread per post
        self.voice_channel_id = next(self._ids)
        self.readonly_channel_id = next(self._ids)  # the bot's role is denied Send Messages there
        self.other_guild_id = next(self._ids)  # another server the bot is in, with one text channel
        self.foreign_channel_id = next(self._ids)
        self.admin_role_id = next(self._ids)
        self.bot_role_id = next(self._ids)  # the bot's own (managed) role: its permissions are bot_permissions
        self.news_role_id = next(self._ids)  # a role anyone may mention
        self.staff_role_id = next(self._ids)  # a role only Mention Everyone may ping
        self.bot_permissions = BOT_DEFAULT  # no Mention Everyone unless a test grants it (set_bot_permissions)
        self.threads: dict[str, dict[str, Any]] = {}  # forum posts the bot opened: thread id -> channel payload
        self.pings: list[Ping] = []  # mentions that notified someone
        self.suppressed: list[Ping] = []  # mentions written in content that allowed_mentions or rights held back

    # ---------------------------------------------------------------- lifecycle

    @property
    def base_url(self) -> str:
        """REST base to give discord.py (``discord.http.Route.BASE``)."""
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gw"

    async def __aenter__(self) -> FakeDiscord:
        app = web.Application()
        app.router.add_get("/gw", self._gateway)
        app.router.add_get("/attachments/{attachment_id}/{filename}", self._attachment)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets  # type: ignore[attr-defined]
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
        if self.patch_discord_py:
            self._saved = (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
            discord.http.Route.BASE = self.base_url
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)
        return self

    async def __aexit__(self, *exc: object) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()
        if self._saved is not None:
            discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = self._saved

    # ---------------------------------------------------------------- test controls

    def fail(
        self,
        method: str | None,
        path: str,
        *,
        status: int,
        times: int = 1,
        retry_after: float = 0.05,
        code: int | None = None,
        message: str | None = None,
        is_global: bool = False,
        via: bool = True,
    ) -> None:
        """Make the next ``times`` calls matching ``method`` (None = any) and the fnmatch ``path`` fail.

        429 answers carry ``Via``, ``Retry-After`` and ``X-RateLimit-*`` headers and a JSON ``retry_after``, as
        Discord does; ``via=False`` drops ``Via`` to model a Cloudflare block, which discord.py does not retry.
        """
        self._failures.append(_Failure(method, path, status, times, retry_after, code, message, is_global, via))

    def calls_to(self, method: str | None = None, path: str = "*") -> list[RecordedCall]:
        """Recorded calls matching ``method`` (None = any) and the fnmatch pattern ``path``."""
        return [c for c in self.calls if (method is None or c.method == method) and fnmatch.fnmatchcase(c.path, path)]

    async def inject_dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send a gateway DISPATCH (op 0) ``event`` with payload ``data`` to every connected client.

        Waits for a client to be ready first, so a test can call it right after starting the client.
        """
        await asyncio.wait_for(self.ready.wait(), timeout=5)
        for ws in list(self._sockets):
            await self._dispatch(ws, event, data)

    def new_id(self) -> int:
        """A fresh snowflake, e.g. for an interaction or a user in an injected event."""
        return next(self._ids)

    async def wait_until(self, predicate: Callable[[], bool], *, timeout: float = 10.0) -> None:
        """Wait until ``predicate()`` holds: re-checked after every recorded call, and every 10 ms for conditions
        on the bot's own state (a counter it bumps after its last call). Fails with TimeoutError after ``timeout``.
        """

        async def check() -> None:
            while not predicate():
                self._changed.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), timeout=0.01)

        await asyncio.wait_for(check(), timeout=timeout)

    def add_user(self, user_id: int, name: str = "user") -> dict[str, Any]:
        """Make a user known (``GET /users/{id}``, DMs, interactions); returns its payload."""
        user = self.users.get(str(user_id))
        if user is None:
            user = {"id": str(user_id), "username": name, "discriminator": "0", "global_name": name.title(),
                    "avatar": None}  # fmt: skip
            self.users[str(user_id)] = user
        return user

    def dm_channel_id(self, user_id: int) -> int:
        """The id of the bot's DM channel with ``user_id`` (the same one ``POST /users/@me/channels`` opens)."""
        key = str(user_id)
        if key not in self.dm_channels:
            self.dm_channels[key] = str(self.new_id())
        return int(self.dm_channels[key])

    def dm_payload(self, user_id: int) -> dict[str, Any]:
        return {"id": str(self.dm_channel_id(user_id)), "type": 1, "last_message_id": None, "flags": 0,
                "recipients": [self.add_user(user_id)]}  # fmt: skip

    def upload(self, filename: str, data: bytes) -> dict[str, Any]:
        """Register a file "uploaded" with a command; returns the attachment object for ``resolved.attachments``.

        Its ``url`` points at this fake, so the bot downloads it over loopback.
        """
        attachment_id = str(self.new_id())
        self.files[attachment_id] = (filename, data)
        url = f"http://127.0.0.1:{self.port}/attachments/{attachment_id}/{filename}"
        return {"id": attachment_id, "filename": filename, "size": len(data), "url": url, "proxy_url": url,
                "content_type": guess_mime(filename)}  # fmt: skip

    def resolved_user(self, user_id: int, *, dm: bool = False) -> dict[str, Any]:
        """``data.resolved`` for a USER option that picked ``user_id``: the user, and in a guild their member."""
        user = self.add_user(user_id)
        resolved: dict[str, Any] = {"users": {str(user_id): user}}
        if not dm:
            resolved["members"] = {str(user_id): {"roles": [], "joined_at": _now_iso(), "flags": 0,
                                                  "permissions": "1024"}}  # fmt: skip
        return resolved

    def visible_commands(self, permissions: int, *, dm: bool = False) -> list[str]:
        """The top-level commands a member with ``permissions`` sees in the guild's menu (or in a DM: all).

        Discord hides a command whose ``default_member_permissions`` the member does not all hold; "0" hides it
        from everyone but Administrator (0x8), who sees every command.
        """
        shown: list[str] = []
        for command in self.commands:
            raw = command.get("default_member_permissions")
            required = None if raw is None else int(raw)
            administrator = bool(permissions & 0x8)
            if dm or required is None or administrator or (required and permissions & required == required):
                shown.append(command["name"])
        return shown

    def slash_command(
        self,
        name: str,
        options: list[dict[str, Any]] | None = None,
        *,
        channel_id: int | None = None,
        admin: bool = True,
        user_id: int | None = None,
        permissions: int | None = None,
        dm: bool = False,
        resolved: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """An INTERACTION_CREATE payload for ``/name`` (type 2), by default typed in a guild channel by the owner.

        ``options`` are Discord's option objects, e.g. ``[{"name": "watch", "type": 3, "value": "bridge"}]``; a
        name with a space (``"watch add"``) becomes the subcommand ``add`` of the group ``watch``, the options
        nested under it. ``admin=False`` sends it from a member without Administrator; ``user_id`` from that user
        with ``permissions`` (an int bit set; Manage Guild is 0x20) as the member's resolved permissions;
        ``dm=True`` from that user's DM with the bot (no guild, no member). ``resolved`` goes into ``data``
        (``{"attachments": {id: fake.upload(...)}}``). Push it with ``await fake.inject_dispatch(
        "INTERACTION_CREATE", payload)``; the answer is a ``POST /interactions/{id}/{token}/callback``.
        """
        return self._interaction(
            2,
            {"id": str(self.new_id()), "name": name.split(" ")[0], "type": 1,
             "options": _nest_options(name, options or [])} | ({"resolved": resolved} if resolved else {}),
            channel_id=channel_id, admin=admin, user_id=user_id, permissions=permissions, dm=dm,
        )  # fmt: skip

    def autocomplete(
        self,
        name: str,
        options: list[dict[str, Any]],
        *,
        user_id: int | None = None,
        permissions: int | None = None,
        dm: bool = False,
    ) -> dict[str, Any]:
        """An autocomplete interaction (type 4): mark the option being typed with ``"focused": True``.

        The bot answers with a callback of type 8 whose ``data.choices`` are the suggestions.
        """
        return self._interaction(
            4,
            {"id": str(self.new_id()), "name": name.split(" ")[0], "type": 1, "options": _nest_options(name, options)},
            channel_id=None, admin=True, user_id=user_id, permissions=permissions, dm=dm,
        )  # fmt: skip

    def button_press(
        self,
        message_id: int | str,
        custom_id: str,
        *,
        user_id: int | None = None,
        permissions: int | None = None,
        dm: bool = False,
    ) -> dict[str, Any]:
        """A component interaction (type 3): someone pressed the button ``custom_id`` on a stored message."""
        message = _public(self.messages[int(message_id)])
        channel = int(message["channel_id"])
        in_dm = dm or channel not in {self.channel_id, self.other_channel_id, self.thread_id}
        return self._interaction(
            3,
            {"custom_id": custom_id, "component_type": 2},
            channel_id=None if in_dm else channel, admin=True, user_id=user_id, permissions=permissions, dm=in_dm,
            message=message,
        )  # fmt: skip

    def modal_submit(
        self,
        custom_id: str,
        values: dict[str, str],
        *,
        user_id: int | None = None,
        permissions: int | None = None,
        dm: bool = False,
        channel_id: int | None = None,
    ) -> dict[str, Any]:
        """A modal submit interaction (type 5): the user filled in the modal ``custom_id`` with ``values`` (text
        input custom id -> what they typed), each input in its own action row, as Discord sends it."""
        rows = [{"type": 1, "components": [{"type": 4, "custom_id": key, "value": value}]}
                for key, value in values.items()]  # fmt: skip
        return self._interaction(
            5,
            {"custom_id": custom_id, "components": rows},
            channel_id=channel_id, admin=True, user_id=user_id, permissions=permissions, dm=dm,
        )  # fmt: skip

    def modal_for(self, interaction: dict[str, Any]) -> dict[str, Any] | None:
        """The modal (callback ``data``: custom_id, title, components) the bot opened for ``interaction``."""
        return self.modals.get(interaction["id"])

    @staticmethod
    def modal_inputs(modal: dict[str, Any]) -> list[dict[str, Any]]:
        """A modal's text inputs (type 4) in order, whether in action rows (type 1) or labels (type 18)."""
        found: list[dict[str, Any]] = []
        for component in modal.get("components") or []:
            inner = component.get("components") or ([component["component"]] if "component" in component else [])
            found += [c for c in inner if c.get("type") == 4]
        return found

    def _interaction(
        self,
        kind: int,
        data: dict[str, Any],
        *,
        channel_id: int | None,
        admin: bool,
        user_id: int | None,
        permissions: int | None,
        dm: bool,
        message: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        if user_id is not None:
            user = self.add_user(user_id)
        elif admin:
            user = self.owner_user
        else:
            user = self.add_user(self.new_id(), "member")
        payload: dict[str, Any] = {
            "id": str(self.new_id()),
            "application_id": str(self.application_id),
            "type": kind,
            "token": f"interaction-token-{self.new_id()}",
            "version": 1,
            "app_permissions": "8",
            "attachment_size_limit": 10_485_760,
            "locale": "en-US",
            "entitlements": [],
            "data": data,
        }
        if message is not None:
            payload["message"] = message
        if dm:
            channel_payload = self.dm_payload(int(user["id"]))
            payload |= {"channel_id": channel_payload["id"], "channel": channel_payload, "user": user,
                        "context": 1, "authorizing_integration_owners": {"0": str(self.guild_id)}}  # fmt: skip
        else:
            channel = channel_id or self.channel_id
            channel_payload = next(
                (c for c in self.channel_payloads() if c["id"] == str(channel)), self.thread_payload()
            )
            if permissions is None:
                permissions = 8 if admin else 1024
            payload |= {
                "guild_id": str(self.guild_id),
                "guild_locale": "en-US",
                "channel_id": str(channel),
                "channel": channel_payload,
                "member": {"user": user, "roles": [], "joined_at": _now_iso(), "deaf": False, "mute": False,
                           "flags": 0, "permissions": str(permissions)},
                "authorizing_integration_owners": {"0": str(self.guild_id)},
                "context": 0,
            }  # fmt: skip
        self._interaction_channels[payload["token"]] = payload["channel_id"]
        self._interaction_types[payload["id"]] = kind
        return payload

    def interaction_messages(self, interaction: dict[str, Any]) -> list[dict[str, Any]]:
        """The messages a user saw for one interaction: its response, then its followups, in order."""
        token = interaction["token"]
        mine = [m for m in self.messages.values() if m.get("_webhook_token") == token]
        return [_public(m) for m in sorted(mine, key=lambda m: int(m["id"]))]

    def channel_payloads(self) -> list[dict[str, Any]]:
        """The guild's channels: two text channels, a forum, a voice channel and one the bot may not post in."""
        deny = [{"id": str(self.bot_role_id), "type": 0, "allow": "0", "deny": str(SEND_MESSAGES)}]
        listed = [(self.channel_id, "alerts", TEXT, None), (self.other_channel_id, "general", TEXT, None),
                  (self.forum_channel_id, "news-forum", FORUM, None), (self.voice_channel_id, "voice", VOICE, None),
                  (self.readonly_channel_id, "announcements-readonly", TEXT, deny)]  # fmt: skip
        return [channel_payload(cid, name, kind, self.guild_id, pos, overwrites)
                for pos, (cid, name, kind, overwrites) in enumerate(listed)]  # fmt: skip

    def _roles(self) -> list[dict[str, Any]]:
        everyone = role_payload(self.guild_id, "@everyone", 1024, 0)
        return [everyone, role_payload(self.admin_role_id, "admins", 8, 1),
                role_payload(self.bot_role_id, "followup", self.bot_permissions, 2, managed=True),
                role_payload(self.news_role_id, "news", 0, 3, mentionable=True),
                role_payload(self.staff_role_id, "staff", 0, 4)]  # fmt: skip

    def _other_guild_payload(self) -> dict[str, Any]:
        """A second server the bot is in: enough for "that channel is not in this server"."""
        payload = self._guild_payload()
        bot_member = {"user": self.bot_user, "roles": [], "joined_at": _now_iso(), "deaf": False, "mute": False,
                      "flags": 0}  # fmt: skip
        return payload | {
            "id": str(self.other_guild_id), "name": "Another Guild", "owner_id": str(self.owner_id),
            "roles": [role_payload(self.other_guild_id, "@everyone", 1024 | 2048 | 16384, 0)],
            "channels": [channel_payload(self.foreign_channel_id, "elsewhere", TEXT, self.other_guild_id, 0)],
            "threads": [], "members": [bot_member], "member_count": 1,
        }  # fmt: skip

    def thread_payload(self) -> dict[str, Any]:
        return {
            "id": str(self.thread_id),
            "type": 11,
            "name": "followups",
            "guild_id": str(self.guild_id),
            "parent_id": str(self.channel_id),
            "owner_id": str(self.owner_id),
            "message_count": 0,
            "member_count": 1,
            "rate_limit_per_user": 0,
            "thread_metadata": {
                "archived": False,
                "auto_archive_duration": 1440,
                "archive_timestamp": _now_iso(),
                "locked": False,
            },
        }

    # ---------------------------------------------------------------- gateway

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets.append(ws)
        try:
            await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": self.heartbeat_interval_ms}}))
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                payload = json.loads(msg.data)
                op = payload.get("op")
                if op == 1:
                    await ws.send_str(json.dumps({"op": 11}))
                elif op == 2:
                    self.identifies.append(payload["d"])
                    await self._send_ready(ws)
                elif op == 6:  # RESUME: tell the client it worked
                    await self._dispatch(ws, "RESUMED", {})
        finally:
            self._sockets.remove(ws)
        return ws

    async def _dispatch(self, ws: web.WebSocketResponse, event: str, data: dict[str, Any]) -> None:
        self._seq += 1
        await ws.send_str(json.dumps({"op": 0, "t": event, "s": self._seq, "d": data}))

    async def _send_ready(self, ws: web.WebSocketResponse) -> None:
        await self._dispatch(
            ws,
            "READY",
            {
                "v": 10,
                "user": self.bot_user,
                "guilds": [
                    {"id": str(self.guild_id), "unavailable": True},
                    {"id": str(self.other_guild_id), "unavailable": True},
                ],
                "session_id": "fake-session",
                "resume_gateway_url": self.gateway_url,
                "application": {"id": str(self.application_id), "flags": 0},
                "private_channels": [],
                "relationships": [],
                "_trace": ["fake-discord"],
            },
        )
        await self._dispatch(ws, "GUILD_CREATE", self._guild_payload())
        await self._dispatch(ws, "GUILD_CREATE", self._other_guild_payload())
        self.ready.set()

    def _guild_payload(self) -> dict[str, Any]:
        gid = str(self.guild_id)
        member = {"user": self.owner_user, "roles": [str(self.admin_role_id)], "joined_at": _now_iso(),
                  "deaf": False, "mute": False, "flags": 0}  # fmt: skip
        bot_member = {**member, "user": self.bot_user, "roles": [str(self.bot_role_id)]}
        return {
            "id": gid,
            "name": "Followup Test Guild",
            "icon": None,
            "owner_id": str(self.owner_id),
            "unavailable": False,
            "member_count": 2,
            "large": False,
            "features": [],
            "roles": self._roles(),
            "channels": self.channel_payloads(),
            "threads": [self.thread_payload()],
            "members": [member, bot_member],
            "emojis": [],
            "stickers": [],
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "joined_at": _now_iso(),
            "preferred_locale": "en-US",
            "premium_tier": 0,
            "mfa_level": 0,
            "verification_level": 0,
            "explicit_content_filter": 0,
            "default_message_notifications": 0,
            "nsfw_level": 0,
            "system_channel_flags": 0,
        }

    # ---------------------------------------------------------------- REST

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        raw = await request.read()
        body: Any = None
        files: list[RecordedFile] = []
        if raw and request.content_type == "application/json":
            body = json.loads(raw)
        elif raw and request.content_type.startswith("multipart/"):
            body, files = _parse_multipart(raw, request.headers.get("Content-Type", ""))
        call = RecordedCall(request.method, path, dict(request.query), body, dict(request.headers), files=files)
        self.calls.append(call)
        response = self._injected_failure(call) or self._route(call)
        call.status = response.status
        self._changed.set()
        return response

    async def _attachment(self, request: web.Request) -> web.Response:
        """Serve an uploaded file (see :meth:`upload`), as Discord's CDN would."""
        found = self.files.get(request.match_info["attachment_id"])
        if found is None or found[0] != request.match_info["filename"]:
            return web.Response(status=404)
        self.downloads.append(request.match_info["attachment_id"])
        return web.Response(body=found[1], content_type=guess_mime(found[0]))

    def _injected_failure(self, call: RecordedCall) -> web.Response | None:
        for failure in self._failures:
            if failure.remaining <= 0:
                continue
            if failure.method is not None and failure.method != call.method:
                continue
            if not fnmatch.fnmatchcase(call.path, failure.pattern):
                continue
            failure.remaining -= 1
            if failure.status == 429:
                headers = {
                    "Retry-After": str(max(1, round(failure.retry_after))),
                    "X-RateLimit-Limit": "5",
                    "X-RateLimit-Remaining": "0",
                    "X-RateLimit-Reset-After": str(failure.retry_after),
                    "X-RateLimit-Bucket": "fake-bucket",
                    "X-RateLimit-Scope": "global" if failure.is_global else "user",
                }
                if failure.via:
                    headers["Via"] = "1.1 google"
                if failure.is_global:
                    headers["X-RateLimit-Global"] = "true"
                body = {"message": "You are being rate limited.", "retry_after": failure.retry_after,
                        "global": failure.is_global}  # fmt: skip
                return _json(body, status=429, headers=headers)
            message, code = _ERROR_BODIES.get(failure.status, ("Internal Server Error", 0))
            if failure.status == 404 and call.path.startswith("/webhooks/"):
                message, code = "Unknown Webhook", 10015
            return _error(
                failure.status, failure.message or message, failure.code if failure.code is not None else code
            )
        return None

    def _route(self, call: RecordedCall) -> web.Response:
        parts = call.path.strip("/").split("/")
        method = call.method
        if method == "GET" and parts == ["users", "@me"]:
            return _json(self.bot_user)
        if method == "GET" and parts == ["oauth2", "applications", "@me"]:
            return _json(self._application())
        if method == "GET" and parts == ["gateway"]:
            return _json({"url": self.gateway_url})
        if method == "POST" and parts == ["users", "@me", "channels"]:
            recipient = str((call.json or {}).get("recipient_id", ""))
            if recipient not in self.users:
                return _error(400, "Invalid Recipient(s)", 50033)
            return _json(self.dm_payload(int(recipient)))
        if method == "GET" and len(parts) == 2 and parts[0] == "users":
            found = self.users.get(parts[1])
            return _json(found) if found is not None else _error(404, "Unknown User", 10013)
        if parts[0] == "applications" and method == "PUT" and parts[-1] == "commands":
            commands = call.json if isinstance(call.json, list) else []
            stored = [{**c, "id": str(self.new_id()), "application_id": str(self.application_id), "version": "1"}
                      for c in commands]  # fmt: skip
            if "guilds" not in parts:
                self.commands = stored
            return _json(stored)
        if parts[0] == "applications" and method == "GET" and parts[-1] == "commands":
            return _json(self.commands if "guilds" not in parts else [])
        if parts[0] == "channels" and len(parts) >= 2:
            return self._channel_route(call, parts)
        if parts[0] == "interactions" and len(parts) == 4 and parts[3] == "callback" and method == "POST":
            return self._interaction_callback(call, parts)
        if parts[0] == "webhooks" and len(parts) >= 3:
            return self._webhook_route(call, parts)
        return _error(404, "404: Not Found", 0)

    def _known_channels(self) -> set[str]:
        fixed = (self.channel_id, self.other_channel_id, self.thread_id, self.forum_channel_id, self.voice_channel_id,
                 self.readonly_channel_id, self.foreign_channel_id)  # fmt: skip
        return {*(str(c) for c in fixed), *self.threads, *self.dm_channels.values()}

    def _channel_route(self, call: RecordedCall, parts: list[str]) -> web.Response:
        channel_id = parts[1]
        if channel_id not in self._known_channels():
            return _error(404, "Unknown Channel", 10003)
        if call.method == "GET" and len(parts) == 2:
            if channel_id == str(self.thread_id):
                return _json(self.thread_payload())
            if channel_id in self.threads:
                return _json(self.threads[channel_id])
            dm_user = next((u for u, c in self.dm_channels.items() if c == channel_id), None)
            if dm_user is not None:
                return _json(self.dm_payload(int(dm_user)))
            everything = self.channel_payloads() + self._other_guild_payload()["channels"]
            return _json(next(c for c in everything if c["id"] == channel_id))
        if call.method == "POST" and parts[2:] == ["threads"]:
            return self._open_forum_post(channel_id, call.json or {})
        if call.method == "POST" and parts[2:] == ["messages"]:
            body = call.json or {}
            refused = self._post_problem(channel_id, body)
            if refused is not None:
                return refused
            nonce = body.get("nonce")
            if nonce and body.get("enforce_nonce"):
                self._forget_old_nonces()
                seen = self._nonces.get((channel_id, str(nonce)))
                if seen is not None:
                    self.dropped_duplicates.append(call)
                    return _json(seen.message)
            message = self._store_message(channel_id, body, author=self.bot_user, files=call.files)
            if nonce and body.get("enforce_nonce"):
                self._nonces[(channel_id, str(nonce))] = _SentNonce(message, time.monotonic())
            return _json(message)
        if len(parts) == 4 and parts[2] == "messages":
            stored = self.messages.get(int(parts[3])) if parts[3].isdigit() else None
            if stored is None or stored["channel_id"] != channel_id:
                return _error(404, "Unknown Message", 10008)
            if call.method == "PATCH":
                return _json(self._update_message(stored, call.json or {}))
            if call.method == "GET":
                return _json(stored)
            if call.method == "DELETE":
                del self.messages[int(stored["id"])]
                return web.Response(status=204)
        return _error(404, "404: Not Found", 0)

    def _post_problem(self, channel_id: str, body: dict[str, Any]) -> web.Response | None:
        """Discord's answer to a message it refuses in ``channel_id``, or None when it takes it."""
        if channel_id in (str(self.forum_channel_id), str(self.voice_channel_id)):
            return _error(400, "Cannot send messages in a non-text channel", 50008)
        if channel_id == str(self.readonly_channel_id):
            return _error(403, "Missing Permissions", 50013)
        if int(body.get("flags") or 0) & 64:
            return _error(400, "Invalid Form Body: ephemeral is only for interaction responses", 50035)
        problem = problem_with_allowed_mentions(body.get("allowed_mentions"))
        return _error(400, f"Invalid Form Body: {problem}", 50035) if problem else None

    def _open_forum_post(self, channel_id: str, body: dict[str, Any]) -> web.Response:
        """``POST /channels/{forum}/threads``: a new post (thread) and its first message, as Discord answers it."""
        if channel_id != str(self.forum_channel_id):
            return _error(400, "Invalid Form Body: only a forum's posts are opened here", 50035)
        problem = forum_thread_problem(body)
        if problem is not None:
            return _error(400, f"Invalid Form Body: {problem}", 50035)
        thread_id = str(self.new_id())
        thread = self.thread_payload() | {"id": thread_id, "name": body["name"], "parent_id": channel_id,
                                          "owner_id": str(self.application_id)}  # fmt: skip
        self.threads[thread_id] = thread
        message = self._store_message(thread_id, dict(body["message"]), author=self.bot_user)
        return _json({**thread, "message": message})

    def delete_thread(self, thread_id: int | str) -> None:
        """Someone deleted a forum post: its thread is gone (sends to it answer 404 Unknown Channel)."""
        self.threads.pop(str(thread_id), None)

    def channel_view(self, channel_id: int | str) -> list[dict[str, Any]]:
        """The messages any member sees in a channel: ephemeral replies and "thinking" placeholders left out."""
        return [_public(m) for m in self.messages.values()
                if m["channel_id"] == str(channel_id) and not int(m["flags"]) & (64 | 128)]  # fmt: skip

    def resolved_channel(self, channel_id: int, *, member_permissions: int = 0x7FFFFFFF) -> dict[str, Any]:
        """``data.resolved`` for a CHANNEL option that picked ``channel_id`` (partial, as Discord sends it: id,
        name, type and the *member's* permissions there; thread metadata for threads)."""
        known = self.channel_payloads() + self._other_guild_payload()["channels"] + [self.thread_payload()]
        found = next((c for c in known if c["id"] == str(channel_id)), None) or self.threads.get(str(channel_id))
        found = found or {"id": str(channel_id), "name": "unknown", "type": TEXT}
        partial = {k: found[k] for k in ("id", "name", "type")} | {"permissions": str(member_permissions)}
        for key in ("parent_id", "thread_metadata"):
            if key in found:
                partial[key] = found[key]
        return {"channels": {str(channel_id): partial}}

    def resolved_role(self, role_id: int) -> dict[str, Any]:
        """``data.resolved`` for a ROLE option that picked ``role_id`` (the role's full object)."""
        role = next(r for r in self._roles() if r["id"] == str(role_id))
        return {"roles": {str(role_id): role}}

    async def set_bot_permissions(self, permissions: int) -> None:
        """Change what the bot's role may do, live (GUILD_ROLE_UPDATE), e.g. to grant Mention Everyone."""
        self.bot_permissions = permissions
        role = next(r for r in self._roles() if r["id"] == str(self.bot_role_id))
        await self.inject_dispatch("GUILD_ROLE_UPDATE", {"guild_id": str(self.guild_id), "role": role})

    def _interaction_callback(self, call: RecordedCall, parts: list[str]) -> web.Response:
        body = call.json or {}
        kind = int(body.get("type", 4))
        data = body.get("data") or {}
        token = parts[2]
        interaction = {"id": parts[1], "type": 2, "response_message_loading": kind == 5,
                       "response_message_ephemeral": bool(int(data.get("flags") or 0) & 64)}  # fmt: skip
        resource: dict[str, Any] = {"type": kind}
        if kind == 9:
            problem = _modal_problem(data, self._interaction_types.get(parts[1]))
            if problem is not None:
                return _error(400, f"Invalid Form Body: {problem}", 50035)
            self.modals[parts[1]] = data
        if kind in (4, 5):
            channel = self._interaction_channels.get(token, str(self.channel_id))
            if kind == 5:  # "thinking": an empty message flagged LOADING (128), filled in by the first followup
                data = {"flags": (int(data.get("flags") or 0) & 64) | 128}
            message = self._store_message(
                channel, data, author=self.bot_user, interaction_token=token, files=call.files
            )
            interaction["response_message_id"] = message["id"]
            if kind == 4:
                resource["message"] = message
        if call.query.get("with_response") in ("1", "true", "True"):
            return _json({"interaction": interaction, "resource": resource})
        return web.Response(status=204)

    def _webhook_route(self, call: RecordedCall, parts: list[str]) -> web.Response:
        webhook_id, token = parts[1], parts[2]
        if call.method == "POST" and len(parts) == 3 and token in self._interaction_channels:
            return self._followup(call, token)
        if call.method == "POST" and len(parts) == 3:
            channel = call.query.get("thread_id") or str(self.channel_id)
            message = self._store_message(channel, call.json or {}, author=self._webhook_author(webhook_id),
                                          webhook=(webhook_id, token), files=call.files)  # fmt: skip
            if call.query.get("wait") in ("1", "true", "True"):
                return _json(message)
            return web.Response(status=204)
        if len(parts) == 5 and parts[3] == "messages":
            stored = self._find_webhook_message(webhook_id, token, parts[4])
            if stored is None:
                return _error(404, "Unknown Message", 10008)
            if call.method == "PATCH":
                return _json(self._update_message(stored, call.json or {}))
            if call.method == "GET":
                return _json(stored)
            if call.method == "DELETE":
                del self.messages[int(stored["id"])]
                return web.Response(status=204)
        return _error(404, "Unknown Webhook", 10015)

    def _followup(self, call: RecordedCall, token: str) -> web.Response:
        """A followup message: the first one after a deferred response fills in the "thinking" message."""
        body = call.json or {}
        loading = next((m for m in self.messages.values()
                        if m.get("_webhook_token") == token and int(m["flags"]) & 128), None)  # fmt: skip
        if loading is not None:
            body = {**body, "flags": int(loading["flags"]) & 64}  # the defer decided who sees it
            loading["flags"] = 0
            if call.files:
                loading["attachments"] = self._attachments(call.files)
            return _json(self._update_message(loading, body))
        channel = self._interaction_channels[token]
        message = self._store_message(channel, body, author=self.bot_user, interaction_token=token, files=call.files)
        return _json(message)

    # ---------------------------------------------------------------- message store

    def _application(self) -> dict[str, Any]:
        return {
            "id": str(self.application_id),
            "name": "followup",
            "icon": None,
            "description": "",
            "bot_public": False,
            "bot_require_code_grant": False,
            "owner": self.owner_user,
            "team": None,
            "verify_key": "0" * 64,
            "flags": 0,
            "summary": "",
            "rpc_origins": [],
        }

    def _webhook_author(self, webhook_id: str) -> dict[str, Any]:
        return {"id": webhook_id, "username": "Followup", "discriminator": "0000", "avatar": None, "bot": True}

    def _store_message(
        self,
        channel_id: str,
        body: dict[str, Any],
        *,
        author: dict[str, Any],
        webhook: tuple[str, str] | None = None,
        interaction_token: str | None = None,
        files: list[RecordedFile] | None = None,
    ) -> dict[str, Any]:
        message_id = self.new_id()
        message: dict[str, Any] = {
            "id": str(message_id),
            "channel_id": channel_id,
            "author": author,
            "content": body.get("content") or "",
            "timestamp": _now_iso(),
            "edited_timestamp": None,
            "tts": bool(body.get("tts", False)),
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": self._attachments(files or []),
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "pinned": False,
            "type": 0,
            "flags": int(body.get("flags") or 0),
        }
        if channel_id not in self.dm_channels.values():
            message["guild_id"] = str(self.guild_id)
        self._read_mentions(message, body.get("allowed_mentions"), by_bot=webhook is None)
        if body.get("nonce") is not None:
            message["nonce"] = body["nonce"]
        if webhook is not None:
            message["webhook_id"] = webhook[0]
            message["_webhook_token"] = webhook[1]
        if interaction_token is not None:
            message["_webhook_token"] = interaction_token
            message["webhook_id"] = str(self.application_id)
        self.messages[message_id] = message
        return _public(message)

    def _read_mentions(self, message: dict[str, Any], allowed_mentions: Any, *, by_bot: bool) -> None:
        """Who the message's content pings, as Discord decides (tests/fake_discord_rules.py): into ``pings`` or
        ``suppressed``, and into the message's own ``mention_*`` fields."""
        roles = {r["id"]: r for r in self._roles()}
        can_everyone = not by_bot or bool(self.bot_permissions & (MENTION_EVERYONE | 8))
        for target in mentions_in(message["content"]):
            role = roles.get(target.removeprefix("role:"))
            mentionable = bool(role and role["mentionable"])
            ping = Ping(message["id"], message["channel_id"], target)
            if allowed(target, allowed_mentions, mentionable, can_everyone):
                self.pings.append(ping)
                if target in ("@here", "@everyone"):
                    message["mention_everyone"] = True
                elif target.startswith("role:"):
                    message["mention_roles"].append(target.removeprefix("role:"))
            else:
                self.suppressed.append(ping)

    def _attachments(self, files: list[RecordedFile]) -> list[dict[str, Any]]:
        """Attachment objects for sent files; the fake serves them like uploads."""
        return [self.upload(f.filename, f.data) for f in files]

    def _update_message(self, stored: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
        for key in ("content", "embeds", "components", "flags"):
            if key in body:
                stored[key] = body[key]
        stored["edited_timestamp"] = _now_iso()
        return _public(stored)

    def _find_webhook_message(self, webhook_id: str, token: str, message_id: str) -> dict[str, Any] | None:
        candidates: Iterable[dict[str, Any]] = self.messages.values()
        mine = [m for m in candidates if m.get("webhook_id") == webhook_id and m.get("_webhook_token") == token]
        if message_id == "@original":
            return mine[0] if mine else None
        return next((m for m in mine if m["id"] == message_id), None)

    def _forget_old_nonces(self) -> None:
        horizon = time.monotonic() - NONCE_WINDOW_SECONDS
        for key in [k for k, v in self._nonces.items() if v.at < horizon]:
            del self._nonces[key]


def guess_mime(filename: str) -> str:
    """The content type Discord reports for an uploaded file, from its name."""
    for suffix, mime in _EXTRA_TYPES.items():
        if filename.lower().endswith(suffix):
            return mime
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


def _public(message: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in message.items() if not k.startswith("_")}


def _now_iso() -> str:
    return datetime.now(UTC).isoformat()


def _json(body: Any, *, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    # Exactly "application/json": with aiohttp's default "; charset=utf-8" discord.py treats the body as text.
    all_headers = {"Content-Type": "application/json", **(headers or {})}
    return web.Response(body=json.dumps(body).encode(), status=status, headers=all_headers)


def _error(status: int, message: str, code: int) -> web.Response:
    return _json({"message": message, "code": code}, status=status)


def _modal_problem(modal: dict[str, Any], interaction_type: int | None) -> str | None:
    """Why Discord would refuse this modal (callback type 9), or None."""
    if interaction_type == 5:
        return "a modal submit cannot be answered with another modal"
    title = modal.get("title") or ""
    if not 1 <= len(title) <= 45 or not modal.get("custom_id") or len(modal["custom_id"]) > 100:
        return "the modal's title (1-45 characters) or custom_id (1-100) is out of bounds"
    components = modal.get("components") or []
    if not 1 <= len(components) <= 5:
        return f"a modal holds 1 to 5 components, not {len(components)}"
    for component in FakeDiscord.modal_inputs(modal):
        label, placeholder = component.get("label") or "", component.get("placeholder") or ""
        if not 1 <= len(label) <= 45 or len(placeholder) > 100 or not 1 <= len(component.get("custom_id", "")) <= 100:
            return f"text input {component.get('custom_id')!r}: label, placeholder or custom_id too long"
        if int(component.get("max_length") or 4000) > 4000:
            return f"text input {component.get('custom_id')!r}: max_length above 4000"
    return None


def _nest_options(name: str, options: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Options of ``/group sub`` (and ``/group subgroup sub``) nest under SUB_COMMAND (1) / GROUP (2) options."""
    words = name.split(" ")
    nested = options
    for index in range(len(words) - 1, 0, -1):
        kind = 1 if index == len(words) - 1 else 2
        nested = [{"name": words[index], "type": kind, "options": nested}]
    return nested


def _parse_multipart(raw: bytes, header: str) -> tuple[Any, list[RecordedFile]]:
    """Split a multipart/form-data body into its ``payload_json`` (parsed) and its file parts."""
    boundary = next((p.split("=", 1)[1].strip('"') for p in header.split(";") if p.strip().startswith("boundary=")), "")
    if not boundary:
        return None, []
    payload: Any = None
    files: list[RecordedFile] = []
    for part in raw.split(b"--" + boundary.encode())[1:]:
        if part.startswith(b"--"):
            break
        head, _, body = part.partition(b"\r\n\r\n")
        body = body.removesuffix(b"\r\n")
        disposition = next(
            (line for line in head.decode("utf-8", "replace").split("\r\n")
             if line.lower().startswith("content-disposition")), ""
        )  # fmt: skip
        params = dict(
            (key.strip(), value.strip().strip('"'))
            for key, _, value in (item.partition("=") for item in disposition.split(";")[1:])
        )
        if "filename" in params:
            files.append(RecordedFile(params.get("name", ""), params["filename"], body))
        elif params.get("name") == "payload_json":
            try:
                payload = json.loads(body)
            except ValueError:
                payload = None
    return payload, files
