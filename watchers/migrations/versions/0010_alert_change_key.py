"""alerts.change_key: one alert per change, enforced by the database

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 09:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("change_key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.create_index("uq_alerts_change_key", ["change_key"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_index("uq_alerts_change_key")
        batch_op.drop_column("change_key")
