"""simulated hours get their own table (they were import_batch rows of kind 'simulation')

Revision ID: 5e1a7c93b2d4
Revises: 916db1251db4
Create Date: 2026-12-02 06:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5e1a7c93b2d4"
down_revision: str | None = "916db1251db4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "simulated_hour",
        sa.Column("marker", sa.String(length=64), nullable=False),
        sa.Column("city", sa.String(length=16), nullable=False),
        sa.Column("hour_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("orders", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("marker", name=op.f("pk_simulated_hour")),
    )
    # The markers keep their sha256, so a database simulated before this migration skips the same hours.
    # Their filename was "<city> <hour, ISO with offset>".
    op.execute(
        """
        INSERT INTO simulated_hour (marker, city, hour_at, orders, created_at)
        SELECT sha256, split_part(filename, ' ', 1),
               CAST(substr(filename, length(split_part(filename, ' ', 1)) + 2) AS timestamptz), rows, created_at
        FROM import_batch WHERE kind = 'simulation'
        """
    )
    op.execute("DELETE FROM import_batch WHERE kind = 'simulation'")


def downgrade() -> None:
    op.execute(
        """
        INSERT INTO import_batch (kind, sha256, filename, rows, created_at)
        SELECT 'simulation', marker,
               city || ' ' || to_char(hour_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00:00',
               orders, created_at
        FROM simulated_hour
        """
    )
    op.drop_table("simulated_hour")
