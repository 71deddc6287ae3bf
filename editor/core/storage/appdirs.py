"""Per-user folders (config, cache, recovery data, logs). Tests redirect them by environment."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "article-editor"


def _dir(env: str, default: str) -> Path:
    path = Path(os.environ.get(env) or default)
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    return _dir("ARTICLE_EDITOR_CONFIG_DIR", platformdirs.user_config_dir(APP))


def cache_dir() -> Path:
    return _dir("ARTICLE_EDITOR_CACHE_DIR", platformdirs.user_cache_dir(APP))


def data_dir() -> Path:
    return _dir("ARTICLE_EDITOR_DATA_DIR", platformdirs.user_data_dir(APP))


def log_dir() -> Path:
    """Where the log file is written (Help > Open Log Folder shows it)."""
    return _dir("ARTICLE_EDITOR_LOG_DIR", platformdirs.user_log_dir(APP))
