"""The API's Swagger UI at /docs in headless chromium, under the same strict Content-Security-Policy as the
dashboard: styled, listing every operation of /openapi.json, able to run one, with no console error or CSP
violation (the `dashboard` fixture fails the test on any)."""

from __future__ import annotations

import re

import httpx
from browser_support import Dashboard
from playwright.sync_api import expect


def _operations(base_url: str) -> list[tuple[str, str]]:
    """(METHOD, path) of every operation the app's OpenAPI schema declares."""
    schema = httpx.get(f"{base_url}/openapi.json", timeout=10).json()
    return [(method.upper(), path) for path, item in schema["paths"].items() for method in item]


def test_the_docs_list_every_operation_under_the_csp(dashboard: Dashboard) -> None:
    page = dashboard.page
    operations = _operations(dashboard.base_url)
    assert len(operations) >= 12
    page.goto(f"{dashboard.base_url}/docs")
    expect(page.locator(".opblock")).to_have_count(len(operations))
    for method, path in operations:
        block = page.locator(".opblock", has=page.locator(f'.opblock-summary-path[data-path="{path}"]'))
        expect(block.locator(".opblock-summary-method")).to_have_text(method)
    # swagger-ui.css is applied (served from /docs/swagger, which the CSP's style-src 'self' allows)
    expect(page.locator(".opblock-get .opblock-summary-method").first).to_have_css(
        "background-color", "rgb(97, 175, 254)"
    )
    dashboard.shot("docs")


def test_the_docs_run_an_operation_against_the_api(dashboard: Dashboard) -> None:
    page = dashboard.page
    page.goto(f"{dashboard.base_url}/docs")
    block = page.locator(".opblock", has=page.locator('.opblock-summary-path[data-path="/api/meta"]'))
    block.locator(".opblock-summary").click()
    block.get_by_role("button", name="Try it out").click()
    block.get_by_role("button", name="Execute").click()
    body = block.locator(".live-responses-table .response-col_description pre").first
    expect(body).to_contain_text(re.compile(r'"articles": 2'))
    dashboard.shot("docs-meta")
