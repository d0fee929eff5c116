"""The analyst's desk: a FastAPI app serving the web UI and its JSON API from the database.

    from wardesk.web import create_app
    app = create_app("wardesk.db")              # read-only; serve with uvicorn

Every HTML page has a JSON twin (the same path with ``.json``, or ``/api/...``), and the
map and timeline pages are clients of the API. Page text is untrusted: templates escape
everything, scripts build the DOM with ``textContent``, and a Content-Security-Policy
without inline scripts is sent with every response.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from wardesk import __version__
from wardesk.errors import WardeskError
from wardesk.store import Store
from wardesk.web.database import DeskSource, prepare_source
from wardesk.web.mapdata import Destinations
from wardesk.web.server import LOOPBACK_NAMES

WEB = Path(str(resources.files("wardesk.web")))
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:{tiles}; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
MIN_TOKEN = 16
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}


@dataclass(frozen=True, slots=True)
class DeskSettings:
    """What one server shows and how: the database, an optional online tile layer, and the
    token that write and admin endpoints require (None: they are refused)."""

    source: DeskSource
    tiles: str | None = None
    tiles_attribution: str | None = None
    token: str | None = None

    @property
    def csp(self) -> str:
        """The Content-Security-Policy header (the tile server's origin allowed for images)."""
        return CSP.format(tiles=f" {tile_origin(self.tiles)}" if self.tiles else "")


def tile_origin(url: str) -> str:
    """``scheme://host[:port]`` of a tile URL template."""
    parts = urlsplit(url.replace("{s}", "a"))
    host = parts.netloc.replace("a.", "*.", 1) if "{s}" in url else parts.netloc
    return f"{parts.scheme}://{host}"


def check_tiles(url: str | None) -> str | None:
    """The tile URL template, refused (E032) unless http(s) with {z}, {x} and {y}."""
    if url is None or not url.strip():
        return None
    url = url.strip()
    parts = urlsplit(url.replace("{s}", "a"))
    placeholders = all(p in url for p in ("{z}", "{x}", "{y}"))
    if parts.scheme not in ("http", "https") or not parts.netloc or not placeholders:
        raise WardeskError("E032", value=url)
    if any(c in url for c in "'\"<> ;"):
        raise WardeskError("E032", value=url)
    return url


def check_token(token: str | None) -> str | None:
    """The admin token, refused (E033) when short enough to guess or not printable ASCII."""
    if token is None:
        return None
    if len(token) < MIN_TOKEN or not (token.isascii() and token.isprintable()) or " " in token:
        raise WardeskError("E033", minimum=MIN_TOKEN)
    return token


def templates() -> Jinja2Templates:
    """The page templates, every value HTML-escaped."""
    env = Environment(loader=FileSystemLoader(WEB / "templates"), autoescape=True)
    return Jinja2Templates(env=env)


def store_of(request: Request) -> Iterator[Store]:
    """A FastAPI dependency: a connection to the database for one request."""
    store = request.app.state.settings.source.open()
    try:
        yield store
    finally:
        store.close()


def wants_json(request: Request) -> bool:
    """True for API and ``.json`` paths, whose errors are JSON too."""
    path = request.url.path
    return path.startswith("/api/") or path.endswith(".json")


def _error(request: Request, status: int, detail: Any) -> Response:
    if wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status)
    message = detail if isinstance(detail, str) else "; ".join(
        f"{'.'.join(str(x) for x in d.get('loc', ())[1:])}: {d.get('msg')}" for d in detail
    )  # fmt: skip
    return request.app.state.templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status
    )


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        response = _error(request, exc.status_code, exc.detail)
        response.headers.update(exc.headers or {})  # WWW-Authenticate on a 401
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        detail = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
        return _error(request, 422, detail)

    @app.exception_handler(WardeskError)
    async def not_found(request: Request, exc: WardeskError) -> Response:
        return _error(request, 404 if exc.code == "E008" else 400, str(exc))

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = request.app.state.settings.csp
        for name, value in SECURITY_HEADERS.items():
            response.headers[name] = value
        return response


class HeadAsGet:
    """ASGI middleware: answer HEAD as GET without the body, for every read route (uptime
    checks and link checkers ask with HEAD; FastAPI's GET routes alone would answer 405)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


class HostCheck:
    """ASGI middleware: answer 400 to a request whose ``Host`` is not a name this server is
    known by. A web page on another site cannot then reach the desk through a DNS name it
    points at 127.0.0.1 (DNS rebinding): the browser sends that name as the Host."""

    def __init__(self, app: ASGIApp, allowed: Sequence[str]) -> None:
        self.app = app
        self.allowed = frozenset(name.lower() for name in allowed)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and _host(scope) not in self.allowed:
            response = PlainTextResponse(
                "unknown Host: start wardesk serve with --allow-host NAME to serve this name",
                status_code=400,
            )
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _host(scope: Scope) -> str:
    """The host name of the request's Host header, lower case, without its port."""
    for name, value in scope["headers"]:
        if name == b"host":
            host = value.decode("latin-1")
            if any(c in host for c in "@/?#\\"):  # a Host is a name and a port, nothing else
                return ""
            try:
                return (urlsplit("//" + host).hostname or "").lower()
            except ValueError:  # an unclosed IPv6 bracket
                return ""
    return ""


def create_app(
    db: str | Path,
    *,
    read_only: bool = True,
    tiles: str | None = None,
    tiles_attribution: str | None = None,
    token: str | None = None,
    allowed_hosts: Sequence[str] = LOOPBACK_NAMES,
) -> FastAPI:
    """The web app over the database ``db`` (a SQLite file or a ``postgresql://`` URL).

    ``read_only`` (default): the database is opened read-only and never migrated.
    ``tiles``: an online tile URL template (``https://…/{z}/{x}/{y}.png``) drawn under the
    vendored base map; off by default, so the UI works with no internet.
    ``token``: what the admin endpoints (``/api/admin/…``, writable servers only) require
    as ``Authorization: Bearer TOKEN``; at least 16 characters.
    ``allowed_hosts``: the names requests may carry as ``Host`` (others get 400); loopback
    by default, see :func:`wardesk.web.server.served_hosts`.
    """
    from wardesk.web import admin, api, pages

    settings = DeskSettings(prepare_source(db, read_only=read_only), check_tiles(tiles),
                            tiles_attribution, check_token(token))  # fmt: skip
    app = FastAPI(
        title="wardesk",
        version=__version__,
        description="The analyst's desk: fused conflict events, their sources and claims, "
        "and the pages they come from. Every HTML page has a JSON twin here.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.templates = templates()
    app.state.destinations = Destinations()
    _install_handlers(app)
    app.add_middleware(HeadAsGet)
    app.add_middleware(HostCheck, allowed=allowed_hosts)
    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    app.include_router(api.router)
    app.include_router(admin.router)
    app.include_router(pages.router)
    return app
