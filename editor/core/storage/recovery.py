"""The recovery journal: unsaved edits kept on disk until they are saved or discarded.

One JSON file per article in the user data folder's ``recovery/``, holding the article's path,
the fingerprint of the file the edits started from, and the full text the article would have
if saved now. Written atomically, so a crash mid-write leaves the previous journal entry.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

from editor.core.storage.appdirs import data_dir
from editor.core.storage.safe_io import atomic_write


@dataclass
class RecoveredEdit:
    path: Path
    text: str
    base_sha256: str
    saved_at: float
    journal_file: Path

    def disk_text(self) -> str | None:
        try:
            return self.path.read_bytes().decode("utf-8", errors="replace")
        except OSError:
            return None

    def diff(self) -> str:
        """What the recovered text changes in the file as it is on disk now."""
        disk = self.disk_text()
        return "".join(difflib.unified_diff(
            (disk or "").splitlines(True), self.text.splitlines(True),
            "on disk" if disk is not None else "(file missing)", "your unsaved edits", n=1))


class RecoveryJournal:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or data_dir() / "recovery"

    def _file_for(self, path: Path) -> Path:
        digest = hashlib.sha1(str(Path(path).resolve()).encode()).hexdigest()[:20]
        return self.folder / f"{digest}.json"

    def record(self, path: Path, text: str, base_sha256: str) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self._file_for(path)
        entry = {"path": str(Path(path).resolve()), "text": text,
                 "base_sha256": base_sha256, "saved_at": time.time()}
        atomic_write(target, json.dumps(entry, ensure_ascii=False).encode("utf-8"))
        return target

    def discard(self, path: Path) -> None:
        self._file_for(path).unlink(missing_ok=True)

    def entries(self) -> list[RecoveredEdit]:
        found: list[RecoveredEdit] = []
        if not self.folder.is_dir():
            return found
        for file in sorted(self.folder.glob("*.json")):
            try:
                raw = json.loads(file.read_text("utf-8"))
                found.append(RecoveredEdit(Path(raw["path"]), raw["text"], raw["base_sha256"],
                                           float(raw["saved_at"]), file))
            except (OSError, ValueError, KeyError, TypeError):
                continue  # an unreadable entry is left where it is for a person to look at
        return found
