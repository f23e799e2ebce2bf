"""The composition root: builds every long-lived object once and owns the start/stop order.

Nothing else in the code base constructs databases, HTTP clients or schedulers; everything receives them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.channels.base import Channel
from bot.channels.console import ConsoleChannel
from bot.channels.resilient import ResilientChannel, ResilientStart
from bot.channels.webhook import WebhookChannel
from bot.commands.api import CommandService
from bot.commands.context import CommandContext
from bot.commands.service import FollowupCommands
from bot.environment import Environment
from bot.outbox import Dispatcher
from bot.roles import Role, RoleManager, replica_id
from bot.shutdown import CLOSE_TIMEOUT, SHUTDOWN_TIMEOUT, RunningBot, ShutdownOutcome, shut_down
from watchers.clock import Clock, SystemClock
from watchers.config import FollowupConfig
from watchers.config.schema import DEFAULT_KINDS
from watchers.feeds.fetch import FeedFetcher, FetchSettings
from watchers.feeds.poller import FeedPoller, PollPolicy, PollReport
from watchers.feeds.schedule import initial_offset
from watchers.store.database import Database
from watchers.store.entries import EntryRepository
from watchers.store.feeds import FeedRepository
from watchers.store.leases import LeaseRepository
from watchers.store.outbox import DeclaredSubscription, OutboxRepository
from watchers.tracking.registry import WatchRegistry
from watchers.tracking.sink import TrackingSink

if TYPE_CHECKING:
    from bot.commands.discord_adapter import DiscordCommands
    from bot.telegram_webhook import TelegramWebhook

log = logging.getLogger(__name__)

TICK_SECONDS = 1.0  # how often the scheduler asks the feeds table what is due: one indexed query, and it bounds latency


def fetch_settings(config: FollowupConfig, *, trust_env: bool = True) -> FetchSettings:
    """The fetcher's limits from the config's settings."""
    fetch = config.settings.fetch
    return FetchSettings(
        connect_timeout=fetch.connect_timeout.total_seconds(),
        read_timeout=fetch.read_timeout.total_seconds(),
        total_timeout=fetch.total_timeout.total_seconds(),
        max_redirects=fetch.max_redirects,
        max_bytes=fetch.max_bytes,
        max_concurrency=fetch.max_concurrency,
        per_host_concurrency=fetch.per_host_concurrency,
        allow_private=config.settings.allow_private_feeds,
        trust_env=trust_env,
    )


@dataclass
class Services:
    """Everything a command needs, built and torn down by :func:`services`."""

    config: FollowupConfig
    db: Database
    fetcher: FeedFetcher
    poller: FeedPoller
    feeds: FeedRepository
    entries: EntryRepository
    clock: Clock
    tracker: TrackingSink
    env: Environment
    registry: WatchRegistry
    dispatcher: Dispatcher | None = None  # set by run_until_stopped; a config reload updates its owners
    roles: RoleManager | None = None  # set by run_until_stopped: the one-owner roles this replica holds
    telegram_webhook: TelegramWebhook | None = None  # set by run_until_stopped in Telegram webhook mode
    command_contexts: list[CommandContext] = field(default_factory=list)  # a config reload updates owners here too


@asynccontextmanager
async def services(
    env: Environment,
    config: FollowupConfig,
    *,
    clock: Clock | None = None,
    rng: random.Random | None = None,
    trust_env: bool = True,
) -> AsyncIterator[Services]:
    """Open the database (migrating it), the HTTP client, the tracker and the poller; close in reverse order."""
    clock = clock or SystemClock()
    rng = rng or random.Random()
    db = Database(env.database_url)
    try:
        await db.migrate()
        feeds = FeedRepository(db)
        registry = WatchRegistry(db, config.settings, clock)
        await registry.start(config.watches, first_check=first_checks(config, clock, rng))
        # one process on SQLite: a claim it finds is a dead one. Several replicas on PostgreSQL: another's fresh
        # claim must stand (an expired claim of a healthy feed is simply due again)
        released = await feeds.release_stale_claims(clock.now()) if db.dialect != "postgresql" else 0
        if released:
            log.info("%d feeds claimed by a poll that never finished are due again", released)
        await sync_subscriptions(OutboxRepository(db), config, env, clock)
        tracker = TrackingSink(db, registry.build_engine(), clock)
        registry.attach(tracker)
        async with FeedFetcher(fetch_settings(config, trust_env=trust_env)) as fetcher:
            policy = PollPolicy(max_failures=config.settings.max_consecutive_failures, jitter=config.settings.jitter)
            async with FeedPoller(
                db, fetcher, clock, policy=policy, sink=tracker, rng=rng, outlet_names=registry.outlet_names
            ) as poller:
                yield Services(config, db, fetcher, poller, feeds, EntryRepository(db), clock, tracker, env, registry)
    finally:
        await db.dispose()


def command_service(svc: Services) -> FollowupCommands:
    """The chat commands over this process's database, registry, poller and tracker (adapters call it)."""
    context = CommandContext(
        db=svc.db,
        config=svc.config,
        registry=svc.registry,
        clock=svc.clock,
        fetcher=svc.fetcher,
        poller=svc.poller,
        tracker=svc.tracker,
    )
    svc.command_contexts.append(context)
    return FollowupCommands(context)


def first_checks(config: FollowupConfig, clock: Clock, rng: random.Random) -> dict[str, datetime]:
    """When the config's feeds are first polled if new: spread over one tick window so they do not all fire at once.

    Feeds are declared by the watch registry (the config's watches plus those added from chat, see
    watchers.tracking.registry); a feed added from chat later is due at once instead.
    """
    now = clock.now()
    spread = min(60.0, config.settings.poll_interval.total_seconds())
    return {url: now + timedelta(seconds=initial_offset(spread, rng)) for url in config.feed_intervals()}


def declared_subscriptions(config: FollowupConfig, env: Environment) -> list[DeclaredSubscription]:
    """The config's subscriptions; with no chat token and none declared, the console gets every watch."""
    declared: list[DeclaredSubscription] = []
    for sub in config.subscriptions:
        watch_ids: list[str | None] = [None] if sub.watches == "all" else list(sub.watches)
        prefs: dict[str, object] = {"timezone": sub.timezone}
        if sub.quiet_hours is not None:
            prefs["quiet_hours"] = {"start": sub.quiet_hours.start, "end": sub.quiet_hours.end}
        if sub.digest is not None:
            prefs["digest"] = {"times": list(sub.digest.times), "kinds": list(sub.digest.kinds)}
        for watch_id in watch_ids:
            declared.append(
                DeclaredSubscription(sub.platform, sub.target.strip(), sub.thread, watch_id, tuple(sub.kinds), prefs)
            )
    if not declared and env.telegram_token is None and env.discord_token is None:
        declared.append(DeclaredSubscription("console", "stdout", None, None, tuple(DEFAULT_KINDS), {}))
    return declared


async def sync_subscriptions(outbox: OutboxRepository, config: FollowupConfig, env: Environment, clock: Clock) -> None:
    added, removed = await outbox.sync_declared(declared_subscriptions(config, env), now=clock.now())
    if added or removed:
        log.info("subscriptions from config: %d added, %d removed", added, removed)


@dataclass
class Platforms:
    """What `followup run` talks to: delivery channels, and the chat-command receivers that are not channels."""

    channels: dict[str, Channel]
    # one-owner receivers, each started by its role (bot/roles.py): Telegram long polling, the Discord gateway
    receivers: list[ResilientStart] = field(default_factory=list)
    discord_commands: DiscordCommands | None = None  # answers interactions only while its replica holds the role
    webhook: TelegramWebhook | None = None  # Telegram in webhook mode: every replica answers what it is posted
    always: list[ResilientStart] = field(default_factory=list)  # receivers every replica runs (webhook mode)


async def build_channels(
    env: Environment,
    config: FollowupConfig,
    *,
    trust_env: bool = True,
    commands: CommandService | None = None,
    db: Database | None = None,
) -> Platforms:
    """The channels this deployment can deliver to (console and webhooks always, chats when tokens are set) and,
    given a command service, the chat commands on each chat platform with a token (with ``db``, Telegram's guided
    conversations are kept in it across restarts)."""
    channels: dict[str, Channel] = {"console": ConsoleChannel()}
    channels["webhook"] = WebhookChannel()
    receivers: list[ResilientStart] = []
    always: list[ResilientStart] = []
    webhook: TelegramWebhook | None = None
    discord_commands: DiscordCommands | None = None
    if env.telegram_token is not None:
        from bot.channels.ratelimit import ChatRateLimiter, RateLimits
        from bot.channels.telegram import TelegramChannel

        delivery = config.delivery.telegram
        limits = RateLimits(
            overall=delivery.messages_per_second,
            per_chat=delivery.per_chat_per_second,
            per_group=delivery.group_per_minute,
        )
        limiter = ChatRateLimiter(limits)  # shared: command replies and alerts count against the same limits
        channels["telegram"] = ResilientChannel(
            TelegramChannel(
                env.telegram_token.reveal(),
                api_base_url=env.telegram_api_base_url,
                link_previews=delivery.link_previews,
                limiter=limiter,
                trust_env=trust_env,
            )
        )
        if commands is not None:
            from bot.commands.telegram_adapter import TelegramCommands
            from bot.commands.telegram_persistence import DatabasePersistence

            secret = env.telegram_webhook_secret
            hook = (env.telegram_webhook_url, secret.reveal()) if env.telegram_webhook_url and secret else None
            receiver = TelegramCommands(
                env.telegram_token.reveal(),
                commands,
                api_base_url=env.telegram_api_base_url,
                trust_env=trust_env,
                limiter=limiter,
                persistence=DatabasePersistence(db) if db is not None else None,
                webhook=hook,
            )
            if hook is not None and db is not None:  # every replica answers the updates posted to it
                from bot.telegram_webhook import TelegramWebhook
                from watchers.store.telegram_updates import TelegramUpdates

                webhook = TelegramWebhook(receiver, hook[1], TelegramUpdates(db), SystemClock())
                always.append(ResilientStart(receiver, "telegram commands"))
            else:  # long polling: one consumer per token, so one replica (bot/roles.py)
                receivers.append(ResilientStart(receiver, "telegram commands"))
    if env.discord_token is not None:
        from bot.channels.discord import DiscordChannel, DiscordGateway

        # Sends need only REST, so every replica logs in and delivers; Discord sends each interaction to every
        # gateway session of a token, so one replica at a time (the discord-commands role) connects the gateway.
        threads = None
        if db is not None:  # each forum's post per watch survives a restart
            from watchers.store.forum_threads import ForumThreads

            threads = ForumThreads(db)
        discord_channel = DiscordChannel(env.discord_token.reveal(), gateway=False, threads=threads)
        if commands is not None:
            from bot.commands.discord_adapter import DiscordCommands

            discord_commands = DiscordCommands(discord_channel, commands)
            discord_commands.install()  # one client for both: the commands' tree and the sends
            receivers.append(ResilientStart(DiscordGateway(discord_channel), "discord commands"))
        channels["discord"] = ResilientChannel(discord_channel)

    return Platforms(channels, receivers, discord_commands, webhook, always)


async def delivering_to(svc: Services, channels: dict[str, Channel]) -> str:
    """What the start log names: the chat platforms that have a token (they also answer commands and carry admin
    notices) and the other channels (console, webhooks) only when an active subscription uses them."""
    used = {sub.platform for sub in await OutboxRepository(svc.db).subscriptions(active_only=True)}
    names = [name for name in sorted(channels) if name in used or name in ("telegram", "discord")]
    return ", ".join(names) if names else "no one yet (no subscriptions)"


CLOCK_ROLE = "clock"
DISCORD_COMMANDS_ROLE = "discord-commands"


async def _nothing() -> None:
    return None


def _starter(receiver: ResilientStart) -> Callable[[], Awaitable[None]]:
    """Start connecting in the background: winning a role must not hold up polling (it retries on its own)."""

    async def start() -> None:
        await receiver.start(wait=0)

    return start


def owner_targets(config: FollowupConfig) -> list[tuple[str, str]]:
    """Where admin notices go: each owner's private chat (Telegram) or DM (Discord)."""
    return [("telegram", str(uid)) for uid in config.owners.telegram] + [
        ("discord", f"user:{uid}") for uid in config.owners.discord
    ]


class TickListener(Protocol):
    """Told about every poll tick (the heartbeat and the metrics listen)."""

    def tick_started(self) -> None: ...

    def tick_done(self, report: PollReport | None, error: BaseException | None) -> None: ...


class PollingService:
    """Runs the poll cycle on an APScheduler 3 AsyncIOScheduler until asked to stop.

    The scheduler only provides the tick; which feeds are due is read from the database each tick, so edits
    to the feeds table take effect without rescheduling anything.
    """

    def __init__(self, svc: Services, *, tick_seconds: float = TICK_SECONDS) -> None:
        self._svc = svc
        self._tick = tick_seconds
        self._scheduler = AsyncIOScheduler(timezone="UTC")
        self.last_report: PollReport | None = None
        self._running: set[asyncio.Task[object]] = set()
        self._stopping = False
        self._listeners: list[TickListener] = []

    def add_listener(self, listener: TickListener) -> None:
        self._listeners.append(listener)

    def _tracked(self, job: Callable[[], Awaitable[object]]) -> Callable[[], Awaitable[object]]:
        """Wrap a job so stop() can wait for it: shutting the scheduler down does not wait for coroutines."""

        async def run() -> object:
            if self._stopping:
                return None  # scheduled just before stop(): the database may already be closing
            task = asyncio.current_task()
            if task is not None:
                self._running.add(task)
            try:
                return await job()
            except asyncio.CancelledError:
                if not self._stopping:
                    raise
                # cut short by a shutdown past its deadline: say so in one line (APScheduler would log a traceback)
                log.info("%s job cancelled by the shutdown", run.__name__)
                return None
            finally:
                if task is not None:
                    self._running.discard(task)

        run.__name__ = getattr(job, "__name__", "job")
        return run

    async def tick(self) -> PollReport:
        for listener in self._listeners:
            listener.tick_started()
        try:
            await self._svc.registry.follow_changes()  # a watch added or changed on another replica
            report = await self._svc.poller.poll_due()
            self._svc.tracker.flush()
        except Exception as error:
            for listener in self._listeners:
                listener.tick_done(None, error)
            raise
        for listener in self._listeners:
            listener.tick_done(report, None)
        self.last_report = report
        if report.polled:
            log.info(
                "polled %d feeds: %d unchanged, %d changed, %d new entries, %d failed",
                report.polled,
                report.not_modified,
                report.changed,
                report.new_count,
                len(report.failures),
            )
        return report

    async def prune(self) -> None:
        retention = self._svc.config.settings.entry_retention
        removed = await self._svc.entries.prune(seen_before=self._svc.clock.now() - retention)
        if removed:
            log.info("forgot %d entries not seen for %s", removed, retention)

    async def deadlines(self) -> None:
        """The deadline clock: only on the replica holding the "clock" role (one alert, not one per replica)."""
        roles = self._svc.roles
        if roles is None or roles.holds(CLOCK_ROLE):
            await self._svc.tracker.tick()

    def start(self) -> None:
        self._scheduler.add_job(
            self._tracked(self.tick),
            "interval",
            seconds=self._tick,
            id="poll",
            max_instances=1,
            coalesce=True,
            next_run_time=datetime.now(UTC),
        )
        self._scheduler.add_job(
            self._tracked(self.prune), "interval", hours=6, id="prune", max_instances=1, coalesce=True
        )
        self._scheduler.add_job(
            self._tracked(self.deadlines),
            "interval",
            minutes=10,
            id="deadlines",
            max_instances=1,
            coalesce=True,
            next_run_time=datetime.now(UTC),
        )
        self._scheduler.start()

    async def stop(self, *, grace: float = 30.0) -> None:
        """Stop scheduling and let the jobs already running finish so nothing is cut
        mid-transaction and the database is closed only after them (waits up to ``grace`` seconds)."""
        self._stopping = True
        # pause, not shutdown, first: APScheduler's asyncio executor cancels the running job tasks on shutdown,
        # which would cut the poll in progress mid-transaction
        self._scheduler.pause()
        try:
            await asyncio.sleep(0)  # let jobs the scheduler just started register (or see the flag and return)
            running = list(self._running)
            if running:
                _, pending = await asyncio.wait(running, timeout=grace)
                for task in pending:
                    task.cancel()
                if pending:
                    log.warning("stopped %d jobs that did not finish within %.0fs", len(pending), grace)
        finally:
            self._shutdown_scheduler()

    def _shutdown_scheduler(self) -> None:
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)

    async def cancel_jobs(self, *, grace: float = 2.0) -> None:
        """Shutdown cut short: cancel the running jobs now and give them ``grace`` seconds to unwind."""
        self._stopping = True
        self._shutdown_scheduler()
        running = list(self._running)
        for task in running:
            task.cancel()
        if running:
            await asyncio.wait(running, timeout=grace)


async def run_until_stopped(
    svc: Services,
    stop: asyncio.Event,
    *,
    trust_env: bool = True,
    tick_seconds: float = TICK_SECONDS,
    shutdown_timeout: float = SHUTDOWN_TIMEOUT,
    force: asyncio.Event | None = None,
    attach: Callable[[RunningBot], AbstractAsyncContextManager[object]] | None = None,
) -> ShutdownOutcome:
    """The `followup run` main loop: poll on schedule and deliver the outbox until ``stop`` is set.

    Then shut down within ``shutdown_timeout`` seconds (``force`` set: at once), see bot.shutdown.
    ``attach`` adds what runs beside the bot (heartbeat, HTTP endpoint, reload): it gets the running parts
    before polling starts, and its context is left only after the shutdown has drained.
    """
    outcome = ShutdownOutcome()
    platforms = await build_channels(svc.env, svc.config, trust_env=trust_env, commands=command_service(svc), db=svc.db)
    channels = platforms.channels
    started: list[Channel | ResilientStart] = []
    try:
        # Concurrently: each waits a few seconds for its platform, then goes on connecting in the background.
        await asyncio.gather(
            *(channel.start() for channel in channels.values()), *(receiver.start() for receiver in platforms.always)
        )
        started.extend(channels.values())
        started.extend(platforms.always)
        svc.telegram_webhook = platforms.webhook
        # Command receivers (Telegram long polling, the Discord gateway) and the deadline clock run on one replica
        # at a time: "telegram-commands", "discord-commands" (DISCORD_COMMANDS_ROLE), "clock".
        svc.db.replica = svc.db.replica or replica_id()  # the feeds and outbox rows it claims carry this name
        roles = RoleManager(
            svc.db,
            svc.clock,
            [Role(CLOCK_ROLE, _nothing, _nothing)]
            + [
                Role(receiver.name.replace(" ", "-"), _starter(receiver), receiver.close)
                for receiver in platforms.receivers
            ],
            replica=svc.db.replica,
        )
        svc.roles = roles
        if platforms.discord_commands is not None:  # a gateway closing just after its role was lost answers nothing
            platforms.discord_commands.handles = lambda: roles.holds(DISCORD_COMMANDS_ROLE)
        if svc.db.dialect != "postgresql":  # one process per SQLite file: leases left are a killed run's
            await LeaseRepository(svc.db).clear()
        await roles.step()  # a single replica takes every role before it polls
        holding = asyncio.create_task(roles.run(stop), name="roles")
        dispatcher = Dispatcher(
            svc.db, channels, svc.clock, watch_titles=svc.registry.titles, owners=owner_targets(svc.config)
        )
        svc.dispatcher = dispatcher
        await dispatcher.recover()
        svc.tracker.on_alerts(lambda alerts: dispatcher.wake() if alerts else None)
        polling = PollingService(svc, tick_seconds=tick_seconds)
        beside = attach(RunningBot(svc, polling, dispatcher)) if attach else contextlib.nullcontext()
        async with beside:
            polling.start()
            delivering = asyncio.create_task(dispatcher.run_forever(stop), name="outbox")
            log.info(
                "followup is running: %d watches, %d feeds, delivering to %s, database %s",
                len(svc.registry.effective()),
                await svc.feeds.count(),
                await delivering_to(svc, channels),
                svc.db.display_url,
            )
            try:
                await stop.wait()
            finally:
                log.info("stopping (deadline %.0fs)", shutdown_timeout)
                outcome = await shut_down(polling, dispatcher, delivering, deadline=shutdown_timeout, force=force)
                holding.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await holding
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(roles.release(), timeout=CLOSE_TIMEOUT)
    finally:
        for item in reversed(started):
            try:
                await asyncio.wait_for(item.close(), timeout=CLOSE_TIMEOUT)
            except Exception:
                log.exception("closing %s failed", getattr(item, "platform", None) or getattr(item, "name", item))
    return outcome
