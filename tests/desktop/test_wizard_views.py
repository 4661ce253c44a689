"""The widgets the wizard shares with the checklist window: the address check, the category
view and the decision editor."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QAbstractButton, QLabel

from gui.core import dates
from gui.core.catalog import Catalog, Category, Link, Platform
from gui.core.checklist import ChecklistRow, Decision, Status
from gui.desktop.views.browser import open_in_browser, safe_settings_url
from gui.desktop.views.category_view import CategoryView, escape_mnemonic
from gui.desktop.views.decision_editor import DecisionEditor, all_decision_labels

HOSTILE_URLS = [
    "http://x.com/settings",  # not https
    "javascript:alert(1)",
    "file:///etc/passwd",
    "data:text/html,<script>alert(1)</script>",
    "https://x.com.evil.example/settings",  # lookalike host
    "https://evilx.com/settings",  # suffix without a dot
    "https://evil.example/x.com",
    "https://user:pass@x.com/settings",  # user info
    "https://evil.example@x.com/settings",
    "https://x.com@evil.example/settings",
    "https://x.com\\@evil.example/settings",  # browsers read the backslash as a slash
    "https://x.com:8443/settings",  # explicit port
    "https://x.com/set tings",  # whitespace
    "https://x.com/settings\n",
    "https://xn--x-com.example/",
    "https://x\u0441om/",  # Cyrillic letter
    "//x.com/settings",  # no scheme
    "",
]


class Opener:
    """Records what would have gone to the browser."""

    def __init__(self, result: bool = True) -> None:
        self.urls: list[QUrl] = []
        self.result = result

    def __call__(self, url: QUrl) -> bool:
        self.urls.append(url)
        return self.result


@pytest.fixture(scope="module")
def x(catalog: Catalog) -> Platform:
    platform = catalog.platform("x")
    assert platform is not None
    return platform


def category(platform: Platform, category_id: str) -> Category:
    found = platform.category(category_id)
    assert found is not None
    return found


def row_for(
    platform: Platform, entry: Category, decision: Decision | None = None, **flags: bool
) -> ChecklistRow:
    return ChecklistRow(
        platform_id=platform.id,
        platform_name=platform.name,
        category_id=entry.id,
        category=entry,
        decision=decision,
        changed=flags.get("changed", False),
        due=flags.get("due", False),
    )


# --- the address check ---------------------------------------------------------------------


def test_every_catalog_address_passes_and_goes_out_unchanged(catalog: Catalog) -> None:
    for platform in catalog.platforms:
        for entry in platform.categories:
            for url in [link.url for link in entry.links] + [entry.quote.source]:
                checked = safe_settings_url(url, platform)
                assert checked is not None, url
                assert checked.toString(QUrl.ComponentFormattingOption.FullyEncoded) == url


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_hostile_addresses_are_refused_and_never_opened(x: Platform, url: str) -> None:
    opener = Opener()
    assert safe_settings_url(url, x) is None
    assert open_in_browser(url, x, opener) is False
    assert opener.urls == []


def test_subdomains_of_the_platform_are_allowed(x: Platform) -> None:
    assert safe_settings_url("https://help.x.com/en/forms", x) is not None
    assert safe_settings_url("https://twitter.com/settings", x) is not None


def test_open_in_browser_reports_a_browser_that_did_not_start(x: Platform) -> None:
    opener = Opener(result=False)
    assert open_in_browser("https://x.com/settings/contacts", x, opener) is False
    assert [u.toString() for u in opener.urls] == ["https://x.com/settings/contacts"]


# --- the category view ---------------------------------------------------------------------


def test_settings_buttons_hand_exactly_the_catalog_url_to_the_opener(qtbot, x: Platform) -> None:
    opener = Opener()
    view = CategoryView(opener=opener)
    qtbot.addWidget(view)
    for entry in x.categories:
        view.set_category(x, entry)
        assert len(view.link_rows) == len(entry.links)
        for row, link in zip(view.link_rows, entry.links, strict=True):
            assert row.button.isEnabled()
            before = len(opener.urls)
            qtbot.mouseClick(row.button, Qt.MouseButton.LeftButton)
            assert len(opener.urls) == before + 1
            handed = opener.urls[-1]
            assert handed.toString(QUrl.ComponentFormattingOption.FullyEncoded) == link.url
            assert handed == QUrl(link.url)
    assert [u.toString() for u in opener.urls] == [
        link.url for entry in x.categories for link in entry.links
    ]


def test_button_labels_say_the_link_confidence(qtbot, x: Platform) -> None:
    view = CategoryView(opener=Opener())
    qtbot.addWidget(view)
    view.set_category(x, category(x, "biometrics"))
    row = view.link_rows[0]
    assert row.button.text() == "&Open settings page (third-party)"
    assert row.title.text() == "ID verification"
    assert "check that the page that opens is on x.com" in row.caution.text()
    view.set_category(x, category(x, "inferred-interests"))
    texts = [row.button.text() for row in view.link_rows]
    assert texts == ["&Open settings page (confirmed)", "Open settings page &2 (confirmed)"]
    assert all(row.caution.isHidden() for row in view.link_rows)
    assert view.link_rows[1].button.accessibleName() == (
        "Open settings page: Interests from partners (confirmed address)"
    )


def test_a_hostile_catalog_url_is_refused_even_when_the_button_is_forced(
    qtbot, x: Platform
) -> None:
    entry = replace(
        category(x, "grok-xai-training"),
        links=tuple(Link(url, "Looks legitimate", "confirmed") for url in HOSTILE_URLS[:6]),
    )
    opener = Opener()
    view = CategoryView(opener=opener)
    qtbot.addWidget(view)
    view.set_category(x, entry)
    for row in view.link_rows:
        assert not row.button.isEnabled()  # refused up front...
        assert "was not opened" in row.message.text()
        row.button.setEnabled(True)  # ...and checked again when pressed
        row.show_message("")
        qtbot.mouseClick(row.button, Qt.MouseButton.LeftButton)
        assert "was not opened" in row.message.text()
    assert opener.urls == []


def test_the_policy_source_opens_through_the_same_check(qtbot, x: Platform) -> None:
    opener = Opener()
    view = CategoryView(opener=opener)
    qtbot.addWidget(view)
    view.set_category(x, category(x, "biometrics"))
    assert view.source_row is not None
    qtbot.mouseClick(view.source_row.button, Qt.MouseButton.LeftButton)
    assert [u.toString() for u in opener.urls] == ["https://x.com/en/privacy"]


def test_a_browser_that_fails_is_reported(qtbot, x: Platform) -> None:
    view = CategoryView(opener=Opener(result=False))
    qtbot.addWidget(view)
    view.set_category(x, category(x, "grok-xai-training"))
    qtbot.mouseClick(view.link_rows[0].button, Qt.MouseButton.LeftButton)
    assert "could not be started" in view.link_rows[0].message.text()


def test_catalog_text_is_plain_text_everywhere(qtbot, x: Platform) -> None:
    markup = '<b>bold</b> <a href="https://evil.example">link</a> <img src="x"> &amp; & more'
    entry = replace(
        category(x, "linked-devices"),
        title=markup,
        collected=markup,
        why=markup,
        control_note=markup,
        steps=(markup, markup),
        undo=markup,
        quote=replace(category(x, "linked-devices").quote, text=markup),
        links=(Link("https://x.com/settings", markup, "confirmed"),),
    )
    platform = replace(x, name="X & <i>Friends</i>")
    view = CategoryView(opener=Opener())
    qtbot.addWidget(view)
    view.set_category(platform, entry)
    labels = view.findChildren(QLabel)
    assert labels
    for label in labels:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
        assert label.openExternalLinks() is False
    shown = [label.text() for label in labels]
    assert markup in shown  # literally, tags and entity included
    assert "X & <i>Friends</i>" in shown
    assert f"\u201c{markup}\u201d" in shown


def test_view_shows_the_region_limit(qtbot, catalog: Catalog) -> None:
    facebook = catalog.platform("facebook")
    assert facebook is not None
    view = CategoryView(opener=Opener())
    qtbot.addWidget(view)
    view.set_category(facebook, category(facebook, "ai-training"), region="US")
    assert "In the EU and United Kingdom: you can send a form." in view.regions_label.text()
    assert "Where you live (United States): no control is offered." in view.regions_label.text()
    view.set_category(facebook, category(facebook, "location"))
    assert view.regions_label.isHidden()


def test_undo_section_is_hidden_when_there_is_nothing_to_undo(qtbot, x: Platform) -> None:
    view = CategoryView(opener=Opener())
    qtbot.addWidget(view)
    view.set_category(x, category(x, "biometrics"))
    assert view.undo_label.isHidden() and view.undo_heading.isHidden()
    view.set_category(x, category(x, "grok-xai-training"))
    assert not view.undo_label.isHidden()


def test_escape_mnemonic() -> None:
    assert escape_mnemonic("AT&T") == "AT&&T"


# --- the decision editor -------------------------------------------------------------------


def test_choices_are_worded_for_the_control_kind(qtbot, x: Platform) -> None:
    editor = DecisionEditor()
    qtbot.addWidget(editor)
    editor.set_row(row_for(x, category(x, "grok-xai-training")))  # toggle
    assert editor.offered() == list(Status)
    toggle = all_decision_labels()["toggle"]
    assert editor.radio(Status.OPTED_OUT).text() == toggle[Status.OPTED_OUT]
    editor.set_row(row_for(x, category(x, "direct-messages")))  # none
    assert Status.OPTED_OUT not in editor.offered()
    assert editor.radio(Status.OPTED_OUT).isHidden()
    for status in editor.offered():
        assert "opted out" not in editor.radio(status).text().lower()
    editor.set_row(row_for(x, category(x, "delete-account")))
    assert editor.radio(Status.OPTED_OUT).text() == "I &deleted my account"


def test_every_choice_has_its_own_mnemonic() -> None:
    reserved = {"b", "n", "s", "c", "o", "p", "t", "2", "3"}  # wizard buttons, links, note
    for control, labels in all_decision_labels().items():
        letters = [label[label.index("&") + 1].lower() for label in labels.values()]
        assert len(set(letters)) == len(letters), control
        assert not set(letters) & reserved, control


def test_stored_decision_is_preselected_with_its_date_and_flag(qtbot, x: Platform) -> None:
    entry = category(x, "personalised-ads")
    decision = Decision(
        "x", entry.id, Status.KEPT, "my note", datetime(2026, 3, 2, 12, tzinfo=UTC), "old"
    )
    editor = DecisionEditor()
    qtbot.addWidget(editor)
    edits: list[None] = []
    editor.edited.connect(lambda: edits.append(None))
    row = row_for(x, entry, decision, changed=True)
    editor.set_row(row)
    assert edits == []  # loading is not editing
    assert editor.value() == (Status.KEPT, "my note")
    assert editor.radio(Status.KEPT).isChecked()
    decided = editor.decided_label.text()
    assert "2026" in decided and row.label_for(None) in decided  # "I left it on"
    assert f"Your decision of {dates.day(decision.decided_at)}: " in decided  # "2 Mar 2026"
    assert "Changed since you decided" in editor.flags_label.text()
    assert not editor.flags_label.isHidden()
    assert not editor.is_modified()
    editor.radio(Status.OPTED_OUT).click()
    assert len(edits) == 1 and editor.is_modified()  # one choice, one signal
    assert editor.value() == (Status.OPTED_OUT, "my note")
    editor.note_edit.setPlainText("my note, longer")
    assert len(edits) == 2
    editor.radio(Status.LATER).setChecked(True)  # a choice made in code counts too
    assert len(edits) == 3


def test_note_needs_a_decision_and_keeps_markup_literal(qtbot, x: Platform) -> None:
    editor = DecisionEditor()
    qtbot.addWidget(editor)
    editor.set_row(row_for(x, category(x, "linked-devices")))
    assert editor.value() == (None, "")
    assert not editor.note_edit.isEnabled()
    assert not editor.is_modified()
    editor.radio(Status.LATER).click()
    assert editor.note_edit.isEnabled()
    markup = "<b>bold</b> <img src=x> &amp;"
    editor.note_edit.setPlainText(markup)
    assert editor.value() == (Status.LATER, markup)
    assert editor.note_edit.toPlainText() == markup
    assert editor.note_edit.tabChangesFocus()


def test_an_earlier_choice_the_kind_no_longer_offers_is_still_shown(qtbot, x: Platform) -> None:
    entry = category(x, "direct-messages")  # no control: opted out is not offered
    decision = Decision("x", entry.id, Status.OPTED_OUT, "", datetime.now(UTC), "old")
    editor = DecisionEditor()
    qtbot.addWidget(editor)
    editor.set_row(row_for(x, entry, decision, changed=True))
    assert editor.radio(Status.OPTED_OUT).isChecked()
    assert "earlier decision" in editor.radio(Status.OPTED_OUT).text()


def test_buttons_have_accessible_text(qtbot, x: Platform) -> None:
    view = CategoryView(opener=Opener())
    editor = DecisionEditor()
    qtbot.addWidget(view)
    qtbot.addWidget(editor)
    view.set_category(x, category(x, "inferred-interests"))
    editor.set_row(row_for(x, category(x, "inferred-interests")))
    for button in view.findChildren(QAbstractButton) + editor.findChildren(QAbstractButton):
        assert button.accessibleName() or button.text().replace("&", "")
    assert editor.note_edit.accessibleName() == "Note"
