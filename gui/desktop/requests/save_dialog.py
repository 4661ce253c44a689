"""A letter's "Save as…", shared by the drafting dialog and the follow-up and complaint
letters: a file dialog opened with ``open()`` (nothing blocks, and tests drive it as the
user does) that starts in the folder a letter was last saved to. The letter is written as
PDF, text or Markdown by the name's extension; a bare name gets the chosen filter's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from gui.core import remembered
from gui.core.remembered import Folder, SettingsStore
from gui.core.requests.letters import Letter
from gui.desktop.i18n import translate
from gui.desktop.requests.pdf import save_letter
from gui.desktop.start_folder import start_folder


def letter_filters() -> tuple[tuple[str, str], ...]:
    """The file dialog's filters, in the order shown, with the extension each adds."""
    return (
        (translate("LetterSaveDialog", "PDF (*.pdf)"), "pdf"),
        (translate("LetterSaveDialog", "Text (*.txt)"), "txt"),
        (translate("LetterSaveDialog", "Markdown (*.md)"), "md"),
    )


def open_save_dialog(
    parent: QWidget, name: str, settings: SettingsStore | None, save: Callable[[Path], None]
) -> QFileDialog:
    """Ask where to save the letter (``name`` proposed) and call ``save(path)`` with the
    answer. Returns the dialog, already open."""
    filters = letter_filters()
    dialog = QFileDialog(
        parent,
        translate("LetterSaveDialog", "Save the letter"),
        str(start_folder(settings, Folder.LETTER) / name),
    )
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setNameFilters([label for label, _ in filters])
    dialog.setDefaultSuffix(filters[0][1])

    def filter_chosen(label: str) -> None:
        dialog.setDefaultSuffix(dict(filters).get(label, filters[0][1]))

    def file_chosen(chosen: str) -> None:
        path = Path(chosen)
        if not path.suffix:
            suffix = dict(filters).get(dialog.selectedNameFilter(), filters[0][1])
            path = path.with_name(f"{path.name}.{suffix}")
        save(path)

    dialog.filterSelected.connect(filter_chosen)
    dialog.fileSelected.connect(file_chosen)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def save_letter_file(letter: Letter, path: Path, settings: SettingsStore | None) -> str:
    """Write the letter to ``path`` and say so, or say what went wrong; the folder (never
    the file's name) is remembered for the next letter."""
    problem = save_letter(letter, path)
    if problem:
        return problem
    remembered.remember_folder(settings, Folder.LETTER, path.parent)
    return translate("LetterSaveDialog", "Saved as {path}.").format(path=path)
