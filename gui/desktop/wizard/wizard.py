"""``ReviewWizard``: the guided review, one page per category, every decision saved the
moment the user moves on.

A stepper on ``QDialog`` rather than ``QWizard``: the number of pages depends on the start
page's choices, and ``QWizard`` wants every page as its own widget with a fixed history. Here
one category page is refilled for each step, so a walk of any length costs the same.

Saving rules, in one place (``_leave_page``):
- Next records the chosen decision when it is new or edited, and also when the entry is
  flagged (changed, or due for a re-check): moving on past a flagged entry with its decision
  selected is how the user confirms it.
- Back, Close and Escape record only what the user edited.
- Skip records nothing and leaves the stored decision as it was.
A ``StoreError`` keeps the user on the page with the message, and the editor keeps what the
user chose. Closing again with the same unsaved choice closes without it (a broken disk must
not trap the user in the dialog).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from gui.core.catalog import Catalog
from gui.core.catalog.controls import newest_verified
from gui.core.catalog.model import TOPIC_TITLES
from gui.core.checklist import ChecklistRow, Status, build_checklist
from gui.core.review import session
from gui.core.review.plan import PlanChoice, PlanStep, Scope, plan_steps, restore_steps, rows_for
from gui.core.store import Store, StoreError
from gui.desktop.i18n import translate
from gui.desktop.views.browser import Opener
from gui.desktop.views.category_view import heading_label
from gui.desktop.views.plain_text import plain_label
from gui.desktop.wizard.category_page import CategoryPage
from gui.desktop.wizard.finish_page import FinishPage
from gui.desktop.wizard.region import system_region
from gui.desktop.wizard.start_page import StartPage


def window_title() -> str:
    """The dialog's own title; a page's title puts where the user is in front of it."""
    return translate("ReviewWizard", "Guided review - Privacy Review")


class ElidedLabel(QLabel):
    """One line that shortens its middle part with "…" to the room it has (the full text in
    the tooltip and for screen readers), so a long category title never widens the window
    and the words around it ("Saved:", the decision) always show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._parts = ("", "", "")
        self._full = ""

    def set_full_text(self, text: str, middle: str = "", suffix: str = "") -> None:
        """Show ``text + middle + suffix``; only ``middle`` is shortened."""
        self._parts = (text, middle, suffix)
        self._full = "".join(self._parts)
        self.setToolTip(self._full)
        self.setAccessibleDescription(self._full)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        prefix, middle, suffix = self._parts
        room = self.width() - metrics.horizontalAdvance(prefix + suffix)
        if middle and room > metrics.horizontalAdvance("…" * 4):
            short = metrics.elidedText(middle, Qt.TextElideMode.ElideRight, room)
            self.setText(prefix + short + suffix)
        else:
            self.setText(metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, self.width()))


def is_first_start(store: Store) -> bool:
    """True when the checklist is empty: the app then opens the wizard directly."""
    return not store.decisions()


class ReviewWizard(QDialog):
    """The guided review. Open it with ``show()`` or ``open()``; every decision is in the
    store as soon as the user leaves its page, so the dialog has no result to collect."""

    checklistRequested = Signal()  # "Open the checklist" on the finish page
    decisionSaved = Signal(str, str)  # platform id, category id: refresh your views
    # The platform of the last category page the user saw, once the wizard has closed (after
    # ``finished``, so a window that reloads on ``finished`` can then select it). Not sent
    # when the user never left the start page.
    platformReviewed = Signal(str)

    def __init__(
        self,
        catalog: Catalog,
        store: Store,
        *,
        platforms: Sequence[str] | None = None,
        topics: Sequence[str] | None = None,
        parent: QWidget | None = None,
        opener: Opener | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(window_title())
        self._catalog = catalog
        self._store = store
        self._rows: dict[tuple[str, str], ChecklistRow] = {}
        self._all_rows: list[ChecklistRow] = []
        self._positions: dict[tuple[str, str], int] = {}  # key -> place in _all_rows
        self._steps: list[PlanStep] = []
        self._choice: PlanChoice | None = None
        self._index = -1  # -1: start page; len(steps): finish page
        self._unsaved_on_close: tuple[object, ...] | None = None
        self._summary_flow: QObject | None = None  # keeps a running print/save flow alive
        self._last_platform: str | None = None  # the platform of the last category page

        self._build(opener)
        self._reload_rows()
        self.start_page.set_rows(self._all_rows)
        explicit = platforms is not None or topics is not None
        walk = None if explicit else self._saved_walk()
        self.start_page.set_choice(self._initial_choice(platforms, topics, walk))
        if walk is not None and self._resume(walk):
            return
        self._show_start()

    # --- building ------------------------------------------------------------------------

    def _build(self, opener: Opener | None) -> None:
        self.title_label = heading_label("", scale=1.2)
        self.progress_label = plain_label()
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setAccessibleName(translate("ReviewWizard", "Progress"))
        self.progress_bar.setMaximumHeight(self.fontMetrics().height() // 2 + 2)

        self.error_icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.error_icon.setPixmap(icon.pixmap(size, size))
        self.error_label = plain_label()
        font = self.error_label.font()
        font.setBold(True)
        self.error_label.setFont(font)
        self.error_label.setAccessibleName(translate("ReviewWizard", "Problem"))
        self.error_box = QWidget()
        error_line = QHBoxLayout(self.error_box)
        error_line.setContentsMargins(0, 0, 0, 0)
        error_line.addWidget(self.error_icon, 0, Qt.AlignmentFlag.AlignTop)
        error_line.addWidget(self.error_label, 1)
        self.error_box.hide()

        self.start_page = StartPage(self._catalog)
        self.start_page.changed.connect(self._start_changed)
        self.category_page = CategoryPage(opener=opener)
        self.category_page.view.set_catalog_checked(
            newest_verified(
                category
                for platform in self._catalog.platforms
                if platform.bundled
                for category in platform.categories
            )
        )
        self.category_page.editor.edited.connect(self._editor_edited)
        self.finish_page = FinishPage()
        # Forwarded signal to signal: Qt emits it, not Python (see gui.desktop.wizard.emit).
        self.finish_page.checklistRequested.connect(self.checklistRequested)
        self.finish_page.printRequested.connect(self._print_summary)
        self.finish_page.saveRequested.connect(self._save_summary)
        self.stack = QStackedWidget()
        for page in (self.start_page, self.category_page, self.finish_page):
            self.stack.addWidget(page)

        self.back_button = QPushButton(translate("ReviewWizard", "< &Back"))
        self.skip_button = QPushButton(translate("ReviewWizard", "&Skip"))
        self.skip_button.setToolTip(
            translate("ReviewWizard", "Move on without saving a decision for this category")
        )
        self.next_button = QPushButton(translate("ReviewWizard", "&Next >"))
        self.close_button = QPushButton(translate("ReviewWizard", "&Close"))
        self.close_button.setToolTip(
            translate("ReviewWizard", "Close the review; every decision so far is saved")
        )
        self.back_button.clicked.connect(self.go_back)
        self.skip_button.clicked.connect(self.skip)
        self.next_button.clicked.connect(self.go_next)
        self.close_button.clicked.connect(self.reject)
        for button in (self.back_button, self.skip_button, self.close_button):
            button.setAutoDefault(False)
        self.next_button.setDefault(True)
        # Enter in the note adds a line; Ctrl+Enter moves on from anywhere.
        for keys in (QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")):
            QShortcut(keys, self, self.go_next)
        # Which category the last save was for, beside the buttons (no extra line of height).
        self.saved_label = ElidedLabel()
        self.saved_label.setAccessibleName(translate("ReviewWizard", "Last saved"))

        header = QVBoxLayout()
        header.addWidget(self.title_label)
        header.addWidget(self.progress_label)
        header.addWidget(self.progress_bar)
        buttons = QHBoxLayout()
        buttons.addWidget(self.saved_label, 1)
        for button in (self.back_button, self.skip_button, self.next_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.error_box)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        # The pages scroll, so the window need not grow to fit them: without this the layout
        # would reset the window's minimum size on every page (content differs), which the
        # window system is asked to apply each time. A fixed minimum, in font units.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        metrics = self.fontMetrics()
        self.setMinimumSize(metrics.averageCharWidth() * 60, metrics.lineSpacing() * 22)
        self.resize(800, 600)

    # --- state ---------------------------------------------------------------------------

    @property
    def steps(self) -> list[PlanStep]:
        return list(self._steps)

    @property
    def index(self) -> int:
        """-1 on the start page, the step's index on a category page, ``len(steps)`` on the
        finish page."""
        return self._index

    def current_row(self) -> ChecklistRow | None:
        if 0 <= self._index < len(self._steps):
            return self._rows.get(self._steps[self._index].key)
        return None

    def on_start_page(self) -> bool:
        return self.stack.currentWidget() is self.start_page

    def on_finish_page(self) -> bool:
        return self.stack.currentWidget() is self.finish_page

    def _saved_walk(self) -> session.SavedWalk | None:
        try:
            return session.load_walk(self._store)
        except StoreError:
            return None  # the checklist could not be read: _reload_rows said so

    def _reload_rows(self) -> bool:
        try:
            decisions = self._store.decisions()
            recheck_days = self._store.recheck_days()
        except StoreError as error:
            self._show_error(
                translate(
                    "ReviewWizard", "The checklist could not be read. {problem} {remedy}"
                ).format(problem=error.message, remedy=error.recovery)
            )
            return False
        self._all_rows = build_checklist(self._catalog, decisions, recheck_days=recheck_days)
        self._positions = {
            (row.platform_id, row.category_id): position
            for position, row in enumerate(self._all_rows)
        }
        self._rows = {key: self._all_rows[position] for key, position in self._positions.items()}
        return True

    def _initial_choice(
        self,
        platforms: Sequence[str] | None,
        topics: Sequence[str] | None,
        walk: session.SavedWalk | None,
    ) -> PlanChoice:
        if walk is not None:
            return walk.choice
        chosen, region = False, None
        saved = None
        try:
            chosen, region = session.load_region(self._store)
            saved = session.load_choice(self._store, region)
        except StoreError:
            pass  # shown by _reload_rows already, or harmless: defaults below
        if not chosen:
            region = system_region()
        platform_ids: tuple[str, ...] = tuple(platforms or ())
        if not platform_ids:  # "the ones I reviewed before"
            platform_ids = self.start_page.reviewed_platforms()
        if not platform_ids and saved is not None:
            platform_ids = saved.platform_ids
        if not platform_ids and topics:
            platform_ids = tuple(p.id for p in self._catalog.platforms)  # "on every platform"
        if topics:
            scope, chosen_topics = Scope.TOPICS, tuple(topics)
        elif saved is not None and platforms is None:
            scope, chosen_topics = saved.scope, saved.topics
        else:
            scope, chosen_topics = Scope.TO_DO, ()
        return PlanChoice(scope, platform_ids, chosen_topics, region)

    def _resume(self, walk: session.SavedWalk) -> bool:
        steps = restore_steps(self._all_rows, walk.keys, walk.topics)
        keys = [step.key for step in steps]
        if walk.position not in keys:
            return False
        self._choice = walk.choice
        self._steps = steps
        self._show_step(keys.index(walk.position))
        return True

    # --- navigation ----------------------------------------------------------------------

    def go_next(self) -> None:
        if self.on_start_page():
            self._start_walk()
        elif self.stack.currentWidget() is self.category_page:
            if self._leave_page(confirm=True):
                self._show_step(self._index + 1)
        elif self.on_finish_page():
            self.accept()

    def go_back(self) -> None:
        if self.stack.currentWidget() is self.category_page:
            if not self._leave_page(confirm=False):
                return
            if self._index == 0:
                self._show_start()
            else:
                self._show_step(self._index - 1)
        elif self.on_finish_page():
            if self._steps:
                self._show_step(len(self._steps) - 1)
            else:
                self._show_start()

    def skip(self) -> None:
        """Move on without saving anything for this category."""
        if self.stack.currentWidget() is self.category_page:
            self._show_step(self._index + 1)

    def done(self, result: int) -> None:
        """Closed (``accept``/``reject`` end here): say which platform was reviewed last,
        after ``finished``, so the checklist can select it once it has reloaded."""
        super().done(result)
        if self._last_platform is not None:
            self.platformReviewed.emit(self._last_platform)

    @property
    def last_platform(self) -> str | None:
        """The platform of the last category page shown (None: none was)."""
        return self._last_platform

    def reject(self) -> None:
        """Escape, Close and the window's close button: save what the user edited, then
        close. On a store failure stay open (see the module docstring). QDialog's own
        closeEvent calls this and keeps the window open when it does not close."""
        if self._save_before_closing():
            super().reject()

    def accept(self) -> None:
        """Done on the finish page, or the owner closing the review (e.g. "Open the
        checklist"): the same saving rule as closing."""
        if self._save_before_closing():
            super().accept()

    def _save_before_closing(self) -> bool:
        if self.stack.currentWidget() is self.category_page:
            editor = self.category_page.editor
            attempt = (self._index, *editor.value())
            retrying = attempt == self._unsaved_on_close
            if editor.is_modified() and not retrying and not self._leave_page(confirm=False):
                self._unsaved_on_close = attempt
                again = translate(
                    "ReviewWizard", "Close again to close without saving this decision."
                )
                self.error_label.setText(f"{self.error_label.text()}\n{again}")
                return False
        self._unsaved_on_close = None
        return True

    # --- pages ---------------------------------------------------------------------------

    def _start_changed(self) -> None:
        if not self.on_start_page():
            return
        choice = self.start_page.choice()
        steps = plan_steps(self._all_rows, choice)
        problem = ""
        if not choice.platform_ids:
            problem = translate("ReviewWizard", "Choose at least one platform.")
        elif choice.scope is Scope.TOPICS and not choice.topics:
            problem = translate("ReviewWizard", "Choose at least one topic.")
        elif not steps and choice.scope is Scope.TO_DO:
            problem = translate(
                "ReviewWizard", "Nothing to review: every category there has a decision."
            )
        elif not steps and choice.scope is Scope.CHANGED:
            problem = translate(
                "ReviewWizard", "Nothing to review: nothing changed and nothing is due."
            )
        elif not steps:
            problem = translate("ReviewWizard", "Nothing to review for this choice.")
        self.start_page.set_plan_size(len(steps), problem)
        self.next_button.setEnabled(not problem)

    def _show_start(self) -> None:
        self._index = -1
        self._clear_error()
        self.saved_label.set_full_text("")
        self.stack.setCurrentWidget(self.start_page)
        self.title_label.setText(translate("ReviewWizard", "Guided review"))
        self.setWindowTitle(window_title())
        self.progress_label.setText(translate("ReviewWizard", "Choose what to review"))
        self.progress_label.show()
        self.progress_bar.hide()
        self.back_button.hide()
        self.skip_button.hide()
        self.next_button.show()
        self.next_button.setText(translate("ReviewWizard", "&Next >"))
        self.next_button.setDefault(True)
        self._start_changed()
        self._chain([*self._start_focus_chain(), *self._nav_buttons()])
        self.start_page.first_focus().setFocus()

    def _start_focus_chain(self) -> list[QWidget]:
        page = self.start_page
        return [
            page.filter_edit,
            page.reviewed_button,
            page.clear_button,
            page.platform_tree,
            *page.scope_buttons.values(),
            page.topics_list,
            page.region_combo,
        ]

    def _start_walk(self) -> None:
        choice = self.start_page.choice()
        if not self._reload_rows():
            return
        steps = plan_steps(self._all_rows, choice)
        if not steps:
            self._start_changed()
            return
        self._choice = choice
        self._steps = steps
        self._store_session(lambda: session.save_walk(self._store, choice, steps))
        self._show_step(0)

    def _show_step(self, index: int) -> None:
        if index >= len(self._steps):
            self._show_finish()
            return
        self._index = index
        self._unsaved_on_close = None
        self._clear_error()
        step = self._steps[index]
        row = self._rows.get(step.key)
        platform = self._catalog.platform(step.key[0])
        if row is None or row.category is None or platform is None:  # left the catalog
            self._steps.pop(index)
            self._show_step(index)
            return
        self._steps[index] = PlanStep(row, step.topic)
        self._last_platform = platform.id
        region = self._choice.region if self._choice else None
        self.category_page.set_row(platform, row, region)
        self.stack.setCurrentWidget(self.category_page)
        # The category's own title heads the page below; the header says where we are.
        where = translate("ReviewWizard", "{number} of {total} · {platform}").format(
            number=index + 1, total=len(self._steps), platform=row.platform_name
        )
        if step.topic:
            where = translate("ReviewWizard", "{topic} · {place}").format(
                topic=TOPIC_TITLES.get(step.topic, step.topic), place=where
            )
        self.title_label.setText(where)
        self.setWindowTitle(
            translate("ReviewWizard", "{place} - {title}").format(place=where, title=window_title())
        )
        self.progress_label.hide()
        self.progress_bar.show()
        self.progress_bar.setRange(0, len(self._steps))
        self.progress_bar.setValue(index + 1)
        self.back_button.show()
        self.skip_button.show()
        self.next_button.show()
        last = index == len(self._steps) - 1
        self.next_button.setText(
            translate("ReviewWizard", "&Finish") if last else translate("ReviewWizard", "&Next >")
        )
        self.next_button.setEnabled(True)
        self.next_button.setDefault(True)
        self._chain([*self.category_page.focus_chain(), *self._nav_buttons()])
        self.category_page.first_focus().setFocus()
        self._store_session(lambda: session.save_position(self._store, step.key))

    def _show_finish(self) -> None:
        self._index = len(self._steps)
        self._clear_error()
        self._reload_rows()
        choice = self._choice or self.start_page.choice()
        rows = rows_for(self._all_rows, choice.platform_ids)
        names = [p.name for p in self._catalog.platforms if p.id in choice.platform_ids]
        self.finish_page.set_rows(rows, names)
        self.stack.setCurrentWidget(self.finish_page)
        self.title_label.setText(translate("ReviewWizard", "Review finished"))
        self.setWindowTitle(
            translate("ReviewWizard", "Review finished - {title}").format(title=window_title())
        )
        count = len(self._steps)
        self.progress_label.setText(
            translate("ReviewWizard", "This review had %n category.", "", count)
            if count == 1
            else translate("ReviewWizard", "This review had %n categories.", "", count)
        )
        self.progress_label.show()
        self.progress_bar.hide()
        self.back_button.setVisible(bool(self._steps))
        self.skip_button.hide()
        self.next_button.hide()
        self.close_button.setDefault(True)
        self._chain([*self.finish_page.focus_chain(), *self._nav_buttons()])
        self.close_button.setFocus()
        self._store_session(lambda: session.save_position(self._store, None))

    def _nav_buttons(self) -> list[QWidget]:
        return [self.back_button, self.skip_button, self.next_button, self.close_button]

    @staticmethod
    def _chain(widgets: Sequence[QWidget]) -> None:
        for first, second in zip(widgets, widgets[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # --- saving --------------------------------------------------------------------------

    def _leave_page(self, *, confirm: bool) -> bool:
        """Save the decision on the current page if needed; False (and a message) when the
        store failed, in which case the page and the editor stay as they are."""
        row = self.current_row()
        if row is None or row.category is None:
            return True
        editor = self.category_page.editor
        status, note = editor.value()
        if status is None:
            return True
        flagged = row.changed or row.due
        if not (editor.is_modified() or (confirm and flagged)):
            return True
        return self._record(row, status, note)

    def _record(self, row: ChecklistRow, status: Status, note: str) -> bool:
        assert row.category is not None
        try:
            decision = self._store.record(
                row.platform_id, row.category_id, status, note, row.category.fingerprint
            )
        except StoreError as error:
            self._show_error(
                translate(
                    "ReviewWizard",
                    "Your decision on “{category}” was not saved. {problem} {remedy}",
                )
                .format(category=row.title, problem=error.message, remedy=error.recovery)
                .strip()
            )
            return False
        # The row as the store now has it: decided against the catalog as it is, so neither
        # changed nor due. Only this row: rebuilding the whole checklist (a thousand rows,
        # each decided one hashing its category) on every page would make saving slower
        # the more the user has decided. The walk's start and its end re-read everything.
        saved = replace(row, decision=decision, changed=False, due=False)
        self._set_row(saved)
        region = self._choice.region if self._choice else None
        # The platform is in the header; the title is what gets shortened, never the words
        # around it: the sentence is cut where the title goes.
        sentence = translate("ReviewWizard", "Saved: “{category}”: {decision}.")
        before, _title, after = sentence.partition("{category}")
        words = saved.label_for(region)
        self.saved_label.set_full_text(
            before.format(decision=words), row.title, after.format(decision=words)
        )
        self.decisionSaved.emit(row.platform_id, row.category_id)
        return True

    def _set_row(self, row: ChecklistRow) -> None:
        key = (row.platform_id, row.category_id)
        position = self._positions.get(key)
        if position is None:  # not in the checklist read at the start: read it again
            self._reload_rows()
            return
        self._all_rows[position] = row
        self._rows[key] = row

    def _store_session(self, write: Callable[[], None]) -> None:
        """Save where the user is. A failure here costs only the place to continue from,
        never a decision, so it is reported without stopping the user."""
        try:
            write()
        except (StoreError, ValueError) as error:
            detail = error.message if isinstance(error, StoreError) else str(error)
            self._show_error(
                translate(
                    "ReviewWizard", "Your place in the review could not be saved. {problem}"
                ).format(problem=detail)
            )

    def _editor_edited(self) -> None:
        self._unsaved_on_close = None

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_box.show()

    def _clear_error(self) -> None:
        self.error_label.clear()
        self.error_box.hide()

    # --- finish page actions -------------------------------------------------------------

    def _print_summary(self) -> None:
        from gui.desktop.summary.dialogs import print_summary

        self._summary_flow = print_summary(self, self._catalog, self._store)

    def _save_summary(self) -> None:
        from gui.desktop.summary.dialogs import save_summary_as

        self._summary_flow = save_summary_as(self, self._catalog, self._store)
