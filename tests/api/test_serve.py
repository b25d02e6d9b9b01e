"""`eventlens serve` in its own process: it binds 127.0.0.1 unless told otherwise, and answers."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import httpx
import pytest
from api_support import EVENTLENS, free_port

TCP_TABLE = Path("/proc/net/tcp")
LISTEN = "0A"


def listening_addresses(port: int) -> set[str]:
    """The local addresses (as hex IPv4, /proc/net/tcp's spelling) listening on `port`."""
    found = set()
    for line in TCP_TABLE.read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == LISTEN and int(hex_port, 16) == port:
            found.add(address)
    return found


def test_serve_binds_loopback_by_default(seeds_db: Path, tmp_path: Path) -> None:
    if not TCP_TABLE.exists():
        pytest.skip("no /proc/net/tcp to read the listening address from")
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([str(EVENTLENS), "serve", "--db", str(seeds_db), "--port", str(port)],
                              stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/meta", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline, (
                    tmp_path / "serve.log"
                ).read_text()
                time.sleep(0.25)
        assert response.status_code == 200 and response.json()["db"] == "seeds.duckdb"
        assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1, and no other address
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert "serving" in (tmp_path / "serve.log").read_text()
