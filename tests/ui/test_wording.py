"""Errors in the writer's words."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.document.article import ArticleDocument
from editor.core.document.wording import failure_text, plain_problem
from editor.core.errors import ArticleError, NotUtf8Error, VerificationError

CASES = {
    "---\ntitle: [oops\n---\n": ("line 2, column 8", "never closed with ]"),
    "---\ntitle: \"open\nid: 1\n---\n": ("line 2, column 8", "quote that is never closed"),
    "---\na: 1\nb: c: d\n---\n": ("line 3, column 5", "a colon ( : ) inside a value"),
    "---\na: 1\n\tb: 2\n---\n": ("line 3", "tab character"),
    "---\nrun: !!python/object/apply:os.system ['x']\n---\n": (
        "line 2", "a tag (!!python/object/apply:os.system) the editor does not read"),
}


@pytest.mark.parametrize("text", sorted(CASES))
def test_yaml_errors_in_plain_words(tmp_path: Path, text: str) -> None:
    where, what = CASES[text]
    path = tmp_path / "article.md"
    path.write_text(text)
    with pytest.raises(ArticleError) as caught:
        ArticleDocument.load(path)
    message = failure_text(caught.value)
    assert message.startswith(f"article.md, {where}") and what in message, message
    assert "YAML" not in message and "scalar" not in message and "mapping" not in message


def test_keys_become_labels() -> None:
    error = VerificationError("the edited text re-parses differently at 'related_article5.id'"
                              "; nothing was written", path="a.md")
    assert failure_text(error, saving=True) == (
        "a.md: the edited text re-parses differently at “Related 5: Id”; nothing was written.")
    assert plain_problem("no key 'not_a_field'") == "no key 'not_a_field'"


def test_not_utf8_says_it_is_never_written() -> None:
    text = failure_text(NotUtf8Error("byte 0xe9 is not valid UTF-8", path="x.md", line=2,
                                     column=8))
    assert text.startswith("x.md, line 2, column 8: byte 0xe9") and "never written" in text
