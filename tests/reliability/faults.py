"""Fault injection between the API and its real database: a TCP proxy that can cut the line."""

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import httpx
from sqlalchemy import make_url, text
from sqlalchemy.orm import Session


class CuttableProxy:
    """Forwards TCP connections to the database. `cut()` closes every open connection and closes each new
    one at once until `restore()`: what the API sees while PostgreSQL is stopped and started again."""

    def __init__(self, database_url: str) -> None:
        url = make_url(database_url)
        socket_dir = url.query.get("host") or url.host
        self.upstream: str | tuple[str, int] = (
            f"{socket_dir}/.s.PGSQL.{url.port or 5432}"
            if isinstance(socket_dir, str) and socket_dir.startswith("/")
            else (url.host or "127.0.0.1", url.port or 5432)
        )
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.url = url.set(host="127.0.0.1", port=self.port, query={}).render_as_string(hide_password=False)
        self.up = threading.Event()
        self.up.set()
        self.open: set[socket.socket] = set()
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _connect_upstream(self) -> socket.socket:
        if isinstance(self.upstream, str):
            conn = socket.socket(socket.AF_UNIX)
            conn.connect(self.upstream)
            return conn
        return socket.create_connection(self.upstream)

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up.is_set():
                client.close()
                continue
            server = self._connect_upstream()
            with self.lock:
                self.open.update((client, server))
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        with suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        for end in (source, sink):
            with suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        self.up.clear()
        with self.lock:
            for end in self.open:
                with suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                end.close()
            self.open.clear()

    def restore(self) -> None:
        self.up.set()

    def close(self) -> None:
        self.listener.close()
        self.cut()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def api_process(database_url: str, **env: str) -> Iterator[str]:
    """`fastcommerce serve` in a process of its own on `database_url`; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [Path(sys.executable).parent / "fastcommerce", "serve", "--port", str(port)],
        env=os.environ | {"DATABASE_URL": database_url, **env},
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert process.poll() is None, "the API exited"
            with suppress(httpx.TransportError):
                if httpx.get(f"{base}/api/health").status_code == 200:
                    break
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(15)


def placed_totals(session: Session, order_id_prefix: str) -> tuple[int, int, int, int]:
    """(orders, units requested, fulfilled, lost) of the orders whose order_id starts with the prefix."""
    orders, requested, fulfilled, lost = session.execute(
        text(
            "SELECT count(DISTINCT o.id), sum(l.requested), sum(l.fulfilled), sum(l.lost)"
            " FROM customer_order o JOIN order_line l ON l.order_id = o.id WHERE o.order_id LIKE :prefix"
        ),
        {"prefix": f"{order_id_prefix}%"},
    ).one()
    return orders, requested, fulfilled, lost
