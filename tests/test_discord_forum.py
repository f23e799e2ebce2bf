"""Forum channels: one post (thread) per watch, later alerts inside it, through the real discord.py client against
the fake Discord, which refuses plain messages in a forum and opens posts with ``POST /channels/{id}/threads``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import discord
import pytest
from command_fixtures import GROUP_WATCH
from discord.http import Route
from discord_env import WATCH_ID, Env, deliver, discord_fixtures, news_alert, reply_of
from fake_discord import FakeDiscord

from bot.channels.base import OutgoingMessage, Target
from bot.channels.discord import DiscordChannel
from watchers.store.database import Database
from watchers.store.forum_threads import ForumThreads

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


fake, world, env = discord_fixtures()  # the fake Discord, a command world on SQLite, and both running


def thread_messages(fake: FakeDiscord, thread_id: str) -> list[dict[str, object]]:
    return [m for m in fake.messages.values() if m["channel_id"] == thread_id]


async def test_a_forum_subscription_opens_one_post_per_watch_and_pings_in_it(env: Env) -> None:
    forum = str(env.fake.forum_channel_id)
    subscribed = reply_of(await env.run("subscribe", {"watch": "all", "channel": forum}, role="chat_admin", dm=False))
    assert subscribed.ok, subscribed
    news = env.fake.news_role_id
    pinged = reply_of(await env.run("settings", {"setting": "mention", "role": str(news), "value": "status",
                                                 "channel": forum}, role="chat_admin", dm=False))  # fmt: skip
    assert pinged.ok and "pings: @news on status" in pinged.text, pinged

    alerts = [news_alert(1, "status"), news_alert(2, "value"), news_alert(3, "status", watch_id=WATCH_ID)]
    report = await deliver(env.world, env.channel, alerts)
    assert report.sent == 3 + 2 and not report.errors, report  # and the guild channel's two (it has GROUP_WATCH)
    titles = {w.id: w.config.title for w in env.world.service.ctx.registry.all()}
    posts = {thread["name"]: thread_id for thread_id, thread in env.fake.threads.items()}
    assert set(posts) == {titles[GROUP_WATCH], titles[WATCH_ID]}, "one post per watch, titled with the watch"
    assert all(env.fake.threads[t]["parent_id"] == forum for t in posts.values())
    soy = thread_messages(env.fake, posts[titles[GROUP_WATCH]])
    assert len(soy) == 2, "the watch's second alert went into its post"
    assert not env.fake.calls_to("POST", f"/channels/{forum}/messages"), "the cache knew it is a forum"
    assert [p.target for p in env.fake.pings] == [f"role:{news}", f"role:{news}"], "status alerts ping, in the post"
    assert await env.channel.forums.threads.get(forum, GROUP_WATCH) == posts[titles[GROUP_WATCH]]


async def test_a_restart_reuses_the_post_and_a_deleted_post_is_opened_again(fake: FakeDiscord, tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path}/threads.db")
    await db.migrate()
    forum = Target("discord", str(fake.forum_channel_id))
    message = OutgoingMessage(kind="status", title="Bridge reopening", headline="postponed", watch_id="bridge")
    try:
        first = DiscordChannel("fake-token", guild_ready_timeout=0.05, ready_timeout=5, threads=ForumThreads(db))
        await first.start()
        opened = await first.send(forum, message)
        await first.close()
        (thread_id,) = fake.threads
        assert opened.message_ids[0].startswith(f"{thread_id}/")

        # a replica that only sends (no gateway, no cache) learns the forum from Discord's 50008, once
        later = DiscordChannel("fake-token", gateway=False, threads=ForumThreads(db))
        await later.start()
        try:
            again = await later.send(forum, message)
            assert again.message_ids[0].startswith(f"{thread_id}/") and list(fake.threads) == [thread_id]
            refused = fake.calls_to("POST", f"/channels/{fake.forum_channel_id}/messages")
            assert len(refused) == 1 and refused[0].status == 400
            await later.send(forum, message)
            assert len(fake.calls_to("POST", f"/channels/{fake.forum_channel_id}/messages")) == 1
            assert len(fake.calls_to("GET", f"/channels/{fake.forum_channel_id}")) == 1

            await later.edit(forum, again.message_ids, message)
            (edit,) = fake.calls_to("PATCH", f"/channels/{thread_id}/messages/*")
            assert edit.status == 200

            fake.delete_thread(thread_id)
            reopened = await later.send(forum, message)
            (new_thread,) = fake.threads
            assert new_thread != thread_id and reopened.message_ids[0].startswith(f"{new_thread}/")
            assert await ForumThreads(db).get(str(fake.forum_channel_id), "bridge") == new_thread
        finally:
            await later.close()
    finally:
        await db.dispose()


async def test_the_fake_holds_a_forum_to_discords_rules(fake: FakeDiscord) -> None:
    """What the channel relies on: a forum takes no plain message, and a post needs a name and a first message."""
    channel = DiscordChannel("fake-token", guild_ready_timeout=0.05, ready_timeout=5)
    await channel.start()
    try:
        with pytest.raises(discord.HTTPException, match="50008"):
            await channel.client.get_partial_messageable(fake.forum_channel_id).send("hello")
        for body in ({"name": "", "message": {"content": "x"}}, {"name": "a post"}):
            with pytest.raises(discord.HTTPException, match="50035"):
                route = Route("POST", "/channels/{c}/threads", c=fake.forum_channel_id)
                await channel.client.http.request(route, json=body)
        assert fake.threads == {}
    finally:
        await channel.close()


async def test_forum_threads_are_kept_per_forum_and_watch(db: Database) -> None:
    threads = ForumThreads(db)
    await threads.remember("1", "a", "10", now=NOW)
    await threads.remember("1", "", "11", now=NOW)
    await threads.remember("1", "a", "12", now=NOW)  # replaced
    assert (await threads.get("1", "a"), await threads.get("1", ""), await threads.get("2", "a")) == ("12", "11", None)
    await threads.forget("1", "a", "10")  # an older thread: the newer one stays
    assert await threads.get("1", "a") == "12"
    await threads.forget("1", "a", "12")
    assert await threads.get("1", "a") is None
