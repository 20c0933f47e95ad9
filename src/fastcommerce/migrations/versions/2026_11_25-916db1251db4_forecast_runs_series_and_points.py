"""forecast runs, series and points

Revision ID: 916db1251db4
Revises: 4b47496e216c
Create Date: 2026-11-25 09:52:46.031139
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "916db1251db4"
down_revision: str | None = "4b47496e216c"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "forecast_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("model", sa.String(length=32), nullable=False, comment="asked for: auto or one model"),
        sa.Column("horizon_days", sa.Integer(), nullable=False),
        sa.Column("history_days", sa.Integer(), nullable=False),
        sa.Column("series", sa.Integer(), nullable=False),
        sa.Column("series_done", sa.Integer(), nullable=False),
        sa.Column("error", sa.String(length=2000), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_forecast_run")),
    )
    op.create_table(
        "forecast_point",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("sku_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("yhat", sa.Float(), nullable=False),
        sa.Column("yhat_lower_80", sa.Float(), nullable=False),
        sa.Column("yhat_upper_80", sa.Float(), nullable=False),
        sa.Column("yhat_lower_95", sa.Float(), nullable=False),
        sa.Column("yhat_upper_95", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["forecast_run.id"],
            name=op.f("fk_forecast_point_run_id_forecast_run"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sku_id"], ["sku.id"], name=op.f("fk_forecast_point_sku_id_sku"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_forecast_point_store_id_store"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("run_id", "store_id", "sku_id", "day", name=op.f("pk_forecast_point")),
    )
    op.create_table(
        "forecast_series",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("sku_id", sa.Integer(), nullable=False),
        sa.Column("model", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.String(length=64), nullable=False),
        sa.Column("wape", sa.Float(), nullable=True),
        sa.Column("mase", sa.Float(), nullable=True),
        sa.Column(
            "backtest_units", sa.Float(), nullable=True, comment="actual units in the backtest windows"
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["forecast_run.id"],
            name=op.f("fk_forecast_series_run_id_forecast_run"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sku_id"], ["sku.id"], name=op.f("fk_forecast_series_sku_id_sku"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_forecast_series_store_id_store"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("run_id", "store_id", "sku_id", name=op.f("pk_forecast_series")),
    )


def downgrade() -> None:
    op.drop_table("forecast_series")
    op.drop_table("forecast_point")
    op.drop_table("forecast_run")
