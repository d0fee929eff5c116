"""Builders for hostile inputs that cannot live in the repository: archives that unpack to
gigabytes, pipes, device links, links to secrets, file names that are not UTF-8.

Each builder writes one input into a folder and returns the name it is reported under.
The examples are invented; the secret is a file the test writes outside the folder.
"""

from __future__ import annotations

import io
import os
import zlib
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

GOOD_HTML = (
    "<html><head><title>Clashes near Tell Amir</title></head><body><article>"
    "<h1>Clashes near Tell Amir</h1><p>Fighters clashed with government forces near Tell "
    "Amir on Tuesday, killing three people, a monitoring group said.</p><p>The road to the "
    "town stayed closed on Wednesday, residents said.</p></article></body></html>"
)
GOOD_URI = "https://monitor.example/tell-amir"
SECRET = "db_password=not-for-the-desk\n"


def warc_without_uri(folder: Path, name: str = "no-uri.warc") -> str:
    """An archive whose first record is a response without ``WARC-Target-URI`` (the
    record named ``name:1``), followed by a good HTML response (``name:2``)."""
    bare = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 4\r\n\r\nabcd\r\n\r\n"
    with (folder / name).open("wb") as stream:
        stream.write(bare)
        writer = WARCWriter(stream, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        payload = io.BytesIO(GOOD_HTML.encode("utf-8"))
        record = writer.create_warc_record(
            GOOD_URI, "response", payload=payload, http_headers=headers
        )
        writer.write_record(record)
    return f"{name}:1"


def _gzip_bomb(path: Path, head: bytes, fill: int, tail: bytes = b"") -> None:
    """A gzip file of ``head``, ``fill`` bytes of one repeated digit, then ``tail``; written
    piece by piece, so the test never holds what the file unpacks to."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    piece = b"0" * (1 << 20)
    with path.open("wb") as stream:
        stream.write(packer.compress(head))
        for _ in range(fill // len(piece)):
            stream.write(packer.compress(piece))
        stream.write(packer.compress(tail) + packer.flush())


def warc_header_bomb(folder: Path, fill: int, name: str = "header-bomb.warc.gz") -> str:
    """A ``.warc.gz`` whose first header line never ends: ``fill`` bytes without a newline."""
    _gzip_bomb(folder / name, b"WARC/1.0\r\nWARC-Type: resource\r\nX-Padding: ", fill)
    return f"{name}:1"


def warc_payload_bomb(folder: Path, fill: int, name: str = "payload-bomb.warc.gz") -> str:
    """A ``.warc.gz`` holding one text record whose payload is ``fill`` bytes of digits."""
    head = (
        b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: https://bomb.example/\r\n"
        b"Content-Type: text/plain\r\nContent-Length: %d\r\n\r\n" % fill
    )
    _gzip_bomb(folder / name, head, fill, b"\r\n\r\n")
    return f"{name}:1"


def non_utf8_name(folder: Path) -> str:
    """A good text page under a file name holding the byte 0xFF; returns the name shown."""
    text = b"Shelling near Tell Amir\n\nGovernment forces shelled Tell Amir on Sunday.\n"
    with open(os.fsencode(folder) + b"/bad\xffname.txt", "wb") as stream:
        stream.write(text)
    return "bad\\xffname.txt"


def nul_record(folder: Path, name: str = "nul.jsonl") -> str:
    """A JSONL record with NUL characters in its id, title, url and text; returns its id."""
    record = (
        '{"id": "nul\\u0000id", "title": "Truce\\u0000 in Tell Amir", '
        '"url": "https://wire.example/\\u0000truce", '
        '"text": "A truce\\u0000 held in Tell Amir on Friday, residents said."}\n'
    )
    (folder / name).write_text(record, encoding="utf-8")
    return "nulid"


def fifo(folder: Path, name: str = "pipe.txt") -> str:
    """A named pipe nobody writes to: opening it to read blocks forever."""
    os.mkfifo(folder / name)
    return name


def link(folder: Path, name: str, target: Path | str) -> str:
    """A symbolic link ``name`` in ``folder`` to ``target``."""
    (folder / name).symlink_to(target)
    return name


def secret_link(folder: Path, outside: Path, name: str = "passwords.txt") -> str:
    """A link to a secret file written in ``outside`` (a folder beside the input)."""
    outside.mkdir(exist_ok=True)
    secret = outside / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    return link(folder, name, secret)


def paragraph_flood(folder: Path, tags: int = 300_000, name: str = "p-flood.html") -> str:
    """An HTML page of ``tags`` tiny paragraphs: the extractor slows down faster than linearly."""
    (folder / name).write_text("<html><body>" + "<p>a" * tags + "</body></html>")
    return name


def broken_lines(folder: Path, count: int, name: str = "broken.jsonl") -> str:
    """A JSONL file of ``count`` lines that are not JSON."""
    (folder / name).write_bytes(b"{oops\n" * count)
    return name
