"""The same-libraries floor for start-up: what any app built on our libraries must pay.

Window mode (default): a bare PySide6 window (as ``bare_window.py``), then, after its first
paint, ``keyring`` finds the key, ``sqlcipher3`` opens the same encrypted store and reads
its decisions, and a ``QTreeView`` over a ``QStandardItemModel`` shows the same rows as the
app's checklist (platform rows with their categories; titles taken from a rows file
written once by ``startup.py``, so no catalog is parsed). Prints ``first-paint-ms`` and
``ready-ms`` like ``privacy-review --profile-startup``.

``--cli``: no Qt; imports keyring and sqlcipher3, reads the same store and prints its
decisions as JSON, the floor for ``mark`` and ``checklist --json``.

Both read ``PRIVACY_REVIEW_DATA_DIR`` and the keyring named by ``PYTHON_KEYRING_BACKEND``;
the rows file is ``<data dir>/../floor-rows.json``.
"""

from __future__ import annotations

import sys
import time

STARTED_AT = time.perf_counter()

import json  # noqa: E402 - timing starts before the imports
import os  # noqa: E402
from pathlib import Path  # noqa: E402

SERVICE = "privacy-review"


def read_store(data_dir: Path) -> list[tuple[str, ...]]:
    """The decisions, read as the app reads them: key from the keyring, SQLCipher."""
    import keyring
    from sqlcipher3 import dbapi2

    checklist_id = (data_dir / "checklist.id").read_text(encoding="utf-8").strip()
    key_hex = keyring.get_keyring().get_password(SERVICE, f"checklist-key id:{checklist_id}")
    if key_hex is None:
        raise SystemExit("floor: no key in the keyring")
    connection = dbapi2.connect(str(data_dir / "checklist.db"), isolation_level=None)
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f"PRAGMA key = \"x'{key_hex}'\"")
    rows = connection.execute(
        "SELECT platform_id, category_id, status, note, decided_at, fingerprint FROM decisions"
    ).fetchall()
    connection.execute("SELECT count(*) FROM history").fetchone()
    connection.close()
    return rows


def run_cli(data_dir: Path) -> int:
    rows = read_store(data_dir)
    keys = ("platform", "category", "status", "note", "decided_at", "fingerprint")
    json.dump([dict(zip(keys, row, strict=True)) for row in rows], sys.stdout)
    print()
    return 0


def run_window(data_dir: Path) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    def elapsed() -> int:
        return round((time.perf_counter() - STARTED_AT) * 1000)

    class Label(QLabel):
        painted = False

        def paintEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
            super().paintEvent(event)  # type: ignore[arg-type]
            if not self.painted:
                self.painted = True
                print(f"first-paint-ms {elapsed()}", flush=True)
                QTimer.singleShot(0, load)

    def load() -> None:
        from PySide6.QtGui import QStandardItem, QStandardItemModel
        from PySide6.QtWidgets import QTreeView

        decided = {(r[0], r[1]): r for r in read_store(data_dir)}
        listed = json.loads((data_dir.parent / "floor-rows.json").read_text(encoding="utf-8"))
        model = QStandardItemModel(0, 3)
        model.setHorizontalHeaderLabels(["Category", "Status", "Decided"])
        for platform in listed:
            parent = QStandardItem(platform["name"])
            for category_id, title in platform["categories"]:
                row = decided.get((platform["id"], category_id))
                parent.appendRow(
                    [
                        QStandardItem(title),
                        QStandardItem(row[2] if row else "not reviewed"),
                        QStandardItem(row[4][:10] if row else ""),
                    ]
                )
            model.appendRow([parent, QStandardItem(""), QStandardItem("")])
        tree = QTreeView()
        tree.setModel(model)
        tree.expandToDepth(0)
        window.tree = tree  # type: ignore[attr-defined]
        tree.resize(900, 700)
        tree.show()
        app.processEvents()
        print(f"ready-ms {elapsed()}", flush=True)
        QTimer.singleShot(0, app.quit)

    app = QApplication(sys.argv[:1])
    window = Label("Privacy Review")
    window.resize(400, 200)
    window.show()
    return app.exec()


def main() -> int:
    data_dir = Path(os.environ["PRIVACY_REVIEW_DATA_DIR"])
    if "--cli" in sys.argv[1:]:
        return run_cli(data_dir)
    return run_window(data_dir)


if __name__ == "__main__":
    sys.exit(main())
