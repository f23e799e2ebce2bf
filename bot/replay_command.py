"""`followup replay`: backtest the watches on archived feeds and print one JSON object per alert.

Feeds are file paths or URLs; URLs are fetched once with the normal fetcher (size cap, timeouts, URL safety).
No database is opened and nothing is sent.
"""

from __future__ import annotations

import asyncio
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
from watchers.tracking.replay import replay_entries

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _parse_until(raw: str | None) -> datetime | None:
    if raw is None:
        return None
    moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


async def _load_feeds(
    config: FollowupConfig, feeds: Sequence[str], err: TextIO
) -> list[tuple[str, list[ParsedEntry]]] | None:
    loaded: list[tuple[str, list[ParsedEntry]]] = []
    failed = False
    urls = [f for f in feeds if f.startswith(("http://", "https://"))]
    bodies: dict[str, tuple[bytes, str | None]] = {}
    if urls:
        async with FeedFetcher(fetch_settings(config)) as fetcher:
            for url in urls:
                try:
                    result = await fetcher.fetch(url, Validators())
                except FeedError as error:
                    print(f"followup replay: {url}: {error}", file=err)
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
                print(f"followup replay: cannot read {feed}: {error.strerror}", file=err)
                failed = True
                continue
        try:
            parsed = parse_feed(
                body, content_type=content_type, base_url=feed if feed in bodies else None, now=datetime.now(UTC)
            )
        except FeedError as error:
            print(f"followup replay: {feed}: {error}", file=err)
            failed = True
            continue
        loaded.append((feed, list(parsed.entries)))
    return None if failed else loaded


def replay_command(env: Environment, feeds: Sequence[str], until: str | None, out: TextIO, err: TextIO) -> int:
    try:
        config = load_config(env.config_path)
    except ConfigError as error:
        print(error.format(), file=err)
        return EXIT_USAGE
    try:
        until_at = _parse_until(until)
    except ValueError:
        print(f"followup replay: --until {until!r} is not an ISO-8601 time; write e.g. 2026-07-01T00:00:00Z", file=err)
        return EXIT_USAGE
    loaded = asyncio.run(_load_feeds(config, feeds, err))
    if loaded is None:
        return EXIT_FAILED
    result = replay_entries(config, loaded, until=until_at)
    for alert in result.alerts:
        print(json.dumps(alert.as_replay_json(), ensure_ascii=False), file=out)
    print(
        f"followup replay: {result.entries} entries, {len(result.alerts)} alerts"
        + (f", {result.undated} undated entries skipped" if result.undated else ""),
        file=err,
    )
    return EXIT_OK
