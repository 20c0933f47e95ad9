"""restocking: hubs, rules, restock plans, alerts

Revision ID: af4e427590e3
Revises: 5e1a7c93b2d4
Create Date: 2026-12-02 14:17:50.768952
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "af4e427590e3"
down_revision: str | None = "5e1a7c93b2d4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "alert",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("sku_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("message", sa.String(length=300), nullable=False),
        sa.Column("value", sa.Float(), nullable=False, comment="on hand, lost units or the anomaly score"),
        sa.Column(
            "stockout_at",
            sa.DateTime(timezone=True),
            nullable=True,
            comment="low stock: when it is expected to run out",
        ),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_by", sa.String(length=80), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "kind IN ('low_stock', 'out_of_stock', 'overstock', 'demand_anomaly')",
            name=op.f("ck_alert_kind_known"),
        ),
        sa.CheckConstraint(
            "status IN ('open', 'acknowledged', 'resolved')", name=op.f("ck_alert_status_known")
        ),
        sa.ForeignKeyConstraint(["sku_id"], ["sku.id"], name=op.f("fk_alert_sku_id_sku"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_alert_store_id_store"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert")),
    )
    op.create_index("ix_alert_status_kind", "alert", ["status", "kind"], unique=False)
    op.create_index(op.f("ix_alert_store_id"), "alert", ["store_id"], unique=False)
    op.create_index(
        "uq_alert_open",
        "alert",
        ["kind", "store_id", sa.literal_column("coalesce(sku_id, 0)")],
        unique=True,
        postgresql_where=sa.text("status <> 'resolved'"),
    )
    op.create_table(
        "restock_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("hub_id", sa.Integer(), nullable=False),
        sa.Column("wave_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('draft', 'approved', 'dispatched', 'partially_received', 'closed', 'cancelled')",
            name=op.f("ck_restock_plan_status_known"),
        ),
        sa.ForeignKeyConstraint(
            ["hub_id"], ["store.id"], name=op.f("fk_restock_plan_hub_id_store"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_restock_plan_store_id_store"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_restock_plan")),
        sa.UniqueConstraint("store_id", "wave_at", name="uq_restock_plan_store_wave"),
    )
    op.create_index(op.f("ix_restock_plan_hub_id"), "restock_plan", ["hub_id"], unique=False)
    op.create_index("ix_restock_plan_status", "restock_plan", ["status", "wave_at"], unique=False)
    op.create_table(
        "restock_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=True),
        sa.Column("sku_id", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=60), nullable=True),
        sa.Column("policy", sa.String(length=16), nullable=False),
        sa.Column("service_level", sa.Float(), nullable=False),
        sa.Column("moq", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("policy IN ('minmax', 'forecast')", name=op.f("ck_restock_rule_policy_known")),
        sa.CheckConstraint("moq >= 1", name=op.f("ck_restock_rule_moq_positive")),
        sa.CheckConstraint(
            "service_level > 0.5 AND service_level < 1", name=op.f("ck_restock_rule_service_level_range")
        ),
        sa.CheckConstraint(
            "sku_id IS NULL OR category IS NULL", name=op.f("ck_restock_rule_sku_or_category")
        ),
        sa.CheckConstraint(
            "sku_id IS NULL OR store_id IS NOT NULL", name=op.f("ck_restock_rule_sku_rule_has_store")
        ),
        sa.ForeignKeyConstraint(
            ["sku_id"], ["sku.id"], name=op.f("fk_restock_rule_sku_id_sku"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_restock_rule_store_id_store"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_restock_rule")),
    )
    op.create_index(
        "uq_restock_rule_scope",
        "restock_rule",
        [
            sa.literal_column("coalesce(store_id, 0)"),
            sa.literal_column("coalesce(sku_id, 0)"),
            sa.literal_column("coalesce(category, '')"),
        ],
        unique=True,
    )
    op.create_table(
        "restock_plan_event",
        sa.Column("id", sa.BigInteger(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["restock_plan.id"],
            name=op.f("fk_restock_plan_event_plan_id_restock_plan"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_restock_plan_event")),
    )
    op.create_index(op.f("ix_restock_plan_event_plan_id"), "restock_plan_event", ["plan_id"], unique=False)
    op.create_table(
        "restock_plan_line",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("sku_id", sa.Integer(), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=16), nullable=False),
        sa.Column("rule_source", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=1000), nullable=False),
        sa.Column("on_hand", sa.Integer(), nullable=False),
        sa.Column(
            "in_transit", sa.Integer(), nullable=False, comment="approved or on the way, not yet received"
        ),
        sa.Column("reorder_point", sa.Integer(), nullable=False),
        sa.Column("order_up_to", sa.Integer(), nullable=False),
        sa.Column(
            "demand_to_delivery", sa.Float(), nullable=False, comment="expected units until the delivery"
        ),
        sa.Column(
            "demand_protection",
            sa.Float(),
            nullable=False,
            comment="expected units until the next wave after",
        ),
        sa.Column("dispatched", sa.Integer(), nullable=False),
        sa.Column("received", sa.Integer(), nullable=False),
        sa.Column("written_off", sa.Integer(), nullable=False),
        sa.Column("back_ordered", sa.Integer(), nullable=False),
        sa.CheckConstraint("qty >= 0", name=op.f("ck_restock_plan_line_qty_not_negative")),
        sa.CheckConstraint(
            "received + written_off + back_ordered <= dispatched AND dispatched <= qty",
            name=op.f("ck_restock_plan_line_units_add_up"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["restock_plan.id"],
            name=op.f("fk_restock_plan_line_plan_id_restock_plan"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sku_id"], ["sku.id"], name=op.f("fk_restock_plan_line_sku_id_sku"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("plan_id", "sku_id", name=op.f("pk_restock_plan_line")),
    )
    op.add_column(
        "store", sa.Column("kind", sa.String(length=16), server_default="dark_store", nullable=False)
    )
    op.add_column(
        "store",
        sa.Column("hub_id", sa.Integer(), nullable=True, comment="the hub that restocks this dark store"),
    )
    op.add_column(
        "store",
        sa.Column(
            "auto_approve",
            sa.Boolean(),
            server_default="false",
            nullable=False,
            comment="the planner approves this store's plans",
        ),
    )
    op.create_foreign_key(
        op.f("fk_store_hub_id_store"), "store", "store", ["hub_id"], ["id"], ondelete="SET NULL"
    )
    op.create_check_constraint(op.f("ck_store_kind_known"), "store", "kind IN ('dark_store', 'hub')")
    op.create_check_constraint(
        op.f("ck_store_hub_has_no_hub"), "store", "kind = 'dark_store' OR hub_id IS NULL"
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_store_hub_has_no_hub"), "store", type_="check")
    op.drop_constraint(op.f("ck_store_kind_known"), "store", type_="check")
    op.drop_constraint(op.f("fk_store_hub_id_store"), "store", type_="foreignkey")
    op.drop_column("store", "auto_approve")
    op.drop_column("store", "hub_id")
    op.drop_column("store", "kind")
    op.drop_table("restock_plan_line")
    op.drop_index(op.f("ix_restock_plan_event_plan_id"), table_name="restock_plan_event")
    op.drop_table("restock_plan_event")
    op.drop_index("uq_restock_rule_scope", table_name="restock_rule")
    op.drop_table("restock_rule")
    op.drop_index("ix_restock_plan_status", table_name="restock_plan")
    op.drop_index(op.f("ix_restock_plan_hub_id"), table_name="restock_plan")
    op.drop_table("restock_plan")
    op.drop_index("uq_alert_open", table_name="alert", postgresql_where=sa.text("status <> 'resolved'"))
    op.drop_index(op.f("ix_alert_store_id"), table_name="alert")
    op.drop_index("ix_alert_status_kind", table_name="alert")
    op.drop_table("alert")
