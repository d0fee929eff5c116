"""A wall-clock limit on one page's processing.

A page crafted to send a parser or a regular expression into a very long run must
not stall a run of thousands of pages. The limit uses ``SIGALRM``, so it holds where
signals can be delivered: in the main thread of a POSIX process, which is where the
single-process engine and every local worker process run pages. Elsewhere (a Ray actor's
worker thread, Windows) :func:`time_limit` does nothing and the run relies on the size
limit alone.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TypeVar

T = TypeVar("T")


class PageTimeout(Exception):
    """Raised inside the page's processing when its time is up."""


def can_limit_time() -> bool:
    """True where :func:`time_limit` is enforced (POSIX, main thread)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _time_is_up(signum: int, frame: FrameType | None) -> None:
    raise PageTimeout


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`PageTimeout` in the body once ``seconds`` of wall time have passed.

    ``None`` or 0 means no limit. The previous ``SIGALRM`` handler is restored after.
    """
    if not seconds or not can_limit_time():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _time_is_up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def call_within(seconds: float | None, work: Callable[[], T]) -> T | PageTimeout:
    """``work()`` under :func:`time_limit`; the :class:`PageTimeout` itself when time ran out.

    For callers that turn a page's timeout into a failure of that page and go on.
    """
    try:
        with time_limit(seconds):
            return work()
    except PageTimeout as exc:
        return exc
