"""Start the desktop app. Qt is imported here, not at command-line parse time."""

from __future__ import annotations

import argparse
import sys


def run_gui(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    from gui import __version__

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Privacy Review")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("privacy-review")
    window = QMainWindow()
    window.setWindowTitle("Privacy Review")
    window.setCentralWidget(QLabel("Privacy Review: the checklist window is on its way."))
    window.resize(1000, 700)
    window.show()
    return app.exec()
