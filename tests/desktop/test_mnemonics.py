"""Every Alt letter means one thing: a walker collects the mnemonics that are live at the same
time (the menu bar's titles and every visible button, check box, radio button, group box and
buddied label of a window or dialog; the items of each menu) and fails on a letter used twice.

It walks the checklist window with each kind of category, a platform and a flagged decision
selected, every menu, the help windows, the summary's options and print preview, the
guided review's start, category and finish pages, and the dialogs before the checklist
opens (the welcome page, the passphrase prompts, the "unencrypted" confirmation and the key
problem dialog). (The issue: the detail pane's Note was
Alt+T, like the Tools menu and the Topic filter; "I turned it off" and "Decide later" took
Alt+F and Alt+R from the File and Review menus.)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QToolBar,
    QToolButton,
    QWidget,
)

from gui.core.catalog import Catalog
from gui.core.checklist import Status
from gui.core.paths import AppDirs
from gui.core.store import Store
from gui.desktop.window.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def mnemonic(text: str) -> str | None:
    """The Alt letter of a label ("&&" is a literal ampersand), lowercased."""
    index = 0
    while (index := text.find("&", index)) != -1:
        if index + 1 >= len(text):
            return None
        following = text[index + 1]
        if following != "&" and not following.isspace():
            return following.casefold()
        index += 2
    return None


def test_mnemonic_reads_like_qt() -> None:
    assert mnemonic("&File") == "f"
    assert mnemonic("Fish && chips") is None
    assert mnemonic("Fish && &chips") == "c"
    assert mnemonic("Top&ic:") == "i"


def widget_mnemonics(window: QWidget) -> Iterator[tuple[str, str]]:
    """(letter, what has it) for everything with a live Alt letter in ``window``."""
    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            if action.isVisible() and (letter := mnemonic(action.text())):
                yield letter, f"menu {action.text()!r}"
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.window() is not window:
            continue
        text = ""
        if isinstance(widget, QToolButton) and (
            widget.defaultAction() is not None or isinstance(widget.parentWidget(), QToolBar)
        ):
            continue  # a toolbar button shows its action's text without an Alt letter
        if isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            text = widget.text()
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        if letter := mnemonic(text):
            yield letter, f"{type(widget).__name__} {text!r}"


def menu_mnemonics(menu: QMenu) -> Iterator[tuple[str, str]]:
    for action in menu.actions():
        if action.isVisible() and not action.isSeparator() and (letter := mnemonic(action.text())):
            yield letter, f"menu item {action.text()!r}"


def clashes(found: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    owners: dict[str, list[str]] = defaultdict(list)
    for letter, owner in found:
        owners[letter].append(owner)
    return {letter: names for letter, names in owners.items() if len(names) > 1}


def assert_unique(window: QWidget, where: str) -> None:
    found = clashes(widget_mnemonics(window))
    assert not found, f"{where}: Alt letters used twice: {found}"


@pytest.fixture
def window(qtbot, app_dirs: AppDirs, catalog: Catalog, store: Store) -> MainWindow:
    window = MainWindow(app_dirs)
    qtbot.addWidget(window)
    window.set_data(catalog, store)
    window.finish_shell()
    window.show()
    qtbot.waitExposed(window)
    return window


def one_category_per_control(catalog: Catalog) -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    for platform in catalog.platforms:
        for category in platform.categories:
            found.setdefault(category.control_for(None).kind, (platform.id, category.id))
    return found


def test_the_walker_finds_a_clash(qtbot) -> None:
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QPushButton("&Open"))
    layout.addWidget(QPushButton("&Other"))
    found = clashes(widget_mnemonics(dialog))
    assert found == {"o": ["QPushButton '&Open'", "QPushButton '&Other'"]}


def test_the_checklist_window_with_each_kind_of_category(
    window: MainWindow, catalog: Catalog, store: Store
) -> None:
    panel = window.panel
    kinds = one_category_per_control(catalog)
    assert {"toggle", "form", "none"} <= set(kinds)
    for kind, (platform_id, category_id) in kinds.items():
        assert panel.select(platform_id, category_id)
        assert_unique(window, f"checklist window, {kind} category")
        panel.detail.editor.radio(Status.LATER).click()  # the note becomes editable
        assert_unique(window, f"checklist window, {kind} category decided")
    # A decision on an entry that changed since: the confirm button shows.
    platform = catalog.platforms[0]
    category = platform.categories[0]
    store.record(platform.id, category.id, Status.KEPT, "", "0" * 16)
    window.reload()
    panel.select(platform.id, category.id)
    assert panel.detail.confirm_button.isVisibleTo(window)
    assert_unique(window, "checklist window, changed category")
    panel.select(platform.id)
    assert panel.detail.platform_page.isVisibleTo(window)
    assert_unique(window, "checklist window, platform")


def test_every_menu(window: MainWindow) -> None:
    for action in window.menuBar().actions():
        menu = action.menu()
        if menu is not None:
            found = clashes(menu_mnemonics(menu))
            assert not found, f"menu {action.text()!r}: Alt letters used twice: {found}"
            assert all(mnemonic(a.text()) for a in menu.actions() if not a.isSeparator()), (
                f"menu {action.text()!r}: an item without an Alt letter"
            )


def test_help_and_summary_dialogs(qtbot, window: MainWindow, catalog: Catalog, store) -> None:
    from gui.core.summary.model import SummaryOptions
    from gui.desktop.summary.dialogs import SummaryOptionsDialog, print_summary

    location = window.show_data_location()
    assert_unique(location, "Where your data is")
    location.close()
    help_window = window.show_help()
    assert_unique(help_window, "Help")
    help_window.close()
    options = SummaryOptionsDialog(catalog, page_size="a4")
    qtbot.addWidget(options)
    options.show()
    assert_unique(options, "Summary options")
    flow = print_summary(window, catalog, store, SummaryOptions())
    preview = flow.dialog
    assert preview is not None
    qtbot.waitExposed(preview)
    assert_unique(preview, "Print preview")
    preview.close()


def test_the_guided_review(qtbot, window: MainWindow, catalog: Catalog) -> None:
    from gui.core.review.plan import PlanChoice, Scope

    wizard = window.start_review()
    qtbot.waitExposed(wizard)
    assert_unique(wizard, "guided review, start page")
    wizard.start_page.set_choice(
        PlanChoice(Scope.EVERYTHING, tuple(p.id for p in catalog.platforms))
    )
    wizard.go_next()
    assert not wizard.on_start_page()
    kinds = set(one_category_per_control(catalog))
    seen: set[str] = set()
    for _page in range(len(wizard.steps)):
        if wizard.on_finish_page():
            break
        row = wizard.current_row()
        kind = row.category.control_for(None).kind if row and row.category else ""
        if kind not in seen:
            seen.add(kind)
            assert_unique(wizard, f"guided review, {kind} category")
        wizard.skip()
    assert seen == kinds
    assert wizard.on_finish_page()
    assert_unique(wizard, "guided review, finish page")
    wizard.reject()
    QApplication.processEvents()


def test_your_requests(qtbot, window: MainWindow, catalog: Catalog, store: Store) -> None:
    from gui.core.requests import Kind, Law
    from gui.core.store.requests_store import RequestBook

    book = RequestBook(store)
    request = book.add("x", Kind.OBJECTION, Law.GDPR, grounds="Mine.")
    book.mark_sent(request.id, date(2026, 1, 5))
    window.commands.your_requests.trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if w.windowTitle() == "Your requests")
    qtbot.waitExposed(dialog)
    dialog.select(request.id)
    assert_unique(dialog, "Your requests")
    dialog.follow_up_button.click()
    letter = dialog.letter_dialog
    qtbot.waitExposed(letter)
    assert_unique(letter, "Reminder letter")
    letter.close()
    dialog.close()


def test_the_dialogs_before_the_checklist_opens(qtbot, app_dirs: AppDirs, monkeypatch) -> None:
    import keyring.core

    from gui.core.store import KeyUnavailableError, open_store
    from gui.desktop.window.key_problem_dialog import KeyProblemDialog
    from gui.desktop.window.store_dialogs import PassphraseDialog, wrong_passphrase
    from gui.desktop.window.welcome_dialog import WelcomeDialog, unencrypted_box

    from support.keyrings import InMemoryKeyring, LockedKeyring

    def walk(dialog: QDialog, where: str) -> None:
        qtbot.addWidget(dialog)
        dialog.show()
        assert_unique(dialog, where)
        found = list(widget_mnemonics(dialog))
        assert found, f"{where}: no Alt letters at all"
        dialog.close()

    walk(WelcomeDialog(None, keyring_available=True), "welcome page with a keyring")
    walk(WelcomeDialog(None, keyring_available=False), "welcome page without a keyring")
    walk(PassphraseDialog(None, new=True), "new passphrase")
    walk(PassphraseDialog(None, new=False), "existing passphrase")
    walk(PassphraseDialog(None, new=False, problem=wrong_passphrase()), "wrong passphrase")
    box, _go_back = unencrypted_box(None)
    walk(box, "unencrypted confirmation")

    def refusal() -> KeyUnavailableError:
        try:
            open_store(app_dirs).close()
        except KeyUnavailableError as error:
            return error
        raise AssertionError("the checklist opened")

    monkeypatch.setattr(keyring.core, "_keyring_backend", LockedKeyring())
    walk(KeyProblemDialog(None, refusal()), "key problem, new checklist")
    monkeypatch.setattr(keyring.core, "_keyring_backend", InMemoryKeyring())
    open_store(app_dirs).close()
    monkeypatch.setattr(keyring.core, "_keyring_backend", LockedKeyring())
    walk(KeyProblemDialog(None, refusal()), "key problem, locked keyring")
    monkeypatch.setattr(keyring.core, "_keyring_backend", InMemoryKeyring())
    walk(KeyProblemDialog(None, refusal(), problem="Not that file."), "key problem, key gone")
