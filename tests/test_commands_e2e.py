"""The issue's "done when", end to end through `followup run`'s own loop: a watch added from chat is polled and
alerts without a restart.

An owner adds a watch with ``/watch add`` typed into the real python-telegram-bot client (via the fake Bot API);
a Discord member subscribes their guild channel with the real discord.py client's slash command (via the fake
gateway); then a feed on the local feed server reports a change and the alert reaches both chats. Nothing is
restarted and nothing but the platforms is faked.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from command_harness import DISCORD_USERS, TELEGRAM_USERS
from fake_discord import FakeDiscord
from fake_telegram import FakeTelegram
from feedserver import FeedItem, FeedServer
from waiting import wait_for

from bot.app import run_until_stopped, services
from bot.environment import Environment, Secret
from watchers.config import load_config_text

TOKEN = "123456:TESTTOKENtesttokenTESTTOKENtesttoken"
MANAGE_GUILD = 0x20


def texts_to(tg: FakeTelegram, chat_id: int) -> list[str]:
    return [str(c.params.get("text", "")) for c in tg.sent_to(chat_id)]


async def test_a_watch_added_from_telegram_alerts_telegram_and_discord_without_a_restart(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    now = datetime.now(UTC)
    old = FeedItem(
        "EU and US begin trade talks",
        "https://news.example.com/eu-talks",
        summary="The EU and the US began talks on a trade deal.",
        published=now - timedelta(hours=3),
    )
    feed_server.set_feed("/eu.xml", [old])
    owner = TELEGRAM_USERS["owner"]
    config = load_config_text(
        f"""
settings: {{poll_interval: 1s, allow_private_feeds: true, jitter: 0}}
owners: {{telegram: [{owner}]}}
"""
    )
    async with FakeTelegram() as tg, FakeDiscord() as dc:
        env = Environment(
            Secret(TOKEN),
            Secret("discord-token"),
            f"sqlite:///{tmp_path}/f.db",
            tmp_path / "c.yaml",
            telegram_api_base_url=tg.url,
        )
        stop = asyncio.Event()
        async with services(env, config, trust_env=False) as svc:
            running = asyncio.create_task(run_until_stopped(svc, stop, trust_env=False, tick_seconds=0.2))
            try:
                await wait_for(lambda: bool(tg.calls_to("setMyCommands")) and bool(dc.commands))
                tg.inject_command(
                    f'/watch add id=eu-us-trade-deal title="EU-US trade deal" kind=agreement '
                    f'feed={feed_server.url("/eu.xml")} terms="EU, trade deal" status=pending',
                    chat_id=owner,
                    user_id=owner,
                )
                await wait_for(lambda: any("eu-us-trade-deal" in t for t in texts_to(tg, owner)))
                tg.inject_command("/subscribe eu-us-trade-deal", chat_id=owner, user_id=owner)
                await wait_for(lambda: len(texts_to(tg, owner)) >= 2)

                member = DISCORD_USERS["member"]
                subscribe = dc.slash_command(
                    "subscribe",
                    [{"name": "watch", "type": 3, "value": "eu-us-trade-deal"}],
                    user_id=member,
                    permissions=MANAGE_GUILD,
                )
                await dc.inject_dispatch("INTERACTION_CREATE", subscribe)
                await wait_for(lambda: bool(dc.interaction_messages(subscribe)))
                # The running poller finds the new feed due at once; its first poll only records what is there.
                await wait_for(lambda: len(feed_server.requests_for("/eu.xml")) >= 1)
                await asyncio.sleep(0.5)
                signed = FeedItem(
                    "EU and US sign trade deal",
                    "https://news.example.com/eu-signed",
                    summary="The EU and the United States signed the trade deal on Monday, officials said.",
                    published=datetime.now(UTC),
                )
                feed_server.set_feed("/eu.xml", [signed, old])
                await wait_for(
                    lambda: (
                        any("signed" in t for t in texts_to(tg, owner))
                        and bool(dc.calls_to("POST", f"/channels/{dc.channel_id}/messages"))
                    )
                )
            finally:
                stop.set()
                await asyncio.wait_for(running, timeout=30)

    replies = texts_to(tg, owner)
    assert "added" in replies[0].lower() and "eu-us-trade-deal" in replies[0], replies[0]
    alert = next(t for t in replies if "signed" in t)
    assert "EU-US trade deal" in alert and "pending" in alert, alert
    answer = dc.interaction_messages(subscribe)[0]
    assert "eu-us-trade-deal" in answer["content"], answer
    (post,) = dc.calls_to("POST", f"/channels/{dc.channel_id}/messages")
    assert post.json is not None and "EU-US trade deal" in str(post.json["embeds"]), post.json
    assert post.json["allowed_mentions"] == {"parse": []}
