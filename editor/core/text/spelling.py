"""Spell checking with pyspellchecker's English dictionary plus a personal word list.

The dictionary is American; English (UK) accepts the British spelling of a word the dictionary
knows (editor/core/text/british.py), marks the American forms British English does not use, and
suggests British forms first.
"""

from __future__ import annotations

import gzip
import json
import locale
import os
import re
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from editor.core.storage.appdirs import config_dir
from editor.core.text.british import american_forms, british_forms, spelling_side

if TYPE_CHECKING:
    from spellchecker import SpellChecker

WORD_RE = re.compile(r"[A-Za-z][A-Za-z']*[A-Za-z]|[A-Za-z]")

UK, US = "en_GB", "en_US"
#: Dictionary languages offered, by code; "" (AUTOMATIC) decides from the text or the locale.
LANGUAGES = {UK: "English (UK)", US: "English (US)"}
AUTOMATIC = ""
#: Locales whose English spells the British way.
_BRITISH_LOCALES = ("en_gb", "en_ie", "en_au", "en_nz", "en_za", "en_in", "en_uk")
_BRITISH_NAMES = ("united kingdom", "ireland", "australia", "new zealand", "south africa")
#: Texts counted at most at a time for the automatic choice; more would only cost time.
SAMPLE_TEXTS = 200


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
        parsed: dict[str, int] = json.loads("\n".join(lines))  # another layout: in one go
        return parsed
    words: dict[str, int] = {}
    body = lines[1:-1]
    for start in range(0, len(body), 8_000):
        chunk = "\n".join(body[start : start + 8_000]).rstrip().rstrip(",")
        for word, count in json.loads("{" + chunk + "}").items():
            words[word.lower()] = words.get(word.lower(), 0) + count
    return words


def locale_language(name: str | None = None) -> str:
    """UK for a British (or Irish, Australian...) English locale, else US. ``name`` is a
    locale such as "en_GB.UTF-8" or Windows' "English_United Kingdom"; by default the
    process's locale, then LC_ALL, LC_MESSAGES and LANG."""
    if name is None:
        try:
            name = locale.getlocale()[0] or ""
        except ValueError:
            name = ""
        if not name or name in ("C", "POSIX"):
            name = next((os.environ[v] for v in ("LC_ALL", "LC_MESSAGES", "LANG")
                         if os.environ.get(v)), "")
    low = name.lower().replace("-", "_")
    british = low.startswith(_BRITISH_LOCALES) or any(n in low for n in _BRITISH_NAMES)
    return UK if british else US


def spelling_counts(texts: Iterable[str], known: Callable[[str], bool],
                    sides: dict[str, int] | None = None) -> tuple[int, int]:
    """(British, American) spellings in ``texts``: colour, centre, analyse, organise...
    against color, center, analyze, organize. ``known`` says whether the American
    dictionary has a (lower-case) word; ``sides`` caches each word's side between calls."""
    sides = {} if sides is None else sides
    uk = us = 0
    for text in texts:
        for match in WORD_RE.finditer(text):
            word = match.group().lower()
            side = sides.get(word)
            if side is None:
                side = sides[word] = spelling_side(word, known)
            uk += side > 0
            us += side < 0
    return uk, us


def match_case(template: str, word: str) -> str:
    """``word`` in the capitals of ``template``: Teh -> The, RECIEVE -> RECEIVE."""
    if len(template) > 1 and template.isupper():
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


class Speller:
    """Loads the dictionary once (about half a second) and caches verdicts per word.

    ``language`` is UK, US or AUTOMATIC (""). Automatic goes by the spellings of the texts
    given to ``observe`` and ``observe_many`` (articles opened, a sample of the folder), and
    without telling spellings by the locale.
    """

    def __init__(self, personal_path: Path | None = None, language: str = AUTOMATIC,
                 locale_name: str | None = None) -> None:
        self._checker: SpellChecker | None = None
        self._words: dict[str, int] = {}
        self._lock = threading.Lock()
        self._sample_lock = threading.Lock()
        self._verdicts: dict[str, dict[str, bool]] = {UK: {}, US: {}}
        self._locale_name = locale_name
        self._pending: list[str] = []  # observed before the dictionary was loaded
        self._seen: set[int] = set()
        self._counts = [0, 0]  # British, American spellings observed
        self._sides: dict[str, int] = {}  # each word's side (spelling_side), once worked out
        self.setting = language if language in LANGUAGES else AUTOMATIC
        self.language = self.setting or locale_language(locale_name)
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
                with self._sample_lock:
                    self._words = frequencies._dictionary
                    self._count(self._pending)
                    self._pending = []
                    self._decide()
                    self._checker = checker

    # -- language --------------------------------------------------------------------------
    def set_language(self, code: str) -> bool:
        """UK, US or AUTOMATIC; True when the language in force changed (marks to redraw).
        Verdicts are kept per language, so switching back costs nothing."""
        self.setting = code if code in LANGUAGES else AUTOMATIC
        with self._sample_lock:
            return self._decide()

    def observe(self, text: str) -> bool:
        """Counts ``text``'s British and American spellings for the automatic choice (an
        article opened); True when that changed the language in force."""
        return self.observe_many([text])

    def observe_many(self, texts: Iterable[str]) -> bool:
        """``observe`` for the first SAMPLE_TEXTS new ``texts`` (a sample of the folder).
        Safe to call from a worker thread: the counting itself holds no lock."""
        with self._sample_lock:
            fresh: list[str] = []
            for text in texts:
                if text and hash(text) not in self._seen:
                    self._seen.add(hash(text))
                    fresh.append(text)
                    if len(fresh) >= SAMPLE_TEXTS:
                        break
            if not fresh:
                return False
            if not self.ready:
                self._pending += fresh  # counted when the dictionary has loaded
                return False
        uk, us = spelling_counts(fresh, self._words.__contains__, self._sides)
        with self._sample_lock:
            self._counts[0] += uk
            self._counts[1] += us
            return self._decide()

    def _count(self, texts: list[str]) -> None:
        uk, us = spelling_counts(texts, self._words.__contains__, self._sides)
        self._counts[0] += uk
        self._counts[1] += us

    def _decide(self) -> bool:
        uk, us = self._counts
        if self.setting:
            language = self.setting
        elif uk != us:
            language = UK if uk > us else US
        else:
            language = locale_language(self._locale_name)
        changed = language != self.language
        self.language = language
        return changed

    # -- checking --------------------------------------------------------------------------
    def is_known(self, word: str) -> bool:
        """Whether the dictionary (in the language in force) or the personal list has
        ``word``, whatever its capitals."""
        low = word.lower().strip("'")
        if not self.ready or low in self.personal:
            return True
        verdicts = self._verdicts[self.language]
        verdict = verdicts.get(low)
        if verdict is None:
            verdict = verdicts[low] = self._judge(low)
        return verdict

    def _judge(self, low: str) -> bool:
        known = self._words.__contains__
        if self.language == US:
            return known(low)
        # a possessive goes by its word: colour's as color's, color's as color
        base, tail = (low[:-2], "'s") if low.endswith("'s") else (low, "")
        if known(low):  # English (UK) marks the American forms British English never uses
            return not any(foreign for _gb, foreign in british_forms(base, known))
        return any(known(us + tail) for us in american_forms(base, known))

    def is_correct(self, word: str) -> bool:
        low = word.lower().strip("'")
        if not self.ready or len(low) < 2 or word.isupper():
            return True  # acronyms (REM, ATP) are not spelling mistakes
        return self.is_known(low)

    def suggestions(self, word: str, limit: int = 6) -> list[str]:
        """Corrections, most used first, in ``word``'s capitals; British forms first (and
        American forms British English never uses left out) in English (UK)."""
        checker = self._checker
        if checker is None:  # not ready
            return []
        low = word.lower()
        frequency = self._words.get
        found = checker.candidates(low) or set()
        ranked: dict[str, int] = {w: frequency(w, 0) for w in found if w in self._words}
        if self.language == UK:
            ranked = self._british_suggestions(checker, low, ranked)
        order = sorted(ranked, key=lambda w: -ranked[w])
        out: list[str] = []
        for suggestion in order:
            cased = match_case(word, suggestion)
            if suggestion != low and cased not in out:
                out.append(cased)
        return out[:limit]

    def _british_suggestions(self, checker: SpellChecker, low: str,
                             ranked: dict[str, int]) -> dict[str, int]:
        """British spellings come first (by how common their American form is): a writer in
        English (UK) who typed "colr" more likely meant "colour" than "cold"."""
        known = self._words.__contains__
        first = 1 << 40  # above any word's count
        british: dict[str, int] = {}
        for us, count in ranked.items():
            forms = british_forms(us, known)
            for gb, _foreign in forms:
                british[gb] = max(british.get(gb, 0), first + count)
            if not any(foreign for _gb, foreign in forms):
                british.setdefault(us, count)
        # one edit from a British word the dictionary lacks: behavour -> behaviour
        for near in checker.edit_distance_1(low):
            if near not in british and not known(near):
                counts = [self._words[us] for us in american_forms(near, known) if known(us)]
                if counts:
                    british[near] = first + max(counts)
        return british

    def add_word(self, word: str) -> None:
        low = word.lower()
        self.personal.add(low)
        self.personal_path.parent.mkdir(parents=True, exist_ok=True)
        self.personal_path.write_text("\n".join(sorted(self.personal)) + "\n", "utf-8")

    def misspelled(self, text: str) -> list[tuple[int, int]]:
        """(start, length) of each unknown word in text."""
        return [
            (m.start(), m.end() - m.start())
            for m in WORD_RE.finditer(text)
            if not self.is_correct(m.group())
        ]
