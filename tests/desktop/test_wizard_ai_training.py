"""The feature people come for: "AI training, everywhere I have an account", walked across a
social network and three assistants with the real bundled catalog, for a user in the EU and
one in the US. Collection is shown to both; the control shown is the one of their region."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from gui.core import paths
from gui.core.catalog import Catalog, load_catalog
from gui.core.store import Store, open_store
from gui.desktop.wizard import ReviewWizard

from conftest import CATALOG_DIR

LEFT = Qt.MouseButton.LeftButton
PLATFORMS = ["x", "meta-ai", "chatgpt", "gemini"]
META_FORM = "https://www.facebook.com/help/contact/6359191084165019"


def never_open(url: object) -> bool:
    return True  # nothing is opened: the test only reads the pages


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(CATALOG_DIR)


@pytest.fixture
def store() -> Iterator[Store]:
    opened = open_store(paths.resolve())
    yield opened
    opened.close()


def walk(qtbot, catalog: Catalog, store: Store, region: str) -> dict[tuple[str, str], dict]:
    """Every page of the walk: what the category view showed for it."""
    wizard = ReviewWizard(
        catalog, store, opener=never_open, platforms=PLATFORMS, topics=["ai-training"]
    )
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.start_page.set_region(region)
    qtbot.mouseClick(wizard.next_button, LEFT)
    pages: dict[tuple[str, str], dict] = {}
    while not wizard.on_finish_page():
        row = wizard.current_row()
        assert row is not None
        view = wizard.category_page.view
        pages[(row.platform_id, row.category_id)] = {
            "control": view.control_summary.text(),
            "elsewhere": view.regions_label.text() if not view.regions_label.isHidden() else "",
            "links": [link_row.url for link_row in view.link_rows if not link_row.isHidden()],
        }
        qtbot.mouseClick(wizard.skip_button, LEFT)
    assert not store.decisions(), "skipping records nothing"
    return pages


def test_ai_training_across_x_meta_ai_chatgpt_and_gemini(
    qtbot, catalog: Catalog, store: Store
) -> None:
    in_us = walk(qtbot, catalog, store, "US")
    in_germany = walk(qtbot, catalog, store, "DE")
    # The same categories are walked in both regions: nobody is spared learning what is
    # collected because the control is offered elsewhere.
    assert in_us.keys() == in_germany.keys()
    assert {platform for platform, _ in in_us} == set(PLATFORMS)

    # X's Grok training switch is a switch everywhere.
    assert in_us[("x", "grok-xai-training")]["control"] == "There is a switch"
    assert in_germany[("x", "grok-xai-training")]["control"] == "There is a switch"
    # ChatGPT's training switch too.
    assert in_us[("chatgpt", "ai-training")]["control"] == "There is a switch"

    # Meta AI: no control in the US, the objection form in the EU, and each told of the other.
    us_meta = in_us[("meta-ai", "chat-training")]
    eu_meta = in_germany[("meta-ai", "chat-training")]
    assert us_meta["control"] == "No control exists"
    assert "In the EEA and United Kingdom: you can send a form." in us_meta["elsewhere"]
    assert META_FORM not in us_meta["links"]
    assert eu_meta["control"] == "There is a form"
    assert "Everywhere else: no control is offered." in eu_meta["elsewhere"]
    assert META_FORM in eu_meta["links"]
