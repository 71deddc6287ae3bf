"""The site's CloudCannon configuration, its Bookshop components and the input of each key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editor.core.document.article import ArticleDocument
from editor.core.errors import SiteConfigError, UnsupportedConfigError
from editor.core.site.bookshop import component_name, load_components
from editor.core.site.config import site_config
from editor.core.site.inputs import infer_type, label_for
from editor.core.site.locales import locale_object
from editor.core.site.site import load_site
from tests.core.site_fixture import SCHEMA, make_site


@pytest.fixture
def site_root(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site")


def test_collections_paths_and_the_most_specific_folder(site_root: Path) -> None:
    config = site_config(site_root)
    assert [c.key for c in config.collections] == ["pages", "blog", "learn"]
    blog = config.by_key["blog"]
    assert (blog.name, blog.icon, blog.url, blog.path) == (
        "Blog(English)", "article", "/blog/[slug]", "content/posts")
    assert config.static_path == "public" and config.uploads_path == "public/uploads"
    assert config.collection_for("content/posts/a-post.md") is blog
    assert config.collection_for(site_root / "content/index.md") is config.by_key["pages"]
    assert config.collection_for("content/learn/biology/x.md") is config.by_key["learn"]
    assert config.collection_for("elsewhere/x.md") is None
    assert not blog.output
    assert blog.schema_for({"_schema": "default"}).path == "schemas/post.md"
    assert config.static_file("/media.png?x=1") == site_root / "public" / "media.png"


def test_yaml_and_json_configurations_read_alike(tmp_path: Path) -> None:
    (tmp_path / "cloudcannon.config.json").write_text(json.dumps(
        {"collections_config": {"posts": {"path": "posts", "url": "/[slug]"}},
         "_inputs": {"hero_image": {"comment": "wide"}}}), encoding="utf-8")
    config = site_config(tmp_path)
    assert config.file == tmp_path / "cloudcannon.config.json"
    assert config.collection_for("posts/a.md").key == "posts"
    assert config.inputs == {"hero_image": {"comment": "wide"}}


@pytest.mark.parametrize("name", ["cloudcannon.config.js", "cloudcannon.config.cjs",
                                  "cloudcannon.config.mjs"])
def test_a_javascript_configuration_is_refused_by_name(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text("module.exports = {}\n", encoding="utf-8")
    with pytest.raises(UnsupportedConfigError, match="not supported") as caught:
        site_config(tmp_path)
    assert caught.value.path == tmp_path / name


def test_a_broken_configuration_says_where(tmp_path: Path) -> None:
    (tmp_path / "cloudcannon.config.yml").write_text("paths:\n  static: [\n", encoding="utf-8")
    with pytest.raises(SiteConfigError) as caught:
        site_config(tmp_path)
    assert caught.value.line is not None and caught.value.path is not None


def test_no_configuration_means_no_collections(tmp_path: Path) -> None:
    config = site_config(tmp_path)
    assert config.file is None and config.collections == ()
    assert load_site(tmp_path).components == {}


def test_components_are_named_as_bookshop_names_them(site_root: Path) -> None:
    assert component_name("lib/components/home/banner/banner.bookshop.yml") == "home/banner"
    assert component_name("lib/components/education/Media/media.bookshop.yml") == (
        "education/Media/media")
    assert component_name("lib/components/blog/blogList.bookshop.yml") == "blog/blogList"
    components = load_components(site_root)
    assert sorted(components) == ["education/Media/media", "faq/questionSection", "home/banner"]
    faq = components["faq/questionSection"]
    assert faq.structures == ("content_blocks",)
    # the blueprint is the value, in its own order; its array of objects a nested structure
    assert list(faq.structure.value) == ["_bookshop_name", "title", "email", "items"]
    assert faq.structure.value["items"] == []
    item = faq.structure.nested["items"][0]
    assert list(item.value) == ["question", "answer"]
    assert item.value["question"] == {"en": "How do I sign up?", "zh_hk": None, "fr": None,
                                      "sp": None}
    assert faq.structure.new_value() is not faq.structure.new_value()


def test_inputs_cascade_from_global_to_the_block(site_root: Path) -> None:
    site = load_site(site_root)
    page = "content/index.md"
    answer = site.input_for(page, "content_blocks.1.items.0.answer.en")
    assert (answer.type, answer.source) == ("html", "structure:faq/questionSection")
    question = site.input_for(page, ("content_blocks", 1, "items", 1, "question", "en"))
    assert question.type == "textarea" and question.form_type == "long_text"
    email = site.input_for(page, "content_blocks.1.email")
    assert (email.type, email.comment) == ("email", "the address ${email} stands for")
    # the global ``answer: html`` names an object here: it stays an object, and its
    # locales without an input of their own take its type
    outer = site.input_for(page, "content_blocks.1.items.0.answer")
    assert (outer.type, outer.source) == ("object", "global")
    assert site.input_for(page, "content_blocks.1.items.0.answer.sp").type == "html"
    image = site.input_for(page, "content_blocks.2.items.1.image")
    assert (image.type, image.source, image.label) == ("image", "inferred", "Image")
    blocks = site.structures_at(page, None, ("content_blocks",))
    assert [s.name for s in blocks] == ["education/Media/media", "faq/questionSection",
                                        "home/banner"]


def test_collection_and_schema_inputs_and_select_data(site_root: Path) -> None:
    site = load_site(site_root)
    post = "content/posts/a-post.md"
    author = site.input_for(post, "author")
    assert (author.type, author.source) == ("select", "collection:blog")
    assert author.options["values"] == ["QuickTakes", "Staff"]
    assert site.input_for(post, "date").type == "date"
    assert site.input_for(post, "featuredImg.image").type == "image"
    assert site.input_for(post, "featuredImg.image").field("featuredImg.image").type == "text"
    data = {"_inputs": {"title": {"type": "textarea", "label": "Headline"}}, "title": "x"}
    title = site.input_for(post, "title", data)
    assert (title.type, title.label, title.source) == ("textarea", "Headline", "file")


def test_key_paths_beat_names() -> None:
    from editor.core.site.inputs import InputLevel, resolve

    levels = [InputLevel("global", {"description": {"type": "textarea"},
                                    "portrait_section[*].description": {"type": "html"}})]
    assert resolve(levels, ("portrait_section", 3, "description"), "x").type == "html"
    assert resolve(levels, ("other", 0, "description"), "x").type == "textarea"
    assert resolve(levels, ("portrait_section", 0, "more", "description"), "x").type == (
        "textarea")


@pytest.mark.parametrize(("key", "value", "kind"), [
    ("image", "/a.png", "image"), ("hero_image", None, "image"), ("thumbnail", "", "image"),
    ("file_path", "/a.pdf", "file"), ("date", None, "date"), ("end_date", "x", "date"),
    ("published_at", None, "datetime"), ("url", "", "url"), ("site_url", "", "url"),
    ("body_html", "", "html"), ("intro_markdown", "", "markdown"), ("brand_color", "", "color"),
    ("draft", True, "switch"), ("weight", 3, "number"), ("title", "a\nb", "textarea"),
    ("title", "A", "text"), ("date_format", "MMM DD, YYYY", "text"), ("tags", ["a"], "multiselect"),
    ("items", [{"a": 1}], "array"), ("seo", {"title": ""}, "object"),
])
def test_types_are_inferred_as_cloudcannon_infers_them(key: str, value: object,
                                                       kind: str) -> None:
    assert infer_type(key, value) == kind


def test_labels() -> None:
    assert label_for("contentTitle") == "Content Title"
    assert label_for("image_alt") == "Image Alt"
    assert label_for("seo") == "Seo"


def test_locale_objects(site_root: Path) -> None:
    site = load_site(site_root)
    assert site.locales == ("en", "zh_hk", "fr", "sp")
    found = locale_object({"en": "Media", "zh_hk": "", "fr": "test"}, site.locales)
    assert found is not None
    assert found.present == ("en", "zh_hk", "fr")
    assert found.empty == ("zh_hk", "sp") and found.filled == ("en", "fr")
    assert locale_object({"title": "x", "en": "y"}, site.locales) is None
    assert locale_object("Media", site.locales) is None


def test_every_key_of_a_page_has_a_slot(site_root: Path) -> None:
    site = load_site(site_root)
    slots = list(site.slots("content/index.md"))
    paths = [s.path for s in slots]
    assert ("content_blocks", 0, "_bookshop_name") not in paths
    assert site.input_for("content/index.md", "content_blocks.0._bookshop_name").hidden
    assert not any(s.input.is_raw for s in slots)
    assert paths[:3] == [("title",), ("content_blocks",), ("content_blocks", 0)]
    assert slots[1].structures and slots[1].input.type == "array"
    items = next(s for s in slots if s.path == ("content_blocks", 1, "items"))
    assert [s.label for s in items.structures] == ["Item"]


def test_the_slots_inside_one_item_and_a_walk_that_skips_items(site_root: Path) -> None:
    site = load_site(site_root)
    whole = list(site.slots("content/index.md"))
    faq = ("content_blocks", 1)
    inside = list(site.slots("content/index.md", under=faq))
    assert inside == [s for s in whole if s.path[:2] == faq and len(s.path) > 2]
    assert inside[0].path == (*faq, "title")
    answer = next(s for s in inside if s.path == (*faq, "items", 0, "answer", "en"))
    assert answer.input.type == "html"  # the block's own inputs still decide
    asked: list[tuple[object, ...]] = []

    def descend(slot) -> bool:
        asked.append(slot.path)
        return len(slot.path) < 2  # the page's keys and its arrays, no item's keys

    shallow = [s.path for s in site.slots("content/index.md", descend=descend)]
    assert shallow == [("title",), ("content_blocks",), ("content_blocks", 0),
                       ("content_blocks", 1), ("content_blocks", 2)]
    assert asked == shallow[1:]  # asked of objects and arrays only
    assert list(site.slots("content/index.md", under=("content_blocks", 9))) == []


def test_a_list_of_values_is_a_multiselect_not_an_array(tmp_path: Path) -> None:
    root = make_site(tmp_path / "site")
    page = root / "content" / "tagged.md"
    page.write_text("---\n_inputs:\n  topics:\n    type: multiselect\n  blocks:\n"
                    "    type: multiselect\ntitle: Tagged\ntopics:\n  - news\n  - 2025\n"
                    "tags: [a, b]\nblocks:\n  - name: one\n---\n", encoding="utf-8")
    site = load_site(root)
    assert site.input_for(page, "topics").type == "multiselect"  # configured
    assert site.input_for(page, "tags").type == "multiselect"  # inferred from its name
    assert site.input_for(page, "blocks").type == "array"  # objects: not a list of values
    paths = [s.path for s in site.slots(page)]
    assert ("topics",) in paths and ("topics", 0) not in paths  # its values are one field
    assert ("blocks", 0, "name") in paths


def test_a_page_of_blocks_only(site_root: Path) -> None:
    site = load_site(site_root)
    home = ArticleDocument.load(site_root / "content" / "index.md")
    assert site.blocks_only(home.path, home.data, home.body)
    assert not site.blocks_only(home.path, home.data, "Some text.\n")  # a body of its own
    post = site_root / "content" / "posts" / "blocks.md"
    data = {"_schema": "default", "content_blocks": [{"_bookshop_name": "home/banner"}]}
    assert site.blocks_only(post, data, "")  # the post schema has no body either
    (site_root / "schemas" / "post.md").write_text(SCHEMA + "Write here.\n", encoding="utf-8")
    assert not site.blocks_only(post, data, "")  # the schema gives posts a body
    assert not site.blocks_only(post, {"title": "Empty"}, "")  # no blocks
