"""The summary's dialogs: options (platforms, notes, unreviewed items, paper), print preview
and "Save summary as...".

The main window and the wizard call two functions:

    print_summary(parent, catalog, decisions, options=None)      # File > Print summary...
    save_summary_as(parent, catalog, decisions, options=None)    # File > Save summary as...

``decisions`` is a list of ``Decision`` or the store itself (anything with
``decisions()``). With ``options=None`` the user is asked for them first. Every dialog is
opened with ``open()``, never ``exec()``: nothing blocks, and tests drive the same code the
user does. Both functions return the ``SummaryFlow`` that runs the steps; its ``dialog``
attribute is the dialog open at the moment.

Given the store, the options start as the user last chose them, and "Save summary as"
starts in the folder and the format last saved to (``gui.core.remembered``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from gui.core import remembered
from gui.core.catalog import Catalog
from gui.core.checklist import Decision
from gui.core.remembered import Folder, SummaryChoices
from gui.core.store import Store
from gui.core.store.findings import database_of, load_readings
from gui.core.summary.export import DecisionSource, collect_decisions, write_summary
from gui.core.summary.exports import with_exports
from gui.core.summary.model import Summary, SummaryOptions, build_summary, format_for_path
from gui.desktop.i18n import translate
from gui.desktop.start_folder import start_folder
from gui.desktop.summary.pdf import (
    PAGE_SIZES,
    apply_page_setup,
    default_page_size,
    page_size_label,
    paint_summary,
    render_pdf,
)
from gui.desktop.window.print_preview import PrintPreviewDialog

DEFAULT_FORMAT = "pdf"

# Flows whose dialogs are open. A flow started with no parent widget would otherwise be
# collected by Python while its dialog is still on screen.
_running: set[SummaryFlow] = set()


def save_filters() -> tuple[tuple[str, str], ...]:
    """The file dialog's filters, in the order shown, with the format each writes (whose
    extension is the one a bare name gets)."""
    return (
        (translate("SummaryFlow", "PDF document (*.pdf)"), "pdf"),
        (translate("SummaryFlow", "Web page (*.html *.htm)"), "html"),
        (translate("SummaryFlow", "Markdown (*.md *.markdown)"), "md"),
        (translate("SummaryFlow", "Plain text (*.txt)"), "txt"),
    )


class SummaryOptionsDialog(QDialog):
    """Which platforms, whether to include notes and unreviewed items, and (for saving a
    PDF) the paper size."""

    def __init__(
        self,
        catalog: Catalog,
        options: SummaryOptions | None = None,
        parent: QWidget | None = None,
        *,
        page_size: str | None = None,
    ) -> None:
        super().__init__(parent)
        options = options or SummaryOptions()
        self._base = options
        self.setWindowTitle(translate("SummaryOptionsDialog", "Summary options"))
        layout = QVBoxLayout(self)

        platforms_box = QGroupBox(translate("SummaryOptionsDialog", "Platforms to include"))
        platforms_layout = QVBoxLayout(platforms_box)
        self.platform_list = QListWidget()
        chosen = set(options.platform_ids) if options.platform_ids is not None else None
        for platform in catalog.platforms:
            item = QListWidgetItem(platform.name)
            item.setData(Qt.ItemDataRole.UserRole, platform.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = chosen is None or platform.id in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.platform_list.addItem(item)
        platforms_layout.addWidget(self.platform_list)
        layout.addWidget(platforms_box)

        self.notes_box = QCheckBox(translate("SummaryOptionsDialog", "Include my notes"))
        self.notes_box.setChecked(options.include_notes)
        self.notes_box.setToolTip(
            translate(
                "SummaryOptionsDialog",
                "Notes may be private; leave them out of a printout to share.",
            )
        )
        self.unreviewed_box = QCheckBox(
            translate("SummaryOptionsDialog", "Include categories I have not reviewed yet")
        )
        self.unreviewed_box.setChecked(options.include_unreviewed)
        # Off by default: an export can say more about a person than the checklist does.
        self.exports_box = QCheckBox(
            translate("SummaryOptionsDialog", "Include what my data exports showed")
        )
        self.exports_box.setChecked(options.include_exports)
        self.exports_box.setToolTip(
            translate(
                "SummaryOptionsDialog",
                "Adds \u201cWhat your exports show\u201d: the findings kept from the exports "
                "you read (File > Read a data export…). Leave it off for a printout to share.",
            )
        )
        layout.addWidget(self.notes_box)
        layout.addWidget(self.unreviewed_box)
        layout.addWidget(self.exports_box)

        self.page_size_combo: QComboBox | None = None
        if page_size is not None:
            form = QFormLayout()
            self.page_size_combo = QComboBox()
            for size in PAGE_SIZES:
                self.page_size_combo.addItem(page_size_label(size), size)
            self.page_size_combo.setCurrentIndex(PAGE_SIZES.index(page_size))
            form.addRow(
                translate("SummaryOptionsDialog", "Paper size for PDF:"), self.page_size_combo
            )
            layout.addLayout(form)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.hint = QLabel(translate("SummaryOptionsDialog", "Choose at least one platform."))
        self.hint.setVisible(False)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.platform_list.itemChanged.connect(self._update_ok)
        self._update_ok()

    def chosen_platform_ids(self) -> list[str]:
        ids = []
        for row in range(self.platform_list.count()):
            item = self.platform_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                ids.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return ids

    def options(self) -> SummaryOptions:
        ids = self.chosen_platform_ids()
        every = len(ids) == self.platform_list.count()
        return SummaryOptions(
            # All checked means "everything", which also keeps decisions on platforms that
            # have left the catalog.
            platform_ids=None if every else tuple(ids),
            include_notes=self.notes_box.isChecked(),
            include_unreviewed=self.unreviewed_box.isChecked(),
            country=self._base.country,
            recheck_days=self._base.recheck_days,
            include_exports=self.exports_box.isChecked(),
        )

    def page_size(self) -> str:
        if self.page_size_combo is None:
            return default_page_size()
        return str(self.page_size_combo.currentData())

    def _update_ok(self) -> None:
        any_chosen = bool(self.chosen_platform_ids())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(any_chosen)
        self.hint.setVisible(not any_chosen)


def _options_from(
    choices: SummaryChoices, catalog: Catalog, recheck_days: int | None
) -> SummaryOptions:
    """The options the dialog starts from: the choices last made, for the platforms still
    in the catalog (none of them left: every platform)."""
    platform_ids = choices.platform_ids
    if platform_ids is not None:
        known = {platform.id for platform in catalog.platforms}
        platform_ids = tuple(pid for pid in platform_ids if pid in known) or None
    options = SummaryOptions(
        platform_ids=platform_ids,
        include_notes=choices.include_notes,
        include_unreviewed=choices.include_unreviewed,
        include_exports=choices.include_exports,
    )
    if recheck_days is not None:
        options = dataclasses.replace(options, recheck_days=recheck_days)
    return options


class SummaryFlow(QObject):
    """The steps of printing or saving: options, then the preview or the file dialog.

    ``dialog`` is the dialog currently open (None once finished). ``saved`` is the path
    written by a save flow; ``error`` the message shown when writing failed.
    """

    def __init__(
        self,
        parent: QWidget | None,
        catalog: Catalog,
        decisions: Iterable[Decision] | DecisionSource,
        options: SummaryOptions | None,
        *,
        now: datetime | None = None,
        on_saved: Callable[[Path], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.catalog = catalog
        # Read once, up front: the summary shows the checklist as it was when asked for.
        self.decisions = collect_decisions(decisions)
        self.options = options
        # Where the kept export findings are read from, only if the user asks for them,
        # and where the last choices are remembered.
        self.store = decisions if isinstance(decisions, Store) else None
        self.choices = remembered.summary_choices(self.store) or SummaryChoices()
        # A store knows the user's re-check interval; start the options from it.
        recheck = getattr(decisions, "recheck_days", None)
        self.default_options = _options_from(
            self.choices, catalog, int(recheck()) if callable(recheck) else None
        )
        self.now = now
        self.page_size = default_page_size()
        self.on_saved = on_saved
        self.dialog: QDialog | None = None
        self.printer: QPrinter | None = None
        self.pages_painted = 0
        self.saved: Path | None = None
        self.error = ""

    # -- shared ---------------------------------------------------------------------------

    def summary(self) -> Summary:
        assert self.options is not None
        summary = build_summary(
            self.catalog, self.decisions, self.options, now=self.now or datetime.now(UTC)
        )
        if self.options.include_exports and self.store is not None:
            summary = with_exports(summary, load_readings(database_of(self.store)))
        return summary

    def _show(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        _running.add(self)
        dialog.finished.connect(lambda _result, d=dialog: self._closed(d))
        dialog.open()
        return dialog

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
            _running.discard(self)
        dialog.deleteLater()

    def _remember(self, **changes: Any) -> None:
        self.choices = dataclasses.replace(self.choices, **changes)
        remembered.remember_summary_choices(self.store, self.choices)

    def _ask_options(self, then: Callable[[], None], *, with_page_size: bool) -> None:
        dialog = SummaryOptionsDialog(
            self.catalog,
            self.options or self.default_options,
            self.parent_widget,
            page_size=self.page_size if with_page_size else None,
        )

        def accepted() -> None:
            self.options = dialog.options()
            self.page_size = dialog.page_size()
            # The options as chosen, for next time; the paper only when it was asked.
            self._remember(
                platform_ids=self.options.platform_ids,
                include_notes=self.options.include_notes,
                include_unreviewed=self.options.include_unreviewed,
                include_exports=self.options.include_exports,
                page_size=self.page_size if with_page_size else self.choices.page_size,
            )
            then()

        dialog.accepted.connect(accepted)
        self._show(dialog)

    # -- printing -------------------------------------------------------------------------

    def start_print(self) -> None:
        if self.options is None:
            self._ask_options(self._open_preview, with_page_size=False)
        else:
            self._open_preview()

    def _open_preview(self) -> None:
        summary = self.summary()
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        apply_page_setup(self.printer, self.page_size)
        self.printer.setDocName(summary.title)

        def paint(printer: QPrinter) -> None:
            # Called for the preview, again after each page setup change, and for the
            # real print: each time onto the printer with its current paper.
            self.pages_painted = paint_summary(printer, summary)

        # Our own preview: sized to the screen, every button reachable from the keyboard.
        preview = PrintPreviewDialog(self.printer, paint, self.parent_widget)
        self._show(preview)

    # -- saving ---------------------------------------------------------------------------

    def start_save(self, directory: Path | None = None) -> None:
        # A PDF is saved on the paper last chosen for one.
        if self.choices.page_size in PAGE_SIZES:
            self.page_size = self.choices.page_size
        if self.options is None:
            self._ask_options(lambda: self._open_file_dialog(directory), with_page_size=True)
        else:
            self._open_file_dialog(directory)

    def _open_file_dialog(self, directory: Path | None) -> None:
        filters = save_filters()
        formats = [fmt for _, fmt in filters]
        fmt = self.choices.file_format if self.choices.file_format in formats else DEFAULT_FORMAT
        folder = directory if directory is not None else start_folder(self.store, Folder.SUMMARY)
        name = f"privacy-review-summary-{datetime.now():%Y-%m-%d}.{fmt}"
        dialog = QFileDialog(
            self.parent_widget,
            translate("SummaryFlow", "Save summary as"),
            str(folder / name),
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilters([label for label, _ in filters])
        dialog.selectNameFilter(filters[formats.index(fmt)][0])
        dialog.setDefaultSuffix(fmt)

        def filter_chosen(label: str) -> None:
            for filter_label, chosen in filters:
                if filter_label == label:
                    dialog.setDefaultSuffix(chosen)

        def file_chosen(name: str) -> None:
            path = Path(name)
            if not path.suffix:
                # The default suffix only follows filters the user clicked; a filter chosen
                # another way (or a platform dialog) may leave the name bare.
                chosen = dict(filters).get(dialog.selectedNameFilter(), DEFAULT_FORMAT)
                path = path.with_name(f"{path.name}.{chosen}")
            self.save_to(path)

        dialog.filterSelected.connect(filter_chosen)
        dialog.fileSelected.connect(file_chosen)
        self._show(dialog)

    def save_to(self, path: Path) -> bool:
        """Write the summary to ``path`` in the format its extension names; on failure
        show why (non-blocking) and return False."""
        try:
            fmt = format_for_path(path)
            write_summary(self.summary(), path, fmt, page_size=self.page_size, pdf=render_pdf)
        except (ValueError, OSError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            self.error = translate(
                "SummaryFlow", "The summary was not saved to {path}: {reason}"
            ).format(path=path, reason=reason)
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                translate("SummaryFlow", "Summary not saved"),
                self.error,
                QMessageBox.StandardButton.Ok,
                self.parent_widget,
            )
            self._show(box)
            return False
        self.saved = path
        # Next time: the same folder and format (the folder only, never the file's name).
        remembered.remember_folder(self.store, Folder.SUMMARY, path.parent)
        self._remember(file_format=fmt)
        if self.on_saved is not None:
            self.on_saved(path)
        return True


def print_summary(
    parent: QWidget | None,
    catalog: Catalog,
    decisions: Iterable[Decision] | DecisionSource,
    options: SummaryOptions | None = None,
    *,
    now: datetime | None = None,
) -> SummaryFlow:
    """File > Print summary...: ask for options (unless given), then open the print
    preview, from which the user prints. Returns at once."""
    flow = SummaryFlow(parent, catalog, decisions, options, now=now)
    flow.start_print()
    return flow


def save_summary_as(
    parent: QWidget | None,
    catalog: Catalog,
    decisions: Iterable[Decision] | DecisionSource,
    options: SummaryOptions | None = None,
    *,
    now: datetime | None = None,
    directory: Path | None = None,
    on_saved: Callable[[Path], None] | None = None,
) -> SummaryFlow:
    """File > Save summary as...: ask for options (unless given), then for a file name
    (starting in ``directory``, else the folder last saved to); writes PDF, HTML, Markdown
    or text by the extension. ``on_saved(path)`` is called after a successful write (e.g.
    for a status-bar message). Returns at once."""
    flow = SummaryFlow(parent, catalog, decisions, options, now=now, on_saved=on_saved)
    flow.start_save(directory)
    return flow
