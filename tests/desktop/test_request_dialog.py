"""The drafting dialog: prefilled from the category and the export's findings, the law from
the region, output by clipboard, mail link, web form and files; the category view offers it
where no switch exists. Rendered at 800x600 and 1280x800."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from gui.core.catalog import load_catalog
from gui.core.catalog.model import Contact, Platform
from gui.core.paths import AppDirs
from gui.core.requests import Kind, Law
from gui.core.store import open_store
from gui.core.store.requests_store import RequestBook
from gui.desktop.requests.dialog import RequestDialog
from gui.desktop.views.category_view import CategoryView

# The offscreen platform says this when a top-level dialog is shown; it is not ours.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

READ = date(2026, 8, 1)
EMAIL = Contact("email", "dpo@x.com", "Data Protection Officer", "https://x.com/en/privacy", READ)
FORM = Contact(
    "web-form", "https://help.x.com/forms/privacy", "Privacy form", "https://x.com/", READ
)


def x_with(*contacts: Contact) -> Platform:
    platform = load_catalog().platform("x")
    assert platform is not None
    return dataclasses.replace(platform, contacts=contacts)


class Recorder:
    def __init__(self) -> None:
        self.urls: list[str] = []

    def __call__(self, url: QUrl) -> bool:
        self.urls.append(url.toString(QUrl.ComponentFormattingOption.FullyEncoded))
        return True


def dialog_for(
    qtbot: QtBot, platform: Platform, category_id: str, **kwargs: object
) -> RequestDialog:
    dialog = RequestDialog(
        platform,
        platform.category(category_id),
        today=lambda: date(2026, 12, 1),
        **kwargs,  # type: ignore[arg-type]
    )
    qtbot.addWidget(dialog)
    return dialog


def test_prefilled_with_category_findings_and_the_law_of_the_region(qtbot: QtBot) -> None:
    dialog = dialog_for(
        qtbot,
        x_with(EMAIL),
        "grok-xai-training",
        region="FR",
        findings=lambda p, c: [f"{p}/{c}: 312 inferred interests"],
    )
    assert dialog.law is Law.GDPR
    assert dialog.kind is Kind.OBJECTION  # AI training suggests an objection
    assert dialog.letter is None  # an objection needs grounds first
    assert "Write your grounds above" in dialog.preview.toPlainText()
    assert dialog.grounds_edit.isVisibleTo(dialog)
    dialog.grounds_edit.setPlainText("My posts are personal.")
    text = dialog.preview.toPlainText()
    assert "Article 21(1) GDPR" in text
    assert "x/grok-xai-training: 312 inferred interests" in text
    assert "not legal advice" in dialog.advice.text()
    dialog.law_box.setCurrentIndex(dialog.law_box.findData("ccpa"))
    assert dialog.kind_box.findData("erasure") == -1 and dialog.kind_box.findData("know") >= 0
    assert "Cal. Civ. Code" in dialog.preview.toPlainText()


@pytest.mark.parametrize(
    ("region", "law"), [("GB", Law.UK_GDPR), ("US", Law.CCPA), (None, Law.GDPR)]
)
def test_the_law_follows_the_region(qtbot: QtBot, region: str | None, law: Law) -> None:
    assert dialog_for(qtbot, x_with(), "grok-xai-training", region=region).law is law


def test_mail_link_and_its_clipboard_fallback(qtbot: QtBot) -> None:
    opener = Recorder()
    dialog = dialog_for(qtbot, x_with(EMAIL), "grok-xai-training", opener=opener)
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("access"))
    assert dialog.mail_button.isEnabled() and not dialog.form_button.isEnabled()
    dialog.name_edit.setText("Ana")
    dialog.mail_button.click()
    parts = urlsplit(opener.urls[-1])
    assert parts.scheme == "mailto" and parts.path == "dpo@x.com"
    query = parse_qs(parts.query)
    # The catalog's long text makes this letter longer than a mail link can carry: the
    # link has the subject only and the body is on the clipboard.
    if "body" in query:
        assert "Article 15" in query["body"][0]
    else:
        assert "Article 15" in QGuiApplication.clipboard().text()
        assert "clipboard" in dialog.status.text()
    assert query["subject"][0].startswith("Access")


def test_a_form_only_platform_gets_the_text_to_paste_and_the_form(qtbot: QtBot) -> None:
    opener = Recorder()
    dialog = dialog_for(qtbot, x_with(FORM), "grok-xai-training", opener=opener)
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("objection-marketing"))
    assert not dialog.mail_button.isEnabled()
    dialog.form_button.click()
    assert opener.urls == ["https://help.x.com/forms/privacy"]
    assert "Article 21(2)" in QGuiApplication.clipboard().text()


def test_saved_files_show_markup_literally(qtbot: QtBot, tmp_path: Path) -> None:
    from pypdf import PdfReader

    dialog = dialog_for(qtbot, x_with(), "grok-xai-training")
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("access"))
    dialog.name_edit.setText("<b>Ana</b> \x1b[2J")
    for name in ("letter.pdf", "letter.md", "letter.txt"):
        dialog.save_to(tmp_path / name)
    pages = PdfReader(tmp_path / "letter.pdf").pages
    pdf = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "<b>Ana</b>" in pdf and "Article 15" in pdf
    assert "\\<b\\>Ana\\</b\\>" in (tmp_path / "letter.md").read_text(encoding="utf-8")
    text = (tmp_path / "letter.txt").read_text(encoding="utf-8")
    assert "<b>Ana</b> \\x1b[2J" in text and "\x1b" not in text


def test_keep_stores_the_request_and_the_name(qtbot: QtBot, app_dirs: AppDirs) -> None:
    with open_store(app_dirs) as store:
        dialog = dialog_for(qtbot, x_with(), "grok-xai-training", store=store)
        dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("erasure"))
        dialog.name_edit.setText("Ana Example")
        dialog.keep_button.click()
        assert dialog.kept_id is not None and not dialog.keep_button.isEnabled()
        request = RequestBook(store).get(dialog.kept_id)
        assert request.kind is Kind.ERASURE and request.category_ids == ("grok-xai-training",)
        assert request.requester.name == "Ana Example"
        again = dialog_for(qtbot, x_with(), "grok-xai-training", store=store)
        assert again.name_edit.text() == "Ana Example"


def test_the_category_view_offers_a_letter_where_no_switch_exists(qtbot: QtBot) -> None:
    platform = x_with()
    view = CategoryView()
    qtbot.addWidget(view)
    kinds = {}
    for category in platform.categories:
        view.set_category(platform, category, region="DE")
        kinds[category.control_for("DE").kind] = view.request_button.isVisibleTo(view)
    assert kinds.get("none") is True
    assert kinds.get("toggle") is False


def test_rendered_at_both_sizes(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = dialog_for(qtbot, x_with(EMAIL), "grok-xai-training", region="DE")
    dialog.grounds_edit.setPlainText("My posts are personal.")
    for width, height in ((800, 600), (1280, 800)):
        dialog.resize(width, height)
        dialog.show()
        qtbot.waitExposed(dialog)
        image = dialog.grab()
        assert image.width() == width and image.height() == height
        assert image.save(str(tmp_path / f"request-{width}.png"))
        # Every button stays inside the dialog.
        for button in (dialog.copy_button, dialog.keep_button):
            assert button.geometry().right() <= width
