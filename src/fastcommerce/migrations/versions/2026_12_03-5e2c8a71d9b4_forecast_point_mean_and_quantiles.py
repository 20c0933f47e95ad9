"""forecast_point: the expected demand and the 50/90/98% quantiles of each day and of the days up to it

Revision ID: 5e2c8a71d9b4
Revises: 76aeda7db3fb
Create Date: 2026-12-03 13:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5e2c8a71d9b4"
down_revision: str | None = "76aeda7db3fb"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("mean", "q50", "q90", "q98", "lead_mean", "lead_q50", "lead_q90", "lead_q98")


def upgrade() -> None:
    for name in COLUMNS:
        op.add_column("forecast_point", sa.Column(name, sa.Float(), nullable=True))


def downgrade() -> None:
    for name in reversed(COLUMNS):
        op.drop_column("forecast_point", name)
