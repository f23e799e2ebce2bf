"""Admin commands about feeds and polling: feed add / remove / test, check, replay, health.

``feed test`` and ``replay`` run a fresh tracking engine over copies of the states: they show what would
alert without storing or sending anything. ``feed test`` names each feed's articles as the poller does (an
aggregator item's ``<source>``, the feed's ``name:``, its title for its own site's items, else the domain), and
no reply shows a link with followup's ``#via=`` outlet mark (:func:`watchers.tracking.sources.article_url`).
"""

from __future__ import annotations

from datetime import timedelta

from bot.commands import values
from bot.commands.api import Reply
from bot.commands.context import CommandContext, CommandProblem, Handler, Invocation
from bot.commands.feed_probe import feed_problem, fetch_and_parse, probe_feed
from bot.commands.watch_commands import save, validate
from bot.wording import count, usage
from watchers.config.dump import watch_to_config
from watchers.config.schema import FeedRef, FollowupConfig, WatchConfig
from watchers.feeds.types import FeedError, ParsedFeed
from watchers.feeds.urlsafety import check_feed_url, literal_host_problem, validate_feed_url_syntax
from watchers.store.dead_deliveries import DeadDeliveries
from watchers.store.entry_archive import stored_entries
from watchers.tracking.decision import Decision, decision_summary
from watchers.tracking.engine import EntryInput
from watchers.tracking.registry import feed_names
from watchers.tracking.replay import replay_entries
from watchers.tracking.sources import outlet_name
from watchers.tracking.state import WatchState
from watchers.tracking.watch import compile_watch

MAX_REPLAY_DAYS = 365
SHOWN = 10


async def _checked_url(ctx: CommandContext, url: str) -> str:
    problem = validate_feed_url_syntax(url)
    if problem is not None:
        raise CommandProblem(f"{problem}; write a full URL such as https://example.com/feed.xml")
    literal = literal_host_problem(url, allow_private=ctx.config.settings.allow_private_feeds)
    if literal is not None:
        raise CommandProblem(f"{url.strip()}: {literal}")
    try:
        await check_feed_url(url, allow_private=ctx.config.settings.allow_private_feeds)
    except FeedError as exc:
        raise CommandProblem(feed_problem(url, exc)) from None
    return url.strip()


# ---------------------------------------------------------------------------------------------- feed add / remove


async def feed_add(ctx: CommandContext, inv: Invocation) -> Reply:
    watch = ctx.watch(inv.arg("watch"))
    url, query = inv.arg("url"), inv.arg("query")
    if url is not None and not url.lower().startswith(("http://", "https://")) and query is None:
        url, query = None, url  # "feed add my-watch some search words": a Google News query
    if (url is None) == (query is None):
        platform = inv.caller.platform
        by_url = usage(platform, "feed add", ("watch", watch.id), ("url", "https://example.com/feed.xml"))
        by_query = usage(platform, "feed add", ("watch", watch.id), ("query", "China soybean purchases"), named=True)
        raise CommandProblem(f"give one feed: {by_url}, or a Google News search: {by_query}")
    ref = FeedRef(url=await _checked_url(ctx, url)) if url is not None else FeedRef(google_news=query)
    if ref.resolved_url in watch.config.feed_urls:
        return Reply(f"{watch.id} already reads {ref.resolved_url}")
    found = f" ({await probe_feed(ctx, ref.url)})" if ref.url is not None else ""
    definition = watch_to_config(watch.config)
    definition["feeds"] = [*definition.get("feeds", []), ref.model_dump(exclude_none=True)]
    new = validate(definition)
    async with ctx.db.transaction() as session:
        await save(ctx, session, inv, new, watch_to_config(watch.config), f"added feed {ref.resolved_url}")
    await ctx.registry.reload()
    return Reply(f"{watch.id} now also reads {ref.resolved_url}{found}; it is polled now")


def _matches(ref: FeedRef, text: str) -> bool:
    return text in (ref.url, ref.google_news, ref.resolved_url)


async def feed_remove(ctx: CommandContext, inv: Invocation) -> Reply:
    watch = ctx.watch(inv.arg("watch"))
    wanted = inv.arg("feed")
    feeds = watch.config.feeds
    listed = ", ".join(f"{n}. {f.url or f'query={f.google_news!r}'}" for n, f in enumerate(feeds, 1)) or "none"
    if wanted is None:
        raise CommandProblem(f"which feed (its URL, query or number)? {watch.id} reads: {listed}")
    wanted = wanted.removeprefix("query=").strip("\"'")
    if wanted.isascii() and wanted.isdigit() and len(wanted) <= 4 and 1 <= int(wanted) <= len(feeds):  # a number
        wanted = feeds[int(wanted) - 1].url or feeds[int(wanted) - 1].google_news or wanted
    kept = [f for f in feeds if not _matches(f, wanted)]
    if len(kept) == len(feeds):
        raise CommandProblem(f"{watch.id} does not read {wanted!r}; it reads: {listed}")
    definition = watch_to_config(watch.config)
    definition["feeds"] = [f.model_dump(exclude_none=True) for f in kept]
    new = validate(definition)
    async with ctx.db.transaction() as session:
        await save(ctx, session, inv, new, watch_to_config(watch.config), f"removed feed {wanted}")
    await ctx.registry.reload()
    warning = "; it has no feeds left, so nothing is polled for it until you add one" if not kept else ""
    return Reply(f"{watch.id} no longer reads {wanted}{warning}")


# ---------------------------------------------------------------------------------------------- feed test


async def _fetch(ctx: CommandContext, url: str, outlet: str | None) -> ParsedFeed:
    try:
        return await fetch_and_parse(ctx, url, outlet=outlet)
    except FeedError as exc:
        raise CommandProblem(feed_problem(url, exc)) from None


def _outlet_of(ctx: CommandContext, url: str, watches: list[WatchConfig]) -> str | None:
    """The ``name:`` the config gives the feed at ``url``, as the poller reads it (the first watch of the running
    set that names it wins), else the tested watches' own (a paused watch is not in the running set)."""
    return ctx.registry.outlet_names.get(url) or feed_names(watches).get(url)


async def _state_copies(ctx: CommandContext, watches: list[WatchConfig]) -> dict[str, WatchState]:
    stored = await ctx.tracking.states([w.id for w in watches])
    states = {}
    for watch in watches:
        state = stored.get(watch.id) or compile_watch(watch, ctx.registry.settings).initial_state()
        states[watch.id] = WatchState.from_json(state.to_json())  # a copy: nothing here is saved
    return states


async def feed_test(ctx: CommandContext, inv: Invocation) -> Reply:
    target = inv.arg("url")
    if target is None:
        raise CommandProblem(
            "give a feed URL (/feed test https://example.com/feed.xml) or a watch id to test its feeds"
        )
    if not target.lower().startswith(("http://", "https://")) and ctx.registry.get(target.lower()) is not None:
        watch = ctx.watch(target)
        urls, watches = watch.config.feed_urls, [watch.config]
    else:
        urls = [await _checked_url(ctx, target)]
        watches = [ctx.watch(inv.arg("watch")).config] if inv.arg("watch") else ctx.registry.effective()
    if not urls:
        raise CommandProblem(f"{target} has no feeds; add one with /feed add")
    engine = ctx.registry.build_engine(watches)
    states = await _state_copies(ctx, watches)
    now = ctx.clock.now()
    lines: list[str] = []
    alerts: list[str] = []
    for url in urls[:5]:
        parsed = await _fetch(ctx, url, _outlet_of(ctx, url, watches))
        named = f"; its own articles are named {parsed.outlet}" if parsed.outlet else ""
        lines.append(f"{url}: {parsed.title or 'untitled'} ({count(len(parsed.entries), 'entry')}{named})")
        if parsed.malformed_reason:
            lines.append(f"  the feed is malformed ({parsed.malformed_reason}); only what could be read is shown")
        entries = sorted(parsed.entries, key=lambda e: e.published or now)
        matched = 0
        for entry in entries:
            item = EntryInput(entry.key, entry.title, entry.summary, entry.link, entry.published, url)
            trace: list[Decision] = []
            alerts += [a.text.splitlines()[0] for a in engine.process_entry(states, item, now, trace=trace).alerts]
            decisions = [d for d in trace if d.verdict != "no match"]
            if not decisions:
                continue
            matched += 1
            if matched <= SHOWN:
                # what the engine did with it and why, as `followup explain` says it (in one line per watch), and
                # the outlet alerts would name for it
                outlet = f" ({outlet_name(entry.link)})" if entry.link else ""
                lines.append(f"  {entry.title[:150]}{outlet}")
                lines += [f"    {d.watch_id}: {decision_summary(d)[:300]}" for d in decisions]
        if matched == 0:
            lines.append("  no entry matches " + ("these watches" if len(watches) > 1 else watches[0].id))
    lines.append(
        "would alert: " + ("; ".join(alerts[:SHOWN]) if alerts else "nothing (no change against the baseline)")
    )
    return Reply("\n".join(lines))


# ---------------------------------------------------------------------------------------------- check, replay, health


async def check_command(ctx: CommandContext, inv: Invocation) -> Reply:
    urls: list[str] | None = None
    if inv.arg("watch") is not None:
        watch = ctx.watch(inv.arg("watch"))
        if not watch.active:
            raise CommandProblem(f"{watch.id} is paused; resume it first (watch resume {watch.id})")
        urls = watch.config.feed_urls
        if not urls:
            raise CommandProblem(f"{watch.id} has no feeds; add one with /feed add")
    report = await ctx.poller.poll_now(urls)
    alerts = ctx.tracker.flush()
    lines = [
        f"polled {count(report.polled, 'feed')}: {report.changed} changed, {report.not_modified} unchanged, "
        f"{count(report.new_count, 'new entry', 'new entries')}, {count(len(alerts), 'alert')}"
    ]
    lines += [f"  failed: {f.url}: {f.message[:200]}" for f in report.failures[:SHOWN]]
    lines += [f"  alert: {a.text.splitlines()[0]}" for a in alerts[:SHOWN]]
    return Reply("\n".join(lines))


async def replay_command(ctx: CommandContext, inv: Invocation) -> Reply:
    watch = ctx.watch(inv.arg("watch"))
    raw_days = inv.arg("days")
    example = usage(inv.caller.platform, "replay", ("watch", watch.id), ("days", "30"))
    days = values.whole(raw_days, what="days", low=1, high=MAX_REPLAY_DAYS, example=example) if raw_days else 30
    now = ctx.clock.now()
    feeds = await stored_entries(ctx.db, watch.config.feed_urls, since=now - timedelta(days=int(days)))
    stored = sum(len(entries) for _, entries in feeds)
    if stored == 0:
        return Reply(f"no stored articles from {watch.id}'s feeds in the last {int(days)} days, so nothing to replay")
    config = FollowupConfig(settings=ctx.config.settings, watches=[watch.config.model_copy(update={"enabled": True})])
    result = replay_entries(config, feeds, until=now)
    lines = [f"{watch.id} over {count(stored, 'stored article')} of the last {count(days, 'day')}, from its baseline:"]
    lines += [f"  {a.at.date().isoformat()} {a.kind}: {a.text.splitlines()[0]}" for a in result.alerts[-15:]]
    if not result.alerts:
        lines.append("  it would not have alerted")
    return Reply("\n".join(lines))


async def health_command(ctx: CommandContext, inv: Invocation) -> Reply:
    feeds = await ctx.feeds.health()
    troubled = [f for f in feeds if f.paused or f.consecutive_failures]
    lines = [
        f"{count(len(feeds), 'feed')}: failing {sum(1 for f in troubled if not f.paused)}, "
        f"paused {sum(f.paused for f in feeds)}"
    ]
    for feed in troubled[:SHOWN]:
        state = "paused" if feed.paused else count(feed.consecutive_failures, "failure")
        lines.append(f"  {feed.url}: {state}; last error: {(feed.last_error or 'none')[:200]}")
    successes = [f.last_success_at for f in feeds if f.last_success_at is not None]
    lines.append(f"last successful poll: {values.moment(max(successes)) if successes else 'never'}")
    counts = await ctx.outbox.counts()
    backlog = ", ".join(f"{status} {n}" for status, n in sorted(counts.items())) or "empty"
    lines.append(f"outbox: {backlog}")
    dead = await DeadDeliveries(ctx.db).find(limit=3)
    if dead:
        lines.append(f"not delivered after every attempt (dead): {counts.get('dead', 0)}; the newest:")
        lines += [f"  #{row.id} {row.target} {row.kind}: {row.what[:80]}; {row.error[:120]}" for row in dead]
        lines.append("  followup outbox list shows them; followup outbox retry ID sends one again")
    watches = ctx.registry.all()
    lines.append(f"watches: {sum(w.active for w in watches)} active, {sum(w.paused for w in watches)} paused")
    return Reply("\n".join(lines))


HANDLERS: dict[str, Handler] = {
    "feed add": feed_add,
    "feed remove": feed_remove,
    "feed test": feed_test,
    "check": check_command,
    "replay": replay_command,
    "health": health_command,
}
