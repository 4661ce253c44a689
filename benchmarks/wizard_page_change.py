"""How fast the guided review turns a page with a thousand categories loaded.

Writes the filter benchmark's synthetic catalog (10 platforms x 100 categories, the same
code: ``checklist_filter.write_synthetic_catalog``) to a temporary folder and loads it like
the bundled one, opens a real, encrypted store in a temporary data dir with a third of the
categories already decided (a returning user), and shows the real ``ReviewWizard``
offscreen on a walk through all 1,000 categories. It times, each on its own, up to the
dialog having laid out and painted the new page: the click's work, then the event loop
until it is idle again (``SETTLE_PASSES`` passes: layout requests, word-wrapped labels
settling and repaints each post work for the next pass; an idle pass costs microseconds,
and one more pass after the timing is checked to paint nothing). That is what the user
waits for:

- Next with nothing chosen (moves on; only the place in the walk is saved),
- Back,
- Next after choosing a decision (the decision is saved first, then the page turns).

The choosing click itself is not timed. Each is measured twice: the wizard on its own, and
as the app opens it, over the checklist window (Review > Start review), where every saved
decision also makes the window re-read the store and refresh its tree. Prints median, 90th
percentile and worst in ms, and how often the wizard painted per change (at least once, or
nothing was measured). Asserts nothing. Takes a few seconds.

    QT_QPA_PLATFORM=offscreen python benchmarks/wizard_page_change.py [--repeat N]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
PLATFORMS = 10
CATEGORIES_PER_PLATFORM = 100
PASSPHRASE = "benchmark passphrase, not a secret"
SETTLE_PASSES = 5


def filter_benchmark() -> ModuleType:
    """benchmarks/checklist_filter.py, for its synthetic catalog."""
    spec = importlib.util.spec_from_file_location(
        "checklist_filter_benchmark", HERE / "checklist_filter.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return (
        f"median {statistics.median(ordered):.1f} ms, p90 {p90:.1f} ms, "
        f"worst {ordered[-1]:.1f} ms (n={len(ordered)})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=40, help="page changes of each kind")
    args = parser.parse_args()

    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from gui.core import paths
    from gui.core.catalog import load_catalog
    from gui.core.checklist import Status
    from gui.core.review.plan import Scope
    from gui.core.store import open_store
    from gui.desktop.wizard import ReviewWizard

    class PaintCounter(QObject):
        """Counts paint events anywhere in the dialog."""

        def __init__(self) -> None:
            super().__init__()
            self.count = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    app = QApplication.instance() or QApplication(sys.argv[:1])
    late: list[int] = []  # paints after the timed passes (0 when the timing saw them all)

    def walk(wizard: ReviewWizard) -> dict[str, tuple[list[float], list[int]]]:
        """Start a walk through everything, then time the three kinds of page change."""
        app.processEvents()
        wizard.start_page.scope_buttons[Scope.EVERYTHING].click()
        wizard.go_next()
        app.processEvents()
        assert wizard.index == 0 and len(wizard.steps) == categories
        counter = PaintCounter()
        for widget in [wizard, *wizard.findChildren(QObject)]:
            if widget.isWidgetType():
                widget.installEventFilter(counter)
        results: dict[str, tuple[list[float], list[int]]] = {}

        def timed(name: str, change: Callable[[], None]) -> None:
            samples, paints = results.setdefault(name, ([], []))
            before = counter.count
            begin = time.perf_counter()
            change()
            for _ in range(SETTLE_PASSES):  # layout and paint: until the new page is seen
                app.processEvents()
            samples.append((time.perf_counter() - begin) * 1000)
            paints.append(counter.count - before)
            settled = counter.count
            app.processEvents()  # outside the timing: had it stopped too early, this paints
            late.append(counter.count - settled)

        for _ in range(args.repeat):
            timed("next", wizard.go_next)
        for _ in range(args.repeat):
            timed("back", wizard.go_back)
        for _ in range(args.repeat):
            # A choice other than the one stored, so that there is something to save.
            editor = wizard.category_page.editor
            current = wizard.current_row()
            stored = current.status if current else None
            editor.radio(next(s for s in editor.offered() if s is not stored)).click()
            app.processEvents()
            timed("save", wizard.go_next)
        return results

    with tempfile.TemporaryDirectory() as folder:
        catalog_dir = Path(folder) / "catalog"
        catalog_dir.mkdir()
        filter_benchmark().write_synthetic_catalog(catalog_dir, PLATFORMS, CATEGORIES_PER_PLATFORM)
        catalog = load_catalog(bundled_dir=catalog_dir)
        dirs = paths.resolve(Path(folder) / "data")
        dirs.ensure()
        store = open_store(dirs, passphrase=PASSPHRASE)
        categories = sum(len(p.categories) for p in catalog.platforms)
        statuses = list(Status)
        for platform in catalog.platforms:  # a returning user: every third one decided
            for number, category in enumerate(platform.categories):
                if number % 3 == 0:
                    status = statuses[number % len(statuses)]
                    store.record(platform.id, category.id, status, "", category.fingerprint)
        decided = len(store.decisions())
        opened = datetime.now(UTC)

        start = time.perf_counter()
        wizard = ReviewWizard(catalog, store, platforms=[p.id for p in catalog.platforms])
        wizard.show()
        app.processEvents()
        open_ms = (time.perf_counter() - start) * 1000
        alone = walk(wizard)
        wizard.close()

        from gui.desktop.window.main_window import MainWindow
        from gui.desktop.window.review import open_review

        window = MainWindow(dirs)
        window.resize(1200, 800)
        window.show()
        window.set_data(catalog, store)
        app.processEvents()
        over_window = walk(
            open_review(window, catalog, store, platforms=[p.id for p in catalog.platforms])
        )
        saved = sum(1 for entry in store.all_history() if entry.at > opened)
        window.close()
        store.close()

    print(
        f"wizard over {categories} categories on {len(catalog.platforms)} platforms, "
        f"{decided} decided before"
    )
    print(f"open the wizard (start page shown): {open_ms:.1f} ms")
    labels = {
        "next": "Next, nothing chosen",
        "back": "Back",
        "save": "Next after choosing (decision saved)",
    }
    for heading, results in (
        ("the wizard on its own", alone),
        ("over the checklist window", over_window),
    ):
        print(f"{heading}:")
        for name, label in labels.items():
            samples, paints = results[name]
            painted = statistics.median(paints)
            print(f"  {label}: {summary(samples)}; painted {painted:g}x per change")
    print(f"decisions saved during the walks: {saved} (of {2 * args.repeat} timed saves)")
    print(f"paints after the timed passes: {sum(late)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
