"""`followup outbox list | retry | drop`: see and act on deliveries that died, from the command line.

Works on the database directly, with or without the bot running: a row retried here is picked up by the running
dispatcher within a second (it is ``pending`` again, with a fresh attempt count). Exit codes as the rest of the
CLI: 0 done, 1 some of the rows named could not be acted on (each is said), 2 usage, 3 database unreachable.
"""

from __future__ import annotations

import argparse
import asyncio
from datetime import UTC, datetime
from typing import TextIO

from bot.environment import Environment
from watchers.store.database import Database, DatabaseUrlError, parse_database_url, redact_url
from watchers.store.dead_deliveries import DeadDeliveries, DeadDelivery
from watchers.untrusted import escape_controls

__all__ = ["add_outbox_parser", "outbox_command"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_ENVIRONMENT = 0, 1, 2, 3
SHOWN = 50


def add_outbox_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `followup outbox` and its actions."""
    text = "list, retry or drop deliveries that failed for good (dead outbox rows)"
    parser = sub.add_parser("outbox", help=text, description=text)
    parser.add_argument("--config", metavar="FILE", help=argparse.SUPPRESS)  # accepted like everywhere; not read
    parser.add_argument("action", choices=("list", "retry", "drop"), help="what to do")
    parser.add_argument("ids", nargs="*", type=int, metavar="ID", help="row ids from `followup outbox list`")
    parser.add_argument("--all", action="store_true", help="every dead row (retry and drop)")


def outbox_command(env: Environment, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run one outbox action; returns the exit code."""
    if args.action == "list" and (args.ids or args.all):
        print("followup outbox: list takes no ids; it shows every dead row", file=err)
        return EXIT_USAGE
    if args.action != "list" and bool(args.ids) == bool(args.all):
        print(f"followup outbox: say which rows: followup outbox {args.action} 12 13, or --all", file=err)
        return EXIT_USAGE
    try:
        parse_database_url(env.database_url)
    except DatabaseUrlError as error:
        print(f"followup: {error}", file=err)
        return EXIT_ENVIRONMENT
    try:
        return asyncio.run(_run(env, args, out, err))
    except OSError as error:
        print(f"followup: cannot use the database {redact_url(env.database_url)}: {error}", file=err)
        return EXIT_ENVIRONMENT


async def _run(env: Environment, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from sqlalchemy.exc import OperationalError

    database = Database(env.database_url)
    try:
        await database.migrate()
        dead = DeadDeliveries(database)
        ids = None if args.all else list(args.ids)
        if args.action == "list":
            return _list(await dead.find(), out)
        if args.action == "retry":
            outcome = await dead.retry(ids, now=datetime.now(UTC))
            if outcome.queued:
                print(f"queued again: {_ids(outcome.queued)} (the running bot sends them in order)", file=out)
            for row_id, why in outcome.refused:
                print(f"#{row_id} left as it is: {why}", file=err)
            if not outcome.queued and not outcome.refused:
                print("no dead rows", file=out)
            return EXIT_FAILED if outcome.refused else EXIT_OK
        dropped = await dead.drop(ids)
        print(f"dropped: {_ids(dropped)}" if dropped else "no dead rows dropped", file=out)
        missing = sorted(set(ids or ()) - set(dropped))
        for row_id in missing:
            print(f"#{row_id}: no dead row has this id", file=err)
        return EXIT_FAILED if missing else EXIT_OK
    except OperationalError as error:
        print(f"followup: cannot use the database {redact_url(env.database_url)}: {error.orig}", file=err)
        return EXIT_ENVIRONMENT
    finally:
        await database.dispose()


def _list(rows: list[DeadDelivery], out: TextIO) -> int:
    if not rows:
        print("no dead deliveries: every alert was delivered or is still being tried", file=out)
        return EXIT_OK
    print(f"{len(rows)} dead {'delivery' if len(rows) == 1 else 'deliveries'} (newest first):", file=out)
    for row in rows[:SHOWN]:
        off = "" if row.subscription_active else " [subscription switched off]"
        print(
            escape_controls(
                f"  #{row.id} {row.created_at:%Y-%m-%d %H:%M} {row.target} {row.kind}: {_line(row.what)}{off}\n"
                f"      after {row.attempts} attempts: {_line(row.error)[:300]}"
            ),
            file=out,
        )
    if len(rows) > SHOWN:
        print(f"  ... and {len(rows) - SHOWN} more", file=out)
    print("retry: followup outbox retry ID... (or --all); drop: followup outbox drop ID... (or --all)", file=out)
    return EXIT_OK


def _line(text: str) -> str:
    return " ".join(text.split())


def _ids(ids: tuple[int, ...] | list[int]) -> str:
    return ", ".join(f"#{i}" for i in ids)
