"""``privacy-review --self-test``: headless checks of an installed or frozen app.

Each check runs in a throwaway data dir, so the user's own checklist is never touched, and
the store uses a passphrase so that no system keyring is needed or changed.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

SELF_TEST_PASSPHRASE = "privacy-review self-test"


def _check_resources(_: Path) -> str:
    from gui.core.resources import bundled_catalog_dir, resource_path

    files = sorted(bundled_catalog_dir().glob("*.toml"))
    if not files:
        raise RuntimeError(f"no catalog files in {bundled_catalog_dir()}")
    icon = resource_path("icons", "privacy-review-256.png")
    if not icon.is_file():
        raise RuntimeError(f"app icon missing: {icon}")
    return f"{len(files)} catalog files in {bundled_catalog_dir()}"


def _check_catalog(_: Path) -> str:
    from gui.core.catalog import load_catalog

    catalog = load_catalog()
    categories = sum(len(p.categories) for p in catalog.platforms)
    return f"{len(catalog.platforms)} platforms, {categories} categories"


def _check_store(work: Path) -> str:
    from gui.core import paths
    from gui.core.catalog import load_catalog
    from gui.core.checklist import Status
    from gui.core.store import open_store

    catalog = load_catalog()
    platform = catalog.platforms[0]
    category = platform.categories[0]
    dirs = paths.resolve(work / "store")
    dirs.ensure()
    store = open_store(dirs, passphrase=SELF_TEST_PASSPHRASE)
    try:
        store.record(platform.id, category.id, Status.LATER, "self-test", category.fingerprint)
    finally:
        store.close()
    reopened = open_store(dirs, passphrase=SELF_TEST_PASSPHRASE)
    try:
        decision = reopened.decision(platform.id, category.id)
        if decision is None or decision.note != "self-test" or not reopened.encrypted:
            raise RuntimeError("the decision written was not read back from the encrypted store")
    finally:
        reopened.close()
    return f"wrote and read back a decision in {dirs.data}"


def _check_summary_pdf(work: Path) -> str:
    from gui.core.catalog import load_catalog
    from gui.core.summary import build_summary
    from gui.core.summary.export import write_summary
    from gui.desktop.summary.pdf import render_pdf

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    target = work / "summary.pdf"
    write_summary(build_summary(load_catalog(), []), target, pdf=render_pdf)
    data = target.read_bytes()
    if not data.startswith(b"%PDF") or len(data) < 1000:
        raise RuntimeError(f"the PDF written to {target} is not a PDF")
    return f"{len(data)} bytes of PDF"


CHECKS: tuple[tuple[str, Callable[[Path], str]], ...] = (
    ("resources", _check_resources),
    ("catalog", _check_catalog),
    ("store", _check_store),
    ("summary pdf", _check_summary_pdf),
)


def run_self_test() -> int:
    """Run every check, print one line each, return 0 when all pass."""
    failed = 0
    with tempfile.TemporaryDirectory(prefix="privacy-review-self-test-") as temporary:
        work = Path(temporary)
        for name, check in CHECKS:
            try:
                detail = check(work)
            except Exception as error:  # a self-test reports every failure, whatever it is
                failed += 1
                print(f"FAIL {name}: {error}", file=sys.stderr)
                if os.environ.get("PRIVACY_REVIEW_DEBUG"):
                    traceback.print_exc()
            else:
                print(f"ok   {name}: {detail}")
    if failed:
        print(f"self-test: {failed} of {len(CHECKS)} checks failed", file=sys.stderr)
        return 1
    print(f"self-test: all {len(CHECKS)} checks passed")
    return 0
