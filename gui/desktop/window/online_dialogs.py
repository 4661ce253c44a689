"""The online checks' dialogs before and during a check: the one question before
contacting anything (which hosts, exactly) and the progress, in a dialog or, for the weekly
check, small in the status bar. Every text from a catalog file is shown as plain text."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QMessageBox,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from gui.desktop.i18n import translate
from gui.desktop.online.check_kind import CheckKind
from gui.desktop.views.plain_text import plain_label

HOSTS_SHOWN = 8  # more than this and the text says "and N more", the details list all


def hosts_of(urls: Sequence[str]) -> list[str]:
    """The host names ``urls`` name, each once, in order."""
    hosts: list[str] = []
    for url in urls:
        host = (urlsplit(url).hostname or "").lower()
        if host and host not in hosts:
            hosts.append(host)
    return hosts


def confirmation_text(hosts: Sequence[str], pages: int) -> str:
    shown = ", ".join(hosts[:HOSTS_SHOWN])
    more = len(hosts) - HOSTS_SHOWN
    if more > 0:
        shown = translate("ContactConfirmation", "{hosts} and %n more", "", more).format(
            hosts=shown
        )
    text = (
        translate(
            "ContactConfirmation",
            "This contacts {hosts} to fetch %n page. Nothing about your checklist is sent.",
            "",
            pages,
        )
        if pages == 1
        else translate(
            "ContactConfirmation",
            "This contacts {hosts} to fetch %n pages. Nothing about your checklist is sent.",
            "",
            pages,
        )
    )
    return text.format(hosts=shown)


class ContactConfirmation(QMessageBox):
    """The one question before the first check of a session: exactly which hosts."""

    def __init__(self, kind: CheckKind, urls: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        hosts = hosts_of(urls)
        self.setIcon(QMessageBox.Icon.Question)
        self.setWindowTitle(translate("ContactConfirmation", "Contact the platforms' sites?"))
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(confirmation_text(hosts, len(urls)))
        self.setInformativeText(
            translate(
                "ContactConfirmation",
                "A redirect is followed only to the same platform's own domains. The requests "
                "name this app and carry no cookies or sign-in.",
            )
        )
        if len(hosts) > HOSTS_SHOWN:
            self.setDetailedText("\n".join(hosts))
        self.go_button = self.addButton(kind.go_text, QMessageBox.ButtonRole.AcceptRole)
        self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.go_button)
        # Kept here too: PySide does not keep the box's checkbox alive on its own.
        self.dont_ask = QCheckBox(translate("ContactConfirmation", "Don't ask again"), self)
        self.setCheckBox(self.dont_ask)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def confirmed(self) -> bool:
        return self.clickedButton() is self.go_button


class CheckProgressDialog(QDialog):
    """Which platform, how many pages of how many; Cancel and Escape stop the check."""

    def __init__(self, kind: CheckKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(kind.progress_title)
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        self.label = plain_label(translate("CheckProgressDialog", "Starting…"))
        layout.addWidget(self.label)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)  # the label says it in words
        self.bar.setRange(0, 0)  # busy until the first progress report
        layout.addWidget(self.bar)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)  # Escape and closing the dialog go there too
        layout.addWidget(buttons)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)

    def show_progress(self, text: str, done: int, total: int) -> None:
        self.label.setText(text)
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)


class StatusProgress(QWidget):
    """The weekly check's progress, small, at the right of the status bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = plain_label(translate("StatusProgress", "Weekly policy check…"), wrap=False)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(120)
        self.bar.setMaximumHeight(14)
        self.bar.setRange(0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)

    def show_progress(self, text: str, done: int, total: int) -> None:
        self.label.setText(
            translate("StatusProgress", "Weekly policy check: {progress}").format(progress=text)
        )
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)


def progress_text(platform_name: str, done: int, total: int) -> str:
    if done >= total:
        return translate("CheckProgressDialog", "Finishing: %n of %n pages checked", "", total)
    return translate("CheckProgressDialog", "{platform}: page {page} of {total}").format(
        platform=platform_name, page=done + 1, total=total
    )
