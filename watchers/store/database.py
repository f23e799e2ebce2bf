"""The database: one async engine per process, SQLite or PostgreSQL, migrated by Alembic on start.

``DATABASE_URL`` is written the way users know it (``sqlite:///data/followup.db``,
``postgresql://user@host/db``); the drivers are chosen here (aiosqlite / psycopg 3 for the async engine,
the stdlib sqlite3 / psycopg 3 for Alembic), so a URL never has to name a driver.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

log = logging.getLogger(__name__)

DEFAULT_DATABASE_URL = "sqlite:///data/followup.db"
SQLITE_BUSY_TIMEOUT_MS = 10_000
_MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
_PG_MIGRATION_LOCK = 0x666F6C6C  # "foll": advisory lock id serialising migrations across replicas


class DatabaseUrlError(ValueError):
    """DATABASE_URL is not a URL followup can use; the message says what to write instead."""


def parse_database_url(raw: str) -> URL:
    """Validate a user's DATABASE_URL and return it without a driver; raise DatabaseUrlError if unusable."""
    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise DatabaseUrlError(
            f"DATABASE_URL {redact_url(raw)!r} is not a database URL; "
            "use sqlite:///data/followup.db or postgresql://user:password@host:5432/dbname"
        ) from exc
    backend = url.get_backend_name()
    if backend == "postgres":
        url = url.set(drivername="postgresql")
    elif backend not in ("sqlite", "postgresql"):
        raise DatabaseUrlError(f"DATABASE_URL uses {backend!r}; followup supports sqlite:/// and postgresql:// only")
    if url.get_backend_name() == "sqlite" and not url.database:
        raise DatabaseUrlError("DATABASE_URL sqlite:// needs a file path, e.g. sqlite:///data/followup.db")
    return url.set(drivername=url.get_backend_name())


def redact_url(raw: str) -> str:
    """The URL with its password hidden, for messages and logs; a URL SQLAlchemy cannot read is shown as written,
    with whatever stands where a password would be (between ``user:`` and the last ``@``) hidden."""
    try:
        return make_url(raw).render_as_string(hide_password=True)
    except ArgumentError:
        password = loose_password(raw)
        if password is None:
            return raw
        at = raw.rindex("@")
        return raw[: at - len(password)] + "***" + raw[at:]


def loose_password(raw: str) -> str | None:
    """The password of a URL written as ``scheme://user:password@host...``, read without parsing the rest, so
    that a malformed DATABASE_URL still has its password masked."""
    at = raw.rfind("@")
    if at < 0:
        return None
    userinfo = raw[:at]
    scheme_end = userinfo.find("://")
    userinfo = userinfo[scheme_end + 3 :] if scheme_end >= 0 else userinfo
    if ":" not in userinfo:
        return None
    password = userinfo.split(":", 1)[1]
    return password or None


CONNECT_TIMEOUT_SECONDS = 5


def database_problem(url: URL, *, timeout: float = CONNECT_TIMEOUT_SECONDS) -> str | None:
    """Why the database at ``url`` (from :func:`parse_database_url`) cannot be used, or None; creates nothing.

    PostgreSQL: connect (within ``timeout`` seconds) and run ``SELECT 1``. SQLite: the file, if it exists, is a
    readable and writable SQLite database in a writable directory (WAL writes beside it); if not, its directory
    exists or can be created.
    """
    if url.get_backend_name() == "sqlite":
        return _sqlite_problem(url)
    from sqlalchemy.exc import SQLAlchemyError
    from sqlalchemy.pool import NullPool

    engine = create_engine(_sync_url(url), connect_args={"connect_timeout": max(2, round(timeout))}, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        reason = getattr(error, "orig", None) or error
        lines = str(reason).strip().splitlines()
        return lines[0] if lines else type(reason).__name__
    finally:
        engine.dispose()
    return None


def _sqlite_problem(url: URL) -> str | None:
    import os
    import sqlite3

    if not url.database or url.database == ":memory:":
        return None
    path = Path(url.database).expanduser().resolve()
    if path.exists():
        if not path.is_file():
            return f"{path} is not a file"
        if not os.access(path, os.R_OK | os.W_OK):
            return f"{path} is not readable and writable by this user"
        if not os.access(path.parent, os.W_OK | os.X_OK):
            return f"its directory {path.parent} is not writable by this user (SQLite writes its journal there)"
        try:
            with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5)) as conn:
                conn.execute("PRAGMA schema_version")
        except sqlite3.Error as error:
            return f"{path}: {error}"
        return None
    existing = path.parent
    while not existing.exists():
        existing = existing.parent
    blocked = "" if existing == path.parent else f"cannot create {path.parent}: "
    if not existing.is_dir():
        return f"{blocked}{existing} is not a directory"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"{blocked}the directory {existing} is not writable by this user"
    return None


def _async_url(url: URL) -> URL:
    return url.set(drivername="sqlite+aiosqlite" if url.get_backend_name() == "sqlite" else "postgresql+psycopg")


def _sync_url(url: URL) -> URL:
    return url.set(drivername="sqlite" if url.get_backend_name() == "sqlite" else "postgresql+psycopg")


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the poller write while the bot reads; busy_timeout turns lock contention into waiting, not errors.
    # isolation_level None stops the driver (pysqlite / aiosqlite) from emitting its own BEGIN, which it only
    # does before INSERT/UPDATE/DELETE: reads earlier in a transaction ran outside it. _begin_immediate emits
    # the BEGIN instead (SQLAlchemy's documented recipe for SQLite transactions).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def _begin_immediate(conn: Connection) -> None:
    """Begin every SQLite transaction IMMEDIATE, i.e. holding the write lock from its first statement.

    A deferred transaction that has read cannot upgrade to a write lock once another connection has committed
    (WAL: SQLITE_BUSY_SNAPSHOT, "database is locked" at once, whatever busy_timeout says). Taking the lock at
    BEGIN makes concurrent transactions wait their turn (busy_timeout) and see each other's writes. SQLite
    allows one writer at a time anyway; readers outside transactions (WAL snapshots) are not blocked.
    """
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _configure_sqlite(engine: Engine) -> None:
    event.listen(engine, "connect", _set_sqlite_pragmas)
    event.listen(engine, "begin", _begin_immediate)


class Database:
    """Owns the async engine and the session factory; built once by the app and passed to repositories."""

    def __init__(self, raw_url: str, *, echo: bool = False) -> None:
        self.url = parse_database_url(raw_url)
        self.dialect = self.url.get_backend_name()
        if self.dialect == "sqlite":
            _ensure_parent_dir(self.url)
        kwargs: dict[str, Any] = {"echo": echo}
        if self.dialect == "postgresql":
            kwargs.update(pool_size=10, max_overflow=10, pool_pre_ping=True)
        self.engine: AsyncEngine = create_async_engine(_async_url(self.url), **kwargs)
        if self.dialect == "sqlite":
            _configure_sqlite(self.engine.sync_engine)
        self._sessions = async_sessionmaker(self.engine, class_=AsyncSession, expire_on_commit=False)
        # This process's name among the replicas sharing the database (set by `followup run`): the feeds and
        # outbox rows it claims are recorded under it, so they are released as soon as it is known dead
        # (watchers.store.replicas). None: claims name no one and end only when their lease does.
        self.replica: str | None = None

    @property
    def display_url(self) -> str:
        return self.url.render_as_string(hide_password=True)

    def session(self) -> AsyncSession:
        """A new session; use ``async with db.session() as s, s.begin():`` for one transaction."""
        return self._sessions()

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """One session in one transaction: committed on success, rolled back on any exception."""
        async with self._sessions() as session, session.begin():
            yield session

    async def ping(self) -> None:
        """Raise if the database cannot be reached."""
        async with self.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision; safe when several processes start at once."""
        await asyncio.to_thread(migrate_sync, self.url)

    async def dispose(self) -> None:
        await self.engine.dispose()


def _ensure_parent_dir(url: URL) -> None:
    if url.database and url.database != ":memory:":
        Path(url.database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)


def migrate_sync(url: URL) -> None:
    """Run ``alembic upgrade head`` against ``url`` under a cross-process lock.

    PostgreSQL uses an advisory lock held for the whole upgrade; SQLite uses an flock on a file beside the
    database. Either way a second process starting at the same time waits, then finds nothing left to do.
    """
    from alembic import command
    from alembic.config import Config

    engine: Engine = create_engine(_sync_url(url))
    if url.get_backend_name() == "sqlite":
        _configure_sqlite(engine)
    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS_DIR))
    try:
        with _migration_lock(url), engine.begin() as conn:
            if url.get_backend_name() == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    finally:
        engine.dispose()


@contextlib.contextmanager
def _migration_lock(url: URL) -> Iterator[None]:
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        yield
        return
    lock_path = Path(url.database).expanduser().resolve().with_suffix(".migrate.lock")
    with open(lock_path, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def current_revision(conn: Connection) -> str | None:
    """The Alembic revision the database is at (None before the first migration)."""
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()
