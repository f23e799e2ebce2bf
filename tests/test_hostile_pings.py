"""Hostile feed text never pings anyone, on Telegram, on Discord or through a Discord webhook.

This held before the hostile suite existed (issue 11's "cases that already hold"); it lives here, end to end, so it
stays held under the suite's bounds. A feed entry carries every way a text can notify people: Discord's @everyone,
@here, user, nickname, role and channel mentions, Telegram's @username and text mentions (``tg://user`` links), and
markup that would smuggle a mention past an escaper (closing tags, a link with a ``tg:`` target). The whole app runs
(poller, tracker, outbox, dispatcher) with python-telegram-bot and discord.py against the local fakes, which read
mentions as the platforms do (tests/fake_discord_rules.py).
"""

from __future__ import annotations

import asyncio
import json
import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

from bounds import Bounds
from fake_discord import FakeDiscord
from fake_telegram import FakeTelegram
from feedserver import FeedItem, FeedServer
from test_delivery_e2e import TOKEN, config_text
from waiting import wait_for

from bot.app import run_until_stopped, services
from bot.environment import Environment, Secret
from watchers.config import load_config_text

# One app run delivering one alert to four targets: about 3 s and a few MiB on an idle machine. The bounds leave room
# for a loaded 2-core machine; what they would catch is a delivery retrying in a loop.
BOUNDS = Bounds(seconds=60, mib=64)

PINGS = (
    "@everyone @here <@123456789012345678> <@!123456789012345678> <@&456789012345678901> <#345678901234567890> "
    "@soybean_desk @ everyone ＠everyone"
)
SMUGGLED = (
    '</b></a><a href="tg://user?id=777">@trader</a> <b>@everyone</b> [x](tg://user?id=778) '
    "&lt;@&amp;456789012345678901&gt; &#64;everyone"
)


class _Links(HTMLParser):
    """The href of every <a> in a Telegram HTML message, and its text without tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


async def test_feed_text_with_every_kind_of_mention_pings_nobody(tmp_path: Path, feed_server: FeedServer) -> None:
    now = datetime.now(UTC)
    old = FeedItem(
        "Soybean markets quiet", "https://news.example/0", summary="Nothing new.", published=now - timedelta(hours=2)
    )
    feed_server.set_feed("/soy.xml", [old])
    async with FakeTelegram() as tg, FakeDiscord() as dc:
        webhook = "https://discord.com/api/webhooks/555555555555555555/webhooktoken"
        as_of = (now - timedelta(days=1)).isoformat()
        config = load_config_text(config_text(feed_server.url("/soy.xml"), dc.channel_id, webhook, as_of))
        env = Environment(
            Secret(TOKEN), Secret("discord-token"), f"sqlite:///{tmp_path}/f.db", tmp_path / "c.yaml",
            telegram_api_base_url=tg.url,
        )  # fmt: skip
        stop = asyncio.Event()
        async with services(env, config, trust_env=False) as svc:
            running = asyncio.create_task(run_until_stopped(svc, stop, trust_env=False, tick_seconds=0.2))
            try:
                await wait_for(lambda: len(feed_server.requests_for("/soy.xml")) >= 1)
                await asyncio.sleep(0.3)
                news = FeedItem(
                    f"China's US soybean purchases climb {PINGS}",
                    "tg://user?id=779",  # an unsafe link is dropped by the parser, never sent
                    summary=f"China's purchases of US soybeans reached 3.1 million metric tons {SMUGGLED} {PINGS}, "
                    "USDA data showed.",
                    published=datetime.now(UTC),
                )
                feed_server.set_feed("/soy.xml", [news, old])
                await wait_for(lambda: len(tg.calls_to("sendMessage")) >= 2 and len(dc.messages) >= 2)
            finally:
                stop.set()
                await asyncio.wait_for(running, timeout=20)

    # Discord: nothing notified anyone, in the channel or through the webhook, and nothing was even written as a
    # mention in content (the feed text sits in embeds, which never ping)
    assert dc.pings == [] and dc.suppressed == []
    posts = [c.json for c in dc.calls_to("POST", "*") if c.json and c.json.get("embeds")]
    assert len(posts) == 2
    for body in posts:
        assert body["allowed_mentions"] == {"parse": []}
        assert not body.get("content")
        shown = json.dumps(body["embeds"], ensure_ascii=False)
        assert "3.1 million" in shown
        assert not re.search(r"@(everyone|here)\b", shown), shown
        texts = [body["embeds"][0].get("description", ""), body["embeds"][0].get("title", "")]
        assert not any(re.search(r"(?<!\\)\[[^\]]*\]\(", text) for text in texts), texts  # no markdown link formed

    # Telegram: no text mention (a tg:// link), no @username it would resolve, no markup from the feed
    sends = tg.calls_to("sendMessage")
    assert len(sends) == 2
    for call in sends:
        html = str(call.params["text"])
        links = _Links()
        links.feed(html)
        assert all(href.startswith(("https://", "http://")) for href in links.hrefs), links.hrefs
        shown = "".join(links.text)
        assert "3.1 million" in shown
        assert not re.search(r"@\w", shown), shown
        assert "<b>@everyone</b>" not in html and '<a href="tg://' not in html
