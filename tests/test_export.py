"""Exports and the event commands over a database of hand-made pages: ACLED columns, fused
events, GeoJSON, mention JSONL, Parquet, filters, and the exact CLI output (golden files)."""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import re
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

from wardesk.cli import cli
from wardesk.contract import SCHEMA_VERSION, mention_record
from wardesk.export import ACLED_COLUMNS, ExportOptions, write_export
from wardesk.fuse import fuse
from wardesk.model import Agreement, Block, Document, Evidence, Location, Mention, Segments
from wardesk.store import open_store

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("WARDESK_UPDATE_GOLDEN") == "1"
FUSED_AT = "2024-01-01T00:00:00+00:00"
RAQQA = Location("Raqqa", 35.9528, 39.0079, 172955, "Ar Raqqah", "Syria", 1)
IDLIB = Location("Idlib", 35.9306, 36.6339, 169389, "Idlib", "Syria", 1)


def _mention(page: str, n: int, sentence: str, **given) -> Mention:
    fields = dict(
        doc=page, mention_id=f"{page}#{n}", event_type="Strategic developments",
        sub_event_type="Agreement", actor1="SDF", actor2="Islamic State",
        evidence=Evidence(sentence, 0, len(sentence)), location=RAQQA,
        certainty="reported",
    )  # fmt: skip
    fields.update(given)
    return Mention(**fields)


def _deal(**terms) -> Agreement:
    return Agreement(**{"kind": "withdrawal", "withdrawing_party": "Islamic State",
                        "allowing_party": "SDF", "status": "agreed", **terms})  # fmt: skip


# (page, outlet, published, [(sentence, mention fields)])
PAGES = [
    ("blog.txt", "Blog", "2017-09-22", [
        ("The SDF will let 200 fighters leave for Deir Ezzor, the activists said.",
         dict(date="2017-09-21", time_precision=1, agreement=_deal(fighters=200,
              destination="Deir Ezzor governorate"), source="Raqqa is Being Slaughtered Silently",
              source_type="local_sources", certainty="unconfirmed")),
        ("There was no deal, a reader wrote.",
         dict(in_comments=True, source="dutchnational", source_type="reader_comment",
              certainty="denied", agreement=_deal(status="denied"))),
    ]),
    ("wire.txt", "Wire", "2017-10-14", [
        ("Foreign fighters would be left behind, SDF spokesman Talal Silo said.",
         dict(date="2017-10-14", time_precision=1, agreement=_deal(foreign_fighters=False),
              source="SDF spokesman Talal Silo", source_type="party_to_conflict")),
        ("The evacuation would include foreign fighters, Omar Alloush said.",
         dict(date="2017-10-14", time_precision=1, agreement=_deal(foreign_fighters=True),
              source="Omar Alloush", source_type="local_sources")),
        ("Rebels shelled a checkpoint in Idlib, killing 3.",
         dict(event_type="Explosions/Remote violence",
              sub_event_type="Shelling/artillery/missile attack", actor1="Syrian rebels",
              actor2="Syrian government forces", location=IDLIB, date="2017-10-13",
              time_precision=1, fatalities=3, certainty="asserted")),
    ]),
]  # fmt: skip


def _fill(target: str, pages=PAGES, urls: dict[str, str] | None = None) -> None:
    store = open_store(target)
    for name, outlet, published, items in pages:
        text = "Headline\n\n" + "\n\n".join(sentence for sentence, _ in items)
        url = (urls or {}).get(name)
        doc = Document(f"id-{name}", name, text, "text", url, outlet, published=published)
        blocks, mentions, offset = [Block("title", "Headline", 0, 8)], [], 10
        for n, (sentence, fields) in enumerate(items, start=1):
            role = "comment" if fields.get("in_comments") else "body"
            blocks.append(Block(role, sentence, offset, offset + len(sentence)))
            mentions.append(_mention(name, n, sentence, **fields))
            offset += len(sentence) + 2
        store.save_page(doc, Segments(doc.id, tuple(blocks)), mentions)
    fuse(store, now=FUSED_AT)
    store.close()


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "events.db")
    _fill(path)
    return path


def _export(db: str, fmt: str, **options) -> str:
    store = open_store(db)
    out = io.StringIO()
    write_export(store, fmt, out, ExportOptions(**options))
    store.close()
    return out.getvalue()


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def check_golden(name: str, output: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(output, encoding="utf-8")
    assert output == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


def test_acled_has_its_exact_columns_and_one_row_per_event(db):
    rows = list(csv.DictReader(io.StringIO(_export(db, "acled"))))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert len(rows) == 2
    deal = next(r for r in rows if r["sub_event_type"] == "Agreement")
    assert deal["event_id_cnty"].startswith("SYR") and deal["iso"] == "760"
    assert (deal["event_date"], deal["year"], deal["time_precision"]) == ("2017-09-21", "2017", "1")
    assert (deal["inter1"], deal["inter2"], deal["interaction"]) == ("2", "2", "22")
    assert deal["disorder_type"] == "Strategic developments" and deal["country"] == "Syria"
    assert "Talal Silo" in deal["notes"] and "Omar Alloush" in deal["notes"]
    assert "Contested: foreign fighters" in deal["notes"]
    assert deal["source"] == "Blog; Wire" and deal["location"] == "Ar Raqqah"
    shelling = next(r for r in rows if r["sub_event_type"] != "Agreement")
    assert shelling["fatalities"] == "3" and shelling["disorder_type"] == "Political violence"
    assert shelling["interaction"] == "12"


WORLD_PAGES = [
    ("sudan.txt", None, "2019-04-02", [
        ("Gunmen clashed with the army in El Fasher on Monday.",
         dict(event_type="Battles", sub_event_type="Armed clash", actor1="Unidentified armed group",
              actor2=None, date="2019-04-01", time_precision=1,
              location=Location("El Fasher", 13.62793, 25.34936, 379555, "Northern Darfur",
                                "Sudan", 1))),
    ]),
    ("mosul.html", None, "2017-03-05", [
        ("An air strike hit a market in Mossul on Saturday.",
         dict(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
              actor1="US-led coalition", actor2="Civilians", date="2017-03-04", time_precision=1,
              fatalities=5, location=Location("Mossul", 36.335, 43.11889, 99072, "Nineveh",
                                              "Iraq", 1))),
    ]),
    ("daily.txt", "Daily Sabah (Turkey)", "2017-03-06", [
        ("Rebels shelled a checkpoint in Idlib.",
         dict(event_type="Explosions/Remote violence",
              sub_event_type="Shelling/artillery/missile attack", actor1="Syrian rebels",
              actor2=None, location=IDLIB)),
    ]),
    ("undated.txt", None, None, [
        ("A truce was agreed in Raqqa.", dict()),
    ]),
]  # fmt: skip
WORLD_URLS = {
    "sudan.txt": "https://www.sudantribune.com/spip.php?article1",
    "mosul.html": "https://in.reuters.com/article/example",
}


def test_acled_reads_back_in_pandas_with_codes_outlets_and_numeric_ids(tmp_path):
    pd = pytest.importorskip("pandas")
    path = str(tmp_path / "world.db")
    _fill(path, WORLD_PAGES, WORLD_URLS)
    frame = pd.read_csv(io.StringIO(_export(path, "acled")))
    assert len(frame) == 3, "an event without any date has no ACLED row"
    for column in ("year", "time_precision", "iso", "fatalities", "geo_precision"):
        assert frame[column].dtype == "int64", column
    rows = {row["country"]: row for row in frame.to_dict("records")}
    sudan, iraq, syria = rows["Sudan"], rows["Iraq"], rows["Syria"]
    assert (sudan["iso"], sudan["region"], sudan["event_id_cnty"]) == (
        729,
        "Northern Africa",
        "SDN1",
    )
    assert (sudan["source"], sudan["source_scale"]) == ("Sudan Tribune", "National")
    assert (iraq["location"], iraq["source"], iraq["source_scale"]) == (
        "Mosul",
        "Reuters",
        "International",
    )
    assert iraq["event_id_cnty"] == "IRQ1" and iraq["year"] == 2017
    assert (syria["source"], syria["source_scale"]) == ("Daily Sabah", "National")
    assert syria["time_precision"] == 2, "dated by its report only"
    assert "wardesk event: " in syria["tags"]


def test_events_export_carries_sources_slots_and_the_fused_deal(db):
    events = [json.loads(line) for line in _export(db, "events").splitlines()]
    deal = next(e for e in events if e["sub_event_type"] == "Agreement")
    for key in ("event_id", "event_type", "sub_event_type", "location", "date", "actors",
                "mention_ids", "sources", "slots", "contested", "agreement"):  # fmt: skip
        assert key in deal
    # the wire page's two speakers are one source with the page: blog and wire
    assert deal["sources"]["count"] == 2 and deal["sources"]["reader_comments"] == 1
    wire = next(s for s in deal["sources"]["details"] if s["docs"] == ["wire.txt"])
    assert set(wire["voices"]) == {"SDF spokesman Talal Silo", "Omar Alloush"}
    assert wire["pages"] == [
        {"doc": "wire.txt", "outlet": "Wire", "url": None, "published": "2017-10-14"}
    ]
    assert deal["contested"] == ["foreign_fighters"]
    claims = {
        v["value"]: [s["source"] for s in v["sources"]] for v in deal["slots"]["foreign_fighters"]
    }
    assert claims == {"excluded": ["SDF spokesman Talal Silo"], "included": ["Omar Alloush"]}
    assert deal["agreement"]["fighters"] == 200 and deal["agreement"]["kind"] == "withdrawal"
    assert len(deal["mention_ids"]) == 4


def test_jsonl_export_is_the_contract_plus_event_id(db):
    records = [json.loads(line) for line in _export(db, "jsonl").splitlines()]
    assert len(records) == 5
    contract = set(mention_record(_mention("p", 1, "x")))
    assert all(set(r) == contract | {"event_id"} for r in records)
    assert len({r["event_id"] for r in records}) == 2


def test_geojson_is_a_feature_collection_of_points(db):
    collection = json.loads(_export(db, "geojson"))
    assert collection["type"] == "FeatureCollection"
    [deal] = [f for f in collection["features"] if f["properties"]["deal_kind"]]
    assert deal["geometry"] == {"type": "Point", "coordinates": [39.0079, 35.9528]}
    assert deal["properties"]["contested"] == "foreign_fighters"
    assert (deal["properties"]["date_start"], deal["properties"]["time_precision"]) == (
        "2017-09-21",
        1,
    )


def test_page_url_outlet_and_date_reach_acled_notes_and_geojson(tmp_path):
    path = str(tmp_path / "world.db")
    _fill(path, WORLD_PAGES, WORLD_URLS)
    rows = {row["country"]: row for row in csv.DictReader(io.StringIO(_export(path, "acled")))}
    assert WORLD_URLS["mosul.html"] in rows["Iraq"]["notes"]
    assert "mosul.html, 2017-03-05" in rows["Iraq"]["notes"]
    assert "Daily Sabah (Turkey) (daily.txt, 2017-03-06)" in rows["Syria"]["notes"]
    assert rows["Syria"]["event_date"] == "2017-03-06", "dated by its page when it says no date"
    features = json.loads(_export(path, "geojson", include_reader_only=True))["features"]
    by_place = {f["properties"]["location"]: f["properties"] for f in features}
    assert by_place["Mossul"]["urls"] == WORLD_URLS["mosul.html"]
    assert by_place["Idlib"]["outlets"] == "Daily Sabah (Turkey)"
    assert WORLD_URLS["sudan.txt"] in by_place["El Fasher"]["notes"]


def test_geojson_dates_are_iso_days_only(tmp_path):
    path = str(tmp_path / "world.db")
    _fill(path, WORLD_PAGES, WORLD_URLS)
    features = json.loads(_export(path, "geojson", include_reader_only=True))["features"]
    assert len(features) == 4
    for feature in features:
        properties = feature["properties"]
        assert "date" not in properties
        for key in ("date_start", "date_end"):
            value = properties[key]
            assert value is None or datetime.date.fromisoformat(value).isoformat() == value


def test_parquet_has_one_typed_row_per_event(db, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    pa = pytest.importorskip("pyarrow")
    store = open_store(db)
    write_export(store, "parquet", tmp_path / "events.parquet")
    store.close()
    table = pq.read_table(tmp_path / "events.parquet")
    assert table.num_rows == 2
    assert table.schema.field("date_start").type == pa.date32()
    assert table.schema.metadata[b"wardesk_schema_version"] == str(SCHEMA_VERSION).encode()
    rows = {r["sub_event_type"]: r for r in table.to_pylist()}
    deal = rows["Agreement"]
    assert deal["contested"] == ["foreign_fighters"]
    assert json.loads(deal["agreement"])["destination"] == "Deir Ezzor governorate"
    assert deal["date_start"] == datetime.date(2017, 9, 21)
    assert [(s["page"], s["outlet"], s["published"]) for s in deal["sources"]] == [
        ("blog.txt", "Blog", datetime.date(2017, 9, 22)),
        ("wire.txt", "Wire", datetime.date(2017, 10, 14)),
    ]
    assert rows["Shelling/artillery/missile attack"]["fatalities"] == 3


def test_parquet_reads_in_duckdb_and_pandas_with_dates_and_source_urls(tmp_path):
    duckdb = pytest.importorskip("duckdb")
    pd = pytest.importorskip("pandas")
    path = str(tmp_path / "world.db")
    _fill(path, WORLD_PAGES, WORLD_URLS)
    out = tmp_path / "world.parquet"
    store = open_store(path)
    write_export(store, "parquet", out)
    store.close()
    with duckdb.connect() as con:
        described = con.execute(f"DESCRIBE SELECT * FROM read_parquet('{out}')").fetchall()
        kinds = {row[0]: row[1] for row in described}
        urls = con.execute(
            "SELECT s.url FROM (SELECT unnest(sources) AS s FROM read_parquet(?))"
            " WHERE s.url IS NOT NULL ORDER BY 1",
            [str(out)],
        ).fetchall()
        early = con.execute(
            "SELECT count(*) FROM read_parquet(?) WHERE date_start < DATE '2018-01-01'", [str(out)]
        ).fetchone()
    assert kinds["date_start"] == "DATE" and kinds["date_end"] == "DATE"
    assert urls == [(WORLD_URLS["mosul.html"],), (WORLD_URLS["sudan.txt"],)]
    assert early == (2,)
    frame = pd.read_parquet(out)
    assert len(frame) == 4 and frame["fatalities"].max() == 5


def test_filters_by_date_and_type(db):
    assert len(_export(db, "events", types=("agreement",)).splitlines()) == 1
    assert len(_export(db, "events", types=("Explosions/Remote violence",)).splitlines()) == 1
    assert (
        len(_export(db, "events", since="2017-10").splitlines()) == 2
    )  # the deal ran into October
    assert len(_export(db, "events", since="2017-10-15").splitlines()) == 0


def _reader_only_page(db: str) -> None:
    store = open_store(db)
    sentence = "They all made a deal in Idlib, trust me."
    doc = Document("id-forum", "forum.txt", "Forum\n\n" + sentence, "text")
    mention = _mention("forum.txt", 1, sentence, location=IDLIB, in_comments=True,
                       source="someone", source_type="reader_comment", agreement=_deal())  # fmt: skip
    store.save_page(
        doc, Segments(doc.id, (Block("comment", sentence, 7, 7 + len(sentence)),)), [mention]
    )
    fuse(store, now=FUSED_AT)
    store.close()


def test_events_only_readers_report_are_left_out_unless_asked(db):
    _reader_only_page(db)
    assert len(_export(db, "events").splitlines()) == 2
    assert len(_export(db, "events", include_reader_only=True).splitlines()) == 3


def test_a_bad_since_is_a_clean_error(db):
    result = CliRunner().invoke(cli, ["export", "--db", db, "--format", "acled", "--since", "soon"])
    assert result.exit_code == 2 and "E011" in result.output


def test_parquet_needs_an_output_file(db):
    result = CliRunner().invoke(cli, ["export", "--db", db, "--format", "parquet"])
    assert result.exit_code == 2 and "E010" in result.output


def test_reading_commands_never_create_a_database(tmp_path):
    result = CliRunner().invoke(cli, ["events", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "E004" in result.output
    assert not (tmp_path / "none.db").exists()


def _stable(text: str, db: str) -> str:
    return text.replace(db, "DB")


def test_events_command_matches_golden(db):
    result = invoke("events", "--db", db)
    assert result.exit_code == 0
    check_golden("events-table.txt", result.output)


def test_show_command_matches_golden(db):
    store = open_store(db)
    deal = next(e for e in store.events() if e.sub_event_type == "Agreement")
    store.close()
    result = invoke("show", deal.event_id[:6], "--db", db)
    assert result.exit_code == 0, result.output
    assert "Omar Alloush" in result.output and "(reader)" in result.output
    check_golden("show-deal.txt", result.output)


def test_unknown_event_is_a_clean_error(db):
    result = CliRunner().invoke(cli, ["show", "ev-nothing", "--db", db])
    assert result.exit_code == 2 and "E008" in result.output


def test_export_commands_match_golden(db, tmp_path):
    for fmt, name in (("acled", "export-acled.csv"), ("events", "export-events.jsonl")):
        result = CliRunner().invoke(
            cli, ["export", "--db", db, "--format", fmt, "-o", str(tmp_path / name)]
        )
        assert result.exit_code == 0
        assert "2 events exported" in result.output
        check_golden(name, (tmp_path / name).read_text(encoding="utf-8"))


def test_search_command_finds_pages(db):
    result = invoke("search", "foreign fighters", "--db", db)
    assert result.exit_code == 0
    assert "wire.txt" in result.output and "blog.txt" not in result.output


@pytest.fixture
def pg_db():
    url = os.environ.get("WARDESK_TEST_POSTGRES")
    if not url:
        pytest.skip("WARDESK_TEST_POSTGRES is not set: no PostgreSQL server (.ci/run starts one)")
    import psycopg

    schema = f"x_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


def test_postgresql_gives_the_same_exports_and_commands(db, pg_db):
    _fill(pg_db)
    for fmt in ("acled", "events", "geojson", "jsonl"):
        assert _export(pg_db, fmt) == _export(db, fmt), fmt
    shown = invoke("events", "--db", pg_db)
    assert (
        shown.exit_code == 0 and _stable(shown.output, pg_db) == invoke("events", "--db", db).output
    )
    assert "wire.txt" in invoke("search", "foreign fighters", "--db", pg_db).output
    assert re.search(r"ev-[0-9a-f]{10}", shown.output)
