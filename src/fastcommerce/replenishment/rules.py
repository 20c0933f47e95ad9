"""Restock rules: the effective rule of each store × SKU, resolved set-wise in SQL (the planner reads the same
columns), and the API's reads and writes of it."""

from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from fastcommerce.catalog.models import Sku
from fastcommerce.catalog.service import require_category, require_sku_id
from fastcommerce.config import Settings
from fastcommerce.errors import InvalidQuantity, NotFound
from fastcommerce.inventory.models import StockLevel
from fastcommerce.replenishment.models import RestockRule, RulePolicy
from fastcommerce.replenishment.schemas import DefaultRulePublic, DefaultRulePut, RulePublic, RuleUpdate
from fastcommerce.stores.models import Store
from fastcommerce.stores.service import require_store

# The most specific rule wins: store × SKU (r1), store × category (r2), category (r3), store (r4), every
# store (r5), then the settings (:policy, :service_level, :moq). Joined to stock_level l and sku k.
RULE_JOINS = """
    LEFT JOIN restock_rule r1 ON r1.store_id = l.store_id AND r1.sku_id = l.sku_id
    LEFT JOIN restock_rule r2 ON r2.store_id = l.store_id AND r2.category = k.category
    LEFT JOIN restock_rule r3 ON r3.store_id IS NULL AND r3.category = k.category
    LEFT JOIN restock_rule r4 ON r4.store_id = l.store_id AND r4.sku_id IS NULL AND r4.category IS NULL
    LEFT JOIN restock_rule r5 ON r5.store_id IS NULL AND r5.sku_id IS NULL AND r5.category IS NULL
"""
RULE_COLUMNS = """
    COALESCE(r1.policy, r2.policy, r3.policy, r4.policy, r5.policy, :policy) AS policy,
    COALESCE(r1.service_level, r2.service_level, r3.service_level, r4.service_level, r5.service_level,
             :service_level) AS service_level,
    COALESCE(r1.moq, r2.moq, r3.moq, r4.moq, r5.moq, :moq) AS moq,
    CASE WHEN r1.id IS NOT NULL THEN 'sku' WHEN r2.id IS NOT NULL OR r3.id IS NOT NULL THEN 'category'
         WHEN r4.id IS NOT NULL OR r5.id IS NOT NULL THEN 'store' ELSE 'default' END AS source
"""


def rule_defaults(settings: Settings) -> dict[str, object]:
    return {
        "policy": settings.restock_policy,
        "service_level": settings.restock_service_level,
        "moq": settings.restock_moq,
    }


_EFFECTIVE = f"""
    SELECT k.sku, k.category, l.reorder_point, l.max_stock, {RULE_COLUMNS}
    FROM stock_level l JOIN sku k ON k.id = l.sku_id
    {RULE_JOINS}
    WHERE l.store_id = :store_id AND (CAST(:sku_id AS int) IS NULL OR l.sku_id = :sku_id)
    ORDER BY k.sku
    LIMIT :limit OFFSET :offset
"""


def effective_rules(
    session: Session,
    settings: Settings,
    store: Store,
    sku_id: int | None = None,
    limit: int = 1000,
    offset: int = 0,
) -> list[RulePublic]:
    rows = session.execute(
        text(_EFFECTIVE),
        {"store_id": store.id, "sku_id": sku_id, "limit": limit, "offset": offset} | rule_defaults(settings),
    ).mappings()
    return [RulePublic.model_validate({**row, "store_code": store.code}) for row in rows]


def effective_rule(session: Session, settings: Settings, store: Store, sku: str) -> RulePublic:
    sku_id = require_sku_id(session, sku, ("path", "sku"))
    found = effective_rules(session, settings, store, sku_id)
    if not found:
        raise NotFound(f"store {store.code} does not stock {sku}", loc=("path", "sku"), value=sku)
    return found[0]


def put_rule(
    session: Session, settings: Settings, store: Store, sku: str, body: RuleUpdate, actor: str
) -> RulePublic:
    """Set the store × SKU rule (the fields given; the others keep their effective value) and its min/max
    levels; returns the effective rule."""
    current = effective_rule(session, settings, store, sku)
    sku_id = session.scalar(select(Sku.id).where(Sku.sku == sku))
    reorder_point = body.reorder_point if body.reorder_point is not None else current.reorder_point
    max_stock = body.max_stock if body.max_stock is not None else current.max_stock
    if reorder_point is not None and max_stock is not None and reorder_point > max_stock:
        field = "reorder_point" if body.reorder_point is not None else "max_stock"
        raise InvalidQuantity(
            f"reorder_point {reorder_point} is above max_stock {max_stock}",
            loc=("body", field),
            value=getattr(body, field),
        )
    values = {
        "store_id": store.id,
        "sku_id": sku_id,
        "policy": body.policy or current.policy,
        "service_level": body.service_level or current.service_level,
        "moq": body.moq or current.moq,
        "actor": actor,
    }
    existing = session.scalar(
        select(RestockRule)
        .where(RestockRule.store_id == store.id, RestockRule.sku_id == sku_id)
        .with_for_update()
    )
    if existing is None:
        session.execute(insert(RestockRule).values(**values))
    else:
        for key, value in values.items():
            setattr(existing, key, value)
    level = session.get(StockLevel, (store.id, sku_id), with_for_update=True)
    assert level is not None  # effective_rule found the stock row
    level.reorder_point, level.max_stock = reorder_point, max_stock
    session.flush()
    return effective_rule(session, settings, store, sku)


def _default_public(rule: RestockRule, store_code: str | None) -> DefaultRulePublic:
    return DefaultRulePublic(
        id=rule.id,
        store=store_code,
        category=rule.category,
        policy=RulePolicy(rule.policy),
        service_level=rule.service_level,
        moq=rule.moq,
        actor=rule.actor,
        updated_at=rule.updated_at,
    )


def default_rules(session: Session) -> list[DefaultRulePublic]:
    """The rules that name no SKU: every store's first, then by store and category."""
    rows = session.execute(
        select(RestockRule, Store.code)
        .outerjoin(Store, Store.id == RestockRule.store_id)
        .where(RestockRule.sku_id.is_(None))
        .order_by(Store.code.nulls_first(), RestockRule.category.nulls_first())
    )
    return [_default_public(rule, code) for rule, code in rows]


def put_default_rule(session: Session, body: DefaultRulePut, actor: str) -> DefaultRulePublic:
    """Set the rule of a scope (store or every store, category or every category)."""
    store = require_store(session, body.store, ("body", "store")) if body.store else None
    if body.category:
        require_category(session, body.category, ("body", "category"))
    store_id = store.id if store else None
    rule = session.scalar(
        select(RestockRule)
        .where(
            RestockRule.store_id.is_not_distinct_from(store_id),
            RestockRule.category.is_not_distinct_from(body.category),
            RestockRule.sku_id.is_(None),
        )
        .with_for_update()
    )
    if rule is None:
        rule = RestockRule(store_id=store_id, category=body.category)
        session.add(rule)
    rule.policy, rule.service_level, rule.moq, rule.actor = (
        body.policy,
        body.service_level,
        body.moq,
        actor,
    )
    session.flush()
    return _default_public(rule, store.code if store else None)


def delete_default_rule(session: Session, rule_id: int) -> None:
    rule = session.scalar(select(RestockRule).where(RestockRule.id == rule_id, RestockRule.sku_id.is_(None)))
    if rule is None:
        raise NotFound(f"default rule {rule_id} not found", loc=("path", "id"), value=rule_id)
    session.delete(rule)
