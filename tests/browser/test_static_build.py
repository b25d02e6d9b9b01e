"""The committed dashboard build: index.html loads only files that exist under static/assets, and holds no
inline script or style the Content-Security-Policy would refuse."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from eventlens.web import static_dir


class _References(HTMLParser):
    """Collects src/href values, inline script bodies, style attributes and inline event handlers."""

    def __init__(self) -> None:
        super().__init__()
        self.references: list[str] = []
        self.inline: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.inline.append(f"<{tag} {name}>")
            if name in ("src", "href") and value:
                self.references.append(value)
        self._in_script = tag == "script"
        if tag == "style":
            self.inline.append("<style>")
        if tag == "script" and not values.get("src"):
            self.inline.append("<script> without src")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline.append("inline script text")


def _parse(index: Path) -> _References:
    parser = _References()
    parser.feed(index.read_text(encoding="utf-8"))
    return parser


def test_index_references_only_built_assets() -> None:
    static = static_dir()
    parser = _parse(static / "index.html")
    assets = [r for r in parser.references if not r.startswith(("#", "data:"))]
    assert "assets/app.js" in assets and "assets/app.css" in assets
    for reference in assets:
        assert reference.startswith("assets/"), f"{reference} is not under assets/"
        assert (static / reference).is_file(), f"index.html references {reference}, which is not built"


def test_index_has_no_inline_script_or_style() -> None:
    assert _parse(static_dir() / "index.html").inline == []


def test_built_assets_name_no_other_host() -> None:
    """The only absolute URLs in the bundle are XML namespace names (never fetched): no CDN, no tiles."""
    for asset in (static_dir() / "assets").iterdir():
        if asset.suffix in (".js", ".css"):
            urls = set(re.findall(r"https?://[^\s\"'()]+", asset.read_text(encoding="utf-8")))
            assert all(url.startswith("http://www.w3.org/") for url in urls), (asset.name, urls)
