"""Renames that never replace another file, whichever way the platform offers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from editor.core.errors import SaveError
from editor.core.storage import safe_io


@pytest.fixture(params=["native", "link"])
def way(request, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "link":  # as on macOS, or a kernel without renameat2
        monkeypatch.setattr(safe_io, "_renameat2", lambda _old, _new: False)
    return request.param


def test_rename_moves_the_file_and_keeps_its_bytes(tmp_path: Path, way: str) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_bytes(b"---\nid: 1\n---\n")
    os.chmod(old, 0o640)
    safe_io.rename_noreplace(old, new)
    assert not old.exists() and new.read_bytes() == b"---\nid: 1\n---\n"
    assert new.stat().st_mode & 0o777 == 0o640


def test_rename_refuses_an_existing_name_and_loses_nothing(tmp_path: Path, way: str) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_bytes(b"mine")
    new.write_bytes(b"theirs")
    with pytest.raises(SaveError, match="already exists"):
        safe_io.rename_noreplace(old, new)
    assert old.read_bytes() == b"mine" and new.read_bytes() == b"theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.md", "old.md"]


def test_rename_of_a_missing_file_says_why(tmp_path: Path, way: str) -> None:
    with pytest.raises(SaveError, match="cannot rename"):
        safe_io.rename_noreplace(tmp_path / "gone.md", tmp_path / "new.md")
    assert not (tmp_path / "new.md").exists()


def test_rename_never_calls_os_rename_over_a_file(tmp_path: Path, monkeypatch) -> None:
    calls: list[tuple[object, object]] = []
    monkeypatch.setattr(os, "rename", lambda *args: calls.append(args))
    monkeypatch.setattr(os, "replace", lambda *args: calls.append(args))
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_bytes(b"mine")
    new.write_bytes(b"theirs")
    with pytest.raises(SaveError):
        safe_io.rename_noreplace(old, new)
    safe_io.rename_noreplace(old, tmp_path / "free.md")
    assert calls == [] and (tmp_path / "free.md").read_bytes() == b"mine"


ARTICLE = ("---\nid: 5\nfile_name: old-name.md\nurl: /learn/biology/questions/old-name\n---\n"
           "Body\n")


def test_rename_target_only_for_an_edited_plain_file_name(tmp_path: Path) -> None:
    from editor.core.document.article import ArticleDocument
    from editor.core.document.merge import rename_target, renamed_url

    path = tmp_path / "old-name.md"
    doc = ArticleDocument(ARTICLE, path=path)
    assert rename_target(doc, path) is None  # not edited
    doc.set("file_name", "new-name.md")
    assert rename_target(doc, path) == tmp_path / "new-name.md"
    for bad in ("../elsewhere.md", "sub/dir.md", ".hidden.md", "no-extension", "", 3):
        doc.set("file_name", bad)
        assert rename_target(doc, path) is None, bad
    mismatched = tmp_path / "other.md"  # already mismatching, file_name unedited: left alone
    assert rename_target(ArticleDocument(ARTICLE, path=mismatched), mismatched) is None
    assert renamed_url("/learn/biology/questions/old-name", path, tmp_path / "new-name.md") == (
        "/learn/biology/questions/new-name")
    assert renamed_url("/learn/biology/questions/custom", path, tmp_path / "n.md") is None
    assert renamed_url(None, path, tmp_path / "n.md") is None
