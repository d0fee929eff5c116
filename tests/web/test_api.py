"""The JSON API and the HTML pages over a database of the example pages and a hostile page:
payloads, JSON twins, filters, parameter validation, escaping, and the security headers."""

from __future__ import annotations

import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import pytest

from wardesk.errors import WardeskError
from wardesk.web import create_app

# Tags the hostile pages hold; none may reach a response as markup.
HOSTILE_TAGS = {"img", "iframe", "svg", "b"}


class Markup(HTMLParser):
    """The tags and attributes of an HTML document, as a browser would parse them."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def assert_inert(html: str, where: str) -> None:
    """No script but the app's own files, no hostile tag, no handler, no javascript: link."""
    for tag, attrs in Markup(html).found:
        assert tag not in HOSTILE_TAGS, f"<{tag}> from page text in {where}"
        if tag == "script":
            assert (attrs.get("src") or "").startswith("/static/"), f"inline script in {where}"
        assert not [a for a in attrs if a.startswith("on")], f"handler {attrs} in {where}"
        for name in ("href", "src", "action"):
            assert not (attrs.get(name) or "").lower().startswith("javascript"), where


def _doc_id(db: Path, name: str) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT id FROM documents WHERE name = ?", (name,)).fetchone()[0]


def _contested(client) -> dict:
    events = client.get("/api/events", params={"contested": "true"}).json()["events"]
    assert events, "the examples hold a contested event"
    return events[0]


def test_every_response_carries_the_security_headers(client):
    for path in ("/", "/api/events", "/static/desk.css", "/nowhere"):
        response = client.get(path)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"


def test_the_api_is_documented_by_openapi(client):
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/map", "/api/timeline",
                 "/api/pages/{doc_id}", "/api/search", "/api/actors", "/api/facets"):  # fmt: skip
        assert path in spec["paths"], path
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"type", "actor", "since", "until", "certainty", "contested", "all", "limit"} <= names


@pytest.mark.parametrize(
    ("html", "twin"),
    [
        ("/", "/map.json"),
        ("/timeline", "/timeline.json"),
        ("/events", "/events.json"),
        ("/actors", "/actors.json"),
        ("/pages", "/pages.json"),
        ("/search?q=evacuation", "/search.json?q=evacuation"),
    ],
)
def test_every_page_has_a_json_twin(client, html, twin):
    page = client.get(html)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert f'rel="alternate" type="application/json" href="{twin}"' in page.text
    assert client.get(twin).headers["content-type"] == "application/json"


def test_the_event_page_and_its_twin_show_the_contradiction(client):
    event = _contested(client)
    twin = client.get(event["url"] + ".json").json()
    assert twin == client.get("/api" + event["url"]).json()
    slot = event["contested"][0]
    row = next(r for r in twin["claims"]["rows"] if r["slot"] == slot)
    assert row["contested"] and len(row["values"]) >= 2
    claimed = {c["value"] for cells in row["cells"].values() for c in cells}
    assert len(claimed) >= 2, "two article sources claim different values"
    page = client.get(event["url"]).text
    assert re.search(rf'<tr class="slot contested[^"]*" data-slot="{slot}"', page)
    for cells in row["cells"].values():
        for claim in cells:
            assert claim["url"].startswith("/pages/") and claim["evidence"]


def test_a_claim_links_to_its_sentence_highlighted_in_the_page(client):
    detail = client.get("/api" + _contested(client)["url"]).json()
    mention = detail["mentions"][0]
    page = client.get(mention["url"])
    assert page.status_code == 200
    focused = re.findall(r'<mark class="mention focus"[^>]*>(.*?)</mark>', page.text, re.S)
    assert focused, "the mention's sentence is highlighted"
    anchor = f'id="m{mention["ordinal"]}"'
    assert anchor in page.text
    twin = client.get(mention["url"].split("#")[0].replace("?", ".json?", 1)).json()
    pieces = [p for part in ("article", "comments") for b in twin[part] for p in b["pieces"]]
    marked = "".join(p["text"] for p in pieces if p["focus"])
    assert mention["evidence"][:40] in marked


def test_reader_comments_have_their_own_column(client):
    events = client.get("/api/events", params={"all": "true", "limit": 500}).json()["events"]
    with_readers = [e for e in events if e["reader_comments"]]
    if not with_readers:
        pytest.skip("no event with reader comments in the examples")
    detail = client.get("/api" + with_readers[0]["url"]).json()
    rows = detail["claims"]["rows"]
    assert any(row["readers"] for row in rows), "reader claims fill the reader column"
    reader_ids = {m["mention_id"] for m in detail["mentions"] if m["in_comments"]}
    assert all(c["mention_id"] in reader_ids for row in rows for c in row["readers"])
    in_columns = [c for row in rows for cells in row["cells"].values() for c in cells]
    assert not any(c["mention_id"] in reader_ids for c in in_columns)


def test_the_page_view_shows_body_comments_and_boilerplate_apart(client, desk_db):
    doc_id = _doc_id(desk_db, "hostile-raqqa.txt")
    page = client.get(f"/pages/{doc_id}.json").json()
    assert page["article"] and page["comments"] and page["boilerplate"]
    assert page["comments"][0]["author"] == "Mallory"
    assert all(any(p["mentions"] for p in part["pieces"]) for part in page["comments"])


def test_hostile_page_text_is_escaped_everywhere(client, desk_db):
    doc_id = _doc_id(desk_db, "hostile-raqqa.txt")
    record_id = _doc_id(desk_db, "hostile-record")
    paths = [f"/pages/{doc_id}", f"/pages/{doc_id}?m=0", f"/pages/{record_id}", "/pages",
             "/search?q=fighters", "/search?q=script", "/events?all=true", "/?all=true",
             "/timeline?all=true", "/actors"]  # fmt: skip
    events = client.get("/api/events", params={"all": "true", "limit": 500}).json()["events"]
    paths += [e["url"] for e in events if any(p.startswith("hostile") for p in e["pages"])]
    assert len(paths) > 7, "the hostile pages made events"
    for path in paths:
        html = client.get(path).text
        assert_inert(html, path)
    shown = client.get(f"/pages/{doc_id}").text
    assert "&lt;script&gt;window.__pwned" in shown
    record = client.get(f"/pages/{record_id}").text
    assert 'href="javascript' not in record, "a javascript: page URL is never a link"


def test_filters_narrow_the_events(client):
    everything = client.get("/api/events", params={"all": "true", "limit": 500}).json()
    assert everything["total"] == len(everything["events"]) > 3
    sourced = client.get("/api/events").json()
    assert all(e["sources"] > 0 for e in sourced["events"])
    deals = client.get("/api/events", params={"type": "Agreement"}).json()["events"]
    assert deals and all(e["sub_event_type"] == "Agreement" for e in deals)
    family = client.get("/api/events", params={"type": "strategic developments"}).json()
    assert {e["event_id"] for e in deals} <= {e["event_id"] for e in family["events"]}
    contested = client.get("/api/events", params={"contested": "true"}).json()["events"]
    assert contested and all(e["contested"] for e in contested)
    actor = client.get("/api/events", params={"actor": "SDF"}).json()["events"]
    assert actor and len(actor) < sourced["total"]
    june = client.get("/api/events", params={"since": "2017-06", "until": "2017-06-30"}).json()
    assert june["events"] and all(
        e["date_end"] >= "2017-06-01" and e["date_start"] <= "2017-06-30" for e in june["events"]
    )
    denied = client.get("/api/events", params={"certainty": "denied"}).json()["events"]
    assert 0 < len(denied) < sourced["total"]
    page = client.get("/api/events", params={"limit": 2, "offset": 1}).json()
    assert len(page["events"]) == 2 and page["events"][0] == sourced["events"][1]


@pytest.mark.parametrize(
    "query",
    [
        {"limit": "0"}, {"limit": "501"}, {"limit": "many"}, {"offset": "-1"},
        {"since": "2017-13"}, {"since": "last week"}, {"until": "2017-02-30"},
        {"certainty": "maybe"}, {"contested": "perhaps"}, {"actor": "x" * 201},
        {"type": "t" * 81},
    ],
)  # fmt: skip
def test_bad_parameters_are_refused_with_422(client, query):
    response = client.get("/api/events", params=query)
    assert response.status_code == 422, response.text
    assert response.json()["detail"]


def test_bad_parameters_on_a_page_get_an_html_error(client):
    response = client.get("/timeline", params={"since": "<script>alert(1)</script>"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    assert "<script>alert" not in response.text


def test_unknown_ids_are_404(client):
    assert client.get("/api/events/ev-nope").status_code == 404
    assert client.get("/events/ev-nope").status_code == 404
    assert client.get("/api/pages/0123456789abcdef").status_code == 404
    assert client.get("/pages/bad id!").status_code in (404, 422)


def test_sql_metacharacters_are_only_data(client):
    for text in ("' OR 1=1 --", '"; DROP TABLE events; --', "%", "_", "\\"):
        assert client.get("/api/search", params={"q": text}).status_code == 200
        assert client.get("/api/events", params={"actor": text}).json()["events"] == []
    assert client.get("/api/events").json()["total"] > 0


def test_search_finds_pages_and_events(client):
    found = client.get("/api/search", params={"q": "Daraa ceasefire"}).json()
    assert any(p["name"] == "agency-2017-0620-daraa" for p in found["pages"])
    assert any(e["location"] and e["location"]["name"] == "Daraa" for e in found["events"])
    assert client.get("/api/search", params={"q": ""}).status_code == 422


def test_map_draws_deals_from_origin_to_destination(client):
    data = client.get("/api/map").json()
    assert data["events"] and data["deals"]
    for arrow in data["deals"]:
        assert arrow["origin"]["lat"] is not None and arrow["destination"]["lat"] is not None
        assert arrow["url"].startswith("/events/")


def test_timeline_counts_per_week_and_per_actor(client):
    data = client.get("/api/timeline").json()
    weeks = data["weeks"]
    assert (
        weeks
        and sum(w["count"] for w in weeks) + len(data["coarse"]) + len(data["undated"])
        == data["total"]
    )
    assert all(w["week"] < v["week"] for w, v in zip(weeks, weeks[1:], strict=False))
    actor = client.get("/api/timeline", params={"actor": "Islamic State"}).json()
    assert 0 < actor["total"] <= data["total"]
    names = [a["name"] for a in client.get("/api/actors").json()["actors"]]
    assert "Islamic State" in names


def test_the_database_is_opened_read_only(desk_db):
    app = create_app(desk_db)
    store = app.state.settings.source.open()
    try:
        with pytest.raises(sqlite3.OperationalError):
            store.db.execute("DELETE FROM events")
    finally:
        store.close()


def test_a_missing_database_or_a_bad_tile_url_is_refused(tmp_path, desk_db):
    with pytest.raises(WardeskError, match="E004"):
        create_app(tmp_path / "none.db")
    with pytest.raises(WardeskError, match="E032"):
        create_app(desk_db, tiles="javascript:alert(1)/{z}/{x}/{y}")
    app = create_app(desk_db, tiles="https://tiles.example.org/{z}/{x}/{y}.png")
    assert "img-src 'self' data: https://tiles.example.org;" in app.state.settings.csp


def test_an_old_schema_is_refused_read_only(tmp_path):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE schema_migrations (version INTEGER, name TEXT, applied_at TEXT)")
        conn.execute("INSERT INTO schema_migrations VALUES (1, '0001_documents.sql', 'then')")
    with pytest.raises(WardeskError, match="E031"):
        create_app(path)


def test_seeds_contested_destination_draws_one_arrow_per_claim(seeds_db):
    from fastapi.testclient import TestClient

    with TestClient(create_app(seeds_db), base_url="http://127.0.0.1") as seeds:
        contested = seeds.get("/api/events", params={"contested": "true"}).json()["events"]
        deals = [e for e in contested if "destination" in e["contested"]]
        assert deals, "the seeds report a deal whose destination the sources contradict"
        arrows = [
            a
            for a in seeds.get("/api/map").json()["deals"]
            if a["event_id"] == deals[0]["event_id"]
        ]
        assert len({a["destination"]["name"] for a in arrows}) >= 2
        assert all(a["contested"] for a in arrows)
        detail = seeds.get("/api" + deals[0]["url"]).json()
        row = next(r for r in detail["claims"]["rows"] if r["slot"] == "destination")
        assert len({c["value"] for cells in row["cells"].values() for c in cells}) >= 2


def test_the_next_page_link_keeps_the_filter(client):
    total = client.get("/api/events", params={"all": "true"}).json()["total"]
    assert total > 1
    html = client.get("/events", params={"all": "true", "limit": 1, "type": "Battles"}).text
    links = [
        a["href"] for tag, a in Markup(html).found if tag == "a" and "offset=" in a.get("href", "")
    ]
    if not links:  # fewer than two battles: the unfiltered list pages on anyway
        html = client.get("/events", params={"all": "true", "limit": 1}).text
        links = [
            a["href"] for tag, a in Markup(html).found if tag == "a" and "offset=" in a["href"]
        ]
        assert links and "all=true" in links[0] and "offset=1" in links[0]
    else:
        assert "type=Battles" in links[0] and "all=true" in links[0] and "offset=1" in links[0]


@pytest.mark.parametrize("path", ["/", "/events", "/api/events", "/static/desk.css"])
def test_head_answers_like_get_without_a_body(client, path):
    got = client.get(path)
    head = client.head(path)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]
    assert "content-security-policy" in head.headers


def test_head_is_no_way_to_write(client):
    assert client.head("/api/admin/fuse").status_code == 405
