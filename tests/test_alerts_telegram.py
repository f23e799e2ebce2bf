"""Alerts as a Telegram user reads them, through the real delivery path: what the fake Bot API received.

Each test runs what ``followup run`` runs between a feed and a chat - the app's own services (registry, poller,
tracker, outbox) over a fresh SQLite file, feeds on the local feed server, the channels ``build_channels`` makes
(python-telegram-bot's ``Bot`` behind the resilient wrapper and the rate limiter) and the outbox dispatcher - and
asserts on the text the fake Telegram got. Only the scheduler is left out: a test polls, ticks and delivers when it
means to, under a simulated clock, so quiet hours and a mute can pass without waiting.

The behaviours are tested below the clients too (tests/test_outbox.py, tests/test_catchup.py,
tests/test_tracking_engine.py, tests/test_messages.py); here they are checked where a user meets them.
"""

from __future__ import annotations

import html
import random
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fake_telegram import FakeTelegram
from feedserver import FeedItem, FeedServer

from bot.app import Services, build_channels, command_service, owner_targets, services
from bot.channels.base import Channel
from bot.commands.api import Caller
from bot.environment import Environment, Secret
from bot.outbox import Dispatcher
from watchers.clock import SimulatedClock
from watchers.config import ConfigError, load_config_text

TOKEN = "123456:TESTTOKENtesttokenTESTTOKENtesttoken"
CHAT = 111
ZONE = "Asia/Tokyo"  # no daylight saving time: the expected local times do not depend on the date
# near the real time: the feed parser ignores dates more than two days ahead of the wall clock
START = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)

SETTINGS = """
settings: {{poll_interval: 15m, allow_private_feeds: true, jitter: 0}}
delivery: {{telegram: {{per_chat_per_second: 100, group_per_minute: 10000}}}}
subscriptions:
  - {{platform: telegram, target: "{chat}", timezone: {zone}{extra}}}
"""

VISIT = """
watches:
  - id: visit
    title: Trump's visit to Beijing
    kind: event
    feeds: [{feeds}]
    match: {{all: [Trump], any: [Beijing]}}
    unconfirmed: {unconfirmed}
    baseline: {{status: planned, expected: {expected}, as_of: "{as_of}"}}
"""


@pytest.fixture(autouse=True)
def _ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@dataclass
class Bot:
    """The running pieces: the app's services, its delivery, the fake Telegram and the feeds."""

    svc: Services
    dispatcher: Dispatcher
    tg: FakeTelegram
    feeds: FeedServer
    clock: SimulatedClock

    async def poll(self) -> None:
        """One poll of every feed, its alerts committed and queued (what a scheduler tick does)."""
        await self.svc.poller.poll_now()
        self.svc.tracker.flush()

    async def deliver(self) -> int:
        """Deliver what is due now; how many deliveries were held back."""
        return (await self.dispatcher.run_once()).held

    def sent(self) -> list[str]:
        return [str(c.params["text"]) for c in self.tg.sent_to(CHAT)]

    def edits(self) -> list[str]:
        return [str(c.params["text"]) for c in self.tg.calls_to("editMessageText")]


@asynccontextmanager
async def running(tmp_path: Path, feeds: FeedServer, config_text: str, *, now: datetime = START) -> AsyncIterator[Bot]:
    """``followup run``'s pieces on a fresh database, delivering to a fake Telegram."""
    config = load_config_text(config_text)
    clock = SimulatedClock(now)
    async with FakeTelegram() as tg:
        env = Environment(Secret(TOKEN), None, f"sqlite:///{tmp_path}/f.db", tmp_path / "c.yaml", tg.url)
        async with services(env, config, clock=clock, rng=random.Random(1), trust_env=False) as svc:
            channels: dict[str, Channel] = (await build_channels(env, config, trust_env=False)).channels
            telegram = channels["telegram"]
            await telegram.start()
            try:
                titles = svc.registry.titles
                dispatcher = Dispatcher(svc.db, channels, clock, watch_titles=titles, owners=owner_targets(config))
                yield Bot(svc, dispatcher, tg, feeds, clock)
            finally:
                await telegram.close()


def visit_config(feeds: list[str], *, unconfirmed: str = "wait", extra: str = "") -> str:
    as_of = (START - timedelta(days=40)).isoformat()
    expected = f"{START.year + 1}-04"
    watch = VISIT.format(feeds=", ".join(feeds), unconfirmed=unconfirmed, expected=expected, as_of=as_of)
    return SETTINGS.format(chat=CHAT, zone=ZONE, extra=extra) + watch


def item(title: str, site: str, hours_ago: float, summary: str = "") -> FeedItem:
    slug = re.sub(r"\W+", "-", title.lower()).strip("-")
    return FeedItem(title, f"https://{site}/{slug}", summary=summary, published=START - timedelta(hours=hours_ago))


OLD = item("Markets close higher", "www.reuters.com", 30)
REUTERS = "https://www.reuters.com/world/"  # the feed's own site: its title names the items there


def local(moment: datetime) -> str:
    """A moment as the chat reads it (bot.commands.values.moment in the chat's zone)."""
    at = moment.astimezone(ZoneInfo(ZONE))
    return f"{at:%Y-%m-%d %H:%M} {at.tzname()} ({ZONE})"


def sources_of(text: str) -> list[str]:
    """The outlet names under "Sources:" in a sent or edited message."""
    tail = text.split("Sources:", 1)[1] if "Sources:" in text else ""
    return [html.unescape(re.sub(r"<[^>]+>", "", line)).removeprefix("• ") for line in tail.strip().splitlines()]


# ------------------------------------------------------------------ held by quiet hours or a mute


@pytest.mark.parametrize("reason", ["quiet hours", "mute"])
async def test_a_held_alert_arrives_marked_held_since_when_in_the_chats_time_zone(
    tmp_path: Path, feed_server: FeedServer, reason: str
) -> None:
    extra = ""
    if reason == "quiet hours":  # quiet from an hour ago to two hours from now, in the chat's own clock
        begin, end = (START.astimezone(ZoneInfo(ZONE)) + timedelta(hours=h) for h in (-1, 2))
        extra = f', quiet_hours: {{start: "{begin:%H:%M}", end: "{end:%H:%M}"}}'
    feed_server.set_feed("/r.xml", [OLD], title="Reuters: World News", link=REUTERS)
    async with running(tmp_path, feed_server, visit_config([feed_server.url("/r.xml")], extra=extra)) as bot:
        if reason == "mute":
            caller = Caller("telegram", str(CHAT), "member", str(CHAT), "private")
            muted = await command_service(bot.svc).execute(caller, "mute", {"duration": "2h"})
            assert muted.ok, muted.text
        await bot.poll()  # the first poll seeds
        news = item("Trump postpones his visit to Beijing", "www.reuters.com", 0.5)
        feed_server.set_feed("/r.xml", [news, OLD], title="Reuters: World News", link=REUTERS)
        await bot.poll()
        assert await bot.deliver() == 1 and bot.sent() == [], f"held by {reason}"
        bot.clock.advance(timedelta(hours=2, minutes=5))
        await bot.deliver()
    (text,) = bot.sent()
    lines = text.split("\n")
    assert f"held since {local(START)} ({reason})" in lines, text
    assert lines.index(f"held since {local(START)} ({reason})") < lines.index("Sources:"), "said before the sources"
    assert "now postponed (was planned)" in text


# ------------------------------------------------------------------ catch-up


async def test_a_first_start_long_after_a_deadline_says_it_passed_while_followup_was_not_running(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    due = (START - timedelta(days=365)).date()
    feed_server.set_feed("/d.xml", [OLD])
    config = SETTINGS.format(chat=CHAT, zone=ZONE, extra="") + (
        f"""
watches:
  - id: deal
    title: Rare earths deal
    kind: agreement
    feeds: [{feed_server.url("/d.xml")}]
    match: {{any: [rare earths]}}
    baseline: {{status: pending, due: {due.isoformat()}, as_of: "{(START - timedelta(days=400)).isoformat()}"}}
"""
    )
    async with running(tmp_path, feed_server, config) as bot:
        await bot.svc.tracker.tick()  # what the deadline clock does as `followup run` starts
        await bot.deliver()
    (text,) = bot.sent()
    assert text.startswith("<b>Rare earths deal</b>\n"), text
    assert (
        f"deadline {due.isoformat()} passed without it happening (12 months ago; followup was not running then); "
        "status still pending" in text
    ), text


async def test_news_missed_while_followup_was_down_arrives_as_one_catch_up(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.set_feed("/r.xml", [OLD], title="Reuters: World News", link=REUTERS)
    async with running(tmp_path, feed_server, visit_config([feed_server.url("/r.xml")])) as bot:
        await bot.poll()  # polled once before the downtime
        postponed = item("Trump postpones his visit to Beijing", "www.reuters.com", 10 * 24)
        cancelled = item("Trump cancels his visit to Beijing", "www.reuters.com", 5 * 24)
        feed_server.set_feed("/r.xml", [cancelled, postponed, OLD], title="Reuters: World News", link=REUTERS)
        await bot.poll()  # back: both stories at once
        await bot.deliver()
    (text,) = bot.sent()
    first_day = (START - timedelta(days=10)).date().isoformat()
    assert f"catching up on 2 changes since {first_day}" in text, text
    assert f"• {first_day}: now postponed (was planned)" in text
    assert f"• {(START - timedelta(days=5)).date().isoformat()}: now cancelled (was postponed)" in text
    assert sources_of(text) == ["Reuters"], "one outlet, by its name"


# ------------------------------------------------------------------ unconfirmed


async def test_an_unconfirmed_alert_says_what_is_rumoured_and_by_whom(tmp_path: Path, feed_server: FeedServer) -> None:
    feed_server.set_feed("/r.xml", [OLD], title="Reuters: World News", link=REUTERS)
    config = visit_config([feed_server.url("/r.xml")], unconfirmed="alert")
    async with running(tmp_path, feed_server, config) as bot:
        await bot.poll()
        rumour = item("Trump's Beijing visit could be postponed, sources say", "www.reuters.com", 1)
        feed_server.set_feed("/r.xml", [rumour, OLD], title="Reuters: World News", link=REUTERS)
        await bot.poll()
        await bot.deliver()
    (text,) = bot.sent()
    assert "UNCONFIRMED" in text
    assert "may be postponed, reported by Reuters (still planned until confirmed)" in text, text
    assert "now postponed" not in text, "a rumour is not said as a fact"


# ------------------------------------------------------------------ updates and outlet names


async def test_an_update_lists_each_outlet_once_by_name_and_the_first_is_not_also(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    """One outlet named by the config (``name:``), one by its feed's title; a second article from the first outlet
    is not a second outlet, and links lose followup's ``#via=`` mark."""
    feed_server.set_feed("/r.xml", [OLD], title="Thomson Reuters Foundation News")  # the config's name wins
    feed_server.set_feed(
        "/ap.xml", [item("Stocks slip", "apnews.com", 30)], title="AP News: Top Stories", link="https://apnews.com/"
    )
    feeds = [f"{{url: {feed_server.url('/r.xml')}, name: Reuters}}", feed_server.url("/ap.xml")]
    async with running(tmp_path, feed_server, visit_config(feeds)) as bot:
        await bot.poll()
        first = item("Trump postpones his visit to Beijing", "www.reuters.com", 3)
        feed_server.set_feed("/r.xml", [first, OLD], title="Thomson Reuters Foundation News")
        await bot.poll()
        await bot.deliver()
        again = item("Trump delays Beijing trip, White House says", "www.reuters.com", 2, "Trump postponed the visit.")
        feed_server.set_feed("/r.xml", [again, first, OLD], title="Thomson Reuters Foundation News")
        ap = item("Trump postpones Beijing visit", "apnews.com", 1, "Trump postponed his visit to Beijing.")
        feed_server.set_feed("/ap.xml", [ap], title="AP News: Top Stories", link="https://apnews.com/")
        await bot.poll()
        await bot.deliver()
    (sent,) = bot.sent()
    assert sources_of(sent) == ["Reuters"]
    assert bot.edits(), "the second outlet's report updates the message"
    update = bot.edits()[-1]
    assert sources_of(update) == ["Reuters", "AP News"], update
    also = [line for line in update.split("\n") if "also" in line]
    assert not any("Reuters" in line for line in also), also
    assert "#via=" not in sent + update, "links are the articles' own"
    assert f'<a href="{first.link}">now postponed (was planned)' in sent, "the headline links the first report"


def test_a_feeds_name_is_checked_by_validate() -> None:
    ok = load_config_text(visit_config(["{url: https://example.com/rss, name: '  Reuters  '}"]))
    assert ok.watches[0].feeds[0].name == "Reuters"
    with pytest.raises(ConfigError) as too_long:
        load_config_text(visit_config([f"{{url: https://example.com/rss, name: {'x' * 61}}}"]))
    assert "name: is 61 characters; an outlet's name fits in 60" in too_long.value.format()
