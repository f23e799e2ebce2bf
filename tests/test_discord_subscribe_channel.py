"""The ``channel`` option of /subscribe and /unsubscribe (and /settings, /mute), through real discord.py app commands
against the fake Discord: a manager sets up another channel of the server, and a channel alerts cannot reach is
refused privately, saying why, with nothing stored.
"""

from __future__ import annotations

import pytest
from command_fixtures import CommandWorld, caller_for
from command_harness import DISCORD_CHANNEL, DISCORD_USERS
from discord_env import (
    EPHEMERAL,
    MANAGE_GUILD,
    MEMBER_PERMISSIONS,
    OPTION_CHANNEL,
    WATCH_ID,
    Env,
    discord_fixtures,
    reply_of,
)

from bot.commands.api import ChannelFacts
from bot.commands.discord_facts import ChannelOption

CHAT_ADMIN = DISCORD_USERS["chat_admin"]


fake, world, env = discord_fixtures()  # the fake Discord, a command world on SQLite, and both running


async def test_a_manager_subscribes_and_unsubscribes_another_channel_of_the_server(env: Env) -> None:
    other = env.fake.other_channel_id
    messages = await env.run("subscribe", {"watch": WATCH_ID, "channel": str(other)}, role="chat_admin", dm=False)
    reply = reply_of(messages)
    assert reply.ok and "#general now receives alerts of trump-beijing-visit" in reply.text, reply
    assert not any(int(m["flags"]) & EPHEMERAL for m in messages), "an accepted change is the channel's news"
    assert await env.subscribed(other, WATCH_ID)
    assert not await env.subscribed(DISCORD_CHANNEL, WATCH_ID), "the channel it was typed in is unchanged"
    # its buttons act on the same channel
    message = next(m for m in messages if m["components"])
    button = next(b for row in message["components"] for b in row["components"] if b["label"] == "Unsubscribe")
    assert f"channel={other}" in button["custom_id"]
    press = env.fake.button_press(message["id"], button["custom_id"], user_id=CHAT_ADMIN,
                                  permissions=MEMBER_PERMISSIONS | MANAGE_GUILD)  # fmt: skip
    pressed = reply_of(await env.driver.interact(press))
    assert pressed.ok and "#general is unsubscribed" in pressed.text, pressed
    assert not await env.subscribed(other, WATCH_ID)
    assert reply_of(await env.run("subscribe", {"watch": WATCH_ID, "channel": str(other)}, role="chat_admin",
                                  dm=False)).ok  # fmt: skip

    shown = reply_of(await env.run("settings", {"channel": str(other)}, role="chat_admin", dm=False))
    assert shown.ok and "watches: trump-beijing-visit" in shown.text, shown
    gone = reply_of(await env.run("unsubscribe", {"watch": WATCH_ID, "channel": str(other)}, role="chat_admin",
                                  dm=False))  # fmt: skip
    assert gone.ok and "#general is unsubscribed from trump-beijing-visit" in gone.text, gone
    assert not await env.subscribed(other, WATCH_ID)


@pytest.mark.parametrize(
    ("which", "says"),
    [
        ("foreign_channel_id", "is not a channel of this server"),
        ("voice_channel_id", "#voice is not a text or forum channel"),
        ("readonly_channel_id", "the bot cannot post in #announcements-readonly: it lacks Send Messages"),
    ],
)
async def test_a_channel_alerts_cannot_reach_is_refused_privately(env: Env, which: str, says: str) -> None:
    picked = getattr(env.fake, which)
    messages = await env.run("subscribe", {"watch": WATCH_ID, "channel": str(picked)}, role="chat_admin", dm=False)
    refused = reply_of(messages)
    assert not refused.ok and says in refused.text, refused
    assert all(int(m["flags"]) & EPHEMERAL for m in messages)
    assert not any(m["content"] for m in env.fake.channel_view(DISCORD_CHANNEL)), "the channel saw nothing"
    assert not await env.subscribed(picked, WATCH_ID)


async def test_a_forum_can_be_subscribed_from_any_channel(env: Env) -> None:
    forum = env.fake.forum_channel_id
    reply = reply_of(await env.run("subscribe", {"watch": "all", "channel": str(forum)}, role="chat_admin", dm=False))
    assert reply.ok and "#news-forum now receives alerts of every watch" in reply.text, reply
    assert "a forum: one post per watch" in reply.text
    assert await env.subscribed(forum, WATCH_ID)


async def test_the_option_is_a_channel_picker_for_what_alerts_can_reach_and_members_are_refused(env: Env) -> None:
    (sync,) = env.fake.calls_to("PUT", f"/applications/{env.fake.application_id}/commands")
    listed = {command["name"]: command for command in sync.json}
    for name in ("subscribe", "unsubscribe", "settings", "mute"):
        option = next(o for o in listed[name]["options"] if o["name"] == "channel")
        assert option["type"] == OPTION_CHANNEL and not option.get("required", False), name
        assert sorted(option["channel_types"]) == [0, 5, 10, 11, 12, 15], name  # text, news, threads, forum
    assert {t.value for t in ChannelOption().channel_types} == {0, 5, 10, 11, 12, 15}
    other = str(env.fake.other_channel_id)
    messages = await env.run("subscribe", {"watch": WATCH_ID, "channel": other}, role="member", dm=False)
    assert not reply_of(messages).ok and all(int(m["flags"]) & EPHEMERAL for m in messages)
    assert not await env.subscribed(other, WATCH_ID)


async def test_a_dm_and_telegram_have_no_channel_option(world: CommandWorld) -> None:
    """Telegram is never offered the option; a channel argument from anywhere but a Discord server is refused."""
    spec = next(s for s in world.service.specs() if s.name == "subscribe")
    assert [p.name for p in spec.for_platform("telegram").params] == ["watch"]
    facts = {"channel": ChannelFacts("5", "general", same_server=True, kind="text")}
    for platform, place in (("telegram", "group"), ("discord", "private")):
        caller = caller_for(platform, "chat_admin", place)  # type: ignore[arg-type]
        reply = await world.service.execute(caller, "subscribe", {"watch": WATCH_ID, "channel": "5"}, resolved=facts)
        assert not reply.ok and "channel option" in reply.text, (platform, reply.text)
