"""A real command service on a real database, for the service tests and both adapters' tests.

``command_world(database_url)`` builds what ``followup run`` builds (bot.app.services + bot.app.command_service)
with the founding watches as they stood on 25 Nov 2025 (tests/fixtures/founding-2025.yaml), their feeds
pointed at a local FeedServer (no internet), the owners of tests/command_harness.py in the config and the
harness's "admin" users added with ``admins add`` by an owner. The clock is simulated and fixed at :data:`NOW`.
:func:`caller_for` gives the Caller each platform's adapter is expected to produce for a harness role and place,
so the direct driver and the adapters agree on who is where.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from command_harness import (
    DISCORD_CHANNEL,
    DISCORD_GUILD,
    DISCORD_USERS,
    TELEGRAM_GROUP_CHAT,
    TELEGRAM_USERS,
    DriverReply,
    Place,
    Role,
    Scenario,
)
from feedserver import FeedItem, FeedServer

from bot.app import Services, command_service, services
from bot.commands.api import Caller, Platform
from bot.commands.service import FollowupCommands
from bot.environment import Environment
from watchers.clock import SimulatedClock
from watchers.config import FollowupConfig, load_config
from watchers.config.schema import FeedRef, OwnersConfig

ROOT = Path(__file__).resolve().parent.parent
FOUNDING = ROOT / "tests" / "fixtures" / "founding-2025.yaml"  # the founding baselines the tests are written against
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
DISCORD_DM_BASE = 400000000000000000
# Set up in every world, so scenarios can undo them: a spare admin on both platforms, the group (Telegram) and
# the guild channel (Discord) subscribed to one watch, and one watch paused.
SPARE_ADMIN = "777"
GROUP_WATCH = "china-us-soybean-purchases"
PAUSED = "xi-us-state-visit"  # a user's DM channel id: this plus their role's index

# What each founding watch's local feed carries: recent enough (max_entry_age 30d) to be read by feed test.
FEED_ITEMS: dict[str, list[FeedItem]] = {
    "trump-beijing-visit": [
        FeedItem(
            "Trump postpones his visit to Beijing",
            "https://news.example.com/trump-postpones-beijing-visit",
            summary="Trump postpones his visit to Beijing, the White House said, without giving a new date.",
            published=NOW - timedelta(days=2),
        ),
        FeedItem("Markets close higher", "https://news.example.com/markets", published=NOW - timedelta(days=1)),
    ],
    "xi-us-state-visit": [],
    "us-china-rare-earths-deal": [],
    "china-us-soybean-purchases": [
        FeedItem(
            "China's soybean purchases reach 9 million tons",
            "https://news.example.com/soy-9mt",
            summary="China's purchases of US soybeans since the truce reached 9 million metric tons, USDA data show.",
            published=NOW - timedelta(days=3),
        )
    ],
}


def feed_path(watch_id: str) -> str:
    return f"/feeds/{watch_id}.xml"


def founding_config(server: FeedServer, feed_names: Mapping[str, str] | None = None) -> FollowupConfig:
    """config/watches.yaml with each watch reading one local feed, private feeds allowed, harness owners.

    ``feed_names`` gives a watch's feed a ``name:`` (watch id -> the outlet's name)."""
    config = load_config(FOUNDING)
    names = feed_names or {}
    watches = [
        w.model_copy(update={"feeds": [FeedRef(url=server.url(feed_path(w.id)), name=names.get(w.id))]})
        for w in config.watches
    ]
    settings = config.settings.model_copy(update={"allow_private_feeds": True})
    owners = OwnersConfig(telegram=[TELEGRAM_USERS["owner"]], discord=[DISCORD_USERS["owner"]])
    return config.model_copy(update={"watches": watches, "settings": settings, "owners": owners})


def caller_for(platform: Platform, role: Role, place: Place) -> Caller:
    """The Caller an adapter must produce for ``role`` writing in ``place`` (private chat / DM, or the group)."""
    if platform == "discord":
        user = DISCORD_USERS[role]
        if place == "private":
            dm = DISCORD_DM_BASE + list(DISCORD_USERS).index(role)
            return Caller("discord", str(user), role, str(dm), "private")
        return Caller(
            "discord",
            str(user),
            role,
            str(DISCORD_CHANNEL),
            "guild",
            guild_id=str(DISCORD_GUILD),
            chat_admin=role == "chat_admin",
        )
    user = TELEGRAM_USERS[role]
    if place == "private":
        return Caller("telegram", str(user), role, str(user), "private")
    return Caller("telegram", str(user), role, str(TELEGRAM_GROUP_CHAT), "group", chat_admin=role == "chat_admin")


@dataclass
class CommandWorld:
    """The running pieces a command test may look at (the database through ``svc.db``)."""

    service: FollowupCommands
    svc: Services
    feed_server: FeedServer
    clock: SimulatedClock
    config: FollowupConfig


class DirectDriver:
    """A CommandDriver that calls the service straight, as an adapter would after parsing."""

    def __init__(self, world: CommandWorld, platform: Platform = "telegram") -> None:
        self.world = world
        self.platform = platform

    async def run(self, scenario: Scenario) -> DriverReply:
        caller = caller_for(self.platform, scenario.role, scenario.place)
        reply = await self.world.service.execute(caller, scenario.command, scenario.args, attachment=scenario.upload)
        mime = reply.attachment.mime if reply.attachment else None
        return DriverReply(reply.text, reply.ok, mime, tuple(b.label for b in reply.buttons))


@asynccontextmanager
async def command_world(
    database_url: str,
    *,
    feed_server: FeedServer | None = None,
    now: datetime = NOW,
    feed_names: Mapping[str, str] | None = None,
) -> AsyncIterator[CommandWorld]:
    """A fresh service over ``database_url`` (an empty database; see tests/db_fixtures.py).

    Pass ``feed_server`` to use a running one (e.g. the ``feed_server`` fixture); otherwise one is started.
    ``feed_names`` names watches' feeds in the config (:func:`founding_config`).
    """
    if feed_server is None:
        async with (
            FeedServer() as own,
            command_world(database_url, feed_server=own, now=now, feed_names=feed_names) as world,
        ):
            yield world
        return
    for watch_id, items in FEED_ITEMS.items():
        feed_server.set_feed(feed_path(watch_id), items)
    config = founding_config(feed_server, feed_names)
    clock = SimulatedClock(now)
    env = Environment(None, None, database_url, FOUNDING)
    async with services(env, config, clock=clock, rng=random.Random(5), trust_env=False) as svc:
        service = command_service(svc)
        for platform in ("telegram", "discord"):
            owner = caller_for(platform, "owner", "private")
            admin_id = (TELEGRAM_USERS if platform == "telegram" else DISCORD_USERS)["admin"]
            for user in (str(admin_id), SPARE_ADMIN):
                reply = await service.execute(owner, "admins add", {"user": user})
                assert reply.ok, reply.text
            group_admin = caller_for(platform, "chat_admin", "group")
            reply = await service.execute(group_admin, "subscribe", {"watch": GROUP_WATCH})
            assert reply.ok, reply.text
        reply = await service.execute(caller_for("telegram", "owner", "private"), "watch pause", {"watch": PAUSED})
        assert reply.ok, reply.text
        yield CommandWorld(service, svc, feed_server, clock, config)
