"""The public Python API: extraction from a string, reading a database, the README example,
and that importing wardesk stays light."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from test_export import _fill

import wardesk
from wardesk.errors import WardeskError

REPO = Path(__file__).resolve().parents[1]
PAGE = (
    "Checkpoint shelled\n\n"
    "Syrian rebels shelled an army checkpoint in Idlib on Saturday, killing three soldiers, "
    "the Syrian Observatory for Human Rights said."
)


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "events.db"
    _fill(str(path))
    return path


def test_extract_text_reads_a_string_and_anchors_dates_on_published():
    mentions = wardesk.extract_text(PAGE, published="2017-10-14", url="https://example.org/a")
    assert [m.sub_event_type for m in mentions] == ["Shelling/artillery/missile attack"]
    mention = mentions[0]
    assert mention.date == "2017-10-14" and mention.fatalities == 3
    assert mention.location is not None and mention.location.name == "Idlib"
    assert PAGE[mention.evidence.start : mention.evidence.end] == mention.evidence.text
    later = wardesk.extract_text(PAGE, published="2017-10-20")
    assert later[0].date == "2017-10-14"  # the Saturday before that publication date
    assert wardesk.mention_record(mention)["doc"] == "<text>"


def test_extract_text_reads_html_and_names_the_page():
    html = (
        "<html><head><title>Checkpoint shelled</title></head><body><article>"
        f"<p>{PAGE.split(chr(10))[-1]}</p></article></body></html>"
    )
    mentions = wardesk.extract_text(html, html=True, name="idlib.html", published="2017-10-14")
    assert [m.doc for m in mentions] == ["idlib.html"]


@pytest.mark.parametrize(
    ("text", "published", "code"),
    [("  \n ", None, "P101"), (PAGE, "14/13/2017", "E011"), (PAGE, "soon", "E011")],
)
def test_extract_text_refuses_bad_input_with_a_code(text, published, code):
    with pytest.raises(WardeskError) as caught:
        wardesk.extract_text(text, published=published)
    assert caught.value.code == code


def test_open_filters_events_like_the_exports(db):
    with wardesk.open(db) as events_db:
        everything = events_db.events()
        shelling = events_db.events(types=("shelling/artillery/missile attack",))
        same = events_db.events(wardesk.Filters(types=("Shelling/artillery/missile attack",)))
        later = events_db.events(since="2018")
        assert len(everything) == 2
        assert [e.actor1 for e in shelling] == ["Syrian rebels"] and same == shelling
        assert later == []
        mentions = events_db.mentions(shelling[0])
        assert [m.fatalities for m in mentions] == [3]
        assert events_db.event(shelling[0].event_id[:8]) == shelling[0]
        assert isinstance(events_db.store, wardesk.Store)
        with pytest.raises(TypeError):
            events_db.events(wardesk.Filters(), since="2017")


def test_open_refuses_a_missing_file_instead_of_creating_one(tmp_path):
    missing = tmp_path / "nothere.db"
    with pytest.raises(WardeskError) as caught:
        wardesk.open(missing)
    assert caught.value.code == "E001" and not missing.exists()


def test_the_readme_example_runs(db, monkeypatch):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    monkeypatch.chdir(db.parent)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})  # noqa: S102  (our own README)
    lines = out.getvalue().splitlines()
    assert lines[0] == (
        "Shelling/artillery/missile attack 2017-10-14 Idlib Syrian Observatory for Human Rights"
    )
    assert re.fullmatch(r"ev-\w+ 2017-10-13 Idlib \d", lines[1]) and len(lines) == 2


def test_importing_wardesk_loads_no_heavy_module():
    probe = "import sys, wardesk; print(sorted({'spacy', 'wardesk.store'} & set(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_package_is_marked_typed():
    assert (REPO / "wardesk" / "py.typed").is_file()
    with pytest.raises(AttributeError):
        wardesk.no_such_name  # noqa: B018


def test_every_public_name_resolves():
    assert set(wardesk.__all__) - {"__version__"} == set(wardesk._EXPORTS)
    for name in wardesk.__all__:
        assert getattr(wardesk, name) is not None


def test_export_writes_text_formats_to_a_path_and_refuses_a_stream_for_parquet(db, tmp_path):
    with wardesk.open(db) as events_db:
        assert events_db.export("acled", tmp_path / "events.csv") == 2
        with pytest.raises(WardeskError) as caught:
            events_db.export("parquet", io.StringIO())
    assert caught.value.code == "E010"
    assert (tmp_path / "events.csv").read_text(encoding="utf-8").startswith("event_id_cnty,")
