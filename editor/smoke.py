"""`article-editor --smoke-test [FOLDER]`: prove a build starts and works, in one JSON line.

Builds the main window, opens the folder (default: the bundled sample), waits for the index,
opens the first article, waits for its preview, and checks that saving it unchanged through
the splice writer is byte-identical on a temporary copy. Settings, cache and recovery folders
go to a temporary directory, so a smoke test never touches the user's own.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

TIMEOUT_MS = 60_000


class SmokeError(Exception):
    pass


def run_smoke_test(folder: Path, screenshot: Path | None = None) -> int:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="article-editor-smoke-") as tmp:
        for name in ("CONFIG", "CACHE", "DATA"):
            os.environ[f"ARTICLE_EDITOR_{name}_DIR"] = str(Path(tmp) / name.lower())
        try:
            result = _run(folder, Path(tmp), screenshot)
        except SmokeError as exc:
            print(f"article-editor: smoke test failed: {exc}", file=sys.stderr)
            return 1
    result["seconds"] = round(time.perf_counter() - started, 3)
    print(json.dumps(result))
    return 0


def _wait(app, signal, what: str) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    signal.connect(loop.quit)
    timer.start(TIMEOUT_MS)
    loop.exec()
    if not timer.isActive():
        raise SmokeError(f"timed out waiting for {what}")
    timer.stop()


def _run(folder: Path, tmp: Path, screenshot: Path | None) -> dict[str, object]:
    from PySide6.QtWidgets import QApplication

    from editor.core.document.article import ArticleDocument
    from editor.core.storage.safe_io import atomic_write
    from editor.ui.main_window import MainWindow

    if not folder.is_dir():
        raise SmokeError(f"{folder}: not a folder")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow()
    window.show()
    window.open_folder(folder)
    if window.index is None:
        _wait(app, window.folder_ctl.indexReady, "the folder index")
    index = window.index
    if index is None:
        raise SmokeError(f"{folder}: the folder index was not made")
    articles = sorted(e.path for e in index.articles())
    if not articles:
        raise SmokeError(f"{folder}: no articles found")
    first = folder.resolve() / articles[0]
    window.open_article(first)
    if window.controller.document is None:
        raise SmokeError(f"{articles[0]}: did not open")
    if window.preview.in_flight or not window.preview.toPlainText().strip():
        _wait(app, window.preview.rendered, "the preview")
    preview_chars = len(window.preview.toPlainText())
    if preview_chars == 0:
        raise SmokeError("the preview is empty")
    workers, native = _check_index(folder, tmp, index.entries)
    copy = tmp / first.name
    shutil.copyfile(first, copy)
    original = copy.read_bytes()
    doc = ArticleDocument.load(copy)
    doc.set_field("answer", doc.get_field("answer"))  # an edit that changes nothing
    atomic_write(copy, doc.to_bytes())
    if copy.read_bytes() != original:
        raise SmokeError(f"{articles[0]}: an unchanged save altered the bytes")
    if screenshot is not None:
        window.resize(1400, 900)
        app.processEvents()
        if not window.grab().save(str(screenshot)):
            raise SmokeError(f"{screenshot}: could not save the screenshot")
    window.close()
    return {"articles": len(articles), "opened": articles[0], "preview_chars": preview_chars,
            "index_workers": workers, "native_listing": native, "formula_px": _check_math()}


def _check_math() -> list[int]:
    """Draw a formula as the preview does (KaTeX in QuickJS, ziamath's font, QtSvg) and check
    KaTeX rejects a broken one. Returns the drawn image's size in pixels."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    from editor.core.render.math import katex_error
    from editor.ui.math_images import replace_math

    if not (katex_error("x^{", False) or "").startswith("ParseError"):
        raise SmokeError("KaTeX did not reject a broken formula")
    document = QTextDocument()
    shown = replace_math(r'<div class="math display">x = \frac{1}{\sqrt{2}}</div>', document)
    url = shown.split('src="', 1)[-1].split('"', 1)[0]
    image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(url))
    if not url.startswith("math:") or image is None or image.isNull():
        raise SmokeError(f"a formula was not drawn: {shown}")
    return [image.width(), image.height()]


def _check_index(folder: Path, tmp: Path, expected: dict) -> tuple[int, bool]:
    """Index the folder again, cold with worker processes (as a large folder is read), then
    warm (listed natively where scandir-rs is bundled), and check both give what the
    window's index holds. Returns the workers used and whether the warm open was native."""
    from editor.core.index.folder_index import FolderIndex

    index = FolderIndex(folder, tmp / "workers.sqlite")
    index.workers, index.parallel_min = 2, 0
    index.native_listing = True  # the bundled walker, where there is one, lists the same
    try:
        got = index.refresh()
        pooled = index.read_in_workers
        warm = index.refresh()
    finally:
        index.close()
    if _summary(got) != _summary(expected):
        raise SmokeError("the index read in worker processes differs from the window's")
    if got and not pooled:
        raise SmokeError("no worker process could read the folder")
    if index.reread or _summary(warm) != _summary(expected):
        raise SmokeError("the warm index differs from the window's")
    return index.workers, index.listed_natively


def _summary(entries: dict) -> dict[str, tuple]:
    """What the smoke test compares of each entry: kind, id, title and url."""
    return {rel: (e.kind, e.id, e.title, e.url) for rel, e in entries.items()}
