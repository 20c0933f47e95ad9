"""File imports: validate the whole file first (every bad row reported), then apply it in one transaction.

A file whose exact content was imported before is skipped; orders are also idempotent one by one.
"""

import csv
import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from fastcommerce.catalog.service import sku_ids_by_code
from fastcommerce.errors import ImportRejected, RowError
from fastcommerce.imports.models import ImportBatch
from fastcommerce.inventory.service import StockItem, set_on_hand
from fastcommerce.orders.service import PlacedOrder, ingest, parse_orders
from fastcommerce.stores.service import store_ids_by_code

ProgressCallback = Callable[[int, int], None]
"""Called as progress(advance, total) while a file is applied."""

INVENTORY_REQUIRED = ("store_code", "sku", "on_hand")
INVENTORY_OPTIONAL = ("reorder_point", "max_stock")
EXTRA_FIELDS = "\x00extra"


@dataclass(frozen=True)
class ImportSummary:
    source: str
    rows: int
    skipped_as_already_imported: bool = False
    changed: int = 0
    created: int = 0
    duplicate: int = 0
    units_fulfilled: int = 0
    units_lost: int = 0


@dataclass(frozen=True)
class InventoryRow:
    where: str
    store_code: str
    sku: str
    on_hand: int | None
    reorder_point: int | None
    max_stock: int | None


def _already_imported(session: Session, kind: str, digest: str) -> ImportBatch | None:
    return session.scalar(select(ImportBatch).where(ImportBatch.kind == kind, ImportBatch.sha256 == digest))


def _count(row: dict[str, str], field: str, where: str, errors: list[RowError], required: bool) -> int | None:
    raw = (row.get(field) or "").strip()
    if not raw:
        if required:
            errors.append(RowError(where, field, "is required"))
        return None
    try:
        value = int(raw)
    except ValueError:
        errors.append(RowError(where, field, f"{raw!r} is not a whole number", raw))
        return None
    if value < 0:
        errors.append(RowError(where, field, f"{value} is negative", value))
        return None
    return value


def parse_inventory_csv(text: str) -> tuple[list[InventoryRow], list[RowError]]:
    reader = csv.DictReader(io.StringIO(text), restkey=EXTRA_FIELDS)
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in INVENTORY_REQUIRED if c not in header]
    unknown = [c for c in header if c not in INVENTORY_REQUIRED + INVENTORY_OPTIONAL]
    if missing or unknown:
        return [], [
            *(RowError("line 1", c, "required column is missing") for c in missing),
            *(RowError("line 1", c, "unknown column") for c in unknown),
        ]
    reader.fieldnames = header
    rows: list[InventoryRow] = []
    errors: list[RowError] = []
    first_seen: dict[tuple[str, str], str] = {}
    for line_no, record in enumerate(reader, start=2):
        where = f"line {line_no}"
        if EXTRA_FIELDS in record:
            errors.append(RowError(where, "row", f"has more than the {len(header)} fields of the header"))
            continue
        row_errors: list[RowError] = []
        store_code = (record.get("store_code") or "").strip()
        sku = (record.get("sku") or "").strip()
        for field, value in (("store_code", store_code), ("sku", sku)):
            if not value:
                row_errors.append(RowError(where, field, "is required"))
        on_hand = _count(record, "on_hand", where, row_errors, required=True)
        reorder_point = _count(record, "reorder_point", where, row_errors, required=False)
        max_stock = _count(record, "max_stock", where, row_errors, required=False)
        if reorder_point is not None and max_stock is not None and reorder_point > max_stock:
            row_errors.append(
                RowError(
                    where, "reorder_point", f"{reorder_point} is above max_stock {max_stock}", reorder_point
                )
            )
        key = (store_code, sku)
        if store_code and sku and key in first_seen:
            row_errors.append(
                RowError(where, "sku", f"{sku} at {store_code} already given on {first_seen[key]}", sku)
            )
        first_seen.setdefault(key, where)
        errors.extend(row_errors)
        rows.append(InventoryRow(where, store_code, sku, on_hand, reorder_point, max_stock))
    return rows, errors


def import_inventory(session: Session, path: Path, progress: ProgressCallback | None = None) -> ImportSummary:
    """Apply a stock count file: each row sets on-hand (by ledger adjustments) and optional thresholds."""
    content = path.read_bytes()
    digest = hashlib.sha256(content).hexdigest()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRejected(path.name, [RowError("file", "encoding", f"not UTF-8: {exc}")]) from exc
    previous = _already_imported(session, "inventory", digest)
    if previous is not None:
        return ImportSummary(path.name, previous.rows, skipped_as_already_imported=True)
    rows, errors = parse_inventory_csv(text)
    store_ids = store_ids_by_code(session, {r.store_code for r in rows})
    sku_ids = sku_ids_by_code(session, {r.sku for r in rows})
    for r in rows:
        if r.store_code and r.store_code not in store_ids:
            errors.append(RowError(r.where, "store_code", f"unknown store {r.store_code!r}", r.store_code))
        if r.sku and r.sku not in sku_ids:
            errors.append(RowError(r.where, "sku", f"unknown SKU {r.sku!r}", r.sku))
    if not rows and not errors:
        errors.append(RowError("file", "rows", "no data rows"))
    if errors:
        raise ImportRejected(path.name, sorted(errors, key=_line_order))
    changed = 0
    # In (store, SKU) order, the order every multi-row stock change locks in, so imports cannot deadlock.
    for r in sorted(rows, key=lambda r: (store_ids[r.store_code], sku_ids[r.sku])):
        assert r.on_hand is not None  # rows without one were reported above
        item = StockItem(store_ids[r.store_code], sku_ids[r.sku], r.store_code, r.sku)
        delta = set_on_hand(
            session, item, r.on_hand, f"import:{path.name}:{r.where}", "import", r.reorder_point, r.max_stock
        )
        changed += delta != 0
        if progress:
            progress(1, len(rows))
    session.add(ImportBatch(kind="inventory", sha256=digest, filename=path.name, rows=len(rows)))
    return ImportSummary(path.name, len(rows), changed=changed)


def _line_order(error: RowError) -> int:
    """Sort key: the line or order number in `where` ("line 7", "order 3 (A-17)"); 0 for the whole file."""
    number = error.where.split(" ")[1] if " " in error.where else "0"
    return int(number) if number.isdigit() else 0


ORDERS_PER_CHUNK = 1_000


def import_orders(session: Session, path: Path, progress: ProgressCallback | None = None) -> ImportSummary:
    """Place every order of a JSON array through the same engine as the API, or none if any is bad."""
    content = path.read_bytes()
    digest = hashlib.sha256(content).hexdigest()
    try:
        items = json.loads(content)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportRejected(path.name, [RowError("file", "json", f"not valid JSON: {exc}")]) from exc
    if not isinstance(items, list):
        raise ImportRejected(path.name, [RowError("file", "json", "must be an array of orders")])
    previous = _already_imported(session, "orders", digest)
    if previous is not None:
        return ImportSummary(path.name, previous.rows, skipped_as_already_imported=True)

    valid, invalid = parse_orders(items)
    errors = [
        RowError(f"order {index}", ".".join(str(p) for p in e["loc"][1:]), e["msg"], error_type=e["type"])
        for index, details in invalid.items()
        for e in details
    ]
    indexes = sorted(valid)
    placed: list[PlacedOrder] = []
    with session.begin_nested() as attempt:
        for start in range(0, len(indexes), ORDERS_PER_CHUNK):
            chunk = indexes[start : start + ORDERS_PER_CHUNK]
            outcomes = ingest(session, [valid[i] for i in chunk], [(i,) for i in chunk])
            for index, outcome in zip(chunk, outcomes, strict=True):
                if isinstance(outcome, PlacedOrder):
                    placed.append(outcome)
                    continue
                where = f"order {index} ({valid[index].order_id})"
                errors.extend(
                    RowError(where, ".".join(map(str, d["loc"][1:])), d["msg"], d["input"], d["type"])
                    for d in outcome.details()
                )
            if progress:
                progress(len(chunk), len(indexes))
        if errors:
            attempt.rollback()
            raise ImportRejected(path.name, sorted(errors, key=_line_order))
    session.add(ImportBatch(kind="orders", sha256=digest, filename=path.name, rows=len(items)))
    new = [p for p in placed if p.created]
    return ImportSummary(
        path.name,
        len(items),
        created=len(new),
        duplicate=len(placed) - len(new),
        units_fulfilled=sum(line.fulfilled for order in new for line in order.lines),
        units_lost=sum(line.lost for order in new for line in order.lines),
    )
