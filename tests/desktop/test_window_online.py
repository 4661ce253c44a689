"""The online checks in the checklist window, against a real https server on localhost:
Tools menu actions, the one question before contacting anything, progress and cancel, the
results, the policy-change notices above the tree, the weekly check, closing mid-check.

The two pictures for the docs are made by this file:

    PRIVACY_REVIEW_SCREENSHOTS=docs/screenshots pytest tests/desktop/test_window_online.py

Without the variable they go to the test's temporary folder and are only checked.

Nothing is timed: a slow platform is a page whose answer the server holds until the test
opens its gate (``support.online_servers.Gate``), so a check that ends meanwhile was
cancelled, not waited out. How quickly is measured in ``benchmarks/online_waits.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from werkzeug import Request, Response

from gui.core import dates
from gui.core.catalog import Catalog, load_catalog
from gui.core.checklist import Status
from gui.core.online.settings import (
    LAST_WEEKLY_CHECK_SETTING,
    record_weekly_check,
    set_weekly_check,
    weekly_check_enabled,
)
from gui.core.paths import AppDirs
from gui.core.store import Store, open_store
from gui.desktop.online.diff_view import PolicyDiffDialog
from gui.desktop.window.main_window import MainWindow
from gui.desktop.window.online_checks import (
    CONFIRM_SETTING,
    LinkResultsDialog,
    OnlineChecks,
    PolicyResultsDialog,
)

from support.online_servers import TlsServer, policy_page, serve_https, write_catalog
from support.qt_settle import settle

# The offscreen platform says this whenever a top-level window is shown; not our warning.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

SCREENSHOTS_ENV = "PRIVACY_REVIEW_SCREENSHOTS"
CHECK_TIMEOUT_MS = 15_000


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TlsServer]:
    yield from serve_https(tmp_path, monkeypatch)


@pytest.fixture
def store(app_dirs: AppDirs) -> Iterator[Store]:
    app_dirs.ensure()
    opened = open_store(app_dirs)
    yield opened
    opened.close()


def acme_catalog(
    server: TlsServer, app_dirs: AppDirs, links: int, *, bundled: bool = False
) -> Catalog:
    """A catalog with "Acme" on localhost: its policy, and ``links`` settings pages. Without
    ``bundled`` the real platforms are left out, so nothing leaves this machine."""
    write_catalog(
        app_dirs.user_catalogs,
        "acme",
        name="Acme",
        domains=["localhost"],
        policies=[("privacy-policy", server.url("/privacy"))],
        links=[server.url(f"/settings/{i}") for i in range(links)],
    )
    empty = app_dirs.data / "no-bundled-catalog"
    empty.mkdir(exist_ok=True)
    catalog = load_catalog(None if bundled else empty, app_dirs.user_catalogs)
    assert not catalog.skipped
    return catalog


def reviewed(store: Store, catalog: Catalog, platform_id: str = "acme") -> None:
    platform = catalog.platform(platform_id)
    assert platform is not None
    category = platform.categories[0]
    store.record(platform_id, category.id, Status.KEPT, "", category.fingerprint)


def open_window(qtbot: QtBot, app_dirs: AppDirs, catalog: Catalog, store: Store) -> MainWindow:
    window = MainWindow(app_dirs)
    qtbot.addWidget(window)
    window.set_data(catalog, store)
    assert window.online is not None
    # The notices, the weekly setting and a due weekly check come right after the checklist
    # is shown, on the next pass of the event loop: connected before that pass can run.
    qtbot.waitSignal(window.online.weeklySettingRead, timeout=CHECK_TIMEOUT_MS).wait()
    return window


def online(window: MainWindow) -> OnlineChecks:
    assert window.online is not None
    return window.online


def confirm(window: MainWindow, *, dont_ask: bool = False) -> str:
    box = online(window).confirmation
    assert box is not None and box.isVisible()
    assert box.textFormat() == Qt.TextFormat.PlainText
    text = box.text()
    assert box.checkBox() is box.dont_ask and box.dont_ask.text() == "Don't ask again"
    box.dont_ask.setChecked(dont_ask)
    box.go_button.click()
    return text


def wait_for_results(qtbot: QtBot, window: MainWindow) -> object:
    qtbot.waitUntil(lambda: online(window).check is None, timeout=CHECK_TIMEOUT_MS)
    dialog = online(window).results_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def message_boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def redirect(server: TlsServer, path: str) -> Callable[[Request], Response]:
    return lambda request: Response("", status=302, headers={"Location": server.url(path)})


def serve_links(server: TlsServer) -> None:
    """Five different answers, one per outcome the table can show."""
    http = server.server
    http.expect_request("/privacy").respond_with_data(
        policy_page("We collect data."), content_type="text/html"
    )
    http.expect_request("/settings/0").respond_with_handler(redirect(server, "/login"))
    http.expect_request("/login").respond_with_data(
        '<form><input type="password"></form>', content_type="text/html"
    )
    http.expect_request("/settings/1").respond_with_data("", status=404)
    http.expect_request("/settings/2").respond_with_data("", status=500)
    http.expect_request("/settings/3").respond_with_handler(redirect(server, "/settings/new"))
    http.expect_request("/settings/new").respond_with_data("<p>moved</p>", content_type="text/html")


def screenshot_folder(tmp_path: Path) -> Path:
    folder = Path(os.environ.get(SCREENSHOTS_ENV) or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save(qtbot: QtBot, widget: object, path: Path) -> QImage:
    settle()  # labels wrap, then layouts settle
    assert widget.grab().save(str(path))  # type: ignore[attr-defined]
    image = QImage(str(path))
    assert (image.width(), image.height()) == (800, 600)
    return image


# --- link check -----------------------------------------------------------------------


def test_link_check_from_the_menu_shows_the_results_table(
    qtbot: QtBot, server: TlsServer, app_dirs: AppDirs, store: Store, tmp_path: Path
) -> None:
    serve_links(server)
    catalog = acme_catalog(server, app_dirs, 4)
    window = open_window(qtbot, app_dirs, catalog, store)
    assert window.commands.check_links.isEnabled()

    window.commands.check_links.trigger()
    assert online(window).check is None  # nothing contacted before the answer
    text = confirm(window)
    assert text == (
        "This contacts localhost to fetch 5 pages. Nothing about your checklist is sent."
    )
    dialog = wait_for_results(qtbot, window)
    assert isinstance(dialog, LinkResultsDialog)
    url = server.url
    assert dialog.row_texts() == [
        ("Acme", "Acme Privacy Policy", url("/privacy"), "Reachable", "200 OK"),
        (
            "Acme",
            "Settings page 1",
            url("/settings/0"),
            "Sign-in needed",
            f"redirected to the sign-in page {url('/login')}: signing in is needed to see it "
            "(expected for settings pages)",
        ),
        (
            "Acme",
            "Settings page 2",
            url("/settings/1"),
            "Not found",
            "the server answered 404 Not Found",
        ),
        (
            "Acme",
            "Settings page 3",
            url("/settings/2"),
            "Failed",
            "the server answered 500 Internal Server Error: a problem on the site's side",
        ),
        (
            "Acme",
            "Settings page 4",
            url("/settings/3"),
            "Redirected",
            f"redirected: 302 {url('/settings/new')}",
        ),
    ]  # fmt: skip
    assert dialog.summary_label.text().startswith(
        "5 links on 1 platform: 1 reachable, 1 redirected, 1 sign-in needed, 1 not found, 1 failed."
    )
    dialog.problems_only.setChecked(True)
    assert [row[3] for row in dialog.row_texts()] == ["Not found", "Failed"]
    dialog.problems_only.setChecked(False)
    assert "Link check done" in window.statusBar().currentMessage()

    dialog.resize(800, 600)
    save(qtbot, dialog, screenshot_folder(tmp_path) / "online-links.png")
    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)  # the keyboard closes it
    assert not dialog.isVisible()

    # Asked once a session: the second check goes straight ahead.
    window.commands.check_links.trigger()
    assert online(window).confirmation is None
    wait_for_results(qtbot, window)
    assert store.get_setting(CONFIRM_SETTING) is None  # "don't ask again" was not ticked


def test_dont_ask_again_is_remembered_in_the_store(
    qtbot: QtBot, server: TlsServer, app_dirs: AppDirs, store: Store
) -> None:
    server.server.expect_request("/privacy").respond_with_data("<p>p</p>", content_type="text/html")
    catalog = acme_catalog(server, app_dirs, 0)
    window = open_window(qtbot, app_dirs, catalog, store)
    window.commands.check_links.trigger()
    confirm(window, dont_ask=True)
    wait_for_results(qtbot, window).close()
    assert store.get_setting(CONFIRM_SETTING) == "off"

    later = open_window(qtbot, app_dirs, catalog, store)  # a new session
    later.commands.check_links.trigger()
    assert online(later).confirmation is None
    wait_for_results(qtbot, later).close()


def test_saying_no_contacts_nothing(
    qtbot: QtBot, server: TlsServer, app_dirs: AppDirs, store: Store
) -> None:
    catalog = acme_catalog(server, app_dirs, 2)
    window = open_window(qtbot, app_dirs, catalog, store)
    window.commands.check_links.trigger()
    box = online(window).confirmation
    assert box is not None
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: online(window).confirmation is None)  # the answer was handled
    assert online(window).check is None and online(window).results_dialog is None
    assert server.server.log == []


# --- cancelling and closing -----------------------------------------------------------


@pytest.mark.parametrize("how", ["cancel button", "escape"])
def test_cancel_a_check_against_a_slow_server(
    qtbot: QtBot, server: TlsServer, app_dirs: AppDirs, store: Store, how: str
) -> None:
    server.server.expect_request("/privacy").respond_with_data("<p>p</p>", content_type="text/html")
    held = server.hold("/settings/0")  # never answered while the test runs
    catalog = acme_catalog(server, app_dirs, 1)
    window = open_window(qtbot, app_dirs, catalog, store)
    window.commands.check_links.trigger()
    confirm(window)
    dialog = online(window).progress_dialog
    assert dialog is not None and dialog.isVisible() and dialog.windowTitle() == "Checking links"
    # Which platform and how far: the worker is now waiting on the held page.
    qtbot.waitUntil(lambda: dialog.label.text() == "Acme: page 2 of 2", timeout=CHECK_TIMEOUT_MS)
    assert (dialog.bar.value(), dialog.bar.maximum()) == (1, 2)
    qtbot.waitUntil(held.reached.is_set, timeout=CHECK_TIMEOUT_MS)

    if how == "escape":
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    else:
        dialog.cancel_button.click()
    qtbot.waitUntil(lambda: online(window).check is None, timeout=CHECK_TIMEOUT_MS)
    assert held.holding  # ended by the cancel: the server has still not answered
    assert online(window).progress_dialog is None  # closed (and deleted)
    assert online(window).results_dialog is None  # cancelled: no results dialog
    assert window.statusBar().currentMessage() == "Link check cancelled after 1 of 2 pages."


def test_closing_the_window_mid_check_ends_it_cleanly(
    qtbot: QtBot, server: TlsServer, app_dirs: AppDirs, store: Store
) -> None:
    held = server.hold("/privacy")  # never answered while the test runs
    catalog = acme_catalog(server, app_dirs, 0)
    window = open_window(qtbot, app_dirs, catalog, store)
    window.show()
    window.commands.check_links.trigger()
    confirm(window)
    check = online(window).check
    assert check is not None
    qtbot.waitUntil(held.reached.is_set, timeout=CHECK_TIMEOUT_MS)  # inside the request

    assert window.close()
    # Closing waits for the check's thread: it ended although the server never answered,
    # so the request was cancelled, not waited out.
    qtbot.waitUntil(lambda: not check.is_running(), timeout=CHECK_TIMEOUT_MS)
    assert held.holding
    assert check.cancelled
    assert online(window).results_dialog is None
    assert message_boxes() == []


# --- policy check and notices -----------------------------------------------------------


class ChangingPolicy:
    """A policy page whose text the test changes between checks."""

    def __init__(self, *paragraphs: str) -> None:
        self.paragraphs = paragraphs

    def __call__(self, request: Request) -> Response:
        return Response(policy_page(*self.paragraphs), content_type="text/html")


def run_policy_check(qtbot: QtBot, window: MainWindow) -> PolicyResultsDialog:
    window.commands.check_policies.trigger()
    if online(window).confirmation is not None:
        confirm(window)
    dialog = wait_for_results(qtbot, window)
    assert isinstance(dialog, PolicyResultsDialog)
    return dialog


def test_policy_check_twice_shows_the_change_and_the_notice(
    qtbot: QtBot, server: TlsServer, app_dirs: AppDirs, store: Store, tmp_path: Path
) -> None:
    page = ChangingPolicy("We collect data.", "We keep logs for a year.")
    server.server.expect_request("/privacy").respond_with_handler(page)
    catalog = acme_catalog(server, app_dirs, 0, bundled=True)
    reviewed(store, catalog)  # only reviewed platforms are checked: Acme, not the real ones
    window = open_window(qtbot, app_dirs, catalog, store)
    window.show()  # before the checks: the status bar hides its labels for a message then
    qtbot.waitExposed(window)
    # After showing: shown, an 800-wide window is narrowed to keep its frame on the
    # 800-pixel offscreen screen; the picture is 800x600 all the same.
    window.resize(800, 600)
    bar = online(window).notice_bar
    assert bar.isHidden()

    window.commands.check_policies.trigger()
    assert confirm(window) == (
        "This contacts localhost to fetch 1 page. Nothing about your checklist is sent."
    )
    first = wait_for_results(qtbot, window)
    assert isinstance(first, PolicyResultsDialog)
    assert first.summary_label.text() == "1 policy checked: 1 checked for the first time."
    assert not first.diff_button.isEnabled()
    first.close()
    assert bar.isHidden()

    # Markup written as text in the page must reach the user as those characters.
    page.paragraphs = ("We collect data.", "We keep logs &lt;b&gt;forever&lt;/b&gt;.")
    second = run_policy_check(qtbot, window)
    assert second.summary_label.text() == "1 policy checked: 1 changed."
    ((policy, result, detail),) = second.row_texts()
    assert (policy, result) == ("Acme: Acme Privacy Policy", "Changed")
    assert detail.endswith("1 passage added, 1 passage removed")
    assert second.diff_button.isEnabled()
    second.diff_button.click()
    diff = second.diff_dialog
    assert isinstance(diff, PolicyDiffDialog) and diff.isVisible()
    assert "<b>forever</b>." in diff.view.toPlainText()  # page text, as text
    diff.close()
    # The keyboard gets there too: Enter on the changed row (the current one on opening).
    assert second.table.hasFocus() or second.table is second.focusWidget()
    qtbot.keyClick(second.table, Qt.Key.Key_Return)
    assert second.diff_dialog is not diff and second.diff_dialog.isVisible()
    second.diff_dialog.close()
    second.close()

    # The notice above the tree, with its own way to the diff.
    today = dates.day(datetime.now(UTC))
    notice = f"Acme's privacy policy changed on {today}; review again."
    assert bar.isVisibleTo(window) and bar.texts() == [notice]
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in bar.findChildren(QLabel))
    bar.diff_buttons[0].click()
    shown = online(window).diff_dialog
    assert isinstance(shown, PolicyDiffDialog) and shown.isVisible()
    assert shown.windowTitle() == "What changed: Acme: Acme Privacy Policy"
    assert "1 passage added, 1 passage removed" in shown.summary_label.text()
    shown.close()

    # The notices are read again on reload and in a new window.
    save(qtbot, window, screenshot_folder(tmp_path) / "checklist-policy-notice.png")
    window.reload()
    assert bar.texts() == [notice]
    other = open_window(qtbot, app_dirs, catalog, store)
    assert online(other).notice_bar.texts() == [notice]
    assert online(other).notice_bar.isVisibleTo(other)

    # Dismiss hides it for the session; reviewing the platform again clears it for good.
    bar.dismiss_button.click()
    assert bar.isHidden()
    window.reload()
    assert bar.isHidden()
    reviewed(store, catalog)
    other.reload()
    assert online(other).notice_bar.isHidden()


def test_policy_check_needs_a_reviewed_platform(
    qtbot: QtBot, server: TlsServer, app_dirs: AppDirs, store: Store
) -> None:
    catalog = acme_catalog(server, app_dirs, 0)
    window = open_window(qtbot, app_dirs, catalog, store)
    box = window.run_online_check("policies")
    assert isinstance(box, QMessageBox) and box.text().startswith(
        "The policy check looks at the platforms you have reviewed"
    )
    box.close()
    assert online(window).check is None and server.server.log == []


def test_many_notices_show_three_then_more(
    qtbot: QtBot, server: TlsServer, app_dirs: AppDirs, store: Store
) -> None:
    from gui.core.store import PolicySnapshot

    catalog = acme_catalog(server, app_dirs, 0, bundled=True)
    changed = datetime.now(UTC) - timedelta(days=1)
    for platform in catalog.platforms[:5]:
        policy = platform.policies[0]
        store.save_policy_snapshot(
            PolicySnapshot(
                platform.id, policy.id, policy.url, changed, "New.", changed, "Old."
            )
        )  # fmt: skip
    window = open_window(qtbot, app_dirs, catalog, store)
    bar = online(window).notice_bar
    assert len(bar.texts()) == 3 and bar.more_button.text() == "Show 2 more"
    bar.more_button.click()
    assert len(bar.texts()) == 5 and bar.more_button.isHidden()


# --- the weekly check -------------------------------------------------------------------


def test_weekly_setting_toggles_and_persists(
    qtbot: QtBot, server: TlsServer, app_dirs: AppDirs, store: Store
) -> None:
    catalog = acme_catalog(server, app_dirs, 0)
    window = open_window(qtbot, app_dirs, catalog, store)
    action = window.commands.weekly_check
    assert action.isCheckable() and not action.isChecked()  # off by default
    assert action.text() == "Check for policy changes &weekly when the app starts"
    tools = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Tools")
    assert action in tools.actions()

    action.trigger()
    assert action.isChecked() and weekly_check_enabled(store)
    later = open_window(qtbot, app_dirs, catalog, store)
    assert later.commands.weekly_check.isChecked()
    later.commands.weekly_check.trigger()
    assert not weekly_check_enabled(store)
    assert online(later).check is None  # turning it on or off checks nothing by itself


def test_weekly_check_runs_in_the_background_at_start_up(
    qtbot: QtBot, server: TlsServer, app_dirs: AppDirs, store: Store
) -> None:
    held = server.hold("/privacy", "<p>Policy.</p>")  # answered when the test says
    catalog = acme_catalog(server, app_dirs, 0)
    reviewed(store, catalog)
    set_weekly_check(store, True)
    window = open_window(qtbot, app_dirs, catalog, store)
    checks = online(window)
    assert checks.check is not None and checks.weekly  # started by itself, no question asked
    assert checks.confirmation is None and checks.progress_dialog is None
    progress = checks.status_progress
    assert progress is not None
    qtbot.waitUntil(
        lambda: progress.label.text() == "Weekly policy check: Acme: page 1 of 1",
        timeout=CHECK_TIMEOUT_MS,
    )
    held.open()
    qtbot.waitUntil(lambda: checks.check is None, timeout=CHECK_TIMEOUT_MS)
    assert checks.status_progress is None and checks.results_dialog is None
    assert (
        window.statusBar().currentMessage()
        == "Weekly policy check done: 1 checked for the first time."
    )
    assert store.get_setting(LAST_WEEKLY_CHECK_SETTING)

    again = open_window(qtbot, app_dirs, catalog, store)  # not due for a week
    assert online(again).check is None


def test_weekly_check_not_due_or_cancelled_is_not_recorded(
    qtbot: QtBot, server: TlsServer, app_dirs: AppDirs, store: Store
) -> None:
    held = server.hold("/privacy")  # never answered while the test runs
    catalog = acme_catalog(server, app_dirs, 0)
    reviewed(store, catalog)
    set_weekly_check(store, True)
    window = open_window(qtbot, app_dirs, catalog, store)
    checks = online(window)
    assert checks.check is not None
    # The weekly check has told where it is (its first page) before the question below.
    qtbot.waitUntil(lambda: checks.last_progress == ("Acme", 0, 1), timeout=CHECK_TIMEOUT_MS)
    # Asking for the same check meanwhile shows the running one, with its Cancel button.
    window.commands.check_policies.trigger()
    dialog = checks.progress_dialog
    assert dialog is not None and dialog.isVisible() and checks.status_progress is None
    assert dialog.label.text() == "Acme: page 1 of 1"  # where the check is, at once
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: checks.check is None, timeout=CHECK_TIMEOUT_MS)
    assert held.holding  # cancelled while the page was still unanswered
    assert store.get_setting(LAST_WEEKLY_CHECK_SETTING) is None
    assert window.statusBar().currentMessage() == "Weekly policy check cancelled after 0 of 1 page."

    a_day_ago = datetime.now(UTC) - timedelta(days=1)
    from gui.core.online.policy_watch import PolicyCheckResult, PolicyOutcome

    read = PolicyCheckResult("acme", "Acme", "p", "P", "u", PolicyOutcome.UNCHANGED, "", a_day_ago)
    assert record_weekly_check(store, [read], a_day_ago)
    assert not checks.start_weekly_check_if_due()
    assert checks.start_weekly_check_if_due(a_day_ago + timedelta(days=8))
    checks.cancel()
    qtbot.waitUntil(lambda: checks.check is None, timeout=CHECK_TIMEOUT_MS)


QUIT_MID_CHECK = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv)
from gui.core.catalog import load_catalog
from gui.core.paths import resolve
from gui.core.store import Mode, init_store
from gui.desktop.window.main_window import MainWindow
from gui.desktop.window.online_checks import CONFIRM_SETTING

dirs = resolve()
dirs.ensure()
store = init_store(dirs, Mode.UNENCRYPTED)
store.set_setting(CONFIRM_SETTING, "off")
from gui.core.catalog import domains, loader  # the test server is on localhost
real_domain_problem = domains.domain_problem
allowing_localhost = lambda d: None if d == "localhost" else real_domain_problem(d)
domains.domain_problem = loader.domain_problem = allowing_localhost  # as in online_servers
catalog = load_catalog(Path(sys.argv[1]), dirs.user_catalogs)
window = MainWindow(dirs)
window.set_data(catalog, store)
window.show()
window.run_online_check("links")

in_request = Path(sys.argv[2])  # made by the test once the server holds the request

def quit_once_in_the_request() -> None:
    if in_request.exists():
        app.quit()
    else:
        QTimer.singleShot(10, quit_once_in_the_request)

quit_once_in_the_request()
check = window.online.check
code = app.exec()
print("left the event loop with a check in flight:", check is not None)
# Quitting cancelled it and waited for its thread, though the server never answered.
print("its thread had ended:", check is not None and check.shutdown(timeout_ms=0))
sys.exit(code)  # a thread still running here would abort the process
"""


def test_quitting_the_app_mid_check_exits_cleanly(
    server: TlsServer, app_dirs: AppDirs, tmp_path: Path
) -> None:
    held = server.hold("/privacy")  # never answered while the app runs
    acme_catalog(server, app_dirs, 0)
    empty = app_dirs.data / "no-bundled-catalog"
    in_request = tmp_path / "in-request"

    def tell_the_app() -> None:
        if held.reached.wait(60):
            in_request.touch()

    threading.Thread(target=tell_the_app, daemon=True).start()
    done = subprocess.run(
        [sys.executable, "-c", QUIT_MID_CHECK, str(empty), str(in_request)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    assert "QThread" not in done.stderr and "Destroyed" not in done.stderr
    assert "left the event loop with a check in flight: True" in done.stdout
    assert "its thread had ended: True" in done.stdout
    assert held.holding  # it quit inside the request, which was never answered
