"""Chat commands through real discord.py app commands against the fake Discord gateway and REST API.

:class:`DiscordDriver` turns a :class:`Scenario` into the INTERACTION_CREATE a Discord client would send (the
role's user id, Manage Guild for a chat admin, the guild channel or the user's DM), injects it through the fake
gateway, waits until the adapter has answered, and reads the reply back from the messages the fake stored for
that interaction (response, deferred response, followups). Every row of ``tests/command_scenarios.SCENARIOS``
runs through it; the Discord-specific tests below cover what the shared rows cannot (tree sync, autocomplete,
ephemeral replies, attachments, mentions, buttons, crashes, guild permissions).

Discord tests never run concurrently: discord.py's ``Route.BASE`` is process-global (pytest runs them in order).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any

import pytest
from command_harness import DISCORD_CHANNEL, DISCORD_GUILD, DISCORD_USERS, DriverReply, Role, Scenario
from fake_discord import FakeDiscord

from bot.channels.discord import DiscordChannel
from bot.commands.api import Attachment, Button, Caller, CommandService, CommandSpec, Reply
from bot.commands.discord_adapter import INTERNAL_ERROR, REFUSED_MARK, DiscordCommands, split_message

WAIT = 30.0  # generous: only a hung adapter ever waits this long
MANAGE_GUILD = 0x20
MEMBER_PERMISSIONS = 0x400 | 0x800 | 0x4000  # view channel, send messages, embed links
EPHEMERAL = 64
OPTION_STRING, OPTION_ATTACHMENT, SUB_COMMAND = 3, 11, 1


def visible_text(content: str) -> str:
    """What a person reads: markdown escapes and the anti-mention zero-width spaces removed."""
    return re.sub(r"\\([^\w\s])", r"\1", content.replace("\u200b", ""))


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
        """The INTERACTION_CREATE payload for ``/command`` with ``args`` as string options (and a file)."""
        spec = self.specs[command]
        options: list[dict[str, Any]] = []
        resolved: dict[str, Any] = {}
        for param in spec.params:
            if param.kind == "file" and upload is not None:
                attachment = self.fake.upload("watches.yaml", upload)
                options.append({"name": param.name, "type": OPTION_ATTACHMENT, "value": attachment["id"]})
                resolved = {"attachments": {attachment["id"]: attachment}}
            elif param.name in args:
                options.append({"name": param.name, "type": OPTION_STRING, "value": args[param.name]})
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


# ---------------------------------------------------------------- development service (replaced by the real one)

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64
WATCH_ID = "trump-beijing-visit"


class DevService:
    """Temporary: a few commands over in-memory state, until tests/command_fixtures.py builds the real service."""

    def __init__(self) -> None:
        from bot.commands.specs import SPECS

        self.subscriptions: set[tuple[str, str]] = set()
        self.imported: list[bytes] = []
        self._specs = SPECS

    def specs(self) -> Sequence[CommandSpec]:
        return self._specs

    async def execute(
        self, caller: Caller, command: str, args: Mapping[str, str], *, attachment: bytes | None = None
    ) -> Reply:
        spec = next(s for s in self._specs if s.name == command)
        admins = (str(DISCORD_USERS["owner"]), str(DISCORD_USERS["admin"]))
        if spec.access in ("admin", "owner") and caller.user_id not in admins:
            return Reply("only admins", ok=False)
        if command == "watches":
            return Reply(f"{WATCH_ID}: Trump **visit** @everyone <@&300000000000000009>",
                         buttons=(Button("Subscribe", "subscribe", {"watch": WATCH_ID}),))  # fmt: skip
        if command == "subscribe":
            if caller.chat_kind != "private" and not caller.chat_admin:
                return Reply("only the server's managers can subscribe it", ok=False)
            self.subscriptions.add((caller.chat_address, args["watch"]))
            return Reply(f"subscribed to {args['watch']}")
        if command == "chart":
            return Reply("chart", attachment=Attachment("chart.png", PNG, "image/png"))
        if command == "import":
            if attachment is None:
                return Reply("attach a YAML file", ok=False)
            self.imported.append(attachment)
            return Reply(f"imported {len(attachment)} bytes")
        return Reply(f"{command} {dict(args)}")

    async def complete_watch_ids(self, prefix: str, *, limit: int = 25) -> list[tuple[str, str]]:
        return [(WATCH_ID, "Trump's visit to Beijing")] if WATCH_ID.startswith(prefix) else []


class Env:
    """A running channel + adapter over a service, the fake they talk to and a driver."""

    def __init__(self, fake: FakeDiscord, channel: DiscordChannel, adapter: DiscordCommands, service: Any) -> None:
        self.fake, self.channel, self.adapter, self.service = fake, channel, adapter, service
        self.driver = DiscordDriver(fake, adapter)

    async def run(self, command: str, args: Mapping[str, str] | None = None, **kwargs: Any) -> list[dict[str, Any]]:
        return await self.driver.interact(self.driver.command(command, args or {}, **kwargs))

    async def subscribed(self, chat_address: str, watch_id: str) -> bool:
        return (chat_address, watch_id) in self.service.subscriptions

    async def imported(self) -> list[bytes]:
        return list(self.service.imported)


async def running(fake: FakeDiscord, service: CommandService) -> tuple[DiscordChannel, DiscordCommands]:
    channel = DiscordChannel("fake-token", guild_ready_timeout=0.05, ready_timeout=10)
    adapter = DiscordCommands(channel, service)
    adapter.install()
    await channel.start()
    await fake.wait_until(lambda: bool(fake.commands), timeout=WAIT)  # the tree was synced
    return channel, adapter


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord(guild_id=DISCORD_GUILD, channel_id=DISCORD_CHANNEL) as server:
        yield server


async def make_env(fake: FakeDiscord, service: Any) -> Env:
    channel, adapter = await running(fake, service)
    return Env(fake, channel, adapter, service)


@pytest.fixture
async def env(fake: FakeDiscord) -> AsyncIterator[Env]:
    environment = await make_env(fake, DevService())
    try:
        yield environment
    finally:
        await environment.channel.close()


MEMBER = DISCORD_USERS["member"]
CHAT_ADMIN = DISCORD_USERS["chat_admin"]


# ---------------------------------------------------------------- Discord-specific behaviour


async def test_tree_sync_lists_every_command_and_group_with_options(env: Env) -> None:
    (sync,) = env.fake.calls_to("PUT", f"/applications/{env.fake.application_id}/commands")
    listed = {command["name"]: command for command in sync.json}
    specs = list(env.service.specs())
    assert list(listed) == list(dict.fromkeys(spec.group for spec in specs))
    for spec in specs:
        command = listed[spec.group]
        assert 0 < len(command["description"]) <= 100
        if spec.subcommand is not None:
            sub = next(o for o in command["options"] if o["name"] == spec.subcommand)
            assert sub["type"] == SUB_COMMAND, spec.name
            options = sub.get("options", [])
        else:
            options = command.get("options", [])
        by_name = {option["name"]: option for option in options}
        assert set(by_name) == {param.name for param in spec.params}, spec.name
        required = [option.get("required", False) for option in options]
        assert required == sorted(required, reverse=True), f"{spec.name}: required options must come first"
        for param in spec.params:
            option = by_name[param.name]
            assert option.get("required", False) == param.required, (spec.name, param.name)
            assert 0 < len(option["description"]) <= 100
            assert option["type"] == (OPTION_ATTACHMENT if param.kind == "file" else OPTION_STRING), param
            assert bool(option.get("autocomplete")) == (param.kind == "watch"), (spec.name, param.name)
            choices = [choice["value"] for choice in option.get("choices", [])]
            assert choices == (list(param.choices) if param.kind == "choice" else []), (spec.name, param.name)
    assert {"watch", "feed", "baseline", "admins"} <= set(listed)
    assert env.fake.commands == [
        {**c, "id": stored["id"], "application_id": stored["application_id"], "version": stored["version"]}
        for c, stored in zip(sync.json, env.fake.commands, strict=True)
    ]


async def test_autocomplete_offers_watch_ids(env: Env) -> None:
    payload = env.fake.autocomplete(
        "status", [{"name": "watch", "type": OPTION_STRING, "value": "trump", "focused": True}], user_id=MEMBER
    )
    await env.fake.inject_dispatch("INTERACTION_CREATE", payload)
    path = f"/interactions/{payload['id']}/*/callback"
    await env.fake.wait_until(lambda: bool(env.fake.calls_to("POST", path)), timeout=WAIT)
    (callback,) = env.fake.calls_to("POST", path)
    assert callback.json["type"] == 8
    choices = callback.json["data"]["choices"]
    assert WATCH_ID in [choice["value"] for choice in choices]
    assert len(choices) <= 25 and all(len(choice["name"]) <= 100 for choice in choices)


async def test_subcommand_autocomplete_works_too(env: Env) -> None:
    payload = env.fake.autocomplete(
        "watch pause", [{"name": "watch", "type": OPTION_STRING, "value": "", "focused": True}], user_id=MEMBER
    )
    await env.fake.inject_dispatch("INTERACTION_CREATE", payload)
    path = f"/interactions/{payload['id']}/*/callback"
    await env.fake.wait_until(lambda: bool(env.fake.calls_to("POST", path)), timeout=WAIT)
    assert env.fake.calls_to("POST", path)[0].json["type"] == 8


async def test_settings_reply_is_ephemeral(env: Env) -> None:
    messages = await env.run("settings", role="chat_admin", dm=False)
    assert messages and all(int(m["flags"]) & EPHEMERAL for m in messages)
    (callback,) = env.fake.calls_to("POST", "/interactions/*/callback")
    assert callback.json["data"]["flags"] & EPHEMERAL


async def test_chart_is_deferred_and_arrives_as_a_png_attachment(env: Env) -> None:
    messages = await env.run("chart", {"watch": WATCH_ID}, dm=False)
    (callback,) = env.fake.calls_to("POST", "/interactions/*/callback")
    assert callback.json["type"] == 5, "a slow command must defer within Discord's 3 seconds"
    (followup,) = env.fake.calls_to("POST", f"/webhooks/{env.fake.application_id}/*")
    (file,) = followup.files
    assert file.filename.endswith(".png") and file.mime == "image/png"
    assert file.data.startswith(b"\x89PNG")
    assert followup.json["allowed_mentions"] == {"parse": []}
    assert reply_of(messages).attachment_mime == "image/png"


async def test_feed_text_never_mentions_anyone_and_markdown_is_literal(env: Env) -> None:
    messages = await env.run("watches", dm=False)
    (callback,) = env.fake.calls_to("POST", "/interactions/*/callback")
    data = callback.json["data"]
    assert data["allowed_mentions"] == {"parse": []}
    content = data["content"]
    assert "@everyone" not in content and "<@&300000000000000009>" not in content
    assert "@\u200beveryone" in content and "\\*\\*visit\\*\\*" in content
    assert "@everyone" in reply_of(messages).text  # still readable


async def test_button_press_runs_its_command_for_the_presser(env: Env) -> None:
    messages = await env.run("watches", user_id=MEMBER)
    reply = reply_of(messages)
    assert reply.buttons == ("Subscribe",)
    button = messages[-1]["components"][0]["components"][0]
    assert len(button["custom_id"]) <= 100
    press = env.fake.button_press(messages[-1]["id"], button["custom_id"], user_id=MEMBER)
    pressed = reply_of(await env.driver.interact(press))
    assert pressed.ok, pressed
    assert await env.subscribed(str(env.fake.dm_channel_id(MEMBER)), WATCH_ID)


async def test_button_press_in_the_guild_uses_the_pressers_permissions(env: Env) -> None:
    messages = await env.run("watches", role="chat_admin", dm=False)
    button = messages[-1]["components"][0]["components"][0]
    press = env.fake.button_press(messages[-1]["id"], button["custom_id"], user_id=MEMBER,
                                  permissions=MEMBER_PERMISSIONS)  # fmt: skip
    refused = reply_of(await env.driver.interact(press))
    assert not refused.ok
    assert not await env.subscribed(str(DISCORD_CHANNEL), WATCH_ID)
    press = env.fake.button_press(messages[-1]["id"], button["custom_id"], user_id=CHAT_ADMIN,
                                  permissions=MEMBER_PERMISSIONS | MANAGE_GUILD)  # fmt: skip
    assert reply_of(await env.driver.interact(press)).ok
    assert await env.subscribed(str(DISCORD_CHANNEL), WATCH_ID)


async def test_member_without_manage_guild_is_refused_subscribe_in_the_guild(env: Env) -> None:
    refused = reply_of(await env.run("subscribe", {"watch": WATCH_ID}, role="member", dm=False))
    assert not refused.ok and refused.text.startswith(REFUSED_MARK)
    assert not await env.subscribed(str(DISCORD_CHANNEL), WATCH_ID)
    accepted = reply_of(await env.run("subscribe", {"watch": WATCH_ID}, role="chat_admin", dm=False))
    assert accepted.ok, accepted
    assert await env.subscribed(str(DISCORD_CHANNEL), WATCH_ID)


async def test_import_downloads_the_uploaded_file_from_the_attachment_url(env: Env) -> None:
    upload = b"watches:\n  - id: bridge\n"
    reply = await env.driver.run(Scenario("import", "import", role="owner", upload=upload))
    assert reply.ok, reply
    assert await env.imported() == [upload]


class Crashing:
    """The service with one command that raises (a bug), to show the adapter survives it."""

    def __init__(self, inner: Any, command: str) -> None:
        self.inner, self.command = inner, command
        self.subscriptions = getattr(inner, "subscriptions", set())

    def specs(self) -> Sequence[CommandSpec]:
        return self.inner.specs()  # type: ignore[no-any-return]

    async def execute(self, caller: Caller, command: str, args: Mapping[str, str], **kwargs: Any) -> Reply:
        if command == self.command:
            raise RuntimeError("boom: a bug in the command")
        return await self.inner.execute(caller, command, args, **kwargs)  # type: ignore[no-any-return]

    async def complete_watch_ids(self, prefix: str, *, limit: int = 25) -> list[tuple[str, str]]:
        return await self.inner.complete_watch_ids(prefix, limit=limit)  # type: ignore[no-any-return]


async def test_a_crash_gets_the_internal_error_reply_and_the_bot_goes_on(
    fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    environment = await make_env(fake, Crashing(DevService(), "watches"))
    try:
        crashed = reply_of(await environment.run("watches"))
        assert not crashed.ok and INTERNAL_ERROR in crashed.text
        assert "boom" in caplog.text and "fake-token" not in caplog.text
        assert "boom" not in crashed.text
        after = reply_of(await environment.run("help"))
        assert after.ok and environment.channel.gateway_running
    finally:
        await environment.channel.close()


class Talkative(Crashing):
    """The service answering one command with a reply longer than a Discord message."""

    async def execute(self, caller: Caller, command: str, args: Mapping[str, str], **kwargs: Any) -> Reply:
        if command == self.command:
            lines = [f"line {n}: " + "x" * 90 + " @here" for n in range(60)]
            return Reply("\n".join(lines))
        return await self.inner.execute(caller, command, args, **kwargs)  # type: ignore[no-any-return]


async def test_a_long_reply_continues_in_followups(fake: FakeDiscord) -> None:
    environment = await make_env(fake, Talkative(DevService(), "health"))
    try:
        messages = await environment.run("health", role="owner")
        assert len(messages) >= 3 and all(len(m["content"]) <= 2000 for m in messages)
        text = reply_of(messages).text
        assert all(f"line {n}:" in text for n in range(60))
        followups = fake.calls_to("POST", f"/webhooks/{fake.application_id}/*")
        assert followups and all(c.json["allowed_mentions"] == {"parse": []} for c in followups)
    finally:
        await environment.channel.close()


async def test_an_expired_interaction_is_logged_not_raised(env: Env, caplog: pytest.LogCaptureFixture) -> None:
    env.fake.fail("POST", "/interactions/*/callback", status=404, code=10062, message="Unknown interaction")
    await env.run("help")
    assert "10062" in caplog.text
    assert reply_of(await env.run("help")).ok and env.channel.gateway_running


def test_split_message_keeps_escapes_and_limits() -> None:
    text = "\\*" * 1500
    chunks = split_message(text)
    assert all(len(chunk) <= 2000 for chunk in chunks) and "".join(chunks) == text
    assert split_message("short") == ["short"]
    words = split_message("word " * 1000)
    assert all(len(chunk) <= 2000 for chunk in words) and not any(chunk.endswith(" ") for chunk in words[:-1])
