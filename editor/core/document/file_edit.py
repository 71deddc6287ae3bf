"""One file's read-edit-write, as ``set`` and ``unset`` do it to each file they are given:
under the file's lock, to the file read, only while it is still that file (read and edited
again when another program wrote it meanwhile), never through a link out of the folder."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from editor.core.document.article import ArticleDocument
from editor.core.errors import ArticleError, StaleFileError
from editor.core.storage.filelock import file_lock
from editor.core.storage.safe_io import atomic_write
from editor.core.storage.siteroot import is_site_root

log = logging.getLogger(__name__)
#: Tries of one file's edit when another program changes the file meanwhile.
EDIT_TRIES = 3


def edit_file(name: str, edit: Callable[[ArticleDocument], None], *, create: bool = False,
              common: Path | None = None) -> list[str] | None:
    """Apply ``edit`` and write the file when it changed; returns what the write could not
    keep (see safe_io.WriteResult), or None when the file already held it (not written). A
    file without front matter is written only when ``create``. ``common`` is the folder of
    all the files of one command (see ``check_inside``). Raises ArticleError when nothing
    was written."""
    for _ in range(EDIT_TRIES):
        with file_lock(name):
            doc = ArticleDocument.load(name)
            check_inside(name, doc, common or common_folder([name]))
            edit(doc)
            if not doc.modified:
                log.debug("%s already holds it; not written", name)
                return None
            if not doc.has_front_matter and not create:
                raise ArticleError("has no front matter, so it is not written (add --create "
                                   "to give it front matter)", path=name)
            assert doc.real_path is not None
            try:
                result = atomic_write(doc.real_path, doc.to_bytes(), expect=doc.stamp)
            except StaleFileError:
                log.info("%s changed while being edited: read again", name)
                continue  # another program wrote it meanwhile: read it again, edit again
        return result.warnings
    raise StaleFileError("kept changing while being edited; nothing written", path=name)


def common_folder(files: Sequence[str]) -> Path:
    """The folder all the named files lie in (as named, before links are followed)."""
    try:
        return Path(os.path.commonpath([os.path.dirname(os.path.abspath(f)) for f in files]))
    except ValueError:  # different drives
        return Path(os.path.abspath(os.sep))


def check_inside(name: str, doc: ArticleDocument, common: Path) -> None:
    """Links may lead anywhere inside the site the file is named in (or, outside a site,
    inside the folder of all the files named), never out of it: a bulk edit must not write
    the user's other files through a link to a file or a folder."""
    if doc.real_path is None:
        return
    named = Path(os.path.abspath(name))
    site = next((p for p in named.parents if is_site_root(p)), None)
    root = Path(os.path.realpath(site if site is not None else common))
    if not doc.real_path.is_relative_to(root):
        raise ArticleError(f"leads through a link to a file outside {root} "
                           f"({doc.real_path}), so it is not written; name that file itself "
                           "to edit it", path=name)
