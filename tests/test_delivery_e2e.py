"""End to end: a feed changes on the local feed server and the alert reaches Telegram, Discord and a webhook.

Everything real except the platforms: the app's own wiring (services + run loop), the poller, the tracker, the
outbox and dispatcher, python-telegram-bot against a fake Bot API, discord.py (gateway and REST) against a fake
Discord, and a Discord webhook through discord.Webhook on the fake too.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fake_discord import FakeDiscord
from fake_telegram import FakeTelegram
from feedserver import FeedItem, FeedServer
from waiting import wait_for

from bot.app import run_until_stopped, services
from bot.environment import Environment, Secret
from watchers.config import load_config_text

TOKEN = "123456:TESTTOKENtesttokenTESTTOKENtesttoken"


def config_text(feed_url: str, discord_channel: int, webhook_url: str, as_of: str) -> str:
    return f"""
settings:
  poll_interval: 1s
  allow_private_feeds: true
watches:
  - id: soy
    title: China's purchases of US soybeans
    kind: metric
    feeds: [{feed_url}]
    match: {{any: [soybeans]}}
    metric: {{unit: t, product: [soybeans], actor: [China, Chinese]}}
    baseline: {{value: 2000000, as_of: "{as_of}"}}
    target: {{value: 12000000}}
subscriptions:
  - {{platform: telegram, target: "111"}}
  - {{platform: telegram, target: "-100222", thread: 7}}
  - {{platform: discord, target: "{discord_channel}"}}
  - {{platform: webhook, target: "{webhook_url}"}}
"""


async def test_a_feed_change_reaches_every_platform(tmp_path: Path, feed_server: FeedServer) -> None:
    now = datetime.now(UTC)
    old = FeedItem(
        "Soybean markets quiet", "https://news.example/0", summary="Nothing new.", published=now - timedelta(hours=2)
    )
    feed_server.set_feed("/soy.xml", [old])
    async with FakeTelegram() as tg, FakeDiscord() as dc:
        webhook_url = "https://discord.com/api/webhooks/555555555555555555/webhooktoken"
        config = load_config_text(
            config_text(feed_server.url("/soy.xml"), dc.channel_id, webhook_url, (now - timedelta(days=1)).isoformat())
        )
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
                await wait_for(lambda: len(feed_server.requests_for("/soy.xml")) >= 1)
                await asyncio.sleep(0.3)
                news = FeedItem(
                    "China's US soybean purchases climb",
                    "https://news.example/1",
                    summary="China's purchases of US soybeans reached 3.1 million metric tons <b>@everyone</b>, "
                    "USDA data showed.",
                    published=datetime.now(UTC),
                )
                feed_server.set_feed("/soy.xml", [news, old])
                await wait_for(lambda: len(tg.calls_to("sendMessage")) >= 2 and len(dc.messages) >= 2)
            finally:
                stop.set()
                await asyncio.wait_for(running, timeout=20)

    sends = tg.calls_to("sendMessage")
    chats = sorted((str(c.params["chat_id"]), c.params.get("message_thread_id")) for c in sends)
    assert chats == [("-100222", 7), ("111", None)]
    text = sends[0].params["text"]
    assert ("3.1 million metric tons" in text and "China&#x27;s purchases" in text) or "China's" in text
    assert "<b>@everyone</b>" not in text, "feed markup arrives escaped"
    assert sends[0].params["parse_mode"] == "HTML"

    bodies = [call.json for call in dc.calls_to("POST", "*") if call.json and call.json.get("embeds")]
    channel_posts = [c for c in dc.calls_to("POST", f"/channels/{dc.channel_id}/messages")]
    webhook_posts = [c for c in dc.calls_to("POST", "/webhooks/555555555555555555/webhooktoken")]
    assert len(channel_posts) == 1 and len(webhook_posts) == 1
    for body in bodies:
        assert body["allowed_mentions"] == {"parse": []}
        rendered = json.dumps(body["embeds"])
        assert "3.1 million" in rendered and "@everyone" not in rendered.replace("@\\u200beveryone", "")
