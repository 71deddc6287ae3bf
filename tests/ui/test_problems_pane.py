"""The Problems pane driven as a writer does: order, kinds with counts, toggles, labels, size."""

from __future__ import annotations

import random
from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from editor.core.checks.folder_checks import CODES, ERROR, Problem, Report, check_folder
from editor.core.index.catalog import Catalog
from editor.ui.main_window import MainWindow
from editor.ui.panes.problems_pane import FIELD_COLUMN, MESSAGE_COLUMN, ProblemsPane
from tests.ui.helpers import MITO, SLEEP, pick, replace_text

KEYS = {"related-broken": "related_article2", "seo-description-length": "seo.page_description",
        "seo-title-length": "seo.title", "missing-field": "date", "url-mismatch": "url",
        "related-stale": "related_article4", "duplicate-id": "id"}
WORDS = {"related_article2": "Related 2", "seo.page_description": "SEO description",
         "seo.title": "SEO title", "date": "Date", "url": "URL", "related_article4": "Related 4",
         "id": "Article id"}


def problem(file: str, line: int | None, code: str, key: str | None = None) -> Problem:
    key = key if key is not None else KEYS.get(code)
    words = WORDS.get(key or "", "The file")
    return Problem(file, line, code, CODES[code], f"{key}: something about {code}", key,
                   f"{words}: something about {code}")


def generated_report(n: int = 51_000, files: int = 12_000, seed: int = 4) -> Report:
    """A folder's worth of problems: mostly related-broken and long descriptions, as on the
    real folder, in the order the folder check makes them (by file)."""
    rng = random.Random(seed)
    weights = {"related-broken": 45, "seo-description-length": 30, "related-duplicate": 6,
               "related-stale": 5, "seo-title-length": 3, "duplicate-id": 2, "url-mismatch": 3,
               "title-mismatch": 2, "missing-field": 1, "file-name-mismatch": 1,
               "parse-error": 1, "related-self": 1}
    codes = rng.choices(list(weights), list(weights.values()), k=n)
    out = [problem(f"content/learn/subject-{i % 40}/article-{i:05d}.md", rng.randint(2, 60), code)
           for i, code in sorted(zip((rng.randrange(files) for _ in range(n)), codes,
                                     strict=True))]
    return Report(articles=files, files=files + 5, problems=out)


def shown(pane: ProblemsPane, column: int) -> list[str]:
    model = pane.view.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def small_report() -> Report:
    return Report(articles=3, files=3, problems=[
        problem("a.md", 40, "seo-description-length"),
        problem("a.md", 31, "related-broken"),
        problem("b.md", None, "missing-field"),
        problem("b.md", 7, "url-mismatch"),
        problem("c.md", 12, "related-broken"),
        problem("a.md", 3, "related-broken"),
    ])


def test_errors_first_then_by_file_and_line(qtbot) -> None:
    pane = ProblemsPane()
    qtbot.addWidget(pane)
    pane.set_report(small_report())
    order = [(p.severity, p.file, p.line) for p in pane.model.rows]
    assert order == [(ERROR, "a.md", 3), (ERROR, "a.md", 31), (ERROR, "b.md", None),
                     (ERROR, "c.md", 12), ("warning", "a.md", 40), ("warning", "b.md", 7)]
    assert shown(pane, 0)[:4] == ["Error"] * 4 and shown(pane, 0)[4:] == ["Warning"] * 2


def test_kind_box_lists_kinds_that_occur_with_counts(qtbot) -> None:
    pane = ProblemsPane()
    qtbot.addWidget(pane)
    report = generated_report()
    counts = Counter(p.code for p in report.problems)
    pane.set_report(report)
    items = [pane.code_box.itemText(i) for i in range(pane.code_box.count())]
    assert items[0] == f"All problems ({len(report.problems):,})"
    assert f"related-broken ({counts['related-broken']:,})" in items
    assert len(items) == 1 + len(counts)  # only kinds that occur: no "not-utf8 (0)"
    assert not any(item.startswith("not-utf8") for item in items)
    errors = sum(p.severity == ERROR for p in report.problems)
    summary = pane.summary.text()
    assert summary.startswith(f"{errors:,} errors, {len(report.problems) - errors:,} warnings")
    # Choose a kind from the box with the keyboard, as a writer does.
    pane.code_box.setFocus()
    target = items.index(next(i for i in items if i.startswith("related-stale")))
    while pane.code_box.currentIndex() < target:
        qtbot.keyClick(pane.code_box, Qt.Key.Key_Down)
    assert {p.code for p in pane.model.rows} == {"related-stale"}
    assert len(pane.model.rows) == counts["related-stale"]
    assert summary in pane.summary.text() and "showing" in pane.summary.text()


def test_kind_being_shown_stays_listed_when_fixed(qtbot) -> None:
    pane = ProblemsPane()
    qtbot.addWidget(pane)
    pane.set_report(small_report())
    pane.code_box.setCurrentIndex(pane.code_box.findData("url-mismatch"))
    fixed = small_report()
    fixed.problems = [p for p in fixed.problems if p.code != "url-mismatch"]
    pane.set_report(fixed)
    assert pane.code_box.currentText() == "url-mismatch (0)" and pane.model.rows == []


def test_this_article_only_and_errors_only(qtbot) -> None:
    pane = ProblemsPane()
    qtbot.addWidget(pane)
    pane.show()
    pane.set_report(small_report())
    assert not pane.article_only.isEnabled()  # no article open
    pane.set_current_article("a.md")
    qtbot.mouseClick(pane.article_only, Qt.MouseButton.LeftButton)
    assert pane.article_only.isChecked()
    assert [(p.file, p.line) for p in pane.model.rows] == [("a.md", 3), ("a.md", 31),
                                                           ("a.md", 40)]
    pane.set_current_article("b.md")  # another article opened: the list follows it
    assert [(p.file, p.line) for p in pane.model.rows] == [("b.md", None), ("b.md", 7)]
    qtbot.mouseClick(pane.errors_only, Qt.MouseButton.LeftButton)
    assert [(p.file, p.code) for p in pane.model.rows] == [("b.md", "missing-field")]
    qtbot.mouseClick(pane.article_only, Qt.MouseButton.LeftButton)
    assert [p.file for p in pane.model.rows] == ["a.md", "a.md", "b.md", "c.md"]
    assert all(p.severity == ERROR for p in pane.model.rows)


def test_field_and_message_in_plain_words(qtbot) -> None:
    pane = ProblemsPane()
    qtbot.addWidget(pane)
    pane.set_report(small_report())
    header = pane.view.model().headerData
    assert header(FIELD_COLUMN, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == "Field"
    fields = shown(pane, FIELD_COLUMN)
    assert fields == ["Related 2", "Related 2", "Date", "Related 2", "SEO description", "URL"]
    for message in shown(pane, MESSAGE_COLUMN):
        assert "related_article" not in message and "seo." not in message
    # The text filter matches what is shown: the label, not the key.
    qtbot.keyClicks(pane.filter_box, "seo description")
    assert [p.code for p in pane.model.rows] == ["seo-description-length"]


def test_refiltering_51000_problems(qtbot) -> None:
    """Every filter over 51,000 problems gives the right rows (benchmarks time them)."""
    pane = ProblemsPane()
    qtbot.addWidget(pane)
    pane.resize(1200, 300)
    pane.show()
    report = generated_report()
    pane.set_report(report)
    assert len(pane.model.rows) == 51_000
    qtbot.keyClicks(pane.filter_box, "subject-1")
    assert 0 < len(pane.model.rows) < 51_000
    qtbot.mouseClick(pane.errors_only, Qt.MouseButton.LeftButton)
    pane.code_box.setCurrentIndex(pane.code_box.findData("related-broken"))
    pane.filter_box.clear()
    pane.code_box.setCurrentIndex(0)
    qtbot.mouseClick(pane.errors_only, Qt.MouseButton.LeftButton)
    assert len(pane.model.rows) == 51_000
    pane.set_current_article(report.problems[100].file)
    qtbot.mouseClick(pane.article_only, Qt.MouseButton.LeftButton)
    assert {p.file for p in pane.model.rows} == {report.problems[100].file}


def test_pane_shrinks_to_its_header_row(qtbot) -> None:
    pane = ProblemsPane()
    qtbot.addWidget(pane)
    pane.set_report(small_report())
    header = max(w.sizeHint().height() for w in (pane.summary, pane.article_only,
                                                  pane.errors_only, pane.code_box,
                                                  pane.filter_box))
    assert pane.minimumSizeHint().height() <= header + 8


def test_dock_shrinks_on_a_small_screen(qtbot, window: MainWindow) -> None:
    window.resize(1280, 720)
    dock = window.parts.problems_dock
    window.resizeDocks([dock], [1], Qt.Orientation.Vertical)
    qtbot.waitUntil(lambda: dock.height() < 90)
    assert window.problems.filter_box.isVisible()


def test_window_tells_the_pane_which_article_is_open(qtbot, window: MainWindow) -> None:
    pick(qtbot, window, MITO)
    qtbot.waitUntil(lambda: window.problems.article_only.isEnabled())
    assert window.problems.current_article == MITO


def test_a_saves_few_files_are_sorted_into_place_as_a_whole_report_would_be(qtbot) -> None:
    from dataclasses import replace

    before = generated_report(n=6_000, files=1_500)
    files = sorted({p.file for p in before.problems})
    rng = random.Random(7)
    changed = frozenset([*rng.sample(files, 5), "content/learn/new/arrived.md"])
    after = [p for p in before.problems if p.file not in changed]
    for name in sorted(changed)[:4]:  # some files get new problems, the others lose theirs
        after += [problem(name, 3, "parse-error"), problem(name, 9, "url-mismatch"),
                  problem(name, 9, "related-broken"), problem(name, None, "missing-field")]
    after.sort(key=lambda p: p.file)
    for pane_filter in ("", "url"):
        whole, updated = ProblemsPane(), ProblemsPane()
        qtbot.addWidget(whole)
        qtbot.addWidget(updated)
        for pane in (whole, updated):
            pane.filter_box.setText(pane_filter)
        updated.set_report(before)
        updated.set_report(replace(before, problems=after, changed=changed))
        whole.set_report(replace(before, problems=after))
        assert updated.model.rows == whole.model.rows
        assert updated.model._all == whole.model._all
        assert updated.summary.text() == whole.summary.text()


def test_a_saved_duplicate_id_marks_both_articles_at_once(qtbot, window: MainWindow) -> None:
    pick(qtbot, window, MITO)
    before = window.problems.model.error_count
    replace_text(window.findChild(QLineEdit, "field:id"), "81003")  # the sleep article's id
    with qtbot.waitSignal(window.folder_ctl.problemsChanged, timeout=20_000) as got:
        assert window.save()
    changed = got.args[0].changed  # the two, and the articles whose slots name either id
    assert changed is not None and {MITO, SLEEP} <= changed and len(changed) < 14
    entries = window.folder_ctl.entries()
    whole = check_folder(dict(entries), Catalog(entries.values()))  # checked afresh
    fresh = ProblemsPane()
    qtbot.addWidget(fresh)
    fresh.set_report(whole)
    assert window.problems.model._all == fresh.model._all
    assert window.problems.model.error_count > before  # the duplicate id, the links to 83002
    assert {MITO, SLEEP} <= window.tree.model.problems  # both red in the tree
