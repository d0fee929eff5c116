"""A bounded load test of ``wardesk serve`` on loopback: concurrent clients for a fixed time.

    python benchmarks/load.py --db wardesk.db [--clients 50] [--seconds 30] [--json load.json]
    python benchmarks/load.py --url http://127.0.0.1:8000 ...   # a server already running

Without ``--url`` it starts ``wardesk serve --db DB`` (read-only) on a free loopback port in
its own process, so the clients and the server do not share an interpreter. Each client
loops, until the time is up, over a mix of what an analyst's browser asks for: the map and
timeline data, event lists with filters, event pages and their twins, page views, search,
the HTML pages and static files. It prints requests, errors, requests/s and latency
percentiles, overall and per route; an error is any answer but 200, or no answer.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from statistics import quantiles

import httpx
from rich.console import Console
from rich.table import Table

ROUTE_MIX = (  # (route label, weight): map and event pages dominate an analyst's session
    ("/api/map", 3),
    ("/api/events", 3),
    ("/api/events/{id}", 4),
    ("/events/{id}", 2),
    ("/api/timeline", 1),
    ("/api/pages/{id}", 2),
    ("/pages/{id}", 1),
    ("/api/search", 2),
    ("/", 1),
    ("/static/js/map.js", 1),
)
SEARCH_WORDS = ("fighters", "evacuation", "ceasefire", "shelling", "withdrawal", "Idlib")
FILTERS = ({}, {"contested": "true"}, {"type": "Strategic developments"}, {"since": "2017"})


@dataclass(slots=True)
class RouteStats:
    """Latencies (ms) and errors of one route."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What a load run measured."""

    clients: int
    seconds: float
    requests: int
    errors: int
    requests_per_s: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    routes: dict[str, dict[str, float]]
    error_samples: list[str]


def percentiles(latencies: list[float]) -> tuple[float, float, float, float]:
    """p50, p90, p99 and max of ``latencies`` (0 when empty)."""
    if not latencies:
        return 0.0, 0.0, 0.0, 0.0
    if len(latencies) == 1:
        return (latencies[0],) * 4
    cuts = quantiles(latencies, n=100, method="inclusive")
    return cuts[49], cuts[89], cuts[98], max(latencies)


async def _ids(client: httpx.AsyncClient) -> tuple[list[str], list[str]]:
    events = (await client.get("/api/events", params={"all": "true", "limit": 500})).json()
    pages = (await client.get("/api/pages", params={"limit": 500})).json()
    event_ids = [e["event_id"] for e in events["events"]]
    page_ids = [p["doc_id"] for p in pages["pages"]]
    if not event_ids or not page_ids:
        raise SystemExit("the database holds no events or no pages: run wardesk run first")
    return event_ids, page_ids


def _request(route: str, rng: random.Random, events: list[str], pages: list[str]):
    """The path and query for one request on ``route``."""
    if route.endswith("{id}"):
        ids = pages if "/pages/" in route else events
        return route.replace("{id}", rng.choice(ids)), {}
    if route == "/api/search":
        return route, {"q": rng.choice(SEARCH_WORDS)}
    if route in ("/api/events", "/api/map", "/api/timeline"):
        return route, rng.choice(FILTERS)
    return route, {}


async def _client_loop(
    client: httpx.AsyncClient,
    seed: int,
    deadline: float,
    ids: tuple[list[str], list[str]],
    stats: dict[str, RouteStats],
    samples: list[str],
) -> None:
    rng = random.Random(seed)
    routes = [route for route, weight in ROUTE_MIX for _ in range(weight)]
    while time.monotonic() < deadline:
        route = rng.choice(routes)
        path, params = _request(route, rng, *ids)
        started = time.perf_counter()
        try:
            response = await client.get(path, params=params)
            failed = response.status_code != 200
            reason = f"{response.status_code} {path}"
        except httpx.HTTPError as exc:
            failed, reason = True, f"{type(exc).__name__} {path}"
        elapsed = (time.perf_counter() - started) * 1000
        stats[route].latencies.append(elapsed)
        if failed:
            stats[route].errors += 1
            if len(samples) < 10:
                samples.append(reason)


async def _run(base_url: str, clients: int, seconds: float, seed: int) -> LoadReport:
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=30.0) as client:
        ids = await _ids(client)
        stats = {route: RouteStats() for route, _ in ROUTE_MIX}
        samples: list[str] = []
        started = time.monotonic()
        deadline = started + seconds
        await asyncio.gather(
            *(_client_loop(client, seed + n, deadline, ids, stats, samples) for n in range(clients))
        )
        elapsed = time.monotonic() - started
    return _report(stats, samples, clients, elapsed)


def _report(
    stats: dict[str, RouteStats], samples: list[str], clients: int, elapsed: float
) -> LoadReport:
    every = [ms for s in stats.values() for ms in s.latencies]
    p50, p90, p99, top = percentiles(every)
    routes = {}
    for route, s in stats.items():
        r50, r90, r99, rmax = percentiles(s.latencies)
        routes[route] = {"requests": len(s.latencies), "errors": s.errors, "p50_ms": r50,
                         "p90_ms": r90, "p99_ms": r99, "max_ms": rmax}  # fmt: skip
    return LoadReport(
        clients=clients,
        seconds=round(elapsed, 2),
        requests=len(every),
        errors=sum(s.errors for s in stats.values()),
        requests_per_s=len(every) / elapsed if elapsed else 0.0,
        p50_ms=p50,
        p90_ms=p90,
        p99_ms=p99,
        max_ms=top,
        routes=routes,
        error_samples=samples,
    )


def run_load(
    base_url: str, *, clients: int = 50, seconds: float = 30.0, seed: int = 1
) -> LoadReport:
    """Run ``clients`` concurrent clients against ``base_url`` for ``seconds``."""
    run = _run(base_url.rstrip("/"), clients, seconds, seed)
    # Its own thread and event loop, so that it also works where a loop already runs
    # (a notebook, or Playwright's sync API in the same test session).
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, run).result()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def served(db: str) -> Iterator[str]:
    """``wardesk serve --db DB`` in its own process on a free loopback port; yields its URL.

    The server is always stopped on leaving, killed if it does not stop in time."""
    port = _free_port()
    entry = "from wardesk.cli import main; main()"
    command = [sys.executable, "-c", entry, "serve", "--db", db, "--port", str(port)]
    url = f"http://127.0.0.1:{port}"
    # The server's log goes to a file: a pipe nobody reads fills up and stalls the server.
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)
        try:
            _wait_for(url, server, log)
            yield url
        finally:
            stop(server)


def stop(server: subprocess.Popen, grace: float = 10.0) -> None:
    """Stop ``server``: terminate it, and kill it if it has not stopped within ``grace`` s
    (a busy server may not), so it never outlives the benchmark."""
    server.terminate()
    try:
        server.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _wait_for(url: str, server: subprocess.Popen, log, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log.seek(0)
            raise SystemExit(f"wardesk serve stopped: {log.read().decode(errors='replace')}")
        try:
            if httpx.get(f"{url}/api/config", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit(f"wardesk serve did not answer at {url} within {timeout:.0f} s")


def print_report(report: LoadReport, console: Console) -> None:
    """The report as a table: overall, then per route."""
    table = Table(title=f"{report.clients} clients for {report.seconds:.1f} s on loopback")
    for header in ("route", "requests", "errors", "p50 ms", "p90 ms", "p99 ms", "max ms"):
        table.add_column(header, justify="left" if header == "route" else "right")
    for route, r in report.routes.items():
        table.add_row(route, f"{r['requests']:,}", str(r["errors"]), f"{r['p50_ms']:.1f}",
                      f"{r['p90_ms']:.1f}", f"{r['p99_ms']:.1f}", f"{r['max_ms']:.1f}")  # fmt: skip
    table.add_row("all", f"{report.requests:,}", str(report.errors), f"{report.p50_ms:.1f}",
                  f"{report.p90_ms:.1f}", f"{report.p99_ms:.1f}", f"{report.max_ms:.1f}",
                  style="bold")  # fmt: skip
    console.print(table)
    console.print(f"{report.requests_per_s:,.0f} requests/s, {report.errors} errors")
    for sample in report.error_samples:
        console.print(f"  error: {sample}", highlight=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--db", help="database to serve (wardesk serve is started for the run)")
    target.add_argument("--url", help="base URL of a server already running")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (50)")
    parser.add_argument("--seconds", type=float, default=30.0, help="how long (30)")
    parser.add_argument("--seed", type=int, default=1, help="request mix seed (1)")
    parser.add_argument("--json", help="also write the report to this file")
    args = parser.parse_args(argv)
    if args.db and not os.path.exists(args.db):
        parser.error(f"no database at {args.db}: write one with wardesk run first")
    if args.url:
        report = run_load(args.url, clients=args.clients, seconds=args.seconds, seed=args.seed)
    else:
        with served(args.db) as url:
            report = run_load(url, clients=args.clients, seconds=args.seconds, seed=args.seed)
    print_report(report, Console())
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(asdict(report), out, indent=2)
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
