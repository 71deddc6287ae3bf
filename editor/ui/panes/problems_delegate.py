"""How the Problems pane fills a cell's style option: in one call to its model.

Qt's own item painting asks the model for seven roles of each cell it paints (font,
alignment, colours, check state, icon, text, background), each a call into Python. While a
pool thread runs Python too (the suggestions, the dictionary), each of those calls waits
its turn for the interpreter: a repaint of the table made a thousand such waits and the
window stalled for half a second after a folder opened. Here the option is filled from
``ProblemsModel.cell`` (text and icon; the other roles are the view's defaults), once a
cell, and Qt paints it as it always does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

if TYPE_CHECKING:
    from editor.ui.panes.problems_pane import ProblemsModel

_Feature = QStyleOptionViewItem.ViewItemFeature
_State = QStyle.StateFlag


class ProblemsDelegate(QStyledItemDelegate):
    def __init__(self, model: ProblemsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:
        """As ``QStyledItemDelegate.initStyleOption`` fills it for a cell with only a text
        and an icon."""
        text, icon = self.model.cell(index.row(), index.column())
        option.index = index  # type: ignore[attr-defined]
        if icon is not None and not icon.isNull():
            state = option.state  # type: ignore[attr-defined]
            mode = (QIcon.Mode.Disabled if not state & _State.State_Enabled
                    else QIcon.Mode.Selected if state & _State.State_Selected
                    else QIcon.Mode.Normal)
            on = QIcon.State.On if state & _State.State_Open else QIcon.State.Off
            wanted = option.decorationSize  # type: ignore[attr-defined]
            actual = icon.actualSize(wanted, mode, on)
            option.features |= _Feature.HasDecoration  # type: ignore[attr-defined]
            option.icon = icon  # type: ignore[attr-defined]
            option.decorationSize = QSize(  # type: ignore[attr-defined]
                min(wanted.width(), actual.width()), min(wanted.height(), actual.height()))
        if text is not None:
            option.features |= _Feature.HasDisplay  # type: ignore[attr-defined]
            option.text = text  # type: ignore[attr-defined]
        option.styleObject = None  # type: ignore[attr-defined]
