"""Menus and actions with the platform's standard shortcuts."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
)


class RecentMenu(QMenu):
    """The recently opened folders; emits folderRequested(path) for the one clicked."""

    folderRequested = Signal(str)

    def __init__(self, window: QMainWindow) -> None:
        super().__init__("Recent Folders", window)
        self.setObjectName("recentMenu")
        self.triggered.connect(self._on_triggered)

    def refresh(self, folders: list[str]) -> None:
        self.clear()
        for folder in folders:
            action = self.addAction(folder)
            action.setData(folder)
        self.setEnabled(bool(folders))

    def _on_triggered(self, action: QAction) -> None:
        folder = action.data()
        if isinstance(folder, str) and folder:
            self.folderRequested.emit(folder)


class ActionId(StrEnum):
    """Every menu command of the window, by name."""

    OPEN_FOLDER = "open_folder"
    SAVE = "save"
    SAVE_ALL = "save_all"
    REVERT = "revert"
    QUIT = "quit"
    FIND = "find"
    REPLACE = "replace"
    UNDO = "undo"
    REDO = "redo"
    CUT = "cut"
    COPY = "copy"
    PASTE = "paste"
    SELECT_ALL = "select_all"
    ZOOM_IN = "zoom_in"
    ZOOM_OUT = "zoom_out"
    ZOOM_RESET = "zoom_reset"
    GO_FILTER = "go_filter"
    GO_TREE = "go_tree"
    GO_FORM = "go_form"
    GO_ANSWER = "go_answer"
    GO_PROBLEMS = "go_problems"
    ABOUT = "about"
    LOG_FOLDER = "log_folder"
    TOGGLE_TREE = "toggle_tree"
    TOGGLE_FORM = "toggle_form"
    TOGGLE_PREVIEW = "toggle_preview"
    NEW_ARTICLE = "new_article"
    NEW_POST = "new_post"
    NEW_PAGE = "new_page"
    REFRESH_RELATED = "refresh_related"
    REFRESH_RELATED_ALL = "refresh_related_all"
    UNDO_REFRESH = "undo_refresh"
    TOGGLE_PROBLEMS = "toggle_problems"
    PUBLISH = "publish"
    GET_TEAM_CHANGES = "get_team_changes"


@dataclass(frozen=True)
class Menus:
    """The window's actions by id, and the menus other parts add to or fill."""

    actions: dict[ActionId, QAction]
    edit: QMenu
    recent: RecentMenu
    publish: QMenu  # shown only for a folder in a git repository

    def __getitem__(self, action: ActionId) -> QAction:
        return self.actions[action]


def _action(window: QMainWindow, name: str, text: str, shortcut=None,
            checkable: bool = False) -> QAction:
    action = QAction(text, window)
    action.setObjectName(f"action{name}")
    if isinstance(shortcut, list):
        action.setShortcuts([QKeySequence(s) for s in shortcut])
    elif shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if checkable:
        action.setCheckable(True)
        action.setChecked(True)
    return action


def build_menus(window: QMainWindow) -> Menus:
    std = QKeySequence.StandardKey
    a: dict[ActionId, QAction] = {
        ActionId.OPEN_FOLDER: _action(window, "OpenFolder", "&Open Folder…", std.Open),
        ActionId.SAVE: _action(window, "Save", "&Save", std.Save),
        ActionId.SAVE_ALL: _action(window, "SaveAll", "Save A&ll", "Ctrl+Shift+S"),
        ActionId.REVERT: _action(window, "Revert", "&Revert to Saved"),
        ActionId.QUIT: _action(window, "Quit", "&Quit", std.Quit),
        ActionId.FIND: _action(window, "Find", "&Find…", std.Find),
        ActionId.REPLACE: _action(window, "Replace", "&Replace…", "Ctrl+H"),
        ActionId.UNDO: _action(window, "Undo", "&Undo", std.Undo),
        ActionId.REDO: _action(window, "Redo", "&Redo", [std.Redo, "Ctrl+Y"]),
        ActionId.CUT: _action(window, "Cut", "Cu&t", std.Cut),
        ActionId.COPY: _action(window, "Copy", "&Copy", std.Copy),
        ActionId.PASTE: _action(window, "Paste", "&Paste", std.Paste),
        ActionId.SELECT_ALL: _action(window, "SelectAll", "Select &All", std.SelectAll),
        ActionId.ZOOM_IN: _action(window, "ZoomIn", "Zoom &In", [std.ZoomIn, "Ctrl+="]),
        ActionId.ZOOM_OUT: _action(window, "ZoomOut", "Zoom &Out", std.ZoomOut),
        ActionId.ZOOM_RESET: _action(window, "ZoomReset", "&Actual Size", "Ctrl+0"),
        ActionId.GO_FILTER: _action(window, "GoFilter", "&Find Article…", ["Ctrl+P", "Ctrl+L"]),
        ActionId.GO_TREE: _action(window, "GoTree", "Article &List", "Alt+1"),
        ActionId.GO_FORM: _action(window, "GoForm", "&Fields", "Alt+2"),
        ActionId.GO_ANSWER: _action(window, "GoAnswer", "&Answer", "Alt+3"),
        ActionId.GO_PROBLEMS: _action(window, "GoProblems", "&Problems", "Alt+4"),
        ActionId.ABOUT: _action(window, "About", "&About Article Editor"),
        ActionId.LOG_FOLDER: _action(window, "LogFolder", "Open &Log Folder"),
        ActionId.TOGGLE_TREE: _action(window, "ToggleTree", "Article &List", "Ctrl+1", True),
        ActionId.TOGGLE_FORM: _action(window, "ToggleForm", "&Fields", "Ctrl+2", True),
        ActionId.TOGGLE_PREVIEW: _action(window, "TogglePreview", "&Preview", "Ctrl+3", True),
        ActionId.NEW_ARTICLE: _action(window, "NewArticle", "&New Article…", std.New),
        ActionId.NEW_POST: _action(window, "NewPost", "New &Blog Post…"),
        ActionId.NEW_PAGE: _action(window, "NewPage", "New &Page…"),
        ActionId.REFRESH_RELATED: _action(window, "RefreshRelated",
                                          "Refresh Stale &Related Articles"),
        ActionId.REFRESH_RELATED_ALL: _action(window, "RefreshRelatedAll",
                                              "Refresh Stale Related Articles in &Folder…"),
        ActionId.UNDO_REFRESH: _action(window, "UndoRefresh", "Undo Refresh of Related Articles"),
        ActionId.TOGGLE_PROBLEMS: _action(window, "ToggleProblems", "P&roblems", "Ctrl+4", True),
        ActionId.PUBLISH: _action(window, "Publish", "&Publish…", "Ctrl+Shift+P"),
        ActionId.GET_TEAM_CHANGES: _action(window, "GetTeamChanges", "&Get Team Changes"),
    }
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addAction(a[ActionId.NEW_ARTICLE])
    file_menu.addAction(a[ActionId.NEW_POST])
    file_menu.addAction(a[ActionId.NEW_PAGE])
    file_menu.addAction(a[ActionId.OPEN_FOLDER])
    recent = RecentMenu(window)
    file_menu.addMenu(recent)
    file_menu.addSeparator()
    key: ActionId | None
    for key in (ActionId.SAVE, ActionId.SAVE_ALL, ActionId.REVERT):
        file_menu.addAction(a[key])
    file_menu.addSeparator()
    file_menu.addAction(a[ActionId.QUIT])
    edit_menu = bar.addMenu("&Edit")
    for key in (ActionId.UNDO, ActionId.REDO, None, ActionId.CUT, ActionId.COPY, ActionId.PASTE,
                ActionId.SELECT_ALL, None):
        edit_menu.addSeparator() if key is None else edit_menu.addAction(a[key])
    edit_menu.addAction(a[ActionId.FIND])
    edit_menu.addAction(a[ActionId.REPLACE])
    edit_menu.addSeparator()
    edit_menu.addAction(a[ActionId.REFRESH_RELATED])
    edit_menu.addAction(a[ActionId.REFRESH_RELATED_ALL])
    edit_menu.addAction(a[ActionId.UNDO_REFRESH])
    a[ActionId.UNDO_REFRESH].setEnabled(False)
    view_menu = bar.addMenu("&View")
    for key in (ActionId.ZOOM_IN, ActionId.ZOOM_OUT, ActionId.ZOOM_RESET, None,
                ActionId.TOGGLE_TREE, ActionId.TOGGLE_FORM, ActionId.TOGGLE_PREVIEW,
                ActionId.TOGGLE_PROBLEMS):
        view_menu.addSeparator() if key is None else view_menu.addAction(a[key])
    go_menu = bar.addMenu("&Go")
    for key in (ActionId.GO_FILTER, ActionId.GO_TREE, ActionId.GO_FORM, ActionId.GO_ANSWER,
                ActionId.GO_PROBLEMS):
        go_menu.addAction(a[key])
    publish_menu = bar.addMenu("&Publish")
    publish_menu.addAction(a[ActionId.PUBLISH])
    publish_menu.addAction(a[ActionId.GET_TEAM_CHANGES])
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(a[ActionId.LOG_FOLDER])
    help_menu.addAction(a[ActionId.ABOUT])
    return Menus(a, edit_menu, recent, publish_menu)


class EditRelay(QObject):
    """Undo, Redo, Cut, Copy, Paste and Select All, applied to the focused text widget."""

    def __init__(self, menus: Menus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        menus[ActionId.UNDO].triggered.connect(self._on_undo)
        menus[ActionId.REDO].triggered.connect(self._on_redo)
        menus[ActionId.CUT].triggered.connect(self._on_cut)
        menus[ActionId.COPY].triggered.connect(self._on_copy)
        menus[ActionId.PASTE].triggered.connect(self._on_paste)
        menus[ActionId.SELECT_ALL].triggered.connect(self._on_select_all)

    @staticmethod
    def _call(name: str) -> None:
        widget = QApplication.focusWidget()
        if isinstance(widget, QComboBox) and widget.lineEdit() is not None:
            widget = widget.lineEdit()
        method = getattr(widget, name, None) if isinstance(
            widget, QLineEdit | QPlainTextEdit | QTextEdit | QAbstractSpinBox) else None
        if callable(method):
            method()

    @Slot()
    def _on_undo(self) -> None:
        self._call("undo")

    @Slot()
    def _on_redo(self) -> None:
        self._call("redo")

    @Slot()
    def _on_cut(self) -> None:
        self._call("cut")

    @Slot()
    def _on_copy(self) -> None:
        self._call("copy")

    @Slot()
    def _on_paste(self) -> None:
        self._call("paste")

    @Slot()
    def _on_select_all(self) -> None:
        self._call("selectAll")
