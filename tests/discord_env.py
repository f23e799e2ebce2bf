"""The Discord command tests' shared pieces: a driver that injects interactions into the fake Discord and reads
the replies back, and a running channel + adapter over a real command service (``running``).

Used by tests/test_commands_discord.py and the Discord-specific feature tests (channel option, pings, forums,
wording); each module takes its ``fake`` / ``world`` / ``env`` fixtures from :func:`discord_fixtures`.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from command_fixtures import DISCORD_DM_BASE, GROUP_WATCH, NOW, CommandWorld, command_world
from command_harness import DISCORD_CHANNEL, DISCORD_GUILD, DISCORD_USERS, DriverReply, Role, Scenario
from fake_discord import FakeDiscord
from feedserver import FeedServer

from bot.channels.base import Channel
from bot.channels.discord import DiscordChannel
from bot.commands.api import CommandService, ParamSpec
from bot.commands.discord_adapter import INTEGER_PARAMS, REFUSED_MARK, DiscordCommands
from bot.outbox import Dispatcher, DispatchPolicy, DispatchReport
from watchers.store.subscribers import ChatSubscriptions
from watchers.store.tracking import TrackingRepository
from watchers.tracking.engine import EngineResult
from watchers.tracking.state import Alert

WAIT = 30.0  # generous: only a hung adapter ever waits this long
MANAGE_GUILD = 0x20
MEMBER_PERMISSIONS = 0x400 | 0x800 | 0x4000  # view channel, send messages, embed links
EPHEMERAL = 64
OPTION_STRING, OPTION_INTEGER, OPTION_USER, OPTION_NUMBER, OPTION_ATTACHMENT, SUB_COMMAND = 3, 4, 6, 10, 11, 1
OPTION_CHANNEL, OPTION_ROLE = 7, 8
NUMERIC = re.compile(r"-?\d+(\.\d+)?")


def visible_text(content: str) -> str:
    """What a person reads: markdown escapes and the anti-mention zero-width spaces removed."""
    return re.sub(r"\\([^\w\s]|_)", r"\1", content.replace("\u200b", ""))


def option_type(param: ParamSpec) -> int:
    """The option type the synced command list gives ``param``."""
    if param.kind == "file":
        return OPTION_ATTACHMENT
    if param.kind == "user":
        return OPTION_USER
    if param.kind == "channel":
        return OPTION_CHANNEL
    if param.kind == "role":
        return OPTION_ROLE
    if param.kind == "number":
        return OPTION_INTEGER if param.name in INTEGER_PARAMS else OPTION_NUMBER
    return OPTION_STRING


def reply_of(messages: Sequence[dict[str, Any]]) -> DriverReply:
    assert messages, "the bot sent nothing back"
    assert not any(int(m["flags"]) & 128 for m in messages), "a deferred response was never filled in"
    text = "\n".join(visible_text(m["content"]) for m in messages)
    mime = next((a["content_type"] for m in messages for a in m["attachments"]), None)
    buttons = tuple(
        component["label"]
        for m in messages
        for row in m.get("components") or []
        for component in row.get("components", [])
        if component.get("type") == 2
    )
    return DriverReply(text=text, ok=not messages[0]["content"].startswith(REFUSED_MARK), attachment_mime=mime,
                       buttons=buttons)  # fmt: skip


class DiscordDriver:
    """A :class:`command_harness.CommandDriver` over the fake Discord and a running :class:`DiscordCommands`."""

    def __init__(self, fake: FakeDiscord, adapter: DiscordCommands) -> None:
        self.fake = fake
        self.adapter = adapter
        self.specs = adapter.specs

    async def run(self, scenario: Scenario) -> DriverReply:
        payload = self.command(
            scenario.command, scenario.args, role=scenario.role, dm=scenario.place == "private", upload=scenario.upload
        )
        return reply_of(await self.interact(payload))

    def command(
        self,
        command: str,
        args: Mapping[str, str],
        *,
        role: Role = "member",
        dm: bool = True,
        upload: bytes | None = None,
        user_id: int | None = None,
    ) -> dict[str, Any]:
        """The INTERACTION_CREATE payload for ``/command`` with ``args`` as options (and a file).

        Each argument goes as the option type the synced list declares, as a Discord client sends it: a number
        as a NUMBER (or INTEGER) value, a user id as a picked USER with its resolved data. An argument Discord's
        menu could not send that way ("750 billion", "bob") goes as a string, as a client with a stale command
        list would send it; the service judges it.
        """
        spec = self.specs[command]
        options: list[dict[str, Any]] = []
        resolved: dict[str, Any] = {}
        for param in spec.params:
            if param.kind == "file" and upload is not None:
                attachment = self.fake.upload("watches.yaml", upload)
                options.append({"name": param.name, "type": OPTION_ATTACHMENT, "value": attachment["id"]})
                resolved = {"attachments": {attachment["id"]: attachment}}
            elif param.name in args:
                value = args[param.name]
                kind = option_type(param)
                if kind == OPTION_USER and value.isdigit():
                    options.append({"name": param.name, "type": OPTION_USER, "value": value})
                    resolved = self.fake.resolved_user(int(value), dm=dm)
                elif kind in (OPTION_CHANNEL, OPTION_ROLE) and value.isdigit():  # picked: resolved data comes along
                    options.append({"name": param.name, "type": kind, "value": value})
                    picked = (self.fake.resolved_channel if kind == OPTION_CHANNEL else self.fake.resolved_role)(
                        int(value)
                    )
                    resolved = {**resolved, **picked}
                elif kind == OPTION_INTEGER and value.isdigit():
                    options.append({"name": param.name, "type": OPTION_INTEGER, "value": int(value)})
                elif kind == OPTION_NUMBER and NUMERIC.fullmatch(value):
                    options.append({"name": param.name, "type": OPTION_NUMBER, "value": float(value)})
                else:
                    options.append({"name": param.name, "type": OPTION_STRING, "value": value})
        permissions = MEMBER_PERMISSIONS | (MANAGE_GUILD if role == "chat_admin" else 0)
        return self.fake.slash_command(
            command,
            options,
            user_id=user_id or DISCORD_USERS[role],
            permissions=permissions,
            dm=dm,
            resolved=resolved or None,
        )

    async def interact(self, payload: dict[str, Any]) -> list[dict[str, Any]]:
        """Inject one interaction, wait until the adapter has answered it, return the messages it produced."""
        target = self.adapter.interactions_handled + 1
        await self.fake.inject_dispatch("INTERACTION_CREATE", payload)
        await self.fake.wait_until(lambda: self.adapter.interactions_handled >= target, timeout=WAIT)
        return self.fake.interaction_messages(payload)


# ---------------------------------------------------------------- a real service on a real database

WATCH_ID = "trump-beijing-visit"


class Env:
    """A running channel + adapter over a real command service, the fake they talk to and a driver."""

    def __init__(
        self, fake: FakeDiscord, channel: DiscordChannel, adapter: DiscordCommands, world: CommandWorld
    ) -> None:
        self.fake, self.channel, self.adapter, self.world = fake, channel, adapter, world
        self.driver = DiscordDriver(fake, adapter)

    async def run(self, command: str, args: Mapping[str, str] | None = None, **kwargs: Any) -> list[dict[str, Any]]:
        return await self.driver.interact(self.driver.command(command, args or {}, **kwargs))

    async def subscribed(self, chat_address: str | int, watch_id: str) -> bool:
        async with self.world.svc.db.transaction() as session:
            rows = await ChatSubscriptions().for_target(session, "discord", str(chat_address), None)
        return any(row.active and row.watch_id in (watch_id, None) for row in rows)


def harness_identities(fake: FakeDiscord) -> None:
    """The harness's users (display name = role) and their DM channel ids, as tests/command_fixtures.py has them."""
    for index, (role, user_id) in enumerate(DISCORD_USERS.items()):
        fake.add_user(user_id, role)["global_name"] = None
        fake.dm_channels[str(user_id)] = str(DISCORD_DM_BASE + index)


@asynccontextmanager
async def running(fake: FakeDiscord, world: CommandWorld, service: CommandService | None = None) -> AsyncIterator[Env]:
    """The channel and the adapter (over ``service``, default the world's) connected to the fake, tree synced."""
    channel = DiscordChannel("fake-token", guild_ready_timeout=0.05, ready_timeout=10)
    adapter = DiscordCommands(channel, service or world.service)
    adapter.install()
    try:
        await channel.start()
        await fake.wait_until(lambda: bool(fake.commands), timeout=WAIT)  # the tree was synced
        yield Env(fake, channel, adapter, world)
    finally:
        await channel.close()


# ---------------------------------------------------------------- alerts delivered through the real channel


def news_alert(n: int, kind: str = "status", watch_id: str = GROUP_WATCH, text: str = "") -> Alert:
    """An alert as the tracker stores it (``text`` may carry hostile feed text: it lands in the embed)."""
    return Alert(
        key=f"{watch_id}#{kind}{n}",
        watch_id=watch_id,
        kind=kind,  # type: ignore[arg-type]
        at=NOW,
        old="a",
        new=f"b{n}",
        confidence="confirmed",
        sources=[f"https://news.example/{n}"],
        text=text or f"update {n}",
        rule="test",
    )


async def deliver(world: CommandWorld, channel: Channel, alerts: Sequence[Alert]) -> DispatchReport:
    """Store ``alerts`` (queued for every matching subscription, as the tracker does) and deliver them to Discord."""
    async with world.svc.db.transaction() as session:
        await TrackingRepository(world.svc.db).save(session, {}, EngineResult(alerts=list(alerts)), now=NOW)
    titles = {w.id: w.config.title for w in world.service.ctx.registry.all()}
    dispatcher = Dispatcher(world.svc.db, {"discord": channel}, world.clock, watch_titles=titles,
                            policy=DispatchPolicy(jitter=0.0))  # fmt: skip
    return await dispatcher.run_once()


def discord_fixtures() -> tuple[Callable[..., Any], Callable[..., Any], Callable[..., Any]]:
    """The ``fake``, ``world`` and ``env`` fixtures every Discord command test module binds at its top: the fake
    Discord with the harness's members, a command world on a fresh SQLite file, and the channel + adapter running
    over both. One definition, so the modules cannot drift apart."""

    @pytest.fixture
    async def fake() -> AsyncIterator[FakeDiscord]:
        async with FakeDiscord(guild_id=DISCORD_GUILD, channel_id=DISCORD_CHANNEL) as server:
            harness_identities(server)
            yield server

    @pytest.fixture
    async def world(tmp_path: Path, feed_server: FeedServer) -> AsyncIterator[CommandWorld]:
        async with command_world(f"sqlite:///{tmp_path}/commands.db", feed_server=feed_server) as built:
            yield built

    @pytest.fixture
    async def env(fake: FakeDiscord, world: CommandWorld) -> AsyncIterator[Env]:
        async with running(fake, world) as environment:
            yield environment

    return fake, world, env
