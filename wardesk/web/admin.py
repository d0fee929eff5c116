"""Write and admin endpoints under ``/api/admin``: refused unless the server was started
writable with a token, and then only to requests that carry that token.

Read-only servers answer 403 here; a writable server answers 401 to a request without
``Authorization: Bearer TOKEN`` or with another token. The token travels in a header, never
in a cookie, so a page in the analyst's browser cannot make the browser send it (no CSRF).
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Request

from wardesk.fuse import fuse
from wardesk.web.api import StoreDep

BEARER = "bearer "


def require_token(
    request: Request,
    authorization: Annotated[
        str | None, Header(max_length=500, description="Bearer TOKEN (wardesk serve --token).")
    ] = None,
) -> None:
    """A FastAPI dependency: pass only requests that carry the server's token."""
    settings = request.app.state.settings
    if settings.source.read_only or not settings.token:
        raise HTTPException(
            403, "this server is read-only: start it with --writable (and --token) to allow this"
        )
    given = authorization or ""
    scheme_ok = given[: len(BEARER)].lower() == BEARER
    token = given[len(BEARER) :].strip().encode()
    # Compared in constant time, so response times say nothing about the token.
    if not (scheme_ok and hmac.compare_digest(token, settings.token.encode())):
        raise HTTPException(
            401, "a valid token is required", headers={"WWW-Authenticate": "Bearer"}
        )


router = APIRouter(prefix="/api/admin", tags=["admin"], dependencies=[Depends(require_token)])


@router.post("/fuse")
def refuse_events(store: StoreDep) -> dict[str, int]:
    """Fuse every stored mention into events again (after pages were added by another
    process, or the fusion rules changed); needs the token."""
    result = fuse(store)
    return {
        "events": len(result.events),
        "mentions": result.mentions,
        "contested": result.contested,
        "multi_source": result.multi_source,
    }
