"""After a save: the folder's problems brought up to date by checking only what it can change.

An article's problems depend on its own fields and, through the catalog, on the articles that
share its id (duplicate-id) and on the articles its related slots name (related-broken,
related-stale). So a change to some files can change the problems of those files, of the
articles holding their old or new ids, and of the articles whose slots name one of those ids;
every other article's problems are what they were.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from operator import attrgetter
from typing import Any

from editor.core.checks.folder_checks import Problem, Report, check_folder
from editor.core.checks.site_checks import site_page_problems
from editor.core.index.catalog import Catalog
from editor.core.index.entry import Entry


def affected(catalog: Catalog, paths: Iterable[str], ids: Iterable[Any]) -> set[str]:
    """The files whose problems a change to ``paths`` can change, given the ids those files
    held before the change and hold now."""
    out = set(paths)
    for ident in ids:
        if ident is None:
            continue
        out.update(entry.path for entry in catalog.with_id(ident))
        out.update(catalog.citing(ident))
    return out


def recheck(report: Report, entries: dict[str, Entry], catalog: Catalog,
            paths: Iterable[str], ids: Iterable[Any]) -> Report:
    """``report`` with the problems of the files ``affected`` by a change checked again (the
    index and the catalog already hold the change; a file no longer indexed loses its
    problems). Equal to checking the whole folder again, in a few milliseconds: the report's
    problems are in file order, so each affected file's run is found by bisection."""
    wanted = affected(catalog, paths, ids)
    part = {rel: entries[rel] for rel in wanted if rel in entries}
    fresh: dict[str, list[Problem]] = {}
    for problem in check_folder(part, catalog).problems:
        fresh.setdefault(problem.file, []).append(problem)
    pages = [rel for rel, entry in part.items() if not entry.is_article and entry.kind != "error"]
    if pages and catalog.root is not None:
        for problem in site_page_problems(catalog.root, pages):
            fresh.setdefault(problem.file, []).append(problem)
    problems = list(report.problems)
    for rel in sorted(wanted, reverse=True):  # from the end: earlier positions stay put
        lo = bisect_left(problems, rel, key=_FILE)
        hi = bisect_right(problems, rel, lo=lo, key=_FILE)
        problems[lo:hi] = fresh.get(rel, [])
    return Report(articles=len(catalog), files=len(entries), problems=problems,
                  changed=frozenset(wanted))


_FILE = attrgetter("file")
