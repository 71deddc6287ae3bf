"""A hypothesis state machine over open / edit / external change / sync / save / reopen.

The real DocumentController works on a real file; another "program" edits the same file
between steps. A model tracks what the user typed and what is on disk. After every step the
window's document must show every edit the user made and has not explicitly given up with
"Take theirs", and the file must hold exactly what was saved or written by the other program.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from PySide6.QtWidgets import QApplication

from editor.core.document.article import ArticleDocument
from editor.core.storage.recovery import RecoveryJournal
from editor.core.storage.safe_io import atomic_write
from editor.ui.controllers.document import DocumentController
from tests.conftest import SAMPLE

ARTICLE = SAMPLE / "content/learn/psychology/how-does-sleep-affect-emotional-regulation.md"
FIELDS = ["author", "seo.title", "related_article1.title"]
ODD = ["Alpha", "beta: gamma", " spaced ", "#hash", "", "ünïcode ✓", "yes", "123",
       "line one\nline two", "it's \"quoted\""]
# Mostly a few plain values, so that both sides often touch the same field.
VALUES = st.sampled_from(["Mine", "Theirs", "Other"]) | st.sampled_from(ODD) | st.text(max_size=8)


class EditorAndDisk(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        QApplication.instance() or QApplication([])
        self.tmp = Path(tempfile.mkdtemp())
        self.path = self.tmp / ARTICLE.name
        shutil.copyfile(ARTICLE, self.path)
        self.controller = DocumentController(journal=RecoveryJournal(self.tmp / "recovery"))
        assert self.controller.open(self.path)
        self.base = {f: self.controller.document.get(f) for f in FIELDS}
        self.disk = dict(self.base)
        self.mine: dict[str, str] = {}
        self.gave_up: list[str] = []

    def teardown(self) -> None:
        self.controller.close()
        shutil.rmtree(self.tmp, ignore_errors=True)

    # -- what people do ------------------------------------------------------------------
    @rule(key=st.sampled_from(FIELDS), value=VALUES)
    def user_edits(self, key: str, value: str) -> None:
        self.controller.set_field(key, value)
        self.mine[key] = value

    @rule(key=st.sampled_from(FIELDS), value=VALUES)
    def other_program_edits(self, key: str, value: str) -> None:
        doc = ArticleDocument.load(self.path)
        doc.set(key, value)
        atomic_write(self.path, doc.to_bytes())
        self.disk[key] = value

    @rule(keep_mine=st.booleans())
    def window_notices_the_disk(self, keep_mine: bool) -> None:
        self.controller.check_disk()
        if self.controller.pending is not None:
            self.controller.resolve(keep_mine)
        self._model_sync(keep_mine)

    @rule()
    def user_saves(self) -> None:
        self.controller.check_disk()
        if self.controller.pending is not None:
            self.controller.resolve(keep_mine=True)
        self._model_sync(keep_mine=True)
        assert self.controller.save()
        self.disk = {f: self._shown(f) for f in FIELDS}
        self.base, self.mine = dict(self.disk), {}

    @precondition(lambda self: not self.mine)
    @rule()
    def user_reopens(self) -> None:
        self.controller.check_disk()
        self._model_sync(keep_mine=True)
        assert self.controller.open(self.path)

    # -- the model -----------------------------------------------------------------------
    def _model_sync(self, keep_mine: bool) -> None:
        for key in FIELDS:
            if key not in self.mine:
                continue
            mine, base, theirs = self.mine[key], self.base[key], self.disk[key]
            if mine == base:
                del self.mine[key]  # typed back to what it was: no edit left
            elif theirs not in (base, mine) and not keep_mine:
                del self.mine[key]
                self.gave_up.append(key)
        self.base = dict(self.disk)

    def _shown(self, key: str) -> str:
        return self.mine.get(key, self.base[key])

    # -- what must always hold -----------------------------------------------------------
    @invariant()
    def no_edit_is_lost(self) -> None:
        doc = self.controller.document
        for key in FIELDS:
            assert doc.get(key) == self._shown(key), key

    @invariant()
    def the_file_holds_what_was_written(self) -> None:
        on_disk = ArticleDocument.load(self.path)
        for key in FIELDS:
            assert on_disk.get(key) == self.disk[key], key


EditorAndDisk.TestCase.settings = settings(
    max_examples=150, stateful_step_count=16, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestEditorAndDisk = EditorAndDisk.TestCase
