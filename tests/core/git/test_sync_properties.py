"""Random edits of the same article's fields on both sides: never a conflict marker, every
edit one side made alone is kept, and exactly the fields both changed differently are asked."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor.core.git.runner import Git
from editor.core.git.sync import SyncState, integrate, resolve
from tests.core.git.articles import article, path
from tests.core.git.conftest import sh

FIELDS = {"title": "title", "date_format": "date_format", "post_on_text": "post_on_text",
          "page_description": "seo.page_description"}
VALUE = st.text(alphabet="abcXYZ", min_size=1, max_size=6).map(lambda s: f"V {s}")
EDITS = st.fixed_dictionaries({}, optional=dict.fromkeys(FIELDS, VALUE))


def _repos(root: Path) -> tuple[Path, Path]:
    remote, a, b = root / "remote.git", root / "a", root / "b"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    subprocess.run(["git", "clone", "-q", str(remote), str(a)], check=True,
                   capture_output=True)
    (a / path(1)).parent.mkdir(parents=True)
    (a / path(1)).write_bytes(article(1))
    sh(a, "add", ".")
    sh(a, "commit", "-qm", "base")
    sh(a, "push", "-q", "origin", "main")
    subprocess.run(["git", "clone", "-q", str(remote), str(b)], check=True)
    return a, b


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ours=EDITS, theirs=EDITS)
def test_random_edits_on_both_sides(isolated_git: Path, ours: dict[str, str],
                                    theirs: dict[str, str]) -> None:
    assert isolated_git.exists()
    with tempfile.TemporaryDirectory() as folder:
        a, b = _repos(Path(folder))
        for clone, edits in ((b, theirs), (a, ours)):
            (clone / path(1)).write_bytes(article(1, **edits))
            sh(clone, "commit", "-qam", "edit", "--allow-empty")
        sh(b, "push", "-q", "origin", "main")
        sh(a, "fetch", "-q")
        git = Git(a)
        result = integrate(git)
        both = {k for k in ours.keys() & theirs.keys() if ours[k] != theirs[k]}
        assert {c.key for c in result.conflicts} == {FIELDS[k] for k in both} | (
            {"article_title", "question"} if "title" in both else set())
        if both:
            assert result.state is SyncState.CONFLICTS
            assert (a / path(1)).read_bytes() == article(1, **ours)  # untouched until chosen
            result = resolve(git, {(path(1), c.key): "mine" for c in result.conflicts})
        assert result.state in (SyncState.UPDATED, SyncState.UP_TO_DATE)
        expected = {**theirs, **ours}
        merged = (a / path(1)).read_bytes()
        assert b"<<<<<<<" not in merged and b">>>>>>>" not in merged
        assert merged == article(1, **expected)
        assert sh(a, "status", "--porcelain") == ""
