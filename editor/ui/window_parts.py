"""Where the main window's panes sit. Only placement: no wiring, no behaviour."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QProgressBar,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from editor.ui.panes.article_problems import ArticleProblems
from editor.ui.panes.article_tree import ArticleTree
from editor.ui.panes.backslash_warning import BackslashWarning
from editor.ui.panes.banners import BannerArea
from editor.ui.panes.fields_form import FieldsForm
from editor.ui.panes.find_bar import FindBar
from editor.ui.panes.markdown_editor import MarkdownEditor
from editor.ui.panes.preview import PreviewPane
from editor.ui.panes.problems_pane import ProblemsPane
from editor.ui.panes.raw_view import RawTextView
from editor.ui.panes.site_form import SiteForm
from editor.ui.settings import Settings


class Panes(Protocol):
    """The panes the window makes before they are placed (the main window is one)."""

    tree: ArticleTree
    form: FieldsForm
    site_form: SiteForm
    article_problems: ArticleProblems
    editor: MarkdownEditor
    find_bar: FindBar
    backslash_warning: BackslashWarning
    preview: PreviewPane
    problems: ProblemsPane
    banner_area: BannerArea
    raw_view: RawTextView
    progress: QProgressBar
    path_label: QLabel
    state_label: QLabel
    count_label: QLabel
    git_chip: QLabel


@dataclass(frozen=True)
class WindowParts:
    """What placing the panes makes: the boxes, stacks, splitters and dock around them."""

    editor_box: QWidget  # the answer label, editor, backslash warnings and find bar
    placeholder: QLabel  # shown instead of the form while no article is open
    form_page: QWidget  # the open article's problems above its fields
    form_stack: QStackedWidget  # placeholder | form page
    editor_stack: QStackedWidget  # editor box | raw text
    right_split: QSplitter  # editor stack over the preview
    main_split: QSplitter  # tree | form stack | right split
    problems_dock: QDockWidget


def build_layout(window: QMainWindow, panes: Panes) -> WindowParts:
    """Tree | form | (answer editor or raw text, over the preview); Problems docked below."""
    panes.progress.setMaximumWidth(160)
    panes.progress.hide()
    editor_box = QWidget(window)
    box = QVBoxLayout(editor_box)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    answer_label = QLabel("&Answer", editor_box)
    answer_label.setObjectName("answerLabel")
    answer_label.setBuddy(panes.editor)
    box.addWidget(answer_label)
    box.addWidget(panes.editor)
    box.addWidget(panes.backslash_warning)
    box.addWidget(panes.find_bar)
    placeholder = QLabel(EMPTY_TEXT, window)
    placeholder.setObjectName("emptyPlaceholder")
    placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
    placeholder.setWordWrap(True)
    placeholder.setEnabled(False)  # drawn in the palette's muted text colour
    form_page = QWidget(window)  # the open article's problems above its fields
    page = QVBoxLayout(form_page)
    page.setContentsMargins(0, 0, 0, 0)
    page.addWidget(panes.article_problems)
    page.addWidget(panes.form, 1)
    page.addWidget(panes.site_form, 1)  # a page of the site in place of the Q&A form
    panes.site_form.hide()
    form_stack = QStackedWidget(window)
    form_stack.addWidget(placeholder)
    form_stack.addWidget(form_page)
    # rows shrink to the pane's width; only a zoomed-in form too wide to fit scrolls sideways
    panes.form.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    panes.find_bar.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    panes.form.setMinimumWidth(260)
    panes.site_form.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    panes.editor.setPlaceholderText(EMPTY_TEXT)
    editor_stack = QStackedWidget(window)
    editor_stack.addWidget(editor_box)
    editor_stack.addWidget(panes.raw_view)
    right_split = QSplitter(Qt.Orientation.Vertical, window)
    right_split.addWidget(editor_stack)
    right_split.addWidget(panes.preview)
    main_split = QSplitter(Qt.Orientation.Horizontal, window)
    main_split.setObjectName("mainSplitter")
    for pane in (panes.tree, form_stack, right_split):
        main_split.addWidget(pane)
    main_split.setChildrenCollapsible(False)
    main_split.setSizes([300, 430, 650])
    central = QWidget(window)
    layout = QVBoxLayout(central)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.addWidget(panes.banner_area)
    layout.addWidget(main_split, 1)
    window.setCentralWidget(central)
    problems_dock = QDockWidget("Problems", window)
    problems_dock.setObjectName("problemsDock")
    problems_dock.setWidget(panes.problems)
    panes.problems.setMinimumHeight(0)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, problems_dock)
    window.resizeDocks([problems_dock], [170], Qt.Orientation.Vertical)
    status = window.statusBar()
    status.addWidget(panes.path_label, 1)
    for widget in (panes.git_chip, panes.count_label, panes.state_label, panes.progress):
        status.addPermanentWidget(widget)
    return WindowParts(editor_box, placeholder, form_page, form_stack, editor_stack, right_split,
                       main_split, problems_dock)


EMPTY_TEXT = "Pick an article on the left, or press Ctrl+N to write a new one."
#: The window's first size, shrunk to fit smaller screens (a 1280×720 laptop, say).
DEFAULT_SIZE = (1400, 900)


def restore_window_state(window: QMainWindow, parts: WindowParts, panes: Panes,
                         settings: Settings) -> None:
    """Geometry, splitter sizes, dock layout and zoom as the user left them, on screen."""
    geometry = settings.geometry("geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)
    for name, target in (("splitter", parts.main_split), ("window", window)):
        state = settings.geometry(name)
        if state is not None:
            target.restoreState(state)
    fit_to_screen(window, parts, first_time=geometry is None)
    apply_zoom(panes, parts, settings.zoom)


def fit_to_screen(window: QMainWindow, parts: WindowParts, first_time: bool) -> None:
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
        parts.main_split.setSizes([round(width * f) for f in (0.27, 0.33, 0.40)])
        window.resizeDocks([parts.problems_dock], [max(80, min(170, height // 6))],
                           Qt.Orientation.Vertical)


def apply_zoom(panes: Panes, parts: WindowParts, zoom: int) -> None:
    """Zoom steps of one point on every pane's text: tree, form, editor, preview, problems."""
    base = QApplication.font().pointSizeF()
    size = max(6.0, base + zoom)
    for pane in (panes.tree, panes.form, panes.site_form, panes.editor, panes.raw_view,
                 panes.problems, parts.placeholder):
        font = QFont(pane.font())
        font.setPointSizeF(size)
        pane.setFont(font)
    panes.preview.set_zoom(size / base if base > 0 else 1.0)


def save_window_state(window: QMainWindow, parts: WindowParts, settings: Settings) -> None:
    settings.set_geometry("geometry", window.saveGeometry())
    settings.set_geometry("splitter", parts.main_split.saveState())
    settings.set_geometry("window", window.saveState())
    settings.sync()
