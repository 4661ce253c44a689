"""``privacy-review --self-test``: headless checks of an installed or frozen app.

Each check runs in a throwaway data dir, so the user's own checklist is never touched, and
the store uses a passphrase so that no system keyring is needed or changed. Its lines are
words for a person (translated like the window's); a script reads the exit code.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

from gui.core import paths
from gui.core.catalog import load_catalog
from gui.core.checklist import Status
from gui.core.resources import bundled_catalog_dir, resource_path
from gui.core.store import open_store
from gui.core.summary import build_summary
from gui.core.summary.export import write_summary
from gui.desktop.i18n import translate

SELF_TEST_PASSPHRASE = "privacy-review self-test"  # not shown: the throwaway store's key


class CheckFailed(Exception):
    """A check found the installation wrong; the message says what, in words."""


def _check_resources(_: Path) -> str:
    folder = bundled_catalog_dir()
    files = sorted(folder.glob("*.toml"))
    if not files:
        raise CheckFailed(
            translate("SelfTest", "no catalog files in {folder}").format(folder=folder)
        )
    icon = resource_path("icons", "privacy-review-256.png")
    if not icon.is_file():
        raise CheckFailed(translate("SelfTest", "app icon missing: {file}").format(file=icon))
    count = len(files)  # a name, not a call: lupdate reads only those as the count
    found = (
        translate("SelfTest", "%n catalog file in {folder}", "", count)
        if count == 1
        else translate("SelfTest", "%n catalog files in {folder}", "", count)
    )
    return found.format(folder=folder)


def _check_catalog(_: Path) -> str:
    catalog = load_catalog()
    count = len(catalog.platforms)
    categories = sum(len(p.categories) for p in catalog.platforms)
    platforms_text = (
        translate("SelfTest", "%n platform", "", count)
        if count == 1
        else translate("SelfTest", "%n platforms", "", count)
    )
    categories_text = (
        translate("SelfTest", "%n category", "", categories)
        if categories == 1
        else translate("SelfTest", "%n categories", "", categories)
    )
    return translate("SelfTest", "{platforms}, {categories}").format(
        platforms=platforms_text, categories=categories_text
    )


def _check_store(work: Path) -> str:
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
            raise CheckFailed(
                translate(
                    "SelfTest", "the decision written was not read back from the encrypted store"
                )
            )
    finally:
        reopened.close()
    return translate("SelfTest", "wrote and read back a decision in {folder}").format(
        folder=dirs.data
    )


def _check_summary_pdf(work: Path) -> str:
    # Qt's print support only for this check, as for the window (a broken one fails it).
    from gui.desktop.summary.pdf import render_pdf

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    target = work / "summary.pdf"
    write_summary(build_summary(load_catalog(), []), target, pdf=render_pdf)
    data = target.read_bytes()
    if not data.startswith(b"%PDF") or len(data) < 1000:
        raise CheckFailed(
            translate("SelfTest", "the PDF written to {file} is not a PDF").format(file=target)
        )
    size = len(data)
    return translate("SelfTest", "%n bytes of PDF", "", size)


# (name, check); ``check_name`` gives the name as the lines show it.
CHECKS: tuple[tuple[str, Callable[[Path], str]], ...] = (
    ("resources", _check_resources),
    ("catalog", _check_catalog),
    ("store", _check_store),
    ("summary-pdf", _check_summary_pdf),
)


def check_name(name: str) -> str:
    """A check's name in the user's language ("summary pdf")."""
    names = {
        "resources": translate("SelfTest", "resources"),
        "catalog": translate("SelfTest", "catalog"),
        "store": translate("SelfTest", "store"),
        "summary-pdf": translate("SelfTest", "summary pdf"),
    }
    return names.get(name, name)


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
                line = translate("SelfTest", "FAIL {check}: {problem}")
                print(line.format(check=check_name(name), problem=error), file=sys.stderr)
                if os.environ.get("PRIVACY_REVIEW_DEBUG"):
                    traceback.print_exc()
            else:
                line = translate("SelfTest", "ok   {check}: {detail}")
                print(line.format(check=check_name(name), detail=detail))
    total = len(CHECKS)
    if failed:
        summary = translate("SelfTest", "self-test: {failed} of %n checks failed", "", total)
        print(summary.format(failed=failed), file=sys.stderr)
        return 1
    print(translate("SelfTest", "self-test: all %n checks passed", "", total))
    return 0
