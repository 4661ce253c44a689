"""File > Export checklist... and Import checklist...: the store's own export format, with
a file dialog opened non-blocking (``open()``), and the result, or the reason the file was
refused, shown in plain words. ``export_to`` and ``import_from`` do the work and are what
tests call."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from gui.core.store import ImportResult, Store, StoreError, read_export_file
from gui.core.store.files import write_private_file
from gui.desktop.i18n import translate
from gui.desktop.start_folder import system_folder
from gui.desktop.window.messages import show_message, show_store_error

log = logging.getLogger(__name__)


def file_filter() -> str:
    return translate("Transfer", "Privacy Review checklist (*.json)")


def export_to(parent: QWidget | None, store: Store, path: Path) -> bool:
    """Write every decision and its history to ``path`` (private to the user: it holds
    the notes, unencrypted)."""
    try:
        data = json.dumps(store.export_json(), indent=2, ensure_ascii=False) + "\n"
        write_private_file(path, data.encode("utf-8"))
    except StoreError as error:
        show_store_error(parent, translate("Transfer", "Checklist not exported"), error)
        return False
    except OSError as error:
        show_message(
            parent,
            translate("Transfer", "Checklist not exported"),
            translate("Transfer", "The checklist was not exported to {path}: {reason}").format(
                path=path, reason=error.strerror or error
            ),
            icon=QMessageBox.Icon.Warning,
        )
        return False
    show_message(
        parent,
        translate("Transfer", "Checklist exported"),
        translate("Transfer", "Your checklist was exported to {path}.").format(path=path),
        translate(
            "Transfer",
            "The file is not encrypted: it holds your decisions and notes. Keep it somewhere "
            "private.",
        ),
    )
    return True


def import_from(parent: QWidget | None, store: Store, path: Path) -> ImportResult | None:
    """Merge an export file into the store; newer decisions win. Shows the result, or why
    the file was refused (then nothing changed)."""
    try:
        result = store.import_json(read_export_file(path))
    except StoreError as error:  # ImportRejectedError included: its message lists why
        show_store_error(parent, translate("Transfer", "Checklist not imported"), error)
        return None
    log.info("imported a checklist file: %s", result)
    show_message(
        parent,
        translate("Transfer", "Checklist imported"),
        translate("Transfer", "From {path}: {result}.").format(path=path, result=result),
    )
    return result


def choose_export_file(parent: QWidget, then: Callable[[Path], object]) -> QFileDialog:
    # A file name, not words: ISO dates keep a folder of exports in order.
    name = f"privacy-review-checklist-{date.today().isoformat()}.json"
    dialog = QFileDialog(
        parent,
        translate("Transfer", "Export checklist"),
        str(system_folder() / name),
        file_filter(),
    )
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix("json")
    dialog.fileSelected.connect(lambda chosen: then(Path(chosen)))
    dialog.open()
    return dialog


def choose_import_file(parent: QWidget, then: Callable[[Path], None]) -> QFileDialog:
    dialog = QFileDialog(
        parent, translate("Transfer", "Import checklist"), str(system_folder()), file_filter()
    )
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.fileSelected.connect(lambda chosen: then(Path(chosen)))
    dialog.open()
    return dialog
