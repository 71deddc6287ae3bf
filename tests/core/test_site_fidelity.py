"""Ours against the site's own renderer, block by block: every answer of the real sample and
every case in ``render_cases``. Runs where Node.js and ../shared are present."""

from __future__ import annotations

from pathlib import Path

import pytest

from editor.core.render.answer import NoAnswerError, render_file
from editor.core.render.markdown import render_stored
from tests.conftest import CORPORA
from tests.core.render_cases import CASES
from tests.site_render import first_difference, site_html, site_render_missing

SAMPLE = CORPORA / "quicktakes-sample" / "content"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", autouse=True)
def _reference() -> None:
    missing = site_render_missing()
    if missing:
        pytest.skip(missing)


def _stored_answers() -> dict[str, str]:
    from editor.core.document.article import ArticleDocument

    answers = {}
    for path in sorted(SAMPLE.rglob("*.md")):
        doc = ArticleDocument.load(path)
        answer = doc.get("answer") if doc.has("answer") else None
        if isinstance(answer, str):
            answers[str(path.relative_to(SAMPLE))] = answer
    return answers


def test_every_answer_of_the_sample_renders_as_the_site_renders_it() -> None:
    if not SAMPLE.is_dir():
        pytest.skip("../shared/corpora/quicktakes-sample is not present")
    answers = _stored_answers()
    site = site_html(answers)
    differ = {name: d for name, raw in answers.items()
              if (d := first_difference(render_stored(raw).html, site[name]))}
    same = 1 - len(differ) / len(answers)
    listing = "\n".join(f"{name}: {d}" for name, d in sorted(differ.items()))
    print(f"{len(answers) - len(differ)} of {len(answers)} answers identical ({same:.2%})")
    assert len(answers) > 1500
    assert same >= 0.99, f"{len(differ)} answers differ from the site:\n{listing}"


def test_what_writers_type_renders_as_the_site_renders_it() -> None:
    raws = {name: text.replace("\n", "\\n") for name, text in CASES.items()}
    site = site_html(raws)
    differ = {name: d for name, raw in raws.items()
              if (d := first_difference(render_stored(raw).html, site[name]))}
    assert not differ, "\n".join(f"{name}: {d}" for name, d in differ.items())


def test_the_render_command_gives_what_the_site_gives(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: T\nanswer: >-\n  Terms:\\n- $x^2$\\n- ~y~\n---\n\n&nbsp;")
    try:
        ours = render_file(path).html
    except NoAnswerError:  # pragma: no cover - the file above has one
        raise
    site = site_html({"a": "Terms:\\n- $x^2$\\n- ~y~"})["a"]
    assert first_difference(ours, site) is None
