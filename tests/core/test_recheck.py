"""A save's re-check of only the affected articles equals checking the whole folder again."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.checks.folder_checks import Report, check_folder
from editor.core.checks.recheck import affected, recheck
from editor.core.document.article import ArticleDocument
from editor.core.index.catalog import Catalog
from editor.core.index.folder_index import FolderIndex
from tests.conftest import SAMPLE

FILES = sorted(p.relative_to(SAMPLE).as_posix() for p in SAMPLE.rglob("*.md"))
IDS = [81001, 81002, 82003, 85001, 99999]  # ids the sample has, and one it has not
#: (field, values): what one edit sets; ids and slot ids move articles between the rules.
EDITS = st.one_of(
    st.tuples(st.just("id"), st.sampled_from(IDS)),
    st.tuples(st.just("title"), st.sampled_from(["A new title", "Why sleep"])),
    st.tuples(st.sampled_from([f"related_article{n}.id" for n in (1, 2, 3)]),
              st.sampled_from(IDS)),
    st.tuples(st.just("related_article1.title"), st.just("Stale title")),
    st.tuples(st.just("seo.page_description"), st.just("x" * 200)),
)


def _as_rows(report: Report) -> list[tuple]:
    return [(p.file, p.line, p.code, p.message, p.column) for p in report.problems]


def _save(root: Path, rel: str, dotted: str, value: object) -> None:
    path = root / rel
    doc = ArticleDocument.load(path)
    if dotted.split(".")[0] not in doc.data:
        return
    doc.set(dotted, value)
    path.write_bytes(doc.render().encode("utf-8"))


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(FILES), EDITS), min_size=1, max_size=6))
def test_a_recheck_equals_the_whole_check(tmp_path_factory, edits) -> None:
    root = tmp_path_factory.mktemp("site")
    shutil.rmtree(root)
    shutil.copytree(SAMPLE, root)
    index = FolderIndex(root, tmp_path_factory.mktemp("cache") / "index.sqlite")
    try:
        entries = index.refresh()
        catalog = Catalog(entries.values())
        report = check_folder(entries, catalog)
        for rel, (dotted, value) in edits:
            old = index.entries[rel]
            _save(root, rel, dotted, value)
            new = index.update_file(root / rel)
            assert new is not None
            catalog.replace(new)
            report = recheck(report, index.entries, catalog, [rel], {old.id, new.id})
            whole = check_folder(dict(index.entries), Catalog(index.entries.values()))
            assert _as_rows(report) == _as_rows(whole)
            assert (report.articles, report.files) == (whole.articles, whole.files)
    finally:
        index.close()


def test_the_affected_articles_are_few(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(SAMPLE, root)
    index = FolderIndex(root, tmp_path / "index.sqlite")
    try:
        entries = index.refresh()
    finally:
        index.close()
    catalog = Catalog(entries.values())
    rel = FILES[0]
    ident = entries[rel].id
    citing = catalog.citing(ident)
    assert citing and rel not in citing
    assert affected(catalog, [rel], {ident}) == {rel, *citing}
