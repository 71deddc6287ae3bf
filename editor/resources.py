"""Locate bundled resources: in an installed wheel, the source tree and a PyInstaller build.

The files live in the repository's top-level ``resources/`` folder. A wheel ships that folder
as ``editor/data/`` (pyproject.toml maps it), a PyInstaller bundle as ``resources/`` beside the
frozen modules (packaging/bundle_common.py), and the source tree and an editable install read
it where it is.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from pathlib import Path

from editor.core.storage import appdirs

log = logging.getLogger(__name__)
PACKAGE = Path(__file__).resolve().parent
#: The name of the user's own copy of the sample, in the user data folder.
SAMPLE_COPY = "sample-content"


def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    installed = PACKAGE / "data"
    if installed.is_dir():
        return installed
    return PACKAGE.parent / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def sample_folder() -> Path:
    """The sample shipped with the program: read it, never write it."""
    return resource_path("sample-content")


def is_bundled_sample(folder: Path) -> bool:
    try:
        return folder.resolve() == sample_folder().resolve()
    except OSError:
        return False


def user_sample_folder() -> Path:
    """The writer's own copy of the sample, made on first use; an existing copy is kept.

    The copy is assembled in a temporary folder beside it and renamed into place, so a copy
    cut short never passes for a whole one.
    """
    target = appdirs.data_dir() / SAMPLE_COPY
    if target.exists():
        return target
    staging = Path(tempfile.mkdtemp(prefix=".sample-", dir=target.parent))
    try:
        shutil.copytree(sample_folder(), staging / SAMPLE_COPY)
        try:
            (staging / SAMPLE_COPY).rename(target)
        except OSError:
            if not target.is_dir():  # not another process's copy made meanwhile
                raise
        else:
            log.info("copied the sample folder to %s", target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target
