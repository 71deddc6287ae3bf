"""The built wheel, installed into a fresh virtual environment, works from any folder.

The slow test builds the wheel from a clean copy of the source (a stale build/ folder could
hide a missing file), installs it with its dependencies from the package index into a venv
that sees neither this checkout nor the development venv, and runs ``article-editor`` from a
temporary folder as a user would.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "packaging"))
from bundle_common import resource_datas

SLEEP = "content/learn/psychology/how-does-sleep-affect-emotional-regulation.md"
#: Not part of the wheel's sources: left out of the copy it is built from.
NOT_SOURCE = (".venv", "build", "dist", ".git", "*.egg-info", "__pycache__", ".pytest_cache",
              ".ruff_cache", ".hypothesis", "tests", "benchmarks", "docs")


def resource_files() -> set[str]:
    res = ROOT / "resources"
    return {p.relative_to(res).as_posix() for p in res.rglob("*") if p.is_file()}


def test_bundle_ships_every_resource() -> None:
    shipped = {Path(src).resolve() for src, _dest in resource_datas(ROOT)}
    top = {p.resolve() for p in (ROOT / "resources").iterdir()}
    assert shipped == top
    assert all(dest.startswith("resources") for _src, dest in resource_datas(ROOT))


def test_the_wheel_lists_every_package_of_the_source() -> None:
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
                 ["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for p in (ROOT / "editor").rglob("__init__.py")}
    assert found <= listed, f"not in pyproject.toml's packages: {sorted(found - listed)}"


def test_source_tree_and_editable_install_read_resources_in_place() -> None:
    from editor.resources import resource_path, resources_dir, sample_folder

    assert resources_dir() == ROOT / "resources"
    assert resource_path("schema", "quicktakes.yaml").is_file()
    assert sample_folder() == ROOT / "resources" / "sample-content"


def test_a_bundle_reads_resources_beside_the_frozen_modules(tmp_path: Path, monkeypatch) -> None:
    from editor.resources import resources_dir

    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources_dir() == tmp_path / "resources"


def _run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600, **kwargs)


def _ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("wheel")
    src = base / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    _ok(_run([sys.executable, "-m", "build", "--wheel", "--outdir", str(base / "dist"),
              str(src)]))
    (built,) = (base / "dist").glob("article_editor-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv (no system or development site-packages) holding the wheel and its
    dependencies. pip runs from this interpreter against the new one (``--python``), which
    saves seeding the venv with a pip of its own."""
    target = tmp_path_factory.mktemp("venv") / "venv"
    _ok(_run([sys.executable, "-m", "venv", "--without-pip", str(target)]))
    python = target / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    _ok(_run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
              str(wheel)]))
    return target


@pytest.mark.slow
def test_wheel_holds_every_resource(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = {n.removeprefix("editor/data/") for n in archive.namelist()
                 if n.startswith("editor/data/")}
    assert names == resource_files()


@pytest.mark.slow
def test_installed_wheel_runs_outside_the_source_tree(venv: Path, tmp_path: Path) -> None:
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python, program = str(bin_dir / "python"), str(bin_dir / "article-editor")
    work = tmp_path / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PATH"] = str(bin_dir) + os.pathsep + env.get("PATH", "")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return _run(list(args), cwd=work, env=env)

    # The wheel's own copy is imported, and finds its resources inside the venv.
    found = _ok(run(python, "-c", "import editor, editor.resources as r; print(editor.__file__);"
                    " print(r.resources_dir())")).stdout.splitlines()
    package, resources = Path(found[0]).resolve(), Path(found[1]).resolve()
    assert package.is_relative_to(venv.resolve()) and resources.is_relative_to(venv.resolve())
    assert not package.is_relative_to(ROOT)
    site = work / "site"
    shutil.copytree(resources / "sample-content", site)
    article = site / SLEEP

    assert _ok(run(program, "get", "title", str(article))).stdout == (
        "How does sleep affect emotional regulation?\n")

    before = article.read_text("utf-8")
    _ok(run(program, "set", "seo.title", "Sleep | QuickTakes", str(article)))
    changed = [ln for ln in difflib.unified_diff(before.splitlines(True),
                                                 article.read_text("utf-8").splitlines(True), n=0)
               if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]
    assert changed == ["-  title: QuickTakes | Psychology\n", "+  title: Sleep | QuickTakes\n"]

    clean = run(program, "check", str(site), "--format", "json")
    assert clean.returncode == 0, clean.stderr
    assert json.loads(clean.stdout) == {"articles": 14, "files": 14, "problems": []}
    _ok(run(program, "set", "related_article1.id", "99999", str(article)))
    broken = run(program, "check", str(site), "--format", "json")
    assert broken.returncode == 1, broken.stderr
    report = json.loads(broken.stdout)
    assert report["articles"] == 14
    assert [(p["file"], p["code"], p["severity"]) for p in report["problems"]] == [
        (SLEEP, "related-broken", "error")]

    # The site's Markdown and math, from the installed package: render, KaTeX and ziamath.
    _ok(run(program, "set", "answer", "Steps:\\n1. one\\n   - two\\n\\n$$\\nx^2\\n$$",
            str(article)))
    rendered = json.loads(_ok(run(program, "render", "--format", "json", str(article))).stdout)
    assert rendered == {"file": str(article), "html": (
        "<p>Steps:</p>\n<ol>\n<li>one\n<ul>\n<li>two</li>\n</ul>\n</li>\n</ol>\n"
        '<div class="math display">x^2</div>\n')}
    drawn = _ok(run(python, "-c", "from editor.core.render.math import katex_error, formula;"
                    " print(katex_error('\\\\frac{1}{', False) is not None,"
                    " formula('x^2', True).width > 0)")).stdout.split()
    assert drawn == ["True", "True"]

    smoke = _ok(run(program, "--smoke-test"))  # on the wheel's own sample
    result = json.loads(smoke.stdout.strip().splitlines()[-1])
    assert result["articles"] == 14 and result["opened"].endswith(".md")
    assert result["preview_chars"] > 0

    # The window's first folder is the writer's own copy of the sample, not the package's.
    first = _ok(run(python, "-c", "from editor.app import start_folder;"
                    " print(start_folder(None, ''))")).stdout.strip()
    data = Path(os.environ["ARTICLE_EDITOR_DATA_DIR"])
    assert Path(first) == data / "sample-content"
    assert len(list(Path(first).rglob("*.md"))) == 14

    helped = _ok(run(program, "--help")).stdout
    assert "get" in helped and "-style" in helped

    log_text = (Path(os.environ["ARTICLE_EDITOR_LOG_DIR"]) / "article-editor.log").read_text()
    assert f"wrote {article}" in log_text
