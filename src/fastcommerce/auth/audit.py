"""The audit trail: who changed what, and when. `record` writes the changes that leave no row of their own;
`trail` reads them together with stock movements, plans' transitions and alerts' acknowledgements."""

from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from fastcommerce.auth.models import AuditEvent


def record(session: Session, actor: str, action: str, target: str, detail: dict[str, Any]) -> None:
    session.add(AuditEvent(actor=actor, action=action, target=target, detail=detail))


_TRAIL = """
SELECT * FROM (
    SELECT m.created_at AS at, m.actor, 'stock.' || m.kind AS action, s.code || ' ' || k.sku AS target,
           jsonb_build_object('qty', m.qty, 'reference', m.reference) AS detail
    FROM stock_movement m JOIN store s ON s.id = m.store_id JOIN sku k ON k.id = m.sku_id
    WHERE m.created_at >= :since AND m.created_at < :until
    UNION ALL
    SELECT e.at, e.actor, 'plan.' || e.status, 'plan ' || p.id || ' ' || s.code,
           jsonb_build_object('note', e.note)
    FROM restock_plan_event e JOIN restock_plan p ON p.id = e.plan_id JOIN store s ON s.id = p.store_id
    WHERE e.at >= :since AND e.at < :until
    UNION ALL
    SELECT a.acknowledged_at, a.acknowledged_by, 'alert.acknowledge',
           s.code || coalesce(' ' || k.sku, ''), jsonb_build_object('alert', a.id, 'kind', a.kind)
    FROM alert a JOIN store s ON s.id = a.store_id LEFT JOIN sku k ON k.id = a.sku_id
    WHERE a.acknowledged_at >= :since AND a.acknowledged_at < :until
    UNION ALL
    SELECT at, actor, action, target, detail FROM audit_event WHERE at >= :since AND at < :until
) AS trail
WHERE (CAST(:actor AS text) IS NULL OR actor = :actor)
  AND (CAST(:action AS text) IS NULL OR left(action, length(:action)) = :action)
ORDER BY at DESC, action, target
LIMIT :limit OFFSET :offset
"""


def trail(
    session: Session,
    *,
    since: datetime,
    until: datetime,
    actor: str | None,
    action: str | None,
    limit: int,
    offset: int,
) -> list[dict[str, Any]]:
    """Newest first: every change in [since, until) by `actor` (a username or `api-key:<name>`), of the
    actions starting with `action` (e.g. `stock.`, `plan.approved`, `rule.`)."""
    rows = session.execute(
        text(_TRAIL),
        {
            "since": since,
            "until": until,
            "actor": actor,
            "action": action,
            "limit": limit,
            "offset": offset,
        },
    )
    return [dict(row._mapping) for row in rows]
