"""The heartbeat: a small JSON file `followup run` rewrites every few seconds so `followup health` can tell,
from another process (Docker's HEALTHCHECK runs in the container, not inside the bot), whether the bot's
event loop and poll scheduler are alive and when it last polled a feed successfully.

A file, not a socket or the database: it works with no HTTP endpoint configured, costs one small atomic
write per few seconds, and a process killed with SIGKILL simply stops refreshing it, which is exactly what
"stale" detects. The path defaults to a file beside the SQLite database (the /data volume in the image),
or ``/tmp/followup-heartbeat.json`` (the system temp dir) with PostgreSQL; ``FOLLOWUP_HEARTBEAT_FILE``
overrides it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import tempfile
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from watchers.feeds.poller import PollReport

log = logging.getLogger(__name__)

HEARTBEAT_ENV = "FOLLOWUP_HEARTBEAT_FILE"
SQLITE_HEARTBEAT_NAME = "followup.heartbeat.json"
POSTGRES_HEARTBEAT_NAME = "followup-heartbeat.json"
WRITE_EVERY = 5.0  # seconds between writes: cheap, and well inside STALE_AFTER
STALE_AFTER = timedelta(seconds=60)  # twelve missed writes: the process or its event loop is gone or stuck
MIN_POLL_AGE_BOUND = timedelta(minutes=30)


class HeartbeatError(Exception):
    """The heartbeat file exists but cannot be read or understood; the message says which and why."""


def heartbeat_path(database_url: str, environ: Mapping[str, str] | None = None) -> Path:
    """Where `followup run` writes its heartbeat and `followup health` reads it."""
    environ = os.environ if environ is None else environ
    explicit = environ.get(HEARTBEAT_ENV, "").strip()
    if explicit:
        return Path(explicit).expanduser()
    try:
        url = make_url(database_url)
    except ArgumentError:
        url = None
    if url is not None and url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).expanduser().resolve().parent / SQLITE_HEARTBEAT_NAME
    return Path(tempfile.gettempdir()) / POSTGRES_HEARTBEAT_NAME


def default_max_poll_age(intervals: Mapping[str, timedelta]) -> timedelta:
    """max(3 x the longest feed interval, 30 min): three missed polls of the slowest feed before "unhealthy"."""
    longest = max(intervals.values(), default=timedelta(0))
    return max(3 * longest, MIN_POLL_AGE_BOUND)


@dataclass(frozen=True)
class Heartbeat:
    """What one write of the heartbeat file says (times are UTC)."""

    pid: int
    started_at: datetime
    updated_at: datetime
    feeds: int  # feeds in the running config; 0 means there is nothing to poll
    max_poll_age_seconds: float  # the running bot's default bound (FOLLOWUP_HEALTH_MAX_POLL_AGE overrides it)
    last_tick: datetime | None = None  # the last poll tick that completed
    tick_running_since: datetime | None = None  # a tick in progress (polls can take a while)
    last_tick_error: str | None = None  # why the last tick failed, if it did
    last_successful_poll: datetime | None = None  # the last tick in which at least one feed was fetched fine
    stopped_at: datetime | None = None  # written by a clean shutdown
    replica: str | None = None  # this process's name among replicas (bot/roles.py)
    roles: tuple[str, ...] = ()  # the one-owner roles it holds (telegram-commands, clock...)

    def to_json(self) -> str:
        payload: dict[str, Any] = {
            k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in asdict(self).items()
        }
        return json.dumps(payload, indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Heartbeat:
        """Parse a heartbeat; raise HeartbeatError (never KeyError/TypeError) on anything malformed."""
        try:
            raw = json.loads(text)
            if not isinstance(raw, dict):
                raise TypeError("not a JSON object")

            def when(key: str) -> datetime | None:
                value = raw.get(key)
                if value is None:
                    return None
                parsed = datetime.fromisoformat(str(value))
                return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)

            started, updated = when("started_at"), when("updated_at")
            if started is None or updated is None:
                raise KeyError("started_at/updated_at")
            error = raw.get("last_tick_error")
            return cls(
                pid=int(raw["pid"]),
                started_at=started,
                updated_at=updated,
                feeds=int(raw.get("feeds", 0)),
                max_poll_age_seconds=float(raw.get("max_poll_age_seconds", MIN_POLL_AGE_BOUND.total_seconds())),
                last_tick=when("last_tick"),
                tick_running_since=when("tick_running_since"),
                last_tick_error=None if error is None else str(error),
                last_successful_poll=when("last_successful_poll"),
                stopped_at=when("stopped_at"),
                replica=None if raw.get("replica") is None else str(raw["replica"]),
                roles=tuple(str(r) for r in raw.get("roles") or ()),
            )
        except (ValueError, TypeError, KeyError) as error:
            raise HeartbeatError(f"not a followup heartbeat ({error})") from None


def read_heartbeat(path: Path) -> Heartbeat | None:
    """The heartbeat at ``path``; None when there is none; HeartbeatError when it cannot be read or parsed."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise HeartbeatError(f"heartbeat file {path} cannot be read ({reason})") from None
    try:
        return Heartbeat.from_json(text)
    except HeartbeatError as error:
        raise HeartbeatError(f"heartbeat file {path} is {error}") from None


def write_heartbeat(path: Path, beat: Heartbeat) -> None:
    """Write atomically (temp file + rename), so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".heartbeat-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(beat.to_json())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


@dataclass
class RuntimeState:
    """The running bot's liveness, updated by the poll tick; the heartbeat file and /healthz are views of it.

    It is a PollingService tick listener: ``tick_started`` / ``tick_done`` are called around every tick.
    ``feeds`` gives the feeds being polled now with their intervals (the watch set changes at run time: chat
    commands, SIGHUP), read at each snapshot for the "no feeds" rule and the default poll-age bound.
    """

    feeds: Callable[[], Mapping[str, timedelta]]
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    # (replica name, roles held), read at each snapshot: roles move between replicas at run time
    roles: Callable[[], tuple[str | None, tuple[str, ...]]] = field(default=lambda: (None, ()))
    pid: int = field(default_factory=os.getpid)
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    last_tick: datetime | None = None
    tick_running_since: datetime | None = None
    last_tick_error: str | None = None
    last_successful_poll: datetime | None = None
    stopped_at: datetime | None = None

    def tick_started(self) -> None:
        self.tick_running_since = self.clock()

    def tick_done(self, report: PollReport | None, error: BaseException | None) -> None:
        """A tick ended: with its report, or with the error that stopped it (the scheduler logs it)."""
        now = self.clock()
        self.tick_running_since = None
        if error is not None:
            self.last_tick_error = f"{error.__class__.__name__}: {error}"[:300]
            return
        self.last_tick = now
        self.last_tick_error = None
        if report is not None and report.polled > len(report.failures):
            self.last_successful_poll = now

    def snapshot(self) -> Heartbeat:
        intervals = self.feeds()
        replica, roles = self.roles()
        return Heartbeat(
            pid=self.pid,
            started_at=self.started_at,
            updated_at=self.clock(),
            feeds=len(intervals),
            max_poll_age_seconds=default_max_poll_age(intervals).total_seconds(),
            last_tick=self.last_tick,
            tick_running_since=self.tick_running_since,
            last_tick_error=self.last_tick_error,
            last_successful_poll=self.last_successful_poll,
            stopped_at=self.stopped_at,
            replica=replica,
            roles=roles,
        )


@contextlib.asynccontextmanager
async def heartbeat_writer(path: Path, state: RuntimeState, *, every: float = WRITE_EVERY) -> AsyncIterator[None]:
    """Rewrite the heartbeat every ``every`` seconds while the block runs; on exit, record a clean stop.

    A write that fails (read-only volume, wrong owner) is logged once and retried quietly: the bot keeps
    polling and delivering; only `followup health` will report it as not running.
    """
    failing = False

    def beat(snapshot: Heartbeat) -> None:
        nonlocal failing
        try:
            write_heartbeat(path, snapshot)
        except OSError as error:
            if not failing:
                log.error(
                    "cannot write the heartbeat file %s (%s); `followup health` will report the bot as not "
                    "running: make the directory writable or set %s",
                    path,
                    error.strerror or error,
                    HEARTBEAT_ENV,
                )
            failing = True
        else:
            if failing:
                log.info("heartbeat file %s is writable again", path)
            failing = False

    async def loop() -> None:
        while True:
            beat(state.snapshot())
            await asyncio.sleep(every)

    task = asyncio.create_task(loop(), name="heartbeat")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        state.stopped_at = state.clock()
        beat(replace(state.snapshot(), tick_running_since=None))
