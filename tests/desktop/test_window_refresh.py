"""The window picks up what the command line changed while it was open: a ``mark`` through
a second, real connection to the same store shows when the user comes back to the window
(the window is activated again), with the selection kept."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from gui.core.catalog import Catalog, load_catalog
from gui.core.checklist import Status
from gui.core.paths import AppDirs
from gui.core.store import Store, open_store
from gui.core.words import status_words
from gui.desktop.window.checklist_model import Column
from gui.desktop.window.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_a_mark_from_the_command_line_shows_when_the_window_is_activated(
    qtbot, app_dirs: AppDirs, store: Store
) -> None:
    catalog: Catalog = load_catalog()
    window = MainWindow(app_dirs)
    qtbot.addWidget(window)
    window.set_data(catalog, store)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    platform = catalog.platforms[0]
    category = platform.categories[3]
    panel = window.panel
    assert panel.select(platform.id, category.id)

    # The user goes to a terminal (another window takes the focus) and runs ``mark``.
    terminal = QWidget()
    qtbot.addWidget(terminal)
    terminal.show()
    terminal.activateWindow()
    qtbot.waitUntil(lambda: not window.isActiveWindow())
    other = open_store(app_dirs)  # what the ``mark`` command opens: its own connection
    try:
        other.record(
            platform.id, category.id, Status.NOT_APPLICABLE, "from the CLI", category.fingerprint
        )
    finally:
        other.close()
    index = panel.proxy.mapFromSource(
        panel.model.index_for(platform.id, category.id).siblingAtColumn(Column.STATUS)
    )
    assert index.data() == "Not reviewed"  # nothing polls the store behind the user's back

    window.activateWindow()  # back to the window
    qtbot.waitUntil(lambda: index.data() == status_words(Status.NOT_APPLICABLE))
    assert panel.current_key() == (platform.id, category.id)
    assert panel.detail.row is not None and panel.detail.row.status is Status.NOT_APPLICABLE
    assert panel.detail.history.texts()[0][2] == "from the CLI"
