"""Database fixtures: every storage test runs against SQLite and against a real PostgreSQL.

PostgreSQL runs on 127.0.0.1:5432 on the development and CI machines (trust auth). Each test gets a fresh,
uniquely named database that is dropped afterwards; where no server answers, the PostgreSQL half of each
test is skipped with a message saying so (never silently passed).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator

import psycopg
import pytest

from watchers.store.database import Database

PG_ADMIN_DSN = os.environ.get("FOLLOWUP_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
_pg_problem: str | None = None
_pg_checked = False


def postgres_problem() -> str | None:
    """Why PostgreSQL cannot be used for tests, or None when it can (checked once per session)."""
    global _pg_checked, _pg_problem
    if not _pg_checked:
        _pg_checked = True
        try:
            with psycopg.connect(PG_ADMIN_DSN, connect_timeout=3) as conn:
                conn.execute("SELECT 1")
        except psycopg.Error as exc:
            _pg_problem = f"PostgreSQL is not reachable at {PG_ADMIN_DSN} ({exc.__class__.__name__}: {exc})"
    return _pg_problem


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL to a brand-new PostgreSQL database, dropped after the test."""
    problem = postgres_problem()
    if problem:
        pytest.skip(f"skipping the PostgreSQL half of this test: {problem}")
    name = f"followup_t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_DSN.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: os.PathLike[str]) -> str:
    """The URL of an empty database of each supported kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/followup.db"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    """A migrated, empty Database of each kind."""
    database = Database(database_url)
    await database.migrate()
    try:
        yield database
    finally:
        await database.dispose()
