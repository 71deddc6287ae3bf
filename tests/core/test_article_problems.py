"""article_problems: the folder's article rules run on one article's current, unsaved data."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generate_articles import generate
from editor.core.checks.folder_checks import article_problems, check_entries, field_label
from editor.core.document.article import ArticleDocument
from editor.core.index.catalog import Catalog
from editor.core.index.folder_index import FolderIndex
from tests.conftest import SAMPLE

ARTICLE = "content/learn/biology/what-role-do-mitochondria-play-in-a-cell.md"


def sample_doc() -> ArticleDocument:
    return ArticleDocument.load(SAMPLE / ARTICLE)


def sample_catalog() -> Catalog:
    index = FolderIndex(SAMPLE)
    try:
        return Catalog(index.refresh().values(), SAMPLE)
    finally:
        index.close()


def test_a_clean_article_has_no_problems() -> None:
    doc = sample_doc()
    assert article_problems(doc.data, ARTICLE, None) == []
    assert article_problems(doc.data, ARTICLE, sample_catalog()) == []


def test_an_unsaved_long_seo_title_is_a_warning_in_plain_words() -> None:
    doc = sample_doc()
    doc.set_field("seo.title", "x" * 70)
    problems = article_problems(doc.data, ARTICLE, None)
    assert [(p.code, p.severity, p.key) for p in problems] == [
        ("seo-title-length", "warning", "seo.title")]
    assert problems[0].plain == "SEO title is 70 characters, 10 over the limit of 60"
    assert problems[0].file == ARTICLE and problems[0].line is None


def test_each_per_article_rule_reports_on_edited_data() -> None:
    doc = sample_doc()
    catalog = sample_catalog()
    other = next(e for e in catalog.articles if e.path != ARTICLE)
    doc.set_field("seo.page_description", "d" * 161)
    doc.set_field("file_name", "another-name.md")
    doc.set_field("url", "/learn/biology/questions/elsewhere")
    doc.set_field("title", "A different title")
    doc.set_field("related_article1.id", other.id)  # the id this article is given below
    doc.set_field("related_article2.id", 999_999)
    doc.set_field("related_article3.id", 999_999)
    doc.set_field("id", other.id)
    doc.unset("date")
    codes = [p.code for p in article_problems(doc.data, SAMPLE / ARTICLE, catalog)]
    assert sorted(codes) == sorted([
        "missing-field", "duplicate-id", "related-self", "related-stale", "related-broken",
        "related-broken", "related-duplicate", "seo-description-length",
        "file-name-mismatch", "url-mismatch", "title-mismatch"])
    # Without the catalog, only the rules that need no other article run.
    alone = {p.code for p in article_problems(doc.data, ARTICLE, None)}
    assert not alone & {"duplicate-id", "related-broken", "related-stale"}
    assert "related-duplicate" in alone and "seo-description-length" in alone


def test_plain_words_name_fields_by_their_labels() -> None:
    doc = sample_doc()
    doc.set_field("related_article2.id", 999_999)
    doc.set_field("seo.page_description", "d" * 200)
    doc.unset("subject")
    texts = [p.plain for p in article_problems(doc.data, ARTICLE, sample_catalog())]
    assert "Subject is required but missing" in texts
    assert "Related 2: no article has id 999999" in texts
    assert "SEO description is 200 characters, 40 over the limit of 160" in texts
    for text in texts:
        for key in ("related_article", "seo.", "page_description", "file_name", "_"):
            assert key not in text


def test_field_labels() -> None:
    assert field_label("related_article2") == "Related 2"
    assert field_label("related_article4.title") == "Related 4 title"
    assert field_label("seo.page_description") == "SEO description"
    assert field_label("no_index") == "Hide from search engines"
    assert field_label(None) == ""


def test_a_page_that_is_not_an_article_has_none() -> None:
    assert article_problems({"title": "About us"}, "content/about.md", None) == []


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, Catalog]:
    root = tmp_path_factory.mktemp("generated")
    generate(root, 600, seed=5)
    index = FolderIndex(root)
    try:
        entries = index.refresh()
    finally:
        index.close()
    return root, entries, Catalog(entries.values(), root)


def test_same_rules_as_the_folder_check(generated: tuple[Path, dict, Catalog]) -> None:
    """On each article of a generated folder full of problems, the open-article check finds
    exactly what the folder check finds for that file."""
    root, entries, catalog = generated
    report = check_entries(entries, catalog)
    by_file: dict[str, list[tuple]] = {}
    for p in report.problems:
        by_file.setdefault(p.file, []).append((p.code, p.severity, p.message, p.key, p.text))
    compared = 0
    for rel, entry in sorted(entries.items()):
        if not entry.is_article:
            continue
        doc = ArticleDocument.load(root / rel)
        got = [(p.code, p.severity, p.message, p.key, p.text)
               for p in article_problems(doc.data, rel, catalog)]
        assert got == by_file.get(rel, []), rel
        compared += bool(got)
    assert compared > 100
