"""Per-user folders (config, cache, recovery data, logs). Tests redirect them by environment."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import platformdirs

APP = "article-editor"


def _dir(env: str, default: str, required: bool = True) -> Path:
    path = Path(os.environ.get(env) or default)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        if required:
            raise
    return path


def config_dir() -> Path:
    return _dir("ARTICLE_EDITOR_CONFIG_DIR", platformdirs.user_config_dir(APP))


def cache_dir() -> Path:
    """Where the index caches are kept. A folder that cannot be made (under a read-only
    folder, or where a file is) is named all the same: what is cached there is only a cache,
    kept in memory where it cannot be written (see ``index.rowstore``)."""
    return _dir("ARTICLE_EDITOR_CACHE_DIR", platformdirs.user_cache_dir(APP), required=False)


def cache_path_for(root: Path) -> Path:
    """The index cache of one content folder (its kept reports lie beside it)."""
    digest = hashlib.sha1(os.fsencode(root.resolve())).hexdigest()[:16]
    return cache_dir() / f"index-{digest}.sqlite"


def data_dir() -> Path:
    return _dir("ARTICLE_EDITOR_DATA_DIR", platformdirs.user_data_dir(APP))


def log_dir() -> Path:
    """Where the log file is written (Help > Open Log Folder shows it)."""
    return _dir("ARTICLE_EDITOR_LOG_DIR", platformdirs.user_log_dir(APP))
