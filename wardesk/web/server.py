"""Running the desk under uvicorn with limits on idle and slow connections.

uvicorn times out a kept-alive connection after a response, but a connection that never
completes a request (silent, or sending its headers a byte at a time) would be held forever:
a few hundred of them stall the server. :class:`DeskProtocol` gives every request its headers'
deadline, counted from the connection (or the previous response), and closes the connection
when the headers are not in by then; ``limit_concurrency`` answers 503 beyond a number of
connections instead of queueing without end.
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import h11
import uvicorn
from fastapi import FastAPI
from uvicorn.protocols.http.h11_impl import H11Protocol

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


@dataclass(frozen=True, slots=True)
class ServerLimits:
    """How long a connection may idle and how many may be open."""

    header_seconds: float
    keep_alive_seconds: int
    max_connections: int


class DeskProtocol(H11Protocol):
    """uvicorn's h11 protocol, with a deadline for each request's headers."""

    def __init__(self, *args: Any, header_seconds: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header_seconds = header_seconds
        self._header_deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Accept the connection and start the clock for its first request's headers."""
        super().connection_made(transport)
        self._arm_header_deadline()

    def on_response_complete(self) -> None:
        """After each response, the next request's headers get a deadline of their own."""
        super().on_response_complete()
        self._arm_header_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        """Forget the deadline of a connection that is gone."""
        self._cancel_header_deadline()
        super().connection_lost(exc)

    def _arm_header_deadline(self) -> None:
        self._cancel_header_deadline()
        if not self.transport.is_closing():
            self._header_deadline = self.loop.call_later(self.header_seconds, self._headers_late)

    def _cancel_header_deadline(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _headers_late(self) -> None:
        # Still waiting for a request line and headers (IDLE on both sides): drop it. A request
        # being answered is never cut: its state is past IDLE.
        self._header_deadline = None
        waiting = self.conn.their_state is h11.IDLE and self.conn.our_state is h11.IDLE
        if waiting and not self.transport.is_closing():
            self.transport.close()


def server_config(app: FastAPI, host: str, port: int, limits: ServerLimits) -> uvicorn.Config:
    """The uvicorn configuration ``wardesk serve`` runs ``app`` with."""
    protocol = partial(DeskProtocol, header_seconds=limits.header_seconds)
    return uvicorn.Config(
        app, host=host, port=port, log_level="warning", http=protocol,
        timeout_keep_alive=limits.keep_alive_seconds, limit_concurrency=limits.max_connections,
    )  # fmt: skip


def is_loopback(host: str) -> bool:
    """True when ``host`` (a name or an address to listen on) is reachable from this machine
    only."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def served_hosts(host: str, extra: Sequence[str] = ()) -> tuple[str, ...]:
    """The names a browser may use for a server listening on ``host``, for the Host check:
    the loopback names, ``host`` itself unless it is a wildcard address, and ``extra`` (the
    names the user allows, e.g. the machine's DNS name for ``--host 0.0.0.0``)."""
    names = list(LOOPBACK_NAMES)
    if host not in ("0.0.0.0", "::", ""):
        names.append(host.strip("[]"))
    names.extend(extra)
    return tuple(dict.fromkeys(name.lower() for name in names))
