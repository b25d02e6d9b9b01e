"""The dashboard in headless chromium against `eventlens serve` on the seeds: the Nakhchivan drone strike
found from the timeline, Iran's denial, the injured figures that disagree (four per Associated Press,
several per Eurasia Daily Monitor), the AZE -> IRN alert on 2026-03-05, a deep link, the map and search;
a screenshot of each view goes to test-output/browser/."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from browser_support import Dashboard, watch
from playwright.sync_api import expect

AP = "Associated Press"
EDM = "Eurasia Daily Monitor"


def test_dashboard_is_served_with_a_csp_that_forbids_inline_script(base_url: str) -> None:
    response = httpx.get(f"{base_url}/", timeout=10)
    assert response.status_code == 200
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_timeline_finds_the_strike_and_opens_it(dashboard: Dashboard) -> None:
    page = dashboard.page
    dashboard.open("#/timeline")
    expect(page.locator("svg.chart")).to_be_visible()
    expect(page.locator("table.stories tbody tr").first).to_be_visible()
    dashboard.shot("timeline")
    filters = page.get_by_role("form", name="Filters")
    filters.get_by_label("Actor").fill("irn")
    filters.get_by_label("Type").select_option("ASSAULT")
    filters.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"#/timeline\?actor=IRN&.*type=ASSAULT"))
    row = page.locator("table.stories tbody tr", has_text="Nakhchivan")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("5 Mar 2026")
    expect(row).to_contain_text("IRN → AZE")
    expect(row.locator(".badge.contested")).to_be_visible()
    dashboard.shot("timeline-filtered")
    row.get_by_role("link", name=re.compile("ASSAULT")).click()
    expect(page).to_have_url(re.compile(r"#/story/s"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("ASSAULT")


def test_a_timeline_day_is_picked_with_the_keyboard(dashboard: Dashboard) -> None:
    page = dashboard.page
    dashboard.open("#/timeline?since=2026-02-20&until=2026-03-12")
    bar = page.locator('svg.chart g.hit[data-period="2026-03-05"]')
    expect(bar).to_have_attribute("role", "button")
    bar.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"day=2026-03-05"))
    expect(page.locator("h2 .pill")).to_contain_text("5 Mar 2026")
    rows = page.locator("table.stories tbody tr")
    expect(rows.first).to_contain_text("5 Mar 2026")
    assert all("5 Mar 2026" in text for text in rows.locator("td.date").all_inner_texts())
    dashboard.shot("timeline-day")


def test_story_shows_the_denial_and_the_disagreeing_figures(
    dashboard: Dashboard, strike_id: str, readme_shot: Path | None
) -> None:
    page = dashboard.page
    dashboard.open(f"#/story/{strike_id}")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("ASSAULT")
    expect(heading.locator(".badge.contested")).to_have_text("contested")
    denial = page.locator("table.claims tr.stance-denies")
    expect(denial).to_have_count(1)
    expect(denial).to_contain_text("IRN")
    expect(denial.locator(".badge")).to_have_text("denies")
    injured = page.locator(".figure.disagree", has=page.get_by_role("heading", name=re.compile("injured")))
    ap_column = injured.locator(f'.figure-outlet[data-outlet="{AP}"]')
    expect(ap_column.locator(".amount")).to_have_text(["4"])
    expect(ap_column).to_contain_text("“four”")
    edm_column = injured.locator(f'.figure-outlet[data-outlet^="{EDM}"]')
    expect(edm_column.locator(".amount")).to_have_text(["several"])
    outlets = page.locator("section.outlet h3")
    expect(outlets).to_have_count(2)
    expect(page.locator("section.outlet li.mention.stance-denies").first).to_be_visible()
    expect(page.locator("blockquote.evidence mark.trigger").first).to_be_visible()
    expect(page.locator("blockquote.evidence mark.actor").first).to_be_visible()
    shot = dashboard.shot("story")
    if readme_shot is not None:
        page.set_viewport_size({"width": 1280, "height": 1500})
        page.screenshot(path=str(readme_shot), full_page=False)
    assert shot.stat().st_size > 10_000


def test_deep_link_to_a_story_loads_in_a_new_page(dashboard: Dashboard, strike_id: str) -> None:
    page = dashboard.page.context.new_page()
    problems = watch(page)
    page.goto(f"{dashboard.base_url}/#/story/{strike_id}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("ASSAULT")
    expect(page.locator(".story-summary .who")).to_contain_text("Iran")
    expect(page.locator(".facts")).to_contain_text("Nakhchivan")
    dashboard.shot("story-deep-link", page)
    page.close()
    assert not problems.all(), problems.all()


def test_dyad_marks_the_alert_and_lists_that_days_stories(dashboard: Dashboard) -> None:
    page = dashboard.page
    dashboard.open("#/dyad/AZE/IRN?period=day")
    expect(page.get_by_role("heading", level=1)).to_have_text("AZE → IRN")
    expect(page.locator('svg.chart g.mark[data-mark="2026-03-05"]')).to_have_count(1)
    alert = page.locator('li.alert[data-day="2026-03-05"]')
    expect(alert).to_contain_text("Alert on 5 Mar 2026")
    dashboard.shot("dyad")
    page.locator('svg.chart g.hit[data-period="2026-03-05"]').click()
    expect(page).to_have_url(re.compile(r"day=2026-03-05"))
    expect(page.get_by_role("heading", name="Stories on 5 Mar 2026")).to_be_visible()
    expect(page.locator("table.stories tbody tr").first).to_be_visible()
    assert page.locator("table.stories tbody tr").count() >= 4
    dashboard.shot("dyad-day")


def test_map_clusters_located_stories_and_lists_a_markers_stories(dashboard: Dashboard) -> None:
    page = dashboard.page
    dashboard.open("#/map")
    expect(page.locator("svg.map path.country").first).to_be_attached()
    marker = page.locator('svg.map g.marker[data-name="Nakhchivan"]')
    expect(marker).to_have_count(1)
    dashboard.shot("map")
    marker.focus()
    page.keyboard.press("Enter")
    panel = page.locator("aside.map-panel")
    expect(panel.get_by_role("heading", name=re.compile("Nakhchivan"))).to_be_visible()
    expect(panel.locator("table.stories tbody tr", has_text="ASSAULT")).to_have_count(1)
    dashboard.shot("map-picked")
    places = page.get_by_role("heading", name=re.compile("markers"))
    expect(places).to_contain_text("cells of 5°")
    page.get_by_role("button", name="zoom in").click()
    expect(places).to_contain_text("cells of 2°")
    expect(marker).to_have_count(1)
    dashboard.shot("map-zoomed")


def test_search_pages_stories_and_event_mentions(dashboard: Dashboard) -> None:
    page = dashboard.page
    dashboard.open("#/timeline")
    expect(page.locator("table.stories tbody tr").first).to_be_visible()
    page.get_by_label("Search stories").fill("drone")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#/search\?text=drone"))
    expect(page.locator("table.stories tbody tr").first).to_be_visible()
    dashboard.shot("search")
    page.get_by_role("link", name="Event mentions").click()
    expect(page.locator("li.mention mark.match").first).to_have_text(re.compile("drone", re.I))
    dashboard.shot("search-events")


@pytest.mark.parametrize(
    ("route", "reason", "status"),
    [
        ("#/timeline?since=2026-03-10&until=2026-03-01", "since", 422),
        ("#/dyad/AZE/IRN?period=hour", "period", 422),
        ("#/story/no-such-story", "no such story", 404),
    ],
)
def test_a_bad_link_shows_the_apis_reason(dashboard: Dashboard, route: str, reason: str, status: int) -> None:
    page = dashboard.page
    dashboard.open(route)
    expect(page.locator(".error").first).to_contain_text(reason)
    problems = dashboard.problems
    assert problems.requests and all(f"HTTP {status}" in line for line in problems.requests), problems.all()
    assert all(str(status) in line for line in problems.console), problems.all()
    problems.console.clear()
    problems.requests.clear()


def test_a_csp_violation_would_fail_a_test(dashboard: Dashboard) -> None:
    page = dashboard.page
    dashboard.open("#/timeline")
    expect(page.locator("svg.chart")).to_be_visible()
    assert dashboard.problems.all() == []
    blocked = page.evaluate(
        """() => new Promise((resolve) => {
             const seen = new Set();
             document.addEventListener("securitypolicyviolation", (e) => {
               seen.add(e.effectiveDirective);
               if (seen.size === 2) resolve([...seen].sort());
             });
             const script = document.createElement("script");
             script.textContent = "1";
             document.body.append(script);
             document.body.setAttribute("style", "color: red");
           })"""
    )
    assert blocked == ["script-src-elem", "style-src-attr"]
    violations = [line for line in dashboard.problems.console if "CSP violation" in line]
    assert any("script-src" in line for line in violations), dashboard.problems.all()
    assert any("style-src" in line for line in violations), dashboard.problems.all()
    dashboard.problems.console.clear()
