"""Atomic writes: temp file in the same folder, fsync, os.replace, permission bits kept;
renames that never replace another file."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import stat
import sys
import tempfile
from pathlib import Path

from editor.core.errors import SaveError


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _synced_temp(folder: Path, name: str, data: bytes, mode: int) -> str:
    """A hidden temporary file in ``folder`` holding ``data``, flushed to disk, with ``mode``.

    Returns its path; the caller moves it into place or removes it. On failure it is removed
    here and the OSError propagates.
    """
    fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp_name, mode)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    return tmp_name


def atomic_write(path: Path | str, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that the file is always either old or new.

    On any failure the original file is untouched and SaveError says why.
    """
    path = Path(path)
    target = path.resolve() if path.is_symlink() else path
    folder = target.parent
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    except OSError as exc:
        raise SaveError(f"cannot save: {exc.strerror or exc}", path=path) from None
    else:
        if _read_only(target, mode):
            raise SaveError("the file is read-only (its permissions forbid writing); nothing "
                            "was written", path=path)
    tmp_name = None
    try:
        tmp_name = _synced_temp(folder, target.name, data, mode)
        os.replace(tmp_name, target)
        tmp_name = None
        _fsync_dir(folder)
    except OSError as exc:
        raise SaveError(
            f"cannot save: {exc.strerror or exc}; the file on disk is unchanged", path=path
        ) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


def _read_only(path: Path, mode: int) -> bool:
    """Whether the file itself may not be written by us. Replacing it goes through its folder,
    so the file's own permission must be checked here; root may write anything, so a file
    with no write bit at all counts as read-only for root too."""
    return mode & 0o222 == 0 or not os.access(path, os.W_OK)


def is_read_only(path: Path | str) -> bool:
    """Whether atomic_write would refuse ``path`` as read-only (False when it does not exist)."""
    target = Path(path)
    try:
        target = target.resolve() if target.is_symlink() else target
        return _read_only(target, stat.S_IMODE(target.stat().st_mode))
    except OSError:
        return False


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_create(path: Path | str, data: bytes) -> None:
    """Create ``path`` with ``data``, complete or not at all; never replaces an existing file.

    The bytes go to a synced temporary file first, which is then hard-linked into place (the
    link fails if the name exists). Where hard links are not supported, an exclusive create
    is used instead. Raises SaveError (FileExistsError's message when the file exists).
    """
    path = Path(path)
    tmp_name = None
    try:
        tmp_name = _synced_temp(path.parent, path.name, data, 0o666 & ~_umask())
        try:
            os.link(tmp_name, path)
        except FileExistsError:
            raise
        except OSError:  # no hard links here (some network or FAT drives)
            with open(path, "xb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        _fsync_dir(path.parent)
    except FileExistsError:
        raise SaveError("already exists; not overwritten", path=path) from None
    except OSError as exc:
        raise SaveError(f"cannot create: {exc.strerror or exc}", path=path) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)


_RENAME_NOREPLACE = 1
_AT_FDCWD = -100


def _renameat2(old: str, new: str) -> bool:
    """Linux's renameat2(RENAME_NOREPLACE); False where the kernel, libc or file system lacks
    it, FileExistsError when ``new`` exists."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        func = libc.renameat2
    except (OSError, AttributeError):
        return False
    func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                     ctypes.c_uint]
    if func(_AT_FDCWD, os.fsencode(old), _AT_FDCWD, os.fsencode(new), _RENAME_NOREPLACE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):  # not here: try another way
        return False
    raise OSError(code, os.strerror(code), new)


def rename_noreplace(old: Path | str, new: Path | str) -> None:
    """Give ``old`` the name ``new`` in one step, never replacing an existing ``new``.

    Uses renameat2(RENAME_NOREPLACE) on Linux, a hard link then an unlink elsewhere (the link
    fails if the name exists), and on Windows ``os.rename``, which never replaces there. A new
    name differing only in case (the same file on case-insensitive disks) is a plain rename.
    Raises SaveError; when the name is taken, the message says so and ``old`` is untouched.
    """
    old, new = Path(old), Path(new)
    try:
        # Windows' rename never replaces; Foo.md -> foo.md is one file on case-blind disks.
        if os.name == "nt" or (new.exists() and os.path.samefile(old, new)):
            os.rename(old, new)
        elif not _renameat2(str(old), str(new)):
            os.link(old, new)
            try:
                os.unlink(old)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(new)
                raise
        _fsync_dir(new.parent)
        if old.parent != new.parent:
            _fsync_dir(old.parent)
    except FileExistsError:
        raise SaveError(f"a file named “{new.name}” already exists there; not renamed",
                        path=old) from None
    except OSError as exc:
        raise SaveError(f"cannot rename to “{new.name}”: {exc.strerror or exc}",
                        path=old) from None
