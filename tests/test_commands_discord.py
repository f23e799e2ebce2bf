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

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any

import discord
import pytest
from command_fixtures import CommandWorld, caller_for, feed_path
from command_harness import DISCORD_CHANNEL, DISCORD_USERS, Place, Role, Scenario
from command_scenarios import SCENARIOS, WATCH_ADD
from discord_env import (
    EPHEMERAL,
    MANAGE_GUILD,
    MEMBER_PERMISSIONS,
    OPTION_INTEGER,
    OPTION_NUMBER,
    OPTION_STRING,
    OPTION_USER,
    SUB_COMMAND,
    WAIT,
    WATCH_ID,
    Env,
    discord_fixtures,
    option_type,
    reply_of,
    running,
)
from fake_discord import FakeDiscord
from feedserver import FeedItem, build_rss

from bot.commands.api import Caller, CommandService, CommandSpec, ParamSpec, Reply
from bot.commands.discord_adapter import (
    FORM_ID,
    FORM_INPUT_PREFIX,
    INTERNAL_ERROR,
    REFUSED_MARK,
    build_commands,
    split_message,
)
from bot.commands.guided_form import FIELDS

fake, world, env = discord_fixtures()  # the fake Discord, a command world on SQLite, and both running


# ---------------------------------------------------------------- the shared scenarios


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[scenario.id for scenario in SCENARIOS])
async def test_scenario(env: Env, scenario: Scenario) -> None:
    reply = await env.driver.run(scenario)
    assert reply.ok == scenario.ok, reply.text
    for expected in scenario.expect:
        assert expected.lower() in reply.text.lower(), (expected, reply.text)
    if scenario.attachment is not None:
        assert reply.attachment_mime == scenario.attachment, reply


MEMBER = DISCORD_USERS["member"]
CHAT_ADMIN = DISCORD_USERS["chat_admin"]


# ---------------------------------------------------------------- Discord-specific behaviour


async def test_tree_sync_lists_every_command_and_group_with_options(env: Env) -> None:
    (sync,) = env.fake.calls_to("PUT", f"/applications/{env.fake.application_id}/commands")
    listed = {command["name"]: command for command in sync.json}
    specs = list(env.world.service.specs())
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
            assert option["type"] == option_type(param), param
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
    messages = await env.run("chart", {"watch": "china-us-soybean-purchases"}, dm=False)
    (callback,) = env.fake.calls_to("POST", "/interactions/*/callback")
    assert callback.json["type"] == 5, "a slow command must defer within Discord's 3 seconds"
    (followup,) = env.fake.calls_to("POST", f"/webhooks/{env.fake.application_id}/*")
    (file,) = followup.files
    assert file.filename.endswith(".png") and file.mime == "image/png"
    assert file.data.startswith(b"\x89PNG")
    assert followup.json["allowed_mentions"] == {"parse": []}
    assert reply_of(messages).attachment_mime == "image/png"


HOSTILE_TITLE = "Trump **visit** @everyone <@&300000000000000009> @here"


async def test_feed_text_never_mentions_anyone_and_markdown_is_literal(env: Env) -> None:
    edited = reply_of(
        await env.run("watch edit", {"watch": WATCH_ID, "field": "title", "value": HOSTILE_TITLE}, role="owner")
    )
    assert edited.ok, edited
    mark = len(env.fake.calls)
    messages = await env.run("status", {"watch": WATCH_ID}, dm=False)
    bodies = [c.json.get("data", c.json) for c in env.fake.calls[mark:] if c.method in ("POST", "PATCH") and c.json]
    sends = [body for body in bodies if "content" in body]
    assert sends
    for body in sends:
        assert body["allowed_mentions"] == {"parse": []}
        for mention in ("@everyone", "@here", "<@&300000000000000009>", "**visit**"):
            assert mention not in body["content"], (mention, body["content"])
    first = sends[0]["content"]
    assert "@\u200beveryone" in first and "\\*\\*visit\\*\\*" in first
    assert HOSTILE_TITLE in reply_of(messages).text  # still readable as typed


async def test_button_press_runs_its_command_for_the_presser(env: Env) -> None:
    messages = await env.run("status", {"watch": WATCH_ID}, user_id=MEMBER)
    assert "Subscribe" in reply_of(messages).buttons
    message = next(m for m in messages if m["components"])
    button = next(b for row in message["components"] for b in row["components"] if b["label"] == "Subscribe")
    assert len(button["custom_id"]) <= 100
    press = env.fake.button_press(message["id"], button["custom_id"], user_id=MEMBER)
    pressed = reply_of(await env.driver.interact(press))
    assert pressed.ok, pressed
    assert await env.subscribed(env.fake.dm_channel_id(MEMBER), WATCH_ID)


async def test_button_press_in_the_guild_uses_the_pressers_permissions(env: Env) -> None:
    messages = await env.run("status", {"watch": WATCH_ID}, role="chat_admin", dm=False)
    message = next(m for m in messages if m["components"])
    button = next(b for row in message["components"] for b in row["components"] if b["label"] == "Subscribe")
    press = env.fake.button_press(message["id"], button["custom_id"], user_id=MEMBER,
                                  permissions=MEMBER_PERMISSIONS)  # fmt: skip
    refused_messages = await env.driver.interact(press)
    refused = reply_of(refused_messages)
    assert not refused.ok, refused
    assert all(int(m["flags"]) & EPHEMERAL for m in refused_messages), "a refused press is the presser's alone"
    assert not await env.subscribed(DISCORD_CHANNEL, WATCH_ID)
    press = env.fake.button_press(message["id"], button["custom_id"], user_id=CHAT_ADMIN,
                                  permissions=MEMBER_PERMISSIONS | MANAGE_GUILD)  # fmt: skip
    accepted = reply_of(await env.driver.interact(press))
    assert accepted.ok, accepted
    assert await env.subscribed(DISCORD_CHANNEL, WATCH_ID)


async def test_member_without_manage_guild_is_refused_subscribe_in_the_guild_privately(env: Env) -> None:
    refused_messages = await env.run("subscribe", {"watch": WATCH_ID}, role="member", dm=False)
    refused = reply_of(refused_messages)
    assert not refused.ok and refused.text.startswith(REFUSED_MARK)
    assert all(int(m["flags"]) & EPHEMERAL for m in refused_messages), "the channel must not see a refusal"
    assert not await env.subscribed(DISCORD_CHANNEL, WATCH_ID)
    accepted_messages = await env.run("subscribe", {"watch": WATCH_ID}, role="chat_admin", dm=False)
    accepted = reply_of(accepted_messages)
    assert accepted.ok, accepted
    assert not any(int(m["flags"]) & EPHEMERAL for m in accepted_messages), "the channel sees it subscribed"
    assert await env.subscribed(DISCORD_CHANNEL, WATCH_ID)


@pytest.mark.parametrize("command", ["unsubscribe", "mute"])
async def test_other_refusals_in_the_guild_are_private_too(env: Env, command: str) -> None:
    args = {"watch": WATCH_ID} if command == "unsubscribe" else {"duration": "2h"}
    messages = await env.run(command, args, role="member", dm=False)
    assert not reply_of(messages).ok
    assert all(int(m["flags"]) & EPHEMERAL for m in messages)


async def test_bad_input_is_private_even_for_a_public_command(env: Env) -> None:
    messages = await env.run("status", {"watch": "no-such-watch"}, dm=False)
    assert not reply_of(messages).ok and all(int(m["flags"]) & EPHEMERAL for m in messages)
    shown = await env.run("status", {"watch": WATCH_ID}, dm=False)
    assert reply_of(shown).ok and not any(int(m["flags"]) & EPHEMERAL for m in shown)


async def test_a_refused_slow_command_never_shows_in_the_channel(env: Env) -> None:
    """/check is deferred at once; for a member it is refused, so even the "thinking" message is private."""
    payload = env.driver.command("check", {}, role="member", dm=False)
    messages = await env.driver.interact(payload)
    refused = reply_of(messages)
    assert not refused.ok and "owners and admins" in refused.text, refused
    (callback,) = env.fake.calls_to("POST", "/interactions/*/callback")
    assert callback.json["type"] == 5 and callback.json["data"]["flags"] & EPHEMERAL
    assert messages and all(int(m["flags"]) & EPHEMERAL for m in messages)
    assert not env.fake.calls_to("DELETE", "*")  # no public placeholder had to be taken back


async def test_export_then_import_round_trips_through_discord_attachments(env: Env) -> None:
    exported = await env.run("export", role="owner")
    assert all(int(m["flags"]) & EPHEMERAL for m in exported)
    (attachment,) = [a for m in exported for a in m["attachments"]]
    assert attachment["filename"].endswith((".yaml", ".yml"))
    filename, data = env.fake.files[attachment["id"]]
    assert b"trump-beijing-visit" in data
    reply = await env.driver.run(Scenario("import", "import", role="owner", upload=data))
    assert reply.ok, reply
    (downloaded,) = env.fake.downloads  # the adapter fetched the upload from its URL (on the fake)
    assert env.fake.files[downloaded] == ("watches.yaml", data)


class Crashing:
    """The real service with one command that raises (a bug), to show the adapter survives it."""

    def __init__(self, inner: CommandService, command: str) -> None:
        self.inner, self.command = inner, command

    def specs(self) -> Sequence[CommandSpec]:
        return self.inner.specs()

    async def execute(self, caller: Caller, command: str, args: Mapping[str, str], **kwargs: Any) -> Reply:
        if command == self.command:
            raise RuntimeError("boom: a bug in the command")
        return await self.inner.execute(caller, command, args, **kwargs)

    async def complete_watch_ids(self, prefix: str, *, limit: int = 25) -> list[tuple[str, str]]:
        return await self.inner.complete_watch_ids(prefix, limit=limit)

    async def refusal(self, caller: Caller, command: str) -> str | None:
        return await self.inner.refusal(caller, command)


async def test_a_crash_gets_the_internal_error_reply_and_the_bot_goes_on(
    fake: FakeDiscord, world: CommandWorld, caplog: pytest.LogCaptureFixture
) -> None:
    async with running(fake, world, Crashing(world.service, "watches")) as environment:
        crashed = reply_of(await environment.run("watches"))
        assert not crashed.ok and INTERNAL_ERROR in crashed.text
        assert "boom" in caplog.text and "fake-token" not in caplog.text
        assert "boom" not in crashed.text
        after = reply_of(await environment.run("help"))
        assert after.ok and environment.channel.gateway_running


class Talkative(Crashing):
    """The real service answering one command with a reply longer than a Discord message."""

    async def execute(self, caller: Caller, command: str, args: Mapping[str, str], **kwargs: Any) -> Reply:
        if command == self.command:
            return Reply("\n".join(f"line {n}: " + "x" * 90 + " @here" for n in range(60)))
        return await self.inner.execute(caller, command, args, **kwargs)


async def test_a_long_reply_continues_in_followups(fake: FakeDiscord, world: CommandWorld) -> None:
    async with running(fake, world, Talkative(world.service, "health")) as environment:
        messages = await environment.run("health", role="owner")
        assert len(messages) >= 3 and all(len(m["content"]) <= 2000 for m in messages)
        text = reply_of(messages).text
        assert all(f"line {n}:" in text for n in range(60))
        followups = fake.calls_to("POST", f"/webhooks/{fake.application_id}/*")
        assert followups and all(c.json["allowed_mentions"] == {"parse": []} for c in followups)


class Recording(Crashing):
    """The real service, remembering every Caller the adapter built."""

    def __init__(self, inner: CommandService) -> None:
        super().__init__(inner, command="")
        self.callers: list[Caller] = []

    async def execute(self, caller: Caller, command: str, args: Mapping[str, str], **kwargs: Any) -> Reply:
        self.callers.append(caller)
        return await self.inner.execute(caller, command, args, **kwargs)


@pytest.mark.parametrize("place", ["private", "group"])
async def test_the_caller_is_the_one_the_shared_fixtures_expect(
    fake: FakeDiscord, world: CommandWorld, place: Place
) -> None:
    recording = Recording(world.service)
    async with running(fake, world, recording) as environment:
        for role in DISCORD_USERS:
            await environment.driver.run(Scenario(f"{role}-{place}", "help", role=role, place=place))
    assert recording.callers == [caller_for("discord", role, place) for role in DISCORD_USERS]


async def test_administrator_counts_as_managing_the_guild(fake: FakeDiscord, world: CommandWorld) -> None:
    recording = Recording(world.service)
    async with running(fake, world, recording) as environment:
        payload = fake.slash_command("help", user_id=MEMBER, permissions=0x8)
        await environment.driver.interact(payload)
        payload = fake.slash_command("help", user_id=MEMBER, permissions=MEMBER_PERMISSIONS, channel_id=fake.thread_id)
        await environment.driver.interact(payload)
    admin, in_thread = recording.callers
    assert admin.chat_admin and admin.chat_kind == "guild"
    assert not in_thread.chat_admin and in_thread.chat_address == str(fake.thread_id)


class Slow(Crashing):
    """The real service, except that ``command`` waits until the test lets it finish (and may answer privately)."""

    def __init__(self, inner: CommandService, command: str, *, ephemeral: bool = False) -> None:
        super().__init__(inner, command)
        self.release = asyncio.Event()
        self.ephemeral = ephemeral

    async def execute(self, caller: Caller, command: str, args: Mapping[str, str], **kwargs: Any) -> Reply:
        if command == self.command:
            await self.release.wait()
            return Reply("finished after a while", ephemeral=self.ephemeral)
        return await self.inner.execute(caller, command, args, **kwargs)


async def test_a_command_that_takes_long_is_deferred_then_answered(fake: FakeDiscord, world: CommandWorld) -> None:
    slow = Slow(world.service, "health")
    async with running(fake, world, slow) as environment:
        environment.adapter.defer_after = 0.05
        payload = environment.driver.command("health", {}, role="owner")
        await fake.inject_dispatch("INTERACTION_CREATE", payload)
        await fake.wait_until(lambda: bool(fake.calls_to("POST", "/interactions/*/callback")), timeout=WAIT)
        (callback,) = fake.calls_to("POST", "/interactions/*/callback")
        assert callback.json["type"] == 5 and not fake.calls_to("POST", f"/webhooks/{fake.application_id}/*")
        slow.release.set()
        await fake.wait_until(lambda: environment.adapter.interactions_handled >= 1, timeout=WAIT)
    (message,) = fake.interaction_messages(payload)
    assert message["content"] == "finished after a while" and not int(message["flags"]) & EPHEMERAL


async def test_a_private_answer_after_a_public_defer_replaces_the_placeholder(
    fake: FakeDiscord, world: CommandWorld
) -> None:
    slow = Slow(world.service, "check", ephemeral=True)  # "check" is deferred at once, visibly
    async with running(fake, world, slow) as environment:
        payload = environment.driver.command("check", {}, role="owner", dm=False)
        await fake.inject_dispatch("INTERACTION_CREATE", payload)
        await fake.wait_until(lambda: bool(fake.calls_to("POST", "/interactions/*/callback")), timeout=WAIT)
        slow.release.set()
        await fake.wait_until(lambda: environment.adapter.interactions_handled >= 1, timeout=WAIT)
    (callback,) = fake.calls_to("POST", "/interactions/*/callback")
    assert callback.json["type"] == 5 and not callback.json.get("data", {}).get("flags")
    assert fake.calls_to("DELETE", f"/webhooks/{fake.application_id}/*/messages/@original")
    (message,) = fake.interaction_messages(payload)
    assert message["content"] == "finished after a while" and int(message["flags"]) & EPHEMERAL


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


def test_commands_are_built_from_any_specs_not_a_fixed_list() -> None:
    """A one-word spec that is also a group becomes "<group> show"; "a b c" nests a subcommand group."""

    async def run(interaction: Any, values: Mapping[str, Any]) -> None: ...

    async def complete(interaction: Any, current: str) -> list[Any]:
        return []

    specs = [
        CommandSpec("admins", "list the admins"),
        CommandSpec("admins add", "add one", (ParamSpec("user", "who"),)),
        CommandSpec(
            "zone set", "deep", (ParamSpec("when", "when", kind="date", required=False), ParamSpec("in", "kw"))
        ),
        CommandSpec(
            "ping", "top level", (ParamSpec("class", "a keyword as a name", kind="choice", choices=("a", "b")),)
        ),
        CommandSpec("watch feed add", "nested", (ParamSpec("watch", "id", kind="watch"),)),
    ]
    built = {command.name: command for command in build_commands(specs, lambda spec: run, complete)}
    assert set(built) == {"admins", "zone", "ping", "watch"}
    admins = built["admins"]
    assert isinstance(admins, discord.app_commands.Group)
    assert sorted(c.name for c in admins.commands) == ["add", "show"]
    zone_set = built["zone"].get_command("set")  # type: ignore[union-attr]
    assert [p.display_name for p in zone_set.parameters] == ["in", "when"]  # required first; keywords are fine
    ping = built["ping"]
    assert isinstance(ping, discord.app_commands.Command)
    assert [c.value for c in ping.parameters[0].choices] == ["a", "b"]
    nested = built["watch"].get_command("feed")  # type: ignore[union-attr]
    assert isinstance(nested, discord.app_commands.Group) and nested.get_command("add") is not None


async def test_an_oversized_upload_is_refused_before_downloading(env: Env) -> None:
    env.adapter.max_upload_bytes = 10
    reply = await env.driver.run(Scenario("import-big", "import", role="owner", upload=b"x" * 11))
    assert not reply.ok and "limit" in reply.text
    assert not env.fake.downloads


# ---------------------------------------------------------------- /watch add with no options: the form (a modal)

ADMIN = DISCORD_USERS["admin"]
MODAL = 9  # interaction callback type that opens a modal
FORM_LABELS = ["Title", "Kind", "News", "Words an article must contain", "Where it stands now"]
DEAL_ANSWERS = ["US-UK trade deal", "agreement", "US UK trade deal", "trade deal, tariffs", "pending by 2026-12-31"]


async def open_form(env: Env, role: Role = "admin", *, dm: bool = True) -> tuple[dict[str, Any] | None, list[Any]]:
    """``/watch add`` with no options: the modal the bot opened (None if it did not) and the messages it sent."""
    payload = env.driver.command("watch add", {}, role=role, dm=dm)
    messages = await env.driver.interact(payload)
    return env.fake.modal_for(payload), messages


async def submit(
    env: Env, modal: dict[str, Any], answers: Sequence[str], role: Role = "admin", *, dm: bool = True
) -> list[dict[str, Any]]:
    """Fill in the modal's inputs in order with ``answers`` and submit it; the messages the bot answered with."""
    inputs = env.fake.modal_inputs(modal)
    values = {field["custom_id"]: answer for field, answer in zip(inputs, answers, strict=True)}
    permissions = MEMBER_PERMISSIONS | (MANAGE_GUILD if role == "chat_admin" else 0)
    payload = env.fake.modal_submit(modal["custom_id"], values, user_id=DISCORD_USERS[role], permissions=permissions,
                                    dm=dm)  # fmt: skip
    return await env.driver.interact(payload)


async def test_watch_add_without_options_opens_a_form_that_adds_the_watch(env: Env) -> None:
    modal, messages = await open_form(env)
    assert modal is not None and not messages
    (callback,) = env.fake.calls_to("POST", "/interactions/*/callback")
    assert callback.json["type"] == MODAL
    inputs = env.fake.modal_inputs(modal)
    assert [field["label"] for field in inputs] == FORM_LABELS
    assert all(field["required"] for field in inputs) and inputs[0]["max_length"] == 200
    assert "2 million t of 12 million t by 2026-12-31" in inputs[4]["placeholder"]
    assert modal["custom_id"] == FORM_ID and modal["title"]

    messages = await submit(env, modal, DEAL_ANSWERS)
    reply = reply_of(messages)
    assert reply.ok and "added us-uk-trade-deal" in reply.text, reply
    assert all(int(m["flags"]) & EPHEMERAL for m in messages)
    assert "Subscribe to us-uk-trade-deal" in reply.buttons
    stored = env.world.service.ctx.registry.get("us-uk-trade-deal")
    assert stored is not None and stored.source == "chat"
    watch = stored.config
    assert (watch.title, watch.kind, watch.baseline.status) == ("US-UK trade deal", "agreement", "pending")
    assert str(watch.baseline.due) == "2026-12-31" and watch.match.any == ["trade deal", "tariffs"]
    assert [feed.google_news for feed in watch.feeds] == ["US UK trade deal"]

    again = reply_of(await submit(env, modal, DEAL_ANSWERS))  # the same form still answers; the id is taken now
    assert not again.ok and "exists already" in again.text
    assert "Title: US-UK trade deal" in again.text and "Where it stands now: pending by 2026-12-31" in again.text


async def test_the_form_adds_a_metric_from_its_figures(env: Env) -> None:
    modal, _ = await open_form(env, "owner", dm=False)
    assert modal is not None
    url = env.world.feed_server.url(feed_path("china-us-soybean-purchases"))
    answers = ["China's US sorghum purchases", "metric", url, "sorghum", "2 million t of 12 million t by 2026-12-31"]
    messages = await submit(env, modal, answers, "owner", dm=False)
    reply = reply_of(messages)
    assert reply.ok and "added china-s-us-sorghum-purchases" in reply.text, reply
    assert all(int(m["flags"]) & EPHEMERAL for m in messages)
    stored = env.world.service.ctx.registry.get("china-s-us-sorghum-purchases")
    assert stored is not None
    watch = stored.config
    assert watch.kind == "metric" and watch.metric is not None and watch.metric.unit == "t"
    assert watch.baseline.value == 2_000_000
    assert watch.target is not None and watch.target.value == 12_000_000 and str(watch.target.due) == "2026-12-31"
    assert [feed.url for feed in watch.feeds] == [url]


@pytest.mark.parametrize(
    ("answers", "problem"),
    [
        (["US-UK trade deal", "promise", "US UK trade deal", "trade deal", "pending"], "kind 'promise'"),
        (["US-UK trade deal", "agreement", "US UK trade deal", "trade deal", "pending by next spring"], "not a date"),
        (["Moon landing", "event", "moon landing", "moon", "planned by 2026-14"], "2026-14"),
        (["Grain", "metric", "grain purchases", "grain", "2 million doses of 12 million"], "'doses' is not a unit"),
    ],
    ids=["bad-kind", "bad-due", "bad-expected", "bad-unit"],
)
async def test_a_bad_answer_is_named_privately_and_every_answer_echoed(
    env: Env, answers: list[str], problem: str
) -> None:
    modal, _ = await open_form(env)
    assert modal is not None
    before = [watch.id for watch in env.world.service.ctx.registry.all()]
    messages = await submit(env, modal, answers)
    reply = reply_of(messages)
    assert not reply.ok and reply.text.startswith(REFUSED_MARK) and problem in reply.text, reply
    assert all(int(m["flags"]) & EPHEMERAL for m in messages)
    assert "example of the one-line form: /watch add id:" in reply.text  # slash-command options, as typed
    for label, answer in zip(FORM_LABELS, answers, strict=True):
        assert f"{label}: {answer}" in reply.text
    assert [watch.id for watch in env.world.service.ctx.registry.all()] == before


@pytest.mark.parametrize(("role", "dm"), [("member", True), ("chat_admin", False)])
async def test_no_form_for_a_caller_who_may_not_add_watches(env: Env, role: Role, dm: bool) -> None:
    modal, messages = await open_form(env, role, dm=dm)
    assert modal is None and not env.fake.modals
    reply = reply_of(messages)
    assert not reply.ok and "owners and admins" in reply.text, reply
    assert all(int(m["flags"]) & EPHEMERAL for m in messages)
    (callback,) = env.fake.calls_to("POST", "/interactions/*/callback")
    assert callback.json["type"] == 4


async def test_a_form_submitted_by_someone_without_rights_is_refused(env: Env) -> None:
    modal, _ = await open_form(env)  # an admin opened it; a member submits the same form (a stale or forged one)
    assert modal is not None
    refused = reply_of(await submit(env, modal, DEAL_ANSWERS, "member"))
    assert not refused.ok and "owners and admins" in refused.text, refused
    assert env.world.service.ctx.registry.get("us-uk-trade-deal") is None


async def test_a_form_opened_before_a_restart_still_adds(env: Env) -> None:
    """Nothing is kept between opening and submitting: a submit this process never opened is answered."""
    values = {FORM_INPUT_PREFIX + field.name: answer for field, answer in zip(FIELDS, DEAL_ANSWERS, strict=True)}
    payload = env.fake.modal_submit(FORM_ID, values, user_id=ADMIN, permissions=MEMBER_PERMISSIONS, dm=True)
    reply = reply_of(await env.driver.interact(payload))
    assert reply.ok and "added us-uk-trade-deal" in reply.text, reply


async def test_watch_add_with_options_is_the_one_line_form(env: Env) -> None:
    partial = reply_of(await env.run("watch add", {"id": "eu-us-trade-deal"}, role="admin"))
    assert not partial.ok and "still need" in partial.text, partial
    added = reply_of(await env.run("watch add", WATCH_ADD, role="admin"))
    assert added.ok and "added eu-us-trade-deal" in added.text, added
    assert not env.fake.modals
    assert all(call.json["type"] != MODAL for call in env.fake.calls_to("POST", "/interactions/*/callback"))


# ---------------------------------------------------------------- who sees which command; typed options

OPEN_COMMANDS = {"help", "start", "watches", "status", "chart"}


async def test_restricted_commands_are_hidden_from_ordinary_members(env: Env) -> None:
    (sync,) = env.fake.calls_to("PUT", f"/applications/{env.fake.application_id}/commands")
    permissions = {command["name"]: command["default_member_permissions"] for command in sync.json}
    expected_restricted = {
        "subscribe", "unsubscribe", "settings", "mute",  # subscription management: Manage Server
        "watch", "feed", "baseline", "check", "replay", "health", "export", "import", "admins",  # admins, owners
    }  # fmt: skip
    assert set(permissions) == OPEN_COMMANDS | expected_restricted
    for name in expected_restricted:
        assert permissions[name] is not None and str(permissions[name]) == str(MANAGE_GUILD) == "32", name
    for name in OPEN_COMMANDS:
        assert permissions[name] is None, name
    # what each person finds in the server's command menu
    assert set(env.fake.visible_commands(MEMBER_PERMISSIONS)) == OPEN_COMMANDS
    assert set(env.fake.visible_commands(MEMBER_PERMISSIONS | MANAGE_GUILD)) == set(permissions)
    assert set(env.fake.visible_commands(0x8)) == set(permissions)  # Administrator
    assert set(env.fake.visible_commands(MEMBER_PERMISSIONS, dm=True)) == set(permissions)


async def test_numbers_and_users_are_typed_options(env: Env) -> None:
    (sync,) = env.fake.calls_to("PUT", f"/applications/{env.fake.application_id}/commands")
    listed = {command["name"]: command for command in sync.json}

    def options(group: str, sub: str) -> dict[str, int]:
        command = next(o for o in listed[group]["options"] if o["name"] == sub)
        return {option["name"]: option["type"] for option in command.get("options", [])}

    assert options("admins", "add")["user"] == OPTION_USER
    assert options("admins", "remove")["user"] == OPTION_USER
    add = options("watch", "add")
    assert add["value"] == add["target"] == OPTION_NUMBER
    assert add["title"] == add["due"] == OPTION_STRING
    replay = {option["name"]: option["type"] for option in listed["replay"]["options"]}
    assert replay["days"] == OPTION_INTEGER
    assert options("watch", "edit")["value"] == OPTION_STRING  # a title or a status as often as a figure


async def test_a_number_option_reaches_the_service_as_the_figure(env: Env) -> None:
    options = [
        {"name": "id", "type": OPTION_STRING, "value": "eu-lng-purchases"},
        {"name": "title", "type": OPTION_STRING, "value": "EU purchases of US LNG"},
        {"name": "kind", "type": OPTION_STRING, "value": "metric"},
        {"name": "query", "type": OPTION_STRING, "value": "EU US LNG purchases"},
        {"name": "terms", "type": OPTION_STRING, "value": "LNG"},
        {"name": "value", "type": OPTION_NUMBER, "value": 5200000.0},
        {"name": "target", "type": OPTION_NUMBER, "value": 12.5e6},
        {"name": "unit", "type": OPTION_STRING, "value": "t"},
    ]
    payload = env.fake.slash_command("watch add", options, user_id=ADMIN, permissions=MEMBER_PERMISSIONS, dm=True)
    reply = reply_of(await env.driver.interact(payload))
    assert reply.ok and "added eu-lng-purchases" in reply.text, reply
    assert "5200000.0" not in reply.text
    stored = env.world.service.ctx.registry.get("eu-lng-purchases")
    assert stored is not None and stored.config.baseline.value == 5_200_000
    assert stored.config.target is not None and stored.config.target.value == 12_500_000


async def test_a_picked_user_becomes_a_bot_admin_by_id(env: Env) -> None:
    picked = 300_000_000_000_000_123
    options = [{"name": "user", "type": OPTION_USER, "value": str(picked)}]
    owner, manager = DISCORD_USERS["owner"], MEMBER_PERMISSIONS | MANAGE_GUILD
    resolved = env.fake.resolved_user(picked)
    payload = env.fake.slash_command("admins add", options, user_id=owner, permissions=manager, resolved=resolved)
    added = reply_of(await env.driver.interact(payload))
    assert added.ok and f"{picked} is now a bot admin on discord" in added.text, added
    again = reply_of(await env.run("admins add", {"user": str(picked)}, role="owner", dm=True))
    assert again.ok and "admin already" in again.text, again
    removed = reply_of(await env.run("admins remove", {"user": str(picked)}, role="owner", dm=False))
    assert removed.ok and "no longer a bot admin" in removed.text, removed


# ---------------------------------------------------------------- mentions in replies are text

MENTIONS = "Summit <@123> and <@&456> told @everyone and @here <#789>"


def assert_no_live_mention(content: str) -> None:
    """Discord draws none of these: every mention shape is broken by a zero-width space."""
    for live in ("<@123>", "<@&456>", "@everyone", "@here", "<#789>"):
        assert live not in content, (live, content)
    assert "<\u200b@123>" in content and "@\u200beveryone" in content and "@\u200bhere" in content


async def test_feed_test_shows_mentions_from_feed_text_as_text(env: Env) -> None:
    body = build_rss([FeedItem(MENTIONS, "https://news.example/summit")], title=f"Wire {MENTIONS}")
    env.world.feed_server.set_document("/hostile.xml", body)
    payload = env.driver.command("feed test", {"url": env.world.feed_server.url("/hostile.xml")}, role="owner",
                                 dm=False)  # fmt: skip
    messages = await env.driver.interact(payload)
    reply = reply_of(messages)
    assert reply.ok and MENTIONS in reply.text, reply  # readable as the feed wrote it
    content = "\n".join(m["content"] for m in messages)
    assert_no_live_mention(content)
    followups = env.fake.calls_to("POST", f"/webhooks/{env.fake.application_id}/*")
    assert followups and all(call.json["allowed_mentions"] == {"parse": []} for call in followups)


async def test_every_reply_escapes_short_mentions(env: Env) -> None:
    edited = reply_of(await env.run("watch edit", {"watch": WATCH_ID, "field": "title", "value": MENTIONS},
                                    role="owner"))  # fmt: skip
    assert edited.ok, edited
    for command, args in (("status", {"watch": WATCH_ID}), ("watches", {})):
        messages = await env.run(command, args, dm=False)
        assert MENTIONS in reply_of(messages).text
        assert_no_live_mention("\n".join(m["content"] for m in messages))
