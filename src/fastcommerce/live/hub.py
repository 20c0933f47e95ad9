"""The live stream: change notifications coalesced into at most one event of each kind a second, fanned
out to Server-Sent-Events subscribers with bounded queues, and resumable with Last-Event-ID."""

import asyncio
import json
import threading
from collections import deque
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from fastcommerce.db import utcnow

RETRY_MS = 2000


def sse(event_id: int | None, kind: str, data: Mapping[str, Any]) -> str:
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {kind}\ndata: {json.dumps(data, separators=(',', ':'))}\n\n"


@dataclass(eq=False)
class Subscriber:
    queue: asyncio.Queue[str]
    dropped: int = 0


@dataclass
class _Pending:
    demand: dict[int, list[int]] = field(default_factory=dict)
    stock: dict[tuple[str, str], int] = field(default_factory=dict)
    alerts: list[dict[str, Any]] = field(default_factory=list)


class StreamHub:
    def __init__(
        self,
        flush_seconds: float = 1.0,
        keepalive_seconds: float = 15.0,
        buffer_size: int = 1000,
        queue_size: int = 100,
    ) -> None:
        self.flush_seconds = flush_seconds
        self.keepalive_seconds = keepalive_seconds
        self.queue_size = queue_size
        self.buffer: deque[tuple[int, str]] = deque(maxlen=buffer_size)
        self.subscribers: set[Subscriber] = set()
        self.last_id = 0
        self._pending = _Pending()
        self._lock = threading.Lock()
        self._task: asyncio.Task[None] | None = None

    def publish(self, notification: Mapping[str, Any]) -> None:
        """Take a change notification ({"kind": demand|stock|alert, "items": [...]}); any thread may call."""
        with self._lock:
            pending = self._pending
            if notification["kind"] == "demand":
                for pincode, *values in notification["items"]:
                    totals = pending.demand.setdefault(int(pincode), [0, 0, 0, 0])
                    for n, value in enumerate(values):
                        totals[n] += int(value)
            elif notification["kind"] == "stock":
                for store_code, sku, on_hand in notification["items"]:
                    pending.stock[(store_code, sku)] = int(on_hand)
            elif notification["kind"] == "alert":
                pending.alerts.extend(notification["items"])

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
        for subscriber in list(self.subscribers):
            subscriber.queue.put_nowait("")  # wakes the subscriber, which then ends

    async def _run(self) -> None:
        quiet = 0.0
        while True:
            await asyncio.sleep(self.flush_seconds)
            if self.flush():
                quiet = 0.0
                continue
            quiet += self.flush_seconds
            if quiet >= self.keepalive_seconds:
                quiet = 0.0
                self._fan_out(": keep-alive\n\n")

    def flush(self) -> bool:
        """Emit what accumulated since the last flush; returns whether anything was emitted."""
        with self._lock:
            pending, self._pending = self._pending, _Pending()
        at = utcnow().isoformat()
        events: list[tuple[str, dict[str, Any]]] = []
        if pending.demand:
            keys = ("units", "orders", "lost_units", "revenue")
            pincodes = {str(p): dict(zip(keys, v, strict=True)) for p, v in sorted(pending.demand.items())}
            events.append(("demand", {"at": at, "pincodes": pincodes}))
        if pending.stock:
            levels = [
                {"store_code": s, "sku": k, "on_hand": n} for (s, k), n in sorted(pending.stock.items())
            ]
            events.append(("stock", {"at": at, "levels": levels}))
        events += [("alert", {**alert, "at": at}) for alert in pending.alerts]
        for kind, data in events:
            self.last_id += 1
            message = sse(self.last_id, kind, data)
            self.buffer.append((self.last_id, message))
            self._fan_out(message)
        return bool(events)

    def _fan_out(self, message: str) -> None:
        for subscriber in self.subscribers:
            if subscriber.queue.full():
                # Drop to latest: a slow client loses the backlog and is told to refetch the heatmap.
                subscriber.dropped += subscriber.queue.qsize()
                while not subscriber.queue.empty():
                    subscriber.queue.get_nowait()
                subscriber.queue.put_nowait(
                    sse(None, "resync", {"reason": "client too slow; refetch the heatmap"})
                )
            subscriber.queue.put_nowait(message)

    async def subscribe(self, last_event_id: int | None) -> AsyncIterator[str]:
        subscriber = Subscriber(asyncio.Queue(self.queue_size + 2))
        self.subscribers.add(subscriber)
        try:
            yield f"retry: {RETRY_MS}\n\n"
            if last_event_id is not None:
                missed = [message for event_id, message in self.buffer if event_id > last_event_id]
                oldest = self.buffer[0][0] if self.buffer else self.last_id + 1
                if last_event_id < oldest - 1:
                    yield sse(
                        None, "resync", {"reason": "events since Last-Event-ID are gone; refetch the heatmap"}
                    )
                for message in missed:
                    yield message
            while True:
                message = await subscriber.queue.get()
                if not message:
                    return
                yield message
        finally:
            self.subscribers.discard(subscriber)
