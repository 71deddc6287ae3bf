"""Where the main window's panes sit. Only placement: no wiring, no behaviour."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QSplitter, QStackedWidget, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from editor.ui.main_window import MainWindow
    from editor.ui.settings import Settings


def build_layout(window: MainWindow) -> None:
    """Tree | form | (answer editor or raw text, over the preview); Problems docked below."""
    window.progress.setMaximumWidth(160)
    window.progress.hide()
    window.editor_box = QWidget(window)
    box = QVBoxLayout(window.editor_box)
    box.setContentsMargins(0, 0, 0, 0)
    box.addWidget(window.editor)
    box.addWidget(window.find_bar)
    window.editor_stack = QStackedWidget(window)
    window.editor_stack.addWidget(window.editor_box)
    window.editor_stack.addWidget(window.raw_view)
    window.right_split = QSplitter(Qt.Orientation.Vertical, window)
    window.right_split.addWidget(window.editor_stack)
    window.right_split.addWidget(window.preview)
    window.main_split = QSplitter(Qt.Orientation.Horizontal, window)
    window.main_split.setObjectName("mainSplitter")
    for pane in (window.tree, window.form, window.right_split):
        window.main_split.addWidget(pane)
    window.main_split.setSizes([300, 430, 650])
    central = QWidget(window)
    layout = QVBoxLayout(central)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.addWidget(window.banner)
    layout.addWidget(window.disk_banner)
    layout.addWidget(window.main_split, 1)
    window.setCentralWidget(central)
    window.problems_dock = QDockWidget("Problems", window)
    window.problems_dock.setObjectName("problemsDock")
    window.problems_dock.setWidget(window.problems)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, window.problems_dock)
    window.resizeDocks([window.problems_dock], [170], Qt.Orientation.Vertical)
    status = window.statusBar()
    status.addWidget(window.path_label, 1)
    for widget in (window.count_label, window.state_label, window.progress):
        status.addPermanentWidget(widget)


def restore_window_state(window: MainWindow, settings: Settings) -> None:
    """Geometry, splitter sizes, dock layout and zoom as the user left them."""
    geometry = settings.geometry("geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    else:
        window.resize(1400, 900)
    for name, target in (("splitter", window.main_split), ("window", window)):
        state = settings.geometry(name)
        if state is not None:
            target.restoreState(state)
    if settings.zoom:
        window.editor.zoomIn(settings.zoom)
        window.preview.zoomIn(settings.zoom)


def save_window_state(window: MainWindow, settings: Settings) -> None:
    settings.set_geometry("geometry", window.saveGeometry())
    settings.set_geometry("splitter", window.main_split.saveState())
    settings.set_geometry("window", window.saveState())
    settings.sync()
