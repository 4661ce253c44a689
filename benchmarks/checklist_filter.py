"""How fast the checklist filter answers with a thousand rows.

Writes a synthetic catalog (10 platforms x 100 categories) to a temporary folder, loads it
like the bundled one, fills the checklist model, and times what a keystroke in the search
field and a click on a filter cost, up to the view having laid out and painted the result
(as the window does: every platform expanded). Prints the figures; asserts nothing.

    QT_QPA_PLATFORM=offscreen python benchmarks/checklist_filter.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PLATFORMS = 10
CATEGORIES_PER_PLATFORM = 100
TOPICS = ("ai-training", "ads", "location", "contacts", "activity")
WORDS = ("posts", "photos", "location", "contacts", "messages", "ads", "voice", "face", "likes")


def write_synthetic_catalog(directory: Path, platforms: int, per_platform: int) -> None:
    for p in range(platforms):
        parts = [
            f'schema = 1\nid = "platform-{p}"\nname = "Platform {p}"\ndomains = ["p{p}.example"]\n'
            f'\n[[policies]]\nid = "privacy-policy"\ntitle = "Policy {p}"\n'
            f'url = "https://p{p}.example/privacy"\neffective = 2025-01-01\n'
        ]
        for c in range(per_platform):
            word = WORDS[(p * per_platform + c) % len(WORDS)]
            parts.append(
                f'\n[[categories]]\nid = "category-{c}"\ntitle = "Your {word} number {c}"\n'
                f'collected = "The platform keeps your {word} and what you do with them ({c})."\n'
                'why = "Why a careful person would care."\nrisk = "medium"\ncontrol = "toggle"\n'
                'steps = ["Open Settings.", "Turn it off."]\n'
                f'topics = ["{TOPICS[c % len(TOPICS)]}"]\n'
                "verified = 2025-06-01\n\n[categories.quote]\n"
                'text = "We may use the information we collect"\n'
                f'source = "https://p{p}.example/privacy"\npolicy_date = 2025-01-01\n'
            )
        (directory / f"platform-{p}.toml").write_text("".join(parts), encoding="utf-8")


def timed(action: Callable[[], None], repeats: int = 20) -> tuple[float, float]:
    """Median and worst time of ``action`` in milliseconds."""
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), max(samples)


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from gui.catalog import load_catalog
    from gui.checklist import Decision, Status, build_checklist
    from gui.window.checklist_filter import ANY_STATUS, ChecklistFilter
    from gui.window.checklist_model import ChecklistModel
    from gui.window.checklist_view import ChecklistView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        write_synthetic_catalog(Path(folder), PLATFORMS, CATEGORIES_PER_PLATFORM)
        catalog = load_catalog(bundled_dir=Path(folder))
    now = datetime.now(UTC)
    decisions = [
        Decision(
            p.id, c.id, list(Status)[i % 4], f"note {i}", now - timedelta(days=i), c.fingerprint
        )
        for p in catalog.platforms
        for i, c in enumerate(p.categories)
        if i % 3 == 0
    ]
    rows = build_checklist(catalog, decisions)
    model = ChecklistModel()
    start = time.perf_counter()
    model.set_rows(rows)
    fill_ms = (time.perf_counter() - start) * 1000
    proxy = ChecklistFilter()
    proxy.setSourceModel(model)
    view = ChecklistView()  # a real view listens to the proxy, as in the window
    view.setModel(proxy)
    view.resize(900, 700)
    view.show()
    view.expandAll()
    app.processEvents()

    def then_redraw(change: Callable[[], None]) -> Callable[[], None]:
        # Until the view has laid out and painted the new rows, the user sees nothing.
        def action() -> None:
            change()
            view.expandToDepth(0)
            app.processEvents()

        return action

    searches = iter(["p", "po", "pos", "post", "posts", "posts n", "posts nu", ""] * 10)
    keystroke = timed(then_redraw(lambda: proxy.set_search_text(next(searches))), repeats=40)
    toggles = iter([True, False] * 20)
    attention = timed(then_redraw(lambda: proxy.set_needs_attention(next(toggles))))
    statuses = iter([Status.KEPT.value, ANY_STATUS] * 20)
    status = timed(then_redraw(lambda: proxy.set_status(next(statuses))))
    topics = iter(["ads", None] * 20)
    topic = timed(then_redraw(lambda: proxy.set_topic(next(topics))))

    print(f"rows: {len(rows)} categories on {model.rowCount()} platforms")
    print(f"fill the model: {fill_ms:.1f} ms")
    for name, (median, worst) in (
        ("search keystroke", keystroke),
        ("needs attention on/off", attention),
        ("status filter", status),
        ("topic filter", topic),
    ):
        print(f"{name}: median {median:.1f} ms, worst {worst:.1f} ms")
    view.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
