"""End to end in a real headless Chromium: load the map over the seeds' database, filter it,
open an event, see the contradiction, follow a claim to its highlighted sentence, read the
timeline, and check that a hostile page renders inert.

With ``WARDESK_SCREENSHOTS=1`` the screenshots go to ``docs/screenshots/`` (the README shows
them); otherwise to a temporary folder, so normal runs leave the committed files alone.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHOTS = os.environ.get("WARDESK_SCREENSHOTS") == "1"


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = REPO / "docs" / "screenshots" if SHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def page(browser, live_server):
    """A fresh browser page that records console errors, dialogs and every request made."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    tab.errors, tab.dialogs, tab.requests = [], [], []
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    tab.on("request", lambda r: tab.requests.append(r.url))
    yield tab
    assert not tab.dialogs, f"a page opened a dialog: {tab.dialogs}"
    assert not tab.errors, f"console errors (CSP violations among them): {tab.errors}"
    outside = [u for u in tab.requests if not u.startswith((live_server, "data:"))]
    assert not outside, f"requests left the server: {outside}"
    context.close()


def _map_ready(page, previous: str | None = None) -> int:
    page.wait_for_selector("#map[data-state=ready]")
    if previous is not None:
        page.wait_for_function(
            "n => document.querySelector('#map').dataset.markers !== n", arg=previous
        )
    return int(page.get_attribute("#map", "data-markers"))


def test_map_filter_event_contradiction_and_evidence(page, live_server, shots):
    page.goto(live_server + "/")
    markers = _map_ready(page)
    assert markers > 0
    clustered = sum(int(n) for n in page.locator(".event-cluster").all_inner_texts())
    assert page.locator("path.event-marker").count() + clustered == markers
    assert page.locator("path.deal-arrow").count() > 0, "deals are drawn as arrows"
    drawn = page.locator("path.event-marker").count()
    assert page.locator("path.leaflet-interactive").count() > drawn
    page.screenshot(path=str(shots / "map.png"))

    page.check("#f-contested")
    contested = _map_ready(page, str(markers))
    assert 0 < contested < markers
    assert "contested=true" in page.url
    items = page.locator("#event-list li")
    assert items.count() >= contested  # events without a place are listed too
    for i in range(items.count()):
        assert items.nth(i).locator(".flag").count() > 0
    page.screenshot(path=str(shots / "map-contested.png"))

    destination = items.filter(has=page.locator(".flag", has_text="destination"))
    chosen = destination.first if destination.count() else items.first
    chosen.locator("a.event-link").click()
    page.wait_for_url("**/events/*")
    row = page.locator("tr.slot.contested").first
    assert row.is_visible()
    assert row.locator(".flag", has_text="contradiction").is_visible()
    values = {v.strip() for v in row.locator("td:not(.readers) a.claim .value").all_inner_texts()}
    assert len(values) >= 2, f"the sources' values side by side: {values}"
    page.screenshot(path=str(shots / "event.png"), full_page=True)

    claim = row.locator("td:not(.readers) a.claim").first
    evidence = claim.get_attribute("title")
    claim.click()
    page.wait_for_url("**/pages/**")
    focus = page.locator("mark.mention.focus")
    assert focus.count() > 0
    assert focus.first.is_visible()
    assert focus.first.evaluate("el => el.getBoundingClientRect().top < window.innerHeight")
    marked = " ".join(focus.all_inner_texts())
    assert evidence[:40] in " ".join(marked.split())
    page.screenshot(path=str(shots / "page-evidence.png"))


def test_timeline_per_actor(page, live_server, shots):
    page.goto(live_server + "/timeline?actor=SDF")
    page.wait_for_selector("#chart[data-state=ready]")
    assert page.locator("#chart rect.bar").count() > 0 or page.locator("#coarse li").count() > 0
    assert "SDF" in page.locator("h1").inner_text()
    page.screenshot(path=str(shots / "timeline.png"))


def test_a_hostile_page_renders_inert(page, live_server, shots):
    page.goto(live_server + "/search?q=Mallory")
    page.locator("ol.hits a").first.click()
    page.wait_for_url("**/pages/**")
    view = page.locator("article.page-view")
    text = view.inner_text()
    assert '<script>window.__pwned = "body"' in text
    assert "onerror=" in text and "<iframe" in text, "the markup is shown as text"
    for tag in ("script", "img", "iframe", "svg", "b"):
        assert view.locator(tag).count() == 0, f"a <{tag}> element came from page text"
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.locator("section.mentions a.to-event").first.click()
    page.wait_for_url("**/events/*")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.goto(live_server + "/?all=true")
    _map_ready(page)
    page.locator("#event-list a.event-link").first.hover()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.goto(live_server + "/search?q=Mallory")
    page.locator("ol.hits a").first.click()
    page.wait_for_url("**/pages/**")
    page.screenshot(path=str(shots / "hostile-page.png"))
