"""Shared test set-up: headless Qt, settings and caches in temp dirs, corpus location."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE = ROOT / "resources" / "sample-content"
CORPORA = ROOT.parent / "shared" / "corpora"


def corpus_files() -> list[Path]:
    """Every Markdown file of the real corpora, or [] when ../shared is absent."""
    if not CORPORA.is_dir():
        return []
    return sorted(p for p in CORPORA.rglob("*.md") if p.is_file())


def fixture_files() -> list[Path]:
    return sorted(p for p in FIXTURES.rglob("*.md") if p.is_file())


def sample_files() -> list[Path]:
    return sorted(SAMPLE.rglob("*.md"))


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Never touch the real user's config, cache, recovery or log folders."""
    base = tmp_path_factory.mktemp("appdirs")
    monkeypatch.setenv("ARTICLE_EDITOR_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("ARTICLE_EDITOR_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("ARTICLE_EDITOR_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("ARTICLE_EDITOR_LOG_DIR", str(base / "log"))
    return base


@pytest.fixture
def corpus() -> list[Path]:
    files = corpus_files()
    if not files:
        pytest.skip("../shared/corpora is not present")
    return files
