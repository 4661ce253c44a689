"""How the checklist window's costs grow with the catalog: 63, 1,000 and 10,000 categories.

For each size it writes a synthetic catalog (the filter benchmark's generator,
``checklist_filter.write_synthetic_catalog``) to a temporary folder, loads it, opens a
real, encrypted store in a temporary data dir with every tenth category decided, and
measures, up to the result being painted (the event loop run until idle, ``SETTLE_PASSES``
passes, as the other benchmarks do):

- **ready**: ``MainWindow`` made, ``set_data`` (checklist built and shown), painted.
  Reference: a bare ``QTreeView`` over a ``QStandardItemModel`` holding the same texts,
  made, filled, expanded and painted at the same size.
- **filter**: a search keystroke and the "Needs attention" switch, then
  ``expandToDepth(0)`` as the window does. Reference: repainting the bare tree (what Qt
  alone needs for that picture at that moment).
- **save**: a decision saved over the window as the guided review saves it: the store
  write, then the wizard's ``decisionSaved`` signal (the window's reaction), then paint.
  Reference: the store write alone.

Every figure is printed with its ratio against the reference measured in the same
process, right before; the machine is shared and its speed moves from one minute to the
next, so compare ratios, or figures of one run. Last, at 1,000 categories, 1,500 filter
changes: memory (RSS) and Qt object counts before and after, which must stay flat.
Times nothing into a PDF (see ``summary_pdf.py``). Asserts nothing. Takes a minute or two.

    QT_QPA_PLATFORM=offscreen python benchmarks/scale.py [--sizes 63,1000,10000]
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
PASSPHRASE = "benchmark passphrase, not a secret"
SETTLE_PASSES = 5
WINDOW_SIZE = (1200, 800)
# categories -> (platforms, categories per platform)
SHAPES = {63: (7, 9), 1000: (10, 100), 10000: (25, 400)}
LEAK_CHANGES = 1500


def filter_benchmark() -> ModuleType:
    """benchmarks/checklist_filter.py, for its synthetic catalog."""
    spec = importlib.util.spec_from_file_location(
        "checklist_filter_benchmark", HERE / "checklist_filter.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def settle(app: Any) -> None:
    for _ in range(SETTLE_PASSES):
        app.processEvents()


def timed(action: Callable[[], None], repeats: int) -> list[float]:
    samples = []
    for _ in range(repeats):
        begin = time.perf_counter()
        action()
        samples.append((time.perf_counter() - begin) * 1000)
    return samples


def rss_mib() -> float:
    """Resident memory now (Linux), in MiB."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def qt_objects(app: Any) -> int:
    """QObjects reachable from the application's top-level widgets and the app itself."""
    from PySide6.QtCore import QObject

    roots = [app, *app.topLevelWidgets()]
    return sum(1 + len(root.findChildren(QObject)) for root in roots)


def bare_tree(app: Any, texts: list[tuple[list[str], list[list[str]]]]) -> Any:
    """A plain QTreeView over a QStandardItemModel with ``texts`` (platform cells,
    category rows), filled, expanded and painted."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QTreeView

    columns = len(texts[0][0]) if texts else 1
    model = QStandardItemModel(0, columns)
    for platform, categories in texts:
        items = [QStandardItem(text) for text in platform]
        for row in categories:
            items[0].appendRow([QStandardItem(text) for text in row])
        model.appendRow(items)
    tree = QTreeView()
    tree.setUniformRowHeights(True)
    tree.setModel(model)
    tree.resize(*WINDOW_SIZE)
    tree.show()
    tree.expandAll()
    settle(app)
    return tree


def texts_of(model: Any) -> list[tuple[list[str], list[list[str]]]]:
    from PySide6.QtCore import QModelIndex

    columns = model.columnCount()
    found = []
    for p in range(model.rowCount(QModelIndex())):
        parent = model.index(p, 0, QModelIndex())
        platform = [model.index(p, c, QModelIndex()).data() or "" for c in range(columns)]
        rows = [
            [model.index(r, c, parent).data() or "" for c in range(columns)]
            for r in range(model.rowCount(parent))
        ]
        found.append((platform, rows))
    return found


def measure(
    app: Any, size: int, folder: Path, repeats: int, leak_changes: int
) -> dict[str, tuple[float, float]]:
    """{figure: (ours in ms, reference in ms)} for one catalog size."""
    from gui.core import paths
    from gui.core.catalog import load_catalog
    from gui.core.checklist import Status
    from gui.core.store import open_store
    from gui.desktop.window.main_window import MainWindow
    from gui.desktop.window.review import open_review

    platforms, per_platform = SHAPES[size]
    catalog_dir = folder / f"catalog-{size}"
    catalog_dir.mkdir()
    filter_benchmark().write_synthetic_catalog(catalog_dir, platforms, per_platform)
    catalog = load_catalog(bundled_dir=catalog_dir)
    dirs = paths.resolve(folder / f"data-{size}")
    dirs.ensure()
    store = open_store(dirs, passphrase=PASSPHRASE)
    statuses = list(Status)
    for platform in catalog.platforms:
        for number, category in enumerate(platform.categories):
            if number % 10 == 0:
                status = statuses[number % len(statuses)]
                store.record(platform.id, category.id, status, "", category.fingerprint)

    figures: dict[str, tuple[float, float]] = {}

    # -- ready ---------------------------------------------------------------------------
    ready: list[float] = []
    reference: list[float] = []
    texts: list[tuple[list[str], list[list[str]]]] = []
    for attempt in range(3):
        begin = time.perf_counter()
        window = MainWindow(dirs)
        window.resize(*WINDOW_SIZE)
        window.show()
        window.set_data(catalog, store)
        settle(app)
        ready.append((time.perf_counter() - begin) * 1000)
        if attempt == 0:
            assert window.panel is not None
            texts = texts_of(window.panel.model)
        window.close()
        window.deleteLater()
        settle(app)
        begin = time.perf_counter()
        tree = bare_tree(app, texts)
        reference.append((time.perf_counter() - begin) * 1000)
        tree.close()
        tree.deleteLater()
        settle(app)
    figures["ready"] = (median(ready), median(reference))

    window = MainWindow(dirs)
    window.resize(*WINDOW_SIZE)
    window.show()
    window.set_data(catalog, store)
    settle(app)
    panel = window.panel
    assert panel is not None
    proxy, tree_view = panel.proxy, panel.tree

    # -- filter --------------------------------------------------------------------------
    def then_paint(change: Callable[[], None]) -> Callable[[], None]:
        def action() -> None:
            change()
            tree_view.expandToDepth(0)
            settle(app)

        return action

    searches = iter(["p", "po", "pos", "post", "posts", "posts n", "posts nu", ""] * repeats)
    keystroke = timed(then_paint(lambda: proxy.set_search_text(next(searches))), 4 * repeats)
    toggles = iter([True, False] * repeats)
    attention = timed(then_paint(lambda: proxy.set_needs_attention(next(toggles))), 2 * repeats)

    def repaint() -> None:
        tree_view.viewport().update()
        settle(app)

    bare = bare_tree(app, texts)

    def bare_repaint() -> None:
        bare.viewport().update()
        settle(app)

    paint_reference = timed(bare_repaint, 2 * repeats)
    figures["filter: search keystroke"] = (median(keystroke), median(paint_reference))
    figures["filter: needs attention"] = (median(attention), median(paint_reference))
    figures["repaint, no change"] = (median(timed(repaint, 2 * repeats)), median(paint_reference))
    bare.close()
    bare.deleteLater()
    settle(app)

    # -- save over the window ------------------------------------------------------------
    wizard = open_review(window, catalog, store, platforms=[p.id for p in catalog.platforms])
    settle(app)
    targets = [(p.id, c) for p in catalog.platforms for c in p.categories]
    step = max(1, len(targets) // (2 * repeats))
    picks = targets[1::step][: 2 * repeats]
    write_only: list[float] = []
    saves: list[float] = []
    for number, (platform_id, category) in enumerate(picks):
        status = statuses[number % len(statuses)]
        begin = time.perf_counter()
        store.record(platform_id, category.id, status, "", category.fingerprint)
        write_only.append((time.perf_counter() - begin) * 1000)
        other = statuses[(number + 1) % len(statuses)]
        begin = time.perf_counter()
        store.record(platform_id, category.id, other, "", category.fingerprint)
        wizard.decisionSaved.emit(platform_id, category.id)
        settle(app)
        saves.append((time.perf_counter() - begin) * 1000)
    figures["save over the window"] = (median(saves), median(write_only))
    wizard.reject()
    settle(app)

    # -- memory and Qt objects over many filter changes ------------------------------------
    if size == 1000 and leak_changes:
        words = ["p", "po", "pos", "post", "posts", "", "x", ""]
        for number in range(50):  # warm up: caches, fonts, first allocations
            proxy.set_search_text(words[number % len(words)])
            tree_view.expandToDepth(0)
            app.processEvents()
        gc.collect()
        settle(app)
        before = (rss_mib(), qt_objects(app), len(gc.get_objects()))
        for number in range(leak_changes):
            if number % 3 == 0:
                proxy.set_needs_attention(number % 2 == 0)
            else:
                proxy.set_search_text(words[number % len(words)])
            tree_view.expandToDepth(0)
            app.processEvents()
        proxy.clear()
        gc.collect()
        settle(app)
        after = (rss_mib(), qt_objects(app), len(gc.get_objects()))
        print(
            f"  {leak_changes} filter changes at {size}: "
            f"RSS {before[0]:.1f} -> {after[0]:.1f} MiB, "
            f"Qt objects {before[1]} -> {after[1]}, Python objects {before[2]} -> {after[2]}"
        )

    window.close()
    window.deleteLater()
    settle(app)
    store.close()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="63,1000,10000", help="catalog sizes, comma-separated")
    parser.add_argument("--repeat", type=int, default=10, help="samples per figure (x2-x4)")
    parser.add_argument(
        "--leak-changes",
        type=int,
        default=LEAK_CHANGES,
        help="filter changes at 1,000 categories for the memory check (0: none)",
    )
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    unknown = [size for size in sizes if size not in SHAPES]
    if unknown:
        parser.error(f"sizes must be among {sorted(SHAPES)}; not {unknown}")

    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    def quiet(_kind: Any, _context: Any, message: str) -> None:
        # The offscreen platform says this for every main window shown; not our warning.
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(quiet)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    import gui

    print(f"code under test: {Path(gui.__file__).parent}")
    results: dict[int, dict[str, tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            print(f"{size} categories:", flush=True)
            results[size] = measure(app, size, Path(folder), args.repeat, args.leak_changes)
            for name, (ours, reference) in results[size].items():
                print(
                    f"  {name}: {ours:.1f} ms, reference {reference:.1f} ms, "
                    f"{ours / reference:.2f}x"
                )
    print("medians in ms (ratio to the same-run reference):")
    names = list(next(iter(results.values())))
    print("  figure | " + " | ".join(f"{size}" for size in sizes))
    for name in names:
        cells = [
            f"{results[s][name][0]:.1f} ({results[s][name][0] / results[s][name][1]:.2f}x)"
            for s in sizes
        ]
        print(f"  {name} | " + " | ".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
