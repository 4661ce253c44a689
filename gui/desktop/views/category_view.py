"""``CategoryView``: everything the catalog says about one category, for the wizard and the
checklist window's detail pane.

Every piece of catalog text goes into a ``QLabel`` set to ``Qt.PlainText``: catalog files can
come from the user, and rich text would let a file inject links or images. Labels wrap and
are selectable; headings take their size from the application font, so the view follows the
system font size, and colours come from the palette, except the risk badges, which carry
their own background and foreground so they read the same in light and dark palettes.

The view has no scroll area of its own: put it in a ``QScrollArea`` (``widgetResizable``).
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gui.core import dates
from gui.core.catalog import Category, Link, Platform
from gui.core.catalog.controls import (
    is_action,
    quote_source_text,
    regional_text,
    stale_catalog_text,
)
from gui.core.catalog.model import Control
from gui.core.store import Store
from gui.desktop.evidence.findings_view import FindingsView
from gui.desktop.i18n import translate
from gui.desktop.requests.dialog import RequestDialog
from gui.desktop.views.browser import Opener, copy_text, open_in_browser, safe_settings_url
from gui.desktop.views.plain_text import plain_label
from gui.desktop.views.style import MonogramBadge, spacing

# The texts below are functions, not constants: they are translated when asked for, after
# the app has installed its translator.


def risk_label(risk: str) -> str:
    """ "High risk"... for a catalog risk level (an unknown one as it is)."""
    labels = {
        "high": translate("CategoryView", "High risk"),
        "medium": translate("CategoryView", "Medium risk"),
        "low": translate("CategoryView", "Low risk"),
    }
    return labels.get(risk, risk)


# White text on these backgrounds has a contrast ratio of at least 6.5:1 (WCAG AA asks for
# 4.5:1). The badge paints both colours itself, so it reads the same in any palette.
RISK_COLOURS = {"high": "#a4161a", "medium": "#7a4a00", "low": "#1b5e20"}


def control_summary(kind: str) -> str:
    """The control kind in a few words, next to the risk badge (docs/catalog-format.md)."""
    summaries = {
        "toggle": translate("CategoryView", "There is a switch"),
        "form": translate("CategoryView", "There is a form"),
        "request": translate("CategoryView", "You can make a request"),
        "dont-provide": translate("CategoryView", "The only control is not to provide it"),
        "none": translate("CategoryView", "No control exists"),
        "delete-account": translate("CategoryView", "The only way out is closing the account"),
    }
    return summaries.get(kind, kind)


def control_explanation(kind: str) -> str:
    """The control kind explained, under "What you can do" ("" for an unknown kind)."""
    explanations = {
        "toggle": translate(
            "CategoryView", "There is a switch in the platform's settings: you can turn this off."
        ),
        "form": translate(
            "CategoryView", "There is a form: you can send the platform an objection or a request."
        ),
        "request": translate("CategoryView", "You can ask the platform for this with a request."),
        "dont-provide": translate(
            "CategoryView", "No setting covers this: the only control is not to provide the data."
        ),
        "none": translate(
            "CategoryView",
            "No control exists: you cannot turn this off. The steps say what limits it.",
        ),
        "delete-account": translate(
            "CategoryView", "No setting covers this: the only way out is closing your account."
        ),
    }
    return explanations.get(kind, "")


def confidence_label(confidence: str) -> str:
    """Short, on the button (it cannot wrap, and must fit beside the decision column with
    large fonts); a third-party address also gets a warning above its button."""
    labels = {
        "confirmed": translate("CategoryView", "confirmed"),
        "third-party": translate("CategoryView", "third-party"),
    }
    return labels.get(confidence, confidence)


def third_party_caution(host: str) -> str:
    return translate(
        "CategoryView",
        "This address was seen only in third-party guides or the press, not in the platform's "
        "own text: check that the page that opens is on {host} before you sign in.",
    ).format(host=host)


# Controls where a letter using the law is the step left to take.
REQUEST_CONTROLS = ("none", "form")


def request_short_text() -> str:
    """The letter button's text when the full one is wider than the page."""
    return translate("CategoryView", "Draft a letter instead…")


def region_name(code: str) -> str:
    """ "the EU", "United Kingdom"... for a catalog region code."""
    if code == "EU":
        return translate("CategoryView", "the EU")
    if code == "EEA":
        return translate("CategoryView", "the EEA")
    # Country names come from Qt, in the language of the user's locale.
    territory = QLocale.codeToTerritory(code)
    if territory == QLocale.Country.AnyTerritory:
        return code
    return QLocale.territoryToString(territory)


def escape_mnemonic(text: str) -> str:
    """Text for a button or check box: a single "&" would become a keyboard shortcut."""
    return text.replace("&", "&&")


def heading_label(text: str, *, scale: float = 1.0, parent: QWidget | None = None) -> QLabel:
    """A bold heading sized relative to the application font, so it follows the system
    font size."""
    label = plain_label(text, parent=parent)
    font = QFont(label.font())
    font.setBold(True)
    if scale != 1.0 and font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


def secondary_label(text: str = "", *, parent: QWidget | None = None) -> QLabel:
    """Plain text for sources, dates and addresses. Not dimmed: the palette's placeholder
    colour is below 4.5:1 contrast in common styles, and these lines matter."""
    return plain_label(text, parent=parent)


def risk_badge_style(risk: str) -> str:
    colour = RISK_COLOURS.get(risk, "#444444")
    return (
        f"QLabel {{ background-color: {colour}; color: #ffffff; border-radius: 3px; "
        "padding: 2px 6px; font-weight: bold; }"
    )


def _add_now(layout: QGridLayout | QVBoxLayout, widget: QWidget, *position: int) -> None:
    """Add a widget to a layout and show it at once. A layout shows a new child of a
    visible widget only on the next pass of the event loop; until then the widget cannot
    take focus or a place in the Tab order, which the wizard sets right after filling us."""
    layout.addWidget(widget, *position)  # type: ignore[arg-type]  # (stretch, alignment) or ()
    if widget.parentWidget() is not None:  # never show a widget that would be a window
        widget.show()


class LinkRow(QWidget):
    """One address with its label, an Open button and room for a message when the address
    is refused or the browser cannot be started. ``set_link`` shows another address: the
    view keeps its rows from one category to the next instead of making new ones."""

    def __init__(
        self,
        title: str = "",
        url: str = "",
        button_text: str = "",
        caution: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.url = url
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.title = plain_label()
        self.address = secondary_label()
        self.caution = plain_label()
        self.button = QPushButton()
        self.button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.message = plain_label()
        self.message.setFont(_bold(self.message.font()))
        # Shown when the browser could not be started: the address, one press from the
        # clipboard (no Alt letter: every one is taken on the pages that show it).
        self.copy_button = QPushButton(translate("CategoryView", "Copy address"))
        self.copy_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.copy_button.clicked.connect(self._copy)
        for widget in (self.title, self.address, self.caution, self.button, self.message):
            layout.addWidget(widget)
        layout.addWidget(self.copy_button)
        self.set_link(title, url, button_text, caution)

    def set_link(self, title: str, url: str, button_text: str, caution: str = "") -> None:
        """Show this address: the title, address and caution lines only when they have
        text; the button enabled and no message (``CategoryView`` checks the address)."""
        self.url = url
        for widget, text in ((self.title, title), (self.address, url), (self.caution, caution)):
            widget.setText(text)
            widget.setVisible(bool(text))
        self.button.setText(button_text)
        self.button.setEnabled(True)
        self.show_message("")

    def show_message(self, text: str, *, offer_copy: bool = False) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.copy_button.setVisible(offer_copy)
        self.copy_button.setAccessibleName(
            translate("CategoryView", "Copy the address {address}").format(address=self.url)
        )

    def _copy(self) -> None:
        copy_text(self.url)
        self.message.setText(
            translate("CategoryView", "Address copied: paste it into your browser's address bar.")
        )
        self.message.setVisible(True)


def _bold(font: QFont) -> QFont:
    font = QFont(font)
    font.setBold(True)
    return font


class CategoryView(QWidget):
    """One category, in this order: the platform's monogram and name, the title, the risk
    (none for actions such as getting a copy or closing the account) and the control kind;
    what is collected; what the user can do where they live, with the other regions, the
    settings pages, the steps and the undo note; why it matters; the policy quote with its
    source; when it was last verified, and a warning when the whole catalog is more than six
    months old. Decision controls are not part of it (see ``DecisionEditor``).

    ``opener`` receives the checked ``QUrl`` (default: ``QDesktopServices.openUrl``).
    """

    def __init__(self, parent: QWidget | None = None, *, opener: Opener | None = None) -> None:
        super().__init__(parent)
        self._opener = opener
        self._platform: Platform | None = None
        self._category: Category | None = None
        self.link_rows: list[LinkRow] = []
        self.source_row: LinkRow | None = None
        # Widgets made for earlier categories, shown again or hidden for the next one:
        # turning a page fills them instead of making and deleting widgets.
        self._link_pool: list[LinkRow] = []
        self._step_pool: list[tuple[QLabel, QLabel]] = []
        self._risk_style = ""
        self._catalog_checked: date | None = None
        self._today = date.today
        gaps = spacing(self)

        self.monogram = MonogramBadge(scale=1.4)
        self.platform_label = secondary_label()
        self.title_label = heading_label("", scale=1.35)
        self.risk_badge = QLabel()
        self.risk_badge.setTextFormat(Qt.TextFormat.PlainText)
        self.control_summary = heading_label("")
        self.regions_label = plain_label()

        self.collected_label = plain_label()
        self.why_label = plain_label()
        self.quote_label = plain_label()
        quote_font = QFont(self.quote_label.font())
        quote_font.setItalic(True)
        self.quote_label.setFont(quote_font)
        self.quote_label.setIndent(self.fontMetrics().averageCharWidth() * 2)
        self.quote_date_label = secondary_label()
        self.source_box = QVBoxLayout()
        self.source_box.setContentsMargins(0, 0, 0, 0)

        self.control_label = plain_label()
        self.control_note_label = plain_label()
        # Where no switch exists: a GDPR / CCPA letter instead (gui.desktop.requests).
        self.request_button = QPushButton(
            translate("CategoryView", "Ask the platform instead: draft a letter…")
        )
        self.request_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.request_button.clicked.connect(self._draft_request)
        self.request_button.hide()
        self._region: str | None = None
        self.links_box = QVBoxLayout()
        self.links_box.setContentsMargins(0, 0, 0, 0)
        self.links_box.setSpacing(self.fontMetrics().height() // 2)
        self.steps_heading = heading_label(translate("CategoryView", "Steps"))
        self.steps_grid = QGridLayout()
        self.steps_grid.setContentsMargins(0, 0, 0, 0)
        self.steps_grid.setColumnStretch(1, 1)
        self.undo_heading = heading_label(translate("CategoryView", "To undo it"))
        self.undo_label = plain_label()
        self.verified_label = secondary_label()
        self.stale_label = plain_label()
        self.stale_label.setFont(_bold(self.stale_label.font()))
        self.stale_label.hide()
        # "What your export shows": hidden unless a data export read shows something.
        self.findings_view = FindingsView()

        # The order is the page's hierarchy: what is collected, then what the user can do
        # where they live with the settings button (above the fold at 800x600, beside the
        # decision), then the steps; why it matters and the policy's words come after.
        layout = QVBoxLayout(self)
        layout.setSpacing(gaps.small)
        platform_line = QHBoxLayout()
        platform_line.setSpacing(gaps.small * 2)
        platform_line.addWidget(self.monogram, 0, Qt.AlignmentFlag.AlignVCenter)
        platform_line.addWidget(self.platform_label, 1, Qt.AlignmentFlag.AlignVCenter)
        badge_line = QHBoxLayout()
        badge_line.setSpacing(gaps.small * 2)
        badge_line.addWidget(self.risk_badge, 0, Qt.AlignmentFlag.AlignTop)
        badge_line.addWidget(self.control_summary, 1)
        layout.addLayout(platform_line)
        layout.addWidget(self.title_label)
        layout.addLayout(badge_line)
        self.collected_heading = self._section(
            layout, translate("CategoryView", "What is collected"), self.collected_label
        )
        layout.addWidget(self.findings_view)
        self.control_heading = self._section(
            layout, translate("CategoryView", "What you can do"), self.control_label
        )
        layout.addWidget(self.regions_label)
        layout.addLayout(self.links_box)
        layout.addWidget(self.control_note_label)
        layout.addWidget(self.request_button)
        layout.addSpacing(gaps.small)
        layout.addWidget(self.steps_heading)
        layout.addLayout(self.steps_grid)
        layout.addSpacing(gaps.small)
        layout.addWidget(self.undo_heading)
        layout.addWidget(self.undo_label)
        self.why_heading = self._section(
            layout, translate("CategoryView", "Why it matters"), self.why_label
        )
        self.quote_heading = self._section(
            layout, translate("CategoryView", "What the policy says"), self.quote_label
        )
        layout.addWidget(self.quote_date_label)
        layout.addLayout(self.source_box)
        layout.addSpacing(gaps.medium)
        layout.addWidget(self.verified_label)
        layout.addWidget(self.stale_label)
        layout.addStretch(1)

    @staticmethod
    def _section(layout: QVBoxLayout, title: str, body: QLabel) -> QLabel:
        layout.addSpacing(spacing(body).medium)
        heading = heading_label(title)
        layout.addWidget(heading)
        layout.addWidget(body)
        return heading

    def set_catalog_checked(self, day: date | None) -> None:
        """The newest ``verified`` date of the bundled catalog: when it is more than six
        months old, the page says the catalog may be out of date (None: say nothing)."""
        self._catalog_checked = day
        self._update_stale_note()

    def _update_stale_note(self) -> None:
        text = stale_catalog_text(self._catalog_checked, self._today())
        self.stale_label.setText(text)
        self.stale_label.setVisible(bool(text))

    @property
    def category(self) -> Category | None:
        return self._category

    @property
    def platform(self) -> Platform | None:
        return self._platform

    def set_category(
        self, platform: Platform, category: Category, *, region: str | None = None
    ) -> None:
        """Show ``category`` of ``platform``: what is collected, for everyone, and the
        control a user in ``region`` (an ISO country code; None: not chosen) has, with what
        other regions get."""
        self._platform = platform
        self._category = category
        self.monogram.set_platform(platform.id, platform.name)
        self.platform_label.setText(platform.name)
        self.title_label.setText(category.title)
        # Getting a copy or closing the account is an action, not a risk: no badge.
        self.risk_badge.setVisible(not is_action(category, region))
        risk = risk_label(category.risk)
        self.risk_badge.setText(risk)
        style = risk_badge_style(category.risk)
        if style != self._risk_style:  # a style sheet is parsed and applied anew each time
            self.risk_badge.setStyleSheet(style)
            self._risk_style = style
        self.risk_badge.setAccessibleName(risk)
        control = category.control_for(region)
        self.control_summary.setText(control_summary(control.kind))

        self.regions_label.setText(regional_text(category, region, region_name))
        self.regions_label.setVisible(bool(self.regions_label.text()))

        self.collected_label.setText(category.collected)
        self.findings_view.show_for(platform.id, category.id)
        self.why_label.setText(category.why)
        self.quote_label.setText(f"\u201c{category.quote.text}\u201d")
        self.quote_date_label.setText(quote_source_text(category.quote) + ":")
        self._set_source(category.quote.source)

        self.control_label.setText(control_explanation(control.kind))
        self.control_note_label.setText(control.note)
        self.control_note_label.setVisible(bool(control.note))
        self._set_links(control.links)
        self._set_steps(control.steps)
        self.undo_label.setText(control.undo)
        self.undo_heading.setVisible(bool(control.undo))
        self.undo_label.setVisible(bool(control.undo))
        self.verified_label.setText(self._verified_text(category, control))
        self._update_stale_note()
        self._region = region
        self.request_button.setText(
            translate("CategoryView", "Ask {platform} instead: draft a letter…").format(
                platform=escape_mnemonic(platform.name)
            )
        )
        self.request_button.setVisible(control.kind in REQUEST_CONTROLS)
        self._request_text = self.request_button.text()
        self._fit_request_button()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_request_button()

    def _fit_request_button(self) -> None:
        """A button cannot wrap: with a long platform name and a large font the letter
        button would be wider than the page at 800x600 and push it sideways. Then it says
        the short form (the full one stays its tooltip and accessible name)."""
        full = getattr(self, "_request_text", "")
        if not full:
            return
        button = self.request_button
        metrics = button.fontMetrics()
        padding = button.sizeHint().width() - metrics.horizontalAdvance(button.text())
        layout = self.layout()
        inner = layout.contentsMargins() if layout is not None else self.contentsMargins()
        margins = inner.left() + inner.right()
        fits = metrics.horizontalAdvance(full) + padding <= self.width() - margins
        text = full if fits else request_short_text()
        if button.text() != text:
            button.setText(text)
        button.setToolTip(full.replace("&&", "&"))
        button.setAccessibleName(full.replace("&&", "&"))

    @staticmethod
    def _verified_text(category: Category, control: Control) -> str:
        day = dates.day(category.verified)
        confidences = {link.confidence for link in control.links}
        if confidences == {"confirmed"}:
            return translate(
                "CategoryView",
                "Last verified against its sources on {day}. The settings addresses were seen "
                "in the platform's own text or app.",
            ).format(day=day)
        if "third-party" in confidences:
            return translate(
                "CategoryView",
                "Last verified against its sources on {day}. A third-party address was seen "
                "only in guides or the press, not in the platform's own text.",
            ).format(day=day)
        return translate("CategoryView", "Last verified against its sources on {day}.").format(
            day=day
        )

    def _set_source(self, url: str) -> None:
        row = self.source_row
        if row is None:
            row = LinkRow()
            row.button.clicked.connect(lambda: self._open(row))
            _add_now(self.source_box, row)
            self.source_row = row
        row.set_link("", url, translate("CategoryView", "Open the &policy source"))
        row.button.setAccessibleName(
            translate("CategoryView", "Open the policy source in your browser: {address}").format(
                address=url
            )
        )
        self._check_row(row)

    def _set_links(self, links: tuple[Link, ...]) -> None:
        while len(self._link_pool) < len(links):
            row = LinkRow()
            row.button.clicked.connect(lambda _checked=False, r=row: self._open(r))
            _add_now(self.links_box, row)
            self._link_pool.append(row)
        self.link_rows = self._link_pool[: len(links)]
        for number, (row, link) in enumerate(zip(self.link_rows, links, strict=True), start=1):
            confidence = confidence_label(link.confidence)
            host = urlsplit(link.url).hostname or translate(
                "CategoryView", "the platform's own site"
            )
            caution = third_party_caution(host) if link.confidence != "confirmed" else ""
            row.set_link(link.label, link.url, self._open_text(number, confidence), caution)
            row.button.setAccessibleName(
                translate(
                    "CategoryView", "Open settings page: {page} ({confidence} address)"
                ).format(page=link.label, confidence=confidence)
            )
            row.button.setToolTip(link.url)
            self._check_row(row)
            row.setVisible(True)
        for row in self._link_pool[len(links) :]:
            row.setVisible(False)

    @staticmethod
    def _open_text(number: int, confidence: str) -> str:
        # The first button takes Alt+O; further ones Alt+2, Alt+3... so each has its own.
        if number == 1:
            text = translate("CategoryView", "&Open settings page ({confidence})")
        elif number <= 9:
            text = translate("CategoryView", "Open settings page &{number} ({confidence})")
        else:
            text = translate("CategoryView", "Open settings page ({confidence})")
        return text.format(number=number, confidence=confidence)

    def _check_row(self, row: LinkRow) -> None:
        """Refuse an unsafe address up front (disabled button with the reason); it is checked
        again when the button is pressed."""
        if self._platform is not None and safe_settings_url(row.url, self._platform) is None:
            row.button.setEnabled(False)
            row.show_message(self._refusal_text())

    def _refusal_text(self) -> str:
        if self._platform is None:
            return translate(
                "CategoryView",
                "This address was not opened: it is not a secure (https) address on the "
                "platform's own domains.",
            )
        return translate(
            "CategoryView",
            "This address was not opened: it is not a secure (https) address on {platform}'s "
            "own domains.",
        ).format(platform=self._platform.name)

    def _set_steps(self, steps: tuple[str, ...]) -> None:
        while len(self._step_pool) < len(steps):
            index = len(self._step_pool)
            number = QLabel(f"{index + 1}.")
            number.setTextFormat(Qt.TextFormat.PlainText)
            number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            number.setAccessibleName(
                translate("CategoryView", "Step {number}").format(number=index + 1)
            )
            text = plain_label()
            _add_now(self.steps_grid, number, index, 0)
            _add_now(self.steps_grid, text, index, 1)
            self._step_pool.append((number, text))
        for index, (number, text) in enumerate(self._step_pool):
            shown = index < len(steps)
            if shown:
                text.setText(steps[index])
            number.setVisible(shown)
            text.setVisible(shown)

    def _open(self, row: LinkRow) -> None:
        if self._platform is None:
            return
        if open_in_browser(row.url, self._platform, self._opener):
            row.show_message("")
        elif safe_settings_url(row.url, self._platform) is None:
            row.show_message(self._refusal_text())
        else:
            row.show_message(
                translate(
                    "CategoryView",
                    "The browser could not be started. Copy the address above into your browser.",
                ),
                offer_copy=True,
            )

    def _draft_request(self) -> None:
        """Open the drafting dialog; the window's checklist (when it has one) keeps it."""
        if self._platform is None:
            return
        store = getattr(self.window(), "store", None)
        dialog = RequestDialog(
            self._platform,
            self._category,
            region=self._region,
            store=store if isinstance(store, Store) else None,
            opener=self._opener,
            parent=self,
        )
        dialog.open()
