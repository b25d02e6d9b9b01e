"""The dashboard's built files (index.html and assets/), made from ../../../web by `npm run build`.

The front end's source and its npm dependencies live in the repository's web/ folder; the built output is
committed here so that an installed eventlens serves the dashboard offline, with no npm at install or run
time.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["BUILD_COMMAND", "STATIC", "static_dir"]

STATIC = Path(__file__).resolve().parent / "static"
"""Where the built dashboard lives (it may be absent from a source checkout: see `static_dir`)."""
BUILD_COMMAND = "cd web && npm ci && npm run build"
"""How a source checkout builds the dashboard into `STATIC`."""


def static_dir() -> Path:
    """The folder holding the built dashboard (`STATIC`): index.html and assets/ (app.js, app.css,
    country shapes).

    Raises FileNotFoundError naming the folder and the build command when index.html is missing (a source
    checkout whose front end was never built).
    """
    if not (STATIC / "index.html").is_file():
        raise FileNotFoundError(f"{STATIC / 'index.html'} is missing: build the dashboard ({BUILD_COMMAND})")
    return STATIC
