"""Review > Review what needs attention walks everything left to do, "changed since you
decided" included (it used to pick either the unreviewed or the changed ones, never both)."""

from __future__ import annotations

import pytest

from gui.core.catalog import Catalog, load_catalog
from gui.core.checklist import Status
from gui.core.paths import AppDirs
from gui.core.review.plan import Scope
from gui.core.store import Store
from gui.desktop.window.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_review_what_needs_attention_includes_changed_decisions(
    qtbot, app_dirs: AppDirs, store: Store
) -> None:
    catalog: Catalog = load_catalog()
    x = catalog.platform("x")
    assert x is not None
    # Every X category decided; one on an entry that changed since. Another platform has
    # one decision, the rest of it unreviewed.
    for category in x.categories:
        store.record("x", category.id, Status.KEPT, "", category.fingerprint)
    changed = x.categories[2]
    store.record("x", changed.id, Status.OPTED_OUT, "", "0" * 16)
    other = next(p for p in catalog.platforms if p.id != "x")
    store.record(other.id, other.categories[0].id, Status.KEPT, "", other.categories[0].fingerprint)

    window = MainWindow(app_dirs)
    qtbot.addWidget(window)
    window.set_data(catalog, store)
    window.commands.review_attention.trigger()
    wizard = next(k for k in window._kept if k.__class__.__name__ == "ReviewWizard")
    qtbot.waitExposed(wizard)
    choice = wizard.start_page.choice()
    assert choice.scope is Scope.ATTENTION
    assert {"x", other.id} <= set(choice.platform_ids)
    wizard.go_next()
    walked = [step.key for step in wizard.steps]
    assert ("x", changed.id) in walked  # changed since you decided
    assert (other.id, other.categories[1].id) in walked  # not reviewed
    assert (other.id, other.categories[0].id) not in walked  # decided, nothing to do
    wizard.reject()


def test_after_a_review_the_checklist_shows_the_platform_reviewed(
    qtbot, app_dirs: AppDirs, store: Store
) -> None:
    catalog: Catalog = load_catalog()
    window = MainWindow(app_dirs)
    qtbot.addWidget(window)
    window.set_data(catalog, store)
    last = catalog.platforms[-1]
    assert window.panel.current_key()[0] != last.id  # the first platform, at the start
    wizard = window.start_review(platforms=[last.id])
    qtbot.waitExposed(wizard)
    wizard.go_next()
    assert wizard.current_row() is not None and wizard.current_row().platform_id == last.id
    with qtbot.waitSignal(wizard.platformReviewed):
        wizard.reject()
    assert window.panel.current_key() == (last.id, "")
