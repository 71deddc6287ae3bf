"""Menus and actions with the platform's standard shortcuts."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu


class RecentMenu(QMenu):
    def __init__(self, window: QMainWindow, trigger: QAction) -> None:
        super().__init__("Recent Folders", window)
        self._trigger = trigger

    def refresh(self, folders: list[str]) -> None:
        self.clear()
        for folder in folders:
            action = self.addAction(folder)
            action.setData(folder)
            action.triggered.connect(self._trigger.trigger)
            action.triggered.connect(self._remember)
        self.setEnabled(bool(folders))

    def _remember(self) -> None:
        self._trigger.setData(self.sender().data())


def _action(window: QMainWindow, name: str, text: str, shortcut=None,
            checkable: bool = False) -> QAction:
    action = QAction(text, window)
    action.setObjectName(f"action{name}")
    if shortcut is not None:
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
        "zoom_in": _action(window, "ZoomIn", "Zoom &In", std.ZoomIn),
        "zoom_out": _action(window, "ZoomOut", "Zoom &Out", std.ZoomOut),
        "toggle_tree": _action(window, "ToggleTree", "Article &List", "Ctrl+1", True),
        "toggle_form": _action(window, "ToggleForm", "&Fields", "Ctrl+2", True),
        "toggle_preview": _action(window, "TogglePreview", "&Preview", "Ctrl+3", True),
        "recent": _action(window, "OpenRecent", "Open Recent"),
        "new_article": _action(window, "NewArticle", "&New Article…", std.New),
        "refresh_related": _action(window, "RefreshRelated", "Refresh Stale &Related Articles"),
        "refresh_related_all": _action(window, "RefreshRelatedAll",
                                       "Refresh Stale Related Articles in &Folder…"),
        "toggle_problems": _action(window, "ToggleProblems", "P&roblems", "Ctrl+4", True),
    }
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addAction(a["new_article"])
    file_menu.addAction(a["open_folder"])
    recent = RecentMenu(window, a["recent"])
    file_menu.addMenu(recent)
    file_menu.addSeparator()
    for key in ("save", "save_all", "revert"):
        file_menu.addAction(a[key])
    file_menu.addSeparator()
    file_menu.addAction(a["quit"])
    edit_menu = bar.addMenu("&Edit")
    edit_menu.addAction(a["find"])
    edit_menu.addAction(a["replace"])
    edit_menu.addSeparator()
    edit_menu.addAction(a["refresh_related"])
    edit_menu.addAction(a["refresh_related_all"])
    view_menu = bar.addMenu("&View")
    for key in ("zoom_in", "zoom_out", "toggle_tree", "toggle_form", "toggle_preview",
                "toggle_problems"):
        view_menu.addAction(a[key])
    a["recent_menu"] = recent
    return a
