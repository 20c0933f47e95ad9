"""Ctrl-C in the terminal running `fastcommerce demo`, while its first forecast runs, leaves nothing running:
not the API, the simulation, the scheduler's worker, beat and the forecast's processes, nor the embedded
PostgreSQL. The demo runs as on a new machine: its own embedded database under a temporary folder (not the
test server), its own port, one day of history so that the forecast starts within a minute."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil

from fastcommerce.db import HANDLE_FILE, forget_dead_users

ROOT = Path(__file__).parent.parent
STOP_DEADLINE_S = 10  # issue 13: the demo is gone within 10 s of Ctrl-C
PASSWORD = "demo admin password"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def postmaster(pgdata: Path) -> psutil.Process | None:
    pid_file = pgdata / "postmaster.pid"
    if not pid_file.exists():
        return None
    try:
        return psutil.Process(int(pid_file.read_text().split()[0]))
    except psutil.NoSuchProcess:
        return None


def alive(processes: list[psutil.Process]) -> list[psutil.Process]:
    return [p for p in processes if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]


def forecast_running(api: str, password: str) -> bool:
    """Signed in as the demo's admin (with the password the demo was given), whether a forecast runs."""
    try:
        signed_in = httpx.post(f"{api}/api/auth/token", data={"username": "admin", "password": password})
        if signed_in.status_code != 200:
            return False
        token = signed_in.json()["access_token"]
        runs = httpx.get(f"{api}/api/forecasts/runs", headers={"Authorization": f"Bearer {token}"}).json()
    except httpx.TransportError:
        return False
    return bool(runs) and runs[0]["status"] == "running"


def test_ctrl_c_during_a_forecast_stops_the_whole_demo_and_its_embedded_database(tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "FC_DATA_DIR": str(tmp_path / "var"),
        "FC_API_PORT": str(port),
        "FC_DEMO_HISTORY_DAYS": "1",
        "FC_DEMO_ADMIN_PASSWORD": PASSWORD,
    }
    demo = subprocess.Popen(
        [Path(sys.executable).parent / "fastcommerce", "demo"],
        cwd=ROOT,
        env=env,
        start_new_session=True,  # the terminal's foreground process group, which Ctrl-C signals
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and not forecast_running(f"http://127.0.0.1:{port}", PASSWORD):
            assert demo.poll() is None, "the demo exited by itself"
            time.sleep(0.5)
        assert forecast_running(f"http://127.0.0.1:{port}", PASSWORD), (
            "the demo's first forecast never started"
        )
        database = postmaster(tmp_path / "var" / "pg")
        assert database is not None
        processes = [psutil.Process(demo.pid), *psutil.Process(demo.pid).children(recursive=True), database]

        os.killpg(demo.pid, signal.SIGINT)
        interrupted = time.monotonic()
        while time.monotonic() < interrupted + STOP_DEADLINE_S and alive(processes):
            time.sleep(0.2)
        assert alive(processes) == [], "still running 10 s after Ctrl-C"
        stopped_s = time.monotonic() - interrupted
        print(f"\n{len(processes)} processes of the demo stopped {stopped_s:.1f} s after Ctrl-C")
    finally:
        for process in alive([psutil.Process(demo.pid), *psutil.Process(demo.pid).children(recursive=True)]):
            process.kill()
        demo.wait()


def test_the_pids_of_dead_processes_leave_the_embedded_databases_handle_file(tmp_path: Path) -> None:
    """A process killed with SIGKILL never removes itself; the next one to start or stop removes it, so the
    last live user stops the server."""
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / HANDLE_FILE).write_text(f"[{dead.pid}, {os.getpid()}]")
    forget_dead_users(tmp_path)
    assert (tmp_path / HANDLE_FILE).read_text() == f"[{os.getpid()}]"
