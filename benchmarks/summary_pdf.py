"""How long a checklist takes to become a PDF summary, at several sizes.

Run from the repository root:
    python benchmarks/summary_pdf.py [--items N [N ...]] [--repeat R] [--page-size a4|letter]
                                     [--before OLD_PDF_PY] [--before-max-items N]
                                     [--output FILE]

Builds a synthetic catalog (five platforms) and decisions in memory, so nothing is read from
or written to the user's data, and runs offscreen. For each size it prints the time to build
the summary model, render the HTML and produce the PDF (wall and CPU time: the CPU time is
less moved by other work on a shared host), the page count, the PDF size and peak memory.

Every round also times a reference in the same process, right before: Qt alone turning the
200-item summary into pages (laid out as one document, painted page by page by clipping,
onto the same 1200 dpi ``QPdfWriter``; no pagination of ours). This machine's speed changes
from one minute to the next; the time per item relative to that reference's does much less,
and stays flat with the size when the time grows linearly. ``--before`` loads
another version of ``gui/desktop/summary/pdf.py`` (e.g. from ``git show REV:path``) and times
it alternately with the current one; it is skipped past ``--before-max-items`` items, where
the old code is known to crash. Asserts nothing.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from gui.core.catalog import (  # noqa: E402
    Catalog,
    Category,
    Control,
    Link,
    Platform,
    PolicyDocument,
    Quote,
)
from gui.core.checklist import Decision, Status  # noqa: E402
from gui.core.summary.model import SummaryOptions, build_summary  # noqa: E402
from gui.core.summary.render_html import render_html  # noqa: E402
from gui.desktop.summary import pdf as current_pdf  # noqa: E402

PLATFORMS = 5
EU_FORM = Control("form", "", ("Send the form.",), "", (), ("EU",))
CONTROLS = ("toggle", "toggle", "form", "request", "dont-provide", "none", "delete-account")
STATUSES = (Status.OPTED_OUT, Status.KEPT, Status.NOT_APPLICABLE, Status.LATER)
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
REFERENCE_ITEMS = 200


def synthetic(items: int) -> tuple[Catalog, list[Decision]]:
    platforms = []
    decisions = []
    per_platform = -(-items // PLATFORMS)
    made = 0
    for p in range(PLATFORMS):
        domain = f"platform{p}.example"
        categories = []
        for c in range(min(per_platform, items - made)):
            made += 1
            category = Category(
                id=f"category-{c}",
                title=f"Category {c}: data the platform keeps about your activity "
                + "and devices " * (c % 3),
                collected="What is collected.",
                why="Why it matters.",
                quote=Quote("We collect it.", f"https://{domain}/privacy", date(2025, 1, 1)),
                risk=("low", "medium", "high")[c % 3],
                control=CONTROLS[c % len(CONTROLS)],
                control_note="",
                links=(Link(f"https://{domain}/settings/{c}", f"Setting {c}", "confirmed"),),
                steps=("Open the settings.",),
                undo="",
                topics=("activity",),
                verified=date(2025, 6, 1),
                regional=(EU_FORM,) if c % 11 == 0 else (),
            )
            categories.append(category)
            if c % 5 != 4:  # four in five decided, the rest left for the to-do list
                note = " ".join(["A note about what I did and why."] * (c % 6))
                decisions.append(
                    Decision(
                        f"platform-{p}",
                        category.id,
                        STATUSES[c % len(STATUSES)],
                        note,
                        NOW - timedelta(days=c % 300),
                        category.fingerprint if c % 13 else "stale",
                    )
                )
        platforms.append(
            Platform(
                id=f"platform-{p}",
                name=f"Platform {p}",
                domains=(domain,),
                policies=(
                    PolicyDocument(
                        "privacy-policy", "Privacy Policy", f"https://{domain}/privacy",
                        date(2025, 1, 1),
                    ),
                ),
                categories=tuple(categories),
            )
        )  # fmt: skip
    return Catalog(platforms=tuple(platforms)), decisions


def load_module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("summary_pdf_before", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def qt_alone(html: str, page_size: str) -> bytes:
    """The reference: Qt alone turning the same kind of HTML into pages, laid out once as
    one long page and painted page after page by clipping, with none of our pagination
    (rows cut anywhere, no repeated headers, no footer)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSizeF
    from PySide6.QtGui import QPainter, QPdfWriter

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(1200)
    current_pdf.apply_page_setup(writer, page_size)
    document = current_pdf.make_document(html)
    document.setPageSize(QSizeF(0, 0))
    document.documentLayout().setPaintDevice(writer)
    width, height = float(writer.width()), float(writer.height())
    document.setPageSize(QSizeF(width, -1))
    total = document.documentLayout().documentSize().height()
    painter = QPainter(writer)
    top = 0.0
    while top < total:
        if top > 0:
            writer.newPage()
        painter.save()
        painter.translate(0, -top)
        document.drawContents(painter, QRectF(0, top, width, height))
        painter.restore()
        top += height
    painter.end()
    del writer
    buffer.close()
    return bytes(data.data())


def page_count(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page")


def median_ms(values: list[float]) -> str:
    return (
        f"median {statistics.median(values) * 1000:8.1f} ms"
        f"  (min {min(values) * 1000:.1f}, max {max(values) * 1000:.1f}, n={len(values)})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, nargs="+", default=[1000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--page-size", choices=("a4", "letter"), default="a4")
    parser.add_argument("--before", type=Path, help="another pdf.py to time alternately")
    parser.add_argument("--before-max-items", type=int, default=5000)
    parser.add_argument("--output", type=Path, help="also write the last PDF here")
    args = parser.parse_args()

    current_pdf.ensure_gui_application()
    variants: dict[str, ModuleType] = {"after": current_pdf}
    if args.before:
        variants = {"before": load_module(args.before), "after": current_pdf}
    catalog, decisions = synthetic(REFERENCE_ITEMS)
    reference_html = render_html(build_summary(catalog, decisions, SummaryOptions(), now=NOW))
    qt_alone(reference_html, args.page_size)  # warm up fonts and the PDF engine
    pdf = b""
    for items in args.items:
        catalog, decisions = synthetic(items)
        timings: dict[str, list[float]] = {"model": [], "html": [], "qt-ref": []}
        ratios: dict[str, list[float]] = {}
        cpu: dict[str, list[float]] = {}  # CPU time: less moved by other work on the host
        results: dict[str, tuple[int, int]] = {}
        for _ in range(args.repeat):
            start = time.perf_counter()
            summary = build_summary(catalog, decisions, SummaryOptions(), now=NOW)
            timings["model"].append(time.perf_counter() - start)
            start = time.perf_counter()
            render_html(summary)
            timings["html"].append(time.perf_counter() - start)
            for name, module in variants.items():
                if name == "before" and items > args.before_max_items:
                    continue
                start = time.perf_counter()
                qt_alone(reference_html, args.page_size)
                reference = time.perf_counter() - start
                timings["qt-ref"].append(reference)
                start, cpu_start = time.perf_counter(), time.process_time()
                pdf = module.render_pdf(summary, page_size=args.page_size)
                took = time.perf_counter() - start
                timings.setdefault(name, []).append(took)
                cpu.setdefault(name, []).append(time.process_time() - cpu_start)
                ratios.setdefault(name, []).append(took / reference)
                results[name] = (page_count(pdf), len(pdf))
        rows = sum(len(p.categories) for p in catalog.platforms)
        print(f"summary of {rows} categories, {len(decisions)} decisions, {args.page_size}:")
        for name, values in timings.items():
            print(f"  {name:7} {median_ms(values)}")
            if name in ratios:
                print(f"     cpu  {median_ms(cpu[name])}")
                pages, size = results[name]
                print(
                    f"          {statistics.median(ratios[name]) * REFERENCE_ITEMS / items:.2f}x"
                    f" Qt alone's time per item (at {REFERENCE_ITEMS} items),"
                    f" {statistics.median(values) / items * 1e6:.0f} us per item;"
                    f" {pages} pages, {size / 1024:.0f} KiB"
                )
        if "before" in variants and items > args.before_max_items:
            print(f"  before  not run: past {args.before_max_items} items it is known to crash")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  peak memory so far {peak:.0f} MiB")
    if args.output:
        args.output.write_bytes(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
