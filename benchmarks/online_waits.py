"""How quickly the online checks give up and stop, against a real https server on localhost.

The tests show *that* each of these ends a request the server never answers (a held page,
``tests/support/online_servers.Gate``); they time nothing. This prints *how quickly*:

- **cancel**: ``HttpClient.fetch`` raising ``Cancelled`` after the cancel event is set,
  while the server holds the answer (the caller polls the event every
  ``http._POLL_SECONDS``);
- **read timeout**: a held page with ``read_timeout`` 0.5 s, from the call to the result;
- **whole-answer deadline**: a page trickling ten bytes every 50 ms, ``total_timeout`` 1 s;
- **name lookup that never answers**: ``dns_timeout`` 0.3 s (the wait is counted in polls,
  so a busy machine stretches it);
- **worker cancel / shutdown**: an ``OnlineCheck`` (the window's worker thread) from
  ``cancel()`` to its ``finished`` signal, and ``shutdown()`` (what closing the window does)
  until it returns;
- **event loop while a check waits**: the longest gap between ticks of a 10 ms timer while
  the worker waits on a held page, against the same timer with no check running.

Reference, measured in the same process right before: one complete fetch of a small page
from the same server on a new connection (TLS handshake included). Each figure is printed
with its ratio to the reference or to the limit it should stop at; the machine is shared
and its speed moves from one minute to the next, so compare ratios, or figures of one run.
Asserts nothing. Takes about half a minute.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/online_waits.py [--rounds 10]
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from werkzeug import Request, Response

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the test server lives there

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gui.core.online import http  # noqa: E402
from gui.core.online.checks import OnlineTask  # noqa: E402
from gui.core.online.http import Cancelled, FetchLimits, HttpClient  # noqa: E402
from gui.desktop.online.worker import OnlineCheck  # noqa: E402

from support.online_servers import Gate, TlsServer, serve_https  # noqa: E402

DOMAINS = ("localhost",)
# Long enough that only the server, a cancel or the limit measured can end a request.
PATIENT = FetchLimits(connect_timeout=10, read_timeout=60, total_timeout=120)


def ms(seconds: float) -> float:
    return seconds * 1000


def line(label: str, samples: list[float], reference: float, against: str) -> None:
    median = statistics.median(samples)
    print(
        f"  {label}: median {ms(median):.1f} ms, worst {ms(max(samples)):.1f} ms "
        f"({median / reference:.2f}x {against})"
    )


def fetch_once(server: TlsServer) -> float:
    with HttpClient(PATIENT) as client:
        started = time.perf_counter()
        result = client.fetch(server.url("/small"), DOMAINS)
        elapsed = time.perf_counter() - started
    assert result.ok, result.error
    return elapsed


def cancel_once(server: TlsServer, path: str) -> float:
    held = server.hold(path)
    cancel = threading.Event()
    marks: list[float] = []

    def cancel_when_in() -> None:
        held.reached.wait(30)
        marks.append(time.perf_counter())
        cancel.set()

    threading.Thread(target=cancel_when_in, daemon=True).start()
    with HttpClient(PATIENT, cancel=cancel) as client:
        try:
            result = client.fetch(server.url(path), DOMAINS)
        except Cancelled:
            ended = time.perf_counter()
        else:
            raise SystemExit(f"the held request ended without a cancel: {result.error}")
    held.open()
    return ended - marks[0]


def timed_fetch(limits: FetchLimits, url: str, domains: tuple[str, ...]) -> float:
    with HttpClient(limits) as client:
        started = time.perf_counter()
        result = client.fetch(url, domains)
        elapsed = time.perf_counter() - started
    assert result.error is not None
    return elapsed


def trickle(ended: threading.Event) -> Callable[[Request], Response]:
    def handler(request: Request) -> Response:
        def body() -> Iterator[bytes]:
            while not ended.is_set():
                yield b"." * 10
                ended.wait(0.05)

        return Response(body(), direct_passthrough=True)

    return handler


def worker_check(server: TlsServer, path: str) -> tuple[OnlineCheck, Gate]:
    held = server.hold(path)
    url = server.url(path)
    task = OnlineTask("Acme", url, lambda client: client.fetch(url, DOMAINS))
    check = OnlineCheck([task], limits=PATIENT)
    check.start()
    spin_until(held.reached.is_set)
    return check, held


def spin_until(condition: Callable[[], bool], limit: float = 30.0) -> None:
    deadline = time.monotonic() + limit
    while not condition() and time.monotonic() < deadline:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)


def worker_cancel_once(server: TlsServer, path: str) -> float:
    check, held = worker_check(server, path)
    loop = QEventLoop()
    check.finished.connect(loop.quit)
    started = time.perf_counter()
    check.cancel()
    loop.exec()
    elapsed = time.perf_counter() - started
    held.open()
    return elapsed


def worker_shutdown_once(server: TlsServer, path: str) -> float:
    check, held = worker_check(server, path)
    started = time.perf_counter()
    check.shutdown(timeout_ms=30_000)
    elapsed = time.perf_counter() - started
    spin_until(lambda: not check.is_running())
    held.open()
    return elapsed


def longest_gap(duration: float, during: Callable[[], None] | None = None) -> float:
    """The longest time between ticks of a 10 ms timer over ``duration`` seconds."""
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    if during is not None:
        during()
    end = time.perf_counter() + duration
    while time.perf_counter() < end:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    timer.stop()
    return max(b - a for a, b in zip(ticks, ticks[1:], strict=False))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    rounds = parser.parse_args().rounds
    app = QApplication.instance() or QApplication(sys.argv[:1])
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        serving = serve_https(Path(folder), patch)
        server = next(serving)
        try:
            server.server.expect_request("/small").respond_with_data("<p>small</p>")
            fetch_once(server)  # warm-up: imports, first handshake
            reference = statistics.median(fetch_once(server) for _ in range(rounds))
            print(f"reference: one fetch of a small page, new connection: {ms(reference):.1f} ms")

            print("HttpClient (the command line's way):")
            line(
                "cancel during a held request",
                [cancel_once(server, f"/held/{n}") for n in range(rounds)],
                reference,
                "a fetch",
            )
            poll = ms(http._POLL_SECONDS)
            print(f"    (the waiting caller looks at the event every {poll:g} ms)")
            for n in range(rounds):
                server.hold(f"/never/{n}")
            limits = FetchLimits(read_timeout=0.5, total_timeout=60)
            read = [timed_fetch(limits, server.url(f"/never/{n}"), DOMAINS) for n in range(rounds)]
            line("read timeout 0.5 s, held page", read, limits.read_timeout, "the timeout")
            ended = threading.Event()
            server.server.expect_request("/trickle").respond_with_handler(trickle(ended))
            limits = FetchLimits(read_timeout=30, total_timeout=1, max_bytes=10_000_000)
            trickled = [timed_fetch(limits, server.url("/trickle"), DOMAINS) for _ in range(3)]
            ended.set()
            line("whole-answer deadline 1 s, trickle", trickled, limits.total_timeout, "the limit")
            never = threading.Event()
            patch.setattr(http, "_getaddrinfo", lambda *args, **kwargs: never.wait(120) and [])
            limits = FetchLimits(dns_timeout=0.3)
            lookups = [
                timed_fetch(limits, f"https://host{n}.example/", ("example",)) for n in range(3)
            ]
            never.set()
            line("name lookup never answering, 0.3 s", lookups, limits.dns_timeout, "the limit")

            print("OnlineCheck (the window's worker thread):")
            line(
                "cancel() to finished, held request",
                [worker_cancel_once(server, f"/w/{n}") for n in range(rounds)],
                reference,
                "a fetch",
            )
            line(
                "shutdown() while a request is held",
                [worker_shutdown_once(server, f"/s/{n}") for n in range(rounds)],
                reference,
                "a fetch",
            )
            idle = longest_gap(2.0)
            check_holder: list[tuple[OnlineCheck, Gate]] = []
            busy = longest_gap(
                2.0, lambda: check_holder.append(worker_check(server, "/responsive"))
            )
            check, held = check_holder[0]
            check.shutdown(timeout_ms=30_000)
            held.open()
            print(
                f"  event loop, longest gap of a 10 ms timer over 2 s: {ms(busy):.1f} ms "
                f"while a check waits, {ms(idle):.1f} ms idle ({busy / idle:.2f}x)"
            )
        finally:
            serving.close()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
