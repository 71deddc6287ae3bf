from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor.core.document import derive
from editor.core.document.codecs import BackslashNewlineCodec, get_codec
from editor.core.document.schema import article_schema

codec = BackslashNewlineCodec()


@pytest.mark.parametrize(
    ("stored", "edited"),
    [
        ("a\\nb", "a\nb"),
        ("1. x\\n\\n2. y", "1. x\n\n2. y"),
        ("", ""),
        ("no breaks", "no breaks"),
        ("trailing\\n", "trailing\n"),
    ],
)
def test_answer_codec_cases(stored: str, edited: str) -> None:
    assert codec.decode(stored) == edited
    assert codec.encode(edited) == stored


def test_answer_codec_normalises_typed_line_endings() -> None:
    assert codec.encode("a\r\nb\rc") == "a\\nb\\nc"
    assert codec.decode(None) is None and codec.encode(3) == 3


@given(st.text().filter(lambda t: "\\n" not in t and "\r" not in t))
def test_answer_codec_round_trip(text: str) -> None:
    assert codec.decode(codec.encode(text)) == text


def test_schema_names_the_codec_not_the_writer() -> None:
    schema = article_schema()
    assert schema.codec_for("answer").name == "backslash-n"
    assert schema.codec_for("question").name == "plain"
    assert get_codec(None).name == "plain"
    assert schema.field("seo.page_description").max_length == 160
    assert schema.field("seo.title").max_length == 60
    assert schema.related_keys()[-1] == "related_article5"


@pytest.mark.parametrize(
    ("question", "slug"),
    [
        ("What is non-REM sleep?", "what-is-nonrem-sleep"),
        ("f(x) = (x + q)^n?", "fx--x--qn"),
        ("What are the indicators of a successful coaching relationship?",
         "what-are-the-indicators-of-a-successful-coaching-relationship"),
    ],
)
def test_slug(question: str, slug: str) -> None:
    assert derive.slugify(question) == slug
    assert derive.file_name(question) == slug + ".md"


def test_derivations() -> None:
    assert derive.subject_slug("Education Studies") == "education-studies"
    assert derive.url("Education Studies", "Why?") == "/learn/education-studies/questions/why"
    assert derive.seo_title("Psychology") == "QuickTakes | Psychology"
    assert derive.derive("file_name", subject="S", question="A b") == "a-b.md"
