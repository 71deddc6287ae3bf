"""The site checks: unknown blocks, missing images, empty translations, missing collections
and input types that contradict the Q&A schema, on a small site and on the real sample."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from editor.cli import main
from editor.core.checks.folder_checks import check_folder
from editor.core.checks.recheck import recheck
from editor.core.checks.site_checks import check_site
from editor.core.index.catalog import Catalog
from editor.core.index.folder_index import FolderIndex
from tests.core.site_fixture import SHARED_SITE, make_site


@pytest.fixture
def site_root(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site")


def test_each_code_on_a_small_site(site_root: Path) -> None:
    report = check_site(site_root)
    assert report.pages == 2 and report.images == 3  # the article is not read
    found = [(p.file, p.line, p.code) for p in report.problems]
    assert found == [
        ("cloudcannon.config.yml", 29, "input-type-mismatch"),
        ("content/index.md", 6, "locale-empty"),  # one per language: fr, zh_hk, sp
        ("content/index.md", 11, "locale-empty"),
        ("content/index.md", 11, "locale-empty"),
        ("content/index.md", 41, "block-unknown"),
        ("content/index.md", 47, "image-missing"),
    ]
    by_code = {p.code: p for p in report.problems}
    assert by_code["block-unknown"].message == (
        "content_blocks.2: no component is named “education/media” "
        "(did you mean “education/Media/media”?)")
    assert by_code["block-unknown"].severity == "error"
    assert by_code["image-missing"].key == "content_blocks.[2].items.[1].image"
    assert by_code["input-type-mismatch"].message == (
        "_inputs.answer.type is html, but the Q&A articles' answer is markdown")
    assert [p.message for p in report.problems[1:4]] == [
        "fr is empty in 6 fields written in other languages (the first: "
        "content_blocks.0.contentTitle)",
        "zh_hk is empty in 4 fields written in other languages (the first: "
        "content_blocks.0.buttonTxt)",
        "sp is empty in 4 fields written in other languages (the first: "
        "content_blocks.0.buttonTxt)"]
    assert report.problems[1].key == "content_blocks.[0].contentTitle"  # where it goes
    assert report.problems[1].text == "6 fields of this page have no fr text"


def test_missing_collections_and_images_in_the_body(site_root: Path) -> None:
    config = site_root / "cloudcannon.config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("path: content/learn",
                                                                 "path: content/lessons")
                      + "collection_groups:\n  - heading: Blogging\n    collections:\n"
                        "      - posts\n      - blog\n", encoding="utf-8")
    post = site_root / "content/posts/a-post.md"
    post.write_text(post.read_text(encoding="utf-8") + "\n![a chart](/uploads/chart.png)\n"
                    '<img src="https://example.com/x.png">\n', encoding="utf-8")
    report = check_site(site_root)
    codes = Counter(p.code for p in report.problems)
    assert codes["collection-missing"] == 2 and codes["image-missing"] == 2
    missing = [p for p in report.problems if p.code == "collection-missing"]
    assert [p.message for p in missing] == [
        "collection “learn”: its folder “content/lessons” does not exist",
        "collection_groups names “posts”, which collections_config does not define"]
    body = next(p for p in report.problems if p.key == "body")
    assert (body.file, body.line) == ("content/posts/a-post.md", 18)
    # without the static folder, images cannot be checked: none is reported
    shutil.rmtree(site_root / "public")
    assert not [p for p in check_site(site_root).problems if p.code == "image-missing"]


def test_the_folder_check_runs_the_site_checks_and_a_save_rechecks_them(
        site_root: Path) -> None:
    index = FolderIndex(site_root)
    try:
        entries = index.refresh()
    finally:
        index.close()
    catalog = Catalog(entries.values(), site_root)
    report = check_folder(entries, catalog, site_root=site_root)
    assert Counter(p.code for p in report.problems)["locale-empty"] == 3
    assert [p.file for p in report.problems] == sorted(p.file for p in report.problems)
    assert not [p for p in check_folder(entries, catalog).problems if p.code == "locale-empty"]
    page = site_root / "content/index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("education/media",
                                                             "education/Media/media"),
                    encoding="utf-8")
    again = recheck(report, entries, catalog, ["content/index.md"], [])
    assert "block-unknown" not in Counter(p.code for p in again.problems)
    assert Counter(p.code for p in again.problems)["locale-empty"] == 3


def test_the_check_command_reports_the_site_and_notices_a_changed_component(
        site_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["check", str(site_root)]) == 1
    out = capsys.readouterr().out
    assert "block-unknown" in out and "input-type-mismatch" in out
    media = site_root / "component-library/components/education/media/media.bookshop.yml"
    media.parent.mkdir(parents=True)
    media.write_text("spec:\n  structures: [content_blocks]\nblueprint:\n  title: x\n",
                     encoding="utf-8")
    main(["check", str(site_root)])  # the new component: checked again, not the kept report
    out = capsys.readouterr().out
    assert "block-unknown" not in out and "input-type-mismatch" in out


@pytest.mark.skipif(SHARED_SITE is None, reason="../shared/corpora is not present")
def test_the_real_sample_counts() -> None:
    assert SHARED_SITE is not None
    report = check_site(SHARED_SITE)
    assert report.pages == 43
    assert report.images == 107  # 101 in front matter, 6 in bodies (2 more are web addresses)
    counts = Counter(p.code for p in report.problems)
    # the sample holds no public/ folder: its images cannot be checked here
    assert counts == {"block-unknown": 4, "collection-missing": 4, "input-type-mismatch": 1,
                      "locale-empty": 8}  # one per page: fr, 188 fields in all
    fields = sum(int(p.message.split(" in ")[1].split()[0]) for p in report.problems
                 if p.code == "locale-empty")
    assert fields == 188
    unknown = sorted(p.message.split("“")[1].split("”")[0] for p in report.problems
                     if p.code == "block-unknown")
    assert unknown == ["education/bookmentions", "education/media", "learn/header",
                       "learn/subjects"]
