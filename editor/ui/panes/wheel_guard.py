"""The mouse wheel scrolls the form; it never changes a field's value.

Qt lets a wheel or trackpad turn a combo box, a date or a slider that merely passes under the
pointer, or that has the cursor in it: a writer who clicked into a related article's search
box and then scrolls the page turns that slot to another article, and Save writes what
nobody chose. The guard sends the wheel over such a widget to the nearest enclosing scroll
area (the form), as if the widget were not there; its value changes by the keyboard (the
arrow keys step a date) or by choosing from its list, whose own wheel scrolls the list.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

#: Widgets whose value the wheel changes. QDateEdit is a QAbstractSpinBox.
GUARDED = (QComboBox, QAbstractSpinBox, QAbstractSlider)


class WheelGuard(QObject):
    """An event filter for the widgets in GUARDED (install it with ``install_wheel_guard``)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget):
            return False
        forward_to_scroll_area(watched, event)  # type: ignore[arg-type]
        event.accept()
        return True

    def guard(self, widget: QWidget) -> None:
        """Take wheel events from ``widget``; the wheel never focuses it."""
        if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        widget.removeEventFilter(self)  # never twice
        widget.installEventFilter(self)


def guarded(widget: QWidget) -> bool:
    return isinstance(widget, GUARDED) and not isinstance(widget, QScrollBar)


def install_wheel_guard(root: QWidget) -> WheelGuard:
    """Guard ``root`` and every guarded widget inside it now; returns the (shared) guard."""
    guard = root.findChild(WheelGuard, "wheelGuard", Qt.FindChildOption.FindDirectChildrenOnly)
    if guard is None:
        guard = WheelGuard(root)
        guard.setObjectName("wheelGuard")
    for widget in (root, *root.findChildren(QWidget)):
        if guarded(widget):
            guard.guard(widget)
    return guard


def forward_to_scroll_area(widget: QWidget, event: QWheelEvent) -> bool:
    """Send the wheel to the nearest scroll area around ``widget``; False when there is none."""
    area = widget.parentWidget()
    while area is not None and not isinstance(area, QAbstractScrollArea):
        area = area.parentWidget()
    if area is None:
        return False
    viewport = area.viewport()
    local = QPointF(viewport.mapFromGlobal(event.globalPosition().toPoint()))
    forwarded = QWheelEvent(local, event.globalPosition(), event.pixelDelta(),
                            event.angleDelta(), event.buttons(), event.modifiers(),
                            event.phase(), event.inverted(), event.source())
    QApplication.sendEvent(viewport, forwarded)
    return True
