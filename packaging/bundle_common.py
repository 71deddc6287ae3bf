"""What every bundle (Linux, Windows, macOS) ships and leaves out; read by the .spec files."""

from __future__ import annotations

from pathlib import Path

#: Qt modules the editor imports: QtCore, QtGui, QtWidgets, plus QtSvg for the icon and the
#: preview's formulas.
#: Everything else PySide6-Essentials ships is left out of the bundle.
EXCLUDES = [
    # ssl and _hashlib bring OpenSSL (5.4 MB): git does the network, hashlib has its own
    # sha1 and blake2
    "ssl", "_ssl", "_hashlib",
    "tkinter", "PIL", "unittest", "pydoc", "doctest", "test", "lib2to3", "xmlrpc",
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2", "PySide6.QtQuick3D", "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets", "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtXml",
    "PySide6.QtDBus", "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtPrintSupport",
    "PySide6.QtConcurrent", "PySide6.QtDesigner", "PySide6.QtHelp", "PySide6.QtUiTools",
    "PySide6.QtStateMachine", "PySide6.QtSvgWidgets", "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets",
    "PySide6.QtCharts", "PySide6.QtDataVisualization", "PySide6.Qt3DCore",
]
HIDDEN = ["PySide6.QtSvg", "yaml._yaml", "ziamath.fonts", "ziafont.fonts"]

#: Shared libraries, plugins and translations of Qt parts we do not use (matched as
#: substrings of the bundled path). The xcb, wayland and offscreen platforms, the SVG icon
#: and image plugins and the platform themes stay.
_DROP = (
    "Qt6Quick", "Qt6Qml", "Qt6Pdf", "Qt6Network", "Qt6OpenGL", "Qt6VirtualKeyboard",
    "Qt6Sql", "Qt6Test", "Qt6Xml", "Qt6Designer", "Qt6Help", "Qt6ShaderTools",
    "Qt6Concurrent", "Qt6Multimedia", "Qt6SpatialAudio", "Qt6Charts", "Qt63D",
    "qmltooling", "/qml/", "\\qml\\", "sqldrivers", "virtualkeyboard", "platforminputcontexts",
    "networkinformation", "tls/", "tls\\", "/translations/", "\\translations\\",
    "libqpdf", "qpdf.", "QtQuick", "QtQml", "opengl32sw",
    # plugins for embedded screens, input devices and image formats an editor never opens
    "egldeviceintegrations", "plugins/generic", "EglFs", "qeglfs", "qlinuxfb", "qminimalegl",
    "qvkkhrdisplay", "qvnc", "qtiff", "qtga", "qwbmp",
    # the GTK theme plugin drags in GTK's own libraries; Qt's dialogs are used instead
    "qgtk3",
    # ...and, collected for that plugin though nothing bundled links to them, the libraries
    # GTK draws with, and Kerberos (10 MB on Debian 12)
    "libgtk-3", "libgdk-3", "libgdk_pixbuf", "libpango", "libcairo", "libpixman", "libatk-",
    "libatk-bridge", "libepoxy", "libthai", "libdatrie", "libfribidi", "libgraphite2",
    "libharfbuzz", "libkrb5", "libk5crypto", "libgssapi_krb5", "libcom_err", "libkeyutils",
)
_KEEP = ("Qt6OpenGL.so", "Qt6OpenGL.dll", "QtOpenGL.framework", "libQt6XcbQpa",
         "Qt6DBus", "libQt6WaylandClient", "Qt6WaylandClient")


def resource_datas(root: Path) -> list[tuple[str, str]]:
    """The top-level resources/ folder, as (source, destination) pairs."""
    res = root / "resources"
    return [
        (str(res / "schema"), "resources/schema"),
        (str(res / "icons"), "resources/icons"),
        (str(res / "preview.css"), "resources"),
        (str(res / "sample-content"), "resources/sample-content"),
    ]


def bundle_datas(root: Path) -> list[tuple[str, str]]:
    """Every data file the bundle ships (needs PyInstaller, which finds the packages' files)."""
    return [
        *resource_datas(root),
        # the preview's formulas: KaTeX's script, the fonts ziamath and ziafont draw with,
        # and the symbol table latex2mathml reads when ziamath imports it
        (str(root / "editor" / "core" / "render" / "katex"), "editor/core/render/katex"),
        *_package_files("ziamath", "fonts/*.ttf"),
        *_package_files("ziafont", "fonts/*.ttf"),
        *_package_files("latex2mathml", "*.txt"),
    ]


def _package_files(package: str, pattern: str) -> list[tuple[str, str]]:
    """Data files a package reads from its own folder."""
    from PyInstaller.utils.hooks import collect_data_files

    return collect_data_files(package, includes=[pattern])


def prune_qt(entries):
    """Drop the Qt files listed above from a TOC (keeping what the xcb platform links to)."""
    kept = []
    for entry in entries:
        name = entry[0].replace("\\", "/") + "|" + str(entry[1])
        if any(k in name for k in _KEEP) or not any(d in name for d in _DROP):
            kept.append(entry)
    return kept
