"""mentions and forum_threads: opt-in pings per subscription, one Discord forum thread per watch

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("mention", sa.JSON(), nullable=True))
    op.create_table(
        "forum_threads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("forum_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("watch_key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("thread_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("forum_id", "watch_key", name="uq_forum_threads_forum_watch"),
    )


def downgrade() -> None:
    op.drop_table("forum_threads")
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.drop_column("mention")
