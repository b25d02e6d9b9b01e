"""The HTTP API and dashboard server (`eventlens serve`): `create_app(db)` (eventlens.api.app)."""

from eventlens.api.app import create_app

__all__ = ["create_app"]
