"""The dashboard's built files (index.html and assets/), made from ../../../web by `npm run build`.

The front end's source and its npm dependencies live in the repository's web/ folder; the built output is
committed here so that an installed eventlens serves the dashboard offline, with no npm at install or run
time.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["static_dir"]


def static_dir() -> Path:
    """The folder holding the built dashboard: index.html and assets/ (app.js, app.css, country shapes).

    Raises FileNotFoundError naming the folder and the build command when index.html is missing (a source
    checkout whose front end was never built).
    """
    folder = Path(__file__).resolve().parent / "static"
    if not (folder / "index.html").is_file():
        raise FileNotFoundError(
            f"{folder / 'index.html'} is missing: build the dashboard (cd web && npm ci && npm run build)"
        )
    return folder
