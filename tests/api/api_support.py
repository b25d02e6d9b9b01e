"""Helpers of the API tests: running eventlens as a user does, and finding a free port."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

EVENTLENS = Path(sys.executable).with_name("eventlens")


def ingest(inputs: Path, db: Path) -> None:
    """`eventlens ingest INPUTS --db DB` in its own process, as a user runs it."""
    subprocess.run([str(EVENTLENS), "ingest", str(inputs), "--db", str(db)], check=True, capture_output=True)


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
