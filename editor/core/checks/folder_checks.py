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

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from editor.core.document import derive
from editor.core.document.schema import article_schema
from editor.core.document.wording import plain_problem
from editor.core.errors import ArticleError, printable
from editor.core.index.catalog import BROKEN, STALE, Catalog, id_key
from editor.core.index.entry import Entry, entry_from_data
from editor.core.storage.siteroot import has_site_config
from editor.core.text.backslashes import Hazard, stored_hazards
from editor.core.text.site_marks import MATH_ERROR, RAW_HTML, SiteMark, answer_marks

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
    "answer-math-error": ERROR,
    "answer-raw-html": WARNING,
    # the site's pages and configuration (``site_checks``)
    "block-unknown": ERROR,
    "image-missing": WARNING,
    "locale-empty": WARNING,
    "collection-missing": WARNING,
    "input-type-mismatch": WARNING,
}
#: The code of each kind of ``site_marks.SiteMark``.
MARK_CODES = {MATH_ERROR: "answer-math-error", RAW_HTML: "answer-raw-html"}


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
        return {"file": self.file, "line": self.line, "code": self.code,
                "severity": self.severity, "message": self.message, "column": self.column}


@dataclass
class Report:
    articles: int
    files: int
    problems: list[Problem] = field(default_factory=list)
    #: After a save's re-check: the only files whose problems may differ from those of the
    #: report it was made from (None: any file's may).
    changed: frozenset[str] | None = field(default=None, compare=False)
    #: ``problems`` and their order (see ``in_order``), once asked for.
    _ordered: tuple[list[Problem], list[Problem]] | None = field(
        default=None, init=False, repr=False, compare=False)
    #: ``columns`` made ahead, and the ordered list they are of.
    _columns: tuple[list[Problem], Columns] | None = field(
        default=None, init=False, repr=False, compare=False)

    def in_order(self) -> list[Problem]:
        """The problems, errors first (``errors_first``), kept while ``problems`` is the
        same list: the window orders a folder's report in a pool thread, before the
        Problems pane shows it."""
        kept = self._ordered
        if kept is None or kept[0] is not self.problems:
            kept = self._ordered = (self.problems, errors_first(self.problems))
        return kept[1]

    def prepare_columns(self) -> None:
        """Make ``take_columns``'s lists now: in the pool thread that made the report, not in
        the window's thread that shows it (three lists of 48,889 problems: 12 ms)."""
        ordered = self.in_order()
        self._columns = (ordered, columns_of(ordered))

    def take_columns(self) -> Columns:
        """The file, code and key of each problem in ``in_order``'s order, for the caller to
        keep and change: the lists ``prepare_columns`` made, once; else new ones."""
        ordered, made = self.in_order(), self._columns
        self._columns = None
        return made[1] if made is not None and made[0] is ordered else columns_of(ordered)

    @property
    def errors(self) -> int:
        return sum(p.severity == ERROR for p in self.problems)

    def counts(self) -> Counter[str]:
        return Counter(p.code for p in self.problems)

    def as_json(self) -> dict[str, object]:
        return {"articles": self.articles, "files": self.files,
                "problems": [p.as_json() for p in self.problems]}


#: The file, code and key of each of a list of problems (``Report.take_columns``).
Columns = tuple[list[str], list[str], list[str | None]]


def columns_of(problems: list[Problem]) -> Columns:
    """The file, code and key of each of these problems, in their order."""
    return ([p.file for p in problems], [p.code for p in problems], [p.key for p in problems])


def errors_first(problems: list[Problem]) -> list[Problem]:
    """Errors, then warnings, each by file and line; a line's problems keep check order.
    (One sort on a tuple key measured faster than two stable sorts or an integer key.)"""
    return sorted(problems, key=problem_order)


def problem_order(problem: Problem) -> tuple[bool, str, int]:
    """The key ``errors_first`` sorts by."""
    return (problem.severity != ERROR, problem.file, problem.line or 0)


def field_label(key: str | None) -> str:
    """A dotted key as writers know it: "SEO description", "Related 2", "Related 2 title"."""
    if not key:
        return ""
    label = _LABELS.get(key)
    if label is None:
        label = _LABELS[key] = _label(key)
    return label


#: The labels asked for so far (the schema is the bundled one: they never change).
_LABELS: dict[str, str] = {}


def _label(key: str) -> str:
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
    """All problems of the indexed files, without line numbers (see ``check_folder``)."""
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
        if entry.hazards:
            out.extend(answer_backslash_n(entry, [Hazard(*h) for h in entry.hazards]))
        if entry.marks:
            out.extend(answer_site_marks(entry, [SiteMark(*m) for m in entry.marks]))
    return report


def check_folder(entries: dict[str, Entry], catalog: Catalog | None = None,
                 site_root: Path | None = None) -> Report:
    """``check_entries`` with the line of each problem, from where the index found its key
    (no article is read). With ``site_root`` (the folder indexed, when it is a site with a
    CloudCannon configuration) the site checks run too, reading only its other pages."""
    report = check_entries(entries, catalog)
    add_lines(report, entries)
    if site_root is not None and has_site_config(site_root):
        from editor.core.checks.site_checks import check_site

        articles = {rel for rel, entry in entries.items() if entry.is_article}
        try:
            found = check_site(site_root, articles, entries).problems
        except ArticleError as exc:  # a configuration that cannot be read
            found = [Problem(exc.path.name if exc.path else "", exc.line, "parse-error", ERROR,
                             exc.message, text=plain_problem(exc.message))]
        report.problems = sorted([*report.problems, *found], key=lambda p: p.file)
    return report


def article_problems(data: Any, path: str | PurePath, catalog: Catalog | None = None,
                     marks: Sequence[SiteMark] | None = None) -> list[Problem]:
    """The article checks on one article's current (possibly unsaved) front matter.

    ``path`` is the file's path relative to the folder, as the catalog has it (an absolute
    path is made relative to the catalog's folder when it has one). Without a catalog the
    checks that need the other articles (duplicate-id, related-broken, related-stale) are
    skipped. Problems have no line: the form points at the field instead. ``marks`` are the
    answer's site marks when the caller has them already (the editor's scan of the text it
    shows); without them the answer is examined here.
    """
    rel = _relative(path, catalog)
    entry = entry_from_data(rel, data)
    if not entry.is_article:
        return []
    return [*entry_problems(entry, catalog, _limits()),
            *answer_backslash_n(entry, stored_hazards(data.get("answer"))),
            *answer_site_marks(entry, list(marks) if marks is not None
                               else answer_marks(data.get("answer")))]


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
    """Every article rule on one entry, in the order `check` reports them. (A rule that
    surely finds nothing is not called: `check` asks this of every article.)"""
    out = list(missing_fields(entry)) if entry.missing else []
    if catalog is not None and entry.id is not None and catalog.with_id(entry.id):
        out.extend(duplicate_id(entry, catalog))
    if entry.related:
        out.extend(related_slots(entry, catalog))
    out.extend(seo_lengths(entry, limits))
    out.extend(file_name_mismatch(entry))
    out.extend(url_mismatch(entry))
    if entry.missing or not entry.title == entry.article_title == entry.question:
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
    others = sorted(e.path for e in catalog.with_id(entry.id) if e.path != entry.path)
    if others:
        more = f" and {len(others) - 1} more" if len(others) > 1 else ""
        yield _problem(entry, "duplicate-id",
                       f"id {entry.id} is also used by {others[0]}{more}", "id",
                       text=f"Article id {entry.id} is also used by {others[0]}{more}")


def related_slots(entry: Entry, catalog: Catalog | None) -> Iterator[Problem]:
    """related-broken and related-stale (given the catalog), related-duplicate and
    related-self, slot by slot."""
    seen: set[object] = set()
    own = id_key(entry.id)
    for slot in entry.related:
        key = slot["slot"]
        ident = slot.get("id")
        if catalog is not None:
            state, targets = catalog.status(slot)
            if state == BROKEN:
                name = field_label(key)
                yield _problem(entry, "related-broken", f"{key}: no article has id {ident}", key,
                               text=f"{name}: no article has id {ident}" if ident is not None
                               else f"{name} has no id: pick the article in its search box")
            elif state == STALE:
                first = min(t.path for t in targets)  # the same whatever the catalog's order
                yield _problem(entry, "related-stale",
                               f"{key}: title, subject or url differ from article "
                               f"#{ident} ({first})", key,
                               text=f"{field_label(key)}: the title, subject or URL differ from "
                                    f"article #{ident} ({first})")
        if ident is None:
            seen.add(None)
            continue
        slot_id = id_key(ident)
        if slot_id in seen:
            yield _problem(entry, "related-duplicate",
                           f"{key}: article #{ident} is already an earlier slot", key,
                           text=f"{field_label(key)}: article #{ident} is already in an "
                                f"earlier slot")
        seen.add(slot_id)
        if slot_id == own:
            yield _problem(entry, "related-self", f"{key}: names this article itself", key,
                           text=f"{field_label(key)}: names this article itself")


def seo_lengths(entry: Entry, limits: dict[str, int]) -> list[Problem]:
    out = []
    for key, text, code in (("seo.title", entry.seo_title, "seo-title-length"),
                            ("seo.page_description", entry.description,
                             "seo-description-length")):
        limit = limits.get(key)
        if limit and len(text) > limit:
            out.append(_problem(
                entry, code, f"{key} is {len(text)} characters (limit {limit})", key,
                text=f"{field_label(key)} is {len(text)} characters, "
                     f"{len(text) - limit} over the limit of {limit}"))
    return out


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


def answer_backslash_n(entry: Entry, found: list[Hazard]) -> Iterator[Problem]:
    """answer-backslash-n: the stored answer's line breaks that read as a backslash-n meant
    as written (see ``text.backslashes.stored_hazards``), one per line break."""
    for hazard in found:
        yield _problem(entry, "answer-backslash-n",
                       f"answer: \\n in {hazard.kind} “{hazard.shown}” is read as a line break",
                       "answer", text=f"Answer: {hazard.text[0].lower()}{hazard.text[1:]}")


def answer_site_marks(entry: Entry, found: list[SiteMark]) -> Iterator[Problem]:
    """answer-math-error, one per formula KaTeX cannot parse, and answer-raw-html, one per
    HTML tag or comment typed in the answer (see ``text.site_marks``), in the answer's order."""
    for mark in found:
        yield _problem(entry, MARK_CODES[mark.kind], mark.problem, "answer",
                       text=f"Answer: {mark.text[0].lower()}{mark.text[1:]}")


def add_lines(report: Report, entries: dict[str, Entry]) -> None:
    """Fill the line of each problem that names a key, from the lines its entry kept."""
    for problem in report.problems:
        if problem.line is None and problem.key is not None and problem.code != "missing-field":
            entry = entries.get(problem.file)
            if entry is not None:
                problem.line = entry.lines.get(problem.key)


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
