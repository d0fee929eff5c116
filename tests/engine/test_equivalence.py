"""The same pages give the same mentions on every engine: local 1 process, local 2, Ray.

The Ray runs use a real local Ray runtime (2 CPUs); they skip when Ray is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from wardesk.cli import cli
from wardesk.contract import mention_record
from wardesk.engine import EngineOptions, EngineStats, iter_results, run_into_store
from wardesk.engine.local import LocalEngine
from wardesk.engine.work import AlreadyStored, Outcome, PipelineFactory, outcome_name
from wardesk.ingest import IngestOptions, ingest
from wardesk.nlp import DEFAULT_MODEL
from wardesk.pipeline import PageResult
from wardesk.store import open_store

OPTIONS = IngestOptions()


def sorted_jsonl(outcomes: list[Outcome]) -> str:
    """Every mention as one contract JSON line, sorted: what must be byte-identical."""
    lines = [
        json.dumps(mention_record(m), ensure_ascii=False, sort_keys=True)
        for outcome in outcomes
        if isinstance(outcome, PageResult)
        for m in outcome.mentions
    ]
    return "\n".join(sorted(lines)) + "\n"


def run(pages: Path, engine: EngineOptions) -> tuple[list[Outcome], EngineStats]:
    stats = EngineStats()
    return list(iter_results([pages], OPTIONS, engine, stats=stats)), stats


@pytest.fixture(scope="module")
def one_process(pages_dir: Path) -> list[Outcome]:
    outcomes, stats = run(pages_dir, EngineOptions(workers=1))
    assert len(stats.workers) == 1
    return outcomes


def test_two_processes_give_the_same_mentions_in_the_same_order(pages_dir, one_process):
    outcomes, stats = run(pages_dir, EngineOptions(workers=2, chunk_size=1))
    assert sorted_jsonl(outcomes) == sorted_jsonl(one_process)
    assert [outcome_name(o) for o in outcomes] == [outcome_name(o) for o in one_process]
    # Each worker that took pages loaded the pipeline exactly once (with few pages, the
    # worker that loads first may take them all).
    assert 1 <= len(stats.workers) <= 2
    assert all(w.pages > 0 and w.loads == 1 for w in stats.workers.values())
    assert sum(w.pages for w in stats.workers.values()) == len(one_process)


def test_two_loaded_workers_share_the_pages(pages_dir, one_process):
    stats = EngineStats()
    with LocalEngine(2, PipelineFactory(DEFAULT_MODEL), chunk_size=1, stats=stats) as engine:
        engine.wait_until_loaded()
        outcomes = list(engine.process(ingest([pages_dir], OPTIONS)))
    assert sorted_jsonl(outcomes) == sorted_jsonl(one_process)
    assert len(stats.workers) == 2
    assert all(w.pages > 0 and w.loads == 1 for w in stats.workers.values())


def test_the_page_set_covers_every_reader(one_process):
    names = [outcome_name(o) for o in one_process]
    assert "crawl.warc.gz:1" in names and "extra-qaryat-nur" in names
    assert "monitor-page-raqqa.html" in names
    # 15: the wire records' two sentences on one Hama deal merge into one mention.
    assert sorted_jsonl(one_process).count("\n") >= 15


def test_ray_gives_the_same_mentions_in_the_same_order(pages_dir, one_process, ray_runtime):
    outcomes, stats = run(pages_dir, EngineOptions(engine="ray", workers=2, chunk_size=1))
    assert sorted_jsonl(outcomes) == sorted_jsonl(one_process)
    assert [outcome_name(o) for o in outcomes] == [outcome_name(o) for o in one_process]
    assert len(stats.workers) == 2 and all(w.loads == 1 for w in stats.workers.values())
    assert ray_runtime.is_initialized()  # a runtime the engine did not start is left running


def test_ray_drops_pages_repeated_across_files(pages_dir, tmp_path, ray_runtime):
    copy = tmp_path / "again.txt"
    copy.write_bytes((pages_dir / "examples" / "wire-report-deir-hafer.txt").read_bytes())
    engine = EngineOptions(engine="ray", workers=1)
    outcomes = list(iter_results([pages_dir / "examples", copy], OPTIONS, engine))
    assert "again.txt" not in [outcome_name(o) for o in outcomes]
    assert len(outcomes) == 5


def test_ray_run_into_store_resumes_past_stored_pages(pages_dir, tmp_path, ray_runtime):
    store = open_store(tmp_path / "ray.db")
    try:
        local = EngineOptions(workers=1)
        first = run_into_store([pages_dir / "examples"], store, options=OPTIONS, engine=local)
        engine = EngineOptions(engine="ray", workers=2)
        second = run_into_store([pages_dir], store, options=OPTIONS, engine=engine)
        assert (first.stored, second.already_stored, second.stored) == (5, 5, 3)
        assert len(second.doc_ids) == 8 and not second.failures
        assert len(store.mentions()) == sorted_jsonl_count(pages_dir)
    finally:
        store.close()


def sorted_jsonl_count(pages_dir: Path) -> int:
    outcomes, _ = run(pages_dir, EngineOptions(workers=1))
    return sum(len(o.mentions) for o in outcomes if isinstance(o, PageResult))


def test_cli_extract_on_ray_prints_what_local_prints(pages_dir, ray_runtime):
    runner = CliRunner()
    local = runner.invoke(cli, ["extract", str(pages_dir), "--workers", "1"])
    on_ray = runner.invoke(cli, ["extract", str(pages_dir), "--engine", "ray", "--workers", "1"])
    assert local.exit_code == on_ray.exit_code == 0, on_ray.output
    assert on_ray.stdout == local.stdout


def test_already_stored_pages_pass_through_in_order(pages_dir):
    stored = {
        o.document.id
        for o in iter_results([pages_dir / "examples"], OPTIONS, EngineOptions(workers=1))
        if isinstance(o, PageResult)
    }
    outcomes = list(
        iter_results([pages_dir], OPTIONS, EngineOptions(workers=2, chunk_size=2), skip=stored)
    )
    assert sum(isinstance(o, AlreadyStored) for o in outcomes) == 5
    assert sum(isinstance(o, PageResult) for o in outcomes) == 3
