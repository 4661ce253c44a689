"""The window's side: the check runs on a worker thread, the event loop keeps running, cancel
lands at once; and the diff view shows page text as plain text with its marks.

Nothing is timed: a slow server is one that holds its answer until the test opens its gate
(``support.online_servers.Gate``), so a check that ends meanwhile was cancelled, not waited
out. How quickly it ends is measured in ``benchmarks/online_waits.py``."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from gui.core import paths
from gui.core.catalog import Catalog, Platform, load_catalog
from gui.core.online.checks import OnlineTask
from gui.core.online.http import FetchLimits, HttpClient
from gui.core.online.links import LinkOutcome, LinkResult
from gui.core.online.policy_watch import PolicyCheckResult, PolicyOutcome
from gui.core.online.textdiff import Change, diff_texts
from gui.core.store import Mode, PolicySnapshot, Store, init_store
from gui.desktop.online.diff_view import (
    ADDED_BACKGROUND,
    REMOVED_BACKGROUND,
    PolicyDiffDialog,
    PolicyDiffView,
)
from gui.desktop.online.worker import OnlineCheck, link_check, policy_check

from support.online_servers import TlsServer, policy_page, serve_https, write_catalog

# Longer than any wait here: only the server (or cancelling) can end a request.
LIMITS = FetchLimits(connect_timeout=10, read_timeout=60, total_timeout=120)
CHECK_TIMEOUT_MS = 15_000


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TlsServer]:
    yield from serve_https(tmp_path, monkeypatch)


def platform_with_links(server: TlsServer, data_dir: Path, count: int) -> Platform:
    write_catalog(
        data_dir / "catalogs",
        "acme",
        name="Acme",
        domains=["localhost"],
        policies=[("privacy-policy", server.url("/privacy"))],
        links=[server.url(f"/settings/{i}") for i in range(count)],
    )
    catalog: Catalog = load_catalog(user_dir=data_dir / "catalogs")
    platform = catalog.platform("acme")
    assert platform is not None
    return platform


def test_link_check_reports_progress_and_results(
    qtbot: QtBot, server: TlsServer, isolated_data_dir: Path
) -> None:
    server.server.expect_request("/privacy").respond_with_data("<p>policy</p>")
    server.server.expect_request("/settings/0").respond_with_data("", status=404)
    platform = platform_with_links(server, isolated_data_dir, 1)
    check = link_check([platform], limits=LIMITS)
    progress: list[tuple[str, int, int]] = []
    results: list[LinkResult] = []
    check.progress.connect(lambda *args: progress.append(args))
    check.result.connect(results.append)
    with qtbot.waitSignal(check.finished, timeout=CHECK_TIMEOUT_MS) as finished:
        check.start()
    assert finished.args == [False]
    assert progress == [("Acme", 0, 2), ("Acme", 1, 2), ("Acme", 2, 2)]
    assert [r.outcome for r in results] == [LinkOutcome.REACHABLE, LinkOutcome.NOT_FOUND]
    assert not check.is_running()


def test_gui_stays_responsive_while_the_worker_waits(
    qtbot: QtBot, server: TlsServer, isolated_data_dir: Path
) -> None:
    held = server.hold("/privacy", "<p>ok</p>")
    server.server.expect_request("/settings/0").respond_with_data("<p>ok</p>")
    platform = platform_with_links(server, isolated_data_dir, 1)
    check = link_check([platform], limits=LIMITS)
    check.start()
    qtbot.waitUntil(lambda: held.reached.is_set(), timeout=CHECK_TIMEOUT_MS)
    # The request is open and its answer held: the event loop still runs timers and
    # repaints (were the GUI thread waiting on the network, nothing here would run).
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(0)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    qtbot.waitUntil(lambda: len(ticks) >= 20)
    timer.stop()
    assert held.holding and check.is_running()
    with qtbot.waitSignal(check.finished, timeout=CHECK_TIMEOUT_MS) as finished:
        held.open()  # the answer comes; the check goes on to the next page and ends
    assert finished.args == [False]


def test_cancel_lands_during_a_request_the_server_never_answers(
    qtbot: QtBot, server: TlsServer, isolated_data_dir: Path
) -> None:
    server.server.expect_request("/privacy").respond_with_data("<p>fast</p>")
    held = [server.hold(f"/settings/{i}") for i in range(3)]
    platform = platform_with_links(server, isolated_data_dir, 3)
    check = link_check([platform], limits=LIMITS)
    results: list[LinkResult] = []
    check.result.connect(results.append)
    check.start()
    # The worker is now waiting on /settings/0, whose answer never comes.
    qtbot.waitUntil(lambda: held[0].reached.is_set(), timeout=CHECK_TIMEOUT_MS)
    with qtbot.waitSignal(check.finished, timeout=CHECK_TIMEOUT_MS) as finished:
        check.cancel()
    assert finished.args == [True]
    assert check.cancelled
    assert held[0].holding  # ended by the cancel, not by an answer
    assert [r.url for r in results] == [server.url("/privacy")]
    assert not held[1].reached.is_set() and not held[2].reached.is_set()  # nothing after it
    assert not check.is_running()


def test_policy_check_records_on_the_gui_thread(
    qtbot: QtBot, server: TlsServer, isolated_data_dir: Path
) -> None:
    server.server.expect_request("/privacy").respond_with_data(
        policy_page("We collect data."), content_type="text/html"
    )
    platform = platform_with_links(server, isolated_data_dir, 0)
    saved_on: list[threading.Thread] = []
    with init_store(paths.resolve(), Mode.UNENCRYPTED) as store:
        real_save = store.save_policy_snapshot

        def save(snapshot: PolicySnapshot) -> None:
            saved_on.append(threading.current_thread())
            real_save(snapshot)

        store.save_policy_snapshot = save  # type: ignore[method-assign]
        check = policy_check(store, [platform], limits=LIMITS)
        results: list[PolicyCheckResult] = []
        check.result.connect(results.append)
        with qtbot.waitSignal(check.finished, timeout=CHECK_TIMEOUT_MS):
            check.start()
        assert [r.outcome for r in results] == [PolicyOutcome.BASELINE]
        assert saved_on == [threading.main_thread()]
        snapshot = Store.policy_snapshot(store, "acme", "privacy-policy")
        assert snapshot is not None and "We collect data." in snapshot.text


def test_unexpected_error_is_reported_not_raised(qtbot: QtBot) -> None:
    def broken(client: HttpClient) -> object:
        raise RuntimeError("bug")

    check = OnlineCheck([OnlineTask("Acme", "https://localhost/", broken)])
    failures: list[str] = []
    check.failed.connect(failures.append)
    with qtbot.waitSignal(check.finished, timeout=CHECK_TIMEOUT_MS) as finished:
        check.start()
    assert finished.args == [False]
    assert failures == ["The check stopped unexpectedly (RuntimeError); see the log."]


def test_shutdown_ends_a_running_check(
    qtbot: QtBot, server: TlsServer, isolated_data_dir: Path
) -> None:
    held = server.hold("/privacy")
    platform = platform_with_links(server, isolated_data_dir, 0)
    check = link_check([platform], limits=LIMITS)
    check.start()
    qtbot.waitUntil(lambda: held.reached.is_set(), timeout=CHECK_TIMEOUT_MS)
    # The thread ends within the wait although the server never answers: shutdown
    # cancels rather than waiting the request out.
    assert check.shutdown(timeout_ms=CHECK_TIMEOUT_MS)
    assert held.holding
    qtbot.waitUntil(lambda: not check.is_running(), timeout=CHECK_TIMEOUT_MS)


# --- the diff view ----------------------------------------------------------------------

OLD = "Intro paragraph.\n\nWe may share your data with partners. We keep logs.\n\nOld <b>rule</b>."
NEW = (
    "Intro paragraph.\n\nWe will share your data with partners. We keep logs.\n\n"
    'New rule with <a href="https://evil.example">a link</a> & <script>x</script>.'
)


def formats_of(view: PolicyDiffView) -> dict[str, tuple[QColor, bool, bool]]:
    """Each run of text in the view with its background, underline and strike-out."""
    found: dict[str, tuple[QColor, bool, bool]] = {}
    block = view.document().begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            fmt = fragment.charFormat()
            found[fragment.text()] = (
                fmt.background().color(),
                fmt.fontUnderline(),
                fmt.fontStrikeOut(),
            )
            iterator += 1
        block = block.next()
    return found


def test_diff_view_marks_changes_and_shows_markup_as_text(qtbot: QtBot) -> None:
    view = PolicyDiffView()
    qtbot.addWidget(view)
    view.set_diff(diff_texts(OLD, NEW), context=None)
    text = view.toPlainText()
    # Page text is never interpreted: the tags are there, as characters.
    assert 'New rule with <a href="https://evil.example">a link</a> & <script>x</script>.' in text
    assert "Old <b>rule</b>." in text
    assert "We may will share" in text  # removed, then added, in reading order
    formats = formats_of(view)
    assert formats["may"] == (REMOVED_BACKGROUND, False, True)
    assert formats["will"] == (ADDED_BACKGROUND, True, False)
    assert formats["Old <b>rule</b>."][0] == REMOVED_BACKGROUND
    assert formats["Intro paragraph."][0] != ADDED_BACKGROUND


def test_diff_dialog_condenses_and_expands(qtbot: QtBot) -> None:
    old = "\n\n".join(f"Paragraph {i} is about data." for i in range(8))
    new = old.replace("Paragraph 7 is about data.", "Paragraph 7 is about your data.")
    diff = diff_texts(old, new)
    assert [p.change for p in diff.passages] == [Change.REMOVED, Change.ADDED]
    dialog = PolicyDiffDialog("Acme: <i>Privacy</i> Policy", diff)
    qtbot.addWidget(dialog)
    assert dialog.summary_label.text() == "1 passage added, 1 passage removed."
    assert dialog.view.toPlainText().startswith("[6 unchanged paragraphs]\n")
    dialog.whole_text.setChecked(True)
    assert dialog.view.toPlainText().startswith("Paragraph 0 is about data.")
    assert "[6 unchanged" not in dialog.view.toPlainText()
    assert dialog.windowTitle() == "What changed: Acme: <i>Privacy</i> Policy"


def test_diff_dialog_renders_with_both_colours(qtbot: QtBot) -> None:
    dialog = PolicyDiffDialog("Acme: Privacy Policy", diff_texts(OLD, NEW))
    qtbot.addWidget(dialog)
    # Rendered without showing: a shown top-level window makes the offscreen platform warn.
    image = dialog.grab().toImage()
    assert image.width() >= 700
    colours = {
        image.pixelColor(x, y).rgb()
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    }
    assert ADDED_BACKGROUND.rgb() in colours
    assert REMOVED_BACKGROUND.rgb() in colours


def test_dialog_for_a_pending_notice_and_for_results(
    qtbot: QtBot, server: TlsServer, isolated_data_dir: Path
) -> None:
    from datetime import UTC, datetime

    from gui.core import dates
    from gui.core.online.policy_watch import pending_policy_changes

    platform_with_links(server, isolated_data_dir, 0)
    catalog = load_catalog(user_dir=isolated_data_dir / "catalogs")
    changed = datetime(2026, 3, 12, 12, 0, tzinfo=UTC)
    with init_store(paths.resolve(), Mode.UNENCRYPTED) as store:
        store.save_policy_snapshot(
            PolicySnapshot(
                "acme", "privacy-policy", server.url("/privacy"), changed,
                "Kept.\n\nNew <script>rule</script>.", changed, "Kept.\n\nOld rule.",
            )
        )  # fmt: skip
        (notice,) = pending_policy_changes(store, catalog)
    assert notice.text == f"Acme's privacy policy changed on {dates.day(changed)}; review again."
    dialog = PolicyDiffDialog.for_notice(notice)
    qtbot.addWidget(dialog)
    assert dialog.summary_label.text() == (
        f"Changed on {dates.day(changed)}: 1 passage added, 1 passage removed."
    )
    assert dialog.view.toPlainText() == "Kept.\nOld rule.\nNew <script>rule</script>."
    unchanged = PolicyCheckResult(
        "acme", "Acme", "privacy-policy", "P", "https://x", PolicyOutcome.UNCHANGED, "", changed
    )
    assert PolicyDiffDialog.for_result(unchanged) is None
