"""How the article tree paints a row's text: elided once per text, width and font, then drawn
from a prepared ``QStaticText``.

Qt's own item painting lays a cell's whole text out three times on every paint (to place it,
to elide it, to draw it): on a 36,000-article folder that was most of a filter keystroke's
repaint. Here a cell asks the model once for what it shows (``ArticleTreeModel.cell``),
the style still paints the row's panel (selection, hover) and focus frame, and the text,
elided in the middle as before, is drawn from a cache keyed by the text, the width it gets
and the font; a resized column or a changed title is a new key, elided anew.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QStaticText, QTransform
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionFocusRect,
    QStyleOptionViewItem,
    QWidget,
)

from editor.ui.models.tree_model import ArticleTreeModel

#: Prepared texts kept; past this the cache starts again (a few screens of rows at a few
#: widths take a few hundred).
KEPT = 4000
_State = QStyle.StateFlag
#: The state flags as plain ints: ``&`` on the flag enums is a few Python calls a cell.
_ENABLED, _ACTIVE_STATE, _SELECTED, _FOCUS = (
    flag.value for flag in (_State.State_Enabled, _State.State_Active, _State.State_Selected,
                            _State.State_HasFocus))
_PANEL = QStyle.PrimitiveElement.PE_PanelItemViewItem
_ACTIVE, _INACTIVE, _DISABLED = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive,
                                 QPalette.ColorGroup.Disabled)


class TreeRowDelegate(QStyledItemDelegate):
    """Paints the tree's cells from ``ArticleTreeModel.cell``, with cached elided text.
    ``restyled`` must be called when the view's font or style changes."""

    def __init__(self, model: ArticleTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._texts: dict[tuple[str, int, bool], tuple[str, QStaticText]] = {}
        self._font = QFont()
        self._metrics = (QFontMetrics(self._font), QFontMetrics(model.bold_font))
        self._margin = 1

    def restyled(self, view: QWidget) -> None:
        """The view's font (or style) changed: elide anew, in its font and the model's bold."""
        self._texts.clear()
        self._font = QFont(view.font())
        self._metrics = (QFontMetrics(self._font), QFontMetrics(self.model.bold_font))
        self._margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin,
                                                None, view) + 1

    def elided(self, text: str, width: int, bold: bool = False) -> str:
        """``text`` as it is shown in ``width`` pixels: elided in the middle."""
        return self._prepared(text, width, bold)[0]

    def _prepared(self, text: str, width: int, bold: bool) -> tuple[str, QStaticText]:
        key = (text, width, bold)
        found = self._texts.get(key)
        if found is None:
            shown = self._metrics[bold].elidedText(text, Qt.TextElideMode.ElideMiddle, width)
            static = QStaticText(shown)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(QTransform(), self.model.bold_font if bold else self._font)
            if len(self._texts) >= KEPT:
                self._texts.clear()
            found = self._texts[key] = (shown, static)
        return found

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        widget = option.widget  # type: ignore[attr-defined]
        if widget is None:
            super().paint(painter, option, index)
            return
        text, brush, font = self.model.cell(index)
        style = widget.style()
        style.drawPrimitive(_PANEL, option, painter, widget)
        state: int = option.state.value  # type: ignore[attr-defined]
        rect = option.rect  # type: ignore[attr-defined]
        if text:
            margin = self._margin
            width = rect.width() - 2 * margin
            bold = font is not None
            _shown, static = self._prepared(text, width, bold)
            palette: QPalette = option.palette  # type: ignore[attr-defined]
            group = (_DISABLED if not state & _ENABLED
                     else _ACTIVE if state & _ACTIVE_STATE else _INACTIVE)
            if state & _SELECTED:
                color = palette.color(group, QPalette.ColorRole.HighlightedText)
            elif brush is not None:
                color = brush.color()
            else:
                color = palette.color(group, QPalette.ColorRole.Text)
            size = static.size()
            x: float = rect.x() + margin
            if index.column() == 1:  # right-aligned, as the id column is
                x += width - size.width()
            y = rect.y() + (rect.height() - round(size.height())) // 2
            painter.save()
            painter.setFont(font if bold else self._font)
            painter.setPen(color)
            painter.drawStaticText(QPointF(x, y), static)
            painter.restore()
        if state & _FOCUS:
            self._focus_frame(painter, option, widget)

    @staticmethod
    def _focus_frame(painter: QPainter, option: QStyleOptionViewItem, widget: QWidget) -> None:
        """The focus frame, as Qt's item painting draws it."""
        style, state = widget.style(), option.state  # type: ignore[attr-defined]
        focus = QStyleOptionFocusRect()
        focus.initFrom(widget)
        focus.state = state | _State.State_KeyboardFocusChange | _State.State_Item
        focus.rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemFocusRect, option,
                                          widget)
        focus.backgroundColor = option.palette.color(  # type: ignore[attr-defined]
            QPalette.ColorGroup.Normal if state & _State.State_Enabled else _DISABLED,
            QPalette.ColorRole.Highlight if state & _State.State_Selected
            else QPalette.ColorRole.Window)
        style.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, focus, painter, widget)
