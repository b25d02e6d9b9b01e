"""The eventlens HTTP API and the dashboard it serves: `create_app(db)`.

One FastAPI app: the JSON API under /api (one router per resource), its OpenAPI at /openapi.json and
docs at /docs (Swagger UI from a Python package, no CDN), the built dashboard at / and /assets/. Every
response carries security headers (a Content-Security-Policy without inline script, no-sniff, no
referrer, no framing) and X-Eventlens-Snapshot: when the copy of the database that answered was taken
(eventlens.api.snapshot). Errors are JSON: {"detail": {"reason": "...", "parameter": "since"}}.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventlens import web
from eventlens.api import alerts, articles, clusters, dyads, events, meta, stories
from eventlens.api.deps import cached_alerts, cached_facts
from eventlens.api.snapshot import Snapshot, Snapshots
from eventlens.errors import EventlensError, ParameterError
from eventlens.store import Store

__all__ = ["ROUTERS", "SECURITY_HEADERS", "create_app"]

ROUTERS = tuple(module.router for module in (meta, articles, events, stories, dyads, alerts, clusters))
"""The API's routers, one per resource."""

SECURITY_HEADERS = {
    "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


class _Headers:
    """ASGI middleware: security headers on every response, and the snapshot that answered."""

    def __init__(self, app: ASGIApp, snapshots: Snapshots) -> None:
        self.app = app
        self.snapshots = snapshots

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                snapshot = state.get("snapshot") or self.snapshots.current
                headers = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                headers.append((b"x-eventlens-snapshot", snapshot.taken_at.isoformat().encode()))
                message["headers"] = [*message.get("headers", []), *headers]
            await send(message)

        await self.app(scope, receive, with_headers)


def _error(status: int, reason: str, parameter: str | None) -> JSONResponse:
    return JSONResponse({"detail": {"reason": reason, "parameter": parameter}}, status_code=status)


def _parameter_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ParameterError)
    return _error(422, error.reason, error.parameter)


def _validation_error(request: Request, error: Exception) -> JSONResponse:
    """FastAPI's own checks (bounds, types) answered like ours: the first problem, its parameter."""
    assert isinstance(error, RequestValidationError)
    first: dict[str, Any] = error.errors()[0] if error.errors() else {}
    loc = [str(x) for x in first.get("loc", ())]
    parameter = loc[-1] if len(loc) > 1 else None
    given = f" {first['input']!r}" if isinstance(first.get("input"), str | int | float) else ""
    return _error(422, f"{parameter or 'request'}{given}: {first.get('msg', 'invalid')}", parameter)


def _eventlens_error(request: Request, error: Exception) -> JSONResponse:
    """The library could not answer (the database cannot be read): 503 with its reason, naming the served
    file by its name rather than the path of the private snapshot that was read."""
    reason = str(error)
    snapshot = getattr(request.state, "snapshot", None)
    if snapshot is not None:
        reason = reason.replace(str(snapshot.path), request.app.state.snapshots.source.name)
    return _error(503, reason, None)


def _warm(snapshot: Snapshot, store: Store) -> None:
    """What every snapshot computes once before requests need it: the alerts (seconds on a large
    database) and the facts of /api/meta."""
    cached_alerts(snapshot, store)
    cached_facts(snapshot, store)


def _mount_dashboard(app: FastAPI, static: Path) -> None:
    """/ → index.html and /assets/* → the built files, whatever of them exists now; a missing
    dashboard is a 404 that says how to build it."""

    @app.get("/", include_in_schema=False, response_model=None)
    def index() -> FileResponse | JSONResponse:
        page = static / "index.html"
        if not page.is_file():
            return _error(404, f"the dashboard is not built: run `{web.BUILD_COMMAND}`", None)
        return FileResponse(page, media_type="text/html")

    if (static / "assets").is_dir():
        app.mount("/assets", StaticFiles(directory=static / "assets"), name="assets")


def _mount_docs(app: FastAPI) -> None:
    """Swagger UI at /docs from the swagger-ui-py package's files, started by a script file of ours
    (the CSP allows no inline script)."""
    swagger = Path(str(resources.files("swagger_ui").joinpath("static")))
    here = Path(__file__).parent / "docs"
    app.mount("/docs/swagger", StaticFiles(directory=swagger), name="swagger")
    app.mount("/docs/assets", StaticFiles(directory=here), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(here / "index.html", media_type="text/html")


def create_app(
    db: str | os.PathLike[str],
    *,
    static_dir: str | os.PathLike[str] | None = None,
    cors_origins: Iterable[str] = (),
    snapshot_interval: float = 3.0,
) -> FastAPI:
    """The app serving database `db` (read from private snapshots, never held open) and the dashboard
    in `static_dir` (default: the package's built dashboard). CORS is off unless `cors_origins` names
    origins (GET only). Raises StoreError when `db` cannot be served (missing, not an eventlens
    database, held by an ingest for 30 s)."""
    snapshots = Snapshots(db, interval=snapshot_interval, warm=_warm)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        snapshots.close()

    app = FastAPI(
        title="eventlens",
        summary="PLOVER political events, stories, dyads and alerts from news reports.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.snapshots = snapshots
    for router in ROUTERS:
        app.include_router(router)
    app.add_exception_handler(ParameterError, _parameter_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(EventlensError, _eventlens_error)
    _mount_docs(app)
    _mount_dashboard(app, Path(static_dir) if static_dir is not None else web.STATIC)
    origins = list(cors_origins)
    if origins:
        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET"])
    app.add_middleware(_Headers, snapshots=snapshots)
    return app
