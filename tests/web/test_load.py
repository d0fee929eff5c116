"""A bounded load test on loopback through ``benchmarks/load.py``: ``wardesk serve`` in its
own process, concurrent clients on a mix of routes, and not one error. A short run is always
on; ``WARDESK_LONG_TESTS=1`` runs the full 50 clients for 30 s."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from load import ROUTE_MIX, percentiles, run_load, served  # noqa: E402

LONG = bool(os.environ.get("WARDESK_LONG_TESTS"))
CLIENTS, SECONDS = (50, 30.0) if LONG else (12, 4.0)


def test_concurrent_clients_get_every_answer_without_an_error(desk_db):
    with served(str(desk_db)) as url:
        report = run_load(url, clients=CLIENTS, seconds=SECONDS)
    print(f"\n{report.requests} requests, {report.requests_per_s:.0f}/s, p50 {report.p50_ms:.1f} "
          f"ms, p99 {report.p99_ms:.1f} ms, {report.errors} errors")  # fmt: skip
    assert report.errors == 0, report.error_samples
    assert report.requests >= CLIENTS
    assert {route for route, _ in ROUTE_MIX} == {
        r for r, v in report.routes.items() if v["requests"]
    }
    assert 0 < report.p50_ms <= report.p90_ms <= report.p99_ms <= report.max_ms


def test_percentiles():
    assert percentiles([]) == (0.0, 0.0, 0.0, 0.0)
    assert percentiles([7.0]) == (7.0, 7.0, 7.0, 7.0)
    p50, p90, p99, top = percentiles([float(n) for n in range(1, 101)])
    assert (round(p50), round(p90), round(p99), top) == (50, 90, 99, 100.0)
