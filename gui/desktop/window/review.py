"""Review > Start review and Review what needs attention: the guided review (the wizard),
opened over the checklist window. The wizard saves every decision itself; the window
re-reads the store as decisions are saved and when the wizard closes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from gui.core.catalog import Catalog
from gui.core.checklist import Status, build_checklist

if TYPE_CHECKING:
    from gui.core.store import Store
    from gui.desktop.window.main_window import MainWindow
    from gui.desktop.wizard.wizard import ReviewWizard


def attention_choice(wizard: ReviewWizard, catalog: Catalog, store: Store) -> None:
    """Point the wizard's start page at what needs attention: the platforms with something
    to do, and the scope that has it. The wizard offers "not reviewed or later" and
    "changed or due" as separate scopes; the first wins when both have work, and the user
    can switch on the start page."""
    from gui.core.review.plan import PlanChoice, Scope

    rows = build_checklist(catalog, store.decisions(), recheck_days=store.recheck_days())
    to_do = [r for r in rows if not r.retired and (r.decision is None or r.status is Status.LATER)]
    flagged = [r for r in rows if not r.retired and r.decision is not None and (r.changed or r.due)]
    chosen = to_do or flagged
    scope = Scope.TO_DO if to_do or not flagged else Scope.CHANGED
    platform_ids = tuple(
        p.id for p in catalog.platforms if any(r.platform_id == p.id for r in chosen)
    )
    current = wizard.start_page.choice()
    wizard.start_page.set_choice(
        PlanChoice(scope, platform_ids or current.platform_ids, (), current.region)
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
    from gui.desktop.wizard.wizard import ReviewWizard

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
    wizard.decisionSaved.connect(lambda _p, _c: window.reload())
    wizard.checklistRequested.connect(wizard.accept)
    wizard.finished.connect(lambda _result: window.review_closed())
    # Window-modal: one place edits the checklist at a time.
    wizard.open()
    return wizard
