"""The server against hostile requests: any value in any parameter of any route, SQL
injection strings, path traversal on the static route (sent raw, as an attacker would, not
normalised by a client library), and absurd page sizes. Nothing may crash the app, leak a
file, or answer anything but 200, 404 or 422."""

from __future__ import annotations

import socket
from urllib.parse import quote, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ATTACKS = [
    "' OR '1'='1", "1; DROP TABLE documents; --", "%' UNION SELECT sql FROM sqlite_master --",
    '" OR ""="', "\\x00", "\u0000", "../../etc/passwd", "<script>alert(1)</script>",
    "NEAR(a b)", '"unbalanced', "*", "a OR b NOT c", "-1", "9" * 40, "1e309", "NaN",
    "2017-02-30", "\u202e", "\ud7ff", "%00", "${jndi:ldap://x}",
]  # fmt: skip
ALLOWED = {200, 404, 422}


def _read_routes(app) -> dict[str, list[str]]:
    """Every GET path of the app (API, JSON twins and their HTML pages) with its query
    parameter names, from the OpenAPI description."""
    routes: dict[str, list[str]] = {}
    for path, operations in app.openapi()["paths"].items():
        if "get" not in operations:
            continue
        names = [p["name"] for p in operations["get"].get("parameters", []) if p["in"] == "query"]
        routes[path] = names
        if path.endswith(".json"):  # the twin's HTML page takes the same parameters
            routes[path.removesuffix(".json") or "/"] = names
    return routes


values = st.one_of(st.sampled_from(ATTACKS), st.text(max_size=60), st.integers().map(str))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_value_in_any_parameter_is_answered_cleanly(client, data):
    routes = _read_routes(client.app)
    path = data.draw(st.sampled_from(sorted(routes)))
    filled = path
    while "{" in filled:
        start, end = filled.index("{"), filled.index("}")
        filled = filled[:start] + quote(data.draw(values), safe="") + filled[end + 1 :]
    names = routes[path]
    params = data.draw(st.dictionaries(st.sampled_from(names), values, max_size=4)) if names else {}
    response = client.get(filled, params=params)
    assert response.status_code in ALLOWED, (filled, params, response.status_code)
    assert "Traceback" not in response.text


@pytest.mark.parametrize("attack", ATTACKS)
def test_sql_in_search_and_filters_is_only_data(client, attack):
    for path, params in [
        ("/api/search", {"q": attack}),
        ("/api/events", {"actor": attack}),
        ("/api/events", {"type": attack}),
        ("/api/timeline", {"actor": attack}),
    ]:
        response = client.get(path, params=params)
        assert response.status_code in (200, 422), (path, attack)
    # The tables are all still there and whole.
    assert client.get("/api/events", params={"limit": 5}).json()["events"]


@pytest.mark.parametrize(
    "query", [{"limit": 10**12}, {"limit": -5}, {"offset": 10**12}, {"limit": "1e3"}]
)
def test_absurd_page_sizes_are_refused(client, query):
    for path in ("/api/events", "/api/pages", "/events", "/pages"):
        assert client.get(path, params=query).status_code == 422, (path, query)


def _raw_get(base: str, target: str) -> tuple[int, bytes]:
    """Send ``GET target`` exactly as written (no client-side normalisation of ``..``)."""
    host, port = urlsplit(base).hostname, urlsplit(base).port
    with socket.create_connection((host, port), timeout=10) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    status = int(reply.split(b" ", 2)[1])
    return status, reply.partition(b"\r\n\r\n")[2]


TRAVERSALS = [
    "/static/../app.py", "/static/../../web/app.py", "/static/%2e%2e/app.py",
    "/static/%2e%2e%2fapp.py", "/static/..%2fapp.py", "/static/..%5capp.py",
    "/static/vendor/../../templates/base.html", "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static//etc/passwd", "/static/..;/app.py", "/static/%252e%252e/app.py",
    "/static/vendor/leaflet/../../../../../../../../etc/passwd",
]  # fmt: skip


@pytest.mark.parametrize("target", TRAVERSALS)
def test_path_traversal_on_the_static_route_finds_nothing(live_server, target):
    status, body = _raw_get(live_server, target)
    assert status in (400, 404), (target, status)
    for secret in (b"root:", b"create_app", b"{% block", b"import "):
        assert secret not in body, target


def test_the_static_route_still_serves_its_own_files(live_server):
    status, body = _raw_get(live_server, "/static/desk.css")
    assert status == 200 and body


@pytest.mark.parametrize("path", ["/events", "/deals"])
@pytest.mark.parametrize("params", [{"fatalities_min": "0"}, {"fatalities_min": "3", "type": "x"}])
def test_a_numeric_filter_shows_as_a_chip(client, path, params):
    """The active-filter chips print numbers as they are (a number is no list to join)."""
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text[-500:]
    assert f"fatalities_min: {params['fatalities_min']}" in response.text
