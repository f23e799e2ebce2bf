"""`followup replay`: backtest the watches on archived feeds and print one JSON object per alert.

Feeds are file paths or URLs; URLs are fetched once with the normal fetcher (size cap, timeouts, URL safety).
No database is opened and nothing is sent.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from bot.app import fetch_settings
from bot.environment import Environment
from watchers.config import ConfigError, FollowupConfig, load_config
from watchers.feeds.fetch import FeedFetcher
from watchers.feeds.parse import parse_feed
from watchers.feeds.types import FeedError, ParsedEntry, Validators
from watchers.tracking.decision import Decision, format_decision
from watchers.tracking.registry import feed_names
from watchers.tracking.replay import replay_entries
from watchers.tracking.sources import article_url
from watchers.untrusted import clean

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _parse_until(raw: str | None) -> datetime | None:
    if raw is None:
        return None
    moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


async def _load_feeds(
    config: FollowupConfig, feeds: Sequence[str], err: TextIO, command: str
) -> list[tuple[str, list[ParsedEntry]]] | None:
    loaded: list[tuple[str, list[ParsedEntry]]] = []
    names = feed_names(config.watches)  # a feed given by its URL is named as the running bot names it
    failed = False
    urls = [f for f in feeds if f.startswith(("http://", "https://"))]
    bodies: dict[str, tuple[bytes, str | None]] = {}
    if urls:
        async with FeedFetcher(fetch_settings(config)) as fetcher:
            for url in urls:
                try:
                    result = await fetcher.fetch(url, Validators())
                except FeedError as error:
                    print(f"followup {command}: {url}: {error}", file=err)
                    failed = True
                    continue
                bodies[url] = (result.body or b"", result.content_type)
    for feed in feeds:
        if feed in bodies:
            body, content_type = bodies[feed]
        elif feed in urls:
            continue
        else:
            try:
                body, content_type = Path(feed).read_bytes(), None  # noqa: ASYNC240 (a one-off CLI read)
            except OSError as error:
                print(f"followup {command}: cannot read {feed}: {error.strerror}", file=err)
                failed = True
                continue
        try:
            parsed = await asyncio.to_thread(  # off the event loop, like every parse (watchers/feeds/parse.py)
                parse_feed,
                body,
                content_type=content_type,
                base_url=feed if feed in bodies else None,
                now=datetime.now(UTC),
                outlet=names.get(feed),
            )
        except FeedError as error:
            print(f"followup {command}: {feed}: {error}", file=err)
            failed = True
            continue
        loaded.append((feed, list(parsed.entries)))
    return None if failed else loaded


def _prepare(
    env: Environment, feeds: Sequence[str], until: str | None, err: TextIO, command: str
) -> tuple[FollowupConfig, list[tuple[str, list[ParsedEntry]]], datetime | None] | int:
    """Config, loaded feeds and end time shared by replay and explain, or the exit code of what went wrong."""
    try:
        config = load_config(env.config_path)
    except ConfigError as error:
        print(error.format(), file=err)
        return EXIT_USAGE
    try:
        until_at = _parse_until(until)
    except ValueError:
        print(
            f"followup {command}: --until {until!r} is not an ISO-8601 time; write e.g. 2026-07-01T00:00:00Z", file=err
        )
        return EXIT_USAGE
    loaded = asyncio.run(_load_feeds(config, feeds, err, command))
    if loaded is None:
        return EXIT_FAILED
    return config, loaded, until_at


def replay_command(env: Environment, feeds: Sequence[str], until: str | None, out: TextIO, err: TextIO) -> int:
    prepared = _prepare(env, feeds, until, err, "replay")
    if isinstance(prepared, int):
        return prepared
    config, loaded, until_at = prepared
    result = replay_entries(config, loaded, until=until_at)
    for alert in result.alerts:
        print(json.dumps(alert.as_replay_json(), ensure_ascii=False), file=out)
    print(
        f"followup replay: {result.entries} entries, {len(result.alerts)} alerts"
        + (f", {result.undated} undated entries skipped" if result.undated else ""),
        file=err,
    )
    return EXIT_OK


def explain_command(
    env: Environment,
    feeds: Sequence[str],
    until: str | None,
    watch: str | None,
    show_all: bool,
    out: TextIO,
    err: TextIO,
) -> int:
    """`followup explain`: replay the feeds and say, per entry and watch, what was read and why it alerted or not.

    Entries that match no watch are left out unless ``show_all``; ``watch`` limits the report to one watch.
    """
    prepared = _prepare(env, feeds, until, err, "explain")
    if isinstance(prepared, int):
        return prepared
    config, loaded, until_at = prepared
    if watch is not None and watch not in {w.id for w in config.watches}:
        known = ", ".join(w.id for w in config.watches) or "none"
        print(f"followup explain: no watch {watch!r} in the config (watches: {known})", file=err)
        return EXIT_USAGE
    trace: list[Decision] = []
    result = replay_entries(config, loaded, until=until_at, trace=trace)
    shown = [
        d for d in trace if (watch is None or d.watch_id == watch) and (show_all or d.verdict not in ("no match",))
    ]
    for decision in shown:
        if decision.link:  # the article's own link, without followup's outlet mark
            decision = dataclasses.replace(decision, link=article_url(decision.link))
        print(sanitize_for_terminal(format_decision(decision)), file=out)
        print(file=out)
    counts: dict[str, int] = {}
    for decision in shown:
        counts[decision.verdict] = counts.get(decision.verdict, 0) + 1
    summary = ", ".join(f"{n} {verdict}" for verdict, n in sorted(counts.items())) or "no entry matched"
    print(f"followup explain: {result.entries} entries; {summary}; {len(result.alerts)} alerts in all", file=err)
    return EXIT_OK


def sanitize_for_terminal(text: str) -> str:
    """Feed text may carry control characters (ESC sequences retitle or recolour a terminal): the one sanitiser
    keeps only newlines and tabs."""
    return clean(text)
