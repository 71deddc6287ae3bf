"""The Problems pane's cells (``problems_delegate``): pixel for pixel what Qt's own item
painting draws, errors and warnings, selected or not, focused or not."""

from __future__ import annotations

from editor.core.checks.folder_checks import ERROR, WARNING, Problem, Report
from editor.ui.panes.problems_pane import ProblemsPane
from tests.ui.helpers import painted, painted_by_qt


def test_cells_paint_as_qt_paints_them(qtbot) -> None:
    problems = [Problem(f"content/learn/article-{i}.md", i or None,
                        "duplicate-id" if i % 2 else "seo-title-length",
                        ERROR if i % 3 else WARNING, "a message long enough to be cut " * 6,
                        "seo.title" if i % 2 else None) for i in range(40)]
    pane = ProblemsPane()
    qtbot.addWidget(pane)
    pane.resize(1100, 420)
    pane.show()
    pane.set_report(Report(40, 40, problems))
    pane.view.selectRow(2)
    assert painted(pane.view) == painted_by_qt(pane.view)
    pane.view.scrollToBottom()  # the warnings
    pane.view.setFocus()
    qtbot.waitUntil(pane.view.hasFocus)
    assert painted(pane.view) == painted_by_qt(pane.view)
    pane.setEnabled(False)
    assert painted(pane.view) == painted_by_qt(pane.view)
