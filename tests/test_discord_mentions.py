"""Opt-in pings: ``/settings mention`` through real discord.py app commands, then alerts delivered by the real
Discord channel to the fake, which reads each message's mentions as Discord does (tests/fake_discord_rules.py).

The setting is the only way an alert pings: chosen kinds carry the role (or @here) in the content with
``allowed_mentions`` naming exactly it; every other alert, and feed text always, pings no one.
"""

from __future__ import annotations

from typing import Any

import discord
import pytest
from command_fixtures import CommandWorld, caller_for
from command_harness import DISCORD_CHANNEL, DISCORD_GUILD
from discord.http import Route
from discord_env import (
    EPHEMERAL,
    WATCH_ID,
    Env,
    deliver,
    discord_fixtures,
    news_alert,
    reply_of,
)
from fake_discord import FakeDiscord
from fake_discord_rules import BOT_DEFAULT, MENTION_EVERYONE, Ping

from bot.channels.discord import DiscordChannel
from watchers.store.subscribers import ChatSubscriptions

HOSTILE = "Soybeans: @everyone <@&{staff}> <@123> @here read this"


fake, world, env = discord_fixtures()  # the fake Discord, a command world on SQLite, and both running


async def mention(env: Env, value: str, role: int | None = None, who: str = "chat_admin") -> list[dict[str, Any]]:
    args = {"setting": "mention", "value": value} | ({"role": str(role)} if role is not None else {})
    return await env.run("settings", args, role=who, dm=False)  # type: ignore[arg-type]


def posts(env: Env, since: int = 0) -> list[dict[str, Any]]:
    """The alert messages the bot posted in the guild channel (request bodies), from call ``since`` on."""
    path = f"/api/v10/channels/{DISCORD_CHANNEL}/messages".removeprefix("/api/v10")
    return [c.json for c in env.fake.calls[since:] if c.method == "POST" and c.path == path and c.status == 200]


async def test_a_role_is_pinged_on_the_chosen_kinds_only_and_feed_text_never_pings(env: Env) -> None:
    news, staff = env.fake.news_role_id, env.fake.staff_role_id
    messages = await mention(env, "status", role=news)
    reply = reply_of(messages)
    assert reply.ok and "pings: @news on status" in reply.text and "note:" not in reply.text, reply
    assert all(int(m["flags"]) & EPHEMERAL for m in messages)

    hostile = HOSTILE.format(staff=staff)
    report = await deliver(env.world, env.channel, [news_alert(1, "status", text=hostile), news_alert(2, "value")])
    assert report.sent == 2, report
    status, value = posts(env)
    assert status["content"] == f"<@&{news}>"
    assert status["allowed_mentions"]["parse"] == [] and [str(r) for r in status["allowed_mentions"]["roles"]] == [
        str(news)
    ]
    assert "content" not in value or not value["content"]
    assert value["allowed_mentions"] == {"parse": []}
    (pinged,) = env.fake.pings
    assert pinged.target == f"role:{news}" and pinged.channel_id == str(DISCORD_CHANNEL)
    assert env.fake.suppressed == [], "feed text sits in the embed, which never pings"

    cleared = reply_of(await mention(env, "none"))
    assert cleared.ok and "pings: none" in cleared.text, cleared
    mark = len(env.fake.calls)
    await deliver(env.world, env.channel, [news_alert(3, "status")])
    (after,) = posts(env, mark)
    assert after["allowed_mentions"] == {"parse": []} and len(env.fake.pings) == 1


async def test_here_pings_only_once_the_bot_may_mention_everyone(env: Env) -> None:
    saved = reply_of(await mention(env, "@here deadline_missed,status"))
    assert saved.ok and "pings: @here on deadline_missed, status" in saved.text, saved
    assert "note: the bot may not ping @here in this channel: give it Mention Everyone" in saved.text

    await deliver(env.world, env.channel, [news_alert(1, "status")])
    assert env.fake.pings == [] and [p.target for p in env.fake.suppressed] == ["@here"]
    (body,) = posts(env)
    assert body["content"] == "@here" and body["allowed_mentions"] == {"parse": ["everyone"]}

    await env.fake.set_bot_permissions(BOT_DEFAULT | MENTION_EVERYONE)
    guild = env.channel.client.get_guild(DISCORD_GUILD)
    assert guild is not None
    await env.fake.wait_until(lambda: guild.me.guild_permissions.mention_everyone)
    again = reply_of(await mention(env, "@here status"))
    assert again.ok and "note:" not in again.text, again
    await deliver(env.world, env.channel, [news_alert(2, "status")])
    assert [p.target for p in env.fake.pings] == ["@here"]


async def test_a_role_nobody_may_mention_is_saved_with_a_note(env: Env) -> None:
    reply = reply_of(await mention(env, "status", role=env.fake.staff_role_id))
    assert reply.ok and "@staff, which is not mentionable," in reply.text and "make the role mentionable" in reply.text
    await deliver(env.world, env.channel, [news_alert(1, "status")])
    assert env.fake.pings == [] and env.fake.suppressed == [
        Ping(env.fake.suppressed[0].message_id, str(DISCORD_CHANNEL), f"role:{env.fake.staff_role_id}")
    ]


@pytest.mark.parametrize(
    ("value", "role", "who", "says"),
    [
        ("@everyone status", None, "chat_admin", "@everyone would notify every member"),
        ("status", "everyone", "chat_admin", "@everyone would notify every member"),
        ("status", None, "chat_admin", "whom should alerts ping? pick a role, or write @here"),
        ("@here", None, "chat_admin", "on which alert kinds?"),
        ("@here rumours", None, "chat_admin", "unknown alert kinds rumours"),
        ("status", "news", "member", "only members with Manage Server"),
    ],
)
async def test_what_cannot_be_set_is_refused_privately(env: Env, value: str, role: str | None, who: str,
                                                       says: str) -> None:  # fmt: skip
    role_id = {None: None, "everyone": env.fake.guild_id, "news": env.fake.news_role_id}[role]
    messages = await mention(env, value, role=role_id, who=who)
    refused = reply_of(messages)
    assert not refused.ok and says in refused.text, refused
    assert all(int(m["flags"]) & EPHEMERAL for m in messages)
    async with env.world.svc.db.session() as session:
        rows = await ChatSubscriptions().for_target(session, "discord", str(DISCORD_CHANNEL), None)
    assert rows and all(row.mention is None for row in rows)


async def test_a_watch_subscribed_later_pings_like_the_channels_others(env: Env) -> None:
    assert reply_of(await mention(env, "status", role=env.fake.news_role_id)).ok
    assert reply_of(await env.run("subscribe", {"watch": WATCH_ID}, role="chat_admin", dm=False)).ok
    await deliver(env.world, env.channel, [news_alert(1, "status", watch_id=WATCH_ID)])
    assert [p.target for p in env.fake.pings] == [f"role:{env.fake.news_role_id}"]


async def test_telegram_and_dms_say_pings_are_for_discord_servers(world: CommandWorld) -> None:
    caller = caller_for("telegram", "chat_admin", "group")
    reply = await world.service.execute(caller, "settings", {"setting": "mention", "value": "@here status"})
    assert not reply.ok and "pings are a Discord feature" in reply.text and "Telegram has no roles" in reply.text
    in_dm = caller_for("discord", "member", "private")
    dm = await world.service.execute(in_dm, "settings", {"setting": "mention", "value": "@here status"})
    assert not dm.ok and "pings are for a server's channels" in dm.text, dm.text
    shown = await world.service.execute(caller, "settings", {})
    assert shown.ok and "pings:" not in shown.text and "/settings quiet 22:00-07:00" in shown.text, shown.text


async def test_the_fake_reads_mentions_as_discord_does(fake: FakeDiscord) -> None:
    """Only what allowed_mentions lets through pings, @here needs Mention Everyone, and a channel message cannot be
    ephemeral or carry a contradictory allowed_mentions: what the tests above rely on the fake to judge."""
    channel = DiscordChannel("fake-token", guild_ready_timeout=0.05, ready_timeout=5)
    await channel.start()
    try:
        to = channel.client.get_partial_messageable(DISCORD_CHANNEL)
        news, staff = fake.news_role_id, fake.staff_role_id
        text = f"<@&{news}> <@&{staff}> @here <@42>"
        await to.send(text, allowed_mentions=discord.AllowedMentions.none())
        assert fake.pings == [] and len(fake.suppressed) == 4
        await to.send(text, allowed_mentions=discord.AllowedMentions(everyone=True, roles=True, users=False))
        assert [p.target for p in fake.pings] == [f"role:{news}"], "staff is not mentionable, @here needs the right"
        await to.send(embed=discord.Embed(description=text))
        assert len(fake.pings) == 1, "embeds never ping"
        route = Route("POST", "/channels/{c}/messages", c=DISCORD_CHANNEL)
        for body in (
            {"content": "x", "flags": 64},
            {"content": "x", "allowed_mentions": {"parse": ["roles"], "roles": [str(news)]}},
        ):
            with pytest.raises(discord.HTTPException, match="50035"):
                await channel.client.http.request(route, json=body)
    finally:
        await channel.close()
