"""The per-page time limit: raised in the main thread, absent where signals cannot reach."""

from __future__ import annotations

import signal
import threading
import time

import pytest

from wardesk.deadline import PageTimeout, can_limit_time, time_limit


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_the_body_is_stopped_when_its_time_is_up():
    started = time.monotonic()
    with pytest.raises(PageTimeout), time_limit(0.05):
        _spin(5)
    assert time.monotonic() - started < 2


def test_a_body_within_its_time_is_untouched_and_the_timer_is_cleared():
    with time_limit(1.0):
        _spin(0.01)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@pytest.mark.parametrize("seconds", [None, 0])
def test_no_limit_means_no_timer(seconds):
    with time_limit(seconds):
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_the_previous_alarm_handler_comes_back():
    def mine(signum, frame):
        pass

    before = signal.signal(signal.SIGALRM, mine)
    try:
        with time_limit(1.0):
            assert signal.getsignal(signal.SIGALRM) is not mine
        assert signal.getsignal(signal.SIGALRM) is mine
    finally:
        signal.signal(signal.SIGALRM, before)


def test_outside_the_main_thread_there_is_no_limit():
    seen: list[object] = []

    def body() -> None:
        seen.append(can_limit_time())
        with time_limit(0.01):
            _spin(0.05)
        seen.append("finished")

    thread = threading.Thread(target=body)
    thread.start()
    thread.join()
    assert seen == [False, "finished"]
