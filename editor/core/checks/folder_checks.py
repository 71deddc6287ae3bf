"""Folder checks: the problems `article-editor check` and the Problems pane report.

Every code is counted exactly as documented in the README: one parse-error per file, one
missing-field per missing required key, one duplicate-id per article sharing its id, one
related-* per slot, and so on. Only articles (files with both ``question`` and ``answer``) get
the article checks; any file can have parse-error, unreadable, not-utf8 or no-front-matter.

Each article rule is one function of an ``Entry`` (what the index knows of a file). The folder
check runs them on every indexed article; ``article_problems`` runs the same functions on the
open article's current, unsaved data, so the form can show its problems while the writer types.

A problem carries two wordings: ``message`` names keys as the file spells them (the `check`
command prints it), ``text`` names the fields by their labels, for writers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePath
from typing import Any

from editor.core.checks import backslash_scan, backslashes
from editor.core.document import derive
from editor.core.document.schema import article_schema
from editor.core.document.wording import plain_problem
from editor.core.errors import printable
from editor.core.index.catalog import BROKEN, STALE, Catalog, id_key
from editor.core.index.entry import Entry, entry_from_data, read_listed

ERROR, WARNING = "error", "warning"
CODES = {
    "parse-error": ERROR,
    "unreadable": ERROR,
    "not-utf8": ERROR,
    "no-front-matter": WARNING,
    "missing-field": ERROR,
    "duplicate-id": ERROR,
    "related-broken": ERROR,
    "related-stale": WARNING,
    "related-duplicate": WARNING,
    "related-self": WARNING,
    "seo-title-length": WARNING,
    "seo-description-length": WARNING,
    "file-name-mismatch": ERROR,
    "url-mismatch": WARNING,
    "title-mismatch": WARNING,
    "answer-backslash-n": WARNING,
}


@dataclass
class Problem:
    file: str
    line: int | None
    code: str
    severity: str
    message: str
    key: str | None = None  # the dotted key the problem is about, for "open at the field"
    text: str = ""  # the message in plain words (field labels, not key names)
    column: int | None = None  # where a parse error is, with ``line``

    @property
    def plain(self) -> str:
        """What a writer reads: the plain wording, else the message itself."""
        return self.text or self.message

    def as_json(self) -> dict[str, object]:
        out = asdict(self)
        out.pop("key")
        out.pop("text")
        return out


@dataclass
class Report:
    articles: int
    files: int
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(p.severity == ERROR for p in self.problems)

    def counts(self) -> Counter[str]:
        return Counter(p.code for p in self.problems)

    def as_json(self) -> dict[str, object]:
        return {"articles": self.articles, "files": self.files,
                "problems": [p.as_json() for p in self.problems]}


def field_label(key: str | None) -> str:
    """A dotted key as writers know it: "SEO description", "Related 2", "Related 2 title"."""
    if not key:
        return ""
    schema = article_schema()
    slot, _, sub = key.partition(".")
    prefix = schema.related_prefix
    if slot.startswith(prefix) and slot[len(prefix):].isdigit():
        name = f"Related {slot[len(prefix):]}"
        if not sub:
            return name
        spec = schema.field(key)
        return f"{name} {spec.label.lower() if spec else sub}"
    spec = schema.field(key)
    return spec.label if spec else key


def _problem(entry: Entry, code: str, message: str, key: str | None = None,
             line: int | None = None, text: str = "", column: int | None = None) -> Problem:
    return Problem(entry.path, line, code, CODES[code], message, key, text, column)


def check_entries(entries: dict[str, Entry], catalog: Catalog | None = None) -> Report:
    """All problems of the indexed files, without line numbers (see ``add_lines``)."""
    catalog = catalog or Catalog(entries.values())
    limits = _limits()
    report = Report(articles=len(catalog), files=len(entries))
    out = report.problems
    for rel in sorted(entries):
        entry = entries[rel]
        if entry.kind == "error":
            code = entry.error_code or "parse-error"
            message = entry.error or "cannot be read"
            out.append(_problem(entry, code, message, line=entry.error_line,
                                text=plain_problem(message), column=entry.error_column))
            continue
        if entry.kind == "no-front-matter":
            out.append(_problem(entry, "no-front-matter", "the file has no front matter",
                                text="The file has no front matter"))
            continue
        if not entry.is_article:
            continue
        out.extend(entry_problems(entry, catalog, limits))
    return report


def check_folder(root: Path, entries: dict[str, Entry], catalog: Catalog | None = None,
                 held: dict[str, bytes] | None = None) -> Report:
    """``check_entries`` with the line of each problem filled in from the files under root.
    ``held``: the bytes of files the caller holds (a file just saved), by relative path;
    those are not read again."""
    report = check_entries(entries, catalog)
    wanted: dict[str, list[Problem]] = {}
    for problem in report.problems:
        if _wants_line(problem):
            wanted.setdefault(problem.file, []).append(problem)
    last: list[Any] = ["", b""]  # the file the answer check read last, and its bytes

    def place(rel: str, raw: bytes) -> None:  # read for the answer check: lines from it too
        last[:] = [rel, raw]
        problems = wanted.pop(rel, ())
        if problems:
            text = _text(raw)
            for problem in problems:
                problem.line = key_line(text, problem.key or "")

    articles = [(rel, e.size, e.mtime_ns) for rel, e in sorted(entries.items()) if e.is_article]
    for rel, found in backslash_scan.folder_hazards(root, articles, place, held):
        added = list(answer_backslash_n(entries[rel], found))
        if last[0] == rel:
            line = key_line(_text(last[1]), "answer")
            for problem in added:
                problem.line = line
        report.problems.extend(added)
    report.problems.sort(key=lambda p: p.file)  # stable: each file's problems keep their order
    add_lines(report, root)  # the files the answer check did not read (unchanged, not articles)
    return report


def article_problems(data: Any, path: str | PurePath,
                     catalog: Catalog | None = None) -> list[Problem]:
    """The article checks on one article's current (possibly unsaved) front matter.

    ``path`` is the file's path relative to the folder, as the catalog has it (an absolute
    path is made relative to the catalog's folder when it has one). Without a catalog the
    checks that need the other articles (duplicate-id, related-broken, related-stale) are
    skipped. Problems have no line: the form points at the field instead.
    """
    rel = _relative(path, catalog)
    entry = entry_from_data(rel, data)
    if not entry.is_article:
        return []
    return [*entry_problems(entry, catalog, _limits()),
            *answer_backslash_n(entry, backslashes.stored_hazards(data.get("answer")))]


def _relative(path: str | PurePath, catalog: Catalog | None) -> str:
    if isinstance(path, PurePath):
        if path.is_absolute() and catalog is not None:
            rel = catalog.relative(Path(path))
            if rel is not None:
                return rel
        return path.as_posix()
    return path.replace("\\", "/")


def _limits() -> dict[str, int]:
    return {f.key: f.max_length for f in article_schema().fields if f.max_length}


def entry_problems(entry: Entry, catalog: Catalog | None,
                   limits: dict[str, int]) -> list[Problem]:
    """Every article rule on one entry, in the order `check` reports them."""
    out = list(missing_fields(entry))
    if catalog is not None:
        out.extend(duplicate_id(entry, catalog))
    out.extend(related_slots(entry, catalog))
    out.extend(seo_lengths(entry, limits))
    out.extend(file_name_mismatch(entry))
    out.extend(url_mismatch(entry))
    out.extend(title_mismatch(entry))
    return out


# -- the article rules ---------------------------------------------------------------------

def missing_fields(entry: Entry) -> Iterator[Problem]:
    for key in entry.missing:
        yield _problem(entry, "missing-field", f"required field “{key}” is missing", key,
                       text=f"{field_label(key)} is required but missing")


def duplicate_id(entry: Entry, catalog: Catalog) -> Iterator[Problem]:
    if entry.id is None:
        return
    others = [e for e in catalog.with_id(entry.id) if e.path != entry.path]
    if others:
        more = f" and {len(others) - 1} more" if len(others) > 1 else ""
        yield _problem(entry, "duplicate-id",
                       f"id {entry.id} is also used by {others[0].path}{more}", "id",
                       text=f"Article id {entry.id} is also used by {others[0].path}{more}")


def related_slots(entry: Entry, catalog: Catalog | None) -> Iterator[Problem]:
    """related-broken and related-stale (given the catalog), related-duplicate and
    related-self, slot by slot."""
    seen: set[object] = set()
    for slot in entry.related:
        key = slot["slot"]
        name = field_label(key)
        ident = slot.get("id")
        if catalog is not None:
            state, targets = catalog.status(slot)
            if state == BROKEN:
                yield _problem(entry, "related-broken", f"{key}: no article has id {ident}", key,
                               text=f"{name}: no article has id {ident}" if ident is not None
                               else f"{name} has no id: pick the article in its search box")
            elif state == STALE:
                yield _problem(entry, "related-stale",
                               f"{key}: title, subject or url differ from article "
                               f"#{ident} ({targets[0].path})", key,
                               text=f"{name}: the title, subject or URL differ from article "
                                    f"#{ident} ({targets[0].path})")
        slot_id = id_key(ident)
        if ident is not None and slot_id in seen:
            yield _problem(entry, "related-duplicate",
                           f"{key}: article #{ident} is already an earlier slot", key,
                           text=f"{name}: article #{ident} is already in an earlier slot")
        seen.add(slot_id)
        if ident is not None and slot_id == id_key(entry.id):
            yield _problem(entry, "related-self", f"{key}: names this article itself", key,
                           text=f"{name}: names this article itself")


def seo_lengths(entry: Entry, limits: dict[str, int]) -> Iterator[Problem]:
    for key, text, code in (("seo.title", entry.seo_title, "seo-title-length"),
                            ("seo.page_description", entry.description,
                             "seo-description-length")):
        limit = limits.get(key)
        if limit and len(text) > limit:
            yield _problem(entry, code, f"{key} is {len(text)} characters (limit {limit})", key,
                           text=f"{field_label(key)} is {len(text)} characters, "
                                f"{len(text) - limit} over the limit of {limit}")


def file_name_mismatch(entry: Entry) -> Iterator[Problem]:
    real_name = entry.path.rsplit("/", 1)[-1]
    if "file_name" not in entry.missing and entry.file_name != real_name:
        yield _problem(entry, "file-name-mismatch",
                       f"file_name “{entry.file_name}” but the file is “{real_name}”",
                       "file_name",
                       text=f"File name “{entry.file_name}” but the file is “{real_name}”")


def url_mismatch(entry: Entry) -> Iterator[Problem]:
    missing = set(entry.missing)
    if "url" in missing or {"subject", "question"} & missing:
        return
    expected = derive.url(entry.subject, entry.question)
    if entry.url != expected:
        yield _problem(entry, "url-mismatch",
                       f"url “{entry.url}” differs from the derived “{expected}”", "url",
                       text=f"URL “{entry.url}” differs from the one made from the subject "
                            f"and question, “{expected}”")


def title_mismatch(entry: Entry) -> Iterator[Problem]:
    missing = set(entry.missing)
    present = {value for key, value in (("title", entry.title),
                                        ("article_title", entry.article_title),
                                        ("question", entry.question)) if key not in missing}
    if len(present) > 1:
        yield _problem(entry, "title-mismatch", "title, article_title and question differ",
                       "title", text="Title, Article title and Question differ")


def answer_backslash_n(entry: Entry, found: list[backslashes.Hazard]) -> Iterator[Problem]:
    """answer-backslash-n: the stored answer's line breaks that read as a backslash-n meant
    as written (see ``backslashes.stored_hazards``), one per line break."""
    for hazard in found:
        yield _problem(entry, "answer-backslash-n",
                       f"answer: \\n in {hazard.kind} “{hazard.shown}” is read as a line break",
                       "answer", text=f"Answer: {hazard.text[0].lower()}{hazard.text[1:]}")


def key_line(text: str, dotted: str) -> int | None:
    """1-based line of a key in a file's front matter (top level or one level down)."""
    if not text.startswith(("---\n", "---\r\n", "\ufeff---")):
        return None
    closing = _CLOSING.search(text, 3)
    end = closing.start() if closing else len(text)
    parent, _, child = dotted.partition(".")
    found = re.compile(rf"^{re.escape(parent)}:", re.M).search(text, 0, end)
    if found is None:
        return None
    if child:
        block = _NEXT_TOP.search(text, found.end(), end)
        stop = block.start() if block else end
        first = _CHILD.search(text, found.end(), stop)
        if first is None:
            return None
        indent = first.group(1)
        found = re.compile(rf"^{indent}{re.escape(child)}:", re.M).search(text, found.end(), stop)
        if found is None:
            return None
    return text.count("\n", 0, found.start()) + 1


_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
_NEXT_TOP = re.compile(r"^[^\s#]", re.M)
_CHILD = re.compile(r"^( +)[^\s#]", re.M)


def add_lines(report: Report, root: Path) -> None:
    """Fill the line of each problem that names a key, reading only files with problems."""
    texts: dict[str, str] = {}
    for problem in report.problems:
        if not _wants_line(problem) or problem.key is None:
            continue
        if problem.file not in texts:
            try:  # the index's own reading: regular files under the one size cap
                texts[problem.file] = _text(read_listed(str(root / problem.file), -1, -1)[0])
            except OSError:
                texts[problem.file] = ""
        problem.line = key_line(texts[problem.file], problem.key)


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return ""


def _wants_line(problem: Problem) -> bool:
    """Whether ``add_lines`` looks for the problem's line: it names a key the file has."""
    return problem.line is None and problem.key is not None and problem.code != "missing-field"


def format_text(report: Report) -> str:
    """Problems grouped by file with line numbers (line:column for a parse error), then a
    count by code. Control characters in file names and messages are escaped, so neither
    can pass for a line of the report nor act on the terminal."""
    out: list[str] = []
    current = None
    for p in report.problems:
        if p.file != current:
            current = p.file
            out.append(printable(p.file, newlines=False))
        where = str(p.line) if p.line is not None else "-"
        if p.line is not None and p.column is not None:
            where += f":{p.column}"
        message = printable(p.message, newlines=False)
        out.append(f"  {where:>5}  {p.severity:<7}  {p.code:<22}  {message}")
    counts = report.counts()
    warnings = len(report.problems) - report.errors
    out.append("")
    out.append(f"{report.files} files, {report.articles} articles: {report.errors} errors, "
               f"{warnings} warnings")
    for code in CODES:
        if counts[code]:
            out.append(f"  {code:<24}{counts[code]:>8}")
    return "\n".join(out) + "\n"
