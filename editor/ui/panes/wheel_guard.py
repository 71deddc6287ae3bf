"""The mouse wheel scrolls the form; it never changes a field the writer has not focused.

Qt lets a wheel or trackpad turn a combo box, a date or a slider that merely passes under the
pointer, and Save then writes the value nobody chose. The guard lets such a widget take the
wheel only while it has keyboard focus (clicked or tabbed into); otherwise the wheel goes to
the nearest enclosing scroll area (the form), as if the widget were not there.
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
        if has_focus(watched):
            return False  # chosen by the writer: the wheel steps its value, as Qt does
        forward_to_scroll_area(watched, event)  # type: ignore[arg-type]
        event.accept()
        return True

    def guard(self, widget: QWidget) -> None:
        """Take wheel events from ``widget`` unless it has focus; the wheel never focuses it."""
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


def has_focus(widget: QWidget) -> bool:
    focused = QApplication.focusWidget()
    return focused is not None and (focused is widget or widget.isAncestorOf(focused))


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
