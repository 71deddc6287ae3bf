"""Live preview: Markdown rendered off the UI thread, debounced, one render in flight.

The renderer sits behind a plain callable (text -> HTML) so it can be swapped. The browser
never fetches a remote resource, runs no script, and opens links in the system browser.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QRunnable, QThreadPool, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices, QFont, QPalette, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from editor.core.document.codecs import as_the_site_reads
from editor.core.render.math import SCALE
from editor.resources import resource_path
from editor.ui.math_images import prepare_math, replace_math
from editor.ui.panes.preview_html import answer_html

Renderer = Callable[[str], str]
BODY_FONT, BODY_PX = "DejaVu Sans", 16  # the stylesheet's body text, around inline formulas


class _RenderSignals(QObject):
    done = Signal(int, str)


class _RenderJob(QRunnable):
    """Renders off the UI thread, and checks and draws its formulas there too (in
    ``color`` at ``size`` px), leaving the UI thread only their rasterizing."""

    def __init__(self, generation: int, text: str, renderer: Renderer, color: str,
                 size: float) -> None:
        super().__init__()
        self.generation, self.text, self.renderer = generation, text, renderer
        self.color, self.size = color, size
        self.signals = _RenderSignals()

    def run(self) -> None:
        try:
            html = self.renderer(self.text)
            prepare_math(html, color=self.color, size=self.size)
        except Exception as exc:
            html = f"<p><b>Preview failed:</b> {escape(str(exc))}</p>"
        self.signals.done.emit(self.generation, html)


class PreviewPane(QTextBrowser):
    """Shows the rendered answer. Call request_render(text) on every edit."""

    rendered = Signal()
    siteLinkRequested = Signal(str)  # a link to a page of the site itself: /learn/…
    linkHovered = Signal(str)  # the address under the mouse, "" when none

    def __init__(self, parent: QWidget | None = None, renderer: Renderer = answer_html,
                 pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answerPreview")
        self.setAccessibleName("Preview")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.renderer = renderer
        self.pool = pool or QThreadPool.globalInstance()
        self.content_root: Path | None = None
        self.header_html = ""
        self.footer_html = ""  # the page below the answer: its related questions
        self._text = ""
        self._generation = 0
        self._in_flight = False
        self._pending = False
        self._jobs: list[_RenderJob] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._start_render)
        self.anchorClicked.connect(self._on_anchor)
        self.highlighted.connect(self._on_hovered)
        self._css_template = resource_path("preview.css").read_text("utf-8")
        self._scale = 1.0
        self._html = ""

    @property
    def in_flight(self) -> bool:
        return self._in_flight

    def request_render(self, text: str, immediate: bool = False) -> None:
        """Debounced: the delay grows with the text (ghostwriter's rule), 80–400 ms. The
        answer is shown as the site will read it back (see ``as_the_site_reads``)."""
        self._text = as_the_site_reads(text)
        delay = 0 if immediate else min(400, 80 + len(text) // 100)
        self._timer.start(delay)

    @Slot()
    def _start_render(self) -> None:
        if self._in_flight:
            self._pending = True
            return
        self._in_flight, self._pending = True, False
        self._generation += 1
        job = _RenderJob(self._generation, self._text, self.renderer, self._text_color(),
                         self._math_size())
        job.setAutoDelete(False)
        job.signals.done.connect(self._on_done)
        self._jobs.append(job)
        self.pool.start(job)

    @Slot(int, str)
    def _on_done(self, generation: int, html: str) -> None:
        self._jobs = [j for j in self._jobs if j.generation != generation]
        self._in_flight = False
        if generation == self._generation:
            bar = self.verticalScrollBar()
            position = bar.value()
            self._html = html
            self._show_html()
            bar.setValue(position)
            self.rendered.emit()
        if self._pending:
            self._start_render()

    def _text_color(self) -> str:
        return self.palette().color(QPalette.ColorRole.Text).name()

    def _body_font(self) -> QFont:
        font = QFont(BODY_FONT)
        font.setPixelSize(round(BODY_PX * self._scale))
        return font

    def _math_size(self) -> float:
        return round(SCALE * round(BODY_PX * self._scale), 2)

    def _show_html(self) -> None:
        document = self.document()
        document.setDefaultStyleSheet(self._css())
        answer = replace_math(self._html, document, color=self._text_color(),
                              ratio=self.devicePixelRatioF(), font=self._body_font(),
                              size=self._math_size())
        self.setHtml(f"<html><body>{self.header_html}{answer}{self.footer_html}</body></html>")

    def set_page(self, header_html: str, footer_html: str) -> None:
        """The page around the answer; shown again at once when it changed."""
        if (header_html, footer_html) == (self.header_html, self.footer_html):
            return
        self.header_html, self.footer_html = header_html, footer_html
        if self._html:
            bar = self.verticalScrollBar()
            position = bar.value()
            self._show_html()
            bar.setValue(position)

    def set_zoom(self, scale: float) -> None:
        """Scale the stylesheet's sizes (the page is styled in px) and show it again."""
        if abs(scale - self._scale) > 1e-6:
            self._scale = scale
            if self._html or self.header_html or self.footer_html:
                bar = self.verticalScrollBar()
                fraction = bar.value() / bar.maximum() if bar.maximum() else 0.0
                self._show_html()
                self.follow_scroll(fraction)

    def clear_page(self) -> None:
        self._text, self._html, self.header_html, self.footer_html = "", "", "", ""
        self._timer.stop()
        self._generation += 1  # a render still in flight is not shown
        self.clear()

    def _css(self) -> str:
        pal = self.palette()
        colors = {
            "@TEXT@": pal.color(QPalette.ColorRole.Text).name(),
            "@BASE@": pal.color(QPalette.ColorRole.Base).name(),
            "@LINK@": pal.color(QPalette.ColorRole.Link).name(),
            "@MUTED@": pal.color(QPalette.ColorRole.AlternateBase).name(),
            "@RULE@": pal.color(QPalette.ColorRole.Mid).name(),
        }
        css = self._css_template
        for token, color in colors.items():
            css = css.replace(token, color)
        if self._scale != 1.0:
            css = re.sub(r"(\d+(?:\.\d+)?)px",
                         lambda m: f"{float(m[1]) * self._scale:.1f}px", css)
        return css

    @Slot(float)
    def follow_scroll(self, fraction: float) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(round(fraction * bar.maximum()))

    def loadResource(self, kind: int, url: QUrl):
        """Only local images inside the content folder; nothing remote, nothing else."""
        if kind == QTextDocument.ResourceType.ImageResource and url.isLocalFile():
            path = Path(url.toLocalFile()).resolve()
            root = self.content_root
            if root is not None and path.is_relative_to(root.resolve()) and path.is_file():
                return super().loadResource(kind, url)
        return QByteArray()

    @Slot(QUrl)
    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        elif not url.scheme() and url.path().startswith("/"):
            self.siteLinkRequested.emit(url.path().rstrip("/"))

    @Slot(QUrl)
    def _on_hovered(self, url: QUrl) -> None:
        self.linkHovered.emit(url.toString())
