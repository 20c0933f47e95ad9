"""Roles, the permissions they grant, and the scopes an API key may carry (the same names)."""

from enum import StrEnum


class Permission(StrEnum):
    READ = "read"  # every GET but the audit trail
    ORDERS_WRITE = "orders:write"  # place orders (one or in bulk)
    STOCK_WRITE = "stock:write"  # receipts, counts, wastage, adjustments, transfers, imports
    RULES_WRITE = "rules:write"  # reorder rules, store and category capacity, hubs' stock
    PLANS_WRITE = "plans:write"  # run the planner; approve, dispatch, cancel plans; execute transfers
    PLANS_RECEIVE = "plans:receive"  # receive a dispatched plan at its store
    ALERTS_WRITE = "alerts:write"  # acknowledge alerts
    STORES_WRITE = "stores:write"  # open a store
    AUDIT_READ = "audit:read"  # the audit trail


class Role(StrEnum):
    ADMIN = "admin"
    PLANNER = "planner"
    STORE_MANAGER = "store_manager"  # only at the stores the user is given
    VIEWER = "viewer"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.PLANNER: frozenset(Permission) - {Permission.AUDIT_READ, Permission.STORES_WRITE},
    Role.STORE_MANAGER: frozenset(
        {
            Permission.READ,
            Permission.STOCK_WRITE,
            Permission.PLANS_RECEIVE,
            Permission.ALERTS_WRITE,
        }
    ),
    Role.VIEWER: frozenset({Permission.READ}),
}
