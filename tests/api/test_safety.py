"""Bad parameters are 422s naming the parameter; headers, the dashboard mount, CORS and the docs page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventlens.api import create_app

BAD = [
    ("/api/events?since=2026-13", "since"),
    ("/api/events?until=March", "until"),
    ("/api/events?since=2026-03-05&until=2026-03-01", "since"),
    ("/api/events?type=ATTACK", "type"),
    ("/api/events?actor=Iran", "actor"),
    ("/api/events?recipient=XYZ", "recipient"),
    ("/api/events?claimant=12", "claimant"),
    ("/api/events?stance=deny", "stance"),
    ("/api/events?mode=flying", "mode"),
    ("/api/events?outlet=Reuters", "outlet"),
    ("/api/events?limit=0", "limit"),
    ("/api/events?limit=501", "limit"),
    ("/api/events?offset=-1", "offset"),
    ("/api/events?text=" + "x" * 201, "text"),
    ("/api/stories?contested=maybe", "contested"),
    ("/api/stories?type=assaults", "type"),
    ("/api/timeline?period=year", "period"),
    ("/api/dyads/Chile/PER", "actor"),
    ("/api/dyads/CHL/ZZZ", "recipient"),
    ("/api/dyads/AZE/IRN?period=month", "period"),
    ("/api/dyads/AZE/IRN?since=1000&until=9000", "since"),
    ("/api/dyads/AZE/IRN?directed=sometimes", "directed"),
    ("/api/alerts?actor=Azerbaijan", "actor"),
    ("/api/alerts?until=2026-02-30", "until"),
    ("/api/articles?outlet=Nobody", "outlet"),
    ("/api/places?cell=-1", "cell"),
    ("/api/places?cell=91", "cell"),
    ("/api/export?format=xml", "format"),
    ("/api/export?limit=100001", "limit"),
    ("/api/clusters?since=x", "since"),
    ("/api/dyads?limit=1000", "limit"),
]


@pytest.mark.parametrize(("url", "parameter"), BAD)
def test_a_bad_parameter_is_a_422_naming_it(client: TestClient, url: str, parameter: str) -> None:
    response = client.get(url)
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert detail["parameter"] == parameter
    assert detail["reason"].startswith(parameter), detail["reason"]


def test_an_actor_name_suggests_its_code(client: TestClient) -> None:
    assert (
        client.get("/api/events?actor=Iran").json()["detail"]["reason"]
        == "actor 'Iran': give its code, actor IRN"
    )


SECURITY = {
    "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


@pytest.mark.parametrize(
    "url",
    ["/", "/assets/app.js", "/api/meta", "/api/stories/nope", "/api/events?limit=0", "/docs", "/nowhere"],
)
def test_every_response_carries_the_security_headers(client: TestClient, url: str) -> None:
    response = client.get(url)
    for name, value in SECURITY.items():
        assert response.headers[name] == value, (url, name)
    assert response.headers["x-eventlens-snapshot"]


def test_the_dashboard_is_served_from_its_folder_and_nothing_else(
    client: TestClient, static_dir: Path
) -> None:
    assert client.get("/").text == (static_dir / "index.html").read_text()
    assert client.get("/assets/app.js").text == (static_dir / "assets" / "app.js").read_text()
    for path in ("/assets/../index.html", "/assets/%2e%2e/%2e%2e/conftest.py", "/assets/missing.js"):
        assert client.get(path).status_code == 404, path


def test_a_missing_dashboard_is_a_404_that_says_so(seeds_db: Path, tmp_path: Path) -> None:
    with TestClient(create_app(seeds_db, static_dir=tmp_path / "none")) as client:
        response = client.get("/")
        assert response.status_code == 404 and "not built" in response.json()["detail"]["reason"]
        assert client.get("/api/meta").status_code == 200


def test_cors_is_off_unless_origins_are_given(client: TestClient, seeds_db: Path) -> None:
    origin = {"Origin": "http://example.test"}
    assert "access-control-allow-origin" not in client.get("/api/meta", headers=origin).headers
    with TestClient(create_app(seeds_db, cors_origins=["http://example.test"])) as allowed:
        response = allowed.get("/api/meta", headers=origin)
        assert response.headers["access-control-allow-origin"] == "http://example.test"
        other = allowed.get("/api/meta", headers={"Origin": "http://elsewhere.test"})
        assert "access-control-allow-origin" not in other.headers


def test_docs_run_without_inline_script_or_another_host(client: TestClient) -> None:
    page = client.get("/docs").text
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, flags=re.S)
    assert scripts and all('src="/' in attrs and not body.strip() for attrs, body in scripts)
    assert "http" not in page
    for src in re.findall(r'(?:src|href)="([^"]+)"', page):
        assert client.get(src).status_code == 200, src
    schema = client.get("/openapi.json").json()
    assert {"/api/events", "/api/stories/{story_id}", "/api/dyads/{actor}/{recipient}", "/api/export"} <= set(
        schema["paths"]
    )


def test_no_request_reaches_a_path(client: TestClient) -> None:
    """Ids are looked up in the database, never opened as files."""
    for url in ("/api/articles/..%2F..%2Fetc%2Fpasswd", "/api/stories/%2Fetc%2Fpasswd"):
        assert client.get(url).status_code == 404
