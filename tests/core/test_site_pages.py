"""New pages from a collection's schema, and every key of the real site's pages in a form."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from editor.core.document.article import ArticleDocument
from editor.core.errors import ArticleError
from editor.core.site.new_page import file_name, new_page, page_text, slug
from editor.core.site.site import load_site
from tests.core.site_fixture import SCHEMA, SHARED_SITE, make_site

WHEN = dt.datetime(2025, 5, 1, 12, 0, tzinfo=dt.UTC)


def test_slugs_and_file_names() -> None:
    assert slug("A Senior's Guide: Exams!") == "a-senior-s-guide-exams"
    assert slug("Café au lait") == "cafe-au-lait"
    assert file_name("/blog/[slug]", "a-post") == "a-post.md"
    assert file_name("/[slug]", "about") == "about.md"
    assert file_name("", "about") == "about.md"
    assert file_name("/news/[slug]/", "x") == "x.md"


def test_a_new_post_is_the_schema_filled_in(tmp_path: Path) -> None:
    site = load_site(make_site(tmp_path / "site"))
    path = new_page(site, "blog", "A Senior's Guide", when=WHEN)
    assert path == tmp_path / "site/content/posts/a-senior-s-guide.md"
    text = path.read_text(encoding="utf-8")
    schema_lines = SCHEMA.splitlines(keepends=True)
    # the schema's own lines, with only the keys set written; _schema names the schema
    # and the date takes the form of the collection's other post (``2025-03-16 00:00:00+00:00``)
    assert text.splitlines(keepends=True) == [
        "---\n", "_schema: default\n", "date: 2025-05-01 12:00:00+00:00\n",
        "title: A Senior's Guide\n", *schema_lines[3:6],
        "  title: A Senior's Guide\n", *schema_lines[7:]]
    doc = ArticleDocument(text)
    assert doc.get("date") == WHEN and doc.get("seo.title") == "A Senior's Guide"
    with pytest.raises(ArticleError, match="already exists"):
        new_page(site, "blog", "A Senior's Guide", when=WHEN)
    with pytest.raises(ArticleError, match="no collection"):
        new_page(site, "nothing", "x")
    # a collection with no schema at all starts a page from its title alone
    assert page_text(site, "pages", "It's new") == "---\ntitle: It's new\n---\n"
    page = new_page(site, "pages", "Our Team")
    assert page == tmp_path / "site/content/our-team.md"
    assert page.read_text(encoding="utf-8") == "---\ntitle: Our Team\n---\n"
    with pytest.raises(ArticleError, match="no letters"):
        new_page(site, "blog", "!!!")


@pytest.mark.skipif(SHARED_SITE is None, reason="../shared/corpora is not present")
def test_a_new_post_of_the_real_site_is_written_as_its_posts_are(tmp_path: Path) -> None:
    assert SHARED_SITE is not None
    text = page_text(load_site(SHARED_SITE), "blog", "Exam week, calmly", when=WHEN)
    assert text.startswith("---\n_schema: default\ndate: 2025-05-01T12:00:00Z\n"
                           "title: Exam week, calmly\narticle_title: Exam week, calmly\n")
    assert ArticleDocument(text).get("date") == WHEN


@pytest.mark.skipif(SHARED_SITE is None, reason="../shared/corpora is not present")
def test_every_key_of_the_real_sites_pages_has_an_input() -> None:
    assert SHARED_SITE is not None
    site = load_site(SHARED_SITE)
    files = sorted(p for p in (SHARED_SITE / "content").rglob("*.md")
                   if "learn" not in p.relative_to(SHARED_SITE / "content").parts[:-1])
    assert len(files) == 43
    kinds: Counter[str] = Counter()
    raw = []
    keys = 0
    for path in files:
        rel = path.relative_to(SHARED_SITE).as_posix()
        doc = ArticleDocument.load(path)
        assert not doc.is_article
        for slot in site.slots(rel, doc.data):
            keys += 1
            kinds[slot.input.type] += 1
            if slot.input.is_raw:
                raw.append((rel, slot.path))
            elif slot.input.form_type is not None:
                assert slot.input.field("x") is not None
    assert keys == 1785
    assert raw == []  # no key falls back to raw YAML
    assert kinds["image"] == 101 and kinds["html"] == 68 and kinds["date"] == 35
    blocks = [s for s in site.slots("content/faq.md") if s.path == ("content_blocks",)]
    assert [s.name for s in blocks[0].structures][:2] == ["about-us/aboutEdkey",
                                                         "about-us/benefit"]
    assert len(blocks[0].structures) == 25
