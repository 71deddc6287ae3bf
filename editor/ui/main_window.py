"""Placeholder main window (replaced by the full editor window)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel, QMainWindow


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Article Editor")
        self._label = QLabel("No folder open")
        self.setCentralWidget(self._label)

    def open_folder(self, path: Path) -> None:
        self._label.setText(str(path))
