"""What the publishing tests share: editing the question, answering modal dialogs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget

from editor.ui.main_window import MainWindow
from tests.core.git.articles import path
from tests.ui.helpers import pick, replace_text


def question_widget(win: MainWindow) -> QPlainTextEdit | QLineEdit:
    widget = win.findChild(QPlainTextEdit, "field:question") \
        or win.findChild(QLineEdit, "field:question")
    assert widget is not None
    return widget


def edit_question(qtbot, win: MainWindow, n: int, text: str) -> None:
    pick(qtbot, win, path(n))
    replace_text(question_widget(win), text)


class Modals:
    """Answers the window's modal dialogs as they open (some open after a step that runs
    off the UI thread): ``answers`` maps a dialog's class to what to do with it. ``seen``
    names each dialog answered, in order."""

    def __init__(self, parent: QWidget,
                 answers: dict[type[QWidget], Callable[[QWidget], None]]) -> None:
        self.answers = answers
        self.seen: list[str] = []
        self.timer = QTimer(parent)
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        dialog = QApplication.activeModalWidget()
        for kind, answer in self.answers.items():
            if isinstance(dialog, kind) and dialog.isVisible():
                self.seen.append(kind.__name__)
                answer(dialog)
                return

    def stop(self) -> None:
        self.timer.stop()
