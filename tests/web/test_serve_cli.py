"""``wardesk serve``: options, clean errors, and the app it hands to uvicorn."""

from __future__ import annotations

from click.testing import CliRunner

from wardesk.cli import cli


def test_serve_refuses_a_missing_database_and_a_bad_tile_url(tmp_path, desk_db):
    missing = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "E004" in missing.output
    tiles = CliRunner().invoke(cli, ["serve", "--db", str(desk_db), "--tiles", "ftp://x/{z}"])
    assert tiles.exit_code == 2 and "E032" in tiles.output


def test_serve_runs_uvicorn_on_the_given_address(monkeypatch, desk_db):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    monkeypatch.setenv("WARDESK_TILES", "https://{s}.tiles.example.org/{z}/{x}/{y}.png")
    result = CliRunner().invoke(cli, ["serve", "--db", str(desk_db), "--port", "8123"])
    assert result.exit_code == 0, result.output
    app, options = calls[0]
    assert options == {"host": "127.0.0.1", "port": 8123, "log_level": "warning"}
    assert app.state.settings.source.read_only
    assert "https://*.tiles.example.org" in app.state.settings.csp
