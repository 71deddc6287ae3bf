"""Render resources/icons/app.svg to the icon files the bundles need.

Usage: python packaging/make_icons.py OUT_DIR
Writes hicolor PNGs (OUT_DIR/hicolor/<n>x<n>/apps/article-editor.png), article-editor.png
(256 px), article-editor.ico (Windows) and article-editor.icns (macOS). Uses Qt's SVG
renderer and Pillow; both install with pip.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(svg: Path, size: int, target: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target)):
        raise SystemExit(f"could not write {target}")


def main() -> None:
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    out = Path(sys.argv[1])
    app = QGuiApplication.instance() or QGuiApplication([])
    svg = ROOT / "resources" / "icons" / "app.svg"
    pngs = {}
    for size in SIZES:
        target = out / "hicolor" / f"{size}x{size}" / "apps" / "article-editor.png"
        render(svg, size, target)
        pngs[size] = target
    (out / "hicolor" / "scalable" / "apps").mkdir(parents=True, exist_ok=True)
    (out / "hicolor" / "scalable" / "apps" / "article-editor.svg").write_bytes(svg.read_bytes())
    (out / "article-editor.png").write_bytes(pngs[256].read_bytes())
    big = Image.open(pngs[512])
    big.save(out / "article-editor.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    big.save(out / "article-editor.icns")
    del app
    print(f"icons written to {out}")


if __name__ == "__main__":
    main()
