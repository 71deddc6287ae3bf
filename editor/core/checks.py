"""Folder checks: the problems `article-editor check` and the Problems pane report.

Every code is counted exactly as documented in the README: one parse-error per file, one
missing-field per missing required key, one duplicate-id per article sharing its id, one
related-* per slot, and so on. Only articles (files with both ``question`` and ``answer``) get
the article checks; any file can have parse-error, not-utf8 or no-front-matter.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from editor.core import derive
from editor.core.catalog import BROKEN, STALE, Catalog, id_key
from editor.core.index import Entry
from editor.core.schema import article_schema

ERROR, WARNING = "error", "warning"
CODES = {
    "parse-error": ERROR,
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
}


@dataclass
class Problem:
    file: str
    line: int | None
    code: str
    severity: str
    message: str
    key: str | None = None  # the dotted key the problem is about, for "open at the field"

    def as_json(self) -> dict[str, object]:
        out = asdict(self)
        out.pop("key")
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


def _problem(entry: Entry, code: str, message: str, key: str | None = None,
             line: int | None = None) -> Problem:
    return Problem(entry.path, line, code, CODES[code], message, key)


def check_entries(entries: dict[str, Entry], catalog: Catalog | None = None) -> Report:
    """All problems of the indexed files, without line numbers (see ``add_lines``)."""
    catalog = catalog or Catalog(entries.values())
    schema = article_schema()
    limits = {f.key: f.max_length for f in schema.fields if f.max_length}
    report = Report(articles=len(catalog), files=len(entries))
    out = report.problems
    for rel in sorted(entries):
        entry = entries[rel]
        if entry.kind == "error":
            code = entry.error_code or "parse-error"
            out.append(_problem(entry, code, entry.error or "cannot be read",
                                line=entry.error_line))
            continue
        if entry.kind == "no-front-matter":
            out.append(_problem(entry, "no-front-matter", "the file has no front matter"))
            continue
        if not entry.is_article:
            continue
        out.extend(_article_problems(entry, catalog, limits))
    return report


def check_folder(root: Path, entries: dict[str, Entry], catalog: Catalog | None = None) -> Report:
    """``check_entries`` with the line of each problem filled in from the files under root."""
    report = check_entries(entries, catalog)
    add_lines(report, root)
    return report


def _article_problems(entry: Entry, catalog: Catalog, limits: dict[str, int]) -> list[Problem]:
    out = [_problem(entry, "missing-field", f"required field “{key}” is missing", key)
           for key in entry.missing]
    if entry.id is not None:
        others = [e for e in catalog.with_id(entry.id) if e.path != entry.path]
        if others:
            more = f" and {len(others) - 1} more" if len(others) > 1 else ""
            out.append(_problem(entry, "duplicate-id",
                                f"id {entry.id} is also used by {others[0].path}{more}", "id"))
    seen: set[object] = set()
    for slot in entry.related:
        key = slot["slot"]
        state, targets = catalog.status(slot)
        if state == BROKEN:
            out.append(_problem(entry, "related-broken",
                                f"{key}: no article has id {slot.get('id')}", key))
        elif state == STALE:
            out.append(_problem(entry, "related-stale",
                                f"{key}: title, subject or url differ from article "
                                f"#{slot.get('id')} ({targets[0].path})", key))
        slot_id = id_key(slot.get("id"))
        if slot.get("id") is not None and slot_id in seen:
            message = f"{key}: article #{slot.get('id')} is already an earlier slot"
            out.append(_problem(entry, "related-duplicate", message, key))
        seen.add(slot_id)
        if slot.get("id") is not None and slot_id == id_key(entry.id):
            out.append(_problem(entry, "related-self", f"{key}: names this article itself", key))
    for key, text, code in (("seo.title", entry.seo_title, "seo-title-length"),
                            ("seo.page_description", entry.description,
                             "seo-description-length")):
        limit = limits.get(key)
        if limit and len(text) > limit:
            out.append(_problem(entry, code, f"{key} is {len(text)} characters (limit {limit})",
                                key))
    missing = set(entry.missing)
    real_name = entry.path.rsplit("/", 1)[-1]
    if "file_name" not in missing and entry.file_name != real_name:
        out.append(_problem(entry, "file-name-mismatch",
                            f"file_name “{entry.file_name}” but the file is “{real_name}”",
                            "file_name"))
    if "url" not in missing and not {"subject", "question"} & missing:
        expected = derive.url(entry.subject, entry.question)
        if entry.url != expected:
            out.append(_problem(entry, "url-mismatch",
                                f"url “{entry.url}” differs from the derived “{expected}”", "url"))
    present = {value for key, value in (("title", entry.title),
                                        ("article_title", entry.article_title),
                                        ("question", entry.question)) if key not in missing}
    if len(present) > 1:
        out.append(_problem(entry, "title-mismatch",
                            "title, article_title and question differ", "title"))
    return out


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
        if problem.line is not None or problem.key is None:
            continue
        if problem.code == "missing-field":
            continue
        if problem.file not in texts:
            try:
                texts[problem.file] = (root / problem.file).read_text("utf-8")
            except (OSError, UnicodeDecodeError):
                texts[problem.file] = ""
        problem.line = key_line(texts[problem.file], problem.key)


def format_text(report: Report) -> str:
    """Problems grouped by file with line numbers, then a count by code."""
    out: list[str] = []
    current = None
    for p in report.problems:
        if p.file != current:
            current = p.file
            out.append(p.file)
        where = str(p.line) if p.line is not None else "-"
        out.append(f"  {where:>5}  {p.severity:<7}  {p.code:<22}  {p.message}")
    counts = report.counts()
    warnings = len(report.problems) - report.errors
    out.append("")
    out.append(f"{report.files} files, {report.articles} articles: {report.errors} errors, "
               f"{warnings} warnings")
    for code in CODES:
        if counts[code]:
            out.append(f"  {code:<24}{counts[code]:>8}")
    return "\n".join(out) + "\n"
