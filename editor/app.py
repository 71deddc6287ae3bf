"""QApplication start-up. Kept apart so the CLI never imports Qt for get/set."""

from __future__ import annotations

import sys
from pathlib import Path

from editor.resources import sample_folder


def run_gui(folder: str | None = None, smoke_test: bool = False) -> int:
    from PySide6.QtWidgets import QApplication

    from editor.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Article Editor")
    app.setOrganizationName("ArticleEditor")
    window = MainWindow()
    window.open_folder(Path(folder) if folder else sample_folder())
    window.show()
    if smoke_test:
        return 0
    return app.exec()
