"""Where the main window's panes sit. Only placement: no wiring, no behaviour."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

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
    box.setSpacing(2)
    answer_label = QLabel("&Answer", window.editor_box)
    answer_label.setObjectName("answerLabel")
    answer_label.setBuddy(window.editor)
    box.addWidget(answer_label)
    box.addWidget(window.editor)
    box.addWidget(window.backslash_warning)
    box.addWidget(window.find_bar)
    window.placeholder = QLabel(EMPTY_TEXT, window)
    window.placeholder.setObjectName("emptyPlaceholder")
    window.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
    window.placeholder.setWordWrap(True)
    window.placeholder.setEnabled(False)  # drawn in the palette's muted text colour
    window.form_page = QWidget(window)  # the open article's problems above its fields
    page = QVBoxLayout(window.form_page)
    page.setContentsMargins(0, 0, 0, 0)
    page.addWidget(window.article_problems)
    page.addWidget(window.form, 1)
    window.form_stack = QStackedWidget(window)
    window.form_stack.addWidget(window.placeholder)
    window.form_stack.addWidget(window.form_page)
    # rows shrink to the pane's width; only a zoomed-in form too wide to fit scrolls sideways
    window.form.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    window.find_bar.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    window.form.setMinimumWidth(260)
    window.editor.setPlaceholderText(EMPTY_TEXT)
    window.editor_stack = QStackedWidget(window)
    window.editor_stack.addWidget(window.editor_box)
    window.editor_stack.addWidget(window.raw_view)
    window.right_split = QSplitter(Qt.Orientation.Vertical, window)
    window.right_split.addWidget(window.editor_stack)
    window.right_split.addWidget(window.preview)
    window.main_split = QSplitter(Qt.Orientation.Horizontal, window)
    window.main_split.setObjectName("mainSplitter")
    for pane in (window.tree, window.form_stack, window.right_split):
        window.main_split.addWidget(pane)
    window.main_split.setChildrenCollapsible(False)
    window.main_split.setSizes([300, 430, 650])
    central = QWidget(window)
    layout = QVBoxLayout(central)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.addWidget(window.banner_area)
    layout.addWidget(window.main_split, 1)
    window.setCentralWidget(central)
    window.problems_dock = QDockWidget("Problems", window)
    window.problems_dock.setObjectName("problemsDock")
    window.problems_dock.setWidget(window.problems)
    window.problems.setMinimumHeight(0)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, window.problems_dock)
    window.resizeDocks([window.problems_dock], [170], Qt.Orientation.Vertical)
    status = window.statusBar()
    status.addWidget(window.path_label, 1)
    for widget in (window.count_label, window.state_label, window.progress):
        status.addPermanentWidget(widget)


EMPTY_TEXT = "Pick an article on the left, or press Ctrl+N to write a new one."
#: The window's first size, shrunk to fit smaller screens (a 1280×720 laptop, say).
DEFAULT_SIZE = (1400, 900)


def restore_window_state(window: MainWindow, settings: Settings) -> None:
    """Geometry, splitter sizes, dock layout and zoom as the user left them, on screen."""
    geometry = settings.geometry("geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    for name, target in (("splitter", window.main_split), ("window", window)):
        state = settings.geometry(name)
        if state is not None:
            target.restoreState(state)
    fit_to_screen(window, first_time=geometry is None)
    apply_zoom(window, settings.zoom)


def fit_to_screen(window: QWidget, first_time: bool) -> None:
    """A first start takes the default size or the screen's available area, whichever is
    smaller; a restored window that no longer fits (another monitor) is shrunk and moved."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        return
    area: QRect = screen.availableGeometry()
    frame = window.frameGeometry().size() - window.geometry().size()
    if not window.isVisible():  # the window manager's frame is not known yet: allow for one
        frame = frame.expandedTo(QSize(16, 48))
    room_w, room_h = area.width() - frame.width(), area.height() - frame.height()
    if first_time:
        width, height = min(DEFAULT_SIZE[0], room_w), min(DEFAULT_SIZE[1], room_h)
    else:
        width, height = min(window.width(), room_w), min(window.height(), room_h)
    window.resize(width, height)
    if first_time or not area.contains(window.frameGeometry()):
        x = area.x() + max(0, (area.width() - width - frame.width()) // 2)
        y = area.y() + max(0, (area.height() - height - frame.height()) // 2)
        window.move(x, y)
    if first_time:
        window.main_split.setSizes([round(width * f) for f in (0.27, 0.33, 0.40)])
        window.resizeDocks([window.problems_dock], [max(80, min(170, height // 6))],
                           Qt.Orientation.Vertical)


def apply_zoom(window: MainWindow, zoom: int) -> None:
    """Zoom steps of one point on every pane's text: tree, form, editor, preview, problems."""
    base = QApplication.font().pointSizeF()
    size = max(6.0, base + zoom)
    for pane in (window.tree, window.form, window.editor, window.raw_view, window.problems,
                 window.placeholder):
        font = QFont(pane.font())
        font.setPointSizeF(size)
        pane.setFont(font)
    window.preview.set_zoom(size / base if base > 0 else 1.0)


def save_window_state(window: MainWindow, settings: Settings) -> None:
    settings.set_geometry("geometry", window.saveGeometry())
    settings.set_geometry("splitter", window.main_split.saveState())
    settings.set_geometry("window", window.saveState())
    settings.sync()
