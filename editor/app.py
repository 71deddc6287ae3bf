"""QApplication start-up. Kept apart so the CLI never imports Qt for get/set."""

from __future__ import annotations

import sys
from pathlib import Path

from editor.resources import sample_folder


def run_gui(folder: str | None = None, smoke_test: bool = False,
            screenshot: str | None = None) -> int:
    if smoke_test:
        from editor.smoke import run_smoke_test

        return run_smoke_test(Path(folder) if folder else sample_folder(),
                              Path(screenshot) if screenshot else None)
    from PySide6.QtWidgets import QApplication

    from editor.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Article Editor")
    app.setOrganizationName("ArticleEditor")
    from editor.ui.settings import Settings

    settings = Settings()
    window = MainWindow()
    last = Path(settings.last_folder) if settings.last_folder else None
    target = Path(folder) if folder else (last if last and last.is_dir() else sample_folder())
    article = Path(settings.last_article) if settings.last_article else None
    window.show()
    window.start(target, article)  # recovery is offered before the last article reopens
    return app.exec()
