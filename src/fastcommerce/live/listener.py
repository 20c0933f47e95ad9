"""Hear the database's change notifications (from any process that places orders) and feed the hub."""

import json
import logging
import threading

import psycopg

from fastcommerce.live.events import CHANNEL
from fastcommerce.live.hub import StreamHub

log = logging.getLogger(__name__)


class NotificationListener(threading.Thread):
    """LISTENs on its own connection and publishes each notification to the hub until stopped."""

    def __init__(self, url: str, hub: StreamHub) -> None:
        super().__init__(name="notification-listener", daemon=True)
        self.url = url
        self.hub = hub
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                with psycopg.connect(self.url, autocommit=True) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    while not self.stopping.is_set():
                        for notification in conn.notifies(timeout=0.5):
                            self.hub.publish(json.loads(notification.payload))
            except psycopg.Error as exc:
                log.warning("change notifications interrupted (%s); reconnecting", exc)
                self.stopping.wait(1.0)

    def stop(self) -> None:
        self.stopping.set()
