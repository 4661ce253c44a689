"""The floor we measure start-up against: a bare PySide6 window with one label that prints
``first-paint-ms`` when it has painted, then quits."""

from __future__ import annotations

import sys
import time

STARTED_AT = time.perf_counter()

from PySide6.QtCore import QTimer  # noqa: E402 - timing starts before the import
from PySide6.QtWidgets import QApplication, QLabel  # noqa: E402


class Label(QLabel):
    painted = False

    def paintEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)  # type: ignore[arg-type]
        if not self.painted:
            self.painted = True
            print(f"first-paint-ms {(time.perf_counter() - STARTED_AT) * 1000:.0f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)


app = QApplication(sys.argv[:1])
label = Label("Privacy Review")
label.resize(400, 200)
label.show()
sys.exit(app.exec())
