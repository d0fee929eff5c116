"""The analyst's desk: a web UI (map, timeline, claims side by side) and its JSON API over the
event database, served by ``wardesk serve`` (needs ``pip install 'wardesk[web]'``).

    from wardesk.web import create_app
    app = create_app("wardesk.db")        # read-only; run with uvicorn

The JavaScript libraries and the base map are vendored in ``static/vendor/`` by
``scripts/vendor_web.sh`` (pinned in ``package.json``), so the UI needs no internet.
"""

from wardesk.web.app import create_app

__all__ = ["create_app"]
