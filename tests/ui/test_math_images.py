"""Formulas in a real QTextBrowser: images of the right size, on the text's baseline, the
source in red for one KaTeX rejects."""

from __future__ import annotations

import html

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QFont, QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser

from editor.core.render.math import ERROR_COLOR, formula_svg, katex_error
from editor.ui.math_images import replace_math, svg_image

MATRIX = r"\begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix}"


def _inline(tex: str) -> str:
    return f'<span class="math">{html.escape(tex, quote=False)}</span>'


def _display(tex: str) -> str:
    return f'<div class="math display">{html.escape(tex, quote=False)}</div>'


def _font() -> QFont:
    font = QFont("DejaVu Serif")
    font.setPixelSize(16)
    return font


def _browser(qtbot, rendered: str, color: str = "#000000") -> QTextBrowser:
    browser = QTextBrowser()
    qtbot.addWidget(browser)
    browser.resize(640, 480)
    document = browser.document()
    document.setDefaultFont(_font())
    browser.setHtml(replace_math(rendered, document, color=color, font=_font()))
    browser.show()
    qtbot.waitExposed(browser)
    return browser


def _images(document: QTextDocument) -> list[tuple[str, str, QImage]]:
    """(url, tooltip, registered image) of every math image in the document."""
    found = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat() and fmt.toImageFormat().name().startswith("math:"):
                url = fmt.toImageFormat().name()
                image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(url))
                found.append((url, fmt.toolTip(), image))
            it += 1
        block = block.next()
    return found


def test_inline_and_display_formulas_become_images(qtbot) -> None:
    rendered = (f"<p>The roots {_inline('x = -b/2a')} of</p>"
                + _display(r"x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}")
                + "<p>and " + _inline(MATRIX) + ".</p>")
    browser = _browser(qtbot, rendered)
    images = _images(browser.document())
    assert [tip for _, tip, _ in images] == [
        "x = -b/2a", r"x = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}",
        MATRIX]
    for _, _, image in images:
        assert isinstance(image, QImage) and image.width() > 10 and image.height() > 10
    display = images[1][2]
    assert display.height() > images[0][2].height()
    shot = browser.viewport().grab().toImage()
    dark = sum(1 for x in range(0, shot.width(), 2) for y in range(0, shot.height(), 2)
               if QColor(shot.pixel(x, y)).lightness() < 100)
    assert dark > 100  # the formulas are drawn, not blank boxes
    assert "class=\"math" not in browser.toHtml()


def test_rejected_formula_is_its_source_in_red_with_katex_message(qtbot) -> None:
    browser = _browser(qtbot, f"<p>Bad {_inline('x^{')} here</p>")
    assert _images(browser.document()) == []
    cursor = browser.document().find("x^{")
    assert not cursor.isNull()
    fmt = cursor.charFormat()
    assert fmt.foreground().color().name() == ERROR_COLOR
    assert fmt.toolTip() == katex_error("x^{", False)
    assert fmt.toolTip().startswith("ParseError: KaTeX parse error:")


def test_unknown_command_is_drawn_with_red_text(qtbot) -> None:
    browser = _browser(qtbot, "<p>" + _inline(r"\badcmd + 1") + "</p>")
    [(_, tip, image)] = _images(browser.document())
    assert tip == r"\badcmd + 1"
    reds = sum(1 for x in range(image.width()) for y in range(image.height())
               if QColor(image.pixelColor(x, y)).red() > 150
               and QColor(image.pixelColor(x, y)).green() < 80
               and image.pixelColor(x, y).alpha() > 200)
    assert reds > 10


def _lowest_row(shot: QImage, wanted) -> int:
    rows = [y for y in range(shot.height()) for x in range(shot.width())
            if wanted(QColor(shot.pixel(x, y)))]
    return max(rows)


@pytest.mark.parametrize("tex", ["x", "a+b", r"\frac{a}{b}", r"x_i^2"])
def test_inline_formula_sits_on_the_text_baseline(qtbot, tex: str) -> None:
    """The formula in red, text in black: a formula with nothing below its baseline ends on
    the row where the text's letters end; one with a depth goes below it."""
    browser = _browser(qtbot, f"<p>xxx {_inline(tex)} xxx</p>", color="#ff0000")
    shot = browser.viewport().grab().toImage()
    text_bottom = _lowest_row(shot, lambda c: c.lightness() < 60 and c.red() < 60)
    math_bottom = _lowest_row(shot, lambda c: c.red() > 180 and c.green() < 120)
    if tex in ("x", "a+b"):
        assert abs(math_bottom - text_bottom) <= 1
    else:
        assert math_bottom > text_bottom + 2


def test_device_pixel_ratio_sharpens_the_image(qtbot) -> None:
    svg = formula_svg(r"\sqrt{2}", False)
    one = svg_image(svg, 20.0, 18.0, 1.0)
    two = svg_image(svg, 20.0, 18.0, 2.0)
    assert (two.width(), two.height()) == (2 * one.width(), 2 * one.height())
    assert two.devicePixelRatio() == 2.0
