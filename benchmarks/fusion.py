"""Fusion at scale: clustering CPU and pairs examined as the pages grow, blocks against grid.

    python benchmarks/fusion.py --db bench/1k.db [--pages 250 1000 4000 16000]
                                [--spread feed|fixed] [--grid-up-to 4000] [--rounds 3]

The mentions come from a database written by ``wardesk run`` (for instance over the corpus of
``benchmarks/corpus.py``). Sizes beyond its pages are made by copying its pages, each copy
a page of its own (its own id, so its own event ids and stories):

- ``--spread feed`` (the default) moves each copy of the base pages to a later stretch of
  time, as long as the base pages span: a news feed that grows by covering more days, with
  as many reports per town and week as the base pages have;
- ``--spread fixed`` keeps every copy within the base pages' years, each copied page moved by
  up to half a year either way (its dates to the day; month and year dates stay): the same
  towns and the same years ever more crowded (the generated corpus's own growth), where the
  pairs that can meet grow with the square of the pages whatever the blocking.

For each size, *blocked* (today's fusion: pairs only within a block of place cell and date
window) and *grid* (the fusion before it: every pair of one family within a grid cell's reach,
dates tested pair by pair) cluster the same mentions, interleaved round by round (blocked,
grid, blocked, grid …) in this one process, so a neighbour's load falls on both alike. Grid
runs up to ``--grid-up-to`` pages. Reported: CPU seconds (median and min/max over the
rounds) of clustering and of the whole of fusion (clustering and building the events), the
pairs each examines, the compatible pairs among them, the events, and whether both give the
same events; then the growth exponent of blocked clustering CPU (a least-squares fit of
log CPU on log pages).
"""

from __future__ import annotations

import argparse
import math
import platform
import random
import resource
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, timedelta

from rich.console import Console
from rich.table import Table

from wardesk.fuse import fuse_mentions, match
from wardesk.fuse.blocks import DateBlock
from wardesk.fuse.types import StoredMention
from wardesk.store import open_store


@dataclass(frozen=True, slots=True)
class Row:
    """One corpus size's measurements."""

    pages: int
    mentions: int
    events: int
    pairs_blocked: int
    pairs_grid: int | None
    compatible: int
    cluster_cpu: list[float]
    fuse_cpu: list[float]
    grid_cpu: list[float]
    same_events: bool | None


def load_base(db: str) -> tuple[list[list[StoredMention]], dict[str, str]]:
    """The database's mentions, grouped by page (pages by id), and its article bodies."""
    store = open_store(db)
    try:
        stored = store.stored_mentions()
        bodies = store.article_bodies(sorted({s.doc_id for s in stored}))
    finally:
        store.close()
    pages: dict[str, list[StoredMention]] = {}
    for item in stored:
        pages.setdefault(item.doc_id, []).append(item)
    return [pages[doc] for doc in sorted(pages)], bodies


def scaled(
    base: list[list[StoredMention]], bodies: dict[str, str], count: int, spread: str
) -> tuple[list[StoredMention], dict[str, str]]:
    """``count`` pages: the base pages, then copies of them (see the module docstring)."""
    years = _year_span(base)
    stored: list[StoredMention] = []
    texts: dict[str, str] = {}
    for number in range(count):
        copy, page = divmod(number, len(base))
        days = random.Random(number).randint(-182, 182) if spread == "fixed" else 0
        shift = (copy * years if spread == "feed" else 0, days)
        for item in base[page]:
            moved = _copy(item, copy, *shift) if copy else item
            stored.append(moved)
            texts[moved.doc_id] = bodies.get(item.doc_id, "")
    return stored, texts


def _year_span(base: list[list[StoredMention]]) -> int:
    years = [
        int(p[0].page.published[:4]) for p in base if (p[0].page.published or "")[:4].isdigit()
    ]
    return max(years) - min(years) + 1 if years else 1


def _copy(item: StoredMention, copy: int, years: int, days: int) -> StoredMention:
    doc_id = f"{item.doc_id}~{copy}"
    name = f"{item.page.name}~{copy}"
    mention = replace(
        item.mention, doc=name, mention_id=f"{name}#{item.ordinal + 1}",
        date=_moved(item.mention.date, years, days),
    )  # fmt: skip
    published = _moved(item.page.published, years, days)
    page = replace(item.page, doc_id=doc_id, name=name, published=published)
    return StoredMention(doc_id, item.ordinal, mention, page)


def _moved(value: str | None, years: int, days: int) -> str | None:
    """An ISO date (possibly partial) moved ``years`` later, and ``days`` when it names a day;
    other values as they are."""
    if not value or not value[:4].isdigit():
        return value
    value = f"{int(value[:4]) + years:04d}{value[4:]}"
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return (day + timedelta(days=days)).isoformat() + value[10:]


@contextmanager
def grid_only() -> Iterator[None]:
    """Fusion as it was before date blocks: a block yields all its mentions to every span."""
    meeting = DateBlock.meeting

    def everything(self: DateBlock, span, tolerance) -> Iterator[int]:
        yield from self.anywhen
        for lane in self.lanes:
            yield from lane.items

    DateBlock.meeting = everything
    try:
        yield
    finally:
        DateBlock.meeting = meeting


def heads(stored: list[StoredMention]) -> list[match.Candidate]:
    """The units fusion compares (one per matching signature), as clustering builds them."""
    ordered = sorted((match.candidate(s) for s in stored), key=match.Candidate.order)
    return [unit[0] for unit in match._units(ordered)]


def count_pairs(units: list[match.Candidate]) -> tuple[int, int]:
    """Pairs examined (each once), and the compatible ones among them."""
    examined = set(match.candidate_pairs(units))
    return len(examined), sum(1 for i, j in examined if match.compatible(units[i], units[j]))


def cpu(work: Callable[[], object]) -> tuple[float, object]:
    """CPU seconds of ``work()`` in this process, and its result."""
    started = time.process_time()
    result = work()
    return time.process_time() - started, result


def measure(base, bodies, pages: int, args: argparse.Namespace) -> Row:
    """Interleave blocked and grid clustering over one corpus size; count the pairs."""
    stored, texts = scaled(base, bodies, pages, args.spread)
    with_grid = pages <= args.grid_up_to
    cluster_cpu, fuse_cpu, grid_cpu = [], [], []
    blocked = grid = None
    for _ in range(args.rounds):
        seconds, blocked = cpu(lambda: match.cluster(stored))
        cluster_cpu.append(seconds)
        if with_grid:
            with grid_only():
                seconds, grid = cpu(lambda: match.cluster(stored))
            grid_cpu.append(seconds)
        fuse_cpu.append(cpu(lambda: fuse_mentions(stored, texts))[0])
    units = heads(stored)
    examined, compatible = count_pairs(units)
    grid_examined = None
    if with_grid:
        with grid_only():
            grid_examined = len(set(match.candidate_pairs(units)))
    return Row(
        pages=pages, mentions=len(stored), events=len(blocked), pairs_blocked=examined,
        pairs_grid=grid_examined, compatible=compatible, cluster_cpu=cluster_cpu,
        fuse_cpu=fuse_cpu, grid_cpu=grid_cpu,
        same_events=(blocked == grid) if with_grid else None,
    )  # fmt: skip


def _spread(values: list[float]) -> str:
    if not values:
        return "—"
    if len(values) == 1:
        return f"{values[0]:.2f}"
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def growth(rows: list[Row]) -> float | None:
    """The exponent k of a least-squares fit CPU ≈ c · pages^k (median blocked clustering)."""
    points = [(math.log(r.pages), math.log(statistics.median(r.cluster_cpu))) for r in rows
              if statistics.median(r.cluster_cpu) > 0]  # fmt: skip
    if len(points) < 2:
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread_x = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread_x if spread_x else None


HEADERS = (
    "pages", "mentions", "events", "pairs examined: blocked", "grid", "compatible pairs",
    "clustering CPU s: blocked", "grid", "ratio", "fusion CPU s (blocked)", "same events",
)  # fmt: skip


def cells(row: Row) -> tuple[str, ...]:
    """One table row as text."""
    ratio = "—"
    if row.grid_cpu:
        ratio = f"{statistics.median(row.grid_cpu) / max(statistics.median(row.cluster_cpu), 1e-9):.1f}×"
    same = "—" if row.same_events is None else ("yes" if row.same_events else "NO")
    return (
        f"{row.pages:,}", f"{row.mentions:,}", f"{row.events:,}", f"{row.pairs_blocked:,}",
        f"{row.pairs_grid:,}" if row.pairs_grid is not None else "—", f"{row.compatible:,}",
        _spread(row.cluster_cpu), _spread(row.grid_cpu), ratio, _spread(row.fuse_cpu), same,
    )  # fmt: skip


def main() -> None:
    """Parse arguments, measure every size, print the table and the growth exponent."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="database written by wardesk run")
    parser.add_argument("--pages", type=int, nargs="+", default=[250, 1000, 4000, 16000])
    parser.add_argument("--spread", choices=("feed", "fixed"), default="feed",
                        help="how copies beyond the database's pages are dated (see above)")  # fmt: skip
    parser.add_argument("--grid-up-to", type=int, default=4000,
                        help="run the grid-only fusion up to this many pages")  # fmt: skip
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per size")
    args = parser.parse_args()
    console = Console()
    base, bodies = load_base(args.db)
    console.print(f"{platform.processor() or platform.machine()}, Python "
                  f"{platform.python_version()}; base: {len(base):,} pages of {args.db}; "
                  f"spread {args.spread}; {date.today()}")  # fmt: skip
    table = Table(title="Fusion by blocks against grid-only fusion")
    for header in HEADERS:
        table.add_column(header, justify="right")
    rows = []
    for pages in args.pages:
        rows.append(measure(base, bodies, pages, args))
        table.add_row(*cells(rows[-1]))
        console.print(f"{pages:,} pages done (peak RSS {_peak_mb():,.0f} MB)")
    console.print(table)
    print("| " + " | ".join(HEADERS) + " |")
    print("|" + "---:|" * len(HEADERS))
    for row in rows:
        print("| " + " | ".join(cells(row)) + " |")
    exponent = growth(rows)
    if exponent is not None:
        print(f"\nblocked clustering CPU grows as pages^{exponent:.2f} "
              f"({rows[0].pages:,} to {rows[-1].pages:,} pages)")  # fmt: skip


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
