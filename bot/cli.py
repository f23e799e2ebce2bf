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
from typing import TextIO

from bot.environment import Environment, EnvironmentProblem, read_environment
from bot.logs import SecretMaskingFilter, configure_logging
from watchers.config import ConfigError, FollowupConfig, load_config
from watchers.store.database import DatabaseUrlError, parse_database_url

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
        prog="followup", description="Follow up on the news: alert when tracked promises change."
    )
    parser.add_argument("--version", action="version", version=f"followup {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help_text, description=help_text)
        command.add_argument(
            "--config", metavar="FILE", help="YAML config (default: $FOLLOWUP_CONFIG or config/watches.yaml)"
        )
        return command

    add("run", "run the bot: poll feeds on schedule and deliver alerts")
    check = add("check", "poll every feed once now and print the entries not seen before")
    check.add_argument("--watch", metavar="ID", help="only the feeds of this watch")
    add("validate", "check the config and the environment, and report every problem")
    add("health", "is the running bot well? database, scheduler, last poll; exit 0 healthy, 1 unhealthy")
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
            return asyncio.run(_check(env, config, args.watch, sys.stdout))
    except KeyboardInterrupt:
        return EXIT_FAILED
    except _DatabaseUnavailable as error:
        print(f"followup: cannot use the database {error}", file=sys.stderr)
        return EXIT_ENVIRONMENT
    return EXIT_USAGE


def validate(env: Environment, out: TextIO) -> int:
    """`followup validate`: every problem with its location, or a one-line summary."""
    try:
        config = load_config(env.config_path)
    except ConfigError as error:
        print(error.format(), file=out)
        return EXIT_USAGE
    try:
        parse_database_url(env.database_url)
    except DatabaseUrlError as error:
        print(f"environment: {error}", file=out)
        return EXIT_ENVIRONMENT
    feeds = len(config.feed_intervals())
    print(f"{env.config_path}: OK — {len(config.watches)} watches, {feeds} feeds", file=out)
    return EXIT_OK


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
        report = await svc.poller.poll_now(urls)
    for new in report.new_entries:
        when = new.entry.published.strftime("%Y-%m-%d %H:%M") if new.entry.published else "undated"
        print(f"{when}  {new.entry.title}", file=out)
        if new.entry.link:
            print(f"    {new.entry.link}", file=out)
    mask = SecretMaskingFilter(env.secrets()).mask
    for failure in report.failures:
        print(mask(f"FAILED {failure.url}: {failure.kind}: {failure.message}"), file=sys.stderr)
    print(
        f"{report.polled} feeds polled, {len(report.new_entries)} new entries, {report.not_modified} unchanged, "
        f"{len(report.failures)} failed",
        file=out,
    )
    return EXIT_FAILED if report.failures else EXIT_OK
