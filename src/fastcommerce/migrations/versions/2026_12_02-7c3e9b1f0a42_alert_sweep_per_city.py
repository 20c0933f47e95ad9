"""alert_sweep: how each city's alerts were last evaluated, so a minute's evaluation judges only what changed

Revision ID: 7c3e9b1f0a42
Revises: af4e427590e3
Create Date: 2026-12-02 18:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7c3e9b1f0a42"
down_revision: str | None = "af4e427590e3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "alert_sweep",
        sa.Column("city", sa.String(length=16), nullable=False),
        sa.Column("outlook", sa.String(length=120), nullable=False),
        sa.Column(
            "full_at",
            sa.DateTime(timezone=True),
            nullable=False,
            comment="the evaluation time of the last full one",
        ),
        sa.Column(
            "seen_at",
            sa.DateTime(timezone=True),
            nullable=False,
            comment="database clock when the last evaluation began",
        ),
        sa.PrimaryKeyConstraint("city", name=op.f("pk_alert_sweep")),
    )


def downgrade() -> None:
    op.drop_table("alert_sweep")
