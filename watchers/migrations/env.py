"""Alembic environment: always called programmatically by watchers.store.database.migrate_sync.

The caller passes an open connection in ``config.attributes["connection"]``; for ``alembic revision
--autogenerate`` during development, ``-x url=sqlite:///tmp/dev.db`` gives one instead.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import watchers.store.tables  # noqa: F401  (registers the tables on SQLModel.metadata)

target_metadata = SQLModel.metadata


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode recreates tables
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///data/followup.db")
    engine = create_engine(url)
    with engine.begin() as conn:
        _run(conn)
