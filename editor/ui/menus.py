"""Menus and actions with the platform's standard shortcuts."""

from __future__ import annotations

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


def build_menus(window: QMainWindow) -> dict:
    std = QKeySequence.StandardKey
    a = {
        "open_folder": _action(window, "OpenFolder", "&Open Folder…", std.Open),
        "save": _action(window, "Save", "&Save", std.Save),
        "save_all": _action(window, "SaveAll", "Save A&ll", "Ctrl+Shift+S"),
        "revert": _action(window, "Revert", "&Revert to Saved"),
        "quit": _action(window, "Quit", "&Quit", std.Quit),
        "find": _action(window, "Find", "&Find…", std.Find),
        "replace": _action(window, "Replace", "&Replace…", "Ctrl+H"),
        "undo": _action(window, "Undo", "&Undo", std.Undo),
        "redo": _action(window, "Redo", "&Redo", [std.Redo, "Ctrl+Y"]),
        "cut": _action(window, "Cut", "Cu&t", std.Cut),
        "copy": _action(window, "Copy", "&Copy", std.Copy),
        "paste": _action(window, "Paste", "&Paste", std.Paste),
        "select_all": _action(window, "SelectAll", "Select &All", std.SelectAll),
        "zoom_in": _action(window, "ZoomIn", "Zoom &In", [std.ZoomIn, "Ctrl+="]),
        "zoom_out": _action(window, "ZoomOut", "Zoom &Out", std.ZoomOut),
        "zoom_reset": _action(window, "ZoomReset", "&Actual Size", "Ctrl+0"),
        "go_filter": _action(window, "GoFilter", "&Find Article…", ["Ctrl+P", "Ctrl+L"]),
        "go_tree": _action(window, "GoTree", "Article &List", "Alt+1"),
        "go_form": _action(window, "GoForm", "&Fields", "Alt+2"),
        "go_answer": _action(window, "GoAnswer", "&Answer", "Alt+3"),
        "go_problems": _action(window, "GoProblems", "&Problems", "Alt+4"),
        "about": _action(window, "About", "&About Article Editor"),
        "log_folder": _action(window, "LogFolder", "Open &Log Folder"),
        "toggle_tree": _action(window, "ToggleTree", "Article &List", "Ctrl+1", True),
        "toggle_form": _action(window, "ToggleForm", "&Fields", "Ctrl+2", True),
        "toggle_preview": _action(window, "TogglePreview", "&Preview", "Ctrl+3", True),
        "new_article": _action(window, "NewArticle", "&New Article…", std.New),
        "refresh_related": _action(window, "RefreshRelated", "Refresh Stale &Related Articles"),
        "refresh_related_all": _action(window, "RefreshRelatedAll",
                                       "Refresh Stale Related Articles in &Folder…"),
        "undo_refresh": _action(window, "UndoRefresh", "Undo Refresh of Related Articles"),
        "toggle_problems": _action(window, "ToggleProblems", "P&roblems", "Ctrl+4", True),
    }
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addAction(a["new_article"])
    file_menu.addAction(a["open_folder"])
    recent = RecentMenu(window)
    file_menu.addMenu(recent)
    file_menu.addSeparator()
    for key in ("save", "save_all", "revert"):
        file_menu.addAction(a[key])
    file_menu.addSeparator()
    file_menu.addAction(a["quit"])
    edit_menu = bar.addMenu("&Edit")
    for key in ("undo", "redo", None, "cut", "copy", "paste", "select_all", None):
        edit_menu.addSeparator() if key is None else edit_menu.addAction(a[key])
    edit_menu.addAction(a["find"])
    edit_menu.addAction(a["replace"])
    edit_menu.addSeparator()
    edit_menu.addAction(a["refresh_related"])
    edit_menu.addAction(a["refresh_related_all"])
    edit_menu.addAction(a["undo_refresh"])
    a["undo_refresh"].setEnabled(False)
    view_menu = bar.addMenu("&View")
    for key in ("zoom_in", "zoom_out", "zoom_reset", None, "toggle_tree", "toggle_form",
                "toggle_preview", "toggle_problems"):
        view_menu.addSeparator() if key is None else view_menu.addAction(a[key])
    go_menu = bar.addMenu("&Go")
    for key in ("go_filter", "go_tree", "go_form", "go_answer", "go_problems"):
        go_menu.addAction(a[key])
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(a["log_folder"])
    help_menu.addAction(a["about"])
    a["edit_menu"] = edit_menu
    a["recent_menu"] = recent
    return a


class EditRelay(QObject):
    """Undo, Redo, Cut, Copy, Paste and Select All, applied to the focused text widget."""

    def __init__(self, actions: dict, parent: QObject | None = None) -> None:
        super().__init__(parent)
        for name in ("undo", "redo", "cut", "copy", "paste", "select_all"):
            actions[name].triggered.connect(getattr(self, f"_on_{name}"))

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
