"""Page metadata from side files: matched by name or id, dates checked, command line wins."""

from __future__ import annotations

import pytest

from wardesk.errors import WardeskError
from wardesk.ingest import IngestOptions, ingest
from wardesk.ingest.metadata import load_metadata, normalize_published

PAGE = "Fighters left the besieged town on buses on Sunday.\n"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2017-06-17", "2017-06-17"),
        ("2017-06", "2017-06"),
        ("2017", "2017"),
        ("2017-06-17T08:30:00Z", "2017-06-17"),
        ("17 June 2017", "2017-06-17"),
        ("June 17, 2017", "2017-06-17"),
        ("17/06/2017", "2017-06-17"),
    ],
)
def test_publication_dates_are_stored_as_iso(value, expected):
    assert normalize_published(value, "--published") == expected


@pytest.mark.parametrize("value", ["17/06/2", "2017-13-01", "2017-02-30", "yesterday-ish", ""])
def test_a_bad_publication_date_is_refused_with_its_value(value):
    with pytest.raises(WardeskError) as err:
        IngestOptions(published=value)
    assert err.value.code == "E011"


def test_a_folder_sidecar_dates_its_pages(write):
    write("pages/a.txt", PAGE)
    write("pages/b.txt", PAGE.replace("Sunday", "Monday"))
    write(
        "pages/SOURCES.tsv",
        "file\turl\toutlet\tpublication_date\na.txt\thttp://x/a\tWire\t2018-03-22\n",
    )
    docs = {d.name: d for d in ingest([write("pages/c.txt", PAGE + "More.\n").parent])}
    assert (docs["a.txt"].published, docs["a.txt"].outlet) == ("2018-03-22", "Wire")
    assert docs["b.txt"].published is None


def test_metadata_option_beats_sidecar_and_published_beats_both(write, tmp_path):
    page = write("pages/a.txt", PAGE)
    write("pages/metadata.csv", "file,published\na.txt,2018-03-22\n")
    extra = write("extra.jsonl", '{"id": "a.txt", "published": "2019-01-05", "outlet": "Desk"}\n')
    table = load_metadata([extra])
    [doc] = ingest([page], IngestOptions(metadata=table))
    assert (doc.published, doc.outlet) == ("2019-01-05", "Desk")
    [doc] = ingest([page], IngestOptions(metadata=table, published="2020-02-02"))
    assert (doc.published, doc.outlet) == ("2020-02-02", "Desk")


def test_a_metadata_row_with_a_bad_date_names_file_and_row(write):
    path = write("meta.csv", "file,published\na.txt,2018-03-22\nb.txt,not a date\n")
    with pytest.raises(WardeskError) as err:
        load_metadata([path])
    assert err.value.code == "E011" and "meta.csv row 3" in str(err.value)


def test_a_metadata_file_without_a_key_column_is_refused(write):
    path = write("meta.csv", "url,published\nhttp://x,2018-03-22\n")
    with pytest.raises(WardeskError) as err:
        load_metadata([path])
    assert err.value.code == "E013"
