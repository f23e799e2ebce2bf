"""The ``followup`` command line: run | check | validate | health | replay | explain | outbox | demo | --version.

Exit codes (documented in the README): 0 success; 1 the work ran but something failed (a feed could not be
polled); 2 a usage or configuration error the user must fix; 3 the environment is unusable (a secret file
unreadable, the database unreachable). A traceback only ever means a bug.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from bot.environment import Environment, EnvironmentProblem, read_environment
from bot.logs import SecretMaskingFilter, configure_logging
from watchers.config import ConfigError, FollowupConfig, load_config
from watchers.store.database import Database, DatabaseUrlError, parse_database_url
from watchers.store.tables import BaselineHistoryRow
from watchers.tracking.registry import WatchRegistry
from watchers.tracking.sources import article_url

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_ENVIRONMENT = 0, 1, 2, 3
log = logging.getLogger("followup")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("followup")
    except PackageNotFoundError:
        return "0+unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="followup",
        description="Follow up on the news: alert when tracked promises change.",
        epilog="exit codes: 0 success; 1 the command ran but something failed (a feed could not be polled); "
        "2 usage error or invalid config; 3 unusable environment (unreadable secret file, bad or unreachable "
        "DATABASE_URL)",
    )
    parser.add_argument("--version", action="version", version=f"followup {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_text: str, *, config: bool = True) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help_text, description=help_text)
        # a command that reads no config still accepts --config (scripts pass it to every command), unlisted
        command.add_argument(
            "--config",
            metavar="FILE",
            help="YAML config (default: $FOLLOWUP_CONFIG or config/watches.yaml)" if config else argparse.SUPPRESS,
        )
        return command

    add("run", "run the bot: poll feeds on schedule and deliver alerts")
    check = add("check", "poll every feed once now and print the entries not seen before")
    check.add_argument("--watch", metavar="ID", help="only the feeds of this watch")
    add("validate", "check the config and the environment, and report every problem")
    add(
        "health",
        "is the running bot well? database, scheduler, last poll; exit 0 healthy, 1 unhealthy, "
        "3 database unreachable or an environment value unusable",
        config=False,
    )
    replay = add("replay", "run every watch over archived feeds under a simulated clock; print alerts as JSON lines")
    replay.add_argument(
        "--until",
        metavar="ISO-8601",
        help="keep the simulated clock running until then (deadline checks); default: the last entry's time",
    )
    replay.add_argument("feeds", nargs="+", metavar="FEED", help="an RSS/Atom file path or URL")
    explain = add(
        "explain",
        "replay feeds and say, for each entry and watch, what was read (status, date, figure, with hedge and "
        "negation) and why it alerted or stayed quiet",
    )
    explain.add_argument("--watch", metavar="ID", help="only this watch")
    explain.add_argument("--all", action="store_true", help="also list entries that match no watch")
    explain.add_argument("--until", metavar="ISO-8601", help="as for replay")
    explain.add_argument("feeds", nargs="+", metavar="FEED", help="an RSS/Atom file path or URL")
    from bot.demo import add_demo_parser  # `followup demo`: offline, ignores the environment (bot/demo.py)

    add_demo_parser(sub)
    from bot.outbox_command import add_outbox_parser  # `followup outbox list|retry|drop` (bot/outbox_command.py)

    add_outbox_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit code."""
    os.environ.setdefault("PTB_TIMEDELTA", "true")  # python-telegram-bot 22: durations as timedelta, no warning
    args = build_parser().parse_args(argv)
    if args.command is None:
        build_parser().print_help(sys.stderr)
        return EXIT_USAGE
    if args.command == "demo":  # before the environment is read: the demo uses none of it
        from bot.demo import demo_command

        return demo_command(args)
    try:
        env = read_environment(config_override=args.config)
    except EnvironmentProblem as problem:
        print(f"followup: {problem}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    if args.command == "validate":
        return validate(env, sys.stdout)
    if args.command == "health":
        from bot.health import health_command

        return health_command(env, sys.stdout)
    if args.command == "replay":
        from bot.replay_command import replay_command

        return replay_command(env, args.feeds, args.until, sys.stdout, sys.stderr)
    if args.command == "outbox":
        from bot.outbox_command import outbox_command

        return outbox_command(env, args, sys.stdout, sys.stderr)
    if args.command == "explain":
        from bot.replay_command import explain_command

        return explain_command(env, args.feeds, args.until, args.watch, args.all, sys.stdout, sys.stderr)
    try:
        config = load_config(env.config_path)
        parse_database_url(env.database_url)
    except ConfigError as error:
        print(error.format(), file=sys.stderr)
        print(
            "followup: refusing to start with an invalid config; run `followup validate` after fixing it",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except DatabaseUrlError as error:
        print(f"followup: {error}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    configure_logging(
        level=config.settings.log_level,
        json_format=config.settings.log_format == "json",
        secrets=env.secrets(),
    )
    try:
        if args.command == "run":
            return asyncio.run(_run(env, config))
        if args.command == "check":
            logging.getLogger("watchers.feeds.poller").addFilter(_quiet_feed_failures)
            return asyncio.run(_check(env, config, args.watch, sys.stdout))
    except KeyboardInterrupt:
        return EXIT_FAILED
    except _DatabaseUnavailable as error:
        print(f"followup: cannot use the database {error}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    return EXIT_USAGE


def validate(env: Environment, out: TextIO) -> int:
    """`followup validate`: every problem with the config (with its location) and with the environment (the
    database can be reached or, for SQLite, created), or a one-line summary. Exit 2 when the config has problems,
    else 3 when the environment has, else 0."""
    from watchers.store.database import CONNECT_TIMEOUT_SECONDS, database_problem, redact_url

    mask = SecretMaskingFilter(env.secrets()).mask
    config: FollowupConfig | None = None
    try:
        config = load_config(env.config_path)
    except ConfigError as error:
        print(error.format(), file=out)
    where = redact_url(env.database_url)
    environment: str | None = None
    database = f"database {where} reachable"
    try:
        url = parse_database_url(env.database_url)
    except DatabaseUrlError as error:
        environment = str(error)
    else:
        sqlite = url.get_backend_name() == "sqlite"
        problem = database_problem(url, timeout=CONNECT_TIMEOUT_SECONDS)
        if problem is not None:
            environment = f"cannot {'use' if sqlite else 'connect to'} the database {where}: {problem}"
        elif sqlite and url.database not in (None, ":memory:") and not Path(str(url.database)).expanduser().exists():
            database = f"database {where} can be created (`followup run` creates it)"
        elif sqlite:
            database = f"database {where} usable"
    if environment is not None:
        print(mask(f"environment: {environment}"), file=out)
    if config is None:
        return EXIT_USAGE
    if environment is not None:
        return EXIT_ENVIRONMENT
    watches, feeds = len(config.watches), len(config.feed_intervals())
    counts = f"{_count(watches, 'watch', 'watches')}, {_count(feeds, 'feed', 'feeds')}"
    print(mask(f"{env.config_path}: OK — {counts}; {database}"), file=out)
    return EXIT_OK


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _quiet_feed_failures(record: logging.LogRecord) -> bool:
    """`followup check` prints one FAILED line per failed feed itself; the poller's log line would repeat it."""
    return not getattr(record, "feed_failure", False)


def _change_line(registry: WatchRegistry, row: BaselineHistoryRow) -> str:
    """``soy: value 2 million t -> 9 million t (no alert: first poll of its feed)``."""
    from bot.commands.describe import figure

    old, new = row.old, row.new
    stored = registry.get(row.watch_id)
    if row.field_name == "value" and stored is not None:
        unit = stored.config.metric.unit if stored.config.metric else "count"
        old = figure(float(old), unit) if isinstance(old, int | float) else old
        new = figure(float(new), unit) if isinstance(new, int | float) else new
    how = "no alert: first poll of its feed" if (row.note or "").startswith("seeded") else "alerted"
    return f"{row.watch_id}: {row.field_name} {old} -> {new} ({how})"


async def _last_history_id(db: Database) -> int:
    from sqlalchemy import func, select
    from sqlmodel import col

    async with db.session() as session:
        found = await session.execute(select(func.max(col(BaselineHistoryRow.id))))
    return int(found.scalar_one_or_none() or 0)


async def _history_since(db: Database, last_id: int) -> list[BaselineHistoryRow]:
    from sqlalchemy import select
    from sqlmodel import col

    statement = (
        select(BaselineHistoryRow).where(col(BaselineHistoryRow.id) > last_id).order_by(col(BaselineHistoryRow.id))
    )
    async with db.session() as session:
        return list((await session.execute(statement)).scalars().all())


class _DatabaseUnavailable(Exception):
    pass


@contextlib.asynccontextmanager
async def _opened(env: Environment, config: FollowupConfig):  # type: ignore[no-untyped-def]
    from sqlalchemy.exc import OperationalError

    from bot.app import services

    try:
        async with services(env, config) as svc:
            yield svc
    except OperationalError as error:
        raise _DatabaseUnavailable(f"{_redacted(env)}: {error.orig}") from None


def _redacted(env: Environment) -> str:
    from watchers.store.database import redact_url

    return redact_url(env.database_url)


async def _run(env: Environment, config: FollowupConfig) -> int:
    """Signals, heartbeat, HTTP endpoint, reload and shutdown live in bot.lifecycle; exit codes as serve()."""
    from bot.lifecycle import RunSettings, RunSettingsError, Signals, serve

    try:
        settings = RunSettings.from_environment(env.database_url)
    except RunSettingsError as error:
        print(f"followup: {error}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    if env.telegram_webhook_url and settings.listen is None:
        print(
            "followup: TELEGRAM_WEBHOOK_URL needs FOLLOWUP_HTTP_LISTEN (e.g. 0.0.0.0:9100): Telegram posts updates "
            "to /telegram/webhook on it, behind your reverse proxy",
            file=sys.stderr,
        )
        return EXIT_ENVIRONMENT
    signals = Signals(settings.shutdown_timeout)
    signals.install()  # before opening the database: a stop during migrations is graceful too
    async with _opened(env, config) as svc:
        return await serve(svc, settings, signals)


async def _check(env: Environment, config: FollowupConfig, watch_id: str | None, out: TextIO) -> int:
    async with _opened(env, config) as svc:
        urls: list[str] | None = None
        if watch_id is not None:
            stored = svc.registry.get(watch_id)  # the config's watches and those added from chat
            if stored is None:
                known = ", ".join(w.id for w in svc.registry.all()) or "none"
                print(f"followup: no watch {watch_id!r} (watches: {known})", file=sys.stderr)
                return EXIT_USAGE
            urls = stored.config.feed_urls
        last_change = await _last_history_id(svc.db)
        report = await svc.poller.poll_now(urls)
        changes = [_change_line(svc.registry, row) for row in await _history_since(svc.db, last_change)]
    for new in report.new_entries:
        when = new.entry.published.strftime("%Y-%m-%d %H:%M") if new.entry.published else "undated"
        print(f"{when}  {new.entry.title}", file=out)
        if new.entry.link:
            print(f"    {article_url(new.entry.link)}", file=out)  # without followup's outlet mark
    mask = SecretMaskingFilter(env.secrets()).mask
    for failure in report.failures:  # the poller's own log line for each was held back (_quiet_feed_failures)
        reason = failure.message.removeprefix(f"fetching {failure.url} failed: ").removeprefix(f"{failure.url} ")
        print(mask(f"FAILED {failure.url}: {failure.kind}: {reason}"), file=sys.stderr)
    for change in changes:  # what the poll did to the watches, said: a first poll moves a baseline silently
        print(change, file=out)
    if report.new_count > len(report.new_entries):
        print(f"... and {report.new_count - len(report.new_entries):,} more new entries (not listed)", file=out)
    new_entries = _count(report.new_count, "new entry", "new entries")
    print(
        f"{_count(report.polled, 'feed', 'feeds')} polled, {new_entries}, {report.not_modified} unchanged, "
        f"{len(report.failures)} failed",
        file=out,
    )
    return EXIT_FAILED if report.failures else EXIT_OK
