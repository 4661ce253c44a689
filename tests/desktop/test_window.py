"""The checklist window against a real store: editing in place, history, filtering, reload
on activation, remembered layout, start-up, and the dialogs that must not block."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.core.catalog import Catalog
from gui.core.checklist import Status
from gui.core.paths import AppDirs
from gui.core.store import Store, open_store
from gui.core.words import status_words
from gui.desktop.window.checklist_model import Column
from gui.desktop.window.main_window import MainWindow
from gui.desktop.window.transfer import export_to, import_from

from support.prompts import FakePrompts

# The offscreen platform says this whenever a main window is shown; it is not our warning.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def close_message_boxes() -> list[str]:
    texts = []
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            texts.append(widget.text())
            widget.close()
    return texts


def category_index(window: MainWindow, platform_id: str, category_id: str, column: int = 0):
    assert window.panel is not None
    source = window.panel.model.index_for(platform_id, category_id)
    return window.panel.proxy.mapFromSource(source.siblingAtColumn(column))


def test_shell_shows_before_data(qtbot, app_dirs: AppDirs) -> None:
    window = MainWindow(app_dirs)
    qtbot.addWidget(window)
    window.show()
    assert window.panel is None
    assert not window.commands.print_summary.isEnabled()
    assert "Opening" in window.location_label.text()
    window.print_summary()  # nothing to print yet: no error


def test_tree_shows_every_platform_with_progress(window: MainWindow, catalog: Catalog) -> None:
    assert window.panel is not None
    proxy = window.panel.proxy
    assert proxy.rowCount() == len(catalog.platforms)
    first = catalog.platforms[0]
    assert proxy.index(0, 0).data() == first.name
    assert proxy.index(0, Column.STATUS).data() == f"0 of {len(first.categories)} reviewed"
    assert window.commands.print_summary.isEnabled()


def test_status_bar_says_where_and_how_protected(window: MainWindow, store: Store) -> None:
    assert store.encrypted
    text = window.location_label.text()
    assert str(store.path) in text and "Encrypted" in text and "NOT" not in text
    assert text.index("Encrypted") < text.index(str(store.path))  # a narrow window cuts the path
    assert "Keyring" not in text and "keyrings" not in text  # no backend's name
    assert str(store.path) in window.location_label.toolTip()


def test_unencrypted_store_gets_the_plain_warning(qtbot, app_dirs: AppDirs, catalog) -> None:
    from gui.core.store import Mode, init_store

    store = init_store(app_dirs, Mode.UNENCRYPTED)
    window = MainWindow(app_dirs)
    qtbot.addWidget(window)
    window.set_data(catalog, store)
    assert "NOT encrypted" in window.location_label.text()
    store.close()


def test_status_edited_in_the_tree_is_stored(window: MainWindow, store: Store, catalog) -> None:
    platform = catalog.platforms[1]
    category = platform.categories[0]
    index = category_index(window, platform.id, category.id, Column.STATUS)
    assert index.flags() & Qt.ItemFlag.ItemIsEditable
    assert window.panel.proxy.setData(index, Status.OPTED_OUT.value)
    decision = store.decision(platform.id, category.id)
    assert decision is not None and decision.status is Status.OPTED_OUT
    assert decision.fingerprint == category.fingerprint
    assert index.data() == status_words(Status.OPTED_OUT, category.control_for(None).kind)
    note_index = category_index(window, platform.id, category.id, Column.NOTE)
    assert window.panel.proxy.setData(note_index, "done on the laptop")
    assert store.decision(platform.id, category.id).note == "done on the laptop"
    progress = window.panel.proxy.index(1, Column.STATUS).data()
    assert progress.startswith(f"1 of {len(platform.categories)} reviewed")


def test_the_tree_status_editor_commits(qtbot, window: MainWindow, store: Store, catalog) -> None:
    from PySide6.QtWidgets import QComboBox

    platform = catalog.platforms[0]
    category = platform.categories[2]
    window.show()
    qtbot.waitExposed(window)
    index = category_index(window, platform.id, category.id, Column.STATUS)
    tree = window.panel.tree
    tree.setCurrentIndex(index)
    tree.edit(index)
    combo = tree.indexWidget(index) or tree.findChild(QComboBox)
    assert isinstance(combo, QComboBox)
    position = combo.findData(Status.KEPT.value)
    combo.setCurrentIndex(position)
    combo.activated.emit(position)
    assert store.decision(platform.id, category.id).status is Status.KEPT


def test_detail_pane_edits_in_place_and_shows_history(
    qtbot, window: MainWindow, store: Store, catalog
) -> None:
    platform = catalog.platforms[0]
    category = platform.categories[0]
    assert window.panel.select(platform.id, category.id)
    detail = window.panel.detail
    assert detail.row is not None and detail.row.category_id == category.id
    assert detail.category_view.title_label.text() == category.title
    assert detail.history_empty.isVisibleTo(detail)

    detail.editor.radio(Status.LATER).setChecked(True)  # a choice is saved at once
    assert store.decision(platform.id, category.id).status is Status.LATER
    detail.editor.radio(Status.OPTED_OUT).setChecked(True)
    # A note is saved after a pause in typing (one history entry, not one per key).
    detail.editor.note_edit.setPlainText("via the app")
    assert store.decision(platform.id, category.id).note == ""
    qtbot.waitUntil(lambda: store.decision(platform.id, category.id).note == "via the app")

    history = detail.history.texts()
    # The words follow the vocabulary (gui.core.words); the shape of the history is the test.
    changes = [change for _when, change, _note in history]
    assert len(changes) == 3
    assert changes[0].endswith("(confirmed or note changed)")
    assert changes[1].endswith("→ " + changes[0].split(" (")[0])
    assert changes[2].startswith("Not reviewed → ")
    assert history[0][2] == "via the app"
    status_index = category_index(window, platform.id, category.id, Column.STATUS)
    assert status_index.data() == "Opted out"


def test_note_being_typed_is_saved_when_the_selection_moves(window: MainWindow, store, catalog):
    platform = catalog.platforms[0]
    first, second = platform.categories[0], platform.categories[1]
    window.panel.select(platform.id, first.id)
    detail = window.panel.detail
    detail.editor.radio(Status.KEPT).setChecked(True)
    detail.editor.note_edit.setPlainText("half a thought")
    window.panel.select(platform.id, second.id)
    assert store.decision(platform.id, first.id).note == "half a thought"


def test_confirming_a_changed_decision_renews_it(window: MainWindow, store, catalog) -> None:
    platform = catalog.platforms[0]
    category = platform.categories[0]
    store.record(platform.id, category.id, Status.OPTED_OUT, "", "0" * 16)  # old fingerprint
    window.reload()
    window.panel.select(platform.id, category.id)
    detail = window.panel.detail
    assert detail.confirm_button.isVisibleTo(detail)
    flags = category_index(window, platform.id, category.id, Column.FLAGS).data()
    assert flags == "changed since you decided"
    detail.confirm_button.click()
    assert store.decision(platform.id, category.id).fingerprint == category.fingerprint
    assert category_index(window, platform.id, category.id, Column.FLAGS).data() == ""


def test_filters_from_the_filter_bar(window: MainWindow, catalog) -> None:
    panel = window.panel
    bar = panel.filter_bar
    target = catalog.platforms[2].categories[1]
    bar.search.setText(target.title.upper())
    shown, total = panel.shown_count()
    assert 1 <= shown < total
    assert "Showing" in window.shown_label.text()
    bar.clear()
    assert window.shown_label.text() == ""
    panel.record_decision(
        panel.model.row_for(panel.model.index_for("x", catalog.platform("x").categories[0].id)),
        Status.OPTED_OUT,
        "",
    )
    bar.attention.setChecked(True)
    assert panel.shown_count()[0] == total - 1
    bar.clear()
    bar.status.setCurrentIndex(bar.status.findData(Status.OPTED_OUT.value))
    assert panel.shown_count()[0] == 1
    bar.clear()
    bar.topic.setCurrentIndex(bar.topic.findData("ai-training"))
    expected = sum(1 for p in catalog.platforms for c in p.categories if "ai-training" in c.topics)
    assert panel.shown_count()[0] == expected


def test_find_shortcut_focuses_the_search_field(qtbot, window: MainWindow) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.finish_shell()
    assert (
        window.commands.find.shortcut().matches(window.commands.find.shortcut())
        and not window.commands.find.shortcut().isEmpty()
    )
    window.commands.find.trigger()
    assert window.panel.filter_bar.search.hasFocus() or (
        QApplication.focusWidget() is window.panel.filter_bar.search
    )
    assert window.commands.quit.shortcut().toString() == "Ctrl+Q"
    assert not window.commands.print_summary.shortcut().isEmpty()


def test_changes_from_the_command_line_appear_on_activation(
    window: MainWindow, app_dirs: AppDirs, catalog
) -> None:
    platform = catalog.platforms[0]
    category = platform.categories[3]
    window.panel.select(platform.id, category.id)
    other = open_store(app_dirs)  # another process, as far as SQLite is concerned
    other.record(
        platform.id, category.id, Status.NOT_APPLICABLE, "from the CLI", category.fingerprint
    )
    other.close()
    index = category_index(window, platform.id, category.id, Column.STATUS)
    assert index.data() == "Not reviewed"
    QApplication.sendEvent(window, QEvent(QEvent.Type.ActivationChange))
    # isActiveWindow() is False offscreen without focus: call what activation calls.
    window.reload()
    assert index.data() == status_words(Status.NOT_APPLICABLE)
    assert window.panel.current_key() == (platform.id, category.id)  # selection kept
    assert window.panel.detail.history.texts()[0][2] == "from the CLI"


def test_window_layout_is_remembered(qtbot, app_dirs: AppDirs, catalog, store) -> None:
    first = MainWindow(app_dirs)
    qtbot.addWidget(first)
    first.set_data(catalog, store)
    first.resize(700, 500)
    first.panel.setSizes([600, 300])
    # As if dragged (the category column stretches: its width follows the others').
    first.panel.tree.header().resizeSection(Column.STATUS, 122)
    first.panel.tree.header().resizeSection(Column.NOTE, 150)
    first.show()
    qtbot.waitExposed(first)
    first.close()
    assert (app_dirs.config / "window.ini").is_file()

    second = MainWindow(app_dirs)
    qtbot.addWidget(second)
    second.set_data(catalog, store)
    assert (second.size().width(), second.size().height()) == (700, 500)
    assert second.panel.tree.columnWidth(Column.STATUS) == 122
    # As the user set it, not as narrow as the 700-pixel window made it.
    assert second.panel.tree.columnWidth(Column.NOTE) == 150
    assert second.panel.sizes()[0] > second.panel.sizes()[1]


def test_export_then_import(window: MainWindow, store: Store, tmp_path: Path, catalog) -> None:
    platform = catalog.platforms[0]
    store.record(
        platform.id, platform.categories[0].id, Status.KEPT, "n", platform.categories[0].fingerprint
    )
    target = tmp_path / "export.json"
    assert export_to(window, store, target)
    assert json.loads(target.read_text(encoding="utf-8"))
    assert target.stat().st_mode & 0o077 == 0
    assert any("exported" in text for text in close_message_boxes())
    result = import_from(window, store, target)
    assert result is not None and result.decisions_kept == 1
    close_message_boxes()

    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert import_from(window, store, bad) is None
    assert any("not imported" in text for text in close_message_boxes())


def test_help_dialogs_do_not_block(window: MainWindow, app_dirs: AppDirs) -> None:
    dialog = window.show_data_location()
    assert dialog.isVisible() and len(dialog.folder_buttons) == 5
    dialog.close()
    box = window.show_about()
    assert "Privacy Review" in box.text()
    box.close()


def test_crash_hook_shows_error_and_log_path(tmp_path: Path) -> None:
    from gui.desktop.infra.crash import CrashHandler

    shown: list[tuple[str, str, str]] = []
    handler = CrashHandler(tmp_path / "app.log", show=lambda *args: shown.append(args))
    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        handler(type(error), error, error.__traceback__)
    (title, text, details) = shown[0]
    assert "boom" in text and str(tmp_path / "app.log") in text
    assert "Traceback" in details and "RuntimeError" in details


def test_logging_goes_to_a_rotated_file(app_dirs: AppDirs) -> None:
    import logging
    import logging.handlers

    from gui.desktop.infra.diagnostics import setup_logging

    app_dirs.ensure()
    path = setup_logging(app_dirs.log)
    root = logging.getLogger()
    handler = next(h for h in root.handlers if getattr(h, "baseFilename", "") == str(path))
    try:
        assert isinstance(handler, logging.handlers.RotatingFileHandler)
        assert handler.maxBytes > 0 and handler.backupCount > 0
        logging.getLogger("gui.test").warning("hello log")
        handler.flush()
        assert "hello log" in path.read_text(encoding="utf-8")
    finally:
        root.removeHandler(handler)
        handler.close()


def startup_args(**extra: object) -> argparse.Namespace:
    return argparse.Namespace(data_dir=None, profile_startup=False, **extra)


def test_startup_paints_then_loads_and_opens_the_wizard_on_first_start(
    qtbot, app_dirs: AppDirs
) -> None:
    from gui.desktop.infra.startup import Startup
    from gui.desktop.wizard.wizard import ReviewWizard

    app_dirs.ensure()
    window = MainWindow(app_dirs)
    qtbot.addWidget(window)
    startup = Startup(window, app_dirs, startup_args(), started_at=0.0, prompts=FakePrompts())
    with qtbot.waitSignal(startup.ready, timeout=10_000):
        startup.begin()
    assert startup.first_paint_ms is not None and startup.ready_ms is not None
    assert window.panel is not None
    assert isinstance(startup.wizard, ReviewWizard)  # empty checklist: the wizard opens
    startup.wizard.reject()
    assert list(app_dirs.backups.glob("*"))  # the daily backup was made
    window.store.close()


def test_profile_startup_reports_both_moments(qtbot, app_dirs: AppDirs) -> None:
    from gui.desktop.infra.startup import Startup

    app_dirs.ensure()
    window = MainWindow(app_dirs)
    qtbot.addWidget(window)
    lines: list[str] = []
    args = startup_args()
    args.profile_startup = True
    startup = Startup(
        window, app_dirs, args, started_at=0.0, prompts=FakePrompts(), report=lines.append
    )
    with qtbot.waitSignal(startup.ready, timeout=10_000):
        startup.begin()
    assert [line.split()[0] for line in lines] == ["first-paint-ms", "ready-ms"]
    assert startup.wizard is None
    qtbot.waitUntil(lambda: not window.isVisible())
    window.store.close()


def test_startup_reads_the_catalog_through_its_cache_and_sets_shortcuts_when_ready(
    qtbot, app_dirs: AppDirs
) -> None:
    from gui.core.catalog.cache import CACHE_NAME
    from gui.desktop.infra.startup import Startup

    app_dirs.ensure()
    window = MainWindow(app_dirs)
    qtbot.addWidget(window)
    args = startup_args()
    args.profile_startup = True  # closes the window once ready
    startup = Startup(
        window, app_dirs, args, started_at=0.0, prompts=FakePrompts(), report=lambda _line: None
    )
    with qtbot.waitSignal(startup.ready, timeout=10_000):
        startup.begin()
    assert (app_dirs.cache / "catalog" / CACHE_NAME).is_file()
    assert window._shell_finished  # shortcuts are in by the time the checklist is ready
    qtbot.waitUntil(lambda: not window.isVisible())
    window.store.close()


def test_startup_log_records_from_before_the_log_file_are_written_to_it(
    app_dirs: AppDirs,
) -> None:
    import logging

    from gui.desktop.infra.diagnostics import EarlyLogBuffer, buffer_early_logs, setup_logging

    app_dirs.ensure()
    root = logging.getLogger()
    buffer_early_logs()
    logging.getLogger("gui.test").error("before the file")
    path = setup_logging(app_dirs.log)
    handler = next(h for h in root.handlers if getattr(h, "baseFilename", "") == str(path))
    try:
        assert not any(isinstance(h, EarlyLogBuffer) for h in root.handlers)
        handler.flush()
        assert "before the file" in path.read_text(encoding="utf-8")
    finally:
        root.removeHandler(handler)
        handler.close()


CHILD_IMPORTS = """
import json, linecache, sys
import PySide6.QtCore
from gui.desktop.infra.qt_imports import quiet_pyside_import_hook
done = quiet_pyside_import_hook()
import gui.core.online.policy_watch, gui.core.online.settings
import gui.desktop.window.main_window
print(json.dumps({"done": done, "modules": sorted(sys.modules),
                  "read": [f for f in linecache.cache if "main_window" in f]}))
"""


def test_startup_modules_are_not_read_as_source_and_notices_load_no_network_code() -> None:
    import subprocess
    import sys

    from conftest import REPO_ROOT

    result = subprocess.run(
        [sys.executable, "-c", CHILD_IMPORTS],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["done"]  # PySide6's source search was replaced
    assert found["read"] == []  # and no module imported after it was read as text
    network = {"requests", "gui.core.online.http", "gui.core.online.links", "html.parser"}
    assert network.isdisjoint(found["modules"])


def test_no_module_of_the_app_uses_pyside_features() -> None:
    # ``quiet_pyside_import_hook`` is only safe while nothing opts in to PySide6's
    # ``__feature__`` switches (snake_case, true_property).
    from conftest import REPO_ROOT

    users = [
        path
        for path in (REPO_ROOT / "gui").rglob("*.py")
        if "__feature__" in path.read_text(encoding="utf-8") and path.name != "qt_imports.py"
    ]
    assert users == []


def test_no_index_is_left_dangling(window: MainWindow) -> None:
    assert not window.panel.model.row_for(QModelIndex())
