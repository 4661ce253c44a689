"""``RequestDialog``: draft a GDPR, UK GDPR or CCPA letter for one platform (and category),
see it as it will be sent, and take it out of the app: copy, open the mail client, open the
platform's web form, print, or save as PDF, text or Markdown. Nothing is sent by the app.

The preview is plain text (``QPlainTextEdit``): what the user typed is shown as typed,
never as markup. The name and account are kept in the encrypted checklist when the user
keeps the request there, and are prefilled next time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.core.catalog import Category, Platform
from gui.core.requests.laws import (
    LAW_SHORT,
    NOT_LEGAL_ADVICE,
    RIGHTS,
    Kind,
    Law,
    RequestInputError,
    law_for_region,
)
from gui.core.requests.letters import Letter, draft_request
from gui.core.requests.model import Requester
from gui.core.requests.render import letter_body_text, letter_text, mailto
from gui.core.store import Store, StoreError
from gui.core.store.requests_store import RequestBook
from gui.desktop.evidence.findings_view import findings_index
from gui.desktop.i18n import translate
from gui.desktop.requests.pdf import paint_letter
from gui.desktop.requests.save_dialog import open_save_dialog, save_letter_file
from gui.desktop.views.browser import Opener, open_in_browser
from gui.desktop.views.plain_text import plain_label

# (platform id, category id) -> the export's findings for it, as sentences.
FindingsProvider = Callable[[str, str], Sequence[str]]

# Which kind a category suggests: AI training is an objection, ads direct marketing.
_SUGGESTED = {"ai-training": Kind.OBJECTION, "ads": Kind.OBJECTION_MARKETING}
_CCPA_SUGGESTED = {"ads": Kind.OPT_OUT, "sharing": Kind.OPT_OUT, "biometrics": Kind.LIMIT_SENSITIVE}


def default_findings(platform_id: str, category_id: str) -> Sequence[str]:
    """The findings of a data export the user read, when the app has one open."""
    index = findings_index()
    evidence = index.lookup(platform_id, category_id) if index is not None else None
    return tuple(f.text for f in evidence.findings) if evidence is not None else ()


class RequestDialog(QDialog):
    """The letter for one platform (and category), drafted again as the fields change.
    ``file_dialog`` is the "Save as…" dialog while it is open."""

    def __init__(
        self,
        platform: Platform,
        category: Category | None = None,
        *,
        region: str | None = None,
        store: Store | None = None,
        findings: FindingsProvider | None = default_findings,
        opener: Opener | None = None,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            translate("RequestDialog", "Ask {platform} instead").format(platform=platform.name)
        )
        self.platform = platform
        self.category = category
        self.region = region
        self.store = store
        self._opener = opener
        self._today = today
        self.letter: Letter | None = None
        self.kept_id: int | None = None
        self.file_dialog: QFileDialog | None = None
        self._findings: tuple[str, ...] = ()
        if findings is not None and category is not None:
            self._findings = tuple(findings(platform.id, category.id))

        self.law_box = QComboBox()
        for law in Law:
            self.law_box.addItem(LAW_SHORT[law], law.value)
        self.kind_box = QComboBox()
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(
            translate("RequestDialog", "Your name, as you sign the letter")
        )
        self.account_edit = QLineEdit()
        self.account_edit.setPlaceholderText(
            translate("RequestDialog", "Your handle or e-mail on the platform")
        )
        self.grounds_help = plain_label()
        self.grounds_edit = QPlainTextEdit()
        self.grounds_edit.setPlaceholderText(
            translate("RequestDialog", "Why this processing affects you, in your words")
        )
        self.grounds_edit.setMaximumHeight(self.fontMetrics().height() * 4)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.notice = plain_label()
        self.status = plain_label()
        self.advice = plain_label(
            translate(
                "RequestDialog",
                "{not_legal_advice} The app never sends it: you do, from your own mail or the "
                "platform's form.",
            ).format(not_legal_advice=NOT_LEGAL_ADVICE)
        )

        self.copy_button = QPushButton(translate("RequestDialog", "Copy"))
        self.mail_button = QPushButton(translate("RequestDialog", "Open in mail"))
        self.form_button = QPushButton(translate("RequestDialog", "Open the form"))
        self.print_button = QPushButton(translate("RequestDialog", "Print…"))
        self.save_button = QPushButton(translate("RequestDialog", "Save as…"))
        self.keep_button = QPushButton(translate("RequestDialog", "Keep in my checklist"))
        self.keep_button.setEnabled(store is not None)
        close = QPushButton(translate("RequestDialog", "Close"))
        close.clicked.connect(self.reject)

        form = QFormLayout()
        form.addRow(translate("RequestDialog", "Law"), self.law_box)
        form.addRow(translate("RequestDialog", "Request"), self.kind_box)
        form.addRow(translate("RequestDialog", "Your name"), self.name_edit)
        form.addRow(translate("RequestDialog", "Account"), self.account_edit)
        form.addRow(self.grounds_help)
        form.addRow(translate("RequestDialog", "Grounds"), self.grounds_edit)
        self._grounds_label = form.labelForField(self.grounds_edit)
        buttons = QHBoxLayout()
        for button in (
            self.copy_button,
            self.mail_button,
            self.form_button,
            self.print_button,
            self.save_button,
            self.keep_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        if category is not None:
            layout.addWidget(
                plain_label(
                    translate("RequestDialog", "About: {category}").format(category=category.title)
                )
            )
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.advice)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        if store is not None:
            last = RequestBook(store).last_requester()
            self.name_edit.setText(last.name)
            self.account_edit.setText(last.account)
        law = law_for_region(region) or Law.GDPR
        self.law_box.setCurrentIndex(list(Law).index(law))
        self._fill_kinds()
        self.law_box.currentIndexChanged.connect(self._law_changed)
        self.kind_box.currentIndexChanged.connect(self.refresh)
        self.name_edit.textChanged.connect(self.refresh)
        self.account_edit.textChanged.connect(self.refresh)
        self.grounds_edit.textChanged.connect(self.refresh)
        self.copy_button.clicked.connect(self.copy)
        self.mail_button.clicked.connect(self.open_mail)
        self.form_button.clicked.connect(self.open_form)
        self.print_button.clicked.connect(self.print_letter)
        self.save_button.clicked.connect(self.ask_save)
        self.keep_button.clicked.connect(self.keep)
        self.refresh()

    # --- state --------------------------------------------------------------------------

    @property
    def law(self) -> Law:
        return Law(self.law_box.currentData())

    @property
    def kind(self) -> Kind:
        return Kind(self.kind_box.currentData())

    def _fill_kinds(self) -> None:
        self.kind_box.blockSignals(True)
        self.kind_box.clear()
        for right in RIGHTS[self.law].values():
            self.kind_box.addItem(right.title, right.kind.value)
        suggested = _CCPA_SUGGESTED if self.law is Law.CCPA else _SUGGESTED
        topics = self.category.topics if self.category is not None else ()
        for topic in topics:
            kind = suggested.get(topic)
            if kind is not None:
                self.kind_box.setCurrentIndex(self.kind_box.findData(kind.value))
                break
        self.kind_box.blockSignals(False)

    def _law_changed(self) -> None:
        self._fill_kinds()
        self.refresh()

    def refresh(self) -> None:
        """Draft the letter again from the fields and show it."""
        right = RIGHTS[self.law][self.kind]
        self.grounds_help.setText(right.grounds_help)
        for widget in (self.grounds_help, self.grounds_edit, self._grounds_label):
            if widget is not None:
                widget.setVisible(right.needs_grounds)
        try:
            self.letter = draft_request(
                self.platform,
                self.kind.value,
                self.law,
                categories=[self.category] if self.category is not None else [],
                requester=Requester(self.name_edit.text(), self.account_edit.text()),
                grounds=self.grounds_edit.toPlainText() if right.needs_grounds else "",
                findings=self._findings,
                country=self.region,
                today=self._today(),
            )
        except RequestInputError as error:
            self.letter = None
            missing = right.needs_grounds and not self.grounds_edit.toPlainText().strip()
            self.preview.setPlainText(
                translate("RequestDialog", "Write your grounds above: the letter appears here.")
                if missing
                else str(error)
            )
            self.notice.setText("")
        else:
            self.preview.setPlainText(letter_text(self.letter))
            self.notice.setText(self.letter.notice)
        self.notice.setVisible(bool(self.notice.text()))
        ready = self.letter is not None
        for button in (self.copy_button, self.print_button, self.save_button):
            button.setEnabled(ready)
        self.mail_button.setEnabled(ready and self.letter is not None and bool(self.letter.email))
        self.form_button.setEnabled(
            ready and self.letter is not None and bool(self.letter.web_form)
        )
        self.keep_button.setEnabled(ready and self.store is not None and self.kept_id is None)

    # --- output -------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def copy(self) -> None:
        if self.letter is None:
            return
        QGuiApplication.clipboard().setText(letter_text(self.letter))
        self._say(translate("RequestDialog", "The letter is on the clipboard."))

    def open_mail(self) -> None:
        if self.letter is None:
            return
        link = mailto(self.letter)
        if link is None:
            return
        if not link.body_in_url:
            QGuiApplication.clipboard().setText(letter_body_text(self.letter))
            self._say(
                translate(
                    "RequestDialog",
                    "The letter is too long for a mail link: it is on the clipboard. Paste it "
                    "into the message that opens.",
                )
            )
        else:
            self._say(
                translate(
                    "RequestDialog",
                    "Your mail program opens with the letter. Check it, then send it.",
                )
            )
        opener = self._opener or QDesktopServices.openUrl
        if not opener(QUrl(link.url, QUrl.ParsingMode.StrictMode)):
            QGuiApplication.clipboard().setText(letter_text(self.letter))
            self._say(
                translate(
                    "RequestDialog",
                    "No mail program could be opened: the letter is on the clipboard instead.",
                )
            )

    def open_form(self) -> None:
        """The platform takes requests through a form: the text goes on the clipboard,
        ready to paste, and the form opens (checked like every catalog address)."""
        if self.letter is None or not self.letter.web_form:
            return
        QGuiApplication.clipboard().setText(letter_body_text(self.letter))
        if open_in_browser(self.letter.web_form, self.platform, self._opener):
            self._say(
                translate(
                    "RequestDialog",
                    "The text is on the clipboard: paste it into the form that opened.",
                )
            )
        else:
            self._say(
                translate(
                    "RequestDialog", "The form could not be opened; the text is on the clipboard."
                )
            )

    def save_to(self, path: Path) -> None:
        """Write the letter as PDF, Markdown or text, by the file's extension."""
        if self.letter is None:
            return
        self._say(save_letter_file(self.letter, path, self.store))

    def ask_save(self) -> QFileDialog:
        """Save as…: in the folder a letter was last saved to."""
        self.file_dialog = open_save_dialog(self, "request.pdf", self.store, self.save_to)
        self.file_dialog.destroyed.connect(self._file_dialog_closed)
        return self.file_dialog

    def _file_dialog_closed(self) -> None:
        self.file_dialog = None

    def print_letter(self) -> None:
        if self.letter is None:
            return
        # Qt's print support (~40 ms) only when a letter is printed: this dialog is part
        # of every category view.
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            paint_letter(self.letter, printer)

    def keep(self) -> None:
        """Keep the request in the checklist (drafted): its deadline starts when the user
        says they sent it."""
        if self.store is None or self.letter is None:
            return
        right = RIGHTS[self.law][self.kind]
        try:
            request = RequestBook(self.store).add(
                self.platform.id,
                self.kind,
                self.law,
                category_ids=(self.category.id,) if self.category is not None else (),
                requester=Requester(self.name_edit.text(), self.account_edit.text()),
                grounds=self.grounds_edit.toPlainText() if right.needs_grounds else "",
            )
        except StoreError as error:
            self._say(str(error))
            return
        self.kept_id = request.id
        self.keep_button.setEnabled(False)
        self._say(
            translate(
                "RequestDialog",
                "Kept as request {id}. When you have sent it, mark it sent "
                "(privacy-review request sent {id}): the legal deadline runs from then.",
            ).format(id=request.id)
        )
