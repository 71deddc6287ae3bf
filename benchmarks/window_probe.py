"""The real window, measured in a process of its own (offscreen unless QT_QPA_PLATFORM says
otherwise): run by bench_window.py, which reads the JSON line each mode prints last.

  window_probe.py launch FOLDER LAUNCHED [--stalls]   launch (wall time LAUNCHED, taken before this
      process started) to the tree with titles and the Problems pane filled and painted, and
      the longest stall of the event loop after the window's first paint
  window_probe.py interact FOLDER SCRATCH  on a copy of FOLDER made in SCRATCH (FOLDER is
      never written): real key events to
      repaint in the tree filter, a related-article picker and a 3 KB answer; a field edited
      in the form and saved, to the folder's re-check; click to article shown; memory
  window_probe.py keys FOLDER SCRATCH  only the tree filter's keys and the answer's typing
      (as interact types them, on a copy)
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from benchmarks.realistic import rss_mb, settled_disk
from editor.app import make_app, start_window
from editor.ui.menus import ActionId

#: Time between two typed keys, as a quick typist types (the key's own time included).
PACE = 0.1
#: A key whose repaint takes longer than this is counted as never repainted.
NO_PAINT = 2.0
LAUNCH_LIMIT = 600
ANSWER_SIZE = 3000
ANSWER_KEYS = 200
TOP_KEY = re.compile(r"^[A-Za-z_][\w-]*:")


class Paints(QObject):
    """Counts paint events of one widget (a view's viewport, say); next_paint runs the event
    loop, idle as the app's is, until the next one has been painted."""

    def __init__(self, widget: QWidget, then=None) -> None:
        super().__init__(widget)
        self.count = 0
        self.then = then  # called once each paint is done
        self._loop: QEventLoop | None = None
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
            if self._loop is not None:
                QTimer.singleShot(0, self._loop.quit)  # runs once this paint is done
            if self.then is not None:
                QTimer.singleShot(0, self.then)
        return False

    def next_paint(self, since: int, limit: float) -> bool:
        """Wait (at most ``limit`` s) for a paint after the ``since``-th; whether one came."""
        if self.count > since:
            return True
        self._loop = loop = QEventLoop()
        QTimer.singleShot(round(limit * 1000), loop.quit)
        loop.exec()
        self._loop = None
        return self.count > since


def idle(seconds: float) -> None:
    """Run the event loop, idle as the app's is, for ``seconds``."""
    loop = QEventLoop()
    QTimer.singleShot(max(0, round(seconds * 1000)), loop.quit)
    loop.exec()


def wait_until(done, limit: float = 300.0) -> None:
    t0 = time.perf_counter()
    while not done():
        if time.perf_counter() - t0 > limit:
            raise TimeoutError("the window did not get there in time")
        idle(0.01)


def settle(window) -> None:
    """Until the folder has been quiet (no index or check running) for a second: a save's
    own file change is re-checked by the folder watch half a second after it."""
    while True:
        wait_until(lambda: not window.folder_ctl.busy)
        idle(1.0)
        if not window.folder_ctl.busy:
            return


def key_to_paint(widget: QWidget, key: str | Qt.Key, paints: Paints) -> float | None:
    """One real key press and release on ``widget``, to the end of ``paints``'s next paint;
    None when nothing was repainted."""
    before = paints.count
    t0 = time.perf_counter()
    QTest.keyClick(widget, key)
    if not paints.next_paint(before, NO_PAINT):
        return None
    seconds = time.perf_counter() - t0
    idle(max(0.0, PACE - seconds))
    return seconds


def ascii_keys(text: str, count: int) -> str:
    """The first ``count`` characters of ``text`` QTest can type (it types ASCII only)."""
    return "".join(c for c in text if c.isascii() and c.isprintable())[:count]


def typed_as(text: str, expected: str) -> None:
    if text != expected:
        raise RuntimeError(f"the keys typed {text[:80]!r}, not {expected[:80]!r}")


def typed(widget: QWidget, keys: list[str | Qt.Key], paints: Paints) -> list[float | None]:
    return [key_to_paint(widget, key, paints) for key in keys]


def summary(times: list[float | None], keys: list[str | Qt.Key] | None = None) -> dict:
    """Median and worst of the keys repainted; with ``keys``, the three slowest of them
    (the text typed so far, ``⌫`` for Backspace)."""
    painted = [t for t in times if t is not None]
    out = {"median": statistics.median(painted) if painted else None,
           "max": max(painted) if painted else None, "keys": len(times),
           "unpainted": len(times) - len(painted)}
    if keys is not None:
        typed_so_far, text = [], ""
        for key in keys:
            text = text[:-1] if key == Qt.Key.Key_Backspace else text + str(key)
            typed_so_far.append(text + ("⌫" if key == Qt.Key.Key_Backspace else ""))
        slow = sorted((t, typed_so_far[i]) for i, t in enumerate(times) if t is not None)
        out["slowest"] = [[label, round(t * 1e3, 1)] for t, label in slow[-3:][::-1]]
    return out


# -- launch ------------------------------------------------------------------------------
def launch(folder: Path, launched: float, stalls: bool) -> dict:
    """With ``stalls``, a 5 ms timer measures the event loop's stalls (it costs the index job
    a little: the warm runs go without it)."""
    make_app()
    window = start_window(str(folder))
    tree, problems = Paints(window.tree.view.viewport()), Paints(window.problems.view.viewport())
    first = Paints(window)
    marks: dict[str, float] = {}
    gaps: list[float] = []
    last = [0.0]

    def tick() -> None:
        now = time.perf_counter()
        if first.count and last[0]:
            gaps.append(now - last[0])
        last[0] = now if first.count else 0.0

    def on_problems(_report: object) -> None:
        if "ready" not in marks:
            marks["ready"] = time.time() - launched
            marks["paints"] = (tree.count, problems.count)

    window.folder_ctl.problemsChanged.connect(on_problems)
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    if stalls:
        timer.start()
    pane_shown = window.problems.view.viewport().isVisible()

    def shown() -> bool:
        if "ready" not in marks:
            return False
        tree_before, problems_before = marks["paints"]
        return tree.count > tree_before and (problems.count > problems_before or not pane_shown)

    loop = QEventLoop()

    def check() -> None:
        if shown():
            loop.quit()

    tree.then = problems.then = check
    QTimer.singleShot(LAUNCH_LIMIT * 1000, loop.quit)
    loop.exec()  # idle, as the app's: the index job gets the interpreter
    if not shown():
        raise TimeoutError(f"no titles and problems shown after {LAUNCH_LIMIT} s")
    done = time.time() - launched
    timer.stop()
    # The problems the last check kept may show before the index is done: count the tree.
    files = window.tree.model.visible_articles()
    return {"files": files, "ready": marks["ready"], "shown": done,
            "problems": window.problems.model.total, "rows": window.problems.model.rowCount(),
            "pane_shown": pane_shown, "stall": max(gaps) if gaps else None}


# -- interact ----------------------------------------------------------------------------
def copied(folder: Path, scratch: Path) -> Path:
    """A copy of ``folder`` to save into: the folder measured is never written (not even its
    files' link counts, as a copy of hard links would)."""
    target = scratch / folder.name
    shutil.copytree(folder, target, symlinks=True)
    settled_disk()
    return target


def opened(folder: Path, scratch: Path):
    """The window on a copy of ``folder``, indexed and quiet; the copy and its articles."""
    make_app()
    copy = copied(folder, scratch)
    window = start_window(str(copy))
    window.resize(1400, 900)
    wait_until(lambda: window.index is not None)
    settle(window)
    articles = sorted((e for e in window.index.articles()), key=lambda e: e.path)
    if not articles:
        raise RuntimeError(f"no articles in {folder}")
    return window, copy, articles


def filter_keys(window, articles: list) -> dict:
    """A title's first letters typed in the tree filter and taken back, then an id's."""
    middle = articles[len(articles) // 2]
    box, view = window.tree.filter_box, Paints(window.tree.view.viewport())
    box.setFocus()
    words = ascii_keys(middle.display_title, 12)
    keys = [*words, *[Qt.Key.Key_Backspace] * len(words), *ascii_keys(str(middle.id), 12),
            *[Qt.Key.Key_Backspace] * len(ascii_keys(str(middle.id), 12))]
    times = summary(typed(box, keys, view), keys)
    wait_until(lambda: not box.text())
    view.deleteLater()
    return times


def answer_keys(window) -> list[float | None]:
    """ANSWER_KEYS letters typed in the middle of the open answer."""
    editor = window.editor
    editor.setFocus()
    cursor = editor.textCursor()
    cursor.setPosition(len(editor.toPlainText()) // 2)
    editor.setTextCursor(cursor)
    sentence = " the cell stores energy as the river carries memory to the sea"
    letters = (sentence * (ANSWER_KEYS // len(sentence) + 1))[:ANSWER_KEYS]
    before = editor.toPlainText()
    paints = Paints(editor.viewport())
    times = typed(editor, [*letters], paints)
    after = editor.toPlainText()
    if letters not in after or len(after) != len(before) + len(letters):
        raise RuntimeError("the keys typed in the answer did not land as typed")
    paints.deleteLater()
    return times


def keys_only(folder: Path, scratch: Path) -> dict:
    """The filter's and the answer's keys only, as ``interact`` types them."""
    window, copy, articles = opened(folder, scratch)
    out: dict = {"filter": filter_keys(window, articles)}
    chars = open_answer(window, copy, articles)
    out["typing"] = summary(answer_keys(window))
    out["typing"]["answer_chars"] = chars
    return out


def interact(folder: Path, scratch: Path) -> dict:
    window, copy, articles = opened(folder, scratch)
    out: dict = {"files": len(window.index.entries)}
    middle = articles[len(articles) // 2]
    out["filter"] = filter_keys(window, articles)

    step = max(1, len(articles) // 10)
    out["click"] = [click_to_shown(window, e.path) for e in articles[::step]]

    target = next((e for e in articles if e.is_article and e.subject), middle)
    window.open_article(copy / target.path)
    wait_until(lambda: window.controller.document is not None)
    saves = [save_to_recheck(window, letter) for letter in "abc"]
    out["save"] = [write + update for write, update in saves]
    out["save_write"] = [write for write, _update in saves]
    out["save_update"] = [update for _write, update in saves]
    out["rss"], _peak = rss_mb()

    picker = window.form.related.rows[1].picker
    line, popup = picker.lineEdit(), picker.completer_.popup()
    line.setFocus()
    line.clear()
    other = articles[len(articles) // 3]
    prefix = ascii_keys(other.display_title, 10)
    title = typed(line, [*prefix], Paints(popup.viewport()))
    typed_as(line.text(), prefix)
    popup.hide()
    line.clear()
    ident = typed(line, [*ascii_keys(str(other.id), 12)], Paints(popup.viewport()))
    typed_as(line.text(), ascii_keys(str(other.id), 12))
    out["picker"] = summary(title + ident)
    popup.hide()
    line.clearFocus()

    answer = open_answer(window, copy, articles)
    out["typing"] = summary(answer_keys(window))
    out["typing"]["answer_chars"] = answer
    out["rss_end"], out["rss_peak"] = rss_mb()
    return out


def click_to_shown(window, rel: str) -> float:
    """Click in the tree to the article's form, editor and preview filled."""
    done: list[float] = []

    def rendered() -> None:
        done.append(time.perf_counter())

    window.preview.rendered.connect(rendered)
    t0 = time.perf_counter()
    index = window.tree.model.index_for_path(rel)
    window.tree.view.setCurrentIndex(index)
    window.tree.view.activated.emit(index)
    wait_until(lambda: done, 30)
    window.preview.rendered.disconnect(rendered)
    return done[0] - t0


def save_to_recheck(window, letter: str) -> tuple[float, float]:
    """One letter typed at the end of Author in the form, then Save, to the folder's checks
    re-run (the tree, catalog and problems are updated on that signal): the time to the file
    written (the splice, its verification, the fsync'd atomic write, the article marked
    saved) and from there to the tree, catalog and problems updated."""
    settle(window)
    field = window.form.findChild(QWidget, "field:author")
    field.setFocus()
    field.end(False)
    QTest.keyClick(field, letter)
    wait_until(lambda: window.controller.modified, 10)
    checked: list[float] = []
    written: list[float] = []

    def on_checked(_report: object) -> None:
        checked.append(time.perf_counter())

    def on_written(modified: bool) -> None:
        if not modified:
            written.append(time.perf_counter())

    window.folder_ctl.problemsChanged.connect(on_checked)
    window.controller.modifiedChanged.connect(on_written)
    t0 = time.perf_counter()
    window.menus[ActionId.SAVE].trigger()
    wait_until(lambda: checked, 120)
    window.folder_ctl.problemsChanged.disconnect(on_checked)
    window.controller.modifiedChanged.disconnect(on_written)
    if window.controller.modified or not written:
        raise RuntimeError("the save did not happen")
    settle(window)  # the folder watch's own re-check of the file saved
    return written[0] - t0, checked[0] - written[0]


def answer_length(path: Path) -> int:
    """About how long the answer is: its lines in the file, up to the next top-level key."""
    lines = path.read_text("utf-8", "replace").splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("answer:")), None)
    if start is None:
        return 0
    end = next((i for i in range(start + 1, len(lines)) if TOP_KEY.match(lines[i])),
               len(lines))
    return sum(len(line) for line in lines[start:end])


def open_answer(window, copy: Path, articles: list) -> int:
    """Open the article whose answer is nearest ANSWER_SIZE characters, to its preview
    shown (as a click is timed: the keys typed then time typing, not the opening); its
    length."""
    sizes = {e.path: answer_length(copy / e.path) for e in articles[:4000] if e.is_article}
    rel = min(sizes, key=lambda p: abs(sizes[p] - ANSWER_SIZE))
    shown: list[bool] = []

    def rendered() -> None:
        shown.append(True)

    window.preview.rendered.connect(rendered)
    window.open_article(copy / rel)
    wait_until(lambda: window.controller.document is not None and shown, 30)
    window.preview.rendered.disconnect(rendered)
    return len(window.editor.toPlainText())


if __name__ == "__main__":
    mode, where = sys.argv[1], Path(sys.argv[2])
    if mode == "launch":
        result = launch(where, float(sys.argv[3]), "--stalls" in sys.argv)
    elif mode == "keys":
        result = keys_only(where, Path(sys.argv[3]))
    else:
        result = interact(where, Path(sys.argv[3]))
    print(json.dumps(result), flush=True)
    os._exit(0)  # no teardown: the window holds unsaved typing, and it is not measured
