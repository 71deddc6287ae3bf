"""Formulas in a QTextDocument: each math element of the rendered HTML becomes an image.

The Markdown renderer writes every formula as ``<span class="math">TEX</span>`` or
``<div class="math display">TEX</div>``. :func:`replace_math` draws each one (the core's
KaTeX and ziamath, at the screen's pixel ratio), registers the picture in the document under
a ``math:`` URL and puts an ``<img>`` in its place, its TeX as the tooltip. A formula KaTeX
rejects shows as its source in red with KaTeX's message as the tooltip, as on the site.

Qt can only centre an inline image in its line (``vertical-align: middle``); each inline
picture is padded so that, centred, the formula's own baseline is on the text's baseline
(:func:`inline_padding`). ``font`` must be the font of the text around the formulas.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import math
import re
from collections import OrderedDict
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QRectF, QUrl
from PySide6.QtGui import (
    QFont,
    QFontInfo,
    QFontMetrics,
    QFontMetricsF,
    QImage,
    QPainter,
    QTextDocument,
)
from PySide6.QtSvg import QSvgRenderer

from editor.core.render.math import (
    ERROR_COLOR,
    SCALE,
    Formula,
    FormulaError,
    formula,
    katex_error,
)

SCHEME = "math"
_ELEMENT = re.compile(
    r'<span class="math">(.*?)</span>|<div class="math display">(.*?)</div>', re.S)


@dataclass(frozen=True)
class Padding:
    """Transparent rows added above and below a drawn formula, in px."""

    top: float
    bottom: float


def inline_padding(item: Formula, font: QFont) -> Padding:
    """What to add around an inline formula so that Qt's ``vertical-align: middle`` puts its
    baseline on the baseline of text in ``font``.

    Qt lays a middle-aligned image of height H out with the ascent (H + x/2)/2 and the
    descent (H - x/2)/2, x the font's x-height; the line takes the larger of those and the
    font's own, rounds its height L up to whole pixels, and puts the image floor((L - H)/2)
    below the line's top. A small formula is padded to fit inside the text's line, centred
    so that its baseline lands on the text's: the line keeps its height. A taller one is
    padded so that it sets both the line's ascent and descent, its baseline x/2 below its
    middle.
    """
    half_x = QFontMetrics(font).xHeight() / 2.0
    metrics = QFontMetricsF(font)
    ascent, descent = metrics.ascent(), metrics.descent()
    above = item.height - item.depth  # from the formula's top to its baseline
    below = item.depth
    line = math.ceil(ascent + descent)
    fits = min(2 * ascent - half_x, 2 * descent + half_x)
    # Inside the line: H = line - 2k for a whole k, the image's top k px below the line's.
    k = math.floor(min(ascent - above, line - ascent - below))
    if k >= 0 and line - 2 * k <= fits:
        return Padding(ascent - k - above, line - k - ascent - below)
    # Setting the line: baseline x/2 below the middle, a whole number of px high.
    top = bottom = 0.0
    if above - below >= half_x:
        bottom = above - below - half_x
    else:
        top = half_x - (above - below)
    total = item.height + top + bottom
    least = max(2 * ascent - half_x, 2 * descent + half_x, total)
    extra = math.ceil(least) - total
    return Padding(top + extra / 2, bottom + extra / 2)


def svg_image(svg: bytes, width: float, height: float, ratio: float,
              padding: Padding = Padding(0.0, 0.0)) -> QImage:
    """The SVG drawn into a transparent image of ``width`` x ``height`` logical px (plus the
    padding), at the device pixel ratio ``ratio``."""
    renderer = QSvgRenderer(QByteArray(svg))
    full_height = height + padding.top + padding.bottom
    image = QImage(max(1, math.ceil(width * ratio)), max(1, math.ceil(full_height * ratio)),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, padding.top * ratio, width * ratio, height * ratio))
    painter.end()
    image.setDevicePixelRatio(ratio)
    return image


def add_image(document: QTextDocument, key: str, image: QImage) -> str:
    """Register ``image`` in ``document`` and return the ``math:`` URL that shows it."""
    url = f"{SCHEME}:{key}"
    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), image)
    return url


def _key(tex: str, display: bool, color: str, size: float, ratio: float, font: QFont) -> str:
    data = "\0".join((tex, str(display), color, str(size), str(ratio), font.key()))
    return hashlib.sha1(data.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True)
class _Drawn:
    """A formula's picture and its size in the HTML."""

    image: QImage
    width: str
    height: str


#: Pictures already drawn, newest last: a refresh of the same answer rasterizes nothing.
_DRAWN: OrderedDict[str, _Drawn] = OrderedDict()
_DRAWN_KEPT = 2000


def rejected_html(tex: str, message: str, display: bool) -> str:
    """A formula KaTeX rejects, as the site shows it: its source in red, the message as title."""
    span = (f'<span style="color:{ERROR_COLOR}" title="{html.escape(message)}">'
            f"{html.escape(tex, quote=False)}</span>")
    return f'<p align="center">{span}</p>' if display else span


def formula_html(document: QTextDocument, tex: str, display: bool, *, color: str = "#000000",
                 ratio: float = 1.0, font: QFont | None = None,
                 size: float | None = None) -> str:
    """The HTML that shows one formula in ``document`` (its image registered there), its
    text ``size`` px high: by default KaTeX's 1.21 times the text around it."""
    error = katex_error(tex, display)
    if error is not None:
        return rejected_html(tex, error, display)
    text_font = font if font is not None else document.defaultFont()
    if size is None:
        size = round(SCALE * QFontInfo(text_font).pixelSize(), 2)
    try:
        item = formula(tex, display, color, size)
    except FormulaError as exc:
        return (f'<span title="{html.escape(exc.message)}">'
                f"{html.escape(tex, quote=False)}</span>")
    key = _key(tex, display, color, size, ratio, text_font)
    drawn = _DRAWN.get(key)
    if drawn is None:
        padding = Padding(0.0, 0.0) if display else inline_padding(item, text_font)
        image = svg_image(item.svg, item.width, item.height, ratio, padding)
        drawn = _Drawn(image, f"{item.width:.2f}",
                       f"{item.height + padding.top + padding.bottom:.2f}")
        _DRAWN[key] = drawn
        while len(_DRAWN) > _DRAWN_KEPT:
            _DRAWN.popitem(last=False)
    else:
        _DRAWN.move_to_end(key)
    url = add_image(document, key, drawn.image)
    width, height = drawn.width, drawn.height
    img = f'<img src="{url}" title="{html.escape(tex)}" width="{width}" height="{height}"'
    if display:
        return f'<p align="center" style="margin-top:16px; margin-bottom:16px">{img}></p>'
    return f'{img} style="vertical-align: middle">'


def prepare_math(rendered: str, *, color: str, size: float) -> None:
    """Check and draw every formula of the renderer's HTML into the core's caches, so that
    ``replace_math`` on the UI thread only rasterizes. Safe off the UI thread."""
    for match in _ELEMENT.finditer(rendered):
        display = match.group(1) is None
        tex = html.unescape(match.group(2) if display else match.group(1))
        if katex_error(tex, display) is None:
            with contextlib.suppress(FormulaError):
                formula(tex, display, color, size)


def replace_math(rendered: str, document: QTextDocument, *, color: str = "#000000",
                 ratio: float = 1.0, font: QFont | None = None,
                 size: float | None = None) -> str:
    """The renderer's HTML with every math element replaced by its image (registered in
    ``document``), or by its source in red when KaTeX rejects it. ``font`` is the font of the
    text around inline formulas (the document's default font when None), ``color`` the text
    colour, ``ratio`` the device pixel ratio of the screen showing it."""

    def one(match: re.Match[str]) -> str:
        inline, block = match.group(1), match.group(2)
        display = inline is None
        tex = html.unescape(block if display else inline)
        return formula_html(document, tex, display, color=color, ratio=ratio, font=font,
                            size=size)

    return _ELEMENT.sub(one, rendered)

