"""`followup demo`: see the bot work in under a minute, offline, with no token and no setup.

A feed server on 127.0.0.1 (a random port) replays a short scripted story built on the founding watches —
soybean purchases creeping towards the 12 million ton commitment, Trump's Beijing visit rumoured to slip and
then confirmed with dates, the rare earths deal agreed and signed — revealing one report every few seconds.
The real bot runs against it: :func:`bot.app.services` and :func:`bot.app.run_until_stopped`, the real poller,
extractor, tracking engine, outbox and console channel, so every alert printed is one the pipeline decided on.

What the demo never touches, whatever the environment says: chat platforms (tokens are ignored, the only
channel used is the console), the user's database (a temporary SQLite file, deleted at exit unless ``--keep``),
the user's config (the demo's is built here), proxies (``trust_env=False``: the local feed must not be sent
through an HTTP proxy) and the network (nothing but the loopback server is polled).

The demo ends by itself once the story is over, every report has been polled and every alert delivered, or at
Ctrl-C; either way it prints a one-line summary.
"""

from __future__ import annotations

import argparse
import asyncio
import calendar
import contextlib
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO
from xml.sax.saxutils import escape

from bot.environment import Environment

if TYPE_CHECKING:
    from aiohttp import web

    from watchers.store.database import Database
    from watchers.store.outbox import OutboxRepository

STORY_SECONDS = 40.0  # the last report is published this long after the story starts, at --speed 1
POLL_SECONDS = 3.0
GRACE_SECONDS = 90.0  # after the story, how long to wait for the last polls and deliveries before giving up
FEED_PATH = "/story.xml"


@dataclass(frozen=True)
class Report:
    """One scripted news item: who published it, when (seconds into the story at speed 1), and what it said."""

    at: float
    outlet: str  # a domain: the alert's "Sources:" line shows it, and outlets are how corroboration counts
    slug: str
    title: str
    summary: str

    @property
    def link(self) -> str:
        return f"https://www.{self.outlet}/demo/{self.slug}"


@dataclass(frozen=True)
class Story:
    """The scripted story and the baselines it starts from, all dated relative to the demo's start."""

    start: datetime
    founding: tuple[Report, ...]  # yesterday's news: in the feed from the first poll, so they only seed
    reports: tuple[Report, ...]  # revealed one by one while the bot runs
    visit_month: date  # first day of the month Trump's Beijing visit is expected in
    deal_due: date
    soybeans_due: date

    @property
    def as_of(self) -> datetime:
        return self.start - timedelta(days=1)


def build_story(start: datetime) -> Story:
    """The story, dated so that it reads as today's news whatever day the demo is run.

    Dates in the text are written the way outlets write them (month names, "Friday"), so the extractor reads
    them exactly as it would read a real feed: relative to each report's publication time, which is "now".
    """
    start = start.astimezone(UTC)
    today = start.date()
    visit = _add_months(today.replace(day=1), 5)
    later = _add_months(visit, 1)
    month, next_month = calendar.month_name[visit.month], calendar.month_name[later.month]
    deal_due = today + timedelta(days=5)
    due_day = f"{calendar.day_name[deal_due.weekday()]}, {calendar.month_name[deal_due.month]} {deal_due.day}"
    # "by the end of the year" in the founding news; here the end of the month a month from now (30-61 days)
    soybeans_due = _add_months((today + timedelta(days=30)).replace(day=1), 1) - timedelta(days=1)

    founding = (
        Report(
            0,
            "reuters.com",
            "trump-says-he-will-visit-beijing",
            f"Trump says he will visit Beijing in {month} after call with Xi",
            f"President Donald Trump said he would visit Beijing in {month} at the invitation of Chinese President "
            "Xi Jinping, after the two leaders spoke by phone about trade, soybeans and fentanyl.",
        ),
        Report(
            0,
            "agriculture-trade.news",
            "china-booked-nearly-2-million-tons-us-soybeans",
            "China has booked nearly 2 million tons of US soybeans, short of its pledge",
            "China has purchased nearly 2 million metric tons of U.S. soybeans since the trade truce, USDA data "
            f"showed, far short of the 12 million tons it committed to buy by {soybeans_due:%B} {soybeans_due.day}.",
        ),
        Report(
            0,
            "reuters.com",
            "bessent-expects-final-rare-earths-deal",
            f"Bessent says US and China expect final rare earths deal by {due_day}",
            "Treasury Secretary Scott Bessent said Washington and Beijing expect to finalise the agreement on "
            f"China's rare earth export controls by {due_day}.",
        ),
    )
    reports = (
        Report(
            4,
            "reuters.com",
            "china-soybean-purchases-reach-3-1-million-tons",
            "China's purchases of US soybeans reach 3.1 million tons as state buyers return",
            "China's purchases of U.S. soybeans since the truce reached 3.1 million metric tons, according to "
            "USDA data, as Sinograin and COFCO booked cargoes for shipment in the coming months.",
        ),
        Report(
            8,
            "brazil-agri.news",
            "brazil-soybean-exports-china-record",
            "Brazil's soybean exports to China hit a record",
            "Brazilian farmers shipped a record 9 million tons of soybeans to China last month, exporters said, "
            "as Chinese buyers bought 2 million tons more than a year earlier.",
        ),
        Report(
            12,
            "politico.com",
            "trump-beijing-trip-could-be-pushed-back",
            f"Trump's Beijing trip could be pushed back to {next_month}, officials say",
            f"Trump's visit to Beijing could be pushed back to {next_month}, two officials familiar with the "
            "planning said, speaking on condition of anonymity. The White House declined to comment.",
        ),
        Report(
            16,
            "bloomberg.com",
            "us-china-agree-text-rare-earths-deal",
            "US and China agree the text of rare earths deal, Bessent says",
            "The United States and China have agreed the text of the rare earths deal, Treasury Secretary Scott "
            "Bessent said, with signing expected within days.",
        ),
        Report(
            20,
            "reuters.com",
            "china-soybean-purchases-4-6-million-tons",
            "China steps up US soybean buying; purchases reach 4.6 million tons",
            "China's purchases of U.S. soybeans since the truce reached 4.6 million metric tons after USDA "
            "confirmed flash sales to China on Tuesday.",
        ),
        Report(
            24,
            "whitehouse.gov",
            "president-trump-to-travel-to-beijing",
            f"President Trump to travel to Beijing {month} 14-15",
            f"President Trump will travel to Beijing on {month} 14-15 for a state visit at the invitation of "
            "President Xi Jinping, the White House announced.",
        ),
        Report(
            28,
            "apnews.com",
            "white-house-confirms-trump-beijing-visit",
            f"White House confirms Trump will visit Beijing {month} 14-15",
            f"President Trump will travel to Beijing on {month} 14-15 for a state visit, the White House said on "
            "Wednesday, ending weeks of speculation about the timing of the trip.",
        ),
        Report(
            32,
            "reuters.com",
            "us-china-sign-rare-earths-agreement",
            "US and China sign rare earths agreement",
            "The United States and China signed the rare earths agreement on Thursday, Bessent said, lifting "
            "Beijing's export controls on rare earth magnets for U.S. buyers.",
        ),
        Report(
            36,
            "bloomberg.com",
            "china-soybean-purchases-6-2-million-tons",
            "China's US soybean purchases reach 6.2 million tons, about half of pledge",
            "China's purchases of U.S. soybeans since the truce have reached 6.2 million metric tons, traders "
            "and USDA data showed, about half of the 12 million tons Beijing committed to buy.",
        ),
        Report(
            40,
            "apnews.com",
            "china-us-soybean-purchases-6-2-million",
            "China has bought 6.2 million tons of US soybeans, USDA says",
            "China has bought 6.2 million metric tons of U.S. soybeans since the trade truce, USDA data showed.",
        ),
    )
    return Story(start, founding, reports, visit, deal_due, soybeans_due)


def demo_config_text(story: Story, feed_url: str, *, poll_seconds: int) -> str:
    """The demo's config, in the shipped config's YAML (same watches, match rules and subjects, baselines as
    of yesterday), so it is validated exactly like a user's file."""
    as_of = story.as_of.date().isoformat()
    visit = f"{story.visit_month:%Y-%m}"
    return f"""\
settings:
  poll_interval: {poll_seconds}s
  jitter: 0
  allow_private_feeds: true      # the story is served on 127.0.0.1
  deadline_alerts: [7d, 1d]

watches:
  - id: trump-beijing-visit
    title: "Trump's visit to Beijing"
    kind: event
    feeds: ["{feed_url}"]
    match:
      all: [Trump]
      any: [Beijing, China visit, visit China, visit to China, trip to China, China trip]
    subject: [Trump's visit, Trump visit, Trump to visit, Trump will visit, Trump's trip, Trump trip,
              Trump to travel, Trump will travel, Beijing visit, Beijing trip, visit to Beijing, trip to Beijing]
    unconfirmed: alert             # the demo shows rumours, marked unconfirmed
    vocabulary:
      postponed: ["put on hold", "pushed back", "rescheduled", "delays", "delayed"]
    baseline:
      status: planned
      expected: {visit}
      as_of: {as_of}
      sources: ["{story.founding[0].link}"]

  - id: us-china-rare-earths-deal
    title: "US-China rare earths deal"
    kind: agreement
    feeds: ["{feed_url}"]
    match:
      any: [rare earth, rare earths, rare-earth, rare-earths]
      regex: '\\b(China|Chinese|Beijing)\\b'
    subject: [deal, agreement, accord, pact, framework, talks, text]
    vocabulary:
      agreed: ["agreed the text", "agreed on the terms", "reached agreement", "reach agreement"]
    baseline:
      status: pending
      due: {story.deal_due.isoformat()}
      as_of: {as_of}
      sources: ["{story.founding[2].link}"]

  - id: china-us-soybean-purchases
    title: "China's purchases of US soybeans"
    kind: metric
    feeds: ["{feed_url}"]
    match:
      any: [soybean, soybeans, soy, soya]
      none: [soybean oil, soyoil]
    subject: [purchases, purchased, bought, buying, booked, bookings, sales, commitment, pledge]
    metric:
      unit: t
      aggregation: cumulative
      min_change: 5%
      product: [soybean, soybeans, soy, soya]
      actor: [China, Chinese, Beijing, Sinograin, COFCO]
      exclude: [sorghum, corn, wheat, Brazil, Brazilian, Argentina, futures, bushel price, "a bushel"]
    baseline:
      value: 2000000
      as_of: {as_of}
      sources: ["{story.founding[1].link}"]
    target:
      value: 12000000
      due: {story.soybeans_due.isoformat()}
      label: "12 Mt commitment"

subscriptions:
  - platform: console
    target: stdout
    watches: all
"""


class StoryServer:
    """Serves the story as an RSS feed on 127.0.0.1: the founding reports, plus those revealed so far.

    The story clock starts only after the bot's first poll has been answered, because a feed's first poll
    only seeds state; a report revealed before it would never alert.
    """

    def __init__(self, story: Story) -> None:
        self._story = story
        self._runner: web.AppRunner | None = None
        self.url = ""
        self.revealed_at: list[datetime] = []  # wall-clock reveal time of each report revealed so far
        self.first_poll = asyncio.Event()
        self.polls_after_end = 0  # requests answered with the whole story

    async def start(self) -> None:
        from aiohttp import web  # imported here: the CLI imports this module to register the subcommand

        app = web.Application()
        app.router.add_get(FEED_PATH, self._feed)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = getattr(site, "_server", None)
        sockets = getattr(server, "sockets", None) or []
        port = sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}{FEED_PATH}"

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def reveal_next(self, at: datetime) -> None:
        """Publish the next report, dated ``at`` (now): the extractor reads its dates relative to that."""
        self.revealed_at.append(at)

    @property
    def revealed(self) -> int:
        return len(self.revealed_at)

    @property
    def complete(self) -> bool:
        return self.revealed >= len(self._story.reports)

    async def _feed(self, request: web.Request) -> web.Response:
        from aiohttp import web

        complete = self.complete
        # no-cache: a max-age would make the poller wait longer than the demo's poll interval
        response = web.Response(
            body=self.rss(), content_type="application/rss+xml", headers={"Cache-Control": "no-cache"}
        )
        if complete:
            self.polls_after_end += 1
        self.first_poll.set()
        return response

    def rss(self) -> bytes:
        """The feed as it stands: newest first, each report dated when it was revealed."""
        story = self._story
        items = [(story.as_of, report) for report in story.founding]
        items += list(zip(self.revealed_at, story.reports, strict=False))
        items.sort(key=lambda item: item[0], reverse=True)
        entries = "".join(
            f"""
    <item>
      <title>{escape(report.title)}</title>
      <link>{escape(report.link)}</link>
      <guid isPermaLink="true">{escape(report.link)}</guid>
      <pubDate>{format_datetime(published, usegmt=True)}</pubDate>
      <description>{escape(report.summary)}</description>
    </item>"""
            for published, report in items
        )
        return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>followup demo: a scripted story (not real news)</title>
    <link>{escape(self.url)}</link>
    <description>Reports revealed one by one by followup demo.</description>{entries}
  </channel>
</rss>
""".encode()


@dataclass
class DemoResult:
    alerts: Counter[str] = field(default_factory=Counter)  # delivered alerts by kind
    updates: int = 0  # corroborations delivered as edits
    reports: int = 0
    interrupted: bool = False
    timed_out: bool = False


def add_demo_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `followup demo` on the CLI's subparsers (kept here so cli.py only needs two lines)."""
    demo = sub.add_parser(
        "demo",
        help="show alerts offline: a local feed replays a scripted story (no token, no network, under a minute)",
        description="Show followup working offline: a feed server on 127.0.0.1 replays a scripted story and "
        "the real pipeline prints its alerts on the console. Tokens in the environment are ignored and the "
        "configured database is not touched.",
    )
    demo.add_argument(
        "--speed",
        type=_positive,
        default=1.0,
        metavar="N",
        help="play the story N times faster (default 1: under a minute)",
    )
    demo.add_argument("--keep", action="store_true", help="keep the demo's SQLite database and print its path")


def demo_command(args: argparse.Namespace, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """`followup demo`: returns the exit code (0, or 1 if the story did not finish before the grace time)."""
    from bot.logs import configure_logging

    configure_logging(level="WARNING", secrets=())
    workdir = Path(tempfile.mkdtemp(prefix="followup-demo-"))
    try:
        result = asyncio.run(run_demo(workdir / "demo.db", speed=args.speed, out=out))
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    alerts = sum(result.alerts.values())
    kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(result.alerts.items())) or "none"
    ending = "interrupted" if result.interrupted else "timed out" if result.timed_out else "finished"
    where = f"database kept at {workdir / 'demo.db'}" if args.keep else "temporary database deleted"
    print(
        f"followup demo {ending}: {_plural(result.reports, 'scripted report')}, {_plural(alerts, 'alert')} ({kinds}), "
        f"{_plural(result.updates, 'update')} from corroborating outlets; {where}",
        file=out,
        flush=True,
    )
    return 1 if result.timed_out else 0


async def run_demo(database: Path, *, speed: float, out: TextIO) -> DemoResult:
    """Serve the story, run the real bot against it on the console only, and stop when the story is told."""
    from bot.app import run_until_stopped, services
    from watchers.config import load_config_text
    from watchers.store.outbox import OutboxRepository

    story = build_story(datetime.now(UTC))
    server = StoryServer(story)
    await server.start()
    poll_seconds = max(1, round(POLL_SECONDS / speed))
    config = load_config_text(demo_config_text(story, server.url, poll_seconds=poll_seconds), filename="<demo>")
    env = Environment(
        telegram_token=None,
        discord_token=None,
        database_url=f"sqlite:///{database}",
        config_path=Path("<demo>"),
    )
    stop = asyncio.Event()
    result = DemoResult()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    print(
        f"followup demo: a scripted story (not real news) is served at {server.url};\n"
        f"the alerts below come from the real pipeline, polling every {poll_seconds}s. Ctrl-C stops it.\n",
        file=out,
        flush=True,
    )
    try:
        async with services(env, config, trust_env=False) as svc:
            tick = min(1.0, poll_seconds / 4)
            bot = asyncio.create_task(run_until_stopped(svc, stop, trust_env=False, tick_seconds=tick), name="bot")
            outbox = OutboxRepository(svc.db)
            narrating = asyncio.create_task(_narrate(story, server, speed, out, stop), name="story")
            try:
                finished = await _until_told(server, outbox, stop, bot, grace=STORY_SECONDS / speed + GRACE_SECONDS)
                result.timed_out = not finished and not stop.is_set()
                result.interrupted = stop.is_set() and not finished
            finally:
                stop.set()
                narrating.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await narrating
                await bot
            result.reports = server.revealed
            result.alerts, result.updates = await _delivered(svc.db)
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
        await server.close()
    return result


async def _narrate(story: Story, server: StoryServer, speed: float, out: TextIO, stop: asyncio.Event) -> None:
    """Reveal the reports on schedule (once the first poll has seeded the feed), saying what was published."""
    await server.first_poll.wait()
    began = time.monotonic()
    for report in story.reports:
        delay = began + report.at / speed - time.monotonic()
        if delay > 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=delay)
        if stop.is_set():
            return
        server.reveal_next(datetime.now(UTC))
        print(f"· {report.outlet} publishes: {report.title}", file=out, flush=True)


async def _until_told(
    server: StoryServer, outbox: OutboxRepository, stop: asyncio.Event, bot: asyncio.Task[object], *, grace: float
) -> bool:
    """Wait until the whole story has been polled and processed and the outbox is empty (True), until Ctrl-C,
    or until ``grace`` seconds have passed (False).

    A feed is polled again only after its previous poll was recorded, so a second request for the complete
    feed means the first one's entries, alerts and outbox rows are committed.
    """
    deadline = time.monotonic() + grace
    while not stop.is_set() and not bot.done() and time.monotonic() < deadline:
        if server.polls_after_end >= 2:
            counts = await outbox.counts()
            if not any(counts.get(status) for status in ("pending", "sending", "retry")):
                return True
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=0.2)
    if bot.done() and not bot.cancelled() and (failure := bot.exception()) is not None:
        raise failure  # the bot stopped by itself: show why rather than a silent "timed out"
    return False


async def _delivered(db: Database) -> tuple[Counter[str], int]:
    """Alerts delivered, by kind, and updates (edits for corroborating outlets) delivered."""
    from sqlmodel import col, func, select

    from watchers.store.tables import AlertRow, OutboxRow

    async with db.session() as session:
        alerts = (
            await session.execute(
                select(col(AlertRow.kind), func.count())
                .join(OutboxRow, col(OutboxRow.alert_key) == col(AlertRow.key))
                .where(col(OutboxRow.kind) == "alert", col(OutboxRow.status) == "sent")
                .group_by(col(AlertRow.kind))
            )
        ).all()
        edits = (
            await session.execute(
                select(func.count()).where(col(OutboxRow.kind) == "edit", col(OutboxRow.status) == "sent")
            )
        ).scalar_one()
    return Counter({str(kind): int(n) for kind, n in alerts}), int(edits)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _add_months(first_of_month: date, months: int) -> date:
    index = first_of_month.month - 1 + months
    return date(first_of_month.year + index // 12, index % 12 + 1, 1)


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.1 <= value <= 100:
        raise argparse.ArgumentTypeError("speed must be between 0.1 and 100")
    return value


__all__: Sequence[str] = ("add_demo_parser", "build_story", "demo_command", "run_demo")
