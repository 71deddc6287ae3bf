"""Related-article slots in the real window: what the picker offers, how it shows it, where
slots are written, what clearing one does, and how the keyboard moves through a slot."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QLineEdit, QToolButton, QWidget

from editor.core.document import derive
from editor.ui.main_window import MainWindow
from editor.ui.panes.related_picker import PathRole, RelatedPicker
from tests.ui.helpers import SLEEP, diff_lines, pick

LEARN = "content/learn"
LONG = ("What are the most reliable early indicators that a long coaching relationship between a "
        "manager and a new employee is working well for both of them?")


def rel_path(subject: str, question: str) -> str:
    return f"{LEARN}/{derive.subject_slug(subject)}/{derive.file_name(question)}"


def slot_lines(n: int, ident: int, subject: str, question: str) -> str:
    return (f"related_article{n}:\n    id: {ident}\n    title: >-\n        {question}\n"
            f"    subject: {subject}\n    url: {derive.url(subject, question)}\n")


def article(ident: int, subject: str, question: str, slots: dict[int, tuple]) -> str:
    """An article in the site's format; ``slots`` maps a slot number to (id, subject, title)."""
    head = (
        f"---\n_schema: default\nid: {ident}\ndate: 2025-04-01\ntitle: >-\n    {question}\n"
        f"article_title: >-\n    {question}\ndate_format: MMM DD, YYYY\npost_on_text: Posted on\n"
        f"seo:\n  title: QuickTakes | {subject}\n  page_description: >-\n    About {question}\n"
        f"  page_keywords: >-\n    habits, memory\nauthor: QuickTakes\nquestion: >-\n"
        f"    {question}\nanswer: >-\n    An answer.\\n\\nWith two paragraphs.\n"
        f"subject: {subject}\nfile_name: {derive.file_name(question)}\n"
        f"url: {derive.url(subject, question)}\nscore: -1.0\n"
    )
    body = "".join(slot_lines(n, *slots[n]) for n in sorted(slots))
    return head + body + "---\n\n&nbsp;"


def write(folder: Path, subject: str, question: str, text: str, name: str | None = None) -> str:
    rel = rel_path(subject, question) if name is None else f"{LEARN}/{name}"
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return rel


SPACED = (81001, "Psychology", "Why does spaced repetition help people remember facts longer?")
MOTIVATION = (81002, "Psychology",
              "What is the difference between intrinsic and extrinsic motivation?")
MITO = (83002, "Biology", "What role do mitochondria play in a cell?")
THREADS = (82001, "Computer Science", "What is the difference between a process and a thread?")
HABITS_Q = "How do habits form in the brain?"
GAPPY_Q = "Why do people procrastinate on important tasks?"
MEMORY_Q = "What is memory?"


@pytest.fixture
def site(sample_copy: Path) -> dict[str, str]:
    """Our own articles beside the sample's, written before the window opens the folder."""
    return {
        "habits": write(sample_copy, "Psychology", HABITS_Q, article(
            81010, "Psychology", HABITS_Q, {1: SPACED, 2: MOTIVATION, 3: MITO, 4: THREADS})),
        "gappy": write(sample_copy, "Psychology", GAPPY_Q, article(
            81011, "Psychology", GAPPY_Q, {1: SPACED, 3: MITO})),
        "memory_psy": write(sample_copy, "Psychology", MEMORY_Q, article(
            81012, "Psychology", MEMORY_Q, {})),
        "memory_bio": write(sample_copy, "Biology", MEMORY_Q, article(
            83010, "Biology", MEMORY_Q, {})),
        "memory_copy": write(sample_copy, "Psychology", MEMORY_Q, article(
            81012, "Psychology", MEMORY_Q, {}), name="psychology/what-is-memory-copy.md"),
        "long": write(sample_copy, "Education Studies", LONG, article(
            84010, "Education Studies", LONG, {})),
        "same_id_as_sleep": write(sample_copy, "Biology", "How do neurons fire?", article(
            81003, "Biology", "How do neurons fire?", {})),
    }


def ready(qtbot, window: MainWindow) -> None:
    """The catalog is in and can suggest (it does once the folder is shown)."""
    qtbot.waitUntil(lambda: window.form.related.catalog is not None
                    and window.form.related.catalog.suggestions_ready, timeout=10_000)


def picker(window: MainWindow, n: int) -> RelatedPicker:
    return window.findChild(RelatedPicker, f"related:{n}")


def type_search(qtbot, window: MainWindow, n: int, text: str) -> list[str]:
    """Type into slot n's picker as a writer does; the labels its popup shows."""
    line = picker(window, n).lineEdit()
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)
    model = picker(window, n).completer_.completionModel()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def choose_result(window: MainWindow, n: int, row: int) -> None:
    completer = picker(window, n).completer_
    completer.activated[QModelIndex].emit(completer.completionModel().index(row, 0))


def suggestion_labels(window: MainWindow, n: int) -> list[str]:
    p = picker(window, n)
    return [p.itemText(i) for i in range(p.count())]


# -- 1. the open article is never offered ----------------------------------------------------

def test_search_never_offers_the_open_article(qtbot, site, window: MainWindow) -> None:
    ready(qtbot, window)
    pick(qtbot, window, SLEEP)
    assert type_search(qtbot, window, 3, "emotional regulation") == []
    labels = type_search(qtbot, window, 3, "81003")
    assert not any("#81003)" in label for label in labels)  # itself, nor its id's twin
    assert any("Why does spaced" in label for label in type_search(qtbot, window, 3, "spaced"))


def test_suggestions_never_offer_the_open_article(qtbot, site, window: MainWindow) -> None:
    """Also when the catalog arrives after the article was opened and its id was edited."""
    ready(qtbot, window)
    catalog = window.form.related.catalog
    window.form.related.set_catalog(None)  # as while the folder is still being indexed
    pick(qtbot, window, site["habits"])
    id_field = window.findChild(QLineEdit, "field:id")
    id_field.setFocus()
    id_field.selectAll()
    qtbot.keyClicks(id_field, "81999")
    window.form.related.set_catalog(catalog)
    labels = suggestion_labels(window, 5)
    assert labels
    assert not any(HABITS_Q in label for label in labels)


# -- 2. look-alike titles are told apart -----------------------------------------------------

def test_duplicate_titles_show_subject_id_and_full_text(qtbot, site, window: MainWindow) -> None:
    ready(qtbot, window)
    pick(qtbot, window, SLEEP)
    labels = type_search(qtbot, window, 3, "what is memory")
    assert sorted(labels) == sorted([
        f"{MEMORY_Q} — Biology (#83010)",
        f"{MEMORY_Q} — Psychology (#81012) · {site['memory_copy']}",
        f"{MEMORY_Q} — Psychology (#81012) · {site['memory_psy']}",
    ])
    model = picker(window, 3).completer_.completionModel()
    assert [model.index(r, 0).data(Qt.ItemDataRole.ToolTipRole)
            for r in range(model.rowCount())] == labels
    results = picker(window, 3)._results_model
    assert [results.index(r, 0).data(PathRole) for r in range(results.rowCount())] == [
        e.path for e in picker(window, 3)._results]
    # Its rows live in Qt: painting the popup never calls into Python for a row's roles.
    assert type(results).data is QStandardItemModel.data


def test_popup_is_as_wide_as_its_longest_item(qtbot, site, window: MainWindow) -> None:
    ready(qtbot, window)
    pick(qtbot, window, SLEEP)
    p = picker(window, 3)
    labels = type_search(qtbot, window, 3, "coaching relationship")
    assert labels == [f"{LONG} — Education Studies (#84010)"]
    popup = p.completer_.popup()
    qtbot.waitUntil(popup.isVisible)
    needed = popup.fontMetrics().horizontalAdvance(labels[0])
    screen = p.screen().availableGeometry().width()
    assert popup.width() >= min(needed, screen - 60) and popup.width() > p.width()
    choose_result(window, 3, 0)
    assert p.lineEdit().text() == labels[0]
    assert p.lineEdit().cursorPosition() == 0
    assert p.lineEdit().toolTip() == labels[0]
    # the suggestions list (the arrow) is as wide as its longest item too
    pick(qtbot, window, site["memory_psy"])
    p = picker(window, 1)
    texts = suggestion_labels(window, 1)
    assert texts and all(t.startswith("Suggested: ") for t in texts)
    widest = max(p.view().fontMetrics().horizontalAdvance(t) for t in texts)
    p.showPopup()
    qtbot.waitUntil(p.view().isVisible)
    assert p.view().width() >= min(widest, screen - 60) and p.view().width() > p.width()
    p.hidePopup()
    assert p.itemData(0, Qt.ItemDataRole.ToolTipRole) == texts[0].removeprefix("Suggested: ")


# -- 3. a new slot is written in slot order --------------------------------------------------

def test_slot_two_is_written_between_one_and_three(qtbot, site, window: MainWindow,
                                                   sample_copy: Path) -> None:
    ready(qtbot, window)
    pick(qtbot, window, site["gappy"])
    before = (sample_copy / site["gappy"]).read_text()
    labels = type_search(qtbot, window, 2, "intrinsic extrinsic")
    assert len(labels) == 1
    choose_result(window, 2, 0)
    assert window.save()
    after = (sample_copy / site["gappy"]).read_text()
    assert after == before.replace("related_article3:\n",
                                   slot_lines(2, *MOTIVATION) + "related_article3:\n")


# -- 4. clearing a slot moves the later ones up ----------------------------------------------

def test_clearing_slot_two_moves_later_slots_up(qtbot, site, window: MainWindow,
                                                sample_copy: Path) -> None:
    ready(qtbot, window)
    pick(qtbot, window, site["habits"])
    before = (sample_copy / site["habits"]).read_text()
    window.findChild(QToolButton, "related-clear:2").click()
    assert window.findChild(QLineEdit, "field:related_article2.id").text() == "83002"
    assert window.findChild(QLineEdit, "field:related_article4.id").text() == ""
    assert window.save()
    after = (sample_copy / site["habits"]).read_text()
    # Slot 2 takes slot 3's values and slot 3 takes slot 4's, each in its own lines; slot 4's
    # lines go. With slots written alike that is, byte for byte, slot 2's lines removed and
    # the later keys renumbered, which is the diff git shows.
    assert diff_lines(before, after) == [
        "-    id: 81002\n",
        "-    title: >-\n",
        "-        What is the difference between intrinsic and extrinsic motivation?\n",
        "-    subject: Psychology\n",
        "-    url: /learn/psychology/questions/what-is-the-difference-between-intrinsic-and-"
        "extrinsic-motivation\n",
        "-related_article3:\n",
        "-related_article4:\n",
        "+related_article3:\n",
    ]
    assert after == before.replace(slot_lines(2, *MOTIVATION), "").replace(
        "related_article3:", "related_article2:").replace("related_article4:",
                                                          "related_article3:")


def test_clearing_the_last_slot_removes_only_its_lines(qtbot, site, window: MainWindow,
                                                       sample_copy: Path) -> None:
    ready(qtbot, window)
    pick(qtbot, window, site["habits"])
    before = (sample_copy / site["habits"]).read_text()
    window.findChild(QToolButton, "related-clear:4").click()
    assert window.save()
    assert (sample_copy / site["habits"]).read_text() == before.replace(
        slot_lines(4, *THREADS), "")


# -- 5. keyboard: two tab stops a slot -------------------------------------------------------

def tab_until(qtbot, window: MainWindow, start: QWidget, goal: QWidget) -> list[QWidget]:
    """Press Tab from ``start`` until ``goal`` (or a widget inside it) has the focus."""
    window.activateWindow()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    seen: list[QWidget] = []
    for _ in range(20):
        focused = QApplication.focusWidget()
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        seen.append(now)
        if now is goal or goal.isAncestorOf(now):
            return seen
    raise AssertionError(f"Tab never reached {goal.objectName()}: {seen}")


def test_a_slot_costs_two_tab_stops(qtbot, site, window: MainWindow) -> None:
    ready(qtbot, window)
    pick(qtbot, window, site["habits"])
    second, third = picker(window, 2), picker(window, 3)
    stops = tab_until(qtbot, window, second.lineEdit(), third)
    assert len(stops) == 2  # the Details switch, then the next slot's picker
    details = window.findChild(QToolButton, "related-details:2")
    assert stops[0] is details
    for name in ("clear", "open", "refresh"):
        button = window.findChild(QToolButton, f"related-{name}:2")
        assert button.focusPolicy() == Qt.FocusPolicy.NoFocus
        assert "Ctrl+" in button.toolTip()
    # Space on Details shows the id, title, subject and url; Tab then goes through them
    qtbot.keyClick(details, Qt.Key.Key_Space)
    id_field = window.findChild(QLineEdit, "field:related_article2.id")
    assert id_field.isVisible()
    stops = tab_until(qtbot, window, details, third)
    assert [w.objectName() for w in stops] == [
        *[f"field:related_article2.{k}" for k in ("id", "title", "subject", "url")],
        third.lineEdit().objectName() if stops[-1] is third.lineEdit() else "related:3"]


def test_slot_shortcuts_work_from_the_picker(qtbot, site, window: MainWindow,
                                             sample_copy: Path) -> None:
    ready(qtbot, window)
    pick(qtbot, window, site["habits"])
    line = picker(window, 4).lineEdit()
    window.activateWindow()
    line.setFocus()
    qtbot.waitUntil(line.hasFocus)
    qtbot.keyClick(line, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert window.findChild(QLineEdit, "field:related_article4.id").isVisible()
    qtbot.keyClick(line, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert window.findChild(QLineEdit, "field:related_article4.id").text() == ""
    assert picker(window, 4).lineEdit().text() == ""
    line = picker(window, 1).lineEdit()
    line.setFocus()
    qtbot.waitUntil(line.hasFocus)
    qtbot.keyClick(line, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.current_rel is not None
                    and window.current_rel.endswith(derive.file_name(SPACED[2])))


# -- 6. long text shows its beginning --------------------------------------------------------

def test_pickers_and_slot_fields_show_the_start_of_their_text(qtbot, site,
                                                              window: MainWindow) -> None:
    ready(qtbot, window)
    window.form.resize(420, window.form.height())
    pick(qtbot, window, site["habits"])
    for n in range(1, 5):
        line = picker(window, n).lineEdit()
        assert line.text() and line.cursorPosition() == 0, n
        for key in ("title", "url"):
            field = window.findChild(QLineEdit, f"field:related_article{n}.{key}")
            assert field.cursorPosition() == 0, (n, key)
    labels = type_search(qtbot, window, 5, "coaching relationship")
    choose_result(window, 5, 0)
    assert picker(window, 5).lineEdit().cursorPosition() == 0
    assert picker(window, 5).lineEdit().text() == labels[0]


def test_moved_values_keep_each_slots_own_style(qtbot, site, window: MainWindow,
                                                sample_copy: Path) -> None:
    """Values move up; the lines they land in keep their slot's quoting and folding."""
    path = sample_copy / site["habits"]
    folded = f"    title: >-\n        {MITO[2]}\n"
    path.write_text(path.read_text().replace(folded, f"    title: {MITO[2]}\n"))
    window.open_folder(sample_copy)
    ready(qtbot, window)
    pick(qtbot, window, site["habits"])
    before = path.read_text()
    window.findChild(QToolButton, "related-clear:2").click()
    assert window.save()
    after = path.read_text()
    plain_threads = slot_lines(3, *THREADS).replace(
        f"    title: >-\n        {THREADS[2]}\n", f"    title: {THREADS[2]}\n")
    assert after == (before.split("related_article2:\n")[0] + slot_lines(2, *MITO)
                     + plain_threads + "---\n\n&nbsp;")


def test_a_problem_on_a_slot_field_opens_its_details(qtbot, site, window: MainWindow) -> None:
    ready(qtbot, window)
    pick(qtbot, window, site["habits"])
    window.activateWindow()
    url = window.findChild(QLineEdit, "field:related_article3.url")
    assert not url.isVisible()
    window.form.focus_field("related_article3.url")
    assert url.isVisible()
    qtbot.waitUntil(url.hasFocus)


def test_escape_or_leaving_a_search_puts_the_slot_back(qtbot, site, window: MainWindow) -> None:
    ready(qtbot, window)
    pick(qtbot, window, site["habits"])
    window.activateWindow()
    p = picker(window, 1)
    shown = p.lineEdit().text()
    assert type_search(qtbot, window, 1, "mitochondria")
    popup = p.completer_.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Escape)  # the first closes the popup
    assert not popup.isVisible() and p.lineEdit().text() == "mitochondria"
    qtbot.keyClick(p.lineEdit(), Qt.Key.Key_Escape)  # the second puts the slot back
    assert p.lineEdit().text() == shown and p.lineEdit().cursorPosition() == 0
    type_search(qtbot, window, 1, "mitochondria")
    p.completer_.popup().hide()
    picker(window, 2).lineEdit().setFocus()
    qtbot.waitUntil(lambda: p.lineEdit().text() == shown)
    assert not window.isWindowModified()
