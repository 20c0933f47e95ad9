"""One family of domain errors; `main.py` maps them to HTTP in a single handler.

Every error names where the bad value was (`loc`, as in FastAPI's own validation errors) and the value.
"""

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

Loc = tuple[str | int, ...]


class ErrorItem(BaseModel):
    loc: list[str | int]
    msg: str
    type: str
    input: Any = None


class ErrorBody(BaseModel):
    """The one shape of every 4xx answer of the API."""

    detail: list[ErrorItem]


class DomainError(Exception):
    status_code = 400
    error_type = "domain_error"

    def __init__(self, message: str, *, loc: Loc = (), value: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.loc = loc
        self.value = value

    def headers(self) -> dict[str, str]:
        return {}

    def details(self) -> list[dict[str, Any]]:
        return [{"loc": list(self.loc), "msg": self.message, "type": self.error_type, "input": self.value}]


class NotFound(DomainError):
    status_code = 404
    error_type = "not_found"


class InvalidReference(DomainError):
    """A request names something that does not exist (a SKU, a pincode, a store)."""

    status_code = 422
    error_type = "invalid_reference"


class InvalidReferences(InvalidReference):
    """Several bad references in one request, reported together."""

    def __init__(self, errors: Sequence[InvalidReference]) -> None:
        super().__init__("; ".join(e.message for e in errors))
        self.errors = list(errors)

    def details(self) -> list[dict[str, Any]]:
        return [d for e in self.errors for d in e.details()]


class UnknownName(InvalidReference):
    """A request names, by its code, a thing that does not exist; `what` says what kind of thing."""

    what = "name"

    def __init__(self, code: str, *, loc: Loc) -> None:
        super().__init__(f"unknown {self.what} {code!r}", loc=loc, value=code)


class UnknownSku(UnknownName):
    error_type, what = "unknown_sku", "SKU"


class UnknownStore(UnknownName):
    error_type, what = "unknown_store", "store"


class UnknownHub(UnknownName):
    error_type, what = "unknown_hub", "hub"


class UnknownCity(UnknownName):
    error_type, what = "unknown_city", "city"


class UnknownCategory(UnknownName):
    error_type, what = "unknown_category", "category"


class UnknownModel(UnknownName):
    error_type, what = "unknown_model", "forecast model"


class UnknownPincode(InvalidReference):
    error_type = "unknown_pincode"

    def __init__(self, pincode: int, *, loc: Loc) -> None:
        super().__init__(f"pincode {pincode} is not in any configured city", loc=loc, value=pincode)


class StoreNotFound(NotFound):
    def __init__(self, code: str) -> None:
        super().__init__(f"store {code!r} not found", loc=("path", "code"), value=code)


class HubNotFound(NotFound):
    def __init__(self, code: str, *, loc: Loc) -> None:
        super().__init__(f"hub {code!r} not found", loc=loc, value=code)


class Conflict(DomainError):
    status_code = 409
    error_type = "conflict"


class OrderConflict(Conflict):
    error_type = "order_conflict"

    def __init__(self, order_id: str, *, loc: Loc = ("body", "order_id")) -> None:
        super().__init__(
            f"order {order_id!r} was already placed with a different body", loc=loc, value=order_id
        )


class InsufficientStock(Conflict):
    error_type = "insufficient_stock"

    def __init__(self, *, store_code: str, sku: str, on_hand: int, requested: int, loc: Loc) -> None:
        super().__init__(
            f"store {store_code} holds {on_hand} of {sku}; cannot take {requested}",
            loc=loc,
            value=requested,
        )


class DuplicateStore(Conflict):
    error_type = "duplicate_store"

    def __init__(self, code: str) -> None:
        super().__init__(f"store {code!r} already exists", loc=("body", "code"), value=code)


class ForecastInputError(DomainError):
    """A table that cannot be forecast (or a forecast that cannot be run); the message names the column and
    the rows."""

    status_code = 422
    error_type = "forecast_input"


class RowError(DomainError):
    """One bad row of an import file: `where` says which ("line 7", "order 3 (A-17)") and `loc` holds it
    with the field, as in every other error ("line", 7, "sku"); `error_type` keeps the type of the error
    found in the row (e.g. unknown_sku), if it had one."""

    status_code = 422
    error_type = "invalid_row"

    def __init__(
        self, where: str, field: str, reason: str, value: Any = None, error_type: str | None = None
    ) -> None:
        path = tuple(int(part) if part.isdigit() else part for part in field.split(".") if part)
        super().__init__(reason, loc=(*_where_loc(where), *path), value=value)
        self.where, self.field, self.reason = where, field, reason
        if error_type:
            self.error_type = error_type

    def __str__(self) -> str:
        return f"{self.where}: {self.field}: {self.reason}"


def _where_loc(where: str) -> Loc:
    """("line", 7) of "line 7", ("order", 3) of "order 3 (A-17)", ("file",) of "file"."""
    kind, _, rest = where.partition(" ")
    number = rest.split(" ")[0]
    return (kind, int(number)) if number.isdigit() else (kind,)


class ImportRejected(DomainError):
    status_code = 422
    error_type = "import_rejected"

    def __init__(self, source: str, errors: Sequence[RowError]) -> None:
        super().__init__(f"{source}: {len(errors)} bad row(s); nothing was imported")
        self.errors = list(errors)

    def details(self) -> list[dict[str, Any]]:
        return [d for e in self.errors for d in e.details()]


class IllegalTransition(Conflict):
    error_type = "illegal_transition"

    def __init__(self, what: str, ident: int, status: str, action: str, allowed: Sequence[str]) -> None:
        super().__init__(
            f"{what} {ident} is {status}: only {' or '.join(allowed)} can be {action}",
            loc=("path", "id"),
            value=status,
        )
        self.status = status


class HubShortage(Conflict):
    """Approving or dispatching would promise a hub's units twice."""

    error_type = "hub_shortage"

    def __init__(self, *, hub_code: str, sku: str, available: int, requested: int, loc: Loc) -> None:
        super().__init__(
            f"hub {hub_code} has {available} of {sku} not yet promised to other plans;"
            f" this plan needs {requested}",
            loc=loc,
            value=requested,
        )


class StockLimitExceeded(Conflict):
    """Units that would take on-hand past what its column holds."""

    error_type = "stock_limit_exceeded"

    def __init__(self, *, store_code: str, sku: str, on_hand: int, added: int, limit: int, loc: Loc) -> None:
        super().__init__(
            f"store {store_code} holds {on_hand} of {sku}; {added} more would pass the limit of {limit}",
            loc=loc,
            value=added,
        )


class InvalidQuantity(DomainError):
    """A quantity that the state of the thing it applies to does not allow (e.g. receiving more than came)."""

    status_code = 422
    error_type = "invalid_quantity"


class WeakPassword(DomainError):
    status_code = 422
    error_type = "weak_password"


class Unauthenticated(DomainError):
    """No credentials, or ones that do not hold (bad password, expired token, revoked key)."""

    status_code = 401
    error_type = "unauthenticated"

    def headers(self) -> dict[str, str]:
        return {"WWW-Authenticate": "Bearer"}


class Forbidden(DomainError):
    """Credentials that hold, for someone who may not do this (their role or scopes, or another store)."""

    status_code = 403
    error_type = "forbidden"


class TooManyAttempts(DomainError):
    status_code = 429
    error_type = "too_many_attempts"

    def __init__(self, message: str, *, retry_after_s: int, loc: Loc = ()) -> None:
        super().__init__(message, loc=loc)
        self.retry_after_s = retry_after_s

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after_s)}


def error_responses(*errors: type[DomainError]) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI `responses` of an operation that may raise these errors: each status with the types."""
    by_status: dict[int, list[str]] = {}
    for error in errors:
        by_status.setdefault(error.status_code, []).append(error.error_type)
    return {
        status: {"model": ErrorBody, "description": ", ".join(sorted(set(types)))}
        for status, types in sorted(by_status.items())
    }
