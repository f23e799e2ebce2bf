"""`followup health` and GET /healthz: is the bot well? Three checks, one line each.

- database: reachable, and its schema at the newest migration this code knows (a half-migrated or
  newer-than-code schema means the bot cannot work even if it is running);
- scheduler: the bot is running — its heartbeat (see bot.heartbeat) is fresh and poll ticks complete;
- polling: the last successful poll of any feed is recent enough (FOLLOWUP_HEALTH_MAX_POLL_AGE, default
  max(3 x the longest feed interval, 30 min)); with no feeds it passes, and a bot that has not polled yet
  passes until that bound has passed since it started (start-up grace).

The command reads the heartbeat file and opens the database without ever creating it (so probing a fresh
/data volume does not leave an empty database behind). Exit codes: 0 healthy, 1 unhealthy, 3 the database
is unreachable or an environment value is unusable — the same meaning as for every other command.
"""

from __future__ import annotations

import asyncio
import functools
import os
import sqlite3
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from sqlalchemy import create_engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from bot.environment import Environment
from bot.heartbeat import STALE_AFTER, Heartbeat, HeartbeatError, heartbeat_path, read_heartbeat
from bot.logs import SecretMaskingFilter
from watchers.config.values import parse_duration
from watchers.store.database import (
    _MIGRATIONS_DIR,
    Database,
    DatabaseUrlError,
    current_revision,
    parse_database_url,
)

MAX_POLL_AGE_ENV = "FOLLOWUP_HEALTH_MAX_POLL_AGE"
DB_TIMEOUT_SECONDS = 5
EXIT_HEALTHY, EXIT_UNHEALTHY, EXIT_ENVIRONMENT = 0, 1, 3


class DatabaseUnreachable(Exception):
    """The database could not be opened or queried at all (exit 3, like every other command)."""


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        return f"{self.name}: {'ok' if self.ok else 'FAILED'} — {self.detail}"


@dataclass(frozen=True)
class HealthReport:
    checks: tuple[Check, ...]

    @property
    def healthy(self) -> bool:
        return all(check.ok for check in self.checks)

    def text(self) -> str:
        return "\n".join(check.line() for check in self.checks)

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": "ok" if self.healthy else "unhealthy",
            "checks": {c.name: {"ok": c.ok, "detail": c.detail} for c in self.checks},
        }


def max_poll_age_override(environ: Mapping[str, str] | None = None) -> timedelta | None:
    """FOLLOWUP_HEALTH_MAX_POLL_AGE, or None to use the running bot's default; ValueError says what is wrong."""
    environ = os.environ if environ is None else environ
    raw = environ.get(MAX_POLL_AGE_ENV, "").strip()
    if not raw:
        return None
    try:
        value = parse_duration(float(raw) if raw.replace(".", "", 1).isdigit() else raw)
    except ValueError as error:
        raise ValueError(f"{MAX_POLL_AGE_ENV}={raw[:40]!r}: {error}") from None
    if value <= timedelta(0):
        raise ValueError(f"{MAX_POLL_AGE_ENV}={raw[:40]!r}: must be longer than zero, e.g. 45m")
    return value


@functools.cache
def schema_head() -> str | None:
    """The newest migration this code ships."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(_MIGRATIONS_DIR)).get_current_head()


def schema_check(revision: str | None, where: str) -> Check:
    head = schema_head()
    if revision == head:
        return Check("database", True, f"{where}, schema at {head}")
    if revision is None:
        return Check("database", False, f"{where} has no schema yet (`followup run` creates it)")
    return Check(
        "database",
        False,
        f"{where} schema is at {revision}, this version expects {head} "
        "(`followup run` migrates it; a revision unknown here means the database is newer than this version)",
    )


def check_database(url: URL) -> Check:
    """Open the database read-only-ish (never creating it) and compare its schema with this code's newest."""
    where = url.render_as_string(hide_password=True)
    if url.get_backend_name() == "sqlite":
        path = Path(url.database or "").expanduser().resolve()
        if not path.exists():
            return Check("database", False, f"no database at {path} yet (`followup run` creates it)")
        uri = f"file:{quote(str(path))}?mode=rw"  # mode=rw: fail rather than create an empty file
        engine = create_engine(
            "sqlite://",
            creator=lambda: sqlite3.connect(uri, uri=True, timeout=DB_TIMEOUT_SECONDS),
            poolclass=NullPool,
        )
    else:
        engine = create_engine(
            url.set(drivername="postgresql+psycopg"),
            connect_args={"connect_timeout": DB_TIMEOUT_SECONDS},
            poolclass=NullPool,
        )
    try:
        with engine.connect() as conn:
            revision = current_revision(conn)
    except SQLAlchemyError as error:
        reason = getattr(error, "orig", None) or error
        raise DatabaseUnreachable(f"{where}: {str(reason).strip().splitlines()[0]}") from None
    finally:
        engine.dispose()
    return schema_check(revision, where)


async def check_database_live(db: Database) -> Check:
    """The same check through the running bot's own engine (for /healthz)."""
    try:
        async with asyncio.timeout(DB_TIMEOUT_SECONDS), db.engine.connect() as conn:
            revision = await conn.run_sync(current_revision)
    except (SQLAlchemyError, OSError, TimeoutError) as error:
        reason = getattr(error, "orig", None) or error or "timed out"
        return Check("database", False, f"{db.display_url} unreachable: {str(reason).strip().splitlines()[0]}")
    return schema_check(revision, db.display_url)


def age(delta: timedelta) -> str:
    """A short human duration: 42s, 3m05s, 2h10m, 3d4h."""
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    if seconds < 86400:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    return f"{seconds // 86400}d{seconds % 86400 // 3600}h"


def runtime_checks(
    beat: Heartbeat | None,
    now: datetime,
    *,
    where: str,
    max_poll_age: timedelta | None = None,
    problem: str | None = None,
) -> list[Check]:
    """The scheduler and polling checks from a heartbeat (None: there is none at ``where``)."""
    if problem is not None or beat is None:
        reason = problem or f"not running (no heartbeat at {where})"
        return [Check("scheduler", False, reason), Check("polling", False, "unknown: the bot is not running")]
    if beat.stopped_at is not None:
        reason = f"not running (pid {beat.pid} stopped {age(now - beat.stopped_at)} ago)"
        return [Check("scheduler", False, reason), Check("polling", False, "unknown: the bot is not running")]
    silent = now - beat.updated_at
    if silent > STALE_AFTER:
        reason = f"not running (the heartbeat of pid {beat.pid} is {age(silent)} old; stale after {age(STALE_AFTER)})"
        return [Check("scheduler", False, reason), Check("polling", False, "unknown: the bot is not running")]
    return [_scheduler(beat, now), _polling(beat, now, max_poll_age)]


def _scheduler(beat: Heartbeat, now: datetime) -> Check:
    up = f"pid {beat.pid}, up {age(now - beat.started_at)}"
    if beat.replica is not None:
        up += f", replica {beat.replica} holding {', '.join(beat.roles) or 'no one-owner role'}"
    error = f"; last error: {beat.last_tick_error}" if beat.last_tick_error else ""
    if beat.tick_running_since is not None:
        return Check("scheduler", True, f"{up}, a poll tick running for {age(now - beat.tick_running_since)}")
    if beat.last_tick is None:
        if now - beat.started_at <= STALE_AFTER:
            return Check("scheduler", True, f"{up}, starting{error}")
        return Check("scheduler", False, f"{up}, no poll tick has completed since start{error}")
    since = now - beat.last_tick
    if since > STALE_AFTER:
        return Check("scheduler", False, f"{up}, the last poll tick completed {age(since)} ago{error}")
    return Check("scheduler", True, f"{up}, last poll tick {age(since)} ago")


def _polling(beat: Heartbeat, now: datetime, override: timedelta | None) -> Check:
    if beat.feeds == 0:
        return Check("polling", True, "no feeds configured")
    bound = override or timedelta(seconds=beat.max_poll_age_seconds)
    limit = f"limit {age(bound)}"
    if beat.last_successful_poll is None:
        since_start = now - beat.started_at
        if since_start <= bound:
            return Check("polling", True, f"not yet polled (started {age(since_start)} ago; {limit})")
        return Check("polling", False, f"no successful poll since the start {age(since_start)} ago ({limit})")
    since = now - beat.last_successful_poll
    return Check("polling", since <= bound, f"last successful poll {age(since)} ago ({limit})")


def health_command(env: Environment, out: TextIO, environ: Mapping[str, str] | None = None) -> int:
    """`followup health`: print one line per check; exit 0 healthy, 1 unhealthy, 3 database unreachable."""
    mask = SecretMaskingFilter(env.secrets()).mask
    try:
        override = max_poll_age_override(environ)
        url = parse_database_url(env.database_url)
    except (ValueError, DatabaseUrlError) as error:
        print(mask(f"followup: {error}"), file=sys.stderr)
        return EXIT_ENVIRONMENT
    path = heartbeat_path(env.database_url, environ)
    unreachable = False
    try:
        database = check_database(url)
    except DatabaseUnreachable as error:
        unreachable = True
        database = Check("database", False, f"unreachable: {error}")
    beat: Heartbeat | None = None
    problem: str | None = None
    try:
        beat = read_heartbeat(path)
    except HeartbeatError as error:
        problem = str(error)
    now = datetime.now(UTC)
    report = HealthReport(
        (database, *runtime_checks(beat, now, where=str(path), max_poll_age=override, problem=problem))
    )
    print(mask(report.text()), file=out)  # the database line says why it is unreachable: once is enough
    if unreachable:
        return EXIT_ENVIRONMENT
    return EXIT_HEALTHY if report.healthy else EXIT_UNHEALTHY
