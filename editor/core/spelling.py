"""Spell checking with pyspellchecker's English dictionary plus a personal word list."""

from __future__ import annotations

import gzip
import json
import re
import threading
from pathlib import Path

from editor.core.appdirs import config_dir

WORD_RE = re.compile(r"[A-Za-z][A-Za-z']*[A-Za-z]|[A-Za-z]")


def _english_words() -> dict[str, int]:
    """pyspellchecker's English word frequencies (one JSON entry a line), parsed in slices.

    One json.loads of the whole 2.7 MB list holds the interpreter lock for ~200 ms, which
    freezes the window while the dictionary loads in the background; slices of 8,000 lines
    take a few milliseconds each.
    """
    import spellchecker

    path = Path(spellchecker.__file__).parent / "resources" / "en.json.gz"
    lines = gzip.decompress(path.read_bytes()).decode("utf-8").strip().split("\n")
    if len(lines) < 3 or lines[0] != "{" or lines[-1] != "}":
        return json.loads("\n".join(lines))  # another layout: parse it in one go
    words: dict[str, int] = {}
    body = lines[1:-1]
    for start in range(0, len(body), 8_000):
        chunk = "\n".join(body[start : start + 8_000]).rstrip().rstrip(",")
        for word, count in json.loads("{" + chunk + "}").items():
            words[word.lower()] = words.get(word.lower(), 0) + count
    return words


class Speller:
    """Loads the dictionary once (about half a second) and caches verdicts per word."""

    def __init__(self, personal_path: Path | None = None) -> None:
        self._checker = None
        self._lock = threading.Lock()
        self._known: dict[str, bool] = {}
        self.personal_path = personal_path or config_dir() / "words.txt"
        self.personal: set[str] = set()
        if self.personal_path.exists():
            self.personal = {
                w.strip().lower() for w in self.personal_path.read_text("utf-8").split() if w
            }

    @property
    def ready(self) -> bool:
        return self._checker is not None

    def load(self) -> None:
        with self._lock:
            if self._checker is None:
                from spellchecker import SpellChecker

                checker = SpellChecker(language=None, distance=1)
                frequencies = checker.word_frequency
                frequencies._dictionary.update(_english_words())  # already lower-cased
                frequencies._update_dictionary()
                self._checker = checker

    def is_correct(self, word: str) -> bool:
        low = word.lower().strip("'")
        if not self.ready or len(low) < 2 or low in self.personal or word.isupper():
            return True  # acronyms (REM, ATP) are not spelling mistakes
        if low not in self._known:
            self._known[low] = bool(self._checker.known([low]))
        return self._known[low]

    def suggestions(self, word: str, limit: int = 6) -> list[str]:
        if not self.ready:
            return []
        found = self._checker.candidates(word.lower()) or set()
        ranked = sorted(found, key=lambda w: -self._checker.word_usage_frequency(w))
        return [w for w in ranked if w != word.lower()][:limit]

    def add_word(self, word: str) -> None:
        low = word.lower()
        self.personal.add(low)
        self._known[low] = True
        self.personal_path.parent.mkdir(parents=True, exist_ok=True)
        self.personal_path.write_text("\n".join(sorted(self.personal)) + "\n", "utf-8")

    def misspelled(self, text: str) -> list[tuple[int, int]]:
        """(start, length) of each unknown word in text."""
        return [
            (m.start(), m.end() - m.start())
            for m in WORD_RE.finditer(text)
            if not self.is_correct(m.group())
        ]
