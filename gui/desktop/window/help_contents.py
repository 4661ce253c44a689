"""Help > Contents (F1): the app's own help, offline. How a review goes, what each status and
flag means, the keys, and where the data is. Written here as short HTML built from plain
strings (every piece escaped), shown in a read-only browser that follows only its own
anchors: nothing is fetched, no link leaves the window."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from gui.core import words
from gui.core.paths import AppDirs
from gui.desktop.i18n import translate
from gui.desktop.window.window_state import fit_to_screen

# The sections' anchors, in order; ``_section_titles`` gives their headings.
SECTIONS = ("flow", "statuses", "flags", "keys", "data")


def _section_titles() -> dict[str, str]:
    return {
        "flow": translate("HelpWindow", "How a review goes"),
        "statuses": translate("HelpWindow", "What each status means"),
        "flags": translate("HelpWindow", "Changed, due and retired"),
        "keys": translate("HelpWindow", "Keys"),
        "data": translate("HelpWindow", "Where your data is"),
    }


def _flow() -> tuple[str, ...]:
    return (
        translate(
            "HelpWindow",
            "Review > Start review (Ctrl+R) opens the guided review. Choose the platforms you "
            "use and what to go through: everything, only what you have not reviewed, or what "
            "changed.",
        ),
        translate(
            "HelpWindow",
            "Each page is one kind of data a platform collects: what it is, what the "
            "platform's policy says, why it matters and what you can do about it. Open "
            "settings page opens the platform's own settings in your browser; the steps say "
            "what to do there.",
        ),
        translate(
            "HelpWindow",
            "Then choose what you did. Your choice is saved at once, with the date, in the "
            "checklist on this computer. Next goes on; you can stop at any time and carry on "
            "later.",
        ),
        translate(
            "HelpWindow",
            "The checklist window lists every category of every platform with your decision. "
            "Select one to read it again, change your decision or add a note. A decision "
            "changes only when you choose another one: moving through the list never changes "
            "anything.",
        ),
        translate(
            "HelpWindow",
            "File > Print summary and Save summary as make a dated summary of what you did and "
            "what is left to do.",
        ),
    )


def _status_meanings() -> tuple[tuple[str, str], ...]:
    """(status value, what it means); the status's own words come from ``gui.core.words``."""
    return (
        (
            "opted-out",
            translate(
                "HelpWindow",
                "You used the control: you turned the setting off, sent the form, made the "
                "request, stopped providing the data or deleted the account. The words shown "
                "are the ones you picked, for example \u201cI turned it off\u201d.",
            ),
        ),
        ("kept", translate("HelpWindow", "You looked at it and left it as it is.")),
        (
            "not-applicable",
            translate(
                "HelpWindow", "It does not concern you (for example, you never use that feature)."
            ),
        ),
        (
            "later",
            translate("HelpWindow", "You want to come back to it. It counts as still to do."),
        ),
    )


def _flags() -> tuple[tuple[str, str], ...]:
    return (
        (
            translate("HelpWindow", "changed since you decided"),
            translate(
                "HelpWindow",
                "The catalog's entry for this category was updated after your decision (the "
                "platform changed its policy or its settings). Read it again, then confirm or "
                "change your decision.",
            ),
        ),
        (
            translate("HelpWindow", "due for a re-check"),
            translate(
                "HelpWindow",
                "Your decision is old enough that the setting is worth checking again: "
                "platforms sometimes reset settings. Confirm when it is still the way you left "
                "it.",
            ),
        ),
        (
            translate("HelpWindow", "retired from the catalog"),
            translate(
                "HelpWindow",
                "The category is no longer in the catalog. Your decision and its history are "
                "kept; there is nothing left to do.",
            ),
        ),
    )


def _shortcut(keys: QKeySequence) -> str:
    """A shortcut as this system writes it (Qt names the keys in the user's language)."""
    return keys.toString(QKeySequence.SequenceFormat.NativeText)


def _keys() -> tuple[tuple[str, str], ...]:
    return (
        (_shortcut(QKeySequence("F1")), translate("HelpWindow", "This help")),
        (
            _shortcut(QKeySequence("F10")),
            translate("HelpWindow", "The menu bar (then the arrow keys)"),
        ),
        (
            _shortcut(QKeySequence("Ctrl+F")),
            translate("HelpWindow", "Find in the checklist; Esc empties the search"),
        ),
        (_shortcut(QKeySequence("Ctrl+R")), translate("HelpWindow", "Start a guided review")),
        (
            _shortcut(QKeySequence("Ctrl+Shift+R")),
            translate("HelpWindow", "Review what needs attention"),
        ),
        (_shortcut(QKeySequence("Ctrl+P")), translate("HelpWindow", "Print the summary")),
        (
            translate("HelpWindow", "Alt + underlined letter"),
            translate("HelpWindow", "The button, choice or menu with that letter"),
        ),
        (
            translate("HelpWindow", "Tab / Shift+Tab"),
            translate("HelpWindow", "The next / previous control"),
        ),
        (
            translate("HelpWindow", "Arrow keys"),
            translate("HelpWindow", "Move in the list; in your decision, choose another answer"),
        ),
    )


def _paragraphs(texts: tuple[str, ...]) -> str:
    return "".join(f"<p>{html.escape(text)}</p>" for text in texts)


def _terms(pairs: tuple[tuple[str, str], ...]) -> str:
    rows = "".join(
        f"<tr><td style='padding-right:12px'><b>{html.escape(term)}</b></td>"
        f"<td>{html.escape(meaning)}</td></tr>"
        for term, meaning in pairs
    )
    return f"<table cellspacing='4'>{rows}</table>"


def help_html(dirs: AppDirs, store_text: str) -> str:
    """The whole help as one HTML document; the sections have anchors named in SECTIONS."""
    titles = _section_titles()
    contents = "".join(
        f"<li><a href='#{anchor}'>{html.escape(titles[anchor])}</a></li>" for anchor in SECTIONS
    )
    statuses = tuple(
        (words.GENERIC_WORDS[value], meaning) for value, meaning in _status_meanings()
    ) + (
        (
            words.status_words(None),
            translate("HelpWindow", "You have not recorded a decision yet."),
        ),
    )
    places = (
        (translate("HelpWindow", "Checklist and backups"), str(dirs.data)),
        (translate("HelpWindow", "Window settings"), str(dirs.config)),
        (translate("HelpWindow", "Your own catalog files"), str(dirs.user_catalogs)),
        (translate("HelpWindow", "Log files"), str(dirs.log)),
        (translate("HelpWindow", "Cache"), str(dirs.cache)),
    )
    data = _paragraphs(
        (
            store_text or translate("HelpWindow", "The checklist is not open."),
            translate(
                "HelpWindow",
                "Nothing leaves your computer unless you run an online check from the Tools "
                "menu; there is no account and no telemetry. The log records what the app "
                "did, never a platform, category, decision or note.",
            ),
            translate(
                "HelpWindow", "Help > Where your data is has a button to open or copy each folder."
            ),
        )
    ) + _terms(places)
    bodies = {
        "flow": "<ol>" + "".join(f"<li>{html.escape(t)}</li>" for t in _flow()) + "</ol>",
        "statuses": _terms(statuses),
        "flags": _terms(_flags()),
        "keys": _terms(_keys()),
        "data": data,
    }
    sections = "".join(
        f"<h2><a name='{anchor}'></a>{html.escape(titles[anchor])}</h2>{bodies[anchor]}"
        for anchor in SECTIONS
    )
    heading = html.escape(translate("HelpWindow", "Privacy Review help"))
    return f"<h1>{heading}</h1><ul>{contents}</ul>{sections}"


class HelpWindow(QDialog):
    """The help, beside the checklist (not modal: the user can read and act at once)."""

    def __init__(self, dirs: AppDirs, store_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("HelpWindow", "Privacy Review help"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName(translate("HelpWindow", "Help text"))
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(True)  # the anchors above; nothing else is a link
        self.browser.setHtml(help_html(dirs, store_text))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(640, 560)
        fit_to_screen(self)

    def show_section(self, anchor: str) -> None:
        if anchor:
            self.browser.scrollToAnchor(anchor)
        else:
            self.browser.moveCursor(self.browser.textCursor().MoveOperation.Start)

    def text(self) -> str:
        return self.browser.toPlainText()
