"""How long a 1,000-item checklist takes to become a PDF summary.

Run from the repository root:  python benchmarks/summary_pdf.py [--items N] [--repeat R]
                                   [--page-size a4|letter] [--output FILE]

Builds a synthetic catalog (five platforms) and decisions in memory, so nothing is read from
or written to the user's data; prints the time to build the summary model, render the HTML
and produce the PDF, the page count and the PDF size. Runs offscreen.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

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
from gui.desktop.summary.pdf import render_pdf  # noqa: E402

PLATFORMS = 5
EU_FORM = Control("form", "", ("Send the form.",), "", (), ("EU",))
CONTROLS = ("toggle", "toggle", "form", "request", "dont-provide", "none", "delete-account")
STATUSES = (Status.OPTED_OUT, Status.KEPT, Status.NOT_APPLICABLE, Status.LATER)
NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--page-size", choices=("a4", "letter"), default="a4")
    parser.add_argument("--output", type=Path, help="also write the last PDF here")
    args = parser.parse_args()

    catalog, decisions = synthetic(args.items)
    timings: dict[str, list[float]] = {"model": [], "html": [], "pdf": []}
    pdf = b""
    for _ in range(args.repeat):
        start = time.perf_counter()
        summary = build_summary(catalog, decisions, SummaryOptions(), now=NOW)
        timings["model"].append(time.perf_counter() - start)
        start = time.perf_counter()
        render_html(summary)
        timings["html"].append(time.perf_counter() - start)
        start = time.perf_counter()
        pdf = render_pdf(summary, page_size=args.page_size)  # includes its own HTML render
        timings["pdf"].append(time.perf_counter() - start)
    if args.output:
        args.output.write_bytes(pdf)
    pages = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page")
    rows = sum(len(p.categories) for p in catalog.platforms)
    print(f"summary of {rows} categories, {len(decisions)} decisions, {args.page_size}:")
    for name, values in timings.items():
        print(
            f"  {name:5}  median {statistics.median(values) * 1000:8.1f} ms"
            f"  (min {min(values) * 1000:.1f}, max {max(values) * 1000:.1f}, n={len(values)})"
        )
    print(f"  pdf: {pages} pages, {len(pdf) / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
