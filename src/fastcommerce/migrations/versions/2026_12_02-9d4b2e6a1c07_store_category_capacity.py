"""store_category_capacity: a dark store's room per category (freezer, chiller) within its total

Revision ID: 9d4b2e6a1c07
Revises: 7c3e9b1f0a42
Create Date: 2026-12-02 18:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "9d4b2e6a1c07"
down_revision: str | None = "7c3e9b1f0a42"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "store_category_capacity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=60), nullable=False),
        sa.Column("capacity_units", sa.Integer(), nullable=False),
        sa.CheckConstraint("capacity_units > 0", name=op.f("ck_store_category_capacity_capacity_positive")),
        sa.ForeignKeyConstraint(
            ["store_id"],
            ["store.id"],
            name=op.f("fk_store_category_capacity_store_id_store"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_store_category_capacity")),
        sa.UniqueConstraint("store_id", "category", name=op.f("uq_store_category_capacity_store_id")),
    )


def downgrade() -> None:
    op.drop_table("store_category_capacity")
