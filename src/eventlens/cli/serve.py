"""`eventlens serve`: the HTTP API and the dashboard on one port, loopback unless told otherwise."""

from __future__ import annotations

import ipaddress
from typing import Annotated

import typer

from eventlens.cli.options import DEFAULT_DB, DbOption
from eventlens.errors import EventlensError

__all__ = ["serve"]


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to bind; the default serves this machine only.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port to listen on (1-65535).")] = 8000,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option(help="An origin allowed to call the API from a browser (repeat it; none by default)."),
    ] = None,
) -> None:
    """Serve the JSON API (OpenAPI at /docs) and the dashboard at http://HOST:PORT/. The database is
    only read, from a private copy renewed when the file changes, so `eventlens ingest` can write it
    meanwhile; /api/meta and the X-Eventlens-Snapshot header say when the copy was taken."""
    from eventlens.store.lake import check_catalog  # DuckDB and numpy: not for every command's --help

    try:
        import uvicorn

        from eventlens.api import create_app
    except ImportError as error:
        raise EventlensError(f"eventlens serve needs the web extra ({error.name} is missing): "
                             "pip install 'eventlens[web]'") from None  # fmt: skip

    if not 0 < port < 65536:
        raise EventlensError(f"--port {port}: give a port from 1 to 65535")
    if not db.is_file():
        raise EventlensError(f"{db}: no database here; run `eventlens ingest ... --db {db}` first")
    check_catalog(db, writing=False)
    app = create_app(db, cors_origins=cors_origin or ())
    if not _loopback(host):
        typer.echo(f"warning: --host {host} makes the API reachable from other machines", err=True)
    snapshot = app.state.snapshots.current.taken_at.isoformat(timespec="seconds")
    typer.echo(f"serving {db} (snapshot of {snapshot}) at http://{host}:{port}/ ; Ctrl-C stops", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
