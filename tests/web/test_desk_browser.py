"""The desk as an analyst uses it, in a real headless Chromium (issue 19): the map at every
width, markers above deal arrows, vague places drawn as areas, every evidence anchor, one
name per source, the deal box, phones, filter history and the flags' contrast.

The database holds the seed and dev pages (when ``../shared`` is there), the example pages
and the hostile pages, so deals, contested slots and shared sentences are all present.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from wardesk.cli import cli

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("WARDESK_SHARED", REPO.parent / "shared"))
FOLDERS = (SHARED / "corpus" / "seeds", SHARED / "corpus" / "dev", REPO / "examples",
           Path(__file__).parent / "pages")  # fmt: skip
WIDE, TABLET, PHONE = (1440, 900), (768, 844), (390, 844)
# Deals with destinations, contested slots, sentences shared by two mentions and vague places
# come from the shared corpus's pages; without it these tests have nothing to look at.
needs_shared = pytest.mark.skipif(
    not (SHARED / "corpus" / "seeds").is_dir(),
    reason=f"needs the shared corpus at {SHARED} (deals, contested slots, shared sentences)",
)
SHOTS = REPO / "docs" / "screenshots" if os.environ.get("WARDESK_SCREENSHOTS") == "1" else None


def shoot(tab, name: str, *, full_page: bool = False) -> None:
    """With ``WARDESK_SCREENSHOTS=1``, keep a screenshot for the README in docs/screenshots."""
    if SHOTS is not None:
        tab.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


@pytest.fixture(scope="module")
def analyst_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seeds, dev pages, examples and hostile pages in one SQLite database (the corpus's
    folders only when ``../shared`` is there)."""
    root = tmp_path_factory.mktemp("analyst")
    pages = root / "pages"
    for folder in (f for f in FOLDERS if f.is_dir()):
        dest = pages / folder.name
        dest.mkdir(parents=True)
        for path in folder.iterdir():  # the dev folder's list of sources is no page
            if path.is_file() and path.suffix != ".tsv":
                (dest / path.name).write_bytes(path.read_bytes())
    result = CliRunner().invoke(cli, ["run", str(pages), "--db", str(root / "analyst.db")])
    assert result.exit_code == 0, result.output
    return root / "analyst.db"


@pytest.fixture(scope="module")
def server(analyst_db: Path) -> Iterator[str]:
    """The app over ``analyst_db``, served by uvicorn on a free loopback port."""
    import uvicorn

    from wardesk.web import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(analyst_db), host="127.0.0.1", port=port, log_level="warning"
    )
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def api(analyst_db: Path):
    """A TestClient over the same database, for the payloads behind the pages."""
    from fastapi.testclient import TestClient

    from wardesk.web import create_app

    with TestClient(create_app(analyst_db), base_url="http://127.0.0.1") as test_client:
        yield test_client


@pytest.fixture
def tab_at(browser, server):
    """``tab_at((width, height))``: a fresh page at that viewport that fails the test on any
    console error or request leaving the server."""
    contexts, tabs = [], []

    def open_tab(viewport: tuple[int, int]):
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        tab = context.new_page()
        tab.set_default_timeout(10_000)
        tab.errors, tab.requests = [], []
        tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: tab.errors.append(str(e)))
        tab.on("request", lambda r: tab.requests.append(r.url))
        contexts.append(context)
        tabs.append(tab)
        return tab

    yield open_tab
    for tab in tabs:
        assert not tab.errors, f"console errors: {tab.errors}"
        outside = [u for u in tab.requests if not u.startswith((server, "data:"))]
        assert not outside, f"requests left the server: {outside}"
    for context in contexts:
        context.close()


def map_ready(tab, previous: str | None = None) -> int:
    tab.wait_for_selector("#map[data-state=ready]")
    if previous is not None:
        tab.wait_for_function(
            "n => document.querySelector('#map').dataset.markers !== n", arg=previous
        )
    return int(tab.get_attribute("#map", "data-markers"))


# ---------------------------------------------------------------------------------- row 1


@pytest.mark.parametrize("viewport", [WIDE, TABLET, PHONE], ids=["1440", "768", "390"])
def test_the_map_has_room_at_every_width(tab_at, server, viewport):
    tab = tab_at(viewport)
    tab.goto(server + "/")
    assert map_ready(tab) > 0
    box = tab.locator("#map").bounding_box()
    assert box["height"] >= 0.5 * viewport[1], f"the map is {box['height']} px tall"
    assert box["width"] >= 0.9 * (viewport[0] - (340 if viewport == WIDE else 0))
    shown = tab.evaluate(
        """() => [...document.querySelectorAll('path.event-marker')].filter(p => {
             const r = p.getBoundingClientRect(); return r.width > 0 && r.height > 0; }).length"""
    )
    assert shown > 0, "no marker is drawn with a size"
    shoot(tab, f"map-{viewport[0]}")


# ---------------------------------------------------------------------------------- row 2

MARKER_CENTRES = """() => [...document.querySelectorAll('path.event-marker')].map(p => {
  const r = p.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  const top = document.elementFromPoint(x, y);
  return {x, y, inside: x > 0 && y > 0 && x < innerWidth && y < innerHeight,
          hit: top ? (top.getAttribute('class') || top.tagName) : null};
})"""


def test_markers_lie_above_deal_arrows_and_take_their_clicks(tab_at, server):
    tab = tab_at(WIDE)
    tab.goto(server + "/")
    map_ready(tab)
    assert tab.locator("path.deal-arrow").count() > 0, "the database has deals"
    centres = [c for c in tab.evaluate(MARKER_CENTRES) if c["inside"]]
    assert centres
    # a marker may lie under another marker or a cluster of them, never under a deal arrow
    covered = [
        c for c in centres if not {"event-marker", "event-cluster"} & set((c["hit"] or "").split())
    ]
    assert not covered, (
        f"{len(covered)} of {len(centres)} marker centres are covered: {covered[:3]}"
    )
    # a click on a marker opens its own popup, not a deal's event page
    first = next(c for c in centres if "event-marker" in (c["hit"] or ""))
    tab.mouse.click(first["x"], first["y"])
    tab.wait_for_selector(".leaflet-popup .popup")
    assert tab.url.rstrip("/") == server, "the click went through to a deal"


# ---------------------------------------------------------------------------------- row 3


def test_vague_destinations_are_not_drawn_as_points(api):
    deals = api.get("/api/map").json()["deals"]
    assert deals
    for d in deals:
        to = d["destination"]
        assert "precision" in to and "km" in d and d["shape"] in ("point", "area", "off")
        if to["precision"] >= 3 and not to["admin1"]:
            assert d["shape"] == "off", f"{to['name']} (a country or vague region) drawn"
        if d["km"] > 700:
            assert d["shape"] == "off", f"{to['name']} drawn {d['km']} km across the map"
        if d["shape"] == "point":
            assert to["precision"] < 3


@pytest.mark.parametrize(
    ("precision", "admin1", "km", "shape"),
    [
        (1, "Idlib", 120.0, "point"),
        (2, "Idlib", 120.0, "point"),
        (3, "Idlib", 120.0, "area"),  # a province: an area round its centre
        (3, None, 120.0, "off"),  # "northern Syria", a whole country
        (1, "London", 3400.0, "off"),  # a town abroad, far off
        (3, "Homs", 701.0, "off"),
    ],
)
def test_destination_shape_case_table(precision, admin1, km, shape):
    from wardesk.web.mapdata import destination_shape

    to = {"name": "x", "lat": 0.0, "lon": 0.0, "precision": precision, "admin1": admin1}
    assert destination_shape(to, km) == shape


@needs_shared
def test_vague_event_places_are_drawn_hollow_with_their_precision(tab_at, server, api):
    events = api.get("/api/map?all=true").json()["events"]
    precision = {e["event_id"]: e["location"]["precision"] for e in events if e["location"]}
    assert 3 in precision.values(), "the database has an event placed only to a region"
    tab = tab_at(WIDE)
    tab.goto(server + "/?all=true")
    map_ready(tab)
    drawn = tab.locator("path.event-marker").evaluate_all(
        "els => els.map(e => e.getAttribute('class').split(/\\s+/))"
    )
    assert drawn
    for classes in drawn:
        event_id = next(c[3:] for c in classes if c.startswith("ev-"))
        assert ("vague" in classes) == (precision[event_id] >= 3), event_id
    assert tab.locator("#legend").inner_text().count("hollow") == 1
    vague = tab.locator("path.event-marker.vague")
    if not vague.count():
        pytest.skip("every region-level event is inside a cluster at this view")
    vague.first.dispatch_event("click")
    popup = tab.locator(".leaflet-popup .popup .precision")
    assert "precision 3" in popup.inner_text()
    assert "centre" in popup.inner_text()


def test_far_or_vague_destinations_are_listed_not_drawn(tab_at, server, api):
    deals = api.get("/api/map").json()["deals"]
    off = [d for d in deals if d["shape"] == "off"]
    tab = tab_at(WIDE)
    tab.goto(server + "/")
    map_ready(tab)
    assert int(tab.get_attribute("#map", "data-deals")) == len(deals) - len(off)
    assert tab.locator("#deals-off-list li").count() == len(off)
    if off:
        assert tab.locator("#deals-off").is_visible()
        assert off[0]["destination"]["name"] in tab.locator("#deals-off-list").inner_text()


# ---------------------------------------------------------------------------------- row 13


VIEW = """() => JSON.stringify([document.querySelectorAll('path.event-marker').length,
  [...document.querySelectorAll('.event-cluster')].map(c => c.textContent)])"""


def cluster_counts(tab) -> list[int]:
    return [int(n) for n in tab.locator(".event-cluster").all_inner_texts()]


@needs_shared
@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1440", "390"])
def test_events_at_one_place_gather_into_named_clusters(tab_at, server, viewport):
    tab = tab_at(viewport)
    tab.goto(server + "/")
    markers = map_ready(tab)
    counts = cluster_counts(tab)
    assert counts, "events at one place are clustered"
    assert tab.locator("path.event-marker").count() + sum(counts) == markers
    biggest = tab.locator(".event-cluster").nth(counts.index(max(counts)))
    biggest.hover()
    label = tab.locator(".leaflet-tooltip", has_text="events:").inner_text()
    assert f"{max(counts)} events: " in label and len(label) > len(f"{max(counts)} events: ")
    drawn = tab.locator("path.event-marker").count()
    for _ in range(12):  # each click zooms in on the cluster, at the last zoom spreads it out
        if tab.locator("path.event-marker").count() > drawn:
            break
        before = tab.evaluate(VIEW)
        counts = cluster_counts(tab)
        tab.locator(".event-cluster").nth(counts.index(max(counts))).click()
        tab.wait_for_function(f"b => ({VIEW})() !== b", arg=before)
    assert tab.locator("path.event-marker").count() > drawn, "a cluster opens into its events"


def test_markers_and_clusters_are_reachable_by_keyboard(tab_at, server):
    tab = tab_at(WIDE)
    tab.goto(server + "/")
    map_ready(tab)
    marker = tab.locator("path.event-marker[tabindex='0']").first
    assert "at" in marker.get_attribute("aria-label")
    marker.focus()
    tab.keyboard.press("Enter")
    tab.wait_for_selector(".leaflet-popup .popup")
    assert tab.locator(".event-cluster[tabindex='0']").count() == len(cluster_counts(tab))


# ---------------------------------------------------------------------------------- row 4


@needs_shared
def test_every_mention_has_its_own_anchor(api):
    pages = api.get("/api/pages?limit=500").json()["pages"]
    shared_sentence = 0
    for p in pages:
        detail = api.get(p["url_view"] + ".json").json()
        html = api.get(p["url_view"]).text
        starts = [m["char_start"] for m in detail["mentions"]]
        shared_sentence += len(starts) - len(set(starts))
        for m in detail["mentions"]:
            assert html.count(f'id="m{m["ordinal"]}"') == 1, f"{p['name']}: mention {m['ordinal']}"
    assert shared_sentence > 0, "the database has mentions sharing a sentence"


@needs_shared
def test_an_evidence_link_to_a_shared_sentence_scrolls_to_it(tab_at, server, api):
    pages = api.get("/api/pages?limit=500").json()["pages"]
    for p in pages:
        mentions = api.get(p["url_view"] + ".json").json()["mentions"]
        seen: dict[int, int] = {}
        pair = None
        for m in mentions:
            if m["char_start"] in seen:
                pair = m
                break
            seen[m["char_start"]] = m["ordinal"]
        if pair:
            break
    assert pair, "the database has two mentions sharing a sentence"
    tab = tab_at(PHONE)
    tab.goto(server + pair["url"])
    target = tab.locator(f"#m{pair['ordinal']}")
    assert target.count() == 1
    top = target.evaluate("el => el.getBoundingClientRect().top")
    assert -2 < top < 844, f"the anchor is at {top}"
    assert tab.locator("mark.mention.focus").first.is_visible()


# ---------------------------------------------------------------------------------- row 5 and 6


def contested_event(api, slot: str) -> dict:
    events = api.get("/api/events?limit=500&contested=true").json()["events"]
    chosen = [e for e in events if slot in e["contested"]]
    if not chosen:
        pytest.skip(f"no event contested on {slot} in this database")
    return chosen[0]


@needs_shared
def test_one_name_per_source_on_the_event_page(tab_at, server, api):
    events = api.get("/api/events?limit=500").json()["events"]
    many = sorted(events, key=lambda e: -e["sources"])[0]
    assert many["sources"] >= 3
    detail = api.get(many["url"] + ".json").json()
    names = detail["event"]["sources"]["names"]
    assert detail["claims"]["columns"] == [s["name"] for s in detail["event"]["sources"]["details"]]
    tab = tab_at(WIDE)
    tab.goto(server + many["url"])
    headers = tab.locator("table.claims th.source").all_inner_texts()
    assert len(headers) == many["sources"], "one column per independent source"
    assert sorted(h.strip() for h in headers) == sorted(names)
    line = tab.locator("dl.facts dd", has_text="independent").first.inner_text()
    for header in headers:
        assert header.strip() in line
    evidence = tab.locator("section.evidence li:not(.reader) > .who").all_inner_texts()
    assert evidence and set(evidence) <= set(names), "the evidence names its source alike"


def test_the_deal_box_shows_contested_values_as_contested(tab_at, server, api):
    event = contested_event(api, "destination")
    tab = tab_at(WIDE)
    tab.goto(server + event["url"])
    cell = tab.locator("section.deal-terms dd[data-field=destination]")
    assert "contested" in cell.get_attribute("class")
    values = cell.locator(".value").all_inner_texts()
    assert len(values) >= 2, f"both claimed destinations: {values}"
    cell.locator("a.flag").click()
    assert tab.url.endswith("#slot-destination")
    box = tab.locator("section.deal-terms").inner_text()
    assert not re.search(r"\b(True|False)\b", box)


@needs_shared
def test_the_deal_box_says_foreign_fighters_in_words(api):
    events = api.get("/api/events?limit=500").json()["events"]
    shown = 0
    for e in events:
        deal = e["agreement"]
        if deal and deal.get("foreign_fighters") is not None:
            html = api.get(e["url"]).text
            box = html[html.index('class="deal-terms"') : html.index('class="claims"')]
            assert not re.search(r">\s*(True|False)\s*<", box), e["event_id"]
            shown += 1
    assert shown, "the database has a deal that says whether foreign fighters go"


# ---------------------------------------------------------------------------------- row 7


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/events",
        "/timeline",
        "/actors",
        "/pages",
        "/search?q=Raqqa",
        "/codebook",
        "/events.first",
    ],
)
def test_no_page_is_wider_than_a_phone(tab_at, server, api, path):
    if path == "/events.first":
        path = api.get("/api/events?limit=1&contested=true").json()["events"][0]["url"]
    tab = tab_at(PHONE)
    tab.goto(server + path)
    tab.wait_for_load_state("networkidle")
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE[0], f"{path} is {width} px wide on a {PHONE[0]} px screen"
    assert tab.locator("header.top nav a").last.is_visible()
    right = tab.locator("header.top nav a").last.bounding_box()
    assert right["x"] + right["width"] <= PHONE[0], "the nav is cut"


# ---------------------------------------------------------------------------------- row 8


def test_back_undoes_a_filter_change(tab_at, server):
    tab = tab_at(WIDE)
    tab.goto(server + "/")
    everything = map_ready(tab)
    tab.check("#f-contested")
    contested = map_ready(tab, str(everything))
    assert contested < everything
    tab.check("#f-all")
    tab.wait_for_function("() => location.search.includes('all=true')")
    tab.go_back()
    tab.wait_for_function("() => !location.search.includes('all=true')")
    assert "contested=true" in tab.url
    assert tab.is_checked("#f-contested") and not tab.is_checked("#f-all")
    tab.wait_for_selector("#map[data-state=ready]")
    assert int(tab.get_attribute("#map", "data-markers")) == contested
    tab.go_back()
    tab.wait_for_function("() => location.search === ''")
    assert not tab.is_checked("#f-contested")
    assert map_ready(tab, str(contested)) == everything
    assert tab.url.rstrip("/") == server, "Back stays on the map"


# ---------------------------------------------------------------------------------- row 9

CONTRAST = """els => els.map(el => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => v / 255)
    .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  let bg = el, back = null;
  while (bg) {
    const c = rgb(getComputedStyle(bg).backgroundColor);
    if (c.length === 3 || c[3] > 0) { back = c.slice(0, 3); break; }
    bg = bg.parentElement;
  }
  const fore = rgb(getComputedStyle(el).color).slice(0, 3);
  const [a, b] = [lum(fore), lum(back || [255, 255, 255])].sort((x, y) => y - x);
  return {text: el.textContent, ratio: (a + 0.05) / (b + 0.05)};
})"""


@pytest.mark.parametrize("path", ["/events", "/events.disputed"])
def test_flags_meet_wcag_aa_contrast(tab_at, server, api, path):
    if path == "/events.disputed":
        events = api.get("/api/events?limit=500&all=true").json()["events"]
        disputed = [e for e in events if e["reader_disputes"]]
        assert disputed, "the database has a reader dispute"
        path = disputed[0]["url"]
    tab = tab_at(WIDE)
    tab.goto(server + path)
    flags = tab.locator(".flag").evaluate_all(CONTRAST)
    assert any("reader" in f["text"] for f in flags) or path != "/events"
    low = [f for f in flags if f["ratio"] < 4.5]
    assert not low, f"flags under 4.5:1: {low[:3]}"


# ---------------------------------------------------------------------------------- row 10


def test_timeline_axis_labels_do_not_overlap(tab_at, server):
    tab = tab_at(WIDE)
    tab.goto(server + "/timeline?all=true")
    tab.wait_for_selector("#chart[data-state=ready]")
    boxes = tab.locator("#chart text.axis").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; })"
    )
    assert len(boxes) > 1
    for (_, right), (left, _) in zip(boxes, boxes[1:], strict=False):
        assert right <= left, f"labels overlap: {boxes}"


def test_timeline_bars_lead_to_their_week(tab_at, server):
    tab = tab_at(WIDE)
    tab.goto(server + "/timeline?all=true")
    tab.wait_for_selector("#chart[data-state=ready]")
    bar = tab.locator("#chart a rect.bar").last
    week = bar.get_attribute("data-week")
    bar.click()
    tab.wait_for_function("w => location.hash === '#week-' + w", arg=week)
    section = tab.locator(f"section.week[data-week='{week}']")
    box = section.evaluate(
        "el => { const r = el.getBoundingClientRect(); return [r.top, r.bottom]; }"
    )
    assert box[1] > 0 and box[0] < WIDE[1], f"the week is out of view: {box}"
    assert abs(box[0]) < 2 or box[1] <= WIDE[1], "scrolled to the week's heading"


def test_timeline_heading_follows_the_filter_and_hides_empty_groups(tab_at, server, api):
    tab = tab_at(WIDE)
    tab.goto(server + "/timeline?actor=SDF")
    tab.wait_for_selector("#chart[data-state=ready]")
    assert "SDF" in tab.locator("h1").inner_text()
    tab.fill("#f-actor", "")
    tab.locator("#f-actor").dispatch_event("change")
    tab.wait_for_function("() => !location.search.includes('actor')")
    tab.wait_for_selector("#chart[data-state=ready]")
    assert "SDF" not in tab.locator("h1").inner_text()
    data = api.get("/api/timeline?actor=SDF").json()
    tab.goto(server + "/timeline?actor=SDF")
    tab.wait_for_selector("#chart[data-state=ready]")
    for group in ("coarse", "undated"):
        heading = tab.locator(f"#{group}-heading")
        assert heading.is_visible() == bool(data[group]), group


# ---------------------------------------------------------------------------------- row 11


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("2017-04-22", "2017-04-22"),
        ("2017-04", "2017-04"),
        ("--06", "June, year unknown"),
        ("--04-22", "22 April, year unknown"),
        ("Wednesday", "a Wednesday, date unknown"),
        (None, None),
    ],
)
def test_readable_dates_case_table(stored, shown):
    from wardesk.web.payloads import readable_date

    assert readable_date(stored) == shown


@needs_shared
def test_no_raw_partial_date_is_shown(tab_at, server, api):
    events = api.get("/api/events?limit=500&all=true").json()["events"]
    assert any(e["date"] and e["date"].startswith("--") for e in events), "partial dates present"
    tab = tab_at(WIDE)
    tab.goto(server + "/events?all=true&limit=500")
    cells = tab.locator("table.events td:nth-child(3)").all_inner_texts()
    days = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    for cell in cells:
        assert not cell.startswith("--") and cell.strip() not in days, cell


# ---------------------------------------------------------------------------------- row 12


def test_the_actor_filter_ignores_case_and_finds_part_of_a_name(api):
    exact = api.get("/api/events?actor=SDF&all=true").json()["total"]
    assert exact > 0
    assert api.get("/api/events?actor=sdf&all=true").json()["total"] == exact
    assert api.get("/api/events?actor=Sd&all=true").json()["total"] >= exact


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("since=2017/10", "write 2017, 2017-10 or 2017-10-14"),
        ("until=Wednesday", "write 2017, 2017-10 or 2017-10-14"),
        ("since=2018&until=2017-05", "is after To"),
    ],
)
def test_bad_dates_get_a_plain_answer(api, query, said):
    answer = api.get("/api/map?" + query)
    assert answer.status_code == 422
    detail = answer.json()["detail"]
    assert isinstance(detail, str) and said in detail
    assert "\\d" not in detail and "^" not in detail, "no regex shown to the reader"


def test_a_bad_date_on_the_map_clears_it_and_says_why(tab_at, server):
    tab = tab_at(WIDE)
    tab.goto(server + "/")
    markers = map_ready(tab)
    tab.fill("#f-since", "2018")
    tab.fill("#f-until", "2017")
    tab.locator("#f-until").dispatch_event("change")
    tab.wait_for_selector("#map[data-state=error]")
    assert tab.get_attribute("#map", "data-markers") == "0" != str(markers)
    assert tab.locator("path.event-marker").count() == 0
    assert "is after To" in tab.locator("#status").inner_text()
    tab.errors.clear()  # the 422 itself is logged by the browser


# ---------------------------------------------------------------------------------- row 14


@pytest.mark.parametrize("path", ["/events/ev-nothing", "/api/events/ev-nothing"])
def test_not_found_says_nothing_of_the_server(api, analyst_db, path):
    answer = api.get(path)
    assert answer.status_code == 404
    assert str(analyst_db) not in answer.text and analyst_db.name not in answer.text
    assert "wardesk events" not in answer.text
    assert "ev-nothing" in answer.text


# ---------------------------------------------------------------------------------- row 15


@pytest.mark.parametrize("path", ["/", "/search?q=Raqqa", "/events", "/timeline"])
def test_every_page_has_a_skip_link_and_one_h1(tab_at, server, path):
    tab = tab_at(WIDE)
    tab.goto(server + path)
    assert tab.locator("h1").count() == 1
    tab.keyboard.press("Tab")
    focused = tab.evaluate("[document.activeElement.className, document.activeElement.hash]")
    assert focused == ["skip", "#main"]
    assert tab.locator("a.skip").is_visible(), "the skip link shows when focused"
    assert tab.locator("main#main").count() == 1


def test_event_links_are_named_by_more_than_their_type(tab_at, server):
    tab = tab_at(WIDE)
    tab.goto(server + "/events")
    names = tab.locator("table.events td:first-child a").all_text_contents()
    assert names and all(" at " in name for name in names), names[:3]
    tab.goto(server + "/")
    map_ready(tab)
    names = tab.locator("#event-list a.event-link").all_text_contents()
    assert names and all(" at " in name for name in names), names[:3]


@needs_shared
def test_the_events_list_pages_both_ways_and_shows_its_filter(api):
    total = api.get("/api/events?contested=true").json()["total"]
    assert total >= 3
    second = api.get("/events?contested=true&limit=2&offset=2").text
    assert 'rel="prev" href="/events?contested=true&amp;offset=0&amp;limit=2"' in second
    assert "Filtered by" in second and "contested: true" in second
    first = api.get("/events?limit=2").text
    assert 'rel="prev"' not in first and 'rel="next"' in first and "Filtered by" not in first


@needs_shared
def test_type_counts_leave_out_reader_only_events(api):
    facets = api.get("/api/facets").json()
    sourced = api.get("/api/events?limit=1").json()["total"]
    everything = api.get("/api/events?limit=1&all=true").json()["total"]
    assert everything > sourced, "the database has events only readers report"
    assert sum(t["events"] for t in facets["types"]) == sourced


# ---------------------------------------------------------------------------------- export


def test_exports_hold_exactly_the_filtered_events(api):
    import csv
    import io
    import json

    listed = api.get("/api/events?contested=true&limit=500").json()
    ids = [e["event_id"] for e in listed["events"]]
    assert 0 < len(ids) < api.get("/api/events?limit=1").json()["total"]
    lines = api.get("/api/export.jsonl?contested=true").text.splitlines()
    assert [json.loads(line)["event_id"] for line in lines] == ids
    features = api.get("/api/export.geojson?contested=true").json()["features"]
    assert sorted(f["properties"]["event_id"] for f in features) == sorted(ids)
    answer = api.get("/api/export.csv?contested=true")
    assert answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    dated = [e for e in listed["events"] if e["date_start"]]
    assert len(rows) == len(dated), "one ACLED row per dated event"
    assert api.get("/api/export.xml").status_code == 422


def test_the_map_exports_what_it_shows(tab_at, server):
    tab = tab_at(WIDE)
    tab.goto(server + "/")
    everything = map_ready(tab)
    tab.check("#f-contested")
    map_ready(tab, str(everything))
    with tab.expect_download() as download:
        tab.click("#export a[data-format=jsonl]")
    lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert len(lines) == tab.locator("#event-list li").count()
    tab.goto(server + "/events?contested=true")
    href = tab.get_attribute("#export a[data-format=csv]", "href")
    assert href == "/api/export.csv?contested=true"


# ---------------------------------------------------------------------------------- codebook


def test_every_badge_links_to_its_codebook_entry(tab_at, server, api):
    codebook = api.get("/codebook").text
    ids = set(re.findall(r'id="([a-z0-9-]+)"', codebook))
    from wardesk.web.params import CERTAINTIES

    certainties = {f"certainty-{c}" for c in CERTAINTIES}
    wanted = {"certainty", "sources", "precision", "reader-only", "contested"} | certainties
    assert wanted <= ids
    event = contested_event(api, "destination")
    tab = tab_at(WIDE)
    for path in (event["url"], "/events", "/"):
        tab.goto(server + path)
        if path == "/":
            map_ready(tab)
        badges = tab.locator(".flag, :not(fieldset).certainty").evaluate_all(
            "els => els.filter(e => !e.closest('a.claim') && !e.closest('.leaflet-popup'))"
            ".map(e => [e.tagName, e.getAttribute('href')])"
        )
        assert badges, path
        for tag, href in badges:
            assert tag == "A" and href, (path, tag, href)
            if href.startswith("#slot-"):  # the deal box's flag leads to the claims row
                assert tab.locator(href).count() == 1
                continue
            assert href.startswith("/codebook#") and href.split("#")[1] in ids, href
    tab.goto(server + event["url"])
    tab.locator("section.evidence a.certainty").first.click()
    tab.wait_for_url("**/codebook#certainty-*")
    anchor = tab.url.split("#")[1]
    assert tab.locator(f"#{anchor}").is_visible()


# ---------------------------------------------------------------------------------- deals


def test_every_deal_is_listed_with_its_steps_in_order(api):
    events = api.get("/api/events?limit=500").json()["events"]
    with_deal = [e["event_id"] for e in events if e["agreement"]]
    deals = api.get("/api/deals").json()["deals"]
    assert [d["event"]["event_id"] for d in deals] == with_deal
    from wardesk.web.payloads import deal_steps

    order = deal_steps()
    moved_on = 0
    for d in deals:
        statuses = [step["status"] for step in d["history"]]
        ranks = [order.index(s) for s in statuses]
        assert ranks == sorted(ranks), statuses
        assert all(step["reports"] for step in d["history"])
        moved_on += len(statuses) > 1
        detail = api.get(d["event"]["url"] + ".json").json()
        rows = {r["slot"]: r for r in detail["claims"]["rows"]}
        if "destination" in rows:
            assert [v["value"] for v in d["destinations"]] == [
                v["value"] for v in rows["destination"]["values"]
            ]
    assert moved_on, "some deal is reported at more than one step"


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1440", "390"])
def test_the_deals_view_shows_destinations_and_dated_steps(tab_at, server, api, viewport):
    event = contested_event(api, "destination")
    tab = tab_at(viewport)
    tab.goto(server + "/deals")
    assert tab.locator("header.top nav a", has_text="Deals").count() == 1
    card = tab.locator(f"article.deal-card[data-event='{event['event_id']}']")
    assert card.locator("dd.destinations .value").count() >= 2, "every claimed destination"
    steps = card.locator("li.step")
    assert steps.count() >= 1
    first_report = steps.first.locator("ul a").first
    assert first_report.get_attribute("href").startswith("/pages/")
    assert tab.evaluate("document.documentElement.scrollWidth") <= viewport[0]
    shoot(tab, f"deals-{viewport[0]}")
    first_report.click()
    tab.wait_for_url("**/pages/**")
    assert tab.locator("mark.mention.focus").first.is_visible()


# ---------------------------------------------------------------------------------- weekly chart


def test_the_weekly_chart_stacks_types_and_leads_to_the_map(tab_at, server, api):
    weeks = [w for w in api.get("/api/timeline?all=true").json()["weeks"] if w["count"]]
    assert weeks
    tab = tab_at(WIDE)
    tab.goto(server + "/timeline?all=true")
    tab.wait_for_selector("#chart[data-state=ready]")
    for week in weeks:
        segments = tab.locator(f"#chart rect.bar[data-week='{week['week']}']")
        assert sorted(segments.evaluate_all("els => els.map(e => e.dataset.type)")) == sorted(
            week["by_type"]
        )
    mixed = max(weeks, key=lambda w: (len(w["by_type"]), w["count"]))
    colours = tab.locator(f"#chart rect.bar[data-week='{mixed['week']}']").evaluate_all(
        "els => els.map(e => getComputedStyle(e).fill)"
    )
    assert len(set(colours)) == len(mixed["by_type"]), "each type its own colour"
    section = tab.locator(f"section.week[data-week='{mixed['week']}']")
    section.locator("a.on-map").click()
    tab.wait_for_url("**/?*since=*")
    map_ready(tab)
    assert tab.locator("#event-list li").count() == mixed["count"]
    assert tab.input_value("#f-since") == mixed["week"]


# ---------------------------------------------------------------------------------- table view


@pytest.mark.parametrize("column", ["fatalities", "sources", "place", "date"])
def test_the_events_list_sorts_both_ways_with_blanks_last(api, column):
    field = {"fatalities": "fatalities", "sources": "sources", "date": "date_start"}
    for sort, descending in ((column, False), (f"-{column}", True)):
        events = api.get(f"/api/events?all=true&limit=500&sort={sort}").json()["events"]
        if column == "place":
            values = [e["location"]["name"] if e["location"] else None for e in events]
        else:
            values = [e[field[column]] for e in events]
        known = [v for v in values if v is not None]
        assert known == sorted(known, reverse=descending), sort
        assert values[: len(known)] == known, f"{sort}: blanks go last"


def test_the_table_view_filters_and_sorts_in_the_page(tab_at, server, api):
    contested = api.get("/api/events?contested=true&limit=1").json()["total"]
    tab = tab_at(WIDE)
    tab.goto(server + "/events")
    tab.check("#f-contested")
    tab.click("form.filters button[type=submit]")
    tab.wait_for_url("**/events?*contested=true*")
    assert tab.locator("tr.event-row").count() == contested
    header = tab.locator("th a.sort", has_text="fatalities")
    header.click()
    tab.wait_for_url("**sort=fatalities**")
    assert tab.locator("th[aria-sort=ascending]").inner_text().startswith("fatalities")
    assert tab.locator("tr.event-row").count() == contested, "sorting keeps the filter"
    tab.locator("th a.sort", has_text="fatalities").click()
    tab.wait_for_url("**sort=-fatalities**")
    cells = tab.locator("tr.event-row td:nth-child(6)").all_inner_texts()
    numbers = [int(c) for c in cells if c.strip().isdigit()]
    assert numbers == sorted(numbers, reverse=True)
    assert tab.is_checked("#f-contested"), "the form shows the filter in force"
    shoot(tab, "events-table")


# ---------------------------------------------------------------------------------- why one event


@needs_shared
def test_every_report_passes_fusions_tests_against_the_lead(api):
    events = api.get("/api/events?all=true&limit=500").json()["events"]
    explained = 0
    for e in events:
        detail = api.get(e["url"] + ".json").json()
        why = detail["why"]
        ids = {m["mention_id"] for m in detail["mentions"]}
        assert why["lead"] in ids
        assert {m["mention_id"] for m in why["members"]} == ids - {why["lead"]}
        for member in why["members"]:
            assert [t["test"] for t in member["tests"]] == ["kind", "place", "date", "actors"]
            failed = [t["said"] for t in member["tests"] if not t["passed"]]
            assert not failed, f"{e['event_id']}: {member['mention_id']} fails {failed}"
            explained += 1
        for other in why["apart"]:
            assert other["event_id"] != e["event_id"]
            assert all(not t["passed"] for t in other["failed"])
    assert explained > 10


def test_the_event_page_says_why_and_what_was_kept_apart(tab_at, server, api):
    events = api.get("/api/events?limit=500").json()["events"]
    many = max(events, key=lambda e: e["mentions"])
    tab = tab_at(PHONE)
    tab.goto(server + many["url"])
    rows = tab.locator("table.why tbody tr")
    assert rows.count() == many["mentions"] - 1
    assert rows.first.locator("td.pass").count() == 4
    assert "km" in tab.locator("section.why").inner_text() or "same" in rows.first.inner_text()
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
    tab.locator("section.why").scroll_into_view_if_needed()
    shoot(tab, "event-why-390")
    apart = tab.locator("ul.apart li")
    if apart.count():
        assert apart.first.locator("a").get_attribute("href").startswith("/events/")


# ---------------------------------------------------------------------------------- place aliases


def test_search_finds_a_place_under_another_spelling(api):
    from wardesk.export.acled import gazetteer_points

    events = api.get("/api/events?all=true&limit=500").json()["events"]
    placed = [e for e in events if e["location"] and e["location"]["geonameid"]]
    names = gazetteer_points(e["location"]["geonameid"] for e in placed)
    respelled = [
        (e, names[e["location"]["geonameid"]].name)
        for e in placed
        if e["location"]["geonameid"] in names
        and names[e["location"]["geonameid"]].name.lower() not in e["location"]["name"].lower()
        and names[e["location"]["geonameid"]].name.isascii()
    ]
    assert respelled, "the database has a place written otherwise than the gazetteer writes it"
    for event, other_spelling in respelled:
        found = api.get("/api/search", params={"q": other_spelling, "limit": 100}).json()
        ids = [e["event_id"] for e in found["events"]]
        assert event["event_id"] in ids, f"{other_spelling!r} misses {event['location']['name']}"


# ---------------------------------------------------------------------------------- more filters


def test_country_province_fatalities_and_deal_filters(api):
    events = api.get("/api/events?all=true&limit=500").json()["events"]

    def ids(query: str) -> set[str]:
        return {
            e["event_id"]
            for e in api.get(f"/api/events?all=true&limit=500&{query}").json()["events"]
        }

    syria = {e["event_id"] for e in events if e["location"] and e["location"]["country"] == "Syria"}
    assert syria and ids("country=syria") == syria
    province = next(
        e["location"]["admin1"] for e in events if e["location"] and e["location"]["admin1"]
    )
    assert ids(f"admin1={province.upper()}") == {
        e["event_id"] for e in events if e["location"] and e["location"]["admin1"] == province
    }
    counted = [e for e in events if e["fatalities"] is not None]
    assert len({e["fatalities"] for e in counted}) > 1
    low = sorted(e["fatalities"] for e in counted)[len(counted) // 2]
    assert ids(f"fatalities_min={low}") == {
        e["event_id"] for e in counted if e["fatalities"] >= low
    }
    assert ids(f"fatalities_max={low}") == {
        e["event_id"] for e in counted if e["fatalities"] <= low
    }
    assert api.get("/api/events?fatalities_min=9&fatalities_max=2").status_code == 422
    for bad in ("abc", "-1", "²"):
        assert api.get("/api/events", params={"fatalities_min": bad}).status_code == 422
    kinds = api.get("/api/facets").json()["deal_kinds"]
    assert "evacuation" in kinds
    assert ids("deal=evacuation") == {
        e["event_id"] for e in events if e["agreement"] and e["agreement"]["kind"] == "evacuation"
    }


@needs_shared
def test_the_map_filters_by_country_and_keeps_it_in_the_url(tab_at, server, api):
    iraq = api.get("/api/map?country=Iraq").json()
    assert iraq["total"] > 0
    tab = tab_at(WIDE)
    tab.goto(server + "/")
    everything = map_ready(tab)
    tab.select_option("#f-country", "Iraq")
    assert map_ready(tab, str(everything)) == len(
        [e for e in iraq["events"] if e["location"] and e["location"]["lat"] is not None]
    )
    assert "country=Iraq" in tab.url
    assert "country=Iraq" in tab.get_attribute("#export a[data-format=csv]", "href")
