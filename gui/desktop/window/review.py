"""Review > Start review and Review what needs attention: the guided review (the wizard),
opened over the checklist window. The wizard saves every decision itself; the window
re-reads each saved decision's row as it is saved, and the store when the wizard closes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from gui.core.catalog import Catalog
from gui.core.checklist import build_checklist
from gui.core.review.plan import PlanChoice, Scope
from gui.desktop.wizard.wizard import ReviewWizard

if TYPE_CHECKING:
    from gui.core.store import Store
    from gui.desktop.window.main_window import MainWindow


def attention_choice(wizard: ReviewWizard, catalog: Catalog, store: Store) -> None:
    """Point the wizard's start page at what needs attention: the platforms with something
    to do, and every category on them that is not reviewed, marked for later, changed since
    the user decided or due for a re-check (the user can narrow it on the start page)."""
    rows = build_checklist(catalog, store.decisions(), recheck_days=store.recheck_days())
    platform_ids = tuple(
        p.id for p in catalog.platforms if any(r.platform_id == p.id and r.to_do for r in rows)
    )
    current = wizard.start_page.choice()
    wizard.start_page.set_choice(
        PlanChoice(Scope.ATTENTION, platform_ids or current.platform_ids, (), current.region)
    )


def open_review(
    window: MainWindow,
    catalog: Catalog,
    store: Store,
    *,
    platforms: Sequence[str] | None = None,
    topics: Sequence[str] | None = None,
    attention: bool = False,
) -> ReviewWizard:
    wizard = ReviewWizard(
        catalog,
        store,
        platforms=list(platforms) if platforms else None,
        topics=list(topics) if topics else None,
        parent=window,
    )
    if attention and wizard.on_start_page():
        attention_choice(wizard, catalog, store)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    # One row re-read and updated per save, not the whole checklist rebuilt.
    wizard.decisionSaved.connect(lambda p, c: window.reload(p, c))
    wizard.checklistRequested.connect(wizard.accept)
    wizard.finished.connect(lambda _result: window.review_closed())
    # Sent after ``finished`` (and the reload it brings): the checklist then shows the
    # platform the user was reviewing, not the first one.
    wizard.platformReviewed.connect(window.show_platform)
    # Window-modal: one place edits the checklist at a time.
    wizard.open()
    return wizard
